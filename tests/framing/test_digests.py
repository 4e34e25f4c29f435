"""Machine-written digests of results (research summaries, earnings-call recaps)
print their items as one line of ' - ' bullets with citation marks, write years
with two digits (25年第三季度) and may never name the company.  Each item is a
sentence of its own, so a header's word (财务表现与预测) does not make every item a
forecast, and a two-digit year before a quarter dates the figure."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text
from ledger.numbers.finder import find_mentions

DIGEST = ("财务表现与预测 - 腾讯音乐25年第三季度营收84.6亿元,同比增长20.6% [1] - 25年第三季度毛利率为43.5%,"
          "同比提升0.9个百分点 [1] - 25年第三季度在线音乐付费用户数达1.26亿,同比增长5.6%,付费渗透率达22.8%,"
          "同比提升2.2个百分点 [2] - 25年第三季度在线音乐ARPPU达11.9元,同比增长10.2% [2]")


def _rows(text: str, published: str | None = None) -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


@pytest.mark.parametrize("text,value", [
    ("公司25年第三季度营收84.6亿元", "2025-Q3"),
    ("24年上半年净利润", "2024-H1"),
    ("25年全年营收", "2025"),
    ("25年12月营收", "2025-12"),
    ("26年Q1收入", "2026-Q1"),
])
def test_a_two_digit_year_before_a_period_word_is_this_centurys(text, value):
    dates = [m for m in find_mentions(text) if m.kind == "date"]
    assert [str(d.value) for d in dates] == [value]


@pytest.mark.parametrize("text", ["为期25年的合同", "过去25年营收增长", "成立25年来"])
def test_a_two_digit_number_of_years_alone_is_a_duration(text):
    assert not [m for m in find_mentions(text) if m.kind == "date"]


def test_each_bullet_of_a_digest_is_its_own_sentence():
    rows = _rows(DIGEST)  # no published date: the years come from the text alone
    for surface in ("84.6亿元", "20.6%", "43.5%", "1.26亿", "22.8%", "11.9元", "10.2%"):
        assert rows[surface]["modality"] == "actual", surface   # the header's 预测 is no item's
        assert rows[surface]["period"] == "2025-Q3", surface
    assert rows["84.6亿元"]["metric"] == "revenue"
    assert rows["22.8%"]["metric"] == "paying_ratio"
    assert rows["2.2个百分点"]["metric"] == "paying_ratio_change"
    assert rows["11.9元"]["metric"] == "arpu" and rows["10.2%"]["metric"] == "arpu_growth"
    assert rows["1.26亿"]["metric"] == "user_count"


def test_a_spaced_dash_or_two_in_prose_is_no_bullet():
    # 'Zentrix - the leader - shipped 19.4 million units': one sentence, the subject holds
    rows = _rows("Zentrix Inc. - the market leader - shipped 19.4 million units in the third quarter of 2025.")
    assert rows["19.4 million"]["subject"] == "Zentrix"


# 'respectively' pairs a list of figures with as many years, as it pairs them with parties
@pytest.mark.parametrize("text,periods", [
    ("华锐星:预计公司25-27年营收分别为327.6亿元、370.8亿元、415.8亿元。",
     {"327.6亿元": "2025", "370.8亿元": "2026", "415.8亿元": "2027"}),
    ("华锐星2023年、2024年营收分别为12亿元、15亿元。", {"12亿元": "2023", "15亿元": "2024"}),
    ("Analysts expect Zentrova to post net profits of 9.63 billion yuan and 10.75 billion yuan for 2025 and "
     "2026 respectively.", {"9.63 billion yuan": "2025", "10.75 billion yuan": "2026"}),
    ("Zentrova expects revenue of $1.2 billion, $1.5 billion and $1.9 billion in 2025, 2026 and 2027, "
     "respectively.", {"$1.2 billion": "2025", "$1.5 billion": "2026", "$1.9 billion": "2027"}),
])
def test_a_list_of_figures_takes_its_years_respectively(text, periods):
    rows = _rows(text, "2025-11-13")
    assert {s: rows[s]["period"] for s in periods} == periods


def test_years_that_do_not_match_the_list_are_not_paired():
    # three figures, a range of two years: which year goes with which figure is unknown,
    # so none is paired (no figure takes 2025 or 2026 from the range)
    rows = _rows("华锐星:预计公司25-26年营收分别为327.6亿元、370.8亿元、415.8亿元。", "2025-11-13")
    assert not {rows[s]["period"] for s in ("327.6亿元", "370.8亿元", "415.8亿元")} & {"2025", "2026"}


def test_a_basis_cue_qualifies_every_figure_of_its_list():
    rows = _rows("华锐星预计经调整净利润分别为96.8亿元、108.9亿元、121.6亿元。", "2025-11-13")
    assert {rows[s]["metric"] for s in ("96.8亿元", "108.9亿元", "121.6亿元")} == {"adjusted_net_profit"}
    # a figure of another list after it is not reached: 'adjusted profit X, revenue Y'
    rows = _rows("华锐星经调整净利润为9.6亿元,营收为45亿元。", "2025-11-13")
    assert rows["45亿元"]["metric"] == "revenue"
