"""The library database's schema, as a numbered list of migrations.

``PRAGMA user_version`` says how many migrations a database has had. Opening
it runs the missing ones, all in one ``BEGIN IMMEDIATE`` transaction, so a
database is only ever at its old version or at the current one: DDL is
transactional in SQLite, and a failure rolls everything back.

The migrations are plain SQL rather than a table-building library's calls: a
migration is a record of what a past version of the app did, and must
produce the same tables whatever library version runs it. Never edit a
migration that has shipped; append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements one by one, because
    ``Connection.executescript`` would COMMIT the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def migration_1_initial(conn: sqlite3.Connection) -> None:
    """Episodes, highlights and bookmarks.

    ``AUTOINCREMENT`` so an id is never handed out twice: undo re-inserts a
    deleted highlight under its old id, which must still be free. Highlights
    and bookmarks reference episodes without ``ON DELETE CASCADE``, so no
    single statement can ever sweep away a reader's highlights.
    """
    _run(
        conn,
        """
        CREATE TABLE episodes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            fingerprint TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            transcript_path TEXT NOT NULL DEFAULT '',
            audio_path TEXT,
            last_position_ms INTEGER NOT NULL DEFAULT 0,
            last_opened TEXT,
            speaker_renames TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX episodes_transcript_path ON episodes (transcript_path);
        CREATE TABLE highlights (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            episode_id INTEGER NOT NULL REFERENCES episodes (id),
            start_turn INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_turn INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            speakers TEXT NOT NULL DEFAULT '[]',
            colour TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            detached INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX highlights_position ON highlights (episode_id, detached, start_turn, start_offset);
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            episode_id INTEGER NOT NULL REFERENCES episodes (id),
            ms INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX bookmarks_position ON bookmarks (episode_id, ms)
        """,
    )


def migration_2_sync_points(conn: sqlite3.Connection) -> None:
    """Room for aligning a transcript with audio that is offset or drifts.

    Empty for now; the sync issue fills it. Added as a migration (not folded
    into the first) so the upgrade path is exercised from day one.
    """
    _run(
        conn,
        """
        CREATE TABLE sync_points (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            episode_id INTEGER NOT NULL REFERENCES episodes (id),
            transcript_ms INTEGER NOT NULL,
            audio_ms INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX sync_points_episode ON sync_points (episode_id, transcript_ms);
        ALTER TABLE episodes ADD COLUMN offset_ms INTEGER NOT NULL DEFAULT 0
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (migration_1_initial, migration_2_sync_points)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The database was written by a newer app; we must not touch it."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found} is newer than {SCHEMA_VERSION}")
        self.found = found


class UnknownSchemaError(Exception):
    """The database holds tables this app did not make; we must not touch it."""


def _columns(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Every (table, column) of the database's own tables."""
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
    ]
    return {(table, row[1]) for table in tables for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def version_from_tables(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The version of a database whose ``user_version`` says 0, read from its tables.

    sqlite3's ``.dump`` (the usual way to copy a damaged library's rows into
    a new file) leaves ``PRAGMA user_version`` out, so a library brought back
    that way says 0 although it holds every table. Its version is the number
    of migrations whose tables and columns it all has, each found by running
    the migrations on an empty database in memory (so a migration appended
    later needs nothing here). An empty database is 0; one with tables but
    not the first migration's belongs to another program.
    """
    found = _columns(conn)
    if not found:
        return 0
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        version = 0
        for migration in migrations:
            migration(scratch)
            if not _columns(scratch) <= found:
                break
            version += 1
    finally:
        scratch.close()
    if version == 0:
        raise UnknownSchemaError("the database holds tables Transcript Reader did not make")
    return version


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> bool:
    """Bring the database up to ``len(migrations)``; True if anything ran.

    The version is read again inside the write transaction, so two app
    instances starting at once cannot both run the same migration. The
    connection must be in autocommit mode (``isolation_level=None``) so that
    this function alone decides where the transaction begins and ends.

    A database at version 0 that already holds tables has its version read
    from them (:func:`version_from_tables`); one whose tables are another
    program's raises :class:`UnknownSchemaError` and is left as it was.
    """
    found = user_version(conn)
    if found > len(migrations):
        raise NewerSchemaError(found)
    if found == len(migrations):
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(conn)
        adopted = version_from_tables(conn, migrations) if found == 0 else 0
        if adopted:  # a library brought back with .dump: what it has is not made again
            found = adopted
            conn.execute(f"PRAGMA user_version = {found:d}")
        if found > len(migrations):
            raise NewerSchemaError(found)
        for number in range(found + 1, len(migrations) + 1):
            _migrate_once(conn, migrations[number - 1], bool(adopted))
            conn.execute(f"PRAGMA user_version = {number:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def _migrate_once(conn: sqlite3.Connection, migration: Migration, adopted: bool) -> None:
    """One migration; on a database whose version was read from its tables, one
    that fails found some of its tables made by another program."""
    try:
        migration(conn)
    except sqlite3.OperationalError as error:
        if not adopted:
            raise
        raise UnknownSchemaError(str(error)) from error
