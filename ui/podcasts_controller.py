"""Following podcasts in the app: every request on a worker thread.

The controller owns the feeds' storage (used on the GUI thread only, as the
library's connection requires) and runs network work from
:mod:`reader.feeds.service` on daemon threads. A fetched feed is saved on
the same worker, through a connection of its own and in short transactions
(a 2,000-episode feed costs the GUI thread nothing); results come back
through a queued Qt signal. No request ever runs on the GUI thread, so a
server that never answers cannot freeze the window. The network modules (httpx costs over half a
second to import) are first imported on a worker, never while the window
is building.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from reader.feeds.errors import FeedError
from reader.feeds.storage import EpisodeRow, FeedStorage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.feeds.http import Fetcher, Timeouts
    from reader.feeds.service import EpisodeFiles, Fetched
    from ui.settings import AppSettings

T = TypeVar("T")
F = TypeVar("F")
R = TypeVar("R")

#: At most this many requests at once: a start-up refresh must not crowd out
#: the episode the reader is opening.
MAX_WORKERS = 3
PROGRESS_STEP = 256 * 1024
REFRESHING = "Refreshing podcasts…"


class _Bridge(QObject):
    """Carries results from worker threads to the GUI thread (queued)."""

    finished = Signal(object, object)  # callback, result
    progress = Signal(int, int, int)  # episode id, bytes done, total (0: unknown)


@dataclass
class _Refresh:
    """The refresh under way: its Cancel, and whether nobody asked for its news."""

    cancel: threading.Event
    quiet: bool

    @property
    def told_nothing_yet(self) -> bool:
        """Quiet (the start-up refresh) unless the user asked for it or cancelled it since."""
        return self.quiet and not self.cancel.is_set()


class PodcastsController(QObject):
    changed = Signal()  # subscriptions or episodes changed
    message = Signal(str)  # one sentence for the user
    notice = Signal(str)  # news from the quiet start-up refresh: never shown over a warning
    busy = Signal(str)  # what is running ("" when idle)
    open_requested = Signal(str, str)  # transcript path, audio (file, URL or "")
    download_progress = Signal(int, int, int)  # episode id, done, total
    audio_downloaded = Signal(str, str)  # transcript path, the downloaded audio file

    def __init__(
        self,
        feeds: FeedStorage,
        downloads: Path,
        settings: AppSettings | None = None,
        timeouts: Timeouts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.feeds = feeds
        self.downloads = Path(downloads)
        self.settings = settings
        self._timeouts = timeouts
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._finished)
        self._bridge.progress.connect(self.download_progress)
        self._slots = threading.BoundedSemaphore(MAX_WORKERS)
        self._closing = threading.Event()
        self._downloads: dict[int, threading.Event] = {}
        self._refresh: _Refresh | None = None  # the refresh under way: one at a time
        self._running: list[str] = []
        self.playing_audio = ""  # never removed by the space cap

    # --- running work off the GUI thread

    def _start(self, what: str, work: Callable[[Fetcher], T], done: Callable[[T | FeedError], None]) -> None:
        """Run ``work(fetcher)`` on a worker; ``done(result)`` on the GUI thread.

        The result is a FeedError when the work failed with one."""
        self._running.append(what)
        self.busy.emit(what)

        def finish(result: T | FeedError) -> None:
            self._running.remove(what)
            self.busy.emit(self._running[-1] if self._running else "")
            try:
                done(result)
            except sqlite3.Error as error:
                self.message.emit(_library_sentence(error))

        threading.Thread(target=self._work, args=(work, finish), name="feeds", daemon=True).start()

    def _work(self, work: Callable[[Fetcher], T], finish: Callable[[T | FeedError], None]) -> None:
        result: T | FeedError
        with self._slots:
            try:
                from reader.feeds.http import Fetcher, Timeouts

                with Fetcher(self._timeouts or Timeouts()) as fetcher:
                    result = work(fetcher)
            except FeedError as error:
                result = error
            except Exception as error:  # a bug: keep the app alive, say so, leave the trace on stderr
                traceback.print_exc()
                result = FeedError(f"Something went wrong with the podcast ({type(error).__name__}); try again.")
        if not self._closing.is_set():
            self._emit(self._bridge.finished, finish, result)

    def _start_saving(
        self,
        what: str,
        fetch: Callable[[Fetcher], F],
        save: Callable[[FeedStorage, F], T],
        done: Callable[[T | FeedError], None],
    ) -> None:
        """``fetch`` then ``save`` on a worker, the saving through the worker's
        own connection to the library; ``done(result)`` on the GUI thread.

        A library held in memory (tests, a library that could not be opened
        as a file) has no second connection: it is saved in ``done``'s turn."""
        path, busy_timeout_ms = self.feeds.path, self.feeds.busy_timeout_ms
        if path is None:

            def save_here(fetched: F | FeedError) -> None:
                done(fetched if isinstance(fetched, FeedError) else save(self.feeds, fetched))

            self._start(what, fetch, save_here)
            return

        def work(fetcher: Fetcher) -> T:
            fetched = fetch(fetcher)
            try:
                feeds = FeedStorage.open(path, busy_timeout_ms)
                try:
                    return save(feeds, fetched)
                finally:
                    feeds.close()
            except sqlite3.Error as error:
                raise FeedError(_library_sentence(error)) from None

        self._start(what, work, done)

    @staticmethod
    def _emit(signal, *args) -> None:
        """From a worker: the controller may be gone (its window closed) by now."""
        try:
            signal.emit(*args)
        except RuntimeError:  # the Qt object was deleted; nobody is listening
            pass

    def _finished(self, callback, result) -> None:
        """A worker's result, on the GUI thread; after :meth:`shutdown` it is dropped,
        since the library it would be shown from may be closed by now."""
        if not self._closing.is_set():
            callback(result)

    def shutdown(self) -> None:
        """Stop downloads at the next chunk; results still on their way are dropped."""
        self._closing.set()
        for cancel in self._downloads.values():
            cancel.set()
        if self._refresh is not None:
            self._refresh.cancel.set()

    @property
    def running(self) -> bool:
        return bool(self._running)

    # --- subscriptions

    def subscriptions(self):
        return self.feeds.subscriptions()

    def episodes(self, podcast_id: int | None = None) -> list[EpisodeRow]:
        return self.feeds.episodes(podcast_id)

    def episodes_later(self, podcast_id: int | None, describe: Callable[[list[EpisodeRow]], R], done) -> None:
        """``done((episodes, describe(episodes)))`` on the GUI thread, both read
        and made on a worker with its own connection: a list of 4,000 episodes
        took half a second to read and as long again to describe. A library
        in memory (tests) has no second connection and answers at once."""
        path = self.feeds.path
        if path is None:
            rows = self.episodes(podcast_id)
            done((rows, describe(rows)))
            return

        def work() -> None:
            try:
                feeds = FeedStorage.open(path)
                try:
                    rows = feeds.episodes(podcast_id)
                finally:
                    feeds.close()
                result: tuple | None = (rows, describe(rows))
            except sqlite3.Error:
                result = None  # the caller reads them on its own thread instead
            try:
                self._bridge.finished.emit(done, result)
            except RuntimeError:  # the window closed meanwhile
                pass

        threading.Thread(target=work, name="podcast-episodes", daemon=True).start()

    def subscribe(self, url: str) -> None:
        url = url.strip()
        if not url:
            self.message.emit("Paste the podcast's feed address (or its web page) to follow it.")
            return
        self._start_saving(
            "Adding the podcast…", lambda fetcher: service.fetch_feed(fetcher, url), _save_subscribed, self._saved
        )

    def _saved(self, sentence: str | FeedError) -> None:
        """A save on the worker is done: the lists change, and the user hears how it went."""
        if not isinstance(sentence, FeedError):
            self.changed.emit()
        self.message.emit(str(sentence))

    def import_opml(self, path: str | Path) -> None:
        from reader.feeds.opml import read_opml

        try:
            urls = [feed.url for feed in read_opml(path)]
        except FeedError as error:
            self.message.emit(str(error))
            return

        def fetch_all(fetcher: Fetcher) -> list[Fetched | FeedError]:
            return [_attempt(service.fetch_feed, fetcher, url) for url in urls]

        self._start_saving(f"Importing {len(urls)} podcasts…", fetch_all, _save_imported, self._saved)

    def refresh_all(self, quiet: bool = False) -> None:
        """Ask every feed whether it changed (one small conditional request each).

        ``quiet``: at start-up, say something only when there is news. One
        refresh at a time: asked again meanwhile, the one under way (which
        asks every feed) is the answer, and it reports to the user who asked."""
        if self._refresh is not None:
            if not quiet:
                self._refresh.quiet = False
                self.message.emit("Podcasts are being refreshed already; the news shows here when it is done.")
            return
        subscriptions = self.feeds.subscriptions()
        if not subscriptions:
            if not quiet:
                self.message.emit("You follow no podcasts yet; use File → Add Podcast… to follow one.")
            return

        state = self._refresh = _Refresh(threading.Event(), quiet)

        def refresh(fetcher: Fetcher) -> list[Fetched | FeedError]:
            results: list[Fetched | FeedError] = []
            for subscription in subscriptions:
                if state.cancel.is_set():  # between feeds: the rest wait for the next refresh
                    break
                results.append(_attempt(service.refresh, fetcher, subscription))
            return results

        def save(feeds: FeedStorage, results: list[Fetched | FeedError]) -> str:
            return _save_refreshed(feeds, subscriptions, results, state.told_nothing_yet)

        def done(sentence: str | FeedError) -> None:
            self._refresh = None
            self._refreshed(sentence, state.told_nothing_yet)

        self._start_saving(REFRESHING, refresh, save, done)

    def cancel_refresh(self) -> None:
        """Stop refreshing after the feed being fetched; what was fetched is kept,
        and the user who cancelled is told how far it got (even of the quiet one)."""
        state = self._refresh
        if state is None or state.cancel.is_set():
            return
        state.cancel.set()
        self.message.emit("Stopping the refresh after the feed being fetched…")

    @property
    def refreshing(self) -> bool:
        return REFRESHING in self._running

    @property
    def stopping_refresh(self) -> bool:
        """Cancel was pressed; the refresh ends after the feed being fetched."""
        return self._refresh is not None and self._refresh.cancel.is_set()

    def _refreshed(self, sentence: str | FeedError, quiet: bool) -> None:
        # Nobody asked for the start-up refresh: its news must not replace
        # a sentence that matters more (why the audio could not be opened).
        tell = self.notice if quiet else self.message
        if not isinstance(sentence, FeedError):
            self.changed.emit()
        if sentence:
            tell.emit(str(sentence))

    def unsubscribe(self, podcast_id: int) -> None:
        show = self.feeds.subscription(podcast_id)
        self.feeds.unsubscribe(podcast_id)
        self.changed.emit()
        self.message.emit(f"You no longer follow {show.title}; its downloads and your highlights are kept.")

    # --- episodes

    def open_episode(self, episode_id: int) -> None:
        """Fetch the transcript and chapters on a worker, then ask the window to
        open them with the audio: the download if there is one, else streamed."""
        episode = self.feeds.episode(episode_id)
        if episode.is_new:
            self.feeds.mark_episode_seen(episode_id)
            self.changed.emit()
        if episode.transcript_downloaded:
            self._ready(episode)
            return
        if not episode.has_transcript:
            self.message.emit(
                f"{episode.show} publishes no transcript for “{episode.title}”, so there is nothing to read along with."
            )
            return

        def fetch(fetcher: Fetcher):
            return service.fetch_episode_files(fetcher, episode, self.downloads)

        self._start(f"Fetching the transcript of {episode.title}…", fetch, lambda r: self._fetched(episode_id, r))

    def _fetched(self, episode_id: int, files: EpisodeFiles | FeedError) -> None:
        if isinstance(files, FeedError):
            self.message.emit(str(files))
            return
        self.feeds.set_files(episode_id, transcript_path=files.transcript_path, chapters_path=files.chapters_path)
        episode = self.feeds.episode(episode_id)
        self.changed.emit()
        if not files.transcript_path:
            self.message.emit(files.problems[0] if files.problems else "The transcript could not be fetched.")
            return
        self._ready(episode)
        if files.problems:
            self.message.emit(files.problems[0])

    def _ready(self, episode: EpisodeRow) -> None:
        if episode.audio_downloaded:
            self.playing_audio = episode.audio_path
            self.open_requested.emit(episode.transcript_path, episode.audio_path)
            return
        try:
            url = service.check_enclosure(episode)
        except FeedError as error:
            self.open_requested.emit(episode.transcript_path, "")
            self.message.emit(str(error))
            return
        self.open_requested.emit(episode.transcript_path, url)
        self.download(episode.id)

    def download(self, episode_id: int) -> None:
        """Download the audio in the background for offline listening (resumable)."""
        if episode_id in self._downloads:
            return
        episode = self.feeds.episode(episode_id)
        cancel = self._downloads[episode_id] = threading.Event()
        step = {"next": 0}

        def progress(done: int, total: int) -> None:
            if done >= step["next"] or done == total:
                step["next"] = done + PROGRESS_STEP
                self._emit(self._bridge.progress, episode_id, done, total)

        def fetch(fetcher: Fetcher) -> str:
            return service.download_audio(fetcher, episode, self.downloads, progress, cancel.is_set)

        self._start(f"Downloading {episode.title}…", fetch, lambda r: self._downloaded(episode, r))

    def cancel_download(self, episode_id: int | None = None) -> None:
        """Stop one download (every download when ``episode_id`` is None); the
        part already fetched stays, and the next download resumes from it."""
        for downloading, cancel in self._downloads.items():
            if episode_id is None or downloading == episode_id:
                cancel.set()

    @property
    def downloading(self) -> bool:
        return bool(self._downloads)

    @property
    def space_cap_mb(self) -> int:
        return self.settings.podcast_space_mb if self.settings is not None else 0

    def set_space_cap_mb(self, megabytes: int) -> None:
        """Remember the limit and apply it now."""
        if self.settings is not None:
            self.settings.podcast_space_mb = megabytes
        removed = self._apply_space_cap()
        if removed:
            self.changed.emit()
            self.message.emit(_removed_sentence(removed))

    def _apply_space_cap(self, keep: str = "") -> list:
        from reader.feeds.service import enforce_space_cap

        return enforce_space_cap(self.downloads, self.space_cap_mb * 1024 * 1024, keep=(keep, self.playing_audio))

    def open_with_own_transcript(self, episode_id: int, transcript: str) -> None:
        """A transcript file of the reader's own, read along with the episode's audio."""
        episode = self.feeds.episode(episode_id)
        if episode.audio_downloaded:
            self.open_requested.emit(transcript, episode.audio_path)
            return
        try:
            url = service.check_enclosure(episode)
        except FeedError as error:
            self.message.emit(str(error))
            return
        self.open_requested.emit(transcript, url)
        self.download(episode_id)

    def _downloaded(self, episode: EpisodeRow, result: str | FeedError) -> None:
        cancel = self._downloads.pop(episode.id)
        self.changed.emit()
        if cancel.is_set() or not result:
            self.message.emit(f"The download of “{episode.title}” was cancelled; it resumes when you open it again.")
            return
        if isinstance(result, FeedError):
            self.message.emit(str(result))
            return
        self.feeds.set_files(episode.id, audio_path=result)
        removed = self._apply_space_cap(keep=result)
        self.changed.emit()  # downloaded (and maybe others removed)
        transcript = self.feeds.episode(episode.id).transcript_path  # fetched after the download may have begun
        if transcript:
            self.audio_downloaded.emit(transcript, result)
        note = " " + _removed_sentence(removed) if removed else ""
        self.message.emit(f"“{episode.title}” is downloaded for offline listening.{note}")


