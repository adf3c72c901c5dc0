"""Opening the library without holding the window, and saying when it was damaged.

sqlite-utils' imports and the integrity check take 0.4 to 1 s; on the
window's thread they froze it just after the transcript appeared. A worker
thread opens it instead, and the result comes back to the window's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.timers import TimerFactory, make_timer

#: While the library cannot be opened (locked by another program, a full
#: disk, a folder without permission), it is tried again this often.
RETRY_MS = 5_000


class LibraryOpening(QObject):
    """``opened(store, problem, search)`` arrives on the window's thread once
    ``open_library`` (run on a worker) has returned."""

    opened = Signal(object, object, object)

    def __init__(
        self, open_library: Callable[[], tuple], parent: QObject | None = None, timer: TimerFactory = make_timer
    ) -> None:
        super().__init__(parent)
        self._open_library = open_library
        self.tries = 0
        self._again = timer(self, RETRY_MS, True, False)
        self._again.timeout.connect(self.start)

    def try_again_later(self) -> None:
        """The library could not be opened: try again in a few seconds, on
        the worker again (changes are kept in memory meanwhile)."""
        self._again.start()

    def start(self) -> None:
        self.tries += 1
        threading.Thread(target=self._open, name="library-open", daemon=True).start()

    def _open(self) -> None:
        result = self._open_library()
        try:
            self.opened.emit(*result)
        except RuntimeError:  # the window closed before the library opened
            store = result[0]
            if store is not None:
                store.close()


def report_moved_library(parent: QWidget, data_dir: Path) -> QMessageBox | None:
    """Say that a damaged library was moved aside (at this start, or earlier by
    the command line) until the user has closed the message; None when there
    is nothing to say."""
    from reader.store.opening import notice_seen, pending_notice

    sentence = pending_notice(data_dir)
    if sentence is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, "Library moved aside", sentence, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("libraryMovedAside")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a path is not markup
    box.finished.connect(lambda _result: notice_seen(data_dir))
    box.open()
    return box
