"""`transcript-reader export` and `transcript-reader highlights` against a real library."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from reader.anchoring import make_anchor, quote_speakers
from reader.cli import main
from reader.importer import load
from reader.store import Store

EPISODE = 'Chapters\n00:00 Start\nTranscript\n00:00:00 Ana: Hello, | *world* > "quoted".\n00:00:10 Ben: Bye, then.\n'


@pytest.fixture
def library(tmp_path):
    transcript_path = tmp_path / "show.txt"
    transcript_path.write_text(EPISODE, encoding="utf-8")
    transcript = load(transcript_path)
    data_dir = tmp_path / "lib"
    with Store.open(data_dir) as store:
        episode, _ = store.open_episode(transcript, str(transcript_path))
        anchor = make_anchor(transcript, 0, 0, 0, len(transcript.turns[0].text))
        store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "orange", note="a, note")
        store.add_bookmark(episode.id, 10_000, "bye")
        store.rename_speaker(episode.id, "Ana", "Ana Lima")
    return data_dir, transcript_path


def test_export_csv_to_stdout_round_trips(library, capsys):
    data_dir, path = library
    assert main(["export", str(path), "--format", "csv", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # the same bytes as the app's export, BOM included
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert rows[0]["Highlight"] == 'Hello, | *world* > "quoted".'
    assert rows[0]["Author"] == "Ana Lima & Ben"  # the episode's people, not the quote's speaker
    assert rows[0]["Location"] == "0"
    assert ".orange" in rows[0]["Note"] and "a, note" in rows[0]["Note"]


def test_export_all_as_json_to_a_file(library, tmp_path, capsys):
    data_dir, _ = library
    out = tmp_path / "out" / "highlights.json"
    out.parent.mkdir()
    assert main(["export", "--all", "--format", "json", "-o", str(out), "--data-dir", str(data_dir)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    [episode] = data["episodes"]
    assert episode["speaker_renames"] == {"Ana": "Ana Lima"}
    assert [h["quote"] for h in episode["highlights"]] == ['Hello, | *world* > "quoted".']
    assert [b["ms"] for b in episode["bookmarks"]] == [10_000]
    assert capsys.readouterr().out == ""


def test_export_markdown_by_episode_number_and_title(library, capsys):
    data_dir, _ = library
    assert main(["export", "1", "--format", "md", "--data-dir", str(data_dir)]) == 0
    by_number = capsys.readouterr().out
    assert main(["export", "sho", "--format", "md", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.split("exported", 1)[0] == by_number.split("exported", 1)[0]
    assert "## Start" in by_number and "#orange" in by_number


def test_highlights_lists_episodes_and_one_episode(library, capsys):
    data_dir, path = library
    assert main(["highlights", "--data-dir", str(data_dir)]) == 0
    assert "1 highlights  show" in capsys.readouterr().out
    assert main(["highlights", str(path), "--data-dir", str(data_dir)]) == 0
    listing = capsys.readouterr().out
    assert '[00:00:00] orange Ana Lima: “Hello, | *world* > "quoted".”' in listing
    assert "note: a, note" in listing and "[00:00:10] bookmark bye" in listing


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "99", "--format", "md"], "There is no episode number 99"),
        (["export", "nothing like it", "--format", "md"], "No episode's title contains"),
        (["highlights", "42"], "There is no episode number 42"),
    ],
)
def test_bad_targets_get_one_sentence(library, capsys, args, fragment):
    data_dir, _ = library
    assert main([*args, "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert fragment in err and err.count("\n") == 0


def test_a_transcript_never_opened_is_explained(library, tmp_path, capsys):
    data_dir, _ = library
    other = tmp_path / "other.txt"
    other.write_text("00:00 Zoe: Something else entirely.\n00:04 Max: Indeed.\n", encoding="utf-8")
    assert main(["export", str(other), "--format", "csv", "--data-dir", str(data_dir)]) == 1
    assert "has not been opened in Transcript Reader yet" in capsys.readouterr().err


def test_exports_show_audio_time_once_text_and_audio_are_aligned(library, capsys):
    data_dir, path = library
    with Store.open(data_dir) as store:
        store.save_time_map(1, {"offset_ms": 0, "points": [[0, 60_000]]})  # a one-minute ad before the talk
    assert main(["export", str(path), "--format", "csv", "--data-dir", str(data_dir)]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["Location"] == "60" and "[00:01:00]" in row["Note"]
    assert main(["export", str(path), "--format", "json", "--data-dir", str(data_dir)]) == 0
    episode = json.loads(capsys.readouterr().out)["episodes"][0]
    assert episode["sync_points"] == [{"transcript_ms": 0, "audio_ms": 60_000}]
    assert episode["highlights"][0]["start_ms"] == 0  # transcript time, with the map beside it


# --- A damaged library is always reported -------------------------------------------


def _not_a_database(path):
    path.write_bytes(b"this is not a SQLite file at all " * 200)


def _damaged_pages(path):
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : 3 * page] = b"\xa5" * (2 * page)
    path.write_bytes(bytes(data))


def _empty_beside_its_journal(path):
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"a journal that still holds the last highlights " * 50)
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_not_a_database, _damaged_pages, _empty_beside_its_journal])
@pytest.mark.parametrize("command", [["highlights"], ["export", "--all", "--format", "md"]])
def test_every_command_says_the_library_was_moved_aside_and_fails(library, capsys, damage, command):
    from reader.store.opening import pending_notice

    data_dir, _ = library
    db = data_dir / "library.db"
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    damage(db)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    assert main([*command, "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err.strip()
    [moved] = [p for p in data_dir.iterdir() if ".corrupt-" in p.name and p.suffix == ".db"]
    assert err == (
        f"transcript-reader: The highlights library was damaged, so it was moved to {moved} "
        "and a new one was started; nothing was deleted."
    )
    assert moved.read_bytes() == before["library.db"]
    if "library.db-wal" in before:  # moved with it, never deleted
        assert moved.with_name(moved.name + "-wal").read_bytes() == before["library.db-wal"]
    assert pending_notice(data_dir) == err.removeprefix("transcript-reader: ")


def test_data_dir_before_the_command_lists_that_library(library, capsys):
    """`transcript-reader --data-dir DIR highlights` lists DIR's episodes instead of opening the app."""
    data_dir, _ = library
    assert main(["--data-dir", str(data_dir), "highlights"]) == 0
    assert "show" in capsys.readouterr().out.lower()


