"""Play Highlight and Export Clip… in the app, and File → Export with clips:
the demo episode, the app's own objects, a fake player for playback and the
real demo audio for the clips."""

from __future__ import annotations

import shutil
from pathlib import Path

import av
import pytest

from reader.anchoring import make_anchor, quote_speakers
from reader.importer import load
from reader.store import Store
from ui.app import build_window
from ui.clip_actions import NO_AUDIO, ClipActions
from ui.player.fake import FakePlayer

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture
def demo(tmp_path):
    """The demo transcript (copied) and its audio, with one highlight and one bookmark kept."""
    transcript_path = tmp_path / "tour.txt"
    shutil.copy(DEMO / "tour.txt", transcript_path)
    transcript = load(transcript_path)
    store = Store.open(tmp_path / "library")
    episode, _ = store.open_episode(transcript, str(transcript_path))
    anchor = make_anchor(transcript, 2, 0, 2, len("Very meta."))
    highlight = store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "blue")
    bookmark = store.add_bookmark(episode.id, 40_000, "following along")
    yield store, transcript_path, highlight, bookmark
    store.close()


@pytest.fixture
def app_window(qtbot, settings, demo):
    store, transcript_path, _, _ = demo
    player = FakePlayer(duration_ms=199_000)
    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    window.show()
    assert window.open_transcript(transcript_path, DEMO / "tour.mp3")
    return window


def _actions(window, path: str | None = None, seconds: float | None = None) -> ClipActions:
    actions = ClipActions(window, choose_clip_path=lambda _suggested: path, choose_bookmark_length=lambda _s: seconds)
    actions.message.connect(window.status.show)
    return actions


def test_play_highlight_plays_just_that_span_then_stops(app_window, demo):
    _, _, highlight, _ = demo
    player = app_window.player
    actions = _actions(app_window)
    assert actions.play("highlight", highlight.id)
    start = highlight.anchor.start_ms - 500
    assert player.seeks[-1] == start and player.state.value == "playing"
    player.advance(highlight.anchor.end_ms + 400 - start)
    assert player.state.value == "playing"  # still inside the padding
    player.advance(200)
    assert player.state.value == "paused" and player.position_ms() >= highlight.anchor.end_ms + 500


def test_seeking_elsewhere_during_play_highlight_keeps_the_reader_listening(app_window, demo):
    _, _, highlight, _ = demo
    player = app_window.player
    _actions(app_window).play("highlight", highlight.id)
    player.seek(120_000)  # the reader clicked another line
    player.advance(5_000)
    assert player.state.value == "playing"


def test_play_highlight_without_audio_says_how_to_pair_it(qtbot, settings, demo):
    store, transcript_path, highlight, _ = demo
    window = build_window(player=FakePlayer(), settings=settings, store=store)
    qtbot.addWidget(window)
    window.open_transcript(transcript_path)
    assert not _actions(window).play("highlight", highlight.id)
    assert window.status.text == NO_AUDIO


def test_export_clip_writes_the_highlight_off_the_gui_thread(app_window, demo, tmp_path, qtbot):
    _, _, highlight, _ = demo
    out = tmp_path / "clips" / "very meta.mp3"
    out.parent.mkdir()
    suggested = []
    actions = ClipActions(app_window, choose_clip_path=lambda name: suggested.append(name) or str(out))
    actions.message.connect(app_window.status.show)
    with qtbot.waitSignal(actions.finished, timeout=20_000):
        assert actions.export_clip("highlight", highlight.id) is not None
    assert suggested == [str(tmp_path / "Very meta.m4a")]  # beside the transcript, named by its quote
    assert app_window.status.text.startswith(f"Saved the clip as {out} (")
    with av.open(str(out)) as container:
        assert container.metadata["title"] == "Very meta."
        assert container.streams.audio[0].codec_context.name.startswith("mp3")


def test_export_clip_of_a_bookmark_asks_its_length_and_remembers_it(app_window, demo, tmp_path, qtbot):
    _, _, _, bookmark = demo
    out = tmp_path / "moment.m4a"
    actions = _actions(app_window, str(out), seconds=2)
    with qtbot.waitSignal(actions.finished, timeout=20_000):
        actions.export_clip("bookmark", bookmark.id)
    assert "(3.0 s)" in app_window.status.text  # two seconds and half a second of padding each side
    assert app_window.settings.clip_settings.bookmark_ms == 2_000


def test_export_with_clips_from_the_app_writes_the_note_and_its_attachments(app_window, demo, tmp_path, qtbot):
    _, _, highlight, _ = demo
    note = tmp_path / "vault" / "tour.md"
    note.parent.mkdir()
    app_window.settings.clip_settings = app_window.settings.clip_settings._replace(bookmark_ms=1_000)
    with qtbot.waitSignal(app_window.clip_actions.finished, timeout=30_000):
        assert app_window.clip_actions.export_note(False, str(note)) is not None
    clips = sorted((note.parent / "attachments").iterdir())
    assert len(clips) == 2
    text = note.read_text(encoding="utf-8")
    assert f"> Very meta.\n\n![[{clips[0].name}]]" in text or f"> Very meta.\n\n![[{clips[1].name}]]" in text
    assert app_window.status.text == f"Exported to {note} with 2 clip(s) in attachments."


def test_right_click_on_a_highlight_finds_it(app_window, demo):
    _, _, highlight, _ = demo
    view = app_window.view
    view.show_turn_text(2)
    position = view.transcript_document.map.position_of(2, 3)
    point = view.cursorRect(_cursor_at(view, position)).center()
    assert view.highlight_at_point(point).id == highlight.id
    after = view.transcript_document.map.position_of(2, 20)
    assert view.highlight_at_point(view.cursorRect(_cursor_at(view, after)).center()) is None


def _cursor_at(view, position):
    cursor = view.textCursor()
    cursor.setPosition(position)
    return cursor
