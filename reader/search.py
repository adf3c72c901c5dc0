"""Search the whole library: every turn of every episode opened, every quote and note.

The index lives in library.db in tables of its own (``search_docs``, its FTS5
index ``search_docs_fts``, ``search_episodes``), so the store's migrations never
see it; a missing or half-built index is built again. A trigger on ``episodes``
deletes an episode's rows with it, so the index never outlives what it describes.

The index has its own connection (sqlite-utils over sqlite3), never the store's,
so a worker thread can index while the window saves. Indexing writes in short
``BEGIN IMMEDIATE`` transactions of at most about :data:`WRITE_SLICE_MS`, so
another copy of the app saving a highlight never waits long for the lock;
the episode counts as indexed only once its last slice is written.

Snippets mark each match between :data:`MARK_START` and :data:`MARK_END`,
control characters removed from indexed text. The UI must escape the snippet
first and only then turn the marks into bold.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from hashlib import sha256
from itertools import islice
from pathlib import Path

from reader.keep import Bookmark, Highlight
from reader.model import Transcript
from reader.store import Store
from reader.store.failures import FULL_CODE, error_code, why
from reader.store.transaction import immediate

MARK_START, MARK_END = "\x02", "\x03"
TOKENIZE = "unicode61 remove_diacritics 2"
INDEX_VERSION = "1"  # bump when what is indexed changes: episodes re-index when next opened
#: Queries matching more rows than this are not ranked (bm25 over the 110,000
#: turns holding "the" takes ~250 ms); the most recently indexed come first.
RANK_CAP = 4000
#: How many hits one search returns: a list to read, not every match of "the".
RESULTS_SHOWN = 50
#: A write transaction of the index ends after about this long, so the lock is
#: free again for a save from the window or another copy of the app.
WRITE_SLICE_MS = 30
#: The write lock is left free this long between two slices: another copy of
#: the app saving a highlight waits on SQLite's busy handler, which looks
#: again after 1, 2, 5, 10, 15, 20 and 25 ms; a gap this long is always seen
#: within its first 100 ms. Without it the indexer took the lock back at once
#: and the other copy waited 0.6 s and more, for the whole of the indexing.
LOCK_GAP_MS = 25
_BATCH = 128  # rows per executemany between two looks at the clock
_TRIGGERS = ("search_docs_ai", "search_docs_ad", "search_docs_au")
_OBJECTS = ("search_docs", "search_docs_fts", "search_episodes", *_TRIGGERS)
_FORGET = (
    "CREATE TRIGGER IF NOT EXISTS search_forget_episode AFTER DELETE ON episodes BEGIN"
    " DELETE FROM search_docs WHERE episode_id = old.id;"
    " DELETE FROM search_episodes WHERE episode_id = old.id; END"
)
_INSERT = "INSERT INTO search_docs (episode_id, kind, turn, speaker, start_ms, item_id, text) VALUES (?,?,?,?,?,?,?)"
_SEARCH = (
    "SELECT d.episode_id, e.title, e.transcript_path, e.speaker_renames, d.kind, d.turn, d.speaker,"
    " d.start_ms, m.snip, m.r, d.item_id FROM ("
    "  SELECT rowid AS id, {rank} AS r, snippet(search_docs_fts, 0, char(2), char(3), '…', 24) AS snip"
    "  FROM search_docs_fts WHERE search_docs_fts MATCH ? ORDER BY {order} LIMIT ?) AS m"
    " JOIN search_docs d ON d.id = m.id JOIN episodes e ON e.id = d.episode_id"
)
_COUNT = "SELECT count(*) FROM (SELECT 1 FROM search_docs_fts WHERE search_docs_fts MATCH ? LIMIT ?)"
_TERM = re.compile(r'"([^"]*)"(\*?)|([^\s"]+)')


class SearchError(Exception):
    """The search can't be done; ``str(error)`` is one sentence for the user."""


class SearchHit(
    namedtuple("SearchHit", "episode_id title kind turn speaker start_ms snippet rank item_id heard", defaults=(False,))
):
    """One match. ``kind``: "turn", "highlight" (its quote), "note" (a highlight's
    note) or "bookmark" (a bookmark's note). ``turn`` is the turn index (None for
    bookmarks and detached highlights), ``item_id`` the highlight or bookmark id,
    ``speaker`` renamed as the episode shows it. ``rank`` is bm25 (lower is
    better), 0.0 when too many rows matched to rank them. ``heard``:
    ``start_ms`` is when it is heard in the audio (:meth:`reader.heard.HeardTimes.heard_hit`),
    not the time the transcript gives, which the index holds."""

    __slots__ = ()


# --- Queries ---------------------------------------------------------------


