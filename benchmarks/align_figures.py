"""Word-alignment figures for bench.py (issue 13).

    uv run python benchmarks/align_figures.py [--transcript PATH] [--minutes 5]

Test episodes are spoken by espeak-ng from the transcript's own turns (the
demo's by default), two voices, white noise (sox), MP3 at 64 kb/s, with every
word's true start reported by espeak-ng itself (tests/speech_episode.py). A
second copy has an unrelated minute of speech (another voice, another text)
inserted between two turns.

Figures:
- align_word_error_ms_p50/p95, align_words_within_250ms_pct: word starts against the truth.
- align_gap_edge_error_ms: the worse of the inserted minute's two found edges.
- align_cpu_s_per_audio_s: CPU seconds of the aligner (in-process) per second of audio.
- align_first_words_s: a worker started (as the window starts it) to the first words ready.
- gui_stall_ms_max_while_aligning: the longest the window's event loop was held up while
  the real worker aligned the episode and the window applied its results.
- align_worker_peak_mb: the worker's peak resident memory, measured on this episode's
  length (align_worker_peak_mb_measured_on_min says how long); align_long_figures.py
  measures it on a 2-hour episode (the issue's target), which takes some 6 CPU minutes.
- align_edit_cpu_s, align_edit_cpu_ratio: re-aligning after two turns were edited (a few
  words changed in each), from the first alignment, against aligning it all again.
- align_repeat_*: a transcript that has a sponsor read twice, and audio with an ad inserted
  before the second that says the same read: the gaps found (1, the ad), the words falsely
  called "Not in this audio" (0), and word starts within 250 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DEMO = ROOT / "resources" / "demo" / "tour.txt"
AD = (
    "This episode is sponsored by Northwind coffee, roasted fresh every week and delivered to your door. "
    "Use the code READER for twenty percent off your first bag, and sleep better with Acme mattresses."
)

#: Read in the transcript twice (early, and two thirds in); an inserted ad says it again.
SPONSOR_READ = (
    "This episode is brought to you by Northwind coffee, roasted fresh every week and delivered to your door. "
    "Use the code READER for twenty percent off your first bag."
)


def turns_for(transcript: Path, minutes: float) -> list[str]:
    """The transcript's turns, one line each, until about ``minutes`` of speech (165 words a minute)."""
    from reader.importer import load

    budget = int(minutes * 165)
    turns: list[str] = []
    for turn in load(transcript).turns:
        text = " ".join(turn.text.split())
        if len(re.findall(r"\w+", text)) < 3:
            continue
        turns.append(text)
        budget -= len(text.split())
        if budget <= 0:
            break
    return turns


def align_in_process(episode: dict, texts: list[str] | None = None, previous=None):
    """The complete alignment and the CPU seconds it took (of ``texts`` instead of the episode's, when given)."""
    import resource

    from reader.align import align_audio
    from reader.importer import load

    texts = texts or [turn.text for turn in load(episode["transcript"]).turns]
    before = resource.getrusage(resource.RUSAGE_SELF)
    *_, alignment = align_audio(texts, str(episode["audio"]), previous)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return alignment, cpu


