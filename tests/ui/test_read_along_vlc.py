"""The demo episode played through real libVLC (dummy audio output)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from ui.app import DEMO_AUDIO, DEMO_TRANSCRIPT, build_window
from ui.player import create_player
from ui.player.base import PlayerState

pytestmark = pytest.mark.vlc


@pytest.fixture
def vlc_window(qtbot, settings):
    player = create_player(vlc_args=["--aout=dummy", "--no-video", "--quiet"])
    if player.unavailable_reason:
        pytest.skip(f"real playback needs libVLC: {player.unavailable_reason}")
    window = build_window(player=player, settings=settings)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    yield window
    player.close()


def _stamp_point(window, turn: int) -> QPoint:
    span = window.view.transcript_document.map.spans[turn]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(span.stamp_start + 1)
    return window.view.cursorRect(cursor).center()


def test_the_marked_turn_follows_real_playback(vlc_window, qtbot):
    window, player = vlc_window, vlc_window.player
    starts = [t.start_ms for t in window.session.transcript.turns]
    marked: list[int] = []
    window.marks.turn_changed.connect(marked.append)
    player.seek(starts[2] - 1_200)
    player.play()
    qtbot.waitUntil(lambda: player.state is PlayerState.Playing, timeout=5_000)
    qtbot.waitUntil(lambda: window.marks.current_turn == 2, timeout=6_000)
    assert player.position_ms() >= starts[2] - 100  # marked only once playback passed the start
    assert marked[-2:] == [1, 2]


def test_a_click_on_a_timestamp_seeks_real_playback(vlc_window, qtbot):
    window, player = vlc_window, vlc_window.player
    turn = 6
    start = window.session.transcript.turns[turn].start_ms
    player.play()
    qtbot.waitUntil(lambda: player.state is PlayerState.Playing, timeout=5_000)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=_stamp_point(window, turn))
    qtbot.waitUntil(lambda: window.marks.current_turn == turn, timeout=5_000)
    qtbot.waitUntil(lambda: start <= player.position_ms() <= start + 2_000, timeout=5_000)


def test_scrolling_pauses_following_and_ctrl_j_resumes_it(vlc_window, qtbot):
    window, player = vlc_window, vlc_window.player
    player.play()
    qtbot.waitUntil(lambda: player.position_ms() > 500, timeout=5_000)
    wheel = QWheelEvent(
        QPointF(200, 200),
        QPointF(200, 200),
        QPoint(0, 0),
        QPoint(0, -360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(window.view.viewport(), wheel)
    assert not window.view.following
    assert window.view.findChild(QPushButton, "backToPlayback").isVisible()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.view.following
    span = window.view.transcript_document.map.spans[window.marks.current_turn]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(span.header_start)
    assert 0 <= window.view.cursorRect(cursor).top() < window.view.viewport().height()


def test_one_sync_point_puts_shifted_audio_back_in_step(qtbot, settings, tmp_path):
    """The demo's audio with 8 s of silence in front: every turn is heard 8 s late."""
    import shutil
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("making the shifted audio needs ffmpeg")
    shutil.copy(DEMO_TRANSCRIPT, tmp_path / "late.txt")
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-i",
            str(DEMO_AUDIO),
            "-af",
            "adelay=8000:all=1",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "56k",
            str(tmp_path / "late.mp3"),
        ],
        check=True,
    )
    from reader.store import Store

    store = Store.open(tmp_path / "lib")
    player = create_player(vlc_args=["--aout=dummy", "--no-video", "--quiet"])
    if player.unavailable_reason:
        pytest.skip(f"real playback needs libVLC: {player.unavailable_reason}")
    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    window.show()
    assert window.open_transcript(tmp_path / "late.txt")
    turns = window.session.transcript.turns
    heard = turns[3].start_ms + 8_000  # where turn 3 is really spoken
    player.play()
    player.seek(heard + 1_000)
    qtbot.waitUntil(lambda: abs(player.position_ms() - (heard + 1_000)) < 700, timeout=6_000)
    assert window.marks.current_turn != 3  # out of step: the text says turn 3 ended already
    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(3, 0))
    cursor.setPosition(doc_map.position_of(3, 6), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    player.pause()
    player.seek(heard)  # "this is now", said at the moment turn 3 begins
    qtbot.waitUntil(lambda: abs(player.position_ms() - heard) < 300, timeout=5_000)
    window.commands["this_is_now"].trigger()
    player.seek(heard + 1_000)
    player.play()
    qtbot.waitUntil(lambda: window.marks.current_turn == 3, timeout=5_000)
    player.seek(turns[10].start_ms + 8_000 + 1_500)
    qtbot.waitUntil(lambda: window.marks.current_turn == 10, timeout=5_000)
    window.close()  # saves the position, then releases libVLC
    store.close()
