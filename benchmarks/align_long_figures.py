"""The alignment worker on a long episode: peak memory and CPU at 2 hours (issue 13).

    uv run python benchmarks/align_long_figures.py [--hours 2] [--transcript PATH] [--minutes 14]

A spoken episode of about ``--minutes`` (espeak-ng, two voices, noise, MP3
at 64 kb/s, as in align_figures.py) is repeated until it lasts ``--hours``
(ffmpeg joins the MP3 without re-encoding), with the transcript repeated
to match, all in a temporary folder. The real worker process aligns it as
the window would start it (niced, over its pipe). It takes about 0.05 CPU
seconds per audio second: some 6 CPU minutes for 2 hours.

Figures: align_worker_peak_mb (the worker's peak resident memory; target
300 MB at 2 hours), align_long_cpu_s_per_audio_s, align_long_first_words_s,
align_long_words_placed_pct, align_long_gaps (none expected: every repeat is
in the text too).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def long_episode(folder: Path, transcript: Path | None, minutes: float, hours: float) -> tuple[Path, Path, float]:
    """Write the repeated audio and transcript; returns their paths and the audio's length in seconds."""
    from align_figures import DEMO, turns_for
    from speech_episode import speak_episode

    base = speak_episode(turns_for(transcript or DEMO, minutes), folder / "base", noise=0.02, mp3=True)
    base_s = base["words"][-1][2] / 1000 + 1
    repeats = max(1, round(hours * 3600 / base_s))
    listing = folder / "repeats.txt"
    listing.write_text(f"file '{base['audio']}'\n" * repeats, encoding="utf-8")
    audio = folder / "long.mp3"
    command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0"]
    subprocess.run([*command, "-i", str(listing), "-c", "copy", str(audio)], check=True)
    lines = Path(base["transcript"]).read_text(encoding="utf-8").splitlines()
    turns = [re.sub(r"^\d\d:\d\d:\d\d ", "", line) for line in lines[3:] if line.strip()]
    text = folder / "long.txt"
    text.write_text("\n".join(lines[:3] + turns * repeats) + "\n", encoding="utf-8")
    from reader.align.audio import duration_ms

    return audio, text, (duration_ms(str(audio)) or 0) / 1000


def align_long_figures(transcript: Path | None = None, minutes: float = 14.0, hours: float = 2.0) -> dict:
    from reader.align import unavailable_reason
    from reader.align.worker import DONE, RUNNING, AlignJob
    from reader.importer import load

    reason = unavailable_reason()
    if reason:
        return {"align_long_skipped": reason}
    with tempfile.TemporaryDirectory() as folder:
        audio, text, audio_s = long_episode(Path(folder), transcript, minutes, hours)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        job = AlignJob([turn.text for turn in load(text).turns], str(audio))
        first = None
        while job.state == RUNNING:
            job.poll(timeout=60)
            if first is None and job.words_ready:
                first = time.perf_counter() - started
        job.wait_ended()  # the worker is reaped on a helper thread: only then is its CPU counted here
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if job.state != DONE:
            return {"align_long_failed": job.message}
        result = job.alignment()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "align_long_episode_h": round(audio_s / 3600, 2),
        "align_worker_peak_mb": round(job.peak_mb, 1),
        "align_long_cpu_s_per_audio_s": round(cpu / audio_s, 4),
        "align_long_first_words_s": round(first or 0.0, 2),
        "align_long_words_placed_pct": round(100 * result.placed_fraction, 1),
        "align_long_gaps": len(result.gaps),
        "align_long_gap_list": [
            [gap.kind, gap.start_ms, gap.end_ms, gap.first_word, gap.last_word] for gap in result.gaps
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0, help="how long the episode is")
    parser.add_argument("--transcript", type=Path, help="speak this transcript's turns (default: the demo's)")
    parser.add_argument("--minutes", type=float, default=14.0, help="about how much of it to speak before repeating")
    args = parser.parse_args()
    print(json.dumps(align_long_figures(args.transcript, args.minutes, args.hours), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