def edited_cpu(episode: dict, alignment) -> float:
    """CPU seconds to align the episode again after a few words of two turns were changed."""
    from reader.align import Previous
    from reader.importer import load

    texts = [turn.text for turn in load(episode["transcript"]).turns]
    for turn in (len(texts) // 3, 2 * len(texts) // 3):
        words = texts[turn].split(" ")
        words[2:5] = ["completely", "different", "words", "here"]
        texts[turn] = " ".join(words)
    return align_in_process(episode, texts, Previous.of(alignment))[1]


def first_words_and_peak(episode: dict) -> tuple[float, float]:
    """Seconds from starting a worker to its first words; the worker's peak memory in MB."""
    from reader.align.worker import DONE, RUNNING, AlignJob
    from reader.importer import load

    texts = [turn.text for turn in load(episode["transcript"]).turns]
    started = time.perf_counter()
    job = AlignJob(texts, str(episode["audio"]))
    first = None
    while job.state == RUNNING:
        job.poll(timeout=60)
        if first is None and job.words_ready:
            first = time.perf_counter() - started
    if job.state != DONE:
        raise SystemExit(f"the worker failed: {job.message}")
    return first or 0.0, job.peak_mb


def stall_while_aligning(episode: dict) -> float:
    """The longest event-loop stall (ms beyond a 5 ms timer's period) while the window aligns the episode."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.align.runner import RUNNING
    from ui.app import build_window
    from ui.player.fake import FakePlayer
    from ui.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp()
    settings = AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
    settings.align_automatically = True
    window = build_window(player=FakePlayer(duration_ms=10 * 60_000), settings=settings)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    clock = QElapsedTimer()
    stalls: list[float] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        stalls.append(now - last[0] - 5)
        last[0] = now

    loop = QEventLoop()
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    watch = QTimer()
    watch.setInterval(100)
    watch.timeout.connect(lambda: window.alignment.runner.state != RUNNING and loop.quit())
    window.open_transcript(episode["transcript"], episode["audio"])  # starts the worker
    clock.start()
    ticker.start()
    watch.start()
    loop.exec()
    ticker.stop()
    window.close()
    return max(stalls[1:]) if len(stalls) > 1 else 0.0


def repeat_figures(turns: list[str], folder: Path) -> dict:
    """The sponsor read twice in the text, and an ad saying it again between the two copies."""
    from speech_episode import speak_episode, start_errors

    turns = [turns[0], SPONSOR_READ, *turns[1:]]
    turns.insert(2 * len(turns) // 3, SPONSOR_READ)
    episode = speak_episode(turns, folder, noise=0.02, mp3=True, insert=(len(turns) // 2, [SPONSOR_READ] * 3))
    alignment, _ = align_in_process(episode)
    errors = start_errors(episode, alignment)
    cut = [gap for gap in alignment.gaps if gap.kind == "text-without-audio"]
    return {
        "align_repeat_gaps_found": len(alignment.gaps),
        "align_repeat_words_without_audio": sum(gap.last_word - gap.first_word + 1 for gap in cut),
        "align_repeat_words_within_250ms_pct": round(100 * sum(e <= 250 for e in errors) / len(errors), 1),
    }


def align_figures(transcript: Path | None = None, minutes: float = 5.0) -> dict:
    from speech_episode import espeak_available, speak_episode, start_errors

    from reader.align import unavailable_reason

    reason = unavailable_reason()
    if reason or not espeak_available():
        return {"align_skipped": reason or "espeak-ng is not installed"}
    turns = turns_for(transcript or DEMO, minutes)
    with tempfile.TemporaryDirectory() as folder:
        plain = speak_episode(turns, Path(folder) / "plain", noise=0.02, mp3=True)
        with_ad = speak_episode(turns, Path(folder) / "ad", noise=0.02, mp3=True, insert=(len(turns) // 2, [AD] * 5))
        alignment, cpu = align_in_process(plain)
        edit_cpu = edited_cpu(plain, alignment)
        errors = start_errors(plain, alignment)
        audio_s = plain["words"][-1][2] / 1000 + 2
        ad_alignment, _ = align_in_process(with_ad)
        ad_gaps = [gap for gap in ad_alignment.gaps if gap.kind == "audio-without-text"]
        true_start, true_end = with_ad["inserted"]
        edge = (
            max(abs(ad_gaps[0].start_ms - true_start), abs(ad_gaps[0].end_ms - true_end)) if len(ad_gaps) == 1 else None
        )
        repeats = repeat_figures(turns, Path(folder) / "repeats")
        first_s, peak_mb = first_words_and_peak(plain)
        stall = stall_while_aligning(plain)
    return {
        "align_episode_min": round(audio_s / 60, 1),
        "align_words_measured": len(errors),
        "align_word_error_ms_p50": statistics.median(errors),
        "align_word_error_ms_p95": errors[int(len(errors) * 0.95)],
        "align_words_within_250ms_pct": round(100 * sum(e <= 250 for e in errors) / len(errors), 1),
        "align_gap_edge_error_ms": edge,  # None: the inserted minute was not found as exactly one gap
        "align_gaps_found_with_ad": len(ad_alignment.gaps),
        "align_gaps_found_without_ad": len(alignment.gaps),
        "align_cpu_s_per_audio_s": round(cpu / audio_s, 4),
        "align_edit_cpu_s": round(edit_cpu, 2),
        "align_edit_cpu_ratio": round(edit_cpu / cpu, 3),
        "align_first_words_s": round(first_s, 2),
        "gui_stall_ms_max_while_aligning": round(stall, 1),
        "align_worker_peak_mb": round(peak_mb, 1),
        "align_worker_peak_mb_measured_on_min": round(audio_s / 60, 1),
        **repeats,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Word-alignment figures")
    parser.add_argument("--transcript", type=Path, help="speak this transcript's turns (default: the demo's)")
    parser.add_argument("--minutes", type=float, default=5.0, help="about how much of it to speak")
    args = parser.parse_args()
    print(json.dumps(align_figures(args.transcript, args.minutes), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
