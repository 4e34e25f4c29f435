"""`factcheck check`'s two output modes at their edges: no finding, text that
is not ASCII, text a spreadsheet would take for a formula, missing (NaN)
numbers, very long claims.  The JSON lines parse back into the findings
frame's values, the text lines name every finding under its issue, the
chunks the CLI writes are the lines, and both stay byte-identical to the
reference output code (tests/cli/reference).  No timing here."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

import ledger.render as render
from ledger.crosscheck import CONFLICT_COLUMNS, check
from ledger.crosscheck.issues import issue_frame
from tests.bench.scripts import load
from tests.cli.reference import render as reference

FORMULAS = ("=SUM(A1:A9)", "+1+2", "-3-4", "@cmd", "=HYPERLINK(\"http://x\")")


def chunks(fn, found, claims, sources=None, size=render.CHUNK) -> bytes:
    return b"".join(bytes(c) for c in fn(found, claims, sources, size=size))


@pytest.fixture(scope="module")
def edgy():
    """A synthetic ledger whose subjects, objects, quotes and surfaces hold CJK,
    emoji, formula-looking text and a very long claim, some value bounds
    missing."""
    claims = load("bench_crosscheck").synthetic_ledger(600, seed=5)
    n = len(claims)
    k = np.arange(n)
    subject = claims["subject"].to_numpy(dtype=object).copy()
    subject[k % 5 == 1] = [FORMULAS[i % len(FORMULAS)] for i in range(int((k % 5 == 1).sum()))]
    subject[k % 5 == 2] = "微软 😀 Ünïcode"
    quote = claims["quote"].to_numpy(dtype=object).copy()
    quote[::11] = [q + " " + "长" * 5000 + " =A1+B1 " for q in quote[::11]]
    quote[1::13] = ["=IMPORTXML(\"x\") 据报道 " + q for q in quote[1::13]]
    low = pd.to_numeric(claims["value_low"], errors="coerce").to_numpy(dtype=float).copy()
    low[::17] = np.nan
    claims = claims.assign(subject=subject, quote=quote, value_low=low)
    return claims


def test_an_empty_findings_frame_gives_the_summary_line_and_no_json(edgy):
    found = check(edgy).iloc[:0]
    lines = list(render.finding_lines(found, edgy))
    assert lines == list(reference.finding_lines(found, edgy))
    assert len(lines) == 1 and lines[0].startswith("0 findings (none) in 0 issue(s)")
    assert chunks(render.finding_chunks, found, edgy) == (lines[0] + "\n").encode()
    assert list(render.json_lines(found, edgy)) == [] == list(reference.json_lines(found, edgy))
    assert chunks(render.json_chunks, found, edgy) == b""


def test_edge_text_is_byte_identical_to_the_reference(edgy):
    found = check(edgy)
    assert len(found) > 100
    for part in (found, found[found["issue_rank"] <= 3], found.drop_duplicates("kind")):
        for new, old in ((render.finding_chunks, reference.finding_chunks),
                         (render.json_chunks, reference.json_chunks)):
            made = chunks(new, part, edgy, size=1)
            assert made == b"".join(old(part, edgy, None))
            assert made == chunks(new, part, edgy)
        assert list(render.finding_lines(part, edgy)) == list(reference.finding_lines(part, edgy))
        assert list(render.json_lines(part, edgy)) == list(reference.json_lines(part, edgy))


def test_json_lines_parse_back_into_the_findings(edgy):
    found = check(edgy)
    rows = [json.loads(line) for line in render.json_lines(found, edgy)]
    assert chunks(render.json_chunks, found, edgy).decode().splitlines() == list(render.json_lines(found, edgy))
    findings = [r for r in rows if r["kind"] != "issue"]
    assert len(findings) == len(found)
    data = [c for c in CONFLICT_COLUMNS if c not in ("conflict_id", "claims", "explanation")]
    for got, want in zip(findings, found.to_dict("records")):
        expected = {c: (None if isinstance(want[c], float) and not math.isfinite(want[c]) else want[c])
                    for c in data}
        assert {c: got[c] for c in data} == expected
        assert got["issue_rank"] == want["issue_rank"]
        if got["kind"] != "arithmetic":
            assert got["claims"] == sorted([want["claim_a"], want["claim_b"]])
            assert got["conflict_id"].startswith("k-") and len(got["conflict_id"]) == 14
    # missing numbers are null, never NaN (which JSON has not)
    assert any(r["implied_value"] is None for r in findings)
    # formula-looking, non-ASCII and very long text comes back as it was written
    subjects = {r["subject"] for r in findings}
    assert subjects & set(FORMULAS) and "微软 😀 Ünïcode" in subjects
    # a very long quote is shown as the snippet around the figure, whole in no sentence
    assert all("长" * 100 not in r["explanation"] for r in findings)
    assert any("…" in r["explanation"] for r in findings)
    issues = [r for r in rows if r["kind"] == "issue"]
    assert [r["issue"] for r in issues] == issue_frame(found)["issue"].tolist()


def test_text_lines_name_every_finding_under_its_issue(edgy):
    found = check(edgy)
    lines = list(render.finding_lines(found, edgy))
    assert chunks(render.finding_chunks, found, edgy).decode().split("\n")[:-1] == lines
    issues = issue_frame(found)
    heads = [n for n, line in enumerate(lines) if line.startswith("== #")]
    assert len(heads) == len(issues)
    assert len(lines) == 3 * len(issues) + len(found) + 1  # header, why, sentence; one per finding; summary
    ids = set(json.loads(x)["conflict_id"] for x in render.json_lines(found, edgy) if '"kind": "issue"' not in x)
    listed = {line.split()[3].rstrip(":") for n, line in enumerate(lines[:-1]) if n not in heads and line.startswith("  ")
              and not line.startswith("   ")}
    assert listed == ids
    text = "\n".join(lines)
    for formula in FORMULAS:  # printed as written: no quote, no apostrophe put before it
        if (found["subject"] == formula).any():
            assert f"{formula}" in text and f"'{formula}" not in text
    assert "微软 😀 Ünïcode" in text
