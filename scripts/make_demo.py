"""Build the demo episode: ``resources/demo/tour.txt`` and ``resources/demo/tour.mp3``.

Run ``uv run python scripts/make_demo.py``. Every turn in
``scripts/demo_script.py`` is spoken by espeak-ng, trimmed to its speech, and
placed so that it starts exactly on a whole second; those seconds are the
timestamps written into the transcript. The transcript therefore cannot
drift from the audio, which is what makes the demo worth trusting when the
app's own read-along is being checked against it.

The same inputs give byte-identical outputs (ffmpeg runs in bit-exact mode),
so regenerating only shows up in ``git status`` when the script changed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_script  # noqa: E402  (a sibling file, found through the line above)

from resources import DEMO_DIR as OUT_DIR  # noqa: E402

#: espeak-ng's own rate for these voices; keeping it avoids a resampling step.
SAMPLE_RATE = 22050
#: Words per minute: an unhurried reading pace that still fits the episode in about three minutes.
SPEED_WPM = 165
#: Shortest silence between turns; rounding each start up to a whole second adds the rest.
PAUSE_S = 0.7
#: Silence after the last turn, so the final word is not clipped by a player's fade-out.
TAIL_S = 1.5
#: Samples quieter than this (about -38 dBFS) count as silence when trimming.
SILENCE_LEVEL = 400
#: Kept before the first loud sample, so soft openings ("h", "s") are not cut off.
LEAD_IN_S = 0.015
#: Kept after the last loud sample, so final consonants and decays survive.
TAIL_OUT_S = 0.08
#: 56k, not 48k: at 22.05 kHz the header frame holding the frame count needs 56k,
#: and when the audio frames differ from it libVLC's quick parse misjudges the
#: length (171 s instead of 199 s at 48k). ~1.4 MB for the episode.
MP3_BITRATE = "56k"


def main() -> None:
    """Regenerate both files from the script of turns."""
    require_tools()
    clips = [speak(speaker, text) for speaker, text, _ in demo_script.TURNS]
    starts = layout([len(clip) / SAMPLE_RATE for clip in clips])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "tour.txt").write_text(transcript_text(starts), encoding="utf-8", newline="\n")
    encode_mp3(mix(clips, starts), OUT_DIR / "tour.mp3")
    total = starts[-1] + len(clips[-1]) / SAMPLE_RATE + TAIL_S
    print(f"Wrote {OUT_DIR / 'tour.txt'} and tour.mp3 ({total:.1f} s, {len(clips)} turns).")


def require_tools() -> None:
    """Stop early with one plain sentence, rather than a traceback deep in subprocess."""
    missing = [tool for tool in ("espeak-ng", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"make_demo.py needs {' and '.join(missing)} on the PATH; install "
            f"{'it' if len(missing) == 1 else 'them'} (e.g. apt-get install {' '.join(missing)}) and run it again."
        )


def speak(speaker: str, text: str) -> array:
    """One turn as trimmed 16-bit samples, so its measured length is its speech alone."""
    spoken = text
    for written, said in demo_script.SAY_AS.items():
        spoken = spoken.replace(written, said)
    with tempfile.TemporaryDirectory() as tmp:
        wav_path = Path(tmp) / "turn.wav"
        voice = demo_script.VOICES[speaker]
        command = ["espeak-ng", "-v", voice, "-s", str(SPEED_WPM), "-w", str(wav_path), spoken]
        subprocess.run(command, check=True, capture_output=True)
        samples = read_wav(wav_path)
    return trim(samples)


def read_wav(path: Path) -> array:
    """Samples of a mono 16-bit WAV at SAMPLE_RATE; refuses anything else, since mixing assumes it."""
    with wave.open(str(path), "rb") as wav:
        shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
        if shape != (1, 2, SAMPLE_RATE):
            sys.exit(f"espeak-ng produced {shape} (channels, bytes, rate); expected (1, 2, {SAMPLE_RATE}).")
        samples = array("h")
        samples.frombytes(wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    return samples


def trim(samples: array) -> array:
    """Drop espeak-ng's own leading and trailing silence, so a turn starts on its stamp."""
    loud = [i for i, value in enumerate(samples) if abs(value) > SILENCE_LEVEL]
    if not loud:
        sys.exit("espeak-ng produced a silent clip; check that its English voices are installed.")
    first = max(loud[0] - int(LEAD_IN_S * SAMPLE_RATE), 0)
    last = min(loud[-1] + 1 + int(TAIL_OUT_S * SAMPLE_RATE), len(samples))
    return samples[first:last]


def layout(durations: list[float]) -> list[int]:
    """Whole-second starts: each turn begins at the first second after the previous one ends plus a pause.

    Rounding up (not to the nearest) means a stamp never lands inside the
    previous turn, and whole seconds mean the ``HH:MM:SS`` stamps are exact.
    """
    starts = [0]
    for duration in durations[:-1]:
        starts.append(math.ceil(starts[-1] + duration + PAUSE_S))
    return starts


def mix(clips: list[array], starts: list[int]) -> array:
    """The whole episode: silence with each clip copied in at its start second."""
    end = starts[-1] * SAMPLE_RATE + len(clips[-1]) + int(TAIL_S * SAMPLE_RATE)
    episode = array("h", bytes(2 * end))
    for clip, start in zip(clips, starts, strict=True):
        offset = start * SAMPLE_RATE
        episode[offset : offset + len(clip)] = clip
    return episode


def transcript_text(starts: list[int]) -> str:
    """The plain-text layout the importer reads: title, notes, chapters, then stamped turns."""
    lines = [demo_script.TITLE, *demo_script.NOTES, "", "Chapters"]
    for (_, _, chapter), start in zip(demo_script.TURNS, starts, strict=True):
        if chapter is not None:
            lines.append(f"{start // 60:02d}:{start % 60:02d} {chapter}")
    lines += ["", "Transcript"]
    for (speaker, text, _), start in zip(demo_script.TURNS, starts, strict=True):
        lines.append(f"{stamp(start)} {speaker}: {text}")
    return "\n".join(lines) + "\n"


def stamp(seconds: int) -> str:
    """``HH:MM:SS``, the stamp the importer reads back as exactly ``seconds``."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def encode_mp3(samples: array, path: Path) -> None:
    """Encode with LAME through ffmpeg: small, plays in libVLC, and bit-exact so reruns match."""
    pcm = samples.tobytes() if sys.byteorder == "little" else _swapped(samples).tobytes()
    command = [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0",
        "-c:a", "libmp3lame", "-b:a", MP3_BITRATE,
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        str(path),
    ]  # fmt: skip
    subprocess.run(command, input=pcm, check=True)


def _swapped(samples: array) -> array:
    copy = array("h", samples)
    copy.byteswap()
    return copy


if __name__ == "__main__":
    main()
