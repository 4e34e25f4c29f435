"""Guarding a shared ledger: one ``factcheck`` writer at a time, and no temp
file left behind.

* :func:`workspace_lock`: a lock file beside the ledger (the maintained
  ``filelock`` library), taken by every command that writes; a second
  process waits, told so once through ``on_wait``.  The file is removed
  when the lock is let go.
* :func:`remove_stale`: temp files of a run that was killed (named by
  :func:`ledger.textio.temp_name` with the writer's process id: removed
  once that process is gone).
* :func:`scratch_folder`: a private folder beside a target for the temp
  files a library makes on its own (openpyxl's write-only sheets), removed
  afterwards, and by :func:`remove_stale` after a kill.

Lost updates are prevented in :mod:`ledger.textio` (:func:`~ledger.textio.commit`
checks each file is still what was read).
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ledger.errors import Code, InputUnreadable
from ledger.textio import temp_name

#: The lock file of a ledger: ``.claims.csv.lock`` beside ``claims.csv``.
LOCK_SUFFIX = ".lock"


def lock_path(ledger: str | Path) -> Path:
    ledger = Path(ledger)
    return ledger.parent / f".{ledger.name}{LOCK_SUFFIX}"


@contextlib.contextmanager
def workspace_lock(ledger: str | Path, *, on_wait: Callable[[str], None] | None = None,
                   timeout: float = -1) -> Iterator[None]:
    """Hold the ledger's lock while the block runs (re-entrant in one
    thread).  When another process holds it, ``on_wait(message)`` is called
    once and the call waits (at most ``timeout`` seconds if >= 0; then
    :class:`InputUnreadable` ``locked``)."""
    path = lock_path(ledger)
    if not path.parent.is_dir():  # no folder, nothing to guard: the write will say so
        yield
        return
    lock = FileLock(str(path), is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait(f"waiting for another factcheck process working on {ledger} (lock file {path}); "
                    "press Ctrl-C to give up")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise InputUnreadable(f"another factcheck process still works on it after {timeout:g} s",
                                  file=str(ledger), code=Code.LOCKED,
                                  hint=f"wait for it to finish (its lock file is {path})") from None
    try:
        yield
    finally:
        if lock.lock_counter == 1:  # the outermost hold ends: no lock file is left behind
            # unlinked while still held: a process waiting on this file finds it unlinked when it
            # gets it, and takes the lock anew on a new file (filelock checks st_nlink)
            with contextlib.suppress(OSError):
                path.unlink()
        lock.release()


# --------------------------------------------------------------------------- leftovers


def _stale_pattern(name: str) -> re.Pattern[str]:
    # .NAME.PID-TOKEN.tmp / .tmpdir (this version) and .NAME.TOKEN.tmp (before it named the process)
    return re.compile(rf"\.{re.escape(name)}\.(?:(\d+)-)?[0-9a-f]{{12}}\.tmp(?:dir)?")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 1 << 22  # another user's live process (an impossible pid is none)
    return True


def remove_stale(targets: Iterable[str | Path]) -> list[Path]:
    """Remove the temp files and scratch folders beside ``targets`` left by
    a run that was killed: those naming a process that is gone, and those of
    versions that named none.  Called with the workspace lock held, so no
    other factcheck is writing them.  Returns what was removed."""
    removed: list[Path] = []
    for target in dict.fromkeys(Path(t) for t in targets):
        folder = target.parent
        if not folder.is_dir():
            continue
        pattern = _stale_pattern(target.name)
        for entry in folder.iterdir():
            m = pattern.fullmatch(entry.name)
            if not m or (m.group(1) and _alive(int(m.group(1)))):
                continue
            with contextlib.suppress(FileNotFoundError):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            removed.append(entry)
    return removed


_TEMPDIR_LOCK = threading.Lock()


@contextlib.contextmanager
def scratch_folder(target: str | Path) -> Iterator[Path]:
    """A private folder beside ``target`` that the :mod:`tempfile` module
    uses while the block runs (openpyxl keeps a write-only sheet's rows in
    such temp files); removed afterwards, whatever happened.  Only one such
    block runs at a time in a process."""
    target = Path(target)
    folder = target.parent / temp_name(target.name, ".tmpdir")
    with _TEMPDIR_LOCK:
        folder.mkdir()
        before = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = before
            shutil.rmtree(folder, ignore_errors=True)
