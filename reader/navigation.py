"""Moving around an episode the way podcast players do: chapter by chapter,
to a typed time. Plain functions over transcript times, so the rules are
tested without a window."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from reader.model import Chapter
from reader.timecode import parse_clock

#: Previous Chapter within this long of a chapter's start goes to the one
#: before; later, it goes back to the start of the chapter being heard.
RESTART_GRACE_MS = 3_000


def next_chapter_start(chapters: Sequence[Chapter], ms: int) -> int | None:
    """The start of the first chapter after ``ms``; None in the last chapter."""
    starts = sorted(chapter.start_ms for chapter in chapters)
    index = bisect_right(starts, ms)
    return starts[index] if index < len(starts) else None


def previous_chapter_start(chapters: Sequence[Chapter], ms: int) -> int | None:
    """The start of the chapter being heard, or of the one before when ``ms``
    is within :data:`RESTART_GRACE_MS` of its start; None without chapters."""
    starts = sorted(chapter.start_ms for chapter in chapters)
    index = bisect_right(starts, ms) - 1
    if index < 0:
        return 0 if starts else None
    if ms - starts[index] < RESTART_GRACE_MS and index > 0:
        return starts[index - 1]
    return starts[index]


def parse_go_to(text: str) -> int:
    """Milliseconds for what a listener types in Go to Time…: ``1:02:03``,
    ``45:10``, ``90`` (minutes) or ``90s``. Raises ValueError with a sentence
    saying what to type."""
    cleaned = text.strip().lower().replace(" ", "")
    try:
        if cleaned.endswith("s") and cleaned[:-1].isdigit():
            return int(cleaned[:-1]) * 1000
        if cleaned.endswith("m") and cleaned[:-1].isdigit():
            return int(cleaned[:-1]) * 60_000
        if cleaned.isdigit():
            return int(cleaned) * 60_000
        return parse_clock(cleaned)
    except ValueError:
        pass
    raise ValueError(f"“{text.strip()}” is not a time; type it as 1:02:03, 45:10 or 90 (minutes).")
