"""Property tests: whatever JSON or TSV a user opens, the JSON layouts either
read it or refuse it with the project's own error, never with a crash.

Documents are built from the keys these layouts look for (so the parsers go
deep rather than failing at the top), filled with any JSON value, and also
cut short, as interrupted downloads are.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import TranscriptError
from reader.formats import chapters_json, speech_services, whisper
from reader.importer import parse_text

PARSERS = [whisper.FORMAT, whisper.TSV, chapters_json.FORMAT, *speech_services.FORMATS]

KEYS = [
    # Whisper family
    "text", "segments", "start", "end", "words", "word", "probability", "confidence", "speaker",
    "word_segments", "transcription", "timestamps", "offsets", "from", "to", "tokens", "chunks", "timestamp",
    # services
    "metadata", "request_id", "results", "channels", "alternatives", "punctuated_word", "utterances",
    "transcript", "paragraphs", "sentences", "status", "audio_url", "chapters", "headline", "error",
    "jobName", "transcripts", "items", "type", "content", "start_time", "end_time", "speaker_label",
    "speaker_labels", "monologues", "elements", "value", "ts", "end_ts", "speaker_name",
    # chapters
    "version", "startTime", "title", "toc",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["pronunciation", "punctuation", "text", "punct", "SPEAKER_00", "spk_1", "A", "00:00:01,500", "[_BEG_]", " and"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    ),
    max_leaves=30,
)
documents = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, min_size=1, max_size=6),
    st.lists(values, max_size=4),
)


def _must_read_or_refuse(text: str) -> None:
    assert isinstance(chapters_json.read_chapters(text), list)  # beside an episode: never an error
    for fmt in PARSERS:
        try:
            fmt.parse(text)
        except TranscriptError as error:
            assert str(error) and "\n" not in str(error)
    try:
        parse_text(text, "episode.json")
    except TranscriptError as error:
        assert str(error) and "\n" not in str(error)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_json_document_is_read_or_refused_with_one_sentence(document):
    _must_read_or_refuse(json.dumps(document))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.floats(min_value=0, max_value=1))
def test_a_document_cut_anywhere_is_read_or_refused(document, where):
    text = json.dumps(document)
    _must_read_or_refuse(text[: int(len(text) * where)] or "{")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8), st.text(max_size=20)), max_size=6))
def test_any_whisper_tsv_is_read_or_refused(rows):
    body = "\n".join("\t".join(row) for row in rows)
    _must_read_or_refuse("start\tend\ttext\n" + body)
