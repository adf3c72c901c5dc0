"""The list of what the reader kept in this episode: highlights and bookmarks.

Widgets here never touch storage. The panel is given plain values
(:meth:`HighlightsPanel.set_items`) and asks for changes with signals; the
controller (``ui.keeping``) saves them and hands the new values back. A note
edited in place is the one exception to "shown only once saved": the row
shows it at once, because the controller saves notes without redrawing the
list, and a row snapping back to the old note while it saves would look lost.

The model is a thin adapter over plain values so it can be tested without a
widget; painting lives in ``ui.highlight_delegate``.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import QLabel, QMenu, QStackedLayout, QVBoxLayout, QWidget

from reader.keep import COLOURS, Bookmark, Highlight
from reader.timecode import HOUR_MS, EpisodeClock
from ui.deferred_contents import DeferredContents
from ui.kept_roles import (
    BOOKMARK,
    HIGHLIGHT,
    ClockRole,
    ColourRole,
    DetachedRole,
    IdRole,
    KindRole,
    NoteRole,
    SpeakersRole,
    StartMsRole,
)
from ui.plain_text import plain_label
from ui.qt_types import ModelIndex
from ui.theme import HIGHLIGHT_COLOURS, Theme, highlight_colour, theme_for

TYPE_CHECKING = False  # the list and its delegate (ui.kept_list) load once the window has painted
if TYPE_CHECKING:
    from ui.highlight_delegate import HighlightDelegate
    from ui.kept_list import KeptItemsView

__all__ = [
    "BOOKMARK",
    "DETACHED_TOOLTIP",
    "HIGHLIGHT",
    "HIGHLIGHT_COLOURS",
    "PLACEHOLDER",
    "ClockRole",
    "ColourRole",
    "DetachedRole",
    "HighlightsPanel",
    "IdRole",
    "KeptItemsModel",
    "KindRole",
    "NoteRole",
    "SpeakersRole",
    "StartMsRole",
    "count_text",
]

PLACEHOLDER = "Select text and press H to highlight it. Press B to bookmark the moment you are hearing."
DETACHED_TOOLTIP = "The transcript changed and this quote could not be found again; it is kept here with its note."
_TOOLTIP_QUOTE_CHARS = 600
SpeakerName = Callable[[str | None], str | None]
Key = tuple[str, int]  # (kind, id): ids of highlights and bookmarks overlap


#: Made once: the list asks every row for its flags on every layout, and
#: combining Qt's Python enums costs microseconds each time.
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemNeverHasChildren
)


class _Row(namedtuple("_Row", "kind item start_ms speakers")):
    """One row: the kept value and what is derived from it once per refresh."""

    __slots__ = ()

    @property
    def key(self) -> Key:
        return self.kind, self.item.id

    @property
    def detached(self) -> bool:
        return self.kind == HIGHLIGHT and bool(self.item.detached)


def _renamed_speakers(speakers: Sequence[str], speaker_name: SpeakerName) -> str:
    """Renames can make two transcript names one person: show that name once."""
    names: list[str] = []
    for speaker in speakers:
        name = speaker_name(speaker)
        if name and name not in names:
            names.append(name)
    return " & ".join(names)


def _ordered_rows(
    highlights: Sequence[Highlight], bookmarks: Sequence[Bookmark], speaker_name: SpeakerName
) -> list[_Row]:
    """Placed highlights and bookmarks in time order, then the detached highlights.

    Many transcripts time only whole turns, so highlights in one turn share a
    start time; their place in the text breaks the tie. At the same time a
    highlight comes before a bookmark: the words start the moment.
    """
    placed: list[tuple[tuple, _Row]] = []
    detached: list[tuple[tuple, _Row]] = []
    for h in highlights:
        row = _Row(HIGHLIGHT, h, h.anchor.start_ms, _renamed_speakers(h.speakers or (), speaker_name))
        (detached if h.detached else placed).append(
            ((h.anchor.start_ms, 0, h.anchor.start_turn, h.anchor.start_offset, h.id), row)
        )
    for b in bookmarks:
        placed.append(((b.ms, 1, 0, 0, b.id), _Row(BOOKMARK, b, b.ms, "")))
    by_key = lambda pair: pair[0]  # noqa: E731
    return [row for _key, row in sorted(placed, key=by_key)] + [row for _key, row in sorted(detached, key=by_key)]


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def count_text(highlights: int, bookmarks: int, detached: int = 0) -> str:
    """ "12 highlights (1 detached) · 3 bookmarks"; parts that are zero are left out."""
    parts = []
    if highlights:
        parts.append(f"{highlights} highlight{'s' if highlights != 1 else ''}")
        if detached:
            parts[-1] += f" ({detached} detached)"
    if bookmarks:
        parts.append(f"{bookmarks} bookmark{'s' if bookmarks != 1 else ''}")
    return " · ".join(parts)


class KeptItemsModel(QAbstractListModel):
    note_edited = Signal(str, int, str)  # kind, id, the new note (already stripped)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._clocks: list[str] = []
        #: How the episode writes times; the window sets it when an episode opens.
        self.clock = EpisodeClock()
        #: When an item is heard in the open audio (see :meth:`set_heard_times`).
        self._heard_ms: Callable[[Highlight | Bookmark], int] | None = None

    # -- plain values in ----------------------------------------------------------

    def set_items(
        self, highlights: Sequence[Highlight], bookmarks: Sequence[Bookmark], speaker_name: SpeakerName | None = None
    ) -> None:
        """Show these items. When the rows are the same items in the same order
        (a colour or a rename changed) only the rows that changed are reported,
        so the view keeps its selection, scroll position and any open note
        editor; otherwise the model is reset."""
        rows = _ordered_rows(highlights, bookmarks, speaker_name or (lambda name: name))
        clocks = self._shown_clocks(rows)
        if [row.key for row in rows] == [row.key for row in self._rows]:
            changed = [n for n in range(len(rows)) if (rows[n], clocks[n]) != (self._rows[n], self._clocks[n])]
            self._rows, self._clocks = rows, clocks
            for first, last in _runs(changed):
                self.dataChanged.emit(self.index(first), self.index(last))
            return
        self.beginResetModel()
        self._rows, self._clocks = rows, clocks
        self.endResetModel()

    def set_heard_times(self, heard_ms: Callable[[Highlight | Bookmark], int] | None) -> None:
        """Show each item's time as heard in the open audio, ``heard_ms(item)``
        (None: the time it recorded). Only the times are repainted: the rows,
        the selection and a note being typed stay as they are."""
        self._heard_ms = heard_ms
        clocks = self._shown_clocks(self._rows)
        changed = [n for n in range(len(clocks)) if clocks[n] != self._clocks[n]]
        self._clocks = clocks
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first), self.index(last))

    def _shown_clocks(self, rows: Sequence[_Row]) -> list[str]:
        heard_ms = self._heard_ms
        starts = [row.start_ms for row in rows] if heard_ms is None else [heard_ms(row.item) for row in rows]
        # One width for every row: with hours on all or none, times line up.
        clock = EpisodeClock(True) if any(ms >= HOUR_MS for ms in starts) else self.clock
        return [clock.format(ms) for ms in starts]

    def key(self, row: int) -> Key:
        return self._rows[row].key

    def item(self, row: int) -> Highlight | Bookmark:
        return self._rows[row].item

    def row_of(self, kind: str, item_id: int) -> int:
        """The row showing (kind, item_id), or -1."""
        return next((number for number, row in enumerate(self._rows) if row.key == (kind, item_id)), -1)

    def counts(self) -> tuple[int, int, int]:
        """(highlights, bookmarks, detached highlights)."""
        highlights = sum(row.kind == HIGHLIGHT for row in self._rows)
        return highlights, len(self._rows) - highlights, sum(row.detached for row in self._rows)

    # -- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, clock = self._rows[index.row()], self._clocks[index.row()]
        item = row.item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.anchor.quote if row.kind == HIGHLIGHT else (item.note or "Bookmark")
        if role in (Qt.ItemDataRole.EditRole, NoteRole):
            return item.note or ""
        if role == KindRole:
            return row.kind
        if role == IdRole:
            return item.id
        if role == StartMsRole:
            return row.start_ms
        if role == ClockRole:
            return clock
        if role == ColourRole:
            return item.colour if row.kind == HIGHLIGHT else None
        if role == SpeakersRole:
            return row.speakers
        if role == DetachedRole:
            return row.detached
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, clock)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _accessible_text(row, clock)
        return None

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        """Edit a note: show it in the row and ask for it to be saved. Nothing is
        written here; ``note_edited`` goes to the controller, which saves it."""
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, str) or not index.isValid():
            return False
        number, text = index.row(), value.strip()
        row = self._rows[number]
        if text == (row.item.note or ""):
            return True  # closing the editor without a change is not an edit
        self._rows[number] = row._replace(item=row.item._replace(note=text))
        self.dataChanged.emit(index, index)
        self.note_edited.emit(row.kind, row.item.id, text)
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


def _tooltip(row: _Row, clock: str) -> str:
    """The whole quote (the row shows three lines) and the whole note; rich text so Qt wraps it."""
    import html  # loaded with the first tooltip, not with the window

    parts = []
    if row.detached:
        parts.append(f"<p><b>{html.escape(DETACHED_TOOLTIP)}</b></p>")
    if row.kind == HIGHLIGHT:
        quote = row.item.anchor.quote
        if len(quote) > _TOOLTIP_QUOTE_CHARS:
            quote = quote[:_TOOLTIP_QUOTE_CHARS].rstrip() + "…"
        parts.append(f"<p>{html.escape(quote)}</p>")
    else:
        parts.append(f"<p>Bookmark at {clock}</p>")
    if row.item.note:
        parts.append(f"<p><i>{html.escape(row.item.note)}</i></p>".replace("\n", "<br>"))
    return "".join(parts)


def _accessible_text(row: _Row, clock: str) -> str:
    if row.kind == BOOKMARK:
        text = f"Bookmark at {clock}"
    else:
        who = f", {row.speakers}" if row.speakers else ""
        text = f"Highlight at {clock}{who}: {row.item.anchor.quote}"
        if row.detached:
            text += " (detached)"
    return f"{text}. Note: {row.item.note}" if row.item.note else text


def swatch_icon(colour: QColor, size: int = 14) -> QIcon:
    """A rounded square of the highlight colour for the context menu."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 70))
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


