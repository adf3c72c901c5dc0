"""The read-along window, driven as a user would, against a fake player."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from reader.model import Chapter
from ui.player.base import PlayerState
from ui.shortcuts import GESTURES, SHORTCUTS
from ui.shortcuts_dialog import ShortcutsDialog


def _press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()  # shortcuts only reach the active window
    window.view.setFocus()
    QTest.keyClick(window.view, key, modifier)


def test_opening_a_transcript_pairs_the_audio_beside_it(window, player, episode):
    transcript, audio = episode
    assert window.open_transcript(transcript)
    assert player.loads == [str(audio)]
    assert "Ana Lima" in window.view.document().toPlainText()
    assert window.windowTitle().startswith("episode")
    assert not window.status.open_audio_button.isVisible()


def test_without_audio_the_status_offers_open_audio(window, player, tmp_path):
    path = tmp_path / "alone.txt"
    path.write_text("00:00 Ana: Hello.\n00:05 Ben: Hi.\n", encoding="utf-8")
    assert window.open_transcript(path)
    assert player.loads == []
    assert "No audio was found next to alone.txt" in window.status.text
    assert window.status.open_audio_button.isVisible()


def test_a_bad_file_gets_one_sentence_and_the_window_keeps_working(window, tmp_path, episode):
    bad = tmp_path / "notes.txt"
    bad.write_text("Just some prose.\nNothing else.\n", encoding="utf-8")
    assert not window.open_transcript(bad)
    assert "does not look like a transcript" in window.status.text
    assert "\n" not in window.status.text
    assert window.open_transcript(episode[0])


def test_a_missing_audio_file_is_reported_and_reading_goes_on(window, player, episode):
    transcript, _ = episode
    window.open_transcript(transcript, audio=str(transcript.parent / "gone.mp3"))
    assert "gone.mp3 could not be found" in window.status.text
    assert window.status.open_audio_button.isVisible()
    assert "Ana Lima" in window.view.document().toPlainText()


def test_playback_marks_the_spoken_turn(window, player, episode):
    window.open_transcript(episode[0])
    player.play()
    player.advance(12_000)
    assert window.marks.current_turn == 1
    player.advance(10_000)
    assert window.marks.current_turn == 2
    assert window.chapters.model.current() == 1


def test_clicking_a_timestamp_seeks_the_audio(window, player, episode, qtbot):
    window.open_transcript(episode[0])
    span = window.view.transcript_document.map.spans[2]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(span.stamp_start + 1)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.cursorRect(cursor).center())
    assert player.seeks[-1] == 20_000
    assert window.marks.current_turn == 2


def test_keyboard_controls_playback(window, player, episode):
    window.open_transcript(episode[0])
    _press(window, Qt.Key.Key_Space)
    assert player.state is PlayerState.Playing
    player.advance(20_000)
    _press(window, Qt.Key.Key_Left)
    assert player.seeks[-1] == 5_000
    _press(window, Qt.Key.Key_Right)
    assert player.seeks[-1] == 35_000
    _press(window, Qt.Key.Key_BracketRight)
    assert player.rate > 1.0
    _press(window, Qt.Key.Key_BracketLeft)
    _press(window, Qt.Key.Key_BracketLeft)
    assert player.rate < 1.0
    _press(window, Qt.Key.Key_Space)
    assert player.state is PlayerState.Paused


def test_speed_is_remembered(window, player, settings, episode):
    window.open_transcript(episode[0])
    window.player_bar.speed_up()
    assert settings.rate == player.rate > 1.0


def test_ctrl_j_returns_to_playback_after_scrolling_away(window, player, episode):
    window.open_transcript(episode[0])
    window.view.pause_following()
    assert not window.follow_action.isChecked()
    _press(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.view.following
    assert window.follow_action.isChecked()


def test_text_size_keys_change_and_remember_the_size(window, settings, episode):
    window.open_transcript(episode[0])
    before = window.view.font().pointSizeF()
    _press(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == before + 1
    assert settings.text_size == before + 1
    _press(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == before


def test_the_shortcuts_dialog_lists_every_shortcut_and_gesture(window):
    dialog = ShortcutsDialog(window)
    assert dialog.table.rowCount() == len(SHORTCUTS) + len(GESTURES)
    rows = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())
    }
    assert {"Play / Pause", "Back to Playback", "Larger Text", "Faster"} <= set(rows)
    assert rows["Play from a word"] == "Alt+Click, Ctrl+Click"
    assert rows["Select a word"] == "Double-click"
    assert rows["Edit the selected note"].startswith("F2")
    assert rows["Delete the selected item"] == "Del"
    assert rows["Save the note"] == "Ctrl+Enter"


def _drop(window, *paths):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


def test_dropping_a_transcript_opens_it_and_dropping_audio_pairs_it(window, player, tmp_path):
    path = tmp_path / "dropped.md"
    path.write_text("**Ana** (00:00): Hi.\n\n**Ben** (00:04): Hello.\n", encoding="utf-8")
    _drop(window, path)
    assert window.session.path == str(path)
    audio = tmp_path / "other.ogg"
    audio.write_bytes(b"x")
    _drop(window, audio)
    assert player.loads == [str(audio)]


def test_open_recent_reopens_with_the_paired_audio(window, player, settings, episode):
    transcript, audio = episode
    window.open_transcript(transcript)
    assert settings.recent()[0] == {"transcript": str(transcript), "audio": str(audio)}
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.text().startswith("episode.txt")]
    assert len(entries) == 1
    player.loads.clear()
    entries[0].trigger()
    assert player.loads == [str(audio)]


def test_chapter_panel_click_seeks(window, player, episode):
    window.open_transcript(episode[0])
    window.chapters.seek_requested.emit(20_000)
    assert player.seeks[-1] == 20_000


def test_embedded_chapters_are_used_when_the_transcript_has_none(window, player, tmp_path, monkeypatch):
    import ui.episode

    monkeypatch.setattr(
        ui.episode, "read_embedded_chapters", lambda path: [Chapter(0, "Cold open"), Chapter(9_000, "Main")]
    )
    (tmp_path / "show.txt").write_text("00:00 Ana: Hello.\n00:10 Ben: Hi there.\n", encoding="utf-8")
    (tmp_path / "show.m4a").write_bytes(b"x")
    window.open_transcript(tmp_path / "show.txt")
    assert window.chapters.model.rowCount() == 2
    player.play()
    player.advance(9_500)
    assert window.chapters.model.current() == 1


def test_without_libvlc_the_app_is_still_a_reader(qtbot, settings, episode):
    from ui.app import build_window
    from ui.player import UnavailablePlayer

    player = UnavailablePlayer("Playback is off because libVLC is not installed; install VLC and restart.")
    window = build_window(player=player, settings=settings)
    qtbot.addWidget(window)
    assert "libVLC is not installed" in window.status.text
    assert window.open_transcript(episode[0])
    assert "Ana Lima" in window.view.document().toPlainText()
    window.view.seek_requested.emit(20_000)
    assert window.marks.current_turn == 2


def test_the_mute_key_also_updates_the_mute_button(window, player, episode):
    window.open_transcript(episode[0])
    _press(window, Qt.Key.Key_M)
    assert player.muted
    assert window.player_bar.mute_button.isChecked()
    _press(window, Qt.Key.Key_M)
    assert not player.muted and not window.player_bar.mute_button.isChecked()


def test_a_file_that_is_not_audio_is_refused_as_audio(window, player, episode, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    window.open_transcript(episode[0], audio=str(notes))
    assert player.loads == []
    assert "notes.txt is not an audio file" in window.status.text
    assert window.status.open_audio_button.isVisible()


def test_failing_audio_offers_another_and_back_to_playback_needs_audio(window, player, episode, tmp_path):
    window.open_transcript(episode[0])
    player.fail("episode.MP3 could not be played; the file may be damaged or not audio.")
    assert "could not be played" in window.status.text
    assert window.status.open_audio_button.isVisible()
    alone = tmp_path / "alone.txt"
    alone.write_text("00:00 Ana: Hello.\n00:05 Ben: Hi.\n", encoding="utf-8")
    window.open_transcript(alone)
    window.view.pause_following()
    assert not window.view.findChild(QPushButton, "backToPlayback").isVisible()


def test_ctrl_f_finds_in_the_transcript_and_pauses_following(window, episode, qtbot):
    window.open_transcript(episode[0])
    _press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "READING")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "1 of 1", timeout=10_000)
    assert not window.view.following
    assert len(window.view.extraSelections()) >= 1
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def _shown_window(qtbot, player, settings):
    from ui.app import build_window

    win = build_window(player=player, settings=settings)  # as ui.app.run builds it, before the library
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _settle() -> None:
    """Run the layout requests Qt has posted (no waiting)."""
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents()
    QApplication.processEvents()


def test_the_library_arriving_after_the_first_paint_moves_nothing(qtbot, player, settings, episode, tmp_path):
    """ui.app.run paints the text before it opens the library: the panels and
    menus are there from the start, and nothing jumps when the library arrives."""
    from reader.store import Store

    win = _shown_window(qtbot, player, settings)
    assert win.open_transcript(episode[0])
    _settle()
    titles = [action.text() for action in win.menuBar().actions()]
    before = win.view.geometry()
    assert win.chapters.model.rowCount() == 2 and win.highlights_panel.isVisible()
    assert win.commands["play_pause"].shortcuts()

    with Store.open(tmp_path / "library") as store:
        win.attach_library(store)
        _settle()
        assert win.keeping.can_save

    assert [action.text() for action in win.menuBar().actions()] == titles
    assert win.view.geometry() == before


def test_when_saving_is_off_the_status_says_so_once_the_library_fails_to_open(qtbot, player, settings, tmp_path):
    """An untimed transcript's "times are estimated" notice must not hide it."""
    transcript = tmp_path / "talk.txt"
    transcript.write_text("Ana: Hello there.\n\nBen: Hi, Ana.\n\nAna: Shall we start?\n\nBen: Yes.\n", encoding="utf-8")
    (tmp_path / "talk.mp3").write_bytes(b"the fake player never decodes it")
    win = _shown_window(qtbot, player, settings)
    assert win.open_transcript(transcript)
    problem = "Highlights can't be saved because the folder /x can't be created (Not a directory)."

    win.attach_library(None, problem)

    assert not all(turn.timed for turn in win.keeping.transcript.turns)
    assert win.status.text == problem


