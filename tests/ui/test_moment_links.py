"""transcript-reader:// links opened in the app: handed by a second start to
the window already open (which seeks there), or starting the app at the moment."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from reader.importer import load
from reader.links import make_link
from reader.store import Store
from ui.app import build_window
from ui.launch import hand_to_running_instance, serve_later_starts
from ui.moment_links import LinkOpener


def _second_start(*args: str, data_dir) -> subprocess.Popen:
    """``transcript-reader ARGS`` as a launcher would run it, in its own process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "reader.cli", *args, "--data-dir", str(data_dir)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def library(tmp_path, episode):
    """A library that knows the episode (and its audio), and the episode's link to 00:20."""
    transcript_path, audio = episode
    data_dir = tmp_path / "library"
    store = Store.open(data_dir)
    known, _ = store.open_episode(load(transcript_path), str(transcript_path))
    store.update_episode(known.id, audio_path=str(audio))
    yield store, data_dir, make_link(known.fingerprint, 20_000)
    store.close()


@pytest.fixture
def running(qtbot, player, settings, library):
    """The app as ui.app.run wires it: window, link opener, instance socket."""
    store, data_dir, _ = library
    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    window.show()
    asked = []
    links = LinkOpener(window, ask_for_file=lambda sentence: asked.append(sentence))
    server = serve_later_starts(data_dir, window, links)
    assert server is not None
    links.set_ready()
    yield window, links, asked
    server.close()


def test_a_second_start_with_a_link_hands_it_over_and_the_window_seeks(running, library, player, qtbot, episode):
    window, _, _ = running
    _, data_dir, link = library
    second = _second_start(link, data_dir=data_dir)
    qtbot.waitUntil(lambda: player.position_ms() == 20_000, timeout=60_000)
    out, err = second.communicate(timeout=20)
    assert second.returncode == 0 and "handed to the Transcript Reader window already open" in err
    assert player.path == str(episode[1]) and player.state.value == "playing"
    assert window.marks.current_turn == 2  # "Let us talk about reading along.", at 00:20
    assert window.windowTitle().startswith("episode")


def test_a_second_start_with_a_file_opens_it_in_the_first_window(running, library, tmp_path, qtbot):
    window, _, _ = running
    _, data_dir, _ = library
    other = tmp_path / "other.txt"
    other.write_text("00:00 Zoe: Something else entirely.\n00:04 Max: Indeed.\n", encoding="utf-8")
    second = _second_start(str(other), data_dir=data_dir)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("other"), timeout=60_000)
    assert second.wait(timeout=20) == 0


def test_a_link_to_an_episode_not_in_the_library_says_so_and_offers_its_file(running, player):
    window, links, asked = running
    assert not links.open_link(make_link("ab" * 32, 5_000))
    assert asked == ["This link is for an episode that is not in this library."]
    assert "Open its transcript (Ctrl+O)" in window.status.text and player.path is None


def test_a_link_to_a_moved_transcript_opens_the_file_the_user_picks(qtbot, player, settings, library, tmp_path):
    store, _, link = library
    moved = tmp_path / "moved" / "episode.txt"
    moved.parent.mkdir()
    os.replace(store.episodes()[0].episode.transcript_path, moved)
    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    asked = []
    links = LinkOpener(window, ask_for_file=lambda sentence: asked.append(sentence) or str(moved))
    links.set_ready()
    assert links.open_link(link)
    assert "its transcript is no longer at" in asked[0]
    assert window.marks.current_turn == 2


def test_a_damaged_link_is_one_sentence_in_the_status_line(running):
    window, links, _ = running
    assert not links.open_link("transcript-reader://open?t=3")
    assert window.status.text == "This link does not say which episode it is for; copy it again from the export."


def test_a_link_before_the_library_opens_waits_for_it(qtbot, player, settings, library):
    store, _, link = library
    window = build_window(player=player, settings=settings)  # as ui.app.run builds it: no library yet
    qtbot.addWidget(window)
    links = LinkOpener(window)
    assert links.open_link(link)
    assert player.path is None
    window.attach_library(store)
    links.set_ready()
    assert player.position_ms() == 20_000


