"""The episode's header above the text: cover art and the episode's
description, collapsed to two lines until the reader asks for more. The
description is the transcript's own (front matter) when it has one, else the
one the audio's tags carry. Hidden when the episode has neither."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reader.audio_details import AudioDetails

ART_SIZE = 56
COLLAPSED_CHARS = 220


class EpisodeHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.art = QLabel(self)
        self.art.setFixedSize(ART_SIZE, ART_SIZE)
        self.art.setAccessibleName("Episode artwork")
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)  # tags are never markup
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QToolButton(self)
        self.more.setAutoRaise(True)
        self.more.clicked.connect(self.toggle)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.description)
        text.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.art, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self._full = ""
        self._transcript_description: str | None = None
        self.expanded = False
        self.show_details(AudioDetails(None, None))

    def show_transcript_description(self, description: str | None) -> None:
        """A new episode: its transcript's description, until audio adds art."""
        self._transcript_description = description
        self.show_details(AudioDetails(None, None))

    def show_details(self, details: AudioDetails) -> None:
        """Show this episode's details (an empty pair hides the header)."""
        pixmap = QPixmap()
        if details.artwork:
            pixmap.loadFromData(details.artwork)
        self.art.setVisible(not pixmap.isNull())
        if not pixmap.isNull():
            self.art.setPixmap(
                pixmap.scaled(
                    ART_SIZE, ART_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        self._full = self._transcript_description or details.description or ""
        self.expanded = False
        self._show_text()
        self.setVisible(bool(self._full) or not pixmap.isNull())

    def toggle(self) -> None:
        self.expanded = not self.expanded
        self._show_text()

    def _show_text(self) -> None:
        long = len(self._full) > COLLAPSED_CHARS
        shown = self._full if self.expanded or not long else self._full[:COLLAPSED_CHARS].rsplit(" ", 1)[0] + " …"
        self.description.setText(shown)
        self.description.setVisible(bool(self._full))
        self.more.setVisible(long)
        self.more.setText("Less" if self.expanded else "More")
