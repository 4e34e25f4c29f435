"""Issue 10, item 5: the cross-check groups claims by canonical entities and
metric, across scripts and languages; a role one article leaves unknown
matches any value; a segment is never compared with its company's total; a
figure that accumulates over a period is the same fact only over the same
period."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ledger.crosscheck import check
from ledger.crosscheck.entities import key
from tests.claims_factory import claim, ledger


def _kinds(found, a: dict, b: dict) -> set[str]:
    pair = {a["claim_id"], b["claim_id"]}
    return {k for k, x, y in zip(found["kind"], found["claim_a"], found["claim_b"]) if {x, y} == pair}


@pytest.mark.parametrize("names", [
    ("微软", "微軟", "Microsoft", "MSFT", "Microsoft Corp"),   # the table's aliases, in any script
    ("騰訊", "腾讯控股", "Tencent"),
    ("瑞幸咖啡", "瑞幸"),                                       # unknown to the table: an industry suffix dropped
    ("Zentrova Holdings", "Zentrova", "ZENTROVA holdings"),     # unknown: legal suffix and case
    ("泡泡瑪特", "泡泡玛特"),                                    # unknown: traditional folded to simplified
])
def test_one_key_per_entity_whatever_the_script_or_spelling(names):
    assert len({key(n) for n in names}) == 1


def test_different_entities_keep_different_keys():
    assert len({key(n) for n in ("Microsoft", "OpenAI", "瑞幸咖啡", "Zentrova", "Quilbrook")}) == 5


def test_parties_are_keyed_as_a_set():
    assert key("Microsoft;OpenAI") == key("OpenAI;微軟") != key("Microsoft")


def test_the_same_stake_stated_in_two_scripts_is_a_confirmation():
    a = claim("s1", "27%", "equity_stake", 0.27, kind="percent", subject="微软", object="OpenAI")
    b = claim("s2", "約27%", "equity_stake", 0.27, kind="percent", subject="Microsoft", object="OpenAI")
    assert _kinds(check(ledger(a, b)), a, b) == {"consistent"}


def test_an_unknown_counterpart_matches_any():
    # '微软持股约27%' (whose stake: the article said a clause earlier) meets 'Microsoft holds 27% of OpenAI'
    named = claim("s1", "27%", "equity_stake", 0.27, kind="percent", object="OpenAI")
    unnamed = claim("s2", "27%", "equity_stake", 0.27, kind="percent", object="")
    other = claim("s3", "49%", "equity_stake", 0.49, kind="percent", object="OpenAI")
    found = check(ledger(named, unnamed, other))
    assert _kinds(found, named, unnamed) == {"consistent"}
    assert _kinds(found, unnamed, other) == {"contradiction"}  # 27% and 49% of the same holding


def test_two_named_counterparts_never_meet():
    a = claim("s1", "27%", "equity_stake", 0.27, kind="percent", object="OpenAI")
    b = claim("s2", "30%", "equity_stake", 0.30, kind="percent", object="Inflection")
    assert _kinds(check(ledger(a, b)), a, b) == set()


def test_a_segment_is_never_compared_with_the_total():
    total = claim("s1", "1928.7亿元", "revenue", 1.9287e11, subject="Tencent", object="", unit="CNY",
                  period="2025-Q3")
    games = claim("s2", "959亿元", "revenue", 9.59e10, subject="Tencent", object="value-added services",
                  unit="CNY", period="2025-Q3")
    same = claim("s3", "RMB192.9 billion", "revenue", 1.929e11, subject="Tencent", object="", unit="CNY",
                 period="2025-Q3")
    found = check(ledger(total, games, same))
    assert _kinds(found, total, games) == set()
    assert _kinds(found, total, same) == {"consistent"}  # 1928.7亿 ±0.05亿 and 192.9bn ±0.05bn overlap


def test_a_quarter_and_the_nine_months_around_it_are_different_periods():
    quarter = claim("s1", "1928.7亿元", "revenue", 1.9287e11, subject="Tencent", object="", unit="CNY",
                    period="2025-Q3")
    nine = claim("s2", "5574亿元", "revenue", 5.574e11, subject="Tencent", object="", unit="CNY",
                 period="2025-01/2025-09")
    assert _kinds(check(ledger(quarter, nine)), quarter, nine) == {"temporal"}


def test_a_stake_over_overlapping_periods_is_still_one_fact():
    # a stake holds at an instant: 2025 and 2025-10 overlap, so 27% against 49% is a contradiction
    a = claim("s1", "27%", "equity_stake", 0.27, kind="percent", period="2025")
    b = claim("s2", "49%", "equity_stake", 0.49, kind="percent", period="2025-10")
    assert _kinds(check(ledger(a, b)), a, b) == {"contradiction"}


def test_two_events_of_one_party_without_counterparts_never_meet_others():
    a = claim("s1", "本月月初", "event_date", None, kind="date", object="", period="2025-05")
    b = claim("s2", "去年10月", "event_date", None, kind="date", object="OpenAI", period="2024-10")
    assert _kinds(check(ledger(a, b)), a, b) == set()


def test_keys_are_key_of_each_name():
    # keys() simplifies all names in one call and looks up inline: the same keys as key()
    from ledger.crosscheck import entities
    from ledger.framing.cues import default_lexicon

    aliases = [a for e in default_lexicon().entities for a in (*e.aliases, e.name)]
    names = [*aliases, *(a + " Inc." for a in aliases), *(a + "控股有限公司" for a in aliases), "", "A;B", "微軟;微软",
             "ΑΣ", "İstanbul", "臺積電", "...", "E12", None]
    got = entities.keys(np.array(names, dtype=object)).tolist()
    assert got == [entities.key(n) if isinstance(n, str) else "" for n in names]


def test_a_claim_whose_subject_nobody_knows_only_confirms_a_precise_figure():
    # two summaries that never name their company: the same metric and quarter with
    # different values is no contradiction (they may be two companies); one of them
    # meets a named company's claim of another article only to confirm the same
    # precise figure (84.6 to three significant digits), never to oppose a figure
    a = claim("s1", "84.6亿元", "revenue", 8.46e9, subject="", object="", unit="CNY", period="2025-Q3")
    b = claim("s2", "45.3亿元", "revenue", 4.53e9, subject="", object="", unit="CNY", period="2025-Q3")
    named = claim("s3", "84.6亿元", "revenue", 8.46e9, subject="Zentrova", object="", unit="CNY", period="2025-Q3")
    found = check(ledger(a, b, named))
    assert not _kinds(found, a, b) and not _kinds(found, b, named)
    assert _kinds(found, a, named) == {"consistent"}


@pytest.mark.parametrize("value, surface, period", [
    (8.0e9, "80亿元", "2025-Q3"),       # a round figure: two companies share it by chance
    (8.46e9, "84.6亿元", "2025-Q2"),    # another quarter
])
def test_an_anonymous_claim_meets_no_round_figure_nor_another_period(value, surface, period):
    a = claim("s1", surface, "revenue", value, subject="", object="", unit="CNY", period=period)
    named = claim("s3", surface, "revenue", value, subject="Zentrova", object="", unit="CNY",
                  period="2025-Q3")
    assert not _kinds(check(ledger(a, named)), a, named)


# Across scripts: a Chinese name the table does not know meets the Latin name that
# spells its brand in pinyin (pypinyin reads 澜舟 as lanzhou), given the whole ledger.
@pytest.mark.parametrize("han, latin", [
    ("澜舟智控", "Zhejiang Lanzhou Intelligent Controls Co"),  # brand = first two characters; place and Co dropped
    ("浙江澜舟智控", "Lanzhou Intelligent Controls"),         # the Chinese name's opening place dropped
    ("毛戈平", "Mao Geping"),                                 # three characters, two Latin words run together
    ("珂昕", "Kexin Holdings"),
])
def test_a_chinese_name_meets_the_latin_name_spelling_it_in_pinyin(han, latin):
    from ledger.crosscheck.entities import keys

    got = keys(np.array([han, latin, "Quilbrook"], dtype=object)).tolist()
    assert got[0] == got[1] == key(latin) != got[2]


@pytest.mark.parametrize("names", [
    ("巨子生物", "Giant Biogene"),             # a translation, not a spelling: no link
    ("澜舟智控", "Lanzhou Bank", "Lanzhou Motors Group"),  # two Latin names spell it: which one is not known
    ("澜舟", "Lanz"),                          # fewer than five letters: too little to go on
])
def test_no_link_without_one_clear_spelling(names):
    from ledger.crosscheck.entities import keys

    got = keys(np.array(names, dtype=object)).tolist()
    assert got[0] == key(names[0]) and len(set(got)) == len(names)


def test_the_same_offer_price_in_a_chinese_and_an_english_article_is_a_confirmation():
    a = claim("s1", "22.53港元", "share_price", 22.53, subject="澜舟智控", unit="HKD", period="2025-06-23")
    b = claim("s2", "HK$22.53", "share_price", 22.53, subject="Zhejiang Lanzhou Intelligent Controls Co",
              unit="HKD", period="2025-06-23")
    assert _kinds(check(ledger(a, b)), a, b) == {"consistent"}


# An article that states both figures tells them apart (a segment and its total,
# attributable and total profit): the other article agreeing with one of them does
# not contradict the other.
def _rev(source, surface, value, period="2025-Q3", metric="revenue", subject="Zentrova"):
    return claim(source, surface, metric, value, subject=subject, object="", unit="CNY", period=period)


def test_a_figure_the_other_article_also_states_is_no_contradiction():
    total = _rev("s1", "290亿元", 29.0e9)
    part = _rev("s1", "283亿元", 28.3e9)  # the same article's other figure (its segment lost by framing)
    other = _rev("s2", "283億元", 28.3e9)
    found = check(ledger(total, part, other))
    assert _kinds(found, total, other) == set()
    assert _kinds(found, part, other) == {"consistent"}


def test_without_a_witness_the_contradiction_stands():
    a = _rev("s1", "290亿元", 29.0e9)
    b = _rev("s2", "283億元", 28.3e9)
    assert _kinds(check(ledger(a, b)), a, b) == {"contradiction"}


@pytest.mark.parametrize("witness", [
    _rev("s1", "283亿元", 28.3e9, metric="net_profit"),  # another metric: revenue 290 against 283 still clashes
    _rev("s1", "283亿元", 28.3e9, period="2024-Q3"),     # last year's figure: no witness for this quarter
    _rev("s1", "283亿元", 28.3e9, subject="Quilbrook"),  # another company's
])
def test_only_the_same_subject_metric_and_period_witness(witness):
    a = _rev("s1", "290亿元", 29.0e9)
    b = _rev("s2", "283億元", 28.3e9)
    assert _kinds(check(ledger(a, b, witness)), a, b) == {"contradiction"}


# One amount framed under two metrics of one family: a confirmation (three significant
# digits, each stated to within 1%), never for rates, which coincide too often.
def test_one_amount_framed_under_two_metrics_of_a_family_confirms():
    a = _rev("s1", "19.2 billion yuan", 19.2e9)
    b = _rev("s2", "192億元", 19.2e9, metric="net_profit")
    assert _kinds(check(ledger(a, b)), a, b) == {"consistent"}


@pytest.mark.parametrize("b", [
    _rev("s2", "192億元", 19.2e9, metric="share_price"),            # another family (a price)
    _rev("s2", "192億元", 19.2e9, metric="net_profit", subject="Quilbrook"),  # another company
    _rev("s2", "193億元", 19.3e9, metric="net_profit"),             # another figure
    _rev("s2", "190億元", 19.0e9, metric="net_profit"),             # two significant digits only
])
def test_no_confirmation_across_metrics_without_the_same_precise_amount(b):
    a = _rev("s1", "19.2 billion yuan", 19.2e9)
    assert _kinds(check(ledger(a, b)), a, b) == set()


def test_two_rates_of_one_company_that_coincide_do_not_confirm_each_other():
    a = claim("s1", "40.6%", "user_growth", 0.406, subject="Zentrova", unit="ratio", period="2025-Q3")
    b = claim("s2", "40.6%", "expenses_growth", 0.406, subject="Zentrova", unit="ratio", period="2025-Q3")
    assert _kinds(check(ledger(a, b)), a, b) == set()


# --------------------------------------------------------------------------- one company by its figures

# A translated name is no spelling (保時捷 / Porsche, made up here as 澜舟 / Quilbrook):
# two articles giving the two names the same amounts, to three digits, twice, are
# one story about one company - as a fact-checker reads them.  Figures: €966m =
# 9.66億歐元 (966 x 10^6 both), €974m = 9.74億歐元; the third pair disagrees
# (€700m against 7.5億歐元) and must then be compared as one company's.
def _story(han: str = "澜舟汽车", latin: str = "Quilbrook", *, second: bool = True, rival: str = ""):
    rows = [
        claim("en", "€966m", "operating_loss", 9.66e8, subject=latin, object="", unit="EUR", period="2025-Q3"),
        claim("zh", "9.66億歐元", "operating_loss", 9.66e8, subject=han, object="", unit="EUR", period="2025-Q3"),
        claim("en", "€700m", "revenue", 7.0e8, subject=latin, object="", unit="EUR", period="2025-Q3", start=40),
        claim("zh", "7.5億歐元", "revenue", 7.5e8, subject=han, object="", unit="EUR", period="2025-Q3", start=40),
    ]
    if second:
        rows += [claim("en", "€974m", "operating_profit", 9.74e8, subject=latin, object="", unit="EUR",
                       period="2024-Q3", start=80),
                 claim("zh", "9.74億歐元", "operating_profit", 9.74e8, subject=han, object="", unit="EUR",
                       period="2024-Q3", start=80)]
    if rival:
        rows.append(claim("zh", "1.2億歐元", "revenue", 1.2e8, subject=rival, object="", unit="EUR",
                          period="2025-Q3", start=120))
    return rows


def test_two_names_with_two_shared_figures_are_one_company():
    rows = _story()
    found = check(ledger(*rows))
    assert _kinds(found, rows[0], rows[1]) == {"consistent"}
    assert _kinds(found, rows[4], rows[5]) == {"consistent"}
    assert _kinds(found, rows[2], rows[3]) == {"contradiction"}  # 7.0 against 7.5: compared now


@pytest.mark.parametrize("story, shared", [
    (_story(second=False), set()),                        # one shared figure: a coincidence
    # the Chinese article names both: two companies, never compared as one (7.0 against
    # 7.5 is no contradiction); the two articles still tell one story, and the figure both
    # state is confirmed whoever each files it under (_story_agreeing)
    (_story(rival="Quilbrook"), {"consistent"}),
    (_story(han="腾讯", latin="Alibaba"), set()),           # two names of the table: never linked
])
def test_no_link_on_too_little_evidence(story, shared):
    found = check(ledger(*story))
    assert _kinds(found, story[0], story[1]) == shared
    assert _kinds(found, story[2], story[3]) == set()


def test_rates_are_no_evidence_and_the_link_can_be_turned_off():
    from ledger.crosscheck.entities import linked_by_figures

    names = np.array(["澜舟汽车", "quilbrook"], dtype=object)
    entity = np.array([0, 1, 0, 1])
    source = np.array([0, 1, 0, 1])
    point = np.array([0.123, 0.123, 0.457, 0.457])
    mentioned = np.column_stack([source, entity])
    unit = np.zeros(4, dtype=np.int64)
    rates = linked_by_figures(entity, names, source, point, unit, mentioned, np.zeros(4, dtype=bool))
    assert rates.tolist() == [0, 1]
    amounts = linked_by_figures(entity, names, source, point * 1e9, unit, mentioned, np.ones(4, dtype=bool))
    assert amounts.tolist() == [1, 1]
    rows = _story()
    from ledger.crosscheck.scoring import load_settings
    settings = load_settings()
    settings["link"] = {"by_figures": False}
    # (the two articles still tell one story: their shared figures confirm each other
    # whatever the subjects, unless that is turned off too)
    settings["compare"] = {**settings["compare"], "story_min_shared": 0}
    assert _kinds(check(ledger(*rows), settings=settings), rows[0], rows[1]) == set()


# Basic and diluted earnings per share are two figures (每股基本盈利 29.82分, 每股摊薄盈利
# 29.73分); an EPS that says neither (0.2973 yuan) may be either: it confirms the diluted
# one it equals and is never held against the basic one.
def test_an_eps_that_names_no_basis_meets_basic_and_diluted_only_to_agree():
    plain = claim("en", "0.2973 yuan", "eps", 0.2973, subject="Quilbrook", object="", unit="CNY", period="2025-H1")
    basic = claim("zh", "29.82分", "basic_eps", 0.2982, subject="Quilbrook", object="", unit="CNY",
                  period="2025-H1")
    diluted = claim("zh", "29.73分", "diluted_eps", 0.2973, subject="Quilbrook", object="", unit="CNY",
                    period="2025-H1", start=30)
    found = check(ledger(plain, basic, diluted))
    assert _kinds(found, plain, diluted) == {"consistent"}
    assert _kinds(found, plain, basic) == set()
    assert _kinds(found, basic, diluted) == set()


@pytest.mark.parametrize("value", ["two", 0, 1.5, True])
def test_a_bad_link_setting_is_a_clear_error(value):
    from ledger.crosscheck.scoring import load_settings
    from ledger.errors import InvalidValue

    settings = dict(load_settings())
    settings["link"] = {"by_figures": True, "min_figures": value}
    with pytest.raises(InvalidValue, match=r"\[link\] min_figures must be a whole number"):
        check(ledger(*_story()), settings=settings)


def test_the_cli_names_a_bad_link_setting_and_exits_non_zero(tmp_path):
    from click.testing import CliRunner

    from ledger.cli import main
    from ledger.record import COLUMNS

    rules = tmp_path / "rules.toml"
    packaged = (Path(__file__).parents[2] / "ledger" / "lexicon" / "rules.toml").read_text(encoding="utf-8")
    rules.write_text(packaged.replace("min_figures = 2", 'min_figures = "two"'), encoding="utf-8")
    claims = tmp_path / "claims.csv"
    ledger(*_story()).to_csv(claims, index=False, columns=list(COLUMNS))
    before = claims.read_bytes()
    result = CliRunner().invoke(main, ["check", str(claims), "--rules", str(rules)])
    assert result.exit_code == 1  # invalid input (docs/cli.md), one line, no findings
    assert "error: link.min_figures = 'two': rules [link] min_figures must be a whole number" in result.output
    assert "findings" not in result.output
    assert claims.read_bytes() == before


def _told_twice(subject_b: str, *, shared: int = 1, value_b: float = 3.74e8, period_b: str = "2025-Q3"):
    """Two articles telling one quarter: the first files a division's net profit of
    $374 million under its company, the second under a name it misread; both state
    ``shared`` other precise amounts of the quarter (revenue $22.1bn, expenses $14.3bn)."""
    others = [("revenue", 2.21e10, "$22.1 billion"), ("expenses", 1.43e10, "$14.3 billion")][:shared]
    a = claim("s1", "$374 million", "net_profit", 3.74e8, subject="Zentrova", object="", unit="USD",
              period="2025-Q3")
    b = claim("s2", "3.74亿美元", "net_profit", value_b, subject=subject_b, object="", unit="USD", period=period_b)
    rest = [claim(src, surface, m, v, subject=name, object="", unit="USD", period="2025-Q3", start=40 + 40 * k)
            for k, (m, v, surface) in enumerate(others) for src, name in (("s1", "Zentrova"), ("s2", "泽创集团"))]
    return a, b, rest


def test_two_tellings_of_one_story_confirm_a_figure_filed_under_two_subjects():
    # the two articles share another precise amount (two with this one, story_min_shared 2):
    # one story told twice, so the
    # division's $374 million confirms 3.74亿美元 whoever each article says made it
    a, b, rest = _told_twice("财富之星")
    assert _kinds(check(ledger(a, b, *rest)), a, b) == {"consistent"}


@pytest.mark.parametrize("shared, value_b, period_b", [
    (0, 3.74e8, "2025-Q3"),   # no other figure in common: two articles may share one by chance
    (2, 3.71e8, "2025-Q3"),   # another amount: a subject in doubt never opposes
    (2, 3.74e8, "2025-Q2"),   # another quarter
])
def test_a_story_confirms_only_the_same_figure_of_the_same_period(shared, value_b, period_b):
    a, b, rest = _told_twice("财富之星", shared=shared, value_b=value_b, period_b=period_b)
    assert not _kinds(check(ledger(a, b, *rest)), a, b)


def test_a_story_is_off_when_rules_say_so():
    # guard: rules.toml [compare] story_min_shared = 0 turns the story off
    from ledger.crosscheck import load_settings

    a, b, rest = _told_twice("财富之星")
    settings = load_settings()
    settings = {**settings, "compare": {**settings["compare"], "story_min_shared": 0}}
    assert not _kinds(check(ledger(a, b, *rest), settings=settings), a, b)


@pytest.mark.parametrize("surface, value, kinds", [
    ("18.91%", 0.1891, {"consistent"}),   # a precise rate of the story confirms itself whatever the subject
    ("15%", 0.15, set()),                  # a round rate two companies share by chance: nothing
])
def test_a_precise_rate_in_one_story_confirms_itself(surface, value, kinds):
    a, b, rest = _told_twice("财富之星")
    ra = claim("s1", surface, "revenue_growth", value, subject="Zentrova", object="", unit="ratio",
               period="2025-Q3", start=200)
    rb = claim("s2", surface, "revenue_growth", value, subject="财富之星", object="", unit="ratio",
               period="2025-Q3", start=200)
    assert _kinds(check(ledger(a, b, *rest, ra, rb)), ra, rb) == kinds
