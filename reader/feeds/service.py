"""What the app and the command line do with feeds, without Qt.

Network work (:func:`fetch_feed`, :func:`refresh`, :func:`fetch_episode_files`,
:func:`download_audio`) takes plain values and returns plain values, so the
UI runs it on a worker thread and writes the results to the library on its
own thread. Every failure is a FeedError with one sentence.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader.feeds.errors import FeedError
from reader.feeds.feed import Feed, feed_links_in_page, looks_like_html, parse_feed
from reader.feeds.http import MAX_TRANSCRIPT_BYTES, Fetcher, check_url
from reader.feeds.paths import episode_stem, inside, show_folder
from reader.feeds.storage import EpisodeRow, FeedStorage, Subscription
from reader.feeds.transcripts import ranked_transcripts

_AUDIO_SUFFIX_BY_TYPE = {
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/aac": ".aac",
    "audio/ogg": ".ogg",
    "audio/opus": ".opus",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/flac": ".flac",
}
_AUDIO_SUFFIXES = {".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac"}


@dataclass(frozen=True)
class Fetched:
    """A feed as fetched: ``feed`` None when the server said it had not changed."""

    feed: Feed | None
    etag: str | None
    last_modified: str | None
    moved_to: str | None  # a permanent new address (301/308 or <itunes:new-feed-url>)


def normalise_feed_url(text: str) -> str:
    """What a user typed or pasted, as a URL: ``feed://`` and ``itpc://`` are
    podcast apps' names for http, and a bare host gets ``https://``."""
    text = text.strip()
    lowered = text.lower()
    for prefix in ("feed://", "itpc://", "pcast://", "podcast://"):
        if lowered.startswith(prefix):
            return "https://" + text[len(prefix) :]
    if "://" not in text and not lowered.startswith(("file:", "javascript:", "data:")) and "." in text:
        return "https://" + text
    return text


def fetch_feed(fetcher: Fetcher, url: str) -> Fetched:
    """A new subscription: the feed at ``url``, or the feed a podcast's web
    page links to, following ``<itunes:new-feed-url>`` once."""
    typed = url.strip()
    url = check_url(normalise_feed_url(typed))
    try:
        reply = fetcher.get(url)
    except FeedError:
        if "://" in typed:
            raise
        # "host/feed.xml" was tried as https; some hosts serve podcasts over http only.
        url = "http://" + typed
        reply = fetcher.get(url)
    if looks_like_html(reply.body):
        links = feed_links_in_page(reply.body, reply.url)
        if not links:
            raise FeedError(f"{url} is a web page that names no podcast feed; paste the show's RSS feed address.")
        reply = fetcher.get(links[0])
    feed = parse_feed(reply.body, reply.moved_to or reply.url)
    moved = reply.moved_to
    if feed.new_url and feed.new_url != feed.url:
        moved_feed = _follow_new_url(fetcher, feed)
        if moved_feed is not None:
            return Fetched(moved_feed[0], moved_feed[1], moved_feed[2], moved_feed[0].url)
    return Fetched(feed, reply.etag, reply.last_modified, moved)


def _follow_new_url(fetcher: Fetcher, feed: Feed) -> tuple[Feed, str | None, str | None] | None:
    """The feed at its announced new address; None (keep the old) if that fails."""
    try:
        reply = fetcher.get(feed.new_url)
        return parse_feed(reply.body, reply.url), reply.etag, reply.last_modified
    except FeedError:
        return None


def refresh(fetcher: Fetcher, subscription: Subscription) -> Fetched:
    """One conditional request: unchanged feeds cost a 304 and no parsing."""
    reply = fetcher.get(subscription.url, etag=subscription.etag, last_modified=subscription.last_modified)
    if reply.not_modified:
        return Fetched(None, subscription.etag, subscription.last_modified, reply.moved_to)
    feed = parse_feed(reply.body, reply.moved_to or subscription.url)
    if feed.new_url and feed.new_url != feed.url:
        moved_feed = _follow_new_url(fetcher, feed)
        if moved_feed is not None:
            return Fetched(moved_feed[0], moved_feed[1], moved_feed[2], moved_feed[0].url)
    return Fetched(feed, reply.etag, reply.last_modified, reply.moved_to)


def save_fetched(feeds: FeedStorage, fetched: Fetched, subscription: Subscription | None = None) -> Subscription:
    """Write what :func:`fetch_feed` or :func:`refresh` brought to the library."""
    if fetched.feed is None:
        if subscription is None:
            raise ValueError("an unchanged feed needs its subscription")
        if fetched.moved_to:
            feeds.move(subscription.id, fetched.moved_to)
        feeds.record_unchanged(subscription.id)
        return feeds.subscription(subscription.id)
    return feeds.save_feed(
        fetched.feed,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        podcast_id=subscription.id if subscription else None,
    )


# --- episodes -----------------------------------------------------------------


@dataclass(frozen=True)
class EpisodeFiles:
    transcript_path: str  # "" when no transcript could be had
    chapters_path: str
    problems: tuple[str, ...]  # one sentence per file that failed


def following_sentence(feeds: FeedStorage, show: Subscription) -> str:
    """What following a podcast gave, as the app and the command line say it."""
    episodes = feeds.episodes(show.id)
    with_text = sum(1 for episode in episodes if episode.has_transcript)
    noun = "episode" if len(episodes) == 1 else "episodes"
    return f"Following {show.title}: {len(episodes)} {noun}, {with_text} with a transcript."


