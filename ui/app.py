"""Start the app: the one place where the app's objects are built and wired.

Widgets receive what they need (player, settings); none of them constructs
storage, settings or a player themselves, so tests build the same window
around a fake player and a throw-away settings file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_TRANSCRIPT = RESOURCES / "demo" / "tour.txt"
DEMO_AUDIO = RESOURCES / "demo" / "tour.mp3"


def build_window(player=None, settings=None, store=None, store_problem=None, search=None, vlc_warm_up=None):
    """The main window with its collaborators; each may be replaced (tests do).

    A library given here (``store``, or the ``store_problem`` saying why there
    is none) is attached at once; :func:`run` attaches it after the first paint."""
    from PySide6.QtCore import QSettings

    from reader.session import EpisodeSession
    from ui.main_window import MainWindow
    from ui.player import create_player
    from ui.settings import AppSettings

    settings = settings or AppSettings(QSettings())
    player = player or create_player(warm_up=vlc_warm_up)
    window = MainWindow(player, settings, EpisodeSession())
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
    """
    from PySide6.QtWidgets import QApplication

    from ui.player.vlc_player import LibVlcWarmUp

    vlc_warm_up = LibVlcWarmUp()  # libVLC starts while the window's modules import
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Transcript Reader")
    app.setOrganizationName("Transcript Reader")
    app.setApplicationDisplayName("Transcript Reader")
    from PySide6.QtCore import QSettings

    from reader.data_dir import resolve_data_dir
    from ui.after_paint import after_next_paint
    from ui.settings import AppSettings

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    # Settings live beside the library, so --data-dir makes a portable install.
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(settings=settings, vlc_warm_up=vlc_warm_up)
    geometry, state = window.settings.window_state
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)
    window.show()
    if args.demo:
        window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    elif args.file:
        window.open_transcript(args.file, args.audio)
    after_next_paint(window.view.viewport(), lambda: window.attach_library(*open_library(data_dir)))
    if getattr(args, "quit_after", None):
        _quit_after(app, window, args.quit_after)
    return app.exec()


def open_library(data_dir: Path):
    """(store, the sentence saying why there is none, search)."""
    store, problem = open_store(data_dir)
    search, search_problem = open_search(store)
    return store, problem or search_problem, search


def _quit_after(app, window, seconds: float) -> None:
    """Scripted smoke tests (the frozen build) open the window, then leave."""
    from PySide6.QtCore import QTimer

    def leave() -> None:
        print(f"transcript-reader: window open for {seconds:g} s; status: {window.status.text or 'ready'}")
        window.close()
        app.quit()

    QTimer.singleShot(int(seconds * 1000), leave)
