"""Putting text and audio back in step: the nudge, "this is now", the Sync panel.

The transcript keeps its own times everywhere (the view, anchors, search);
the episode's TimeMap is applied at the edges, where playback meets the text:
the player's position becomes transcript time before the spoken turn is
looked up, and a click on the text becomes audio time before seeking. So a
new point corrects marks, seeks and exports at once, with nothing rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.timecode import format_clock
from reader.timeline import time_at_offset
from reader.timemap import ContradictingPoint, TimeMap, format_shift

NUDGE_MS = 500


def shift_text(ms: int) -> str:
    """ "+2.5 s" for the status bar; minutes once the shift is an ad's length."""
    if abs(ms) < 60_000:
        return f"{'-' if ms < 0 else '+'}{abs(ms) / 1000:.1f} s"
    return format_shift(ms)


class TimeSync(QObject):
    changed = Signal(object)  # the new TimeMap
    message = Signal(str)
    shift_label = Signal(str)  # "text +2.5 s", or "" when text and audio agree

    def __init__(self, player, sync, keeping, has_audio: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player, self._sync, self._keeping = player, sync, keeping
        self._has_audio = has_audio
        self.map = TimeMap()

    def load(self) -> None:
        """The episode's saved alignment (or none), applied at once."""
        store, episode = self._keeping.store, self._keeping.episode
        data = store.time_map(episode.id) if store is not None and episode is not None else {}
        self.map = TimeMap.from_dict(data) if data else TimeMap()
        self._apply(save=False)

    def nudge(self, steps: int) -> None:
        """Alt+←/→: the whole episode's text half a second earlier or later."""
        self.map = self.map.with_offset(self.map.offset_ms + steps * NUDGE_MS)
        self._apply()

    def this_is_now(self, turn: int, offset: int) -> bool:
        """The words at (turn, offset) are being heard now: pin them to the player's position."""
        transcript = self._keeping.transcript
        if transcript is None or not self._has_audio():
            self.message.emit("Sync points need the episode's audio; open it with Open Audio… first.")
            return False
        text_ms = time_at_offset(transcript.turns[turn], offset)
        audio_ms = self._player.position_ms()
        try:
            self.map = self.map.with_point(text_ms, audio_ms)
        except ContradictingPoint as error:
            self.message.emit(str(error))
            return False
        self._apply()
        self.message.emit(
            f"Sync point set: {format_clock(text_ms)} in the text is {format_clock(audio_ms)} in the audio."
        )
        return True

    def remove_point(self, index: int) -> None:
        self.map = self.map.without_point(index)
        self._apply()

    def reset(self) -> None:
        self.map = self.map.reset()
        self._apply()
        self.message.emit("Text and audio times are back as the transcript gives them.")

    def _apply(self, save: bool = True) -> None:
        self._sync.audio_to_transcript = self.map.to_transcript
        self._sync.transcript_to_audio = self.map.to_audio
        if self._keeping.transcript is not None:
            self._sync.on_position(self._player.position_ms())  # re-mark under the new map
        if save:
            self._save()
        shift = self.map.shift_at(self._sync.transcript_position()) if not self.map.is_identity else 0
        self.shift_label.emit("" if self.map.is_identity else f"text {shift_text(shift)}")
        self.changed.emit(self.map)

    def _save(self) -> None:
        self._keeping.save_time_map(self.map.as_dict())
