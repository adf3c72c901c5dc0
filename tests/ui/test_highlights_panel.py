"""KeptItemsModel on its own, and HighlightsPanel: order, renames, notes edited in
place, clicks, keys, the context menu, refreshes that keep the reader's place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView, QWidget

from reader.keep import COLOURS, Anchor, Bookmark, Highlight
from ui.highlight_delegate import NoteEditor, bar_colour, wrap_lines
from ui.highlights_panel import (
    BOOKMARK,
    DETACHED_TOOLTIP,
    HIGHLIGHT,
    PLACEHOLDER,
    ClockRole,
    ColourRole,
    DetachedRole,
    HighlightsPanel,
    IdRole,
    KeptItemsModel,
    KindRole,
    NoteRole,
    SpeakersRole,
    StartMsRole,
    count_text,
)
from ui.theme import DARK, LIGHT

STAMP = "2026-11-03T10:00:00.000Z"
RENAMES = {"Speaker 1": "Dean Ball", "Speaker 2": "Ana Lima"}


def hl(
    hid: int,
    ms: int,
    quote: str,
    speakers=("Speaker 1",),
    colour="yellow",
    note="",
    detached=False,
    turn=None,
    offset=0,
):
    turn = hid if turn is None else turn
    anchor = Anchor(turn, offset, turn, offset + len(quote), quote, "", "", ms, ms + 4_000)
    return Highlight(hid, 1, anchor, tuple(speakers), colour, note, STAMP, STAMP, detached)


def bm(bid: int, ms: int, note: str = "") -> Bookmark:
    return Bookmark(bid, 1, ms, note, STAMP)


def speaker_name(name: str | None) -> str | None:
    return None if name is None else RENAMES.get(name, name)


# Given out of order on purpose: the model sorts.
HIGHLIGHTS = [
    hl(3, 754_000, "Policy is writing things down clearly.", colour="blue", note="For the newsletter"),
    hl(1, 95_000, "Export controls only work if everyone plays along.", note="Core argument"),
    hl(9, 1_500_000, "We changed the approach after the pilot.", ("Speaker 2",), note="Cut?", detached=True),
    hl(2, 312_000, "Compute is the new oil.", ("Speaker 2",), colour="green"),
    hl(
        4,
        1_325_000,
        "Nobody had opened that archive.\nThe first box was mislabelled.",
        ("Speaker 2", "Speaker 1"),
        "pink",
    ),
    hl(5, 1_980_500, "Incentives, not intelligence.", colour="orange"),
    hl(6, 2_710_000, "The sequel was harder.", ("Speaker 2",)),
    hl(7, 3_120_000, "Read fewer books, but twice.", colour="green", note="Yes"),
    hl(8, 3_640_000, "Thanks for having me.", ("Speaker 2",), colour="blue"),
]
BOOKMARKS = [bm(2, 2_400_000), bm(1, 600_000, "Great bit about tariffs")]
ORDER = [
    (HIGHLIGHT, 1),
    (HIGHLIGHT, 2),
    (BOOKMARK, 1),
    (HIGHLIGHT, 3),
    (HIGHLIGHT, 4),
    (HIGHLIGHT, 5),
    (BOOKMARK, 2),
    (HIGHLIGHT, 6),
    (HIGHLIGHT, 7),
    (HIGHLIGHT, 8),
    (HIGHLIGHT, 9),
]


def keys(model: KeptItemsModel) -> list[tuple[str, int]]:
    return [model.key(row) for row in range(model.rowCount())]


@pytest.fixture
def model() -> KeptItemsModel:
    model = KeptItemsModel()
    model.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    return model


def _shown_panel(qtbot, height: int = 700) -> tuple[QWidget, HighlightsPanel]:
    """Inside a plain window, as in the app's dock (a shown top-level panel
    makes the offscreen plugin warn about size hints)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(340, height)
    panel = HighlightsPanel(LIGHT, window)
    panel.resize(340, height)
    window.show()
    qtbot.waitExposed(window)
    return window, panel


@pytest.fixture
def shown(qtbot) -> tuple[QWidget, HighlightsPanel]:
    window, panel = _shown_panel(qtbot)
    panel.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    return window, panel


@pytest.fixture
def panel(shown) -> HighlightsPanel:
    return shown[1]  # the fixture keeps the window referenced


def index_of(panel: HighlightsPanel, kind: str, item_id: int) -> QModelIndex:
    return panel.model.index(panel.model.row_of(kind, item_id))