def test_data_dir_before_the_command_with_a_target_and_an_equals_sign(library, capsys):
    data_dir, path = library
    assert main([f"--data-dir={data_dir}", "highlights", str(path)]) == 0
    assert "Hello, | *world*" in capsys.readouterr().out


def test_a_quote_across_two_turns_stays_on_its_line(tmp_path, capsys):
    transcript_path = tmp_path / "show.txt"
    transcript_path.write_text(EPISODE, encoding="utf-8")
    transcript = load(transcript_path)
    with Store.open(tmp_path / "lib") as store:
        episode, _ = store.open_episode(transcript, str(transcript_path))
        anchor = make_anchor(transcript, 0, 0, 1, 4)
        store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "yellow")
    assert main(["highlights", str(transcript_path), "--data-dir", str(tmp_path / "lib")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("[00:00:00] yellow")
    assert lines[1].endswith('“Hello, | *world* > "quoted". / Bye,”  (id 1)')


@pytest.mark.parametrize("command", [["export", "--all", "--format", "csv"], ["highlights"]])
def test_printing_into_a_pipe_already_closed_ends_quietly(library, command):
    """``export ... | head -0`` or a reader that quit: one quiet exit, no BrokenPipeError traceback."""
    data_dir, _ = library
    run = "import sys; from reader.cli import main; sys.exit(main())"
    child = subprocess.Popen(
        [sys.executable, "-c", run, *command, "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # nobody reads: every byte the command prints meets a closed pipe
    errors = child.stderr.read().decode()
    assert child.wait() == 1
    assert errors == ""


def test_notes_of_several_lines_stay_under_their_item(library, capsys):
    data_dir, _ = library
    with Store.open(data_dir) as store:
        store.update_highlight(1, note="first line\nsecond line")
        store.update_bookmark(1, note="bye\nand more")
        store.rename_speaker(1, "Ana", "Ana\nLima")  # renamed before names were kept on one line
    assert main(["highlights", "1", "--data-dir", str(data_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    note = next(i for i, line in enumerate(lines) if "note: first line" in line)
    assert lines[note + 1] == " " * 17 + "second line"
    bookmark = next(i for i, line in enumerate(lines) if "bookmark bye" in line)
    assert lines[bookmark].endswith("(id b1)") and lines[bookmark + 1] == " " * 20 + "and more"
    assert "Ana Lima: “Hello" in lines[1]
    assert all(line.startswith(("[", " ")) for line in lines[1:])  # every other line is an item or under one


def test_an_empty_library_says_so(tmp_path, capsys):
    assert main(["highlights", "--data-dir", str(tmp_path / "new")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip().endswith("has no episodes yet; open a transcript first.")
