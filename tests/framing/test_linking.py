"""One name for a company the entity table does not know, across articles and
languages (ledger/framing/linking.py).  Made-up companies: 星河优品 / Zentrix, so
the table cannot know them; the figures are the articles' own."""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.framing import frame_text
from ledger.framing.linking import link_names, links

ZH = ("星河优品2025Q3:营收增长\n\n"
      "星河优品近期公布2025年第三季度财报。2025年第三季度星河优品总营收达58亿元，同比增长28%。"
      "毛利润为25.9亿元，毛利率为44.7%。")
EN = ("Zentrix Holdings reports Q3 2025 results\n\n"
      "Zentrix Holdings reported third-quarter 2025 revenue of RMB 5.8 billion, up 28% year on year. "
      "Gross profit was RMB 2.59 billion and the gross margin was 44.7%.")
OTHER = ("Nordlys Group reports Q3 2025 results\n\n"
         "Nordlys Group reported third-quarter 2025 revenue of RMB 9.1 billion, up 12% year on year.")


def _frame(text: str, source: str) -> pd.DataFrame:
    return pd.DataFrame(frame_text(text, source=source, published="2025-11-21"))


def test_two_names_stating_the_same_figures_are_one_company():
    zh, en = _frame(ZH, "zh"), _frame(EN, "en")
    assert set(zh["subject"]) == {"星河优品"} and set(en["subject"]) == {"Zentrix"}
    linked = link_names(pd.concat([zh, en], ignore_index=True))
    # 58亿 = 5.8e9, 28%, 25.9亿 = 2.59e9, 44.7%: four shared figures, so one name
    assert linked["subject"].nunique() == 1


def test_a_company_stating_other_figures_is_not_linked():
    zh, other = _frame(ZH, "zh"), _frame(OTHER, "other")
    linked = link_names(pd.concat([zh, other], ignore_index=True))
    assert set(linked["subject"]) == {"星河优品", "Nordlys"}


def test_two_names_in_one_article_are_never_one_company():
    # the same figures in one article under two names: two companies (a digest)
    both = pd.concat([_frame(ZH, "one"), _frame(EN, "one")], ignore_index=True)
    assert links([both]) == {}


def test_the_name_the_ledger_already_uses_wins():
    ledger = _frame(EN, "en").assign(status="confirmed")
    new = _frame(ZH, "zh")
    linked = link_names(new, ledger)
    assert set(linked["subject"]) == {"Zentrix"}


def test_a_name_the_table_knows_is_never_relinked():
    # Xiaomi is in the entity table: its own name stays whatever figures it shares
    known = _frame(ZH.replace("星河优品", "小米集团"), "zh")
    en = _frame(EN, "en")
    linked = link_names(pd.concat([known, en], ignore_index=True))
    assert "Zentrix" in set(linked["subject"]) and "Xiaomi" in set(linked["subject"])


