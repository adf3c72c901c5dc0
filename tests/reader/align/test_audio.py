"""Reading the episode's audio as the recogniser hears it: any codec, as a stream, or one sentence."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from reader.align import unavailable_reason
from reader.align.audio import BYTES_PER_MS, AudioError, duration_ms, fingerprint, pcm_chunks

pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg makes the test audio")
@pytest.mark.parametrize("suffix", ["mp3", "m4a", "opus"])
def test_every_podcast_codec_comes_out_as_16_khz_mono_in_one_second_chunks(tmp_path, suffix):
    path = tmp_path / f"tone.{suffix}"
    make = ["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=2.5", str(path)]
    subprocess.run(make, check=True)
    chunks = list(pcm_chunks(str(path)))
    assert all(len(chunk) == 1000 * BYTES_PER_MS for chunk in chunks[:-1])
    assert abs(sum(map(len, chunks)) / BYTES_PER_MS - 2500) <= 80
    assert abs(duration_ms(str(path)) - 2500) <= 80


def test_a_file_that_is_not_audio_says_so_by_name(tmp_path):
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    with pytest.raises(AudioError, match=r"^The audio file broken\.mp3 cannot be read") as caught:
        list(pcm_chunks(str(bad)))
    assert "Errno" not in str(caught.value) and str(bad) not in str(caught.value)  # no error number, no path


def test_the_fingerprint_changes_with_the_file_and_not_with_its_name(tmp_path):
    first, renamed = tmp_path / "a.mp3", tmp_path / "b.mp3"
    first.write_bytes(b"x" * 2_000_000)
    renamed.write_bytes(b"x" * 2_000_000)
    assert fingerprint(str(first)) == fingerprint(str(renamed))
    renamed.write_bytes(b"x" * 1_999_999 + b"y")
    assert fingerprint(str(first)) != fingerprint(str(renamed))


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg makes the test audio")
def test_joined_mp3s_that_change_rate_and_channels_midway_are_read_whole(tmp_path):
    parts = []
    for name, rate, channels, seconds in (("a", 22050, 1, 1.5), ("b", 44100, 2, 2)):
        part = tmp_path / f"{name}.mp3"
        make = ["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
        make += ["-ar", str(rate), "-ac", str(channels), "-id3v2_version", "0", "-write_xing", "0", str(part)]
        subprocess.run(make, check=True)
        parts.append(part.read_bytes())
    joined = tmp_path / "joined.mp3"
    joined.write_bytes(b"".join(parts))
    chunks = list(pcm_chunks(str(joined)))
    assert abs(sum(map(len, chunks)) / BYTES_PER_MS - 3500) <= 200  # each part keeps its encoder padding
