"""Help → Keyboard Shortcuts: the table of ``ui.shortcuts``, and the gestures
handled by single widgets. Apart from the table, whose menus are built
before the window's first paint, so its widgets load only when it opens."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.shortcuts import GESTURES, SHORTCUTS


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = SHORTCUTS + GESTURES
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, shortcut in enumerate(rows):
            keys = ", ".join(_shown(k) for k in shortcut.keys)
            for column, text in enumerate((shortcut.label.rstrip("…"), keys, shortcut.group)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        height = table.verticalHeader().length() + table.horizontalHeader().height()
        self.resize(480, min(height + 90, 760))  # every row visible, no scroll bar


def _shown(keys: str) -> str:
    """A key sequence as this platform writes it; a gesture as written."""
    if "click" in keys.lower() or " " in keys:
        return keys
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
