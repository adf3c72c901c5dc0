"""Saving recovers: a refused save is kept in memory and written later, in order.

The failures are real: another connection holding the write lock, and a
"full disk" made by a connection whose database may not grow (SQLite's
``max_page_count``), which fails exactly as a full disk does (SQLITE_FULL).
"""

from __future__ import annotations

import sqlite3

import pytest

from reader.keep import Anchor
from reader.model import Transcript, Turn
from reader.store import Store
from reader.store import opening as opening_module
from reader.store.saving import SaveQueue

TRANSCRIPT = Transcript("plain-text", "Gardens", (), (Turn("Ana", 0, 1000, True, "Welcome back to the show."),))
ANCHOR = Anchor(0, 0, 0, 7, "Welcome", "", " back", 0, 500)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "data", busy_timeout_ms=20)
    yield opened
    opened.close()


@pytest.fixture
def episode(store, tmp_path):
    return store.open_episode(TRANSCRIPT, str(tmp_path / "gardens.txt"))[0]


class Events(list):
    def __call__(self, event: str, sentence: str) -> None:
        self.append((event, sentence))


@pytest.fixture
def queue(store):
    q = SaveQueue(store)
    q.events = Events()
    q.listen(q.events)
    return q


@pytest.fixture
def lock(store, hold_write_lock):
    """Another program holding the library's write lock; call it to let go."""
    return hold_write_lock(store.path)


def test_a_save_that_the_library_accepts_is_written_at_once(queue, store, episode):
    written = []
    add = lambda s: s.add_highlight(episode.id, ANCHOR, ["Ana"], "green")  # noqa: E731
    assert queue.submit("highlight", add, done=written.append)
    assert [h.anchor.quote for h in store.highlights(episode.id)] == ["Welcome"]
    assert written and queue.pending == 0 and queue.events == []


def test_while_another_program_holds_the_lock_edits_are_kept_and_written_when_it_lets_go(queue, store, episode, lock):
    assert not queue.submit("highlight", lambda s: s.add_highlight(episode.id, ANCHOR, ["Ana"], "green"))
    assert not queue.submit("bookmark", lambda s: s.add_bookmark(episode.id, 5_000, "here"))
    assert queue.pending == 2 and queue.held_up
    event, sentence = queue.events[-1]
    assert event == "held"
    assert sentence.startswith("Saving is held up because ") and "locked by another program" in sentence
    assert "2 changes are kept in memory" in sentence
    assert not queue.retry()  # still locked: nothing lost, nothing written
    assert queue.pending == 2
    lock()
    assert queue.retry()
    assert queue.events[-1] == ("caught_up", "All your changes are saved now.")
    assert [h.anchor.quote for h in store.highlights(episode.id)] == ["Welcome"]
    assert [b.note for b in store.bookmarks(episode.id)] == ["here"]


def test_a_full_disk_holds_saving_up_and_freeing_space_lets_it_catch_up(tmp_path, monkeypatch):
    """The connection may not grow past its current size: SQLITE_FULL, as on a full disk."""
    made = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        made.append(real_connect(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(opening_module.sqlite3, "connect", connect)
    store = Store.open(tmp_path / "data")
    conn = made[-1]
    episode = store.open_episode(TRANSCRIPT, str(tmp_path / "gardens.txt"))[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    queue = SaveQueue(store)
    events = Events()
    queue.listen(events)
    long_note = "words " * 20_000  # needs pages the file may not have
    assert not queue.submit("bookmark", lambda s: s.add_bookmark(episode.id, 1_000, long_note))
    assert "disk holding" in events[-1][1] and "is full" in events[-1][1]
    assert not queue.retry()
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space freed
    assert queue.retry()
    assert [b.note for b in store.bookmarks(episode.id)] == [long_note]
    store.close()


def test_items_made_while_held_up_get_their_real_ids_before_later_edits_run(queue, store, episode, lock):
    provisional = queue.provisional_id()
    assert provisional < 0
    queue.submit(
        "highlight",
        lambda s: s.add_highlight(episode.id, ANCHOR, ["Ana"], "green"),
        done=lambda h: queue.record_id("highlight", provisional, h.id),
    )
    queue.submit("note", lambda s: s.update_highlight(queue.real_id("highlight", provisional), note="kept"))
    lock()
    assert queue.retry()
    [saved] = store.highlights(episode.id)
    assert saved.note == "kept" and queue.real_id("highlight", provisional) == saved.id


def test_an_edit_to_an_item_deleted_elsewhere_is_dropped_with_its_stale_callback(queue, store, episode):
    h = store.add_highlight(episode.id, ANCHOR, ["Ana"], "green")
    other = Store.open(store.path.parent)
    other.delete_highlight(h.id)
    other.close()
    said = []
    assert queue.submit("note", lambda s: s.update_highlight(h.id, note="x"), stale=lambda: said.append("gone"))
    assert said == ["gone"] and queue.pending == 0


def test_a_bug_in_a_write_is_reported_in_a_sentence_and_does_not_block_the_rest(queue, store, episode, caplog):
    def broken(_store):
        raise ValueError("no such colour")

    queue.submit("colour", broken)
    assert queue.events[-1] == ("message", "A colour could not be saved (no such colour); it was left out.")
    assert queue.submit("bookmark", lambda s: s.add_bookmark(episode.id, 1, ""))
    assert len(store.bookmarks(episode.id)) == 1
