"""The find bar: live marks, stepping with Enter and F3, accents, and leaving the reader's place alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

import ui.find_bar
from reader.importer import parse_text
from ui.find_bar import FindBar
from ui.theme import LIGHT
from ui.transcript_view import TranscriptView

CAFE_TURNS = (3, 100, 180)


def _transcript(turns: int = 200, special: dict[int, str] | None = None):
    special = special if special is not None else {3: "un Café noir", 100: "le cafe\u0301 du coin", 180: "CAFÉ crème"}
    lines = ["Transcript"]
    for i in range(turns):
        speaker = ("Ana Lima", "Ben Okoro")[i % 2]
        words = " ".join(f"word{i}x{j}" for j in range(30))
        lines.append(f"{i // 60:02d}:{i % 60:02d}:00 {speaker}: {words} {special.get(i, '')}".rstrip())
    return parse_text("\n".join(lines))


@pytest.fixture
def view_and_bar(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    view = TranscriptView()
    bar = FindBar(view)
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(bar)
    layout.addWidget(view, 1)
    parent.resize(800, 600)
    parent.show()
    qtbot.waitExposed(parent)
    view.show_transcript(_transcript())
    yield view, bar
    parent.close()  # and it lived until here: the view and the bar are its children


def _type(qtbot, bar: FindBar, query: str, count: str) -> None:
    bar.open()
    if query.isascii():
        qtbot.keyClicks(bar.field, query)
    else:
        bar.field.insert(query)  # QTest can only type ASCII
    qtbot.waitUntil(lambda: bar.count.text() == count)


def _marks(view: TranscriptView) -> list[tuple[str, str]]:
    """(marked text, colour) of each find mark."""
    return [(m.cursor.selectedText(), m.format.background().color().name()) for m in view.extraSelections()]


def _top_of_view(view: TranscriptView) -> int:
    """The document position at the top of the view. (The scroll bar's value is
    no measure of it: it counts lines, and lines above grow as they are laid out.)"""
    return view.cursorForPosition(QPoint(0, 0)).position()


def _current_turn_of_mark(view: TranscriptView) -> int:
    current = QColor(LIGHT.find_current).name()
    [mark] = [m for m in view.extraSelections() if m.format.background().color().name() == current]
    return view.transcript_document.map.turn_at(mark.cursor.selectionStart())


def test_the_field_is_made_when_the_bar_first_opens_and_f3_before_it_does_nothing(qtbot, view_and_bar):
    """Most readers never search: the start-up does not wait for the bar's field."""
    view, bar = view_and_bar
    assert bar.findChildren(QLineEdit) == []
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert bar.findChildren(QLineEdit) == [] and _marks(view) == []
    bar.open()
    assert bar.findChildren(QLineEdit) == [bar.field] and bar.field.hasFocus()