def match_expression(query: str, *, prefix_last: bool = False) -> str:
    """The user's query as a safe FTS5 MATCH expression ("" for a blank one).

    Every bare word is quoted, so AND, NEAR(, col: or ( are only words; "phrases"
    stay phrases; a trailing * makes a prefix. ``prefix_last`` (search as you
    type) makes a last bare word of two or more characters a prefix too.
    """
    if query.count('"') % 2:
        raise SearchError('Unbalanced quote: close the phrase with a second " or remove it.')
    terms: list[str] = []
    found = list(_TERM.finditer(query))
    for index, match in enumerate(found):
        phrase, phrase_star, bare = match.groups()
        words, star = (phrase, phrase_star) if bare is None else (bare.rstrip("*"), "*" * bare.endswith("*"))
        if prefix_last and bare is not None and index == len(found) - 1 and not query[-1].isspace():
            star = "*" if len(words) >= 2 else star
        if any(ch.isalnum() for ch in words):  # the tokenizer drops the rest: "(" alone matches nothing
            terms.append(f'"{words}"{star}')
    if not terms and query.strip():
        raise SearchError("Type a word to search for; punctuation and * on their own are not searched.")
    return " ".join(terms)


# --- Rows ------------------------------------------------------------------


def _clean(text: str) -> str:
    """Indexed text must never hold the snippet marks themselves."""
    return text.replace(MARK_START, " ").replace(MARK_END, " ") if MARK_START in text or MARK_END in text else text


def index_fingerprint(transcript: Transcript) -> str:
    """What the index holds for a transcript. Unlike the store's fingerprint it
    includes times: hits carry start_ms, so a re-timed file must re-index."""
    digest = sha256(INDEX_VERSION.encode())
    for turn in transcript.turns:
        digest.update(f"{turn.speaker or ''}\x1f{turn.start_ms}\x1f{turn.text}\x1e".encode())
    return digest.hexdigest()


def _turn_rows(episode_id: int, transcript: Transcript) -> Iterator[tuple]:
    for number, turn in enumerate(transcript.turns):
        yield episode_id, "turn", number, turn.speaker, turn.start_ms, None, _clean(turn.text)


def _keep_rows(episode_id: int, highlights: Iterable[Highlight], bookmarks: Iterable[Bookmark]) -> Iterator[tuple]:
    for h in highlights:
        turn, speaker = None if h.detached else h.anchor.start_turn, h.speakers[0] if h.speakers else None
        yield episode_id, "highlight", turn, speaker, h.anchor.start_ms, h.id, _clean(h.anchor.quote)
        if h.note.strip():
            yield episode_id, "note", turn, speaker, h.anchor.start_ms, h.id, _clean(h.note)
    for b in bookmarks:
        if b.note.strip():
            yield episode_id, "bookmark", None, None, b.ms, b.id, _clean(b.note)


def _write_failure(error: sqlite3.Error, path: Path) -> SearchError:
    found = why(error, path)
    kind = found[1] if found else None
    reason = {
        "locked": "the library is in use by another program",
        "unwritable": "the library file is read-only",
        "corrupt": "the library file is damaged",
    }.get(kind or "", "the library file reported an error")
    if error_code(error) == FULL_CODE:
        reason = "the disk is full"
    return SearchError(f"The search index can't be updated because {reason}; searches may miss recent changes.")


def _write_slice(conn: sqlite3.Connection, rows: Iterator[tuple]) -> bool:
    """Insert rows for about WRITE_SLICE_MS; False once there are none left."""
    deadline = time.perf_counter() + WRITE_SLICE_MS / 1000
    while True:  # at least one batch per slice, however short the slice
        batch = list(islice(rows, _BATCH))
        if batch:
            conn.executemany(_INSERT, batch)
        if len(batch) < _BATCH:
            return False
        if time.perf_counter() >= deadline:
            return True


def _read_failure(error: sqlite3.Error) -> SearchError:
    text = str(error).lower()
    if any(word in text for word in ("fts5", "syntax", "no such column", "unterminated", "malformed match")):
        return SearchError(
            'This search can\'t be understood; use plain words, a "quoted phrase" or a prefix like regul*.'
        )
    return SearchError("The library can't be searched right now because it is busy or damaged; try again in a moment.")


# --- The index -------------------------------------------------------------


