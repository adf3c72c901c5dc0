"""Speed figures for Transcript Reader, printed as JSON with --json.

    uv run python benchmarks/bench.py --transcript PATH --json

Without --transcript, a 10-hour two-speaker transcript (6,000 turns, about
3.6 MB) is written to a temporary folder and measured. Figures are medians
of repeated runs, so one slow run on a busy machine does not decide them.

Figures:
- parse_ms, parse_mb_per_s: reading the transcript in-process (importer.load).
- spoken_*: the same for 10 hours at 150 words a minute (about 0.7 MB), the
  size of most real 10-hour transcripts; the default file is the dense end.
- hostile_parse_ms_max, hostile_parse_slowest: the slowest of the crafted
  files in tests/reader/formats/hostile_cases.py at 2 MB each (runs of
  unclosed emphasis, brackets, comments, voice tags, one-word label lines,
  minimal cues, a 2 MB line), read or refused through the importer. The
  goal is under 2,000 ms: parsing is linear however a file is crafted.
- memory_peak_mb for a 100 MB transcript: benchmarks/memory_figures.py,
  run on its own (it writes 100 MB and reads it in a fresh process).
- python_startup_ms, inspect_json_ms, inspect_startup_ratio: a bare
  ``python -c pass`` against ``transcript-reader inspect --json`` on the file,
  both through this project's interpreter. The goal is a ratio of about 3.
- inspect_floor_ms, inspect_floor_ratio: benchmarks/inspect_floor.py, a
  ten-line reader of the same file that writes the same JSON shape.
- first_paint_ms, empty_window_first_paint_ms, first_paint_ratio, rss_mb,
  empty_rss_mb: process start to the first painted transcript, against an
  empty QMainWindow, each in a fresh process (benchmarks/paint_probe.py).
  The transcript side is the whole app as ``transcript-reader FILE`` starts
  it: libVLC, settings and a new library folder included. It ends with the
  paint pass that first shows the transcript's text (a large file's first
  turns, reader/first_turns.py), not the empty view shown while it is read.
- tick_ms_p50/p95: one playback tick, position report to marks repainted.
- sync_lag_ms_p50/p95, cpu_percent_playing: the demo playing at 1x through
  libVLC's dummy output (skipped with a reason when libVLC is missing).

- highlight_save_ms_p95, library_open_ms, library_open_ms_ratio: keeping
  highlights (benchmarks/keep_figures.py).
- resync_ms: adding a sync point and re-timing 6,000 turns (resync_figures.py).
- library_search_ms_p50/p95, library_search_common_ms, export_1000_ms:
  search over 200 episodes x 600 turns, and exporting 1,000 highlights
  (search_figures.py, export_figures.py).
- gui_stall_ms_max and stall_*_ms per flow: the longest the window's event
  loop was held while a user opens the transcript on a new library (library,
  indexing, building), opens a 2-million-line SRT, searches the library and
  exports 1,000 highlights, with playback running (stall_figures.py; the
  first paint is the first-paint figure's), and reloads the Podcasts
  dialog over 4,000 episodes. Target: 50 ms.
- save_wait_b_ms_max/p95, index_write_lock_a_ms_max/p95: a second copy of
  the app saving highlights while the first indexes the transcript on its
  first open (save_wait_figures.py). Targets: 1,000 ms and 100 ms.
- clips_100_s, clips_100_cpu_s, clip_30s_kb_*: a Markdown note with 100
  audio clips of the demo, and the size of a 30 s clip (clip_figures.py).
- word_json_parse_ms, hostile_json_parse_ms_max: a 10-hour word-timed Whisper
  file, and the slowest crafted 2 MB JSON/TSV file (json_figures.py).

- feed_parse_ms, feeds_refresh_unchanged_ms: a 2,000-episode feed, and
  50 unchanged feeds refreshed over loopback (feed_figures.py).

- align_*: word alignment on spoken test episodes, gui_stall_ms_max_while_aligning
  (align_figures.py; targets in issue 13); align_apply_*: the window while results
  for a 10-hour transcript arrive, with what each step costs (align_stall_figures.py).
- conditions_*: word alignment under conversational conditions (crosstalk and
  interjections, laughter and applause, a music bed and intro, fast and slow
  speakers, a transcript without the fillers said), each a few generated minutes
  (align_conditions_figures.py). CPU heavy: only with ``--only conditions``.

``--only parse`` skips the window figures (no Qt needed).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

WORDS = (
    "the model open weights policy compute we think really frontier data people like "
    "government about would going question actually interesting because labs scale"
).split()


def synthesize(
    path: Path, hours: float = 10, turns: int = 6000, seed: int = 7, words_per_turn: tuple[int, int] = (40, 130)
) -> Path:
    """A long transcript in the plain-text layout, deterministic for a seed.

    The default packs 3.6 MB into 10 hours, far denser than speech, to test
    the top of the 0.5 to 4 MB range; ``SPOKEN_WORDS_PER_TURN`` gives the
    150 words a minute of real conversation (about 0.6 MB)."""
    rng = random.Random(seed)
    step = int(hours * 3600 * 1000 / turns)
    lines = ["A long synthetic episode", "", "Transcript"]
    for index in range(turns):
        seconds = index * step // 1000
        stamp = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        speaker = ("Ana Lima", "Ben Okoro")[index % 2]
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(*words_per_turn)))
        lines.append(f"{stamp} {speaker}: {words.capitalize()}.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: 10 hours at 150 words a minute over 6,000 turns is 15 words a turn on average.
SPOKEN_WORDS_PER_TURN = (3, 27)


def median_ms(action, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def parse_figures(path: Path) -> dict:
    from reader.importer import load

    load(path)  # warm the imports and the file cache
    parse_ms = median_ms(lambda: load(path), repeats=7)
    size_mb = path.stat().st_size / 1e6
    return {
        "transcript_mb": round(size_mb, 2),
        "turns": len(load(path).turns),
        "parse_ms": round(parse_ms, 1),
        "parse_mb_per_s": round(size_mb / (parse_ms / 1000), 1),
    }


#: Each crafted file is this large: the size the 2-second promise covers.
HOSTILE_CHARS = 2_000_000


def hostile_figures() -> dict:
    """The slowest crafted case, each timed once (a quadratic one would take minutes)."""
    sys.path.insert(0, str(ROOT / "tests" / "reader" / "formats"))
    from hostile_cases import crafted

    from reader.errors import TranscriptError
    from reader.importer import parse_text

    def read(text: str) -> None:
        try:
            parse_text(text, "crafted.txt")
        except TranscriptError:
            pass

    timings = {
        name: median_ms(lambda text=text: read(text), repeats=1) for name, text in crafted(HOSTILE_CHARS).items()
    }
    slowest = max(timings, key=timings.__getitem__)
    return {"hostile_parse_ms_max": round(timings[slowest], 1), "hostile_parse_slowest": slowest}


def startup_figures(path: Path) -> dict:
    python = sys.executable
    inspect = [
        python,
        "-c",
        "import sys; from reader.cli import main; sys.exit(main())",
        "inspect",
        "--json",
        str(path),
    ]

    from ui_figures import user_env

    env = user_env()

    def run(command: list[str]) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)

    run(inspect)  # a first run writes the bytecode caches, as a user's first run does

    floor = [python, str(Path(__file__).resolve().parent / "inspect_floor.py"), str(path)]
    bare = median_ms(lambda: run([python, "-c", "pass"]), repeats=15)
    full = median_ms(lambda: run(inspect), repeats=15)
    least = median_ms(lambda: run(floor), repeats=15)
    return {
        "python_startup_ms": round(bare, 1),
        "inspect_json_ms": round(full, 1),
        "inspect_startup_ratio": round(full / bare, 2),
        "inspect_floor_ms": round(least, 1),  # benchmarks/inspect_floor.py: the least a Python reader does
        "inspect_floor_ratio": round(least / bare, 2),
    }


def _keep_figures(path: Path) -> dict:
    """Figures from the later issues, each in its own script; a missing one is skipped."""
    import importlib

    figures: dict = {}
    for module, call in (
        ("keep_figures", lambda m: m.keep_figures(path)),
        ("resync_figures", lambda m: m.resync_figures()),
        ("search_figures", lambda m: m.search_figures()),
        ("export_figures", lambda m: m.export_figures()),
        ("stall_figures", lambda m: m.stall_figures(path)),
        ("save_wait_figures", lambda m: m.save_wait_figures(path)),
        ("clip_figures", lambda m: m.clip_figures()),
        ("feed_figures", lambda m: m.feed_figures()),
        ("json_figures", lambda m: m.json_figures()),
    ):
        try:
            figures |= call(importlib.import_module(module))
        except ModuleNotFoundError as error:
            figures[f"{module}_skipped"] = str(error)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, help="a transcript to measure (default: a synthetic 10-hour one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    groups = ("parse", "hostile", "ui", "keep", "align", "conditions")
    parser.add_argument("--only", choices=groups, help="measure only one group of figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.transcript or synthesize(Path(folder) / "ten-hours.txt")
        figures = {"transcript": str(args.transcript or "synthetic 10 h, 6000 turns")}
        if args.only in (None, "parse", "hostile"):
            figures |= hostile_figures()
        if args.only in (None, "parse"):
            figures |= parse_figures(path)
            figures |= startup_figures(path)
            if args.transcript is None:  # and 10 hours at the rate people speak
                spoken = synthesize(Path(folder) / "ten-hours-spoken.txt", words_per_turn=SPOKEN_WORDS_PER_TURN)
                more = parse_figures(spoken) | startup_figures(spoken)
                figures |= {f"spoken_{key}": value for key, value in more.items() if key != "turns"}
        if args.only in (None, "ui"):
            import ui_figures

            figures |= ui_figures.paint_figures(path)
            figures |= ui_figures.tick_figures(path)
            figures |= ui_figures.playback_figures()
        if args.only in (None, "keep"):
            figures |= _keep_figures(path)
        if args.only in (None, "align"):
            import align_figures

            # Spoken from the transcript given, or the demo's (the synthetic one is word salad).
            figures |= align_figures.align_figures(args.transcript)
            import align_stall_figures

            # Results arriving for 10 hours of words (from a scripted worker) while the window plays.
            ten_hours = args.transcript or synthesize(
                Path(folder) / "ten-hours-aligned.txt", words_per_turn=SPOKEN_WORDS_PER_TURN
            )
            figures |= align_stall_figures.align_stall_figures(ten_hours)
        if args.only == "conditions":  # minutes of CPU: never part of the default run
            import align_conditions_figures

            figures |= align_conditions_figures.align_conditions_figures(args.transcript)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
