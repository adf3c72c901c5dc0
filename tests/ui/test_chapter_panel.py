"""ChapterListModel on its own, and ChapterPanel: click or Enter to seek, the playing mark, the placeholder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListView, QWidget

from reader.model import Chapter
from ui.chapter_list import PLACEHOLDER, ChapterListModel, ClockRole, CurrentRole, StartMsRole
from ui.chapter_panel import ChapterPanel
from ui.theme import DARK, LIGHT

CHAPTERS = [
    Chapter(0, "Cold open"),
    Chapter(95_000, "Introductions"),
    Chapter(754_000, "How the book started"),
    Chapter(1_325_000, "Research trips and the archive in Lisbon that nobody had opened"),
    Chapter(1_980_500, "Listener questions"),
    Chapter(2_710_000, "The sequel"),
    Chapter(3_120_000, "Recommendations"),
    Chapter(3_640_000, "Goodbyes"),
]


@pytest.fixture
def model(qtmodeltester) -> ChapterListModel:
    model = ChapterListModel()
    model.set_chapters(CHAPTERS)
    return model


def _shown_panel(qtbot, theme=LIGHT) -> tuple[QWidget, ChapterPanel]:
    """Inside a plain window, as in the app's dock: a top-level panel would make
    the offscreen plugin warn about size hints it cannot pass on."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(280, 400)
    widget = ChapterPanel(theme, window)
    widget.resize(280, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, widget


@pytest.fixture
def panel(qtbot) -> Iterator[ChapterPanel]:
    window, widget = _shown_panel(qtbot)
    widget.set_chapters(CHAPTERS)
    yield widget  # the window stays referenced, so Python does not delete it mid-test


def _changed_rows(model: ChapterListModel) -> list[tuple[int, int]]:
    rows: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: rows.append((top.row(), bottom.row())))
    return rows


# -- the model, with no widget --------------------------------------------------------
def test_model_passes_the_model_tester_empty_filled_and_with_a_current_row(qtmodeltester):
    model = ChapterListModel()
    qtmodeltester.check(model)
    model.set_chapters(CHAPTERS)
    qtmodeltester.check(model)
    model.set_current(3)
    qtmodeltester.check(model)
    assert model.rowCount() == len(CHAPTERS)


def test_model_roles_expose_title_start_clock_and_tooltip(model):
    index = model.index(2)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "How the book started"
    assert index.data(StartMsRole) == 754_000
    assert index.data(ClockRole) == "0:12:34"  # hours on every row: the list has an hour-long chapter
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Play from 0:12:34"
    assert index.data(CurrentRole) is False


def test_clocks_have_no_hour_field_when_no_chapter_needs_it():
    model = ChapterListModel()
    model.set_chapters([Chapter(0, "a"), Chapter(754_000, "b")])
    assert [model.index(row).data(ClockRole) for row in range(2)] == ["00:00", "12:34"]


