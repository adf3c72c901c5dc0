"""The library search dialog: debounced typing, bold matches over escaped text,
error sentences, and opening a result with Enter or a double-click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reader.importer import parse_text
from reader.search import MARK_END, MARK_START, RESULTS_SHOWN, LibrarySearch, SearchHit
from reader.store import Store
from ui.search_dialog import HtmlRole, LibrarySearchDialog, snippet_html

GARDENS = (
    "Gardens Weekly\n\nTranscript\n"
    "00:00:00 Cara Diaz: The régime of watering matters more than the soil.\n"
    "00:01:05 Dev Shah: I keep a notebook of every seed <b>x</b> I plant.\n"
)


@pytest.fixture
def library(tmp_path):
    """A real library with one episode; yields (search callable, episode id, calls made)."""
    store = Store.open(tmp_path / "data")
    searcher = LibrarySearch(store)
    transcript = parse_text(GARDENS, "gardens.txt")
    episode, _changed = store.open_episode(transcript, str(tmp_path / "gardens.txt"))
    searcher.index_episode(episode.id, transcript)
    calls: list[str] = []

    def search(query: str) -> list[SearchHit]:
        calls.append(query)
        return searcher.search(query, prefix_last=True)

    yield search, episode.id, calls
    store.close()


@pytest.fixture
def dialog(qtbot, library):
    search, _episode_id, _calls = library
    shown = LibrarySearchDialog(search)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def bold_fragments(rich: str) -> list[str]:
    """The text QTextDocument renders bold, and nothing else."""
    document = QTextDocument()
    document.setHtml(rich)
    bold = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().fontWeight() > 500:
                bold.append(fragment.text())
            iterator += 1
        block = block.next()
    return bold


def plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def test_typing_shows_results_with_the_match_bold_and_markup_literal(qtbot, dialog, library):
    _search, _episode_id, calls = library
    qtbot.keyClicks(dialog.field, "notebook")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert calls[-1] == "notebook" and len(calls) < len("notebook")  # debounced, not one search per key
    rich = dialog.model.index(0).data(HtmlRole)
    assert "notebook" in bold_fragments(rich)
    assert "<b>x</b>" in plain(rich)  # the transcript's markup is shown, not rendered
    assert "x" not in bold_fragments(rich)
    assert "Gardens Weekly · Dev Shah · 01:05" in plain(rich)
    assert dialog.status.text() == "1 result"


def test_a_search_that_stops_at_its_limit_does_not_claim_that_is_all(qtbot, tmp_path):
    many = "Weekly\n\nTranscript\n" + "".join(
        f"00:{minute:02d}:00 Cara Diaz: The garden in month {minute}.\n" for minute in range(60)
    )
    store = Store.open(tmp_path / "many")
    searcher = LibrarySearch(store)
    transcript = parse_text(many, "many.txt")
    episode, _changed = store.open_episode(transcript, str(tmp_path / "many.txt"))
    searcher.index_episode(episode.id, transcript)
    shown = LibrarySearchDialog(lambda query: searcher.search(query, prefix_last=True))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.keyClicks(shown.field, "garden")
    qtbot.waitUntil(lambda: shown.model.rowCount() == RESULTS_SHOWN)
    qtbot.waitUntil(lambda: shown.status.text() != "Searching…")
    assert shown.status.text() == f"The first {RESULTS_SHOWN} results are shown; add a word to narrow the search."
    store.close()


def test_accents_and_a_prefix_while_typing(qtbot, dialog):
    qtbot.keyClicks(dialog.field, "regim")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert bold_fragments(dialog.model.index(0).data(HtmlRole))[1:] == ["régime"]


def test_no_results_and_a_cleared_field(qtbot, dialog):
    qtbot.keyClicks(dialog.field, "zebra")
    qtbot.waitUntil(lambda: dialog.status.text() == "No results")
    dialog.field.clear()
    qtbot.waitUntil(lambda: dialog.status.text() == "")
    assert dialog.model.rowCount() == 0


def test_a_lone_quote_shows_the_sentence(qtbot, dialog):
    qtbot.keyClicks(dialog.field, "notebook")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtbot.keyClicks(dialog.field, ' "')
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Unbalanced quote"))
    assert dialog.status.text() == 'Unbalanced quote: close the phrase with a second " or remove it.'
    assert dialog.model.rowCount() == 0


def test_enter_opens_the_first_result_and_closes(qtbot, dialog, library):
    _search, episode_id, _calls = library
    qtbot.keyClicks(dialog.field, "notebook")
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # before the debounce: searches at once
    assert opened.args == [episode_id, 1, 65_000, False]
    assert not dialog.isVisible() and dialog.result() == LibrarySearchDialog.DialogCode.Accepted


def test_down_then_enter_opens_the_second_result(qtbot, dialog, library):
    _search, episode_id, _calls = library
    qtbot.keyClicks(dialog.field, "of")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    first = dialog.model.hit(0)
    second = dialog.model.hit(1)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert (
        opened.args
        == [episode_id, second.turn, second.start_ms, False]
        != [episode_id, first.turn, first.start_ms, False]
    )


def test_double_click_opens_that_result(qtbot, dialog, library):
    _search, episode_id, _calls = library
    qtbot.keyClicks(dialog.field, "soil")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    centre = dialog.results.visualRect(dialog.model.index(0)).center()
    qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a real double-click starts so
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.mouseDClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [episode_id, 0, 0, False]


def test_a_note_without_turn_opens_with_none(qtbot):
    hit = SearchHit(7, "Show", "bookmark", None, None, 42_000, f"a {MARK_START}zebra{MARK_END}", 0.0, 3)
    dialog = LibrarySearchDialog(lambda _query: [hit])
    qtbot.addWidget(dialog)
    dialog.field.setText("zebra")
    with qtbot.waitSignal(dialog.open_requested) as opened:
        dialog.field.returnPressed.emit()
    assert opened.args == [7, None, 42_000, False]
    assert "Bookmark note" in plain(dialog.model.index(0).data(HtmlRole))


@pytest.mark.parametrize(
    ("snippet", "rich"),
    [
        (f"a {MARK_START}b{MARK_END} c", "a <b>b</b> c"),
        (f"<i>{MARK_START}&{MARK_END}</i>", "&lt;i&gt;<b>&amp;</b>&lt;/i&gt;"),
        (f"{MARK_START}open", "<b>open</b>"),  # unclosed: closed
        (f"x{MARK_END} y", "x y"),  # stray end: dropped
    ],
)
def test_snippets_are_escaped_before_marks_become_bold(snippet, rich):
    assert snippet_html(snippet) == rich


def test_results_model_passes_the_model_tester_empty_filled_and_refilled(qtmodeltester):
    from ui.search_dialog import SearchResultsModel

    def hit(turn: int, snippet: str) -> SearchHit:
        return SearchHit(1, "Gardens Weekly", "turn", turn, "Cara Diaz", turn * 1_000, snippet, 0.0, None)

    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_hits([hit(0, f"the {MARK_START}soil{MARK_END}"), hit(3, "a <b>seed</b>")])
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and "soil" in model.index(0).data()
    model.set_hits([hit(5, "watering")])
    qtmodeltester.check(model)
    assert model.rowCount() == 1
