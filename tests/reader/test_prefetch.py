"""Reading the transcript in a forked process while Qt loads gives the same transcript."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import prefetch
from reader.errors import TranscriptError
from reader.importer import load

PROJECT = Path(__file__).resolve().parents[2]
TEXT = "Chapters\n00:00 Start\nTranscript\n00:00:00 Ana: Hello 🎙 there.\n00:00:04 Ben: Hi.\nAnd more.\n"


def _in_fresh_process(code: str) -> str:
    """Fork only where the app forks: a fresh interpreter with no Qt and no threads."""
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _prefetched_equals_loaded(path: Path, setup: str = "") -> str:
    """In a fresh process: prefetch ``path`` (after ``setup``), and compare with reading it there."""
    return _in_fresh_process(
        "from reader import prefetch\nfrom reader.importer import load\n"
        f"{setup}"
        f"p = prefetch.Prefetch({str(path)!r})\nassert p._pid is not None\n"
        f"print(p.result() == load({str(path)!r}))"
    )


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="prefetching forks, which this platform cannot")


@needs_fork
def test_a_prefetched_transcript_equals_one_read_in_process(tmp_path):
    path = tmp_path / "ep.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert _prefetched_equals_loaded(path) == "True"


@needs_fork
def test_a_bad_file_gives_the_same_sentence_as_reading_it_here(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    code = (
        "from reader.prefetch import Prefetch\nfrom reader.errors import TranscriptError\n"
        f"p = Prefetch({str(path)!r})\n"
        "try:\n    p.result()\nexcept TranscriptError as e:\n    print(e)"
    )
    assert _in_fresh_process(code) == "empty.txt is empty; choose the file that holds the transcript."


def test_without_fork_the_transcript_is_read_when_asked_for(tmp_path, monkeypatch):
    path = tmp_path / "ep.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.delattr(prefetch.os, "fork", raising=False)
    p = prefetch.Prefetch(str(path))
    assert p._pid is None
    assert p.result() == load(path)
    (tmp_path / "bad.txt").write_bytes(b"")
    with pytest.raises(TranscriptError, match="is empty"):
        prefetch.Prefetch(str(tmp_path / "bad.txt")).result()


def test_the_packed_form_round_trips_every_field(tmp_path):
    path = tmp_path / "ep.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nAna: One.\n\n2\n00:00:02,500 --> 00:00:04,000\nTwo.\n", encoding="utf-8"
    )
    transcript = load(path)
    assert prefetch._unpack(prefetch._pack(transcript)) == transcript


@needs_fork
def test_an_answer_too_big_for_its_room_is_read_here_instead(tmp_path):
    path = tmp_path / "ep.txt"
    path.write_text(TEXT, encoding="utf-8")
    room_too_small = "prefetch._ROOM_FACTOR, prefetch._ROOM_EXTRA = 0, 16\n"
    spy = (  # the answer must really be refused, then read in-process
        "received = prefetch.Prefetch._receive\n"
        "def _receive(self):\n    answer = received(self)\n    assert answer is None\n    return answer\n"
        "prefetch.Prefetch._receive = _receive\n"
    )
    assert _prefetched_equals_loaded(path, room_too_small + spy) == "True"


def test_a_missing_file_is_not_forked_for_and_says_so_when_asked(tmp_path):
    p = prefetch.Prefetch(str(tmp_path / "gone.txt"))
    assert p._pid is None
    with pytest.raises(TranscriptError, match="There is no file"):
        p.result()
