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

from bisect import bisect_left, bisect_right
from collections import namedtuple
from itertools import accumulate
from operator import add, ge, le

from reader.align.result import AUDIO_WITHOUT_TEXT, Alignment
from reader.model import Chapter, Span, Transcript, Turn
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


class Applied(namedtuple("Applied", "transcript corrections starts ends last_aligned moved")):
    """An alignment applied: the aligned transcript, its corrections, every aligned
    word's start and end as placed, the last turn aligned and how far the turns
    after it were moved (kept so the next partial result can reuse turns)."""

    __slots__ = ()
    transcript: Transcript
    corrections: list[Correction]
    starts: list[int]
    ends: list[int]
    last_aligned: int
    moved: int


def apply_alignment(transcript: Transcript, alignment: Alignment) -> tuple[Transcript, list[Correction]]:
    """The transcript with a span per aligned word (timing "word"), and the gaps as corrections."""
    applied = apply_again(transcript, alignment)
    return applied.transcript, applied.corrections


def apply_again(transcript: Transcript, alignment: Alignment, previous: Applied | None = None) -> Applied:
    """The transcript with a span per aligned word (timing "word"), and the gaps as corrections.

    A partial alignment times the turns it covers; the turns after it keep
    their own times, moved by the shift where the aligned part ends, so
    times never go backwards. Turns whose times do not change are the same
    objects as before, so what changed is cheap to find (:func:`retimed_turns`).

    ``previous`` (the last result applied to the same ``transcript``) makes a
    later partial result cheap: a turn whose words have the same times keeps
    its spans, so only the newly aligned words become new objects (which also
    keeps Python's garbage collector, which holds up every thread, short).
    The work is whole lists at a time (``accumulate``, ``map``): on a 10-hour
    transcript it runs off the window's thread (``reader.align.runner``).
    """
    shifts, corrections, cut_times = _shifts(alignment)
    starts = _chunked(add, alignment.starts, shifts)
    ends = _chunked(add, alignment.ends, shifts)
    for index, clock in cut_times:
        starts[index], ends[index] = clock, clock + CUT_MS_PER_WORD
    _never_backwards(starts, ends)
    runs = _word_runs(alignment, len(starts))
    offsets = [word.offset for word in alignment.words[: len(starts)]]
    turns = list(transcript.turns)
    first_turn = _same_until(previous, alignment, starts, ends)
    if previous is not None and first_turn:
        turns[:first_turn] = previous.transcript.turns[:first_turn]
    moved = _moved_before(first_turn, runs, starts, transcript)
    last_aligned = max(runs, default=-1)
    for number in range(first_turn, len(turns)):
        turn = turns[number]
        run = runs.get(number)
        if run is not None:
            first, stop = run
            spans = _same_spans(previous, number, first, stop, starts, ends)
            if spans is None:
                spans = (Span(0, starts[first], ends[first]),) + tuple(
                    map(Span, offsets[first + 1 : stop], starts[first + 1 : stop], ends[first + 1 : stop])
                )
            moved = starts[first] - turn.start_ms
            turns[number] = Turn(turn.speaker, starts[first], ends[stop - 1], True, turn.text, spans)
        elif moved:
            turns[number] = _moved_again(previous, number, last_aligned, moved, turn)
        if previous is not None and turns[number] == previous.transcript.turns[number]:
            turns[number] = previous.transcript.turns[number]  # as shown: the same object
    turns = _in_order(turns, max(first_turn - 1, 0))
    chapters = _moved_chapters(transcript, turns)
    complete = alignment.complete
    aligned = transcript._replace(
        turns=tuple(turns), chapters=chapters, timing="word" if complete else transcript.timing
    )
    return Applied(aligned, corrections, starts, ends, last_aligned, moved)


#: Whole-list steps run this many words at a time: one C call holds every other
#: thread (the window's) until it returns, and Python lets them in between calls.
CHUNK = 4096


def _chunked(operation, left: list[int], right: list[int]) -> list[int]:
    """``list(map(operation, left, right))``, a chunk at a time."""
    result: list[int] = []
    for first in range(0, min(len(left), len(right)), CHUNK):
        result += map(operation, left[first : first + CHUNK], right[first : first + CHUNK])
    return result


def _never_backwards(starts: list[int], ends: list[int]) -> None:
    """Each word starts no earlier than the one before and ends no earlier than it
    starts, whatever the recogniser said. Checked a chunk at a time (they
    almost always are); only a chunk that is not is mended word by word."""
    for first in range(0, len(starts), CHUNK):
        stop = min(first + CHUNK, len(starts))
        head = starts[first - 1] if first else starts[0]
        if head <= starts[first] and all(map(le, starts[first : stop - 1], starts[first + 1 : stop])):
            if all(map(ge, ends[first:stop], starts[first:stop])):
                continue
        for index in range(first, stop):
            if index and starts[index] < starts[index - 1]:
                starts[index] = starts[index - 1]
            if ends[index] < starts[index]:
                ends[index] = starts[index]


