"""Every conversion between clock text and integer milliseconds.

Times are integer milliseconds everywhere in the app, so that sums,
comparisons and bisects never meet float rounding. Parsers and the UI
come here for both directions; nothing else formats or parses a clock.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: A clock as transcripts write it: ``M:SS``, ``MM:SS``, ``H:MM:SS`` or
#: ``HH:MM:SS``, with an optional fraction after ``.`` or ``,`` (SubRip).
CLOCK_PATTERN = r"(?:\d{1,2}:)?\d{1,3}:[0-5]\d(?:[.,]\d{1,3})?"

#: The same clock with its fields captured, for use inside larger patterns.
CLOCK_FIELDS = r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,3}):(?P<s>[0-5]\d)(?:[.,](?P<f>\d{1,3}))?"

_CLOCK = re.compile(CLOCK_FIELDS)


def parse_clock(text: str) -> int:
    """Milliseconds for a clock such as ``1:02:03``, ``02:03`` or ``00:00:01,500``.

    Minutes may exceed 59 when there is no hour field (``75:30``), because
    chapter lists of long episodes are written that way.
    Raises ValueError for anything else, so callers decide what bad input means.
    """
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a clock time: {text!r}")
    ms = clock_fields_ms(*match.groups())
    if ms is None:
        raise ValueError(f"minutes out of range in {text!r}")
    return ms


def clock_fields_ms(h: str | None, m: str, s: str, f: str | None) -> int | None:
    """Milliseconds from the fields of :data:`CLOCK_FIELDS`; None if minutes
    overflow an hour field. Parsers that matched a clock inside a longer
    pattern use this rather than matching the clock a second time."""
    if h is not None and (len(m) > 2 or m > "59"):
        return None
    millis = int(f.ljust(3, "0")) if f else 0
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + millis


def seconds_to_ms(seconds: float) -> int:
    """Round seconds (as JSON transcripts give them) to whole milliseconds."""
    return int(round(seconds * 1000))


def format_clock(ms: int, *, hours: bool | None = None) -> str:
    """``MM:SS`` or ``H:MM:SS`` for display; whole seconds, rounded down.

    ``hours=None`` shows the hour field only when it is needed; pass
    ``hours=True`` to line up a list whose longest entry has hours. With
    ``hours=False`` (an episode under an hour) a time past the hour, such as
    a stamp heard after a long inserted ad, counts on in minutes.
    """
    total_seconds = max(ms, 0) // 1000
    h, rest = divmod(total_seconds, 3600)
    m, s = divmod(rest, 60)
    if hours or (hours is None and h):
        return f"{h}:{m:02d}:{s:02d}"
    return f"{h * 60 + m:02d}:{s:02d}"  # past an hour in a short episode's clock: 62:10, never 02:10


#: Episodes this long or longer write their times with an hour field.
HOUR_MS = 3_600_000


class EpisodeClock(NamedTuple):
    """How one episode writes its times, everywhere it shows one (player,
    turns, chapters, highlights, sync points, status lines): ``MM:SS``, or
    ``H:MM:SS`` throughout when the episode is an hour or longer. Decided
    once per episode, so "0:12:34" and "12:34" never meet."""

    hours: bool = False

    @classmethod
    def for_episode(cls, audio_ms: int, transcript_ms: int) -> EpisodeClock:
        """The audio's length decides when it is known, else the transcript's."""
        return cls((audio_ms if audio_ms > 0 else transcript_ms) >= HOUR_MS)

    def format(self, ms: int) -> str:
        return format_clock(ms, hours=self.hours)


def format_stamp(ms: int) -> str:
    """``HH:MM:SS``, the fixed-width stamp used in exports and warnings."""
    total_seconds = max(ms, 0) // 1000
    h, rest = divmod(total_seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def format_duration(ms: int) -> str:
    """A short human duration such as ``40 s``, ``56 min`` or ``2 h 05 min``."""
    minutes = max(ms, 0) // 60000
    if minutes < 1:
        return f"{max(ms, 0) // 1000} s"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