class _LazyService:
    """reader.feeds.service, imported on first use (by then a worker has imported it)."""

    def __getattr__(self, name: str):
        from reader.feeds import service as module

        return getattr(module, name)


service = _LazyService()


def _library_sentence(error: sqlite3.Error) -> str:
    """The podcast lists live in the library file; say why it can't take them."""
    reason = "is busy in another program" if "locked" in str(error).lower() else "can't be written"
    return f"The podcast list can't be saved because the library {reason}; close other copies and try again."


def _removed_sentence(removed: list) -> str:
    count = len(removed)
    episodes = "an older episode" if count == 1 else f"{count} older episodes"
    return f"The audio of {episodes} was removed to stay within the space limit."


def _save_subscribed(feeds: FeedStorage, fetched: Fetched) -> str:
    """Save a feed just added; the sentence that says so."""
    known = feeds.find_subscription(fetched.feed.url) if fetched.feed else None
    show = service.save_fetched(feeds, fetched)
    if known is not None:
        return f"You already follow {show.title}; its episodes were refreshed."
    return service.following_sentence(feeds, show)


def _save_imported(feeds: FeedStorage, results: list[Fetched | FeedError]) -> str:
    followed = [service.save_fetched(feeds, r) for r in results if not isinstance(r, FeedError)]
    problems = [str(r) for r in results if isinstance(r, FeedError)]
    sentence = f"Followed {len(followed)} of {len(results)} podcasts from the OPML file."
    if problems:
        sentence += f" {len(problems)} could not be read; the first: {problems[0]}"
    return sentence


