"""LibraryModel on its own (columns, human dates, real-value sorting, the filter),
and LibraryDialog: opening, and what it says about a transcript that has moved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QWidget

from reader.keep import Episode
from reader.store import EpisodeSummary
from ui.library_dialog import (
    AUDIO_MISSING,
    FILES,
    FILES_OK,
    HIGHLIGHTS,
    LAST_OPENED,
    NO_AUDIO,
    TITLE,
    TRANSCRIPT_MISSING,
    EpisodeIdRole,
    LibraryDialog,
    LibraryModel,
    LibraryProxyModel,
    SortRole,
    human_opened,
    kept_phrase,
    missing_sentence,
    parse_opened,
    short_path,
)

NOW = datetime(2026, 11, 20, 16, 30).astimezone()


def stamp(moment: datetime) -> str:
    """As the store writes it: UTC, ISO 8601, milliseconds, Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def summary(eid, title, opened, highlights=0, bookmarks=0, transcript=True, audio="a.mp3", audio_ok=True, path=None):
    episode = Episode(
        eid,
        f"fp{eid}",
        title,
        path or f"/podcasts/{eid}/ep.md",
        audio and f"/podcasts/{eid}/{audio}",
        0,
        opened if opened is None or isinstance(opened, str) else stamp(opened),
        {},
    )
    return EpisodeSummary(episode, highlights, bookmarks, transcript, audio_ok)


SUMMARIES = [
    summary(1, "Dean Ball on AI policy", NOW.replace(hour=14, minute=3), 12, 3),
    summary(2, "The Lisbon archive", NOW - timedelta(days=1), 4, audio=None),
    summary(3, "Export controls, explained", NOW - timedelta(days=3), 7, 1, audio_ok=False),
    summary(
        4,
        "Reading fewer books",
        datetime(2026, 11, 3, 9, 0).astimezone(),
        4,
        2,
        transcript=False,
        path="/media/usb/reading/ep.md",
    ),
    summary(5, "State capacity", datetime(2026, 10, 11, 12, 0).astimezone(), 0),
    summary(6, "listener questions", datetime(2025, 10, 16, 12, 0).astimezone(), 2, 5),
]


@pytest.fixture
def model() -> LibraryModel:
    model = LibraryModel(now=lambda: NOW)
    model.set_summaries(SUMMARIES)
    return model


@pytest.fixture
def proxy(model) -> LibraryProxyModel:
    proxy = LibraryProxyModel()
    proxy.setSourceModel(model)
    return proxy


def column(model, col: int) -> list:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def ids(model) -> list[int]:
    return [model.index(row, TITLE).data(EpisodeIdRole) for row in range(model.rowCount())]


# -- the model, with no widget --------------------------------------------------------
def test_model_and_proxy_pass_the_model_tester(qtmodeltester):
    model = LibraryModel(now=lambda: NOW)
    qtmodeltester.check(model)
    model.set_summaries(SUMMARIES)
    qtmodeltester.check(model)
    proxy = LibraryProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(LAST_OPENED, Qt.SortOrder.DescendingOrder)
    proxy.setFilterFixedString("e")
    qtmodeltester.check(proxy)
    assert model.columnCount() == 4 and model.rowCount() == 6


def test_headers():
    model = LibraryModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Highlights", "Last opened", "Files"]


def test_columns_show_title_count_when_and_files(model):
    assert column(model, TITLE)[:2] == ["Dean Ball on AI policy", "The Lisbon archive"]
    assert column(model, HIGHLIGHTS) == [12, 4, 7, 4, 0, 2]
    assert column(model, LAST_OPENED) == [
        "today 14:03",
        "yesterday",
        "17 Nov 2026",
        "3 Nov 2026",
        "11 Oct 2026",
        "16 Oct 2025",
    ]
    assert column(model, FILES) == [FILES_OK, NO_AUDIO, AUDIO_MISSING, TRANSCRIPT_MISSING, FILES_OK, FILES_OK]
    assert [FILES_OK, NO_AUDIO, AUDIO_MISSING, TRANSCRIPT_MISSING] == [
        "OK",
        "No audio",
        "Audio missing",
        "Transcript missing",
    ]


def test_highlight_tooltip_counts_bookmarks_too(model):
    assert model.index(0, HIGHLIGHTS).data(Qt.ItemDataRole.ToolTipRole) == "12 highlights, 3 bookmarks"
    assert model.index(2, HIGHLIGHTS).data(Qt.ItemDataRole.ToolTipRole) == "7 highlights, 1 bookmark"


