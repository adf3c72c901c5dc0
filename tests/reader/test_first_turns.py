"""The first turns of a large file, read from its head alone, are exactly the
whole file's first turns; a head that cannot be read alone gives none."""

from __future__ import annotations

import json
import re

import pytest

from reader import first_turns as first_turns_module
from reader.first_turns import read_first_turns
from reader.importer import load


def _long_transcript(path, turns=400, untimed_every=0, chapters=True):
    """A stamped two-speaker episode of about 50 KB, chapters listed on top.
    Every ``untimed_every``-th turn has no stamp of its own."""
    lines = ["Chapters", "00:00 Opening", "00:05:00 Middle", "01:00:00 Late", "", "Transcript"] if chapters else []
    for index in range(turns):
        speaker = ("Ana Lima", "Ben Okoro")[index % 2]
        words = f"Turn {index} says a few words about reading along, " * (1 + index % 3)
        if untimed_every and index % untimed_every == 1:
            lines.append(f"{speaker}: {words.strip()}")
        else:
            seconds = index * 15
            stamp = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            lines.append(f"{stamp} {speaker}: {words.strip()}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_head(monkeypatch):
    monkeypatch.setattr(first_turns_module, "HEAD_BYTES", 4096)


def test_the_first_turns_are_the_whole_files_first_turns(tmp_path, small_head):
    path = _long_transcript(tmp_path / "long.txt")
    first = read_first_turns(path)
    whole = load(path)
    assert first is not None
    shown = first.transcript
    assert 10 < len(shown.turns) < len(whole.turns)
    assert shown.turns == whole.turns[: len(shown.turns)]
    assert shown.turns[0].text.startswith("Turn 0 says")


def test_the_heads_last_turn_which_may_be_cut_short_is_left_out(tmp_path, small_head):
    path = _long_transcript(tmp_path / "long.txt")
    head = path.read_bytes()[:4096]
    head = head[: head.rfind(b"\n")].decode()  # whole lines only
    turns_begun = re.findall(r"^\d\d:\d\d:\d\d (?:Ana Lima|Ben Okoro): ", head, flags=re.MULTILINE)
    assert len(read_first_turns(path).transcript.turns) == len(turns_begun) - 1


def test_estimated_times_before_the_last_stamp_are_the_whole_files(tmp_path, small_head):
    """Untimed turns are spread between the stamps around them; a later stamp
    would move those after the head's last one, so they are left out."""
    path = _long_transcript(tmp_path / "long.txt", untimed_every=3)
    shown = read_first_turns(path).transcript
    whole = load(path)
    assert any(not turn.timed for turn in shown.turns)
    assert shown.turns == whole.turns[: len(shown.turns)]
    assert whole.turns[len(shown.turns)].timed  # the cut falls on a stamp


def test_only_chapters_starting_before_the_cut_are_kept(tmp_path, small_head):
    path = _long_transcript(tmp_path / "long.txt")
    shown = read_first_turns(path).transcript
    assert shown.turns[-1].start_ms < 3_600_000
    assert [chapter.title for chapter in shown.chapters] == ["Opening", "Middle"]
    assert [chapter.title for chapter in load(path).chapters] == ["Opening", "Middle", "Late"]


def test_the_clock_is_guessed_from_how_far_into_the_file_the_head_reaches(tmp_path, small_head):
    """About 400 turns of 15 s make 100 minutes: times are written with hours,
    as the whole episode writes them, though the head covers a few minutes."""
    shown = read_first_turns(_long_transcript(tmp_path / "long.txt"))
    assert shown.transcript.turns[-1].start_ms < 3_600_000
    assert shown.clock.hours
    short = read_first_turns(_long_transcript(tmp_path / "short.txt", turns=60))
    assert short is not None and not short.clock.hours


def test_a_file_small_enough_to_read_whole_has_no_first_turns(tmp_path):
    assert read_first_turns(_long_transcript(tmp_path / "long.txt", turns=20)) is None


@pytest.mark.parametrize(
    "name, content",
    [
        (
            "whisper.json",
            json.dumps({"segments": [{"start": i, "end": i + 1, "text": f" Segment {i} words."} for i in range(400)]}),
        ),
        ("utf16.txt", "\n".join(f"00:{i // 60:02d}:{i % 60:02d} Ana: Words {i}." for i in range(400)).encode("utf-16")),
        ("latin.txt", "\n".join(f"00:{i // 60:02d}:{i % 60:02d} Zoë: Café {i}." for i in range(400)).encode("latin-1")),
        ("one-line.txt", "Ana: " + "words " * 2000),
    ],
)
def test_a_head_that_cannot_be_read_alone_has_no_first_turns(tmp_path, small_head, name, content):
    """JSON cut short is no document; UTF-16 and guessed encodings need the whole file."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert read_first_turns(path) is None


def test_a_file_that_is_not_there_has_no_first_turns(tmp_path):
    assert read_first_turns(tmp_path / "gone.txt") is None
