"""Two running copies of the app on one library: does one's indexing hold up the other's saving?

    uv run python benchmarks/save_wait_figures.py [TRANSCRIPT]      (prints JSON)

Copy A opens a 10-hour transcript for the first time: its episode is made and
its turns are indexed for library search, on A's own connection, as the
window's indexing worker does. Meanwhile copy B, another process with its own
connection, saves a highlight every 20 ms. B waits as long as SQLite's busy
timeout allows (5 s here, so a wait is measured rather than cut off at the
app's 100 ms, after which the app would keep the change in memory and retry).

- save_wait_b_ms_max, save_wait_b_ms_p95: how long B's saves took while A
  indexed (a save is one short write; anything beyond a few ms is waiting for
  A's write lock). Target: under 1,000 ms.
- index_write_lock_a_ms_max: A's longest write transaction (from the lock
  taken to the commit). Target: at most 100 ms.
- index_a_ms, saves_b: how long A took, and how many saves B made meanwhile.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SAVE_EVERY_S = 0.02


def save_wait_figures(transcript: Path) -> dict:
    from reader import search as search_module
    from reader.importer import load
    from reader.search import LibrarySearch
    from reader.store import Store

    held: list[float] = []
    real_immediate = search_module.immediate

    @contextmanager
    def timed(conn) -> Iterator[None]:
        outer = not conn.in_transaction
        with real_immediate(conn):
            start = time.perf_counter()  # the lock is A's from here
            yield
        if outer:
            held.append((time.perf_counter() - start) * 1000)

    loaded = load(transcript)
    with tempfile.TemporaryDirectory() as scratch:
        library = Path(scratch) / "library"
        with Store.open(library) as store_a:
            episode, _ = store_a.open_episode(loaded, str(transcript))
            writer = subprocess.Popen(
                [sys.executable, __file__, "--save", str(library), str(transcript), str(episode.id)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert writer.stdout is not None and writer.stdin is not None
            if writer.stdout.readline().strip() != "ready":
                raise RuntimeError("the second copy could not start saving")
            search_module.immediate = timed  # type: ignore[assignment]
            try:
                search = LibrarySearch(store_a)
                start = time.perf_counter()
                search.index_episode(episode.id, loaded)
                index_ms = (time.perf_counter() - start) * 1000
                search.close()
            finally:
                search_module.immediate = real_immediate
            out, _ = writer.communicate("stop\n", timeout=120)
    waits = json.loads(out)
    return {
        "save_wait_b_ms_max": round(max(waits), 1),
        "save_wait_b_ms_p95": _p95(waits),
        "saves_b": len(waits),
        "index_write_lock_a_ms_max": round(max(held), 1),
        "index_write_lock_a_ms_p95": _p95(held),
        "index_a_ms": round(index_ms),
    }


def _p95(samples: list[float]) -> float:
    return round(statistics.quantiles(samples, n=20, method="inclusive")[-1] if len(samples) > 1 else samples[0], 1)


def _save_until_told(library: str, transcript: str, episode_id: int) -> None:
    """Copy B: save a highlight every 20 ms until a line arrives on stdin; print the waits."""
    import select

    from reader.anchoring import make_anchor, quote_speakers
    from reader.importer import load
    from reader.store import Store

    loaded = load(transcript)
    waits: list[float] = []
    with Store.open(Path(library)) as store:
        store.set_busy_timeout(5000)
        print("ready", flush=True)
        turn = 0
        while not select.select([sys.stdin], [], [], SAVE_EVERY_S)[0]:
            turn = (turn + 37) % len(loaded.turns)
            anchor = make_anchor(loaded, turn, 0, turn, min(20, len(loaded.turns[turn].text)))
            start = time.perf_counter()
            store.add_highlight(episode_id, anchor, quote_speakers(loaded, anchor), "yellow")
            waits.append((time.perf_counter() - start) * 1000)
    print(json.dumps(waits), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--save"]:
        _save_until_told(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    import bench

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else bench.synthesize(Path(scratch) / "ten-hours.txt")
        print(json.dumps(save_wait_figures(path), indent=1))
