"""Podcasts in the main window: the File menu's entries and the start-up refresh.

Called once from ``ui.app`` after the library opened, so the window itself
knows nothing about feeds: the menu entries are added before File → Export
Highlights… through the window's public command registry (``window.commands``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from reader.feeds.paths import downloads_dir
from reader.feeds.storage import FeedStorage
from ui.podcasts_controller import PodcastsController

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ui.podcasts_dialog import PodcastsDialog

#: The start-up refresh waits until the window has settled.
REFRESH_AFTER_START_MS = 2000


class Podcasts(QObject):
    """The controller, the (lazily built) Podcasts view and their menu entries."""

    def __init__(self, window, store, library_dir: Path, refresh_at_start: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self._store = store
        self.controller = PodcastsController(
            FeedStorage(store.connection),
            downloads_dir(library_dir),
            window.settings,
            parent=self,
        )
        self.controller.open_requested.connect(self._open)
        self.controller.message.connect(self._tell)
        # Routine news: shown only when no warning waits to be read.
        self.controller.notice.connect(window.status.info)
        self.controller.download_progress.connect(self._progress)
        self.controller.audio_downloaded.connect(lambda transcript, audio: self._pair_downloads([(transcript, audio)]))
        self._pair_downloads(self.controller.feeds.downloaded_audio())  # downloads finished before this fix, too
        self._shown_percent = -1
        self.dialog: PodcastsDialog | None = None
        self._add_menu_entries()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.shutdown)
        if refresh_at_start:
            QTimer.singleShot(REFRESH_AFTER_START_MS, lambda: self.controller.refresh_all(quiet=True))

    def _add_menu_entries(self) -> None:
        """Before File → Export Highlights…. They exist only with a library, so
        they are not in the window's command table (ui/shortcuts.py), which
        lists what every window has."""
        podcasts = QAction("Podcasts…", self.window, shortcut=QKeySequence("Ctrl+Shift+P"))
        podcasts.triggered.connect(self.show_view)
        self.window.addAction(podcasts)  # its keys work with the menu bar hidden
        self.actions: dict[str, QAction] = {"Podcasts…": podcasts}
        for text, slot in (
            ("Add Podcast…", self.add_podcast),
            ("Import OPML…", self.import_opml),
            ("Show Downloads", self.show_downloads),
        ):
            action = QAction(text, self.window)
            action.triggered.connect(slot)
            self.actions[text] = action
        self.window.add_file_entries(list(self.actions.values()))

    def view(self) -> PodcastsDialog:
        """The Podcasts view, built on first use and kept (it is not modal)."""
        if self.dialog is None:
            from ui.podcasts_dialog import PodcastsDialog

            self.dialog = PodcastsDialog(self.controller, self.window)
            self.dialog.show_downloads_requested.connect(self.show_downloads)
        return self.dialog

    def show_view(self) -> None:
        dialog = self.view()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def add_podcast(self) -> None:
        self.show_view()
        self.view().ask_for_feed()

    def import_opml(self) -> None:
        self.show_view()
        self.view().choose_opml()

    def show_downloads(self) -> None:
        from ui.podcasts_dialog import open_folder

        if not open_folder(self.controller.downloads):
            self._tell(f"Downloads are in {self.controller.downloads}; no file manager could be opened.")

    def _open(self, transcript: str, audio: str) -> None:
        """The episode in the window, in front of the Podcasts view."""
        if self.dialog is not None:
            self.dialog.hide()
        if self.window.open_transcript(transcript, audio or None):
            self._name_in_library(transcript)

    def _name_in_library(self, transcript: str) -> None:
        """The library, its search and the exports call the episode by its
        real title, not by the downloaded file's dated name."""
        from reader.store import StoreError

        feed_episode = self.controller.feeds.episode_for_transcript(transcript)
        try:
            episode = self._store.find_episode(path=transcript)
            if feed_episode is not None and episode is not None and episode.title != feed_episode.title:
                self._store.update_episode(episode.id, title=feed_episode.title)
        except StoreError as error:
            self._tell(str(error))

    def _pair_downloads(self, downloads: list[tuple[str, str]]) -> None:
        """The Library pairs each downloaded episode with its audio file, not
        with the address it streamed from while the download ran (which it
        would call "missing")."""
        from reader.store import StoreError

        try:
            for transcript, audio in downloads:
                episode = self._store.find_episode(path=transcript)
                if episode is not None and episode.audio_path != audio and not os.path.isfile(episode.audio_path or ""):
                    self._store.update_episode(episode.id, audio_path=audio)
        except StoreError as error:
            self._tell(str(error))

    def _progress(self, _episode_id: int, done: int, total: int) -> None:
        """Routine news in the status line, every 10%: it never hides a warning."""
        percent = done * 100 // total if total else -1
        if percent // 10 != self._shown_percent // 10 and percent < 100:
            self._shown_percent = percent
            self.window.status.info(f"Downloading the episode for offline listening… {max(percent, 0)}%")

    def _tell(self, sentence: str) -> None:
        self.window.status.show(sentence)


def install_podcasts(window, store, library_dir: Path) -> Podcasts | None:
    """None when the library is not available (podcasts live in it)."""
    return Podcasts(window, store, library_dir) if store is not None else None
