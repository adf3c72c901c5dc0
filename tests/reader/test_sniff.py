"""The wrong kind of file is refused from its first 64 KB, each with its own sentence."""

from __future__ import annotations

import os
import tracemalloc

import pytest

from reader.errors import TranscriptError
from reader.importer import load, parse_bytes

_MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + bytes(range(256)) * 4
_M4A_HEAD = b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A mp42isom" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("file_name", "content", "fragment"),
    [
        ("episode.mp4", _MP4_HEAD, "is a video file, not a transcript"),
        ("episode", _MP4_HEAD, "is a video file"),  # no suffix: the content decides
        ("episode.mkv", b"\x1aE\xdf\xa3" + bytes(300), "is a video file"),
        ("episode.avi", b"RIFF\x00\x00\x00\x00AVI LIST" + bytes(300), "is a video file"),
        ("episode.bin", _M4A_HEAD, "is an audio file; open its transcript"),
        ("episode.txt", b"ID3\x04\x00" + bytes(range(256)), "is an audio file"),
        ("episode.txt", b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(300), "is an audio file"),
        ("show.m3u", b"#EXTM3U\n#EXTINF:123,Episode 1\nhttps://example.com/ep1.mp3\n", "is a playlist"),
        ("show.m3u", b"episodes/ep1.mp3\nepisodes/ep2.mp3\n", "is a playlist"),
        (
            "show.pls",
            b"[playlist]\nFile1=https://example.com/ep1.mp3\nTitle1=One\nNumberOfEntries=1\n",
            "is a playlist",
        ),
        ("notes.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF document"),
        ("export.zip", b"PK\x03\x04" + bytes(100), "is a compressed archive"),
    ],
)
def test_media_playlists_and_documents_each_get_their_own_sentence(tmp_path, file_name, content, fragment):
    path = tmp_path / file_name
    path.write_bytes(content)
    with pytest.raises(TranscriptError) as caught:
        load(path)
    message = str(caught.value)
    assert fragment in message
    assert file_name in message and message.count("\n") == 0 and message.endswith(".")


def test_a_text_file_named_like_a_playlist_is_still_read_as_a_transcript(tmp_path):
    path = tmp_path / "show.m3u"
    path.write_text("00:00 Ana: The playlist episode starts.\n00:05 Ben: It does.\n")
    assert [t.speaker for t in load(path).turns] == ["Ana", "Ben"]


def test_a_huge_video_is_refused_from_its_head_without_reading_the_rest(tmp_path):
    """190 MB on disk (sparse), yet refusing it allocates next to nothing."""
    path = tmp_path / "lecture.mp4"
    with open(path, "wb") as handle:
        handle.write(_MP4_HEAD)
        handle.truncate(190 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(TranscriptError, match="is a video file"):
            load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_binary_data_is_refused_from_the_first_64_kb_even_when_text_follows(tmp_path):
    path = tmp_path / "mystery.txt"
    path.write_bytes(bytes(range(32)) * 2048 + b"00:00 Ana: words\n" * 1000)
    with pytest.raises(TranscriptError, match="looks like binary data"):
        load(path)


def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(TranscriptError, match="is a named pipe, not a saved file"):
        load(fifo)


def test_a_device_is_refused_without_being_read():
    with pytest.raises(TranscriptError, match="is a device, not a saved file"):
        load("/dev/zero")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(TranscriptError, match="is a folder; choose a transcript file inside it"):
        load(tmp_path)


def test_bytes_given_directly_are_checked_the_same_way():
    with pytest.raises(TranscriptError, match="is a video file"):
        parse_bytes(_MP4_HEAD, "clip.mov")