def test_missing_transcript_rows_are_greyed_with_the_last_known_path(model):
    missing, present = model.index(3, TITLE), model.index(0, TITLE)
    assert "/media/usb/reading/ep.md" in missing.data(Qt.ItemDataRole.ToolTipRole)
    assert "/media/usb/reading/ep.md" in model.index(3, FILES).data(Qt.ItemDataRole.ToolTipRole)
    grey = missing.data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.alpha() < 255
    assert present.data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_title_falls_back_to_the_file_name():
    model = LibraryModel(now=lambda: NOW)
    model.set_summaries([summary(1, "", NOW, path="/podcasts/ep-42-interview.md")])
    assert model.index(0, TITLE).data() == "ep-42-interview"


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (NOW.replace(hour=0, minute=5), "today 00:05"),
        (NOW.replace(hour=23, minute=59), "today 23:59"),
        ((NOW - timedelta(days=1)).replace(hour=0, minute=1), "yesterday"),
        ((NOW - timedelta(days=2)).replace(hour=23, minute=59), "18 Nov 2026"),
        (datetime(2026, 1, 3, 8, 0).astimezone(), "3 Jan 2026"),
        (None, "never"),
    ],
)
def test_human_opened(moment, text):
    assert human_opened(moment, NOW) == text


def test_parse_opened_reads_the_store_stamp_as_local_time():
    local = datetime(2026, 11, 20, 14, 3).astimezone()
    assert parse_opened(stamp(local)) == local
    assert parse_opened(None) is None and parse_opened("") is None and parse_opened("last week") is None


def test_sorting_by_last_opened_uses_the_real_time(proxy):
    proxy.sort(LAST_OPENED, Qt.SortOrder.AscendingOrder)
    assert ids(proxy) == [6, 5, 4, 3, 2, 1]  # text order would put "yesterday" last
    proxy.sort(LAST_OPENED, Qt.SortOrder.DescendingOrder)
    assert ids(proxy) == [1, 2, 3, 4, 5, 6]


def test_never_opened_sorts_oldest(model, proxy):
    model.set_summaries([*SUMMARIES, summary(7, "New", None)])
    proxy.sort(LAST_OPENED, Qt.SortOrder.AscendingOrder)
    assert ids(proxy)[0] == 7 and proxy.index(0, LAST_OPENED).data() == "never"


def test_sorting_by_title_ignores_case_and_by_highlights_is_numeric(proxy):
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, TITLE) == sorted(column(proxy, TITLE), key=str.casefold)
    assert ids(proxy)[2] == 6  # "listener questions" among the L's, not after "The"
    proxy.sort(HIGHLIGHTS, Qt.SortOrder.DescendingOrder)
    assert column(proxy, HIGHLIGHTS) == [12, 7, 4, 4, 2, 0]
    assert proxy.index(0, HIGHLIGHTS).data(SortRole) == 12


def test_filter_keeps_titles_containing_the_text_in_any_case(proxy):
    proxy.setFilterFixedString("LISBON")
    assert ids(proxy) == [2]
    proxy.setFilterFixedString("e")
    assert set(ids(proxy)) == {1, 2, 3, 4, 5, 6}
    proxy.setFilterFixedString("policy")
    assert ids(proxy) == [1]
    proxy.setFilterFixedString("14:03")  # other columns are not searched
    assert ids(proxy) == []


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        ((4, 0), "its 4 highlights are kept"),
        ((1, 0), "its 1 highlight is kept"),
        ((0, 1), "its 1 bookmark is kept"),
        ((4, 2), "its 4 highlights and 2 bookmarks are kept"),
        ((0, 0), ""),
    ],
)
def test_kept_phrase(counts, text):
    assert kept_phrase(*counts) == text


def test_missing_sentence():
    assert missing_sentence(summary(1, "t", NOW, 4, transcript=False, path="/x/ep.md")) == (
        "/x/ep.md is missing; its 4 highlights are kept. Move it back or open it from its new place."
    )
    assert missing_sentence(summary(1, "t", NOW, transcript=False, path="/x/ep.md")) == (
        "/x/ep.md is missing. Move it back or open it from its new place."
    )


def test_short_path_keeps_the_file_and_elides_the_middle():
    long = "/media/usb/Podcasts/Dwarkesh/2026/November/dean-ball-on-ai-policy/transcript-final.md"
    assert short_path(long) == "/media/…/November/dean-ball-on-ai-policy/transcript-final.md"
    assert short_path("/x/ep.md") == "/x/ep.md"


# -- the dialog ------------------------------------------------------------------------
@pytest.fixture
def dialog(qtbot) -> LibraryDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = LibraryDialog(parent, now=lambda: NOW)
    dialog.set_summaries(SUMMARIES)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog._test_parent = parent  # keep the parent alive for the test
    return dialog


def select(dialog: LibraryDialog, episode_id: int) -> QModelIndex:
    index = dialog.proxy.mapFromSource(dialog.model.index(dialog.model.row_of(episode_id), TITLE))
    dialog.table.setCurrentIndex(index)
    return index


