"""Time rules shared by every layout, and lookups from time to text.

Parsers report what the file says; this module decides what the app shows:
starts never go backwards, a turn without a stamp gets an estimated one, and
every turn ends where the next begins. Estimates spread time by text length,
which tracks speaking time far better than spreading it evenly by turn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from reader.model import Draft, DraftTurn, Span, Transcript, Turn
from reader.timecode import format_stamp

#: Typical conversational speech: about 150 words a minute of ~6 characters.
SPEECH_CHARS_PER_SECOND = 15


def speaking_ms(text: str) -> int:
    """Rough time it takes to say ``text``; never zero, so turns never collapse."""
    return max(1000, len(text) * 1000 // SPEECH_CHARS_PER_SECOND)


def finalize(draft: Draft, format_name: str) -> Transcript:
    """Apply the time rules to a parser's draft and freeze the result."""
    warnings = list(draft.warnings)
    turns = draft.turns
    _raise_backward_stamps(turns, warnings)
    starts, timed = _fill_missing_starts(turns)
    ends = starts[1:]
    if turns:
        last, last_end = turns[-1], turns[-1].end_ms
        own_end = last_end is not None and last_end >= starts[-1]
        ends.append(last_end if last_end is not None and own_end else starts[-1] + speaking_ms(last.text))
    # map and zip build the 6,000 turns of a 10-hour episode in C, about twice
    # as fast as a Python loop calling Turn() for each.
    frozen = map(
        Turn._make,
        zip(
            [t.speaker for t in turns],
            starts,
            ends,
            timed,
            [t.text for t in turns],
            [tuple(t.spans) for t in turns],
            strict=False,
        ),
    )
    chapters = tuple(sorted(draft.chapters, key=lambda c: c.start_ms))
    timing = _timing(draft, any(timed))
    return Transcript(format_name, draft.title, chapters, tuple(frozen), tuple(warnings), timing, draft.description)


def _timing(draft: Draft, any_timed: bool) -> str:
    """The finest level of time the file gave (see :data:`reader.model.TIMING_LEVELS`)."""
    if any(t.spans for t in draft.turns):
        return draft.span_level
    return "turn" if any_timed else "none"


def _raise_backward_stamps(turns: list[DraftTurn], warnings: list[str]) -> None:
    latest = None
    for number, turn in enumerate(turns, start=1):
        if turn.start_ms is None:
            continue
        if latest is not None and turn.start_ms < latest:
            who = f" ({turn.speaker})" if turn.speaker else ""
            warnings.append(
                f"Turn {number}{who} is stamped {format_stamp(turn.start_ms)}, earlier than "
                f"the {format_stamp(latest)} before it; it now starts at {format_stamp(latest)}."
            )
            turn.start_ms = latest
            turn.spans = [_raised(span, latest) for span in turn.spans]
        latest = turn.start_ms


def _raised(span: Span, floor: int) -> Span:
    end = None if span.end_ms is None else max(span.end_ms, floor)
    return Span(span.offset, max(span.start_ms, floor), end)


def _fill_missing_starts(turns: Sequence[DraftTurn]) -> tuple[list[int], list[bool]]:
    """Every start, with gaps estimated between the stamped neighbours."""
    starts = [t.start_ms for t in turns]
    timed = [s is not None for s in starts]
    _anchor_on_spans(turns, starts)
    index = 0
    while index < len(turns):
        if starts[index] is not None:
            index += 1
            continue
        run_end = index
        while run_end < len(turns) and starts[run_end] is None:
            run_end += 1
        _estimate_run(turns, starts, index, run_end)
        index = run_end
    filled: list[int] = starts  # type: ignore[assignment]  # every gap is estimated by now
    for index in range(1, len(filled)):  # an anchor past a later stamp must not send starts backwards
        if filled[index] < filled[index - 1]:
            filled[index] = filled[index - 1]
    return filled, timed


def _anchor_on_spans(turns: Sequence[DraftTurn], starts: list) -> None:
    """Start a turn with no stamp of its own but a stamp inside it (The
    Changelog's "\\[08:24\\]" paragraphs) where its words before that stamp
    take to say, so the estimates around it agree with the time it gives.
    The turn stays untimed: its start is still an estimate."""
    latest = 0
    for index, turn in enumerate(turns):
        if starts[index] is None and turn.spans:
            lead = speaking_ms(turn.text[: turn.spans[0].offset]) if turn.spans[0].offset else 0
            starts[index] = max(latest, turn.spans[0].start_ms - lead)
        if starts[index] is not None:
            latest = starts[index]


