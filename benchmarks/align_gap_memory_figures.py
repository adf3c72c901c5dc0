"""The alignment worker's memory across a long stretch of audio with no anchor (issue 13).

    uv run python benchmarks/align_gap_memory_figures.py [--gap-minutes 25] [--minutes 4] [--folder DIR]

A spoken episode of about ``--minutes`` (the demo's turns; espeak-ng, two
voices, noise, MP3 at 64 kb/s, as in align_figures.py) with ``--gap-minutes``
of unrelated speech (the GPL's text in another voice) inserted in its
middle: nothing in it matches the transcript, so the aligner holds its audio
until the words after it are found. The real worker aligns it as the window
starts it. With ``--folder`` the episode is made there once and reused
(for comparing two versions of the aligner on the same audio).

Figures: align_gap_worker_peak_mb (the worker's peak resident memory),
align_gap_edge_error_ms (the inserted stretch's found edges against the true
ones), align_gap_words_within_250ms_pct, align_gap_cpu_s_per_audio_s.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

UNRELATED = Path("/usr/share/common-licenses/GPL-3")
ZEN = "Beautiful is better than ugly. Explicit is better than implicit. Simple is better than complex."


def unrelated_texts(minutes: float) -> list[str]:
    """Paragraphs of text unrelated to any transcript, about ``minutes`` long when spoken (175 words a minute)."""
    source = UNRELATED.read_text(encoding="utf-8") if UNRELATED.exists() else "\n\n".join([ZEN] * 400)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", source) if len(part.split()) >= 5]
    budget, texts = int(minutes * 175), []
    while budget > 0:
        for paragraph in paragraphs:
            texts.append(paragraph)
            budget -= len(paragraph.split())
            if budget <= 0:
                break
    return texts


def episode_with_gap(folder: Path, minutes: float, gap_minutes: float) -> dict:
    from align_figures import DEMO, turns_for
    from speech_episode import speak_episode

    kept = folder / "episode.pickle"
    if kept.exists():
        return pickle.loads(kept.read_bytes())
    turns = turns_for(DEMO, minutes)
    made = speak_episode(turns, folder, noise=0.02, mp3=True, insert=(len(turns) // 2, unrelated_texts(gap_minutes)))
    kept.write_bytes(pickle.dumps(made))
    return made


def align_gap_memory_figures(minutes: float = 4.0, gap_minutes: float = 25.0, folder: Path | None = None) -> dict:
    from speech_episode import start_errors

    from reader.align import AUDIO_WITHOUT_TEXT, unavailable_reason
    from reader.align.audio import duration_ms
    from reader.align.worker import DONE, RUNNING, AlignJob
    from reader.importer import load

    reason = unavailable_reason()
    if reason:
        return {"align_gap_skipped": reason}
    with tempfile.TemporaryDirectory() as scratch:
        episode = episode_with_gap(folder or Path(scratch), minutes, gap_minutes)
        audio_s = (duration_ms(str(episode["audio"])) or 0) / 1000
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        job = AlignJob([turn.text for turn in load(episode["transcript"]).turns], str(episode["audio"]))
        while job.state == RUNNING:
            job.poll(timeout=60)
        job.wait_ended()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if job.state != DONE:
        return {"align_gap_failed": job.message}
    result = job.alignment()
    errors = start_errors(episode, result)
    gaps = [gap for gap in result.gaps if gap.kind == AUDIO_WITHOUT_TEXT]
    true_start, true_end = episode["inserted"]
    edge = max(abs(gaps[0].start_ms - true_start), abs(gaps[0].end_ms - true_end)) if len(gaps) == 1 else None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "align_gap_episode_min": round(audio_s / 60, 1),
        "align_gap_inserted_min": round((true_end - true_start) / 60_000, 1),
        "align_gap_worker_peak_mb": round(job.peak_mb, 1),
        "align_gap_edge_error_ms": edge,  # None: the stretch was not found as exactly one gap
        "align_gap_gaps_found": [(gap.start_ms, gap.end_ms, gap.kind) for gap in result.gaps],
        "align_gap_words_within_250ms_pct": round(100 * sum(e <= 250 for e in errors) / len(errors), 1),
        "align_gap_cpu_s_per_audio_s": round(cpu / audio_s, 4) if audio_s else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="about how much of the transcript to speak")
    parser.add_argument("--gap-minutes", type=float, default=25.0, help="how much unrelated speech to insert")
    parser.add_argument("--folder", type=Path, help="make the episode here once, and reuse it")
    args = parser.parse_args()
    if args.folder:
        args.folder.mkdir(parents=True, exist_ok=True)
    print(json.dumps(align_gap_memory_figures(args.minutes, args.gap_minutes, args.folder), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
