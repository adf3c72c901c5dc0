"""Word alignment under conversational conditions, measured on the closest stand-in these machines allow (issue 13).

    nice -n 10 uv run python benchmarks/align_conditions_figures.py [--condition NAME ...] [--table]
    nice -n 10 uv run python benchmarks/bench.py --only conditions

No recording of a real conversation with a known transcript is on these
machines (and there is no network to fetch one): the real speech measured so
far is five read LibriVox sentences (real_speech_figures.py). So each
condition here is built from the same turns (the demo's, or --transcript's),
spoken by espeak-ng in three voices whose rate and pitch vary from turn to
turn, with every word's true start reported by espeak-ng itself, then mixed
with sox and encoded as 64 kb/s MP3 like the other bench episodes. All of it
is generated in a temporary folder (--keep FOLDER keeps it, outside the
repository, to listen to or open in the app). The demo's turns are short (a
turn change every few seconds); a real podcast's transcript given with
--transcript has turns of minutes, so fewer overlaps and bursts per minute but
real vocabulary and longer stretches for the first pass to lose its place in.
--seed changes where the pauses, overlaps, bursts and fillers fall: the
figures move by a few points between seeds, so compare like with like.

Conditions (each a few minutes; ``everything`` is all of them at once):
- baseline: the voices alone over a faint noise floor, the reference for the others.
- crosstalk: half the turns start 0.3-1.0 s before the previous speaker has
  finished; every third turn gets a "yeah" / "right" / "mm-hm" from the other
  speaker over its sentence break, written in the transcript as a turn of its
  own (splitting the turn) half the time and left out the other half.
- laughter: laughter-like bursts (pink noise, 5 Hz tremolo, 0 to -6 dB against
  the voices) over the end of every fourth turn, a spoken "ha ha" not in the
  transcript over others, applause-like bursts (white noise, fast tremolo)
  filling longer pauses, and one 9 s applause break (audio without text).
- music: a 20 s music-only intro at the voices' level, then a bed of plucked
  chords, a pad and a bass line 18 dB under the voices for the whole episode.
- rates: one speaker at 220 words a minute, the other at 120.
- cleaned: the speakers say "um", "uh", "you know", "like", "I mean", "so" and
  repeat words (about one in twelve words); the transcript leaves them out,
  as hosts' and Otter's cleaned-up transcripts do.

Figures, per condition (``NAME_...``): word start error p50/p95 ms and the
share within 250 ms (all measured words, and ``affected_``: the words that
start under another voice, a noise burst, or right after a dropped filler);
the share placed by the recogniser rather than interpolated; every gap found
(kind, start, end, and whether it lies on audio that really has no text), and how
many of the stretches put there with no text (the intro, the applause break)
no gap was found on;
whether the music intro was found as audio without text; CPU s per audio s of
the aligner (in this process, decoding included). CPU heavy: about a minute
of CPU per condition, so it is not in the default bench run or the tests.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import re
import statistics
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: (espeak-ng voice, words a minute, pitch 0-100) for the two hosts and a guest who takes every fifth turn.
VOICES = (("en-us+f3", 165, 55), ("en-gb+m3", 160, 42), ("en-gb-x-rp+f4", 172, 62))
NAMES = ("Ana Lima", "Ben Okoro", "Cleo Park")
#: In "rates": the first host fast, the second slow (espeak-ng -s).
FAST_WPM, SLOW_WPM = 220, 120
INTERJECTIONS = ("Yeah.", "Right.", "Mm-hm.", "Uh-huh.", "Sure.", "Exactly.")
FILLERS = ("um, ", "uh, ", "you know, ", "like, ", "I mean, ", "so, ")
CONDITIONS: dict[str, tuple[str, ...]] = {
    "baseline": (),
    "crosstalk": ("overlap", "interject"),
    "laughter": ("laughter",),
    "music": ("music",),
    "rates": ("rates",),
    "cleaned": ("fillers",),
    "everything": ("overlap", "interject", "laughter", "music", "rates", "fillers"),
}
RATE = 22050
INTRO_MS = 20_000
MUSIC_DB = -18
BREAK_MS = 9_000
#: The aligner reports audio without text from this long (reader/align/aligner.py GAP_MS).
GAP_MS = 6_000
SEED = 13


def ms(samples: int) -> int:
    return samples * 1000 // RATE


def samples_of(milliseconds: float) -> int:
    return int(milliseconds * RATE / 1000)


def put(track: array, samples, at: int) -> None:
    """Add ``samples`` into ``track`` from sample ``at``, growing it as needed (mixed, clipped)."""
    if len(track) < at:
        track.extend(array("h", bytes(2 * (at - len(track)))))
    overlap = min(len(track) - at, len(samples))
    for index in range(overlap):
        track[at + index] = max(-32768, min(32767, track[at + index] + samples[index]))
    track.extend(samples[overlap:])


def sound_end(samples: array) -> int:
    """The sample after the last audible one (espeak-ng ends its output with some silence)."""
    index = len(samples)
    while index > 0 and abs(samples[index - 1]) < 400:
        index -= 1
    return index


def scaled(samples, gain: float) -> array:
    return array("h", (max(-32768, min(32767, int(value * gain))) for value in samples))


def rms_db(path: Path, start_s: float = 0.0) -> float:
    """The RMS level of a sound file (from ``start_s``) in dB full scale, as sox's stats effect reports it."""
    done = subprocess.run(["sox", str(path), "-n", "trim", str(start_s), "stats"], capture_output=True, text=True)
    return float(re.search(r"RMS lev dB\s+(-?[\d.]+)", done.stderr).group(1))


