"""The row-by-row validation of a ledger, as it was before it was
vectorised (commit 47cdc2f): the oracle the fast paths are tested against.

Reading goes through the line-tracking reader only (``csvio.read_table``;
the sources table with its fast path turned off); the pandera model checks
periods and confidence_detail one cell at a time; the row rules, the checks
across rows, the span checks against the articles and the precision warning
loop over rows; article paths are confined one by one by resolving them.
What did not change (the explanations, ``_problems``, the overlap warning)
is the library's own.  Nothing here is fast, on purpose.
"""
from __future__ import annotations

import contextlib
import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ledger.claims import rules as R
from ledger.claims import schema as S
from ledger.claims.store import LEDGER_SPEC, LoadedLedger, _typed
from ledger.claims.validate import EXCERPT, ValidationReport, _locate, _quiet
from ledger.claims.warn import _surface_digits, metric_to_classify, overlapping_spans, significant_digits
from ledger.csvio import read_table
from ledger.errors import Code, InputUnreadable, InvalidValue, LedgerError, Problem
from ledger.record import COLUMN_SPECS, claim_id, value_range
from ledger.record import dimension as _dimension
from ledger.sources import table as sources_table
from ledger.sources.paths import _outside
from ledger.sources.table import SOURCE_COLUMNS, find_sources, read_sources
from ledger.textio import decode_bytes
from ledger.units import DIMENSION_UNITS, KIND_UNITS, LEDGER_UNITS

# --------------------------------------------------------------------------- reading


def load_slow(path: str | Path, name: str | None = None) -> LoadedLedger:
    return _typed(read_table(path, LEDGER_SPEC, name=name, hint="check the path (the default is ./claims.csv)"))


@contextlib.contextmanager
def slow_sources() -> Iterator[None]:
    """read_sources by the line-tracking reader only."""
    fast = sources_table._read_fast
    sources_table._read_fast = lambda *a, **k: None
    try:
        yield
    finally:
        sources_table._read_fast = fast


# --------------------------------------------------------------------------- the row rules, one row at a time


def _kind_unit_ok(df):
    return pd.Series([k not in KIND_UNITS or u not in LEDGER_UNITS or u in KIND_UNITS[k]
                      for k, u in zip(df["kind"], df["unit"])], index=df.index, dtype=bool)


def _metric_unit_ok(df):
    out = []
    for m, u in zip(df["metric"], df["unit"]):
        dim = _dimension(m)
        out.append(dim is None or u not in LEDGER_UNITS or u in DIMENSION_UNITS[dim])
    return pd.Series(out, index=df.index, dtype=bool)


def _in_range(metric: str, unit: str, v: float) -> bool:
    rng, dim = value_range(metric), _dimension(metric)
    fits = dim is not None and unit in DIMENSION_UNITS[dim] and unit != "percentage_point"
    return math.isnan(v) or rng is None or not fits or rng[0] <= v <= rng[1]


def _range_ok(column: str):
    def ok(df):
        out = []
        for m, u, v, x in zip(df["metric"], df["unit"], df["value"], df[column]):
            out.append(_in_range(m, u, x) or (column != "value" and not _in_range(m, u, v)))
        return pd.Series(out, index=df.index, dtype=bool)

    return ok


def _confidence_ok(df):
    out = []
    for c, d in zip(df["confidence"], df["confidence_detail"]):
        try:
            detail = R.parse_confidence_detail(d) if d else None
        except ValueError:
            detail = None
        out.append(math.isnan(c) or not detail or abs(c - min(detail.values())) < 1e-6)
    return pd.Series(out, index=df.index, dtype=bool)


_SLOW_OK = {
    (Code.KIND_UNIT, "unit"): _kind_unit_ok, (Code.METRIC_UNIT, "unit"): _metric_unit_ok,
    (Code.VALUE_RANGE, "value"): _range_ok("value"), (Code.VALUE_RANGE, "value_low"): _range_ok("value_low"),
    (Code.VALUE_RANGE, "value_high"): _range_ok("value_high"),
    (Code.CONFIDENCE_MISMATCH, "confidence"): _confidence_ok,
}
#: The rules with the old tests where they changed (the others were already column expressions).
RULES = [replace(r, ok=_SLOW_OK.get((r.code, r.field), r.ok)) for r in R.RULES]


