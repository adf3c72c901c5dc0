"""Chapter by chapter, Go to Time… and the sleep timer, as a listener uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.listening import SleepTimer
from ui.player.base import PlayerState
from ui.player.fake import FakePlayer
from ui.timers import FakeTimers


@pytest.fixture
def lwindow(window, episode):
    """The episode has chapters at 0:00 and 0:20, and its audio (45 s)."""
    assert window.open_transcript(episode[0])
    return window


def _press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(window.view, key, modifier)


def test_ctrl_arrows_and_the_buttons_move_chapter_by_chapter(lwindow, player):
    _press(lwindow, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert player.seeks[-1] == 20_000
    player.seek(30_000)
    _press(lwindow, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert player.seeks[-1] == 20_000  # back to the start of the chapter being heard
    player.seek(21_000)
    lwindow.player_bar.previous_chapter_button.click()
    assert player.seeks[-1] == 0  # just started: the chapter before
    assert lwindow.player_bar.next_chapter_button.isVisible()
    player.seek(30_000)
    lwindow.player_bar.next_chapter_button.click()
    assert lwindow.status.text == "This is the last chapter."


def test_go_to_time_plays_from_the_typed_time_or_says_what_to_type(lwindow, player):
    asked = []
    lwindow.listening.ask = lambda parent, current: asked.append(current) or "0:33"
    lwindow.commands["go_to_time"].trigger()
    assert player.seeks[-1] == 33_000 and asked == ["00:00"]
    lwindow.listening.ask = lambda parent, current: "soon"
    lwindow.commands["go_to_time"].trigger()
    assert "is not a time; type it as 1:02:03" in lwindow.status.text
    lwindow.listening.ask = lambda parent, current: None  # cancelled
    lwindow.commands["go_to_time"].trigger()
    assert player.seeks[-1] == 33_000


def test_sleep_timer_at_the_end_of_the_chapter_pauses_when_the_next_begins(lwindow, player):
    player.play()
    lwindow.listening.sleep_actions["chapter"].trigger()
    assert "end of this chapter" in lwindow.status.text
    player.advance(5_000)
    assert player.state is PlayerState.Playing
    player.seek(20_500)  # the next chapter begins
    assert player.state is PlayerState.Paused
    assert lwindow.listening.sleep_actions["off"].isChecked()


def test_sleep_timer_after_minutes_pauses_when_its_timer_fires(qtbot):
    player = FakePlayer(duration_ms=3_600_000)
    said = []
    timers = FakeTimers()
    sleep = SleepTimer(player, said.append, timers)
    [timer] = timers.made
    player.load("episode.mp3")
    player.play()
    sleep.set("30")
    assert timer.isActive() and timer.interval() == 30 * 60_000
    assert said[-1] == "Playback will pause in 30 minutes."
    timer.fire()  # thirty minutes later
    assert player.state is PlayerState.Paused and sleep.choice == "off"
    sleep.set("15")
    sleep.set("off")
    assert not timer.isActive()


def test_go_to_time_offers_the_time_as_the_episode_writes_it(window, tmp_path):
    """In an episode of an hour or more, "0:00:00" as on every turn, not "00:00"."""
    path = tmp_path / "long.txt"
    path.write_text("00:00 Ana: Hello.\n1:05:00 Ben: Bye.\n", encoding="utf-8")
    assert window.open_transcript(path)
    asked = []
    window.listening.ask = lambda parent, current: asked.append(current) or None
    window.commands["go_to_time"].trigger()
    assert asked == ["0:00:00"]
