"""Chapters embedded in MP3 (ID3 CHAP) and M4A (chpl) files; anything else gives []."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import CHAP, ID3, TIT2

from reader.audio_chapters import read_embedded_chapters
from reader.model import Chapter

#: Four MPEG-1 Layer III frame headers' worth of bytes: enough to look like audio.
_FAKE_MPEG = b"\xff\xfb\x90\x64" + b"\x00" * 413


def _chapter_meta(folder: Path, chapters: list[tuple[int, int, str]]) -> Path:
    """An FFMETADATA file with one [CHAPTER] block per (start ms, end ms, title)."""
    blocks = [f"[CHAPTER]\nTIMEBASE=1/1000\nSTART={s}\nEND={e}\ntitle={t}\n" for s, e, t in chapters]
    meta = folder / "chapters.ffmeta"
    meta.write_text(";FFMETADATA1\n" + "".join(blocks), encoding="utf-8")
    return meta


def _ffmpeg(folder: Path, out_name: str, codec: str, chapters: list[tuple[int, int, str]]) -> Path:
    """Five seconds of silence with ``chapters``, encoded by ffmpeg."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed; it is needed to build an audio file with chapters")
    meta = _chapter_meta(folder, chapters)
    out = folder / out_name
    # -t goes before the lavfi input: anullsrc never ends on its own.
    command = [
        "ffmpeg",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-t",
        "5",
        "-i",
        "anullsrc=r=22050:cl=mono",
        "-i",
        str(meta),
        "-map",
        "0:a",
        "-map_metadata",
        "1",
        "-map_chapters",
        "1",
        "-c:a",
        codec,
        str(out),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        pytest.skip(f"this ffmpeg cannot encode {codec}: {result.stderr.strip()[-200:]}")
    return out


def _mp3_with_chap_frames(path: Path, frames: list[CHAP]) -> Path:
    path.write_bytes(_FAKE_MPEG)
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    tags.save(path)
    return path


def test_id3_chap_frames_are_read_in_start_order(tmp_path):
    path = _mp3_with_chap_frames(
        tmp_path / "episode.mp3",
        [
            CHAP(element_id="c2", start_time=754_000, end_time=900_000, sub_frames=[TIT2(text=["Listener mail"])]),
            CHAP(element_id="c0", start_time=0, end_time=61_500, sub_frames=[TIT2(text=["Cold open"])]),
            CHAP(element_id="c1", start_time=61_500, end_time=754_000, sub_frames=[TIT2(text=["  The interview "])]),
        ],
    )
    assert read_embedded_chapters(path) == [
        Chapter(0, "Cold open"),
        Chapter(61_500, "The interview"),
        Chapter(754_000, "Listener mail"),
    ]


def test_untitled_chap_frames_get_a_numbered_title(tmp_path):
    path = _mp3_with_chap_frames(
        tmp_path / "episode.mp3",
        [
            CHAP(element_id="a", start_time=0, end_time=10, sub_frames=[TIT2(text=["Start"])]),
            CHAP(element_id="b", start_time=5000, end_time=9000, sub_frames=[]),
        ],
    )
    assert read_embedded_chapters(str(path)) == [Chapter(0, "Start"), Chapter(5000, "Chapter 2")]


def test_id3_without_chapters_gives_empty(tmp_path):
    path = tmp_path / "episode.mp3"
    path.write_bytes(_FAKE_MPEG)
    tags = ID3()
    tags.add(TIT2(text=["Just a title"]))
    tags.save(path)
    assert read_embedded_chapters(path) == []


def test_ffmpeg_mp3_chapters_are_read(tmp_path):
    """A real encoder's CHAP frames, not only the ones mutagen writes itself."""
    path = _ffmpeg(tmp_path, "episode.mp3", "libmp3lame", [(0, 2000, "Hello"), (2000, 5000, "Goodbye")])
    assert read_embedded_chapters(path) == [Chapter(0, "Hello"), Chapter(2000, "Goodbye")]


def test_m4a_chapters_are_read_in_milliseconds(tmp_path):
    path = _ffmpeg(
        tmp_path, "episode.m4a", "aac", [(0, 1500, "Intro"), (1500, 3250, "Main topic"), (3250, 5000, "Outro")]
    )
    assert read_embedded_chapters(path) == [Chapter(0, "Intro"), Chapter(1500, "Main topic"), Chapter(3250, "Outro")]


def test_m4a_without_chapters_gives_empty(tmp_path):
    path = _ffmpeg(tmp_path, "plain.m4a", "aac", [])
    assert read_embedded_chapters(path) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.mp3", b""),
        ("truncated_tag.mp3", b"ID3\x04\x00\x00\x00\x00\x7f\x7f" + b"\x00" * 20),
        ("garbage_tag.mp3", b"ID3\x04\x00\x00\x00\x00\x01\x00CHAP\xff\xff\xff\xff" + bytes(range(256)) * 4),
        ("bad_atoms.m4a", b"\x00\x00\x00\x20ftypM4A " + b"\xff" * 64),
        ("text.mp3", b"1\n00:00:01,000 --> 00:00:02,000\nHello\n"),
        ("noise.flac", bytes(range(256)) * 8),
    ],
)
def test_damaged_or_unknown_files_give_empty(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert read_embedded_chapters(path) == []


def test_missing_file_and_folder_give_empty(tmp_path):
    assert read_embedded_chapters(tmp_path / "gone.mp3") == []
    assert read_embedded_chapters(tmp_path) == []


def test_importing_the_module_does_not_import_mutagen():
    """``inspect`` imports the core; mutagen (about 100 ms) waits until chapters are read."""
    code = "import sys, reader.audio_chapters; print('mutagen' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
