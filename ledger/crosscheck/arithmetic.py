"""Arithmetic consistency rules (``[[rule]]`` tables of ``rules.toml``).

A rule is a relation between claims picked by metric, e.g.
``stake_value = equity_stake * valuation``, with the same relation solved for
its other terms.  For every way to fill a rule's inputs from the ledger
(joined on the entity variables, same source unless ``scope = "any"``,
compatible periods), the implied interval of the target is computed with
interval arithmetic.  If the target is stated, the rule passes when the
implied interval overlaps the stated one (the same interval logic as the
pair verdicts) and fails otherwise; if it is not stated, the finding shows
the implied value (result ``implied``).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck.rates import RATES_NAME, Money, converted_bounds, stated_findings
from ledger.crosscheck.scoring import relative_gap, severity
from ledger.errors import Code, InvalidValue, Problem
from ledger.record import metrics
from ledger.units import fmt

_RELATION = re.compile(r"^\s*(\w+)\s*(=|>=|<=)\s*(.+?)\s*$")
_VARIABLE = re.compile(r"^[A-Z]$")
_CARRY = ("lo", "hi", "point", "p0", "p1", "row", "source_c", "subject_c", "object_c", "factual", "conf")
#: The text of a term's claims, added (by its ``row``) only to the combinations that were joined.
_TEXT = ("claim_id", "source", "subject", "object", "metric", "unit", "surface", "quote", "period", "modality")


@dataclass(frozen=True)
class Term:
    name: str
    metric: tuple[str, ...]  # a claim with any of these metrics can fill the term
    match: dict[str, str]  # field -> variable (one capital letter) or literal
    period: str = "same"  # same | any | before (earlier than every "same" term)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    target: str
    op: str
    solve: dict[str, str]  # target term -> expression over the other terms
    terms: dict[str, Term]
    scope: str = "source"
    modality: str = "same_class"
    order: tuple[str, ...] = field(default=())


def load_rules(settings: dict[str, Any]) -> list[Rule]:
    """Parse and check the ``[[rule]]`` tables; a bad rule raises with a hint."""
    return [_rule(t) for t in settings.get("rule", [])]


def _rule(table: dict[str, Any]) -> Rule:
    name = table.get("name", "?")
    m = _RELATION.match(table.get("relation", ""))
    if not m:
        raise _bad(name, "relation", table.get("relation"), "write 'target = expression' (or >=, <=)")
    target, op, expr = m.groups()
    terms = {k: Term(k, _metrics(v.get("metric")), {f: v[f] for f in ("subject", "object") if f in v},
                     v.get("period", "same"))
             for k, v in table.get("terms", {}).items()}
    solve = {target: expr, **table.get("solve", {})}
    known = metrics()
    for t in terms.values():
        dims = {known[m]["dimension"] for m in t.metric if m in known}
        if not t.metric or not set(t.metric) <= set(known) or len(dims) != 1:
            raise _bad(name, "terms", t.metric, "use metrics of lexicon/metrics.toml, all of one dimension")
    if table.get("scope", "source") != "source":
        linked = {t.name: set(_variables(t).values()) for t in terms.values()}
        lonely = [n for n, v in linked.items() if not any(v & w for m, w in linked.items() if m != n)]
        if lonely:
            raise _bad(name, "terms", lonely[0], 'a rule with scope "any" must link every term to another by a '
                       "shared variable, or it pairs every claim of the ledger with every other")
    for key, expression in solve.items():
        used = _names(expression, name)
        if key not in terms or not used <= set(terms) or key in used:
            raise _bad(name, "solve", f"{key} = {expression}", "every name must be a term of the rule")
    return Rule(name, table.get("description", ""), target, op, solve, terms,
                table.get("scope", "source"), table.get("modality", "same_class"), tuple(terms))


def _metrics(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,) if isinstance(value, str) else ()


def _bad(rule: str, fieldname: str, value: Any, hint: str) -> InvalidValue:
    return InvalidValue(f"rule {rule!r} is malformed", file="rules.toml", field=fieldname, value=value,
                        hint=hint, code="rules-invalid")


def _names(expression: str, rule: str) -> set[str]:
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as err:
        raise _bad(rule, "relation", expression, "use names, numbers, + - * / and brackets") from err
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


# --------------------------------------------------------------------------- interval arithmetic


Interval = tuple[np.ndarray, np.ndarray]


def evaluate(expression: str, env: dict[str, Interval]) -> Interval:
    """Evaluate ``expression`` over intervals (arrays of low, high)."""
    return _eval(ast.parse(expression, mode="eval").body, env)


def _eval(node: ast.AST, env: dict[str, Interval]) -> Interval:
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        v = np.array(float(node.value))
        return v, v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        ops = {ast.Add: _add, ast.Sub: _sub, ast.Mult: _mul, ast.Div: _div}
        if type(node.op) in ops:
            return ops[type(node.op)](a, b)
    raise ValueError(f"unsupported expression: {ast.dump(node)}")


def _add(a: Interval, b: Interval) -> Interval:
    return a[0] + b[0], a[1] + b[1]


def _sub(a: Interval, b: Interval) -> Interval:
    return a[0] - b[1], a[1] - b[0]


def _mul(a: Interval, b: Interval) -> Interval:
    with np.errstate(invalid="ignore", over="ignore"):  # a product past float's range is an open bound
        c = np.stack(np.broadcast_arrays(a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]))
    c = np.where(np.isnan(c), 0.0, c)  # 0 x inf: the finite side decides
    return c.min(axis=0), c.max(axis=0)


def _div(a: Interval, b: Interval) -> Interval:
    lo, hi = np.broadcast_arrays(np.asarray(b[0], dtype=float), np.asarray(b[1], dtype=float))
    spans_zero = (lo <= 0) & (hi >= 0)
    with np.errstate(divide="ignore"):
        inv = (np.where(spans_zero, -np.inf, 1.0 / hi), np.where(spans_zero, np.inf, 1.0 / lo))
    out = _mul(a, inv)
    return np.where(spans_zero, -np.inf, out[0]), np.where(spans_zero, np.inf, out[1])


# --------------------------------------------------------------------------- applying rules


def apply_rules(prepared: pd.DataFrame, settings: dict[str, Any],
                money: Money | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Findings of every rule over a prepared ledger (see crosscheck.prepare),
    and of the conversions its articles state (rule ``stated_conversion``,
    :func:`ledger.crosscheck.rates.stated_findings`).  Terms in different
    currencies are converted at the dated rate ``money`` finds."""
    money = money or Money(prepared, None, settings)
    stated, notes = stated_findings(money, settings)
    frames = [stated] if len(stated) else []
    rules = load_rules(settings)
    claims = _Claims(prepared)
    for rule in rules:
        found, rule_notes = rule_findings(rule, claims, settings, money)
        notes += rule_notes
        if len(found):
            frames.append(found)
    if not frames:
        return pd.DataFrame(), notes
    return pd.concat(frames, ignore_index=True), notes


