"""The dialogs of long work are wide enough for their title (a user trial saw "Openi… eader")."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from ui.progress import TITLE_BAR_ROOM, busy_dialog


def test_a_busy_dialog_is_wide_enough_for_its_whole_title(qtbot, monkeypatch):
    monkeypatch.setattr(QGuiApplication, "applicationDisplayName", lambda: "Transcript Reader, a long display name")
    window = QMainWindow()
    qtbot.addWidget(window)
    dialog = busy_dialog("Reading the transcript…", "Opening", window, show_after_ms=500)
    title = "Opening — Transcript Reader, a long display name"
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(title) + TITLE_BAR_ROOM
    assert dialog.labelText() == "Reading the transcript…" and dialog.windowTitle() == "Opening"
    assert not dialog.isVisible()  # only once the work has taken half a second


def test_a_busy_dialog_of_work_without_progress_appears_after_its_delay_not_four_seconds(qtbot):
    """Reading a large file reports no progress: its Cancel must still come
    after half a second (QProgressDialog's own default is 4 s). The dialog's
    clock is made to run out at once rather than waited for."""
    window = QMainWindow()
    qtbot.addWidget(window)
    dialog = busy_dialog("Reading the transcript…", "Opening", window, show_after_ms=500)
    [clock] = [timer for timer in dialog.findChildren(QTimer) if timer.isActive()]
    assert clock.interval() == 500
    clock.timeout.emit()
    assert dialog.isVisible()
