"""Text from files is shown as written, never as HTML: a hostile transcript
(speaker, title, chapter, note and file name full of tags) is opened, and
every label, tooltip, item tooltip and menu entry of the window is checked."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLabel, QMenu

from reader.search import LibrarySearch
from ui.app import build_window
from ui.plain_text import TOOLTIP_START, might_be_rich_text

LINK = "<a href='file:///etc/passwd'>Click me</a>"
IMAGE = "<img src='file:///etc/hostname'>"


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "<b>shows<b>"
    folder.mkdir()
    path = folder / "<i>ep<i> & <img src=x>.json"
    segments = [
        {"speaker": LINK, "startTime": 0.0, "endTime": 4.0, "body": f"Hello {IMAGE} there."},
        {"speaker": "<b>Ben</b>", "startTime": 4.0, "endTime": 9.0, "body": "Fine <u>and</u> dandy."},
    ]
    path.write_text(json.dumps({"version": "1.0.0", "segments": segments}), encoding="utf-8")
    return path


@pytest.fixture
def hwindow(qtbot, player, settings, store, hostile):
    search = LibrarySearch(store)
    win = build_window(player=player, settings=settings, store=store, search=search)
    qtbot.addWidget(win)
    win.show()
    assert win.open_transcript(hostile)
    qtbot.waitUntil(lambda: search.indexed_fingerprint(win.session.episode.id) is not None, timeout=5_000)
    cursor = win.view.textCursor()
    cursor.setPosition(win.view.transcript_document.map.position_of(0, 0))
    cursor.setPosition(win.view.transcript_document.map.position_of(0, 5), cursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)
    h = win.keeping.highlight_selection()
    win.highlights_panel.note_edited.emit("highlight", h.id, f"{LINK} noted")
    win.status.show(f"Opened {hostile} ({LINK}).")
    yield win
    search.close()


def _is_plain(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.PlainText or not might_be_rich_text(label.text())


def _tooltip_is_safe(tip: str | None) -> bool:
    return not tip or not might_be_rich_text(tip) or tip.startswith(TOOLTIP_START) or tip.startswith("<p>")


def _item_tooltips(view: QAbstractItemView):
    model = view.model()
    if model is None:
        return

    def walk(parent: QModelIndex):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                yield index.data(Qt.ItemDataRole.ToolTipRole)
                yield from walk(index)

    yield from walk(QModelIndex())


def _walk(root) -> list[str]:
    """Every place under ``root`` where HTML from the file would be rendered."""
    problems = []
    for widget in [root, *root.findChildren(QLabel), *root.findChildren(QAbstractItemView), *root.findChildren(QMenu)]:
        if isinstance(widget, QLabel) and not _is_plain(widget):
            problems.append(f"label {widget.objectName() or widget}: {widget.text()!r}")
        if not _tooltip_is_safe(widget.toolTip()):
            problems.append(f"tooltip of {widget}: {widget.toolTip()!r}")
        if isinstance(widget, QAbstractItemView):
            problems += [f"item tooltip {tip!r}" for tip in _item_tooltips(widget) if not _tooltip_is_safe(tip)]
    from PySide6.QtGui import QAction

    for action in root.findChildren(QAction):
        if not _tooltip_is_safe(action.toolTip()):
            problems.append(f"action tooltip {action.toolTip()!r}")
    return problems


def test_every_label_and_tooltip_of_the_window_shows_hostile_text_as_text(hwindow):
    hwindow.recent_menu.aboutToShow.emit()  # the Recent menu lists the hostile file
    assert "Click me" in hwindow.view.toPlainText()
    assert _walk(hwindow) == []
    assert LINK in hwindow.status.text and hwindow.status.label.textFormat() == Qt.TextFormat.PlainText


def test_a_file_name_with_an_ampersand_shows_it_in_the_recent_menu(hwindow, hostile):
    hwindow.recent_menu.aboutToShow.emit()
    [entry] = [a for a in hwindow.recent_menu.actions() if "ep" in a.text()]
    assert entry.text().startswith("<i>ep<i> && ")  # "&&" shows as one "&", not as a shortcut


def test_the_library_and_search_dialogs_show_hostile_rows_as_text(hwindow, store):
    from ui.library_dialog import LibraryDialog
    from ui.search_dialog import LibrarySearchDialog

    library = LibraryDialog(hwindow)
    library.set_summaries(store.episodes())
    library.show()
    assert _walk(library) == []
    search = LibrarySearchDialog(lambda query: hwindow.session.search.search(query, prefix_last=True), hwindow)
    search.show()
    search.field.setText("hello")
    search.run_search()
    assert search.results.model().rowCount() >= 1  # the hostile turn is listed
    assert _walk(search) == []


def test_renaming_a_speaker_named_like_a_link_shows_the_name_not_a_link(hwindow, monkeypatch):

    seen = []

    def exec_(dialog):
        seen.append([(label.text(), label.textFormat()) for label in dialog.findChildren(QLabel)])
        if len(seen) == 1:
            dialog.setTextValue(dialog.comboBoxItems()[0])
            return 1
        return 0

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    hwindow.keep_menu.rename_speaker()
    assert len(seen) == 2
    [(text, text_format)] = [pair for pair in seen[1] if "New name" in pair[0]]
    assert text == f"New name for {LINK}:" and text_format == Qt.TextFormat.PlainText


def test_the_walk_finds_a_label_left_to_guess(hwindow):
    """The walk must catch a label that would render the file's HTML, or it proves nothing."""
    careless = QLabel(LINK, hwindow)
    assert _walk(hwindow) == [f"label {careless}: {LINK!r}"]
