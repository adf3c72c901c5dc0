"""One way to make the "working… Cancel" dialogs of long work (reading a large
file, exporting, cutting clips), so that each is wide enough to read.

A bare QProgressDialog is as narrow as its label; window managers then cut its
title to "Openi… eader". The title and label decide the width here instead.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Room a window manager takes beside a title (its buttons and margins), in pixels.
TITLE_BAR_ROOM = 160
NARROWEST = 360


def busy_dialog(text: str, title: str, parent: QWidget | None, show_after_ms: int) -> QProgressDialog:
    """A progress dialog with Cancel that appears only once the work has taken ``show_after_ms``."""
    dialog = QProgressDialog(text, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(show_after_ms)
    # Starts its clock: QProgressDialog counts the delay only from a first
    # setValue, so work that reports no progress (reading a large file) got
    # its Cancel only after Qt's default 4 s.
    dialog.setValue(0)
    metrics = dialog.fontMetrics()
    app_name = QGuiApplication.applicationDisplayName()  # Qt adds it to every title on Linux
    shown_title = f"{title} — {app_name}" if app_name else title
    dialog.setMinimumWidth(max(NARROWEST, metrics.horizontalAdvance(shown_title) + TITLE_BAR_ROOM))
    return dialog
