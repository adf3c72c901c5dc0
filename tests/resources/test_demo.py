"""The shipped demo episode: its transcript reads cleanly and its audio really matches it.

The demo is what a new user opens first and what we use to judge read-along
by eye, so a stamp that is a second off would look like an app bug. These
tests check the files as shipped; ``scripts/make_demo.py`` rebuilds them.
"""

from __future__ import annotations

import importlib.util
import math
import shutil
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from reader.importer import load
from resources import DEMO_AUDIO as AUDIO
from resources import DEMO_TRANSCRIPT as TRANSCRIPT

ROOT = Path(__file__).resolve().parents[2]

#: Decoding at a low rate keeps the check fast; speech energy is well below 4 kHz.
CHECK_RATE = 8000
WINDOW_S = 0.2
#: Measured: gaps decode to RMS 0-5 and turn openings to 1900-4300 (16-bit scale),
#: so these limits leave a wide margin either side while still catching a stamp
#: that is early (speech before it) or late (silence after it).
SILENT_BELOW = 150
SPEECH_ABOVE = 800


def test_transcript_parses_as_the_plain_text_layout() -> None:
    transcript = load(TRANSCRIPT)

    assert transcript.format == "plain-text"
    assert transcript.title == "Transcript Reader: a guided tour"
    assert transcript.speakers == ["Maya Chen", "Sam Okafor"]
    assert len(transcript.chapters) >= 3
    assert all(turn.timed for turn in transcript.turns)
    starts = {turn.start_ms for turn in transcript.turns}
    for chapter in transcript.chapters:
        assert chapter.start_ms in starts, f"chapter {chapter.title!r} does not start on a turn"
    assert transcript.warnings == ()


def test_transcript_is_the_current_script() -> None:
    """Editing scripts/demo_script.py without rerunning make_demo.py would ship stale files."""
    spec = importlib.util.spec_from_file_location("demo_script", ROOT / "scripts" / "demo_script.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    turns = load(TRANSCRIPT).turns
    assert [(t.speaker, t.text) for t in turns] == [(s, text) for s, text, _ in script.TURNS], (
        "tour.txt is out of date; run `uv run python scripts/make_demo.py`"
    )


def test_audio_is_small_and_covers_every_turn() -> None:
    assert AUDIO.is_file()
    assert AUDIO.stat().st_size <= 2.2 * 1024 * 1024
    length = MP3(AUDIO).info.length
    assert 120 <= length <= 240
    last_start_s = load(TRANSCRIPT).turns[-1].start_ms / 1000
    assert length >= last_start_s + 1


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed, so the mp3 cannot be decoded")
def test_speech_starts_exactly_at_each_stamp() -> None:
    samples = _decode(AUDIO)
    for turn in load(TRANSCRIPT).turns:
        start_s = turn.start_ms / 1000
        if start_s >= WINDOW_S:
            before = _rms(samples, start_s - WINDOW_S, start_s)
            assert before < SILENT_BELOW, f"sound just before {turn.start_ms} ms ({turn.text[:30]!r}): RMS {before:.0f}"
        after = _rms(samples, start_s, start_s + WINDOW_S)
        assert after > SPEECH_ABOVE, f"no speech just after {turn.start_ms} ms ({turn.text[:30]!r}): RMS {after:.0f}"


def _decode(path: Path) -> array:
    """Mono 16-bit samples at CHECK_RATE, decoded in memory so nothing is left on disk."""
    command = [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-i", str(path),
        "-f", "s16le", "-ac", "1", "-ar", str(CHECK_RATE), "pipe:1",
    ]  # fmt: skip
    pcm = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    samples = array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()  # s16le
    return samples


def _rms(samples: array, from_s: float, to_s: float) -> float:
    window = samples[int(from_s * CHECK_RATE) : int(to_s * CHECK_RATE)]
    assert window, f"the audio ends before {to_s:.1f} s"
    return math.sqrt(sum(value * value for value in window) / len(window))
