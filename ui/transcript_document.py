"""Build the one QTextDocument that shows a whole transcript.

Layout of each turn::

    Speaker Name  00:12:34        <- header: speaker colour, clickable stamp
    First paragraph of words.     <- the turn's text, one block per paragraph
                                  <- a short blank block (PARAGRAPH_GAP lines)
    Second paragraph.
                                  <- a blank line between turns

Chapter titles are heading blocks placed before the turn being spoken when
the chapter starts. Text goes in with ``insertText``, never as HTML, so words
like ``<img onerror=...>`` are shown as typed and can never render or open
anything. The document uses QPlainTextDocumentLayout, which lays out only
what is on screen. That layout ignores block margins, so paragraphs are
spaced by a blank block in a small font; the map counts it (see
``ui.document_map``), and :meth:`TranscriptDocument.format_text` formats
text around it so highlights never reset its size.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable
from itertools import compress
from operator import ne

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from reader.model import Transcript
from reader.timecode import EpisodeClock
from reader.timemap import TimeMap
from ui.document_map import DocumentMap, TurnSpan
from ui.theme import Theme


class ChapterSpan:
    __slots__ = ("chapter", "start", "end")

    def __init__(self, chapter: int, start: int, end: int) -> None:
        self.chapter, self.start, self.end = chapter, start, end


#: How much larger than the text a chapter heading is, at every text size.
HEADING_SCALE = 1.3
#: Height of the space between paragraphs of a turn, in lines of text.
PARAGRAPH_GAP = 0.45
#: Turns laid down before the first paint: more than a tall window shows.
FIRST_BATCH_TURNS = 60
#: Turns added per event-loop turn afterwards, at most, so the window paints
#: and responds while a 10-hour transcript finishes building...
BATCH_TURNS = 400
#: ...and for at most about this long: a busy machine lays out turns far
#: slower than an idle one, and the window must answer within 50 ms.
BATCH_MS = 15
_CLOCK_EVERY = 20  # turns between two looks at the clock


class TranscriptDocument:
    """The document, its map of turns, and where the chapter headings are.

    The document is built progressively: the first screenful at once, the
    rest by :meth:`build_next_batch` from the event loop. Positions never
    move, because turns are only ever appended. Anything that needs a turn
    further on calls :meth:`ensure_built` first.
    """

    def __init__(
        self,
        transcript: Transcript,
        theme: Theme,
        font: QFont,
        speaker_name: Callable[[str | None], str | None] | None = None,
        clock: EpisodeClock | None = None,
        heard: TimeMap | None = None,
    ) -> None:
        """``speaker_name`` shows a speaker under the name the reader chose
        (renames are per episode and live in the store, not the transcript).
        ``heard`` is the map the stamps show their times through (see
        :meth:`hear_through`)."""
        self.transcript = transcript
        self._speaker_name = speaker_name or (lambda name: name)
        self.document = QTextDocument()
        self.document.setDocumentLayout(QPlainTextDocumentLayout(self.document))
        self.document.setUndoRedoEnabled(False)
        self.document.setDefaultFont(font)
        self.chapter_spans: list[ChapterSpan] = []
        #: Positions of the blank blocks between paragraphs.
        self._gaps: list[int] = []
        self.map = DocumentMap([], [])
        self._formats = _Formats(transcript, theme, font)
        self._headings = _chapters_by_turn(transcript)
        self._clock = clock or EpisodeClock.for_episode(0, transcript.duration_ms)
        #: The map stamps are shown through (when each turn is heard), or None
        #: for the transcript's own times; see :meth:`hear_through`.
        self._heard: TimeMap | None = None if heard is None or heard.is_identity else heard
        self._cursor = QTextCursor(self.document)
        #: Called with (first, stop) after turns first..stop-1 are laid down.
        self.built_listeners: list[Callable[[int, int], None]] = []
        self._build_until(FIRST_BATCH_TURNS)

    @property
    def text_format(self) -> QTextCharFormat:
        """The plain format of turn text, which highlights are laid over."""
        return self._formats.text

    @property
    def complete(self) -> bool:
        return len(self.map) == len(self.transcript.turns)

    def ensure_built(self, turn: int) -> None:
        self._build_until(turn + 1)

    def build_next_batch(self) -> bool:
        """Add the next batch of turns (up to BATCH_TURNS, for about BATCH_MS);
        True while there is more to add."""
        deadline = time.perf_counter() + BATCH_MS / 1000
        stop = min(len(self.map) + BATCH_TURNS, len(self.transcript.turns))
        while len(self.map) < stop and time.perf_counter() < deadline:
            self._build_until(min(len(self.map) + _CLOCK_EVERY, stop))
        return not self.complete

    def set_font(self, font: QFont) -> None:
        """A new text size: the text, and the chapter headings in proportion."""
        self.document.setDefaultFont(font)
        self._formats.scale_heading(font)
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        for span in self.chapter_spans:
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(self._formats.heading)
        for gap in self._gaps:
            cursor.setPosition(gap - 1)
            cursor.setPosition(gap + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(self._formats.gap)
        cursor.endEditBlock()

    def format_text(self, cursor: QTextCursor, turn: int, start: int, end: int, fmt: QTextCharFormat) -> None:
        """Give characters ``start``..``end`` of turn ``turn``'s text the format
        ``fmt``, paragraph by paragraph, leaving the gaps between them as they are."""
        text = self.transcript.turns[turn].text
        while start < end:
            stop = text.find("\n", start, end)
            stop = end if stop < 0 else stop
            if stop > start:
                cursor.setPosition(self.map.position_of(turn, start))
                cursor.setPosition(self.map.position_of(turn, stop), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
            start = stop + 1

    def retime(self, transcript: Transcript) -> None:
        """The same text with new times (alignment): turns built from now on use
        them; the stamps of turns already built are rewritten by :meth:`restamp`."""
        self.transcript = transcript

    def restamp(self, turns: list[int], deadline: float) -> int:
        """Write again the stamps of built ``turns`` (ascending), until
        ``deadline`` (``time.perf_counter()``); how many were done. Only the
        stamps change: highlights, the selection and the marks (cursors into
        the document) stay on their words, and positions after a stamp that
        changed length are moved in the map."""
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        ends: list[int] = []  # old end of each stamp that changed length...
        moved: list[int] = []  # ...and how far everything after it has moved, in total
        done = 0
        for turn in turns:
            if turn >= len(self.map):
                done += 1
                continue
            span = self.map.spans[turn]
            shift = moved[-1] if moved else 0
            model_turn = self.transcript.turns[turn]
            text = self._stamp_text(model_turn)
            cursor.setPosition(span.stamp_start + shift)
            cursor.setPosition(span.stamp_end + shift, QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() != text:
                cursor.insertText(text, self._formats.stamp(model_turn.timed))
            change = len(text) - (span.stamp_end - span.stamp_start)
            if change:
                ends.append(span.stamp_end)
                moved.append(shift + change)
            done += 1
            if done % _CLOCK_EVERY == 0 and time.perf_counter() >= deadline:
                break
        cursor.endEditBlock()
        if ends:
            self._move_after(turns[0], ends, moved)
        return done

    def hear_through(self, heard: TimeMap | None) -> list[int]:
        """Stamps show when each turn is heard: its start through ``heard``
        (the session's map of the open audio: sync points, the nudge and the
        gaps alignment found), or as the transcript writes it for None.
        Turns built from now on use it; the built turns whose shown time
        changes are returned, for :meth:`restamp` to write again in slices."""
        if heard is not None and heard.is_identity:
            heard = None
        if heard == self._heard:
            return []
        starts = [turn.start_ms for turn in self.transcript.turns[: len(self.map)]]
        before = _heard_starts(self._heard, starts)
        self._heard = heard
        after = _heard_starts(heard, starts)
        return list(compress(range(len(starts)), map(ne, before, after)))  # in C: 6,000 turns in well under 1 ms

    def _stamp_text(self, turn) -> str:
        """A turn's stamp: when it is heard, "~" before an estimated time."""
        start = turn.start_ms if self._heard is None else max(self._heard.to_audio(turn.start_ms), 0)
        stamp = self._clock.format(start)
        return stamp if turn.timed else f"~{stamp}"

    def _move_after(self, first: int, ends: list[int], moved: list[int]) -> None:
        def new_position(position: int) -> int:
            index = bisect_right(ends, position) - 1
            return position + moved[index] if index >= 0 else position

        self.map.move(first, new_position)
        self._gaps = [new_position(gap) for gap in self._gaps]
        for span in self.chapter_spans:
            span.start, span.end = new_position(span.start), new_position(span.end)

    def chapter_at(self, position: int) -> int | None:
        for span in self.chapter_spans:
            if span.start <= position <= span.end:
                return span.chapter
        return None

    def _build_until(self, stop: int) -> None:
        turns = self.transcript.turns
        stop = min(stop, len(turns))
        if len(self.map) >= stop:
            return
        first = len(self.map)
        cursor = self._cursor
        cursor.beginEditBlock()
        for index in range(first, stop):
            self.map.append(self._insert_turn(cursor, index, turns[index]), turns[index].text)
        cursor.endEditBlock()
        for listener in self.built_listeners:
            listener(first, stop)

    def _insert_turn(self, cursor: QTextCursor, index: int, turn) -> TurnSpan:
        if index:
            cursor.insertText("\n\n", self._formats.text)
        for chapter in self._headings.get(index, ()):
            self._insert_heading(cursor, chapter)
        header_start = cursor.position()
        if turn.speaker is not None:
            cursor.insertText(self._speaker_name(turn.speaker) or turn.speaker, self._formats.speaker(turn.speaker))
            cursor.insertText("  ", self._formats.text)
        stamp_start = cursor.position()
        cursor.insertText(self._stamp_text(turn), self._formats.stamp(turn.timed))
        stamp_end = cursor.position()
        cursor.insertText("\n", self._formats.text)
        text_start = cursor.position()
        for number, paragraph in enumerate(turn.text.split("\n")):
            if number:
                cursor.insertBlock(QTextBlockFormat(), self._formats.gap)
                self._gaps.append(cursor.position())
                cursor.insertBlock(QTextBlockFormat(), self._formats.text)
            cursor.insertText(paragraph, self._formats.text)
        return TurnSpan(header_start, stamp_start, stamp_end, text_start, cursor.position())

    def _insert_heading(self, cursor: QTextCursor, chapter: int) -> None:
        start = cursor.position()
        cursor.insertText(self.transcript.chapters[chapter].title, self._formats.heading)
        self.chapter_spans.append(ChapterSpan(chapter, start, cursor.position()))
        cursor.insertText("\n\n", self._formats.text)


