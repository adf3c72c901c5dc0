"""The Podcasts view's episode table: a thin adapter over ``EpisodeRow`` values.

Newest first as the library returns them; the view filters by title with a
QSortFilterProxyModel (:func:`title_filter`). Feed text is plain text here:
Qt's item views never interpret HTML in DisplayRole.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from reader.feeds.storage import EpisodeRow

TITLE, SHOW, PUBLISHED, DURATION, PUBLISHES, YOURS = range(6)
HEADERS = ("Title", "Show", "Published", "Length", "Published with it", "You have")
EpisodeIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_MIME_NAMES = {
    "application/json": "JSON",
    "text/vtt": "VTT",
    "application/x-subrip": "SRT",
    "application/srt": "SRT",
    "text/srt": "SRT",
    "text/html": "HTML",
    "text/plain": "text",
}


def published_text(seconds: int) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(seconds)) if seconds > 0 else "—"


def duration_text(ms: int) -> str:
    if ms <= 0:
        return "—"
    minutes = round(ms / 60000)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{max(minutes, 1)} min"


def publishes_text(episode: EpisodeRow) -> str:
    """ "Transcript (JSON), chapters", or "No transcript"."""
    best = episode.best_transcript
    if best is not None:
        parts = [f"Transcript ({_MIME_NAMES.get(best.mime, best.mime)})"]
    elif episode.transcripts:
        parts = ["Transcript (unknown format)"]
    else:
        parts = ["No transcript"]
    if episode.chapters_url:
        parts.append("chapters")
    return ", ".join(parts)


def yours_text(episode: EpisodeRow) -> str:
    """What the reader already has: read, highlights, downloaded."""
    parts = []
    if episode.is_new:
        parts.append("New")
    if episode.opened:
        parts.append("Read")
    if episode.highlight_count:
        count = episode.highlight_count
        parts.append(f"{count} highlight{'s' if count != 1 else ''}")
    if episode.audio_downloaded:
        parts.append("Downloaded")
    elif episode.transcript_downloaded:
        parts.append("Transcript saved")
    return ", ".join(parts)


class EpisodesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._episodes: list[EpisodeRow] = []
        self._text: list[list[str]] = []

    def set_episodes(self, episodes: Sequence[EpisodeRow], text: list[list[str]] | None = None) -> None:
        """The rows, with their text from :func:`rows_text` when it was made
        already (on a worker: for thousands of episodes it takes a few hundred ms)."""
        self.beginResetModel()
        self._episodes = list(episodes)
        self._text = text if text is not None else rows_text(self._episodes)
        self.endResetModel()

    def episode(self, row: int) -> EpisodeRow:
        return self._episodes[row]

    def row_of(self, episode_id: int) -> int | None:
        """The row showing an episode (a look through the list: asking the
        view for each row's id took 0.1 s or more for 4,000 episodes)."""
        return next((row for row, episode in enumerate(self._episodes) if episode.id == episode_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._episodes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._episodes):
            return None
        episode = self._episodes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TITLE:
            return episode.title
        if role == EpisodeIdRole:
            return episode.id
        if role == Qt.ItemDataRole.FontRole and episode.is_new:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def display(episode: EpisodeRow, column: int) -> str:
        if column == TITLE:
            return episode.title
        if column == SHOW:
            return episode.show
        if column == PUBLISHED:
            return published_text(episode.published)
        if column == DURATION:
            return duration_text(episode.duration_ms)
        if column == PUBLISHES:
            return publishes_text(episode)
        return yours_text(episode)


def rows_text(episodes: Sequence[EpisodeRow]) -> list[list[str]]:
    """Each row's cells as shown; no Qt, so a worker thread can make them."""
    return [[EpisodesModel.display(episode, column) for column in range(len(HEADERS))] for episode in episodes]


def title_filter(model: EpisodesModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """Rows whose title contains the typed words, case ignored."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(TITLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
