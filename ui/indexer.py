"""Library search kept in step, off the window's thread.

Indexing a first 10-hour transcript takes a second or more; on the window's
thread it froze the window. One worker thread with its own connection
(``reader.search.LibrarySearch`` over the library's path) does it instead,
in the index's short write slices. The newest episode goes first: an older
episode's job yields to it between two slices and is taken up again after
it, so every episode opened gets indexed. A newer job for the same episode
replaces an older one, and closing the window stops them all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.search import LibrarySearch


class BackgroundIndexer(QObject):
    """Runs index jobs one after another on a worker thread."""

    message = Signal(str)  # a sentence when the index can't be updated
    indexed = Signal(int)  # an episode's text is searchable

    def __init__(self, library_path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(library_path)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-index")
        self._search: LibrarySearch | None = None  # made on the worker thread, used only there
        self._generation = 0
        self._lock = threading.Lock()
        self._last: Future | None = None
        self._closed = False
        self._latest: dict[int, int] = {}  # episode id -> the generation of its newest job

    def index_episode(self, episode_id: int, transcript) -> None:
        """Make an episode's turns searchable, before any older episode's:
        a job running for another episode yields at its next slice, and goes
        on once this one is done."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._latest[episode_id] = generation
        self._submit(lambda search: self._turns(search, episode_id, transcript, generation, generation))

    def index_keeps(self, episode_id: int, highlights, bookmarks) -> None:
        """Replace an episode's quotes and notes in the index (a few ms)."""
        highlights, bookmarks = list(highlights), list(bookmarks)
        self._submit(lambda search: search.index_highlights(episode_id, highlights, bookmarks))

    def wait(self) -> None:
        """Block until every job so far is done (for closing, and tests)."""
        last = self._last
        if last is not None:
            last.result()

    def close(self) -> None:
        """Stop the running job at its next slice and let the thread end."""
        if self._closed:
            return
        with self._lock:
            self._generation += 1
            self._closed = True  # a yielding job is not taken up again
        self._pool.submit(lambda: self._search.close() if self._search is not None else None)
        self._pool.shutdown(wait=True)

    def _turns(self, search, episode_id: int, transcript, job: int, since: int) -> None:
        """Index unless a newer job for this episode replaced this one (``job``
        is its generation); yield to any job submitted after ``since``."""
        if self._latest.get(episode_id) != job or self._closed:
            return
        newer: Callable[[], bool] = lambda: self._generation != since  # noqa: E731 (read on the worker)
        if search.index_episode(episode_id, transcript, should_stop=newer):
            self.indexed.emit(episode_id)
        elif newer():  # it yielded to a newer episode (or the window closed): go on after that
            with self._lock:
                now = self._generation
            self._submit(lambda search: self._turns(search, episode_id, transcript, job, now))

    def _submit(self, job: Callable) -> None:
        def run() -> None:
            from reader.search import LibrarySearch, SearchError

            try:
                if self._search is None:
                    self._search = LibrarySearch(self._path, busy_timeout_ms=1000)
                job(self._search)
            except SearchError as error:
                self.message.emit(str(error))

        with self._lock:
            if self._closed:  # the window has closed: nothing more to index
                return
            self._last = self._pool.submit(run)