def burst(kind: str, seconds: float, rng: random.Random) -> array:
    """Laughter-like (pink noise pulsing at ~5 Hz) or applause-like (white noise, fast tremolo) sound."""
    effects = {
        "laugh": ["pinknoise", "sinc", "300-3000", "tremolo", f"{rng.uniform(4, 6):.1f}", "90"],
        "applause": ["whitenoise", "sinc", "500-6000", "tremolo", f"{rng.uniform(14, 22):.1f}", "60"],
    }[kind]
    fade = ["fade", "q", "0.1", f"{seconds:.2f}", f"{min(0.6, seconds / 3):.2f}"]
    command = ["sox", "-R", "-r", str(RATE), "-c", "1", "-n", "-t", "raw", "-e", "signed", "-b", "16", "-"]
    raw = subprocess.run([*command, "synth", f"{seconds:.2f}", *effects, *fade], capture_output=True, check=True)
    return array("h", raw.stdout)


def music(folder: Path, seconds: float, gain_db: float, intro_s: float, intro_gain_db: float) -> Path:
    """A loop of four chords (plucked arpeggio, pad, bass) under the episode, louder alone for ``intro_s``."""
    chords = (("C4", "E4", "G4", "C3"), ("A3", "C4", "E4", "A2"), ("F3", "A3", "C4", "F2"), ("G3", "B3", "D4", "G2"))
    parts = []
    for index, (low, mid, high, bass) in enumerate(chords):
        plucks, pad = folder / f"pluck{index}.wav", folder / f"pad{index}.wav"
        arpeggio = ["pluck", low, "pluck", mid, "pluck", high, "pluck", f"{high[0]}5"]
        subprocess.run(
            ["sox", "-R", "-r", "44100", "-c", "4", "-n", str(plucks), "synth", "2", *arpeggio]
            + ["delay", "0", "0.25", "0.5", "0.75", "remix", "-", "rate", str(RATE), "trim", "0", "2"],
            check=True,
        )
        tones = ["triangle", low, "triangle", mid, "triangle", high, "sine", bass]
        subprocess.run(
            ["sox", "-R", "-r", str(RATE), "-c", "4", "-n", str(pad), "synth", "2", *tones]
            + ["tremolo", "3", "30", "fade", "q", "0.2", "2", "0.3", "remix", "-", "vol", "0.5"],
            check=True,
        )
        parts.append(folder / f"chord{index}.wav")
        subprocess.run(["sox", "-m", "-v", "1", str(plucks), "-v", "1", str(pad), str(parts[-1])], check=True)
    loop = folder / "loop.wav"
    subprocess.run(["sox", *map(str, parts), str(loop)], check=True)
    level = rms_db(loop)
    repeats = str(int(seconds / 8) + 1)
    bed, intro, out = folder / "bed.wav", folder / "intro.wav", folder / "music.wav"
    trim = ["trim", "0", f"{seconds:.2f}"]
    subprocess.run(["sox", str(loop), str(bed), "repeat", repeats, *trim, "gain", f"{gain_db - level:.2f}"], check=True)
    fade = ["fade", "0", f"{intro_s + 1:.2f}", "1.5"]
    command = ["sox", str(loop), str(intro), "repeat", repeats, "trim", "0", f"{intro_s + 1:.2f}"]
    subprocess.run([*command, "gain", f"{intro_gain_db - level:.2f}", *fade], check=True)
    subprocess.run(["sox", "-m", "-v", "1", str(bed), "-v", "1", str(intro), str(out)], check=True)
    return out


