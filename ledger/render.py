"""``factcheck check``'s two output modes as lines of text, made from plain
column lists in one pass (not a frame per subject group: pandas deep-copies
a frame's ``attrs``, the findings' notes, for every group it makes, and a
100k-claim ledger has ~20k subjects).  The CLI prints them."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck import is_open_contradiction

_ENCODE = json.encoder.encode_basestring  # the C encoder of json.dumps(ensure_ascii=False)


def finding_lines(found: pd.DataFrame) -> Iterator[str]:
    """The text report: per subject (sorted), each finding on two lines
    (severity, kind, id, decision; then its explanation), then one line of
    counts."""
    cols = {c: found[c].tolist() for c in ("subject", "kind", "rule", "result", "status", "decision", "reviewer",
                                           "severity_label", "severity", "conflict_id", "explanation")}
    subjects = found["subject"]
    codes, names = pd.factorize(subjects, sort=True)  # missing subjects get -1 and are not listed (as groupby)
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    last = -1
    for i in order.tolist():
        if codes[i] != last:
            last = codes[i]
            yield f"== {names[last] or '(no subject)'}"
        kind = cols["kind"][i]
        what = f"{kind}:{cols['rule'][i]} {cols['result'][i]}" if kind == "arithmetic" else kind
        state = (f" [resolved: {cols['decision'][i]} by {cols['reviewer'][i]}]"
                 if cols["status"][i] == "resolved" else "")
        yield f"  {cols['severity_label'][i]:<6} {cols['severity'][i]:.2f} {what} {cols['conflict_id'][i]}{state}"
        yield f"      {cols['explanation'][i]}"
    counts = {str(k): int(n) for k, n in found["kind"].value_counts().items()}
    summary = ", ".join(f"{counts[k]} {k}" for k in sorted(counts))
    yield (f"{len(found)} findings ({summary or 'none'}); "
           f"{int(is_open_contradiction(found).sum())} open contradiction(s) or failed rule(s)")


def json_lines(found: pd.DataFrame) -> Iterator[str]:
    """One JSON object per finding, as ``json.dumps(row, ensure_ascii=False)``
    writes it: every column, NaN and +-inf (an open bound) as null, and
    ``claims`` as a list of claim ids.  Each column's distinct values are
    encoded once (most columns hold few), as ``"key": value`` pieces; a row
    is its pieces joined."""
    keys = list(found.columns)
    if not keys or not len(found):
        return iter(())
    pieces = [_pieces(found[c], str(c)) for c in keys]
    pieces[0] = ["{" + p for p in pieces[0]]
    pieces[-1] = [p + "}" for p in pieces[-1]]
    return map(", ".join, zip(*pieces))


#: Columns whose values are (nearly) all distinct: encoded value by value, not through their distinct values.
_DISTINCT = ("conflict_id", "explanation")


def _pieces(col: pd.Series, name: str) -> list[str]:
    """``"name": <JSON of the value>`` for every value of one column."""
    key = json.dumps(name, ensure_ascii=False) + ": "
    plain = pd.api.types.is_string_dtype(col.dtype) and not col.isna().any()
    if name == "claims" and plain and col.str.fullmatch(r"[A-Za-z0-9_.;-]*").all():  # ids: nothing to escape
        return [key + '["' + v.replace(";", '", "') + '"]' for v in col.tolist()]
    if name in _DISTINCT and plain:
        return list(map(key.__add__, map(_ENCODE, col.tolist())))
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    encoded = [key + _json(v, name) for v in uniques.tolist()] + [key + "null"]  # code -1: a missing value
    return np.asarray(encoded, dtype=object)[codes].tolist()


def _json(value: Any, name: str) -> str:
    if name == "claims" and isinstance(value, str):
        return "[" + ", ".join(map(_ENCODE, value.split(";"))) + "]"
    if isinstance(value, str):
        return _ENCODE(value)
    if isinstance(value, float):
        return repr(value) if np.isfinite(value) else "null"
    return json.dumps(value, ensure_ascii=False, default=str)
