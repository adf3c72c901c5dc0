"""The Chapters panel beside the transcript: see where you are, click to jump.

The list itself (``ui.chapter_list``: model, delegate, view) is built just
after the window's first paint, or when first used; until then the panel keeps
the chapters and the playing one, and hands them over. Callers see one panel
throughout.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from reader.model import Chapter
from reader.timecode import EpisodeClock
from reader.timemap import TimeMap
from ui.deferred_contents import DeferredContents
from ui.theme import Theme, theme_for

TYPE_CHECKING = False  # ui.chapter_list loads once the window has painted
if TYPE_CHECKING:
    from ui.chapter_list import ChapterDelegate, ChapterList, ChapterListModel

#: Narrowest the panel gets: "Chapter title…  1:02:03" stays readable.
MIN_WIDTH = 170


class ChapterPanel(QWidget):
    seek_requested = Signal(int)  # the chapter's start in ms

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or theme_for(self.palette())
        self._chapters: list[Chapter] = []
        self._current = -1
        self._clock = EpisodeClock()
        self._heard: TimeMap | None = None
        self.setMinimumWidth(MIN_WIDTH)  # a title and its time always fit; a saved narrower dock grows back
        self._list = DeferredContents(self, self._build_list)

    def _build_list(self) -> ChapterList:
        from ui.chapter_list import ChapterList

        chapter_list = ChapterList(self._theme, self)
        chapter_list.set_clock(self._clock)
        chapter_list.set_heard_times(self._heard)
        chapter_list.set_chapters(self._chapters)
        chapter_list.set_current_chapter(self._current)
        chapter_list.seek_requested.connect(self.seek_requested)
        return chapter_list

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._list.build_after_paint()

    def set_chapters(self, chapters: Sequence[Chapter]) -> None:
        """List ``chapters``; none is playing until :meth:`set_current_chapter`."""
        self._chapters, self._current = list(chapters), -1
        if self._list.ready:
            self._list.get().set_chapters(self._chapters)

    def set_clock(self, clock: EpisodeClock) -> None:
        """Write times as the rest of the window does for this episode."""
        self._clock = clock
        if self._list.ready:
            self._list.get().set_clock(clock)

    def set_heard_times(self, heard: TimeMap | None) -> None:
        """Show when each chapter is heard in the open audio (None: as given);
        the chapters themselves, and what choosing one asks for, stay in transcript time."""
        self._heard = heard
        if self._list.ready:
            self._list.get().set_heard_times(heard)

    def chapters(self) -> list[Chapter]:
        """The chapters listed, in transcript time."""
        return list(self._chapters)

    def set_current_chapter(self, index: int) -> None:
        """Mark the playing chapter (-1 or out of range: none)."""
        self._current = index if 0 <= index < len(self._chapters) else -1
        if self._list.ready:
            self._list.get().set_current_chapter(self._current)

    def set_theme(self, theme: Theme) -> None:
        """View → Theme: redraw in the other colours."""
        self._theme = theme
        if self._list.ready:
            self._list.get().set_theme(theme)

    # The list's parts, for whoever needs to look closer (built on first use).
    @property
    def model(self) -> ChapterListModel:
        return self._list.get().model

    @property
    def view(self) -> QWidget:
        return self._list.get().view

    @property
    def delegate(self) -> ChapterDelegate:
        return self._list.get().delegate

    @property
    def placeholder(self) -> QWidget:
        return self._list.get().placeholder
