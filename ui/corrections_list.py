"""The gaps alignment found, listed in the Sync panel (``ui.alignment`` makes it at the first gap)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget


class CorrectionsList(QWidget):
    """The gaps alignment found, in plain words, each removable."""

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Found by aligning the audio:", self)
        self.items = QListWidget(self)
        self.items.setMaximumHeight(110)
        self.items.setWordWrap(True)
        self.remove_button = QPushButton("Remove Correction", self)
        self.remove_button.setToolTip("The text and audio really are the same here: stop skipping this gap.")
        self.remove_button.clicked.connect(self._remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.items)
        layout.addWidget(self.remove_button)
        self.set_corrections([])

    def set_corrections(self, texts: list[str]) -> None:
        self.items.clear()
        self.items.addItems(texts)
        self.setVisible(bool(texts))

    def _remove_selected(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.remove_requested.emit(row)