class LibrarySearch:
    """The search index of one library, on a connection of its own (made from
    a :class:`Store`, it opens the store's file), so a worker thread can
    index while the window reads and saves."""

    def __init__(self, source: Store | str | Path, *, busy_timeout_ms: int = 5000) -> None:
        """Raises SearchError when the index can't be made (a read-only or locked library)."""
        import sqlite_utils  # about 0.4 s once; the app opens the library off the window's thread

        self.path = Path(source.path if isinstance(source, Store) else source)
        try:
            conn = sqlite3.connect(
                self.path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
            )
            self._db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
            # The index can always be built again: no disk sync per slice.
            conn.execute("PRAGMA synchronous = NORMAL")
            self._ensure_schema()
        except sqlite3.Error as error:
            raise _write_failure(error, self.path) from error

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def close(self) -> None:
        self._db.close()

    def library(self) -> Store:
        """The library read through this index's own connection, on the thread
        that searches: a hit's episode, highlights and sync points. Only read
        through it, and never close it (that closes the index)."""
        return Store(self._db, self.path)

    def _missing(self) -> set[str]:
        names = {row["name"] for row in self._db.query("SELECT name FROM sqlite_master")}
        return set(_OBJECTS) - names

    def _ensure_schema(self) -> None:
        """Build the index if any part is missing, then tie it to ``episodes``."""
        if self._missing():
            try:
                with immediate(self._conn):
                    self._build()
            except sqlite3.Error:
                if self._missing():  # not merely another instance building it at the same moment
                    raise
        if "search_forget_episode" not in self._db.triggers_dict:
            with self._transaction():
                self._conn.execute(_FORGET)
                for table in ("search_docs", "search_episodes"):  # episodes deleted while there was no trigger
                    self._conn.execute(f"DELETE FROM {table} WHERE episode_id NOT IN (SELECT id FROM episodes)")

    def _build(self) -> None:
        """Drop whatever part of the index exists and make it all afresh (in
        the caller's transaction, so another copy never sees half of it)."""
        db = self._db
        if True:
            for trigger in ("search_forget_episode", *_TRIGGERS):
                db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            for table in ("search_docs_fts", "search_docs", "search_episodes"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            columns = {
                "id": int,
                "episode_id": int,
                "kind": str,
                "turn": int,
                "speaker": str,
                "start_ms": int,
                "item_id": int,
                "text": str,
            }
            docs = db.table("search_docs").create(columns, pk="id", not_null={"episode_id", "kind", "start_ms", "text"})
            docs.create_index(["episode_id", "kind"], index_name="search_docs_episode")
            db.table("search_episodes").create({"episode_id": int, "indexed_fingerprint": str}, pk="episode_id")
            docs.enable_fts(["text", "speaker"], create_triggers=True, tokenize=TOKENIZE)
            # A speaker's name alone ranks below the words spoken.
            db.execute("INSERT INTO search_docs_fts (search_docs_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)')")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One committed write; joins a transaction already open on the connection."""
        try:
            with immediate(self._conn):
                yield
        except sqlite3.Error as error:
            raise _write_failure(error, self.path) from error

    def _exists(self, episode_id: int) -> bool:
        return self._conn.execute("SELECT 1 FROM episodes WHERE id = ?", (episode_id,)).fetchone() is not None

    # --- indexing

    def indexed_fingerprint(self, episode_id: int) -> str | None:
        sql = "SELECT indexed_fingerprint FROM search_episodes WHERE episode_id = ?"
        row = self._conn.execute(sql, (episode_id,)).fetchone()
        return row[0] if row else None

    def index_episode(
        self, episode_id: int, transcript: Transcript, should_stop: Callable[[], bool] | None = None
    ) -> bool:
        """Replace the episode's turns; False when already indexed (the usual case
        on reopening, which costs a hash), the episode no longer exists, or
        ``should_stop`` said so between two slices (it is indexed next time).

        Written in slices of about :data:`WRITE_SLICE_MS` each, never one
        long transaction: a 10-hour transcript takes a second or more.
        """
        print_ = index_fingerprint(transcript)
        if self.indexed_fingerprint(episode_id) == print_:
            return False
        with self._transaction():
            if not self._exists(episode_id):
                return False
            self._conn.execute("DELETE FROM search_episodes WHERE episode_id = ?", (episode_id,))
        self._in_slices(
            "DELETE FROM search_docs WHERE id IN (SELECT id FROM search_docs"
            f" WHERE episode_id = {int(episode_id):d} AND kind = 'turn' LIMIT {_BATCH:d})"
        )
        rows = _turn_rows(episode_id, transcript)
        more = True
        while more:
            if should_stop is not None and should_stop():
                return False
            with self._transaction():
                if not self._exists(episode_id):
                    return False
                more = _write_slice(self._conn, rows)
            if more:
                time.sleep(LOCK_GAP_MS / 1000)
        with self._transaction():
            if not self._exists(episode_id):
                return False
            self._conn.execute("INSERT OR REPLACE INTO search_episodes VALUES (?, ?)", (episode_id, print_))
        return True

    def _in_slices(self, delete_sql: str) -> None:
        """Run a DELETE of at most _BATCH rows until it deletes nothing, each
        slice of transactions ending after about WRITE_SLICE_MS."""
        done = False
        while not done:
            with self._transaction():
                deadline = time.perf_counter() + WRITE_SLICE_MS / 1000
                while not done:  # at least one batch per slice
                    done = self._conn.execute(delete_sql).rowcount == 0
                    if time.perf_counter() >= deadline:
                        break
            if not done:
                time.sleep(LOCK_GAP_MS / 1000)

    def index_highlights(
        self, episode_id: int, highlights: Iterable[Highlight], bookmarks: Iterable[Bookmark] = ()
    ) -> None:
        """Replace the episode's quotes and notes: pass all of them, not the changed ones."""
        with self._transaction():
            if self._exists(episode_id):
                self._conn.execute("DELETE FROM search_docs WHERE episode_id = ? AND kind != 'turn'", (episode_id,))
                self._conn.executemany(_INSERT, _keep_rows(episode_id, highlights, bookmarks))

    def remove_episode(self, episode_id: int) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM search_docs WHERE episode_id = ?", (episode_id,))
            self._conn.execute("DELETE FROM search_episodes WHERE episode_id = ?", (episode_id,))

    def catch_up(self, store: Store, load: Callable[[str], Transcript] | None = None, limit: int | None = None) -> int:
        """Index up to ``limit`` episodes never indexed (kept before search existed),
        most recent first; returns how many. An unreadable transcript still gets
        its quotes and notes indexed, and is indexed when next opened."""
        if load is None:
            from reader.importer import load as load_file

            load = load_file
        rows = self._conn.execute(
            "SELECT e.id, e.transcript_path FROM episodes e LEFT JOIN search_episodes s ON s.episode_id = e.id"
            " WHERE s.episode_id IS NULL ORDER BY e.last_opened DESC, e.id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        for episode_id, path in rows:
            try:
                transcript = load(path) if path else None
            except Exception:  # noqa: BLE001 (any unreadable file: its notes are still worth finding)
                transcript = None
            with self._transaction():
                if transcript is not None:
                    self.index_episode(episode_id, transcript)
                else:  # "" says "tried"; no fingerprint equals it, so opening the file indexes it
                    self._conn.execute("INSERT OR REPLACE INTO search_episodes VALUES (?, '')", (episode_id,))
                self.index_highlights(episode_id, store.highlights(episode_id), store.bookmarks(episode_id))
        return len(rows)

    # --- searching

    def search(self, query: str, limit: int = RESULTS_SHOWN, *, prefix_last: bool = False) -> list[SearchHit]:
        """The best ``limit`` hits for ``query``; raises SearchError only.

        Ranking needs bm25 for every match, so a query matching more than
        RANK_CAP rows takes the newest matches unranked instead (1 ms, not 250).
        """
        expression = match_expression(query, prefix_last=prefix_last)
        if not expression:
            return []
        try:
            many = self._conn.execute(_COUNT, (expression, RANK_CAP + 1)).fetchone()[0] > RANK_CAP
            sql = _SEARCH.format(rank="0.0", order="rowid DESC") if many else _SEARCH.format(rank="rank", order="rank")
            rows = self._conn.execute(sql, (expression, max(1, limit))).fetchall()
        except sqlite3.Error as error:
            raise _read_failure(error) from error
        hits = _hits(rows)
        if not many:
            return sorted(hits, key=lambda h: (h.rank, h.episode_id, h.start_ms))
        first_seen: dict[int, int] = {}
        for hit in hits:  # newest episode first, each in reading order
            first_seen.setdefault(hit.episode_id, len(first_seen))
        return sorted(hits, key=lambda h: (first_seen[h.episode_id], h.start_ms))


def _hits(rows: list[tuple]) -> list[SearchHit]:
    renames: dict[int, dict] = {}
    hits = []
    for episode_id, title, path, renames_json, kind, turn, speaker, start_ms, snippet, rank, item_id in rows:
        if episode_id not in renames:
            try:
                found = json.loads(renames_json or "{}")
            except ValueError:
                found = {}
            renames[episode_id] = found if isinstance(found, dict) else {}
        speaker = renames[episode_id].get(speaker, speaker) if speaker is not None else None
        title = title or (Path(path).stem if path else f"Episode {episode_id}")
        snippet = " ".join(snippet.split())  # paragraph breaks would break a one-line row
        hits.append(SearchHit(episode_id, title, kind, turn, speaker, start_ms, snippet, rank, item_id))
    return hits
