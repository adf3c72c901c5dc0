"""The Library: every episode with kept highlights, to reopen one.

The dialog is given ``list[EpisodeSummary]`` and answers with
``open_requested(episode_id)``; the main window reads the store and opens
the file. An episode whose transcript has moved stays listed, greyed, with
its highlights counted, because they are still in the library: the reader
is told where the file was, not that anything was lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QProxyStyle,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.store import EpisodeSummary
from ui.plain_text import plain_label, plain_tooltip
from ui.qt_types import ModelIndex

TITLE, HIGHLIGHTS, LAST_OPENED, FILES = range(4)
HEADERS = ("Title", "Highlights", "Last opened", "Files")

SortRole = Qt.ItemDataRole.UserRole + 1  # the real value to sort by (a timestamp, not "yesterday")
EpisodeIdRole = Qt.ItemDataRole.UserRole + 2  # int
TranscriptExistsRole = Qt.ItemDataRole.UserRole + 3  # bool

FILES_OK, TRANSCRIPT_MISSING, AUDIO_MISSING, NO_AUDIO = "OK", "Transcript missing", "Audio missing", "No audio"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Clock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


def parse_opened(stamp: str | None) -> datetime | None:
    """The store's UTC ISO stamp as a local, aware datetime; None if absent or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.astimezone()  # a naive stamp is taken as local time


def human_opened(moment: datetime | None, now: datetime) -> str:
    """ "today 14:03", "yesterday", "3 Nov 2026": how people say when they last read something."""
    if moment is None:
        return "never"
    day, today = moment.date(), now.date()
    if day == today:
        return f"today {moment:%H:%M}"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def files_status(summary: EpisodeSummary) -> str:
    if not summary.transcript_exists:
        return TRANSCRIPT_MISSING
    if not summary.episode.audio_path:
        return NO_AUDIO
    return FILES_OK if summary.audio_exists else AUDIO_MISSING


def kept_phrase(highlights: int, bookmarks: int) -> str:
    """ "its 4 highlights are kept", "its 1 highlight and 2 bookmarks are kept"; "" when nothing is."""
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((highlights, "highlight"), (bookmarks, "bookmark")) if n
    ]
    if not parts:
        return ""
    verb = "is" if highlights + bookmarks == 1 else "are"
    return f"its {' and '.join(parts)} {verb} kept"


def short_path(path: str, limit: int = 60) -> str:
    """``~`` for the home folder and "…" for middle folders, so a sentence
    naming the file stays readable; the tooltip has the whole path."""
    home = str(Path.home())
    if path == home or path.startswith(home + "/"):
        path = "~" + path[len(home) :]
    parts = path.split("/")
    head, tail = parts[:2], parts[2:]
    while len(path) > limit and len(tail) > 1:
        tail = tail[1:]
        path = "/".join([*head, "…", *tail])
    return path


def missing_sentence(summary: EpisodeSummary) -> str:
    """One sentence for a transcript that is gone, saying its highlights are not."""
    path = short_path(summary.episode.transcript_path) if summary.episode.transcript_path else "The transcript"
    kept = kept_phrase(summary.highlight_count, summary.bookmark_count)
    middle = f" is missing; {kept}." if kept else " is missing."
    return f"{path}{middle} Move it back or open it from its new place."


def episode_title(summary: EpisodeSummary) -> str:
    """The stored title, or the file's name when the transcript had none."""
    episode = summary.episode
    return episode.title or (Path(episode.transcript_path).stem if episode.transcript_path else f"Episode {episode.id}")


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, now: Clock = _local_now) -> None:
        """``now`` is a clock so tests can say what "today" is."""
        super().__init__(parent)
        self._now = now
        self._summaries: list[EpisodeSummary] = []
        self._opened: list[datetime | None] = []
        self._today = now()

    def set_summaries(self, summaries: Sequence[EpisodeSummary]) -> None:
        self.beginResetModel()
        self._summaries = list(summaries)
        self._opened = [parse_opened(summary.episode.last_opened) for summary in self._summaries]
        self._today = self._now()
        self.endResetModel()

    def summary(self, row: int) -> EpisodeSummary:
        return self._summaries[row]

    def row_of(self, episode_id: int) -> int:
        return next((row for row, s in enumerate(self._summaries) if s.episode.id == episode_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._summaries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._summaries):
            return None
        summary, column = self._summaries[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column)
        if role == SortRole:
            return self._sort_value(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(index.row(), column))
        if role == EpisodeIdRole:
            return summary.episode.id
        if role == TranscriptExistsRole:
            return bool(summary.transcript_exists)
        if role == Qt.ItemDataRole.ForegroundRole and not summary.transcript_exists:
            return _greyed()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HIGHLIGHTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: int, column: int) -> str | int:
        summary = self._summaries[row]
        if column == TITLE:
            return episode_title(summary)
        if column == HIGHLIGHTS:
            return summary.highlight_count
        if column == LAST_OPENED:
            return human_opened(self._opened[row], self._today)
        return files_status(summary)

    def _sort_value(self, row: int, column: int) -> str | int | float:
        """Real values: timestamps for dates (never-opened sorts oldest), folded titles."""
        if column == TITLE:
            return episode_title(self._summaries[row]).casefold()
        if column == LAST_OPENED:
            opened = self._opened[row]
            return opened.timestamp() if opened is not None else float("-inf")
        return self._display(row, column)

    def _tooltip(self, row: int, column: int) -> str:
        summary = self._summaries[row]
        episode = summary.episode
        if column == HIGHLIGHTS:
            text = f"{_plural(summary.highlight_count, 'highlight')}, {_plural(summary.bookmark_count, 'bookmark')}"
        elif column == LAST_OPENED:
            opened = self._opened[row]
            text = f"{opened:%A} {opened.day} {opened:%B %Y, %H:%M}" if opened else "Never opened"
        elif column == FILES and summary.transcript_exists and episode.audio_path and not summary.audio_exists:
            text = f"The audio was last seen at {episode.audio_path}"
        elif column == FILES and summary.transcript_exists and not episode.audio_path:
            text = "No audio file has been opened with this transcript"
        else:
            text = episode.transcript_path or ""
        if not summary.transcript_exists:
            return f"Transcript missing; last seen at {episode.transcript_path}" + (
                f"\n{text}" if column == HIGHLIGHTS else ""
            )
        return text

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _greyed() -> QColor:
    """The text colour, faded: clearly set apart, still readable (the disabled
    colour of some styles is too faint to read a title in)."""
    colour = QGuiApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    colour.setAlpha(135)
    return colour


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


