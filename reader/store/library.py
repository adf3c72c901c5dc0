"""The library's data: episodes, highlights, bookmarks and sync points.

Every change is its own short ``BEGIN IMMEDIATE`` transaction, committed
before the method returns, so a crash or a kill can only lose the change in
flight. The file is in WAL mode with ``synchronous=FULL`` (NORMAL may drop
the last commits on power loss) and a busy timeout, so two windows or two
app instances can share it. Problems reach the caller as :class:`StoreError`
with one sentence for the user; a damaged file is moved aside, never
overwritten, and a fresh one started (``reader.store.opening``).

Tables are read and written through sqlite-utils (``table.insert``,
``table.update``, ``db.query``), inside the store's own IMMEDIATE
transaction, which sqlite-utils joins with a savepoint.
"""

from __future__ import annotations

import json
import os
from collections import namedtuple
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader import identity
from reader.errors import StoreError
from reader.keep import COLOURS, Anchor, Bookmark, Episode, Highlight, now_stamp
from reader.model import Transcript
from reader.store.failures import translated
from reader.store.fingerprints import fingerprint as fingerprint_of
from reader.store.opening import (
    DB_FILENAME,
    connect,
    connect_to_read,
    make_dir,
    move_aside,
    moved_aside_sentence,
    remember_notice,
)
from reader.store.schema import user_version
from reader.store.transaction import immediate

DEFAULT_BUSY_TIMEOUT_MS = 5000

_EPISODE_FIELDS = ("title", "transcript_path", "audio_path", "last_position_ms", "last_opened", "speaker_renames")
_HIGHLIGHT_ORDER = "detached, start_turn, start_offset, end_turn, end_offset, id"


class EpisodeSummary(
    namedtuple("EpisodeSummary", "episode highlight_count bookmark_count transcript_exists audio_exists")
):
    """One row of the Library view."""

    __slots__ = ()


# --- The store -------------------------------------------------------------


def _episode(row: dict) -> Episode:
    try:
        renames = json.loads(row["speaker_renames"])
    except ValueError:
        renames = {}
    return Episode(
        row["id"],
        row["fingerprint"],
        row["title"],
        row["transcript_path"],
        row["audio_path"],
        row["last_position_ms"],
        row["last_opened"],
        renames if isinstance(renames, dict) else {},
    )


def _highlight(row: dict) -> Highlight:
    anchor = Anchor(*(row[name] for name in Anchor._fields))
    return Highlight(
        row["id"],
        row["episode_id"],
        anchor,
        tuple(json.loads(row["speakers"])),
        row["colour"],
        row["note"],
        row["created_at"],
        row["updated_at"],
        bool(row["detached"]),
    )


def _highlight_row(h: Highlight) -> dict:
    return {
        "id": h.id,
        "episode_id": h.episode_id,
        **Anchor(*h.anchor)._asdict(),
        "speakers": json.dumps(list(h.speakers), ensure_ascii=False),
        "colour": h.colour,
        "note": h.note or "",
        "created_at": h.created_at,
        "updated_at": h.updated_at,
        "detached": int(bool(h.detached)),
    }


def _check_colour(colour: str) -> None:
    if colour not in COLOURS:
        raise ValueError(f"unknown highlight colour {colour!r}; expected one of {COLOURS}")


