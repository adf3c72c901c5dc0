"""The mapping between transcript time and audio time.

Real episodes rarely match their transcripts: a dynamically inserted ad
makes every stamp after it late by the ad's length, another cut or speed of
the audio stretches time, a transcript may simply start a few seconds early.
A :class:`TimeMap` says, for any transcript time, when it is heard in the
audio, and back. It is an immutable value: every change makes a new map, so
the UI can keep the previous one for undo and compare maps cheaply.

The rules, in the order users meet them:

* **The nudge.** ``offset_ms`` moves everything: ``audio = transcript +
  offset_ms``. "Text +2.5 s" (``offset_ms=2500``) means the text at 0:10 is
  heard at 0:12.5 — the text runs later against the audio.
* **Sync points** pin one transcript time to one audio time. With one point
  the whole map is that point's constant shift. With two or more, time is
  interpolated linearly between consecutive points: two points close
  together with different shifts make a jump (an ad), two far apart with a
  different spread make a slope (another speed).
* **The nudge applies on top of the points**, so Alt+←/→ still moves
  everything, pins included. Points are stored in the frame before the
  nudge; :meth:`TimeMap.with_point` takes the audio time the user hears and
  subtracts the current nudge, so that right after adding it the point holds
  exactly (``to_audio(t) == audio_ms``).
* **Tails.** Before the first point and after the last, the map keeps that
  point's shift (slope 1), never the nearest segment's slope: a slope
  measured over ten minutes must not run away over the next five hours.
* **Contradicting points are refused**, never silently replaced: a point
  whose audio order contradicts its transcript order (earlier text heard
  later) raises :class:`ContradictingPoint`, a ``ValueError`` whose message
  is one sentence for the user and which names the conflicting point. A
  point at a transcript time that already has one replaces it (that is the
  user correcting a pin, not contradicting one). Equal audio times for
  different transcript times are allowed: text that the audio cut out.

Both directions are monotonic (non-decreasing) and work in integer
milliseconds; see :meth:`TimeMap.to_transcript` for the exact inverse rule.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Iterable, Sequence

from reader.model import Chapter, Span, Transcript, Turn
from reader.timecode import format_clock


class SyncPoint(namedtuple("SyncPoint", "transcript_ms audio_ms")):
    """One pin: the text at ``transcript_ms`` is heard at ``audio_ms``
    (before the nudge; see :class:`TimeMap`)."""

    __slots__ = ()
    transcript_ms: int
    audio_ms: int


class ContradictingPoint(ValueError):
    """A sync point whose audio order contradicts its transcript order.

    ``index`` is the position of the existing point it contradicts (in
    :attr:`TimeMap.points`), so the Sync panel can show which one to remove.
    """

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


class TimeMap:
    """Transcript time to audio time and back; immutable.

    Lookups are one bisect and a little integer arithmetic: the segments are
    precomputed as parallel lists where index ``k`` is the piece used for
    times between point ``k-1`` and point ``k``, with the two tails (and the
    no-point identity) as pieces of slope 1, so no lookup branches on where
    it landed.
    """

    __slots__ = ("_offset", "_points", "_keys", "_audio_keys", "_base_t", "_base_a", "_num", "_den")

    def __init__(self, offset_ms: int = 0, points: Iterable[tuple[int, int]] = ()) -> None:
        """``points`` are in the frame before the nudge (as :attr:`points`
        returns them), so ``TimeMap(m.offset_ms, m.points) == m``. A later
        point at the same transcript time replaces an earlier one."""
        self._offset = int(offset_ms)
        self._points = _checked(_sorted_unique(points))
        self._precompute()

    # -- reading -------------------------------------------------------------

    @property
    def offset_ms(self) -> int:
        """The nudge, added to the audio side after the points' map."""
        return self._offset

    @property
    def points(self) -> tuple[SyncPoint, ...]:
        """The pins, sorted by transcript time, before the nudge."""
        return self._points

    @property
    def heard_points(self) -> tuple[SyncPoint, ...]:
        """The pins as they are heard now, nudge included: what the Sync panel
        shows and what :meth:`to_audio` returns at each pin."""
        return tuple(SyncPoint(p.transcript_ms, p.audio_ms + self._offset) for p in self._points)

    @property
    def is_identity(self) -> bool:
        """True when the map changes nothing, so callers can skip re-timing."""
        return self._offset == 0 and all(p.transcript_ms == p.audio_ms for p in self._points)

    def to_audio(self, transcript_ms: int) -> int:
        """When the text at ``transcript_ms`` is heard (rounded down)."""
        k = bisect_right(self._keys, transcript_ms)
        return self._base_a[k] + (transcript_ms - self._base_t[k]) * self._num[k] // self._den[k]

    def to_transcript(self, audio_ms: int) -> int:
        """The transcript time being spoken at ``audio_ms``.

        Exactly: the largest ``t`` with ``to_audio(t) <= audio_ms``. Where the
        map is strictly increasing this undoes :meth:`to_audio` exactly. Where
        it rises faster than time (an ad between two pins) the text creeps
        through the stretch between the pins, and with pins 1 ms apart it
        waits on the text before the ad; over text the audio cut out (a flat
        stretch) it is already past that text, which is never heard.
        """
        k = bisect_right(self._audio_keys, audio_ms)
        rise, run = self._num[k], self._den[k]
        return self._base_t[k] + ((audio_ms - self._base_a[k] + 1) * run - 1) // rise

    def shift_at(self, transcript_ms: int) -> int:
        """How much later the audio is than the text at ``transcript_ms``
        (nudge included); :func:`format_shift` writes it for the Sync panel."""
        return self.to_audio(transcript_ms) - transcript_ms

    def map_many(self, transcript_times: Sequence[int]) -> list[int]:
        """:meth:`to_audio` over many times, with the lookups bound once.

        Sorted input (as a transcript's times are) walks the pieces forward
        instead of bisecting, which is what keeps re-timing 6,000 turns in a
        few milliseconds; unsorted input still works, just by bisect.
        """
        keys, base_t, base_a, num, den = self._keys, self._base_t, self._base_a, self._num, self._den
        if not keys:
            shift = base_a[0] - base_t[0]
            return [t + shift for t in transcript_times]
        out: list[int] = []
        append = out.append
        k = 0
        last = len(keys)
        prev = None
        for t in transcript_times:
            if prev is not None and t < prev:
                k = bisect_right(keys, t)
            else:
                while k < last and keys[k] <= t:
                    k += 1
            prev = t
            append(base_a[k] + (t - base_t[k]) * num[k] // den[k])
        return out

    # -- changing (each returns a new map) -----------------------------------

    def with_point(self, transcript_ms: int, audio_ms: int) -> TimeMap:
        """A map that also pins ``transcript_ms`` to ``audio_ms`` as heard now.

        ``audio_ms`` is the player's position, nudge included; the point is
        stored without it, so the pin holds exactly and a later nudge still
        moves it with everything else. A point at the same transcript time is
        replaced. Raises :class:`ContradictingPoint` rather than drop a pin
        the user placed on purpose.
        """
        new = SyncPoint(int(transcript_ms), int(audio_ms) - self._offset)
        _refuse_contradiction(self._points, new)
        kept = [p for p in self._points if p.transcript_ms != new.transcript_ms]
        return TimeMap(self._offset, [*kept, new])

    def without_point(self, index: int) -> TimeMap:
        """A map without the point at ``index`` in :attr:`points`."""
        points = list(self._points)
        del points[index]
        return TimeMap(self._offset, points)

    def with_offset(self, offset_ms: int) -> TimeMap:
        """A map with the nudge set to ``offset_ms`` (absolute, not added:
        a nudge key does ``m.with_offset(m.offset_ms + step)``)."""
        return TimeMap(offset_ms, self._points)

    def reset(self) -> TimeMap:
        """The identity map: no points, no nudge."""
        return TimeMap()

    # -- storing -------------------------------------------------------------

    def as_dict(self) -> dict:
        """Plain JSON-ready values, for the store."""
        return {"offset_ms": self._offset, "points": [[p.transcript_ms, p.audio_ms] for p in self._points]}

    @classmethod
    def from_dict(cls, data: dict) -> TimeMap:
        """The inverse of :meth:`as_dict`."""
        return cls(data.get("offset_ms", 0), [(int(t), int(a)) for t, a in data.get("points", ())])

    # -- value behaviour -----------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimeMap):
            return NotImplemented
        return self._offset == other._offset and self._points == other._points

    def __hash__(self) -> int:
        return hash((self._offset, self._points))

    def __repr__(self) -> str:
        return f"TimeMap(offset_ms={self._offset}, points={list(self._points)!r})"

    def _precompute(self) -> None:
        """Build the piece lists described in the class docstring.

        Piece ``k`` maps ``t`` to ``base_a + (t - base_t) * num // den``, the
        nudge folded into ``base_a``. Piece 0 and piece ``n`` are the tails
        (slope 1 through the first and last point); with no points, piece 0 is
        the identity plus the nudge.
        """
        points, offset = self._points, self._offset
        self._keys = [p.transcript_ms for p in points]
        self._audio_keys = [p.audio_ms + offset for p in points]
        if not points:
            self._base_t, self._base_a, self._num, self._den = [0], [offset], [1], [1]
            return
        first, last = points[0], points[-1]
        base_t, base_a, num, den = [first.transcript_ms], [first.audio_ms + offset], [1], [1]
        for left, right in zip(points, points[1:], strict=False):
            base_t.append(left.transcript_ms)
            base_a.append(left.audio_ms + offset)
            num.append(right.audio_ms - left.audio_ms)
            den.append(right.transcript_ms - left.transcript_ms)
        base_t.append(last.transcript_ms)
        base_a.append(last.audio_ms + offset)
        num.append(1)
        den.append(1)
        self._base_t, self._base_a, self._num, self._den = base_t, base_a, num, den


def _sorted_unique(points: Iterable[tuple[int, int]]) -> tuple[SyncPoint, ...]:
    """Points sorted by transcript time; the later of two at one time wins."""
    by_time = {int(t): SyncPoint(int(t), int(a)) for t, a in points}
    return tuple(by_time[t] for t in sorted(by_time))


def _checked(points: tuple[SyncPoint, ...]) -> tuple[SyncPoint, ...]:
    """Refuse a list in which audio goes backwards, naming the first clash."""
    for index in range(1, len(points)):
        if points[index].audio_ms < points[index - 1].audio_ms:
            raise ContradictingPoint(_contradiction_message(points[index - 1]), index - 1)
    return points


def _refuse_contradiction(points: Sequence[SyncPoint], new: SyncPoint) -> None:
    """Raise if ``new`` is heard before an earlier text's pin or after a later
    one's; the clash named is the nearest in the text, the likeliest mistake."""
    clashes = [
        (abs(p.transcript_ms - new.transcript_ms), index)
        for index, p in enumerate(points)
        if (p.transcript_ms < new.transcript_ms and p.audio_ms > new.audio_ms)
        or (p.transcript_ms > new.transcript_ms and p.audio_ms < new.audio_ms)
    ]
    if clashes:
        index = min(clashes)[1]
        raise ContradictingPoint(_contradiction_message(points[index]), index)


def _contradiction_message(point: SyncPoint) -> str:
    return f"That point contradicts the one at {format_clock(point.transcript_ms)}; remove one of them first."


def shift_text(ms: int) -> str:
    """ "+2.5 s" for the status bar; minutes once the shift is an ad's length."""
    if abs(ms) < 60_000:
        return f"{'-' if ms < 0 else '+'}{abs(ms) / 1000:.1f} s"
    return format_shift(ms)


def format_shift(ms: int) -> str:
    """A signed shift to a tenth of a second, such as ``+1:02.5`` or ``-0:03.0``,
    for the Sync panel: the sign says which way, the tenth is what a nudge moves."""
    tenths = (abs(ms) + 50) // 100
    sign = "-" if ms < 0 and tenths else "+"
    seconds, tenth = divmod(tenths, 10)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    clock = f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"
    return f"{sign}{clock}.{tenth}"


def retime(transcript: Transcript, time_map: TimeMap) -> Transcript:
    """The transcript with every time (starts, ends, spans, chapters) in AUDIO time.

    Re-timing once, rather than converting at every edge, means the reading
    marks, click-to-seek, search and exports all use corrected times with no
    change of their own. Always re-time the transcript as parsed (or as
    estimated by :mod:`reader.estimate`), never an already re-timed one, or
    shifts would add up; sync points are in that transcript's time.

    Times may come out negative when the audio starts after the text (a
    negative shift before the first point); they are not clamped, so the map
    stays invertible, and the player clamps seeks at 0 anyway.
    """
    if time_map.is_identity:
        return transcript
    turns = transcript.turns
    starts = time_map.map_many([t.start_ms for t in turns])
    ends = _mapped_ends(turns, starts, time_map)
    # tuple.__new__ builds the same Turn as Turn(...) without the keyword
    # handling of namedtuple's __new__: half the cost on 6,000 turns.
    new, turn_type = tuple.__new__, Turn
    new_turns = tuple(
        [
            new(turn_type, (t[0], s, e, t[3], t[4], _mapped_spans(t[5], time_map) if t[5] else t[5]))
            for t, s, e in zip(turns, starts, ends, strict=False)
        ]
    )
    chapter_starts = time_map.map_many([c.start_ms for c in transcript.chapters])
    chapters = tuple(Chapter(s, c.title) for c, s in zip(transcript.chapters, chapter_starts, strict=False))
    return transcript._replace(turns=new_turns, chapters=chapters)


def _mapped_ends(turns: Sequence[Turn], starts: list[int], time_map: TimeMap) -> list[int]:
    """Ends, reusing the next turn's mapped start where the end is that start
    (nearly always), so mapping them costs one comparison instead of a lookup."""
    if not turns:
        return []
    ends = [
        following_start if turn.end_ms == following.start_ms else time_map.to_audio(turn.end_ms)
        for turn, following, following_start in zip(turns, turns[1:], starts[1:], strict=False)
    ]
    ends.append(time_map.to_audio(turns[-1].end_ms))
    return ends


def _mapped_spans(spans: tuple[Span, ...], time_map: TimeMap) -> tuple[Span, ...]:
    starts = time_map.map_many([span.start_ms for span in spans])
    return tuple(
        Span(span.offset, start, None if span.end_ms is None else time_map.to_audio(span.end_ms))
        for span, start in zip(spans, starts, strict=True)
    )
