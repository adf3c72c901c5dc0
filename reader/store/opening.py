"""Opening the library file, and setting a damaged one aside.

A damaged file is renamed together with its ``-wal``/``-shm``/``-journal``
files to ``library.corrupt-<time>.db`` and never deleted; a fresh library is
started, and the sentence saying where the old one went is kept in a small
file beside it until the app has shown it (:func:`pending_notice`), so a user
who opens the command line first still hears about it in the window.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from reader.errors import StoreError
from reader.store.failures import CORRUPT_CODES, error_code, translated
from reader.store.schema import (
    SCHEMA_VERSION,
    NewerSchemaError,
    UnknownSchemaError,
    migrate,
    user_version,
    version_from_tables,
)

DB_FILENAME = "library.db"
NOTICE_FILENAME = "library-moved-aside.txt"

#: Files SQLite keeps beside the database. They belong to it: moving the
#: database without them could replay a stale journal into a fresh file.
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Highlights can't be saved because the folder {data_dir} can't be created ({error.strerror}).",
            "unwritable",
        ) from error


def connect(path: Path, busy_timeout_ms: int):
    """A sqlite-utils Database checked, configured, migrated and proven writable.

    ``isolation_level=None`` hands every transaction boundary to the store,
    so nothing stays open by accident between two user actions; sqlite-utils
    joins a transaction already open (with a savepoint) rather than
    committing it. ``check_same_thread=False``: the app opens the library on
    a worker thread and then uses it from the window's thread only.
    """
    import sqlite_utils  # about 0.4 s of imports (click, pluggy): paid off the window's thread

    check_integrity(path, busy_timeout_ms)
    with translated(path):
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False)
    try:
        with translated(path):
            if user_version(conn) == 0:
                version_from_tables(conn)  # another program's database is refused before anything is written
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if not migrate(conn):
                prove_writable(conn)
    except NewerSchemaError as error:
        conn.close()
        raise StoreError(
            f"Highlights can't be saved because {path} was written by a newer Transcript Reader; update the app.",
            "newer",
        ) from error
    except UnknownSchemaError as error:
        conn.close()
        raise StoreError(
            f"Highlights can't be saved because {path} belongs to another program, not Transcript Reader; "
            "move it out of that folder or choose another library folder.",
            "foreign",
        ) from error
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


def connect_to_read(path: Path, busy_timeout_ms: int):
    """A sqlite-utils Database that reads the library as it is and never writes.

    For listing and exporting a library :func:`connect` refuses because it
    cannot be written (a read-only folder, a backup disk): the highlights
    must still come out. Nothing is migrated, switched to WAL or moved
    aside. In a read-only folder SQLite cannot make the ``-shm`` file a WAL
    library needs, so a library with no ``-wal`` file beside it (nothing
    left to checkpoint) is read as immutable. StoreError when it cannot be
    read so, or is of another version than this app's.
    """
    import sqlite_utils

    if not path.is_file():
        raise StoreError(f"There is no library at {path} to read.", "unwritable")
    check_integrity(path, busy_timeout_ms)
    queries = ["mode=ro"] if Path(f"{path}-wal").exists() else ["mode=ro", "mode=ro&immutable=1"]
    failure: sqlite3.Error | None = None
    for query in queries:
        conn = sqlite3.connect(
            f"{path.absolute().as_uri()}?{query}",
            uri=True,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            found = user_version(conn)
        except sqlite3.Error as error:
            conn.close()
            failure = error
            continue
        if found != SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{path} was written by another version of Transcript Reader.", "unwritable")
        return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    raise StoreError(f"{path} can't be read ({failure}).", "unwritable") from failure


def check_integrity(path: Path, busy_timeout_ms: int) -> None:
    """Raise a "corrupt" StoreError if the file is not a sound database.

    The check runs on a read-only connection: closing a read-write one
    checkpoints and deletes the ``-wal`` file, and a damaged library must
    reach the side exactly as it was. ``quick_check`` reads every page, so
    damage shows at start-up rather than halfway through saving a note.
    An empty file beside a non-empty journal is damage too: SQLite would
    take the empty file for a new database and delete the journal.
    """
    if not path.is_file():
        return
    if path.stat().st_size == 0:
        if any(_size(Path(f"{path}{side}")) for side in SIDE_FILES):
            raise StoreError(f"Highlights can't be saved because {path} is damaged.", "corrupt")
        return
    try:
        probe = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        try:
            rows = probe.execute("PRAGMA quick_check").fetchall()
        finally:
            probe.close()
    except sqlite3.Error as error:
        if error_code(error) not in CORRUPT_CODES:
            return
        rows = [(str(error),)]
    if rows != [("ok",)]:
        raise StoreError(f"Highlights can't be saved because {path} is damaged.", "corrupt")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prove_writable(conn: sqlite3.Connection) -> None:
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


def move_aside(path: Path) -> Path:
    """Rename the damaged file and its side files to a free timestamped name.

    Side files go first: a fresh database must never find the old journal
    beside it. Nothing is deleted and no existing file is replaced.
    """
    attempt = 0
    target = _corrupt_name(path, attempt)
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        attempt += 1
        target = _corrupt_name(path, attempt)
    try:
        for side in SIDE_FILES:
            if Path(f"{path}{side}").exists():
                os.rename(f"{path}{side}", f"{target}{side}")
        os.rename(path, target)
    except OSError as error:
        raise StoreError(
            f"Highlights can't be saved because {path} is damaged and can't be moved aside ({error.strerror}).",
            "corrupt",
        ) from error
    return target


def moved_aside_sentence(moved: Path, brought_back: dict[str, int] | None = None) -> str:
    """What happened, and what the fresh library holds of the old one
    (``brought_back``: rows copied per table, ``reader.store.salvage``)."""
    counts = brought_back or {}
    kept = [
        f"{counts[table]} {name if counts[table] != 1 else name.removesuffix('s')}"
        for table, name in (("highlights", "highlights"), ("bookmarks", "bookmarks"), ("episodes", "episodes"))
        if counts.get(table)
    ]
    if not kept:
        return (
            f"The highlights library was damaged, so it was moved to {moved} "
            "and a new one was started; nothing was deleted."
        )
    listed = ", ".join(kept[:-1]) + (" and " if len(kept) > 1 else "") + kept[-1]
    return (
        f"The highlights library was damaged, so it was moved to {moved} and a new one was started "
        f"with the {listed} that could still be read; nothing was deleted."
    )


def remember_notice(data_dir: Path, sentence: str) -> None:
    """Keep the sentence until the app has shown it (best effort: the
    command line has said it already)."""
    try:
        (data_dir / NOTICE_FILENAME).write_text(sentence + "\n", encoding="utf-8")
    except OSError:
        pass


def pending_notice(data_dir: Path) -> str | None:
    """A damage notice the app has not shown yet, if any."""
    try:
        return (data_dir / NOTICE_FILENAME).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def notice_seen(data_dir: Path) -> None:
    try:
        (data_dir / NOTICE_FILENAME).unlink()
    except OSError:
        pass
