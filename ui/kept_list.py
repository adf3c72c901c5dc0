"""The list of kept items in the highlights panel: its keys and how it lays rows out.

Built just after the window's first paint (``ui.highlights_panel``), with
its delegate (``ui.highlight_delegate``): neither is needed to show the
transcript, and their widgets cost time to load.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget


class KeptItemsView(QListView):
    """Keys the list handles itself: Enter edits the note (F2 does too, through
    Qt's edit triggers), Delete and Backspace ask to delete, Space jumps there
    as a click does. Handled here because Qt's own Enter emits ``activated``,
    which some styles also emit on a single click."""

    delete_pressed = Signal(QModelIndex)
    space_pressed = Signal(QModelIndex)

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap when the dock is resized
        # Lay rows out a screenful at a time: saving one more highlight must
        # not wait for hundreds of rows to be measured.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(40)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setAccessibleName("Highlights and bookmarks")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        index, key = self.currentIndex(), event.key()
        if index.isValid() and self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit(index)
                return event.accept()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_pressed.emit(index)
                return event.accept()
            if key == Qt.Key.Key_Space:
                self.space_pressed.emit(index)
                return event.accept()
        super().keyPressEvent(event)
