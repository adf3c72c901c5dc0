"""The library: one SQLite file that never loses a highlight.

Every change is its own short ``BEGIN IMMEDIATE`` transaction, committed
before the method returns, so a crash or a kill can only lose the change in
flight. The file is in WAL mode with ``synchronous=FULL`` (NORMAL may drop
the last commits on power loss) and a busy timeout, so two windows or two
app instances can share it. Problems reach the caller as :class:`StoreError`
with one sentence for the user; a damaged file is moved aside, never
overwritten, and a fresh one started.

Plain ``sqlite3`` rather than sqlite-utils: importing sqlite-utils (click,
dateutil, pluggy) took 430-690 ms on the test machine, against about 50 ms
for this whole module, and the few inserts and updates here need only the
two small helpers on :class:`Store`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import unicodedata
from collections import namedtuple
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

from reader import identity
from reader.errors import StoreError  # noqa: F401 (part of this module's interface)
from reader.keep import COLOURS, Anchor, Bookmark, Episode, Highlight
from reader.model import Transcript
from reader.sqlite_tx import immediate
from reader.store_schema import NewerSchemaError, migrate, user_version

DB_FILENAME = "library.db"
DEFAULT_BUSY_TIMEOUT_MS = 5000

#: Files SQLite keeps beside the database. They belong to it: moving the
#: database without them could replay a stale journal into a fresh file.
_SIDE_FILES = ("-wal", "-shm", "-journal")

_EPISODE_FIELDS = ("title", "transcript_path", "audio_path", "last_position_ms", "last_opened", "speaker_renames")
_HIGHLIGHT_ORDER = "detached, start_turn, start_offset, end_turn, end_offset, id"


class EpisodeSummary(
    namedtuple("EpisodeSummary", "episode highlight_count bookmark_count transcript_exists audio_exists")
):
    """One row of the Library view."""

    __slots__ = ()


# --- Fingerprints ----------------------------------------------------------

#: Typographic quotes become plain ones; invisible joiners and BOMs go.
#: Applied with ``str.replace`` after a fast ``in`` test, which is several
#: times quicker than ``str.translate`` on a 10-hour transcript.
_UNIFY = (
    *((quote, "'") for quote in "\u2018\u2019\u201a\u201b\u2039\u203a"),
    *((quote, '"') for quote in "\u201c\u201d\u201e\u201f\u00ab\u00bb"),
    *((invisible, "") for invisible in "\u200b\u200c\u200d\u2060\ufeff"),
)


def _normalise(text: str) -> str:
    """The text as a reader sees it, so re-saving or re-downloading a file
    (CRLF, curly quotes, a BOM, re-wrapped lines, case) keeps its identity."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for odd, plain in _UNIFY:
        if odd in text:
            text = text.replace(odd, plain)
    return " ".join(text.split())


