"""Start the app: the one place where the app's objects are built and wired.

Widgets receive what they need (player, settings); none of them constructs
storage, settings or a player themselves, so tests build the same window
around a fake player and a throw-away settings file.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from resources import DEMO_AUDIO, DEMO_TRANSCRIPT

__all__ = ["DEMO_AUDIO", "DEMO_TRANSCRIPT", "build_window", "run"]


def build_window(player=None, settings=None, store=None, store_problem=None, search=None, vlc_warm_up=None, timer=None):
    """The main window with its collaborators; each may be replaced (tests do).

    A library given here (``store``, or the ``store_problem`` saying why there
    is none) is attached at once; :func:`run` attaches it after the first paint."""
    from PySide6.QtCore import QSettings

    from reader.session import EpisodeSession
    from ui.main_window import MainWindow
    from ui.player import create_player
    from ui.settings import AppSettings
    from ui.timers import make_timer

    settings = settings or AppSettings(QSettings())
    player = player or create_player(warm_up=vlc_warm_up)
    window = MainWindow(player, settings, EpisodeSession(), timer or make_timer)
    if store is not None or store_problem is not None:
        window.attach_library(store, store_problem, search)
    return window


def open_store(data_dir: Path):
    """The library, or None and the sentence saying why highlights can't be saved."""
    from reader.store import Store, StoreError

    try:
        return Store.open(data_dir), None
    except StoreError as error:
        return None, str(error)


def open_search(store):
    """Library search over the store's file; None (with the reason) if it can't be."""
    if store is None:
        return None, None
    from reader.search import LibrarySearch, SearchError

    try:
        return LibrarySearch(store), None
    except SearchError as error:
        return None, str(error)


def run(args: argparse.Namespace) -> int:
    """The transcript is painted first. The library (SQLite, and the search
    index with sqlite-utils) comes just after: on a new library it held a
    blank window for half a second or more.

    A library already open in another window of this app gets the request
    instead (a file, or a ``transcript-reader://`` link), and this start ends.
    """
    from reader.data_dir import resolve_data_dir
    from ui.source_scans import declare_known_modules

    declare_known_modules()  # before the app's modules load: PySide6 need not read their sources
    from ui.launch import hand_to_running_instance, launch_request

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    request = launch_request(args)
    if hand_to_running_instance(data_dir, request):  # one window per library: it opens there
        print("transcript-reader: handed to the Transcript Reader window already open.", file=sys.stderr)
        return 0
    from PySide6.QtWidgets import QApplication

    from ui.player.vlc_player import LibVlcWarmUp

    vlc_warm_up = LibVlcWarmUp()  # libVLC starts while the window's modules import
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Transcript Reader")
    app.setOrganizationName("Transcript Reader")
    app.setApplicationDisplayName("Transcript Reader")
    from PySide6.QtCore import QSettings

    from ui.after_paint import after_next_paint
    from ui.launch import watch_open_url_events
    from ui.moment_links import LinkOpener
    from ui.settings import AppSettings

    # Settings live beside the library, so --data-dir makes a portable install.
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(settings=settings, vlc_warm_up=vlc_warm_up)
    geometry, state = window.settings.window_state
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)
    window.show()
    links = LinkOpener(window)
    watch_open_url_events(app, links)
    if request.get("link"):
        links.open_link(request["link"])  # opens once the library is
    elif args.demo:
        window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    elif args.file:
        window.open_transcript(args.file, args.audio)
    from ui.library_opening import LibraryOpening

    quit_after = getattr(args, "quit_after", None)
    opening = LibraryOpening(lambda: open_library(data_dir), window)
    opening.opened.connect(lambda *opened: attach_library(window, data_dir, links, app, quit_after, opened, opening))
    after_next_paint(window.view.viewport(), lambda: serve_and_open_library(window, data_dir, links, opening))
    status = app.exec()
    let_workers_finish()
    return status


#: How long a closed app waits for its worker threads before Python shuts down.
WORKERS_BUDGET_S = 1.5


def let_workers_finish(budget_s: float = WORKERS_BUDGET_S) -> None:
    """The window has closed: threads still at work (reading a large file,
    opening the library) get a moment to end. Python 3.11 stops a daemon
    thread that its shutdown finds running, and one stopped inside Qt's code
    (emitting its result) aborts the process: "terminate called without an
    active exception", twice in some 1,100 quick quits. Threads that do not end
    in time (waiting on the network) are left to that shutdown, as before."""
    import threading
    import time

    deadline = time.monotonic() + budget_s
    for thread in threading.enumerate():
        if thread.daemon and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


def serve_and_open_library(window, data_dir: Path, links, opening) -> None:
    """Once the transcript is painted: the cycle collector comes back on
    (``reader.cli.open_app`` held it for the start-up), this start listens for
    later ones (QtNetwork loads only now), and the library opens on a worker thread."""
    gc.enable()
    from ui.launch import serve_later_starts

    window.instance_server = serve_later_starts(data_dir, window, links)
    opening.start()


def attach_library(
    window,
    data_dir: Path,
    links=None,
    app=None,
    quit_after: float | None = None,
    opened: tuple | None = None,
    opening=None,
) -> None:
    """The library (``opened``, as :func:`open_library` gave it on a worker
    thread, or opened here), then podcasts, which live in it; then a link that
    waited for it opens, and a scripted start counts its seconds from there.
    A damaged library moved aside is said until the user has seen it. One
    that could not be opened is tried again by ``opening`` until it opens."""
    from ui.library_opening import report_moved_library
    from ui.podcasts_wiring import install_podcasts

    store, problem, search = opened if opened is not None else open_library(data_dir)
    window.attach_library(store, problem, search)
    report_moved_library(window, data_dir)
    window.podcasts = install_podcasts(window, store, data_dir)
    if store is None and opening is not None:  # saving is held up, not off: the library is tried again
        opening.try_again_later()
    if opening is not None and opening.tries > 1:
        return  # a later try: the window was made whole at the first
    if links is not None:
        links.set_ready()
    if quit_after is not None:  # counted from here: the window is whole, whatever the machine's speed
        _quit_after(app, window, quit_after)


def open_library(data_dir: Path):
    """(store, the sentence saying why there is none, search)."""
    store, problem = open_store(data_dir)
    search, search_problem = open_search(store)
    return store, problem or search_problem, search


def _quit_after(app, window, seconds: float) -> None:
    """Scripted smoke tests (the frozen build) open the window, then leave
    ``seconds`` after it is whole (text painted, library open, links opened)."""
    from PySide6.QtCore import QTimer

    def leave() -> None:
        print(
            f"transcript-reader: window open for {seconds:g} s; status: {window.status.text or 'ready'}; "
            f"marked: {_marked(window)}"
        )
        window.close()
        app.quit()

    QTimer.singleShot(int(seconds * 1000), leave)


def _marked(window) -> str:
    """The start of the turn marked as playing (where a link or a click put the reader)."""
    transcript, turn = window.session.transcript, window.marks.current_turn
    if transcript is None or not 0 <= turn < len(transcript.turns):
        return "nothing"
    return window.session.clock.format(transcript.turns[turn].start_ms)