class Store:
    """The one library database. Use :meth:`open`; every method commits.

    ``recovered_from`` is where a damaged database was moved at opening, and
    ``notice`` the sentence to tell the user about it (both None normally).
    """

    def __init__(self, db, path: Path) -> None:
        self._db = db  # sqlite_utils.Database over the one connection
        self.path = path
        self.recovered_from: Path | None = None
        self.notice: str | None = None

    @classmethod
    def open(
        cls, data_dir: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, set_aside_damage: bool = True
    ) -> Store:
        """Open (creating if needed) ``data_dir/library.db``.

        Raises :class:`StoreError` when the file can't be written, is locked
        beyond the busy timeout, or belongs to a newer app. A damaged file is
        moved aside and a fresh one returned, holding the rows that could
        still be read from it (``reader.store.salvage``), with :attr:`notice`
        set (and kept beside the library until the app shows it).
        ``set_aside_damage=False`` raises the "corrupt" StoreError instead: for
        a second connection made while the window has the library open (an
        export on a worker), which must not move the file from under it.
        """
        data_dir = Path(data_dir)
        make_dir(data_dir)
        path = data_dir / DB_FILENAME
        try:
            return cls(connect(path, busy_timeout_ms), path)
        except StoreError as error:
            if error.kind != "corrupt" or not set_aside_damage:
                raise
        moved = move_aside(path)
        # Kept at once: said at the next start even if a full disk stops the fresh
        # library (or bringing rows back) now, and that start finds no damage.
        remember_notice(data_dir, moved_aside_sentence(moved))
        store = cls(connect(path, busy_timeout_ms), path)
        store.recovered_from = moved
        store.notice = moved_aside_sentence(moved)
        from reader.store.salvage import salvage

        try:
            with translated(path):
                brought_back = salvage(moved, store.connection)
        except BaseException:
            store.close()
            raise
        if brought_back:
            store.notice = moved_aside_sentence(moved, brought_back)
            remember_notice(data_dir, store.notice)
        return store

    @classmethod
    def open_to_read(cls, data_dir: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Store:
        """The library as it is, for reading only, when :meth:`open` refuses it
        as unwritable (``reader.store.opening.connect_to_read``): a command
        that lists or exports must still get the highlights out. Any write
        through it fails."""
        path = Path(data_dir) / DB_FILENAME
        return cls(connect_to_read(path, busy_timeout_ms), path)

    @property
    def connection(self):
        """The open sqlite3 connection, for modules that keep their own tables in
        the library (reader.feeds.storage); use it on the window's thread."""
        return self._db.conn

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def set_busy_timeout(self, ms: int) -> None:
        """How long a save waits for another program's write lock before it
        fails (and the window queues it): short in the window, so a locked
        library never holds the event loop."""
        self._db.execute(f"PRAGMA busy_timeout = {int(ms):d}")

    def settings(self) -> dict:
        """The connection's durability settings, as SQLite reports them."""
        return {
            "journal_mode": self._db.execute("PRAGMA journal_mode").fetchone()[0],
            "synchronous": self._db.execute("PRAGMA synchronous").fetchone()[0],
            "busy_timeout": self._db.execute("PRAGMA busy_timeout").fetchone()[0],
            "user_version": user_version(self._db.conn),
        }

    # --- plumbing

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One committed change. IMMEDIATE takes the write lock up front, so a
        second writer waits out the busy timeout instead of failing on the
        read-to-write upgrade. Nested calls (and sqlite-utils' own writes)
        join the outer transaction."""
        with translated(self.path), immediate(self._db.conn):
            yield

    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        with translated(self.path):
            return list(self._db.query(sql, tuple(params)))

    def _one(self, sql: str, params: Iterable, what: object) -> dict:
        rows = self._rows(sql, params)
        if not rows:
            raise KeyError(what)
        return rows[0]

    def _insert(self, table: str, row: dict, *, replace: bool = False) -> int:
        """Insert a dict and return its id."""
        with translated(self.path):
            return self._db[table].insert(row, replace=replace).last_rowid

    def _update(self, table: str, row_id: int, changes: dict) -> None:
        with translated(self.path):
            self._db[table].update(row_id, changes)

    def _delete(self, table: str, row_id: int) -> None:
        with translated(self.path):
            self._db[table].delete(row_id)

    # --- episodes

    def open_episode(self, transcript: Transcript, path: str, fingerprint: str | None = None) -> tuple[Episode, bool]:
        """The episode for this transcript, created on first sight, by the
        rule in ``reader.identity``: a moved file keeps its episode (the path
        is updated), a changed one too (``changed`` is True so the caller
        re-anchors the highlights), a copy beside the original gets its own.
        ``fingerprint`` is the transcript's, when the caller already hashed it."""
        path = os.path.abspath(path)
        now = now_stamp()
        with self._write():
            found = self.recognise(transcript, path, fingerprint)
            if found.episode_id is not None:
                episode_id = found.episode_id
                updates = {"fingerprint": found.fingerprint, "transcript_path": path, "last_opened": now}
                self._update("episodes", episode_id, updates)
            else:
                title = transcript.title or Path(path).stem
                row = {"fingerprint": found.fingerprint, "title": title, "transcript_path": path, "last_opened": now}
                episode_id = self._insert("episodes", {**row, "created_at": now})
            return self.episode(episode_id), found.kind == identity.CHANGED

    def recognise(self, transcript: Transcript, path: str, fingerprint: str | None = None) -> identity.Recognition:
        """How this file relates to the library (``reader.identity``), changing nothing."""
        print_ = fingerprint or fingerprint_of(transcript)
        same_text = self._rows(
            "SELECT id, fingerprint, transcript_path AS path FROM episodes WHERE fingerprint = ? OR fingerprint LIKE ?"
            " ORDER BY last_opened DESC, id DESC",
            (print_, identity.copies_pattern(print_)),
        )
        same_path = self._rows(
            "SELECT id, fingerprint, transcript_path AS path FROM episodes WHERE transcript_path = ?"
            " ORDER BY last_opened DESC, id DESC LIMIT 1",
            (os.path.abspath(path),),
        )
        return identity.recognise(
            print_,
            os.path.abspath(path),
            [identity.Known(**r) for r in same_text],
            [identity.Known(**r) for r in same_path],
        )

    def find_episode(self, transcript: Transcript | None = None, path: str | None = None) -> Episode | None:
        """The episode for this transcript or path, if it was ever opened;
        unlike :meth:`open_episode` it never creates or changes one."""
        if transcript is not None and path is not None:
            found = self.recognise(transcript, path)
            return self.episode(found.episode_id) if found.episode_id is not None else None
        if transcript is not None:
            rows = self._rows("SELECT id FROM episodes WHERE fingerprint = ?", (fingerprint_of(transcript),))
            if rows:
                return self.episode(rows[0]["id"])
        if path is not None:
            rows = self._rows(
                "SELECT id FROM episodes WHERE transcript_path = ? ORDER BY last_opened DESC LIMIT 1",
                (os.path.abspath(path),),
            )
            if rows:
                return self.episode(rows[0]["id"])
        return None

    def time_map(self, episode_id: int) -> dict:
        """The episode's alignment of text and audio, as ``TimeMap.as_dict`` gives it."""
        offset = self._rows("SELECT offset_ms FROM episodes WHERE id = ?", (episode_id,))
        points = self._rows(
            "SELECT transcript_ms, audio_ms FROM sync_points WHERE episode_id = ? ORDER BY transcript_ms",
            (episode_id,),
        )
        return {
            "offset_ms": offset[0]["offset_ms"] if offset else 0,
            "points": [[p["transcript_ms"], p["audio_ms"]] for p in points],
        }

    def save_time_map(self, episode_id: int, data: dict) -> None:
        """Replace the episode's alignment in one transaction: the map is
        small, and a half-saved set of points would be a different map."""
        now = now_stamp()
        with self._write():
            self._update("episodes", episode_id, {"offset_ms": int(data.get("offset_ms", 0))})
            self._db["sync_points"].delete_where("episode_id = ?", [episode_id])
            for transcript_ms, audio_ms in data.get("points", ()):
                self._insert(
                    "sync_points",
                    {
                        "episode_id": episode_id,
                        "transcript_ms": int(transcript_ms),
                        "audio_ms": int(audio_ms),
                        "created_at": now,
                    },
                )

    def episode(self, episode_id: int) -> Episode:
        return _episode(self._one("SELECT * FROM episodes WHERE id = ?", (episode_id,), episode_id))

    def update_episode(self, episode_id: int, **fields: object) -> Episode:
        """Change any of title, transcript_path, audio_path, last_position_ms,
        last_opened, speaker_renames (a dict). Unknown names are a TypeError."""
        unknown = set(fields) - set(_EPISODE_FIELDS)
        if unknown:
            raise TypeError(f"update_episode() got unknown fields {sorted(unknown)}")
        if "speaker_renames" in fields:
            fields["speaker_renames"] = json.dumps(fields["speaker_renames"], ensure_ascii=False, sort_keys=True)
        with self._write():
            self.episode(episode_id)
            if fields:
                self._update("episodes", episode_id, fields)
            return self.episode(episode_id)

    def rename_speaker(self, episode_id: int, original: str, new: str) -> Episode:
        """Show ``original`` as ``new``; an empty ``new`` (or ``original``
        itself) removes the rename. Read and written in one transaction so
        two windows renaming at once both keep their change."""
        new = new.strip()
        with self._write():
            renames = dict(self.episode(episode_id).speaker_renames)
            if new and new != original:
                renames[original] = new
            else:
                renames.pop(original, None)
            return self.update_episode(episode_id, speaker_renames=renames)

    def episodes(self) -> list[EpisodeSummary]:
        """Every episode, most recently opened first, for the Library view."""
        rows = self._rows(
            "SELECT e.*,"
            " (SELECT count(*) FROM highlights h WHERE h.episode_id = e.id) AS highlight_count,"
            " (SELECT count(*) FROM bookmarks b WHERE b.episode_id = e.id) AS bookmark_count"
            " FROM episodes e ORDER BY e.last_opened DESC, e.id DESC"
        )
        return [
            EpisodeSummary(
                _episode(row),
                row["highlight_count"],
                row["bookmark_count"],
                bool(row["transcript_path"]) and os.path.isfile(row["transcript_path"]),
                bool(row["audio_path"]) and os.path.isfile(row["audio_path"]),
            )
            for row in rows
        ]

    # --- highlights

    def add_highlight(
        self, episode_id: int, anchor: Anchor, speakers: Iterable[str], colour: str, note: str = ""
    ) -> Highlight:
        _check_colour(colour)
        now = now_stamp()
        draft = Highlight(None, episode_id, Anchor(*anchor), tuple(speakers), colour, note or "", now, now, False)
        row = _highlight_row(draft)
        del row["id"]
        with self._write():
            highlight_id = self._insert("highlights", row)
        return draft._replace(id=highlight_id)

    def highlight(self, highlight_id: int) -> Highlight:
        return _highlight(self._one("SELECT * FROM highlights WHERE id = ?", (highlight_id,), highlight_id))

    def update_highlight(
        self,
        highlight_id: int,
        *,
        note: str | None = None,
        colour: str | None = None,
        anchor: Anchor | None = None,
        detached: bool | None = None,
    ) -> Highlight:
        """Change what is given; ``updated_at`` moves only if a value really
        changed, so re-anchoring an unchanged transcript writes nothing. A
        highlight deleted meanwhile (in another window) is a KeyError."""
        updates: dict[str, object] = {}
        if note is not None:
            updates["note"] = note
        if colour is not None:
            _check_colour(colour)
            updates["colour"] = colour
        if anchor is not None:
            updates.update(Anchor(*anchor)._asdict())
        if detached is not None:
            updates["detached"] = int(detached)
        with self._write():
            row = self._one("SELECT * FROM highlights WHERE id = ?", (highlight_id,), highlight_id)
            changes = {name: value for name, value in updates.items() if row[name] != value}
            if changes:
                self._update("highlights", highlight_id, {**changes, "updated_at": now_stamp()})
            return self.highlight(highlight_id)

    def update_anchors(self, highlights: Iterable[Highlight]) -> list[Highlight]:
        """Save the ``anchor`` and ``detached`` of many highlights at once,
        after re-anchoring: one transaction (one disk sync) rather than one
        per highlight, and a reader never sees half of a re-anchoring."""
        with self._write():
            return [self.update_highlight(h.id, anchor=h.anchor, detached=h.detached) for h in highlights]

    def delete_highlight(self, highlight_id: int) -> Highlight:
        """Delete and return the highlight, so the UI can offer undo."""
        with self._write():
            gone = self.highlight(highlight_id)
            self._delete("highlights", highlight_id)
        return gone

    def restore_highlight(self, highlight: Highlight) -> Highlight:
        """Undo a delete: the same id and times. Ids are never reused
        (AUTOINCREMENT), so the id is free; restoring twice is harmless."""
        with self._write():
            self._insert("highlights", _highlight_row(highlight), replace=True)
        return highlight

    def highlights(self, episode_id: int) -> list[Highlight]:
        """In reading order; detached highlights (no place in the current
        text) come last."""
        rows = self._rows(f"SELECT * FROM highlights WHERE episode_id = ? ORDER BY {_HIGHLIGHT_ORDER}", (episode_id,))
        return [_highlight(row) for row in rows]

    def all_highlights(self) -> list[Highlight]:
        """Every highlight of every episode, grouped by episode, for export."""
        rows = self._rows(f"SELECT * FROM highlights ORDER BY episode_id, {_HIGHLIGHT_ORDER}")
        return [_highlight(row) for row in rows]

    # --- bookmarks

    def add_bookmark(self, episode_id: int, ms: int, note: str = "") -> Bookmark:
        now = now_stamp()
        with self._write():
            row = {"episode_id": episode_id, "ms": ms, "note": note or "", "created_at": now}
            bookmark_id = self._insert("bookmarks", row)
        return Bookmark(bookmark_id, episode_id, ms, note or "", now)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark:
        """Delete and return the bookmark, so the UI can offer undo."""
        with self._write():
            gone = Bookmark(**self._bookmark_row(bookmark_id))
            self._delete("bookmarks", bookmark_id)
        return gone

    def update_bookmark(self, bookmark_id: int, *, note: str | None = None, ms: int | None = None) -> Bookmark:
        changes = {name: value for name, value in (("note", note), ("ms", ms)) if value is not None}
        with self._write():
            self._bookmark_row(bookmark_id)
            if changes:
                self._update("bookmarks", bookmark_id, changes)
            return Bookmark(**self._bookmark_row(bookmark_id))

    def _bookmark_row(self, bookmark_id: int) -> dict:
        sql = "SELECT id, episode_id, ms, note, created_at FROM bookmarks WHERE id = ?"
        return self._one(sql, (bookmark_id,), bookmark_id)

    def restore_bookmark(self, bookmark: Bookmark) -> Bookmark:
        with self._write():
            self._insert("bookmarks", bookmark._asdict(), replace=True)
        return bookmark

    def bookmarks(self, episode_id: int) -> list[Bookmark]:
        rows = self._rows(
            "SELECT id, episode_id, ms, note, created_at FROM bookmarks WHERE episode_id = ? ORDER BY ms, id",
            (episode_id,),
        )
        return [Bookmark(**row) for row in rows]
