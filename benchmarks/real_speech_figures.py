"""Word alignment on real human speech: LibriVox read sentences from pocketsphinx's source (issue 13).

    uv run python benchmarks/real_speech_figures.py LIBRIVOX_FOLDER

The only real speech with a known transcript found for these machines is
the test data in pocketsphinx's source package (not in its wheel): five
sentences of "Sense and Sensibility" read by a LibriVox volunteer, about
25 s, with each word's time from pocketsphinx's own forced alignment of
that sentence alone (``*.json``). Get it with the ordinary client, outside
the project (nothing of it is committed)::

    pip download --no-deps --no-binary pocketsphinx pocketsphinx==5.1.1 -d /tmp/ps
    tar xzf /tmp/ps/pocketsphinx-5.1.1.tar.gz -C /tmp/ps
    uv run python benchmarks/real_speech_figures.py /tmp/ps/pocketsphinx-5.1.1/test/data/librivox

The sentences are joined into one episode (0.8 s apart, one turn each,
64 kb/s MP3), aligned as the app aligns, and again with a minute of
synthesised speech inserted after the second sentence. The reference times
come from the same recogniser on each sentence alone, so the word error
measures the windowed two-pass aligner against a whole-sentence forced
alignment, not against a human's labels; the inserted minute's edges are
exact. Read speech, one voice: not conversation.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

RATE = 16000
PAUSE_S = 0.8


def sentences(folder: Path) -> list[tuple[str, bytes, list[int]]]:
    """Each sentence's text, 16 kHz mono samples and its words' reference starts in ms."""
    found = []
    for name in (folder / "fileids").read_text().split():
        with wave.open(str(folder / f"{name}.wav")) as audio:
            assert audio.getframerate() == RATE and audio.getnchannels() == 1, name
            samples = audio.readframes(audio.getnframes())
        reference = json.loads((folder / f"{name}.json").read_text())
        starts = [round(word["b"] * 1000) for word in reference["w"] if not word["t"].startswith(("<", "["))]
        found.append((reference["t"], samples, starts))
    return found


def speech_of(text: str) -> bytes:
    """Synthesised speech at 16 kHz (the inserted minute), through espeak-ng's command line and sox."""
    wav = subprocess.run(["espeak-ng", "-v", "en-gb", "--stdout", text], capture_output=True, check=True).stdout
    return subprocess.run(
        ["sox", "-t", "wav", "-", "-t", "raw", "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed", "-"],
        input=wav,
        capture_output=True,
        check=True,
    ).stdout


def episode(folder: Path, parts, insert: bytes | None) -> tuple[Path, Path, list[int], tuple[int, int] | None]:
    """Write the joined audio (MP3) and transcript; the words' reference starts and the inserted span."""
    pcm = bytearray()
    truth: list[int] = []
    inserted = None
    silence = bytes(2 * int(PAUSE_S * RATE))
    lines = ["Sense and Sensibility, chapter 2", "", "Transcript"]
    for index, (text, samples, starts) in enumerate(parts):
        if insert is not None and index == 2:
            begin = len(pcm) // 2 * 1000 // RATE
            pcm += insert + silence
            inserted = (begin, len(pcm) // 2 * 1000 // RATE)
        offset = len(pcm) // 2 * 1000 // RATE
        truth += [offset + start for start in starts]
        pcm += samples + silence
        lines.append(f"Reader: {text}")
    raw = folder / "episode.raw"
    raw.write_bytes(bytes(pcm))
    audio = folder / "episode.mp3"
    command = ["ffmpeg", "-loglevel", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", str(raw)]
    subprocess.run([*command, "-b:a", "64k", str(audio)], check=True)
    transcript = folder / "episode.txt"
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return audio, transcript, truth, inserted


def align(audio: Path, transcript: Path):
    from reader.align import align_audio
    from reader.importer import load

    *_, result = align_audio([turn.text for turn in load(transcript).turns], str(audio))
    return result


def real_speech_figures(folder: Path) -> dict:
    from align_figures import AD

    parts = sentences(folder)
    figures: dict = {"real_speech_s": None}
    with tempfile.TemporaryDirectory() as work:
        for label, insert in (("", None), ("_with_ad", speech_of(" ".join([AD] * 3)))):
            place = Path(work) / (label or "plain")
            place.mkdir()
            audio, transcript, truth, inserted = episode(place, parts, insert)
            result = align(audio, transcript)
            if insert is None:
                figures["real_speech_s"] = round(len(b"".join(p[1] for p in parts)) / 2 / RATE, 1)
            errors = sorted(abs(found - true) for found, true in zip(result.starts, truth, strict=True))
            figures |= {
                f"real_speech{label}_words": len(errors),
                f"real_speech{label}_word_error_ms_p50": statistics.median(errors),
                f"real_speech{label}_word_error_ms_p95": errors[min(len(errors) - 1, int(len(errors) * 0.95))],
                f"real_speech{label}_words_within_250ms_pct": round(
                    100 * sum(e <= 250 for e in errors) / len(errors), 1
                ),
                f"real_speech{label}_words_placed_pct": round(100 * result.placed_fraction, 1),
                f"real_speech{label}_gaps": [[gap.start_ms, gap.end_ms, gap.kind] for gap in result.gaps],
            }
            if inserted is not None:
                gaps = [gap for gap in result.gaps if gap.kind == "audio-without-text"]
                figures["real_speech_inserted_ms"] = list(inserted)
                figures["real_speech_gap_edge_error_ms"] = (
                    max(abs(gaps[0].start_ms - inserted[0]), abs(gaps[0].end_ms - inserted[1]))
                    if len(gaps) == 1
                    else None
                )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="pocketsphinx-5.1.1/test/data/librivox from pocketsphinx's sdist")
    args = parser.parse_args()
    print(json.dumps(real_speech_figures(args.folder), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
