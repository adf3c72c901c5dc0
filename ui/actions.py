"""The window's named commands, each one QAction with the keys ``ui.shortcuts`` gives it.

Menus, context menus and tests reach a command by its name here, rather than
through the window's attributes; the shortcut table stays the one place that
says what a command is called and which keys trigger it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.shortcuts import BY_NAME, key_sequences


class ActionRegistry:
    """Commands by name, added to ``owner`` so their keys work with the menu bar hidden."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._actions: dict[str, QAction] = {}

    def add(self, name: str, slot: Callable[[], object]) -> QAction:
        """A new action for the command ``name`` (a key of ``ui.shortcuts.BY_NAME``) calling ``slot``."""
        action = QAction(BY_NAME[name].label, self._owner)
        action.triggered.connect(lambda _checked=False: slot())
        return self.adopt(name, action)

    def adopt(self, name: str, action: QAction) -> QAction:
        """An action made elsewhere (an undo stack's) takes the command's keys and name."""
        if name in self._actions:
            raise ValueError(f"the command {name!r} is already registered")
        action.setShortcuts(key_sequences(name))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._owner.addAction(action)
        self._actions[name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)
