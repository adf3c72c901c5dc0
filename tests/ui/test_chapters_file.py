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
    assert window.status.text == "Audio: show.mp3; chapters from show.chapters.json. Press Space to play."
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
    assert "chapters from recording.chapters.json" in window.status.text


def test_opening_a_chapters_file_while_an_episode_is_open_shows_its_chapters(window, tmp_path, fixtures):
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert window.open_transcript(tmp_path / "show.txt")
    assert window.open_transcript(fixtures / "chapters" / "episode.chapters.json")
    assert window.chapters.model.rowCount() == 3
    assert "Ana" in window.view.document().toPlainText()  # the episode stays open
    assert window.status.text == "Chapters from episode.chapters.json are shown with this episode."


def _chapters_file(folder, name: str, *starts_s: float):
    import json

    chapters = [{"startTime": start, "title": f"Part {n}"} for n, start in enumerate(starts_s, start=1)]
    path = folder / name
    path.write_text(json.dumps({"version": "1.2.0", "chapters": chapters}), encoding="utf-8")
    return path


def test_another_episodes_chapters_are_refused_in_one_sentence_and_the_episode_keeps_its_own(window, player, tmp_path):
    """A 93-minute show's chapters opened on a 45-second episode: nothing is attached, and the reader is told why."""
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "show.mp3").write_bytes(b"not really audio")  # the player says 45 s
    assert window.open_transcript(tmp_path / "show.txt")
    other = _chapters_file(tmp_path, "outrun.json", 0, 41.97, 241.5, 5579.6)
    assert not window.open_transcript(other)
    assert window.chapters.model.rowCount() == 0
    assert "Ana" in window.view.document().toPlainText()  # the episode stays open
    assert window.status.text == (
        "outrun.json does not fit this episode: a chapter starts at 1 h 32 min, but the episode is 45 s long; "
        "open the chapters file that belongs to this episode."
    )


def test_the_sentence_about_opened_chapters_stays_when_playing_starts(window, player, tmp_path):
    """Routine news gives way when playing starts; which chapters are shown is not routine."""
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "show.mp3").write_bytes(b"not really audio")
    assert window.open_transcript(tmp_path / "show.txt")
    assert window.open_transcript(_chapters_file(tmp_path, "fits.json", 0, 5))
    assert window.chapters.model.rowCount() == 2
    player.play()
    assert window.status.text == "Chapters from fits.json are shown with this episode."


def test_a_chapters_file_listing_no_chapters_says_so_while_an_episode_is_open(window, tmp_path):
    (tmp_path / "show.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert window.open_transcript(tmp_path / "show.txt")
    assert not window.open_transcript(_chapters_file(tmp_path, "empty.json"))
    assert window.status.text == "empty.json lists no chapters, so this episode's chapters stay as they were."


def test_a_chapters_file_opened_with_no_episode_open_is_refused_in_one_sentence(window, fixtures):
    assert not window.open_transcript(fixtures / "chapters" / "episode.chapters.json")
    assert window.status.text.startswith("episode.chapters.json: This is a chapters file")
    assert window.chapters.model.rowCount() == 0


def test_the_whole_refusal_is_readable_in_the_status_line(window, fixtures):
    """The status line shows one line: at the test window's width (1000 px)
    the sentence, file name included, fits without losing its end."""
    assert not window.open_transcript(fixtures / "chapters" / "episode.chapters.json")
    label = window.status.label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