def click(qtbot, panel: HighlightsPanel, index: QModelIndex) -> None:
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())


def action(actions, text: str):
    return next(a for a in actions if a.text() == text)


# -- the model, with no widget --------------------------------------------------------
def test_model_passes_the_model_tester_through_its_life(qtmodeltester):
    model = KeptItemsModel()
    qtmodeltester.check(model)
    model.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    qtmodeltester.check(model)
    assert model.setData(model.index(0), "A new note", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(2), "Bookmark note", Qt.ItemDataRole.EditRole)
    qtmodeltester.check(model)
    model.set_items(HIGHLIGHTS[:3], [], speaker_name)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_rows_are_in_time_order_with_bookmarks_merged_and_detached_last(model):
    assert keys(model) == ORDER
    times = [model.index(row).data(StartMsRole) for row in range(model.rowCount() - 1)]
    assert times == sorted(times)
    assert model.index(model.rowCount() - 1).data(DetachedRole) is True


def test_highlights_in_one_turn_with_one_time_keep_their_text_order():
    model = KeptItemsModel()
    model.set_items(
        [hl(1, 60_000, "later words", turn=4, offset=50), hl(2, 60_000, "earlier words", turn=4, offset=3)], []
    )
    assert keys(model) == [(HIGHLIGHT, 2), (HIGHLIGHT, 1)]


def test_a_highlight_comes_before_a_bookmark_at_the_same_time():
    model = KeptItemsModel()
    model.set_items([hl(1, 60_000, "words")], [bm(1, 60_000)])
    assert keys(model) == [(HIGHLIGHT, 1), (BOOKMARK, 1)]


def test_renames_are_applied_joined_and_not_repeated(model):
    assert index_of_model(model, HIGHLIGHT, 1).data(SpeakersRole) == "Dean Ball"
    assert index_of_model(model, HIGHLIGHT, 4).data(SpeakersRole) == "Ana Lima & Dean Ball"
    both_one_person = KeptItemsModel()
    both_one_person.set_items([hl(1, 0, "q", ("A", "B"))], [], lambda name: "Same Person")
    assert both_one_person.index(0).data(SpeakersRole) == "Same Person"


def test_without_a_rename_function_the_transcript_names_show(qtmodeltester):
    model = KeptItemsModel()
    model.set_items([hl(1, 0, "q", ("Speaker 1",))], [])
    assert model.index(0).data(SpeakersRole) == "Speaker 1"


def index_of_model(model: KeptItemsModel, kind: str, item_id: int) -> QModelIndex:
    return model.index(model.row_of(kind, item_id))


def test_roles_of_a_highlight(model):
    index = index_of_model(model, HIGHLIGHT, 3)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Policy is writing things down clearly."
    assert index.data(KindRole) == HIGHLIGHT and index.data(IdRole) == 3
    assert index.data(StartMsRole) == 754_000
    assert index.data(ClockRole) == "0:12:34"  # one hour-long item gives every row an hour field
    assert index.data(ColourRole) == "blue"
    assert index.data(NoteRole) == index.data(Qt.ItemDataRole.EditRole) == "For the newsletter"
    assert index.data(DetachedRole) is False
    assert "Policy is writing things down clearly." in index.data(Qt.ItemDataRole.ToolTipRole)
    assert DETACHED_TOOLTIP not in index.data(Qt.ItemDataRole.ToolTipRole)


def test_roles_of_bookmarks_show_the_note_or_the_word_bookmark(model):
    with_note, without = index_of_model(model, BOOKMARK, 1), index_of_model(model, BOOKMARK, 2)
    assert with_note.data(Qt.ItemDataRole.DisplayRole) == "Great bit about tariffs"
    assert without.data(Qt.ItemDataRole.DisplayRole) == "Bookmark"
    assert with_note.data(ColourRole) is None and with_note.data(SpeakersRole) == ""
    assert with_note.data(StartMsRole) == 600_000 and with_note.data(KindRole) == BOOKMARK


def test_detached_rows_say_why_in_their_tooltip(model):
    tooltip = index_of_model(model, HIGHLIGHT, 9).data(Qt.ItemDataRole.ToolTipRole)
    assert DETACHED_TOOLTIP in tooltip
    assert DETACHED_TOOLTIP == (
        "The transcript changed and this quote could not be found again; it is kept here with its note."
    )


def test_rows_are_editable_for_the_note(model):
    flags = model.flags(model.index(0))
    assert flags & Qt.ItemFlag.ItemIsEditable and flags & Qt.ItemFlag.ItemIsSelectable


