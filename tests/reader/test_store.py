"""The library never loses a highlight: identity, CRUD, crashes, contention, damage.

No test sleeps: child processes that must be killed or raced are driven by
their stdin/stdout, and lock waits use a short injected busy timeout.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import parse_bytes
from reader.keep import Anchor, Bookmark
from reader.model import Transcript, Turn
from reader.store import DB_FILENAME, Store, StoreError, fingerprint
from reader.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version

PROJECT = Path(__file__).resolve().parents[2]


def make_transcript(*texts: str, speaker: str | None = "Ana", step_ms: int = 1000, title: str | None = None):
    turns = tuple(Turn(speaker, i * step_ms, (i + 1) * step_ms, True, text) for i, text in enumerate(texts))
    return Transcript("plain-text", title, (), turns)


EPISODE = make_transcript("Welcome back to the show.", "Today we talk about gardens.", title="Gardens")


def anchor(turn: int = 0, start: int = 0, end: int = 7, quote: str = "Welcome") -> Anchor:
    return Anchor(turn, start, turn, end, quote, "", " back", turn * 1000, turn * 1000 + 500)


def one_sentence(message: str) -> bool:
    return "\n" not in message and message.rstrip().endswith(".") and "Traceback" not in message


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def episode(store, tmp_path):
    return store.open_episode(EPISODE, str(tmp_path / "gardens.txt"))[0]


# --- Opening and schema ------------------------------------------------------


def test_open_creates_the_folder_and_a_current_wal_database(data_dir):
    with Store.open(data_dir / "deeper") as store:
        assert store.path == data_dir / "deeper" / DB_FILENAME
        assert store.path.is_file()
        assert store.settings() == {
            "journal_mode": "wal",
            "synchronous": 2,  # FULL
            "busy_timeout": 5000,
            "user_version": SCHEMA_VERSION,
        }
        assert store.recovered_from is None and store.notice is None


def test_a_version_1_database_is_migrated_and_keeps_its_data(data_dir):
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    assert user_version(conn) == 1
    conn.execute(
        "INSERT INTO episodes (fingerprint, title, transcript_path, speaker_renames, created_at)"
        " VALUES (?, 'Old', '/old/path.txt', '{\"Ana\": \"Ana M.\"}', '2025-01-01T00:00:00.000Z')",
        (fingerprint(EPISODE),),
    )
    conn.execute(
        "INSERT INTO highlights (episode_id, start_turn, start_offset, end_turn, end_offset, quote, start_ms, end_ms,"
        " speakers, colour, note, created_at, updated_at)"
        " VALUES (1, 0, 0, 0, 7, 'Welcome', 0, 500, '[\"Ana\"]', 'green', 'kept', '2025-01-01T00:00:00.000Z',"
        " '2025-01-01T00:00:00.000Z')"
    )
    conn.execute("INSERT INTO bookmarks (episode_id, ms, note, created_at) VALUES (1, 1234, 'mark', '2025-01-01')")
    conn.close()

    with Store.open(data_dir) as store:
        assert store.settings()["user_version"] == SCHEMA_VERSION
        episode, changed = store.open_episode(EPISODE, "/new/path.txt")
        assert (episode.id, episode.title, changed) == (1, "Old", False)
        assert episode.speaker_renames == {"Ana": "Ana M."}
        [highlight] = store.highlights(1)
        assert (highlight.anchor.quote, highlight.colour, highlight.note) == ("Welcome", "green", "kept")
        assert store.bookmarks(1)[0].ms == 1234
        # What migration 2 added is there and usable.
        assert store.time_map(1) == {"offset_ms": 0, "points": []}


def test_a_failed_migration_leaves_the_database_unchanged(data_dir):
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    with pytest.raises(sqlite3.OperationalError, match="boom"):
        migrate(conn, (*MIGRATIONS, broken))
    assert user_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "sync_points" not in tables and "half_done" not in tables
    assert not conn.in_transaction
    conn.close()


def test_a_database_from_a_newer_app_is_refused_and_left_alone(data_dir):
    Store.open(data_dir).close()
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert caught.value.kind == "newer"
    assert one_sentence(str(caught.value))
    assert path.read_bytes() == before


# --- Fingerprints and episode identity ----------------------------------------


def test_fingerprint_ignores_line_endings_quotes_case_and_times():
    lf = '00:00 Ana: It\'s a "big" day.\n00:05 Bo: Yes,  it is.\n'
    crlf = "00:00 Ana: It\u2019s a \u201cbig\u201d day.\r\n00:05 Bo: Yes, it is.\r\n"
    retimed = '00:02 Ana: it\'s a "BIG" day.\n01:15 Bo: Yes, it is.\n'
    prints = {fingerprint(parse_bytes(text.encode())) for text in (lf, crlf, retimed)}
    assert len(prints) == 1


def test_fingerprint_changes_when_a_word_or_a_speaker_changes():
    base = make_transcript("Welcome back to the show.")
    assert fingerprint(base) != fingerprint(make_transcript("Welcome back to the podcast."))
    assert fingerprint(base) != fingerprint(make_transcript("Welcome back to the show.", speaker="Bo"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=5), st.integers(1, 5000))
def test_fingerprint_ignores_extra_whitespace_and_times(texts, step_ms):
    spaced = [" \r\n ".join(text.split(" ")) + "\t" for text in texts]
    assert fingerprint(make_transcript(*texts)) == fingerprint(make_transcript(*spaced, step_ms=step_ms))


def test_a_moved_file_is_found_again(store, tmp_path):
    first, _ = store.open_episode(EPISODE, str(tmp_path / "a" / "gardens.txt"))
    moved, changed = store.open_episode(EPISODE, str(tmp_path / "b" / "renamed.txt"))
    assert moved.id == first.id and not changed
    assert moved.transcript_path == str(tmp_path / "b" / "renamed.txt")
    assert len(store.episodes()) == 1


def test_the_same_file_opened_twice_is_one_episode(store, tmp_path):
    path = str(tmp_path / "gardens.txt")
    first, _ = store.open_episode(EPISODE, path)
    again, changed = store.open_episode(make_transcript(*(t.text for t in EPISODE.turns), step_ms=777), path)
    assert again.id == first.id and not changed
    assert again.title == "Gardens"
    assert len(store.episodes()) == 1


def test_changed_content_at_the_same_path_is_the_same_episode_flagged_changed(store, tmp_path):
    path = str(tmp_path / "gardens.txt")
    first, _ = store.open_episode(EPISODE, path)
    edited = make_transcript("Welcome back to the show.", "Today we talk about orchards.")
    again, changed = store.open_episode(edited, path)
    assert again.id == first.id and changed
    assert again.fingerprint == fingerprint(edited) != first.fingerprint
    assert store.open_episode(edited, path) == (store.episode(first.id), False)


def test_new_episode_is_titled_from_the_file_when_the_transcript_has_no_title(store, tmp_path):
    untitled = make_transcript("Something else entirely.")
    episode, changed = store.open_episode(untitled, str(tmp_path / "Episode 12.srt"))
    assert episode.title == "Episode 12" and not changed


# --- Episodes ------------------------------------------------------------------


def test_update_episode_and_summaries(store, episode, tmp_path):
    audio = tmp_path / "gardens.mp3"
    audio.write_bytes(b"ID3")
    Path(episode.transcript_path).write_text("00:00 Ana: hi\n")
    updated = store.update_episode(episode.id, audio_path=str(audio), last_position_ms=61_000, title="Gardens 2")
    assert (updated.audio_path, updated.last_position_ms, updated.title) == (str(audio), 61_000, "Gardens 2")
    store.add_highlight(episode.id, anchor(), ["Ana"], "yellow")
    store.add_bookmark(episode.id, 5000)
    [summary] = store.episodes()
    assert summary.episode == updated
    assert (summary.highlight_count, summary.bookmark_count) == (1, 1)
    assert summary.transcript_exists and summary.audio_exists
    audio.unlink()
    assert not store.episodes()[0].audio_exists
    with pytest.raises(TypeError):
        store.update_episode(episode.id, colour="blue")
    with pytest.raises(KeyError):
        store.update_episode(999, title="nobody")


def test_speaker_renames_are_kept_and_an_empty_name_removes_one(data_dir, store, episode):
    store.rename_speaker(episode.id, "Ana", "Ana Martins")
    renamed = store.rename_speaker(episode.id, "Bo", "Bo Chen")
    assert renamed.speaker_renames == {"Ana": "Ana Martins", "Bo": "Bo Chen"}
    assert renamed.speaker_name("Ana") == "Ana Martins"
    assert store.rename_speaker(episode.id, "Bo", "  ").speaker_renames == {"Ana": "Ana Martins"}
    store.close()
    with Store.open(data_dir) as reopened:
        assert reopened.episode(episode.id).speaker_renames == {"Ana": "Ana Martins"}


# --- Highlights and bookmarks ---------------------------------------------------


def test_highlights_are_saved_listed_in_reading_order_and_updated(store, episode):
    late = store.add_highlight(episode.id, anchor(1, 10, 20, "talk about"), ["Ana"], "green", "later")
    early = store.add_highlight(episode.id, anchor(0, 0, 7), ("Ana",), "yellow")
    lost = store.add_highlight(episode.id, anchor(0, 0, 3, "Wel"), [], "pink")
    store.update_highlight(lost.id, detached=True)
    assert [h.id for h in store.highlights(episode.id)] == [early.id, late.id, lost.id]
    assert store.highlight(late.id) == late
    assert late.speakers == ("Ana",) and late.created_at == late.updated_at and not late.detached

    moved = anchor(1, 12, 20, "lk about")
    changed = store.update_highlight(late.id, note="a note", colour="blue", anchor=moved)
    assert (changed.note, changed.colour, changed.anchor) == ("a note", "blue", moved)
    assert changed.created_at == late.created_at and changed.updated_at >= late.updated_at
    assert store.update_highlight(late.id) == changed
    assert store.update_highlight(late.id, note="a note", colour="blue") == changed  # nothing new: no write
    assert store.highlights(episode.id)[-1].detached


def test_a_reanchoring_is_saved_in_one_go(store, episode):
    first = store.add_highlight(episode.id, anchor(0), [None, "Ana"], "yellow")
    second = store.add_highlight(episode.id, anchor(1), ["Ana"], "green")
    assert first.speakers == (None, "Ana") == store.highlight(first.id).speakers
    placed = first._replace(anchor=anchor(1, 3, 9, "come b"))
    lost = second._replace(detached=True)
    saved = store.update_anchors([placed, lost])
    assert [h.anchor for h in saved] == [placed.anchor, second.anchor]
    assert [h.detached for h in store.highlights(episode.id)] == [False, True]


def test_bad_colour_and_missing_highlight_are_refused(store, episode):
    with pytest.raises(ValueError):
        store.add_highlight(episode.id, anchor(), [], "purple")
    with pytest.raises(KeyError):
        store.update_highlight(12345, note="gone")
    with pytest.raises(KeyError):
        store.delete_highlight(12345)
    assert store.highlights(episode.id) == []


def test_delete_and_restore_keep_the_id_and_times(store, episode):
    kept = store.add_highlight(episode.id, anchor(), ["Ana"], "orange", "undo me")
    gone = store.delete_highlight(kept.id)
    assert gone == kept
    assert store.highlights(episode.id) == []
    # A new highlight never takes the deleted one's id, so undo stays possible.
    other = store.add_highlight(episode.id, anchor(1), [], "yellow")
    assert other.id != kept.id
    assert store.restore_highlight(gone) == kept
    store.restore_highlight(gone)  # undo pressed twice: harmless
    assert store.highlight(kept.id) == kept
    assert len(store.highlights(episode.id)) == 2


def test_all_highlights_covers_every_episode(store, episode, tmp_path):
    other, _ = store.open_episode(make_transcript("Another episode."), str(tmp_path / "other.txt"))
    store.add_highlight(other.id, anchor(), [], "yellow")
    store.add_highlight(episode.id, anchor(), [], "yellow")
    assert sorted(h.episode_id for h in store.all_highlights()) == sorted([episode.id, other.id])


def test_bookmarks_crud_and_undo(store, episode):
    late = store.add_bookmark(episode.id, 90_000, "the good bit")
    early = store.add_bookmark(episode.id, 5_000)
    assert store.bookmarks(episode.id) == [early, late]
    assert isinstance(late, Bookmark) and late.note == "the good bit"
    late = store.update_bookmark(late.id, note="the best bit", ms=95_000)
    assert (late.note, late.ms) == ("the best bit", 95_000) and store.bookmarks(episode.id)[-1] == late
    gone = store.delete_bookmark(late.id)
    assert gone == late and store.bookmarks(episode.id) == [early]
    store.restore_bookmark(gone)
    assert store.bookmarks(episode.id) == [early, late]
    with pytest.raises(KeyError):
        store.delete_bookmark(999)
    with pytest.raises(KeyError):
        store.update_bookmark(999, note="gone")


# --- Crashes and contention -------------------------------------------------------


def run_child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=PROJECT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


KILLED_CHILD = """
    import sys
    from pathlib import Path
    from reader.keep import Anchor
    from reader.store import Store
    store = Store.open(Path(sys.argv[1]))
    a = Anchor(0, 0, 0, 7, "Welcome", "", " back", 0, 500)
    h = store.add_highlight(int(sys.argv[2]), a, ["Ana"], "yellow", sys.argv[3])
    print("saved", h.id, flush=True)
    sys.stdin.readline()  # wait here, doing nothing, until the parent kills us
