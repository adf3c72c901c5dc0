"""Where the listener was: saved while playing, restored when the episode
opens again (from the Library or Open Recent)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.session import EpisodeSession
from ui.player.base import Player, PlayerState
from ui.timers import TimerFactory, make_timer

#: Often enough that a crash costs little listening; rare enough to be free.
SAVE_EVERY_MS = 10_000


class PositionKeeper(QObject):
    def __init__(
        self, player: Player, session: EpisodeSession, parent: QObject | None = None, timer: TimerFactory = make_timer
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._session = session
        self._timer = timer(self, SAVE_EVERY_MS, False, False)
        self._timer.timeout.connect(self.save_now)
        player.state_changed.connect(self._on_state)

    def go_back_to_last_position(self) -> None:
        """Audio paired with an episode the library knows: play on from where the listener left off."""
        episode = self._session.episode
        if self._session.audio_path is None or self._player.unavailable_reason is not None:
            return
        if episode is not None and episode.last_position_ms > 0:
            self._player.seek(episode.last_position_ms)

    def save_now(self) -> None:
        if self._session.episode is not None and self._player.unavailable_reason is None:
            self._session.remember_position(self._player.position_ms())

    def _on_state(self, state: PlayerState) -> None:
        if state is PlayerState.Playing:
            self._timer.start()
        else:
            self._timer.stop()
            if state is PlayerState.Paused:
                self.save_now()
