"""The Highlights menu and the transcript's context menu: the user's ways in
to keeping things. The work itself is the KeepingController's; everything
this needs is handed in, so it never reaches into the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QWidget

from reader.keep import COLOURS
from ui.actions import ActionRegistry
from ui.highlights_panel import HighlightsPanel
from ui.keeping import KeepingController
from ui.plain_text import plain_input_dialog
from ui.progress import busy_dialog
from ui.theme import highlight_colour

if TYPE_CHECKING:
    from ui.clip_actions import ClipActions


class KeepMenu:
    """Keeping's commands: highlight, note, bookmark, undo, copy, rename, export."""

    def __init__(
        self,
        keeping: KeepingController,
        panel: HighlightsPanel,
        say: Callable[[str], None],
        playback_position: Callable[[], int],
        parent: QWidget,
    ) -> None:
        """``say`` shows one sentence to the user; ``playback_position`` is
        where playback is now, in transcript time (for a bookmark);
        ``parent`` owns the dialogs."""
        self.keeping = keeping
        self.panel = panel
        self.say = say
        self.playback_position = playback_position
        self.parent = parent
        #: ui.clip_actions.ClipActions, when clips are offered (export, right-click).
        self.clips: ClipActions | None = None
        panel.copy_requested.connect(lambda kind, item_id: self.copy_quote((kind, item_id)))

    def add_commands(
        self, actions: ActionRegistry, show_library: Callable[[], None], search_library: Callable[[], None]
    ) -> None:
        """Keeping's commands, working from the start; :meth:`fill` puts them in the menu."""
        keeping = self.keeping
        actions.add("highlight", keeping.highlight_selection)
        actions.add("note", keeping.edit_latest_note)
        actions.add("bookmark", self.bookmark_now)
        actions.adopt("undo", keeping.undo_stack.createUndoAction(self.parent, "Undo"))
        actions.add("copy_quote", self.copy_quote)
        actions.add("library", show_library)
        actions.add("search_library", search_library)

    def fill(self, menu: QMenu, actions: ActionRegistry) -> None:
        keeping = self.keeping
        menu.addAction(actions["highlight"])
        colours = menu.addMenu("Highlight in Colour")
        for colour in COLOURS:
            colours.addAction(colour_icon(colour), colour.capitalize(), lambda c=colour: keeping.highlight_selection(c))
        for name in ("note", "bookmark", "undo", "copy_quote"):
            menu.addAction(actions[name])
        menu.addSeparator()
        menu.addAction("Rename Speaker…", self.rename_speaker)
        menu.addAction(actions["library"])
        menu.addAction(actions["search_library"])

    def bookmark_now(self) -> None:
        self.keeping.bookmark_at(self.playback_position())

    def copy_quote(self, item: tuple[str, int] | None = None) -> None:
        """Ctrl+Shift+C: the selection, else the highlight selected in the panel."""
        keeping = self.keeping
        text = keeping.quote_for(*item) if item else keeping.quote_selection()
        selected = self.panel.selected_item()
        if text is None and item is None and selected:
            text = keeping.quote_for(*selected)
        if text is None:
            self.say("Select some words, or a highlight in the panel, to copy it as a quote.")
            return
        QGuiApplication.clipboard().setText(text)
        self.say("Copied as a Markdown quote.")

    def export(self, folder: str | None) -> None:
        """File → Export Highlights…: format and scope, then where (``folder`` first)."""
        from reader.export.files import SUFFIXES
        from ui.export_dialog import ExportDialog

        episode, clips = self.keeping.episode, self.clips
        dialog = ExportDialog(episode.title if episode else None, self.parent, clips.settings if clips else None)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        base = episode.title if episode and not dialog.all else None
        suggested = suggested_export_path(folder, base, SUFFIXES[dialog.format])
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export Highlights", suggested)
        if path and dialog.with_clips and clips is not None and dialog.clip_options is not None:
            clips.export_note(dialog.all, path, dialog.clip_options.settings)
        elif path and self.keeping.export(dialog.format, dialog.all, path):
            self.show_export_progress()

    def show_export_progress(self) -> QProgressDialog:
        """Progress with Cancel, shown once an export has taken half a second."""
        keeping = self.keeping
        busy = busy_dialog("Exporting highlights…", "Export Highlights", self.parent, show_after_ms=500)
        busy.setAutoReset(False)  # the last episode done is not the file written
        busy.canceled.connect(keeping.cancel_export)

        def progressed(done: int, total: int) -> None:
            if total > 1:  # one episode is one step: the bar stays busy rather than full
                busy.setMaximum(total)
                busy.setValue(done)

        def finished() -> None:
            keeping.export_progress.disconnect(progressed)
            keeping.export_finished.disconnect(finished)
            busy.canceled.disconnect(keeping.cancel_export)
            busy.reset()
            busy.deleteLater()

        keeping.export_progress.connect(progressed)
        keeping.export_finished.connect(finished)
        return busy

    def rename_speaker(self) -> None:
        keeping = self.keeping
        transcript = keeping.transcript
        if transcript is None or not transcript.speakers:
            self.say("This transcript names no speakers to rename.")
            return
        speakers = transcript.speakers
        shown = [keeping.speaker_name(name) or "" for name in speakers]
        choices = speaker_choices(speakers, shown)
        pick = plain_input_dialog(self.parent, "Rename Speaker", "Speaker:")
        pick.setComboBoxItems(choices)
        pick.setComboBoxEditable(False)
        if not pick.exec():
            return
        choice = choices.index(pick.textValue())
        name = plain_input_dialog(self.parent, "Rename Speaker", f"New name for {choices[choice]}:")
        name.setTextValue(shown[choice])
        if name.exec():
            keeping.rename_speaker(speakers[choice], name.textValue())

    def context_menu(self, view, point: QPoint, play_from_word: Callable[[int, int], None]) -> QMenu:
        """The transcript's right-click menu at ``point`` (``ui.text_menu``), built but not shown."""
        from ui.text_menu import text_menu

        return text_menu(view, self.panel, self.keeping, point, play_from_word, self.bookmark_now)

    def offer_context_menu(self, view, play_from_word: Callable[[int, int], None]) -> None:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda point: self._show_context_menu(view, point, play_from_word))

    def _show_context_menu(self, view, point: QPoint, play_from_word: Callable[[int, int], None]) -> None:
        menu = self.context_menu(view, point, play_from_word)
        menu.exec(view.viewport().mapToGlobal(point))
        menu.deleteLater()


def speaker_choices(originals: list[str], shown: list[str]) -> list[str]:
    """One distinct entry per speaker for the Rename Speaker list: a speaker
    renamed to a name another one is shown under also gets the transcript's
    name, so the one picked is the one renamed (``Ana (SPEAKER_01)``)."""
    return [
        name if shown.count(name) == 1 or name == original else f"{name} ({original})"
        for original, name in zip(originals, shown, strict=True)
    ]


def suggested_export_path(folder: str | None, title: str | None, suffix: str) -> str:
    """Where an export is first offered: ``folder`` (else home), named after
    the episode's title made safe for any file system, else "highlights"."""
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title or "").strip()
    return str(Path(folder or Path.home()) / ((safe or "highlights") + suffix))


def colour_icon(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(highlight_colour(colour, dark=False))
    return QIcon(pixmap)