class SortArrowStyle(QProxyStyle):
    """Sort arrows that point the way the list runs: ▼ for newest or Z first.

    Qt hands styles "SortUp" for a descending column (the arrow names where
    the largest value is), so most styles draw ▲ over a newest-first list,
    which readers take for oldest first."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt API)
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            option = QStyleOptionHeader(option)
            option.sortIndicator = shown_arrow(option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


def shown_arrow(indicator: QStyleOptionHeader.SortIndicator) -> QStyleOptionHeader.SortIndicator:
    """The arrow to draw for Qt's indicator: the other way round."""
    flipped = {
        QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
        QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
    }
    return flipped.get(indicator, indicator)


class LibraryProxyModel(QSortFilterProxyModel):
    """Sorts by :data:`SortRole`; keeps the rows whose title contains the filter text, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterKeyColumn(TITLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


class LibraryDialog(QDialog):
    open_requested = Signal(int)  # episode id

    def __init__(self, parent: QWidget | None = None, now: Clock = _local_now) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library")
        self.model = LibraryModel(self, now)
        self.proxy = LibraryProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by title")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter by title")
        self.table = self._make_table()
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Room for the two-line sentence even when empty, so the table does not jump.
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.setDefault(True)  # Enter in the filter box or the table opens the selection
        self._lay_out()
        self.filter_box.textChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._update_for_selection)
        self.table.doubleClicked.connect(self._open_row)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.reject)
        self.resize(680, 420)
        self._update_for_selection()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        self._arrow_style = SortArrowStyle()
        table.horizontalHeader().setStyle(self._arrow_style)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(LAST_OPENED, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (HIGHLIGHTS, LAST_OPENED, FILES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        table.setStyleSheet("QTableView::item { padding: 0 8px; }")  # text off the column edges
        table.setAccessibleName("Episodes")
        return table

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # -- public ------------------------------------------------------------------

    def set_summaries(self, summaries: Sequence[EpisodeSummary]) -> None:
        """List these episodes, keeping the selected one if it is still there."""
        selected = self.selected_episode_id()
        self.model.set_summaries(summaries)
        row = self.model.row_of(selected) if selected is not None else -1
        self._select_source_row(row if row >= 0 else None)

    def selected_episode_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(EpisodeIdRole) if index.isValid() else None

    def open_selected(self) -> None:
        self._open_row(self.table.currentIndex())

    # -- behaviour ---------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        """Ask for the episode and close; a missing transcript cannot be opened from here."""
        if not index.isValid() or not index.data(TranscriptExistsRole):
            return
        self.open_requested.emit(index.data(EpisodeIdRole))
        self.accept()

    def _filter(self, text: str) -> None:
        selected = self.selected_episode_id()
        self.proxy.setFilterFixedString(text)
        row = self.model.row_of(selected) if selected is not None else -1
        self._select_source_row(row if row >= 0 else None)

    def _select_source_row(self, row: int | None) -> None:
        """Select ``row`` of the model if it passes the filter, else the first row shown."""
        index = self.proxy.mapFromSource(self.model.index(row, TITLE)) if row is not None else QModelIndex()
        if not index.isValid():
            index = self.proxy.index(0, TITLE)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        else:
            self.table.setCurrentIndex(QModelIndex())
        self._update_for_selection()

    def _update_for_selection(self, *_args: object) -> None:
        index = self.table.currentIndex()
        self.open_button.setEnabled(index.isValid() and bool(index.data(TranscriptExistsRole)))
        self.status.setText(self._status_text(index))

    def _status_text(self, index: QModelIndex) -> str:
        if not self.model.rowCount():
            return "No episodes yet: transcripts you open are listed here with their highlights."
        if not index.isValid():
            return f"No titles contain “{self.filter_box.text()}”."
        summary = self.model.summary(self.proxy.mapToSource(index).row())
        if not summary.transcript_exists:
            return missing_sentence(summary)
        if files_status(summary) == AUDIO_MISSING:
            return f"The audio {summary.episode.audio_path} is missing; the transcript opens without it."
        return ""