def _heard_starts(heard: TimeMap | None, starts: list[int]) -> list[int]:
    return starts if heard is None else [max(ms, 0) for ms in heard.map_many(starts)]


def _chapters_by_turn(transcript: Transcript) -> dict[int, list[int]]:
    """Chapter indexes keyed by the turn being spoken when each chapter starts."""
    starts = [turn.start_ms for turn in transcript.turns]
    placed: dict[int, list[int]] = {}
    for index, chapter in enumerate(transcript.chapters):
        turn = max(bisect_right(starts, chapter.start_ms) - 1, 0)
        placed.setdefault(turn, []).append(index)
    return placed


class _Formats:
    """Character formats, made once per document rather than once per turn."""

    def __init__(self, transcript: Transcript, theme: Theme, font: QFont) -> None:
        self.text = QTextCharFormat()
        self.text.setForeground(QColor(theme.ink))
        self._speakers = {}
        for order, name in enumerate(transcript.speakers):
            fmt = QTextCharFormat()
            fmt.setForeground(theme.speaker_colour(order))
            fmt.setFontWeight(QFont.Weight.Bold)
            self._speakers[name] = fmt
        self._timed = QTextCharFormat()
        self._timed.setForeground(QColor(theme.stamp))
        self._timed.setFontUnderline(False)
        self._untimed = QTextCharFormat(self._timed)
        self._untimed.setForeground(QColor(theme.muted))
        self._untimed.setFontItalic(True)
        self._untimed.setToolTip("Estimated time: the transcript gives no time for this turn.")
        self._timed.setToolTip("Play from here")
        self.heading = QTextCharFormat()
        self.heading.setForeground(QColor(theme.heading))
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.gap = QTextCharFormat(self.text)
        self.scale_heading(font)

    def scale_heading(self, font: QFont) -> None:
        """Headings and paragraph gaps keep their proportion to the text."""
        self.heading.setFontPointSize(font.pointSizeF() * HEADING_SCALE)
        self.gap.setFontPointSize(max(font.pointSizeF() * PARAGRAPH_GAP, 1.0))

    def speaker(self, name: str) -> QTextCharFormat:
        return self._speakers[name]

    def stamp(self, timed: bool) -> QTextCharFormat:
        return self._timed if timed else self._untimed
