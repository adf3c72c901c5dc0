"""UI fixtures: a main window around a fake player and a throw-away settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.app import build_window
from ui.main_window import MainWindow
from ui.player.fake import FakePlayer
from ui.settings import AppSettings

EPISODE = (
    "Chapters\n00:00 Opening\n00:20 Second part\nTranscript\n"
    "00:00:00 Ana Lima: Welcome to the show, this is the first turn.\n"
    "00:00:10 Ben Okoro: Thanks for having me here today.\n"
    "00:00:20 Ana Lima: Let us talk about reading along.\n"
    "00:00:30 Ben Okoro: Gladly, it is my favourite subject.\n"
)


@pytest.fixture
def settings(tmp_path) -> AppSettings:
    made = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    made.align_automatically = False  # each alignment is a worker process; its own tests turn it on
    return made


@pytest.fixture
def player(qtbot) -> FakePlayer:
    return FakePlayer(duration_ms=45_000)


@pytest.fixture
def window(qtbot, player, settings) -> MainWindow:
    win = build_window(player=player, settings=settings)  # as ui.app.run builds it
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    win.activateWindow()  # keyboard shortcuts reach only the active window
    qtbot.waitUntil(win.isActiveWindow)
    return win


@pytest.fixture
def episode(tmp_path):
    """An episode folder: a transcript and, beside it, audio with the same stem."""
    transcript = tmp_path / "episode.txt"
    transcript.write_text(EPISODE, encoding="utf-8")
    audio = tmp_path / "episode.MP3"
    audio.write_bytes(b"not really audio; the fake player never decodes it")
    return transcript, audio


@pytest.fixture
def store(tmp_path):
    """A library of the test's own."""
    from reader.store import Store

    s = Store.open(tmp_path / "library")
    yield s
    s.close()


@pytest.fixture
def kwindow(qtbot, player, settings, store, episode):
    """A window with a library and the episode open, ready for keys."""
    from ui.app import build_window

    win = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    win.activateWindow()  # keyboard shortcuts reach only the active window
    qtbot.waitUntil(win.isActiveWindow)
    assert win.open_transcript(episode[0])
    return win