def test_set_data_shows_the_note_and_asks_for_it_to_be_saved(model, qtbot):
    index = index_of_model(model, BOOKMARK, 2)
    with qtbot.waitSignal(model.note_edited) as blocker, qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, "  Listen again  ", Qt.ItemDataRole.EditRole)
    assert blocker.args == [BOOKMARK, 2, "Listen again"]
    assert index.data(NoteRole) == "Listen again"
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Listen again"


def test_set_data_with_the_same_note_or_another_role_asks_for_nothing(model, qtbot):
    index = index_of_model(model, HIGHLIGHT, 1)
    with qtbot.assertNotEmitted(model.note_edited):
        assert model.setData(index, "Core argument ", Qt.ItemDataRole.EditRole)
        assert not model.setData(index, "x", Qt.ItemDataRole.DisplayRole)
        assert not model.setData(index, 42, Qt.ItemDataRole.EditRole)
    assert index.data(NoteRole) == "Core argument"


def test_refreshing_the_same_items_updates_rows_without_a_reset(model, qtbot):
    recoloured = [h._replace(colour="pink") if h.id == 1 else h for h in HIGHLIGHTS]
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_items(recoloured, BOOKMARKS, speaker_name)
    assert index_of_model(model, HIGHLIGHT, 1).data(ColourRole) == "pink"


def test_refreshing_reports_only_the_rows_that_changed(model):
    ranges: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: ranges.append((top.row(), bottom.row())))
    changed = {1: "pink", 2: "blue", 7: "pink"}  # rows 0, 1 and 8
    model.set_items([h._replace(colour=changed.get(h.id, h.colour)) for h in HIGHLIGHTS], BOOKMARKS, speaker_name)
    assert ranges == [(0, 1), (8, 8)]


def test_refreshing_with_new_items_resets(model, qtbot):
    with qtbot.waitSignal(model.modelReset):
        model.set_items(HIGHLIGHTS, [*BOOKMARKS, bm(3, 10)], speaker_name)
    assert keys(model)[0] == (BOOKMARK, 3)


def test_an_identical_refresh_reports_nothing(model, qtbot):
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_items(list(HIGHLIGHTS), list(BOOKMARKS), speaker_name)
    assert model.rowCount() == len(ORDER)


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        ((12, 3, 0), "12 highlights · 3 bookmarks"),
        ((1, 1, 0), "1 highlight · 1 bookmark"),
        ((9, 0, 1), "9 highlights (1 detached)"),
        ((0, 2, 0), "2 bookmarks"),
        ((0, 0, 0), ""),
    ],
)
def test_count_text(counts, text):
    assert count_text(*counts) == text


def test_wrap_lines_stops_at_the_limit_and_elides(qapp):
    from PySide6.QtGui import QFont

    lines = wrap_lines("word " * 200, QFont(), 150, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert wrap_lines("one\n\n two ", QFont(), 150, 3) == ["one", "two"]


# -- the panel: what it shows ---------------------------------------------------------------
def test_header_counts_items_and_placeholder_shows_when_empty(qtbot):
    _window, panel = _shown_panel(qtbot)
    assert panel.placeholder.isVisible() and not panel.view.isVisible()
    assert (
        panel.placeholder.text()
        == PLACEHOLDER
        == ("Select text and press H to highlight it. Press B to bookmark the moment you are hearing.")
    )
    panel.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    assert panel.view.isVisible() and panel.header.isVisible() and not panel.placeholder.isVisible()
    assert panel.header.text() == "9 highlights (1 detached) · 2 bookmarks"
    panel.set_items([], [])
    assert panel.placeholder.isVisible() and not panel.view.isVisible()


def test_rows_paint_a_bar_in_their_colour(panel):
    view = panel.view  # the list is built once the window has painted, or when first used
    image = panel.grab().toImage()
    for kind, item_id in ((HIGHLIGHT, 2), (HIGHLIGHT, 5)):
        rect = view.visualRect(index_of(panel, kind, item_id))
        point = panel.view.viewport().mapTo(panel, rect.center())
        colour = image.pixelColor(panel.view.viewport().mapTo(panel, rect.topLeft()).x() + 7, point.y())
        expected = bar_colour(panel.model.item(panel.model.row_of(kind, item_id)).colour, False)
        assert colour.name() == expected.name()


def test_a_selected_row_without_a_note_grows_for_the_hint(panel):
    index = index_of(panel, HIGHLIGHT, 2)
    before = panel.view.visualRect(index).height()
    panel.select_item(HIGHLIGHT, 2)
    panel.view.doItemsLayout()
    assert panel.view.visualRect(index).height() > before


# -- the panel: clicks and keys ---------------------------------------------------------------
def test_a_click_asks_to_go_there_once(panel, qtbot):
    seen: list[tuple] = []
    panel.item_activated.connect(lambda *args: seen.append(args))
    click(qtbot, panel, index_of(panel, HIGHLIGHT, 3))
    click(qtbot, panel, index_of(panel, BOOKMARK, 1))
    assert seen == [(HIGHLIGHT, 3, 754_000), (BOOKMARK, 1, 600_000)]
    assert panel.selected_item() == (BOOKMARK, 1)


def test_space_asks_to_go_to_the_current_row(panel, qtbot):
    panel.select_item(HIGHLIGHT, 7)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.item_activated) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    assert blocker.args == [HIGHLIGHT, 7, 3_120_000]


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_key_asks_to_delete_the_selected_row(panel, qtbot, key):
    panel.select_item(BOOKMARK, 2)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.delete_requested) as blocker:
        qtbot.keyClick(panel.view, key)
    assert blocker.args == [BOOKMARK, 2]
    assert panel.model.row_of(BOOKMARK, 2) >= 0  # asking is all the panel does


