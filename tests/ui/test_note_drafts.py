"""A note still being typed is never lost: not when another episode opens,
not when the window closes while saving is held up, not when its highlight
is deleted and brought back.

The note is typed into the panel's editor and never confirmed (no
Ctrl+Enter, no click away): the reader does something else instead.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from ui import pending_dialog


def _highlight_and_type(window, qtbot, text: str):
    """Highlight "Thanks" (turn 1), press N, type ``text``; the highlight."""
    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(1, 0))
    cursor.setPosition(doc_map.position_of(1, 6), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    highlight = window.keeping.highlight_selection()
    assert highlight is not None
    window.keeping.edit_latest_note()
    editor = window.highlights_panel.delegate.editor()
    assert editor is not None
    qtbot.keyClicks(editor, text)
    return highlight


def test_a_note_being_typed_is_saved_when_another_episode_opens(kwindow, store, qtbot, tmp_path):
    highlight = _highlight_and_type(kwindow, qtbot, "typed, then I opened another file")
    other = tmp_path / "other.txt"
    other.write_text("00:00 Cy: Another episode entirely.\n00:05 Di: Yes.\n", encoding="utf-8")
    assert kwindow.open_transcript(other)
    assert kwindow.session.episode.id != highlight.episode_id
    [saved] = store.highlights(highlight.episode_id)
    assert saved.note == "typed, then I opened another file"


def test_a_note_typed_while_saving_is_held_up_is_asked_about_on_quitting(
    kwindow, store, qtbot, hold_write_lock, monkeypatch
):
    """The highlight itself was saved; only the note waits. Quitting asks
    about it (here: stay), and it is written once the library is free."""
    highlight = _highlight_and_type(kwindow, qtbot, "")
    release = hold_write_lock(store.path)
    qtbot.keyClicks(kwindow.highlights_panel.delegate.editor(), "typed while another program held the library")
    asked = []
    monkeypatch.setattr(
        pending_dialog, "ask_about_pending", lambda _parent, count, _reason: asked.append(count) or pending_dialog.STAY
    )
    kwindow.close()
    assert asked == [1] and kwindow.isVisible()
    release()
    assert kwindow.session.retry_saving()
    [saved] = store.highlights(highlight.episode_id)
    assert saved.note == "typed while another program held the library"


def test_deleting_a_highlight_while_its_note_is_typed_then_undo_brings_back_the_note(kwindow, store, qtbot):
    """Delete from the transcript's menu while the note is open, then Ctrl+Z;
    and the same again through redo and undo."""
    highlight = _highlight_and_type(kwindow, qtbot, "first thought")
    undo = kwindow.keeping.undo_stack
    kwindow.keeping.delete_item("highlight", highlight.id)
    assert store.highlights(highlight.episode_id) == []
    undo.undo()
    [saved] = store.highlights(highlight.episode_id)
    assert saved.note == "first thought"

    assert kwindow.highlights_panel.edit_note("highlight", highlight.id)
    qtbot.keyClicks(kwindow.highlights_panel.delegate.editor(), ", second thought")
    undo.redo()
    undo.undo()
    [saved] = store.highlights(highlight.episode_id)
    assert saved.note == "first thought, second thought"
    assert [h.note for h in kwindow.session.highlights] == ["first thought, second thought"]