"""


def test_a_highlight_survives_the_process_being_killed_right_after_saving(data_dir, episode, store):
    store.close()
    for round_ in range(5):
        child = run_child(KILLED_CHILD, str(data_dir), str(episode.id), f"round {round_}")
        line = child.stdout.readline()
        child.kill()  # SIGKILL on POSIX: no atexit, no close, no checkpoint
        child.wait()
        child.stdout.close()
        assert line.startswith("saved"), child.stderr.read()
        child.stderr.close()
    with Store.open(data_dir) as reopened:
        notes = sorted(h.note for h in reopened.highlights(episode.id))
    assert notes == [f"round {i}" for i in range(5)]


RACING_CHILD = """
    import sys
    from pathlib import Path
    from reader.keep import Anchor
    from reader.store import Store
    store = Store.open(Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(200):
        a = Anchor(0, i, 0, i + 1, "x", "", "", i, i + 1)
        store.add_highlight(int(sys.argv[2]), a, [], "yellow", sys.argv[3])
    store.close()
    print("done", flush=True)
"""


def test_two_processes_writing_at_once_lose_nothing(data_dir, episode, store):
    children = [run_child(RACING_CHILD, str(data_dir), str(episode.id), name) for name in ("left", "right")]
    for child in children:
        assert child.stdout.readline() == "ready\n", child.stderr.read()
    for child in children:  # both start writing at once
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0 and out == "done\n", err
    notes = [h.note for h in store.highlights(episode.id)]
    assert (notes.count("left"), notes.count("right")) == (200, 200)


# --- Unwritable, locked, damaged ----------------------------------------------------


def test_a_folder_that_cannot_be_created_is_unwritable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "data")
    assert caught.value.kind == "unwritable"
    assert one_sentence(str(caught.value))


def test_a_database_path_that_is_a_folder_is_unwritable(data_dir):
    (data_dir / DB_FILENAME).mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert caught.value.kind == "unwritable"
    assert str(data_dir / DB_FILENAME) in str(caught.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root (or Windows) ignores these permissions")
def test_a_read_only_folder_or_file_is_unwritable(data_dir):
    data_dir.mkdir()
    data_dir.chmod(0o555)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(data_dir)
        assert caught.value.kind == "unwritable"
        assert "read-only" in str(caught.value) and one_sentence(str(caught.value))
    finally:
        data_dir.chmod(0o755)
    Store.open(data_dir).close()
    (data_dir / DB_FILENAME).chmod(0o444)
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert caught.value.kind == "unwritable"


def hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_database_locked_beyond_the_busy_timeout_is_reported(data_dir):
    Store.open(data_dir).close()
    holder = hold_exclusive_lock(data_dir / DB_FILENAME)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(data_dir, busy_timeout_ms=50)
        assert caught.value.kind == "locked"
        assert one_sentence(str(caught.value))
    finally:
        holder.rollback()
        holder.close()
    Store.open(data_dir).close()  # fine once the lock is gone


def test_a_lock_taken_while_open_fails_one_save_not_the_store(data_dir):
    with Store.open(data_dir, busy_timeout_ms=50) as store:
        episode, _ = store.open_episode(EPISODE, "/x/gardens.txt")
        holder = hold_exclusive_lock(data_dir / DB_FILENAME)
        with pytest.raises(StoreError) as caught:
            store.add_highlight(episode.id, anchor(), [], "yellow")
        assert caught.value.kind == "locked"
        holder.rollback()
        holder.close()
        saved = store.add_highlight(episode.id, anchor(), [], "yellow")
        assert store.highlights(episode.id) == [saved]


def test_garbage_is_moved_aside_with_its_side_files_and_a_fresh_library_started(data_dir):
    data_dir.mkdir()
    garbage = b"this is not a database, it is a shopping list\n" * 200
    (data_dir / DB_FILENAME).write_bytes(garbage)
    (data_dir / f"{DB_FILENAME}-wal").write_bytes(b"old wal")
    with Store.open(data_dir) as store:
        moved = store.recovered_from
        assert moved is not None and moved.parent == data_dir
        assert moved.name.startswith("library.corrupt-") and moved.suffix == ".db"
        assert moved.read_bytes() == garbage
        assert Path(f"{moved}-wal").read_bytes() == b"old wal"
        assert one_sentence(store.notice) and str(moved) in store.notice
        assert store.episodes() == []
        store.open_episode(EPISODE, "/x/gardens.txt")
    # A second recovery in the same second picks another name; nothing is replaced.
    (data_dir / DB_FILENAME).write_bytes(garbage + b"again")
    with Store.open(data_dir) as store:
        assert store.recovered_from != moved and store.recovered_from.read_bytes() == garbage + b"again"
    assert moved.read_bytes() == garbage


def test_a_damaged_page_is_found_by_the_integrity_check(data_dir):
    with Store.open(data_dir) as store:
        episode, _ = store.open_episode(EPISODE, "/x/gardens.txt")
        for i in range(300):
            store.add_highlight(episode.id, anchor(), ["Ana"], "yellow", f"note {i} " * 20)
    path = data_dir / DB_FILENAME
    damaged = bytearray(path.read_bytes())
    page_size = 4096
    assert len(damaged) > 10 * page_size
    damaged[5 * page_size : 7 * page_size] = b"\xa5" * (2 * page_size)
    path.write_bytes(bytes(damaged))
    with Store.open(data_dir) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == bytes(damaged)
        # Rows outside the damaged pages are brought back whole (reader.store.salvage).
        assert all(h.note.startswith("note ") for e in store.episodes() for h in store.highlights(e.episode.id))


def test_the_time_map_is_saved_and_replaced_whole(tmp_path):
    from reader.importer import parse_text

    with Store.open(tmp_path / "lib") as store:
        episode, _ = store.open_episode(parse_text("00:00 Ana: Hi.\n00:05 Ben: Hello.\n"), str(tmp_path / "a.txt"))
        assert store.time_map(episode.id) == {"offset_ms": 0, "points": []}
        store.save_time_map(episode.id, {"offset_ms": 2_500, "points": [[60_000, 120_000], [10_000, 10_000]]})
        assert store.time_map(episode.id) == {"offset_ms": 2_500, "points": [[10_000, 10_000], [60_000, 120_000]]}
        store.save_time_map(episode.id, {"offset_ms": 0, "points": [[5_000, 6_000]]})
    with Store.open(tmp_path / "lib") as store:
        assert store.time_map(episode.id) == {"offset_ms": 0, "points": [[5_000, 6_000]]}


# -- which episode a file is: reader/identity.py -------------------------------------------------
def _file(folder, name="gardens.txt"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("the words", encoding="utf-8")  # only its existence matters to the rule
    return str(path)


def test_a_copy_beside_the_original_is_its_own_episode_and_leaves_the_original_alone(store, tmp_path):
    original_path, copy_path = _file(tmp_path / "a"), _file(tmp_path / "b", "renamed copy.txt")
    original, _ = store.open_episode(EPISODE, original_path)
    store.update_episode(original.id, audio_path="/a/episode.mp3", last_position_ms=125_000)
    store.save_time_map(original.id, {"offset_ms": 500, "points": [[1_000, 3_000]]})
    store.add_bookmark(original.id, 2_000)
    assert store.recognise(EPISODE, copy_path).kind == "copy"
    copy, changed = store.open_episode(EPISODE, copy_path)
    assert copy.id != original.id and not changed
    assert (copy.audio_path, copy.last_position_ms, store.bookmarks(copy.id)) == (None, 0, [])
    assert store.time_map(copy.id) == {"offset_ms": 0, "points": []}
    store.update_episode(copy.id, audio_path="/b/other.mp3", last_position_ms=0)
    kept = store.episode(original.id)
    assert (kept.transcript_path, kept.audio_path, kept.last_position_ms) == (original_path, "/a/episode.mp3", 125_000)
    assert store.time_map(original.id) == {"offset_ms": 500, "points": [[1_000, 3_000]]}
    assert store.open_episode(EPISODE, original_path)[0].id == original.id
    assert store.open_episode(EPISODE, copy_path)[0].id == copy.id  # each file finds its own again
    assert store.recognise(EPISODE, copy_path).kind == "same"


def test_every_copy_gets_its_own_episode(store, tmp_path):
    ids = {store.open_episode(EPISODE, _file(tmp_path / name))[0].id for name in ("a", "b", "c")}
    assert len(ids) == 3 and len(store.episodes()) == 3


def test_a_moved_file_keeps_its_audio_and_place(store, tmp_path):
    original, _ = store.open_episode(EPISODE, str(tmp_path / "gone" / "gardens.txt"))
    store.update_episode(original.id, audio_path="/a/episode.mp3", last_position_ms=9_000)
    new_place = _file(tmp_path / "new")
    found = store.recognise(EPISODE, new_place)
    assert (found.kind, found.episode_id, found.known_path) == ("moved", original.id, original.transcript_path)
    moved, _ = store.open_episode(EPISODE, new_place)
    assert (moved.id, moved.audio_path, moved.last_position_ms) == (original.id, "/a/episode.mp3", 9_000)


def test_recognise_names_new_and_changed_files_and_changes_nothing(store, tmp_path):
    path = _file(tmp_path)
    assert store.recognise(EPISODE, path).kind == "new"
    assert store.episodes() == []
    first, _ = store.open_episode(EPISODE, path)
    edited = make_transcript("Welcome back to the show.", "Today we talk about orchards.")
    found = store.recognise(edited, path)
    assert (found.kind, found.episode_id) == ("changed", first.id)
    assert store.episode(first.id).fingerprint == first.fingerprint


def test_the_status_sentence_says_how_a_file_was_recognised():
    from reader.identity import COPY, MOVED, NEW, SAME, Recognition, describe

    assert (
        describe(Recognition(SAME, 1, "/a.txt", "f"), "Gardens", 2) == "“Gardens” is in your library with 2 highlights."
    )
    assert "it was at /old/a.txt, now here" in describe(Recognition(MOVED, 1, "/old/a.txt", "f"), "Gardens", 0)
    assert "still at /a.txt" in describe(Recognition(COPY, None, "/a.txt", "f+2"), "Gardens", 3)
    assert describe(Recognition(NEW, None, None, "f"), "Gardens", 0) is None
