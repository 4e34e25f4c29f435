"""The output's fast paths give what the plain ways give: integer uniques by
sort and first rows by ``np.minimum.at`` against ``np.unique``, claim rows
through Arrow against the pandas lookup (and the pandas way whenever a value
is not text), issue members by claim rows against members by id text."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ledger.crosscheck.issues import members_of, unique_first, unique_ints
from ledger.crosscheck.text import Claims


@pytest.mark.parametrize("seed", range(20))
def test_unique_ints_and_first_rows_equal_numpy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 300))
    for high in (1, 3, 50, 10 * n + 5000):  # few codes, many, and a range too wide for the table
        codes = rng.integers(0, high, n)
        assert np.array_equal(unique_ints(codes), np.unique(codes))
        got, want = unique_first(codes), np.unique(codes, return_index=True)
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    signed = rng.integers(-5, 5, n)  # negative codes: numpy's way
    assert np.array_equal(unique_first(signed)[1], np.unique(signed, return_index=True)[1])
    assert np.array_equal(unique_ints(signed), np.unique(signed))


def _pandas_rows(cl: Claims, values: np.ndarray) -> np.ndarray:
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return cl.rows(distinct)[codes]


@pytest.mark.parametrize("as_object", [False, True])
def test_pair_rows_through_arrow_equal_the_pandas_lookup(as_object):
    ids = [f"c-{k:04d}" for k in range(50)] + ["中文-1", "a b", ""]
    claims = pd.DataFrame({"claim_id": pd.Series(ids, dtype=object if as_object else "str")})
    cl = Claims(claims)
    try:
        import pyarrow  # noqa: F401  (an optional dependency: without it the pandas lookup is the only way)
    except ImportError:
        assert cl._arrow_ids is None
    else:
        assert cl._arrow_ids is not None
    rng = np.random.default_rng(1)
    a = np.array([ids[k] if k < len(ids) else "missing" for k in rng.integers(0, len(ids) + 5, 400)], dtype=object)
    b = np.array([ids[k] if k < len(ids) else "gone" for k in rng.integers(0, len(ids) + 5, 400)], dtype=object)
    ra, rb = cl.pair_rows(a, b)
    assert np.array_equal(ra, _pandas_rows(cl, a)) and np.array_equal(rb, _pandas_rows(cl, b))
    for odd in (None, float("nan"), 7, b"c-0001"):  # not text: the pandas way decides
        a2 = a.copy()
        a2[3] = odd
        ra2, rb2 = cl.pair_rows(a2, b)
        assert np.array_equal(ra2, _pandas_rows(cl, a2)) and np.array_equal(rb2, rb)


def test_repeated_ids_take_the_pandas_way():
    claims = pd.DataFrame({"claim_id": pd.Series(["x", "y", "x"], dtype="str")})
    cl = Claims(claims)
    assert cl._arrow_ids is None
    ra, rb = cl.pair_rows(np.array(["x", "y"], dtype=object), np.array(["y", "z"], dtype=object))
    assert ra.tolist() == [0, 1] and rb.tolist() == [1, -1]


def test_members_by_claim_rows_equal_members_by_text():
    rng = np.random.default_rng(2)
    ids = np.array([f"c-{k:03d}" for k in rng.permutation(200)], dtype=object)
    n = 600
    ra, rb = rng.integers(0, 200, n), rng.integers(0, 200, n)
    kind = np.where(rng.random(n) < 0.05, "arithmetic", "contradiction")
    arith_lists = [";".join(ids[rng.integers(0, 200, 3)]) for _ in range(n)]
    found = pd.DataFrame({"issue_rank": np.sort(rng.integers(1, 80, n)), "kind": kind, "claim_a": ids[ra],
                          "claim_b": ids[rb], "claims": np.where(kind == "arithmetic", arith_lists, "")})
    by_text = members_of(found)
    by_rows = members_of(found, (ra, rb, ids))
    assert np.array_equal(by_text[0], by_rows[0]) and by_text[1] == by_rows[1]
    unknown = ra.copy()
    unknown[5] = -1  # a claim not among them: by text
    assert members_of(found, (unknown, rb, ids))[1] == by_text[1]
