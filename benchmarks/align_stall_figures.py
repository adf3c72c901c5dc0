"""How long the window stalls while alignment results arrive for a 10-hour transcript.

    uv run python benchmarks/align_stall_figures.py [--transcript PATH] [--partials 10]

Aligning 10 hours of audio takes half an hour of CPU, so the worker here is
scripted: it hands the window the same results a real one would (a growing
prefix of aligned words, then all of them, with a one-minute ad found
half-way), one more part on each of the window's polls. Everything after the
worker is real: the runner, applying the result to the transcript, the
session, the view and its marks, while a fake player plays and the spoken
word is marked. The probe is stall_figures' 10 ms timer.

Figures:
- align_apply_stall_ms_max: the longest the window's event loop was held
  from the first part arriving until the last one is shown (target 50 ms).
- align_apply_step_ms_max_<step>: per step, the longest one call took on the
  window's thread (which step costs what).
- align_apply_stall_ms_max_control: the same probe for CONTROL_S seconds just
  before, the window playing without alignment: the floor this machine's load
  sets (compare the two on a shared machine).
- align_apply_parts_shown: how many results were applied.
- gap_removed_stall_ms_max: the longest stall after the reader removes the
  found ad in the Sync panel, until every stamp after it shows its new heard
  time (``gap_removed_last_stamp``: the last stamp before and after), and
  gap_removed_step_ms_max_<step> per step.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AD_MS = 60_000
#: Seconds the probe watches the window playing before alignment starts (the control figure).
CONTROL_S = 5.0


class ScriptedJob:
    """A worker whose results are known: each poll releases the next part of the words.

    Like the real job (``reader.align.worker.AlignJob``), handing a result over
    costs the window only list slices: the times are made up front."""

    def __init__(self, words, starts: list[int], parts: int) -> None:
        from reader.align import AUDIO_WITHOUT_TEXT, Gap

        half = len(words) // 2
        self._words = words
        self._starts = [start + (AD_MS if index >= half else 0) for index, start in enumerate(starts)]
        self._ends = [start + 250 for start in self._starts]
        self._placed = [True] * len(words)
        self._half = half
        self._gap = Gap(starts[half] - 500, starts[half] - 500 + AD_MS, AUDIO_WITHOUT_TEXT, half, half)
        self._parts = parts
        self._released = 0
        self.state, self.fraction, self.message, self.words_ready = "running", 0.0, "", 0

    def poll(self, timeout: float = 0.0) -> bool:
        if self.state != "running":
            return False
        self._released += 1
        self.fraction = self._released / self._parts
        self.words_ready = len(self._words) * self._released // self._parts
        if self._released >= self._parts:
            self.state = "done"
        return True

    def alignment(self):
        from reader.align import Alignment

        count = self.words_ready
        return Alignment(
            self._words[:count],
            self._starts[:count],
            self._ends[:count],
            self._placed[:count],
            [self._gap] if count > self._half else [],
            self.state == "done",
        )

    def cancel(self) -> None:
        self.state = "cancelled"


def words_and_starts(transcript) -> tuple[list, list[int]]:
    """The words, each where the transcript's own times put it, a little late (the 'real' times)."""
    from reader.align import transcript_words

    words = transcript_words([turn.text for turn in transcript.turns])
    starts = []
    for word in words:
        turn = transcript.turns[word.turn]
        length = max(len(turn.text), 1)
        starts.append(turn.start_ms + 700 + (turn.end_ms - turn.start_ms - 700) * word.offset // length)
    return words, starts


STEPS = (
    ("reader.align.apply", None, "apply_alignment"),  # where older versions applied it, on the window's thread
    ("reader.align.runner", None, "apply_again"),
    ("reader.session", "EpisodeSession", "show_alignment"),
    ("ui.main_window", "MainWindow", "_rebuild_view"),
    ("ui.main_window", "MainWindow", "_retime_view"),
    ("ui.main_window", "MainWindow", "_on_time_map_changed"),
    ("ui.main_window", "MainWindow", "_show_heard_times"),
    ("ui.transcript_view", "TranscriptView", "retime_next_batch"),
    ("ui.alignment", "AlignmentController", "_poll"),
)


def _time_steps(costs: dict[str, float]) -> None:
    """Wrap each step that exists so its longest call is recorded."""
    import importlib

    for module_name, class_name, name in STEPS:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name) if class_name else module
        original = getattr(owner, name, None)
        if original is None:
            continue

        def timed(*args, _original=original, _name=name, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                costs[_name] = max(costs.get(_name, 0.0), (time.perf_counter() - start) * 1000)

        setattr(owner, name, functools.wraps(original)(timed))


def align_stall_figures(transcript: Path, parts: int = 10) -> dict:
    from PySide6.QtWidgets import QApplication
    from stall_figures import StallProbe, _playing, _run_until
    from ui_figures import _window

    import reader.align.runner as runner_module
    from reader.align.runner import RUNNING
    from reader.importer import load
    from ui.player.fake import FakePlayer

    app = QApplication.instance() or QApplication([])
    costs: dict[str, float] = {}
    _time_steps(costs)
    runner_module.PARTIAL_EVERY_S = 0.0  # every part is shown: the worst case for the window
    loaded = load(transcript)
    import reader.align.worker  # noqa: F401 - imported when a real worker starts, before the probe

    words, starts = words_and_starts(loaded)
    player = FakePlayer(duration_ms=loaded.duration_ms + AD_MS + 60_000)
    window = _window(player)
    window.resize(1100, 780)
    window.show()
    with tempfile.TemporaryDirectory() as folder:
        audio = Path(folder) / "episode.mp3"
        audio.write_bytes(b"the scripted worker never reads it")
        window.alignment.runner.job_factory = lambda _texts, _path: ScriptedJob(words, starts, parts)
        window.settings.align_automatically = False
        window.open_transcript(transcript, audio)
        _run_until(app, lambda: window.session.transcript is not None and window.view.transcript_document.complete)
        ticker = _playing(player)
        player.seek(loaded.duration_ms // 3)
        _run_until(app, lambda: True)
        probe = StallProbe()
        probe.start()  # the same window playing, without alignment: what this machine's load costs anyway
        settle = time.perf_counter() + CONTROL_S
        _run_until(app, lambda: time.perf_counter() >= settle)
        control = probe.stop()
        probe.start()
        costs.clear()
        window.alignment.start()
        _run_until(app, lambda: window.alignment.runner.state != RUNNING, timeout_s=600)
        _run_until(app, lambda: not _view_busy(window), timeout_s=600)
        stall = probe.stop()
        stamps_moved = _stamps_after(window, len(loaded.turns) - 1)
        apply_costs = dict(costs)
        costs.clear()
        probe.start()  # the reader says the ad is not one: every stamp after it is written again
        window.session.remove_correction(0)
        _run_until(app, lambda: not _view_busy(window), timeout_s=600)
        removed_stall = probe.stop()
        stamps_back = _stamps_after(window, len(loaded.turns) - 1)
        ticker.stop()
        shown = window.session.transcript
        aligned = sum(1 for turn in shown.turns if turn.spans)
    window.close()
    figures = {
        "align_apply_turns": len(loaded.turns),
        "align_apply_words": len(starts),
        "align_apply_parts_shown": parts,
        "align_apply_turns_aligned_at_end": aligned,
        "align_apply_stall_ms_max": stall,
        "align_apply_stall_ms_max_control": control,
        "gap_removed_stall_ms_max": removed_stall,
        "gap_removed_last_stamp": f"{stamps_moved} -> {stamps_back}",
    }
    figures |= {f"align_apply_step_ms_max_{name.strip('_')}": round(ms, 1) for name, ms in sorted(apply_costs.items())}
    figures |= {f"gap_removed_step_ms_max_{name.strip('_')}": round(ms, 1) for name, ms in sorted(costs.items())}
    return figures


def _stamps_after(window, turn: int) -> str:
    """The last turn's stamp as shown (it moves by the ad's length when the ad is removed)."""
    from PySide6.QtGui import QTextCursor

    span = window.view.transcript_document.map.spans[turn]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(span.stamp_start)
    cursor.setPosition(span.stamp_end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _view_busy(window) -> bool:
    busy = getattr(window.view, "retiming", None)
    return bool(busy)


def main() -> int:
    import bench

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, help="default: a synthetic 10-hour transcript at 150 words a minute")
    parser.add_argument("--partials", type=int, default=10, help="how many parts the worker hands over")

    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.transcript or bench.synthesize(
            Path(folder) / "ten-hours-spoken.txt", words_per_turn=bench.SPOKEN_WORDS_PER_TURN
        )
        print(json.dumps(align_stall_figures(path, args.partials), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
