"""What the JSON layouts share: speaker names people expect, and true refusals."""

from __future__ import annotations

import pytest

from reader.errors import TranscriptError
from reader.formats.cues import Piece
from reader.formats.json_common import looks_like_json, readable_speakers
from reader.importer import parse_text


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("SPEAKER_00", "Speaker 1"),
        ("SPEAKER_11", "Speaker 12"),
        ("spk_0", "Speaker 1"),
        (0, "Speaker 1"),
        (3, "Speaker 4"),
        ("A", "Speaker A"),
        ("b", "Speaker B"),
        ("Speaker 3", "Speaker 3"),  # already written for people
        ("  Ana   Lima ", "Ana Lima"),
    ],
)
def test_recogniser_labels_become_names_people_expect(label, shown):
    (piece,) = readable_speakers([Piece(0, 1, "Hi", label)])
    assert piece.speaker == shown


def test_pieces_without_a_speaker_stay_without_one():
    assert readable_speakers([Piece(0, 1, "Hi", None)]) == [Piece(0, 1, "Hi", None)]


@pytest.mark.parametrize(
    "text",
    ['{"segments": []}', "  \ufeff[{}]", "[]", "{}", '{\n  "a": 1}'],
)
def test_json_objects_and_lists_of_objects_look_like_json(text):
    assert looks_like_json(text)


@pytest.mark.parametrize("text", ["[00:01] Ana: hi", "{music} Ana: hi", "[Speaker 1] [00:17] hi", "Ana: {}"])
def test_text_transcripts_opening_with_brackets_do_not(text):
    assert not looks_like_json(text)


def test_a_text_transcript_opening_with_a_bracket_and_quoting_start_is_read_as_text():
    t = parse_text('[00:01] Ana: she said "start" and "segments"\n[00:05] Ben: ok\n')
    assert t.format == "plain-text"
    assert [turn.speaker for turn in t.turns] == ["Ana", "Ben"]


@pytest.mark.parametrize("text", ['{"captions": [{"from": 1, "line": "Hi"}]}', '[{"utterance": "Hi"}]'])
def test_other_json_is_refused_naming_the_json_layouts_that_are_read(text):
    with pytest.raises(TranscriptError) as error:
        parse_text(text, "export.json")
    assert str(error.value) == (
        "export.json: This JSON file is not a transcript layout the app knows (it reads Whisper, whisper.cpp, "
        "Hugging Face, Deepgram, AssemblyAI, Amazon Transcribe, Rev.ai and Podcasting 2.0 JSON); "
        "export the transcript as SRT, VTT or text and open that."
    )


def test_broken_json_of_no_known_layout_says_where_it_breaks():
    with pytest.raises(TranscriptError) as error:
        parse_text('{"captions": [1, 2,, 3], "more": true}', "export.json")
    assert (
        str(error.value) == "export.json: This JSON file is damaged at line 1, column 20; export the transcript again."
    )