def _same_until(previous: Applied | None, alignment: Alignment, starts: list[int], ends: list[int]) -> int:
    """How many leading turns are as the previous result made them: their words' times
    are the same, and they were aligned then (a partial result only ever adds words)."""
    if previous is None:
        return 0
    count = min(len(previous.starts), len(starts))
    if previous.starts[:count] != starts[:count] or previous.ends[:count] != ends[:count]:
        low, high = 0, count  # the first word that differs, by halves
        while low < high:
            middle = (low + high) // 2
            if previous.starts[low : middle + 1] == starts[low : middle + 1] and (
                previous.ends[low : middle + 1] == ends[low : middle + 1]
            ):
                low = middle + 1
            else:
                high = middle
        count = low
    turn = alignment.words[count].turn if count < len(alignment.words) else len(previous.transcript.turns)
    return max(min(turn, previous.last_aligned + 1), 0)


def _moved_before(first_turn: int, runs: dict[int, tuple[int, int]], starts: list[int], transcript: Transcript) -> int:
    """How far the last aligned turn before ``first_turn`` moved from its own time."""
    for number in range(first_turn - 1, -1, -1):
        run = runs.get(number)
        if run is not None:
            return starts[run[0]] - transcript.turns[number].start_ms
    return 0


def _moved_again(previous: Applied | None, number: int, last_aligned: int, moved: int, turn: Turn) -> Turn:
    """A turn after the aligned part, moved; the same object as last time when it moved as far."""
    if previous is not None and previous.moved == moved and number > previous.last_aligned:
        old = previous.transcript.turns[number]
        if old.start_ms == turn.start_ms + moved and old.timed == turn.timed:
            return old
    return _moved_turn(turn, moved)


def _same_spans(previous: Applied | None, number: int, first: int, stop: int, starts, ends) -> tuple | None:
    """The spans turn ``number`` had in the previous result, when its words' times are the same."""
    if previous is None or len(previous.starts) < stop:
        return None
    old = previous.transcript.turns[number]
    if len(old.spans) != stop - first or not old.timed:
        return None
    if previous.starts[first:stop] != starts[first:stop] or previous.ends[first:stop] != ends[first:stop]:
        return None
    return old.spans


def retimed_turns(before: Transcript, after: Transcript) -> list[int]:
    """The turns whose start or timed-ness differ: those whose stamps the view writes again."""
    return [
        number
        for number, (old, new) in enumerate(zip(before.turns, after.turns, strict=True))
        if old is not new and (old.start_ms != new.start_ms or old.timed != new.timed)
    ]


def _word_runs(alignment: Alignment, count: int) -> dict[int, tuple[int, int]]:
    """Per turn, the (first, stop) indexes of its aligned words; a turn half
    aligned (a partial result ends inside it) waits for the rest."""
    turn_of = [word.turn for word in alignment.words[:count]]
    runs: dict[int, tuple[int, int]] = {}
    first = 0
    while first < count:
        turn = turn_of[first]
        stop = bisect_right(turn_of, turn, first)
        runs[turn] = (first, stop)
        first = stop
    if not alignment.complete and runs:
        last = turn_of[-1]
        if runs[last][1] - 1 < _last_word_of_turn(alignment, last):
            del runs[last]
    return runs


def _in_order(turns: list[Turn], first: int = 0) -> list[Turn]:
    """Never backwards; each turn runs until the next starts (the last keeps its end).
    A turn already so is kept as it is. Turns before ``first`` are known to be so."""
    head = max(turns[first - 1].start_ms, turns[first].start_ms) if first else turns[0].start_ms if turns else 0
    starts = list(accumulate((turn.start_ms for turn in turns[first:]), max, initial=head))[1:]
    result = turns[:first]
    for number in range(first, len(turns)):
        turn = turns[number]
        start = starts[number - first]
        end = starts[number - first + 1] if number + 1 < len(turns) else max(turn.end_ms, start)
        if turn.start_ms != start or turn.end_ms != end:
            turn = Turn(turn.speaker, start, end, turn.timed, turn.text, turn.spans)
        result.append(turn)
    return result


def _moved_turn(turn: Turn, moved: int) -> Turn:
    spans = tuple(
        Span(span.offset, span.start_ms + moved, None if span.end_ms is None else span.end_ms + moved)
        for span in turn.spans
    )
    return Turn(turn.speaker, turn.start_ms + moved, turn.end_ms + moved, turn.timed, turn.text, spans)


def _last_word_of_turn(alignment: Alignment, turn: int) -> int:
    index = len(alignment.starts) - 1
    while index + 1 < len(alignment.words) and alignment.words[index + 1].turn == turn:
        index += 1
    return index


def _moved_chapters(before: Transcript, after: list[Turn]) -> tuple[Chapter, ...]:
    """A chapter starts where the first turn at or after its old time now starts."""
    old_starts = [turn.start_ms for turn in before.turns]
    ordered = all(map(le, old_starts, old_starts[1:]))
    chapters = []
    for chapter in before.chapters:
        if ordered:
            number = bisect_left(old_starts, chapter.start_ms)
        else:
            number = next((n for n, start in enumerate(old_starts) if start >= chapter.start_ms), len(old_starts))
        chapters.append(Chapter(after[number].start_ms, chapter.title) if number < len(after) else chapter)
    return tuple(chapters)


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
