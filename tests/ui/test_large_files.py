"""A large transcript is read on a worker while the window keeps answering;
a huge one is only opened when the reader says so; reading can be cancelled."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from ui import episode as episode_module
from ui.app import build_window


@pytest.fixture
def lwindow(qtbot, player, settings, monkeypatch):
    monkeypatch.setattr(episode_module, "READ_ON_WORKER_BYTES", 100)  # the fixture episode counts as large
    win = build_window(player=player, settings=settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_large_transcript_is_read_on_a_worker_and_then_shown(qtbot, lwindow, episode):
    assert lwindow.open_transcript(episode[0])
    qtbot.waitUntil(lambda: lwindow.session.path == str(episode[0]), timeout=10_000)
    assert "Welcome to the show" in lwindow.view.toPlainText()


def test_cancelling_a_read_keeps_the_episode_on_screen(qtbot, lwindow, episode, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("00:00 Zoe: Something else entirely, and long enough to count.\n" * 5, encoding="utf-8")
    assert lwindow.open_transcript(episode[0])
    qtbot.waitUntil(lambda: lwindow.session.path == str(episode[0]), timeout=10_000)
    with qtbot.waitSignal(lwindow.loader.reading) as reading:
        assert lwindow.open_transcript(other)
    assert reading.args == [True]
    lwindow.loader.cancel_reading()
    assert lwindow.status.text == "Opening was cancelled."
    # Once the reading thread has ended, its answer is posted; delivering it
    # must leave the episode on screen (the answer is stale, so it is dropped).
    qtbot.waitUntil(lambda: not any(t.name == "read-transcript" for t in threading.enumerate()), timeout=10_000)
    QApplication.processEvents()
    assert lwindow.session.path == str(episode[0])


def test_a_huge_file_is_opened_only_when_the_reader_says_so(qtbot, lwindow, episode, monkeypatch):
    monkeypatch.setattr(episode_module, "HUGE_BYTES", 100)
    asked = []
    lwindow.loader.confirm_huge = lambda sentence: asked.append(sentence) or False
    assert not lwindow.open_transcript(episode[0])
    assert lwindow.session.path is None
    [sentence] = asked
    assert sentence.startswith("episode.txt is 0 MB, far larger than a transcript usually is")
    assert sentence.endswith("Open it anyway?")
    lwindow.loader.confirm_huge = lambda _sentence: True
    assert lwindow.open_transcript(episode[0])
    qtbot.waitUntil(lambda: lwindow.session.path == str(episode[0]), timeout=10_000)


def test_a_large_file_that_is_not_a_transcript_says_why(qtbot, lwindow, tmp_path):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(b"\x00\x01\x02" * 200)
    with qtbot.waitSignal(lwindow.loader.reading, check_params_cb=lambda busy: not busy, timeout=10_000):
        assert lwindow.open_transcript(bad)
    assert lwindow.session.path is None
    assert lwindow.status.text.endswith(".") and "noise.txt" in lwindow.status.text


def test_a_huge_file_opens_where_no_child_process_can_read_it(qtbot, lwindow, episode, monkeypatch):
    """On Windows (no file descriptors to hand a child) the huge file is read on the thread instead."""
    import reader.read_worker

    monkeypatch.setattr(episode_module, "HUGE_BYTES", 100)
    monkeypatch.setattr(reader.read_worker, "AVAILABLE", False)
    monkeypatch.setattr(reader.read_worker, "load_in_child", lambda *_args, **_kw: pytest.fail("no child here"))
    lwindow.loader.confirm_huge = lambda _sentence: True
    assert lwindow.open_transcript(episode[0])
    qtbot.waitUntil(lambda: lwindow.session.path == str(episode[0]), timeout=10_000)
    assert "Welcome to the show" in lwindow.view.toPlainText()


def test_quitting_while_a_large_file_is_read_prints_no_traceback(qtbot, player, settings, episode, monkeypatch):
    """The window goes (the app quits) while the reading thread is still busy:
    when the read ends, nobody is left to show it, and nothing is printed."""
    import shiboken6

    monkeypatch.setattr(episode_module, "READ_ON_WORKER_BYTES", 100)
    reading, finish = threading.Event(), threading.Event()
    real_load = episode_module.load_and_keep

    def slow_load(path):
        reading.set()
        finish.wait(10)
        return real_load(path)

    monkeypatch.setattr(episode_module, "load_and_keep", slow_load)
    failures: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    win = build_window(player=player, settings=settings)
    win.show()
    assert win.open_transcript(episode[0])
    assert reading.wait(10)
    [worker] = [t for t in threading.enumerate() if t.name == "read-transcript"]
    win.close()
    shiboken6.delete(win)  # as when run() returns and the window is freed
    finish.set()
    worker.join(10)
    QApplication.processEvents()
    assert not worker.is_alive()
    assert [f"{failure.exc_type.__name__}: {failure.exc_value}" for failure in failures] == []


def test_quitting_while_a_huge_file_is_read_ends_the_reading_process(qtbot, lwindow, episode, monkeypatch):
    """A huge file is read by a child process; quitting must end it at once,
    not leave it reading (and holding memory) after the window has gone."""
    import reader.read_worker

    children: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def slow_child(_command, **kw):  # a child still reading (it waits on nothing, for ever) until it is ended
        children.append(real_popen([sys.executable, "-c", "import select; select.select([], [], [])"], **kw))
        return children[-1]

    monkeypatch.setattr(reader.read_worker.subprocess, "Popen", slow_child)
    monkeypatch.setattr(episode_module, "HUGE_BYTES", 100)
    lwindow.loader.confirm_huge = lambda _sentence: True
    assert lwindow.open_transcript(episode[0])
    qtbot.waitUntil(lambda: bool(children), timeout=10_000)
    QApplication.instance().aboutToQuit.emit()
    try:
        assert children[0].wait(10) is not None
    finally:
        children[0].kill()
