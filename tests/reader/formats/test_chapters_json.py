"""A Podcasting 2.0 chapters file: refused alone, paired beside its episode."""

from __future__ import annotations

import json
import shutil

import pytest

from reader.cli import main
from reader.errors import TranscriptError
from reader.formats.chapters_json import NOT_A_TRANSCRIPT, read_chapters
from reader.importer import load, parse_text
from reader.pairing import find_chapters_file, paired_chapters, with_paired_chapters

TRANSCRIPT = "00:00 Ana: Hello.\n00:05 Ben: Hi there.\n00:10 Ana: Bye.\n"
LISTED = [(0, "Cold open"), (4_500, "Bread"), (9_000, "Goodbye")]


@pytest.fixture
def chapters_file(fixtures):
    return fixtures / "chapters" / "episode.chapters.json"


def test_a_chapters_file_opened_alone_says_what_it_is_in_one_sentence(chapters_file):
    with pytest.raises(TranscriptError) as error:
        load(chapters_file)
    assert str(error.value) == f"episode.chapters.json: {NOT_A_TRANSCRIPT}"
    assert NOT_A_TRANSCRIPT == (
        "This is a chapters file, not a transcript: open the episode's transcript first, "
        "then this file to show its chapters with it."
    )


def test_a_broken_chapters_file_is_still_not_called_a_transcript():
    with pytest.raises(TranscriptError) as error:
        parse_text('{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "In', "ep.json")
    assert "This chapters file is cut off before its end" in str(error.value)
    assert "open the episode's transcript instead" in str(error.value)


def test_chapters_are_listed_in_order_without_the_hidden_ones(chapters_file):
    chapters = read_chapters(chapters_file.read_text(encoding="utf-8"))
    assert [(c.start_ms, c.title) for c in chapters] == LISTED


def test_untitled_and_untimed_chapters(tmp_path):
    doc = {"version": "1.2.0", "chapters": [{"startTime": 30}, {"title": "No time"}, {"startTime": 5, "title": " A "}]}
    chapters = read_chapters(json.dumps(doc))
    assert [(c.start_ms, c.title) for c in chapters] == [(5_000, "A"), (30_000, "Chapter 2")]
    assert read_chapters("{not json") == []


@pytest.mark.parametrize(
    ("episode", "chapters"),
    [
        ("episode.txt", "episode.chapters.json"),
        ("episode.en.vtt", "episode.chapters.json"),
        ("Episode.srt", "episode.Chapters.JSON"),
        ("episode.mp3", "episode.chapters.json"),
    ],
)
def test_a_chapters_file_named_like_the_episode_is_found(tmp_path, episode, chapters):
    (tmp_path / episode).write_bytes(b"")
    (tmp_path / chapters).write_bytes(b"{}")
    (tmp_path / "other.chapters.json").write_bytes(b"{}")
    assert find_chapters_file(tmp_path / episode) == tmp_path / chapters


def test_the_transcripts_name_is_tried_before_the_audios(tmp_path):
    for name in ("talk.txt", "talk.chapters.json", "audio.mp3", "audio.chapters.json"):
        (tmp_path / name).write_bytes(b"{}")
    assert find_chapters_file(tmp_path / "talk.txt", tmp_path / "audio.mp3") == tmp_path / "talk.chapters.json"
    assert find_chapters_file(tmp_path / "lonely.txt", tmp_path / "audio.mp3") == tmp_path / "audio.chapters.json"
    assert find_chapters_file(tmp_path / "lonely.txt", None) is None


def test_a_transcript_without_chapters_takes_the_paired_ones(tmp_path, chapters_file):
    transcript = tmp_path / "episode.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    shutil.copy(chapters_file, tmp_path)
    read, source = with_paired_chapters(load(transcript), transcript)
    assert source == "episode.chapters.json"
    assert [(c.start_ms, c.title) for c in read.chapters] == LISTED


def test_a_transcripts_own_chapters_win_over_a_chapters_file(tmp_path, chapters_file):
    transcript = tmp_path / "episode.txt"
    transcript.write_text("Chapters\n00:00 Start\n00:05 Middle\n\nTranscript\n" + TRANSCRIPT, encoding="utf-8")
    shutil.copy(chapters_file, tmp_path)
    own = load(transcript)
    assert own.chapters
    assert with_paired_chapters(own, transcript) == (own, None)


def test_an_empty_or_broken_chapters_file_pairs_nothing(tmp_path):
    (tmp_path / "episode.chapters.json").write_text('{"version": "1.2.0", "chapters": []}', encoding="utf-8")
    assert paired_chapters(tmp_path / "episode.txt") is None
    (tmp_path / "episode.chapters.json").write_bytes(b"\xff\xfe{broken")
    assert paired_chapters(tmp_path / "episode.txt") is None


def test_inspect_shows_the_paired_chapters_and_where_they_came_from(tmp_path, chapters_file, capsys):
    transcript = tmp_path / "episode.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    shutil.copy(chapters_file, tmp_path)
    assert main(["inspect", str(transcript)]) == 0
    out = capsys.readouterr().out
    assert "Chapters:  3 (from episode.chapters.json)" in out
    assert "00:00:04  Bread" in out
    assert main(["inspect", "--json", str(transcript)]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert shape["chapters_from"] == "episode.chapters.json"
    assert [(c["start_ms"], c["title"]) for c in shape["chapters"]] == LISTED


def test_inspect_of_the_chapters_file_itself_is_the_one_sentence(chapters_file, capsys):
    assert main(["inspect", str(chapters_file)]) == 1
    assert capsys.readouterr().err == f"transcript-reader: episode.chapters.json: {NOT_A_TRANSCRIPT}\n"
