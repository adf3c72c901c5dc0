"""Bringing back what a damaged library still holds.

A damaged library is moved aside whole and a fresh one started
(``reader.store.opening``). Damage usually spoils a few pages, and the other
rows can still be read: they are copied into the fresh library with their
ids, episodes first (highlights, bookmarks and sync points need theirs).
A row that cannot be read, or whose episode was lost, stays in the moved
file, which is never changed or deleted. The search index and followed
podcasts are not copied: the index is built again as episodes are opened,
and a feed is followed again in a click.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: In the order their references need. Each keeps the columns both files have
#: (a damaged library may be of an older version).
TABLES = ("episodes", "highlights", "bookmarks", "sync_points")
#: Past a spoiled stretch of rows, how many further rowids are tried before a
#: table is given up (each try doubles the jump).
MAX_JUMPS = 48


def salvage(damaged: Path, conn: sqlite3.Connection) -> dict[str, int]:
    """Copy every row that can be read from ``damaged`` into ``conn`` (the
    fresh library, committed per table); how many rows of each table came back.

    It reads a copy of the file and its ``-wal`` (whose last commits may not
    be in the file yet) in a scratch folder: SQLite may change or delete a
    journal it opens, even read-only, and the moved file must stay exactly
    as it was found."""
    with tempfile.TemporaryDirectory(prefix="transcript-reader-salvage-") as scratch:
        copy = Path(scratch) / damaged.name
        try:
            shutil.copyfile(damaged, copy)
            if Path(f"{damaged}-wal").is_file():
                shutil.copyfile(f"{damaged}-wal", f"{copy}-wal")
            source = sqlite3.connect(copy)
        except (OSError, sqlite3.Error):
            return {}
        counts: dict[str, int] = {}
        try:
            for table in TABLES:
                columns = _shared_columns(source, conn, table)
                if columns:
                    counts[table] = _copy(_readable_rows(source, table, columns), conn, table, columns)
            _carry_sequences(source, conn)
        finally:
            source.close()
    return {table: count for table, count in counts.items() if count}


def _carry_sequences(source: sqlite3.Connection, conn: sqlite3.Connection) -> None:
    """New ids start past the old file's, as far as it says: a row left behind
    in it never shares an id with one made after, so the two can still be merged."""
    try:
        sequences = source.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    except sqlite3.Error:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name, seq in sequences:
            if name in TABLES and isinstance(seq, int):
                conn.execute(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0"
                    " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                    (name, name),
                )
                conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _shared_columns(source: sqlite3.Connection, conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        theirs = {row[1] for row in source.execute("SELECT * FROM pragma_table_info(?)", (table,))}
    except sqlite3.Error:
        return []
    return [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,)) if row[1] in theirs]


def _readable_rows(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple]:
    """The rows that can be read, in rowid order. Where reading fails, the
    first rowid that can be read again is looked for past the spoiled stretch."""
    select = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid >= ? ORDER BY rowid"  # noqa: S608 (names are ours)
    position = -(2**63)
    while True:
        try:
            for row in source.execute(select, (position,)):
                position = row[0] + 1
                yield row[1:]
            return
        except sqlite3.Error:
            found = _next_readable(source, select, position)
            if found is None:
                return
            position = found


def _next_readable(source: sqlite3.Connection, select: str, failed: int) -> int | None:
    """The first rowid past ``failed`` (where reading failed) from which rows
    can be read again, or None: jumps of doubling size to get past the spoiled
    stretch, then halving back so that no readable row before it is skipped."""

    def readable(start: int) -> int | None | bool:
        try:
            row = source.execute(select + " LIMIT 1", (start,)).fetchone()
        except sqlite3.Error:
            return False
        return None if row is None else row[0]

    jump = 1
    for _ in range(MAX_JUMPS):
        found = readable(failed + jump)
        if found is not False:
            break
        jump *= 2
    else:
        return None
    low, high = failed + jump // 2, failed + jump  # reading fails from low, works from high
    while high - low > 1:
        middle = (low + high) // 2
        if readable(middle) is False:
            low = middle
        else:
            high = middle
    first = readable(high)
    return None if first is False else first


def _copy(rows: Iterator[tuple], conn: sqlite3.Connection, table: str, columns: list[str]) -> int:
    """Insert the rows, keeping their ids; one whose episode is gone is left out."""
    insert = f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
    copied = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            try:
                copied += conn.execute(insert, row).rowcount
            except sqlite3.IntegrityError:  # its episode was not readable, or a value breaks a rule
                continue
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return copied
