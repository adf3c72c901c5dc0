"""Search the library (Ctrl+Shift+F): every episode ever opened, its quotes and notes.

The dialog is given a ``search`` callable (``LibrarySearch.search``, usually
with ``prefix_last=True``) rather than a store, so it can be tried with any
list of hits. It answers with ``open_requested(episode_id, turn, start_ms,
heard)`` and closes; the main window opens the episode and goes to the turn
(``heard``: ``start_ms`` is the audio's time, see ``SearchHit.heard``).

Snippets arrive with matches between ``reader.search.MARK_START`` and
``MARK_END``. Transcript text is shown literally: :func:`snippet_html` escapes
it first and only then turns the marks into ``<b>``, so markup in a
transcript can never render.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.search import MARK_END, MARK_START, RESULTS_SHOWN, SearchError, SearchHit
from reader.timecode import format_clock
from ui.plain_text import plain_label
from ui.qt_types import ModelIndex

HtmlRole = Qt.ItemDataRole.UserRole + 1  # str: the row as rich text, every piece of text escaped
HitRole = Qt.ItemDataRole.UserRole + 2  # SearchHit
DEBOUNCE_MS = 200
RESULTS_BATCH = 6  # rows measured per turn of the event loop
KIND_LABELS = {"turn": "", "highlight": "Highlight", "note": "Note", "bookmark": "Bookmark note"}
Search = Callable[[str], list[SearchHit]]


def snippet_html(snippet: str) -> str:
    """The snippet escaped, then its marks made bold. An unclosed mark is closed
    and a stray end mark dropped, so the HTML is always well formed."""
    parts, bold = [], False
    for char_run in _split_marks(html.escape(snippet, quote=False)):
        if char_run in (MARK_START, MARK_END):
            opening = char_run == MARK_START
            if opening != bold:
                parts.append("<b>" if opening else "</b>")
                bold = opening
        else:
            parts.append(char_run)
    if bold:
        parts.append("</b>")
    return "".join(parts)


def _split_marks(text: str) -> list[str]:
    runs, start = [], 0
    for index, char in enumerate(text):
        if char in (MARK_START, MARK_END):
            runs += [text[start:index], char]
            start = index + 1
    runs.append(text[start:])
    return [run for run in runs if run]


def hit_html(hit: SearchHit) -> str:
    """Two lines: where (title, speaker, time, what kind of hit), then the snippet."""
    where = [f"<b>{html.escape(hit.title, quote=False)}</b>"]
    if hit.speaker:
        where.append(html.escape(hit.speaker, quote=False))
    where.append(format_clock(hit.start_ms))
    if KIND_LABELS.get(hit.kind):
        where.append(KIND_LABELS[hit.kind])
    return f"{' · '.join(where)}<br>{snippet_html(hit.snippet)}"


def hit_text(hit: SearchHit) -> str:
    """The row as plain text, for screen readers and copying."""
    snippet = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return f"{hit.title}, {hit.speaker or 'no speaker'}, {format_clock(hit.start_ms)}: {snippet}"


class SearchResultsModel(QAbstractListModel):
    """A thin list over ``list[SearchHit]``; rich text is built once per search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._html: list[str] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._html = [hit_html(hit) for hit in self._hits]
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        if role == HtmlRole:
            return self._html[index.row()]
        if role == HitRole:
            return self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(self._hits[index.row()])
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Draws :data:`HtmlRole` with a QTextDocument, wrapped to the row's width;
    measuring and painting share :meth:`_document`, so what is measured is drawn.
    Laid-out documents are kept (by text, width and font): a list of fifty hits
    is measured and painted many times, and laying each out anew held the
    window for a few hundred ms on a busy machine."""

    _KEEP = 256

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[str, int, str], QTextDocument] = {}

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex, width: int) -> QTextDocument:
        html_text, width = index.data(HtmlRole) or "", max(width, 50)
        key = (html_text, width, option.font.key())
        document = self._laid_out.get(key)
        if document is None:
            if len(self._laid_out) >= self._KEEP:
                self._laid_out.clear()
            document = QTextDocument()
            document.setDefaultFont(option.font)
            document.setDocumentMargin(4)
            document.setHtml(html_text)
            document.setTextWidth(width)
            self._laid_out[key] = document
        return document

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        return view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802 (Qt API)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        document = self._document(opt, index, self._width(opt))
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws the background and selection; the document draws the text
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = self._document(opt, index, opt.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()


class LibrarySearchDialog(QDialog):
    open_requested = Signal(int, object, int, bool)  # episode id, turn index or None, start_ms, SearchHit.heard
    _found = Signal(int, str, object)  # generation, query, hits or a SearchError (from the worker)

    def __init__(
        self,
        search: Search,
        parent: QWidget | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        *,
        in_background: bool = False,
    ) -> None:
        """``in_background``: run each search on a worker thread (the window's
        way: a common word over a large library takes a few hundred ms), showing
        the newest query's hits when they arrive."""
        super().__init__(parent)
        self.setWindowTitle("Search Library")
        self._search = search
        self._pool = None
        if in_background:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-search")
            self.finished.connect(lambda _result: self._pool.shutdown(wait=False, cancel_futures=True))
        self._generation = 0
        self._found.connect(self._show_hits)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Search every episode: words, "a phrase", regul*')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search the library")
        self.model = SearchResultsModel(self)
        self.results = self._make_list()
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # error sentences quote the user's text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter opens a result, never closes the dialog
        buttons.rejected.connect(self.reject)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.results.activated.connect(self._open)  # Enter, and double-click on most styles
        layout = QVBoxLayout(self)
        for widget in (self.field, self.results, self.status, buttons):
            layout.addWidget(widget, 1 if widget is self.results else 0)
        self.resize(720, 480)

    def _make_list(self) -> QListView:
        results = QListView(self)
        results.setModel(self.model)
        results.setItemDelegate(RichTextDelegate(results))
        results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        results.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap when the dialog is resized
        # Rows wrap to the list's width; a long unbroken word is cut at the edge
        # rather than giving every row a sideways scroll bar.
        results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Each row is measured by laying out its rich text (a millisecond or two
        # on a busy machine): fifty at once held the window for 50 to 150 ms, so
        # rows are laid out a few at a time between the window's other events.
        results.setLayoutMode(QListView.LayoutMode.Batched)
        results.setBatchSize(RESULTS_BATCH)
        results.setAlternatingRowColors(True)
        results.setAccessibleName("Results")
        return results

    # -- searching -----------------------------------------------------------------

    def run_search(self) -> None:
        """Search for the field's text now (the debounce timer calls this)."""
        self.timer.stop()
        query = self.field.text()
        self._generation += 1
        generation = self._generation
        if self._pool is None or not query.strip():
            self._show_hits(generation, query, self._hits_for(query))
            return
        self.status.setText("Searching…")
        self._pool.submit(lambda: self._found.emit(generation, query, self._hits_for(query)))

    def _hits_for(self, query: str):
        try:
            return self._search(query) if query.strip() else []
        except SearchError as error:
            return error

    def _show_hits(self, generation: int, query: str, hits) -> None:
        if generation != self._generation:
            return  # a newer query was typed meanwhile
        if isinstance(hits, SearchError):
            self.model.set_hits([])
            self.status.setText(str(hits))
            return
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        self.status.setText(self._count_text(query, len(hits)))

    @staticmethod
    def _count_text(query: str, count: int) -> str:
        if not query.strip():
            return ""
        if count == 0:
            return "No results"
        if count >= RESULTS_SHOWN:  # a search stops there: "50 results" would claim that is all
            return f"The first {count} results are shown; add a word to narrow the search."
        return f"{count} result{'s' if count != 1 else ''}"

    # -- opening ---------------------------------------------------------------------

    def _on_return(self) -> None:
        """Enter in the field: search at once if typing is still pending, then open
        the selected (first) result."""
        if self.timer.isActive():
            self.run_search()
        self._open(self.results.currentIndex())

    def _open(self, index: ModelIndex) -> None:
        if not index.isValid():
            return
        hit = index.data(HitRole)
        self.open_requested.emit(hit.episode_id, hit.turn, hit.start_ms, hit.heard)
        self.accept()

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 (Qt API)
        """Up and Down in the field move through the results, as in a browser's search."""
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentIndex().row() + step, 0), self.model.rowCount() - 1)
                self.results.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(watched, event)
