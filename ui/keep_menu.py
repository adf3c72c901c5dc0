"""The Highlights menu and the transcript's context menu: the user's ways in
to keeping things. The work itself is the KeepingController's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QInputDialog, QMenu

from reader.keep import COLOURS
from ui.shortcuts import BY_NAME, key_sequences
from ui.theme import highlight_colour


def build_keep_menu(window, menu: QMenu) -> None:
    keeping = window.keeping
    menu.addAction(window._action("highlight", lambda: keeping.highlight_selection()))
    colours = menu.addMenu("Highlight in Colour")
    for colour in COLOURS:
        colours.addAction(colour_icon(colour), colour.capitalize(), lambda c=colour: keeping.highlight_selection(c))
    menu.addAction(window._action("note", keeping.edit_latest_note))
    menu.addAction(window._action("bookmark", lambda: keeping.bookmark_at(window.sync.transcript_position())))
    undo = keeping.undo_stack.createUndoAction(window, "Undo")
    undo.setShortcuts(key_sequences("undo"))
    undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(undo)
    menu.addAction(undo)
    menu.addSeparator()
    menu.addAction("Rename Speaker…", lambda: rename_speaker(window))
    menu.addAction(window._action("library", window.show_library))
    window.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.view.customContextMenuRequested.connect(lambda point: _context_menu(window, point))


def colour_icon(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(highlight_colour(colour, dark=False))
    return QIcon(pixmap)


def _context_menu(window, point) -> None:
    menu = QMenu(window.view)
    if window.view.selected_span() is not None:
        for colour in COLOURS:
            menu.addAction(colour_icon(colour), f"Highlight {colour.capitalize()}",
                           lambda c=colour: window.keeping.highlight_selection(c))
        menu.addSeparator()
        menu.addAction("Copy", window.view.copy)
    else:
        menu.addAction(BY_NAME["bookmark"].label, lambda: window.keeping.bookmark_at(window.sync.transcript_position()))
    menu.exec(window.view.viewport().mapToGlobal(point))


def rename_speaker(window) -> None:
    keeping = window.keeping
    if keeping.transcript is None or not keeping.transcript.speakers:
        window.status.show("This transcript names no speakers to rename.")
        return
    speakers = keeping.transcript.speakers
    shown = [keeping.speaker_name(name) for name in speakers]
    choice, ok = QInputDialog.getItem(window, "Rename Speaker", "Speaker:", shown, 0, False)
    if not ok:
        return
    original = speakers[shown.index(choice)]
    new, ok = QInputDialog.getText(window, "Rename Speaker", f"New name for {choice}:", text=choice)
    if ok:
        keeping.rename_speaker(original, new)
