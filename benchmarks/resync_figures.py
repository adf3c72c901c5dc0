"""How fast a sync point takes effect on a 10-hour transcript, printed as JSON.

    uv run python benchmarks/resync_figures.py

Figures (medians of repeated runs, so one slow run does not decide them):
- resync_ms: add a sync point to a map that already has a few, then
  re-time every turn of a 10-hour transcript (6,000 turns) into audio time
  (reader.timemap.retime). The goal is under 20 ms, so the text moves as
  soon as the point is placed.
- map_many_ms: map 6,000 sorted transcript times to audio time.
- to_transcript_us: one audio-to-text lookup, as each playback tick does.
- spread_ms: spread an untimed 10-hour transcript over the audio's length
  (reader.estimate.spread_over).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import median_ms  # noqa: E402

MINUTE = 60_000
REPEATS = 21


def _median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    return median_ms(action, repeats)


def _ads_map():
    """A map as a user leaves it: two ad breaks pinned either side and a drift."""
    from reader.timemap import TimeMap

    return (
        TimeMap(offset_ms=1500)
        .with_point(10 * MINUTE, 10 * MINUTE)
        .with_point(10 * MINUTE + 1, 11 * MINUTE)
        .with_point(200 * MINUTE, 201 * MINUTE + 30_000)
        .with_point(200 * MINUTE + 1, 203 * MINUTE)
    )


def resync_figures() -> dict:
    """The figures above, on a synthetic 10-hour, 6,000-turn transcript."""
    from bench import synthesize

    from reader.estimate import spread_over
    from reader.importer import load
    from reader.timemap import retime

    with tempfile.TemporaryDirectory() as folder:
        transcript = load(synthesize(Path(folder) / "ten-hours.txt"))
    base = _ads_map()
    starts = [turn.start_ms for turn in transcript.turns]
    untimed = transcript._replace(turns=tuple(t._replace(timed=False) for t in transcript.turns))

    def resync() -> None:
        retime(transcript, base.with_point(400 * MINUTE, 405 * MINUTE))

    resync()  # warm up
    lookups = 1000
    per_lookup_ms = _median_ms(lambda: [base.to_transcript(a) for a in range(0, 36_000_000, 36_000)]) / lookups
    return {
        # Its own synthetic 10 hours: keyed apart, so the report's "transcript"
        # stays the file the user passed with --transcript.
        "resync_turns": len(transcript.turns),
        "resync_ms": round(_median_ms(resync), 2),
        "map_many_ms": round(_median_ms(lambda: base.map_many(starts)), 2),
        "to_transcript_us": round(per_lookup_ms * 1000, 3),
        "spread_ms": round(_median_ms(lambda: spread_over(untimed, 10 * 60 * MINUTE)), 2),
    }


if __name__ == "__main__":
    print(json.dumps(resync_figures(), indent=1))
