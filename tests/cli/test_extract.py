"""`factcheck extract` and ledger.job.extract: find -> frame -> merge ->
register -> atomic write, never changing what a reviewer touched."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import job as pipeline
from ledger.claims import read_ledger
from ledger.cli import main
from ledger.errors import InputUnreadable, LedgerInvalid
from ledger.framing import frame_text
from ledger.job import extract
from ledger.record import FRAMED_FIELDS
from ledger.sources import load_sources
from ledger.textio import read_text, sha256_of

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
TWO = ("001_65e055411d3fbeb8", "003_0abc642c1ef51a12")


def seed_copy(tmp: Path, ids=TWO) -> Path:
    """A seeds folder with some articles and their sources.csv rows."""
    folder = tmp / "seeds"
    folder.mkdir()
    lines = (SEEDS / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [lines[0]] + [ln for ln in lines[1:] if ln.split(",", 1)[0] in ids]
    (folder / "sources.csv").write_text("".join(keep), encoding="utf-8")
    for sid in ids:
        shutil.copy(SEEDS / f"{sid}.txt", folder / f"{sid}.txt")
    return folder


def test_extract_into_new_ledger_then_again_changes_nothing(tmp_path):
    folder = seed_copy(tmp_path)
    ledger = tmp_path / "claims.csv"
    first = extract([folder], ledger_path=ledger)
    assert first.added > 0 and first.written
    assert first.counts == {"added": first.added, "unchanged": 0, "kept_reviewed": 0, "orphaned": 0}
    df = read_ledger(ledger)
    assert len(df) == first.added
    assert set(df["status"]) == {"unreviewed"} and set(df["origin"]) == {"extracted"}
    for row in df.itertuples():  # offsets point into the original article
        assert read_text(folder / f"{row.source}.txt")[row.start : row.end] == row.surface
    before = ledger.read_bytes()
    second = extract([folder], ledger_path=ledger)
    assert second.counts == {"added": 0, "unchanged": first.added, "kept_reviewed": 0, "orphaned": 0}
    assert not second.written
    assert ledger.read_bytes() == before


def test_new_article_is_registered_with_its_checksum(tmp_path):
    folder = seed_copy(tmp_path, ids=())
    article = folder / "tsmc_hans.txt"
    shutil.copy(ARTICLES / "tsmc_hans.txt", article)
    result = extract([article], ledger_path=tmp_path / "claims.csv", sources_path=folder / "sources.csv")
    assert result.registered == ["tsmc_hans"]
    src = load_sources(folder / "sources.csv")
    row = src[src["id"] == "tsmc_hans"].iloc[0]
    assert row["sha256"] == sha256_of(article) and row["published"] == "2025-03-06" and row["file"] == "tsmc_hans.txt"
    assert result.added == 4  # the four claims of the article (see test_framing UNSEEN)
    again = extract([article], ledger_path=tmp_path / "claims.csv", sources_path=folder / "sources.csv")
    assert again.registered == [] and again.added == 0


def test_changed_article_orphans_its_rows_and_keeps_them(tmp_path):
    folder = seed_copy(tmp_path, ids=TWO[1:])
    ledger = tmp_path / "claims.csv"
    first = extract([folder], ledger_path=ledger)
    article = folder / f"{TWO[1]}.txt"
    article.write_text("【更正】" + read_text(article), encoding="utf-8")  # every offset moves by 4
    second = extract([folder], ledger_path=ledger)
    assert second.orphaned == first.added
    assert any(p.code == "article-changed" for p in second.problems)
    df = read_ledger(ledger)
    assert len(df) == first.added + second.added  # nothing deleted, the new offsets added


def test_vanished_article_orphans_its_rows(tmp_path):
    folder = seed_copy(tmp_path)
    ledger = tmp_path / "claims.csv"
    first = extract([folder], ledger_path=ledger)
    gone = read_ledger(ledger)
    n_gone = int((gone["source"] == TWO[0]).sum())
    (folder / f"{TWO[0]}.txt").unlink()
    second = extract([folder], ledger_path=ledger)
    assert second.orphaned == n_gone
    assert len(read_ledger(ledger)) == first.added


def test_missing_path_is_unreadable(tmp_path):
    with pytest.raises(InputUnreadable, match="no such file"):
        extract([tmp_path / "nope"], ledger_path=tmp_path / "claims.csv")


def test_shipped_ledger_keeps_every_reviewed_row(tmp_path):
    folder = seed_copy(tmp_path, ids=tuple(p.stem for p in sorted(SEEDS.glob("*.txt"))))
    ledger = tmp_path / "claims.csv"
    shutil.copy(ROOT / "claims.csv", ledger)
    reviewed = read_ledger(ledger)
    result = extract([folder], ledger_path=ledger)
    after = read_ledger(ledger).set_index("claim_id")
    for row in reviewed.to_dict("records"):  # every reviewed row, byte for byte the same fields
        kept = after.loc[row["claim_id"]].to_dict()
        assert {k: v for k, v in kept.items() if v == v} == {k: v for k, v in row.items() if k != "claim_id" and v == v}
    assert result.orphaned == 0
    assert result.kept_reviewed >= 0.9 * len(reviewed)  # extraction proposes (nearly) the reviewed claims
    assert extract([folder], ledger_path=ledger).added == 0


# --------------------------------------------------------------------------- CLI


def test_cli_extract_json_and_summary(tmp_path):
    folder = seed_copy(tmp_path, ids=TWO[1:])
    ledger = tmp_path / "claims.csv"
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(folder), "--ledger", str(ledger), "--json"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    head, added = lines[0], lines[1:]
    assert head["added"] == len(added) > 0 and head["orphaned"] == 0
    assert {"added", "unchanged", "kept_reviewed", "orphaned", "registered", "written"} <= set(head)
    assert all(set(FRAMED_FIELDS) <= set(a["added"]) for a in added)
    res = runner.invoke(main, ["extract", str(folder), "--ledger", str(ledger)])
    assert res.exit_code == 0
    assert f"0 added, {head['added']} unchanged, 0 kept as reviewed, 0 orphaned" in res.output


def test_cli_extract_missing_path_exits_2(tmp_path):
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "nope"), "--ledger", str(tmp_path / "c.csv")])
    assert res.exit_code == 2
    assert "no such file or folder" in res.output


# --------------------------------------------------------------------------- properties

EDITABLE = {
    "status": st.sampled_from(["confirmed", "corrected", "disputed", "rejected"]),
    "subject": st.sampled_from(["Microsoft", "OpenAI", "SoftBank"]),  # a reviewed claim needs a subject
    "metric": st.sampled_from(["investment", "valuation", "revenue"]),
    "period": st.sampled_from(["2024", "2025-03", ""]),
    "modality": st.sampled_from(["actual", "forecast", "reported"]),
    # what a reviewer can type in a cell: any text but control characters (the store refuses NUL)
    "note": st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    "reviewer": st.sampled_from(["ana", "li"]),
}


@pytest.fixture(scope="module")
def framed_cache():
    """Frame the two seeds once; extraction in the property test reuses it."""
    cache = {}
    for sid in TWO:
        text = read_text(SEEDS / f"{sid}.txt")
        published = load_sources(SEEDS / "sources.csv").set_index("id").loc[sid, "published"]
        cache[sid] = (text, frame_text(text, source=sid, published=published))
    return cache


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(sorted(EDITABLE)), st.data()), max_size=6),
    runs=st.lists(st.sampled_from(["folder", "first", "second", "both"]), min_size=1, max_size=3),
)
def test_reviewer_edits_survive_any_reextraction(tmp_path_factory, monkeypatch, framed_cache, edits, runs):
    tmp = tmp_path_factory.mktemp("edits")
    folder = seed_copy(tmp)
    ledger = tmp / "claims.csv"
    monkeypatch.setattr(pipeline, "frame_file", lambda path, **kw: framed_cache[path.stem])
    extract([folder], ledger_path=ledger)
    df = read_ledger(ledger)
    for row, column, data in edits:
        value = data.draw(EDITABLE[column])
        if not _valid_edit(df.loc[row % len(df), "kind"], column, value):
            continue  # extract refuses an invalid ledger (tested elsewhere): reviewers' edits here are valid ones
        df.loc[row % len(df), column] = value
        df.loc[row % len(df), "status"] = df.loc[row % len(df), "status"] if column == "status" else "corrected"
    from ledger.claims import write_ledger
    from ledger.claims.validate import require_valid_rows

    write_ledger(df, ledger)
    require_valid_rows(ledger)
    touched = read_ledger(ledger)
    touched = touched[touched["status"] != "unreviewed"].set_index("claim_id")
    paths = {"folder": [folder], "first": [folder / f"{TWO[0]}.txt"], "second": [folder / f"{TWO[1]}.txt"],
             "both": [folder / f"{TWO[0]}.txt", folder / f"{TWO[1]}.txt"]}
    for run in runs:
        before = ledger.read_bytes()
        try:
            extract(paths[run], ledger_path=ledger)
        except LedgerInvalid:  # an edit made the ledger invalid: refused, nothing written
            assert ledger.read_bytes() == before
        now = read_ledger(ledger).set_index("claim_id")
        assert touched.index.isin(now.index).all()
        assert _cells(now.loc[touched.index]) == _cells(touched)


def _valid_edit(kind: str, column: str, value: str) -> bool:
    """The sampled money metrics fit money rows only; a date claim keeps a date in its period."""
    if column == "metric":
        return kind == "money"
    return not (column == "period" and kind == "date" and not value)


def _cells(df) -> list[list]:
    """Rows as lists, empty cells as '' (NaN never equals itself)."""
    return [["" if v != v or v is None else v for v in row] for row in df.astype(object).values.tolist()]


S2T, T2S = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@pytest.mark.parametrize("sid", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_seed_in_the_other_script_yields_the_same_claims(sid):
    """Every seed, converted by OpenCC to the other script (000 is traditional,
    the others simplified): same claims, same framed fields and values, and
    the same offsets when the conversion keeps the length."""
    text = read_text(SEEDS / f"{sid}.txt")
    published = load_sources(SEEDS / "sources.csv").set_index("id").loc[sid, "published"]
    other = (T2S if sid.startswith("000") else S2T).convert(text)
    assert other != text
    mine = frame_text(text, source=sid, published=published)
    theirs = frame_text(other, source=sid, published=published)
    keys = (*FRAMED_FIELDS, "kind", "value", "value_low", "value_high", "unit", "qualifier")
    if len(other) == len(text):
        keys = (*keys, "start", "end")
    def pick(rows):
        return [tuple(r[k] for k in keys) for r in rows]
    assert len(mine) > 0 and pick(theirs) == pick(mine)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(sorted(p.stem for p in SEEDS.glob("*.txt"))), st.integers(0, 10_000), st.integers(50, 400),
       st.sampled_from([S2T, T2S]))
def test_any_passage_in_either_script_frames_alike(sid, at, size, conv):
    """A random passage of a seed (cut at line breaks) frames the same in both scripts."""
    text = read_text(SEEDS / f"{sid}.txt")
    lines = text.splitlines(keepends=True)
    start = at % len(lines)
    passage = "".join(lines[start : start + 1 + size // 40])
    other = conv.convert(passage)
    keys = (*FRAMED_FIELDS, "kind", "value", "unit")
    def pick(rows):
        return [tuple(r[k] for k in keys) for r in rows]
    assert pick(frame_text(other, source=sid)) == pick(frame_text(passage, source=sid))


def test_undated_article_gives_a_valid_ledger(tmp_path):
    # No date stamp and no sources row: 上周 and 去年底 cannot be resolved, so they
    # state no date and must not become date claims or periods ('None' once did);
    # 2019年7月 is absolute and still frames the investment's period.
    art = tmp_path / "undated.txt"
    art.write_text("上周,微软表示将追加投资。2019年7月,微软拿出10亿美元注资OpenAI。去年底,OpenAI估值达到3000亿美元。",
                   encoding="utf-8")
    ledger = tmp_path / "claims.csv"
    extract([art], ledger_path=ledger, sources_path=tmp_path / "sources.csv")
    df = read_ledger(ledger)
    assert "None" not in set(df["period"])
    assert not ((df["kind"] == "date") & (df["period"] == "")).any()
    invest = df[df["surface"] == "10亿美元"].iloc[0]
    assert (invest["subject"], invest["object"], invest["value"]) == ("Microsoft", "OpenAI", 1_000_000_000)
    from ledger.claims import validate_ledger
    assert validate_ledger(ledger, sources=tmp_path / "sources.csv").valid
