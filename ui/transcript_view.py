"""The transcript itself: read, select, click to seek, and follow playback.

A QPlainTextEdit over one document, so selection works across turns and a
10-hour transcript stays light (the plain-text layout only lays out what is
on screen). Playback marks are extra selections: changing them repaints only
the rectangles they cover, never the document.

Following playback keeps the spoken text in view by scrolling only when it
nears an edge, never recentring on every tick. Any sign that the reader is
doing something else (the wheel, the scroll bar, paging keys) pauses
following and shows "Back to playback" until they ask for it again. A
selection only holds the view still, so the text stays under the mouse: it
pauses following once the spoken line is out of view, not while the reader
selects with it in sight.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from reader.keep import Highlight
from reader.model import Transcript, Turn
from reader.timecode import EpisodeClock
from reader.timeline import offset_between_anchors, time_anchors
from reader.timemap import TimeMap
from reader.words import snap_to_words, word_at
from ui import first_screen
from ui.highlight_layer import HighlightLayer
from ui.theme import LIGHT, Theme, reading_font
from ui.transcript_document import BATCH_MS, TranscriptDocument

#: Where a followed line may sit before the view scrolls, as parts of the height.
FOLLOW_BAND = (0.08, 0.80)
#: Where a scroll puts it: near the top, so what comes next is visible below.
FOLLOW_ANCHOR = 0.2
#: Turns built past a marked one, so it can be scrolled to the upper part of the view.
LOOKAHEAD_TURNS = 60
_WORD = re.compile(r"\w[\w'’\-]*")
#: The bar beside the spoken turn: with the tint, it tells the turn from a highlight.
TURN_BAR_WIDTH = 3
#: Pixels between "Back to playback" and the bottom edge.
BACK_BUTTON_GAP = 20
_CHOOSE_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
_PAGING_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down}


class TranscriptView(QPlainTextEdit):
    seek_requested = Signal(int)  # transcript time in ms
    word_chosen = Signal(int, int)  # turn, offset: Alt+click (or Ctrl+click) plays from there, or "this is now"
    following_changed = Signal(bool)

    def __init__(self, theme: Theme = LIGHT, point_size: float = 13.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._doc: TranscriptDocument | None = None
        self._first_turns: TranscriptDocument | None = None  # shown while the whole file is read
        self._current_turn = -1
        self._reading_span: tuple[int, int] | None = None
        self._tick_anchors: tuple[Turn, list[tuple[int, int]], list[int]] | None = None
        self._reading_enabled = True
        self._highlights: HighlightLayer | None = None
        self._find_marks: list[QTextEdit.ExtraSelection] = []
        self._following = True
        self._held = False  # a selection holds the view still while following
        self._let_go = False  # the selection is gone: the next tick brings the spoken line back into the band
        self._playback_available = True
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFont(reading_font(point_size))
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setStyleSheet(f"QPlainTextEdit {{ background: {theme.paper}; color: {theme.ink}; }}")
        self.viewport().setMouseTracking(True)
        self.setPlaceholderText("Open a transcript (Ctrl+O) or drop one here.")
        self._back = QPushButton("Back to playback  (Ctrl+J)", self)
        self._back.setObjectName("backToPlayback")
        self._back.setCursor(Qt.CursorShape.PointingHandCursor)
        self._back.clicked.connect(self.resume_following)
        self._back.hide()
        self._build_timer = QTimer(self, interval=0)
        self._build_timer.timeout.connect(self._build_more)
        self._restamp: list[int] = []  # turns whose stamps are still to be written again
        self._heard: TimeMap | None = None  # the map stamps show their times through
        self._restamp_timer = QTimer(self, interval=0)
        self._restamp_timer.timeout.connect(self.retime_next_batch)
        self.verticalScrollBar().actionTriggered.connect(self._on_user_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.selectionChanged.connect(self._on_selection_changed)

    def set_theme(self, theme: Theme) -> None:
        """View → Theme. The document's colours are built in: the caller shows
        the transcript again (``MainWindow`` keeps the reader's place)."""
        self._theme = theme
        self.setStyleSheet(f"QPlainTextEdit {{ background: {theme.paper}; color: {theme.ink}; }}")

    @property
    def theme(self) -> Theme:
        return self._theme

    # -- content ---------------------------------------------------------

    def show_transcript(
        self,
        transcript: Transcript,
        speaker_name: Callable[[str | None], str | None] | None = None,
        clock: EpisodeClock | None = None,
        heard: TimeMap | None = None,
    ) -> None:
        """``clock`` writes the turns' stamps as the rest of the window writes times,
        ``heard`` is the map they show their times through (:meth:`show_heard_times`).
        In place of the first turns of the same file (:meth:`show_first_turns`),
        the reader's scroll and selection stay where they were."""
        place = self._first_turns_place()
        self._heard = heard
        self._doc = TranscriptDocument(transcript, self._theme, self.font(), speaker_name, clock, self._heard)
        self._highlights = HighlightLayer(self._doc, dark=self._theme.dark)
        self._held = self._let_go = False
        self.setDocument(self._doc.document)
        self._current_turn = -1
        self._reading_span = None
        self._find_marks = []
        self.setExtraSelections([])
        self._set_following(True)
        self._restamp = []
        self._restamp_timer.stop()
        self._build_timer.start()
        if place is not None and first_screen.same_text(place, self._doc):
            first_screen.select_again(self, place)
            self._scroll_to(place.top, place.top_y)
            self._set_following(place.following)

    def show_first_turns(self, transcript: Transcript | None, clock: EpisodeClock | None = None) -> None:
        """The first turns of a file still being read (``reader.first_turns``),
        readable at once; None takes them away (the read failed or was cancelled)."""
        if transcript is None:
            if self._first_turns is not None and self._doc is self._first_turns:
                self._build_timer.stop()
                self._doc = self._highlights = self._first_turns = None
                self.setDocument(_empty_document(self))
            return
        self.show_transcript(transcript, None, clock)
        self._first_turns = self._doc

    def _first_turns_place(self) -> first_screen.ReadingPlace | None:
        first, self._first_turns = self._first_turns, None
        if first is None or self._doc is not first:
            return None
        return first_screen.place_in(self, first, self._following, LOOKAHEAD_TURNS)

    def retime(self, transcript: Transcript, turns: list[int]) -> None:
        """The same text with new times (word alignment): the stamps of
        ``turns`` are written again, a slice per event-loop turn, and nothing
        else is rebuilt, so the scroll position, the selection, highlights
        and the marks stay where they are."""
        if self._doc is None:
            return
        self._doc.retime(transcript)
        self._write_stamps_again(turns)

    def show_heard_times(self, heard: TimeMap | None) -> None:
        """Stamps show when each turn is heard in the open audio, through
        ``heard`` (the session's map: sync points, the nudge, the gaps found
        by alignment); None shows the transcript's own times. Only the stamps
        that change are written again, in slices, as after :meth:`retime`."""
        self._heard = heard
        if self._doc is not None:
            self._write_stamps_again(self._doc.hear_through(heard))

    def _write_stamps_again(self, turns: list[int]) -> None:
        self._restamp = sorted(set(self._restamp).union(turns)) if self._restamp else list(turns)
        if self._restamp:
            self._restamp_timer.start()

    @property
    def retiming(self) -> bool:
        """Stamps are still being written again after :meth:`retime`."""
        return bool(self._restamp)

    def retime_next_batch(self) -> None:
        """Rewrite the next stamps for about BATCH_MS, then let the window answer."""
        doc = self._doc
        if doc is None or not self._restamp:
            self._restamp_timer.stop()
            return
        done = doc.restamp(self._restamp, time.perf_counter() + BATCH_MS / 1000)
        del self._restamp[:done]
        if not self._restamp:
            self._restamp_timer.stop()

    def _build_more(self) -> None:
        """Finish a long document in slices, so the window paints and answers at once."""
        if self._doc is None or not self._doc.build_next_batch():
            self._build_timer.stop()

    def finish_building(self) -> None:
        """Build whatever is left now (search and highlights need the whole text)."""
        if self._doc is not None:
            self._doc.ensure_built(len(self._doc.transcript.turns) - 1)
        self._build_timer.stop()

    def set_highlights(self, highlights: list[Highlight]) -> None:
        if self._doc is not None and self._highlights is not None:
            self._highlights.set_highlights(highlights)

    def selected_span(self) -> tuple[int, int, int, int] | None:
        """The selection as (start turn, start offset, end turn, end offset) of
        turn text; parts in headers, headings and blank lines are left out."""
        cursor = self.textCursor()
        if self._doc is None or not cursor.hasSelection():
            return None
        self.finish_building()
        start = self._doc.map.text_point(cursor.selectionStart(), forward=True)
        end = self._doc.map.text_point(cursor.selectionEnd(), forward=False)
        if start is None or end is None or start >= end:
            return None
        return snap_to_words(self._doc.transcript.turns, *start, *end)

    def word_at_point(self, point: QPoint) -> tuple[int, int] | None:
        """(turn, offset of the word's first letter) under ``point`` in the
        viewport; None over a stamp, a heading, a margin or a space."""
        if self._doc is None:
            return None
        position = self.cursorForPosition(point).position()
        turn = self._doc.map.turn_at(position)
        if turn is None or position < self._doc.map.spans[turn].text_start or not self._is_over_text(point, position):
            return None
        offset = self._doc.map.offset_at(turn, position)
        word = word_at(self._doc.transcript.turns[turn].text, offset)
        return (turn, word[0]) if word else None

    def highlight_at_point(self, point: QPoint) -> Highlight | None:
        """The highlight drawn under ``point`` (the latest made, where they overlap)."""
        if self._doc is None or self._highlights is None:
            return None
        position = self.cursorForPosition(point).position()
        turn = self._doc.map.turn_at(position)
        if turn is None or position < self._doc.map.spans[turn].text_start or not self._is_over_text(point, position):
            return None
        return self._highlights.highlight_at(turn, self._doc.map.offset_at(turn, position))

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def show_turn_text(self, turn: int, offset: int = 0) -> None:
        """Scroll to a place in the text (a highlight in the panel, a search hit)."""
        if self._doc is None:
            return
        self._doc.ensure_built(turn + LOOKAHEAD_TURNS)
        self._scroll_to(self._doc.map.position_of(turn, offset))

    @property
    def transcript_document(self) -> TranscriptDocument | None:
        return self._doc

    @property
    def current_turn(self) -> int:
        return self._current_turn

    @property
    def following(self) -> bool:
        return self._following

    def set_reading_cursor_enabled(self, enabled: bool) -> None:
        self._reading_enabled = enabled
        self._reading_span = None
        self._refresh_marks()

    def zoom(self, steps: int) -> None:
        """Change the text size; chapter headings scale with it."""
        font = self.font()
        font.setPointSizeF(min(max(font.pointSizeF() + steps, 8.0), 40.0))
        self.setFont(font)
        if self._doc is not None:
            self._doc.set_font(font)

    # -- playback marks ----------------------------------------------------

    def mark_playback(self, turn: int, ms: int) -> None:
        """Show that turn ``turn`` is being spoken at transcript time ``ms``.

        Cheap when nothing visible changes: the marks are rebuilt only when
        the turn or the estimated word changes.
        """
        if self._doc is None or not 0 <= turn < len(self._doc.transcript.turns):
            return
        self._doc.ensure_built(turn + LOOKAHEAD_TURNS)  # text below it, so it can scroll up
        span = self._word_span(turn, ms) if self._reading_enabled else None
        if turn == self._current_turn and span == self._reading_span and not self._let_go:
            return
        old_turn = self._current_turn
        turn_changed = turn != old_turn
        self._current_turn, self._reading_span = turn, span
        self._refresh_marks(old_turn)
        if self._following and (turn_changed or span is not None or self._let_go):
            self._follow()
        self._let_go = False

    def _word_span(self, turn: int, ms: int) -> tuple[int, int] | None:
        doc = self._doc
        if doc is None:
            return None
        model_turn = doc.transcript.turns[turn]
        text = model_turn.text
        if ms < model_turn.start_ms or ms >= model_turn.end_ms:
            return None
        offset = offset_between_anchors(*self._anchors_of(model_turn), ms)
        # At the end of a word's known time, and through the pause after it, the
        # offset sits just after the word and its punctuation ("Bonjour!|"):
        # that word is still the one said, hence the step back and the ">=".
        floor = max(0, offset - 8)  # a few marks at most, even in a line of punctuation
        while offset > floor and not text[offset - 1].isspace() and not _WORD.match(text, offset - 1):
            offset -= 1
        for match in _WORD.finditer(text, max(0, offset - 40)):
            if match.end() >= offset:
                return doc.map.position_of(turn, match.start()), doc.map.position_of(turn, match.end())
        return None

    def _anchors_of(self, turn: Turn) -> tuple[list[tuple[int, int]], list[int]]:
        """The spoken turn's time anchors, made once per turn rather than on
        every tick: a word-timed turn has two anchors a word. A re-timed or
        re-aligned transcript has new Turn objects, so identity is the key."""
        cached = self._tick_anchors
        if cached is None or cached[0] is not turn:
            anchors = time_anchors(turn)
            cached = self._tick_anchors = (turn, anchors, [a[1] for a in anchors])
        return cached[1], cached[2]

    def _refresh_marks(self, old_turn: int | None = None) -> None:
        """The spoken word is an extra selection; the spoken turn is painted
        under the text (see paintEvent), so highlights stay visible on it."""
        selections = list(self._find_marks)
        if self._doc is not None and self._reading_span is not None:
            selections.append(self._reading_mark(*self._reading_span))
        self.setExtraSelections(selections)
        if old_turn is not None and old_turn != self._current_turn:
            self.viewport().update(self.turn_rect(old_turn))
            self.viewport().update(self.turn_rect(self._current_turn))

    def turn_rect(self, turn: int) -> QRect:
        """Where turn ``turn`` is on screen, full width (empty when off screen)."""
        if self._doc is None or not 0 <= turn < len(self._doc.map):
            return QRect()
        span = self._doc.map.spans[turn]
        offset = self.contentOffset()
        first = self.document().findBlock(span.header_start)
        last = self.document().findBlock(span.text_end)
        top = self.blockBoundingGeometry(first).translated(offset).top()
        bottom = self.blockBoundingGeometry(last).translated(offset).bottom()
        height = self.viewport().height()
        if bottom < 0 or top > height:
            return QRect()
        return QRect(0, int(top) - 3, self.viewport().width(), int(bottom - top) + 6)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._doc is not None and self._current_turn >= 0:
            rect = self.turn_rect(self._current_turn)
            if rect.intersects(event.rect()):
                painter = QPainter(self.viewport())
                painter.fillRect(rect, QColor(self._theme.current_turn))
                painter.fillRect(
                    QRect(rect.left(), rect.top(), TURN_BAR_WIDTH, rect.height()), QColor(self._theme.turn_bar)
                )
                painter.end()
        super().paintEvent(event)

    def set_find_marks(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark search matches (document positions); ``current`` is the one
        the find bar is on, drawn stronger. An empty list clears them."""
        match, chosen = QTextCharFormat(), QTextCharFormat()
        match.setBackground(QColor(self._theme.find_match))
        chosen.setBackground(QColor(self._theme.find_current))
        chosen.setForeground(QColor(self._theme.find_current_ink))
        marks = []
        for index, (start, end) in enumerate(spans):
            mark = QTextEdit.ExtraSelection()
            mark.cursor = self._cursor_over(start, end)
            mark.format = chosen if index == current else match
            marks.append(mark)
        self._find_marks = marks
        self._refresh_marks()

    def _reading_mark(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        mark = QTextEdit.ExtraSelection()
        mark.cursor = self._cursor_over(start, end)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self._theme.reading_cursor))
        fmt.setForeground(QColor(self._theme.reading_ink))
        mark.format = fmt
        return mark

    def _cursor_over(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- following -----------------------------------------------------------

    def resume_following(self) -> None:
        """Ctrl+J and "Back to playback": jump to what is being spoken and follow it."""
        self._held = False
        self._set_following(True)
        spoken = self._spoken_position()
        if spoken is not None:
            self._scroll_to(spoken)

    def pause_following(self) -> None:
        self._set_following(False)

    def set_playback_available(self, available: bool) -> None:
        """Without audio there is no playback to go back to: no button for it."""
        self._playback_available = available
        self._set_following(self._following)

    def _set_following(self, following: bool) -> None:
        changed = following != self._following
        self._following = following
        shown = not following and self._doc is not None and self._playback_available
        if shown != self._back.isVisibleTo(self):
            self._back.setVisible(shown)
            self._center_column()
        self._place_back_button()
        if changed:
            self.following_changed.emit(following)

    def _spoken_position(self) -> int | None:
        """Where the spoken word (else the spoken turn's header) is; None before playback."""
        if self._doc is None or self._current_turn < 0:
            return None
        return self._reading_span[0] if self._reading_span else self._doc.map.spans[self._current_turn].header_start

    def _follow(self) -> None:
        """Keep the spoken line in view; while a selection holds the view,
        only notice when the line has left it (the reader has left playback)."""
        spoken = self._spoken_position()
        if spoken is None:
            return
        if not self._held:
            self._keep_in_view(spoken)
        elif not self._is_in_view(spoken):
            self.pause_following()

    def _is_in_view(self, position: int) -> bool:
        rect = self.cursorRect(self._cursor_over(position, position))
        return rect.bottom() > 0 and rect.top() < self.viewport().height()

    def _keep_in_view(self, position: int) -> None:
        top, bottom = FOLLOW_BAND
        y = self._y_of(position)
        height = self.viewport().height()
        if y is None or not top * height <= y <= bottom * height:
            self._scroll_to(position)

    def _y_of(self, position: int) -> float | None:
        rect = self.cursorRect(self._cursor_over(position, position))
        if rect.bottom() < -self.viewport().height() or rect.top() > 2 * self.viewport().height():
            return None  # far away: geometry there may be an estimate
        return rect.top()

    def _scroll_to(self, position: int, y: float | None = None) -> None:
        """Put ``position`` near the top of the view, leaving what comes next
        visible (or ``y`` pixels down the view).

        QPlainTextEdit scrolls by lines, and a block's line number is only an
        estimate until it has been laid out; so jump by the estimate, then
        correct by what the view actually shows (a few steps at most).
        """
        bar = self.verticalScrollBar()
        line_height = max(self.fontMetrics().lineSpacing(), 1)
        wanted = self.viewport().height() * FOLLOW_ANCHOR if y is None else y
        bar.setValue(max(self.document().findBlock(position).firstLineNumber() - int(wanted / line_height), 0))
        for _attempt in range(6):
            y = self.cursorRect(self._cursor_over(position, position)).top()
            lines = round((y - wanted) / line_height)
            before = bar.value()
            bar.setValue(before + lines)  # laying out what is shown may extend the range
            if lines == 0 or bar.value() == before:
                break

    def _on_user_scrolled(self, _action: int) -> None:
        self.pause_following()

    def _on_selection_changed(self) -> None:
        """Selecting holds the view; once the selection is gone, the next tick
        of playback lets following catch up (not at once: the click that
        cleared it is still placing the text cursor, and Qt scrolls to that)."""
        held = self.textCursor().hasSelection()
        if held == self._held:
            return
        self._held, self._let_go = held, not held
        if held and self._following:
            self._follow()

    def _on_scrolled(self, _value: int) -> None:
        """A drag past the edge scrolls without a scroll-bar action: the spoken line may be left behind."""
        if self._held and self._following:
            self._follow()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if event.angleDelta().y() or event.pixelDelta().y():
            self.pause_following()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in _PAGING_KEYS:
            self.pause_following()
            self._page(Qt.Key(event.key()))
            return
        if event.key() == Qt.Key.Key_Space:
            event.ignore()  # play/pause belongs to the window
            return
        super().keyPressEvent(event)

    def _page(self, key: Qt.Key) -> None:
        bar = self.verticalScrollBar()
        step = {
            Qt.Key.Key_Up: -bar.singleStep() * 3,
            Qt.Key.Key_Down: bar.singleStep() * 3,
            Qt.Key.Key_PageUp: -bar.pageStep(),
            Qt.Key.Key_PageDown: bar.pageStep(),
        }
        if key == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif key == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            bar.setValue(bar.value() + step[key])

    # -- clicks ------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        """Alt+click (or Ctrl+click, where the desktop takes Alt+drag to move
        windows) on a word plays from it; a plain click only places the cursor,
        so double- and triple-click select a word and a paragraph as anywhere."""
        point = event.position().toPoint()
        if event.button() == Qt.MouseButton.LeftButton and event.modifiers() & _CHOOSE_MODIFIERS:
            word = self.word_at_point(point)
            if word is not None:
                self._press_at = None
                self.word_chosen.emit(*word)
                event.accept()
                return
        self._press_at = point
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        pressed = getattr(self, "_press_at", None)
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (point - pressed).manhattanLength() > 4 or self.textCursor().hasSelection():
            return
        target = self._click_target(point)
        if target is not None:
            self.seek_requested.emit(target)
            self.resume_following()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            clickable = self._click_target(event.position().toPoint()) is not None
            shape = Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.IBeamCursor
            self.viewport().setCursor(shape)

    def _click_target(self, point: QPoint) -> int | None:
        """The time a click at ``point`` plays from: a turn's stamp or a chapter heading."""
        if self._doc is None:
            return None
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if not self._is_over_text(point, position):
            return None
        chapter = self._doc.chapter_at(position)
        if chapter is not None:
            return self._doc.transcript.chapters[chapter].start_ms
        turn = self._doc.map.is_on_stamp(position)
        return self._doc.transcript.turns[turn].start_ms if turn is not None else None

    def _is_over_text(self, point: QPoint, position: int) -> bool:
        """cursorForPosition snaps to the nearest character; only count a click
        that lands on the text of the line holding ``position``, not in the
        margin beside it or the blank end of a wrapped line."""
        block = self.document().findBlock(position)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        if line is None or not line.isValid():
            return False
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        top = origin.y() + line.y()
        right = origin.x() + line.x() + line.naturalTextWidth()
        return top - 2 <= point.y() <= top + line.height() + 2 and point.x() <= right + 4

    # -- geometry ------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._center_column()  # before the base class lays the text out at the new width
        super().resizeEvent(event)
        self._place_back_button()

    def _center_column(self) -> None:
        """Keep lines at a comfortable reading length (about 75 characters)."""
        column = self.fontMetrics().averageCharWidth() * 78
        side = max(int((self.width() - column) / 2), 16)
        # While "Back to playback" shows, the text stops above it, so it never covers a line.
        back = getattr(self, "_back", None)  # a font change may come before the button exists
        bottom = back.sizeHint().height() + 2 * BACK_BUTTON_GAP if back and back.isVisibleTo(self) else 12
        self.setViewportMargins(side, 12, side, bottom)

    def _place_back_button(self) -> None:
        self._back.adjustSize()
        x = (self.width() - self._back.width()) // 2
        y = self.height() - self._back.height() - BACK_BUTTON_GAP
        self._back.move(max(x, 0), max(y, 0))
        self._back.raise_()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._center_column()


def _empty_document(view: QPlainTextEdit) -> QTextDocument:
    """What the view shows with no transcript: its placeholder asks for one.
    The view owns it (a view does not own a document it is given otherwise)."""
    document = QTextDocument(view)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    return document
