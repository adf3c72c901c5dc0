"""The Highlights menu and the transcript's context menu: the user's ways in
to keeping things. The work itself is the KeepingController's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from reader.keep import COLOURS
from ui.clip_menu import add_clip_actions, clip_actions, export_with_clips
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
    menu.addAction(window._action("copy_quote", lambda: copy_quote(window)))
    window.highlights_panel.copy_requested.connect(lambda kind, item_id: copy_quote(window, (kind, item_id)))
    window.clip_actions = clip_actions(window)
    menu.addSeparator()
    menu.addAction("Rename Speaker…", lambda: rename_speaker(window))
    menu.addAction(window._action("library", window.show_library))
    menu.addAction(window._action("search_library", window.show_library_search))
    window.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.view.customContextMenuRequested.connect(lambda point: _context_menu(window, point))


def copy_quote(window, item: tuple[str, int] | None = None) -> None:
    """Ctrl+Shift+C: the selection, else the highlight selected in the panel."""
    keeping = window.keeping
    text = keeping.quote_for(*item) if item else keeping.quote_selection()
    if text is None and item is None and window.highlights_panel.selected_item():
        text = keeping.quote_for(*window.highlights_panel.selected_item())
    if text is None:
        window.status.show("Select some words, or a highlight in the panel, to copy it as a quote.")
        return
    QGuiApplication.clipboard().setText(text)
    window.status.show("Copied as a Markdown quote.")


def export_highlights(window) -> None:
    from reader.export.files import SUFFIXES
    from ui.export_dialog import ExportDialog

    keeping = window.keeping
    title = keeping.episode.title if keeping.episode else None
    dialog = ExportDialog(title, window, clip_settings=window.settings.clip_settings)
    if dialog.exec() != ExportDialog.DialogCode.Accepted:
        return
    base = keeping.episode.title if keeping.episode and not dialog.all else "highlights"
    suggested = str(Path(window.loader.transcript_path or Path.home()).with_name(_safe(base) + SUFFIXES[dialog.format]))
    path, _ = QFileDialog.getSaveFileName(window, "Export Highlights", suggested)
    if path and dialog.with_clips:
        window.settings.clip_settings = dialog.clip_options.settings
        export_with_clips(window, dialog.all, path)
    elif path:
        keeping.export(dialog.format, dialog.all, path)


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip() or "highlights"


def colour_icon(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(highlight_colour(colour, dark=False))
    return QIcon(pixmap)


def _context_menu(window, point) -> None:
    menu = QMenu(window.view)
    if window.view.selected_span() is not None:
        for colour in COLOURS:
            menu.addAction(
                colour_icon(colour),
                f"Highlight {colour.capitalize()}",
                lambda c=colour: window.keeping.highlight_selection(c),
            )
        menu.addSeparator()
        menu.addAction("Copy", window.view.copy)
    else:
        menu.addAction(BY_NAME["bookmark"].label, lambda: window.keeping.bookmark_at(window.sync.transcript_position()))
    add_clip_actions(window, menu, point)
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
