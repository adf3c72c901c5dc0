"""A plain window that shows what was read, until the read-along window lands."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from reader.errors import TranscriptError
from reader.importer import load
from reader.timecode import format_clock


class PlaceholderWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Transcript Reader")
        self.resize(900, 700)
        self._text = QPlainTextEdit(readOnly=True)
        self._text.setPlaceholderText("Open a transcript: transcript-reader FILE")
        self.setCentralWidget(self._text)

    def open_transcript(self, path: str) -> None:
        try:
            transcript = load(path)
        except TranscriptError as error:
            self.statusBar().showMessage(str(error))
            return
        self.setWindowTitle(f"{transcript.title or path} - Transcript Reader")
        self._text.setPlainText(
            "\n\n".join(f"{t.speaker or ''}  [{format_clock(t.start_ms)}]\n{t.text}" for t in transcript.turns)
        )
