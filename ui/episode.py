"""Opening an episode: the transcript, then its audio if there is one.

Every failure ends as one sentence on the ``message`` signal; nothing here
raises to the window, and a missing or broken audio file never stops the
transcript from being read.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.audio_chapters import read_embedded_chapters
from reader.errors import TranscriptError
from reader.importer import load
from reader.model import Transcript
from reader.pairing import find_audio, is_audio_path, is_stream_url
from ui.player.base import Player
from ui.settings import AppSettings


class EpisodeLoader(QObject):
    episode_opened = Signal(object, str)  # Transcript, display title
    chapters_found = Signal(list)  # chapters embedded in the audio
    audio_paired = Signal(str)
    audio_missing = Signal(str)  # a sentence, with Open Audio… offered
    message = Signal(str)
    info = Signal(str)  # routine news that must not hide a warning

    def __init__(self, player: Player, settings: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._settings = settings
        self.transcript: Transcript | None = None
        self.transcript_path: str | None = None
        self.audio_path: str | None = None

    @property
    def has_audio(self) -> bool:
        return self.audio_path is not None and self._player.unavailable_reason is None

    def open_transcript(self, path: str | Path, audio: str | Path | None = None, prefetched=None) -> bool:
        """``prefetched`` is a reader.prefetch.Prefetch started before Qt was loaded."""
        path = os.path.abspath(path)
        try:
            transcript = prefetched.result() if prefetched is not None and prefetched.path == path else load(path)
        except TranscriptError as error:
            self.message.emit(str(error))
            return False
        self.transcript, self.transcript_path = transcript, path
        self._forget_audio()
        self.episode_opened.emit(transcript, transcript.title or Path(path).stem)
        self._report_warnings(transcript)
        if not audio or is_stream_url(audio):  # a downloaded episode plays from disk, offline too
            audio = find_audio(path) or audio
        if audio is not None:
            self.pair_audio(audio)
        else:
            self.audio_missing.emit(f"No audio was found next to {Path(path).name}; use Open Audio… to pair one.")
        self._remember()
        return True

    def pair_audio(self, audio: str | Path) -> bool:
        if self.transcript is None:
            self.message.emit("Open a transcript first; its audio can be paired with it then.")
            return False
        if is_stream_url(audio):
            return self._stream_audio(str(audio))
        audio = os.path.abspath(audio)
        if os.path.isfile(audio) and not is_audio_path(audio):
            self.audio_missing.emit(
                f"{Path(audio).name} is not an audio file; choose the episode's audio "
                "(mp3, m4a, aac, ogg, opus, wav or flac)."
            )
            return False
        if not os.path.isfile(audio):
            self.audio_missing.emit(
                f"{Path(audio).name} could not be found; check that it still exists, or open another."
            )
            return False
        if self._player.unavailable_reason:
            self.message.emit(self._player.unavailable_reason)
            return False
        self.audio_path = audio
        self._player.load(audio)
        self.audio_paired.emit(audio)
        self.info.emit(f"Audio: {Path(audio).name}. Press Space to play.")
        if not self.transcript.chapters:
            chapters = read_embedded_chapters(audio)
            if chapters:
                self.chapters_found.emit(chapters)
        self._remember()
        return True

    def _stream_audio(self, url: str) -> bool:
        """A podcast episode's audio, played from the feed's address."""
        if self._player.unavailable_reason:
            self.message.emit(self._player.unavailable_reason)
            return False
        self.audio_path = url
        self._player.load(url)
        self.audio_paired.emit(url)
        self.info.emit("Streaming the episode's audio. Press Space to play.")
        self._remember()
        return True

    def _forget_audio(self) -> None:
        if self.audio_path is not None:
            self._player.unload()
        self.audio_path = None

    def _report_warnings(self, transcript: Transcript) -> None:
        if transcript.warnings:
            first = transcript.warnings[0]
            more = (
                f" ({len(transcript.warnings) - 1} more; see transcript-reader inspect)"
                if len(transcript.warnings) > 1
                else ""
            )
            self.message.emit(first + more)

    def _remember(self) -> None:
        if self.transcript_path:
            self._settings.add_recent(self.transcript_path, self.audio_path)
