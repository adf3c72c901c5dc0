"""The playback interface the rest of the UI talks to.

The UI never touches a concrete backend: it gets a ``Player`` from
``ui.player.create_player`` (libVLC, or a stand-in when libVLC is missing) and
tests get a ``FakePlayer``.  Keeping the surface this small is what lets the
reader work without any audio backend at all.
"""

from __future__ import annotations

import enum
import math
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.timers import TimerFactory, make_timer

MIN_RATE = 0.5
MAX_RATE = 3.0
POLL_MS = 50
DURATION_SLACK_MS = 1000  # smaller length refinements update duration_ms() silently

# Why playback is off, each one sentence: what went wrong and what to do.
NOT_INSTALLED = (
    "Playback is off because libVLC is not installed; install VLC (on Debian: sudo apt install vlc) and restart."
)
BAD_PATHS = (
    "Playback is off because PYTHON_VLC_LIB_PATH or PYTHON_VLC_MODULE_PATH points "
    "to the wrong place; correct or unset it and restart."
)
NO_PLUGINS = (
    "Playback is off because libVLC could not start (its plugins may be missing); "
    "reinstall VLC (on Debian: sudo apt install --reinstall vlc) and restart."
)


class PlayerState(enum.Enum):
    """What the player is doing, as the user would describe it."""

    Stopped = "stopped"
    Playing = "playing"
    Paused = "paused"
    Ended = "ended"
    Error = "error"


def missing_file_message(path: str | Path) -> str:
    """One sentence for a file that vanished, naming it so the user can find it."""
    return f"{Path(path).name} could not be found; check that it still exists and try again."


def unplayable_message(path: str | Path) -> str:
    """One sentence for a file the backend opened but could not decode."""
    return f"{Path(path).name} could not be played; the file may be damaged or not audio."


def stream_failed_message(url: str) -> str:
    """One sentence for an episode's audio that could not be streamed."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    return f"The episode's audio could not be played from {host}; check your connection, or wait for the download."


def clamp_rate(rate: float) -> float | None:
    """Keep the rate where time-stretching still sounds like speech; None if nonsense."""
    if not math.isfinite(rate):
        return None
    return min(MAX_RATE, max(MIN_RATE, float(rate)))


def clamp_volume(volume: int) -> int:
    """Volume is a percentage; anything outside 0-100 is a caller slip, not an error."""
    return min(100, max(0, int(volume)))


class Player(QObject):
    """Abstract player: integer milliseconds everywhere, signals on the main thread.

    Subclasses implement the ``_apply_*`` hooks and the media methods; the
    bookkeeping that every backend would otherwise repeat (state changes that
    only signal on a real change, clamping, toggle) lives here.
    """

    state_changed = Signal(PlayerState)
    position_changed = Signal(int)
    duration_changed = Signal(int)
    media_loaded = Signal(str)
    error = Signal(str)
    seeked = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = PlayerState.Stopped
        self._rate = 1.0
        self._volume = 100
        self._muted = False

    # -- read-only properties -------------------------------------------------
    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def unavailable_reason(self) -> str | None:
        """Why playback is impossible, as one sentence; None when it works."""
        return None

    # -- shared behaviour -----------------------------------------------------
    def toggle(self) -> None:
        """Space-bar semantics: pause if playing, otherwise play."""
        if self._state is PlayerState.Playing:
            self.pause()
        else:
            self.play()

    def set_rate(self, rate: float) -> None:
        clamped = clamp_rate(rate)
        if clamped is None or clamped == self._rate:
            return
        self._rate = clamped
        self._apply_rate(clamped)

    def set_volume(self, volume: int) -> None:
        clamped = clamp_volume(volume)
        if clamped == self._volume:
            return
        self._volume = clamped
        self._apply_volume(clamped)

    def set_muted(self, muted: bool) -> None:
        if bool(muted) == self._muted:
            return
        self._muted = bool(muted)
        self._apply_muted(self._muted)

    def _set_state(self, state: PlayerState) -> None:
        """Signal only real transitions so views don't redraw on every poll."""
        if state is self._state:
            return
        self._state = state
        self.state_changed.emit(state)

    def _fail(self, message: str) -> None:
        """Enter Error and tell the user once, in one sentence."""
        self._set_state(PlayerState.Error)
        self.error.emit(message)

    # -- backend hooks --------------------------------------------------------
    def position_ms(self) -> int:
        raise NotImplementedError

    def duration_ms(self) -> int:
        raise NotImplementedError

    def load(self, path: str | Path) -> None:
        raise NotImplementedError

    def unload(self) -> None:
        """Stop and forget the media, e.g. when a transcript without audio opens."""
        raise NotImplementedError

    def play(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def seek(self, ms: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _apply_rate(self, rate: float) -> None:
        raise NotImplementedError

    def _apply_volume(self, volume: int) -> None:
        raise NotImplementedError

    def _apply_muted(self, muted: bool) -> None:
        raise NotImplementedError


class PolledPlayer(Player):
    """A Player whose backend is read by a main-thread timer, never via callbacks.

    Backends such as libVLC are not reentrant and call back on their own
    threads; polling keeps every backend call and every signal on the GUI
    thread.  Subclasses implement ``_tick`` (read the backend) and
    ``_keep_polling`` (so an idle, paused player costs nothing).
    """

    def __init__(self, parent: QObject | None = None, timer: TimerFactory | None = None) -> None:
        """``timer`` makes the poll timer (tests pass a fake that fires on demand)."""
        super().__init__(parent)
        self._duration = self._emitted_duration = 0
        self._last_emitted = -1
        self._timer = (timer or make_timer)(self, POLL_MS, False, False)
        self._timer.timeout.connect(self._poll)

    def duration_ms(self) -> int:
        return self._duration

    @property
    def polling(self) -> bool:
        """Reading the backend now; an idle (paused, stopped, ended) player does not,
        so it costs nothing and cannot report a new position."""
        return self._timer.isActive()

    def _kick(self) -> None:
        """Something may change soon: make sure the poll is running."""
        if not self._timer.isActive():
            self._timer.start()

    def _poll(self) -> None:
        self._tick()
        position = self.position_ms()
        if position != self._last_emitted:
            self._last_emitted = position
            self.position_changed.emit(position)
        if not self._keep_polling():
            self._timer.stop()

    def _set_duration(self, ms: int) -> None:
        """Signal only changes that matter: VLC refines VBR lengths on every report."""
        self._duration = ms
        if ms == 0 or abs(ms - self._emitted_duration) >= DURATION_SLACK_MS:
            self._emitted_duration = ms
            self.duration_changed.emit(ms)

    def _tick(self) -> None:
        raise NotImplementedError

    def _keep_polling(self) -> bool:
        raise NotImplementedError
