"""Playback for the reader: one factory, one interface, graceful without libVLC.

``create_player`` is the only way the app should obtain a player.  When libVLC
is missing or broken it returns an ``UnavailablePlayer`` so the app remains a
complete transcript reader, just without sound.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ui.player.base import MAX_RATE, MIN_RATE, Player, PlayerState
from ui.player.vlc_player import PlaybackUnavailable, create_vlc_player

__all__ = [
    "MAX_RATE",
    "MIN_RATE",
    "Player",
    "PlayerState",
    "UnavailablePlayer",
    "create_player",
]


def create_player(parent: QObject | None = None, vlc_args: list[str] | None = None, warm_up=None) -> Player:
    """A working VLC player, or a silent stand-in that explains why there is none.

    ``warm_up``: a :class:`ui.player.vlc_player.LibVlcWarmUp` started earlier.
    """
    try:
        return create_vlc_player(parent, vlc_args, warm_up)
    except PlaybackUnavailable as exc:
        return UnavailablePlayer(str(exc), parent)


class UnavailablePlayer(Player):
    """Stands in when libVLC cannot be used, so the reader keeps working.

    Seeking still moves the position, so clicking a line highlights it as it
    would with audio; every attempt to load or play repeats the reason.
    """

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason
        self._position = 0
        self._state = PlayerState.Error

    @property
    def unavailable_reason(self) -> str:
        return self._reason

    def position_ms(self) -> int:
        return self._position

    def duration_ms(self) -> int:
        return 0

    def load(self, path: str | Path) -> None:
        self.error.emit(self._reason)

    def unload(self) -> None:
        self.seek(0)

    def play(self) -> None:
        self.error.emit(self._reason)

    def pause(self) -> None:
        """Nothing plays, so there is nothing to pause."""

    def seek(self, ms: int) -> None:
        self._position = max(0, int(ms))
        self.seeked.emit(self._position)
        self.position_changed.emit(self._position)

    def close(self) -> None:
        """Nothing to release."""

    def _apply_rate(self, rate: float) -> None:
        """Remembered only, so the setting survives into a later session."""

    def _apply_volume(self, volume: int) -> None:
        """Remembered only."""

    def _apply_muted(self, muted: bool) -> None:
        """Remembered only."""
