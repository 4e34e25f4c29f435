"""Issue 10 invariant: for any article, `factcheck extract` then `factcheck
validate` passes - the tool's own output always passes its own validation
(a growth of 359% is no share; a fall is a negative growth, not a negative
revenue)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.cli import main
from ledger.job import Workspace
from tests.conftest import DATA, SEEDS

COMPANIES = ["腾讯", "騰訊", "华锐星", "瀾舟汽車", "Tencent", "Zentrova Holdings", "泡泡玛特"]
# sentence templates: {co} company, {n} a number as written, {p} a percentage
TEMPLATES = [
    "{co}公布,第三季度营收为{n}亿元,同比大增{p}%。",
    "{co}第三季營收{n}億元,按年下降{p}%,毛利率{p}%。",
    "{co}净利润{n}亿元,同比增长{p}%,市场份额约{p}%。",
    "{co} said revenue rose {p}% to ${n} billion, and its stake fell {p}%.",
    "{co} holds {p}% of the company, up {p} percentage points, worth about ${n} billion.",
    "{co}股价大涨{p}%,市值达{n}亿美元,较去年同期增长{p}%。",
    "{co}持股比例从{p}%降至{p}%,估值约{n}亿美元。",
]


def _extract_and_validate(folder: Path, tmp: Path) -> list:
    ws = Workspace.open(tmp / "claims.csv")
    ws.extract([folder])
    report = Workspace.open(tmp / "claims.csv").validate()
    return report.errors


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TEMPLATES), st.sampled_from(COMPANIES),
                          st.decimals(min_value="0.01", max_value="99999", places=2),
                          st.integers(min_value=0, max_value=2000)),
                min_size=1, max_size=8))
def test_any_generated_article_extracts_to_a_valid_ledger(tmp_path_factory, sentences):
    tmp = tmp_path_factory.mktemp("inv")
    folder = tmp / "seeds"
    folder.mkdir()
    body = "".join(t.format(co=co, n=n, p=p) for t, co, n, p in sentences)
    (folder / "gen.txt").write_text("新闻\n2025年11月18日\n\n" + body + "\n", encoding="utf-8")
    assert _extract_and_validate(folder, tmp) == []


def _real_articles() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "heldout").glob("*.txt"))
    files += sorted((DATA / "articles").glob("*.txt")) + sorted((DATA / "corpus").glob("b*/*/*.txt"))
    return files


@pytest.mark.slow
def test_every_real_article_extracts_to_a_valid_ledger(tmp_path):
    """The seeds, the held-out articles and the real-news corpus (both halves:
    this scores nothing, it only validates what extraction writes)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for i, f in enumerate(_real_articles()):
        shutil.copy(f, folder / f"{i:03d}_{f.name}")
    assert len(list(folder.iterdir())) > 80
    assert _extract_and_validate(folder, tmp_path) == []


def test_a_growth_above_100_percent_is_a_growth_and_validates(tmp_path):
    """'同比大增359%': the revenue grew by 3.59 times its base - a growth
    (unbounded), never a share in [0, 1]; and a fall is stored negative."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("华锐星业绩\n2025年11月18日\n\n华锐星第三季度营收为12.5亿元,同比大增359%,"
                                  "净利润同比下降24%。\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(folder), "--ledger", str(tmp_path / "claims.csv")])
    assert res.exit_code == 0, res.output
    rows = {r["surface"]: r for r in Workspace.open(tmp_path / "claims.csv").claims().to_dict("records")}
    assert (rows["359%"]["metric"], rows["359%"]["value"]) == ("revenue_growth", pytest.approx(3.59))
    assert (rows["24%"]["metric"], rows["24%"]["value"]) == ("net_profit_growth", pytest.approx(-0.24))
    res = CliRunner().invoke(main, ["validate", str(tmp_path / "claims.csv")])
    assert res.exit_code == 0, res.output
