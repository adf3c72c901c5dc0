"""Podcasting 2.0 JSON: segments joined into turns, bad files refused clearly."""

from __future__ import annotations

import json

import pytest

from reader.errors import TranscriptError
from reader.formats.podcast_json import FORMAT
from reader.importer import load, parse_text


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.end_ms, t.timed, t.text) for t in transcript.turns]


def _doc(segments) -> str:
    return json.dumps({"version": "1.0.0", "segments": segments})


def _starts(turn):
    """Each span as (offset, start): where a segment's words begin, and when."""
    return tuple((s.offset, s.start_ms) for s in turn.spans)


def test_sentence_segments_join_per_speaker_and_unnamed_ones_continue(fixtures):
    t = load(fixtures / "json" / "sentences.json")
    assert t.format == "podcast-json"
    assert _rows(t) == [
        ("Dean", 500, 6_100, True, "Welcome to the show. Today we talk about bread."),
        ("Ana", 6_100, 12_000, True, "Thanks for having me. I brought a starter."),
        ("Dean", 12_000, 13_400, True, "Let's see it."),
    ]
    assert [_starts(turn) for turn in t.turns] == [
        ((0, 500), (21, 3_300)),
        ((0, 6_100), (22, 8_000)),
        ((0, 12_000),),
    ]
    assert t.warnings == ()


def test_one_word_segments_make_readable_turns_with_a_mark_per_word(fixtures):
    t = load(fixtures / "json" / "words.json")
    assert _rows(t) == [
        ("Ana", 0, 1_200, True, "Hello, world."),
        ("Ben", 1_200, 4_500, True, "Hi there!"),
        ("Ben", 4_500, 5_400, True, "Welcome back."),  # after a 2.5 s pause
    ]
    assert [_starts(turn) for turn in t.turns] == [
        ((0, 0), (5, 400), (7, 500), (12, 900)),
        ((0, 1_200), (3, 1_500), (8, 1_900)),
        ((0, 4_500), (8, 5_000), (12, 5_300)),
    ]


def test_a_long_turn_breaks_at_the_first_sentence_end_after_30_seconds():
    segments = [
        {"speaker": "Ana", "startTime": s, "endTime": s + 4.5, "body": f"Sentence at {s}."} for s in range(0, 60, 5)
    ]
    t = parse_text(_doc(segments))
    assert [(turn.speaker, turn.start_ms) for turn in t.turns] == [("Ana", 0), ("Ana", 30_000)]
    assert t.turns[0].text.endswith("Sentence at 25.")


def test_unpunctuated_speech_still_breaks_every_90_seconds():
    segments = [{"startTime": s, "endTime": s + 0.9, "body": "word"} for s in range(200)]
    t = parse_text(_doc(segments))
    assert [turn.start_ms for turn in t.turns] == [0, 90_000, 180_000]
    assert [len(turn.spans) for turn in t.turns] == [90, 90, 20]
    assert t.turns[-1].end_ms == 199_900


def test_out_of_order_segments_never_make_marks_go_backwards():
    segments = [
        {"speaker": "Ana", "startTime": 5.0, "body": "later"},
        {"speaker": "Ana", "startTime": 4.0, "body": "earlier"},
    ]
    t = parse_text(_doc(segments))
    assert _starts(t.turns[0]) == ((0, 5_000), (6, 5_000))


def test_bad_segments_are_skipped_with_a_warning_each():
    segments = [
        {"speaker": "Ana", "startTime": 1, "endTime": 2, "body": "Kept."},
        {"startTime": True, "body": "A boolean is not a time."},
        {"startTime": "3.0", "body": "Nor is a string."},
        {"speaker": 5, "startTime": 3, "body": "A number is not a name."},
        {"startTime": 4, "body": ["not", "text"]},
        "not an object",
        {"startTime": 2.5, "endTime": "whenever", "body": "An unreadable end is ignored."},
    ]
    t = parse_text(_doc(segments))
    # Without a readable end the last words get the time it takes to say them (29 chars at 15/s).
    assert _rows(t) == [("Ana", 1_000, 4_433, True, "Kept. An unreadable end is ignored.")]
    assert t.warnings == (
        "Segment 2 has no readable startTime and was skipped.",
        "Segment 3 has no readable startTime and was skipped.",
        "Segment 4 has a speaker that is not text, and was skipped.",
        "Segment 5 has no text body and was skipped.",
        "Segment 6 is not an object with startTime and body, and was skipped.",
    )


def test_many_bad_segments_give_a_short_list_of_warnings():
    segments = [{"startTime": 0, "body": "Kept."}] + [{"startTime": None, "body": "x"}] * 25
    t = parse_text(_doc(segments))
    assert len(t.warnings) == 11
    assert t.warnings[-1] == "15 more segments were skipped for the same kinds of reasons."


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"segments": [{"startTime": 1, "body": "Hi"}', "malformed at line 1, column 45"),
        ('{\n  "segments": [\n    {"startTime": 1 "body": "Hi"}\n  ]\n}', "malformed at line 3, column 21"),
        ('{"version": "1.0.0", "segments": {"0": "Hi"}}', 'no "segments" list'),
        ('{"segments": []}', 'empty "segments" list'),
        ('{"segments": [{"startTime": "soon", "body": "Hi"}, {"startTime": 1, "body": 7}]}', "all 2 segments"),
        ('{"segments": [{"startTime": NaN, "body": "Hi"}]}', "its one segment lacks a numeric startTime"),
        ('{"segments": [{"startTime": -1, "body": "Hi"}]}', "its one segment lacks a numeric startTime"),
        ('{"segments": [{"startTime": 1, "body": "   "}]}', "hold no words"),
        ('{"segments": ' + "[" * 50_000 + "]" * 50_000 + "}", "cannot be read"),
    ],
)
def test_broken_json_is_refused_with_one_helpful_sentence(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, "episode.json")
    message = str(caught.value)
    assert message.startswith("episode.json: ")
    assert fragment in message
    assert "export the transcript again" in message
    assert "\n" not in message and message.endswith(".")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version": "1.0.0", "segments": []}', True),
        ('\ufeff\n  {"segments": [1]}', True),
        ('[{"segments": []}]', False),  # an array, not an object
        ('{"version": "1.0.0"}', False),
        ("Ana: the segments were great {really}.", False),
    ],
)
def test_detection_is_cheap_and_parse_does_the_real_check(text, expected):
    assert FORMAT.guess(text) is expected
