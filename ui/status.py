"""The status line: one plain sentence about what just happened, and the one
button that helps when audio is missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from ui.plain_text import plain_tooltip


class _SentenceLabel(QLabel):
    """Wraps a sentence too long for one line (a refusal ends with what to
    do, and one line cut that off), but asks for only the lines it needs at its
    width: a wrapping QLabel asks for a block about 80 characters wide, so a
    sentence that fits on one line made the status bar three lines tall."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        if self.width() > 0 and self.text():
            return QSize(max(hint.width(), self.width()), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wider or narrower: fewer or more lines


class StatusLine:
    def __init__(self, bar: QStatusBar, open_audio: Callable[[], None]) -> None:
        self._bar = bar
        self.label = _SentenceLabel(bar)
        self.label.setObjectName("statusMessage")
        self.label.setTextFormat(self.label.textFormat().PlainText)  # file names are never markup
        self.label.setWordWrap(True)
        self.open_audio_button = QPushButton("Open Audio…", bar)
        self.open_audio_button.clicked.connect(open_audio)
        self.open_audio_button.hide()
        self._routine = False
        self.shift = QLabel(bar)
        self.shift.setObjectName("syncShift")
        self.shift.setToolTip("How far the text is shifted to match the audio (Highlights → Sync panel).")
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.shift)
        bar.addPermanentWidget(self.open_audio_button)

    @property
    def text(self) -> str:
        return self.label.text()

    def show(self, message: str) -> None:
        """Something the user should read: it replaces whatever was there."""
        self._routine = False
        self.label.setText(message)
        self.label.setToolTip(plain_tooltip(message))

    def clear(self) -> None:
        """A new episode: what was said about the last one no longer applies."""
        self.label.clear()
        self._routine = False

    def info(self, message: str) -> None:
        """Routine news ("Playing from …"): shown only over other routine news,
        so it never hides a warning the user has not read yet."""
        if self._routine or not self.label.text():
            self.show(message)
            self._routine = True

    def offer_audio(self, message: str) -> None:
        self.show(message)
        self.open_audio_button.show()

    def audio_ready(self) -> None:
        """Audio is paired: the sentence that offered to find it no longer holds."""
        if self.open_audio_button.isVisibleTo(self._bar):
            self.clear()
        self.open_audio_button.hide()
