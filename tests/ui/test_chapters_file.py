"""A chapters file beside the episode fills the chapters panel."""

from __future__ import annotations

import shutil

TRANSCRIPT = "00:00 Ana: Hello.\n00:05 Ben: Hi there.\n00:10 Ana: Bye.\n"


def _titles(window):
    model = window.chapters.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_chapters_file_named_like_the_transcript_fills_the_panel(window, player, tmp_path, fixtures):
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "show.mp3").write_bytes(b"not really audio")
    shutil.copy(fixtures / "chapters" / "episode.chapters.json", tmp_path / "show.chapters.json")
    assert window.open_transcript(tmp_path / "show.txt")
    assert window.chapters.model.rowCount() == 3  # the toc:false chapter stays out
    assert any("Bread" in str(title) for title in _titles(window))
    player.play()
    player.advance(5_000)
    assert window.chapters.model.current() == 1


def test_the_chapters_file_named_like_audio_chosen_later_fills_the_panel(window, tmp_path, fixtures):
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "recording.mp3").write_bytes(b"not really audio")
    shutil.copy(fixtures / "chapters" / "episode.chapters.json", tmp_path / "recording.chapters.json")
    assert window.open_transcript(tmp_path / "show.txt")
    assert window.chapters.model.rowCount() == 0
    assert window.loader.pair_audio(tmp_path / "recording.mp3")
    assert window.chapters.model.rowCount() == 3