def fingerprint(transcript: Transcript) -> str:
    """The identity of an episode: sha256 over its speakers and words.

    Times are left out on purpose: re-timing a transcript, or a parser
    estimating times differently, must not turn it into a new episode.
    """
    digest = sha256()
    for turn in transcript.turns:
        digest.update(_normalise(turn.speaker or "").encode())
        digest.update(b"\x1f")
        digest.update(_normalise(turn.text).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def _now() -> str:
    """ISO 8601 in UTC with milliseconds, so text order is time order."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# --- Errors ----------------------------------------------------------------

_LOCKED_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_UNWRITABLE_CODES = {3, 8, 14}  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN
_FULL_CODE = 13
_IO_CODE = 10
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _error_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _translate(error: sqlite3.Error, path: Path) -> StoreError | None:
    """A sentence for the errors a user can do something about; None for the
    rest (bugs such as a constraint violation), which should stay loud."""
    code = _error_code(error)
    if code in _LOCKED_CODES:
        return StoreError(
            f"Highlights can't be saved because {path} is locked by another program; "
            "close other copies of Transcript Reader and try again.",
            "locked",
        )
    if code == _FULL_CODE:
        return StoreError(
            f"Highlights can't be saved because the disk holding {path} is full; free some space.", "unwritable"
        )
    if code == _IO_CODE:
        return StoreError(
            f"Highlights can't be saved because the disk holding {path} reported an error; check the drive.",
            "unwritable",
        )
    if code in _UNWRITABLE_CODES:
        return StoreError(
            f"Highlights can't be saved because {path} is read-only; check the folder's permissions.", "unwritable"
        )
    if code in _CORRUPT_CODES:
        return StoreError(
            f"Highlights can't be saved because {path} is damaged; restart Transcript Reader to set it aside.",
            "corrupt",
        )
    return None


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        store_error = _translate(error, path)
        if store_error is None:
            raise
        raise store_error from error


# --- Opening ---------------------------------------------------------------


def _make_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Highlights can't be saved because the folder {data_dir} can't be created ({error.strerror}).",
            "unwritable",
        ) from error


def _connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection checked, configured, migrated and proven writable.

    ``isolation_level=None`` hands every transaction boundary to this module,
    so nothing stays open by accident between two user actions.
    """
    _check_integrity(path, busy_timeout_ms)
    with _translated(path):
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        with _translated(path):
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if not migrate(conn):
                _prove_writable(conn)
    except NewerSchemaError as error:
        conn.close()
        raise StoreError(
            f"Highlights can't be saved because {path} was written by a newer Transcript Reader; update the app.",
            "newer",
        ) from error
    except BaseException:
        conn.close()
        raise
    return conn


def _check_integrity(path: Path, busy_timeout_ms: int) -> None:
    """Raise a "corrupt" StoreError if the file is not a sound database.

    The check runs on a read-only connection: closing a read-write one
    checkpoints and deletes the ``-wal`` file, and a damaged library must
    reach the side exactly as it was. ``quick_check`` reads every page, so
    damage shows at start-up rather than halfway through saving a note (it
    costs milliseconds at this size). Other failures (locked, unreadable)
    are left for the read-write connection to report.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        try:
            rows = probe.execute("PRAGMA quick_check").fetchall()
        finally:
            probe.close()
    except sqlite3.Error as error:
        if _error_code(error) not in _CORRUPT_CODES:
            return
        rows = [(str(error),)]
    if rows != [("ok",)]:
        raise StoreError(f"Highlights can't be saved because {path} is damaged.", "corrupt")


def _prove_writable(conn: sqlite3.Connection) -> None:
    """Write the header and roll back: an up-to-date database is otherwise
    only read at start-up, and a read-only file would go unnoticed until the
    first highlight failed to save."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {user_version(conn):d}")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _corrupt_name(path: Path, attempt: int) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    extra = f"-{attempt}" if attempt else ""
    return path.with_name(f"{path.stem}.corrupt-{stamp}{extra}{path.suffix}")