class Episode:
    """The conversation being made: the voices' track, the transcript's turns, and the truth.

    ``truth`` holds ``(turn, char_offset, start_ms)`` for every transcript word
    that is spoken; ``over`` the stretches (in samples) where a second voice or
    a noise burst sounds; ``after_filler`` the words that follow a dropped filler.
    """

    def __init__(self, options: tuple[str, ...], seed: int = SEED) -> None:
        self.options = set(options)
        self.rng = random.Random(seed)
        self.voices = array("h")
        self.bursts: list[tuple[int, str, float, float]] = []  # (at, kind, seconds, dB against the voices)
        self.turns: list[list] = []  # [speaker, text, start_ms]
        self.break_turn = -1
        self.truth: list[tuple[int, int, int]] = []
        self.over: list[tuple[int, int]] = []
        self.after_filler: set[tuple[int, int]] = set()
        self.quiet: list[tuple[int, int]] = []  # ms: audio the transcript has no words for, 6 s or longer
        self.cursor = samples_of(INTRO_MS) if "music" in self.options else 0
        if self.cursor:
            self.quiet.append((0, INTRO_MS))

    def voice(self, speaker: int) -> tuple[str, int, int]:
        name, wpm, pitch = VOICES[speaker]
        if "rates" in self.options and speaker < 2:
            wpm = (FAST_WPM, SLOW_WPM)[speaker]
        return name, wpm + self.rng.randint(-8, 8), pitch + self.rng.randint(-6, 6)

    def write(self, speaker: int, text: str) -> int:
        """Add a turn to the transcript (its start is set once it is spoken)."""
        self.turns.append([speaker, text, 0])
        return len(self.turns) - 1

    def spoken_parts(self, text: str) -> list[tuple[str, int | None]]:
        """The turn as said: pieces of its text (with their offsets) and, with fillers, what the transcript dropped."""
        if "fillers" not in self.options:
            return [(text, 0)]
        parts: list[tuple[str, int | None]] = []
        last = 0
        for match in re.finditer(r"\S+", text):
            if self.rng.random() >= 1 / 12:
                continue
            parts.append((text[last : match.start()], last))
            word = re.sub(r"[^\w']", "", match.group()).lower() or "uh"
            parts.append((self.rng.choice([*FILLERS, f"{word} "]), None))
            last = match.start()
        parts.append((text[last:], last))
        return [(chunk, offset) for chunk, offset in parts if chunk]

    def pause_before(self, index: int) -> int:
        """Milliseconds from the last speaker's last sound to this turn's first (negative: they overlap)."""
        rng, options = self.rng, self.options
        if "laughter" in options and index == self.break_turn:
            self.bursts.append((self.cursor + samples_of(300), "applause", (BREAK_MS - 600) / 1000, 0.0))
            self.quiet.append((ms(self.cursor), ms(self.cursor) + BREAK_MS))
            return BREAK_MS
        if "laughter" in options and index % 6 == 5:
            gap = rng.randint(2500, 4000)
            self.bursts.append((self.cursor + samples_of(200), "applause", (gap - 400) / 1000, -3.0))
            return gap
        if "overlap" in options and index and rng.random() < 0.5:
            return -rng.randint(300, 1000)
        return rng.randint(400, 900)

    def say(self, index: int, text: str, speaker: int) -> None:
        """Speak one transcript turn, with whatever the condition puts over and around it."""
        from speech_episode import WORD, speak

        rng, options = self.rng, self.options
        start = max(0, self.cursor + samples_of(self.pause_before(index)))
        if start < self.cursor:
            self.over.append((start, self.cursor))
        parts = self.spoken_parts(text)
        spoken = "".join(chunk for chunk, _ in parts)
        firsts = [sum(len(chunk) for chunk, _ in parts[:place]) for place in range(len(parts))]
        dropped = [parts[place + 1][1] for place in range(len(parts) - 1) if parts[place][1] is None]
        split = self.sentence_break(text) if "interject" in options and index % 3 == 1 else None
        written = split is not None and rng.random() < 0.5
        other = 1 - speaker if speaker < 2 else 0
        interjection = rng.choice(INTERJECTIONS)
        first = second = middle = self.write(speaker, text)
        if written and split is not None:
            self.turns[first][1] = text[:split].rstrip()
            middle = self.write(other, interjection)
            second = self.write(speaker, text[split:])

        def locate(offset: int) -> tuple[int, int]:
            return (second, offset - split) if split is not None and offset >= split and written else (first, offset)

        self.after_filler |= {locate(offset) for offset in dropped if offset is not None}
        samples, events = speak(spoken, *self.voice(speaker))
        put(self.voices, samples, start)
        self.turns[first][2] = self.turns[second][2] = ms(start)
        split_at = None
        for char, sample in events:
            place = bisect.bisect_right(firsts, char) - 1
            if place < 0 or parts[place][1] is None:
                continue
            offset = parts[place][1] + char - firsts[place]
            if split is not None and split_at is None and offset >= split:
                split_at = start + sample
                self.turns[second][2] = ms(split_at)
            if WORD.match(text, offset):
                self.truth.append((*locate(offset), ms(start + sample)))
        end = start + sound_end(samples)
        if split_at is not None:
            self.overlay(interjection, other, split_at - samples_of(rng.randint(150, 500)), middle if written else None)
        if "laughter" in options and index % 4 == 2:
            seconds = rng.uniform(1.2, 2.5)
            self.bursts.append((end - samples_of(rng.randint(300, 1000)), "laugh", seconds, -rng.uniform(0, 6)))
        if "laughter" in options and index % 5 == 3:
            self.overlay("Ha ha ha!", other, end - samples_of(500), None)
        self.cursor = max(self.cursor, end)

    def overlay(self, text: str, speaker: int, at: int, turn: int | None) -> None:
        """Another voice over the speaker, a little quieter; its word is in the transcript only with ``turn``."""
        from speech_episode import speak

        samples, events = speak(text, *self.voice(speaker))
        put(self.voices, scaled(samples, 0.7), at)
        self.over.append((at, at + sound_end(samples)))
        if turn is not None:
            self.turns[turn][2] = ms(at)
            if events:
                self.truth.append((turn, 0, ms(at + events[0][1])))

    def sentence_break(self, text: str) -> int | None:
        """Where the turn's second sentence starts (an interjection goes over it), or None."""
        match = re.search(r"[.?!]\s+(?=[A-Z])", text)
        return match.end() if match and match.end() < len(text) - 10 else None

    def affected(self) -> list[tuple[int, int, int]]:
        """The true words that start under another voice or a burst, or right after a dropped filler."""
        spans = [(ms(a), ms(b)) for a, b in self.over]
        spans += [(ms(at), ms(at) + int(seconds * 1000)) for at, _, seconds, _ in self.bursts]
        return [
            word
            for word in self.truth
            if (word[0], word[1]) in self.after_filler or any(a <= word[2] < b for a, b in spans)
        ]

    def build(self, texts: list[str]) -> None:
        self.break_turn = len(texts) // 2
        for index, text in enumerate(texts):
            self.say(index, text, 2 if index % 5 == 4 else index % 2)

    def render(self, folder: Path) -> Path:
        """Mix the voices, bursts, music and noise floor, and encode as 64 kb/s MP3."""
        speech = folder / "voices.wav"
        self.voices.extend(array("h", bytes(2 * RATE)))  # a second of room after the last word
        with wave.open(str(speech), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(self.voices.tobytes())
        level = rms_db(speech, INTRO_MS / 1000 if "music" in self.options else 0.0)
        inputs = [speech]
        if self.bursts:
            track = array("h", bytes(2 * len(self.voices)))
            for at, kind, seconds, db in self.bursts:
                sound = burst(kind, seconds, self.rng)
                own = 10 * math.log10(max(1, sum(v * v for v in sound) / len(sound)) / 32768**2)
                put(track, scaled(sound, 10 ** ((level + db - own) / 20)), at)
            del track[len(self.voices) :]
            inputs.append(folder / "bursts.wav")
            with wave.open(str(inputs[-1]), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(RATE)
                out.writeframes(track.tobytes())
        seconds = len(self.voices) / RATE
        if "music" in self.options:
            inputs.append(music(folder, seconds, level + MUSIC_DB, INTRO_MS / 1000, level))
        floor = folder / "floor.wav"
        subprocess.run(["sox", "-R", str(speech), str(floor), "synth", "whitenoise", "vol", "0.01"], check=True)
        inputs.append(floor)
        mixed = folder / "mixed.wav"
        command = ["sox", "-R", "-m"]
        for path in inputs:
            command += ["-v", "0.7", str(path)]  # the same levels, with room for where they add up
        subprocess.run([*command, str(mixed)], check=True)
        audio = folder / "episode.mp3"
        encode = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(mixed), "-b:a", "64k", str(audio)]
        subprocess.run(encode, check=True)
        for path in folder.glob("*.wav"):
            path.unlink()
        return audio


def build(condition: str, folder: Path, texts: list[str], seed: int = SEED) -> dict:
    """Make the condition's episode in ``folder``; its truth as JSON-ready data (also written to truth.json)."""
    folder.mkdir(parents=True, exist_ok=True)
    episode = Episode(CONDITIONS[condition], seed)
    episode.build(texts)
    audio = episode.render(folder)
    lines = [f"{condition}: a generated conversation", "", "Transcript"]
    for speaker, text, start in episode.turns:
        seconds = start // 1000
        lines.append(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} {NAMES[speaker]}: {text}")
    (folder / "episode.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth = {
        "audio": str(audio),
        "texts": [text for _, text, _ in episode.turns],
        "words": episode.truth,
        "affected": episode.affected(),
        "quiet": episode.quiet,
        "audio_s": len(episode.voices) / RATE,
    }
    (folder / "truth.json").write_text(json.dumps(truth))
    return truth


def built_apart(condition: str, folder: Path, transcript: Path | None, minutes: float, seed: int) -> dict:
    """Build in a fresh process: espeak-ng's output shifts with what it spoke before (tests/speech_episode.py)."""
    command = [sys.executable, __file__, "--build", condition, str(folder), "--minutes", str(minutes)]
    command += ["--seed", str(seed)]
    if transcript is not None:
        command += ["--transcript", str(transcript)]
    subprocess.run(command, check=True)
    return json.loads((folder / "truth.json").read_text())


def error_figures(prefix: str, truth: list, alignment) -> dict:
    from speech_episode import start_errors

    errors = start_errors({"words": [tuple(word) for word in truth]}, alignment)
    if not errors:
        return {f"{prefix}words": 0}
    return {
        f"{prefix}words": len(errors),
        f"{prefix}word_error_ms_p50": statistics.median(errors),
        f"{prefix}word_error_ms_p95": errors[int(len(errors) * 0.95)],
        f"{prefix}within_250ms_pct": round(100 * sum(error <= 250 for error in errors) / len(errors), 1),
    }


def measure(name: str, truth: dict) -> dict:
    """Align the condition's episode as the app does and compare with the truth."""
    from align_figures import align_in_process

    from reader.align import AUDIO_WITHOUT_TEXT, AlignmentFailed

    figures: dict = {"audio_min": round(truth["audio_s"] / 60, 1)}
    try:
        alignment, cpu = align_in_process({"audio": truth["audio"]}, truth["texts"])
    except AlignmentFailed as failure:
        return {f"{name}_{key}": value for key, value in (figures | {"failed": str(failure)}).items()}
    figures |= error_figures("", truth["words"], alignment)
    figures |= error_figures("affected_", truth["affected"], alignment)
    figures["placed_pct"] = round(100 * alignment.placed_fraction, 1)
    quiet = [tuple(span) for span in truth["quiet"]]

    def real(gap) -> bool:
        """Audio without text found where there is audio without text (half its length or more)."""
        shared = max((min(gap.end_ms, b) - max(gap.start_ms, a) for a, b in quiet), default=0)
        return gap.kind == AUDIO_WITHOUT_TEXT and shared >= (gap.end_ms - gap.start_ms) / 2

    figures["gaps"] = [[gap.kind, gap.start_ms, gap.end_ms, "true" if real(gap) else "false"] for gap in alignment.gaps]
    figures["false_gaps"] = sum(not real(gap) for gap in alignment.gaps)
    figures["quiet_stretches_ms"] = [list(span) for span in quiet]
    figures["quiet_stretches_missed"] = sum(
        not any(real(gap) and gap.start_ms < b and gap.end_ms > a for gap in alignment.gaps) for a, b in quiet
    )
    if quiet and quiet[0][0] == 0:
        intro = [gap for gap in alignment.gaps if real(gap) and gap.start_ms < quiet[0][1]]
        figures["intro_found"] = [intro[0].start_ms, intro[0].end_ms] if intro else False
    figures["cpu_s_per_audio_s"] = round(cpu / truth["audio_s"], 4)
    return {f"{name}_{key}": value for key, value in figures.items()}


def align_conditions_figures(
    transcript: Path | None = None, minutes: float = 4.0, names=None, keep: Path | None = None, seed: int = SEED
) -> dict:
    from speech_episode import espeak_available

    from reader.align import unavailable_reason

    reason = unavailable_reason()
    if reason or not espeak_available():
        return {"align_conditions_skipped": reason or "espeak-ng is not installed"}
    figures: dict = {}
    with tempfile.TemporaryDirectory() as temporary:
        for name in names or CONDITIONS:
            truth = built_apart(name, (keep or Path(temporary)) / name, transcript, minutes, seed)
            figures |= measure(f"conditions_{name}", truth)
    return figures


def table(figures: dict) -> str:
    """The figures as a Markdown table, one row per condition."""
    columns = (
        ("audio_min", "min"),
        ("word_error_ms_p50", "p50 ms"),
        ("word_error_ms_p95", "p95 ms"),
        ("within_250ms_pct", "≤250 ms %"),
        ("affected_words", "affected words"),
        ("affected_word_error_ms_p95", "affected p95 ms"),
        ("affected_within_250ms_pct", "affected ≤250 ms %"),
        ("placed_pct", "placed %"),
        ("false_gaps", "false gaps"),
        ("quiet_stretches_missed", "missed gaps"),
        ("intro_found", "intro found"),
        ("cpu_s_per_audio_s", "CPU s/s"),
    )
    rows = ["| condition | " + " | ".join(label for _, label in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name in CONDITIONS:
        prefix = f"conditions_{name}_"
        if prefix + "audio_min" in figures:
            cells = [str(figures.get(prefix + key, "")) for key, _ in columns]
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, help="speak this transcript's turns (default: the demo's)")
    parser.add_argument("--minutes", type=float, default=4.0, help="about how much of it to speak per condition")
    parser.add_argument("--condition", action="append", choices=list(CONDITIONS), help="only these (repeatable)")
    parser.add_argument("--keep", type=Path, help="make the episodes in this folder and keep them (not in git)")
    parser.add_argument("--seed", type=int, default=SEED, help="another seed makes other pauses, overlaps and bursts")
    parser.add_argument("--table", action="store_true", help="also print a Markdown table")
    parser.add_argument("--build", nargs=2, metavar=("CONDITION", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        from align_figures import DEMO, turns_for

        build(args.build[0], Path(args.build[1]), turns_for(args.transcript or DEMO, args.minutes), args.seed)
        return 0
    figures = align_conditions_figures(args.transcript, args.minutes, args.condition, args.keep, args.seed)
    print(json.dumps(figures, indent=1))
    if args.table:
        print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
