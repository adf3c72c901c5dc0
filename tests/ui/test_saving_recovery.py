"""When the library is held up, or an item was changed in another window, the
reader loses nothing and sees one sentence; undo and redo never raise.

Failures are real: another connection holding the write lock, and another
Store (as another copy of the app) deleting a highlight. pytest-qt fails a
test on any exception raised inside a Qt slot or undo command.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from reader.store import Store
from ui import pending_dialog
from ui.app import build_window


@pytest.fixture
def lock(store, hold_write_lock):
    """Another program holding the library's write lock; call it to let go."""
    return hold_write_lock(store.path)


def _highlight(window, turn=1, start=0, end=6):
    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(turn, start))
    cursor.setPosition(doc_map.position_of(turn, end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    return window.keeping.highlight_selection()


def _delete_elsewhere(store, highlight_id):
    other = Store.open(store.path.parent)
    other.delete_highlight(highlight_id)
    other.close()


def test_a_locked_library_keeps_the_highlight_on_screen_and_saves_it_when_free(kwindow, store, lock):
    h = _highlight(kwindow)
    assert h is not None and kwindow.highlights_panel.model.rowCount() == 1
    assert kwindow.status.text.startswith("Saving is held up because ")
    assert "locked by another program" in kwindow.status.text
    kwindow.highlights_panel.note_edited.emit("highlight", h.id, "typed while locked")
    assert kwindow.session.pending_changes == 2
    assert store.highlights(kwindow.session.episode.id) == []
    lock()
    assert kwindow.session.retry_saving()
    assert kwindow.status.text == "All your changes are saved now."
    [saved] = store.highlights(kwindow.session.episode.id)
    assert (saved.anchor.quote, saved.note) == ("Thanks", "typed while locked")
    assert [x.id for x in kwindow.session.highlights] == [saved.id]


def test_saving_is_never_switched_off_a_later_highlight_saves_normally(kwindow, store, lock):
    _highlight(kwindow)
    lock()
    kwindow.session.retry_saving()
    _highlight(kwindow, turn=3, start=0, end=6)
    assert kwindow.status.text == "Highlight saved. Press N to add a note."
    assert len(store.highlights(kwindow.session.episode.id)) == 2


def test_delete_and_undo_while_locked_never_raise_and_end_as_the_reader_left_them(kwindow, store, lock):
    h = _highlight(kwindow)
    kwindow.keeping.delete_item("highlight", h.id)
    kwindow.keeping.undo_stack.undo()
    kwindow.keeping.undo_stack.redo()
    kwindow.keeping.undo_stack.undo()
    assert [x.anchor.quote for x in kwindow.session.highlights] == ["Thanks"]
    lock()
    assert kwindow.session.retry_saving()
    assert [x.anchor.quote for x in store.highlights(kwindow.session.episode.id)] == ["Thanks"]


def test_a_note_on_a_highlight_deleted_in_another_window_keeps_the_note(kwindow, store):
    h = _highlight(kwindow)
    _delete_elsewhere(store, h.id)
    kwindow.highlights_panel.note_edited.emit("highlight", h.id, "my thought")
    assert kwindow.status.text == (
        "That highlight had been deleted in another window; it is kept again here, with your note."
    )
    [saved] = store.highlights(kwindow.session.episode.id)
    assert saved.note == "my thought"


def test_a_colour_for_a_highlight_deleted_elsewhere_says_so_and_removes_it_here(kwindow, store):
    h = _highlight(kwindow)
    _delete_elsewhere(store, h.id)
    kwindow.highlights_panel.colour_changed.emit(h.id, "blue")
    assert kwindow.status.text == "That highlight was deleted in another window, so it is gone here too."
    assert kwindow.session.highlights == [] and kwindow.highlights_panel.model.rowCount() == 0


def test_deleting_a_highlight_deleted_elsewhere_then_undo_brings_it_back(kwindow, store):
    h = _highlight(kwindow)
    _delete_elsewhere(store, h.id)
    kwindow.highlights_panel.delete_requested.emit("highlight", h.id)
    assert kwindow.session.highlights == []
    assert kwindow.keeping.undo_stack.count() == 1
    kwindow.keeping.undo_stack.undo()
    assert [x.id for x in store.highlights(kwindow.session.episode.id)] == [h.id]
    assert kwindow.status.text == "Highlight restored."


def test_opening_an_episode_while_locked_keeps_highlights_until_the_library_is_free(
    qtbot, player, settings, store, episode, lock
):
    win = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(win)
    win.show()
    assert win.open_transcript(episode[0])
    assert win.keeping.can_save
    _highlight(win)
    assert "Saving is held up" in win.status.text
    lock()
    assert win.session.retry_saving()
    [summary] = store.episodes()
    assert win.session.episode.id == summary.episode.id
    assert [h.anchor.quote for h in store.highlights(summary.episode.id)] == ["Thanks"]


@pytest.mark.parametrize(("choice", "stays_open"), [(pending_dialog.STAY, True), (pending_dialog.QUIT, False)])
def test_quitting_with_changes_not_saved_asks_first(kwindow, lock, monkeypatch, choice, stays_open):
    _highlight(kwindow)
    asked = []

    def ask(_parent, count, reason):
        asked.append((count, reason))
        return choice

    monkeypatch.setattr(pending_dialog, "ask_about_pending", ask)
    kwindow.close()
    assert asked and asked[0][0] == 1 and "locked by another program" in asked[0][1]
    assert kwindow.isVisible() is stays_open


def test_quitting_can_export_what_is_not_saved(kwindow, lock, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    h = _highlight(kwindow)
    kwindow.highlights_panel.note_edited.emit("highlight", h.id, "unsaved thought")
    out = tmp_path / "kept.md"
    monkeypatch.setattr(pending_dialog, "ask_about_pending", lambda *_: pending_dialog.EXPORT)
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: offered.append(a[2]) or (str(out), ""))
    kwindow.close()
    assert not kwindow.isVisible()
    [suggested] = offered  # beside the transcript, named after the episode, not in the folder the app started from
    assert Path(suggested).parent == Path(kwindow.session.path).resolve().parent
    assert Path(suggested).suffix == ".md" and "/" not in Path(suggested).name
    text = out.read_text(encoding="utf-8")
    assert "Thanks" in text and "unsaved thought" in text


def test_a_library_that_cannot_be_opened_at_start_is_tried_again_and_nothing_typed_is_lost(
    qtbot, player, settings, episode, tmp_path
):
    """Saving is held up, not switched off: a highlight made meanwhile is kept
    in memory, and written when the library can be opened at last."""
    from ui.app import attach_library, open_library
    from ui.library_opening import LibraryOpening
    from ui.timers import FakeTimers

    data_dir = tmp_path / "data"
    data_dir.write_text("a file where the library's folder should be")
    window = build_window(player=player, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_transcript(episode[0])
    timers = FakeTimers()
    opening = LibraryOpening(lambda: open_library(data_dir), window, timer=timers)
    opening.opened.connect(lambda *opened: attach_library(window, data_dir, opened=opened, opening=opening))
    with qtbot.waitSignal(opening.opened):
        opening.start()
    [again] = timers.made
    assert again.isActive()
    assert _highlight(window) is not None
    assert window.session.pending_changes == 1  # the highlight (its episode waits too, uncounted)
    assert window.status.text.startswith("Saving is held up because the library could not be opened; ")
    assert [h.anchor.quote for h in window.session.highlights] == ["Thanks"]

    data_dir.unlink()  # whatever stood in the way is gone
    with qtbot.waitSignal(opening.opened):
        again.fire()
    assert window.session.pending_changes == 0
    assert window.status.text == "All your changes are saved now."
    assert not again.isActive()
    library = Store.open(data_dir)
    try:
        [saved] = library.highlights(window.session.episode.id)
        assert saved.anchor.quote == "Thanks"
    finally:
        library.close()