def _move_aside(path: Path) -> Path:
    """Rename the damaged file and its side files to a free timestamped name.

    Side files go first: a fresh database must never find the old journal
    beside it. Nothing is deleted and no existing file is replaced.
    """
    attempt = 0
    target = _corrupt_name(path, attempt)
    while any(Path(f"{target}{side}").exists() for side in ("", *_SIDE_FILES)):
        attempt += 1
        target = _corrupt_name(path, attempt)
    try:
        for side in _SIDE_FILES:
            if Path(f"{path}{side}").exists():
                os.rename(f"{path}{side}", f"{target}{side}")
        os.rename(path, target)
    except OSError as error:
        raise StoreError(
            f"Highlights can't be saved because {path} is damaged and can't be moved aside ({error.strerror}).",
            "corrupt",
        ) from error
    return target


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

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self.recovered_from: Path | None = None
        self.notice: str | None = None

    @classmethod
    def open(cls, data_dir: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Store:
        """Open (creating if needed) ``data_dir/library.db``.

        Raises :class:`StoreError` when the file can't be written, is locked
        beyond the busy timeout, or belongs to a newer app. A damaged file is
        moved aside and a fresh one returned, with :attr:`notice` set.
        """
        data_dir = Path(data_dir)
        _make_dir(data_dir)
        path = data_dir / DB_FILENAME
        try:
            return cls(_connect(path, busy_timeout_ms), path)
        except StoreError as error:
            if error.kind != "corrupt":
                raise
        moved = _move_aside(path)
        store = cls(_connect(path, busy_timeout_ms), path)
        store.recovered_from = moved
        store.notice = (
            f"The highlights library was damaged, so it was moved to {moved} "
            "and a new one was started; nothing was deleted."
        )
        return store

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for modules that keep their own tables in the
        library (reader.feeds.storage); use it on the thread that opened it."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- plumbing

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One committed change. IMMEDIATE takes the write lock up front, so a
        second writer waits out the busy timeout instead of failing on the
        read-to-write upgrade. Nested calls join the outer transaction."""
        with _translated(self.path), immediate(self._conn):
            yield

    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        with _translated(self.path):
            cursor = self._conn.execute(sql, tuple(params))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=False)) for row in cursor]

    def _one(self, sql: str, params: Iterable, what: object) -> dict:
        rows = self._rows(sql, params)
        if not rows:
            raise KeyError(what)
        return rows[0]

    def _insert(self, table: str, row: dict, *, replace: bool = False) -> int:
        """Insert a dict and return its id. Column names come from this
        module, never from the user, so formatting them in is safe."""
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        sql = f"{verb} INTO {table} ({columns}) VALUES ({marks})"
        with _translated(self.path):
            return self._conn.execute(sql, tuple(row.values())).lastrowid

    def _update(self, table: str, row_id: int, changes: dict) -> None:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with _translated(self.path):
            self._conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*changes.values(), row_id))

    # --- episodes

    def open_episode(self, transcript: Transcript, path: str) -> tuple[Episode, bool]:
        """The episode for this transcript, created on first sight, by the
        rule in ``reader.identity``: a moved file keeps its episode (the path
        is updated), a changed one too (``changed`` is True so the caller
        re-anchors the highlights), a copy beside the original gets its own."""
        path = os.path.abspath(path)
        now = _now()
        with self._write():
            found = self.recognise(transcript, path)
            if found.episode_id is not None:
                episode_id = found.episode_id
                updates = {"fingerprint": found.fingerprint, "transcript_path": path, "last_opened": now}
                self._update("episodes", episode_id, updates)
            else:
                title = transcript.title or Path(path).stem
                row = {"fingerprint": found.fingerprint, "title": title, "transcript_path": path, "last_opened": now}
                episode_id = self._insert("episodes", {**row, "created_at": now})
            return self.episode(episode_id), found.kind == identity.CHANGED

    def recognise(self, transcript: Transcript, path: str) -> identity.Recognition:
        """How this file relates to the library (``reader.identity``), changing nothing."""
        print_ = fingerprint(transcript)
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
            rows = self._rows("SELECT id FROM episodes WHERE fingerprint = ?", (fingerprint(transcript),))
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
        now = _now()
        with self._write():
            self._conn.execute(
                "UPDATE episodes SET offset_ms = ? WHERE id = ?", (int(data.get("offset_ms", 0)), episode_id)
            )
            self._conn.execute("DELETE FROM sync_points WHERE episode_id = ?", (episode_id,))
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
        now = _now()
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
                self._update("highlights", highlight_id, {**changes, "updated_at": _now()})
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
            self._conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
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
        now = _now()
        with self._write():
            row = {"episode_id": episode_id, "ms": ms, "note": note or "", "created_at": now}
            bookmark_id = self._insert("bookmarks", row)
        return Bookmark(bookmark_id, episode_id, ms, note or "", now)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark:
        """Delete and return the bookmark, so the UI can offer undo."""
        with self._write():
            gone = Bookmark(**self._bookmark_row(bookmark_id))
            self._conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
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
