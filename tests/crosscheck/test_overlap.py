"""check() runs the evidence and the arithmetic rules on a second thread
beside the pair stage for large ledgers: the findings are the same as one
stage after the other."""
from __future__ import annotations

import importlib

import pandas as pd
import pytest

from ledger.claims import read_ledger
from ledger.crosscheck import check
from ledger.sources import load_sources
from tests.conftest import ROOT

check_module = importlib.import_module("ledger.crosscheck.check")  # the module (the package exports the function)


def test_overlapped_stages_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = read_ledger(ROOT / "claims.csv")
    sources = load_sources(ROOT / "seeds" / "sources.csv")
    monkeypatch.setattr(check_module, "OVERLAP_FROM", 0)
    monkeypatch.setenv("FACTCHECK_THREADS", "")
    overlapped = check(claims, sources=sources)
    monkeypatch.setenv("FACTCHECK_THREADS", "1")
    one_by_one = check(claims, sources=sources)
    assert [repr(n) for n in overlapped.attrs.pop("notes")] == [repr(n) for n in one_by_one.attrs.pop("notes")]
    pd.testing.assert_frame_equal(overlapped, one_by_one, check_exact=True)
    assert (overlapped["kind"] == "arithmetic").any()  # the rules ran on the other thread
