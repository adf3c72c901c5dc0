"""The app's own JSON (``inspect --json``, ``align --json``) opens again as a transcript."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.errors import TranscriptError
from reader.importer import load, parse_text


@pytest.fixture
def aligned(fixtures):
    return fixtures / "app_json" / "aligned.json"


@pytest.fixture
def inspected(fixtures):
    return fixtures / "app_json" / "inspected.json"


def test_a_kept_alignment_opens_with_its_word_times_speakers_and_chapters(aligned):
    transcript = load(aligned)
    assert transcript.format == "transcript-reader-json"
    assert transcript.timing == "word"
    assert transcript.title == "Bread at home"
    assert transcript.speakers == ["Ana", "Ben"]
    assert [(c.start_ms, c.title) for c in transcript.chapters] == [(0, "Cold open"), (2500, "Flour")]
    ben = transcript.turns[1]
    assert ben.span_texts() == ["Thanks", "for", "having", "me."]
    assert [(s.start_ms, s.end_ms) for s in ben.spans] == [(2500, 2900), (3000, 3200), (3300, 3700), (3800, 4200)]


def test_an_inspect_reading_with_no_chapters_is_a_transcript_not_a_chapters_file(inspected):
    transcript = load(inspected)
    assert transcript.timing == "cue"
    assert transcript.turns[0].span_texts() == ["First line.", "Second line."]
    assert transcript.turns[1].speaker == "Cleo"
    assert transcript.turns[1].spans == ()
    assert transcript.warnings == ("Cue 3 was skipped because its time line is broken.",)


@pytest.mark.parametrize("name", ["aligned.json", "inspected.json"])
def test_inspect_json_of_the_apps_own_json_gives_back_the_same_reading(fixtures, capsys, name):
    """Reading a kept file and printing it again changes nothing but the layout's name."""
    path = fixtures / "app_json" / name
    assert main(["inspect", "--json", str(path)]) == 0
    again = json.loads(capsys.readouterr().out)
    original = json.loads(path.read_text(encoding="utf-8"))
    original.pop("gaps", None)
    assert again.pop("format") == "transcript-reader-json"
    original.pop("format")
    assert again == original


def test_a_word_file_read_printed_and_read_again_keeps_every_word_time(fixtures, tmp_path, capsys):
    assert main(["inspect", "--json", str(fixtures / "whisper" / "openai_words.json")]) == 0
    printed = capsys.readouterr().out
    kept = tmp_path / "kept.json"
    kept.write_text(printed, encoding="utf-8")
    first, again = load(fixtures / "whisper" / "openai_words.json"), load(kept)
    assert again.timing == first.timing == "word"
    assert [t.spans for t in again.turns] == [t.spans for t in first.turns]
    assert [t.text for t in again.turns] == [t.text for t in first.turns]


def test_a_turn_that_was_not_timed_gets_its_start_estimated_again():
    text = json.dumps(
        {
            "format": "plain-text",
            "timing": "turn",
            "turns": [
                {"speaker": "Ana", "start_ms": 0, "end_ms": 3000, "timed": True, "text": "Hi."},
                {"speaker": "Ben", "start_ms": 3000, "end_ms": 9000, "timed": False, "text": "Hello."},
                {"speaker": "Ana", "start_ms": 9000, "end_ms": 9500, "timed": True, "text": "Bye."},
            ],
        }
    )
    transcript = parse_text(text)
    assert [t.timed for t in transcript.turns] == [True, False, True]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ('{"format": "srt", "timing": "cue", "turns": []}', 'has an empty "turns" list'),
        ('{"format": "srt", "timing": "cue", "turns": {}}', 'has no "turns" list'),
        ('{"format": "srt", "timing": "cue", "turns": [{"speaker": "A", "start_ms": 0}]}', "its one turn lacks a text"),
        ('{"format": "srt", "timing": "cue", "turns": [{"text": "Hi", "start_ms": 0', "is cut off before its end"),
    ],
)
def test_a_broken_file_is_refused_in_one_sentence_naming_it(text, sentence):
    with pytest.raises(TranscriptError) as error:
        parse_text(text, "kept.json")
    message = str(error.value)
    assert message.startswith("kept.json: This Transcript Reader JSON file ")
    assert sentence in message
    assert message.count(". ") == 0 and message.endswith(".")


def test_one_bad_turn_is_skipped_with_a_warning_and_the_rest_is_read():
    text = json.dumps(
        {
            "format": "srt",
            "timing": "cue",
            "turns": [{"start_ms": 0, "timed": True, "text": 5}, {"start_ms": 0, "timed": True, "text": "Kept."}],
        }
    )
    transcript = parse_text(text)
    assert [t.text for t in transcript.turns] == ["Kept."]
    assert transcript.warnings == ("Turn 1 was skipped because it has no text.",)


def test_a_span_that_does_not_fit_its_text_drops_only_that_turns_word_times():
    text = json.dumps(
        {
            "format": "srt",
            "timing": "word",
            "turns": [
                {"start_ms": 0, "timed": True, "text": "One two.", "spans": [{"start_ms": 0, "text": "three"}]},
                {
                    "start_ms": 900,
                    "timed": True,
                    "text": "Four.",
                    "spans": [{"start_ms": 900, "end_ms": 1200, "text": "Four."}],
                },
            ],
        }
    )
    transcript = parse_text(text)
    assert transcript.turns[0].spans == ()
    assert transcript.turns[1].span_texts() == ["Four."]
    assert transcript.warnings == ("Turn 1 lost its word times because one of its spans does not fit its text.",)


def test_a_transcript_with_chapters_and_segments_is_not_taken_for_a_chapters_file():
    text = json.dumps(
        {"version": "1.0.0", "chapters": [{"startTime": 0, "title": "A"}], "segments": [{"startTime": 0, "body": "Hi"}]}
    )
    assert parse_text(text).turns[0].text == "Hi"
