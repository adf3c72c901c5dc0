"""Play Highlight: play one span of the audio and stop at its end.

The player is polled on the main thread (``ui.player.base.PolledPlayer``);
this listens to its position reports and pauses once the end is reached.
Pausing, seeking elsewhere or playing another span by hand ends the
watch, so the reader's own listening is never cut short later.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.player.base import Player, PlayerState

#: Reports come every 50 ms; a seek lands a little off. Past this, it was the user.
_SLACK_MS = 1500


class SpanPlayback(QObject):
    def __init__(self, player: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._span: tuple[int, int] | None = None
        player.position_changed.connect(self._on_position)
        player.state_changed.connect(self._on_state)
        player.seeked.connect(self._on_seeked)

    @property
    def playing_span(self) -> tuple[int, int] | None:
        return self._span

    def play(self, start_ms: int, end_ms: int) -> None:
        """Play from ``start_ms`` and pause at ``end_ms`` (audio time)."""
        self._span = None  # our own seek must not end the watch
        self._player.seek(start_ms)
        self._span = (int(start_ms), int(end_ms))
        self._player.play()

    def stop_watching(self) -> None:
        self._span = None

    def _on_position(self, ms: int) -> None:
        if self._span is not None and ms >= self._span[1]:
            self._span = None
            self._player.pause()

    def _on_state(self, state: PlayerState) -> None:
        if state is not PlayerState.Playing:
            self._span = None

    def _on_seeked(self, ms: int) -> None:
        if self._span is not None and not self._span[0] - _SLACK_MS <= ms <= self._span[1]:
            self._span = None  # the reader went elsewhere: their listening, not ours
