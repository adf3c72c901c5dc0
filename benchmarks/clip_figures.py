"""Audio clip figures: a note with 100 clips, and what one clip weighs.

uv run python benchmarks/clip_figures.py      (prints JSON)

- clips_100_s / _cpu_s: exporting 100 highlights of the demo (each 2 to 8 s,
  padded 0.5 s) as a Markdown note with M4A clips, from nothing: wall time,
  and CPU time of all threads (the honest figure on a busy machine).
- clips_100_again_s: the same export again (every clip reused by name).
- clips_100_mp3_s: the 100 clips as MP3 instead.
- clip_30s_kb_m4a/mp3/opus: the size of one 30-second clip (a bookmark's
  default), mono speech at the default bit rates.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "resources" / "demo"


def _export_with(count: int, seed: int = 16):
    """The demo's export model with ``count`` highlights at random places."""
    from reader.anchoring import make_anchor, quote_speakers
    from reader.export.model import build_export
    from reader.importer import load
    from reader.keep import Episode, Highlight

    transcript = load(DEMO / "tour.txt")
    rng = random.Random(seed)
    episode = Episode(
        1, "c1" * 32, "Transcript Reader: a guided tour", str(DEMO / "tour.txt"), str(DEMO / "tour.mp3"), 0, None, {}
    )
    highlights = []
    for i in range(count):
        turn = rng.randrange(len(transcript.turns) - 1)
        text = transcript.turns[turn].text
        start = rng.randrange(max(len(text) // 2, 1))
        anchor = make_anchor(transcript, turn, start, turn, min(len(text), start + rng.randrange(30, 120)))
        if anchor.end_ms - anchor.start_ms < 2000:
            anchor = anchor._replace(end_ms=anchor.start_ms + 2000)
        stamp = "2026-11-30T08:00:00.000Z"
        highlights.append(Highlight(i + 1, 1, anchor, quote_speakers(transcript, anchor), "blue", "", stamp, None))
    return build_export(episode, transcript, highlights, [], datetime.now(UTC))


def _timed(action) -> tuple[float, float]:
    """(wall seconds, CPU seconds of every thread): on a shared machine the
    second says what the work costs, the first what the user waited."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return round(time.perf_counter() - start, 2), round(time.process_time() - cpu, 2)


def clip_figures() -> dict:
    from reader.clips import cut_clip
    from reader.export.clips import ClipSettings, markdown_with_clips

    export = _export_with(100)
    figures: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        m4a, mp3 = Path(folder) / "m4a", Path(folder) / "mp3"
        for key, target, settings in (
            ("clips_100", m4a, ClipSettings()),
            ("clips_100_again", m4a, ClipSettings()),
            ("clips_100_mp3", mp3, ClipSettings(fmt="mp3")),
        ):
            wall, cpu = _timed(lambda t=target, s=settings: markdown_with_clips([export], t, s))
            figures |= {f"{key}_s": wall, f"{key}_cpu_s": cpu}
        for fmt in ("m4a", "mp3", "opus"):
            target = Path(folder) / f"thirty.{fmt}"
            cut_clip(DEMO / "tour.mp3", 60_000, 90_000, target)
            figures[f"clip_30s_kb_{fmt}"] = round(target.stat().st_size / 1024, 1)
    return figures


if __name__ == "__main__":
    print(json.dumps(clip_figures(), indent=1))
