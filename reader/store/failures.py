"""SQLite's error codes as one sentence a user can act on.

Shared by the store and the search index, so a locked or full library is
described the same way wherever it is met.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.errors import StoreError

LOCKED_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED
UNWRITABLE_CODES = frozenset({3, 8, 14})  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN
FULL_CODE = 13
IO_CODE = 10
CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB


def error_code(error: sqlite3.Error) -> int | None:
    """The primary result code (the low byte of an extended one), if any."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def why(error: sqlite3.Error, path: Path) -> tuple[str, str] | None:
    """(the reason in a few words, its kind) for errors a user can do
    something about; None for the rest (bugs, which should stay loud)."""
    code = error_code(error)
    if code in LOCKED_CODES:
        return f"{path} is locked by another program", "locked"
    if code == FULL_CODE:
        return f"the disk holding {path} is full", "unwritable"
    if code == IO_CODE:
        return f"the disk holding {path} reported an error", "unwritable"
    if code in UNWRITABLE_CODES:
        return f"{path} is read-only", "unwritable"
    if code in CORRUPT_CODES:
        return f"{path} is damaged", "corrupt"
    return None


_WHAT_TO_DO = {
    "locked": "close other copies of Transcript Reader and try again",
    "unwritable": "free some space or check the folder's permissions",
    "corrupt": "restart Transcript Reader to set it aside",
}


def translate(error: sqlite3.Error, path: Path) -> StoreError | None:
    """A :class:`StoreError` with one sentence, or None for a bug."""
    found = why(error, path)
    if found is None:
        return None
    reason, kind = found
    return StoreError(f"Highlights can't be saved because {reason}; {_WHAT_TO_DO[kind]}.", kind, reason)


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn SQLite errors a user can act on into :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as error:
        store_error = translate(error, path)
        if store_error is None:
            raise
        raise store_error from error
