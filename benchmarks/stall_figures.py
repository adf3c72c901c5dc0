"""How long the window stops answering while a user's long actions run.

    uv run python benchmarks/stall_figures.py [TRANSCRIPT]      (prints JSON)

A probe timer fires every 10 ms on the window's thread; its largest lateness
is the longest the event loop was held (a click, a repaint or a playback tick
would have waited that long). Playback keeps going throughout: a fake player
advances 50 ms every 50 ms, which moves the spoken-word marks as libVLC's
ticks do. Each flow is measured from when it starts until its work is done:

- stall_open_first_ms: a first start on a new library with a 10-hour
  transcript, after the transcript's first paint (which the first-paint
  figure covers): opening the library, indexing the episode for search and
  building the rest of the document.
- stall_open_huge_srt_ms: File > Open of a 2-million-line SRT in the running
  window, until it is fully built and indexed.
- stall_search_ms: twenty library searches typed into the search dialog.
- stall_export_1000_ms: exporting 1,000 highlights to Markdown.
- stall_podcasts_reload_ms: the Podcasts dialog listing 4,000 episodes again
  (one show of 2,000 and twenty of 100), as it does after every save.

``gui_stall_ms_max`` is the largest of them; the target is 50 ms.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE_MS = 10
TARGET_MS = 50


class StallProbe:
    """The largest lateness of a 10 ms timer on the window's thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer(interval=PROBE_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.worst_ms = 0.0

    def start(self) -> None:
        self.worst_ms, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return round(self.worst_ms, 1)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000 - PROBE_MS)
        self._last = now


