"""The window's commands by name: the labels and keys the shortcut table gives them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from ui.actions import ActionRegistry
from ui.shortcuts import SHORTCUTS


def test_a_command_gets_its_label_and_keys_from_the_shortcut_table(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = ActionRegistry(owner)
    called = []
    action = actions.add("zoom_in", lambda: called.append("zoom"))
    assert action.text() == "Larger Text"
    assert action.shortcuts() == [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]
    assert action in owner.actions()  # its keys work with the menu bar hidden
    actions["zoom_in"].trigger()
    assert called == ["zoom"] and "zoom_in" in actions and list(actions) == ["zoom_in"]


def test_a_command_cannot_be_registered_twice(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = ActionRegistry(owner)
    actions.add("find", lambda: None)
    with pytest.raises(ValueError, match="already registered"):
        actions.add("find", lambda: None)


def test_the_window_registers_every_command_in_the_shortcut_table(window):
    assert sorted(window.commands) == sorted(shortcut.name for shortcut in SHORTCUTS)
    undo = window.commands["undo"]
    assert undo.shortcuts() == [QKeySequence("Ctrl+Z")]
