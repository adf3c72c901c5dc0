"""Speech-to-text services' JSON: words timed, speakers readable, broken answers named."""

from __future__ import annotations

import json

import pytest

from reader.errors import TranscriptError
from reader.importer import load, parse_text


def _spans(turn):
    return [(s.start_ms, s.end_ms, text) for s, text in zip(turn.spans, turn.span_texts(), strict=True)]


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.end_ms, t.text) for t in transcript.turns]


@pytest.fixture
def services(fixtures):
    return fixtures / "services"


def test_deepgram_words_use_punctuated_words_and_speaker_numbers_from_one(services):
    t = load(services / "deepgram_words.json")
    assert t.format == "deepgram"
    assert t.timing == "word"
    assert _rows(t) == [
        ("Speaker 1", 80, 1_600, "Hello, and welcome."),
        ("Speaker 2", 1_600, 2_400, "Yes, thanks."),
    ]
    assert _spans(t.turns[0]) == [(80, 400, "Hello,"), (400, 560, "and"), (560, 1_200, "welcome.")]


def test_deepgram_utterances_without_words_are_read_as_timed_sentences(services):
    t = load(services / "deepgram_utterances.json")
    assert t.timing == "cue"
    assert _rows(t) == [
        ("Speaker 1", 500, 2_000, "Good morning."),
        ("Speaker 2", 2_000, 3_400, "Good morning to you."),
    ]


def test_deepgram_paragraphs_are_read_when_there_are_no_words():
    alternative = {
        "transcript": "one two three",
        "paragraphs": {
            "paragraphs": [
                {"speaker": 0, "sentences": [{"text": "One two.", "start": 0.5, "end": 1.5}]},
                {"speaker": 1, "sentences": [{"text": "Three four.", "start": 2.0, "end": 3.0}]},
            ]
        },
    }
    doc = {"metadata": {"request_id": "x"}, "results": {"channels": [{"alternatives": [alternative]}]}}
    t = parse_text(json.dumps(doc))
    assert _rows(t) == [("Speaker 1", 500, 2_000, "One two."), ("Speaker 2", 2_000, 3_000, "Three four.")]


def test_assemblyai_utterances_keep_word_times_letters_and_auto_chapters(services):
    t = load(services / "assemblyai.json")
    assert t.format == "assemblyai"
    assert t.timing == "word"
    assert _rows(t) == [
        ("Speaker A", 250, 1_500, "Hi, Ben."),
        ("Speaker B", 1_500, 3_100, "Hello, Ana. Shall we start?"),
    ]
    assert _spans(t.turns[1])[:2] == [(1_500, 1_900, "Hello,"), (1_950, 2_300, "Ana.")]
    assert [(c.start_ms, c.title) for c in t.chapters] == [(250, "Ana and Ben say hello"), (2_400, "Getting started")]


def test_assemblyai_words_alone_are_read_when_there_are_no_utterances(services):
    doc = json.loads((services / "assemblyai.json").read_text(encoding="utf-8"))
    doc["utterances"] = None
    t = parse_text(json.dumps(doc))
    assert [t.speaker for t in t.turns] == ["Speaker A", "Speaker B"]
    assert t.turns[1].text == "Hello, Ana. Shall we start?"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("processing", "saved while the transcript was still processing; download it again once"),
        ("error", "records a transcription that failed (Download error)"),
    ],
)
def test_an_unfinished_assemblyai_answer_says_so(status, expected):
    doc = {"id": "x", "status": status, "audio_url": "https://example.org/a.mp3", "error": "Download error"}
    with pytest.raises(TranscriptError) as error:
        parse_text(json.dumps(doc), "answer.json")
    assert expected in str(error.value)


def test_aws_transcribe_glues_punctuation_and_names_speakers_from_one(services):
    t = load(services / "aws.json")
    assert t.format == "aws-transcribe"
    assert t.timing == "word"
    assert _rows(t) == [("Speaker 1", 500, 2_000, "Good morning."), ("Speaker 2", 2_000, 2_900, "Hi, there.")]
    assert _spans(t.turns[1]) == [(2_000, 2_300, "Hi,"), (2_400, 2_900, "there.")]


