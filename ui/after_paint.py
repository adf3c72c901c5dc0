"""Work that waits until the user can see something.

Start-up opens the library, and a newly opened episode is indexed for
search, only once the transcript is on screen: a 10-hour episode's first
indexing takes about half a second, and a zero-delay timer would run it
before the first paint, with the window still blank.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: A window that never paints (minimised, covered, off-screen) still gets its
#: work done, so the library is never left unopened.
LATEST_MS = 1000


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        watched = self.parent()
        if watched is not None:
            watched.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, after ``widget`` next paints (or within a second).

    A hidden widget will not paint, so the callback then runs on the next
    turn of the event loop.
    """
    if widget.isVisible():
        _AfterPaint(widget, callback)
    else:
        QTimer.singleShot(0, callback)
