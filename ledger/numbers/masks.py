"""Where no number is read: inside a URL, an e-mail address or a %-escaped
string (``?q=30%25%2020%`` holds no 30%, 25% or 2020%).

A candidate number is checked against the run of non-space ASCII around it
(one look each way, at most :data:`REACH` characters); the run is a URL when it
holds a scheme (``://``), starts a host (``www.``), names a host with a known
top-level domain followed by a path, is an e-mail address, carries a query
(``?q=``, ``&id=``), or holds at least ``min_escapes`` %-escapes (``[masks]`` in
``lexicon/numbers.toml``).  Text around Chinese numbers is rarely ASCII, so the
check costs a character comparison there.
"""
from __future__ import annotations

import re

from ledger.numbers.words import LEXICON

_MASKS = LEXICON["masks"]
#: How far the run around a number is followed each way.
REACH = 300
_URL_CHAR = frozenset(chr(c) for c in range(0x21, 0x7F)) - set("\"'<>()[]{}")
_TLD = "|".join(sorted(_MASKS["top_level_domains"], key=len, reverse=True))
_URLISH = re.compile(
    "|".join(re.escape(s) for s in _MASKS["schemes"])
    + "|" + "|".join(r"(?:^|[^\w.])" + re.escape(h) for h in _MASKS["hosts"])
    + rf"|\w(?:[\w-]*\.)+(?:{_TLD})/"
    + r"|[\w.+-]@[\w-]+(?:\.[\w-]+)+"
    + r"|[?&][A-Za-z_][\w.-]*=",
    re.ASCII,
)
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}", re.ASCII)
_MIN_ESCAPES = _MASKS["min_escapes"]


_DOMAIN_PATH = re.compile(rf"\.(?:{_TLD})/", re.ASCII)


def may_hold_urls(t: str) -> bool:
    """Whether ``t`` may hold a URL, an e-mail or %-escapes at all (most texts
    do not, and then no number needs the check)."""
    return ("://" in t or "www." in t or "@" in t or "=" in t or ("%" in t and _ESCAPE.search(t) is not None)
            or ("/" in t and _DOMAIN_PATH.search(t) is not None))


def masked_run(t: str, s: int, e: int) -> int | None:
    """The end of the URL-like run holding ``t[s:e]``, or None if the number is
    not inside one."""
    if not ((s and t[s - 1] in _URL_CHAR) or (e < len(t) and t[e] in _URL_CHAR)):
        return None
    lo = s
    while lo > 0 and s - lo < REACH and t[lo - 1] in _URL_CHAR:
        lo -= 1
    hi = e
    while hi < len(t) and hi - e < REACH and t[hi] in _URL_CHAR:
        hi += 1
    run = t[lo:hi]
    if _URLISH.search(run) or len(_ESCAPE.findall(run)) >= _MIN_ESCAPES:
        return hi
    return None
