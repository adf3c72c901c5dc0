"""Subscriptions and their episodes, in their own tables of the library file.

The tables live beside the highlights in ``library.db`` (one file to back
up), on the store's own connection, and are created with sqlite-utils on
first use. Each write is one ``BEGIN IMMEDIATE`` transaction, so a refresh
of a 2,000-episode feed is one commit, not 2,000. What the reader has done
with an episode (opened it, highlighted) is read from the library's
``episodes`` table through the transcript's path.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from reader.feeds.transcripts import TranscriptLink, pick_transcript
from reader.store.transaction import immediate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.feeds.feed import Feed, FeedEpisode

PODCASTS, EPISODES = "podcasts", "feed_episodes"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Subscription:
    id: int
    url: str
    title: str
    link: str
    description: str
    author: str
    etag: str | None
    last_modified: str | None
    checked_at: str | None
    error: str


@dataclass(frozen=True)
class EpisodeRow:
    """One feed episode as the Podcasts view shows it."""

    id: int
    podcast_id: int
    show: str
    show_link: str
    guid: str
    title: str
    published: int
    duration_ms: int
    link: str
    description: str
    description_html: str
    audio_url: str
    audio_type: str
    transcripts: tuple[TranscriptLink, ...]
    chapters_url: str
    is_new: bool
    transcript_path: str
    audio_path: str
    chapters_path: str
    opened: bool  # in the library: the reader has opened it
    highlight_count: int

    @property
    def has_transcript(self) -> bool:
        return bool(self.transcripts)

    @property
    def best_transcript(self) -> TranscriptLink | None:
        return pick_transcript(self.transcripts)

    @property
    def transcript_downloaded(self) -> bool:
        return bool(self.transcript_path) and os.path.isfile(self.transcript_path)

    @property
    def audio_downloaded(self) -> bool:
        return bool(self.audio_path) and os.path.isfile(self.audio_path)


#: Episodes written per transaction: a 2,000-episode feed is saved in short
#: transactions, so the window's own writes (a highlight) never wait long.
SAVE_CHUNK = 200


class FeedStorage:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._db = sqlite_utils.Database(conn)
        self._create()
        #: The library file, so a worker thread can open its own connection; None in memory.
        self.path: str | None = conn.execute("PRAGMA database_list").fetchone()[2] or None

    @property
    def busy_timeout_ms(self) -> int:
        """How long this connection waits on a library busy in another program;
        give a worker's connection (:meth:`open`) the same patience."""
        return self._conn.execute("PRAGMA busy_timeout").fetchone()[0]

    @classmethod
    def open(cls, path: str, busy_timeout_ms: int = 5000) -> FeedStorage:
        """Storage on a connection of its own (close it with :meth:`close`), for
        a worker thread: a sqlite3 connection belongs to the thread that made it."""
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            return cls(conn)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def _create(self) -> None:
        with immediate(self._conn):
            self._db.table(PODCASTS).create(
                {
                    "id": int,
                    "url": str,
                    "title": str,
                    "link": str,
                    "description": str,
                    "author": str,
                    "etag": str,
                    "last_modified": str,
                    "checked_at": str,
                    "error": str,
                    "added_at": str,
                },
                pk="id",
                not_null={"url", "title"},
                defaults={"link": "", "description": "", "author": "", "error": ""},
                if_not_exists=True,
            )
            self._db.table(PODCASTS).create_index(["url"], unique=True, if_not_exists=True)
            self._db.table(EPISODES).create(
                {
                    "id": int,
                    "podcast_id": int,
                    "guid": str,
                    "title": str,
                    "published": int,
                    "duration_ms": int,
                    "link": str,
                    "description": str,
                    "description_html": str,
                    "audio_url": str,
                    "audio_type": str,
                    "audio_bytes": int,
                    "transcripts": str,
                    "chapters_url": str,
                    "first_seen": str,
                    "is_new": int,
                    "transcript_path": str,
                    "audio_path": str,
                    "chapters_path": str,
                },
                pk="id",
                foreign_keys=[("podcast_id", PODCASTS, "id")],
                defaults={"is_new": 0, "transcript_path": "", "audio_path": "", "chapters_path": ""},
                if_not_exists=True,
            )
            self._db.table(EPISODES).create_index(["podcast_id", "guid"], unique=True, if_not_exists=True)
            self._db.table(EPISODES).create_index(["transcript_path"], if_not_exists=True)

    # --- subscriptions

    def subscriptions(self) -> list[Subscription]:
        rows = self._db.query(f"SELECT * FROM {PODCASTS} ORDER BY title COLLATE NOCASE, id")
        return [_subscription(row) for row in rows]

    def subscription(self, podcast_id: int) -> Subscription:
        return _subscription(self._db.table(PODCASTS).get(podcast_id))

    def find_subscription(self, url: str) -> Subscription | None:
        rows = list(self._db.query(f"SELECT * FROM {PODCASTS} WHERE url = ?", [url]))
        return _subscription(rows[0]) if rows else None

    def save_feed(
        self,
        feed: Feed,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        podcast_id: int | None = None,
    ) -> Subscription:
        """Subscribe to ``feed`` (or update subscription ``podcast_id``, or the
        one with its URL) with its episodes.

        Episodes already known keep what the reader downloaded; episodes the
        feed adds to a subscription that was already refreshed are marked new.
        A feed that moved keeps its subscription, under its new address.

        The episodes are written :data:`SAVE_CHUNK` at a time, each chunk in its
        own transaction (the first with the show), so other writers wait
        milliseconds, not the whole save; a save cut short is completed by
        the next refresh."""
        rows = feed.episodes
        with immediate(self._conn):
            existing = self.subscription(podcast_id) if podcast_id is not None else None
            existing = existing or self.find_subscription(feed.url)
            taken = self.find_subscription(feed.url)
            url = feed.url if taken is None or existing is None or taken.id == existing.id else existing.url
            fields = {
                "url": url,
                "title": feed.title,
                "link": feed.link,
                "description": feed.description,
                "author": feed.author,
                "etag": etag,
                "last_modified": last_modified,
                "checked_at": _now(),
                "error": "",
            }
            if existing is None:
                podcast_id = int(self._db.table(PODCASTS).insert({**fields, "added_at": _now()}).last_pk or 0)
            else:
                podcast_id = existing.id
                self._db.table(PODCASTS).update(podcast_id, fields)
            mark_new = existing is not None
            self._save_episodes(podcast_id, rows[:SAVE_CHUNK], mark_new)
        for start in range(SAVE_CHUNK, len(rows), SAVE_CHUNK):
            with immediate(self._conn):
                self._save_episodes(podcast_id, rows[start : start + SAVE_CHUNK], mark_new)
        return self.subscription(podcast_id)

    def _save_episodes(self, podcast_id: int, episodes: list[FeedEpisode], mark_new: bool) -> None:
        now = _now()
        rows = [_episode_values(podcast_id, episode, now, mark_new) for episode in episodes if episode.guid]
        columns = list(_EPISODE_COLUMNS)
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in _KEEP_ON_UPDATE)
        self._conn.executemany(
            f"INSERT INTO {EPISODES} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT (podcast_id, guid) DO UPDATE SET {updates}",
            rows,
        )

    def record_unchanged(self, podcast_id: int) -> None:
        with immediate(self._conn):
            self._db.table(PODCASTS).update(podcast_id, {"checked_at": _now(), "error": ""})

    def record_error(self, podcast_id: int, sentence: str) -> None:
        with immediate(self._conn):
            self._db.table(PODCASTS).update(podcast_id, {"checked_at": _now(), "error": sentence})

    def move(self, podcast_id: int, new_url: str) -> None:
        """The feed moved for good (301, ``<itunes:new-feed-url>``): follow it from now on."""
        if self.find_subscription(new_url) is None:
            with immediate(self._conn):
                self._db.table(PODCASTS).update(podcast_id, {"url": new_url})

    def unsubscribe(self, podcast_id: int) -> None:
        """Forget the show and its episode list; downloaded files and highlights stay."""
        with immediate(self._conn):
            self._conn.execute(f"DELETE FROM {EPISODES} WHERE podcast_id = ?", (podcast_id,))
            self._conn.execute(f"DELETE FROM {PODCASTS} WHERE id = ?", (podcast_id,))

    # --- episodes

    def episodes(self, podcast_id: int | None = None) -> list[EpisodeRow]:
        """Newest first; all shows when ``podcast_id`` is None."""
        where, params = ("WHERE f.podcast_id = ?", [podcast_id]) if podcast_id is not None else ("", [])
        library = self._library_join()
        sql = (
            f"SELECT f.*, p.title AS show, p.link AS show_link, {library[0]}"
            f" FROM {EPISODES} f JOIN {PODCASTS} p ON p.id = f.podcast_id {library[1]}"
            f" {where} ORDER BY f.published DESC, f.id DESC"
        )
        return [_episode_row(row) for row in self._db.query(sql, params)]

    def episode(self, episode_id: int) -> EpisodeRow:
        library = self._library_join()
        sql = (
            f"SELECT f.*, p.title AS show, p.link AS show_link, {library[0]}"
            f" FROM {EPISODES} f JOIN {PODCASTS} p ON p.id = f.podcast_id {library[1]} WHERE f.id = ?"
        )
        rows = list(self._db.query(sql, [episode_id]))
        if not rows:
            raise KeyError(episode_id)
        return _episode_row(rows[0])

    def episode_for_transcript(self, path: str) -> EpisodeRow | None:
        """The feed episode a downloaded transcript belongs to, for exports and titles."""
        rows = list(self._db.query(f"SELECT id FROM {EPISODES} WHERE transcript_path = ?", [os.path.abspath(path)]))
        return self.episode(rows[0]["id"]) if rows else None

    def new_count(self) -> int:
        """How many episodes are marked new, counted without reading them."""
        return int(self._conn.execute(f"SELECT count(*) FROM {EPISODES} WHERE is_new").fetchone()[0])

    def downloaded_audio(self) -> list[tuple[str, str]]:
        """``(transcript path, audio path)`` for every episode whose audio is
        downloaded and still there: the Library shows that file, not the
        address the episode first streamed from."""
        sql = f"SELECT transcript_path, audio_path FROM {EPISODES} WHERE transcript_path != '' AND audio_path != ''"
        rows = self._db.query(sql)
        return [(row["transcript_path"], row["audio_path"]) for row in rows if os.path.isfile(row["audio_path"])]

    def _library_join(self) -> tuple[str, str]:
        """The reader's own use of an episode, from the library's tables when present."""
        if not self._db["episodes"].exists():
            return "0 AS opened, 0 AS highlight_count", ""
        return (
            "e.id IS NOT NULL AND e.last_opened IS NOT NULL AS opened,"
            " (SELECT count(*) FROM highlights h WHERE h.episode_id = e.id) AS highlight_count",
            "LEFT JOIN episodes e ON e.transcript_path = f.transcript_path AND f.transcript_path != ''",
        )

    def set_files(self, episode_id: int, **paths: str) -> None:
        """Record downloaded files: ``transcript_path``, ``audio_path``, ``chapters_path``."""
        unknown = set(paths) - {"transcript_path", "audio_path", "chapters_path"}
        if unknown:
            raise ValueError(f"not a file column: {sorted(unknown)}")
        with immediate(self._conn):
            values = {name: os.path.abspath(path) if path else "" for name, path in paths.items()}
            self._db.table(EPISODES).update(episode_id, values)

    def mark_episode_seen(self, episode_id: int) -> None:
        with immediate(self._conn):
            self._db.table(EPISODES).update(episode_id, {"is_new": 0})

    def mark_seen(self, podcast_id: int | None = None) -> None:
        where, params = ("WHERE podcast_id = ?", (podcast_id,)) if podcast_id is not None else ("", ())
        with immediate(self._conn):
            self._conn.execute(f"UPDATE {EPISODES} SET is_new = 0 {where}", params)


