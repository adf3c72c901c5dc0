"""An alignment applied to a transcript: word spans, and the gaps as corrections in the time map.

The app keeps the transcript in its own clock and maps to audio time at the
edges (:mod:`reader.timemap`). An aligned transcript's clock is the audio's
with the gaps taken out: an inserted ad's minute removed, a cut's missing
paragraphs given the time they would take to say. Each gap then becomes an
automatic correction, a pair of time-map points that puts the audio clock
back: a jump over the ad, a flat stretch over the cut. So the corrections
show in the Sync panel beside the user's own points, each can be removed,
and a sync point the user sets wins over one that contradicts it.
"""

from __future__ import annotations

from collections import namedtuple

from reader.align.result import AUDIO_WITHOUT_TEXT, Alignment
from reader.model import Chapter, Span, Transcript
from reader.timecode import format_clock
from reader.timemap import ContradictingPoint, TimeMap

#: Reading time given to each word cut from the audio, in the transcript's clock.
CUT_MS_PER_WORD = 330


class Correction(namedtuple("Correction", "kind audio_ms end_ms text points")):
    """A gap found by alignment: ``text`` says it in plain words, ``points`` are its time-map pins."""

    __slots__ = ()
    kind: str
    audio_ms: int
    end_ms: int
    text: str
    points: tuple[tuple[int, int], ...]


def _shifts(alignment: Alignment) -> tuple[list[int], list[Correction], list[tuple[int, int]]]:
    """Per word, transcript clock minus audio clock; the corrections; cut words' (index, clock ms)."""
    count = len(alignment.starts)
    shifts = [0] * count
    corrections = []
    cut_times = []
    shift = 0
    cursor = 0
    for gap in sorted(alignment.gaps, key=lambda gap: (gap.first_word, gap.start_ms)):
        boundary = min(gap.first_word, count)
        for index in range(cursor, boundary):
            shifts[index] = shift
        cursor = boundary
        clock = gap.start_ms + shift
        if gap.kind == AUDIO_WITHOUT_TEXT:
            text = f"Ad or music in the audio, {format_clock(gap.start_ms)}–{format_clock(gap.end_ms)}, skipped"
            corrections.append(
                Correction(gap.kind, gap.start_ms, gap.end_ms, text, ((clock, gap.start_ms), (clock + 1, gap.end_ms)))
            )
            shift -= gap.end_ms - gap.start_ms - 1
        else:
            missing = range(gap.first_word, min(gap.last_word + 1, count))
            for step, index in enumerate(missing):
                cut_times.append((index, clock + step * CUT_MS_PER_WORD))
                shifts[index] = shift
            cursor = max(cursor, missing.stop)
            length = len(missing) * CUT_MS_PER_WORD
            text = f"Not in this audio: {_amount(alignment, missing)} at {format_clock(gap.start_ms)}"
            corrections.append(
                Correction(
                    gap.kind, gap.start_ms, gap.start_ms, text, ((clock, gap.start_ms), (clock + length, gap.start_ms))
                )
            )
            shift += length
    for index in range(cursor, count):
        shifts[index] = shift
    return shifts, corrections, cut_times


def _amount(alignment: Alignment, missing: range) -> str:
    turns = {alignment.words[index].turn for index in missing}
    if len(turns) > 1:
        return f"{len(turns)} paragraphs"
    return f"{len(missing)} words" if len(missing) != 1 else "1 word"


def apply_alignment(transcript: Transcript, alignment: Alignment) -> tuple[Transcript, list[Correction]]:
    """The transcript with a span per aligned word (timing "word"), and the gaps as corrections.

    A partial alignment times the turns it covers; the turns after it keep
    their own times, moved by the shift where the aligned part ends, so
    times never go backwards.
    """
    shifts, corrections, cut_times = _shifts(alignment)
    starts = [start + shift for start, shift in zip(alignment.starts, shifts, strict=False)]
    ends = [end + shift for end, shift in zip(alignment.ends, shifts, strict=False)]
    for index, clock in cut_times:
        starts[index], ends[index] = clock, clock + CUT_MS_PER_WORD
    for index in range(1, len(starts)):  # never backwards, whatever the recogniser said
        starts[index] = max(starts[index], starts[index - 1])
        ends[index] = max(ends[index], starts[index])
    by_turn: dict[int, list[int]] = {}
    for index, word in enumerate(alignment.words[: len(starts)]):
        by_turn.setdefault(word.turn, []).append(index)
    complete = alignment.complete
    if not complete and by_turn:
        last = max(by_turn)
        if by_turn[last][-1] < _last_word_of_turn(alignment, last):
            del by_turn[last]  # a turn half aligned waits for the rest
    turns = list(transcript.turns)
    moved = 0
    for number, turn in enumerate(turns):
        indices = by_turn.get(number)
        if indices:
            spans = tuple(
                Span(0 if k == 0 else alignment.words[i].offset, starts[i], ends[i]) for k, i in enumerate(indices)
            )
            moved = starts[indices[0]] - turn.start_ms
            turns[number] = turn._replace(
                start_ms=starts[indices[0]], end_ms=ends[indices[-1]], timed=True, spans=spans
            )
        elif moved:
            turns[number] = _moved_turn(turn, moved)
    for number in range(1, len(turns)):  # never backwards; each turn runs until the next starts
        later = max(turns[number].start_ms, turns[number - 1].start_ms)
        turns[number] = turns[number]._replace(start_ms=later, end_ms=max(turns[number].end_ms, later))
        turns[number - 1] = turns[number - 1]._replace(end_ms=later)
    chapters = tuple(_moved_chapter(chapter, transcript, turns) for chapter in transcript.chapters)
    aligned = transcript._replace(
        turns=tuple(turns), chapters=chapters, timing="word" if complete else transcript.timing
    )
    return aligned, corrections


def _moved_turn(turn, moved: int):
    spans = tuple(
        Span(span.offset, span.start_ms + moved, None if span.end_ms is None else span.end_ms + moved)
        for span in turn.spans
    )
    return turn._replace(start_ms=turn.start_ms + moved, end_ms=turn.end_ms + moved, spans=spans)


def _last_word_of_turn(alignment: Alignment, turn: int) -> int:
    index = len(alignment.starts) - 1
    while index + 1 < len(alignment.words) and alignment.words[index + 1].turn == turn:
        index += 1
    return index


def _moved_chapter(chapter: Chapter, before: Transcript, after: list) -> Chapter:
    """A chapter starts where the first turn at or after its old time now starts."""
    for old, new in zip(before.turns, after, strict=True):
        if old.start_ms >= chapter.start_ms:
            return Chapter(new.start_ms, chapter.title)
    return chapter


def corrected_map(manual: TimeMap, corrections: list[Correction]) -> TimeMap:
    """The user's map with the corrections' points added; where they contradict the user's points, the user's win."""
    combined = manual
    for correction in corrections:
        candidate = combined
        try:
            for transcript_ms, audio_ms in correction.points:
                if any(point.transcript_ms == transcript_ms for point in manual.points):
                    raise ContradictingPoint("the user's own point is here", 0)
                candidate = candidate.with_point(transcript_ms, audio_ms + candidate.offset_ms)
        except ContradictingPoint:
            continue
        combined = candidate
    return combined
