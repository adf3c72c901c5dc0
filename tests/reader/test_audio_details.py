"""The description and cover art an audio file carries, for the header."""

from __future__ import annotations

from mutagen.id3 import APIC, COMM, ID3

from reader.audio_details import NONE, audio_details

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_id3_comment_and_cover_are_read(tmp_path):
    path = tmp_path / "episode.mp3"
    path.write_bytes(b"\x00" * 64)
    tag = ID3()
    tag.add(COMM(encoding=3, lang="eng", desc="", text=["A talk about\n  gardens and patience."]))
    tag.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=PNG))
    tag.save(str(path))
    details = audio_details(path)
    assert details.description == "A talk about gardens and patience."
    assert details.artwork == PNG


def test_a_file_without_tags_or_unreadable_has_no_details(tmp_path):
    path = tmp_path / "bare.mp3"
    path.write_bytes(b"not audio")
    assert audio_details(path) == NONE
    assert audio_details(tmp_path / "missing.mp3") == NONE
