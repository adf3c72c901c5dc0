"""Whisper and its offshoots: every shape read, word times kept, broken files named."""

from __future__ import annotations

import json

import pytest

from reader.errors import TranscriptError
from reader.importer import load, parse_text


def _spans(turn):
    """Each span as (start, end, its words)."""
    return [(s.start_ms, s.end_ms, text) for s, text in zip(turn.spans, turn.span_texts(), strict=True)]


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.end_ms, t.text) for t in transcript.turns]


@pytest.fixture
def whisper(fixtures):
    return fixtures / "whisper"


def test_openai_whisper_segments_become_paragraphs_split_at_a_pause(whisper):
    t = load(whisper / "openai_segments.json")
    assert t.format == "whisper-json"
    assert t.timing == "cue"
    assert _rows(t) == [
        (None, 0, 8_000, "Welcome back to the show. Today we talk about bread."),
        (None, 8_000, 9_500, "Thanks for having me."),
    ]
    assert _spans(t.turns[0]) == [
        (0, 2_400, "Welcome back to the show."),
        (2_400, 4_960, "Today we talk about bread."),
    ]
    assert t.warnings == ()


def test_openai_whisper_word_timestamps_give_one_span_a_word(whisper):
    t = load(whisper / "openai_words.json")
    assert t.timing == "word"
    assert _rows(t) == [(None, 0, 2_100, "Hello there. Good bread.")]
    assert _spans(t.turns[0]) == [
        (0, 420, "Hello"),
        (500, 1_000, "there."),
        (1_200, 1_500, "Good"),
        (1_600, 2_100, "bread."),
    ]


def test_faster_whisper_bare_list_of_segments_is_read(whisper):
    t = load(whisper / "faster_whisper_list.json")
    assert t.timing == "word"
    assert t.turns[0].text == "The first segment. The second one."
    assert _spans(t.turns[0])[3] == (3_200, 3_600, "The")


def test_faster_whisper_segments_under_a_key_without_words_are_read():
    doc = {"segments": [{"start": 1.5, "end": 3.0, "text": " One two."}, {"start": 3.0, "end": 4.0, "text": " Three."}]}
    t = parse_text(json.dumps(doc))
    assert _rows(t) == [(None, 1_500, 4_000, "One two. Three.")]
    assert t.timing == "cue"


def test_whisper_timestamped_words_with_confidence_are_word_spans(whisper):
    t = load(whisper / "whisper_timestamped.json")
    assert t.timing == "word"
    assert t.turns[0].text == "Bonjour! Est-ce que vous allez bien?"
    assert _spans(t.turns[0])[:2] == [(500, 1_200, "Bonjour!"), (2_040, 2_540, "Est-ce")]


def test_whisperx_speakers_are_readable_and_an_unaligned_word_is_kept(whisper):
    t = load(whisper / "whisperx.json")
    assert t.timing == "word"
    assert t.speakers == ["Speaker 1", "Speaker 2"]
    assert _rows(t) == [
        ("Speaker 1", 30, 2_100, "Welcome to the show."),
        ("Speaker 2", 2_100, 4_200, "It is 2024 already."),
    ]
    # "2024" has no time of its own: it rides with "is", whose end is dropped
    # so the cursor spreads both words up to "already".
    assert _spans(t.turns[1]) == [(2_100, 2_200, "It"), (2_250, None, "is 2024"), (3_500, 4_200, "already.")]


def test_whisperx_word_segments_alone_are_read_as_words():
    doc = {
        "segments": [],
        "word_segments": [
            {"word": "Hi", "start": 0.1, "end": 0.3, "speaker": "SPEAKER_01"},
            {"word": "you.", "start": 0.3, "end": 0.6, "speaker": "SPEAKER_01"},
        ],
    }
    t = parse_text(json.dumps(doc))
    assert _rows(t) == [("Speaker 2", 100, 600, "Hi you.")]  # SPEAKER_00 is "Speaker 1", even when silent
    assert t.timing == "word"


def test_whisper_cpp_segments_use_their_millisecond_offsets(whisper):
    t = load(whisper / "whisper_cpp.json")
    assert t.format == "whisper-json"
    assert t.timing == "cue"
    assert [(s.start_ms, s.end_ms) for s in t.turns[0].spans] == [(0, 7_600), (7_600, 10_600)]
    assert t.turns[0].text.startswith("And so my fellow Americans, ask not")


def test_whisper_cpp_full_tokens_are_joined_back_into_timed_words(whisper):
    t = load(whisper / "whisper_cpp_full.json")
    assert t.timing == "word"
    assert _rows(t) == [(None, 0, 2_000, "Ask not, fellow")]
    assert _spans(t.turns[0]) == [(0, 400, "Ask"), (400, 850, "not,"), (1_000, 2_000, "fellow")]


def test_whisper_cpp_clock_timestamps_are_used_without_offsets():
    doc = {"transcription": [{"timestamps": {"from": "00:01:02,500", "to": "00:01:04,000"}, "text": " Late."}]}
    doc["offsets"] = {}  # the key the layout is guessed by may sit anywhere
    t = parse_text(json.dumps(doc))
    assert _rows(t) == [(None, 62_500, 64_000, "Late.")]


def test_hugging_face_segment_chunks_with_an_open_last_end(whisper):
    t = load(whisper / "hf_segments.json")
    assert t.format == "whisper-json"
    assert t.timing == "cue"
    assert _spans(t.turns[0]) == [
        (0, 5_440, "Mr. Quilter is the apostle of the middle classes."),
        (5_440, None, "And we are glad to welcome his gospel."),
    ]


