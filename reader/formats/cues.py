"""Joining caption cues and transcript segments into readable turns.

Subtitles and JSON transcripts cut speech where the screen or the speech
recogniser wanted, not where the speaker did: a sentence spans three cues,
or every word is its own segment. Readers want paragraphs, so consecutive
pieces of one speaker become one turn, and each piece's start is kept as a
``(char_offset, start_ms)`` mark so that the reading cursor and click-to-seek
stay as precise as the source was.

A turn ends when the speaker changes, after a pause of :data:`PAUSE_MS`, or
once it has run long (:data:`SENTENCE_TURN_MS` at a sentence end,
:data:`MAX_TURN_MS` anywhere, so unpunctuated auto-captions still make
paragraphs).

Captions also write speakers as ``DEAN: words`` at the start of a line;
:func:`split_label` and :func:`accepted_names` decide when such a prefix is
a speaker and not a sentence ("Note: ..."), and :func:`drop_rolling_repeats`
undoes the line-by-line repetition of YouTube's rolling auto-captions.
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple
from collections.abc import Iterable

from reader.formats.names import could_be_name, looks_like_name
from reader.model import DraftTurn, Span
from reader.timeline import speaking_ms

#: Silence that starts a new paragraph even when the speaker goes on.
PAUSE_MS = 2_000
#: A turn this long ends at the next sentence end.
SENTENCE_TURN_MS = 30_000
#: A turn this long ends at the next piece, sentence end or not.
MAX_TURN_MS = 90_000

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
#: Pieces made only of these characters hug the word before them ("word" ",").
_CLOSING_CHARS = ".,;:!?…)]}”’%"

_LABEL = re.compile(
    r"(?:(?:-|>>)[ \t]*)?"
    r"(?P<name>[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3})[ \t]*:"
    r"(?:[ \t]+(?P<rest>.*)|$)"
)
_MAX_WARNINGS = 10
#: Rolling captions carry one or two lines into the next cue; comparing more
#: would cost the square of a cue's length on crafted files.
_MAX_ROLLING_LINES = 4
#: Share of caption lines opening with ``Name:`` above which the file labels
#: every line (Zoom, Teams), and a lower-case label is a person too.
_LABELLED_SHARE = 0.5


class Piece(namedtuple("Piece", "start_ms end_ms text speaker", defaults=(None,))):
    """A cue, part of a cue, or a JSON segment, ready to be joined.

    ``speaker`` None means "whoever spoke the piece before", because captions
    name a speaker once and then carry on without a name. (A named tuple, not
    a dataclass: importing dataclasses would slow ``inspect``'s start-up.)
    """

    __slots__ = ()


def join_pieces(pieces: Iterable[Piece]) -> list[DraftTurn]:
    """Turns made of consecutive pieces; every piece's start is kept as a mark.

    A turn ends when the speaker changes, after a pause, or once it has run
    long (see the module's docstring); punctuation on its own never starts a
    turn: it belongs to the word before it. Marks never go backwards inside a
    turn, since the time lookups bisect them.

    One tight loop, because word-timed files give a piece a word (100,000 in
    a long episode), and each turn's text is gathered in a list and joined
    once: adding to a growing string would copy it for every piece, which a
    crafted file of one endless turn turns into minutes.
    """
    turns: list[DraftTurn] = []
    speaker: str | None = None
    turn: DraftTurn | None = None
    spans: list[Span] = []
    parts: list[str] = []
    length = turn_start = turn_end = last_end = mark = 0
    for start, end, raw, who in pieces:
        if who is not None:
            speaker = who  # even with no words: a lone "DEAN:" names what follows
        text = squeeze(raw)
        if not text:
            continue
        hugs = not text.strip(_CLOSING_CHARS)
        if turn is None or speaker != turn.speaker or not hugs and _breaks(start - last_end, start - turn_start, parts):
            if turn is not None:
                turn.text, turn.end_ms = "".join(parts), turn_end
            turn = DraftTurn(speaker=speaker, start_ms=start, text="")
            turns.append(turn)
            spans, parts = turn.spans, []
            length = turn_end = 0
            turn_start = mark = start
        if length and not hugs:
            length += 1
            parts.append(" ")
        parts.append(text)
        if start > mark:
            mark = start
        spans.append(Span(length, mark, end))
        length += len(text)
        last_end = (end if end > start else start) if end is not None else start + speaking_ms(raw)
        if last_end > turn_end:
            turn_end = last_end
    if turn is not None:
        turn.text, turn.end_ms = "".join(parts), turn_end
    return turns


def squeeze(text: str) -> str:
    """``text`` with runs of white space made one space and the ends trimmed;
    the same object when it is already so, as nearly every caption line is,
    so a 100 MB file is not copied once more."""
    if text.isascii() and "  " not in text and text == text.strip() and "\t" not in text and "\n" not in text:
        return text
    return " ".join(text.split())


def _breaks(pause: int, elapsed: int, parts: list[str]) -> bool:
    """Whether a piece ``pause`` ms after the last one, ``elapsed`` ms into
    the turn, opens a new paragraph for the same speaker."""
    if pause >= PAUSE_MS or elapsed >= MAX_TURN_MS:
        return True
    # The last 16 parts hold at least the last 16 characters: enough for a sentence end.
    return elapsed >= SENTENCE_TURN_MS and _SENTENCE_END.search("".join(parts[-16:])) is not None


def drop_rolling_repeats(cue_lines: list[list[tuple[str | None, str]]]) -> list[list[tuple[str | None, str]]]:
    """Each cue without the lines it repeats from the cue before, in rolling captions only.

    Ordinary subtitles may repeat a line on purpose ("No." / "No."), so the
    repeats are dropped only when the captions clearly roll: more than half
    the cues open with the last line of the cue before, and some of them
    carry that line above new words.
    """
    texts = [[words for _, words in lines] for lines in cue_lines]
    overlaps = [_overlap(before, now) for before, now in zip(texts, texts[1:], strict=False)]
    rolls = sum(1 for size in overlaps if size)
    carried = any(0 < size < len(now) for size, now in zip(overlaps, texts[1:], strict=False))
    if not carried or rolls * 2 <= len(overlaps):
        return cue_lines
    return [cue_lines[0]] + [lines[size:] for size, lines in zip(overlaps, cue_lines[1:], strict=False)]


def _overlap(before: list[str], now: list[str]) -> int:
    """How many of ``now``'s first lines are the last lines of ``before``."""
    for size in range(min(len(before), len(now), _MAX_ROLLING_LINES), 0, -1):
        if before[-size:] == now[:size]:
            return size
    return 0


def split_label(line: str) -> tuple[str, str] | None:
    """``(name, rest)`` when ``line`` opens with ``Name:`` (also ``- Name:`` or
    ``>> Name:``), before any check that the name is a speaker."""
    if ":" not in line:
        return None
    match = _LABEL.fullmatch(line.strip())
    if match is None:
        return None
    return " ".join(match["name"].split()), (match["rest"] or "").strip()


def accepted_names(counts: Counter[str], lines: int = 0) -> set[str]:
    """The label names believed to be speakers, from how often each opens one
    of the file's ``lines``.

    A colon after a word is often just a sentence ("Note: the oven ..."), so a
    name must look like a proper name (capitalised words, at most four, not a
    word such as "Note") and some such name must recur in the file. Once one
    does, names used only once are believed too: guests sometimes speak once.
    In a file where most lines open with a label (Zoom's and Teams' captions),
    every short label is a speaker, however it is capitalised ("latha sriram").
    """
    if lines and sum(counts.values()) >= _LABELLED_SHARE * lines:
        names = {name for name in counts if could_be_name(name)}
    else:
        names = {name for name in counts if looks_like_name(name)}
    if not any(counts[name] >= 2 for name in names):
        return set()
    return names


def cap_warnings(warnings: list[str], what: str) -> list[str]:
    """At most a screenful of warnings: a broken export can fail on every one of
    thousands of cues, and the user needs the kind of problem, not each instance."""
    if len(warnings) <= _MAX_WARNINGS:
        return warnings
    extra = len(warnings) - _MAX_WARNINGS
    return [*warnings[:_MAX_WARNINGS], f"{extra} more {what} were skipped for the same kinds of reasons."]
