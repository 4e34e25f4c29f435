"""A claim framed with a last-resort metric (framing found no word saying what
the number measures) is a warning until a reviewer classifies it (issue 10:
`unspecified_ratio` is a last resort that is marked for review)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ledger.claims import validate_ledger
from ledger.record import claim_id, metrics

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLE = "该公司的比率为35%。"
SURFACE = "35%"


def _ledger(tmp_path: Path, metric: str, status: str, reviewer: str = "") -> Path:
    (tmp_path / "b1.txt").write_text(ARTICLE, encoding="utf-8")
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    (tmp_path / "sources.csv").write_text(
        "id,file,title,publisher,published,published_basis,published_evidence,script,sha256\n"
        f"b1,b1.txt,t,,2025-03,stated,x,zh-Hans,{sha}\n", encoding="utf-8")
    header = (DATA / "bad_input" / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    start = ARTICLE.index(SURFACE)
    end = start + len(SURFACE)
    cid = claim_id("b1", start, end, SURFACE)
    row = (f"{cid},b1,{start},{end},{SURFACE},{ARTICLE},percent,Acme,,{metric},2025,actual,"
           f"0.35,,,ratio,exact,{status},{reviewer},,extracted,,")
    path = tmp_path / "claims.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def test_the_last_resort_metrics_are_the_ones_metrics_toml_marks_for_review():
    marked = {name for name, spec in metrics().items() if spec.get("review")}
    assert "unspecified_ratio" in marked and "unspecified_amount" in marked
    assert "revenue" not in marked and "equity_stake" not in marked


def test_an_unreviewed_claim_with_a_last_resort_metric_is_a_warning_on_its_metric_cell(tmp_path):
    report = validate_ledger(_ledger(tmp_path, "unspecified_ratio", "unreviewed"))
    found = [(p.line, p.field, p.code, p.severity) for p in report.problems]
    assert found == [(2, "metric", "metric-to-classify", "warning")]
    assert "metrics.toml" in report.problems[0].hint


@pytest.mark.parametrize(("metric", "status", "reviewer"), [
    ("net_margin", "unreviewed", ""),         # framing found what it measures
    ("unspecified_ratio", "confirmed", "lk"),  # a reviewer kept it knowingly
])
def test_no_warning_once_the_metric_is_known_or_reviewed(tmp_path, metric, status, reviewer):
    report = validate_ledger(_ledger(tmp_path, metric, status, reviewer))
    assert [p.code for p in report.problems] == []
