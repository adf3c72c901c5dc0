"""A damaged library is moved aside, and what can still be read of it comes back.

The damage is real: one page of the file, found by the words it holds, is
overwritten, as a failing disk or a bad copy would. The moved file must
stay byte for byte as it was found.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.store import DB_FILENAME, Store
from tests.reader.test_store import EPISODE, anchor, one_sentence

HIGHLIGHTS = 300


def _note(i: int) -> str:
    return f"note {i} " * 20


def _library(data_dir: Path) -> int:
    """A library of one episode, 300 highlights (many pages of them) and a bookmark; the episode's id."""
    with Store.open(data_dir) as store:
        episode, _ = store.open_episode(EPISODE, "/x/gardens.txt")
        for i in range(HIGHLIGHTS):
            store.add_highlight(episode.id, anchor(), ["Ana"], "yellow", _note(i))
        store.add_bookmark(episode.id, 1234, "mark")
    return episode.id


def _spoil_the_page_holding(path: Path, words: bytes) -> bytes:
    """Overwrite the one page that holds ``words``; the damaged file's bytes."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert data.find(words) >= 0
    page = data.find(words) // page_size
    assert data[page * page_size] == 0x0D  # a leaf page of a table's rows
    data[page * page_size : (page + 1) * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return bytes(data)


def test_the_highlights_outside_a_damaged_page_come_back_with_their_ids_and_notes(tmp_path):
    data_dir = tmp_path / "data"
    episode_id = _library(data_dir)
    damaged = _spoil_the_page_holding(data_dir / DB_FILENAME, _note(150).encode())

    with Store.open(data_dir) as store:
        assert store.recovered_from is not None and store.recovered_from.read_bytes() == damaged
        back = store.highlights(episode_id)
        assert 0 < HIGHLIGHTS - len(back) < 40  # one page's worth is lost
        assert 151 not in {h.id for h in back}  # highlight 150's (ids count from 1)
        assert all(h.note == _note(h.id - 1) and h.anchor == anchor() for h in back)
        assert [b.note for b in store.bookmarks(episode_id)] == ["mark"]
        assert store.episode(episode_id).title == "Gardens"
        assert one_sentence(store.notice)
        assert f"with the {len(back)} highlights, 1 bookmark and 1 episode that could still be read" in store.notice
        new = store.add_highlight(episode_id, anchor(), ["Ana"], "green")
        assert new.id > HIGHLIGHTS  # never the id of a highlight left in the moved file


def test_garbage_brings_nothing_back_and_says_so_as_before(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"not a library at all " * 300)
    with Store.open(data_dir) as store:
        assert store.episodes() == []
        assert store.notice.endswith("and a new one was started; nothing was deleted.")


def test_highlights_only_in_the_journal_yet_come_back_too(tmp_path):
    """The app was killed with its last highlights in the -wal file, not yet
    in the library file itself, and the file was damaged too."""
    live = tmp_path / "live"
    episode_id = _library(live)
    with Store.open(live) as store:
        store.connection.execute("PRAGMA wal_autocheckpoint = 0")  # what follows stays in the journal
        for i in range(3):
            store.add_highlight(episode_id, anchor(), ["Ana"], "green", f"late {i}")
        data_dir = tmp_path / "data"  # the files as a kill leaves them: the journal not yet folded in
        data_dir.mkdir()
        for name in (DB_FILENAME, f"{DB_FILENAME}-wal"):
            shutil.copyfile(live / name, data_dir / name)
    journal = (data_dir / f"{DB_FILENAME}-wal").read_bytes()
    _spoil_the_page_holding(data_dir / DB_FILENAME, _note(150).encode())

    with Store.open(data_dir) as store:
        assert store.recovered_from is not None
        assert Path(f"{store.recovered_from}-wal").read_bytes() == journal  # moved, untouched
        notes = [h.note for h in store.highlights(episode_id)]
        assert notes[-3:] == ["late 0", "late 1", "late 2"]


def test_when_the_fresh_library_cannot_be_made_the_move_is_still_told_at_the_next_start(tmp_path, monkeypatch):
    """A full disk refuses the new library just after the damaged one was moved aside."""
    from reader.errors import StoreError
    from reader.store import library
    from reader.store.opening import pending_notice

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"not a library at all " * 300)
    real_connect, calls = library.connect, []

    def full_disk_after_the_move(path, busy_timeout_ms):
        calls.append(path)
        if len(calls) > 1:
            raise StoreError(f"Highlights can't be saved because the disk holding {path} is full.", "unwritable")
        return real_connect(path, busy_timeout_ms)

    monkeypatch.setattr(library, "connect", full_disk_after_the_move)
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert caught.value.kind == "unwritable"
    monkeypatch.setattr(library, "connect", real_connect)
    [moved] = data_dir.glob("library.corrupt-*.db")
    with Store.open(data_dir) as store:  # space was freed: a fresh library, and no damage to find
        assert store.notice is None
    assert pending_notice(data_dir) == (
        f"The highlights library was damaged, so it was moved to {moved} "
        "and a new one was started; nothing was deleted."
    )
