"""The generalisation scorer's own logic (bench/generalisation.py), on tiny
hand-made inputs: every expected figure below is worked out by hand from the
inputs written here, never copied from the script's output."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.bench.scripts import load

g = load("generalisation")


# --------------------------------------------------------------------------- names and entities


def test_normalise_folds_script_case_spaces_and_punctuation():
    assert g.normalise("騰訊 控股") == g.normalise("腾讯控股") == "腾讯控股"
    assert g.normalise("JD.com") == "jdcom"
    assert g.normalise("ＪＤ．ｃｏｍ") == "jdcom"  # full-width forms
    assert g.normalise("Value-Added  Services") == "valueaddedservices"
    assert g.normalise("山姆·奧特曼") == "山姆奥特曼"


@pytest.fixture
def entities(tmp_path):
    path = tmp_path / "entities.csv"
    path.write_text(
        "id,type,wikidata,aliases\n"
        "Tencent,company,Q860580,騰訊;腾讯;Tencent Holdings;0700.HK\n"
        "Samsung Electronics,company,,三星電子;Samsung Elec\n"
        "Geely,company,,吉利;吉利汽車\n"
        "Renault,company,,雷諾;Renault Group\n"
        "global smartphone market,market,,\n",
        encoding="utf-8",
    )
    return g.load_entities(path)


@pytest.fixture
def tool(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text(
        '[Samsung]\ntype = "company"\naliases = ["三星", "Samsung Elec"]\n\n'
        '[Tencent]\ntype = "company"\naliases = ["腾讯"]\n\n'
        '["JD"]\ntype = "company"\naliases = ["京东", "JD.com"]\n',
        encoding="utf-8",
    )
    return g.load_tool_entities(path)


def test_entity_matches_across_scripts_and_spelling(entities, tool):
    assert g.entity_agrees("Tencent", "Tencent", entities, tool)
    assert g.entity_agrees("Tencent", "騰訊", entities, tool)  # traditional alias, written simplified or not
    assert g.entity_agrees("Tencent", "腾讯", entities, tool)
    assert g.entity_agrees("Tencent", "tencent  holdings", entities, tool)  # case and spaces
    assert g.entity_agrees("Tencent", "0700 HK", entities, tool)  # punctuation
    assert not g.entity_agrees("Tencent", "Samsung", entities, tool)


def test_entity_matches_through_the_tools_own_aliases(entities, tool):
    # 'Samsung' is no alias of 'Samsung Electronics' in entities.csv, but the tool's
    # Samsung has the alias 'Samsung Elec', which entities.csv lists too
    assert g.entity_agrees("Samsung Electronics", "Samsung", entities, tool)
    # an expected id absent from entities.csv is only itself; 'JD' is the tool's, with alias JD.com
    assert g.entity_agrees("JD.com", "JD", entities, tool)
    assert not g.entity_agrees("Tencent", "JD", entities, tool)


def test_segment_phrase_objects_and_empty_cells(entities, tool):
    assert g.entity_agrees("value-added services", "Value Added Services", entities, tool)
    assert not g.entity_agrees("value-added services", "", entities, tool)
    assert g.entity_agrees("", "", entities, tool)
    assert not g.entity_agrees("", "Tencent", entities, tool)
    assert not g.entity_agrees("Tencent", "", entities, tool)


def test_multi_party_cells_compare_as_sets(entities, tool):
    assert g.entity_agrees("Geely;Renault", "Renault;Geely", entities, tool)
    assert g.entity_agrees("Geely;Renault", "雷諾; 吉利", entities, tool)
    assert not g.entity_agrees("Geely;Renault", "Geely", entities, tool)  # a party missing
    assert not g.entity_agrees("Geely;Renault", "Geely;Renault;Tencent", entities, tool)  # one too many
    assert not g.entity_agrees("Geely;Renault", "Geely;吉利", entities, tool)  # one name cannot stand for two


def test_known_to_tool(entities, tool):
    assert g.known_to_tool("Tencent", entities, tool)
    assert g.known_to_tool("Samsung Electronics", entities, tool)  # via 'Samsung Elec'
    assert not g.known_to_tool("Geely", entities, tool)
    assert not g.known_to_tool("Tencent;Geely", entities, tool)  # every party must be known
    assert not g.known_to_tool("", entities, tool)


def test_main_subject_by_row_count_first_seen_wins_a_tie():
    rows = [{"subject": "A", "metric": "revenue"}, {"subject": "B", "metric": "revenue"},
            {"subject": "B", "metric": ""}, {"subject": "A", "metric": "x"}, {"subject": "B", "metric": "x"}]
    # claim rows only: A 2, B 2 (B's non-claim row does not count) -> tie -> A, seen first
    assert g.main_subject(rows) == "A"
    assert g.main_subject([*rows, {"subject": "B", "metric": "eps"}]) == "B"
    assert g.main_subject([]) == ""


# --------------------------------------------------------------------------- locating and matching


def test_locate_counts_plain_substring_occurrences():
    text = "up 15% to 115% and 15%"
    # '15%' starts at 3, inside '115%' at 11, then at 19
    assert g.locate(text, "15%", 1) == 3
    assert g.locate(text, "15%", 2) == 11
    assert g.locate(text, "15%", 3) == 19
    assert g.locate(text, "15%", 4) is None
    assert g.locate(text, "16%", 1) is None
    # each search starts one past the previous start, so matches may overlap
    assert g.locate("aaaa", "aa", 2) == 1
    assert g.locate("aaaa", "aa", 3) == 2
    assert g.locate("aaaa", "aa", 4) is None


def test_best_claim_prefers_the_largest_overlap():
    claims = [{"claim_id": "x", "start": 0, "end": 4}, {"claim_id": "y", "start": 3, "end": 10},
              {"claim_id": "z", "start": 20, "end": 25}]
    assert g.best_claim(claims, 2, 6)["claim_id"] == "y"  # overlaps: x 2 (2..4), y 3 (3..6)
    assert g.best_claim(claims, 0, 3)["claim_id"] == "x"  # y starts at 3: no overlap
    assert g.best_claim(claims, 10, 20) is None  # touching is not overlapping


# --------------------------------------------------------------------------- fields


def test_value_relative_tolerance():
    assert g.value_agrees("0.15", 0.15)
    assert g.value_agrees("0.15", 0.15000001)  # |diff| 1e-8 / 0.15 = 6.7e-8
    assert not g.value_agrees("0.15", 0.1500002)  # 2e-7 / 0.15 = 1.3e-6
    assert g.value_agrees("192870000000", 192870100000.0)  # 1e5 / 1.9287e11 = 5.2e-7
    assert not g.value_agrees("0.001", 0.0010001)  # relative, not absolute: 1e-7 / 1e-3 = 1e-4
    assert g.value_agrees("0", 0.0)
    assert g.value_agrees("", float("nan"))
    assert g.value_agrees("", None)
    assert not g.value_agrees("", 0.1)
    assert not g.value_agrees("0.1", float("nan"))


def test_purity_f_worked_example():
    pairs = ([("revenue", "rev")] * 3 + [("net_profit", "rev")]
             + [("revenue", "growth")] + [("revenue_growth", "growth")] * 2)
    # N = 7.  Extracted clusters: rev = {revenue 3, net_profit 1} -> 3; growth = {revenue 1, revenue_growth 2} -> 2;
    #   purity = (3 + 2) / 7 = 5/7.
    # Expected classes: revenue = {rev 3, growth 1} -> 3; revenue_growth = {growth 2} -> 2; net_profit = {rev 1} -> 1;
    #   inverse purity = (3 + 2 + 1) / 7 = 6/7.
    # F = 2 * 5/7 * 6/7 / (5/7 + 6/7) = (60/49) / (11/7) = 60/77 = 0.779...
    got = g.purity_f(pairs)
    assert got["n"] == 7
    assert got["purity"] == pytest.approx(5 / 7)
    assert got["inverse_purity"] == pytest.approx(6 / 7)
    assert got["f"] == pytest.approx(60 / 77)
    # a renamed but one-to-one vocabulary is perfect
    assert g.purity_f([("a", "x"), ("a", "x"), ("b", "y")])["f"] == pytest.approx(1.0)
    assert math.isnan(g.purity_f([])["f"])


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize("expected, kinds, both, right", [
    ("consistent", {"consistent"}, True, True),
    ("consistent", {"contradiction"}, True, False),
    ("consistent", set(), True, False),
    ("contradiction", {"contradiction"}, True, True),
    ("contradiction", {"consistent"}, True, False),
    ("temporal", {"temporal"}, True, True),
    ("temporal", {"modality"}, True, False),
    ("modality", {"modality"}, True, True),
    ("modality", set(), True, False),
    ("different", set(), True, True),
    ("different", {"temporal"}, True, True),
    ("different", {"modality"}, True, True),
    ("different", {"consistent"}, True, False),
    ("different", {"contradiction"}, True, False),
    ("consistent", {"consistent"}, False, False),  # a claim not extracted is never right
    ("different", set(), False, False),
])
def test_verdict_rules(expected, kinds, both, right):
    assert g.verdict_right(expected, kinds, both) is right


def test_pair_kinds_in_either_order_and_without_arithmetic():
    findings = pd.DataFrame({"kind": ["consistent", "arithmetic", "temporal"],
                             "claim_a": ["c2", "c1", "c9"], "claim_b": ["c1", "c2", "c8"]})
    kinds = g.pair_kinds(findings)
    assert kinds[frozenset(("c1", "c2"))] == {"consistent"}
    assert kinds[frozenset(("c8", "c9"))] == {"temporal"}
    assert g.verdict_got({"consistent", "contradiction"}, True) == "contradiction"
    assert g.verdict_got(set(), True) == "no finding"
    assert g.verdict_got(set(), False) == "not extracted"


# --------------------------------------------------------------------------- a tiny corpus

A_EN = "Tencent said revenue rose 15% to RMB100 billion, plus or minus 2%.\n"
A_HANT = "騰訊收入1000億元，增長15%，遊戲收入500億元。\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    b = root / "b1"
    _write(b / "articles.csv", "file,split,cluster,lang,outlet,url,published,title,note\n"
                               "a_en.txt,dev,c1,en,,,,,\na_hant.txt,dev,c1,hant,,,,,\nz_en.txt,test,c2,en,,,,,\n")
    _write(b / "dev" / "a_en.txt", A_EN)
    _write(b / "dev" / "a_hant.txt", A_HANT)
    _write(b / "test" / "z_en.txt", "Acme sold 3 widgets.\n")
    _write(b / "expected.csv", (
        "file,surface,occurrence,subject,object,metric,period,modality,value,unit,note\n"
        "a_en.txt,15%,1,Tencent,,revenue_growth,2025-Q3,actual,0.15,ratio,\n"
        "a_en.txt,RMB100 billion,1,Tencent,,revenue,2025-Q3,actual,100000000000,CNY,\n"
        "a_en.txt,2%,1,,,,,,,,a tolerance\n"
        "a_hant.txt,1000億元,1,Tencent,,revenue,2025-Q3,actual,100000000000,CNY,\n"
        "a_hant.txt,15%,1,Tencent,,revenue_growth,2025-Q3,actual,0.15,ratio,\n"
        "a_hant.txt,500億元,1,Tencent,games,revenue,2025-Q3,actual,50000000000,CNY,\n"
        "z_en.txt,999 widgets,1,Acme,,shipments,,actual,999,count,not in the article\n"))
    _write(b / "verdicts.csv", (
        "file_a,surface_a,occurrence_a,file_b,surface_b,occurrence_b,verdict,note\n"
        "a_en.txt,RMB100 billion,1,a_hant.txt,1000億元,1,consistent,\n"
        "a_en.txt,15%,1,a_hant.txt,15%,1,consistent,\n"
        "a_en.txt,RMB100 billion,1,a_hant.txt,500億元,1,different,segment vs total\n"))
    _write(b / "entities.csv", "id,type,wikidata,aliases\nTencent,company,,騰訊;腾讯\nAcme,company,,\n")
    return root


def _claim(cid: str, text: str, surface: str, **fields):
    start = text.index(surface)
    row = {"claim_id": cid, "start": start, "end": start + len(surface), "subject": "", "object": "",
           "metric": "", "period": "", "modality": "actual", "value": float("nan")}
    row.update(fields)
    return row


def test_score_on_a_hand_made_run(corpus, tool):
    c = g.load_corpus(corpus, "dev", ["b1"])  # z_en.txt (test) is not read: its bad surface does not matter
    spans = g.locate_all(c)
    claims = {
        "a_en": [
            _claim("c1", A_EN, "15%", subject="Tencent", metric="revenue_growth", value=0.15),  # period missed
            _claim("c2", A_EN, "RMB100 billion", subject="Tencent", metric="revenue", period="2025-Q3", value=1e11),
            _claim("c3", A_EN, "2%", subject="Tencent", metric="unspecified_ratio", value=0.02),  # a false claim
            _claim("c6", A_EN, "Tencent", metric="event_date", modality="actual"),  # no expected row there
        ],
        "a_hant": [
            _claim("c4", A_HANT, "1000億元", metric="revenue", period="2025-Q3", value=1e11),  # no subject
            _claim("c5", A_HANT, "500億元", subject="Tencent", metric="revenue", period="2025-Q3", value=5e10),
            # '15%' of a_hant is not extracted
        ],
    }
    findings = pd.DataFrame({"kind": ["consistent", "contradiction", "arithmetic"],
                             "claim_a": ["c4", "c2", "c1"], "claim_b": ["c2", "c5", "c2"]})
    run = g.Run(claims=claims, findings=findings, extracted=6, seconds_extract=0.0,
                seconds_check=0.0, refused=[])
    out = g.score(c, run, spans, tool)
    t = out["extraction"]["all"]
    # 5 claim rows: c1, c2 (a_en); c4, (missed 15%), c5 (a_hant); 1 non-claim row (2%), extracted as c3
    assert (t["claims"], t["found"], t["non_claims"], t["false_claims"]) == (5, 4, 1, 1)
    assert t["subject"] == 3  # c1, c2, c5; c4 has none; the missed row disagrees
    assert t["object"] == 3  # c1, c2, c4 empty as expected; c5 lacks 'games'
    assert t["metric_exact"] == 4
    assert t["metric_purity_f"]["f"] == pytest.approx(1.0)  # revenue_growth -> revenue_growth, revenue -> revenue
    assert t["period"] == 3  # c2, c4, c5; c1 has none
    assert t["modality"] == 4
    assert t["value"] == 4
    en, hant = out["extraction"]["en"], out["extraction"]["hant"]
    assert (en["claims"], en["found"], en["subject"], en["period"]) == (2, 2, 2, 1)
    assert (hant["claims"], hant["found"], hant["subject"], hant["object"]) == (3, 2, 1, 1)
    assert out["extraction"]["unknown-entity"]["claims"] == 0  # both articles are about Tencent, in the tool's table
    assert out["extracted"] == {"claims": 6, "matching_no_expected_row": 1, "matched_by_several_rows": 0}
    v = out["verdicts"]
    # (c2, c4) consistent: found in the other order -> right; (c1, missing) -> not extracted;
    # (c2, c5) different but reported as a contradiction -> the critical error
    assert (v["right"], v["total"], v["not_extracted"], v["different_as_contradiction"]) == (1, 3, 1, 1)
    assert v["by_verdict"]["consistent"] == {"right": 1, "total": 2, "not_extracted": 1}
    assert v["by_verdict"]["different"] == {"right": 0, "total": 1, "not_extracted": 0}
    fields = {(d["surface"], d["field"]) for d in out["_disagreements"]}
    assert {("15%", "period"), ("2%", "not a claim"), ("1000億元", "subject"), ("15%", "found"),
            ("500億元", "object")} == fields


def test_unknown_entity_subset(corpus, tmp_path):
    empty_tool = tmp_path / "none.toml"
    empty_tool.write_text('[Samsung]\naliases = ["三星"]\n', encoding="utf-8")
    c = g.load_corpus(corpus, "dev", ["b1"])
    run = g.Run({}, pd.DataFrame({"kind": [], "claim_a": [], "claim_b": []}), 0, 0.0, 0.0, [])
    out = g.score(c, run, g.locate_all(c), g.load_tool_entities(empty_tool))
    unknown = out["extraction"]["unknown-entity"]
    assert (unknown["articles"], unknown["claims"], unknown["found"]) == (2, 5, 0)  # Tencent unknown to this tool
    assert out["verdicts"]["not_extracted"] == 3


def test_a_surface_not_found_is_a_data_error(corpus, capsys):
    with pytest.raises(g.DataError, match="999 widgets"):
        g.locate_all(g.load_corpus(corpus, "test", ["b1"]))
    assert g.main(["--corpus", str(corpus), "--split", "test"]) == 2
    assert "999 widgets" in capsys.readouterr().err


def test_an_unquoted_comma_in_articles_csv_is_a_data_error_naming_the_line(corpus):
    # a title with a comma left unquoted shifts the published date into the url column
    path = corpus / "b1" / "articles.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("a_hant.txt,dev,c1,hant,,,,,",
                                                             "a_hant.txt,dev,c1,hant,,,2025-11,one, two,"),
                    encoding="utf-8")
    with pytest.raises(g.DataError, match=r"b1/articles.csv:3: .*quote the field"):
        g.load_corpus(corpus, "dev", ["b1"])


def test_same_file_name_in_two_batches_is_prefixed(corpus):
    import shutil
    shutil.copytree(corpus / "b1", corpus / "b2")
    c = g.load_corpus(corpus, "dev", ["b1", "b2"])
    assert sorted(a.name for a in c.articles.values()) == [
        "b1_a_en.txt", "b1_a_hant.txt", "b2_a_en.txt", "b2_a_hant.txt"]
    assert g.load_corpus(corpus, "dev", ["b1"]).articles[("b1", "a_en.txt")].name == "a_en.txt"


def test_data_notes(corpus):
    exp = corpus / "b1" / "expected.csv"
    exp.write_text(exp.read_text(encoding="utf-8")
                   + "a_en.txt,15%,1,Tencnet,,revenue_growth,Q3 2025,maybe,0.15,ratio,typo\n", encoding="utf-8")
    notes = g.load_corpus(corpus, "dev", ["b1"]).notes
    assert sorted(n["code"] for n in notes) == ["bad-modality", "bad-period", "duplicate-row", "entity-missing"]
    assert all(n["split"] == "dev" for n in notes)


def test_list_is_refused_unless_dev(capsys):
    for split in ("test", "all"):
        assert g.main(["--split", split, "--list"]) == 2
        err = capsys.readouterr().err
        assert "--split dev" in err and "scored, not read" in err


def test_unknown_batch_is_refused(corpus, capsys):
    assert g.main(["--corpus", str(corpus), "--batch", "b9"]) == 2
    assert "b9" in capsys.readouterr().err


@pytest.mark.slow
def test_runs_the_real_pipeline_on_the_tiny_corpus(corpus, capsys):
    assert g.main(["--corpus", str(corpus), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # counts from the annotations alone (what the pipeline finds is not asserted here)
    t = out["extraction"]["all"]
    assert (t["articles"], t["claims"], t["non_claims"]) == (2, 5, 1)
    assert out["verdicts"]["total"] == 3
    assert out["split"] == "dev" and out["batches"] == ["b1"]
    assert "disagreements" not in out


@pytest.mark.slow
def test_another_entity_table_replaces_the_packaged_one_for_the_whole_pipeline(tmp_path):
    """--entities: framing and the cross-check's keys both read the given table
    (run in a child: the switch is for the whole process)."""
    import subprocess

    table = tmp_path / "entities.toml"
    table.write_text('[Quorvex]\ntype = "company"\naliases = ["奎沃克斯"]\n', encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, 'bench'); import generalisation as g; "
        f"g.use_entity_table({str(table)!r}); "
        "from ledger.framing.cues import default_lexicon; from ledger.crosscheck.entities import key; "
        "from ledger.framing.frame import frame_text; "
        "print(len(default_lexicon().entities), key('奎沃克斯'), key('微软'), "
        "frame_text('奎沃克斯第三季度营收为12亿元。', source='t')[0]['subject'])"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    count, quorvex, microsoft, subject = out.stdout.split()
    # one entity; its alias keys to it; Microsoft is no longer known (its name folded, not 'Microsoft')
    assert (count, quorvex, subject) == ("1", "Quorvex", "Quorvex")
    assert microsoft != "Microsoft"


# --------------------------------------------------------------------------- invented names (--swap-names)


@pytest.fixture
def swap(tmp_path):
    path = tmp_path / "entities.csv"
    path.write_text(
        "id,type,wikidata,aliases\n"
        "Luckin Coffee,company,,瑞幸咖啡;Luckin Coffee;Luckin Coffee Inc.;LKNCY\n"
        "Pop Mart,company,,泡泡瑪特;Pop Mart;09992.HK\n"
        "Lei Jun,person,,雷军\n",
        encoding="utf-8",
    )
    return g.NameSwap(path, seed=7), path


def test_swap_renames_a_company_alike_in_both_scripts_and_keeps_generic_words(swap):
    s, _ = swap
    simplified, traditional = s("泡泡玛特集团公布业绩"), s("泡泡瑪特集團公布業績")
    assert "泡泡" not in simplified and "玛特" not in simplified
    assert simplified.endswith("集团公布业绩") and traditional.endswith("集團公布業績")
    # four characters for four, the same in either script (the pool is script-invariant)
    assert simplified[:4] == traditional[:4] and len(simplified) == len("泡泡玛特集团公布业绩")
    # the same character always becomes the same character (泡泡 -> XX)
    assert simplified[0] == simplified[1]


def test_swap_renames_latin_words_with_their_capitals_and_keeps_corporate_words(swap):
    s, _ = swap
    out = s("Luckin Coffee Inc. said LUCKIN and Luckin's stores grew; Luckinsky is another word.")
    new = s("Luckin")
    assert new != "Luckin" and new[0].isupper() and new[1:].islower()
    assert out.startswith(f"{new} Coffee Inc. said {new.upper()} and {new}'s")  # Coffee, Inc.: what kind, not which
    assert s("the luckin word") == "the luckin word"  # lower case: an ordinary word
    assert "Luckinsky" in out  # inside another word: untouched


def test_swap_changes_stock_codes_but_not_other_numbers_and_keeps_people(swap):
    s, _ = swap
    out = s("泡泡瑪特(09992.HK)收入139億元，增長204.4%，雷军说09992是代码")
    assert "09992" not in out and "139億元" in out and "204.4%" in out and "雷军" in out


def test_swap_entities_name_the_invented_forms(swap):
    s, path = swap
    table = g.load_entities(path)
    swapped = s.entities(table, path)
    assert g.normalise(s("泡泡瑪特")) in swapped["Pop Mart"]
    assert g.normalise("泡泡玛特") not in swapped["Pop Mart"]
    assert swapped["Lei Jun"] == table["Lei Jun"]  # people keep their names
    assert g.party_agrees("Pop Mart", s("泡泡玛特"), swapped, {})