def test_select_item_selects_without_asking_to_go_there(panel, qtbot):
    with qtbot.assertNotEmitted(panel.item_activated):
        assert panel.select_item(HIGHLIGHT, 8)
    assert panel.selected_item() == (HIGHLIGHT, 8)
    assert not panel.select_item(HIGHLIGHT, 999)
    assert panel.selected_item() == (HIGHLIGHT, 8)


# -- the panel: notes edited in place -------------------------------------------------------------
def _editor(panel: HighlightsPanel) -> NoteEditor:
    editor = panel.delegate.editor()
    assert isinstance(editor, NoteEditor) and editor.isVisible()
    return editor


def _save(editor, qtbot):
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_edit_note_types_and_ctrl_enter_saves(panel, qtbot):
    assert panel.edit_note(HIGHLIGHT, 6)
    editor = _editor(panel)
    qtbot.keyClicks(editor, "Harder because known")
    with qtbot.waitSignal(panel.note_edited) as blocker:
        _save(editor, qtbot)
    assert blocker.args == [HIGHLIGHT, 6, "Harder because known"]
    assert index_of(panel, HIGHLIGHT, 6).data(NoteRole) == "Harder because known"
    assert panel.delegate.editor() is None


def test_edit_note_starts_from_the_current_note(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 7)
    editor = _editor(panel)
    assert editor.toPlainText() == "Yes"
    qtbot.keyClicks(editor, ", twice")
    with qtbot.waitSignal(panel.note_edited) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [HIGHLIGHT, 7, "Yes, twice"]


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier])
def test_enter_starts_a_new_line_in_the_note(panel, qtbot, modifier):
    """A note is written in lines: Enter never closes it."""
    panel.edit_note(BOOKMARK, 2)
    editor = _editor(panel)
    qtbot.keyClicks(editor, "one")
    with qtbot.assertNotEmitted(panel.note_edited):
        qtbot.keyClick(editor, Qt.Key.Key_Return, modifier)
    qtbot.keyClicks(editor, "two")
    assert panel.delegate.editor() is editor
    with qtbot.waitSignal(panel.note_edited) as blocker:
        _save(editor, qtbot)
    assert blocker.args == [BOOKMARK, 2, "one\ntwo"]


def test_escape_without_typing_cancels_without_asking(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 1)
    asked = []
    panel.delegate.confirm_discard = lambda parent: asked.append(parent) or True
    with qtbot.assertNotEmitted(panel.note_edited):
        qtbot.keyClick(_editor(panel), Qt.Key.Key_Escape)
    assert asked == []
    assert panel.delegate.editor() is None


@pytest.mark.parametrize("discard", [False, True])
def test_escape_after_typing_asks_before_throwing_the_text_away(panel, qtbot, discard):
    panel.edit_note(HIGHLIGHT, 1)
    editor = _editor(panel)
    qtbot.keyClicks(editor, " and more")
    panel.delegate.confirm_discard = lambda parent: discard
    with qtbot.assertNotEmitted(panel.note_edited):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    if discard:
        assert panel.delegate.editor() is None
        assert index_of(panel, HIGHLIGHT, 1).data(NoteRole) == "Core argument"
    else:
        assert panel.delegate.editor() is editor
        assert editor.toPlainText() == "Core argument and more"


