"""Timing logic for playback, kept free of Qt and vlc so it is unit-testable.

VLC reports its time in coarse steps (about every 250-300 ms for MP3, M4A and
WAV, about every 1000 ms for Ogg and Opus).  A highlight driven straight from
those steps stutters, and naive interpolation visibly jumps *backwards*
whenever a report lands a little behind the estimate.  ``SmoothClock``
interpolates between reports with a monotonic clock and only ever moves back
on an explicit seek or a real jump.

``SeekCheck`` exists because VLC 3 does not always land where it is asked to:
on some Ogg Vorbis files ``set_time`` resumes seconds (measured: 1-30 s) past
the target, or ends the stream outright.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

Now = Callable[[], float]

#: A report further than this from the estimate is a real jump, not jitter.
JUMP_MS = 1500


class SmoothClock:
    """Media position that moves smoothly and monotonically between reports.

    Feed it each *new* backend reading with ``report``; repeating a stale
    reading is ignored, because re-anchoring on it would drag time back.
    """

    def __init__(self, now: Now = time.monotonic, *, jump_ms: int = JUMP_MS) -> None:
        self._now = now
        self._jump_ms = jump_ms
        self._rate = 1.0
        self._playing = False
        self._duration = 0
        self._last_report: int | None = None
        self._anchor_ms = 0.0
        self._anchor_at = now()
        self._floor = 0.0

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def rate(self) -> float:
        return self._rate

    def position_ms(self) -> int:
        """Interpolated position, never below what was handed out before."""
        value = self._clamp(max(self._floor, self._raw()))
        self._floor = value
        return round(value)

    def expected_ms(self) -> int:
        """Where the media should be by pure interpolation, ignoring the hold."""
        return round(self._clamp(self._raw()))

    def seek(self, ms: int) -> None:
        """Jump anywhere, backwards included: the user asked for it."""
        self._jump_to(float(ms))

    def play(self) -> None:
        if not self._playing:
            self._anchor(self.position_ms())
            self._playing = True

    def pause(self) -> None:
        if self._playing:
            self._anchor(self.position_ms())
            self._playing = False

    def set_rate(self, rate: float) -> None:
        """Re-anchor first so the time already played keeps its old speed."""
        self._anchor(self.position_ms())
        self._rate = rate

    def set_duration(self, ms: int) -> None:
        """Stop interpolation from running past the end; 0 means unknown."""
        self._duration = max(0, int(ms))

    def report(self, media_ms: int) -> None:
        """Take a backend reading: small differences re-anchor, big ones jump.

        A reading slightly behind the estimate moves the anchor back but keeps
        the floor, so the output holds still until real time catches up
        instead of stepping backwards.
        """
        if media_ms == self._last_report:
            return
        if abs(media_ms - self._raw()) >= self._jump_ms:
            self._jump_to(float(media_ms))
        else:
            self._anchor(float(media_ms))
        self._last_report = media_ms

    def _raw(self) -> float:
        if not self._playing:
            return self._anchor_ms
        elapsed = self._now() - self._anchor_at
        return self._anchor_ms + elapsed * 1000.0 * self._rate

    def _anchor(self, ms: float) -> None:
        self._anchor_ms = ms
        self._anchor_at = self._now()

    def _jump_to(self, ms: float) -> None:
        self._anchor(ms)
        self._floor = self._clamp(max(0.0, ms))
        self._last_report = None

    def _clamp(self, ms: float) -> float:
        """Don't interpolate past the end, unless VLC itself is already past it:
        early VBR length estimates can be seconds short (measured: 11.5 s for 20 s)."""
        if 0 < self._duration and self._anchor_ms <= self._duration:
            ms = min(ms, float(self._duration))
        return max(0.0, ms)


class Verdict(enum.Enum):
    """What the player should do with a reading taken after a seek."""

    WAIT = "wait"  # nothing to judge yet (VLC's echo of our own request)
    OK = "ok"  # landed close enough; trust readings again
    RETRY = "retry"  # landed far off; seek again
    GIVE_UP = "give_up"  # still far off after the retries; accept where it is


class SeekCheck:
    """Judges the readings that follow a seek, because VLC may land elsewhere.

    Right after a seek VLC echoes the requested time, and only a later
    reading shows where it really landed; for Ogg that can take a second,
    hence the patience measured in played milliseconds rather than polls.
    The echo is recognised by value (equal to what was requested) rather than
    by reading VLC back, because a fast landing can overwrite it at once.
    """

    def __init__(self, *, tolerance_ms: int = 1000, max_retries: int = 2, patience_ms: int = 2500) -> None:
        self.tolerance_ms = tolerance_ms
        self.max_retries = max_retries
        self.patience_ms = patience_ms
        self.target: int | None = None
        self.retries = 0
        self._echo: int | None = None
        self._waited = 0.0

    @property
    def active(self) -> bool:
        return self.target is not None

    def begin(self, target_ms: int) -> None:
        """A fresh user seek: full retry budget again."""
        self.target = target_ms
        self.retries = 0
        self._echo = target_ms
        self._waited = 0.0

    def expect(self, requested_ms: int) -> None:
        """The player sought again, to ``requested_ms``; judge from there on."""
        self._echo = requested_ms
        self._waited = 0.0

    def judge(self, reading_ms: int, expected_ms: int) -> Verdict:
        """Compare a new reading with where the media should be by now."""
        if not self.active or reading_ms == self._echo:
            return Verdict.WAIT
        if abs(reading_ms - expected_ms) <= self.tolerance_ms:
            self.finish()
            return Verdict.OK
        return self._retry_or_give_up()

    def judge_end(self, expected_ms: int, duration_ms: int) -> Verdict:
        """An end-of-stream right after a seek far from the end is a failed seek."""
        if not self.active:
            return Verdict.OK
        if duration_ms <= 0 or expected_ms >= duration_ms - self.tolerance_ms:
            self.finish()
            return Verdict.OK
        return self._retry_or_give_up()

    def played(self, ms: float) -> None:
        """Count playback time; silence for long enough means the seek was fine."""
        if self.active:
            self._waited += ms
            if self._waited >= self.patience_ms:
                self.finish()

    def finish(self) -> None:
        self.target = None
        self._echo = None

    def _retry_or_give_up(self) -> Verdict:
        """Count the retry when granting it, so a retry that never gets applied
        (VLC ending again before it plays) still uses up the budget."""
        if self.retries < self.max_retries:
            self.retries += 1
            return Verdict.RETRY
        self.finish()
        return Verdict.GIVE_UP
