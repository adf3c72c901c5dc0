"""A deterministic Player for UI tests: time moves only when the test says so.

Real playback needs libVLC, audio files and wall-clock waiting; UI tests only
need the signals in the right order.  ``advance(ms)`` stands in for the poll
timer, so a test controls exactly what the view sees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ui.player.base import Player, PlayerState, missing_file_message

DEFAULT_DURATION_MS = 60_000


class FakePlayer(Player):
    """In-memory player; records what the UI asked it to do."""

    def __init__(self, parent: QObject | None = None, *, duration_ms: int = DEFAULT_DURATION_MS) -> None:
        super().__init__(parent)
        self._duration = duration_ms
        self._position = 0
        self._path: str | None = None
        self._closed = False
        self.seeks: list[int] = []
        self.loads: list[str] = []
        self.unloads = 0
        self.missing: set[str] = set()

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def closed(self) -> bool:
        return self._closed

    # -- test controls --------------------------------------------------------
    def advance(self, ms: int) -> None:
        """Play ``ms`` of wall time (scaled by rate); signals like one poll tick."""
        if self._state is not PlayerState.Playing:
            return
        self._move_to(self._position + round(ms * self._rate))
        if self._duration > 0 and self._position >= self._duration:
            self._set_state(PlayerState.Ended)

    def set_duration(self, ms: int) -> None:
        """Tests change the length, e.g. as VLC refines a VBR estimate."""
        if ms != self._duration:
            self._duration = ms
            self.duration_changed.emit(ms)

    def fail(self, message: str) -> None:
        """Simulate a backend error, e.g. a damaged file discovered mid-play."""
        self._fail(message)

    # -- Player API -----------------------------------------------------------
    def position_ms(self) -> int:
        return self._position

    def duration_ms(self) -> int:
        return self._duration

    def load(self, path: str | Path) -> None:
        """Loads anything, except names the test put in ``missing``."""
        path = str(path)
        self.loads.append(path)
        self._set_state(PlayerState.Stopped)
        self._path = None
        self._move_to(0)
        if path in self.missing:
            self._fail(missing_file_message(path))
            return
        self._path = path
        self.media_loaded.emit(path)
        self.duration_changed.emit(self._duration)

    def unload(self) -> None:
        """Forgets the media; the configured duration stays, as it is the fake's."""
        self.unloads += 1
        self._path = None
        self._set_state(PlayerState.Stopped)
        self._move_to(0)

    def play(self) -> None:
        if self._path is None or self._closed:
            return
        if self._state is PlayerState.Ended:
            self._move_to(0)
        self._set_state(PlayerState.Playing)

    def pause(self) -> None:
        if self._state is PlayerState.Playing:
            self._set_state(PlayerState.Paused)

    def seek(self, ms: int) -> None:
        """Records the request; the position moves at once, as if a tick ran."""
        if self._path is None:
            return
        target = max(0, int(ms))
        if self._duration > 0:
            target = min(target, self._duration)
        self.seeks.append(target)
        if self._state is PlayerState.Ended:
            self._set_state(PlayerState.Paused)
        self.seeked.emit(target)
        self._move_to(target)

    def close(self) -> None:
        self._closed = True
        self._set_state(PlayerState.Stopped)

    def _apply_rate(self, rate: float) -> None:
        """The rate is read by advance(); nothing else to do."""

    def _apply_volume(self, volume: int) -> None:
        """Volume has no audible effect here; the property records it."""

    def _apply_muted(self, muted: bool) -> None:
        """Mute has no audible effect here; the property records it."""

    def _move_to(self, ms: int) -> None:
        if self._duration > 0:
            ms = min(ms, self._duration)
        if ms != self._position:
            self._position = ms
            self.position_changed.emit(ms)