def _silence(path, seconds: int) -> None:
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(1000)
        out.writeframes(b"\x80" * 1000 * seconds)


def test_dropping_audio_says_what_was_paired_and_warns_when_the_lengths_differ(window, tmp_path):
    path = tmp_path / "talk.md"
    path.write_text("**Ana** (00:00): Hi.\n\n**Ben** (01:00): Hello.\n\n**Ana** (01:40): Bye.\n", encoding="utf-8")
    window.open_transcript(path)
    fits, other = tmp_path / "talk-audio.wav", tmp_path / "long.wav"
    _silence(fits, 105)
    _silence(other, 600)
    _drop(window, fits)
    assert window.status.text == "Paired talk-audio.wav with talk.md. Press Space to play."
    _drop(window, other)
    assert window.status.text.startswith("long.wav is 10 min long but the transcript runs 1 min")
    assert "check it is this episode's audio" in window.status.text


def test_at_the_narrowest_window_the_panels_and_the_seek_bar_stay_usable(window, episode, settings):
    """Narrow, then wide again, then a restart with the squeezed layout saved:
    the docks never drop below a usable width, the slider never to its handle."""
    from ui.chapter_panel import MIN_WIDTH as CHAPTERS_MIN
    from ui.highlights_panel import MIN_WIDTH as HIGHLIGHTS_MIN
    from ui.player_bar import SLIDER_MIN_WIDTH

    window.open_transcript(episode[0])
    window.resize(300, 600)  # the window stops at its minimum
    window.resizeDocks([window.chapters_dock], [40], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.chapters.width() >= CHAPTERS_MIN
    assert window.highlights_panel.width() >= HIGHLIGHTS_MIN
    assert window.player_bar.slider.width() >= SLIDER_MIN_WIDTH
    state = window.saveState()
    window.resize(1400, 800)
    window.restoreState(state)
    QApplication.processEvents()
    assert window.chapters.width() >= CHAPTERS_MIN


def test_view_theme_switches_the_text_panels_and_menus_at_once_and_is_remembered(window, episode, settings):
    from PySide6.QtGui import QGuiApplication, QPalette

    from ui.theme import DARK, LIGHT

    window.open_transcript(episode[0])
    desktop = QGuiApplication.palette().color(QPalette.ColorRole.Window).name()
    labels = [a.text() for a in window.theme_menu.menu.actions()]
    assert labels == ["Follow System", "Light", "Dark"]
    window.theme_menu.actions["dark"].trigger()
    assert settings.theme == "dark"
    assert window.view.theme is DARK
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.transcript_document.map.spans[0].text_start + 1)
    assert cursor.charFormat().foreground().color().name() == DARK.ink
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    window.theme_menu.actions["light"].trigger()
    assert window.view.theme is LIGHT and settings.theme == "light"
    window.theme_menu.actions["system"].trigger()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).name() == desktop


