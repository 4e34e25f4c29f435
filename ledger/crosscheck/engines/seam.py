"""The engine seam: every engine returns the same pair table, and one piece of
shared code turns it into what :func:`ledger.crosscheck.pairs.pair_verdicts`
returns, in the same order, with the same notes.

The pair table (:class:`PairTable`) of an engine holds, for every pair the
plan compares (:mod:`ledger.crosscheck.engines.plan`), the rows of both sides
in the prepared ledger, the verdict code (-1: different units, not
compared) and whether the counterpart-unknown join made it; and the capped
groups (first row, size).  The order an engine returns rows in does not
matter: :func:`finish` puts them in the pandas engine's order (regular pairs
by their places in the blocking sort, then the confirmations across metrics,
which the shared :func:`~ledger.crosscheck.pairs._kin_verdicts` makes on every
engine, then the counterpart-unknown pairs by rows), so findings, their ids, their output order and the notes are the
same whatever the engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.pairs import (
    Conversions,
    _across_units,
    _big_group_note,
    _kin_verdicts,
    _pair_order,
    without_moments,
)
from ledger.crosscheck.rates import Money
from ledger.errors import Problem


@dataclass
class PairTable:
    """What an engine computed: ``a``, ``b`` (rows of the prepared ledger),
    ``code`` (index into ``PAIR_KINDS``; -1 = units differ), ``wild`` (bool),
    and the capped groups ``group_rows`` (first row in the run's order) with
    their ``group_sizes``."""

    a: np.ndarray
    b: np.ndarray
    code: np.ndarray
    wild: np.ndarray
    group_rows: np.ndarray
    group_sizes: np.ndarray

    @classmethod
    def empty(cls) -> PairTable:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, np.zeros(0, dtype=bool), z, z)

    @classmethod
    def from_frames(cls, pairs: pd.DataFrame, groups: pd.DataFrame) -> PairTable:
        """From the plan's two results (any engine's frames of them)."""
        return cls(pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64), pairs["code"].to_numpy(np.int64),
                   pairs["wild"].to_numpy(dtype=bool), groups["rid"].to_numpy(np.int64),
                   groups["gsize"].to_numpy(np.int64))


def finish(prepared: pd.DataFrame, table: PairTable, settings: dict[str, Any], money: Money | None = None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem], Conversions]:
    """``(i, j, code, notes, conversions)`` as
    :func:`~ledger.crosscheck.pairs.compare_pairs` gives them, from an engine's
    pair table: pairs in different units (code -1) are judged by the shared
    Python code (:func:`~ledger.crosscheck.pairs._across_units`)."""
    compare = settings["compare"]
    n = len(prepared)
    order, keys = _pair_order(prepared)
    place = np.full(n, n, dtype=np.int64)  # each row's place in the blocking sort
    place[order] = np.arange(len(order))
    notes: list[Problem] = []
    at = np.argsort(place[table.group_rows], kind="stable")
    for row in table.group_rows[at]:
        notes.append(_big_group_note(prepared, order, keys, int(place[row]), compare))
    out_i, out_j, out_c, apart_a, apart_b = [], [], [], [], []
    for wild in (False, True):
        mask = table.wild == wild
        a, b, code = table.a[mask], table.b[mask], table.code[mask]
        rank = np.lexsort((b, a)) if wild else np.lexsort((place[b], place[a]))
        a, b, code = a[rank], b[rank], code[rank]
        apart = code < 0
        apart_a.append(a[apart])
        apart_b.append(b[apart])
        out_i.append(a[~apart])
        out_j.append(b[~apart])
        out_c.append(code[~apart])
        if not wild:  # confirmations across metrics: the shared code, in compare_pairs' order
            ka, kb, kcode = _kin_verdicts(prepared, compare)
            out_i.append(ka)
            out_j.append(kb)
            out_c.append(kcode)
    xa, xb = np.concatenate(apart_a), np.concatenate(apart_b)
    if not len(xa):
        return without_moments(prepared, np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_c),
                               notes, Conversions.none())
    ca, cb, ccode, conv, cnotes = _across_units(prepared, xa, xb, money or Money(prepared, None, settings), compare)
    conv.at += sum(len(x) for x in out_i)
    return without_moments(prepared, np.concatenate([*out_i, ca]), np.concatenate([*out_j, cb]),
                           np.concatenate([*out_c, ccode]), notes + cnotes, conv)