def test_dialog_starts_on_the_most_recent_episode(dialog):
    assert dialog.windowTitle() == "Library"
    assert {b.text() for b in dialog.buttons.buttons()} == {"Open", "Close"}  # order is the platform's
    assert ids(dialog.proxy) == [1, 2, 3, 4, 5, 6]  # last opened first
    assert dialog.selected_episode_id() == 1
    assert dialog.open_button.isEnabled() and dialog.status.text() == ""


def test_a_missing_transcript_disables_open_and_says_its_highlights_are_kept(dialog):
    select(dialog, 4)
    assert not dialog.open_button.isEnabled()
    assert dialog.status.text() == (
        "/media/usb/reading/ep.md is missing; its 4 highlights and 2 bookmarks are kept. "
        "Move it back or open it from its new place."
    )
    select(dialog, 5)
    assert dialog.open_button.isEnabled() and dialog.status.text() == ""


def test_missing_audio_is_mentioned_but_does_not_stop_opening(dialog):
    select(dialog, 3)
    assert dialog.open_button.isEnabled()
    assert dialog.status.text() == "The audio /podcasts/3/a.mp3 is missing; the transcript opens without it."


def test_double_click_opens_and_closes(dialog, qtbot):
    index = select(dialog, 2)
    centre = dialog.table.visualRect(index).center()
    with qtbot.waitSignal(dialog.open_requested) as blocker:
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [2]
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted


def test_double_click_on_a_missing_transcript_does_nothing(dialog, qtbot):
    centre = dialog.table.visualRect(select(dialog, 4)).center()
    with qtbot.assertNotEmitted(dialog.open_requested):
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert dialog.isVisible()


def test_enter_in_the_table_opens_once(dialog, qtbot):
    select(dialog, 5)
    dialog.table.setFocus()
    opened: list[int] = []
    dialog.open_requested.connect(opened.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [5] and not dialog.isVisible()


def test_typing_a_filter_then_enter_opens_the_match(dialog, qtbot):
    dialog.filter_box.setFocus()
    qtbot.keyClicks(dialog.filter_box, "lisb")
    assert ids(dialog.proxy) == [2] and dialog.selected_episode_id() == 2
    with qtbot.waitSignal(dialog.open_requested) as blocker:
        qtbot.keyClick(dialog.filter_box, Qt.Key.Key_Return)
    assert blocker.args == [2]


def test_open_button_opens_the_selection(dialog, qtbot):
    select(dialog, 6)
    with qtbot.waitSignal(dialog.open_requested) as blocker:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [6]


def test_close_button_closes_without_opening(dialog, qtbot):
    with qtbot.assertNotEmitted(dialog.open_requested):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_filter_with_no_match_says_so_and_disables_open(dialog, qtbot):
    qtbot.keyClicks(dialog.filter_box, "zzz")
    assert dialog.proxy.rowCount() == 0
    assert not dialog.open_button.isEnabled()
    assert dialog.status.text() == "No titles contain “zzz”."
    dialog.filter_box.clear()
    assert dialog.proxy.rowCount() == 6 and dialog.open_button.isEnabled()


def test_filtering_keeps_the_selection_when_it_still_matches(dialog, qtbot):
    select(dialog, 3)
    qtbot.keyClicks(dialog.filter_box, "ex")
    assert dialog.selected_episode_id() == 3


def test_set_summaries_keeps_the_selected_episode(dialog):
    select(dialog, 4)
    dialog.set_summaries(list(reversed(SUMMARIES)))
    assert dialog.selected_episode_id() == 4 and not dialog.open_button.isEnabled()


def test_an_empty_library_says_what_will_appear(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = LibraryDialog(parent)
    dialog.set_summaries([])
    assert not dialog.open_button.isEnabled()
    assert dialog.status.text() == "No episodes yet: transcripts you open are listed here with their highlights."


def test_the_sort_arrow_points_down_over_a_newest_first_list(qtbot):
    """Qt tells styles "SortUp" for a descending column; the library draws what
    a "SortDown" would look like, the arrow readers expect over newest-first."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionHeader

    from ui.library_dialog import SortArrowStyle

    def draw(style, indicator):
        image = QImage(16, 16, QImage.Format.Format_ARGB32)
        image.fill(0)
        option = QStyleOptionHeader()
        option.rect = QRect(0, 0, 16, 16)
        option.sortIndicator = indicator
        painter = QPainter(image)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, option, painter)
        painter.end()
        return image

    up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
    plain = QApplication.style()
    assert draw(plain, up) != draw(plain, down)  # the style draws two different arrows
    assert draw(SortArrowStyle(), up) == draw(plain, down)
