"""Read-along figures for bench.py: first paint, memory, tick cost, sync lag, CPU.

Kept apart from bench.py so that the parse figures never import Qt.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().with_name("paint_probe.py")


def user_env() -> dict:
    """The environment a user's app runs in. These machines set
    PYTHONDONTWRITEBYTECODE, which makes every start compile every module from
    source; a user's Python caches bytecode, so the figures do too."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _probe(*args: str) -> tuple[float, float]:
    """(ms from process start to first paint, RSS in MB) for one child run."""
    env = user_env()
    started = time.time()
    out = subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True, env=env, check=True)
    line = json.loads(out.stdout.strip().splitlines()[-1])
    return (line["painted_at"] - started) * 1000, line["rss_mb"]


def paint_figures(transcript: Path, repeats: int = 7) -> dict:
    _probe("transcript", str(transcript))  # a first run writes the bytecode caches
    # Interleaved, so a slow spell on a shared machine hits both sides alike.
    empty, skeleton, full = [], [], []
    for _ in range(repeats):
        empty.append(_probe("empty"))
        skeleton.append(_probe("skeleton", str(transcript)))
        full.append(_probe("transcript", str(transcript)))
    empty_ms = statistics.median(e[0] for e in empty)
    full_ms = statistics.median(f[0] for f in full)
    empty_rss = statistics.median(e[1] for e in empty)
    full_rss = statistics.median(f[1] for f in full)
    return {
        "first_paint_ms": round(full_ms, 1),
        "empty_window_first_paint_ms": round(empty_ms, 1),
        "first_paint_ratio": round(full_ms / empty_ms, 2),
        # The same widgets without the app (paint_probe.skeleton_window): PySide6's own floor.
        "skeleton_window_first_paint_ms": round(statistics.median(s[0] for s in skeleton), 1),
        "rss_mb": round(full_rss, 1),
        "empty_rss_mb": round(empty_rss, 1),
        "rss_difference_mb": round(full_rss - empty_rss, 1),
    }


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _window(player):
    from PySide6.QtCore import QSettings

    from ui.app import build_window
    from ui.settings import AppSettings

    # A throw-away file: QSettings saves by renaming a temp file over the
    # target, so pointing it at /dev/null would replace the device.
    scratch = Path(tempfile.mkdtemp(prefix="bench-settings-")) / "settings.ini"
    return build_window(player=player, settings=AppSettings(QSettings(str(scratch), QSettings.Format.IniFormat)))


def open_and_wait(app, window, transcript: Path, timeout_s: float = 120.0) -> None:
    """Open ``transcript`` in ``window`` and return once the episode is open
    and in the library: a large file is read on a worker, so open_transcript
    returns before the session has it."""
    if not window.open_transcript(transcript):
        raise SystemExit(f"{transcript} could not be opened: {window.status.text}")
    deadline = time.monotonic() + timeout_s
    while window.session.transcript is None or (window.session.episode is not None and window.session.episode.id < 0):
        if time.monotonic() > deadline:
            raise SystemExit(f"{transcript} was still opening after {timeout_s:g} s: {window.status.text}")
        app.processEvents()


def tick_figures(transcript: Path) -> dict:
    """Cost of one sync tick: a position report through to marks repainted.

    Positions advance 50 ms a tick, as the player's poll timer reports them.
    Each tick is followed by processing the pending events, which paints the
    rectangles the tick invalidated (and nothing when no mark moved), so the
    paint is inside the measured time, as it is in the app.
    """
    app = _app()
    from ui.player.fake import FakePlayer

    player = FakePlayer(duration_ms=10 * 3600 * 1000)
    window = _window(player)
    window.resize(1100, 780)
    window.show()
    open_and_wait(app, window, transcript)
    window.view.finish_building()
    app.processEvents()
    turns = window.session.transcript.turns
    start = turns[len(turns) // 3].start_ms
    samples = []
    for tick in range(2000):
        began = time.perf_counter()
        window.marks.on_position(start + tick * 50)
        app.processEvents()
        samples.append((time.perf_counter() - began) * 1000)
    window.close()
    samples.sort()
    return {
        "tick_ms_p50": round(samples[len(samples) // 2], 3),
        "tick_ms_p95": round(samples[int(len(samples) * 0.95)], 3),
        "tick_ms_max": round(samples[-1], 3),
    }


def playback_figures(turns: range = range(2, 22)) -> dict:
    """Sync lag and CPU while the demo plays at 1x through VLC's dummy output.

    For each turn, playback jumps to 1.5 s before its start and plays through
    it. The moment the audio reaches the start is taken from a line fitted
    through the player's own (audio time, wall time) reports of that stretch,
    so the jitter of single reports does not count against the view; the lag
    runs from there to the moment the view first marked the turn.

    The demo aligns its words while it plays, which re-times its turns (by up
    to a second) and rebuilds the view. So the start a lag is measured from is
    the one in effect when the turn was marked, in audio time, not the file's;
    and a turn marked again after a rebuild keeps its first marking.
    """
    _app()
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.player import create_player

    player = create_player(vlc_args=["--aout=dummy", "--no-video", "--quiet"])
    if player.unavailable_reason:
        return {"sync_lag_skipped": player.unavailable_reason}
    window = _window(player)
    window.show()
    from resources import DEMO_AUDIO, DEMO_TRANSCRIPT

    window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    session = window.session

    def audio_start(turn: int) -> int:
        return session.to_audio(session.transcript.turns[turn].start_ms)

    reports: list[tuple[float, int]] = []
    marked: dict[int, tuple[float, int]] = {}  # turn: (when first marked, its start in audio time then)
    player.position_changed.connect(lambda ms: reports.append((time.monotonic(), ms)))
    window.marks.turn_changed.connect(lambda turn: marked.setdefault(turn, (time.monotonic(), audio_start(turn))))

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    lags = []
    cpu_before, wall_before = time.process_time(), time.monotonic()
    player.play()
    for turn in turns:
        player.seek(audio_start(turn) - 1500)
        wait(300)  # let the seek settle before its reports count
        reports.clear()
        marked.pop(turn, None)
        wait(2000)
        lags += _lags(reports, {turn: marked[turn]} if turn in marked else {})
    cpu = (time.process_time() - cpu_before) / (time.monotonic() - wall_before) * 100
    player.pause()
    window.close()
    player.close()
    if not lags:
        return {"sync_lag_skipped": "no turn boundary was reached while playing"}
    lags.sort()
    return {
        "sync_lag_ms_p50": round(statistics.median(lags), 1),
        "sync_lag_ms_p95": round(lags[min(int(len(lags) * 0.95), len(lags) - 1)], 1),
        "sync_lag_turns": len(lags),
        "cpu_percent_playing": round(cpu, 1),
    }


def _lags(reports, marked) -> list[float]:
    """Least-squares line wall = a + audio_ms / rate through the reports;
    ``marked`` holds, for each turn, when it was marked and its audio start."""
    if len(reports) < 10:
        return []
    xs = [ms for _, ms in reports]
    ys = [wall for wall, _ in reports]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=False)) / sum((x - mean_x) ** 2 for x in xs)
    intercept = mean_y - slope * mean_x
    lags = []
    for turn, (when, start) in marked.items():
        if turn == 0 or not xs[0] < start < xs[-1]:
            continue
        reached = intercept + slope * start
        lags.append((when - reached) * 1000)
    return lags