def _column(name: str, kind: str) -> pa.Column:
    vocab = R.vocabularies()
    checks: list[pa.Check] = []
    if kind == "int":
        checks.append(pa.Check(lambda s: s >= 0, name=Code.NEGATIVE_OFFSET))
        return pa.Column("int64", checks, nullable=False)
    if kind == "float":
        checks.append(pa.Check(lambda s: ~s.isin([math.inf, -math.inf]), name=Code.NOT_FINITE))
        if name == "confidence":
            checks.append(pa.Check(lambda s: s.isna() | s.between(0, 1), name=Code.CONFIDENCE_RANGE))
        return pa.Column("float64", checks, nullable=True)
    if name in vocab:
        allowed = set(vocab[name]) | ({""} if name == "metric" else set())
        if name != "metric":
            checks.append(pa.Check(lambda s: s != "", name=Code.REQUIRED))
        checks.append(pa.Check(lambda s, a=frozenset(allowed): (s == "") | s.isin(a), name=Code.NOT_IN_VOCABULARY))
    if name in ("claim_id", "source", "surface", "quote"):
        checks.append(pa.Check(lambda s: s != "", name=Code.REQUIRED))
    if name == "claim_id":
        checks.append(pa.Check(lambda s: (s == "") | s.str.fullmatch(S._CLAIM_ID), name=Code.BAD_CLAIM_ID))
    if name == "period":
        checks.append(pa.Check(lambda v: v == "" or R.is_period(v), name=Code.PERIOD_FORMAT, element_wise=True))
    if name == "confidence_detail":
        checks.append(pa.Check(lambda v: v == "" or R.detail_ok(v), name=Code.CONFIDENCE_DETAIL,
                               element_wise=True))
    return pa.Column("str", checks, nullable=False)


def ledger_schema() -> pa.DataFrameSchema:
    columns = {name: _column(name, kind) for name, kind, _ in COLUMN_SPECS}
    checks = [pa.Check(r.ok, name=f"{r.code}@{r.field}") for r in RULES]
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, name="claims")


