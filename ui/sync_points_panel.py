"""The Sync panel: the sync points that align text and audio, and how to add more.

The panel exists from the window's start and keeps what it is handed; its
contents (:class:`ui.sync_points_list.SyncPointsList`) are made when it is
first shown or reached, as it sits in a tab behind Highlights at start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from reader.timecode import EpisodeClock
from reader.timemap import TimeMap
from ui.deferred_contents import DeferredContents, part

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ui.sync_points_list import SyncPointsList


class SyncPointsPanel(QWidget):
    remove_requested = Signal(int)
    reset_requested = Signal()

    help = part("help")
    legend = part("legend")
    points = part("points")
    offset = part("offset")
    remove_button = part("remove_button")
    reset_button = part("reset_button")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: How the episode writes times; the window sets it when an episode opens.
        self.clock = EpisodeClock()
        self._map = TimeMap()
        self._contents: DeferredContents[SyncPointsList] = DeferredContents(self, self._build)

    def _build(self) -> SyncPointsList:
        from ui.sync_points_list import SyncPointsList

        contents = SyncPointsList(self)
        contents.remove_requested.connect(self.remove_requested)
        contents.reset_requested.connect(self.reset_requested)
        contents.show_map(self._map, self.clock)
        return contents

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._contents.build_after_paint()

    def set_map(self, time_map: TimeMap) -> None:
        self._map = time_map
        if self._contents.ready:
            self._contents.get().show_map(time_map, self.clock)

    def add_section(self, widget: QWidget) -> None:
        """Another part of the panel (alignment's gaps), above its buttons."""
        self._contents.get().add_section(widget)
