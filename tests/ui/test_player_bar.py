"""PlayerBar against the FakePlayer: transport, position, times, speed, volume, availability."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QWidget

from reader.model import Chapter
from ui.player.base import PlayerState
from ui.player.fake import FakePlayer
from ui.player_bar import RATES, PlayerBar, next_rate, rate_label

MINUTE = 60_000
HOUR = 60 * MINUTE


class UnavailableFake(FakePlayer):
    """A player that cannot play, as when libVLC is missing."""

    @property
    def unavailable_reason(self) -> str:
        return "Playback is off because libVLC is not installed."


@pytest.fixture
def player() -> FakePlayer:
    fake = FakePlayer(duration_ms=MINUTE)
    fake.load("episode.mp3")
    return fake


@pytest.fixture
def bar(qtbot, player: FakePlayer) -> Iterator[PlayerBar]:
    """Shown inside a plain window, as in the app: a top-level bar would make the
    offscreen plugin warn about size hints it cannot pass on."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 48)
    widget = PlayerBar(player, window)
    widget.set_enabled_for_media(True)
    widget.resize(900, 48)
    window.show()
    qtbot.waitExposed(window)
    yield widget  # the window stays referenced, so Python does not delete it mid-test


def same_icon(button, pixmap: QStyle.StandardPixmap) -> bool:
    """The same shape as the standard icon at the button's size (its colour follows the theme)."""
    from PySide6.QtGui import QImage

    expected = button.style().standardIcon(pixmap, None, button).pixmap(button.iconSize()).toImage()
    shown = button.icon().pixmap(button.iconSize()).toImage()
    alpha = QImage.Format.Format_Alpha8
    return shown.convertToFormat(alpha) == expected.convertToFormat(alpha)