def test_clicking_another_row_saves_the_note(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 2)
    qtbot.keyClicks(_editor(panel), "oil")
    with qtbot.waitSignal(panel.note_edited) as blocker:
        panel.select_item(HIGHLIGHT, 8)
    assert blocker.args == [HIGHLIGHT, 2, "oil"]


@pytest.mark.parametrize("key", [Qt.Key.Key_F2, Qt.Key.Key_Return])
def test_f2_and_enter_open_the_editor(panel, qtbot, key):
    panel.select_item(HIGHLIGHT, 3)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, key)
    assert _editor(panel).toPlainText() == "For the newsletter"
    assert panel.delegate.is_editing(index_of(panel, HIGHLIGHT, 3))


def test_double_click_opens_the_editor(panel, qtbot):
    index = index_of(panel, HIGHLIGHT, 5)
    centre = panel.view.visualRect(index).center()
    # A real double click is press, release, double-click, release; QTest's
    # mouseDClick sends only the double-click, which the view takes for a press.
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert panel.delegate.is_editing(index_of(panel, HIGHLIGHT, 5))
    assert _editor(panel).toPlainText() == ""


def test_edit_note_on_a_missing_item_does_nothing(panel):
    assert not panel.edit_note(BOOKMARK, 42)
    assert panel.delegate.editor() is None


# -- the panel: the context menu --------------------------------------------------------------
def test_context_menu_of_a_highlight(panel):
    texts = [a.text() for a in panel.context_actions(index_of(panel, HIGHLIGHT, 3)) if not a.isSeparator()]
    assert texts == [
        "Edit Note",
        *("Yellow", "Green", "Blue", "Pink", "Orange"),
        *("Play Highlight", "Export Clip…"),
        *("Copy Quote", "Delete"),
    ]


def test_play_and_export_clip_ask_for_them(panel, qtbot):
    actions = panel.context_actions(index_of(panel, HIGHLIGHT, 4))
    with qtbot.waitSignal(panel.play_requested) as played:
        action(actions, "Play Highlight").trigger()
    with qtbot.waitSignal(panel.clip_requested) as clipped:
        action(actions, "Export Clip…").trigger()
    assert played.args == clipped.args == [HIGHLIGHT, 4]


def test_colour_choices_have_swatches_and_the_current_one_checked(panel):
    actions = [a for a in panel.context_actions(index_of(panel, HIGHLIGHT, 3)) if a.isCheckable()]
    assert [a.data() for a in actions] == list(COLOURS)
    assert [a.isChecked() for a in actions] == [name == "blue" for name in COLOURS]
    assert all(not a.icon().isNull() for a in actions)


def test_choosing_a_colour_asks_for_it(panel, qtbot):
    actions = panel.context_actions(index_of(panel, HIGHLIGHT, 3))
    with qtbot.waitSignal(panel.colour_changed) as blocker:
        action(actions, "Orange").trigger()
    assert blocker.args == [3, "orange"]


def test_choosing_the_current_colour_asks_nothing(panel, qtbot):
    actions = panel.context_actions(index_of(panel, HIGHLIGHT, 3))
    with qtbot.assertNotEmitted(panel.colour_changed):
        action(actions, "Blue").trigger()
    assert action(actions, "Blue").isChecked()


def test_copy_and_delete_ask_for_them(panel, qtbot):
    actions = panel.context_actions(index_of(panel, HIGHLIGHT, 4))
    with qtbot.waitSignal(panel.copy_requested) as copied:
        action(actions, "Copy Quote").trigger()
    with qtbot.waitSignal(panel.delete_requested) as deleted:
        action(actions, "Delete").trigger()
    assert copied.args == [HIGHLIGHT, 4] and deleted.args == [HIGHLIGHT, 4]


def test_edit_note_action_opens_the_editor(panel):
    action(panel.context_actions(index_of(panel, BOOKMARK, 1)), "Edit Note").trigger()
    assert panel.delegate.is_editing(index_of(panel, BOOKMARK, 1))
    assert _editor(panel).toPlainText() == "Great bit about tariffs"


def test_bookmarks_have_no_colours_and_copy_their_note(panel, qtbot):
    actions = panel.context_actions(index_of(panel, BOOKMARK, 1))
    assert not any(a.isCheckable() for a in actions)
    assert [a.text() for a in actions if not a.isSeparator()] == ["Edit Note", "Export Clip…", "Copy Note", "Delete"]
    with qtbot.waitSignal(panel.copy_requested) as blocker:
        action(actions, "Copy Note").trigger()
    assert blocker.args == [BOOKMARK, 1]
    assert not action(panel.context_actions(index_of(panel, BOOKMARK, 2)), "Copy Note").isEnabled()


