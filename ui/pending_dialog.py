"""Quitting while changes are not yet in the library: say so, and offer a way out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

WAIT, EXPORT, QUIT, STAY = "wait", "export", "quit", "stay"


def ask_about_pending(parent: QWidget, count: int, reason: str | None) -> str:
    """One of WAIT (try saving again), EXPORT (write them to a file), QUIT
    (leave them) or STAY (keep the window open)."""
    changes = "1 change is" if count == 1 else f"{count} changes are"
    because = f" because {reason}" if reason else ""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changes not saved yet")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the reason holds a file path
    box.setText(f"{changes} not saved yet{because}.")
    box.setInformativeText(
        "Try saving again, export this episode's highlights to a Markdown file, or quit without them."
    )
    wait = box.addButton("Try Again", QMessageBox.ButtonRole.AcceptRole)
    export = box.addButton("Export…", QMessageBox.ButtonRole.ActionRole)
    leave = box.addButton("Quit Without Them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(wait)
    box.exec()
    clicked = box.clickedButton()
    return {id(wait): WAIT, id(export): EXPORT, id(leave): QUIT}.get(id(clicked), STAY)
