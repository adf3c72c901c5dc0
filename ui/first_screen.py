"""The whole transcript put in the place of its first turns, without a jump.

While a large file is read, the view shows its first turns
(``reader.first_turns``), and the reader may already scroll or select.
When the whole transcript arrives, the view shows it instead. If the text
the reader could have seen is the same in both (it is, unless the rest of
the file changed how its start is read), the scroll position, the selection
and whether the view follows playback are carried over, so nothing on
screen moves. Otherwise the whole transcript is shown from its top, as any
newly opened file is.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from ui.transcript_document import FIRST_BATCH_TURNS, TranscriptDocument


class ReadingPlace(NamedTuple):
    """Where the reader is in the first turns' document."""

    document: TranscriptDocument
    #: The character at the view's top left, and how far down its line is
    #: (a scroll bar counts lines, and the lines of text not laid out yet are
    #: estimates, so the place is kept by the text).
    top: int
    top_y: int
    anchor: int
    position: int
    following: bool
    #: Turns that must read the same in the whole transcript: all the reader
    #: could see or select, and what the view builds below it.
    turns: int


def place_in(view: QPlainTextEdit, document: TranscriptDocument, following: bool, lookahead: int) -> ReadingPlace:
    """The reader's place in ``document``, shown in ``view``."""
    cursor = view.textCursor()
    viewport = view.viewport()
    bottom = view.cursorForPosition(QPoint(viewport.width() - 1, viewport.height() - 1)).position()
    last = max(_turn_before(document, bottom), _turn_before(document, cursor.selectionEnd()))
    turns = min(len(document.transcript.turns), max(FIRST_BATCH_TURNS, last + 1 + lookahead))
    top = view.cursorForPosition(QPoint(0, 0)).position()
    return ReadingPlace(document, top, _y_of(view, top), cursor.anchor(), cursor.position(), following, turns)


def same_text(place: ReadingPlace, document: TranscriptDocument) -> bool:
    """Whether ``document`` starts with the text of the place's turns, every
    character of it (speakers, stamps, chapter headings, words)."""
    if len(document.transcript.turns) < place.turns:
        return False
    place.document.ensure_built(place.turns - 1)
    document.ensure_built(place.turns - 1)
    end = place.document.map.spans[place.turns - 1].text_end
    if document.map.spans[place.turns - 1].text_end != end:
        return False
    return _text_until(place.document.document, end) == _text_until(document.document, end)


def select_again(view: QPlainTextEdit, place: ReadingPlace) -> None:
    """Select what the reader had selected (the text being the same)."""
    if place.anchor != place.position or place.position:
        cursor = view.textCursor()
        cursor.setPosition(place.anchor)
        cursor.setPosition(place.position, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)


def _y_of(view: QPlainTextEdit, position: int) -> int:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return view.cursorRect(cursor).top()


def _turn_before(document: TranscriptDocument, position: int) -> int:
    """The turn at ``position``, or the one above it (in a heading or a gap)."""
    starts = [span.header_start for span in document.map.spans]
    return max(bisect_right(starts, position) - 1, 0)


def _text_until(document: QTextDocument, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()
