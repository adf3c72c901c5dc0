"""The main window: lays out the reading widgets and routes the user's commands.

It owns no state of its own beyond wiring. The open episode is the
:class:`reader.session.EpisodeSession` handed in by ``ui.app``: the window
listens to it and redraws. Opening files belongs to
:class:`ui.episode.EpisodeLoader`, the spoken turn to
:class:`ui.playback_marks.PlaybackMarks`, keeping to
:class:`ui.keeping.KeepingController`, drawing to the widgets.

Every widget and controller exists from ``__init__`` on. What costs time is
deferred, not half-built: the library opens after the first paint
(:meth:`attach_library`, called by ``ui.app.run``), and panels are filled when
the session says what to show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QVBoxLayout, QWidget

from reader.model import Transcript
from reader.pairing import AUDIO_PATTERNS, is_audio_path
from reader.session import EpisodeSession
from reader.timemap import TimeMap, shift_text
from ui.actions import ActionRegistry
from ui.after_paint import after_next_paint
from ui.alignment import AlignmentController
from ui.chapter_panel import ChapterPanel
from ui.clip_actions import ClipActions
from ui.episode import EpisodeLoader, ask_to_open_huge
from ui.episode_header import EpisodeHeader
from ui.find_bar import FindBar
from ui.highlights_panel import HighlightsPanel
from ui.keep_menu import KeepMenu
from ui.keeping import KeepingController
from ui.plain_text import action_text, plain_tooltip
from ui.playback_marks import PlaybackMarks
from ui.player.base import Player, PlayerState
from ui.player_bar import PlayerBar
from ui.positions import PositionKeeper
from ui.settings import AppSettings
from ui.status import StatusLine
from ui.sync_points_panel import SyncPointsPanel
from ui.theme import apply_theme_palette
from ui.theme_menu import ThemeMenu
from ui.timers import TimerFactory, make_timer
from ui.transcript_view import TranscriptView

TYPE_CHECKING = False  # reader.store and reader.search load only once the library opens
if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from reader.search import LibrarySearch
    from reader.store import Store

TRANSCRIPT_FILTER = (
    "Transcripts (*.txt *.md *.markdown *.srt *.vtt *.sbv *.ttml *.dfxp *.xml *.html *.htm *.json *.tsv);;All files (*)"
)
AUDIO_FILTER = f"Audio ({AUDIO_PATTERNS});;All files (*)"


#: Menu commands that act on an open episode: disabled until there is one.
NEEDS_EPISODE = (
    "highlight",
    "note",
    "bookmark",
    "copy_quote",
    "find",
    "find_next",
    "find_previous",
    "back_to_playback",
    "this_is_now",
    "nudge_earlier",
    "nudge_later",
    "previous_chapter",
    "next_chapter",
    "go_to_time",
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        player: Player,
        settings: AppSettings,
        session: EpisodeSession | None = None,
        timer: TimerFactory = make_timer,
    ) -> None:
        """``session`` is the open episode (a new, empty one when not given).
        The library comes later, through :meth:`attach_library`. ``timer``
        makes the timers of playback marks, keeping and saved positions
        (tests pass ``ui.timers.FakeTimers``)."""
        super().__init__()
        self.player = player
        self.settings = settings
        self._make_timer = timer
        self.session = session or EpisodeSession()
        self.setWindowTitle("Transcript Reader")
        self.setAcceptDrops(True)
        self.resize(first_window_size(self.screen().availableGeometry().size()))

        theme = apply_theme_palette(settings.theme)
        self.view = TranscriptView(theme, settings.text_size)
        self.view.setAcceptDrops(False)  # drops go to the window
        self.view.set_reading_cursor_enabled(settings.reading_cursor)
        self.player_bar = PlayerBar(player)
        self.episode_header = EpisodeHeader()
        self.status = StatusLine(self.statusBar(), open_audio=self.choose_audio)
        self.marks = PlaybackMarks(
            self.view.mark_playback, self, player.position_ms, lambda: player.rate, self.session.to_transcript, timer
        )
        self.loader = EpisodeLoader(player, settings, self.session, self)
        self.find_bar = FindBar(self.view)
        self.chapters = ChapterPanel(theme)
        self._chapters_from_audio = False  # chapters embedded in the audio replace the transcript's
        self.highlights_panel = HighlightsPanel(theme)
        self.sync_points_panel = SyncPointsPanel()
        self.keeping = KeepingController(self.session, self.view, self.highlights_panel, self, timer)
        self.positions = PositionKeeper(player, self.session, self, timer)
        self.keep_menu = KeepMenu(
            self.keeping, self.highlights_panel, self.status.show, self.marks.transcript_position, self
        )
        self.commands = ActionRegistry(self)
        self._reading: QProgressDialog | None = None  # the busy indicator while a large file is read
        self.alignment = AlignmentController(
            self.session, settings, self.statusBar(), self.sync_points_panel, parent=self
        )
        self.clip_actions = ClipActions.wired_to(self)

        self._lay_out()
        self._make_commands()
        self._connect()
        self._restore_playback_settings()
        if player.unavailable_reason:
            self.status.show(player.unavailable_reason)

    # -- the library ----------------------------------------------------------

    def attach_library(
        self, store: Store | None, problem: str | None = None, search: LibrarySearch | None = None
    ) -> None:
        """The library has opened (``ui.app.run`` opens it after the first paint).

        An episode already on screen is then looked up in it: its highlights,
        renamed speakers, sync points and last position come back."""
        self.session.attach_library(store, problem, search)
        if problem:  # last: saving being off matters more than any notice
            self.status.show(problem)
        elif store is not None and store.notice:
            self.status.show(store.notice)

    # -- opening -------------------------------------------------------------

    def open_transcript(self, path: str | Path, audio: str | Path | None = None) -> bool:
        self.positions.save_now()  # where the listener was in the episode being left
        self.status.clear()
        return self.loader.open_transcript(path, audio)

    def choose_transcript(self) -> None:
        start = str(Path(self.session.path).parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Transcript", start, TRANSCRIPT_FILTER)
        if path:
            self.open_transcript(path)

    def choose_audio(self) -> None:
        if self.session.path is None:
            self.status.show("Open a transcript first (Ctrl+O); its audio can be paired with it then.")
            return
        start = str(Path(self.session.path).parent)  # audio usually sits beside it
        path, _ = QFileDialog.getOpenFileName(self, "Open Audio", start, AUDIO_FILTER)
        if path:
            self.loader.pair_audio(path)

    def _show_episode(self, transcript: Transcript) -> None:
        """A new transcript: the text, its chapters and everything kept in it."""
        clock = self.session.clock  # one way of writing times, everywhere
        self.player_bar.set_clock(clock)
        self.chapters.set_clock(clock)
        self.highlights_panel.model.clock = self.sync_points_panel.clock = self.listening.clock = clock
        self.view.show_transcript(transcript, self.session.speaker_name, clock, self._heard_map())
        self.marks.set_transcript(transcript)
        self._chapters_from_audio = False
        self.player_bar.set_chapters(list(transcript.chapters))
        self.chapters.set_chapters(list(transcript.chapters))
        self.setWindowTitle(f"{transcript.title or Path(self.session.path or '').stem} – Transcript Reader")
        self.find_bar.reset()
        self.keeping.refresh()
        self._show_time_map(self.session.time_map)
        self._show_heard_times()

    # -- layout and menus ----------------------------------------------------

    def _lay_out(self) -> None:
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.episode_header)
        column.addWidget(self.view, 1)
        column.addWidget(self.player_bar)
        self.setCentralWidget(central)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.chapters_dock = self._dock("Chapters", "chaptersDock", left, self.chapters)
        self.highlights_dock = self._dock("Highlights", "highlightsDock", right, self.highlights_panel)
        self.sync_dock = self._dock("Sync", "syncDock", right, self.sync_points_panel)
        self.tabifyDockWidget(self.highlights_dock, self.sync_dock)
        self.highlights_dock.raise_()
        self.resizeDocks([self.chapters_dock, self.highlights_dock], [230, 270], Qt.Orientation.Horizontal)

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea, panel: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        dock.setWidget(panel)
        self.addDockWidget(area, dock)
        return dock

    def _make_commands(self) -> None:
        """Every command, with its keys, exists from the start: the menus only
        show them, and are filled once the window has painted (:meth:`_fill_menus`)."""
        commands, bar, session = self.commands, self.player_bar, self.session
        for name, slot in (
            ("open", self.choose_transcript),
            ("open_audio", self.choose_audio),
            ("export", self._export),
            ("quit", self.close),
            ("play_pause", self.player.toggle),
            ("skip_back", bar.skip_back),
            ("skip_forward", bar.skip_forward),
            ("speed_down", bar.speed_down),
            ("speed_up", bar.speed_up),
            ("mute", self._toggle_mute),
            ("find", self.find_bar.open),
            ("find_next", self.find_bar.find_next),
            ("find_previous", self.find_bar.find_previous),
            ("back_to_playback", self.view.resume_following),
            ("zoom_in", lambda: self._zoom(1)),
            ("zoom_out", lambda: self._zoom(-1)),
            ("this_is_now", self._this_is_now_from_selection),
            ("nudge_earlier", lambda: session.nudge(-1)),
            ("nudge_later", lambda: session.nudge(1)),
            ("shortcuts", self.show_shortcuts),
        ):
            commands.add(name, slot)
        self._add_listening()
        self.keep_menu.add_commands(commands, self.show_library, self.show_library_search)
        self.keep_menu.offer_context_menu(self.view, self.play_from_word)
        self.follow_action = QAction("Follow Playback", self, checkable=True, checked=True)
        self.follow_action.toggled.connect(self._on_follow_toggled)
        self.reading_action = QAction("Reading Cursor", self, checkable=True, checked=self.settings.reading_cursor)
        self.reading_action.toggled.connect(self._on_reading_cursor_toggled)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.theme_menu = ThemeMenu(
            self.settings, (self.view, self.chapters, self.highlights_panel), self._redraw_in_new_colours, self
        )
        self._enable_episode_actions(False)
        titles = ("&File", "&Playback", "&View", "H&ighlights", "&Sync", "&Help")  # Alt+H is Help
        self._menus = [self.menuBar().addMenu(title) for title in titles]  # on screen from the first paint
        for menu in self._menus:
            menu.aboutToShow.connect(self._fill_menus)  # opened before they were filled: filled now
        self._menus_filled = False
        self._file_entries: list[QAction] = []

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._menus_filled:
            after_next_paint(self.view.viewport(), self._fill_menus)

    def _fill_menus(self) -> None:
        """The menus' items, after the first paint: about 9 ms the first
        screen does not wait for (the commands themselves already work)."""
        if self._menus_filled:
            return
        self._menus_filled = True
        commands = self.commands
        file_menu, play_menu, view_menu, keep_menu, sync_menu, help_menu = self._menus
        file_menu.addAction(commands["open"])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(commands["open_audio"])
        file_menu.addSeparator()
        file_menu.addAction(commands["export"])
        file_menu.addSeparator()
        file_menu.addAction(commands["quit"])

        for name in ("play_pause", "skip_back", "skip_forward", "speed_down", "speed_up", "mute"):
            play_menu.addAction(commands[name])
        self.listening.fill(play_menu, commands)

        view_menu.addAction(self.follow_action)
        for name in ("find", "find_next", "find_previous", "back_to_playback"):
            view_menu.addAction(commands[name])
        view_menu.addAction(self.reading_action)
        view_menu.addSeparator()
        view_menu.addAction(commands["zoom_in"])
        view_menu.addAction(commands["zoom_out"])
        view_menu.addMenu(self.theme_menu.menu)
        view_menu.addSeparator()
        view_menu.addAction(self.chapters_dock.toggleViewAction())
        view_menu.addAction(self.highlights_dock.toggleViewAction())

        self.keep_menu.fill(keep_menu, commands)

        session = self.session
        for name in ("this_is_now", "nudge_earlier", "nudge_later"):
            sync_menu.addAction(commands[name])
        sync_menu.addSeparator()
        sync_menu.addAction("Show Sync Panel", self.show_sync_panel)
        sync_menu.addAction("Reset Sync", session.reset_time_map)
        sync_menu.addSeparator()
        self.alignment.fill_menu(sync_menu)

        help_menu.addAction(commands["shortcuts"])
        help_menu.addAction("About Transcript Reader", self.show_about)
        self._insert_file_entries(self._file_entries)

    def add_file_entries(self, actions: list[QAction]) -> None:
        """Entries another part of the app puts in File, above Export (Podcasts,
        which come with the library); in the menu now or when it is filled."""
        self._file_entries.extend(actions)
        if self._menus_filled:
            self._insert_file_entries(actions)

    def _insert_file_entries(self, actions: list[QAction]) -> None:
        if actions:
            export, file_menu = self.commands["export"], self._menus[0]
            for action in actions:
                file_menu.insertAction(export, action)
            file_menu.insertSeparator(export)

    def _show_audio_details(self, audio: str) -> None:
        """Cover art and description from the audio's tags, in the header."""
        from reader.audio_details import audio_details

        if not audio.startswith(("http://", "https://")):
            self.episode_header.show_details(audio_details(audio))

    def _enable_episode_actions(self, enabled: bool) -> None:
        """Commands about an open episode are greyed out until one is open."""
        for name in NEEDS_EPISODE:
            self.commands[name].setEnabled(enabled)

    def _add_listening(self) -> None:
        """Chapter by chapter, Go to Time… and the sleep timer (``ui.listening``)."""
        from ui.listening import ListeningMenu, SleepTimer

        self.sleep_timer = SleepTimer(self.player, self.status.show, self._make_timer, parent=self)
        self.marks.chapter_changed.connect(self.sleep_timer.chapter_changed)
        self.listening = ListeningMenu(
            self.chapters.chapters,
            self.marks.transcript_position,
            self._seek_to_transcript_time,
            self.sleep_timer,
            self.status.show,
            self,
        )
        self.listening.add_commands(self.commands)
        self.player_bar.previous_chapter_button.clicked.connect(self.listening.previous_chapter)
        self.player_bar.next_chapter_button.clicked.connect(self.listening.next_chapter)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        entries = self.settings.recent()
        for entry in entries:
            path = entry["transcript"]
            item = self.recent_menu.addAction(action_text(f"{Path(path).name}  —  {Path(path).parent}"))
            item.setToolTip(plain_tooltip(path))
            item.triggered.connect(lambda _=False, e=entry: self.open_transcript(e["transcript"], e.get("audio")))
        if not entries:
            self.recent_menu.addAction("No recent transcripts").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self.settings.clear_recent)

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.settings.folder, self).exec()

    def show_shortcuts(self) -> None:
        from ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def _export(self) -> None:
        from ui.export_dialog import default_export_folder

        self.keep_menu.export(default_export_folder(self.session.path))

    # -- signals -----------------------------------------------------------

    def _connect(self) -> None:
        session = self.session
        session.opened.connect(self._show_episode)
        session.opened.connect(
            lambda transcript: self.episode_header.show_transcript_description(transcript.description)
        )
        self.loader.audio_paired.connect(self._show_audio_details)
        session.opened.connect(lambda _transcript: self._enable_episode_actions(True))
        session.transcript_changed.connect(self._rebuild_view)
        session.turns_retimed.connect(self._retime_view)
        session.time_map_changed.connect(self._on_time_map_changed)
        session.episode_found.connect(lambda _episode: self.positions.go_back_to_last_position())
        session.message.connect(self.status.show)
        session.info.connect(self.status.info)
        self.loader.chapters_found.connect(self._on_audio_chapters)
        self.loader.message.connect(self.status.show)
        self.loader.reading.connect(self._show_reading)
        self.loader.first_turns.connect(self.view.show_first_turns)
        self.loader.once_first_turns_shown = lambda then: after_next_paint(self.view.viewport(), then)
        self.loader.confirm_huge = lambda sentence: ask_to_open_huge(self, sentence)
        self.loader.info.connect(self.status.info)
        self.loader.audio_missing.connect(self.status.offer_audio)
        self.loader.audio_missing.connect(lambda _msg: self.player_bar.set_enabled_for_media(False))
        self.loader.audio_missing.connect(lambda _msg: self.view.set_playback_available(False))
        self.loader.audio_paired.connect(lambda _path: self.status.audio_ready())
        self.loader.audio_paired.connect(lambda _path: self.view.set_playback_available(True))
        self.loader.audio_paired.connect(lambda _path: self.positions.go_back_to_last_position())
        self.loader.audio_paired.connect(lambda _path: self.alignment.audio_ready())
        self.loader.audio_paired.connect(lambda _path: self._show_heard_times())
        self.loader.audio_missing.connect(lambda _msg: self._show_heard_times())
        self.alignment.message.connect(self.status.show)
        self.player.position_changed.connect(self.marks.on_position)
        self.player.seeked.connect(self.marks.on_position)
        self.player.position_changed.connect(self._show_shift)
        self.player.seeked.connect(self._show_shift)
        self.player.error.connect(self._on_player_error)
        self.player.state_changed.connect(self._on_state_changed)
        self.player.duration_changed.connect(session.estimate_over)
        self.player_bar.rate_changed.connect(self._remember_rate)
        self.player.state_changed.connect(lambda _s: self._remember_volume())
        self.view.seek_requested.connect(self._seek_to_transcript_time)
        self.view.word_chosen.connect(self.play_from_word)
        self.view.following_changed.connect(self.follow_action.setChecked)
        self.sync_points_panel.remove_requested.connect(session.remove_sync_point)
        self.sync_points_panel.reset_requested.connect(session.reset_time_map)
        self.chapters.seek_requested.connect(self._seek_to_transcript_time)
        self.marks.chapter_changed.connect(self.chapters.set_current_chapter)
        self.keeping.note_requested.connect(self.highlights_dock.show)
        self.keeping.seek_requested.connect(self._seek_to_transcript_time)

    def _seek_to_transcript_time(self, ms: int) -> None:
        self._seek_to_audio_time(self.session.to_audio(ms))

    def _seek_to_audio_time(self, audio_ms: int) -> None:
        if self.loader.has_audio:
            self.player.seek(audio_ms)
        else:
            self.marks.on_position(audio_ms)  # still mark where the reader is
        self.view.resume_following()

    # -- text and audio in step ---------------------------------------------------

    def play_from_word(self, turn: int, offset: int) -> None:
        """Alt+click and Play From Here; while the Sync panel is open, Alt+click pins the word to now instead."""
        if self.sync_dock.isVisible() and not self.sync_dock.visibleRegion().isEmpty() and self.loader.has_audio:
            self._pin(turn, offset)
            return
        from reader.timeline import time_at_offset

        transcript = self.session.transcript
        if transcript is not None:
            self._seek_to_transcript_time(time_at_offset(transcript.turns[turn], offset))

    def _this_is_now_from_selection(self) -> None:
        span = self.view.selected_span()
        if span is None:
            self.status.show("Select the words you are hearing now, then press S to set a sync point.")
            return
        self._pin(span[0], span[1])
        self.view.clear_selection()
        self.view.resume_following()

    def _pin(self, turn: int, offset: int) -> None:
        """The words at (turn, offset) are being heard now."""
        if not self.loader.has_audio:
            self.status.show("Sync points need the episode's audio; open it with Open Audio… first.")
            return
        self.session.pin(turn, offset, self.player.position_ms())

    def _on_time_map_changed(self, time_map: TimeMap) -> None:
        if self.session.transcript is not None:
            self.marks.on_position(self.player.position_ms())  # mark again under the new map
        self._show_time_map(time_map)
        self._show_heard_times()

    def _heard_map(self) -> TimeMap | None:
        """The map from text to the open audio's time (sync points, nudge, gaps
        found), which stamps and lists show times through; None without audio,
        where times are as the transcript writes them."""
        return self.session.heard_map if self.loader.has_audio else None

    def _show_heard_times(self) -> None:
        """Stamps and the chapter list show when things are heard in the audio."""
        heard = self._heard_map()
        self.view.show_heard_times(heard)
        self.chapters.set_heard_times(heard)
        self.highlights_panel.model.set_heard_times(self.session.heard_times().heard_start if heard else None)

    def _show_time_map(self, time_map: TimeMap) -> None:
        self.sync_points_panel.set_map(time_map)
        self.player_bar.set_time_map(self.session.heard_map)  # chapter ticks where heard, past found gaps too
        self._show_shift()

    def _show_shift(self, _audio_ms: int = 0) -> None:
        """The shift in effect where the listener is (it differs either side of an ad)."""
        time_map = self.session.time_map
        here = self.marks.transcript_position()
        shift = "" if time_map.is_identity else f"text {shift_text(time_map.shift_at(here))}"
        if shift != self.status.shift.text():
            self.status.shift.setText(shift)

    def show_sync_panel(self) -> None:
        self.sync_dock.show()
        self.sync_dock.raise_()

    def _redraw_in_new_colours(self) -> None:
        if self.session.transcript is not None:
            self._rebuild_view()

    def _rebuild_view(self) -> None:
        """Names and times are part of the document: rebuild it, and keep the reader's place."""
        transcript = self.session.transcript
        if transcript is None:
            return
        scroll = self.view.verticalScrollBar().value()
        self.view.show_transcript(transcript, self.session.speaker_name, self.session.clock, self._heard_map())
        self.marks.set_transcript(transcript, same_episode=True)
        self.find_bar.reset()
        self.view.finish_building()
        self.keeping.refresh()
        self._show_heard_times()
        self.marks.remark()
        self.view.verticalScrollBar().setValue(scroll)

    def _retime_view(self, turns: list[int]) -> None:
        """Alignment moved the times, not the text: the view rewrites only those
        stamps (in slices) and the marks follow the new times."""
        transcript = self.session.transcript
        if transcript is None:
            return
        self.view.retime(transcript, turns)
        self.marks.set_transcript(transcript, same_episode=True)
        if not self._chapters_from_audio:  # the transcript's chapters moved with their turns
            self.player_bar.set_chapters(list(transcript.chapters))
            self.chapters.set_chapters(list(transcript.chapters))
        self.marks.remark()

    def show_library(self) -> None:
        store = self.session.store
        if store is None:
            self.status.show(self.session.problem or "The library is not available.")
            return
        from ui.library_dialog import LibraryDialog

        dialog = LibraryDialog(self)
        dialog.set_summaries(store.episodes())
        dialog.open_requested.connect(self.open_from_library)
        dialog.exec()

    def show_library_search(self) -> None:
        search = self.session.search
        if search is None:
            self.status.show(self.session.problem or "Library search is not available.")
            return
        from reader.align.kept import HeardEpisodes
        from ui.search_dialog import LibrarySearchDialog

        # Hits show (and play) the time they are heard: the open episode's from
        # this session, another's from its kept alignment, worked out on the
        # dialog's search thread (a long episode's takes most of a second).
        heard = HeardEpisodes(search.library(), self.session.heard_times())

        def find(query: str) -> list:
            return [heard.heard_hit(hit) for hit in search.search(query, prefix_last=True)]

        dialog = LibrarySearchDialog(find, self, in_background=True)
        dialog.open_requested.connect(self.open_search_hit)
        dialog.exec()

    def open_search_hit(self, episode_id: int, turn: int | None, start_ms: int, heard: bool = False) -> None:
        """That episode, at that turn, ready to play from there. ``heard``:
        ``start_ms`` is audio time (the hit's words as aligned), else the
        transcript's own time."""
        episode = self.session.episode
        if episode is None or episode.id != episode_id:
            self.open_from_library(episode_id)
            episode = self.session.episode
            if episode is None or episode.id != episode_id:
                return
        if turn is not None:
            self.view.show_turn_text(turn)
        if heard:
            self._seek_to_audio_time(start_ms)
        else:
            self._seek_to_transcript_time(start_ms)

    def open_from_library(self, episode_id: int) -> None:
        store = self.session.store
        if store is None:
            return
        episode = store.episode(episode_id)
        audio = episode.audio_path if episode.audio_path and Path(episode.audio_path).is_file() else None
        self.open_transcript(episode.transcript_path, audio)

    def _on_audio_chapters(self, chapters: list) -> None:
        self._chapters_from_audio = bool(chapters)
        self.chapters.set_chapters(chapters)
        self.player_bar.set_chapters(chapters)
        self.marks.set_chapters(chapters)

    def _on_player_error(self, message: str) -> None:
        if self.loader.has_audio:
            self.status.offer_audio(message)  # the audio failed: offer another
        else:
            self.status.show(message)

    def _on_state_changed(self, state: PlayerState) -> None:
        if state is not PlayerState.Playing:
            self.marks.stop_catching()
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

    def _show_reading(self, busy: bool) -> None:
        """A large file is being read on a worker: after half a second, say so
        and offer Cancel (the episode on screen stays usable meanwhile)."""
        from ui.progress import busy_dialog

        if self._reading is not None:
            self._reading.canceled.disconnect()
            self._reading.reset()
            self._reading.deleteLater()
            self._reading = None
        if busy:
            self._reading = busy_dialog("Reading the transcript…", "Opening", self, show_after_ms=500)
            self._reading.canceled.connect(self.loader.cancel_reading)

    def _settle_pending_changes(self) -> bool:
        """Changes not yet in the library: try once more, then ask. False keeps the window open."""
        from ui import pending_dialog

        session = self.session
        while not session.retry_saving() and session.pending_changes:
            choice = pending_dialog.ask_about_pending(self, session.pending_changes, session.saving.problem)
            if choice == pending_dialog.QUIT:
                return True
            if choice == pending_dialog.STAY:
                return False
            if choice == pending_dialog.EXPORT:
                from ui.export_dialog import default_export_folder
                from ui.keep_menu import suggested_export_path

                title = session.episode.title if session.episode else None
                suggested = suggested_export_path(default_export_folder(session.path), title, ".md")
                path, _ = QFileDialog.getSaveFileName(self, "Export Highlights", suggested, "Markdown (*.md)")
                if path and self.keeping.export_kept(path):
                    return True
        return True

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
        self.keeping.save_note_being_typed()  # before the question about unsaved changes counts them
        self.positions.save_now()
        if not self._settle_pending_changes():
            event.ignore()
            return
        self.keeping.close()
        self._remember_volume()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.player.close()
        super().closeEvent(event)


#: Room for the text column between the two docks, on a screen that has it.
PREFERRED_SIZE = QSize(1280, 820)
#: Kept free below a first window for its title bar and the desktop's own
#: panels, which the available geometry does not always leave out.
FRAME_ALLOWANCE_PX = 60


def first_window_size(available: QSize) -> QSize:
    """The first window's size: the preferred one, shrunk to the screen, so the
    player bar and the status line never start below its bottom edge (a
    1280x800 laptop screen would otherwise hide them)."""
    return QSize(
        min(PREFERRED_SIZE.width(), available.width()),
        min(PREFERRED_SIZE.height(), available.height() - FRAME_ALLOWANCE_PX),
    )