def test_typing_marks_every_match_and_shows_the_count(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    assert [text for text, _colour in _marks(view)] == ["Café", "cafe\u0301", "CAFÉ"]
    current, other = QColor(LIGHT.find_current).name(), QColor(LIGHT.find_match).name()
    assert [colour for _text, colour in _marks(view)] == [current, other, other]


def test_enter_and_shift_enter_step_through_matches_and_wrap(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "café", "1 of 3")
    seen = []
    for _ in range(3):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        seen.append((bar.count.text(), _current_turn_of_mark(view)))
    assert seen == [("2 of 3", 100), ("3 of 3", 180), ("1 of 3", 3)]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert (bar.count.text(), _current_turn_of_mark(view)) == ("3 of 3", 180)


def test_f3_and_shift_f3_step_too_even_from_the_transcript(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == "2 of 3"
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 3"


def test_the_current_match_is_scrolled_into_view(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.transcript_document.map.position_of(100, 0))
    assert 0 <= view.cursorRect(cursor).top() < view.viewport().height()


def test_accents_in_the_text_or_the_query_are_ignored(qtbot, view_and_bar):
    view, bar = view_and_bar
    view.show_transcript(_transcript(special={5: "mon résumé", 9: "Straße"}))
    bar.reset()
    _type(qtbot, bar, "RESUME", "1 of 1")
    assert _marks(view)[0][0] == "résumé"
    bar.field.clear()
    qtbot.keyClicks(bar.field, "strasse")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1")
    assert _marks(view)[0][0] == "Straße"


def test_searching_pauses_following_playback(qtbot, view_and_bar):
    view, bar = view_and_bar
    assert view.following
    with qtbot.waitSignal(view.following_changed) as blocker:
        _type(qtbot, bar, "cafe", "1 of 3")
    assert blocker.args == [False]
    assert not view.following


def test_the_first_match_is_the_first_one_after_the_top_of_the_view(qtbot, view_and_bar):
    view, bar = view_and_bar
    view.pause_following()
    view.show_turn_text(120)
    _type(qtbot, bar, "cafe", "3 of 3")
    assert _current_turn_of_mark(view) == 180


def test_escape_clears_the_marks_and_leaves_the_view_where_it_was(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    top = _top_of_view(view)
    assert view.transcript_document.map.turn_at(top) > 50
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert view.extraSelections() == []
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: view.height() == view.parentWidget().height())  # the bar's room went to the view
    assert _top_of_view(view) == top
    assert not view.following  # "Back to playback" is still the way back


def test_escape_in_the_transcript_closes_the_open_bar(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.extraSelections() == []


def test_a_short_selection_becomes_the_query_and_its_match_is_current(qtbot, view_and_bar):
    view, bar = view_and_bar
    view.finish_building()
    start = view.transcript_document.map.position_of(
        100, view.transcript_document.transcript.turns[100].text.index("cafe")
    )
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    bar.open()
    assert bar.field.text() == "cafe\u0301"
    assert bar.field.selectedText() == bar.field.text()  # typing replaces it
    qtbot.waitUntil(lambda: bar.count.text() == "2 of 3")
    assert _current_turn_of_mark(view) == 100


def test_reopening_keeps_the_query_selected_and_does_not_move_the_view(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    bar.close_bar()
    top = _top_of_view(view)
    bar.open()
    assert bar.isVisible()
    assert bar.field.selectedText() == "cafe"
    assert bar.count.text() == ""
    assert view.extraSelections() == []
    assert _top_of_view(view) == top


def test_a_query_can_be_handed_in_and_is_searched_even_when_unchanged(qtbot, view_and_bar):
    view, bar = view_and_bar
    bar.open("cafe")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    bar.close_bar()
    bar.open("cafe")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    assert len(view.extraSelections()) == 3


def test_a_long_or_multi_line_selection_is_not_offered(qtbot, view_and_bar):
    view, bar = view_and_bar
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.transcript_document.map.position_of(0, 0))
    cursor.setPosition(view.transcript_document.map.position_of(1, 5), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    bar.open()
    assert bar.field.text() == ""


def test_no_match_says_so_and_marks_nothing(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "zebra", "No matches")
    assert view.extraSelections() == []


def test_clearing_the_field_clears_the_marks_and_the_count(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    bar.field.clear()
    assert bar.count.text() == ""
    assert view.extraSelections() == []


def test_enter_before_the_pause_in_typing_searches_at_once(qtbot, view_and_bar):
    view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.field, "cafe")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 3"  # that search picked the match; Enter did not skip it
    assert len(view.extraSelections()) == 3


def test_many_matches_are_counted_in_full_but_only_some_are_marked(qtbot, view_and_bar, monkeypatch):
    view, bar = view_and_bar
    monkeypatch.setattr(ui.find_bar, "MAX_MARKS", 10)
    _type(qtbot, bar, "word1", "1 of 3,330")  # word1x*, word1?x* and word1??x*: 111 turns x 30
    assert len(view.extraSelections()) == 10
    for _ in range(20):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "21 of 3,330"
    assert len(view.extraSelections()) in (10, 11)  # and the current one, if it is not among them
    assert QColor(LIGHT.find_current).name() in [colour for _text, colour in _marks(view)]


def test_scrolling_marks_the_matches_at_the_new_place(qtbot, view_and_bar, monkeypatch):
    view, bar = view_and_bar
    monkeypatch.setattr(ui.find_bar, "MAX_MARKS", 12)
    _type(qtbot, bar, "word1", "1 of 3,330")
    view.show_turn_text(150)  # as if the reader scrolled there
    top_turn = view.transcript_document.map.turn_at(_top_of_view(view))
    assert top_turn > 100
    qtbot.waitUntil(lambda: top_turn in _marked_turns(view))
    assert _marked_turns(view)[0] == 1  # the current match stays marked, wherever it is
    assert all(top_turn - 5 <= turn <= top_turn + 10 for turn in _marked_turns(view)[1:])
    assert bar.count.text() == "1 of 3,330"  # scrolling is not stepping


def _marked_turns(view: TranscriptView) -> list[int]:
    return sorted(view.transcript_document.map.turn_at(m.cursor.selectionStart()) for m in view.extraSelections())


def test_a_rebuilt_transcript_is_not_marked_with_old_positions(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    view.show_transcript(view.transcript_document.transcript)  # as after renaming a speaker
    view.verticalScrollBar().setValue(5)
    qtbot.waitUntil(lambda: bar.count.text() == "")
    assert view.extraSelections() == []
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert [text for text, _colour in _marks(view)] == ["Café", "café", "CAFÉ"]


def test_a_new_transcript_drops_the_old_matches(qtbot, view_and_bar):
    view, bar = view_and_bar
    _type(qtbot, bar, "cafe", "1 of 3")
    view.show_transcript(_transcript(turns=20, special={7: "café"}))
    bar.reset()
    assert bar.count.text() == ""
    assert bar.field.text() == "cafe"  # kept: Enter searches the new transcript
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 1"
    assert _current_turn_of_mark(view) == 7


def test_find_starts_where_the_reader_is_not_where_playback_is(qtbot, tmp_path):
    """Playing near the start, scrolled further on: the first match is the one
    after the top of the visible text, and playback marks do not move it."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.player.fake import FakePlayer
    from ui.settings import AppSettings

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(FakePlayer(duration_ms=200 * 60_000), settings)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    window.view.show_transcript(_transcript(special={turn: "needle" for turn in (5, 40, 170, 190)}))
    window.view.mark_playback(2, 120_000)
    window.view.pause_following()
    window.view.show_turn_text(165)
    window.view.mark_playback(3, 180_000)  # playback goes on near the start
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar.field, "needle")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "3 of 4")
    assert _current_turn_of_mark(window.view) == 170


def test_a_search_below_the_last_match_says_it_went_on_from_the_start(qtbot, view_and_bar):
    view, bar = view_and_bar
    view.pause_following()
    view.show_turn_text(190)
    _type(qtbot, bar, "cafe", "1 of 3, from the start")
    assert _current_turn_of_mark(view) == 3
    bar.find_next()
    assert bar.count.text() == "2 of 3"
