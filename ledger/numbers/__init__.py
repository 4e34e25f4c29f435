"""Numbers: every numeric mention of a text (money, percent, multiple, count,
duration, date) as an interval with a unit.

Modules, bottom up: :mod:`~ledger.numbers.words` (``lexicon/numbers.toml``
loaded, the numeral words as tables), :mod:`~ledger.numbers.numerals` (the
Chinese and Arabic numeral grammar), :mod:`~ledger.numbers.english` (the
English one), :mod:`~ledger.numbers.grammar` (the run patterns),
:mod:`~ledger.numbers.dates`, :mod:`~ledger.numbers.lexicon` (currencies,
units, hedges and the master pattern), :mod:`~ledger.numbers.masks` (URLs,
e-mails, %-escapes), :mod:`~ledger.numbers.hedges` (sign and hedges),
:mod:`~ledger.numbers.money` (sub-units), :mod:`~ledger.numbers.amounts` (a
number with its magnitude, unit, range and hedge), :mod:`~ledger.numbers.finder`
(the scan and :func:`find_mentions`).  Reference: docs/numbers.md.
"""
from ledger.numbers.finder import (
    Mention,
    find_mentions,
    mentions_frame,
    mentions_of_file,
)

__all__ = ["Mention", "find_mentions", "mentions_frame", "mentions_of_file"]
