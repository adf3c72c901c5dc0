"""Figures for keeping highlights: the Highlight action, and opening from the library.

    uv run python benchmarks/keep_figures.py      (prints JSON)

- highlight_save_ms_p95: from the Highlight action to the highlight committed
  (synchronous=FULL) and drawn, over 100 highlights in a 10-hour transcript.
- library_open_ms, library_open_ms_ratio: opening an episode with 500
  highlights from the library, and that time divided by opening the same
  episode from a library where it has none.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_figures import open_and_wait  # noqa: E402 - after the paths above

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _window(data_dir: Path):
    from PySide6.QtCore import QSettings

    from ui.app import build_window, open_store
    from ui.player.fake import FakePlayer
    from ui.settings import AppSettings

    store, problem = open_store(data_dir)
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(
        player=FakePlayer(duration_ms=36_000_000), settings=settings, store=store, store_problem=problem
    )
    window.resize(1200, 800)
    window.show()
    return window


def _select(window, turn: int, start: int, end: int) -> None:
    from PySide6.QtGui import QTextCursor

    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(turn, start))
    cursor.setPosition(doc_map.position_of(turn, end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def spread_selections(transcript, count: int) -> list[tuple[int, int]]:
    """``count`` (turn, end offset) selections spread over any transcript: the
    first 40 characters of turns evenly apart (turns repeat when there are
    fewer than ``count``; empty turns are skipped)."""
    turns = [index for index, turn in enumerate(transcript.turns) if turn.text]
    if not turns:
        raise ValueError("the transcript has no text to highlight")
    picked = (turns[index * len(turns) // count] for index in range(count))
    return [(turn, min(40, len(transcript.turns[turn].text))) for turn in picked]


def highlight_save_figures(app, transcript: Path, folder: Path) -> dict:
    window = _window(folder / "save")
    open_and_wait(app, window, transcript)
    while window.session.episode is None or window.session.episode.id < 0:  # saved in the library
        app.processEvents()
    samples = []
    for turn, end in spread_selections(window.session.transcript, 100):
        _select(window, turn, 0, end)
        began = time.perf_counter()
        window.commands["highlight"].trigger()
        app.processEvents()  # drawn
        samples.append((time.perf_counter() - began) * 1000)
    window.close()
    samples.sort()
    return {
        "highlight_save_ms_p50": round(statistics.median(samples), 2),
        "highlight_save_ms_p95": round(samples[int(len(samples) * 0.95) - 1], 2),
    }


def library_open_figures(app, transcript: Path, folder: Path) -> dict:
    from reader.anchoring import make_anchor, quote_speakers
    from reader.importer import load
    from reader.store import Store

    loaded = load(transcript)
    timings = {}
    for label, count in (("with", 500), ("without", 0)):
        data_dir = folder / label
        with Store.open(data_dir) as store:
            episode, _ = store.open_episode(loaded, str(transcript))
            for turn, end in spread_selections(loaded, count) if count else ():
                anchor = make_anchor(loaded, turn, 0, turn, end)
                store.add_highlight(episode.id, anchor, quote_speakers(loaded, anchor), "yellow")
        window = _window(data_dir)
        opened: list[int] = []
        window.session.opened.connect(lambda _transcript, seen=opened: seen.append(1))
        samples = []
        for _ in range(5):
            before = len(opened)
            began = time.perf_counter()
            window.open_from_library(episode.id)
            while len(opened) == before:  # a large file is read on a worker
                app.processEvents()
            app.processEvents()
            samples.append((time.perf_counter() - began) * 1000)
        window.close()
        timings[label] = statistics.median(samples)
    return {
        "library_open_ms": round(timings["with"], 1),
        "library_open_without_highlights_ms": round(timings["without"], 1),
        "library_open_ms_ratio": round(timings["with"] / timings["without"], 2),
    }


def keep_figures(transcript: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        figures = highlight_save_figures(app, transcript, Path(folder))
        figures |= library_open_figures(app, transcript, Path(folder))
    return figures


if __name__ == "__main__":
    import bench

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else bench.synthesize(Path(scratch) / "ten-hours.txt")
        print(json.dumps(keep_figures(path), indent=1))
