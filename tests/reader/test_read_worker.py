"""A huge transcript is read by a child process and arrives whole, or with the importer's sentence."""

from __future__ import annotations

import pytest

from reader.errors import TranscriptError
from reader.importer import load
from reader.read_worker import load_in_child
from reader.store.fingerprints import fingerprint


def _subtitles(count: int) -> str:
    cues = (
        f"{n + 1}\n00:{n // 30:02d}:{n * 2 % 60:02d},000 --> 00:{n // 30:02d}:{n * 2 % 60:02d},900\nLine {n} said.\n"
        for n in range(count)
    )
    return "\n".join(cues)


def test_a_file_read_by_the_child_is_the_same_transcript_with_its_fingerprint(tmp_path):
    path = tmp_path / "long.srt"
    path.write_text(_subtitles(1200), encoding="utf-8")  # several batches of turns and cues
    found = load_in_child(str(path))
    assert found is not None
    transcript, print_ = found
    assert transcript == load(path)
    assert print_ == fingerprint(transcript)


def test_a_file_the_child_cannot_read_gives_the_importers_sentence_and_a_stop_ends_it(tmp_path):
    empty = tmp_path / "empty.srt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="empty.srt is empty"):
        load_in_child(str(empty))
    path = tmp_path / "long.srt"
    path.write_text(_subtitles(50), encoding="utf-8")
    assert load_in_child(str(path), should_stop=lambda: True) is None
