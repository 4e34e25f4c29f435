"""Sorting the cross-check's large arrays: the order ``np.lexsort`` gives,
found with one unstable sort of one integer key.

``np.lexsort`` and a stable ``argsort`` of int64 run a merge sort (timsort)
per key; numpy's unstable sort of int64 is a vectorised quicksort, 3-6x
faster on millions of rows.  :func:`lexsort` turns the keys into one integer
(each key's dense rank, the ranks combined), makes it unique with the row
number when the product fits in 63 bits (so the unstable sort gives the
stable order), and else sorts again only the runs of equal keys by row.
"""
from __future__ import annotations

import numpy as np

_LIMIT = 1 << 62


def lexsort(keys: tuple[np.ndarray, ...] | list[np.ndarray], *, limit: int = _LIMIT) -> np.ndarray:
    """The permutation ``np.lexsort(keys)`` returns: sorted by the last key,
    then the one before it, ...; rows equal on every key in their order.
    Float keys sort as numpy sorts them (NaN last, all NaNs equal).
    ``limit``: the largest combined key (tests lower it to take every path)."""
    keys = [np.asarray(k) for k in keys]
    n = len(keys[0]) if keys else 0
    if n < 2:
        return np.arange(n, dtype=np.intp)
    code: np.ndarray | None = None
    span = 1
    # integers as they are when their range is small (or the key is alone and its range times
    # the rows fits), else their ranks
    budget = limit // n if len(keys) == 1 else 4 * n + 1024
    for key in reversed(keys):  # the primary key first
        dense, size = _dense(key, budget)
        if code is None:
            code, span = dense, size
        elif span > limit // max(size, 1):
            return np.lexsort(keys)  # too many distinct combinations for one int64
        else:
            code, span = code * size + dense, span * size
    assert code is not None
    bits = (n - 1).bit_length()
    if span <= limit >> bits:  # unique keys: the row number (low bits) breaks ties, one plain sort
        code <<= bits
        code |= np.arange(n, dtype=np.int64)
        code.sort()
        code &= (1 << bits) - 1
        return code
    perm = np.argsort(code)
    ordered = code[perm]
    tie = ordered[1:] == ordered[:-1]
    if tie.any():  # runs of equal keys: their rows in ascending order
        in_run = np.zeros(n, dtype=bool)
        in_run[1:] |= tie
        in_run[:-1] |= tie
        at = np.flatnonzero(in_run)
        perm[at] = perm[at][np.lexsort((perm[at], ordered[at]))]
    return perm


def _dense(key: np.ndarray, budget: int) -> tuple[np.ndarray, int]:
    """Non-negative int64 codes in the key's order, and how many there can be:
    integers of fewer than ``budget`` values as they are (shifted to 0),
    anything else its rank among the distinct values."""
    if key.dtype.kind in "ib":
        key = key.astype(np.int64, copy=False)
        low, high = int(key.min()), int(key.max())
        if high - low < budget:
            return key - low, high - low + 1
    uniques, inverse = np.unique(key, return_inverse=True)
    return inverse.astype(np.int64, copy=False).reshape(-1), max(len(uniques), 1)
