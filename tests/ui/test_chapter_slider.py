"""ChapterSlider: tick arithmetic, click-to-seek, drags the player cannot undo, ticks on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from reader.model import Chapter
from ui.chapter_slider import ChapterSlider, tick_positions

DURATION = 100_000
CHAPTERS = [Chapter(0, "Intro"), Chapter(25_000, "Guest"), Chapter(50_000, "Middle"), Chapter(75_000, "Questions")]


@pytest.fixture
def slider(qtbot) -> ChapterSlider:
    widget = ChapterSlider()
    qtbot.addWidget(widget)
    widget.resize(420, 28)
    widget.set_duration(DURATION)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def handle_centre(slider: ChapterSlider) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    return rect.center()


# -- tick_positions (pure) ----------------------------------------------------------
def test_tick_positions_scale_chapter_starts_to_the_groove() -> None:
    assert tick_positions(CHAPTERS[1:], DURATION, 400) == [100, 200, 300]


def test_tick_positions_skip_the_edges_and_outside() -> None:
    chapters = [Chapter(0, "start"), Chapter(-5, "before"), Chapter(DURATION, "end"), Chapter(DURATION + 1, "after")]
    assert tick_positions(chapters, DURATION, 400) == []


def test_tick_positions_round_to_the_nearest_pixel() -> None:
    assert tick_positions([Chapter(1_449, "a"), Chapter(1_551, "b")], 10_000, 10) == [1, 2]


@pytest.mark.parametrize(("duration", "width"), [(0, 400), (-1, 400), (DURATION, 0)])
def test_tick_positions_empty_without_a_duration_or_room(duration: int, width: int) -> None:
    assert tick_positions(CHAPTERS, duration, width) == []


def test_tick_positions_fit_ten_hours_without_overflow() -> None:
    ten_hours = 36_000_000
    assert tick_positions([Chapter(ten_hours - 1, "last")], ten_hours, 2_000) == [2_000]


# -- the widget --------------------------------------------------------------------
def test_set_chapters_places_ticks_in_order_inside_the_widget(slider: ChapterSlider) -> None:
    slider.set_chapters(list(reversed(CHAPTERS)))
    xs = slider.tick_xs()
    assert len(xs) == 3  # the chapter at 0 gets no tick
    assert xs == sorted(xs)
    assert all(0 < x < slider.width() for x in xs)
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=1)
    assert slider.value_at(xs[1]) == pytest.approx(50_000, abs=DURATION // 100)


def test_click_on_groove_jumps_there_instead_of_paging(qtbot, slider: ChapterSlider) -> None:
    x = slider.width() * 3 // 4
    with qtbot.waitSignal(slider.seek_requested) as blocker:
        qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
    assert blocker.args[0] == slider.value() == slider.value_at(x)
    assert blocker.args[0] == pytest.approx(75_000, abs=DURATION * 5 // 100)
    assert blocker.args[0] != slider.pageStep()  # not a page step from 0


def test_position_updates_follow_the_player_when_not_dragging(slider: ChapterSlider) -> None:
    slider.set_position(42_000)
    assert slider.value() == 42_000


def test_drag_is_not_overwritten_by_position_updates(qtbot, slider: ChapterSlider) -> None:
    start = handle_centre(slider)
    target = QPoint(slider.width() * 2 // 3, start.y())
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(slider, target)
    assert slider.isSliderDown()
    dragged = slider.value()
    assert dragged > 50_000
    slider.set_position(1_000)  # a player tick arriving mid-drag
    assert slider.value() == dragged
    with qtbot.waitSignal(slider.seek_requested) as blocker:
        qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [dragged]
    assert not slider.isSliderDown()


def test_dragging_seeks_live_but_throttled(qtbot, slider: ChapterSlider) -> None:
    seeks: list[int] = []
    slider.seek_requested.connect(seeks.append)
    slider.setSliderDown(True)
    for value in (10_000, 20_000, 30_000):
        slider.setSliderPosition(value)
    with qtbot.waitSignal(slider.seek_requested, timeout=10_000):
        pass
    assert seeks == [30_000]  # three moves inside one interval make one seek, to the latest
    slider.setSliderDown(False)
    assert seeks == [30_000, 30_000]  # the release always seeks


def test_tooltip_names_the_chapter_near_a_tick(slider: ChapterSlider) -> None:
    slider.set_chapters(CHAPTERS)
    x = slider.tick_xs()[1]
    assert slider.tooltip_at(x + 2) == "Middle — 00:50"


def test_tooltip_elsewhere_gives_the_time_under_the_mouse(slider: ChapterSlider) -> None:
    slider.set_chapters(CHAPTERS)
    x = (slider.tick_xs()[0] + slider.tick_xs()[1]) // 2  # between two ticks, ~37.5 s
    assert slider.tooltip_at(x) in {"00:36", "00:37", "00:38"}


def test_hours_appear_in_tooltips_for_long_episodes(slider: ChapterSlider) -> None:
    slider.set_duration(2 * 3_600_000)
    slider.set_chapters([Chapter(3_600_000, "Second hour")])
    assert slider.hours()
    assert slider.tooltip_at(slider.tick_xs()[0]) == "Second hour — 1:00:00"


def test_wheel_does_not_move_the_position(slider: ChapterSlider) -> None:
    slider.setValue(40_000)
    centre = QPointF(slider.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(slider.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(slider, wheel)
    assert slider.value() == 40_000


def test_keys_seek_when_the_slider_has_focus(qtbot, slider: ChapterSlider) -> None:
    slider.setValue(40_000)
    with qtbot.waitSignal(slider.seek_requested) as blocker:
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert blocker.args == [40_000 + slider.singleStep()]


def test_ticks_are_painted_over_the_groove(slider: ChapterSlider) -> None:
    slider.setValue(0)  # keep the handle away from the tick
    plain = slider.grab().toImage()
    slider.set_chapters(CHAPTERS)
    ticked = slider.grab().toImage()
    ratio = slider.devicePixelRatioF()
    x, y = round(slider.tick_xs()[1] * ratio), round(slider.height() // 2 * ratio)
    assert ticked.pixelColor(x, y) != plain.pixelColor(x, y)
    between = round((slider.tick_xs()[1] + 20) * ratio)
    assert ticked.pixelColor(between, y) == plain.pixelColor(between, y)  # only the tick changed