def episode_base(downloads: Path, episode: EpisodeRow) -> Path:
    """``downloads/Show/2026-11-02 Title``: the transcript, audio and chapters
    share this stem, so the app pairs them even offline."""
    folder = show_folder(downloads, episode.show)
    base = folder / episode_stem(episode.title, episode.published)
    if not inside(downloads, base):
        raise FeedError(f"The episode {episode.title[:60]!r} has a name that cannot be saved safely.")
    return base


def importer_reads(path: Path) -> str | None:
    """None if the app's importer reads ``path``; else its sentence saying why not."""
    from reader.errors import TranscriptError
    from reader.importer import load

    try:
        load(path)
    except TranscriptError as error:
        return str(error)
    return None


def fetch_episode_files(
    fetcher: Fetcher,
    episode: EpisodeRow,
    downloads: Path,
    readable: Callable[[Path], str | None] = importer_reads,
) -> EpisodeFiles:
    """The richest transcript the app can read, and the chapters JSON.

    Formats are tried from richest to plainest; ``readable(path)`` returns
    the sentence saying why a downloaded file can't be read (None if it
    can), and the next format is tried. Files already downloaded are kept."""
    base = episode_base(downloads, episode)
    base.parent.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    transcript = _existing(episode.transcript_path, downloads)
    if not transcript:
        transcript = _first_readable(fetcher, ranked_transcripts(episode.transcripts), base, readable, problems)
    chapters = _existing(episode.chapters_path, downloads)
    if not chapters and episode.chapters_url:
        target = base.with_name(base.name + ".chapters.json")
        try:
            _save(fetcher.get(episode.chapters_url, max_bytes=MAX_TRANSCRIPT_BYTES, what="The chapters").body, target)
            chapters = str(target)
        except FeedError as error:
            problems.append(str(error))
    if not episode.transcripts:
        problems.append(f"{episode.show} publishes no transcript for this episode.")
    return EpisodeFiles(transcript, chapters, tuple(problems))


def _existing(path: str, downloads: Path) -> str:
    return path if path and os.path.isfile(path) and inside(downloads, Path(path)) else ""


def _first_readable(fetcher, links, base: Path, readable, problems: list[str]) -> str:
    for link in links:
        target = base.with_name(base.name + link.suffix)
        try:
            _save(fetcher.get(link.url, max_bytes=MAX_TRANSCRIPT_BYTES, what="The transcript").body, target)
        except FeedError as error:
            problems.append(str(error))
            continue
        reason = readable(target)
        if reason is None:
            return str(target)
        target.unlink(missing_ok=True)
        problems.append(reason)
    return ""


def _save(data: bytes, target: Path) -> None:
    part = target.with_name(target.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as error:
        raise FeedError(f"{target.name} could not be saved ({error.strerror}); check the downloads folder.") from None


def audio_target(downloads: Path, episode: EpisodeRow) -> Path:
    suffix = Path(urlsplit(episode.audio_url).path).suffix.lower()
    if suffix not in _AUDIO_SUFFIXES:
        suffix = _AUDIO_SUFFIX_BY_TYPE.get(episode.audio_type.lower(), ".mp3")
    base = episode_base(downloads, episode)
    return base.with_name(base.name + suffix)


def check_enclosure(episode: EpisodeRow) -> str:
    """The audio's URL, or FeedError when the episode has none a player can use."""
    if not episode.audio_url:
        raise FeedError(f"{episode.title[:60]} has no audio in the feed.")
    kind = episode.audio_type.lower()
    if kind and not kind.startswith(("audio/", "video/", "application/octet-stream")):
        raise FeedError(f"The feed's file for {episode.title[:60]} is {kind}, not audio; it cannot be played.")
    return check_url(episode.audio_url)


def download_audio(
    fetcher: Fetcher,
    episode: EpisodeRow,
    downloads: Path,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> str:
    """The audio saved under the show's folder (resuming a broken download);
    "" if cancelled."""
    url = check_enclosure(episode)
    target = audio_target(downloads, episode)
    if target.is_file():
        return str(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    done = fetcher.download(url, target, progress=progress, cancelled=cancelled, accept=("audio/", "video/"))
    return str(target) if done else ""


def enforce_space_cap(downloads: Path, cap_bytes: int, keep: tuple[str, ...] = ()) -> list[Path]:
    """Remove the oldest downloaded audio until it all fits in ``cap_bytes``.

    Only audio is removed: transcripts, chapters and the library stay. Files
    in ``keep`` (the episode playing) are never removed."""
    if cap_bytes <= 0 or not downloads.is_dir():
        return []
    keep_set = {os.path.abspath(path) for path in keep if path}
    audio = [path for path in downloads.rglob("*") if path.is_file() and path.suffix.lower() in _AUDIO_SUFFIXES]
    audio.sort(key=lambda path: path.stat().st_mtime)
    total = sum(path.stat().st_size for path in audio)
    removed = []
    for path in audio:
        if total <= cap_bytes:
            break
        if os.path.abspath(path) in keep_set:
            continue
        size = path.stat().st_size
        path.unlink(missing_ok=True)
        total -= size
        removed.append(path)
    return removed
