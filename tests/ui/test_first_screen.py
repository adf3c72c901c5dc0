"""A large transcript opened at start-up shows its first turns at once, before
the whole file is read; the whole then takes their place without moving the
text, the reader's selection or what was kept in the library."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from reader import first_turns as first_turns_module
from ui import episode as episode_module
from ui.app import build_window

TURNS = 300


@pytest.fixture
def large(tmp_path, monkeypatch):
    """A 100-minute episode of about 40 KB that counts as large: read on a
    worker, its first turns from a 4 KB head."""
    monkeypatch.setattr(episode_module, "READ_ON_WORKER_BYTES", 100)
    monkeypatch.setattr(first_turns_module, "HEAD_BYTES", 4096)
    lines = ["Chapters", "00:00 Opening", "01:00:00 Late", "", "Transcript"]
    for index in range(TURNS):
        seconds = index * 20
        speaker = ("Ana Lima", "Ben Okoro")[index % 2]
        stamp = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        lines.append(f"{stamp} {speaker}: Turn {index} is about reading along with the audio, " * 2)
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fwindow(qtbot, player, settings):
    win = build_window(player=player, settings=settings)  # as ui.app.run builds it
    qtbot.addWidget(win)
    win.resize(1000, 600)
    win.show()
    return win


def _whole_is_open(window, path) -> bool:
    return window.session.path == str(path)


def test_the_first_turns_are_on_screen_before_the_whole_file_is_read(qtbot, fwindow, large):
    assert fwindow.open_transcript(large)
    # Nothing has been read on the worker yet: it starts once these turns have painted.
    assert fwindow.session.transcript is None
    text = fwindow.view.toPlainText()
    assert text.startswith("Opening\n\nAna Lima  0:00:00\nTurn 0 is about reading along")
    assert "Turn 290" not in text
    qtbot.waitUntil(lambda: _whole_is_open(fwindow, large), timeout=10_000)
    fwindow.view.finish_building()
    assert "Turn 290 is about" in fwindow.view.toPlainText()


def test_the_whole_transcript_takes_their_place_without_moving_the_text_or_the_selection(qtbot, fwindow, large):
    held = []  # the read starts once the reader has scrolled and selected
    fwindow.loader.once_first_turns_shown = held.append
    assert fwindow.open_transcript(large)
    view = fwindow.view
    qtbot.waitExposed(fwindow)
    QApplication.processEvents()  # the window's first layout and paint
    view.show_turn_text(20)  # the reader has scrolled down and selected words
    cursor = QTextCursor(view.document())
    start = view.transcript_document.map.position_of(21, 0)
    cursor.setPosition(start)
    cursor.setPosition(start + 7, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    top_y = view.cursorRect(_cursor_at(view, top)).top()
    first_doc = view.document()
    assert top > 0 and cursor.selectedText() == "Turn 21"

    [start_reading] = held
    start_reading()
    qtbot.waitUntil(lambda: _whole_is_open(fwindow, large), timeout=10_000)

    assert view.document() is not first_doc
    assert view.cursorForPosition(view.viewport().rect().topLeft()).position() == top
    assert view.cursorRect(_cursor_at(view, top)).top() == top_y
    assert view.textCursor().selectedText() == "Turn 21"
    assert view.selected_span() == (21, 0, 21, 7)


def test_cancelling_the_read_takes_the_first_turns_away(qtbot, fwindow, large):
    assert fwindow.open_transcript(large)
    assert not fwindow.view.document().isEmpty()
    fwindow.loader.cancel_reading()
    assert fwindow.view.document().isEmpty()  # the placeholder asks for a transcript again
    assert fwindow.status.text == "Opening was cancelled."
    QApplication.processEvents()  # a read that had started ends; its answer is dropped
    qtbot.waitUntil(lambda: not any(t.name == "read-transcript" for t in threading.enumerate()), timeout=10_000)
    QApplication.processEvents()
    assert fwindow.session.transcript is None and fwindow.view.document().isEmpty()


def _cursor_at(view, position) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def _select(window, turn, start, end) -> None:
    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(turn, start))
    cursor.setPosition(doc_map.position_of(turn, end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def _highlight_colour(window, turn, offset) -> str:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.transcript_document.map.position_of(turn, offset) + 1)
    return cursor.charFormat().background().color().name()


@pytest.mark.parametrize("library_opens", ["while the first turns show", "after the whole is read"])
def test_highlights_come_back_whichever_comes_first_the_library_or_the_whole_file(
    qtbot, player, settings, store, large, library_opens
):
    """ui.app.run opens the library once the first turns have painted: it may
    be open before the whole file is read, or after."""
    keeper = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(keeper)
    keeper.show()
    assert keeper.open_transcript(large)
    qtbot.waitUntil(lambda: keeper.keeping.can_save, timeout=10_000)
    _select(keeper, 3, 0, 6)
    assert keeper.keeping.highlight_selection() is not None
    keeper.close()

    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_transcript(large)
    assert "Turn 3 is about" in win.view.toPlainText() and win.session.transcript is None
    if library_opens == "while the first turns show":
        win.attach_library(store)
        qtbot.waitUntil(lambda: _whole_is_open(win, large), timeout=10_000)
    else:
        qtbot.waitUntil(lambda: _whole_is_open(win, large), timeout=10_000)
        win.attach_library(store)
    assert win.keeping.can_save
    assert _highlight_colour(win, 3, 2) == QColor("#fde68a").name()
    assert [h.anchor.quote for h in win.session.highlights] == ["Turn 3"]


def test_when_the_whole_file_reads_differently_it_is_shown_from_its_top(qtbot, fwindow, large):
    """The file changed on disk while it was read: the first turns shown are
    not what the whole gives, so nothing of them is kept."""
    held = []
    fwindow.loader.once_first_turns_shown = held.append
    assert fwindow.open_transcript(large)
    view = fwindow.view
    view.show_turn_text(20)
    large.write_text(large.read_text(encoding="utf-8").replace("Turn 0 is", "Turn zero is"), encoding="utf-8")
    [start_reading] = held
    start_reading()
    qtbot.waitUntil(lambda: _whole_is_open(fwindow, large), timeout=10_000)
    assert "Turn zero is about" in view.toPlainText()
    assert view.cursorForPosition(view.viewport().rect().topLeft()).position() == 0


def test_opening_another_file_while_the_first_turns_show_forgets_the_first(qtbot, fwindow, large, episode, monkeypatch):
    monkeypatch.setattr(episode_module, "READ_ON_WORKER_BYTES", 1000)  # the episode is small, read at once
    held = []
    fwindow.loader.once_first_turns_shown = held.append
    assert fwindow.open_transcript(large)
    assert fwindow.open_transcript(episode[0])
    assert _whole_is_open(fwindow, episode[0])
    [start_reading] = held
    start_reading()  # the first file's read, had it not been forgotten, would start now
    qtbot.waitUntil(lambda: not any(t.name == "read-transcript" for t in threading.enumerate()), timeout=10_000)
    QApplication.processEvents()  # the answer of any read that ran is delivered
    assert fwindow.session.path == str(episode[0])
    assert "Welcome to the show" in fwindow.view.toPlainText() and "Turn 0 is" not in fwindow.view.toPlainText()


def test_the_window_and_an_opened_file_load_nothing_that_waits_for_later(tmp_path):
    """What the first paint waits for is what it shows: alignment, the
    library's SQLite, search matching and the gaps' list load when first
    needed (each was a few milliseconds of the first paint)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    episode = tmp_path / "episode.txt"
    episode.write_text("00:00:01 Ana: Hello there.\n00:00:05 Ben: Hi, Ana.\n", encoding="utf-8")
    later = ["reader.align", "ui.corrections_list", "ui.find_text", "sqlite3", "sqlite_utils", "hashlib"]
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.app import build_window\n"
        "from ui.player.fake import FakePlayer\n"
        "from ui.settings import AppSettings\n"
        "from PySide6.QtCore import QSettings\n"
        f"settings = AppSettings(QSettings({str(tmp_path / 'settings.ini')!r}, QSettings.Format.IniFormat))\n"
        "window = build_window(player=FakePlayer(), settings=settings)\n"
        f"assert window.open_transcript({str(episode)!r})\n"
        f"print([m for m in {later!r} if m in sys.modules])\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