# -- play / pause -------------------------------------------------------------------
def test_play_button_toggles_state_icon_and_tooltip(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    assert same_icon(bar.play_button, QStyle.StandardPixmap.SP_MediaPlay)
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert player.state is PlayerState.Playing
    assert bar.play_button.toolTip() == "Pause (Space)"
    assert same_icon(bar.play_button, QStyle.StandardPixmap.SP_MediaPause)
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert player.state is PlayerState.Paused
    assert bar.play_button.toolTip() == "Play (Space)"
    assert same_icon(bar.play_button, QStyle.StandardPixmap.SP_MediaPlay)


def test_reaching_the_end_shows_play_again(bar: PlayerBar, player: FakePlayer) -> None:
    player.play()
    player.advance(MINUTE)
    assert player.state is PlayerState.Ended
    assert bar.play_button.toolTip() == "Play (Space)"


# -- skipping -----------------------------------------------------------------------
def test_skips_move_by_fifteen_back_and_thirty_forward(bar: PlayerBar, player: FakePlayer) -> None:
    player.seek(20_000)
    bar.skip_back()
    assert player.position_ms() == 5_000
    bar.skip_forward()
    assert player.position_ms() == 35_000


def test_skip_back_clamps_at_zero(bar: PlayerBar, player: FakePlayer) -> None:
    player.seek(5_000)
    bar.skip_back()
    assert player.seeks[-1] == 0


def test_skip_forward_clamps_at_the_duration(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    player.seek(50_000)
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert player.seeks[-1] == MINUTE


# -- position and times -----------------------------------------------------------------
def test_slider_and_labels_follow_the_position(bar: PlayerBar, player: FakePlayer) -> None:
    player.play()
    player.advance(12_500)
    assert bar.slider.value() == 12_500
    assert bar.elapsed_label.text() == "00:12"
    assert bar.remaining_label.text() == "-00:48"


def test_at_the_end_nothing_remains_and_no_minus_sign_is_shown(bar: PlayerBar, player: FakePlayer) -> None:
    player.seek(MINUTE)
    assert bar.elapsed_label.text() == "01:00"
    assert bar.remaining_label.text() == "00:00"


def test_ticks_inside_one_second_change_nothing(bar: PlayerBar, player: FakePlayer) -> None:
    player.play()
    player.advance(12_100)
    player.advance(50)
    player.advance(50)
    assert player.position_ms() == 12_200
    assert bar.slider.value() == 12_100  # not redrawn until the second changes
    player.advance(900)
    assert bar.slider.value() == 13_100


def test_time_labels_have_a_fixed_width(bar: PlayerBar, player: FakePlayer) -> None:
    before = bar.elapsed_label.width(), bar.remaining_label.width()
    player.seek(59_000)
    assert (bar.elapsed_label.width(), bar.remaining_label.width()) == before
    for label in (bar.elapsed_label, bar.remaining_label):
        assert label.minimumWidth() == label.maximumWidth()
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_hours_are_shown_for_an_episode_of_an_hour_or_more(qtbot) -> None:
    player = FakePlayer(duration_ms=HOUR + 5 * MINUTE)
    player.load("long.mp3")
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    player.seek(12 * MINUTE)
    assert bar.elapsed_label.text() == "0:12:00"
    assert bar.remaining_label.text() == "-0:53:00"


def test_shorter_episodes_have_no_hour_field(bar: PlayerBar, player: FakePlayer) -> None:
    player.set_duration(HOUR - 1_000)
    player.seek(12 * MINUTE)
    assert bar.elapsed_label.text() == "12:00"
    assert bar.remaining_label.text() == "-47:59"
    assert bar.slider.maximum() == HOUR - 1_000


def test_click_on_the_groove_seeks_the_player(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    slider = bar.slider
    x = slider.width() // 4
    with qtbot.waitSignal(player.seeked) as blocker:
        qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
    assert blocker.args[0] == pytest.approx(MINUTE // 4, abs=MINUTE * 5 // 100)
    assert player.position_ms() == blocker.args[0]
    assert bar.elapsed_label.text() == f"00:{blocker.args[0] // 1000:02d}"


def test_dragging_wins_over_position_updates(bar: PlayerBar, player: FakePlayer) -> None:
    player.play()
    slider = bar.slider
    slider.setSliderDown(True)
    slider.setSliderPosition(30_000)
    assert bar.elapsed_label.text() == "00:30"  # the labels preview the drag
    player.advance(2_000)
    assert slider.value() == 30_000
    assert bar.elapsed_label.text() == "00:30"
    slider.setSliderDown(False)
    assert player.seeks[-1] == 30_000
    player.advance(1_000)
    assert bar.elapsed_label.text() == "00:31"


# -- speed ----------------------------------------------------------------------------
def test_speed_up_steps_through_the_rates_and_stops_at_the_top(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    emitted: list[float] = []
    bar.rate_changed.connect(emitted.append)
    for _ in range(len(RATES)):
        bar.speed_up()
    assert emitted == [r for r in RATES if r > 1.0]
    assert player.rate == 3.0
    assert bar.speed_button.text() == "3×"
    with qtbot.assertNotEmitted(bar.rate_changed):
        bar.speed_up()


def test_speed_down_steps_and_stops_at_half_speed(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    with qtbot.waitSignal(bar.rate_changed) as blocker:
        bar.speed_down()
    assert blocker.args == [0.9]
    for _ in range(5):
        bar.speed_down()
    assert player.rate == 0.5
    assert bar.speed_button.text() == "0.5×"
    with qtbot.assertNotEmitted(bar.rate_changed):
        bar.speed_down()


def test_choosing_a_rate_from_the_menu_applies_and_reports_it(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    action = next(a for a in bar.speed_button.menu().actions() if a.text() == "1.25×")
    with qtbot.waitSignal(bar.rate_changed) as blocker:
        action.trigger()
    assert blocker.args == [1.25]
    assert player.rate == 1.25
    assert action.isChecked()


def test_rate_helpers_label_and_step_from_unlisted_rates() -> None:
    assert [rate_label(r) for r in (1.0, 1.25, 0.5, 3.0)] == ["1×", "1.25×", "0.5×", "3×"]
    assert next_rate(1.3, 1) == 1.5
    assert next_rate(1.3, -1) == 1.25


# -- volume -----------------------------------------------------------------------------
def test_volume_slider_reaches_the_player(bar: PlayerBar, player: FakePlayer) -> None:
    bar.volume_slider.setValue(40)
    assert player.volume == 40


def test_mute_button_reaches_the_player_and_swaps_the_icon(qtbot, bar: PlayerBar, player: FakePlayer) -> None:
    qtbot.mouseClick(bar.mute_button, Qt.MouseButton.LeftButton)
    assert player.muted
    assert same_icon(bar.mute_button, QStyle.StandardPixmap.SP_MediaVolumeMuted)
    assert bar.mute_button.toolTip() == "Unmute"
    qtbot.mouseClick(bar.mute_button, Qt.MouseButton.LeftButton)
    assert not player.muted
    assert same_icon(bar.mute_button, QStyle.StandardPixmap.SP_MediaVolume)


def test_moving_the_volume_unmutes(bar: PlayerBar, player: FakePlayer) -> None:
    bar.mute_button.setChecked(True)
    assert player.muted
    bar.volume_slider.setValue(70)
    assert not player.muted
    assert not bar.mute_button.isChecked()


def test_sync_from_player_picks_up_restored_settings(bar: PlayerBar, player: FakePlayer) -> None:
    player.set_rate(1.75)
    player.set_volume(30)
    player.set_muted(True)
    bar.sync_from_player()
    assert bar.speed_button.text() == "1.75×"
    assert bar.volume_slider.value() == 30
    assert bar.mute_button.isChecked()
    assert player.volume == 30 and player.muted  # reading back must not write back


# -- chapters and availability -------------------------------------------------------------
def test_set_chapters_reaches_the_slider(bar: PlayerBar) -> None:
    chapters = [Chapter(0, "Intro"), Chapter(20_000, "Guest"), Chapter(40_000, "Questions")]
    bar.set_chapters(chapters)
    assert bar.slider.chapters() == chapters
    assert len(bar.slider.tick_xs()) == 2


def test_controls_are_disabled_but_visible_without_media(bar: PlayerBar) -> None:
    bar.set_enabled_for_media(False)
    controls = (bar.play_button, bar.back_button, bar.forward_button, bar.slider, bar.speed_button, bar.volume_slider)
    assert all(not c.isEnabled() and c.isVisible() for c in controls)
    bar.set_enabled_for_media(True)
    assert all(c.isEnabled() for c in controls)


def test_a_new_bar_starts_disabled_until_told_there_is_media(qtbot, player: FakePlayer) -> None:
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    assert not bar.play_button.isEnabled()


def test_loading_audio_enables_the_controls(qtbot) -> None:
    player = FakePlayer()
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    player.load("episode.mp3")
    assert bar.play_button.isEnabled()
    assert bar.slider.isEnabled()


def test_unavailable_player_disables_everything_and_says_why(qtbot) -> None:
    player = UnavailableFake()
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    bar.set_enabled_for_media(True)
    assert not bar.play_button.isEnabled()
    assert not bar.slider.isEnabled()
    for widget in (bar, bar.play_button, bar.slider, bar.volume_slider):
        assert widget.toolTip() == player.unavailable_reason


def _drawn_lightness(button) -> list[int]:
    image = button.icon().pixmap(22, 22).toImage()
    colours = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return [c.lightness() for c in colours if c.alpha() > 128]


def test_the_player_icons_follow_a_dark_theme(qtbot, bar):
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette(bar.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        dark.setColor(group, QPalette.ColorRole.Window, QColor("#1e1f22"))
        dark.setColor(group, QPalette.ColorRole.ButtonText, QColor("#e8e6e3"))
    bar.setPalette(dark)
    for button in (bar.play_button, bar.back_button, bar.forward_button, bar.mute_button):
        qtbot.waitUntil(lambda button=button: _lightest_is_light(button))  # tinted once the bar has painted


def _lightest_is_light(button) -> bool:
    drawn = _drawn_lightness(button)
    return bool(drawn) and min(drawn) > 180


def test_the_icons_take_the_theme_colour_once_the_bar_has_painted(qtbot, player):
    """Tinting waits for the first paint, which it would hold up; until then
    the style's own icons show."""
    from PySide6.QtGui import QColor, QPalette

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 48)
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#e8e6e3"))
    window.setPalette(dark)
    bar = PlayerBar(player, window)
    bar.resize(900, 48)
    assert not _lightest_is_light(bar.play_button)
    window.show()
    qtbot.waitUntil(lambda: _lightest_is_light(bar.play_button) and _lightest_is_light(bar.mute_button))
