"""Spoken test episodes whose every word start is known, for the aligner's tests and benchmarks.

espeak-ng is driven through its C library (ctypes) rather than its command
line, because only the library reports where each word starts in the audio
it makes: those positions are the truth the aligner is measured against.

``speak_episode(turns, folder)`` writes ``episode.txt`` (the plain-text
layout) and an audio file, and returns the true start of every word in ms.
Optional: noise (sox), MP3 at 64 kb/s (ffmpeg), and an unrelated stretch of
speech inserted at a turn boundary (an "ad").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import re
import subprocess
import sys
import wave
from array import array
from pathlib import Path

#: espeak-ng's output rate for its English voices.
RATE = 22050
PAUSE_S = 0.6
VOICES = ("en-us", "en-us+f3")
_WORD_EVENT = 1
_SYNCHRONOUS = 2
_UTF8 = 1


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
_library = None


def espeak_available() -> bool:
    return ctypes.util.find_library("espeak-ng") is not None


def _espeak():
    global _library
    if _library is None:
        _library = ctypes.CDLL(ctypes.util.find_library("espeak-ng"))
        _library.espeak_Initialize(_SYNCHRONOUS, 0, None, 0)
    return _library


def speak(text: str, voice: str, wpm: int = 165, pitch: int | None = None) -> tuple[array, list[tuple[int, int]]]:
    """Samples at RATE and ``(char_offset, start_sample)`` for each word espeak-ng spoke.

    ``pitch`` (0-100, espeak-ng's default 50) moves the voice's own pitch; it
    stays set for later calls in the same process, so pass it on every call or none.
    """
    library = _espeak()
    samples = array("h")
    words: list[tuple[int, int]] = []

    def collect(wav, count, events):
        if wav and count > 0:
            samples.extend(wav[:count])
        index = 0
        while events[index].type != 0:
            event = events[index]
            if event.type == _WORD_EVENT:
                words.append((event.text_position - 1, event.audio_position * RATE // 1000))
            index += 1
        return 0

    callback = _CALLBACK(collect)
    library.espeak_SetSynthCallback(callback)
    library.espeak_SetVoiceByName(voice.encode())
    library.espeak_SetParameter(1, wpm, 0)  # espeakRATE
    if pitch is not None:
        library.espeak_SetParameter(3, pitch, 0)  # espeakPITCH
    data = text.encode("utf-8")
    library.espeak_Synth(data, len(data) + 1, 0, 0, 0, _UTF8, None, None)
    library.espeak_Synchronize()
    return samples, words


WORD = re.compile(r"[A-Za-z0-9']+")


def speak_episode(turns: list[str], folder: Path, **options) -> dict:
    """Write the episode and return its truth (see :func:`speak_episode_here`).

    Spoken in a fresh process: espeak-ng's output shifts slightly with what
    it spoke before in the same process, and an episode must sound the same
    whichever tests ran first (the aligner's results depend on it).
    """
    request = pickle.dumps((turns, folder, options))
    code = "import pickle, sys; from speech_episode import speak_episode_here as s; " + (
        "t, f, o = pickle.load(sys.stdin.buffer); pickle.dump(s(t, f, **o), sys.stdout.buffer)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], input=request, capture_output=True, env=env, check=True)
    return pickle.loads(done.stdout)


def speak_episode_here(
    turns: list[str],
    folder: Path,
    *,
    noise: float = 0.0,
    mp3: bool = False,
    insert: tuple[int, list[str]] | None = None,
    stamps: bool = True,
    cut: int | None = None,
    voices: tuple[str, str] = VOICES,
    wpm: int = 165,
) -> dict:
    """Write the episode and return its truth.

    ``insert=(turn_index, texts)`` speaks ``texts`` (not in the transcript)
    just before that turn; ``cut`` leaves one turn's audio out (the text
    stays in the transcript). Returns ``{"audio", "transcript", "words":
    [(turn, char_offset, start_ms)], "inserted": (start_ms, end_ms) | None}``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    episode = array("h")
    truth: list[tuple[int, int, int]] = []
    starts: list[int] = []
    inserted = None
    for index, text in enumerate(turns):
        if insert is not None and insert[0] == index:
            begin = len(episode)
            for extra in insert[1]:
                episode.extend(speak(extra, "en-gb")[0])
                episode.extend(array("h", bytes(2 * int(PAUSE_S * RATE))))
            inserted = (begin * 1000 // RATE, len(episode) * 1000 // RATE)
        offset = len(episode)
        starts.append(offset * 1000 // RATE)
        if index == cut:
            continue
        samples, words = speak(text, voices[index % 2], wpm)
        episode.extend(samples)
        episode.extend(array("h", bytes(2 * int(PAUSE_S * RATE))))
        for char, sample in words:
            if char >= 0 and WORD.match(text, char):
                truth.append((index, char, (offset + sample) * 1000 // RATE))
    wav_path = folder / "episode.wav"
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(episode.tobytes())
    audio = wav_path
    if noise:
        noisy = folder / "noisy.wav"
        subprocess.run(
            # -R: the same noise every run, so a test's audio does not change from run to run
            ["sox", "-R", str(wav_path), "-p", "synth", "whitenoise", "vol", str(noise)],
            check=True,
            stdout=open(folder / "noise.sox", "wb"),  # noqa: SIM115
        )
        subprocess.run(["sox", "-m", str(wav_path), str(folder / "noise.sox"), str(noisy)], check=True)
        (folder / "noise.sox").unlink()
        audio = noisy
    if mp3:
        encoded = folder / "episode.mp3"
        command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(audio), "-b:a", "64k", str(encoded)]
        subprocess.run(command, check=True)
        audio = encoded
    lines = ["Test episode", "", "Transcript"]
    for index, (text, start) in enumerate(zip(turns, starts, strict=True)):
        speaker = ("Ana Lima", "Ben Okoro")[index % 2]
        seconds = start // 1000
        stamp = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} " if stamps else ""
        lines.append(f"{stamp}{speaker}: {text}")
    transcript = folder / "episode.txt"
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"audio": audio, "transcript": transcript, "words": truth, "inserted": inserted}


def start_errors(episode: dict, alignment) -> list[int]:
    """How far each spoken word's aligned start is from its true start, in ms, smallest first."""
    index = {(word.turn, word.offset): i for i, word in enumerate(alignment.words)}
    return sorted(
        abs(alignment.starts[index[(turn, offset)]] - true_ms)
        for turn, offset, true_ms in episode["words"]
        if (turn, offset) in index
    )
