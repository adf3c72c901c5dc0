"""The library: one SQLite file that never loses a highlight.

One module per job:

- ``opening``: open, check, migrate, and set a damaged file aside;
- ``salvage``: copy what a damaged file still holds into the fresh one;
- ``failures``: SQLite's errors as one sentence for the user;
- ``fingerprints``: an episode's identity from its words;
- ``schema``: the numbered migrations;
- ``library``: the data itself (:class:`Store`), through sqlite-utils;
- ``saving``: the one guarded path the window saves through, which keeps
  edits in memory and retries while the library is held up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from reader.errors import StoreError

if TYPE_CHECKING:
    from reader.store.fingerprints import fingerprint
    from reader.store.library import DEFAULT_BUSY_TIMEOUT_MS, EpisodeSummary, Store
    from reader.store.opening import DB_FILENAME

__all__ = ["DB_FILENAME", "DEFAULT_BUSY_TIMEOUT_MS", "EpisodeSummary", "Store", "StoreError", "fingerprint"]

#: Loaded on first use (PEP 562), so the window can import ``reader.store.saving``
#: before its first paint without sqlite3 and hashlib.
_HOMES = {
    "fingerprint": "reader.store.fingerprints",
    "DEFAULT_BUSY_TIMEOUT_MS": "reader.store.library",
    "EpisodeSummary": "reader.store.library",
    "Store": "reader.store.library",
    "DB_FILENAME": "reader.store.opening",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'reader.store' has no attribute {name!r}")