def check_frame(loaded: LoadedLedger) -> list[Problem]:
    try:
        ledger_schema().validate(loaded.frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return S._problems(loaded, exc.failure_cases)  # maps the same "code@field" names to the same rules
    return []


# --------------------------------------------------------------------------- across rows


def check_rows(loaded: LoadedLedger) -> list[Problem]:
    df, out = loaded.frame, []
    first_id: dict[str, int] = {}
    first_span: dict[tuple, int] = {}
    derivable = not loaded.absent & {"source", "start", "end", "surface"}
    columns: list[list[Any]] = [df[c].tolist() for c in ("claim_id", "source", "start", "end", "surface")]
    for row, (cid, source, start, end, surface) in enumerate(zip(*columns)):
        if cid in first_id:
            out.append(_at(loaded, row, "claim_id", Code.DUPLICATE_CLAIM_ID,
                           f"duplicate claim_id (first on line {loaded.lines[first_id[cid]]})",
                           "each claim has one row; delete the copy or fix its span"))
        else:
            first_id[cid] = row
        span = (source, start, end)
        if span in first_span:
            out.append(_at(loaded, row, "start", Code.DUPLICATE_SPAN,
                           f"span {start}:{end} of {source} is already claimed on line "
                           f"{loaded.lines[first_span[span]]}", "keep one row per span; merge the two"))
        else:
            first_span[span] = row
        want = claim_id(source, start, end, surface)
        if cid != want and re.fullmatch(S._CLAIM_ID, cid) and derivable:
            out.append(_at(loaded, row, "claim_id", Code.CLAIM_ID_MISMATCH,
                           "does not match source, start, end and surface",
                           f"set it to {want} (ids are derived from the span; edit the span, then the id)"))
    return out


def _at(loaded: LoadedLedger, row: int, field: str, code: str, reason: str, hint: str) -> Problem:
    line, column = loaded.where(row, field)
    return Problem(loaded.file, line, column, field, S.show(loaded.frame.iloc[row][field]), code, reason, hint)


def value_precision(loaded: LoadedLedger) -> list[Problem]:
    df = loaded.frame
    if not len(df) or loaded.absent & {"surface", "value", "kind"}:
        return []
    surfaces = df["surface"].to_numpy(dtype=object)
    values = df["value"].to_numpy(dtype=float)
    want_by_surface = {t: _surface_digits(t) for t in pd.unique(surfaces)}
    want = np.fromiter((want_by_surface[t] for t in surfaces), dtype=np.int64, count=len(surfaces))
    finite = np.isfinite(values) & (want > 0) & (df["kind"].to_numpy(dtype=object) != "date")
    have = np.zeros(len(values), dtype=np.int64)
    have_by_value = {v: significant_digits(repr(float(v))) for v in pd.unique(values[finite])}
    have[finite] = [have_by_value[v] for v in values[finite].tolist()]
    out = []
    for row in np.flatnonzero(finite & (have < want)).tolist():
        line, column = loaded.where(row, "value")
        out.append(Problem(loaded.file, line, column, "value", S.show(values[row]), Code.VALUE_PRECISION,
                           f"has {have[row]} significant digit(s), the surface {surfaces[row]!r} has {want[row]}",
                           "write the value in full (a spreadsheet may have saved it rounded, e.g. 1.3E+10 for "
                           "130.5亿 = 13050000000); format the column as a number, not 'General'",
                           severity="warning"))
    return out


# --------------------------------------------------------------------------- against sources and articles


def confine(folder: str | Path, file: str, root: str | Path | None = None) -> Path:
    base = Path(root) if root is not None else Path(folder)
    hint = (f"name the article by its path relative to {folder}, inside {base}; "
            "put the file there or pass --articles-root")
    if "\x00" in file:
        raise _outside("not a file name (a NUL character)", file, hint)
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute() or PureWindowsPath(file).drive:
        raise _outside("an absolute path; articles are named relative to the sources table", file, hint)
    real_base = base.resolve()
    real = (Path(folder) / file).resolve()
    if real != real_base and not real.is_relative_to(real_base):
        how = "with '..'" if ".." in PurePosixPath(file).parts else "through a symlink"
        raise _outside(f"leads out of the articles folder {real_base} {how}", file, hint)
    return real


_SPAN_COLUMNS = ("source", "start", "end", "surface", "quote")


def check_sources(loaded: LoadedLedger, sources: Path | None, *, root=None, name=None) -> list[Problem]:
    if sources is None:
        return [Problem(loaded.file, None, None, None, None, Code.SOURCES_MISSING,
                        "no sources table found (looked for seeds/sources.csv and sources.csv beside the ledger)",
                        "pass --sources PATH")]
    if not sources.is_file():
        raise InputUnreadable("sources table not found", file=str(sources), code=Code.UNREADABLE,
                              hint="check the --sources path")
    with slow_sources():
        table, found = read_sources(sources, name=name)
    if any(p.severity == "error" for p in found):
        return [replace(p, reason=p.reason + " (rows not checked against the articles)") for p in found]
    articles, problems = _articles(sources, table, root, name or str(sources))
    problems = found + problems
    if any(c in loaded.absent for c in _SPAN_COLUMNS):
        return problems
    columns = [loaded.frame[c].tolist() for c in _SPAN_COLUMNS]
    for row, values in enumerate(zip(*columns)):
        problems += _check_row(loaded, row, dict(zip(_SPAN_COLUMNS, values)), articles)
    return problems


def _articles(sources: Path, table: pd.DataFrame, root, shown: str) -> tuple[dict[str, str | None], list[Problem]]:
    lines = table.attrs.get("lines", {})
    articles: dict[str, str | None] = {}
    problems: list[Problem] = []
    for sid, file, sha in zip(*(table[c].astype(str).tolist() for c in ("id", "file", "sha256"))):
        line = lines.get(sid)
        try:
            where = confine(sources.parent, file, root)
        except InvalidValue as err:
            problems.append(_source_problem(shown, line, "file", file, err.code,
                                            f"{err.reason} (not read; its rows are not checked)", err.hint))
            articles[sid] = None
            continue
        try:
            raw = where.read_bytes()
            text = decode_bytes(raw, str(where))
        except OSError:
            problems.append(_source_problem(shown, line, "file", file, Code.ARTICLE_MISSING,
                                            "article file not found (its rows are not checked)",
                                            f"expected it at {where}"))
            articles[sid] = None
            continue
        except LedgerError as err:
            problems.append(_source_problem(shown, line, "file", file, Code.ARTICLE_MISSING,
                                            f"article cannot be read: {err.reason}", err.hint))
            articles[sid] = None
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != sha:
            problems.append(_source_problem(
                shown, line, "sha256", sha, Code.SHA256_MISMATCH,
                f"the article changed since it was registered (sha256 now {digest[:12]}...)",
                "offsets may point into old text: restore the file or re-review its claims, then update sha256",
                severity="warning"))
        articles[sid] = text
    return articles, problems


def _source_problem(sources, line, column, value, code, reason, hint, severity="error") -> Problem:
    return Problem(sources, line, SOURCE_COLUMNS.index(column) + 1, column, value, code, reason, hint,
                   severity=severity)


def _check_row(loaded, row, rec, articles) -> list[Problem]:
    if rec["source"] not in articles:
        return [_cell(loaded, row, "source", Code.UNKNOWN_SOURCE, "not listed in sources.csv",
                      "use an id from sources.csv (the article file's stem), or register the article")]
    text = articles[rec["source"]]
    if text is None:
        return []
    found = _check_span(loaded, row, rec, text)
    if not any(p.code == Code.OFFSET_OUT_OF_RANGE for p in found):
        found += _check_quote(loaded, row, rec, text)
    return [p for p in found if (row, p.field) not in loaded.skip]


def _check_span(loaded, row, rec, text) -> list[Problem]:
    start, end, surface = int(rec["start"]), int(rec["end"]), rec["surface"]
    if end > len(text) or start < 0:
        return [_cell(loaded, row, "end", Code.OFFSET_OUT_OF_RANGE,
                      f"past the end of the article ({len(text)} characters)", _locate(text, surface))]
    if end > start and text[start:end] != surface:
        return [_cell(loaded, row, "surface", Code.SURFACE_MISMATCH,
                      f"the article has {_excerpt(text, start, end)} at {start}:{end}",
                      _locate(text, surface, start))]
    return []


def _excerpt(text: str, start: int, end: int) -> str:
    span = text[start:end]
    return repr(span) if len(span) <= EXCERPT else repr(span[:EXCERPT]) + f"... ({len(span)} characters)"


def _check_quote(loaded, row, rec, text) -> list[Problem]:
    start, end, surface, quote = int(rec["start"]), int(rec["end"]), rec["surface"], rec["quote"]
    if not quote or not surface:
        return []
    if surface not in quote:
        return [_cell(loaded, row, "quote", Code.SURFACE_NOT_IN_QUOTE, "does not contain the surface",
                      "copy the whole clause the number stands in, exactly as written")]
    first = text.find(quote)
    if first == -1:
        return [_cell(loaded, row, "quote", Code.QUOTE_NOT_IN_ARTICLE, "not found in the article",
                      "copy it exactly from the article file (same script, spaces and punctuation)")]
    pos = text.find(quote, max(0, end - len(quote)))
    if pos == -1 or not (pos <= start and end <= pos + len(quote)):
        return [_cell(loaded, row, "quote", Code.QUOTE_NOT_AROUND_SPAN,
                      f"found in the article at {first}, but not around {start}:{end}",
                      "quote the clause that contains this occurrence of the number")]
    return []


def _cell(loaded, row, field, code, reason, hint) -> Problem:
    line, column = loaded.where(row, field)
    return Problem(loaded.file, line, column, field, S.show(loaded.frame.iloc[row][field]), code, reason, hint)


# --------------------------------------------------------------------------- the report


def validate_ledger(path: str | Path, *, limit: int | None = None) -> ValidationReport:
    """``ledger.claims.validate_ledger`` as it was, for a ledger with its sources table beside it."""
    file = str(path)
    try:
        loaded = load_slow(path)
    except InputUnreadable as err:
        return ValidationReport(file, [err.as_problem()], readable=False)
    problems = list(loaded.problems) + check_frame(loaded)
    problems += [p for p in check_rows(loaded) if not _quiet(loaded, p)]
    problems += overlapping_spans(loaded) + value_precision(loaded) + metric_to_classify(loaded)
    try:
        table = find_sources(Path(path).parent)
        problems += check_sources(loaded, table if table.is_file() else None)
    except InputUnreadable as err:
        return ValidationReport(file, [*problems, err.as_problem()], len(loaded.frame), readable=False)
    problems.sort(key=lambda p: (0 if p.file == file else 1, p.file, p.line or 0, p.column or 0, str(p.code)))
    return ValidationReport.capped(file, problems, len(loaded.frame), limit)
