"""Bad input is refused with one clear sentence, and only ever as TranscriptError."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import importer
from reader.errors import TranscriptError
from reader.importer import load, parse_bytes, parse_text


def _one_sentence(message: str) -> bool:
    return message.count("\n") == 0 and message.rstrip().endswith(".") and "Traceback" not in message


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"   \n\n\t\n", "is empty"),
        (b"\x00\x01\x02\x03binary\xff\xfe\x00\x00" * 50, "binary"),
        (
            b"This is an essay about gardens.\nIt has no speakers and no times.\nJust prose, really.\n",
            "reads as plain text with no timestamps and no speaker names",
        ),
    ],
)
def test_bad_content_is_refused_with_one_sentence(tmp_path, content, fragment):
    path = tmp_path / "episode.txt"
    path.write_bytes(content)
    with pytest.raises(TranscriptError) as caught:
        load(path)
    assert fragment in str(caught.value)
    assert _one_sentence(str(caught.value))


def test_missing_path_and_folder_are_refused(tmp_path):
    with pytest.raises(TranscriptError, match="There is no file at"):
        load(tmp_path / "nope.srt")
    with pytest.raises(TranscriptError, match="is a folder"):
        load(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file, so permissions cannot be denied")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("00:00 Ana: hi\n")
    path.chmod(0)
    with pytest.raises(TranscriptError, match="permission"):
        load(path)


def test_unreadable_path_is_refused_even_as_root(tmp_path):
    """A path through a regular file cannot be opened by anyone."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(TranscriptError) as caught:
        load(blocker / "inside.txt")
    assert _one_sentence(str(caught.value))


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_BYTES", 1024)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"00:00 Ana: hi\n" * 200)
    with pytest.raises(TranscriptError, match="more than a transcript can be"):
        load(path)


def test_an_audio_file_opened_as_a_transcript_gets_a_helpful_sentence(tmp_path):
    path = tmp_path / "episode.mp3"
    path.write_bytes(b"ID3\x04\x00" + bytes(range(256)) * 10)
    with pytest.raises(TranscriptError, match="is an audio file; open its transcript"):
        load(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_ever_raise_transcript_error(data):
    try:
        transcript = parse_bytes(data, "fuzz.txt")
    except TranscriptError as error:
        assert _one_sentence(str(error))
    else:
        assert transcript.turns


_TRANSCRIPTISH = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "00:00 Ana: hi",
                "[1:02:03] Ben:",
                "**Ana** (00:01):",
                "Chapters",
                "Transcript",
                "WEBVTT",
                "1",
                "00:00:01,000 --> 00:00:02,000",
                "---",
                "title: x",
                '{"segments": [',
                "<v Ana>",
                "# H",
                "- 00:10 Intro",
                "Ana",
                "(00:33:42): Yeah.",
                "99:99:99 X: y",
                "\\*",
                "[a](b)",
                "",
            ]
        ),
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TRANSCRIPTISH)
def test_arbitrary_transcript_like_text_only_ever_raises_transcript_error(text):
    try:
        transcript = parse_text(text, "fuzz.txt")
    except TranscriptError as error:
        assert _one_sentence(str(error))
    else:
        starts = [t.start_ms for t in transcript.turns]
        assert starts == sorted(starts)
        assert all(t.end_ms >= t.start_ms for t in transcript.turns)
        assert all(t.text for t in transcript.turns)


@pytest.mark.parametrize(
    ("front", "description"),
    [
        ("description: A talk about gardens.", "A talk about gardens."),
        ("summary: 'It''s about gardens.'", "It's about gardens."),
        ("description: >\n  A talk about\n  gardens.", "A talk about gardens."),
        ("description: |\n  First line.\n  Second line.", "First line.\nSecond line."),
        ("author: Ana", None),
    ],
)
def test_markdown_front_matter_gives_the_episode_description(front, description):
    text = f"---\ntitle: Gardens\n{front}\n---\n\n**Ana** (00:00): Hello.\n\n**Ben** (00:05): Hi.\n"
    transcript = parse_text(text)
    assert transcript.title == "Gardens"
    assert transcript.description == description
    assert [turn.text for turn in transcript.turns] == ["Hello.", "Hi."]