def test_older_aws_jobs_take_speakers_from_the_speaker_segments(services):
    assert _rows(load(services / "aws_older.json")) == _rows(load(services / "aws.json"))


def test_rev_ai_monologues_keep_word_times_and_untimed_marks(services):
    t = load(services / "rev.json")
    assert t.format == "rev-ai"
    assert t.timing == "word"
    assert _rows(t) == [
        ("Speaker 1", 500, 3_000, "Hello World."),
        ("Speaker 2", 3_000, 6_000, "monologues <inaudible> are fun."),
    ]
    assert _spans(t.turns[1])[0] == (3_000, None, "monologues <inaudible>")


def test_rev_ai_speaker_names_are_kept():
    doc = {
        "monologues": [
            {
                "speaker": 0,
                "speaker_name": "Ana Lima",
                "elements": [{"type": "text", "value": "Hi", "ts": 0, "end_ts": 1}],
            }
        ]
    }
    assert _rows(parse_text(json.dumps(doc))) == [("Ana Lima", 0, 1_000, "Hi")]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {"metadata": {"request_id": "x"}, "results": {"channels": [{"alternatives": [{"transcript": ""}]}]}},
            "This Deepgram file has no timed words, utterances or paragraphs",
        ),
        (
            {"id": "x", "status": "completed", "audio_url": "u", "words": [], "utterances": []},
            "This AssemblyAI file has no timed words or utterances",
        ),
        (
            {"jobName": "j", "results": {"transcripts": [{"transcript": "hi"}], "items": []}},
            "This Amazon Transcribe file has no timed words",
        ),
        ({"monologues": []}, "This Rev.ai file has no monologues with timed words"),
    ],
)
def test_service_answers_without_words_name_the_service(doc, expected):
    with pytest.raises(TranscriptError) as error:
        parse_text(json.dumps(doc), "answer.json")
    message = str(error.value)
    assert expected in message
    assert "startTime" not in message and "segments" not in message


def test_a_cut_off_service_answer_names_the_service(services):
    text = (services / "aws.json").read_text(encoding="utf-8")
    with pytest.raises(TranscriptError) as error:
        parse_text(text[: len(text) // 2], "job.json")
    assert str(error.value).startswith("job.json: This Amazon Transcribe file is cut off before its end")


def test_deepgram_multichannel_words_are_merged_in_time_and_named_by_channel():
    def channel(*words):
        return {"alternatives": [{"words": [{"word": w, "start": s, "end": s + 0.4} for w, s in words]}]}

    doc = {
        "metadata": {"request_id": "x", "channels": 2},
        "results": {"channels": [channel(("hello", 0.0), ("again", 3.0)), channel(("hi", 1.0))]},
    }
    t = parse_text(json.dumps(doc))
    assert _rows(t) == [
        ("Channel 1", 0, 1_000, "hello"),
        ("Channel 2", 1_000, 3_000, "hi"),
        ("Channel 1", 3_000, 3_400, "again"),
    ]


def test_aws_channel_identification_names_each_channel(services):
    doc = json.loads((services / "aws_older.json").read_text(encoding="utf-8"))
    results = doc["results"]
    del results["speaker_labels"]
    results["channel_labels"] = {
        "number_of_channels": 2,
        "channels": [
            {"channel_label": "ch_0", "items": [i for i in results["items"] if i.get("start_time") in ("0.5", "0.9")]},
            {"channel_label": "ch_1", "items": [i for i in results["items"] if i.get("start_time") in ("2.0", "2.4")]},
        ],
    }
    t = parse_text(json.dumps(doc))
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Channel 1", "Good morning."),
        ("Channel 2", "Hi, there."),
    ]


def test_fifty_thousand_untimed_marks_after_one_word_are_all_kept():
    items = [{"type": "pronunciation", "start_time": "0", "end_time": "1", "alternatives": [{"content": "a"}]}]
    items += [{"type": "punctuation", "alternatives": [{"content": "!"}]}] * 50_000
    t = parse_text(json.dumps({"jobName": "j", "results": {"transcripts": [], "items": items}}))
    assert [turn.text for turn in t.turns] == ["a" + "!" * 50_000]
    assert [(s.start_ms, s.end_ms) for s in t.turns[0].spans] == [(0, 1_000)]
