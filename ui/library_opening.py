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


class LibraryOpening(QObject):
    """``opened(store, problem, search)`` arrives on the window's thread once
    ``open_library`` (run on a worker) has returned."""

    opened = Signal(object, object, object)

    def __init__(self, open_library: Callable[[], tuple], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_library = open_library

    def start(self) -> None:
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