def _run_until(app, done: Callable[[], bool], timeout_s: float = 300) -> None:
    """Let the event loop run (timers, queued signals, paints) until ``done()``;
    a flow that never finishes is an error, not a figure."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer(interval=20)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    check.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    check.stop()
    if not done():
        raise TimeoutError(f"a flow did not finish within {timeout_s:g} s")


def _playing(player):
    """Keep the fake player advancing, as libVLC would while playing."""
    from PySide6.QtCore import QTimer

    player.play()
    ticker = QTimer(interval=50)
    ticker.timeout.connect(lambda: player.advance(50) if player.position_ms() < player.duration_ms() - 100 else None)
    ticker.start()
    return ticker


def huge_srt(path: Path, lines: int = 2_000_000) -> Path:
    """An SRT of ``lines`` lines: cues of four lines, 0.7 s each, so that 2 million
    lines stay under 100 hours (SRT writes hours with two digits; a cue past
    99:59:59 is skipped with a warning, and two-second cues made 64 % of the
    file unreadable, which measured far fewer turns than the file holds)."""
    cues = lines // 4
    with path.open("w", encoding="utf-8") as out:
        for index in range(cues):
            start, end = index * 700, index * 700 + 650
            stamps = f"{_srt_time(start)} --> {_srt_time(end)}"
            out.write(f"{index + 1}\n{stamps}\nLine {index} of the long subtitle file.\n\n")
    return path


def _srt_time(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def _opened(window, path: Path) -> bool:
    """``path`` is the open episode, built and indexed (opening a large file is asynchronous)."""
    return window.session.path == str(path.resolve()) and _indexed(window) and _built(window)


def _indexed(window) -> bool:
    session = window.session
    return (
        session.search is not None
        and session.episode is not None
        and session.episode.id > 0
        and session.search.indexed_fingerprint(session.episode.id) is not None
    )


def _built(window) -> bool:
    document = window.view.transcript_document
    return document is not None and document.complete


def bytecode_ready() -> None:
    """Compile what the flows import, once. With PYTHONDONTWRITEBYTECODE set
    (as in this sandbox) every module imported lazily on a worker was compiled
    from source while the window ran, 30 to 70 ms each; an installed app has
    its bytecode, so that is not a stall a user sees."""
    import compileall
    import sysconfig

    root = Path(__file__).resolve().parent.parent
    for folder in (root / "reader", root / "ui", Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=2, workers=1)


def stall_figures(transcript: Path, srt_lines: int = 2_000_000) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.app import build_window, open_library
    from ui.library_opening import LibraryOpening
    from ui.player.fake import FakePlayer
    from ui.settings import AppSettings

    bytecode_ready()
    app = QApplication.instance() or QApplication([])
    figures: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data_dir = folder / "library"
        settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        player = FakePlayer(duration_ms=40 * 3_600_000)
        window = build_window(player=player, settings=settings)
        window.loader.confirm_huge = lambda _sentence: True  # the question a user answers with Open
        window.resize(1200, 800)
        window.show()
        window.open_transcript(transcript)
        _run_until(app, lambda: window.session.path is not None)
        app.processEvents()  # the first paint: not counted here
        ticker = _playing(player)
        probe = StallProbe()

        probe.start()
        opening = LibraryOpening(lambda: open_library(data_dir), window)
        opening.opened.connect(window.attach_library)
        opening.start()
        _run_until(app, lambda: _opened(window, transcript))
        figures["stall_open_first_ms"] = probe.stop()

        srt = huge_srt(folder / "huge.srt", srt_lines)
        probe.start()
        window.open_transcript(srt)
        _run_until(app, lambda: _opened(window, srt))
        figures["stall_open_huge_srt_ms"] = probe.stop()

        figures["stall_search_ms"] = _search_stall(app, window, probe)
        figures["stall_export_1000_ms"] = _export_stall(app, window, probe, transcript, folder)
        figures["stall_podcasts_reload_ms"] = _podcasts_stall(app, window, probe)
        ticker.stop()
        window.close()
    figures["gui_stall_ms_max"] = max(figures.values())
    figures["gui_stall_target_ms"] = TARGET_MS
    return figures


def _search_stall(app, window, probe: StallProbe) -> float:
    from ui.search_dialog import LibrarySearchDialog

    search = window.session.search
    dialog = LibrarySearchDialog(lambda query: search.search(query, prefix_last=True), window, in_background=True)
    dialog.show()
    probe.start()
    for query in ("the", "line", "frontier", "open weights", "subtitle", "model", "polic", "data people") * 3:
        dialog.field.setText(query)
        dialog.run_search()
        _run_until(app, lambda: dialog.status.text() != "Searching…")
    worst = probe.stop()
    dialog.close()
    return worst


def _export_stall(app, window, probe: StallProbe, transcript: Path, folder: Path) -> float:
    from reader.anchoring import make_anchor, quote_speakers

    window.open_transcript(transcript)
    _run_until(app, lambda: _opened(window, transcript))
    session, store = window.session, window.session.store
    loaded = session.transcript
    for index in range(1000):
        turn = index * len(loaded.turns) // 1000
        end = min(30, len(loaded.turns[turn].text))
        anchor = make_anchor(loaded, turn, 0, turn, end)
        store.add_highlight(session.episode.id, anchor, quote_speakers(loaded, anchor), "yellow")
    out = folder / "export.md"
    probe.start()
    window.keeping.export("md", False, str(out))
    _run_until(app, out.exists)
    return probe.stop()


def _podcasts_stall(app, window, probe: StallProbe) -> float:
    """Reload the Podcasts dialog over 4,000 episodes, as after a save."""
    from feed_figures import big_feed

    from reader.feeds.feed import parse_feed
    from reader.feeds.storage import FeedStorage
    from ui.podcasts_controller import PodcastsController
    from ui.podcasts_dialog import PodcastsDialog

    store = window.session.store
    feeds = FeedStorage(store.connection)
    feeds.save_feed(parse_feed(big_feed(2000), "http://127.0.0.1/long.xml"))
    small = big_feed(100)
    for n in range(20):
        feeds.save_feed(
            parse_feed(small.replace(b"A long-running show", f"Show {n}".encode()), f"http://127.0.0.1/{n}.xml")
        )
    dialog = PodcastsDialog(PodcastsController(feeds, store.path.parent / "Podcasts"), window)
    dialog.show()
    _run_until(app, lambda: dialog.proxy.rowCount() == 4000)
    worst = 0.0
    for _ in range(3):
        dialog.model.set_episodes([])
        probe.start()
        dialog.reload()
        _run_until(app, lambda: dialog.proxy.rowCount() == 4000)
        worst = max(worst, probe.stop())
    dialog.close()
    return worst


if __name__ == "__main__":
    import bench

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else bench.synthesize(Path(scratch) / "ten-hours.txt")
        print(json.dumps(stall_figures(path), indent=1))