def _estimate_run(turns: Sequence[DraftTurn], starts: list, first: int, stop: int) -> None:
    """Give turns ``first..stop-1`` starts spread by text length.

    The time between the stamped turn before the run and the stamped turn
    after it covers the earlier turn's speech and the run's; each untimed
    turn starts once the text before it has been said.
    """
    anchor = first - 1 if first > 0 else None
    lengths = [max(1, len(turns[i].text)) for i in range(first, stop)]
    lead = max(1, len(turns[anchor].text)) if anchor is not None else 0
    begin = starts[anchor] if anchor is not None else 0
    if stop < len(turns):
        span = starts[stop] - begin
        total = lead + sum(lengths)
        scale = span / total
    else:
        scale = 1000 / SPEECH_CHARS_PER_SECOND
    said = lead
    for offset, length in enumerate(lengths):
        starts[first + offset] = begin + int(said * scale)
        said += length


def turn_index_at(starts: Sequence[int], ms: int) -> int:
    """Index of the turn being spoken at ``ms`` (binary search); -1 before the first."""
    return bisect_right(starts, ms) - 1


def time_at_offset(turn: Turn, offset: int) -> int:
    """Estimated time at which the character at ``offset`` is spoken.

    Between known spans (or the turn's ends) time is spread by text length,
    so a word halfway through a turn's text is placed halfway through its time.
    """
    anchors = time_anchors(turn)
    offset = min(max(offset, 0), len(turn.text))
    keys = [a[0] for a in anchors]
    right = min(max(bisect_right(keys, offset), 1), len(anchors) - 1)
    (o0, t0), (o1, t1) = anchors[right - 1], anchors[right]
    if o1 <= o0:
        return t0
    return t0 + (t1 - t0) * (offset - o0) // (o1 - o0)


def word_start_at(turn: Turn, offset: int) -> int:
    """When the word at ``offset`` (or the first word after it) starts.

    Exact when the file timed that word (a span holding one word); otherwise
    :func:`time_at_offset`'s estimate. A highlight that starts mid-word or on
    the space before a word thus starts at that word, as the listener hears it.
    """
    span = _word_span_at(turn, _skip_space(turn.text, offset))
    return span.start_ms if span is not None else time_at_offset(turn, offset)


def word_end_at(turn: Turn, offset: int) -> int:
    """When the word ending at ``offset`` (exclusive) ends: exact when the
    file gave that word's end, otherwise :func:`time_at_offset`'s estimate."""
    text, end = turn.text, min(max(offset, 0), len(turn.text))
    while end > 0 and text[end - 1].isspace():
        end -= 1
    span = _word_span_at(turn, end - 1) if end else None
    if span is None or span.end_ms is None:
        return time_at_offset(turn, offset)
    return span.end_ms


def _skip_space(text: str, offset: int) -> int:
    offset = min(max(offset, 0), len(text))
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _word_span_at(turn: Turn, offset: int) -> Span | None:
    """The span holding ``offset`` when it holds a single word, else None."""
    spans = turn.spans
    if not spans or offset >= len(turn.text):
        return None
    index = bisect_right([s.offset for s in spans], offset) - 1
    if index < 0:
        return None
    stop = spans[index + 1].offset if index + 1 < len(spans) else len(turn.text)
    return spans[index] if len(turn.text[spans[index].offset : stop].split()) == 1 else None


def offset_at_time(turn: Turn, ms: int) -> int:
    """The character offset estimated to be spoken at ``ms``: the inverse of
    :func:`time_at_offset`, used for the reading cursor inside a long turn."""
    anchors = time_anchors(turn)
    return offset_between_anchors(anchors, [a[1] for a in anchors], ms)


def offset_between_anchors(anchors: list[tuple[int, int]], times: list[int], ms: int) -> int:
    """:func:`offset_at_time` given the turn's :func:`time_anchors` and their
    times, which a caller asking on every playback tick keeps between ticks."""
    right = min(max(bisect_right(times, ms), 1), len(anchors) - 1)
    (o0, t0), (o1, t1) = anchors[right - 1], anchors[right]
    if t1 <= t0:
        return o0
    ms = min(max(ms, t0), t1)
    return o0 + (o1 - o0) * (ms - t0) // (t1 - t0)


def time_anchors(turn: Turn) -> list[tuple[int, int]]:
    """``(char_offset, ms)`` points known inside ``turn``, never going
    backwards in either: the turn's start, each span's start (and, when the
    file gave it, the end of the span's words at the span's end), the turn's end.

    A span's end keeps the cursor on the word just said through the pause
    that follows it, rather than creeping into the next word early.
    """
    text = turn.text
    points = [(0, turn.start_ms)]
    spans = turn.spans
    for index, span in enumerate(spans):
        points.append((span.offset, span.start_ms))
        if span.end_ms is not None:
            stop = spans[index + 1].offset if index + 1 < len(spans) else len(text)
            words_end = span.offset + len(text[span.offset : stop].rstrip())
            points.append((words_end, span.end_ms))
    points.append((len(text), turn.end_ms))
    anchors: list[tuple[int, int]] = []
    last_offset, last_ms = 0, turn.start_ms
    for offset, ms in points:
        offset, ms = max(offset, last_offset), max(ms, last_ms)
        anchors.append((offset, ms))
        last_offset, last_ms = offset, ms
    return anchors