_EPISODE_COLUMNS = (
    "podcast_id",
    "guid",
    "title",
    "published",
    "duration_ms",
    "link",
    "description",
    "description_html",
    "audio_url",
    "audio_type",
    "audio_bytes",
    "transcripts",
    "chapters_url",
    "first_seen",
    "is_new",
)
_KEEP_ON_UPDATE = {"podcast_id", "guid", "first_seen", "is_new"}


def _episode_values(podcast_id: int, episode: FeedEpisode, now: str, is_new: bool) -> tuple:
    transcripts = json.dumps([[t.url, t.mime, t.language] for t in episode.transcripts])
    return (
        podcast_id,
        episode.guid,
        episode.title,
        episode.published,
        episode.duration_ms,
        episode.link,
        episode.description,
        episode.description_html,
        episode.audio_url,
        episode.audio_type,
        episode.audio_bytes,
        transcripts,
        episode.chapters_url,
        now,
        int(is_new),
    )


def _subscription(row: dict) -> Subscription:
    return Subscription(
        row["id"],
        row["url"],
        row["title"],
        row["link"] or "",
        row["description"] or "",
        row["author"] or "",
        row["etag"],
        row["last_modified"],
        row["checked_at"],
        row["error"] or "",
    )


def _transcripts(text: str) -> tuple[TranscriptLink, ...]:
    try:
        return tuple(TranscriptLink(*item) for item in json.loads(text or "[]"))
    except (ValueError, TypeError):
        return ()


def _episode_row(row: dict) -> EpisodeRow:
    return EpisodeRow(
        row["id"],
        row["podcast_id"],
        row["show"],
        row["show_link"] or "",
        row["guid"],
        row["title"],
        row["published"] or 0,
        row["duration_ms"] or 0,
        row["link"] or "",
        row["description"] or "",
        row["description_html"] or "",
        row["audio_url"] or "",
        row["audio_type"] or "",
        _transcripts(row["transcripts"]),
        row["chapters_url"] or "",
        bool(row["is_new"]),
        row["transcript_path"] or "",
        row["audio_path"] or "",
        row["chapters_path"] or "",
        bool(row["opened"]),
        row["highlight_count"] or 0,
    )
