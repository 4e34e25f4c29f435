"""factcheck-ledger: find, frame, validate and cross-check the numeric claims
of financial news (Chinese, both scripts, and English).

The names a notebook needs, imported on first use (so ``factcheck --help``
stays fast)::

    from ledger import Workspace, find_mentions, frame_text, read_ledger, check

    ws = Workspace.open("claims.csv")      # every path resolved once
    ws.extract(["seeds/"])                 # claims found, framed, merged
    findings = ws.check()                  # the cross-check, decisions applied

The stages, one subpackage each, imports only downward (``docs/architecture.md``):
``sources`` -> ``numbers`` -> ``framing`` -> ``claims`` -> ``crosscheck`` ->
``report``, with ``job`` (the :class:`Workspace`) and ``cli`` on top and
``errors``, ``textio``, ``csvio``, ``units``, ``intervals``, ``record`` below.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_API = {
    "Workspace": "ledger.job",
    "extract": "ledger.job",
    "run_job": "ledger.job",
    "find_mentions": "ledger.numbers",
    "frame_text": "ledger.framing",
    "read_ledger": "ledger.claims",
    "write_ledger": "ledger.claims",
    "validate_ledger": "ledger.claims",
    "check": "ledger.crosscheck",
    "explain": "ledger.crosscheck",
    "write_report": "ledger.report",
    "LedgerError": "ledger.errors",
    "Problem": "ledger.errors",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ledger' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
