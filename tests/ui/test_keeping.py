"""Keeping what you find: select, highlight, note, bookmark, undo, rename, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.app import build_window
from ui.player.base import PlayerState


def _select(window, start_turn, start_offset, end_turn, end_offset):
    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(start_turn, start_offset))
    cursor.setPosition(doc_map.position_of(end_turn, end_offset), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def _key(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()  # shortcuts only reach the active window
    window.view.setFocus()
    QTest.keyClick(window.view, key, modifier)


def _background_at(window, turn, offset) -> str:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.transcript_document.map.position_of(turn, offset) + 1)
    return cursor.charFormat().background().color().name()


def test_select_across_turns_and_press_h_saves_and_draws_a_highlight(kwindow, store):
    _select(kwindow, 0, 11, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    [saved] = store.highlights(kwindow.keeping.episode.id)
    assert saved.anchor.quote == "the show, this is the first turn.\nThanks"
    assert saved.speakers == ("Ana Lima", "Ben Okoro")
    assert saved.colour == "yellow"
    assert _background_at(kwindow, 0, 14) == QColor("#fde68a").name()
    assert _background_at(kwindow, 1, 0) == QColor("#fde68a").name()
    assert _background_at(kwindow, 1, 10) != QColor("#fde68a").name()
    assert kwindow.highlights_panel.model.rowCount() == 1
    assert "Highlight saved" in kwindow.status.text


def test_h_without_a_selection_says_what_to_do(kwindow, store):
    _key(kwindow, Qt.Key.Key_H)
    assert store.highlights(kwindow.keeping.episode.id) == []
    assert "Select some words" in kwindow.status.text


def test_note_right_after_highlighting(kwindow, store, qtbot):
    _select(kwindow, 2, 0, 2, 6)
    _key(kwindow, Qt.Key.Key_H)
    _key(kwindow, Qt.Key.Key_N)
    editor = (
        qtbot.waitUntil(lambda: kwindow.highlights_panel.focusWidget() is not None, timeout=10_000)
        or kwindow.highlights_panel.focusWidget()
    )
    qtbot.keyClicks(editor, "worth rereading")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: store.highlights(kwindow.keeping.episode.id)[0].note == "worth rereading", timeout=10_000)


def test_keys_typed_into_a_note_after_enter_stay_in_the_note(kwindow, store, player, qtbot):
    """H, N, "My first line", Enter, " bhs": all of it is the note; nothing plays,
    no bookmark or sync point appears, no second highlight."""
    _select(kwindow, 2, 0, 2, 6)
    _key(kwindow, Qt.Key.Key_H)
    _key(kwindow, Qt.Key.Key_N)
    editor = kwindow.highlights_panel.delegate.editor()
    assert editor is not None and editor.hasFocus()
    qtbot.keyClicks(editor, "My first line")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, " bhs[]m")
    QTest.keyClick(editor, Qt.Key.Key_Left)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    episode_id = kwindow.keeping.episode.id
    [highlight] = store.highlights(episode_id)
    assert highlight.note == "My first line\n bhs[]m"
    assert store.bookmarks(episode_id) == []
    assert player.state is not PlayerState.Playing and player.seeks == [] and player.rate == 1.0
    assert not player.muted
    assert not kwindow.sync_points_panel.remove_button.isEnabled()  # no sync point


def test_single_key_shortcuts_never_fire_while_typing_in_the_find_bar(kwindow, store, player, qtbot):
    kwindow.commands["find"].trigger()
    field = kwindow.find_bar.focusWidget()
    assert field is not None and field.hasFocus()
    qtbot.keyClicks(field, " bhsn")
    assert store.bookmarks(kwindow.keeping.episode.id) == []
    assert player.state is not PlayerState.Playing


def test_clicking_a_highlight_in_the_panel_seeks_there(kwindow, player, store):
    _select(kwindow, 3, 0, 3, 7)
    _key(kwindow, Qt.Key.Key_H)
    h = store.highlights(kwindow.keeping.episode.id)[0]
    kwindow.highlights_panel.item_activated.emit("highlight", h.id, h.anchor.start_ms)
    assert player.seeks[-1] == h.anchor.start_ms == 30_000


def test_delete_can_be_undone(kwindow, store):
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    h = store.highlights(kwindow.keeping.episode.id)[0]
    kwindow.highlights_panel.delete_requested.emit("highlight", h.id)
    assert store.highlights(kwindow.keeping.episode.id) == []
    assert _background_at(kwindow, 1, 2) != QColor("#fde68a").name()
    _key(kwindow, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = store.highlights(kwindow.keeping.episode.id)
    assert (back.id, back.created_at, back.anchor) == (h.id, h.created_at, h.anchor)
    assert _background_at(kwindow, 1, 2) == QColor("#fde68a").name()


def test_colour_can_be_changed(kwindow, store):
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    h = store.highlights(kwindow.keeping.episode.id)[0]
    _key(kwindow, Qt.Key.Key_H)  # nothing selected now: a hint
    assert "Select some words" in kwindow.status.text
    kwindow.highlights_panel.colour_changed.emit(h.id, "blue")
    assert store.highlights(kwindow.keeping.episode.id)[0].colour == "blue"
    assert _background_at(kwindow, 1, 2) == QColor("#bfdbfe").name()
    assert kwindow.status.text == "Highlight is now blue."  # the hint does not stay up


def test_b_bookmarks_the_moment_being_heard(kwindow, player, store):
    player.play()
    player.advance(12_500)
    _key(kwindow, Qt.Key.Key_B)
    [bookmark] = store.bookmarks(kwindow.keeping.episode.id)
    assert bookmark.ms == 12_500
    assert kwindow.highlights_panel.model.rowCount() == 1


def test_renaming_a_speaker_shows_everywhere(kwindow, store):
    kwindow.keeping.rename_speaker("Ben Okoro", "Dr Ben Okoro")
    text = kwindow.view.document().toPlainText()
    assert "Dr Ben Okoro  00:10" in text
    assert "Ana Lima  00:00" in text
    assert store.episode(kwindow.keeping.episode.id).speaker_renames == {"Ben Okoro": "Dr Ben Okoro"}


def test_highlights_come_back_when_the_episode_is_reopened(kwindow, store, episode):
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    kwindow.open_transcript(episode[0])
    assert kwindow.highlights_panel.model.rowCount() == 1
    assert _background_at(kwindow, 1, 2) == QColor("#fde68a").name()


def test_an_edited_transcript_places_highlights_again_and_keeps_the_rest(kwindow, store, episode):
    _select(kwindow, 1, 0, 1, 6)  # "Thanks"
    _key(kwindow, Qt.Key.Key_H)
    _select(kwindow, 3, 0, 3, 6)  # "Gladly"
    _key(kwindow, Qt.Key.Key_H)
    path = episode[0]
    text = path.read_text(encoding="utf-8")
    text = text.replace("00:00:30 Ben Okoro: Gladly, it is my favourite subject.\n", "")
    text = text.replace(
        "00:00:00 Ana Lima:", "00:00:00 Ana Lima: A new opening line.\n00:00:05 Ben Okoro: Indeed.\n00:00:06 Ana Lima:"
    )
    path.write_text(text, encoding="utf-8")
    kwindow.open_transcript(path)
    highlights = store.highlights(kwindow.keeping.episode.id)
    placed = [h for h in highlights if not h.detached]
    detached = [h for h in highlights if h.detached]
    assert [h.anchor.quote for h in placed] == ["Thanks"]
    assert placed[0].anchor.start_turn == 3
    assert [h.anchor.quote for h in detached] == ["Gladly"]
    assert "could not be placed again" in kwindow.status.text


def test_without_a_store_reading_goes_on_and_highlights_wait_in_memory(qtbot, player, settings, episode, monkeypatch):
    """A library that could not be opened holds saving up, never switches it
    off: the highlight is shown, and closing the window asks about it."""
    from ui import pending_dialog

    problem = "Highlights can't be saved because /x/library.db is read-only; check the folder's permissions."
    win = build_window(player=player, settings=settings, store_problem=problem)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert problem in win.status.text
    assert win.open_transcript(episode[0])
    _select(win, 1, 0, 1, 6)
    _key(win, Qt.Key.Key_H)
    assert win.status.text.startswith("Saving is held up because the library could not be opened; ")
    assert win.highlights_panel.model.rowCount() == 1
    asked = []

    def ask(_parent, count: int, why: str) -> str:
        asked.append((count, why))
        return pending_dialog.QUIT

    monkeypatch.setattr(pending_dialog, "ask_about_pending", ask)
    win.close()
    [(count, why)] = asked
    assert why == "the library could not be opened"
    assert count >= 1  # the highlight (and where the reader was)


def test_the_last_position_is_restored_with_the_audio(kwindow, player, episode, store):
    player.play()
    player.advance(21_000)
    player.pause()
    assert store.episode(kwindow.keeping.episode.id).last_position_ms == 21_000
    kwindow.open_transcript(episode[0])
    assert player.seeks[-1] == 21_000


def test_export_from_the_app_writes_the_chosen_format(kwindow, store, tmp_path, qtbot):
    """Written on a worker, so the window keeps answering; the status line says where."""
    import csv

    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    out = tmp_path / "exports" / "ep.csv"
    out.parent.mkdir()
    assert kwindow.keeping.export("csv", False, str(out))
    qtbot.waitUntil(lambda: kwindow.status.text != "Exporting…", timeout=10_000)
    [row] = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert row["Highlight"] == "Thanks" and row["Author"] == "Ana Lima & Ben Okoro"
    assert f"Exported to {out}" in kwindow.status.text


def test_cancel_on_the_export_progress_writes_nothing_and_says_so(kwindow, store, tmp_path, qtbot, monkeypatch):
    """An export that takes a while shows progress with Cancel (after half a
    second); Cancel stops it before the file is written."""
    import threading

    from PySide6.QtWidgets import QPushButton

    import reader.export.files as files

    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    cancelled = threading.Event()
    real_render = files.render

    def render_until_cancelled(*args, **kwargs):
        cancelled.wait(30)  # a long export: it is still going when the user clicks Cancel
        return real_render(*args, **kwargs)

    monkeypatch.setattr(files, "render", render_until_cancelled)
    out = tmp_path / "ep.md"
    assert kwindow.keeping.export("md", False, str(out))
    busy = kwindow.keep_menu.show_export_progress()
    assert busy.labelText() == "Exporting highlights…"
    assert busy.minimumDuration() == 500
    [cancel] = busy.findChildren(QPushButton)
    cancel.click()
    cancelled.set()
    qtbot.waitUntil(lambda: "cancelled" in kwindow.status.text, timeout=10_000)
    assert kwindow.status.text == "The export was cancelled; nothing was written."
    assert not out.exists()


def test_export_dialog_offers_formats_and_scope(kwindow):
    from ui.export_dialog import ExportDialog

    dialog = ExportDialog("My episode", kwindow)
    assert (dialog.format, dialog.all) == ("md", False)
    dialog.choose("json", True)
    assert (dialog.format, dialog.all) == ("json", True)
    assert not ExportDialog(None, kwindow).this_episode.isEnabled()


def test_copy_as_quote_puts_a_markdown_quote_on_the_clipboard(kwindow, store):
    from PySide6.QtGui import QGuiApplication

    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("> Thanks")
    assert "Ben Okoro" in text and "[00:00:10]" in text and "episode" in text
    _key(kwindow, Qt.Key.Key_H)
    h = store.highlights(kwindow.keeping.episode.id)[0]
    QGuiApplication.clipboard().clear()
    kwindow.highlights_panel.copy_requested.emit("highlight", h.id)
    assert QGuiApplication.clipboard().text().startswith("> Thanks")
    key = kwindow.keeping.episode.fingerprint[:16]
    link = f"[00:00:10] [▶ Play](transcript-reader://open?episode={key}&t=10&highlight={h.id})"
    assert link in QGuiApplication.clipboard().text()


def test_a_copied_quote_gives_the_time_heard_once_text_and_audio_are_aligned(kwindow):
    from PySide6.QtGui import QGuiApplication

    kwindow.session.nudge(4)  # the text two seconds later than the audio had it
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = QGuiApplication.clipboard().text()
    assert kwindow.session.to_audio(10_000) == 12_000
    assert "[00:00:12] [▶ Play](transcript-reader://open?episode=" in copied and "&t=12)" in copied


def test_library_search_finds_text_and_notes_and_opens_at_the_hit(qtbot, player, settings, store, episode, tmp_path):
    from reader.search import LibrarySearch

    search = LibrarySearch(store)
    win = build_window(player=player, settings=settings, store=store, search=search)
    qtbot.addWidget(win)
    win.show()
    assert win.open_transcript(episode[0])
    qtbot.waitUntil(lambda: search.indexed_fingerprint(win.keeping.episode.id) is not None, timeout=10_000)
    _select(win, 1, 0, 1, 6)
    win.keeping.highlight_selection()
    h = store.highlights(win.keeping.episode.id)[0]
    win.highlights_panel.note_edited.emit("highlight", h.id, "gratitude")
    qtbot.waitUntil(lambda: len(search.search("gratitude")) == 1, timeout=10_000)
    [hit] = search.search("favourite")
    assert (hit.turn, hit.start_ms) == (3, 30_000)
    assert [x.kind for x in search.search("gratitude")] == ["note"]
    other = tmp_path / "other.txt"
    other.write_text("00:00 Zoe: Something else.\n00:05 Max: Indeed.\n", encoding="utf-8")
    win.open_transcript(other)
    win.open_search_hit(hit.episode_id, hit.turn, hit.start_ms)
    assert win.keeping.episode.id == hit.episode_id
    assert player.seeks[-1] == 30_000


def _window_and_other_episode(qtbot, player, settings, store, search, tmp_path):
    """A window on the library, and a second short episode to open in it."""
    win = build_window(player=player, settings=settings, store=store, search=search)
    qtbot.addWidget(win)
    other = tmp_path / "other.txt"
    other.write_text("00:00 Zoe: Marmalade sandwiches.\n00:05 Max: Indeed.\n", encoding="utf-8")
    return win, other


def test_episodes_opened_one_after_another_are_all_searchable(qtbot, player, settings, store, episode, tmp_path):
    from reader.search import LibrarySearch

    search = LibrarySearch(store)
    win, other = _window_and_other_episode(qtbot, player, settings, store, search, tmp_path)
    win.open_transcript(other)
    win.open_transcript(episode[0])  # before the first one's indexing ran
    qtbot.waitUntil(
        lambda: len(store.episodes()) == 2 and all(search.indexed_fingerprint(s.episode.id) for s in store.episodes()),
        timeout=10_000,
    )
    assert [hit.title for hit in search.search("marmalade")] == ["other"]
    assert len(search.search("favourite")) == 1


def test_a_library_attached_after_the_first_paint_brings_the_episode_back(
    qtbot, kwindow, player, settings, store, episode
):
    """The app paints the transcript before it opens the library (ui.app.run);
    what was kept must still come back then."""
    from reader.timemap import TimeMap
    from ui.player.fake import FakePlayer

    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    episode_id = kwindow.keeping.episode.id
    store.rename_speaker(episode_id, "Ben Okoro", "Ben")
    store.save_time_map(episode_id, TimeMap().with_offset(2_500).as_dict())
    store.update_episode(episode_id, last_position_ms=21_000)

    later = FakePlayer(duration_ms=45_000)
    win = build_window(player=later, settings=settings)  # as ui.app.run builds it
    qtbot.addWidget(win)
    win.show()
    assert win.open_transcript(episode[0], episode[1])
    assert not win.keeping.can_save and "Ben Okoro" in win.view.toPlainText()
    win.attach_library(store)

    assert win.keeping.can_save and win.keeping.episode.id == episode_id
    assert _background_at(win, 1, 2) == QColor("#fde68a").name()
    text = win.view.toPlainText()
    assert "\nBen  00:12\n" in text and "Ben Okoro" not in text  # 0:10 in the text, heard 2.5 s later
    assert win.session.time_map.offset_ms == 2_500
    assert later.seeks[-1] == 21_000


# -- the transcript's right-click menu ------------------------------------------------------------
def _menu_at(window, turn, offset):
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.transcript_document.map.position_of(turn, offset))
    return window.keep_menu.context_menu(window.view, window.view.cursorRect(cursor).center(), window.play_from_word)


def _menu_action(menu, text):
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    return action


def test_right_click_on_a_highlight_offers_colour_note_copy_and_delete(kwindow, store, qtbot):
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    [h] = store.highlights(kwindow.keeping.episode.id)
    menu = _menu_at(kwindow, 1, 2)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Edit Note", "Yellow"] and "Blue" in texts
    assert {"Copy Quote", "Delete", "Play From Here", "Bookmark Now"} <= set(texts)
    _menu_action(menu, "Blue").trigger()
    assert store.highlights(h.episode_id)[0].colour == "blue"
    _menu_action(_menu_at(kwindow, 1, 2), "Copy Quote").trigger()
    assert "Thanks" in QApplication.clipboard().text()
    kwindow.highlights_dock.hide()
    _menu_action(_menu_at(kwindow, 1, 2), "Edit Note").trigger()
    qtbot.waitUntil(lambda: kwindow.highlights_panel.delegate.editor() is not None, timeout=10_000)
    assert kwindow.highlights_dock.isVisible()
    kwindow.highlights_panel.delegate.editor().clearFocus()
    _menu_action(_menu_at(kwindow, 1, 2), "Delete").trigger()
    assert store.highlights(h.episode_id) == []


def test_right_click_on_a_highlight_lists_each_action_once(kwindow):
    """Play Highlight and Export Clip… show once, not a second time at the bottom."""
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    texts = [a.text().replace("&", "") for a in _menu_at(kwindow, 1, 2).actions() if not a.isSeparator()]
    assert {"Play Highlight", "Export Clip…"} <= set(texts)
    assert len(texts) == len(set(texts)), texts


def test_right_click_on_plain_text_plays_from_the_word(kwindow, player):
    menu = _menu_at(kwindow, 2, 12)  # "talk"
    assert "Edit Note" not in [a.text() for a in menu.actions()]
    _menu_action(menu, "Play From Here").trigger()
    assert player.seeks[-1] > 20_000  # inside the third turn, at "talk", not its start


# -- which episode a file is -----------------------------------------------------------------------
def test_a_copy_beside_other_audio_opens_as_its_own_episode(kwindow, store, player, episode, tmp_path):
    """The original keeps its highlights, audio, sync points and place; the status line says why."""
    transcript, audio = episode
    original = kwindow.keeping.episode
    _select(kwindow, 1, 0, 1, 6)
    _key(kwindow, Qt.Key.Key_H)
    _key(kwindow, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # a nudge: part of the time map
    player.seek(20_000)
    copy_folder = tmp_path / "elsewhere"
    copy_folder.mkdir()
    copy = copy_folder / "renamed.txt"
    copy.write_text(transcript.read_text(encoding="utf-8"), encoding="utf-8")
    (copy_folder / "renamed.mp3").write_bytes(b"other audio")
    assert kwindow.open_transcript(copy)
    assert "A copy of" in kwindow.status.text and str(transcript) in kwindow.status.text
    assert kwindow.keeping.episode.id != original.id
    assert kwindow.highlights_panel.model.rowCount() == 0
    assert kwindow.session.time_map.is_identity
    kept = store.episode(original.id)
    assert (kept.transcript_path, kept.audio_path, kept.last_position_ms) == (str(transcript), str(audio), 20_000)
    assert store.time_map(original.id)["offset_ms"] == 500
    moved = tmp_path / "moved" / "episode.txt"
    moved.parent.mkdir()
    transcript.rename(moved)
    audio.rename(moved.with_suffix(".mp3"))
    assert kwindow.open_transcript(moved)
    assert kwindow.keeping.episode.id == original.id  # moved with its audio: the same episode
    assert "it was at" in kwindow.status.text


def test_while_playing_the_place_is_saved_every_ten_seconds(qtbot, player, settings, store, episode):
    """A crash costs at most ten seconds of listening; a paused player saves at once and stops."""
    from ui.positions import SAVE_EVERY_MS
    from ui.timers import FakeTimers

    timers = FakeTimers()
    win = build_window(player=player, settings=settings, store=store, timer=timers)
    qtbot.addWidget(win)
    assert win.open_transcript(episode[0])
    [saver] = [timer for timer in timers.made if timer.interval() == SAVE_EVERY_MS]
    assert not saver.isActive()
    player.play()
    player.advance(12_000)
    assert saver.isActive()
    saver.fire()
    assert store.episode(win.keeping.episode.id).last_position_ms == 12_000
    player.advance(3_000)
    player.pause()
    assert not saver.isActive()
    assert store.episode(win.keeping.episode.id).last_position_ms == 15_000


def test_an_episode_whose_indexing_yields_to_a_newer_one_is_indexed_after_it(
    qtbot, player, settings, store, episode, tmp_path, monkeypatch
):
    """Opening another episode while the first is being indexed puts the new
    one first; the first is indexed after it, not dropped."""
    import threading

    from reader.search import LibrarySearch

    real_index = LibrarySearch.index_episode
    second_asked = threading.Event()
    calls = []

    def index(self, episode_id, transcript, should_stop=None):
        if not calls:  # the first episode: still at work when the second is opened
            second_asked.wait(10)
        calls.append(episode_id)
        return real_index(self, episode_id, transcript, should_stop)

    from ui.indexer import BackgroundIndexer

    real_ask = BackgroundIndexer.index_episode

    def ask(self, episode_id, transcript):
        real_ask(self, episode_id, transcript)
        if episode_id != first_asked.setdefault("id", episode_id):
            second_asked.set()  # the second episode's job is queued: the first may go on now

    first_asked: dict = {}
    monkeypatch.setattr(LibrarySearch, "index_episode", index)
    monkeypatch.setattr(BackgroundIndexer, "index_episode", ask)
    search = LibrarySearch(store)
    win, other = _window_and_other_episode(qtbot, player, settings, store, search, tmp_path)
    win.open_transcript(other)
    first = win.keeping.episode.id
    win.open_transcript(episode[0])
    second = win.keeping.episode.id
    qtbot.waitUntil(lambda: all(search.indexed_fingerprint(e) for e in (first, second)), timeout=10_000)
    assert calls[:3] == [first, second, first]  # it yielded, the newer went first, then it went on
    assert [hit.title for hit in search.search("marmalade")] == ["other"]
