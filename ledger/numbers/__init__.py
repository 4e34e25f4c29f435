"""Numbers: every numeric mention of a text (money, percent, multiple, count,
duration, date) as an interval with a unit.

Modules, bottom up: :mod:`~ledger.numbers.numerals` (Chinese and English
numerals), :mod:`~ledger.numbers.dates`, :mod:`~ledger.numbers.lexicon`
(the words of ``lexicon/numbers.toml`` as patterns), :mod:`~ledger.numbers.amounts`
(a number with its magnitude, unit and hedge), :mod:`~ledger.numbers.finder`
(the scan and :func:`find_mentions`).
"""
from ledger.numbers.finder import (
    Mention,
    find_mentions,
    mentions_frame,
    mentions_of_file,
)

__all__ = ["Mention", "find_mentions", "mentions_frame", "mentions_of_file"]
