import shutil
import subprocess

import pytest

from reader.audio_length import audio_length_ms


def test_lengths_come_from_the_file_and_bad_files_give_zero(tmp_path):
    if shutil.which("ffmpeg") is None:
        pytest.skip("making test audio needs ffmpeg")
    path = tmp_path / "five.mp3"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=5:sample_rate=22050",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "32k",
            str(path),
        ],
        check=True,
    )
    assert abs(audio_length_ms(path) - 5_000) < 100
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all" * 100)
    assert audio_length_ms(junk) == 0
    assert audio_length_ms(tmp_path / "missing.ogg") == 0
