"""`factcheck check`'s text and --json output are interfaces other tools read:
whatever makes them faster, they stay byte-identical to the output code as it
was before (tests/cli/reference, the code at 5e850bb), on the seeds' ledger
and on synthetic ledgers (bench_crosscheck's, with a sources table whose text
needs escaping, decisions, currencies and arithmetic rows)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ledger.render as render
from ledger.crosscheck import check
from ledger.crosscheck.decisions import DECISION_COLUMNS
from ledger.job import Workspace
from tests.bench.scripts import load
from tests.cli.reference import render as reference
from tests.cli.reference.text import pair_ids


def same_output(found: pd.DataFrame, claims: pd.DataFrame | None, sources: pd.DataFrame | None) -> None:
    """Both modes, as chunks (what the CLI writes) and as lines, equal to the reference's."""
    for new, old in ((render.finding_chunks, reference.finding_chunks), (render.json_chunks, reference.json_chunks)):
        made = b"".join(bytes(c) for c in new(found, claims, sources, size=97))
        assert made == b"".join(old(found, claims, sources))
        assert made == b"".join(bytes(c) for c in new(found, claims, sources))
    for new, old in ((render.finding_lines, reference.finding_lines), (render.json_lines, reference.json_lines)):
        assert list(new(found, claims, sources)) == list(old(found, claims, sources))


def subsets(found: pd.DataFrame) -> list[pd.DataFrame]:
    """The whole frame, its first issues, one row of each kind, no row, and the
    frame with its text as Python strings (not categories)."""
    kinds = found.drop_duplicates("kind")
    plain = found.astype({c: object for c in found if isinstance(found[c].dtype, pd.CategoricalDtype)})
    return [found, found[found["issue_rank"] <= 7], kinds, found.iloc[:0], plain]


@pytest.fixture(scope="module")
def seeds(root):
    ws = Workspace.open(root / "claims.csv")
    return ws.check(), ws.claims(), ws.source_table()


def test_seeds_output_is_unchanged(seeds):
    found, claims, sources = seeds
    assert len(found) and (found["kind"] == "arithmetic").any()
    for part in subsets(found):
        same_output(part, claims, sources)
    same_output(found, claims, None)  # sources as their ids
    same_output(found, None, None)  # no ledger: the frame's own text


def synthetic_sources(claims: pd.DataFrame) -> pd.DataFrame:
    """A sources table for the synthetic ledger's sources: titles and outlets with
    quotes, backslashes, control characters and CJK (JSON escapes them), some
    missing, dates stated, inferred or unknown."""
    ids = sorted(set(claims["source"].astype(str)))
    n = len(ids)
    k = np.arange(n)
    publisher = np.where(k % 4 == 0, "", np.where(k % 4 == 1, '财经"日报"', np.where(k % 4 == 2, "A\\B 周刊", "Tab\there")))
    title = np.array([f"标题 {i} “引号” \"q\" \\ \n line" + "长" * (i % 20) for i in range(n)], dtype=object)
    published = np.where(k % 3 == 0, "", np.where(k % 3 == 1, "2024-05-06", "2023-11"))
    basis = np.where(k % 3 == 2, "inferred", np.where(k % 3 == 1, "stated", ""))
    return pd.DataFrame({"id": ids, "file": [f"{i}.txt" for i in ids], "title": title, "publisher": publisher,
                         "published": published, "published_basis": basis, "published_evidence": "",
                         "script": "zh", "sha256": "0" * 64})


@pytest.fixture(scope="module")
def synthetic():
    claims = load("bench_crosscheck").synthetic_ledger(800, seed=3)
    quote = claims["quote"].to_numpy(dtype=object).copy()
    quote[::7] = [f'他说 "{q}" \\ 以及\t换行\n{q}' for q in quote[::7]]  # text JSON must escape
    claims = claims.assign(quote=quote)
    return claims, synthetic_sources(claims)


def test_synthetic_output_is_unchanged(synthetic):
    claims, sources = synthetic
    found = check(claims, sources=sources)
    assert (found["kind"] == "contradiction").any() and found["rate"].notna().any()
    for part in subsets(found):
        same_output(part, claims, sources)
    same_output(check(claims), claims, None)


def test_synthetic_output_with_decisions_is_unchanged(synthetic):
    claims, sources = synthetic
    found = check(claims, sources=sources)
    ids = pair_ids(found)
    issue = reference.issue_frame(found)["issue"].iloc[2]
    rows = [[ids[k], ("explained", "confirmed", "wrong_extraction")[k % 3], f"Li {k}", f'note "{k}"', "2025-05-06"]
            for k in range(0, 400, 9)] + [[issue, "explained", "Wang", "", "2025-05-07"]]
    decided = check(claims, pd.DataFrame(rows, columns=list(DECISION_COLUMNS)), sources=sources)
    assert (decided["status"] == "resolved").sum() > 10
    for part in subsets(decided):
        same_output(part, claims, sources)


def test_pair_ids_from_utf8_equal_the_hashed_claims_lists():
    # the ids made from each claim id's UTF-8 (ordered as bytes) equal those of the "a;b" text (ordered as str)
    from ledger.crosscheck.text import claim_lists, pair_id_bytes

    ids = ["c-1", "c-10", "c-2", "é-1", "中-1", "z", "Z", "c-1\u00e9", "\U0001f600", "a b"]
    a = [x for x in ids for _ in ids]
    b = [y for _ in ids for y in ids]
    kinds = ["consistent", "modality", "temporal", "contradiction"]
    found = pd.DataFrame({"kind": pd.Categorical([kinds[k % 4] for k in range(len(a))] + ["arithmetic"]),
                          "claim_a": [*a, "r"], "claim_b": [*b, ""], "claims": [""] * len(a) + ["r"],
                          "conflict_id": [""] * len(a) + ["k-000000000000"]})
    rows, made = pair_id_bytes(found)
    assert rows.tolist() == list(range(len(a)))
    assert made.tolist() == pair_id_bytes(found, claim_lists(found))[1].tolist()
    assert made.tolist() == [x.encode() for x in pair_ids(found)[: len(a)]]


@pytest.mark.slow
def test_a_larger_synthetic_output_is_unchanged():
    # ~9.6k findings of 1,500 claims (~400 across currencies), with a sources table: the whole frame
    claims = load("bench_crosscheck").synthetic_ledger(1500, seed=11)
    sources = synthetic_sources(claims)
    found = check(claims, sources=sources)
    assert len(found) > 5000
    same_output(found, claims, sources)
