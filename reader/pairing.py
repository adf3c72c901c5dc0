"""Find the audio that belongs to a transcript, and tell audio files apart.

Opening a transcript should be enough: when an audio file with the same name
sits beside it, the app plays it without asking. This module is also the
single owner of "which suffixes are audio", so the importer (which refuses
audio files) and the window (which decides what a dropped file is) agree.

The pairing rule
----------------
1. Take the transcript's name without its last suffix: ``episode.srt`` gives
   ``episode``.
2. While what is left ends in a *secondary suffix*, also try it without that
   suffix: ``episode.en.vtt`` tries ``episode.en`` and then ``episode``;
   ``episode.en-US.transcript.txt`` tries ``episode.en-US.transcript``,
   ``episode.en-US`` and ``episode``. Secondary suffixes are the words in
   :data:`SECONDARY_WORDS` (``transcript``, ``captions`` ...) and language
   tags: 2-3 letters with an optional 2-4 letter region or script
   (``en``, ``deu``, ``en-US``, ``pt_BR``, ``zh-Hans``).
3. An audio file matches a stem when its name is the stem plus one of
   :data:`AUDIO_PREFERENCE`, compared case-insensitively (``Episode.MP3``
   pairs with ``episode.srt``, because Windows and macOS treat those names
   as the same file anyway).
4. If several match, the longest stem wins (``episode.en.mp3`` is more
   specific than ``episode.mp3``), then the suffix earlier in
   :data:`AUDIO_PREFERENCE`, then a name whose case matches the stem
   exactly, then the name itself, so the choice never depends on the order
   the file system lists the folder in.

Chapters files
--------------
A Podcasting 2.0 chapters file pairs by the same stems, named
``<stem>.chapters.json`` (``episode.chapters.json`` beside ``episode.srt``
or ``episode.mp3``); :func:`with_paired_chapters` uses its chapters when the
transcript has none.

This module is imported by the importer, which ``inspect`` loads at start-up,
so it keeps to ``os`` and ``re`` and imports :mod:`pathlib` (about 15 ms)
only when it actually pairs.
"""

from __future__ import annotations

import os
import re

TYPE_CHECKING = False  # importing typing costs ``inspect`` about 5 ms; type checkers treat this name as true

if TYPE_CHECKING:
    from pathlib import Path

    from reader.model import Chapter, Transcript

#: Audio suffixes, most preferred first: compressed formats that libVLC seeks
#: quickly in come before large uncompressed ones.
AUDIO_PREFERENCE: tuple[str, ...] = (".mp3", ".m4a", ".opus", ".ogg", ".oga", ".aac", ".flac", ".wav")

#: Every suffix the app treats as audio (lower case, with the dot).
AUDIO_SUFFIXES: frozenset[str] = frozenset(AUDIO_PREFERENCE)

#: The same list for a sentence: "mp3, m4a, ... flac or wav".
AUDIO_SUFFIXES_TEXT = ", ".join(s[1:] for s in AUDIO_PREFERENCE[:-1]) + " or " + AUDIO_PREFERENCE[-1][1:]

#: And for a file dialog's filter: "*.mp3 *.m4a ...".
AUDIO_PATTERNS = " ".join("*" + s for s in AUDIO_PREFERENCE)

#: Words that transcript tools put between the episode name and the suffix.
SECONDARY_WORDS: frozenset[str] = frozenset({"transcript", "transcription", "captions", "subtitles", "subs"})

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?", re.IGNORECASE)


