"""The status line: one plain sentence about what just happened, and the one
button that helps when audio is missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar


class StatusLine:
    def __init__(self, bar: QStatusBar, open_audio: Callable[[], None]) -> None:
        self._bar = bar
        self.label = QLabel(bar)
        self.label.setObjectName("statusMessage")
        self.label.setTextFormat(self.label.textFormat().PlainText)  # file names are never markup
        self.open_audio_button = QPushButton("Open Audio…", bar)
        self.open_audio_button.clicked.connect(open_audio)
        self.open_audio_button.hide()
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.open_audio_button)

    @property
    def text(self) -> str:
        return self.label.text()

    def show(self, message: str) -> None:
        self.label.setText(message)
        self.label.setToolTip(message)

    def offer_audio(self, message: str) -> None:
        self.show(message)
        self.open_audio_button.show()

    def audio_ready(self) -> None:
        self.open_audio_button.hide()