def test_set_current_marks_one_row_bold(model):
    model.set_current(1)
    assert [model.index(row).data(CurrentRole) for row in range(3)] == [False, True, False]
    font = model.index(1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.index(0).data(Qt.ItemDataRole.FontRole) is None


def test_set_current_reports_only_the_old_and_new_rows(model):
    model.set_current(1)
    rows = _changed_rows(model)
    model.set_current(5)
    assert rows == [(1, 1), (5, 5)]


def test_set_current_to_the_same_row_reports_nothing(model, qtbot):
    model.set_current(4)
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_current(4)
    assert model.current() == 4


def test_the_first_current_row_reports_only_itself_and_clearing_only_the_old(model):
    rows = _changed_rows(model)
    model.set_current(0)
    model.set_current(-1)
    model.set_current(99)  # out of range means none, which it already is
    assert rows == [(0, 0), (0, 0)]
    assert model.current() == -1


def test_set_chapters_resets_and_forgets_the_current_row(model, qtbot):
    model.set_current(2)
    with qtbot.waitSignal(model.modelReset):
        model.set_chapters(CHAPTERS[:3])
    assert model.rowCount() == 3
    assert model.current() == -1


# -- the panel ------------------------------------------------------------------------
def test_clicking_a_row_seeks_to_its_chapter(panel, qtbot):
    view = panel.view
    centre = view.visualRect(panel.model.index(2)).center()
    with qtbot.waitSignal(panel.seek_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [754_000]


def test_one_click_seeks_exactly_once(panel, qtbot):
    seeks: list[int] = []
    panel.seek_requested.connect(seeks.append)
    centre = panel.view.visualRect(panel.model.index(4)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert seeks == [1_980_500]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_focused_row_seeks(panel, qtbot, key):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(6))
    with qtbot.waitSignal(panel.seek_requested) as blocker:
        qtbot.keyClick(panel.view, key)
    assert blocker.args == [3_120_000]


def test_clicks_do_not_select_rows(panel, qtbot):
    centre = panel.view.visualRect(panel.model.index(1)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert panel.view.selectionModel().selectedIndexes() == []


def test_placeholder_shows_only_when_there_are_no_chapters(panel):
    assert panel.view.isVisible() and not panel.placeholder.isVisible()
    panel.set_chapters([])
    assert panel.placeholder.isVisible() and not panel.view.isVisible()
    assert panel.placeholder.text() == PLACEHOLDER == "No chapters in this transcript"
    panel.set_chapters(CHAPTERS[:1])
    assert panel.view.isVisible() and not panel.placeholder.isVisible()


def test_a_new_panel_starts_with_the_placeholder(qtbot):
    _window, panel = _shown_panel(qtbot, theme=None)  # None: follow the palette
    assert panel.placeholder.isVisible() and not panel.view.isVisible()


def _visible(panel: ChapterPanel, row: int) -> bool:
    return panel.view.viewport().rect().contains(panel.view.visualRect(panel.model.index(row)))


def test_current_chapter_scrolls_into_view_only_when_hidden(panel):
    many = [Chapter(i * 60_000, f"Part {i}") for i in range(60)]
    panel.set_chapters(many)
    bar = panel.view.verticalScrollBar()
    panel.set_current_chapter(3)
    assert bar.value() == 0  # already visible: no scroll
    panel.set_current_chapter(45)
    assert _visible(panel, 45) and bar.value() > 0
    before = bar.value()
    visible_neighbour = next(row for row in (46, 44, 47, 43) if _visible(panel, row))
    panel.set_current_chapter(visible_neighbour)
    assert bar.value() == before
    assert panel.model.current() == visible_neighbour


def test_clearing_the_current_chapter_keeps_the_scroll(panel):
    panel.set_chapters([Chapter(i * 60_000, f"Part {i}") for i in range(60)])
    panel.set_current_chapter(50)
    before = panel.view.verticalScrollBar().value()
    panel.set_current_chapter(-1)
    assert panel.model.current() == -1
    assert panel.view.verticalScrollBar().value() == before


def test_long_titles_are_elided_and_the_panel_paints(panel):
    panel.set_current_chapter(3)
    row = panel.view.visualRect(panel.model.index(3))  # the list, as it is once the window has painted
    image = panel.grab().toImage()
    assert not image.isNull() and image.width() == 280
    # The playing row carries the accent bar at its left edge.
    accent = image.pixelColor(1, row.center().y()).name()
    assert accent == LIGHT.reading_cursor


# -- the list comes after the window's first paint ---------------------------------------
def test_a_shown_panel_fills_in_its_list_after_the_window_paints_with_nobody_asking(qtbot):
    window, panel = _shown_panel(qtbot)
    panel.set_chapters(CHAPTERS)
    qtbot.waitUntil(lambda: panel.findChild(QListView) is not None)
    shown = panel.findChild(QListView)
    assert shown.isVisible() and shown.model().rowCount() == len(CHAPTERS)


def test_chapters_and_the_playing_one_given_before_the_list_exists_show_in_it(qtbot):
    panel = ChapterPanel(LIGHT)  # never shown: its list is built when first needed
    qtbot.addWidget(panel)
    panel.set_chapters(CHAPTERS)
    panel.set_current_chapter(2)
    assert panel.findChild(QListView) is None
    assert panel.chapters() == CHAPTERS
    assert panel.model.rowCount() == len(CHAPTERS) and panel.model.current() == 2
    assert panel.findChild(QListView) is panel.view


def test_a_click_in_a_list_built_late_still_asks_to_seek(qtbot):
    window, panel = _shown_panel(qtbot)
    panel.set_chapters(CHAPTERS)
    view = panel.view
    with qtbot.waitSignal(panel.seek_requested) as sought:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(panel.model.index(2)).center())
    assert sought.args == [CHAPTERS[2].start_ms]


def test_a_theme_chosen_before_the_list_exists_is_the_one_it_paints_in(qtbot):
    panel = ChapterPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.set_theme(DARK)
    assert DARK.paper in panel.view.styleSheet()


def test_out_of_range_playing_chapter_before_the_list_exists_marks_none(qtbot):
    panel = ChapterPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.set_chapters(CHAPTERS)
    panel.set_current_chapter(99)
    assert panel.model.current() == -1
