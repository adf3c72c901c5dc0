"""Text and audio drift apart: the nudge, "this is now" points, estimates for untimed text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from reader.store import Store
from ui.app import build_window
from ui.player.fake import FakePlayer

# A turn every 10 s for 200 s of talk.
TALK = "".join(
    f"00:{i // 6:02d}:{i % 6}0 {('Ana', 'Ben')[i % 2]}: Turn number {i} is spoken here now.\n" for i in range(20)
)


@pytest.fixture
def swindow(qtbot, settings, tmp_path):
    transcript = tmp_path / "talk.txt"
    transcript.write_text(TALK, encoding="utf-8")
    (tmp_path / "talk.mp3").write_bytes(b"x")
    store = Store.open(tmp_path / "lib")
    player = FakePlayer(duration_ms=270_000)  # the audio has a 60 s ad at 1:40
    win = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert win.open_transcript(transcript)
    yield win, player, store, transcript
    store.close()


def _select_turn_start(win, turn):
    doc_map = win.view.transcript_document.map
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(doc_map.position_of(turn, 0))
    cursor.setPosition(doc_map.position_of(turn, 4), QTextCursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)


def _key(win, key, modifier=Qt.KeyboardModifier.NoModifier):
    win.view.setFocus()
    QTest.keyClick(win.view, key, modifier)


def _at(player, audio_ms):
    player.seek(audio_ms)


def test_a_mid_episode_ad_is_fixed_with_a_point_before_and_after_it(swindow):
    win, player, store, _ = swindow
    player.play()
    _at(player, 175_000)  # the listener hears turn 11 (text 1:50) at 2:55
    assert win.marks.current_turn == 17  # wrong before the fix
    _select_turn_start(win, 11)
    _at(player, 170_000)
    _key(win, Qt.Key.Key_S)
    _select_turn_start(win, 9)  # text 1:30, just before the ad, heard at 1:30
    _at(player, 90_000)
    _key(win, Qt.Key.Key_S)
    assert [tuple(p) for p in store.time_map(win.keeping.episode.id)["points"]] == [
        (90_000, 90_000),
        (110_000, 170_000),
    ]
    for audio, turn in ((40_000, 4), (95_000, 9), (175_000, 11), (235_000, 17)):
        _at(player, audio)
        assert win.marks.current_turn == turn, audio
    for turn, audio in ((3, 30_000), (15, 210_000)):
        win.view.seek_requested.emit(turn * 10_000)
        assert player.seeks[-1] == audio
    assert win.status.shift.text().startswith("text +")


def test_nudge_moves_everything_and_shows_in_the_status_bar(swindow):
    win, player, store, _ = swindow
    for _ in range(5):
        _key(win, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert win.status.shift.text() == "text +2.5 s"
    win.view.seek_requested.emit(50_000)
    assert player.seeks[-1] == 52_500
    assert store.time_map(win.keeping.episode.id)["offset_ms"] == 2_500


def test_points_come_back_with_the_episode_and_can_be_removed_or_reset(swindow):
    win, player, store, transcript = swindow
    _select_turn_start(win, 5)
    _at(player, 65_000)
    _key(win, Qt.Key.Key_S)
    win.open_transcript(transcript)
    assert win.session.time_map.points == ((50_000, 65_000),)
    assert win.sync_points_panel.points.count() == 1 and "01:05" in win.sync_points_panel.points.item(0).text()
    win.sync_points_panel.points.setCurrentRow(0)
    win.sync_points_panel.remove_button.click()
    assert win.session.time_map.points == ()
    _key(win, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    win.sync_points_panel.reset_button.click()
    assert win.session.time_map.is_identity and win.status.shift.text() == ""


def test_alt_click_on_a_word_sets_a_point_only_while_the_sync_panel_is_open(swindow, qtbot):
    win, player, _, _ = swindow
    _at(player, 33_000)
    win.view.word_chosen.emit(2, 0)
    assert player.seeks[-1] == 20_000 and win.session.time_map.points == ()
    win.show_sync_panel()
    qtbot.waitUntil(win.sync_dock.isVisible)
    _at(player, 33_000)
    win.view.word_chosen.emit(2, 0)
    assert win.session.time_map.points == ((20_000, 33_000),)


def test_s_without_a_selection_or_audio_says_what_to_do(swindow, tmp_path):
    win, _, _, _ = swindow
    _key(win, Qt.Key.Key_S)
    assert "Select the words you are hearing now" in win.status.text
    alone = tmp_path / "alone.txt"
    alone.write_text(TALK, encoding="utf-8")
    win.open_transcript(alone)
    _select_turn_start(win, 2)
    _key(win, Qt.Key.Key_S)
    assert "need the episode's audio" in win.status.text


def test_an_untimed_transcript_is_spread_over_the_audio(qtbot, settings, tmp_path):
    text = "".join(f"{('Ana', 'Ben')[i % 2]}: " + "word " * (10 + i) + "\n" for i in range(10))
    (tmp_path / "untimed.txt").write_text(text, encoding="utf-8")
    (tmp_path / "untimed.mp3").write_bytes(b"x")
    player = FakePlayer(duration_ms=600_000)
    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    assert win.open_transcript(tmp_path / "untimed.txt")
    player.set_duration(600_000 + 5_000)
    turns = win.keeping.transcript.turns
    assert turns[0].start_ms == 0 and turns[-1].start_ms > 400_000
    assert not any(t.timed for t in turns)
    assert "estimated from the audio's length" in win.status.text
    assert "~" in win.view.document().toPlainText()


def test_the_status_line_and_the_chapter_ticks_follow_the_map_where_the_listener_is(swindow):
    """Before an ad the text is where it was heard; after it, a minute later."""
    from reader.model import Chapter

    win, player, _, _ = swindow
    win.session.pin(9, 0, 90_000)
    win.session.pin(11, 0, 170_000)
    _at(player, 60_000)
    assert win.status.shift.text() == "text +0.0 s"
    _at(player, 200_000)
    assert win.status.shift.text() == "text +1:00.0"
    win.player_bar.set_chapters([Chapter(30_000, "Early"), Chapter(150_000, "Late")])
    assert [c.start_ms for c in win.player_bar.slider.chapters()] == [30_000, 210_000]


def test_a_nudge_belongs_to_the_episode_it_was_made_in(swindow, tmp_path):
    win, _, _, transcript = swindow
    _key(win, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert win.session.time_map.offset_ms == 500
    other = tmp_path / "other" / "talk.txt"
    other.parent.mkdir()
    other.write_text(TALK.replace("spoken here", "said there"), encoding="utf-8")
    assert win.open_transcript(other)
    assert win.session.time_map.is_identity and win.status.shift.text() == ""
    assert win.open_transcript(transcript)
    assert win.session.time_map.offset_ms == 500


def test_the_sync_panel_is_filled_when_first_reached_with_what_it_was_handed_before(qtbot):
    """The panel sits behind Highlights at start: its list is made when it is
    first reached (or shown), and shows the points set before that."""
    from PySide6.QtWidgets import QListWidget

    from reader.timemap import TimeMap
    from ui.sync_points_panel import SyncPointsPanel

    panel = SyncPointsPanel()
    qtbot.addWidget(panel)
    panel.set_map(TimeMap().with_point(60_000, 63_000))
    assert panel.findChildren(QListWidget) == []
    assert panel.points.item(0).text() == "01:00  →  01:03    +3.0 s"
    assert panel.remove_button.isEnabled() and panel.reset_button.isEnabled()
