"""The chapter list inside the Chapters panel: see where you are, click to jump.

``ui.chapter_panel`` builds it once the window has painted (this module and
its item-view classes load only then).

The model is a thin adapter over a plain ``list[Chapter]`` so the list can
be tested without a widget, and so marking the playing chapter (which
happens on every chapter change during playback) repaints two rows, not the
whole list. Rows are not selectable: the only highlight is "playing now",
so a clicked row never competes with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStackedLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.model import Chapter
from reader.timecode import HOUR_MS, EpisodeClock
from reader.timemap import TimeMap
from ui.qt_types import ModelIndex
from ui.theme import Theme, theme_for

StartMsRole = Qt.ItemDataRole.UserRole + 1  # int: the chapter's start in ms
ClockRole = Qt.ItemDataRole.UserRole + 2  # str: the start as shown, e.g. "12:34"
CurrentRole = Qt.ItemDataRole.UserRole + 3  # bool: this is the playing chapter

PLACEHOLDER = "No chapters in this transcript"
_PAD_X, _PAD_Y, _ACCENT_W, _GAP = 10, 7, 3, 12
_ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


class ChapterListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chapters: list[Chapter] = []
        self._clocks: list[str] = []
        self._clock = EpisodeClock()
        self._heard: TimeMap | None = None
        self._current = -1

    def set_clock(self, clock: EpisodeClock) -> None:
        """Write times as the rest of the window does for this episode."""
        self._clock = clock
        self.set_chapters(self._chapters)

    def set_chapters(self, chapters: Sequence[Chapter]) -> None:
        """Show ``chapters``; nothing is current until :meth:`set_current`."""
        self.beginResetModel()
        self._chapters = list(chapters)
        self._clocks = self._shown_clocks()
        self._current = -1
        self.endResetModel()

    def set_heard_times(self, heard: TimeMap | None) -> None:
        """Show when each chapter is heard through ``heard`` (the open audio's
        map; None: the times as given). Rows keep their place, the current
        chapter and the selection; only the times that changed are repainted."""
        self._heard = heard
        clocks = self._shown_clocks()
        changed = [row for row, (old, new) in enumerate(zip(self._clocks, clocks, strict=True)) if old != new]
        self._clocks = clocks
        for row in changed:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ClockRole, Qt.ItemDataRole.ToolTipRole])

    def _shown_clocks(self) -> list[str]:
        starts = [chapter.start_ms for chapter in self._chapters]
        if self._heard is not None:
            starts = [max(ms, 0) for ms in self._heard.map_many(starts)]
        # One width for every row: with hours on all or none, times line up.
        clock = EpisodeClock(True) if any(ms >= HOUR_MS for ms in starts) else self._clock
        return [clock.format(ms) for ms in starts]

    def chapter(self, row: int) -> Chapter:
        return self._chapters[row]

    def current(self) -> int:
        return self._current

    def set_current(self, row: int) -> None:
        """Mark the playing chapter (-1 or out of range: none), repainting only
        the rows whose mark changed."""
        row = row if 0 <= row < len(self._chapters) else -1
        if row == self._current:
            return
        old, self._current = self._current, row
        for changed in (old, row):
            if changed >= 0:
                index = self.index(changed)
                self.dataChanged.emit(index, index, [CurrentRole, Qt.ItemDataRole.FontRole])

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._chapters)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._chapters):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._chapters[row].title
        if role == StartMsRole:
            return self._chapters[row].start_ms
        if role == ClockRole:
            return self._clocks[row]
        if role == CurrentRole:
            return row == self._current
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Play from {self._clocks[row]}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            playing = ", playing" if row == self._current else ""
            return f"{self._clocks[row]}, {self._chapters[row].title}{playing}"
        if role == Qt.ItemDataRole.FontRole and row == self._current:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class ChapterDelegate(QStyledItemDelegate):
    """Title on the left (bold when playing), start time right-aligned and muted,
    and an accent bar plus a tint on the playing row."""

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802 (Qt API)
        return QSize(120, option.fontMetrics.height() + 2 * _PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        theme, rect = self._theme, option.rect
        current = bool(index.data(CurrentRole))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if current:
            painter.fillRect(rect, QColor(theme.current_turn))
            painter.fillRect(QRect(rect.left(), rect.top(), _ACCENT_W, rect.height()), QColor(theme.reading_cursor))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, _tint(theme.ink, 14))
        if option.state & QStyle.StateFlag.State_HasFocus and option.state & QStyle.StateFlag.State_KeyboardFocusChange:
            painter.setPen(_tint(theme.ink, 90))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        inner = rect.adjusted(_PAD_X, 0, -_PAD_X, 0)
        clock = index.data(ClockRole)
        painter.setFont(option.font)
        clock_width = option.fontMetrics.horizontalAdvance(clock)
        painter.setPen(QColor(theme.muted))
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, clock)
        font = QFont(option.font)
        font.setBold(current)
        painter.setFont(font)
        painter.setPen(QColor(theme.ink))
        title_rect = inner.adjusted(0, 0, -(clock_width + _GAP), 0)
        title = painter.fontMetrics().elidedText(index.data(), Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.restore()


def _tint(colour: str, alpha: int) -> QColor:
    tinted = QColor(colour)
    tinted.setAlpha(alpha)
    return tinted


class _ChapterListView(QListView):
    """Enter, Return and Space jump to the focused chapter. Handled here rather
    than through ``activated``, which some styles also emit on a single click
    and every style emits on a double click, so one click would seek twice."""

    key_activated = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in _ACTIVATE_KEYS and self.currentIndex().isValid():
            self.key_activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class ChapterList(QWidget):
    seek_requested = Signal(int)  # the chapter's start in ms

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme = theme or theme_for(self.palette())
        self.model = ChapterListModel(self)
        self.view = _ChapterListView(self)
        self.view.setModel(self.model)
        self.delegate = ChapterDelegate(theme, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setUniformItemSizes(True)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setViewportMargins(0, 4, 0, 4)
        self.view.setMouseTracking(True)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.view.setAccessibleName("Chapters")
        self.view.clicked.connect(self._seek_to)
        self.view.key_activated.connect(self._seek_to)
        self.placeholder = QLabel(PLACEHOLDER, self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._paint_with(theme)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.placeholder)
        self.model.modelReset.connect(self._show_list_or_placeholder)
        self._show_list_or_placeholder()

    def set_chapters(self, chapters: Sequence[Chapter]) -> None:
        self.model.set_chapters(chapters)
        self.view.scrollToTop()

    def set_clock(self, clock: EpisodeClock) -> None:
        self.model.set_clock(clock)

    def set_heard_times(self, heard: TimeMap | None) -> None:
        self.model.set_heard_times(heard)

    def chapters(self) -> list[Chapter]:
        """The chapters listed, in transcript time."""
        return [self.model.chapter(row) for row in range(self.model.rowCount())]

    def set_current_chapter(self, index: int) -> None:
        """Mark the playing chapter; scroll only when it is out of sight, so a
        reader browsing the list is not pulled back on every chapter change."""
        self.model.set_current(index)
        row = self.model.current()
        if row < 0:
            return
        model_index = self.model.index(row)
        if not self.view.viewport().rect().contains(self.view.visualRect(model_index)):
            self.view.scrollTo(model_index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _seek_to(self, index: QModelIndex) -> None:
        if index.isValid():
            self.seek_requested.emit(index.data(StartMsRole))

    def _show_list_or_placeholder(self) -> None:
        self._stack.setCurrentWidget(self.view if self.model.rowCount() else self.placeholder)

    def set_theme(self, theme: Theme) -> None:
        """View → Theme: redraw in the other colours."""
        self.delegate.set_theme(theme)
        self._paint_with(theme)
        self.view.viewport().update()

    def _paint_with(self, theme: Theme) -> None:
        self.view.setStyleSheet(f"QListView {{ background: {theme.paper}; }}")
        self.placeholder.setStyleSheet(f"QLabel {{ background: {theme.paper}; color: {theme.muted}; padding: 12px; }}")