def test_hugging_face_word_chunks_are_word_spans(whisper):
    t = load(whisper / "hf_words.json")
    assert t.timing == "word"
    assert _spans(t.turns[0]) == [(0, 380, "Mr."), (380, 920, "Quilter"), (920, 1_100, "is"), (1_100, 1_600, "here.")]


def test_whisper_tsv_reads_integer_milliseconds(whisper):
    t = load(whisper / "whisper.tsv")
    assert t.format == "whisper-tsv"
    assert t.timing == "cue"
    assert _rows(t) == [
        (None, 0, 8_000, "Welcome back to the show. Today we talk about bread."),
        (None, 8_000, 9_500, "Thanks for having me."),
    ]


def test_whisper_tsv_bad_lines_are_skipped_with_a_warning():
    t = parse_text("start\tend\ttext\n0\t1000\tFine.\nabc\t2000\tBroken.\n1500\t2500\tAlso fine.\n")
    assert [turn.text for turn in t.turns] == ["Fine. Also fine."]
    assert t.warnings == ("Line 3 has no start time in milliseconds and was skipped.",)


def test_whisper_tsv_with_only_a_header_is_refused_naming_the_layout():
    with pytest.raises(TranscriptError) as error:
        parse_text("start\tend\ttext\n")
    assert "Whisper .tsv file has no lines of start time, end time and text" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"text": "Hi", "segments": [{"start": 0, "end": 1, "text": "Hi"}', "This Whisper file is cut off"),
        ('{"segments": [{"start": 0,, "text": "Hi"}], "language": "en"}', "This Whisper file is damaged at line 1"),
        ('{"text": "Hi", "segments": "start", "language": "en"}', "This Whisper file has no list of timed segments"),
        (
            '{"segments": [{"start": "soon", "end": 1, "text": "Hi"}]}',
            "its one segment has a start time and words",
        ),
        ('{"transcription": [], "offsets": 1}', "This whisper.cpp file has an empty transcription"),
        ('{"text": "", "chunks": [], "timestamp": 1}', "Hugging Face speech recognition file has no timed chunks"),
    ],
)
def test_broken_whisper_files_name_the_tool_and_what_is_missing(text, expected):
    with pytest.raises(TranscriptError) as error:
        parse_text(text, "talk.json")
    message = str(error.value)
    assert message.startswith("talk.json: ")
    assert expected in message
    assert "startTime" not in message and "Podcasting" not in message
    assert message.count(".") >= 1 and "\n" not in message


def test_a_segment_without_a_start_keeps_its_words_and_is_reported():
    doc = {
        "segments": [
            {"start": 0.0, "end": 1.0, "text": " First."},
            {"end": 2.0, "text": " Lost start."},
            {"start": 2.0, "end": 3.0, "text": " Third."},
        ]
    }
    t = parse_text(json.dumps(doc))
    assert t.turns[0].text == "First. Lost start. Third."
    assert t.warnings == (
        "1 segment in this Whisper file had no usable start time or was not a segment; "
        "any words in it were joined to the segment before.",
    )


def test_fifty_thousand_words_said_at_one_instant_are_all_kept_in_one_turn():
    """A crafted (or broken) file whose words all share one time makes one
    endless turn; every word and its mark are kept."""
    doc = {"segments": [{"start": 0, "words": [{"word": f" w{i}", "start": 1.0, "end": 1.0} for i in range(50_000)]}]}
    t = parse_text(json.dumps(doc))
    (turn,) = t.turns
    assert len(turn.spans) == 50_000
    assert turn.text.split() == [f"w{i}" for i in range(50_000)]
    assert turn.span_texts()[-1] == "w49999" and turn.spans[-1].offset == len(turn.text) - len("w49999")


@pytest.mark.parametrize("key", ["segments", "chunks"])
def test_a_long_episodes_text_before_its_segments_does_not_hide_the_layout(key):
    """openai-whisper and Hugging Face write the whole text first: in a long
    episode it is longer than the part of the file detection looks at."""
    sentence = " Words of a long episode."
    pieces = [{"start": i * 2.0, "end": i * 2.0 + 1.5, "text": sentence} for i in range(8_000)]
    if key == "chunks":
        pieces = [{"timestamp": [p["start"], p["end"]], "text": p["text"]} for p in pieces]
    text = json.dumps({"text": sentence * 8_000, key: pieces})
    assert text.index(f'"{key}"') > 100_000
    t = parse_text(text)
    assert t.format == "whisper-json"
    assert sum(len(turn.spans) for turn in t.turns) == 8_000


def test_a_hundred_thousand_tsv_rows_are_all_read():
    rows = "".join(f"{i * 10}\t{i * 10 + 5}\tw{i}\n" for i in range(100_000))
    t = parse_text("start\tend\ttext\n" + rows)
    assert sum(len(turn.spans) for turn in t.turns) == 100_000
    assert t.warnings == ()
    assert t.turns[-1].spans[-1].start_ms == 999_990


def test_openai_api_verbose_json_words_listed_apart_from_segments_are_word_spans():
    doc = {
        "task": "transcribe",
        "language": "english",
        "duration": 2.0,
        "text": "Hello there.",
        "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 2.0, "text": " Hello there.", "tokens": [1]}],
        "words": [{"word": "Hello", "start": 0.0, "end": 0.6}, {"word": "there.", "start": 0.8, "end": 1.9}],
    }
    t = parse_text(json.dumps(doc))
    assert t.format == "whisper-json"
    assert t.timing == "word"
    assert _spans(t.turns[0]) == [(0, 600, "Hello"), (800, 1_900, "there.")]
    del doc["segments"]
    assert _spans(parse_text(json.dumps(doc)).turns[0]) == [(0, 600, "Hello"), (800, 1_900, "there.")]