#: Narrowest the panel gets.
MIN_WIDTH = 200


class HighlightsPanel(QWidget):
    item_activated = Signal(str, int, int)  # kind, id, start_ms: show it and play from there
    note_edited = Signal(str, int, str)  # kind, id, text: save this note
    colour_changed = Signal(int, str)  # highlight id, colour name
    delete_requested = Signal(str, int)  # kind, id
    copy_requested = Signal(str, int)  # kind, id: copy the quote (or a bookmark's note)
    play_requested = Signal(str, int)  # kind, id: play just that span, then stop
    clip_requested = Signal(str, int)  # kind, id: save its audio as a clip

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme = theme or theme_for(self.palette())
        self.setMinimumWidth(MIN_WIDTH)  # three lines of a quote stay readable; a saved narrower dock grows back
        self._kept_state: tuple[Key | None, int, tuple[Key, str] | None] = (None, 0, None)
        self.model = KeptItemsModel(self)
        self.model.note_edited.connect(self.note_edited)
        self.header = plain_label(self)
        self.header.setAccessibleName("Highlight count")
        self.placeholder = QLabel(PLACEHOLDER, self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._stack = QStackedLayout(self)
        list_host = QWidget(self)
        self._list_page = self._page(self.header, list_host)
        #: The list and its delegate: built just after the window's first paint, or when first used.
        self._list = DeferredContents(list_host, self._make_view)
        self._delegate: HighlightDelegate | None = None
        self._paint_with(theme)
        self._stack.addWidget(self._list_page)
        self._stack.addWidget(self.placeholder)
        self._refresh_header()

    def _make_view(self) -> KeptItemsView:
        from ui.highlight_delegate import HighlightDelegate
        from ui.kept_list import KeptItemsView

        view = KeptItemsView(self.model)
        self._delegate = HighlightDelegate(self._theme, view)
        view.setItemDelegate(self._delegate)
        view.setStyleSheet(_list_style(self._theme))
        view.customContextMenuRequested.connect(self._show_context_menu)
        view.clicked.connect(self._activate)
        view.space_pressed.connect(self._activate)
        view.delete_pressed.connect(self._request_delete)
        view.selectionModel().selectionChanged.connect(self._resize_rows)
        # After the view's own handling of a reset (which clears its selection and editor):
        self.model.modelAboutToBeReset.connect(self._remember_place)
        self.model.modelReset.connect(self._restore_place)
        return view

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._list.build_after_paint(painted=self)  # the list's own page is hidden while there is nothing to list

    # The list's parts (built on first use).
    @property
    def view(self) -> KeptItemsView:
        return self._list.get()

    @property
    def delegate(self) -> HighlightDelegate:
        self._list.get()
        assert self._delegate is not None  # made with the list
        return self._delegate

    def _page(self, *widgets: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in widgets:
            layout.addWidget(widget)
        return page

    def set_theme(self, theme: Theme) -> None:
        """View → Theme: redraw in the other colours, keeping everything else."""
        self._theme = theme
        if self._list.ready:
            self.delegate.set_theme(theme)
        self._paint_with(theme)
        self.model.layoutChanged.emit()

    def _paint_with(self, theme: Theme) -> None:
        if self._list.ready:
            self.view.setStyleSheet(_list_style(theme))
        self.header.setStyleSheet(
            f"QLabel {{ background: {theme.paper}; color: {theme.muted}; padding: 6px 10px 4px 10px; }}"
        )
        self.placeholder.setStyleSheet(f"QLabel {{ background: {theme.paper}; color: {theme.muted}; padding: 16px; }}")

    # -- public ------------------------------------------------------------------

    def set_items(
        self, highlights: Sequence[Highlight], bookmarks: Sequence[Bookmark], speaker_name: SpeakerName | None = None
    ) -> None:
        """List these items; the selection, scroll position and a note being
        typed survive a refresh (see :meth:`KeptItemsModel.set_items`)."""
        self.model.set_items(highlights, bookmarks, speaker_name)
        self._refresh_header()

    def select_item(self, kind: str, item_id: int) -> bool:
        """Select and show the row, without asking to jump there. False if absent."""
        row = self.model.row_of(kind, item_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.view.setCurrentIndex(index)  # also commits a note being edited on another row
        self.view.scrollTo(index)
        return True

    def selected_item(self) -> Key | None:
        if not self._list.ready:
            return None  # nothing was ever selected
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.key(index.row())

    def edit_note(self, kind: str, item_id: int) -> bool:
        """Open the note editor on the row (N after H or B). False if absent."""
        if not self.select_item(kind, item_id):
            return False
        index = self.view.currentIndex()
        editor = self.delegate.editor()
        if editor is not None and self.delegate.is_editing(index):
            editor.setFocus()
            return True
        self.view.edit(index)  # the public slot returns nothing: ask the delegate
        self.view.scrollTo(index)  # the row grew to hold the editor
        return self.delegate.is_editing(index)

    def save_note_being_typed(self) -> None:
        """Hand in a note still open in its editor (which stays open), before
        something takes its row away with the draft: the window closing,
        another episode opening, an item deleted or brought back."""
        if not self._list.ready:
            return  # no list yet, so no editor
        editor, index = self.delegate.editor(), self.delegate.editing_index()
        if editor is not None and index.isValid():
            self.model.setData(index, editor.toPlainText())

    def context_actions(
        self, index: QModelIndex, parent: QObject | None = None, edit_note: Callable[[], object] | None = None
    ) -> list[QAction]:
        """The row's menu, as actions (separators included), parented to
        ``parent`` (the menu) so they go when it goes. The transcript's menu
        offers the same actions, with ``edit_note`` showing the panel first."""
        if not index.isValid():
            return []
        parent = parent or self
        kind, item_id = self.model.key(index.row())
        persistent = QPersistentModelIndex(index)
        edit_note = edit_note or (lambda: self._edit_index(persistent))
        actions = [_action("Edit Note", parent, edit_note, QKeySequence(Qt.Key.Key_F2))]
        if kind == HIGHLIGHT:
            actions += [_separator(parent), *self._colour_actions(item_id, index.data(ColourRole), parent)]
        actions.append(_separator(parent))
        if kind == HIGHLIGHT:
            actions.append(_action("Play Highlight", parent, partial(self.play_requested.emit, kind, item_id)))
        actions.append(_action("Export Clip…", parent, partial(self.clip_requested.emit, kind, item_id)))
        actions.append(_separator(parent))
        if kind == HIGHLIGHT:
            actions.append(_action("Copy Quote", parent, partial(self.copy_requested.emit, kind, item_id)))
        else:
            copy = _action("Copy Note", parent, partial(self.copy_requested.emit, kind, item_id))
            copy.setEnabled(bool(index.data(NoteRole)))
            actions.append(copy)
        actions.append(
            _action(
                "Delete",
                parent,
                partial(self.delete_requested.emit, kind, item_id),
                QKeySequence(QKeySequence.StandardKey.Delete),
            )
        )
        return actions

    def _colour_actions(self, item_id: int, current: str | None, parent: QObject) -> list[QAction]:
        group = QActionGroup(parent)
        group.setExclusive(True)
        actions = []
        for name in COLOURS:
            action = _action(name.capitalize(), parent, partial(self._change_colour, item_id, current, name))
            action.setIcon(swatch_icon(highlight_colour(name, self._theme.dark)))
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setData(name)
            group.addAction(action)
            actions.append(action)
        return actions

    # -- behaviour ---------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_activated.emit(index.data(KindRole), index.data(IdRole), index.data(StartMsRole))

    def _request_delete(self, index: QModelIndex) -> None:
        if index.isValid():
            self.delete_requested.emit(index.data(KindRole), index.data(IdRole))

    def _change_colour(self, item_id: int, current: str | None, colour: str) -> None:
        if colour != current:
            self.colour_changed.emit(item_id, colour)

    def _resize_rows(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """A selected row without a note grows a line for the "Add a note…" hint."""
        for index in selected.indexes() + deselected.indexes():
            self.delegate.sizeHintChanged.emit(index)

    def _edit_index(self, index: QPersistentModelIndex) -> None:
        if index.isValid():
            self.edit_note(*self.model.key(index.row()))

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():  # the Menu key, or a click below the last row: the current row
            index = self.view.currentIndex()
            if not index.isValid():
                return
            pos = self.view.visualRect(index).center()
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(self.context_actions(index, menu))
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- refreshing -----------------------------------------------------------------

    def _remember_place(self) -> None:
        """Before a reset: the selected item, the scroll offset, a note being typed."""
        selected = self.selected_item()
        draft = None
        editor, index = self.delegate.editor(), self.delegate.editing_index()
        if editor is not None and index.isValid():
            draft = (self.model.key(index.row()), editor.toPlainText())
        self._kept_state = (selected, self.view.verticalScrollBar().value(), draft)

    def _restore_place(self) -> None:
        selected, scroll, draft = self._kept_state
        self._kept_state = (None, 0, None)
        self.view.doItemsLayout()  # so the scroll range is known now, not after the next paint
        if selected is not None and self.model.row_of(*selected) >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.row_of(*selected)))
        self.view.verticalScrollBar().setValue(scroll)
        if draft is not None and self.model.row_of(*draft[0]) >= 0 and self.edit_note(*draft[0]):
            editor = self.delegate.editor()
            assert editor is not None  # edit_note just opened it
            editor.setPlainText(draft[1])
            editor.document().setModified(True)  # typed by the reader: row updates must not replace it
        self._refresh_header()

    def _refresh_header(self) -> None:
        highlights, bookmarks, detached = self.model.counts()
        self.header.setText(count_text(highlights, bookmarks, detached))
        self._stack.setCurrentWidget(self._list_page if highlights + bookmarks else self.placeholder)


def _list_style(theme: Theme) -> str:
    return f"QListView {{ background: {theme.paper}; }}"


def _action(text: str, parent: QObject, slot: Callable[[], object], shortcut: QKeySequence | None = None) -> QAction:
    """An action whose slot ignores ``checked``: the item it acts on is bound in."""
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        action.setShortcut(shortcut)  # shown in the menu as a hint; the list handles the key itself
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    return action


def _separator(parent: QObject) -> QAction:
    separator = QAction(parent)
    separator.setSeparator(True)
    return separator
