"""Highlights drawn into the transcript document as background colours.

They are character formats in the document rather than extra selections:
the view rebuilds its extra selections on every playback mark, and hundreds
of highlights there would cost on every tick. A change repaints only the
turns it touches: their text is reset to the plain format, then every
highlight over them is laid on again, so overlapping highlights survive the
removal of one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.keep import Highlight
from ui.theme import highlight_colour
from ui.transcript_document import TranscriptDocument

class HighlightLayer:
    def __init__(self, doc: TranscriptDocument, dark: bool = False) -> None:
        self._doc = doc
        self._dark = dark
        self._highlights: dict[int, Highlight] = {}

    def set_highlights(self, highlights: Iterable[Highlight]) -> None:
        """Show exactly these highlights (detached ones have no place to show)."""
        old_turns = self._turns_of(self._highlights.values())
        self._highlights = {h.id: h for h in highlights if not h.detached}
        self._repaint(old_turns | self._turns_of(self._highlights.values()))

    def _turns_of(self, highlights: Iterable[Highlight]) -> set[int]:
        turns: set[int] = set()
        for h in highlights:
            turns.update(range(h.anchor.start_turn, h.anchor.end_turn + 1))
        return turns

    def _repaint(self, turns: set[int]) -> None:
        if not turns:
            return
        doc = self._doc
        doc.ensure_built(max(turns))
        cursor = QTextCursor(doc.document)
        cursor.beginEditBlock()
        for turn in turns:
            span = doc.map.spans[turn]
            _format(cursor, span.text_start, span.text_end, doc.text_format)
        for h in self._highlights.values():
            if turns.intersection(range(h.anchor.start_turn, h.anchor.end_turn + 1)):
                self._lay_on(cursor, h)
        cursor.endEditBlock()

    def _lay_on(self, cursor: QTextCursor, h: Highlight) -> None:
        fmt = QTextCharFormat(self._doc.text_format)
        fmt.setBackground(highlight_colour(h.colour, self._dark))
        a, doc = h.anchor, self._doc
        for turn in range(a.start_turn, a.end_turn + 1):
            text = doc.transcript.turns[turn].text
            start = a.start_offset if turn == a.start_turn else 0
            end = a.end_offset if turn == a.end_turn else len(text)
            if end > start:
                _format(cursor, doc.map.position_of(turn, start), doc.map.position_of(turn, end), fmt)


def _format(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(fmt)
