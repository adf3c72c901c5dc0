"""The library: one SQLite file that never loses a highlight.

One module per job:

- ``opening``: open, check, migrate, and set a damaged file aside;
- ``failures``: SQLite's errors as one sentence for the user;
- ``fingerprints``: an episode's identity from its words;
- ``schema``: the numbered migrations;
- ``library``: the data itself (:class:`Store`), through sqlite-utils;
- ``saving``: the one guarded path the window saves through, which keeps
  edits in memory and retries while the library is held up.
"""

from reader.errors import StoreError
from reader.store.fingerprints import fingerprint
from reader.store.library import DEFAULT_BUSY_TIMEOUT_MS, EpisodeSummary, Store
from reader.store.opening import DB_FILENAME

__all__ = ["DB_FILENAME", "DEFAULT_BUSY_TIMEOUT_MS", "EpisodeSummary", "Store", "StoreError", "fingerprint"]
