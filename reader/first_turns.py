"""The first turns of a large transcript, read from the start of its file alone.

A 10-hour transcript of a few MB takes a few hundred milliseconds to read
whole, which ``ui.episode`` does on a worker thread. Its first screenful
takes a few milliseconds from the file's first 16 KB, so the window shows
those turns at once and puts the whole transcript in their place when it is
read (``ui.transcript_view`` keeps the reader's scroll and selection then).

Only turns whose every detail the rest of the file cannot change are kept:

- the last turn of the head may be cut short, and untimed turns after the
  last stamp are spread over time that a later stamp would change, so the
  turns end before the head's last timed turn (or its last turn, when
  nothing in the head is timed);
- a chapter heading stands before the turn spoken when it starts, so only
  chapters starting before the first turn left out are kept.

Files whose head cannot be read on its own give None: JSON and XML layouts
(a part of them is not a document), and anything but UTF-8 (a cut may split
a character, and other encodings are guessed from the whole file). What
the window shows then is the whole transcript once it is read, as before.
A layout that reads a part differently from the whole (a speaker label seen
once in the head, but often enough in the whole file) is caught where the
two meet: the window compares the text before keeping the reader's place.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from reader.errors import TranscriptError
from reader.model import Transcript
from reader.timecode import EpisodeClock

#: More than a tall window shows (about 25 dense turns of 150 lines, or 160
#: short ones), read, decoded and parsed in a few milliseconds. 64 KB, which
#: the first paint does not show, cost it 10-15 ms more on a 10-hour file.
HEAD_BYTES = 16384
_UTF8_BOM = b"\xef\xbb\xbf"


class FirstTurns(NamedTuple):
    """The turns to show, and the clock the whole episode will most likely
    use (its length estimated from how far into the file the head reaches)."""

    transcript: Transcript
    clock: EpisodeClock


def read_first_turns(path: str | os.PathLike[str]) -> FirstTurns | None:
    """The first turns of the transcript at ``path``, or None when its head
    cannot be read alone (see the module's notes) or the file is small
    enough to read whole at once. Never raises: the whole file is read
    anyway, and says what is wrong with it."""
    try:
        size = os.path.getsize(path)
        if size <= HEAD_BYTES:
            return None
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    name = os.path.basename(path)
    text = _head_text(head, name)
    if text is None:
        return None
    return first_turns_of(text, name, size / len(head))


def first_turns_of(text: str, name: str, scale: float = 1.0) -> FirstTurns | None:
    """The turns of ``text`` (the start of a file, ``scale`` times shorter
    than the file) that the whole file gives alike; None if there are none."""
    from reader.importer import parse_text

    try:
        transcript = parse_text(text, name)
    except TranscriptError:
        return None
    except Exception:  # noqa: BLE001 - a part of a file a layout cannot read alone; the whole is read anyway
        return None
    turns = transcript.turns
    timed = [index for index in range(1, len(turns)) if turns[index].timed]
    keep = timed[-1] if timed else len(turns) - 1
    if keep < 1:
        return None
    cut_ms = turns[keep].start_ms
    chapters = tuple(chapter for chapter in transcript.chapters if chapter.start_ms < cut_ms)
    shown = transcript._replace(turns=turns[:keep], chapters=chapters, warnings=())
    return FirstTurns(shown, EpisodeClock.for_episode(0, int(cut_ms * scale)))


def _head_text(head: bytes, name: str) -> str | None:
    """The head's text up to its last line break, as the whole file's
    decoding would give it; None unless it is plainly UTF-8 text."""
    from reader.decoding import refuse_binary_head
    from reader.sniff import refuse_by_kind

    try:
        refuse_by_kind(head, name)
        refuse_binary_head(head, name)
    except TranscriptError:
        return None  # the whole file's read says what it is
    end = head.rfind(b"\n")
    if end < 0 or b"\x00" in head:
        return None  # one long line, or UTF-16/32, whose line breaks are not one byte
    head = head[: end + 1]
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM) :]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
