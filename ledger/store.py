"""Canonical, atomic reading and writing of the ledger (claims.csv).

(Being built for issue 2.)  ``atomic_write_bytes`` is the one way any module
writes a file: a temp file in the same folder, fsync, then ``os.replace``, so a
crash never leaves a half-written file.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder + replace."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """UTF-8 (no BOM), newlines as given."""
    atomic_write_bytes(path, text.encode("utf-8"))
