"""A library that cannot be written (a read-only folder, a backup disk) still
gives its highlights to ``transcript-reader highlights`` and ``export``:
read as it is, said in one sentence, and left exactly as it was.

Root ignores file permissions, so the first test makes the library refuse
writing the way ``Store.open`` reports it; the second uses real permissions
where they apply.
"""

from __future__ import annotations

import csv
import io
import os

import pytest

from reader.cli import main
from reader.errors import StoreError
from reader.store import DB_FILENAME, Store
from tests.reader.test_library_cli import library  # noqa: F401 (the fixture)

READ_ONLY_SENTENCE = "can't be written, so it was only read; nothing in it changed."


@pytest.fixture
def refused(monkeypatch):
    """Store.open refuses the library as it does a read-only one."""

    def refuse(path, _busy_timeout_ms):
        raise StoreError(f"Highlights can't be saved because {path} is read-only; check it.", "unwritable")

    monkeypatch.setattr("reader.store.library.connect", refuse)


def _exported_notes(data_dir, capsys) -> list[str]:
    assert main(["export", "1", "--format", "csv", "--data-dir", str(data_dir)]) == 0
    out, err = capsys.readouterr()
    assert err.strip().endswith(READ_ONLY_SENTENCE) and err.count("\n") == 1
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    return [row["Note"] for row in rows]


def test_an_unwritable_library_is_listed_and_exported_as_it_is(library, capsys, refused):  # noqa: F811
    data_dir, _ = library
    before = (data_dir / DB_FILENAME).read_bytes()

    assert main(["highlights", "1", "--data-dir", str(data_dir)]) == 0
    out, err = capsys.readouterr()
    assert "Hello" in out and "note: a, note" in out
    assert READ_ONLY_SENTENCE in err
    assert _exported_notes(data_dir, capsys) == [".orange [00:00:00] a, note"]
    assert (data_dir / DB_FILENAME).read_bytes() == before
    with Store.open_to_read(data_dir) as store, pytest.raises(StoreError) as caught:
        store.add_bookmark(1, 0)  # nothing can be written through it
    assert caught.value.kind == "unwritable"
    assert (data_dir / DB_FILENAME).read_bytes() == before


def test_a_library_of_another_version_is_not_read_as_it_is(library, capsys, refused):  # noqa: F811
    """Its tables may not be the ones this app reads: the refusal stands."""
    import sqlite3

    data_dir, _ = library
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    assert main(["highlights", "1", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "is read-only; check it." in err and err.count("\n") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root (or Windows) ignores these permissions")
def test_a_library_in_a_read_only_folder_is_exported(library, capsys):  # noqa: F811
    data_dir, _ = library
    (data_dir / DB_FILENAME).chmod(0o444)
    data_dir.chmod(0o555)
    try:
        assert _exported_notes(data_dir, capsys) == [".orange [00:00:00] a, note"]
    finally:
        data_dir.chmod(0o755)