def test_no_actions_off_the_rows(panel):
    assert panel.context_actions(QModelIndex()) == []


# -- the panel: refreshes keep the reader's place ----------------------------------------------------------
def _many(count: int) -> list[Highlight]:
    return [
        hl(i, i * 30_000, f"Quote number {i}, long enough to wrap onto a second line here.")
        for i in range(1, count + 1)
    ]


def test_a_refresh_with_the_same_items_keeps_selection_and_scroll(qtbot):
    _window, panel = _shown_panel(qtbot, height=300)
    items = _many(40)
    panel.set_items(items, [])
    panel.select_item(HIGHLIGHT, 25)
    bar = panel.view.verticalScrollBar()
    assert bar.value() > 0
    before = bar.value()
    panel.set_items([h._replace(colour="green") for h in items], [])
    assert bar.value() == before
    assert panel.selected_item() == (HIGHLIGHT, 25)


def test_a_refresh_with_a_new_item_keeps_selection_and_scroll(qtbot):
    _window, panel = _shown_panel(qtbot, height=300)
    items = _many(40)
    panel.set_items(items, [])
    panel.select_item(HIGHLIGHT, 25)
    before = panel.view.verticalScrollBar().value()
    panel.set_items(items, [bm(1, 2_000_000)])  # after the selected row: nothing above it moves
    assert panel.selected_item() == (HIGHLIGHT, 25)
    assert panel.view.verticalScrollBar().value() == before


def test_a_refresh_while_typing_a_note_keeps_the_draft(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 2)
    qtbot.keyClicks(_editor(panel), "half a thought")
    with qtbot.assertNotEmitted(panel.note_edited):
        panel.set_items(HIGHLIGHTS, [*BOOKMARKS, bm(3, 5_000)], speaker_name)
    assert panel.delegate.is_editing(index_of(panel, HIGHLIGHT, 2))
    assert _editor(panel).toPlainText() == "half a thought"
    panel.set_items(
        [h._replace(colour="pink") if h.id == 2 else h for h in HIGHLIGHTS], [*BOOKMARKS, bm(3, 5_000)], speaker_name
    )  # and its own row changing later does not replace it either
    assert _editor(panel).toPlainText() == "half a thought"


def test_a_refresh_with_the_same_items_leaves_the_editor_alone(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 2)
    editor = _editor(panel)
    qtbot.keyClicks(editor, "typing")
    panel.set_items([h._replace(colour="pink") for h in HIGHLIGHTS], BOOKMARKS, speaker_name)
    assert panel.delegate.editor() is editor and editor.toPlainText() == "typing"


def test_recolouring_the_row_being_edited_keeps_the_draft(panel, qtbot):
    panel.edit_note(HIGHLIGHT, 2)
    qtbot.keyClicks(_editor(panel), "draft")
    panel.set_items([h._replace(colour="pink") if h.id == 2 else h for h in HIGHLIGHTS], BOOKMARKS, speaker_name)
    assert index_of(panel, HIGHLIGHT, 2).data(ColourRole) == "pink"
    assert _editor(panel).toPlainText() == "draft"


# -- the list comes after the window's first paint ---------------------------------------
def test_a_shown_panel_fills_in_its_list_after_the_window_paints_with_nobody_asking(qtbot):
    _window, panel = _shown_panel(qtbot)
    panel.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    qtbot.waitUntil(lambda: panel.findChild(QListView) is not None)
    shown = panel.findChild(QListView)
    assert shown.isVisible() and shown.model().rowCount() == len(HIGHLIGHTS) + len(BOOKMARKS)


def test_items_and_a_theme_given_before_the_list_exists_show_in_it(qtbot):
    panel = HighlightsPanel(LIGHT)  # never shown: its list is built when first needed
    qtbot.addWidget(panel)
    panel.set_items(HIGHLIGHTS, BOOKMARKS, speaker_name)
    panel.set_theme(DARK)
    assert panel.findChild(QListView) is None
    assert panel.selected_item() is None
    assert panel.header.text() == count_text(*panel.model.counts())
    assert panel.select_item(HIGHLIGHT, 2) and panel.selected_item() == (HIGHLIGHT, 2)
    assert panel.findChild(QListView) is panel.view
    assert DARK.paper in panel.view.styleSheet()
