"""From the player's position to the marks in the view: which turn and chapter
are being spoken now.

Each position report is converted to transcript time, the spoken turn is
found with a binary search over start times, and ``turn_changed`` is emitted
only when the index changes. The view is told about every report, but it
redraws only when the turn or the estimated word changes, so a tick costs
a bisect and a comparison.

Reports come every 50 ms, so a turn would be marked 25 ms late on average.
When the next turn starts before the next report is due, a one-shot timer is
set for the moment it starts and the position is read again then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.model import Transcript
from reader.timeline import turn_index_at
from ui.timers import TimerFactory, make_timer


def _identity(ms: int) -> int:
    return ms


class PlaybackMarks(QObject):
    turn_changed = Signal(int)
    chapter_changed = Signal(int)

    #: How far ahead a turn boundary is caught by a timer rather than the next report.
    LOOKAHEAD_MS = 60

    def __init__(
        self,
        mark: Callable[[int, int], None],
        parent: QObject | None = None,
        position: Callable[[], int] | None = None,
        rate: Callable[[], float] | None = None,
        to_transcript: Callable[[int], int] = _identity,
        timer: TimerFactory = make_timer,
    ) -> None:
        """``mark(turn, transcript_ms)`` draws the playback marks (the view's
        ``mark_playback``); it is passed in so this class needs no widget.
        ``position`` and ``rate`` read the player, for marking a boundary on time;
        ``to_transcript`` turns audio time into the text's time (the episode
        session's sync points). ``timer`` makes the boundary timer (tests pass a fake)."""
        super().__init__(parent)
        self._mark = mark
        self._position = position
        self._rate = rate or (lambda: 1.0)
        self._boundary = timer(self, 0, True, True)
        self._boundary.timeout.connect(self._on_boundary)
        self._starts: list[int] = []
        self._chapter_starts: list[int] = []
        self._turn = -1
        self._chapter = -1
        self._last_ms = 0
        self._last_audio_ms: int | None = None
        self._to_transcript = to_transcript

    def set_transcript(self, transcript: Transcript | None, *, same_episode: bool = False) -> None:
        """A transcript to follow; ``same_episode``: the open one re-timed or renamed,
        so :meth:`remark` marks the place playback had reached in it, and the
        turn and chapter being heard are announced again only if the new times
        moved playback into another one (aligning the words re-times the text
        while it plays)."""
        self._starts = [turn.start_ms for turn in transcript.turns] if transcript else []
        self._chapter_starts = [c.start_ms for c in transcript.chapters] if transcript else []
        if not same_episode:
            self._last_audio_ms = None
            self._turn = -1
            self._chapter = -1

    def set_chapters(self, chapters) -> None:
        """Chapters found elsewhere (embedded in the audio) replace the transcript's."""
        self._chapter_starts = [c.start_ms for c in chapters]
        self._chapter = -1

    def transcript_position(self) -> int:
        """Where playback is now, in transcript time (for a bookmark)."""
        if self._position is None:
            return self._last_ms
        return self._to_transcript(self._position())

    def remark(self) -> None:
        """Draw the marks again (after the view rebuilt its document)."""
        if self._last_audio_ms is not None:
            self.on_position(self._last_audio_ms)

    @property
    def current_turn(self) -> int:
        return self._turn

    @property
    def current_chapter(self) -> int:
        return self._chapter

    def on_position(self, audio_ms: int) -> None:
        if not self._starts:
            return
        self._last_audio_ms = audio_ms
        ms = self._to_transcript(audio_ms)
        self._last_ms = ms
        turn = max(turn_index_at(self._starts, ms), 0)
        if turn != self._turn:
            self._turn = turn
            self.turn_changed.emit(turn)
        chapter = turn_index_at(self._chapter_starts, ms) if self._chapter_starts else -1
        if chapter != self._chapter:
            self._chapter = chapter
            self.chapter_changed.emit(chapter)
        self._mark(turn, ms)
        self._catch_next_boundary(turn, ms)

    def stop_catching(self) -> None:
        """Paused or stopped: no boundary is coming."""
        self._boundary.stop()

    def _catch_next_boundary(self, turn: int, ms: int) -> None:
        if self._position is None or turn + 1 >= len(self._starts):
            return
        wait = (self._starts[turn + 1] - ms) / max(self._rate(), 0.1)
        if 0 < wait <= self.LOOKAHEAD_MS:
            self._boundary.start(int(wait) + 1)

    def _on_boundary(self) -> None:
        if self._position is not None:
            self.on_position(self._position())
