"""The Sync panel's contents: the sync points that align text and audio, and how to add more.

Made when the panel is first shown or used (``ui.sync_points_panel``): it
sits in a tab behind Highlights at start, and its list and buttons cost the
first paint about 7 ms."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from reader.timecode import EpisodeClock
from reader.timemap import TimeMap, shift_text
from ui.plain_text import plain_label

HELP = (
    "When the text runs early or late: while it plays, select the words you hear and "
    "press S, or Alt+click (Ctrl+click) the word you hear while this panel is open. Alt+← / Alt+→ moves the "
    "whole text by half a second."
)


class SyncPointsList(QWidget):
    remove_requested = Signal(int)
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help = QLabel(HELP, self)
        self.help.setWordWrap(True)
        self.legend = QLabel("Text time  →  heard at    shift", self)
        # A column header, so bold rather than greyed out: a disabled label is too faint to read.
        legend_font = self.legend.font()
        legend_font.setBold(True)
        self.legend.setFont(legend_font)
        self.points = QListWidget(self)
        self.offset = plain_label(self)
        self.remove_button = QPushButton("Remove Point", self)
        self.reset_button = QPushButton("Reset All", self)
        self.remove_button.clicked.connect(self._remove_selected)
        self.reset_button.clicked.connect(self.reset_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.legend)
        layout.addWidget(self.points, 1)
        layout.addWidget(self.offset)
        layout.addLayout(buttons)
        self._count = 0

    def add_section(self, widget: QWidget) -> None:
        """Another part of the panel (alignment's gaps), above the buttons."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, widget)

    def show_map(self, time_map: TimeMap, clock: EpisodeClock) -> None:
        self.points.clear()
        for point in time_map.heard_points:
            shift = shift_text(point.audio_ms - point.transcript_ms)
            text, heard = clock.format(point.transcript_ms), clock.format(point.audio_ms)
            item = QListWidgetItem(f"{text}  →  {heard}    {shift}")
            item.setToolTip(f"{text} in the text is heard at {heard} ({shift}).")
            self.points.addItem(item)
        nudge = time_map.offset_ms
        self.offset.setText(f"Nudge: {shift_text(nudge)}" if nudge else "No nudge.")
        if not time_map.points:
            self.points.addItem("No sync points yet.")
            self.points.item(0).setFlags(self.points.item(0).flags() & ~self.points.item(0).flags().ItemIsSelectable)
        self.remove_button.setEnabled(bool(time_map.points))
        self.reset_button.setEnabled(not time_map.is_identity)
        self._count = len(time_map.points)

    def _remove_selected(self) -> None:
        row = self.points.currentRow()
        if 0 <= row < self._count:
            self.remove_requested.emit(row)
