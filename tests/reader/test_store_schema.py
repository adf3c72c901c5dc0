"""A library whose version number was lost, and a database that is not a library.

sqlite3's ``.dump`` (and Python's ``iterdump``), the usual way to copy the
rows of a damaged library into a new file, leave ``PRAGMA user_version``
out: such a copy must open with everything in it. A database of another
program's found where the library should be is refused and never written to.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.library_cli import highlights_command
from reader.store import DB_FILENAME, Store, StoreError
from reader.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from tests.reader.test_store import EPISODE, anchor, one_sentence


def dumped_copy(source: Path, target: Path) -> None:
    """``target`` made from ``source``'s rows, as ``sqlite3 old.db .dump | sqlite3 new.db`` makes it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(source)
    new = sqlite3.connect(target)
    new.executescript("\n".join(old.iterdump()))
    old.close()
    new.close()


def test_a_library_copied_with_dump_opens_with_every_highlight_and_note(tmp_path):
    with Store.open(tmp_path / "old") as store:
        episode, _ = store.open_episode(EPISODE, "/x/gardens.txt")
        store.add_highlight(episode.id, anchor(), ["Ana"], "green", "my note")
        store.add_bookmark(episode.id, 1234, "mark")
        store.save_time_map(episode.id, {"offset_ms": 500, "points": [[1000, 2000]]})
    dumped_copy(tmp_path / "old" / DB_FILENAME, tmp_path / "new" / DB_FILENAME)

    with Store.open(tmp_path / "new") as store:
        assert store.recovered_from is None
        assert store.settings()["user_version"] == SCHEMA_VERSION
        [highlight] = store.highlights(episode.id)
        assert (highlight.anchor.quote, highlight.colour, highlight.note) == ("Welcome", "green", "my note")
        assert [b.note for b in store.bookmarks(episode.id)] == ["mark"]
        assert store.time_map(episode.id) == {"offset_ms": 500, "points": [[1000, 2000]]}
        store.add_highlight(episode.id, anchor(1, 0, 5, "Today"), ["Ana"], "yellow")  # and it takes new ones


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_library_copied_with_dump_is_brought_up_to_date(tmp_path, version):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, MIGRATIONS[:version])
    conn.execute(
        "INSERT INTO episodes (fingerprint, title, transcript_path, created_at) VALUES ('f', 'Old', '/old.txt', 'x')"
    )
    conn.execute("INSERT INTO bookmarks (episode_id, ms, note, created_at) VALUES (1, 1234, 'kept', 'x')")
    conn.close()
    dumped_copy(old, tmp_path / "new" / DB_FILENAME)

    with Store.open(tmp_path / "new") as store:
        assert store.settings()["user_version"] == SCHEMA_VERSION
        assert [b.note for b in store.bookmarks(1)] == ["kept"]
        assert store.time_map(1) == {"offset_ms": 0, "points": []}


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE items (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO items (path) VALUES ('song.mp3')",
        "CREATE TABLE episodes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO episodes (name) VALUES ('theirs')",
    ],
    ids=["other tables", "a table named like ours"],
)
def test_another_programs_database_is_refused_in_one_sentence_and_left_as_it_was(tmp_path, capsys, schema):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.executescript(schema)
    conn.close()
    before = path.read_bytes()

    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert caught.value.kind == "foreign"
    assert one_sentence(str(caught.value)) and "another program" in str(caught.value)
    assert highlights_command(["--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another program" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]
    conn = sqlite3.connect(path)
    assert user_version(conn) == 0
    conn.close()