def _save_refreshed(feeds: FeedStorage, subscriptions, results: list[Fetched | FeedError], quiet: bool) -> str:
    """Save what a refresh brought; the news ("" when a quiet refresh has none).

    Fewer results than subscriptions: the refresh was cancelled, and the
    feeds not reached are left for the next one."""
    before = feeds.new_count()
    failed = []
    for subscription, result in zip(subscriptions, results, strict=False):
        if isinstance(result, FeedError):
            feeds.record_error(subscription.id, str(result))
            failed.append(f"{subscription.title}: {result}")
        else:
            service.save_fetched(feeds, result, subscription)
    new = feeds.new_count() - before
    episodes = f"{new} new episode{'s' if new != 1 else ''}"
    if len(results) < len(subscriptions):
        done = len(results) - len(failed)
        were = "was" if done == 1 else "were"
        parts = [f"Refreshing was cancelled; {done} of {len(subscriptions)} podcasts {were} refreshed ({episodes})."]
    else:
        parts = [f"{episodes}." if new or not quiet else ""]
    if failed:
        parts.append(f"{len(failed)} podcast{'s' if len(failed) != 1 else ''} could not be refreshed ({failed[0]})")
    return " ".join(part for part in parts if part)


def _attempt(work: Callable[..., T], *args) -> T | FeedError:
    """The result, or the FeedError: one feed failing must not stop the others."""
    try:
        return work(*args)
    except FeedError as error:
        return error