class _Claims:
    """The numeric claims of a prepared ledger, found by metric through the
    integer metric codes (a term takes only its rows and the carried
    columns: no copy of the whole ledger per term)."""

    def __init__(self, prepared: pd.DataFrame) -> None:
        self.frame = prepared
        self.numeric = ~prepared["is_date"].to_numpy(dtype=bool)
        self.metric_c, names = intervals.column_codes(prepared, "metric")
        self.code = {name: code for code, name in enumerate(names)}
        self._rows: dict[tuple[Any, ...], np.ndarray] = {}
        self.carried = prepared.loc[:, list(_CARRY)]
        self.text = prepared.loc[:, list(_TEXT)]

    def with_text(self, df: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
        """``df`` (combinations of terms' claims) with the text columns of the
        claims of ``terms`` (taken by their rows)."""
        parts = [df.reset_index(drop=True)]
        for t in terms:
            if f"{t}.claim_id" not in df:
                rows = df[f"{t}.row"].to_numpy(dtype=np.int64)
                parts.append(self.text.take(rows).add_prefix(t + ".").reset_index(drop=True))
        return pd.concat(parts, axis=1) if len(parts) > 1 else df

    def rows(self, term: Term) -> np.ndarray:
        """The rows a term can take (found once per metrics and fixed fields: terms of several rules share)."""
        fixed = tuple(sorted((f, w) for f, w in term.match.items() if not _VARIABLE.match(w)))
        key = (tuple(term.metric), fixed)
        if key not in self._rows:
            wanted = np.zeros(len(self.code) + 1, dtype=bool)
            wanted[[self.code[m] for m in term.metric if m in self.code]] = True
            mask = self.numeric & wanted[self.metric_c]
            for fieldname, want in fixed:
                if mask.any():
                    mask &= (self.frame[fieldname] == want).to_numpy()
            self._rows[key] = np.flatnonzero(mask)
        return self._rows[key]


def term_frame(claims: _Claims, term: Term, rows: np.ndarray | None = None) -> pd.DataFrame:
    """The claims a term can take (``rows``, found if not given), columns
    prefixed with the term name."""
    taken = claims.carried.take(claims.rows(term) if rows is None else rows)
    return taken.add_prefix(term.name + ".").reset_index(drop=True)


def dimension(metric: str | tuple[str, ...]) -> str:
    """Dimension of a metric (or of a term's metrics, which share one)."""
    name = metric if isinstance(metric, str) else metric[0]
    return metrics()[name]["dimension"]


def _variables(term: Term) -> dict[str, str]:
    return {f: v for f, v in term.match.items() if _VARIABLE.match(v)}


def join_inputs(rule: Rule, inputs: list[str], frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every combination of claims that fills ``inputs`` consistently:
    shared variables equal, same source (scope "source"), same modality
    class (modality "same_class"), periods compatible."""
    bound: dict[str, str] = {}
    joined: pd.DataFrame | None = None
    done: list[str] = []
    for name in inputs:
        frame = frames[name]
        if joined is None:
            joined = frame
        else:
            left, right = _join_keys(rule, name, bound, done[0])
            joined = (joined.merge(frame, left_on=left, right_on=right) if left
                      else joined.merge(frame, how="cross"))
            joined = joined[_fits(joined, rule, name, done)]
        for f, var in _variables(rule.terms[name]).items():
            bound.setdefault(var, f"{name}.{f}")
        done.append(name)
    assert joined is not None, "a rule has at least one input"
    return joined.reset_index(drop=True), bound


def _join_keys(rule: Rule, name: str, bound: dict[str, str], first: str) -> tuple[list[str], list[str]]:
    left, right = [], []
    for f, var in _variables(rule.terms[name]).items():
        if var in bound:  # join on the integer codes of the entity names
            left.append(bound[var] + "_c")
            right.append(f"{name}.{f}_c")
    if rule.scope == "source":
        left.append(f"{first}.source_c")
        right.append(f"{name}.source_c")
    if rule.modality == "same_class":
        left.append(f"{first}.factual")
        right.append(f"{name}.factual")
    return left, right


def _fits(df: pd.DataFrame, rule: Rule, name: str, done: list[str]) -> np.ndarray:
    """Rows where term ``name`` is a different claim from the terms in
    ``done`` and the period constraints between them hold."""
    ok = np.ones(len(df), dtype=bool)
    p0, p1 = df[f"{name}.p0"].to_numpy(), df[f"{name}.p1"].to_numpy()
    mine = rule.terms[name].period
    for other in done:
        ok &= df[f"{other}.row"].to_numpy() != df[f"{name}.row"].to_numpy()
        q0, q1 = df[f"{other}.p0"].to_numpy(), df[f"{other}.p1"].to_numpy()
        theirs = rule.terms[other].period
        if mine == "same" and theirs == "same":
            ok &= np.isnan(p0) | np.isnan(q0) | ((p0 <= q1) & (q0 <= p1))
        if mine == "before" and theirs == "same":
            ok &= p1 < q0  # NaN (unknown) compares False: not known to be earlier
        if theirs == "before" and mine == "same":
            ok &= q1 < p0
    return ok


def rule_findings(rule: Rule, claims: _Claims, settings: dict[str, Any],
                  money: Money | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Findings of one rule: each solve direction, deduplicated later by id."""
    money = money or Money(claims.frame, None, settings)
    frames, notes = [], []
    rows = {name: claims.rows(term) for name, term in rule.terms.items()}
    terms: dict[str, pd.DataFrame] = {}  # term frames, made only for directions whose inputs all have claims
    for target, expression in rule.solve.items():
        inputs = [t for t in rule.order if t in _names(expression, rule.name)]
        if any(not len(rows[t]) for t in inputs):
            continue
        for t in [*inputs, target]:
            if t not in terms:
                terms[t] = term_frame(claims, rule.terms[t], rows[t])
        joined, bound = join_inputs(rule, inputs, terms)
        if not len(joined):
            continue
        joined = claims.with_text(joined, inputs)
        joined, unit, unit_notes = _units(joined, rule, inputs, target, money)
        notes += unit_notes
        if not len(joined):
            continue
        lo, hi, point = _implied(joined, rule, inputs, target, expression)
        joined = joined.assign(_lo=lo, _hi=hi, _point=point, _unit=unit, _combo=np.arange(len(joined)))
        frames.append(_with_target(joined, terms[target], rule, inputs, target, bound, settings, notes, money,
                                   claims))
    frames = [f for f in frames if len(f)]
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), notes


def _units(joined: pd.DataFrame, rule: Rule, inputs: list[str], target: str,
           money: Money) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """The inputs in one currency (the first money term's: the others
    converted at their dated rate) and the unit of the implied target."""
    terms = [t for t in inputs if dimension(rule.terms[t].metric) == "money"]
    notes: list[Problem] = []
    for t in terms[1:]:
        joined = _converted(joined, t, terms[0], money, rule, notes)
    dim = dimension(rule.terms[target].metric)
    if dim == "money":
        unit = joined[f"{terms[0]}.unit"].to_numpy() if terms else np.full(len(joined), "")
    else:
        unit = np.full(len(joined), {"ratio": "ratio", "times": "times", "count": "count"}.get(dim, ""), dtype=object)
    return joined, unit, notes


def _converted(df: pd.DataFrame, term: str, anchor: str, money: Money, rule: Rule,
               notes: list[Problem]) -> pd.DataFrame:
    """``df`` with term ``term``'s figures in the currency of term ``anchor``
    (its written figure kept as ``term.written``, the rate as ``_rate*``);
    rows whose currencies have no rate for their dates are left out, with a note."""
    differ = (df[f"{term}.unit"] != df[f"{anchor}.unit"]).to_numpy()
    if not differ.any():
        return df
    at = np.flatnonzero(differ)
    found = money.pair_rates(df[f"{anchor}.row"].to_numpy()[at], df[f"{term}.row"].to_numpy()[at])
    df = df.copy()
    if f"{term}.written" not in df:
        df[f"{term}.written"] = df[f"{term}.point"]
    lo, hi = converted_bounds(df[f"{term}.lo"].to_numpy()[at], df[f"{term}.hi"].to_numpy()[at], found.low,
                              found.high)
    for col, values in ((f"{term}.lo", lo), (f"{term}.hi", hi),
                        (f"{term}.point", df[f"{term}.point"].to_numpy()[at] * found.point)):
        column = df[col].to_numpy(dtype=float).copy()
        column[at] = values
        df[col] = column
    for col, values, empty in (("_rate", found.point, np.nan), ("_rate_low", found.low, np.nan),
                               ("_rate_high", found.high, np.nan), ("_rate_date", found.date, ""),
                               ("_rate_source", found.source, ""), ("_rate_term", np.full(len(at), term), ""),
                               ("_rate_into", df[f"{anchor}.unit"].to_numpy(dtype=object)[at], "")):
        column = df[col].to_numpy().copy() if col in df else np.full(len(df), empty, dtype=type(empty) if empty
                                                                        == "" else float)
        column = column.astype(object) if empty == "" else column.astype(float)
        column[at] = values
        df[col] = column
    missing = np.zeros(len(df), dtype=bool)
    missing[at[~found.ok]] = True
    if missing.any():
        why = "; ".join(dict.fromkeys(found.why[~found.ok]))
        notes.append(Problem("<ledger>", None, None, "unit", rule.name, Code.NO_RATE,
                             f"{int(missing.sum())} application(s) of rule {rule.name} mix currencies with no "
                             f"rate for their dates; not computed: {why}",
                             f"add the rate for their dates to {RATES_NAME} beside the ledger (docs/currencies.md)",
                             severity="warning"))
    return df[~missing].reset_index(drop=True)


def _implied(joined: pd.DataFrame, rule: Rule, inputs: list[str], target: str,
             expression: str) -> tuple[np.ndarray, ...]:
    env = {t: (joined[f"{t}.lo"].to_numpy(), joined[f"{t}.hi"].to_numpy()) for t in inputs}
    lo, hi = evaluate(expression, env)
    pts = {t: (joined[f"{t}.point"].to_numpy(),) * 2 for t in inputs}
    point = evaluate(expression, pts)[0]
    n = len(joined)
    lo, hi, point = (np.broadcast_to(np.asarray(x, dtype=float), (n,)).copy() for x in (lo, hi, point))
    if target == rule.target and rule.op == ">=":
        hi, point = np.full(n, np.inf), np.full(n, np.nan)
    elif target == rule.target and rule.op == "<=":
        lo, point = np.full(n, -np.inf), np.full(n, np.nan)
    return lo, hi, point


def _with_target(joined: pd.DataFrame, stated: pd.DataFrame, rule: Rule, inputs: list[str], target: str,
                 bound: dict[str, str], settings: dict[str, Any], notes: list[Problem],
                 money: Money, claims: _Claims) -> pd.DataFrame:
    """Checked rows (the target is stated: pass or fail) and implied rows
    (no stated target fits this combination of inputs)."""
    left, right = _join_keys(rule, target, bound, inputs[0])
    both = joined.merge(stated, left_on=left, right_on=right) if left else joined.merge(stated, how="cross")
    both = claims.with_text(both[_fits(both, rule, target, inputs)].reset_index(drop=True), [target])
    anchor = next((t for t in inputs if dimension(rule.terms[t].metric) == "money"), None)
    if anchor is not None and dimension(rule.terms[target].metric) == "money" and len(both):
        both = _converted(both, target, anchor, money, rule, notes)
    same_unit = (both[f"{target}.unit"] == both["_unit"]).to_numpy()
    if "_rate_term" in both:  # converted into the implied currency
        same_unit = same_unit | (both["_rate_term"] == target).to_numpy()
    if not same_unit.all():
        notes.append(Problem("<ledger>", None, None, "unit", rule.name, Code.NOT_COMPARABLE,
                             f"{int((~same_unit).sum())} stated {target} value(s) are in another unit than "
                             f"the one rule {rule.name} implies; not compared",
                             "check the claims' units and metrics", severity="warning"))
        both = both[same_unit].reset_index(drop=True)
    t_lo, t_hi = both[f"{target}.lo"].to_numpy(), both[f"{target}.hi"].to_numpy()
    passed = (both["_lo"].to_numpy() <= t_hi) & (t_lo <= both["_hi"].to_numpy())
    checked = _rows(both, rule, [*inputs, target], target, bound, np.where(passed, "pass", "fail"), settings)
    if rule.op != "=" and target == rule.target:
        return checked
    alone = joined[~joined["_combo"].isin(both["_combo"])].reset_index(drop=True)
    implied = _rows(alone, rule, inputs, target, bound, np.full(len(alone), "implied", dtype=object), settings)
    return pd.concat([checked, implied], ignore_index=True)


def _rows(df: pd.DataFrame, rule: Rule, terms: list[str], target: str, bound: dict[str, str],
          result: np.ndarray, settings: dict[str, Any]) -> pd.DataFrame:

    if not len(df):
        return pd.DataFrame()
    a, b = terms[0], terms[1] if len(terms) > 1 else terms[0]
    stated = target in terms
    ids = df[f"{terms[0]}.claim_id"]
    for t in terms[1:]:
        ids = ids + ";" + df[f"{t}.claim_id"]
    point = df["_point"].to_numpy()
    gap = relative_gap(point, df[f"{target}.point"].to_numpy()) if stated else np.full(len(df), np.nan)
    conf = np.prod([df[f"{t}.conf"].to_numpy() for t in terms], axis=0)
    kind = np.where(result == "fail", "arithmetic", "")
    sev, label = severity(kind, gap, np.full(len(df), np.nan), conf, settings)
    out = pd.DataFrame({
        "kind": "arithmetic", "rule": rule.name, "claim_a": df[f"{a}.claim_id"], "claim_b": df[f"{b}.claim_id"],
        "claims": ids, "subject": _entity(df, rule, target, bound, "subject", stated),
        "object": _entity(df, rule, target, bound, "object", stated),
        "metric": df[f"{target}.metric"] if stated else rule.terms[target].metric[0],
        "source_a": df[f"{a}.source"], "source_b": df[f"{b}.source"], "value_a": _written(df, a),
        "value_b": _written(df, b), "unit": df["_unit"], "unit_b": df[f"{b}.unit"],
        "gap": gap, "severity": sev, "severity_label": label,
        "implied_value": df["_point"], "implied_low": df["_lo"], "implied_high": df["_hi"],
        "implied_unit": df["_unit"], "result": result,
        **{c: df[f"_{c}"] for c in ("rate", "rate_low", "rate_high", "rate_date", "rate_source") if f"_{c}" in df},
    })
    out["explanation"] = [_explain(rule, terms, target, row, res)
                          for row, res in zip(df.to_dict("records"), result)]
    return out


def _written(df: pd.DataFrame, term: str) -> pd.Series:
    """A term's figure as written (in its own currency, before any conversion)."""
    return df[f"{term}.written"].fillna(df[f"{term}.point"]) if f"{term}.written" in df else df[f"{term}.point"]


def _entity(df: pd.DataFrame, rule: Rule, target: str, bound: dict[str, str], fieldname: str, stated: bool) -> Any:
    if stated:
        return df[f"{target}.{fieldname}"]
    var = rule.terms[target].match.get(fieldname, "")
    if var in bound:
        return df[bound[var]]
    return var if var and not _VARIABLE.match(var) else ""


# --------------------------------------------------------------------------- explanations


def _explain(rule: Rule, terms: list[str], target: str, row: dict[Any, Any], result: str) -> str:
    unit = row["_unit"]
    inputs = [t for t in terms if t != target]
    said = ", ".join(f"{row[f'{t}.source']} “{row[f'{t}.surface']}” ({t})" for t in inputs)
    implied = (f"{target} ≈ {fmt(row['_point'], unit)} (between {fmt(row['_lo'], unit)} and {fmt(row['_hi'], unit)})"
               if not np.isnan(row["_point"]) else
               f"{target} between {fmt(row['_lo'], unit)} and {fmt(row['_hi'], unit)}")
    head = f"Rule {rule.name} ({rule.description}): {said} imply {implied}"
    rate = row.get("_rate")
    if isinstance(rate, float) and not np.isnan(rate):
        term = row["_rate_term"]
        into = row["_rate_into"]
        head += (f" ({term} converted into {into} at {rate:.5g} {into} per {row[f'{term}.unit']} "
                 f"[{row['_rate_source']}, {row['_rate_date']}])")
    if result == "implied":
        return head + f"; the ledger states no {target} to test it against."
    stated = (f"{row[f'{target}.source']} states “{row[f'{target}.surface']}” "
              f"({fmt(row[f'{target}.lo'], unit)} to {fmt(row[f'{target}.hi'], unit)})")
    verdict = ("the intervals overlap, so the figures fit" if result == "pass"
               else "the intervals are disjoint, so the figures do not fit")
    return f"{head}, and {stated}: {verdict}."
