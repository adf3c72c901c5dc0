"""A transcript finds its audio by name, and only its audio, the same way every time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model import Chapter
from reader.pairing import (
    AUDIO_PREFERENCE,
    AUDIO_SUFFIXES,
    candidate_stems,
    chapters_misfit,
    find_audio,
    is_audio_path,
    length_mismatch,
)


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes(b"")


@pytest.mark.parametrize(
    ("transcript", "audio"),
    [
        ("episode.srt", "episode.mp3"),
        ("episode.txt", "episode.m4a"),
        ("episode.vtt", "episode.oga"),
        ("episode.json", "episode.flac"),
        ("episode.md", "Episode.MP3"),
        ("Episode.SRT", "episode.opus"),
        ("episode.transcript.txt", "episode.mp3"),
        ("episode.en.vtt", "episode.ogg"),
        ("episode.en-US.vtt", "episode.aac"),
        ("episode.pt_BR.srt", "episode.wav"),
        ("episode.deu.srt", "episode.mp3"),
        ("episode.en.transcript.txt", "episode.mp3"),
        ("my.show.ep12.srt", "my.show.ep12.mp3"),
    ],
)
def test_audio_with_the_same_stem_is_found(tmp_path, transcript, audio):
    _touch(tmp_path, transcript, audio, "other.mp3", "episode 2.mp3")
    assert find_audio(tmp_path / transcript) == tmp_path / audio


def test_nothing_matching_gives_none(tmp_path):
    _touch(tmp_path, "episode.srt", "episode2.mp3", "episode.txt", "episode.mp3.part")
    assert find_audio(tmp_path / "episode.srt") is None


def test_a_non_secondary_middle_suffix_is_kept(tmp_path):
    """``ep.final.srt`` must not pair with ``ep.mp3``: "final" is part of the name."""
    _touch(tmp_path, "ep.final.srt", "ep.mp3")
    assert find_audio(tmp_path / "ep.final.srt") is None


def test_a_folder_named_like_audio_is_ignored(tmp_path):
    _touch(tmp_path, "episode.srt", "episode.wav")
    (tmp_path / "episode.mp3").mkdir()
    assert find_audio(tmp_path / "episode.srt") == tmp_path / "episode.wav"


def test_preference_order_decides_between_formats(tmp_path):
    _touch(tmp_path, "episode.srt", *(f"episode{suffix}" for suffix in reversed(AUDIO_PREFERENCE)))
    found = []
    for suffix in AUDIO_PREFERENCE:
        found.append(find_audio(tmp_path / "episode.srt").name)
        os.remove(tmp_path / f"episode{suffix}")
    assert found == [f"episode{suffix}" for suffix in AUDIO_PREFERENCE]
    assert AUDIO_PREFERENCE[:3] == (".mp3", ".m4a", ".opus")


def test_the_more_specific_stem_wins(tmp_path):
    _touch(tmp_path, "episode.en.vtt", "episode.mp3", "episode.en.wav")
    assert find_audio(tmp_path / "episode.en.vtt") == tmp_path / "episode.en.wav"


def test_exact_case_wins_over_other_case(tmp_path):
    _touch(tmp_path, "Episode.srt", "EPISODE.mp3", "Episode.mp3", "episode.mp3")
    assert find_audio(tmp_path / "Episode.srt") == tmp_path / "Episode.mp3"


def test_a_missing_folder_gives_none(tmp_path):
    assert find_audio(tmp_path / "gone" / "episode.srt") is None


def test_a_bare_name_looks_in_the_current_folder(tmp_path, monkeypatch):
    _touch(tmp_path, "episode.srt", "episode.mp3")
    monkeypatch.chdir(tmp_path)
    assert find_audio("episode.srt") == Path("episode.mp3")


def test_candidate_stems_strip_secondary_suffixes_longest_first():
    assert candidate_stems("a.en-US.transcript.txt") == ["a.en-US.transcript", "a.en-US", "a"]
    assert candidate_stems("en.vtt") == ["en"]
    assert candidate_stems("Show.2024-05.srt") == ["Show.2024-05"]


@pytest.mark.parametrize(
    "name", ["a.mp3", "A.MP3", "x/y.Opus", "z.oga", "song.flac", "b.wav", "c.aac", "d.m4a", "e.ogg"]
)
def test_audio_paths_are_recognised(name):
    assert is_audio_path(name)
    assert is_audio_path(Path(name))


@pytest.mark.parametrize("name", ["a.srt", "a.txt", "mp3", "a.mp3.txt", "a.mp4", ""])
def test_other_paths_are_not_audio(name):
    assert not is_audio_path(name)


def test_audio_suffixes_are_the_preference_list():
    assert AUDIO_SUFFIXES == frozenset(AUDIO_PREFERENCE)
    assert len(AUDIO_PREFERENCE) == len(AUDIO_SUFFIXES) == 8
    assert all(s.startswith(".") and s == s.lower() for s in AUDIO_SUFFIXES)


def test_importing_pairing_stays_cheap():
    """The importer will take AUDIO_SUFFIXES from here; ``inspect`` must not pay for pathlib."""
    code = "import sys, reader.pairing; print('pathlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_audio_within_ten_percent_of_the_transcript_is_not_questioned():
    assert length_mismatch(100_000, 110_000, "a.mp3") is None
    assert length_mismatch(100_000, 90_000, "a.mp3") is None
    assert length_mismatch(100_000, 111_000, "a.mp3") is not None
    assert length_mismatch(100_000, 0, "a.mp3") is None  # length unknown: no guess


def _chapters(*starts_ms: int) -> list[Chapter]:
    return [Chapter(start, f"Chapter {n}") for n, start in enumerate(starts_ms, start=1)]


def test_chapters_that_start_after_the_audio_ends_belong_to_another_episode():
    sentence = chapters_misfit(_chapters(0, 600_000, 5_579_000), "other.json", 199_000, 190_000)
    assert sentence == (
        "other.json does not fit this episode: a chapter starts at 1 h 32 min, but the episode is 3 min long; "
        "open the chapters file that belongs to this episode."
    )
    assert chapters_misfit(_chapters(0, 198_000), "ours.json", 199_000, 190_000) is None
    assert chapters_misfit(_chapters(0, 200_500), "ours.json", 199_000, 0) is None  # rounding at the very end


def test_without_audio_the_transcript_judges_chapters_leniently_and_an_unknown_length_not_at_all():
    """The audio may run on after the last words (an outro), so the transcript's end is a softer limit."""
    assert chapters_misfit(_chapters(0, 105_000), "outro.json", 0, 100_000) is None
    assert chapters_misfit(_chapters(0, 200_000), "other.json", 0, 100_000) is not None
    assert chapters_misfit(_chapters(0, 9_000_000), "any.json", 0, 0) is None
