"""ledger.crosscheck.sorting.lexsort gives np.lexsort's order, on every path
(one unique integer key, runs of equal keys sorted again, too many
combinations for one int64)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.crosscheck import sorting

_FLOATS = st.sampled_from([-np.inf, -1.5, -0.0, 0.0, 1.0, 2.5, 1e300, np.inf, np.nan])
_INTS = st.sampled_from([-(2**40), -3, 0, 1, 2, 7, 2**40, 2**61])


@st.composite
def _keys(draw: st.DrawFn) -> list[np.ndarray]:
    n = draw(st.integers(0, 40))
    kinds = draw(st.lists(st.sampled_from(["float", "int", "small", "bool"]), min_size=1, max_size=4))
    out = []
    for kind in kinds:
        if kind == "float":
            out.append(np.array(draw(st.lists(_FLOATS, min_size=n, max_size=n)), dtype=float))
        elif kind == "int":
            out.append(np.array(draw(st.lists(_INTS, min_size=n, max_size=n)), dtype=np.int64))
        elif kind == "small":
            out.append(np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)), dtype=np.int64))
        else:
            out.append(np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool))
    return out


@pytest.mark.parametrize("limit", [1 << 62, 1 << 12, 1 << 5])
@given(keys=_keys())
def test_lexsort_is_numpys(keys: list[np.ndarray], limit: int) -> None:
    # small limits take the tie-run and the fallback paths
    assert sorting.lexsort(keys, limit=limit).tolist() == np.lexsort(keys).tolist()
