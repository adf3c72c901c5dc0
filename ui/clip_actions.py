"""Play Highlight, Export Clip… and the Markdown export with clips, as the
highlights panel, the transcript's right-click menu and File → Export offer them.

Times: highlights are kept in transcript time; the player and the clip
cutter work in audio time, so every span goes through the episode's sync
map (``session.to_audio``, or the store's map for exports).
Cutting runs on a :class:`ui.clip_jobs.ClipJob`; each outcome is one
sentence on ``message``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from reader.errors import StoreError
from ui.span_playback import SpanPlayback

TYPE_CHECKING = False  # the dialogs, the cutting and its formats load when first used, after the first paint
if TYPE_CHECKING:
    from ui.clip_jobs import ClipJob

NO_AUDIO = "This episode has no audio paired with it; pair it with File → Open Audio… to hear or export clips."
CLIP_FILTER = "M4A audio (*.m4a);;MP3 audio (*.mp3);;Opus audio (*.opus)"

#: (suggested path) -> the path chosen, or None.
ChoosePath = Callable[[str], str | None]
#: (seconds suggested) -> the seconds chosen, or None.
ChooseLength = Callable[[float], float | None]


class ClipActions(QObject):
    message = Signal(str)
    finished = Signal()  # a clip job's outcome has been handled (and said)

    def __init__(
        self,
        window,
        choose_clip_path: ChoosePath | None = None,
        choose_bookmark_length: ChooseLength | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self._window = window
        self._choose_clip_path = choose_clip_path or self._clip_path_dialog
        self._choose_bookmark_length = choose_bookmark_length or self._length_dialog
        self.span_playback = SpanPlayback(window.player, self)
        self.job: ClipJob | None = None

    @classmethod
    def wired_to(cls, window) -> ClipActions:
        """The window's clip actions: the panel's menu, the right-click menu,
        File → Export's clip options, and sentences to the status line."""
        actions = cls(window)
        actions.message.connect(window.status.show)
        window.highlights_panel.play_requested.connect(actions.play)
        window.highlights_panel.clip_requested.connect(actions.export_clip)
        window.keep_menu.clips = actions
        return actions

    # -- playing ----------------------------------------------------------------------

    def play(self, kind: str, item_id: int) -> bool:
        """Play just that highlight (first word to last, padded) and stop."""
        item = self._item(kind, item_id)
        if item is None:
            return False
        if not self._window.loader.has_audio:
            self.message.emit(NO_AUDIO)
            return False
        from reader.clips import padded_span

        heard, settings = self._window.session.heard_times(), self._window.settings.clip_settings
        if kind == "highlight":
            first, last = heard.audio_span(item.anchor, item.detached)
        else:
            first = heard.audio_ms(item.ms)
            last = first + settings.bookmark_ms
        self.span_playback.play(*padded_span(first, last, settings.padding_ms))
        return True

    # -- one clip -----------------------------------------------------------------------

    def export_clip(self, kind: str, item_id: int) -> ClipJob | None:
        """Ask where (and, for a bookmark, how long), then cut it off the GUI thread."""
        found = self._export_and_item(kind, item_id)
        if found is None:
            return None
        export, item = found
        settings = self._window.settings.clip_settings
        if kind == "bookmark":
            seconds = self._choose_bookmark_length(settings.bookmark_ms / 1000)
            if seconds is None:
                return None
            settings = settings._replace(bookmark_ms=int(max(seconds, 1) * 1000))
            self._window.settings.clip_settings = settings
        from reader.clips import CLIP_FORMATS, ClipError, format_for_path
        from reader.export.clips import cut_item
        from ui.clip_jobs import ClipJob

        folder = Path(self._window.session.path or Path.home()).parent
        suggested = folder / (_file_stem(kind, item) + CLIP_FORMATS[settings.fmt].suffix)
        path = self._choose_clip_path(str(suggested))
        if not path:
            return None
        try:
            fmt = format_for_path(path, settings.fmt).key
        except ClipError:
            fmt, path = settings.fmt, path + CLIP_FORMATS[settings.fmt].suffix
        settings = settings._replace(fmt=fmt)
        return self._start(
            ClipJob(lambda _progress: cut_item(export, kind, item, path, settings)),
            lambda length: self.message.emit(f"Saved the clip as {path} ({length / 1000:.1f} s)."),
        )

    # -- a note with its clips ------------------------------------------------------------

    @property
    def settings(self):
        """The remembered clip choices (reader.export.clips.ClipSettings)."""
        return self._window.settings.clip_settings

    def export_note(self, all_episodes: bool, note_path: str, settings=None) -> ClipJob | None:
        """The Markdown note (this episode, or all), with every clip in
        attachments/ beside it, embedded; ``settings`` are remembered."""
        session = self._window.session
        store = session.store
        if store is None:
            self.message.emit(session.problem or "The library is not available.")
            return None
        if settings is not None:
            self._window.settings.clip_settings = settings
        episodes = [s.episode for s in store.episodes()] if all_episodes else [session.episode]
        episodes = [episode for episode in episodes if episode is not None]
        from reader.export.clips import markdown_with_clips
        from reader.export.files import ExportError, build_exports
        from ui.clip_jobs import ClipJob

        try:
            exports = build_exports(store, episodes, "md", heard=session.heard_times())
        except (ExportError, StoreError) as error:
            self.message.emit(str(error))
            return None
        settings = self._window.settings.clip_settings
        folder = Path(note_path).parent
        job = ClipJob(lambda progress: markdown_with_clips(exports, folder, settings, progress))
        self._show_progress(job)
        return self._start(job, lambda result: self._write_note(note_path, *result))

    def _write_note(self, note_path: str, text: str, report) -> None:
        from reader.export.model import write_export

        clips = report.written + report.reused
        if report.cancelled:
            self.message.emit(f"Export cancelled; the {clips} clip(s) already cut are kept in attachments.")
            return
        try:
            write_export(note_path, text)
        except OSError as error:
            self.message.emit(f"The note could not be written to {note_path} ({error.strerror or error}).")
            return
        done = f"Exported to {note_path} with {clips} clip(s) in attachments."
        self.message.emit(f"{done} {report.problem}" if report.problem else done)

    # -- helpers ----------------------------------------------------------------------

    def _start(self, job: ClipJob, on_success: Callable[[Any], None]) -> ClipJob:
        self.job = job
        job.setParent(self)
        job.succeeded.connect(on_success)
        job.failed.connect(self.message)
        job.succeeded.connect(self.finished)
        job.failed.connect(self.finished)
        job.start()
        return job

    def _show_progress(self, job: ClipJob) -> None:
        from ui.progress import busy_dialog

        dialog = busy_dialog("Cutting audio clips…", "Export Highlights", self._window, show_after_ms=400)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # a quick export never flashes a dialog
        dialog.setAutoClose(False)

        def show(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        job.progressed.connect(show)
        dialog.canceled.connect(job.cancel)
        for signal in (job.succeeded, job.failed):
            signal.connect(dialog.deleteLater)

    def _item(self, kind: str, item_id: int):
        return self._window.session.find_kept(kind, item_id)

    def _export_and_item(self, kind: str, item_id: int):
        """The episode's export (audio times, tags) and the item in it; None, said, if impossible."""
        session = self._window.session
        if session.store is None or session.episode is None:
            self.message.emit(session.problem or "Open an episode first; its highlights can then be clipped.")
            return None
        if not self._window.loader.has_audio:
            self.message.emit(NO_AUDIO)
            return None
        from reader.export.clips import find_item
        from reader.export.files import build_exports

        try:
            [export] = build_exports(session.store, [session.episode], "md", heard=session.heard_times())
        except StoreError as error:
            self.message.emit(str(error))
            return None
        export = export._replace(audio_path=session.audio_path)
        item = find_item(export, kind, item_id)
        return None if item is None else (export, item)

    def _clip_path_dialog(self, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self._window, "Export Clip", suggested, CLIP_FILTER)
        return path or None

    def _length_dialog(self, seconds: float) -> float | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getDouble(
            self._window, "Export Clip", "Length of the bookmark's clip, in seconds:", seconds, 1, 600, 0
        )
        return value if ok else None


def _file_stem(kind: str, item) -> str:
    """A name a person would give the file: the quote's first words, or the bookmark's time."""
    from reader.timecode import format_clock

    text = item.anchor.quote if kind == "highlight" else f"{item.note or 'Bookmark'} {format_clock(item.ms)}"
    words = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in text).split()
    stem = " ".join(words)[:60].strip()
    return stem or "clip"
