"""Library search kept in step, off the window's thread.

Indexing a first 10-hour transcript takes a second or more; on the window's
thread it froze the window. One worker thread with its own connection
(``reader.search.LibrarySearch`` over the library's path) does it instead,
in the index's short write slices, and a newer job for the same episode (or
closing the window) stops an older one between two slices.
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

    def index_episode(self, episode_id: int, transcript) -> None:
        """Make an episode's turns searchable; a job not started for an older
        episode is dropped, and one running stops at its next slice."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        stop = lambda: self._generation != generation  # noqa: E731 (read on the worker)
        self._submit(lambda search: self._turns(search, episode_id, transcript, stop))

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
        self._submit(lambda search: search.close() if search is not None else None, needs_index=False)
        self._closed = True
        self._pool.shutdown(wait=True)

    def _turns(self, search, episode_id: int, transcript, stop: Callable[[], bool]) -> None:
        if not stop() and search.index_episode(episode_id, transcript, should_stop=stop):
            self.indexed.emit(episode_id)

    def _submit(self, job: Callable, *, needs_index: bool = True) -> None:
        if self._closed:  # the window has closed: nothing more to index
            return

        def run() -> None:
            from reader.search import LibrarySearch, SearchError

            try:
                if needs_index and self._search is None:
                    self._search = LibrarySearch(self._path, busy_timeout_ms=1000)
                job(self._search)
            except SearchError as error:
                self.message.emit(str(error))

        self._last = self._pool.submit(run)