def test_commands_about_an_episode_are_disabled_until_one_is_open(window, episode):
    from ui.main_window import NEEDS_EPISODE

    assert not any(window.commands[name].isEnabled() for name in NEEDS_EPISODE)
    assert window.commands["open"].isEnabled() and window.commands["shortcuts"].isEnabled()
    window.open_transcript(episode[0])
    assert all(window.commands[name].isEnabled() for name in NEEDS_EPISODE)


def test_the_header_shows_the_audio_files_cover_and_description_collapsed(window, tmp_path, episode):
    from mutagen.id3 import APIC, COMM, ID3
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    notes = "In this episode we talk about gardens. " * 12
    transcript, audio = episode
    tag = ID3()
    tag.add(COMM(encoding=3, lang="eng", desc="", text=[notes]))
    tag.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=bytes(buffer.data())))
    tag.save(str(audio))
    window.open_transcript(transcript)
    header = window.episode_header
    assert header.isVisible() and header.art.isVisible()
    assert header.description.text().endswith("…") and len(header.description.text()) < len(notes)
    header.more.click()
    assert header.description.text() == notes.strip() and header.more.text() == "Less"
    other = tmp_path / "other.txt"
    other.write_text("00:00 Ana: Hi.\n00:05 Ben: Hello.\n", encoding="utf-8")
    window.open_transcript(other)
    assert not header.isVisible()


