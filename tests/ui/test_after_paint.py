"""Work that waits for the first paint: after it, exactly once, and never forgotten."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ui import after_paint
from ui.after_paint import after_next_paint


class PaintCounter(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.paints += 1
        super().paintEvent(event)


def _later(qtbot, ms: int) -> None:
    """Let the event loop run for ``ms`` by waiting on a timer's signal."""
    timer = QTimer(singleShot=True, interval=ms)
    with qtbot.waitSignal(timer.timeout, timeout=ms + 2000):
        timer.start()


def test_the_work_runs_after_the_widget_has_painted(qtbot):
    widget = PaintCounter()
    qtbot.addWidget(widget)
    widget.show()
    paints_seen = []
    after_next_paint(widget, lambda: paints_seen.append(widget.paints))
    qtbot.waitUntil(lambda: bool(paints_seen))
    assert paints_seen[0] >= 1


def test_a_hidden_widget_does_not_hold_the_work_back(qtbot):
    widget = PaintCounter()
    qtbot.addWidget(widget)
    calls = []
    after_next_paint(widget, lambda: calls.append(1))
    qtbot.waitUntil(lambda: bool(calls))
    assert widget.paints == 0


def test_a_window_that_never_paints_still_gets_the_work_done_once(qtbot, monkeypatch):
    monkeypatch.setattr(after_paint, "LATEST_MS", 30)
    widget = PaintCounter()
    qtbot.addWidget(widget)
    widget.setUpdatesEnabled(False)  # shown, but it will not paint
    widget.show()
    calls = []
    after_next_paint(widget, lambda: calls.append(1))
    qtbot.waitUntil(lambda: bool(calls))
    assert widget.paints == 0
    widget.setUpdatesEnabled(True)
    widget.update()
    _later(qtbot, 100)
    assert widget.paints >= 1 and calls == [1]
