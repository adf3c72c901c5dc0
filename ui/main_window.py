"""The main window: lays out the reading widgets and routes the user's commands.

It owns no logic of its own beyond wiring. Opening files belongs to
:class:`ui.episode.EpisodeLoader`, playback marks to
:class:`ui.playback_sync.PlaybackSync`, drawing to the widgets. Everything it
needs (player, settings) is handed in by ``ui.app``.

It is built in two steps. The reading column (text, player bar, status line,
empty docks and menu titles) comes first; :meth:`MainWindow.finish_building`
adds the panels, the menus' actions, the keeping controllers and the library.
The app calls it once the transcript has painted, so a user sees the text
without waiting for the rest (``ui.app.run``); tests get both steps at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QVBoxLayout, QWidget

from reader.model import Transcript
from reader.pairing import is_audio_path
from ui.episode import EpisodeLoader
from ui.playback_sync import PlaybackSync
from ui.player.base import Player, PlayerState
from ui.player_bar import PlayerBar
from ui.settings import AppSettings
from ui.status import StatusLine
from ui.theme import theme_for
from ui.transcript_view import TranscriptView

TYPE_CHECKING = False  # reader.store (sqlite3, hashlib) loads only once a store is opened
if TYPE_CHECKING:
    from reader.store import Store

TRANSCRIPT_FILTER = "Transcripts (*.txt *.md *.markdown *.srt *.vtt *.json);;All files (*)"
AUDIO_FILTER = "Audio (*.mp3 *.m4a *.aac *.ogg *.oga *.opus *.wav *.flac);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(
        self,
        player: Player,
        settings: AppSettings,
        store: Store | None = None,
        store_problem: str | None = None,
        search=None,
        staged: bool = False,
    ) -> None:
        """``store`` keeps highlights; None (with ``store_problem`` saying why)
        leaves the app a full reader with saving switched off. ``staged``
        leaves :meth:`finish_building` (and the library) for later."""
        super().__init__()
        self.player = player
        self.settings = settings
        self.setWindowTitle("Transcript Reader")
        self.setAcceptDrops(True)
        self.resize(1280, 820)  # room for the text column between the two docks

        self.view = TranscriptView(theme_for(self.palette()), settings.text_size)
        self.view.setAcceptDrops(False)  # drops go to the window
        self.view.set_reading_cursor_enabled(settings.reading_cursor)
        self.player_bar = PlayerBar(player)
        self.status = StatusLine(self.statusBar(), open_audio=self.choose_audio)
        self.sync = PlaybackSync(self.view.mark_playback, self, player.position_ms, lambda: player.rate)
        self.loader = EpisodeLoader(player, settings, self)
        self.built = False
        self._actions: dict[str, QAction] = {}
        self._estimated_for: int | None = None
        self._audio_chapters: list | None = None

        self._lay_out()
        self._connect()
        self._restore_playback_settings()
        if player.unavailable_reason:
            self.status.show(player.unavailable_reason)
        if not staged:
            self.finish_building(store, store_problem, search)

    def finish_building(self, store: Store | None = None, problem: str | None = None, search=None) -> None:
        """The panels, the menus' actions, keeping and the library.

        An episode already on screen is then looked up in the library: its
        highlights, renamed speakers, sync points and last position.
        """
        # Imported here, not at the top: about 40 ms of modules a user does
        # not need in order to see the text.
        from ui.chapter_panel import ChapterPanel
        from ui.find_bar import FindBar
        from ui.highlights_panel import HighlightsPanel
        from ui.keeping import KeepingController
        from ui.positions import PositionKeeper
        from ui.sync_panel import SyncPanel
        from ui.time_sync import TimeSync

        self.find_bar = FindBar(self.view)
        self._column.insertWidget(0, self.find_bar)
        self.chapters = ChapterPanel()
        self.highlights_panel = HighlightsPanel()
        self.sync_panel = SyncPanel()
        for dock, panel in (
            (self.chapters_dock, self.chapters),
            (self.highlights_dock, self.highlights_panel),
            (self.sync_dock, self.sync_panel),
        ):
            dock.setWidget(panel)
            if dock.isVisible():
                panel.show()  # a widget set into a shown dock is not shown by itself
        self.keeping = KeepingController(store, problem, self.view, self.highlights_panel, self, search=search)
        self.positions = PositionKeeper(self.player, self.keeping, self)
        self.time_sync = TimeSync(self.player, self.sync, self.keeping, lambda: self.loader.has_audio, self)
        self._fill_menus()
        self._connect_panels()
        self.built = True
        if self.loader.transcript is not None:
            self._show_episode_in_panels()
        self._report_library(store, problem)  # last: saving being off matters more than any notice

    # -- the episode already on screen, and the library ----------------------

    def _show_episode_in_panels(self) -> None:
        """The episode that was shown before the panels and the library existed."""
        transcript = self.loader.transcript
        episode = self.keeping.open_episode(transcript, self.loader.transcript_path)
        if episode is not None and episode.speaker_renames:
            self._rebuild_view()
        self._fill_panels(transcript)
        if self._audio_chapters is not None:
            self.chapters.set_chapters(self._audio_chapters)
        self.chapters.set_current_chapter(self.sync.current_chapter)
        if self.loader.has_audio:
            self.positions.audio_paired(self.loader.audio_path)
        self._estimate_over_audio(self.player.duration_ms())

    def _report_library(self, store: Store | None, problem: str | None) -> None:
        if problem:
            self.status.show(problem)
        elif store is not None and store.notice:
            self.status.show(store.notice)

    # -- opening -------------------------------------------------------------

    def open_transcript(self, path: str | Path, audio: str | Path | None = None, prefetched=None) -> bool:
        if self.built:
            self.positions.save_now()  # where the listener was in the episode being left
        return self.loader.open_transcript(path, audio, prefetched)

    def choose_transcript(self) -> None:
        start = str(Path(self.loader.transcript_path).parent) if self.loader.transcript_path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Transcript", start, TRANSCRIPT_FILTER)
        if path:
            self.open_transcript(path)

    def choose_audio(self) -> None:
        if self.loader.transcript_path is None:
            self.status.show("Open a transcript first (Ctrl+O); its audio can be paired with it then.")
            return
        start = str(Path(self.loader.transcript_path).parent)  # audio usually sits beside it
        path, _ = QFileDialog.getOpenFileName(self, "Open Audio", start, AUDIO_FILTER)
        if path:
            self.loader.pair_audio(path)

    def _show_episode(self, transcript: Transcript, title: str) -> None:
        self.status.clear()
        if self.built:
            self.keeping.open_episode(transcript, self.loader.transcript_path)
        self.view.show_transcript(transcript, self.keeping.speaker_name if self.built else None)
        self.sync.set_transcript(transcript)
        self._estimated_for = None
        self._audio_chapters = None
        self.player_bar.set_chapters(list(transcript.chapters))
        self.setWindowTitle(f"{title} – Transcript Reader")
        if self.built:
            self._fill_panels(transcript)

    def _fill_panels(self, transcript: Transcript) -> None:
        self.find_bar.reset()
        self.keeping.refresh()
        self.time_sync.load()
        self.chapters.set_chapters(list(transcript.chapters))

    # -- layout and menus ----------------------------------------------------

    def _lay_out(self) -> None:
        """The finished window's layout, with the panels still to come: the
        docks and menu titles exist from the start, so nothing moves when
        :meth:`finish_building` fills them."""
        central = QWidget(self)
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.view, 1)
        self._column.addWidget(self.player_bar)
        self.setCentralWidget(central)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.chapters_dock = self._dock("Chapters", "chaptersDock", left)
        self.highlights_dock = self._dock("Highlights", "highlightsDock", right)
        self.sync_dock = self._dock("Sync", "syncDock", right)
        self.tabifyDockWidget(self.highlights_dock, self.sync_dock)
        self.highlights_dock.raise_()
        self.resizeDocks([self.chapters_dock, self.highlights_dock], [230, 270], Qt.Orientation.Horizontal)
        bar = self.menuBar()
        self._menus = {
            name: bar.addMenu(title)
            for name, title in (
                ("file", "&File"),
                ("play", "&Playback"),
                ("view", "&View"),
                ("keep", "&Highlights"),
                ("sync", "&Sync"),
                ("help", "&Help"),
            )
        }

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(area, dock)
        return dock

    def _fill_menus(self) -> None:
        from ui.keep_menu import build_keep_menu, export_highlights

        menus = self._menus
        file_menu = menus["file"]
        file_menu.addAction(self._action("open", self.choose_transcript))
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action("open_audio", self.choose_audio))
        file_menu.addSeparator()
        file_menu.addAction(self._action("export", lambda: export_highlights(self)))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", self.close))

        play_menu = menus["play"]
        for name, slot in (
            ("play_pause", self.player.toggle),
            ("skip_back", self.player_bar.skip_back),
            ("skip_forward", self.player_bar.skip_forward),
            ("speed_down", self.player_bar.speed_down),
            ("speed_up", self.player_bar.speed_up),
            ("mute", self._toggle_mute),
        ):
            play_menu.addAction(self._action(name, slot))

        view_menu = menus["view"]
        self.follow_action = QAction("Follow Playback", self, checkable=True, checked=True)
        self.follow_action.toggled.connect(self._on_follow_toggled)
        view_menu.addAction(self.follow_action)
        view_menu.addAction(self._action("find", lambda: self.find_bar.open()))
        view_menu.addAction(self._action("find_next", self.find_bar.find_next))
        view_menu.addAction(self._action("find_previous", self.find_bar.find_previous))
        view_menu.addAction(self._action("back_to_playback", self.view.resume_following))
        self.reading_action = QAction("Reading Cursor", self, checkable=True, checked=self.settings.reading_cursor)
        self.reading_action.toggled.connect(self._on_reading_cursor_toggled)
        view_menu.addAction(self.reading_action)
        view_menu.addSeparator()
        view_menu.addAction(self._action("zoom_in", lambda: self._zoom(1)))
        view_menu.addAction(self._action("zoom_out", lambda: self._zoom(-1)))
        view_menu.addSeparator()
        view_menu.addAction(self.chapters_dock.toggleViewAction())

        build_keep_menu(self, menus["keep"])
        view_menu.addAction(self.highlights_dock.toggleViewAction())
        sync_menu = menus["sync"]
        sync_menu.addAction(self._action("this_is_now", self._this_is_now_from_selection))
        sync_menu.addAction(self._action("nudge_earlier", lambda: self.time_sync.nudge(-1)))
        sync_menu.addAction(self._action("nudge_later", lambda: self.time_sync.nudge(1)))
        sync_menu.addSeparator()
        sync_menu.addAction("Show Sync Panel", self._show_sync_panel)
        sync_menu.addAction("Reset Sync", self.time_sync.reset)

        menus["help"].addAction(self._action("shortcuts", self.show_shortcuts))

    def _action(self, name: str, slot) -> QAction:
        from ui.shortcuts import BY_NAME, key_sequences

        action = QAction(BY_NAME[name].label, self)
        action.setShortcuts(key_sequences(name))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        self._actions[name] = action
        return action

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        entries = self.settings.recent()
        for entry in entries:
            path = entry["transcript"]
            item = self.recent_menu.addAction(f"{Path(path).name}  —  {Path(path).parent}")
            item.setToolTip(path)
            item.triggered.connect(lambda _=False, e=entry: self.open_transcript(e["transcript"], e.get("audio")))
        if not entries:
            self.recent_menu.addAction("No recent transcripts").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self.settings.clear_recent)

    def show_shortcuts(self) -> None:
        from ui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    # -- signals -----------------------------------------------------------

    def _connect(self) -> None:
        """What the reading column needs from the first moment."""
        self.loader.episode_opened.connect(self._show_episode)
        self.loader.chapters_found.connect(self._on_audio_chapters)
        self.loader.message.connect(self.status.show)
        self.loader.info.connect(self.status.info)
        self.loader.audio_missing.connect(self.status.offer_audio)
        self.loader.audio_missing.connect(lambda _msg: self.player_bar.set_enabled_for_media(False))
        self.loader.audio_paired.connect(lambda _path: self.status.audio_ready())
        self.loader.audio_paired.connect(lambda _path: self.view.set_playback_available(True))
        self.loader.audio_missing.connect(lambda _msg: self.view.set_playback_available(False))
        self.player.position_changed.connect(self.sync.on_position)
        self.player.seeked.connect(self.sync.on_position)
        self.player.error.connect(self._on_player_error)
        self.player.state_changed.connect(self._on_state_changed)
        self.view.seek_requested.connect(self._seek_to_transcript_time)
        self.player.duration_changed.connect(self._estimate_over_audio)
        self.player_bar.rate_changed.connect(self._remember_rate)
        self.player.state_changed.connect(lambda _s: self._remember_volume())

    def _connect_panels(self) -> None:
        """What :meth:`finish_building` adds."""
        self.view.word_chosen.connect(self.play_from_word)
        self.time_sync.changed.connect(self.sync_panel.set_map)
        self.time_sync.message.connect(self.status.show)
        self.time_sync.shift_label.connect(self.status.shift.setText)
        self.sync_panel.remove_requested.connect(self.time_sync.remove_point)
        self.sync_panel.reset_requested.connect(self.time_sync.reset)
        self.view.following_changed.connect(self.follow_action.setChecked)
        self.chapters.seek_requested.connect(self._seek_to_transcript_time)
        self.sync.chapter_changed.connect(self.chapters.set_current_chapter)
        self.keeping.message.connect(self.status.show)
        self.keeping.info.connect(self.status.info)
        self.keeping.speakers_renamed.connect(self._rebuild_view)
        self.keeping.note_requested.connect(self.highlights_dock.show)
        self.keeping.seek_requested.connect(self._seek_to_transcript_time)
        self.loader.audio_paired.connect(self.positions.audio_paired)

    def _seek_to_transcript_time(self, ms: int) -> None:
        if self.loader.has_audio:
            self.player.seek(self.sync.transcript_to_audio(ms))
        else:
            self.sync.on_position(self.sync.transcript_to_audio(ms))  # still mark where the reader is
        self.view.resume_following()

    # -- text and audio in step ---------------------------------------------------

    def play_from_word(self, turn: int, offset: int) -> None:
        """Alt+click and Play From Here; while the Sync panel is open, Alt+click pins the word to now instead."""
        if self.sync_dock.isVisible() and not self.sync_dock.visibleRegion().isEmpty() and self.loader.has_audio:
            self.time_sync.this_is_now(turn, offset)
            return
        from reader.timeline import time_at_offset

        self._seek_to_transcript_time(time_at_offset(self.keeping.transcript.turns[turn], offset))

    def _this_is_now_from_selection(self) -> None:
        span = self.view.selected_span()
        if span is None:
            self.status.show("Select the words you are hearing now, then press S to set a sync point.")
            return
        self.time_sync.this_is_now(span[0], span[1])
        self.view.clear_selection()
        self.view.resume_following()

    def _show_sync_panel(self) -> None:
        self.sync_dock.show()
        self.sync_dock.raise_()

    def _estimate_over_audio(self, duration_ms: int) -> None:
        """An untimed transcript gets its times spread over the audio it now has
        (once built: :meth:`finish_building` calls this again)."""
        if not self.built:
            return
        transcript = self.keeping.transcript
        if transcript is None or duration_ms <= 0 or all(t.timed for t in transcript.turns):
            return
        if self._estimated_for is not None and abs(self._estimated_for - duration_ms) < 2_000:
            return
        from reader.estimate import spread_over

        spread = spread_over(self.loader.transcript, duration_ms)
        if spread is self.loader.transcript:
            return
        self._estimated_for = duration_ms
        self.keeping.transcript = spread
        self.sync.set_transcript(spread)
        self._rebuild_view()
        self.status.show(
            "This transcript's times are estimated from the audio's length; "
            "set sync points (S) where the text runs early or late."
        )

    def _rebuild_view(self) -> None:
        """Names are part of the document: rebuild it, and keep the reader's place."""
        scroll = self.view.verticalScrollBar().value()
        self.view.show_transcript(self.keeping.transcript, self.keeping.speaker_name)
        self.find_bar.reset()
        self.view.finish_building()
        self.keeping.refresh()
        self.sync.remark()
        self.view.verticalScrollBar().setValue(scroll)

    def show_library(self) -> None:
        if self.keeping.store is None:
            self.status.show(self.keeping.problem or "The library is not available.")
            return
        from ui.library_dialog import LibraryDialog

        dialog = LibraryDialog(self)
        dialog.set_summaries(self.keeping.store.episodes())
        dialog.open_requested.connect(self._open_from_library)
        dialog.exec()

    def show_library_search(self) -> None:
        search = self.keeping.search
        if search is None:
            self.status.show(self.keeping.problem or "Library search is not available.")
            return
        from ui.search_dialog import LibrarySearchDialog

        dialog = LibrarySearchDialog(lambda query: search.search(query, prefix_last=True), self)
        dialog.open_requested.connect(self._open_search_hit)
        dialog.exec()

    def _open_search_hit(self, episode_id: int, turn: int | None, start_ms: int) -> None:
        """That episode, at that turn, ready to play from there."""
        if self.keeping.episode is None or self.keeping.episode.id != episode_id:
            self._open_from_library(episode_id)
            if self.keeping.episode is None or self.keeping.episode.id != episode_id:
                return
        if turn is not None:
            self.view.show_turn_text(turn)
        self._seek_to_transcript_time(start_ms)

    def _open_from_library(self, episode_id: int) -> None:
        episode = self.keeping.store.episode(episode_id)
        audio = episode.audio_path if episode.audio_path and Path(episode.audio_path).is_file() else None
        self.open_transcript(episode.transcript_path, audio)

    def _on_audio_chapters(self, chapters: list) -> None:
        self._audio_chapters = chapters
        if self.built:
            self.chapters.set_chapters(chapters)
        self.player_bar.set_chapters(chapters)
        self.sync.set_chapters(chapters)

    def _on_player_error(self, message: str) -> None:
        if self.loader.has_audio:
            self.status.offer_audio(message)  # the audio failed: offer another
        else:
            self.status.show(message)

    def _on_state_changed(self, state: PlayerState) -> None:
        if state is not PlayerState.Playing:
            self.sync.stop_catching()
        if state is PlayerState.Ended:
            self.status.info("The episode has ended. Press Space to play it again.")
        elif state is PlayerState.Playing:
            self.status.info("")

    def _on_follow_toggled(self, on: bool) -> None:
        if on != self.view.following:
            self.view.resume_following() if on else self.view.pause_following()

    def _on_reading_cursor_toggled(self, on: bool) -> None:
        self.settings.reading_cursor = on
        self.view.set_reading_cursor_enabled(on)

    def _zoom(self, steps: int) -> None:
        self.view.zoom(steps)
        self.settings.text_size = self.view.font().pointSizeF()

    def _restore_playback_settings(self) -> None:
        self.player.set_rate(self.settings.rate)
        self.player.set_volume(self.settings.volume)
        self.player.set_muted(self.settings.muted)
        self.player_bar.sync_from_player()

    def _toggle_mute(self) -> None:
        self.player.set_muted(not self.player.muted)
        self.player_bar.sync_from_player()  # the bar's icon follows the key too
        self._remember_volume()

    def _remember_rate(self, rate: float) -> None:
        self.settings.rate = rate

    def _remember_volume(self) -> None:
        self.settings.volume = self.player.volume
        self.settings.muted = self.player.muted

    # -- window events -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        audio = [p for p in paths if is_audio_path(p)]
        transcripts = [p for p in paths if not is_audio_path(p)]
        if transcripts:
            self.open_transcript(transcripts[0], audio[0] if audio else None)
        elif audio:
            self.loader.pair_audio(audio[0])
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.built:
            self.positions.save_now()
        self._remember_volume()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.player.close()
        super().closeEvent(event)