def test_extract_files_both_articles_under_one_name(tmp_path):
    from ledger.job import Workspace

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "zh.txt").write_text(ZH, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    ws = Workspace.open(tmp_path / "claims.csv", sources=tmp_path / "sources.csv")
    ws.extract([folder])
    ledger = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    assert ledger.loc[ledger["metric"] == "revenue", "subject"].nunique() == 1


def test_round_rates_two_companies_share_link_no_one():
    # a shipping line's and a bank's figures: 1%, 2%, 4% and 6% in each, rates of one
    # significant digit that two companies' results share by chance - no evidence of one company
    ship = ("澜舟航运公布三季报\n\n澜舟航运表示,亚洲航线占1%,欧洲航线占2%,美洲航线占4%,其他航线占6%。")
    bank = ("Quilbrook Bank posts Q3 results\n\nQuilbrook Bank said the four ratios stood at 1%, 2%, 4% and 6%.")
    frames = pd.concat([_frame(ship, "ship"), _frame(bank, "bank")], ignore_index=True)
    assert set(frames["metric"]) == {"unspecified_ratio"}  # the same facts, to the linker's eyes
    linked = link_names(frames)
    assert set(linked["subject"]) == {"澜舟航运", "Quilbrook Bank"}


def _rows(source: str, subject: str, facts: list[tuple[str, str, float]], obj: str = "") -> pd.DataFrame:
    return pd.DataFrame([{"source": source, "subject": subject, "object": obj, "metric": m, "unit": u,
                          "value": v, "status": "extracted"} for m, u, v in facts])


VANKE = [("net_loss", "CNY", 8.2e10), ("net_loss", "CNY", 4.95e10)]


def test_two_shared_figures_are_enough_when_each_is_the_others_only_match():
    # an English and a Chinese article on one developer's loss: 82 billion yuan, 49.5 billion yuan
    ev = pd.concat([_rows("en", "Norvanke", VANKE), _rows("zh", "万澜地产", VANKE)], ignore_index=True)
    assert links([ev]) == {"norvanke": "万澜地产", "万澜地产": "万澜地产"} \
        or links([ev]) == {"norvanke": "norvanke", "万澜地产": "norvanke"}


def test_a_tie_between_two_best_matches_links_neither():
    # the Chinese name shares three figures with each English name: no evidence which it is
    three = [*VANKE, ("revenue", "CNY", 3.43e11)]
    ev = pd.concat([_rows("zh", "万澜地产", three), _rows("en1", "Norvanke", three),
                    _rows("en2", "Corvale", three)], ignore_index=True)
    grouped = links([ev])
    assert "万澜地产" not in grouped


@pytest.mark.parametrize("partner", ["en", "zh1"])
def test_a_short_name_joins_the_group_of_its_best_match(partner):
    # 友岚光电 / Yulan Optronics share three figures; an article naming only 友岚 shares two with
    # the English name (one of them the English article's alone) and one with 友岚光电: its
    # best match is in a group it was never named with, so it joins it
    full = [("revenue", "TWD", 6.9908e10), ("revenue_growth", "ratio", -0.101), ("gross_margin", "ratio", 0.0957)]
    loss = ("net_loss", "TWD", 9.87e9)
    # (either member of the group may be the one it matches best: the group's first name or another)
    ev = pd.concat([_rows("en", "Yulan Optronics", [*full, loss] if partner == "en" else full),
                    _rows("zh1", "友岚光电", [*full, loss] if partner == "zh1" else full),
                    _rows("zh2", "友岚", [full[0], loss])], ignore_index=True)
    grouped = links([ev])
    assert grouped["友岚"] == grouped["友岚光电"] == grouped["yulanoptronics"]


def test_a_name_the_other_article_names_as_a_counterpart_is_another_company():
    # the buyer states the price in one article, the seller in another; the seller's article
    # names the buyer as the counterpart of a claim, so the two are told apart
    deal = [("acquisition_price", "USD", 9.5e9), ("share_price", "USD", 129.0), ("premium", "ratio", 0.271)]
    ev = pd.concat([_rows("a", "Corvale", deal), _rows("b", "Norbridge", deal, obj="Corvale")], ignore_index=True)
    assert links([ev]) == {}


def test_round_figures_alone_link_no_one():
    # two start-ups' rounds: $1 billion raised, three times the last valuation, $1 billion
    # valued - figures of one significant digit two companies share by chance
    round_ = [("funding_round", "USD", 1e9), ("growth_multiple", "times", 3.0), ("valuation", "USD", 1e9)]
    ev = pd.concat([_rows("a", "Corvale", round_), _rows("b", "Norbridge", round_)], ignore_index=True)
    assert links([ev]) == {}
    # one figure of three significant digits besides them is evidence
    more = [*round_, ("revenue", "USD", 2.37e8)]
    ev = pd.concat([_rows("a", "Corvale", more), _rows("b", "Norbridge", more)], ignore_index=True)
    assert set(links([ev])) == {"corvale", "norbridge"}


# One listing, one company: a stock code an article writes right after a name
# ('星河优品(09988.HK)', 'Zentrix Holdings (NYSE: ZTX; HKEX: 9988)') links two names the
# table does not know, whatever their figures (leading zeros dropped); another code
# links nothing, and an article naming both keeps them apart.
def test_tickers_are_read_from_the_bracket_after_a_name():
    from ledger.framing.linking import tickers_of

    frame = pd.DataFrame({"source": ["zh", "en"], "subject": ["星河优品", "Zentrix"]})
    texts = {"zh": "星河优品(09988.HK)公布业绩", "en": "Zentrix Holdings (NYSE: ZTX; HKEX: 9988) reported"}
    assert dict(tickers_of(frame, texts)) == {"星河优品": {"9988"}, "zentrix": {"ZTX", "9988"}}


@pytest.mark.parametrize("zh_code, linked", [("09988.HK", True), ("02388.HK", False)])
def test_one_stock_code_links_two_names_with_no_shared_figure(zh_code, linked):
    zh = _rows("zh", "星河优品", [("revenue", "CNY", 5.8e9)])
    en = _rows("en", "Zentrix", [("net_profit", "USD", 1.2e8)])
    texts = {"zh": f"星河优品({zh_code})公布业绩,营收58亿元", "en": "Zentrix Holdings (NYSE: ZTX; HKEX: 9988) earned"}
    out = link_names(pd.concat([zh, en], ignore_index=True), texts=texts)
    assert (out["subject"].nunique() == 1) is linked


def test_one_stock_code_never_links_two_names_one_article_gives():
    both = pd.concat([_rows("zh", "星河优品", [("revenue", "CNY", 5.8e9)]),
                      _rows("zh", "Zentrix", [("net_profit", "USD", 1.2e8)])], ignore_index=True)
    texts = {"zh": "星河优品(09988.HK)与Zentrix (HKEX: 9988)"}
    assert link_names(both, texts=texts)["subject"].nunique() == 2


@pytest.mark.parametrize("text", ["星河优品(2025年)营收", "星河优品(约1209亿元)", "星河优品(2025)的营收", "星河优品(12.5%)"])
def test_a_year_or_an_amount_in_the_bracket_is_no_stock_code(text):
    from ledger.framing.linking import tickers_of

    frame = pd.DataFrame({"source": ["zh"], "subject": ["星河优品"]})
    assert not tickers_of(frame, {"zh": text}).get("星河优品")


def test_one_article_naming_a_company_twice_is_no_proof_of_two_when_five_precise_figures_agree():
    # 'Zentrix(09886.HK/ZTX.US)發布…' then 星河优品 for the rest of one Chinese article; an
    # English article and another Chinese one state five of its precise figures
    # (5.81e9, 2.59e9, 44.7%, 28.3%, 1.37e9: three significant digits, the third not 0)
    five = [("revenue", "CNY", 5.81e9), ("gross_profit", "CNY", 2.59e9), ("gross_margin", "ratio", 0.447),
            ("revenue_growth", "ratio", 0.283), ("net_profit", "CNY", 1.37e9)]
    ev = pd.concat([_rows("zh", "Zentrix", five[:1]), _rows("zh", "星河优品", five),
                    _rows("en", "Zentrix", five), _rows("zh2", "星河优品", five[:2])], ignore_index=True)
    grouped = links([ev])
    assert grouped["zentrix"] == grouped["星河优品"]
    # four such figures are not enough for two names one article gives (a digest may set two
    # companies' figures side by side)
    four = pd.concat([_rows("zh", "Zentrix", five[:1]), _rows("zh", "星河优品", five[:4]),
                      _rows("en", "Zentrix", five[:4])], ignore_index=True)
    assert links([four]) == {}


def test_a_name_and_the_same_name_with_a_company_suffix_are_one_company():
    # no shared figure at all: 星河 in one article, 星河汽车 in another; Nordlys / Nordlys Group
    ev = pd.concat([_rows("a", "星河", [("revenue", "CNY", 5.81e9)]),
                    _rows("b", "星河汽车", [("deliveries", "count", 41_230)]),
                    _rows("c", "Nordlys", [("revenue", "USD", 1.23e9)]),
                    _rows("d", "Nordlys Group", [("net_profit", "USD", 2.1e8)])], ignore_index=True)
    grouped = links([ev])
    assert grouped["星河"] == grouped["星河汽车"]
    assert grouped["nordlys"] == grouped["nordlysgroup"]
    assert grouped["星河"] != grouped["nordlys"]


@pytest.mark.parametrize("names", [["星河", "星河汽车", "星河控股"],   # two suffixes: a group and its listed unit
                                   ["上海", "上海银行"],             # a place is no company's stem
                                   ["河", "河汽车"]])               # one character is too short a stem
def test_a_stem_two_suffixes_share_or_a_place_links_nothing(names):
    ev = pd.concat([_rows(f"s{i}", n, [("revenue", "CNY", 1.0e9 + i * 3.7e8)]) for i, n in enumerate(names)],
                   ignore_index=True)
    assert links([ev]) == {}


def test_two_figures_out_of_many_are_chance():
    # each name states 25 figures of its own; two of them coincide (a segment's 20.1 billion and
    # its 41% growth): 2 of 25 is under min_share (0.1), so no link; 2 of 6 links
    def own(seed: int, n: int) -> list[tuple[str, str, float]]:
        return [("revenue", "CNY", (seed + i) * 1.37e8) for i in range(n)]
    common = [("revenue", "CNY", 2.01e10), ("revenue_growth", "ratio", 0.41)]
    many = pd.concat([_rows("a", "星河优品", common + own(101, 23)), _rows("b", "Zentrix", common + own(307, 23))],
                     ignore_index=True)
    assert links([many]) == {}
    few = pd.concat([_rows("a", "星河优品", common + own(101, 4)), _rows("b", "Zentrix", common + own(307, 4))],
                    ignore_index=True)
    assert links([few])["星河优品"] == links([few])["zentrix"]


def test_figures_whose_subject_only_the_articles_topic_gave_link_no_names():
    # the same four figures, but the Chinese side's subject was the framing's last resort
    # (confidence 0.25): whose figures they are is no evidence, the names stay apart
    zh, en = _frame(ZH, "zh"), _frame(EN, "en")
    zh["confidence"] = 0.25
    linked = link_names(pd.concat([zh, en], ignore_index=True))
    assert set(linked["subject"]) == {"星河优品", "Zentrix"}


def _sure(frame: pd.DataFrame, subject: float = 0.9, metric: float = 0.85) -> pd.DataFrame:
    """``frame`` with framing's confidences: every field ``subject`` or above but the metric."""
    detail = f"subject={subject:.2f};object=0.80;metric={metric:.2f};period=0.40;modality=0.70"
    return frame.assign(confidence=min(subject, metric, 0.4), confidence_detail=detail)


def _margins(source: str, subject: str, metric: str, confidence: float) -> pd.DataFrame:
    # an automaker's quarter: 9.7% and 6.2% margins, a 2.7% net margin
    return _sure(_rows(source, subject, [(metric, "ratio", 0.097), (metric, "ratio", 0.062),
                                         (metric, "ratio", 0.027)]), metric=confidence)


REVENUE = [("revenue", "USD", 4.86e10)]


def test_a_figure_no_cue_named_confirms_a_figure_of_the_metric_it_may_stand_for():
    # one precise revenue in common is not enough (min_shared 2); the Chinese article's three
    # percentages no cue named (unspecified_ratio) are the English article's margins
    zh = pd.concat([_sure(_rows("zh", "泽拓汽车", REVENUE)),
                    _margins("zh", "泽拓汽车", "unspecified_ratio", 0.2)], ignore_index=True)
    en = pd.concat([_sure(_rows("en", "Zentrix Motors", REVENUE)),
                    _margins("en", "Zentrix Motors", "operating_margin", 0.85)], ignore_index=True)
    grouped = links([zh, en])
    assert grouped["泽拓汽车"] == grouped["zentrixmotors"]
    assert links([_sure(_rows("zh", "泽拓汽车", REVENUE)), en.iloc[:1]]) == {}  # the revenue alone


def test_figures_no_cue_named_link_no_names_on_their_own():
    # guard: holds before the last-resort figures were evidence too, and must after
    # the same margins, but no figure of one metric in common: a last-resort figure is often
    # another company's, quoted in passing
    zh = _margins("zh", "泽拓汽车", "unspecified_ratio", 0.2)
    en = _margins("en", "Zentrix Motors", "operating_margin", 0.85)
    assert links([zh, en]) == {}


def test_a_figure_whose_subject_is_weak_too_is_no_evidence_even_beside_a_shared_one():
    # guard: holds before the last-resort figures were evidence too, and must after
    # the Chinese percentages' subject came from the article's topic (0.25): they say nothing
    zh = pd.concat([_sure(_rows("zh", "泽拓汽车", REVENUE)),
                    _sure(_margins("zh", "泽拓汽车", "unspecified_ratio", 0.2), subject=0.25, metric=0.2)],
                   ignore_index=True)
    en = pd.concat([_sure(_rows("en", "Zentrix Motors", REVENUE)),
                    _margins("en", "Zentrix Motors", "operating_margin", 0.85)], ignore_index=True)
    assert links([zh, en]) == {}


def test_two_figures_no_cue_named_never_confirm_each_other():
    # guard: holds before the last-resort figures were evidence too, and must after
    zh = pd.concat([_sure(_rows("zh", "泽拓汽车", REVENUE)),
                    _margins("zh", "泽拓汽车", "unspecified_ratio", 0.2)], ignore_index=True)
    en = pd.concat([_sure(_rows("en", "Zentrix Motors", REVENUE)),
                    _margins("en", "Zentrix Motors", "unspecified_ratio", 0.2)], ignore_index=True)
    assert links([zh, en]) == {}
