"""For large ledgers check() finds the claims' codes beside their bounds, and
the evidence and the arithmetic rules beside the pair stage, on a second
thread: the findings are the same as one stage after the other."""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.claims import read_ledger
from ledger.crosscheck import check, pairs
from ledger.sources import load_sources
from tests.conftest import ROOT


def test_overlapped_stages_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = read_ledger(ROOT / "claims.csv")
    sources = load_sources(ROOT / "seeds" / "sources.csv")
    monkeypatch.setattr(pairs, "OVERLAP_FROM", 0)
    monkeypatch.setenv("FACTCHECK_THREADS", "")
    overlapped = check(claims, sources=sources)
    monkeypatch.setenv("FACTCHECK_THREADS", "1")
    one_by_one = check(claims, sources=sources)
    assert [repr(n) for n in overlapped.attrs.pop("notes")] == [repr(n) for n in one_by_one.attrs.pop("notes")]
    pd.testing.assert_frame_equal(overlapped, one_by_one, check_exact=True)
    assert (overlapped["kind"] == "arithmetic").any()  # the rules ran on the other thread