def test_with_no_instance_running_a_link_starts_the_app_at_its_moment(tmp_path, episode):
    transcript_path, audio = episode
    audio.unlink()  # no audio: the moment is marked in the text, with no sound card needed
    data_dir = tmp_path / "library"
    with Store.open(data_dir) as store:
        known, _ = store.open_episode(load(transcript_path), str(transcript_path))
    start = _second_start(make_link(known.fingerprint, 20_000), "--quit-after", "0", data_dir=data_dir)
    out, err = start.communicate(timeout=60)
    assert start.returncode == 0, err
    assert "marked: 00:20" in out
    assert not hand_to_running_instance(data_dir, {})  # it has gone, and taken its socket with it


def test_a_socket_left_by_a_crashed_instance_does_not_stop_the_next_one(qtbot, tmp_path):
    """A crash leaves the socket file behind; nobody answers on it, and the next start takes it over."""
    import socket

    from PySide6.QtCore import QObject

    from ui.single_instance import InstanceServer, server_name

    name = server_name(tmp_path / "library")
    stale = os.path.join(tempfile.gettempdir(), name)
    left = socket.socket(socket.AF_UNIX)
    left.bind(stale)
    left.close()  # bound, never listened, never removed: what a killed process leaves
    assert os.path.exists(stale)
    assert not hand_to_running_instance(tmp_path / "library", {"link": "transcript-reader://open?t=1"})
    owner = QObject()  # as the window owns it in the app
    server = InstanceServer(name, owner)
    assert server.listen()
    with qtbot.waitSignal(server.request_received) as received:
        assert hand_to_running_instance(tmp_path / "library", {"file": "/x/episode.txt"})
    assert received.args == [{"file": "/x/episode.txt"}]
    server.close()
    owner.deleteLater()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows uses named pipes: a start always asks")
def test_a_first_start_skips_the_socket_only_when_no_instance_listens(tmp_path):
    """The quick check a start makes before loading QtNetwork looks exactly
    where a listening instance puts its socket, so it never misses one."""
    from PySide6.QtCore import QObject

    from ui.single_instance import InstanceServer, nobody_listens, server_name

    name = server_name(tmp_path / "library")
    assert nobody_listens(name)
    owner = QObject()
    server = InstanceServer(name, owner)
    assert server.listen()
    assert not nobody_listens(name)
    server.close()
    assert nobody_listens(name)
    owner.deleteLater()


def test_each_library_folder_has_its_own_instance_and_the_name_fits_a_unix_socket(tmp_path):
    """Two libraries on one machine run two windows; the same folder, however
    it is written, reaches the same one."""
    from ui.single_instance import server_name

    first, second = server_name(tmp_path / "library"), server_name(tmp_path / "other")
    assert first != second
    assert server_name(tmp_path / "library") == server_name(str(tmp_path / "library"))
    assert len(os.path.join(tempfile.gettempdir(), first)) < 104  # sun_path holds 104 bytes on macOS


def test_once_the_window_has_painted_the_collector_is_back_on_and_the_library_opens(qtbot, player, settings, tmp_path):
    """What ``ui.app.run`` does after the first paint: later starts are
    listened for, the library starts opening, and the cycle collector that the
    start-up held (reader.cli) runs again."""
    import gc

    from ui.app import serve_and_open_library
    from ui.single_instance import nobody_listens, server_name

    class Opening:
        started = False

        def start(self) -> None:
            self.started = True

    window = build_window(player=player, settings=settings)
    qtbot.addWidget(window)
    opening = Opening()
    gc.disable()
    try:
        serve_and_open_library(window, tmp_path / "library", LinkOpener(window), opening)
        assert gc.isenabled()
    finally:
        gc.enable()
    assert opening.started
    if sys.platform != "win32":  # a later start finds this one's socket
        assert not nobody_listens(server_name(tmp_path / "library"))
    window.instance_server.close()


def test_a_closed_app_lets_its_worker_threads_end_before_python_shuts_down():
    """A daemon thread stopped by Python's shutdown inside Qt's code aborts
    the process; the app waits (a little) for them instead."""
    import threading

    from ui.app import let_workers_finish

    release = threading.Event()
    ended = []

    def work() -> None:
        release.wait()
        ended.append(True)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    threading.Timer(0.05, release.set).start()
    let_workers_finish(budget_s=2)
    assert ended == [True] and not worker.is_alive()

    stuck = threading.Event()
    waiting = threading.Thread(target=stuck.wait, daemon=True)
    waiting.start()
    let_workers_finish(budget_s=0)  # one that does not end in time is left to Python's shutdown
    assert waiting.is_alive()
    stuck.set()
