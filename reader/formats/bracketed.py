"""Transcripts written one bracketed line at a time.

Two tools write these, one line per stretch of speech::

    [Speaker 1] [00:17] So, Bridget, you actually saw this tweet ...   Transistor.fm
    [0.84 - 4.86] we're no strangers to love                          youtube-transcript-api

Transistor's lines each carry a speaker and a clock, and are kept one turn
a line. youtube-transcript-api's lines are caption snippets with a start
and an end in seconds and no speaker, so they are joined into paragraphs
like subtitle cues, every snippet's time kept as a mark.

A line that does not fit (a title, a blank, a note) is added to the turn
before it; the file is refused only when no line fits.
"""

from __future__ import annotations

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import Piece, join_pieces
from reader.formats.layouts import BRACKETED_RANGE_LINE as _RANGE_LINE
from reader.formats.layouts import BRACKETED_SPEAKER_LINE as _SPEAKER_LINE
from reader.model import Draft, DraftTurn
from reader.timecode import clock_fields_ms


def parse(text: str) -> Draft:
    lines = [line.strip() for line in text.split("\n")]
    speaker_lines = sum(1 for line in lines if line.startswith("[") and _SPEAKER_LINE.match(line))
    range_lines = sum(1 for line in lines if line.startswith("[") and _RANGE_LINE.match(line))
    if not speaker_lines and not range_lines:
        raise TranscriptError(
            "This file starts like a bracketed transcript, but no line has the form "
            "[Speaker] [00:00] words or [0.0 - 1.5] words; export it again from the tool that made it."
        )
    if speaker_lines >= range_lines:
        return Draft(turns=_speaker_turns(lines))
    return Draft(turns=join_pieces(_range_pieces(lines)))


def _speaker_turns(lines: list[str]) -> list[DraftTurn]:
    """One turn a line; a line that does not fit continues the turn before it."""
    turns: list[DraftTurn] = []
    paragraphs: list[list[str]] = []  # each turn's lines, joined once at the end
    for line in lines:
        match = _SPEAKER_LINE.match(line) if line.startswith("[") else None
        stamp = clock_fields_ms(*match.group("h", "m", "s", "f")) if match else None
        if match is None or stamp is None:
            if line and paragraphs:
                paragraphs[-1].append(line)
            continue
        turns.append(DraftTurn(speaker=" ".join(match["name"].split()), start_ms=stamp, text=""))
        paragraphs.append([match["text"].strip()])
    for turn, said in zip(turns, paragraphs, strict=True):
        turn.text = "\n".join(p for p in said if p)
    return [turn for turn in turns if turn.text]


def _range_pieces(lines: list[str]) -> list[Piece]:
    """One piece a snippet; a line that does not fit continues the snippet before it."""
    starts: list[tuple[int, int]] = []
    texts: list[list[str]] = []
    for line in lines:
        match = _RANGE_LINE.match(line) if line.startswith("[") else None
        if match is None:
            if line and texts:
                texts[-1].append(line)
            continue
        start = round(float(match["start"]) * 1000)
        starts.append((start, max(start, round(float(match["end"]) * 1000))))
        texts.append([match["text"]])
    return [Piece(start, end, " ".join(said)) for (start, end), said in zip(starts, texts, strict=True)]


FORMAT = layouts.BRACKETED