def test_one_time_format_everywhere_hours_only_for_an_episode_of_an_hour(window, player, tmp_path):
    """A 50-minute transcript whose player reports a 2-hour file (the audio's
    own header gives no length here): the transcript decides, and the player,
    the turns and the chapters all write "MM:SS"."""
    path = tmp_path / "talk.txt"
    path.write_text("00:00 Ana: Hello.\n25:00 Ben: Middle.\n50:00 Ana: Bye.\n", encoding="utf-8")
    (tmp_path / "talk.mp3").write_bytes(b"not really audio")
    player.set_duration(7_200_000)
    assert window.open_transcript(path)
    player.seek(1_500_000)
    player.advance(0)
    assert window.player_bar.elapsed_label.text() == "25:00"
    assert window.player_bar.remaining_label.text().startswith("-")
    assert window.player_bar.remaining_label.text().count(":") == 1
    lines = window.view.document().toPlainText().split("\n")
    assert "Ben  25:00" in lines


def test_a_transcript_of_an_hour_or_more_writes_hours_on_every_turn(window, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(
        "Chapters\n00:00 Start\n25:00 Middle\nTranscript\n00:00 Ana: Hello.\n25:00 Ben: Middle.\n1:05:00 Ana: Bye.\n",
        encoding="utf-8",
    )
    assert window.open_transcript(path)
    lines = window.view.document().toPlainText().split("\n")
    assert "Ana  0:00:00" in lines and "Ben  0:25:00" in lines and "Ana  1:05:00" in lines
    model = window.chapters.model
    tips = [model.data(model.index(row), Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())]
    assert tips == ["Play from 0:00:00", "Play from 0:25:00"]


def test_the_header_shows_the_transcripts_own_description_collapsed(window, tmp_path):
    notes = "We talk about gardens, and why paragraphs matter to people who read along. " * 6
    path = tmp_path / "gardens.md"
    path.write_text(
        f"---\ntitle: Gardens\ndescription: {notes.strip()}\n---\n\n**Ana** (00:00): Hello.\n\n**Ben** (00:05): Hi.\n",
        encoding="utf-8",
    )
    assert window.open_transcript(path)
    header = window.episode_header
    assert header.isVisible() and not header.art.isVisible()
    assert header.description.text().startswith("We talk about gardens") and header.description.text().endswith("…")
    header.more.click()
    assert header.description.text() == notes.strip()


def test_the_first_window_fits_a_laptop_screen_with_room_for_its_title_bar():
    """On 1280x800 the player bar and status line must not start off screen."""
    from PySide6.QtCore import QSize

    from ui.main_window import first_window_size

    assert first_window_size(QSize(1920, 1080)) == QSize(1280, 820)
    small = first_window_size(QSize(1280, 800))
    assert small.width() == 1280 and small.height() <= 740


def test_every_menu_has_its_own_alt_key_and_alt_h_is_help(window):
    """Highlights and Help both answered Alt+H: Alt+H opened Highlights and
    Help could not be reached with its Alt key at all."""
    titles = [action.text() for action in window.menuBar().actions()]
    keys = {title: title[title.index("&") + 1].lower() for title in titles}
    assert len(set(keys.values())) == len(titles), keys
    assert keys["&Help"] == "h"


def test_a_long_refusal_is_shown_whole_in_the_status_line(window, tmp_path, qtbot):
    """The sentence saying why a file cannot be opened ends with what to do;
    on one line the status bar cut it off before that part."""
    import math

    other = tmp_path / "other.json"
    other.write_text('{"foo": 1}', encoding="utf-8")
    assert not window.open_transcript(other)
    label = window.status.label
    assert label.text().endswith("export the transcript as SRT, VTT or text and open that.")
    metrics = label.fontMetrics()
    lines = math.ceil(metrics.horizontalAdvance(label.text()) / label.width())
    assert lines >= 2  # the window is narrower than the sentence
    qtbot.waitUntil(lambda: label.height() >= lines * metrics.lineSpacing(), timeout=10_000)


def test_a_sentence_that_fits_on_one_line_keeps_the_status_line_one_line_tall(window):
    """Wrapping a long sentence must not make a shorter one (longer than 80
    characters, though) take three lines of the window."""
    label = window.status.label
    window.status.show("Audio: episode-412.mp3 was paired by hand. Press Space, or pick a chapter to start there.")
    assert len(label.text()) > 80
    metrics = label.fontMetrics()
    assert metrics.horizontalAdvance(label.text()) < label.width()
    for _ in range(3):  # the status bar's layout settles
        QApplication.processEvents()
    assert label.height() < 2 * metrics.lineSpacing()


def test_what_reading_the_file_changed_is_still_said_when_there_is_no_audio(window, tmp_path):
    """A turn stamped out of order is moved, and the status line says so; the
    'no audio' sentence that followed replaced it before anyone could read it."""
    alone = tmp_path / "alone.txt"
    alone.write_text(
        "00:00:00 Ana Lima: Welcome to the show, this is the first turn.\n"
        "00:00:10 Ben Okoro: Thanks for having me here today.\n"
        "00:00:05 Ana Lima: Let us talk about reading along.\n",
        encoding="utf-8",
    )
    assert window.open_transcript(alone)
    assert window.status.text == (
        "Turn 3 (Ana Lima) is stamped 00:00:05, earlier than the 00:00:10 before it; it now starts at 00:00:10. "
        "No audio was found next to alone.txt; use Open Audio… to pair one."
    )
    assert window.status.open_audio_button.isVisible()


def test_more_than_one_change_is_counted_inside_the_first_sentence(window, tmp_path):
    alone = tmp_path / "alone.txt"
    alone.write_text(
        "00:00:10 Ana Lima: Welcome to the show, this is the first turn.\n"
        "00:00:05 Ben Okoro: Thanks for having me here today.\n"
        "00:00:01 Ana Lima: Let us talk about reading along.\n",
        encoding="utf-8",
    )
    assert window.open_transcript(alone)
    assert window.status.text.startswith("Turn 2 (Ben Okoro) is stamped 00:00:05, earlier than the 00:00:10 before it;")
    assert "it now starts at 00:00:10 (1 more: transcript-reader inspect lists them). No audio was found" in (
        window.status.text
    )


def _menu_texts(win, title: str) -> list[str]:
    [menu] = [action.menu() for action in win.menuBar().actions() if action.text() == title]
    return [action.text() or "—" for action in menu.actions()]


def test_the_menus_fill_once_the_window_has_painted_and_their_keys_work_before(qtbot, player, settings, episode):
    """The first screen shows the menu titles; their items come just after it
    paints. The commands behind them work from the start."""
    from ui.app import build_window

    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    assert _menu_texts(win, "&File") == []
    assert win.open_transcript(episode[0])
    win.commands["play_pause"].trigger()
    assert player.state is PlayerState.Playing
    win.show()
    qtbot.waitUntil(lambda: _menu_texts(win, "&File") != [])
    assert _menu_texts(win, "&File")[:3] == [
        win.commands["open"].text(),
        "Open &Recent",
        win.commands["open_audio"].text(),
    ]
    assert "Sleep Timer" in _menu_texts(win, "&Playback") and "&Theme" in _menu_texts(win, "&View")


def test_a_menu_opened_before_the_menus_were_filled_is_filled_as_it_opens(qtbot, player, settings):
    from ui.app import build_window

    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    [help_menu] = [action.menu() for action in win.menuBar().actions() if action.text() == "&Help"]
    help_menu.aboutToShow.emit()
    assert _menu_texts(win, "&Help") == [win.commands["shortcuts"].text(), "About Transcript Reader"]
    assert _menu_texts(win, "&File") != []


@pytest.mark.parametrize("filled_first", [True, False])
def test_entries_added_to_file_go_above_export_whenever_they_arrive(qtbot, player, settings, filled_first):
    """Podcasts add theirs when the library opens, before or after the menus fill."""
    from PySide6.QtGui import QAction

    from ui.app import build_window

    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    [file_menu] = [action.menu() for action in win.menuBar().actions() if action.text() == "&File"]
    if filled_first:
        file_menu.aboutToShow.emit()
    win.add_file_entries([QAction("Podcasts…", win), QAction("Add Podcast…", win)])
    file_menu.aboutToShow.emit()
    texts = _menu_texts(win, "&File")
    export = texts.index(win.commands["export"].text())
    assert texts[export - 3 : export] == ["Podcasts…", "Add Podcast…", "—"]
