"""The real JSON and TSV files in ../shared/samples/real are read right.

Each expectation is taken from the file itself with the json module (an
independent reading, not the parser's), then compared with what the app reads:
speakers, every word's or segment's time, and the text.
"""

from __future__ import annotations

import json

import pytest

from reader.errors import TranscriptError
from reader.formats.chapters_json import NOT_A_TRANSCRIPT, read_chapters
from reader.importer import load


def _json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _ms(seconds) -> int:
    return round(float(seconds) * 1000)


def _span_times(transcript):
    return [(s.start_ms, s.end_ms) for turn in transcript.turns for s in turn.spans]


def _words(transcript):
    return " ".join(turn.text for turn in transcript.turns).split()


def test_whisper_cli_json_is_one_timed_segment(real):
    path = real / "whisper_cli_jfk.json"
    segment = _json(path)["segments"][0]
    t = load(path)
    assert t.format == "whisper-json"
    assert t.timing == "cue"
    assert [(turn.speaker, turn.start_ms, turn.end_ms, turn.text) for turn in t.turns] == [
        (None, _ms(segment["start"]), _ms(segment["end"]), segment["text"].strip())
    ]
    assert t.turns[0].text.startswith("And so, my fellow Americans, ask not")
    assert t.warnings == ()


def test_whisper_cli_tsv_reads_the_same_as_its_json(real):
    tsv, from_json = load(real / "whisper_cli_jfk.tsv"), load(real / "whisper_cli_jfk.json")
    assert tsv.format == "whisper-tsv"
    assert [(t.start_ms, t.end_ms, t.text) for t in tsv.turns] == [(0, 10_380, from_json.turns[0].text)]


def test_whisper_timestamped_marks_every_word_at_its_own_time(real):
    path = real / "whisper_timestamped.json"
    words = [w for segment in _json(path)["segments"] for w in segment["words"]]
    t = load(path)
    assert t.timing == "word"
    assert t.speakers == []
    assert _words(t) == [w["text"] for w in words]
    assert _span_times(t) == [(_ms(w["start"]), _ms(w["end"])) for w in words]
    assert len(words) == 59


def test_assemblyai_utterance_keeps_its_speaker_and_word_times(real):
    path = real / "assemblyai_utterances.json"
    data = _json(path)
    (utterance,) = data["utterances"]
    t = load(path)
    assert t.format == "assemblyai"
    assert t.timing == "word"
    assert t.speakers == ["Speaker A"]
    assert (t.turns[0].start_ms, t.turns[-1].end_ms) == (utterance["start"], utterance["end"])
    assert _words(t) == [w["text"] for w in utterance["words"]]
    assert _span_times(t) == [(w["start"], w["end"]) for w in utterance["words"]]


def test_aws_transcribe_newscast_reads_its_three_speakers_word_by_word(real):
    path = real / "aws_transcribe_newscast_speakers.json"
    results = _json(path)["results"]
    spoken = [item for item in results["items"] if item["type"] == "pronunciation"]
    t = load(path)
    assert t.format == "aws-transcribe"
    assert t.timing == "word"
    # Punctuation glued to its word gives back AWS's own running transcript.
    assert " ".join(turn.text for turn in t.turns) == results["transcripts"][0]["transcript"]
    assert _span_times(t) == [(_ms(i["start_time"]), _ms(i["end_time"])) for i in spoken]
    expected_speakers = []
    for segment in results["speaker_labels"]["segments"]:
        name = "Speaker " + str(int(segment["speaker_label"].removeprefix("spk_")) + 1)
        if not expected_speakers or expected_speakers[-1] != name:
            expected_speakers.append(name)
    changes = [t.turns[0].speaker]
    changes += [b.speaker for a, b in zip(t.turns, t.turns[1:], strict=False) if a.speaker != b.speaker]
    assert changes == expected_speakers
    assert t.speakers == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert len(t.turns) == 8


def test_the_podcasting_chapters_file_is_refused_with_its_sentence(real):
    path = real / "p20_chapters_cdspill_outrun.json"
    with pytest.raises(TranscriptError) as error:
        load(path)
    assert str(error.value) == f"{path.name}: {NOT_A_TRANSCRIPT}"
    listed = [c for c in _json(path)["chapters"] if c.get("toc") is not False]
    chapters = read_chapters(path.read_text(encoding="utf-8"))
    assert [(c.start_ms, c.title) for c in chapters] == [(_ms(c["startTime"]), c["title"]) for c in listed]
    assert len(chapters) == 34
