"""Highlights drawn into the transcript document as background colours.

They are character formats in the document rather than extra selections:
the view rebuilds its extra selections on every playback mark, and hundreds
of highlights there would cost on every tick. Painting works turn by turn:
a turn's text is reset to the plain format, then every highlight over it is
laid on again, so overlapping highlights survive the removal of one of them.
Only turns already built are painted; turns the document builds later are
painted as they arrive, so opening an episode with 500 highlights costs
hardly more than opening it with none.
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
        self._by_turn: dict[int, list[int]] = {}
        doc.built_listeners.append(self._on_built)

    def set_highlights(self, highlights: Iterable[Highlight]) -> None:
        """Show exactly these highlights (detached ones have no place to show).

        Only turns where something changed are repainted, so saving one more
        highlight costs the same with 5 or 500 already there."""
        old = self._highlights
        self._highlights = {h.id: h for h in highlights if not h.detached}
        self._by_turn = {}
        for h in self._highlights.values():
            for turn in _turns(h):
                self._by_turn.setdefault(turn, []).append(h.id)
        changed = [h for key, h in old.items() if self._highlights.get(key) != h]
        changed += [h for key, h in self._highlights.items() if old.get(key) != h]
        self._paint({turn for h in changed for turn in _turns(h)})

    def highlight_at(self, turn: int, offset: int) -> Highlight | None:
        """The highlight covering ``offset`` in ``turn``; the newest where they overlap."""
        found = None
        for highlight_id in self._by_turn.get(turn, ()):
            h = self._highlights[highlight_id]
            start, end = _extent(h, turn, len(self._doc.transcript.turns[turn].text))
            if start <= offset < end and (found is None or h.id > found.id):
                found = h
        return found

    def _on_built(self, start: int, stop: int) -> None:
        self._paint({turn for turn in range(start, stop) if turn in self._by_turn})

    def _paint(self, turns: set[int]) -> None:
        built = len(self._doc.map)
        turns = {turn for turn in turns if turn < built}
        if not turns:
            return
        cursor = QTextCursor(self._doc.document)
        cursor.beginEditBlock()
        for turn in sorted(turns):
            self._paint_turn(cursor, turn)
        cursor.endEditBlock()

    def _paint_turn(self, cursor: QTextCursor, turn: int) -> None:
        doc = self._doc
        text_length = len(doc.transcript.turns[turn].text)
        doc.format_text(cursor, turn, 0, text_length, doc.text_format)
        for highlight_id in self._by_turn.get(turn, ()):
            h = self._highlights[highlight_id]
            start, end = _extent(h, turn, text_length)
            if end > start:
                fmt = QTextCharFormat(doc.text_format)
                fmt.setBackground(highlight_colour(h.colour, self._dark))
                doc.format_text(cursor, turn, start, end, fmt)


def _extent(h: Highlight, turn: int, text_length: int) -> tuple[int, int]:
    """Where ``h`` starts and ends within ``turn``'s text."""
    a = h.anchor
    return (a.start_offset if turn == a.start_turn else 0, a.end_offset if turn == a.end_turn else text_length)


def _turns(h: Highlight) -> range:
    return range(h.anchor.start_turn, h.anchor.end_turn + 1)
