"""Find in transcript (Ctrl+F): a slim bar that marks every match in the view.

Matching itself lives in :mod:`ui.find_text` (no Qt); this bar only turns
matches into marks and scrolls. Typing is debounced, so a fast typist does
not pay for a search per key on a 10-hour transcript. Searching pauses
follow-playback, because a reader looking something up must not be dragged
back to the spoken text; closing the bar leaves the view where the reader
is, and "Back to playback" stays the way back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from reader.model import Transcript
from ui.deferred_contents import DeferredContents, part
from ui.plain_text import plain_label
from ui.transcript_document import TranscriptDocument
from ui.transcript_view import FOLLOW_BAND, TranscriptView

TYPE_CHECKING = False  # the matching (ui.find_text) loads with the first search
if TYPE_CHECKING:
    from ui.find_text import Matches, SearchIndex

DEBOUNCE_MS = 150
#: Matches marked at once, around what is on screen; the count still says how many there are.
MAX_MARKS = 600
#: After scrolling stops for this long, the matches at the new place are marked.
REMARK_MS = 80
#: A selection longer than this (or over several lines) is not offered as the query.
PREFILL_CHARS = 80
WRAPPED_TIP = "No match below the top of the view: the search went on from the start."
_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3, Qt.Key.Key_Escape}


class FindFields(QWidget):
    """The bar's field, buttons and count: made when the bar first opens, as
    most sessions never search and the window's first paint need not wait."""

    def __init__(self, find_previous, find_next, close, parent: QWidget) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self, placeholderText="Find in transcript", clearButtonEnabled=True)
        self.field.setFixedWidth(300)
        self.count = plain_label(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("9,999 of 99,999") + 8)
        self.previous_button = self._button("Previous match (Shift+Enter)", find_previous, Qt.ArrowType.UpArrow)
        self.next_button = self._button("Next match (Enter)", find_next, Qt.ArrowType.DownArrow)
        self.close_button = self._button("Close (Esc)", close)
        self.close_button.setText("\u2715")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 8, 5)
        layout.setSpacing(2)
        for widget in (self.field, self.previous_button, self.next_button, self.count):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)

    def _button(self, tooltip: str, slot, arrow: Qt.ArrowType = Qt.ArrowType.NoArrow) -> QToolButton:
        """Buttons never take the focus, so Enter keeps stepping after a click."""
        button = QToolButton(self, autoRaise=True, arrowType=arrow)
        button.setToolTip(tooltip)
        button.setAccessibleName(tooltip.split(" (")[0])  # arrows have no text for a screen reader
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._index: SearchIndex | None = None
        self._indexed: Transcript | None = None  # what _index was built from (compared by identity)
        self._matches: Matches | None = None
        self._searched_doc: TranscriptDocument | None = None  # the TranscriptDocument the matches were marked in
        self._current = -1
        self._wrapped = False
        self._anchor: tuple[int, int] | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self._marked: tuple[int, int] | None = None  # (first marked match, current) as last drawn
        self._mark_timer = QTimer(self, singleShot=True, interval=REMARK_MS)
        self._mark_timer.timeout.connect(self._mark)
        view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.setObjectName("findBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            "#findBar { border-bottom: 1px solid palette(mid); }"
            " #findCount { color: palette(placeholder-text); padding-left: 6px; }"
        )
        self._contents = DeferredContents(self, self._make_parts)  # the bar is hidden until Ctrl+F
        view.installEventFilter(self)  # Esc and F3 also work with the focus in the text
        self.hide()

    # The parts, made on first use (the bar's own methods and tests reach them by these names).
    field = part("field")
    count = part("count")
    previous_button = part("previous_button")
    next_button = part("next_button")
    close_button = part("close_button")

    def _make_parts(self) -> FindFields:
        parts = FindFields(self.find_previous, self.find_next, self.close_bar, self)
        parts.field.textChanged.connect(self._on_text_changed)
        parts.field.installEventFilter(self)
        return parts

    # -- public ----------------------------------------------------------------

    def open(self, query: str = "") -> None:
        """Show the bar with the field focused and selected, so typing replaces
        the last query. ``query`` (e.g. from a library search), else a short
        selection in the transcript, becomes the query and is searched."""
        prefill = query or self._selection_query()
        self.show()
        if prefill:
            selected = None if query else self._view.selected_span()
            self._anchor = selected[:2] if selected else None  # start at the selection, not above it
            self.field.setText(prefill)
            self._timer.start()  # even when it is the query already there
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide, clear the marks and give the keys back to the text; never scroll."""
        was_open = self.isVisible()
        self._clear()
        self.hide()
        if was_open:
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.closed.emit()

    def reset(self) -> None:
        """A new transcript is shown: drop the folded text and the matches. The
        query stays, and the next Enter or edit searches the new transcript."""
        self._forget_matches()
        self._index = self._indexed = None

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    # -- searching -------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        if text:
            self._timer.start()
        else:
            self._clear()

    def _search(self) -> None:
        self._timer.stop()
        doc = self._view.transcript_document
        query = self.field.text()
        if doc is None or not query:
            return
        self._view.pause_following()
        self._view.finish_building()  # positions for every turn
        anchor = self._anchor or self._current_place()
        self._anchor = None
        self._matches = self._index_for(doc.transcript).find(query)
        self._searched_doc, self._marked = doc, None
        self._current = self._matches.first_from(*anchor)
        self._wrapped = 0 < len(self._matches) == self._matches.count_before(*anchor)
        self._show_current()

    def _index_for(self, transcript: Transcript) -> SearchIndex:
        """Fold a transcript once (~80 ms for 10 hours), not once per keystroke."""
        if self._indexed is not transcript:
            from ui.find_text import SearchIndex

            self._index = SearchIndex([turn.text for turn in transcript.turns])
            self._indexed = transcript
        assert self._index is not None
        return self._index

    def _step(self, delta: int) -> None:
        if not self._contents.ready or not self.field.text():
            return
        stale = self._matches is None or self._searched_doc is not self._view.transcript_document
        if self._timer.isActive() or stale:
            self._search()  # Enter before the debounce fired: that search picks the match
            return
        if self._matches:
            self._current = (self._current + delta) % len(self._matches)
            self._wrapped = False
            self._view.pause_following()
            self._show_current()

    def _forget_matches(self) -> None:
        self._timer.stop()
        self._mark_timer.stop()
        self._matches = self._searched_doc = self._marked = None
        self._current = -1
        self._wrapped = False
        if self._contents.ready:  # nothing was ever counted before the bar was first opened
            self.count.setText("")

    def _clear(self) -> None:
        self._forget_matches()
        self._view.set_find_marks([])

    # -- showing ---------------------------------------------------------------

    def _show_current(self) -> None:
        """Count, scroll to the current match if it is out of sight, then mark."""
        matches, doc = self._matches, self._searched_doc
        if matches is None or doc is None:
            return
        total = len(matches)
        count = f"{self._current + 1:,} of {total:,}" if total else "No matches"
        self.count.setText(f"{count}, from the start" if total and self._wrapped else count)
        self.count.setToolTip(WRAPPED_TIP if total and self._wrapped else "")
        if total:
            turn, start, _end = matches[self._current]
            if not self._in_view(doc.map.position_of(turn, start)):
                self._view.show_turn_text(turn, start)
        self._mark()

    def _mark(self) -> None:
        """Mark the matches around what is on screen, not all of them: each mark
        costs the view ~15 µs to set and a little on every playback tick, and
        only the ones on screen are seen. Scrolling marks the new place."""
        self._mark_timer.stop()
        if self._searched_doc is not self._view.transcript_document:
            self._clear()  # another (or a rebuilt) document is shown: these positions are not its
        if not self._matches or self._searched_doc is None:
            self._view.set_find_marks([])
            return
        near = self._matches.count_before(*self._top_place())
        first = max(0, min(near - MAX_MARKS // 6, len(self._matches) - MAX_MARKS))
        if self._marked == (first, self._current):
            return
        self._marked = (first, self._current)
        shown = list(range(first, min(first + MAX_MARKS, len(self._matches))))
        if self._current not in shown:
            shown.append(self._current)
        doc_map = self._searched_doc.map
        spans = [
            (doc_map.position_of(t, s), doc_map.position_of(t, e)) for t, s, e in map(self._matches.__getitem__, shown)
        ]
        self._view.set_find_marks(spans, shown.index(self._current))

    def _on_scrolled(self) -> None:
        if self._matches:
            self._mark_timer.start()

    def _in_view(self, position: int) -> bool:
        """Inside the band the view keeps followed text in (clear of "Back to playback")."""
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(position)
        rect = self._view.cursorRect(cursor)
        height = self._view.viewport().height()
        return FOLLOW_BAND[0] * height <= rect.top() and rect.bottom() <= FOLLOW_BAND[1] * height

    def _top_place(self) -> tuple[int, int]:
        """(turn, offset) of the first text at the top of the view."""
        doc = self._view.transcript_document
        if doc is None:
            return 0, 0
        doc_map = doc.map
        top = doc_map.text_point(self._view.cursorForPosition(QPoint(0, 0)).position(), forward=True)
        return top or (len(doc_map) - 1, 1 << 30)  # below the last text: after everything

    def _current_place(self) -> tuple[int, int]:
        """Where a new search starts: the match already shown if it is still on
        screen (so refining a query stays put), else the top of the view."""
        doc = self._view.transcript_document
        if doc is not None and self._matches and self._current >= 0 and self._searched_doc is doc:
            turn, start, _end = self._matches[self._current]
            if self._in_view(doc.map.position_of(turn, start)):
                return turn, start
        return self._top_place()

    def _selection_query(self) -> str:
        text = self._view.textCursor().selectedText().strip()
        single_line = "\u2029" not in text and "\n" not in text
        return text if single_line and len(text) <= PREFILL_CHARS else ""

    # -- keys ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Enter/Shift+Enter and F3/Shift+F3 step, Esc closes: in the field, and
        in the transcript while the bar is open. ShortcutOverride is accepted so
        a window shortcut on the same key cannot take it first."""
        if not isinstance(event, QKeyEvent) or not self.isVisible():
            return False
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        key = event.key()
        in_view = watched is self._view
        if key not in _KEYS or (in_view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if key == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            self._step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        return True
