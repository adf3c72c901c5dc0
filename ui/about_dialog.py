"""Help → About: which version this is, and where the library lives, with a
button that opens that folder (for backups, or to move it to a USB stick)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

#: Narrowest the dialog gets, in pixels.
MIN_WIDTH = 420


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("transcript-reader")
    except PackageNotFoundError:  # a frozen build without package metadata
        return "unknown"


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(
        self, library_folder: Path, parent: QWidget | None = None, opener: Callable[[Path], bool] = open_folder
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Transcript Reader")
        self._folder, self._opener = library_folder, opener
        title = QLabel(f"<b>Transcript Reader</b> {app_version()}", self)
        blurb = QLabel("Read a podcast or interview transcript while the episode plays.", self)
        blurb.setWordWrap(True)
        self.location = QLabel(f"Your library (highlights, notes, settings):\n{library_folder}", self)
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setWordWrap(True)
        self.open_button = QPushButton("Open Library Folder", self)
        self.open_button.clicked.connect(self.open_library_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, blurb, self.location, self.open_button, buttons):
            layout.addWidget(widget)
        self.status = QLabel(self)
        layout.insertWidget(4, self.status)
        self.status.hide()
        # Room for the whole window title beside the title bar's buttons, and a
        # library path on one line: at its natural width the title was elided.
        self.setMinimumWidth(max(MIN_WIDTH, 2 * self.fontMetrics().horizontalAdvance(self.windowTitle())))

    def open_library_folder(self) -> None:
        if not self._opener(self._folder):
            self.status.setText(f"The folder could not be opened here; it is {self._folder}.")
            self.status.show()
