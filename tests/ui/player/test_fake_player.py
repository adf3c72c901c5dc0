"""FakePlayer: the deterministic stand-in UI tests drive by hand."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ui.player import MAX_RATE, MIN_RATE, Player, PlayerState
from ui.player.fake import FakePlayer


@pytest.fixture
def player(qtbot: QtBot) -> FakePlayer:
    fake = FakePlayer(duration_ms=10_000)
    fake.load("episode.mp3")
    return fake


def test_is_a_player() -> None:
    assert isinstance(FakePlayer(), Player)


def test_load_announces_media_then_duration(qtbot: QtBot) -> None:
    fake = FakePlayer(duration_ms=90_000)
    seen: list[tuple[str, object]] = []
    fake.media_loaded.connect(lambda path: seen.append(("media", path)))
    fake.duration_changed.connect(lambda ms: seen.append(("duration", ms)))
    with qtbot.waitSignals([fake.media_loaded, fake.duration_changed]):
        fake.load("talk.ogg")
    assert seen == [("media", "talk.ogg"), ("duration", 90_000)]
    assert fake.state is PlayerState.Stopped
    assert fake.loads == ["talk.ogg"]


def test_missing_file_reports_an_error_naming_it(qtbot: QtBot) -> None:
    fake = FakePlayer()
    fake.missing.add("/audio/gone.mp3")
    with qtbot.waitSignal(fake.error) as blocker:
        fake.load("/audio/gone.mp3")
    assert "gone.mp3" in blocker.args[0]
    assert "check that it still exists" in blocker.args[0]
    assert fake.state is PlayerState.Error


def test_play_then_advance_moves_the_position(qtbot: QtBot, player: FakePlayer) -> None:
    with qtbot.waitSignal(player.state_changed, check_params_cb=lambda s: s is PlayerState.Playing):
        player.play()
    with qtbot.waitSignal(player.position_changed) as blocker:
        player.advance(250)
    assert blocker.args == [250]
    assert player.position_ms() == 250


def test_advance_does_nothing_unless_playing(qtbot: QtBot, player: FakePlayer) -> None:
    with qtbot.assertNotEmitted(player.position_changed):
        player.advance(1000)
    assert player.position_ms() == 0


def test_advance_by_zero_emits_nothing(qtbot: QtBot, player: FakePlayer) -> None:
    player.play()
    with qtbot.assertNotEmitted(player.position_changed):
        player.advance(0)


def test_rate_scales_advance(player: FakePlayer) -> None:
    player.set_rate(1.5)
    player.play()
    player.advance(1000)
    assert player.position_ms() == 1500


def test_pause_stops_time(player: FakePlayer) -> None:
    player.play()
    player.advance(400)
    player.pause()
    player.advance(400)
    assert player.position_ms() == 400
    assert player.state is PlayerState.Paused


def test_toggle_flips_between_playing_and_paused(player: FakePlayer) -> None:
    player.toggle()
    assert player.state is PlayerState.Playing
    player.toggle()
    assert player.state is PlayerState.Paused
    player.toggle()
    assert player.state is PlayerState.Playing


def test_seek_is_recorded_and_signalled(qtbot: QtBot, player: FakePlayer) -> None:
    seen: list[tuple[str, int]] = []
    player.seeked.connect(lambda ms: seen.append(("seeked", ms)))
    player.position_changed.connect(lambda ms: seen.append(("position", ms)))
    with qtbot.waitSignals([player.seeked, player.position_changed]):
        player.seek(4_200)
    assert seen == [("seeked", 4_200), ("position", 4_200)]
    assert player.seeks == [4_200]
    assert player.position_ms() == 4_200


def test_seek_clamps_to_the_media(player: FakePlayer) -> None:
    player.seek(-5)
    player.seek(99_999)
    assert player.seeks == [0, 10_000]


def test_playing_to_the_end_ends(qtbot: QtBot, player: FakePlayer) -> None:
    player.play()
    with qtbot.waitSignal(player.state_changed, check_params_cb=lambda s: s is PlayerState.Ended):
        player.advance(12_000)
    assert player.position_ms() == 10_000


def test_play_after_end_starts_over(player: FakePlayer) -> None:
    player.play()
    player.advance(10_000)
    player.play()
    assert player.state is PlayerState.Playing
    assert player.position_ms() == 0


def test_seek_after_end_is_ready_to_resume_there(player: FakePlayer) -> None:
    player.play()
    player.advance(10_000)
    player.seek(3_000)
    assert player.state is PlayerState.Paused
    player.play()
    player.advance(100)
    assert player.position_ms() == 3_100


def test_state_changed_fires_only_on_real_changes(qtbot: QtBot, player: FakePlayer) -> None:
    player.play()
    with qtbot.assertNotEmitted(player.state_changed):
        player.play()


def test_fail_enters_error_with_the_message(qtbot: QtBot, player: FakePlayer) -> None:
    with qtbot.waitSignal(player.error) as blocker:
        player.fail("x.mp3 could not be played; the file may be damaged or not audio.")
    assert blocker.args[0].startswith("x.mp3 could not be played")
    assert player.state is PlayerState.Error


def test_set_duration_signals_changes_only(qtbot: QtBot, player: FakePlayer) -> None:
    with qtbot.waitSignal(player.duration_changed) as blocker:
        player.set_duration(12_000)
    assert blocker.args == [12_000]
    with qtbot.assertNotEmitted(player.duration_changed):
        player.set_duration(12_000)


@pytest.mark.parametrize(("asked", "kept"), [(0.1, MIN_RATE), (1.25, 1.25), (9.0, MAX_RATE)])
def test_rate_is_clamped(player: FakePlayer, asked: float, kept: float) -> None:
    player.set_rate(asked)
    assert player.rate == kept


def test_nonsense_rate_is_ignored(player: FakePlayer) -> None:
    player.set_rate(float("nan"))
    assert player.rate == 1.0


def test_volume_is_clamped_and_mute_is_separate(player: FakePlayer) -> None:
    player.set_volume(150)
    assert player.volume == 100
    player.set_volume(-3)
    assert player.volume == 0
    player.set_volume(40)
    player.set_muted(True)
    assert player.muted and player.volume == 40


def test_nothing_plays_before_load(qtbot: QtBot) -> None:
    fake = FakePlayer()
    with qtbot.assertNotEmitted(fake.state_changed):
        fake.play()
        fake.seek(1_000)
    assert fake.seeks == []


def test_unload_forgets_the_media(qtbot: QtBot, player: FakePlayer) -> None:
    player.play()
    player.advance(2_000)
    with qtbot.waitSignal(player.position_changed, check_params_cb=lambda ms: ms == 0):
        player.unload()
    assert player.state is PlayerState.Stopped
    assert player.path is None and player.unloads == 1
    player.play()
    assert player.state is PlayerState.Stopped


def test_close_stops(player: FakePlayer) -> None:
    player.play()
    player.close()
    assert player.closed
    assert player.state is PlayerState.Stopped
    assert player.unavailable_reason is None