def is_audio_path(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` names an audio file, judged by its suffix alone,
    so a dropped file can be routed before anything reads it."""
    return os.path.splitext(os.fspath(path))[1].lower() in AUDIO_SUFFIXES


def is_secondary_suffix(suffix: str) -> bool:
    """True for the middle part of ``episode.en.vtt`` or ``episode.transcript.txt``
    (given without the dot)."""
    return suffix.lower() in SECONDARY_WORDS or _LANGUAGE_TAG.fullmatch(suffix) is not None


def candidate_stems(transcript_name: str) -> list[str]:
    """The stems an audio file may share with ``transcript_name``, longest first."""
    stem = os.path.splitext(transcript_name)[0]
    stems = [stem]
    while True:
        shorter, suffix = os.path.splitext(stem)
        if not suffix or not shorter or not is_secondary_suffix(suffix[1:]):
            return stems
        stems.append(shorter)
        stem = shorter


def find_audio(transcript_path: str | os.PathLike[str]) -> Path | None:
    """The audio file that goes with ``transcript_path``, or None.

    Reads the folder once rather than probing each possible name, so that
    matching can ignore case on every file system. Any error reading the
    folder means "no audio": pairing is a convenience, never a failure.
    """
    folder, name = os.path.split(os.fspath(transcript_path))
    stems = candidate_stems(name)
    return _best_in_folder(folder, lambda entry_name: _rank(entry_name, stems))


#: What a Podcasting 2.0 chapters file beside an episode is called after its stem.
CHAPTERS_SUFFIX = ".chapters.json"


def find_chapters_file(*episode_paths: str | os.PathLike[str] | None) -> Path | None:
    """The chapters file named like the transcript or the audio, or None.

    ``episode.srt`` and ``episode.mp3`` both pair with
    ``episode.chapters.json`` (case ignored, secondary suffixes dropped as
    for audio: ``episode.en.vtt`` also finds it). The first path that has
    one wins, so pass the transcript before the audio.
    """
    for path in episode_paths:
        if path is None:
            continue
        folder, name = os.path.split(os.fspath(path))
        if name.lower().endswith(CHAPTERS_SUFFIX):
            continue
        stems = [stem.casefold() + CHAPTERS_SUFFIX for stem in candidate_stems(name)]
        found = _best_in_folder(folder, lambda entry_name, stems=stems: _chapters_rank(entry_name, stems))
        if found is not None:
            return found
    return None


def paired_chapters(*episode_paths: str | os.PathLike[str] | None) -> tuple[str, list[Chapter]] | None:
    """``(file name, chapters)`` from the chapters file beside the episode, or
    None when there is none or it lists no chapters. Never raises: a broken
    chapters file must not stop the transcript from opening."""
    found = find_chapters_file(*episode_paths)
    if found is None:
        return None
    from reader.formats.chapters_json import read_chapters

    try:
        chapters = read_chapters(found.read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return None
    return (found.name, chapters) if chapters else None


def with_paired_chapters(transcript: Transcript, *episode_paths) -> tuple[Transcript, str | None]:
    """``transcript`` with the chapters of the file beside it when it has none
    of its own, and that file's name (None when nothing was paired)."""
    if transcript.chapters:
        return transcript, None
    paired = paired_chapters(*episode_paths)
    if paired is None:
        return transcript, None
    name, chapters = paired
    return transcript._replace(chapters=tuple(chapters)), name


def _chapters_rank(name: str, wanted: list[str]) -> tuple[int, int, int, str] | None:
    folded = name.casefold()
    return (wanted.index(folded), 0, 0, name) if folded in wanted else None


def _best_in_folder(folder: str, rank) -> Path | None:
    """The file in ``folder`` with the lowest ``rank(name)`` (None: not a match)."""
    best: tuple[tuple[int, int, int, str], str] | None = None
    try:
        with os.scandir(folder or os.curdir) as entries:
            for entry in entries:
                key = rank(entry.name)
                if key is not None and (best is None or key < best[0]) and _is_file(entry):
                    best = (key, entry.name)
    except OSError:
        return None
    if best is None:
        return None
    from pathlib import Path

    return Path(folder, best[1])


def _rank(name: str, stems: list[str]) -> tuple[int, int, int, str] | None:
    """Sort key for an audio file that matches one of ``stems``; None if none."""
    base, suffix = os.path.splitext(name)
    suffix = suffix.lower()
    if suffix not in AUDIO_SUFFIXES:
        return None
    folded = base.casefold()
    for stem_index, stem in enumerate(stems):
        if folded == stem.casefold():
            return (stem_index, AUDIO_PREFERENCE.index(suffix), 0 if base == stem else 1, name)
    return None


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a link to one; a folder named ``x.mp3`` is not audio."""
    try:
        return entry.is_file()
    except OSError:
        return False


#: How far the audio's length may differ from the transcript's before the
#: pairing is questioned: ads and intros move a little, another episode a lot.
LENGTH_TOLERANCE = 0.10


def length_mismatch(transcript_ms: int, audio_ms: int, audio_name: str) -> str | None:
    """A sentence when the audio is more than 10 % longer or shorter than the
    transcript (likely another episode); None when it fits or either is unknown."""
    if transcript_ms <= 0 or audio_ms <= 0 or abs(audio_ms - transcript_ms) <= LENGTH_TOLERANCE * transcript_ms:
        return None
    from reader.timecode import format_duration

    return (
        f"{audio_name} is {format_duration(audio_ms)} long but the transcript runs {format_duration(transcript_ms)}: "
        "check it is this episode's audio (sync points fix small differences)."
    )


#: Slack past the audio's end for a chapter's start: lengths read from a
#: file's header and a feed's seconds round differently.
CHAPTER_SLACK_MS = 2_000


def chapters_misfit(chapters: list[Chapter], name: str, audio_ms: int, transcript_ms: int) -> str | None:
    """A sentence when the chapters of the file ``name`` clearly belong to
    another episode: one starts after this episode's end (its audio's
    length, else, less strictly, its transcript's last time, as the audio
    may run on after the last words). None when they fit or nothing is known."""
    if not chapters:
        return None
    last = max(chapter.start_ms for chapter in chapters)
    if audio_ms > 0:
        end, fits = audio_ms, last <= audio_ms + CHAPTER_SLACK_MS
    elif transcript_ms > 0:
        end, fits = transcript_ms, last <= transcript_ms * (1 + LENGTH_TOLERANCE) + CHAPTER_SLACK_MS
    else:
        return None
    if fits:
        return None
    from reader.timecode import format_duration

    return (
        f"{name} does not fit this episode: a chapter starts at {format_duration(last)}, but the episode is "
        f"{format_duration(end)} long; open the chapters file that belongs to this episode."
    )


def is_stream_url(text: object) -> bool:
    """Audio given as an ``http(s)`` address (a podcast episode) is streamed, not paired from disk."""
    return isinstance(text, str) and text[:8].lower().startswith(("http://", "https://"))
