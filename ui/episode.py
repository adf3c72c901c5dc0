"""Opening an episode: the transcript, then its audio if there is one.

What was opened goes to the episode session (``reader.session``), which the
window listens to; this class keeps no copy. Every failure ends as one
sentence on the ``message`` signal; nothing here raises to the window, and a
missing or broken audio file never stops the transcript from being read.

A file larger than :data:`READ_ON_WORKER_BYTES` is read (and its identity
hashed) on a worker thread while a busy indicator offers Cancel, so the
window keeps answering; one larger than :data:`HUGE_BYTES` is far beyond any
real episode, and the reader is asked first. When no episode is on screen
(the app's start), its first turns are shown meanwhile
(:mod:`reader.first_turns`), so the reader sees the transcript at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.audio_chapters import read_embedded_chapters
from reader.audio_length import audio_length_ms
from reader.errors import TranscriptError
from reader.first_turns import read_first_turns
from reader.importer import load, load_and_keep
from reader.model import Transcript
from reader.pairing import (
    AUDIO_SUFFIXES_TEXT,
    chapters_misfit,
    find_audio,
    is_audio_path,
    is_stream_url,
    length_mismatch,
    paired_chapters,
    with_paired_chapters,
)
from reader.session import EpisodeSession
from ui.player.base import Player
from ui.settings import AppSettings

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess

#: Files above this are read on a worker thread. Reading and hashing a file
#: takes about 0.3 ms a KB on a busy machine: a 10-hour episode (0.7 MB of
#: speech) held the window 170 to 350 ms; 200 KB (three hours) stays near 50.
READ_ON_WORKER_BYTES = 200_000
#: Above this, a file is far larger than any episode's transcript (a 10-hour
#: one is 0.5 to 4 MB): say so, and open it only if the reader wants to.
HUGE_BYTES = 20_000_000


def ask_to_open_huge(parent, sentence: str) -> bool:
    """The question for a huge file; True to open it anyway."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "Very large transcript", sentence, parent=parent)
    box.setTextFormat(box.textFormat().PlainText)  # the sentence names the file
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Open


class EpisodeLoader(QObject):
    chapters_found = Signal(list)  # chapters embedded in the audio
    #: (wanted, transcript, path, audio, fingerprint) read on the worker,
    #: or (wanted, None, path, sentence, None) on failure.
    _read_done = Signal(object)
    #: A large file is being read (True) or has been (False): show or hide the busy indicator.
    reading = Signal(bool)
    #: (Transcript, EpisodeClock): the first turns of the file being read, to show
    #: until the session opens the whole; (None, None): take them away (the read
    #: failed or was cancelled).
    first_turns = Signal(object, object)
    audio_paired = Signal(str)
    audio_missing = Signal(str)  # a sentence, with Open Audio… offered
    message = Signal(str)
    info = Signal(str)  # routine news that must not hide a warning

    def __init__(
        self, player: Player, settings: AppSettings, session: EpisodeSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._settings = settings
        self._session = session
        #: Asked before a huge file is read; the window sets a dialog, the benchmarks a yes.
        self.confirm_huge: Callable[[str], bool] = lambda _sentence: True
        #: Runs its argument once the first turns are on screen. The window
        #: waits for their paint: a read started at once holds Python's lock
        #: through the window's first layout and paint, and doubles their time.
        self.once_first_turns_shown: Callable[[Callable[[], None]], None] = lambda then: then()
        self._reading_id = 0  # the read whose result is still wanted
        self._reading_child: subprocess.Popen | None = None  # the process reading a huge file
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self._end_reading)
        self._showing_first_turns = False
        self._read_done.connect(self._on_read_done)
        self._chapters_from: str | None = None  # the chapters file the open episode's chapters came from

    @property
    def has_audio(self) -> bool:
        return self._session.audio_path is not None and self._player.unavailable_reason is None

    def open_transcript(self, path: str | Path, audio: str | Path | None = None) -> bool:
        """Open a transcript (and its audio); False with one sentence when it can't be.
        A large file is read on a worker: True then means it is being read."""
        path = os.path.abspath(path)
        if self._showing_first_turns:  # another file instead of the one whose first turns are shown
            self._reading_id += 1
            self._take_first_turns_away()
            self.reading.emit(False)
        size = _size(path)
        if size > READ_ON_WORKER_BYTES:
            return self._read_on_worker(path, audio, size)
        try:
            transcript = load(path)
        except TranscriptError as error:
            from reader.formats.chapters_json import NOT_A_TRANSCRIPT

            if str(error).endswith(NOT_A_TRANSCRIPT) and self._session.transcript is not None:
                return self._add_chapters_file(path)
            self.message.emit(str(error))
            return False
        return self._opened(transcript, path, audio)

    def cancel_reading(self) -> None:
        """Forget the file being read: the episode on screen stays."""
        self._reading_id += 1
        self._take_first_turns_away()
        self.reading.emit(False)
        self.message.emit("Opening was cancelled.")

    def _read_on_worker(self, path: str, audio, size: int) -> bool:
        if size > HUGE_BYTES:
            sentence = (
                f"{Path(path).name} is {size / 1e6:.0f} MB, far larger than a transcript usually is "
                "(a 10-hour episode is under 5 MB); opening it may take a minute. Open it anyway?"
            )
            if not self.confirm_huge(sentence):
                return False
        self._reading_id += 1
        wanted = self._reading_id

        def read() -> None:
            from reader.read_worker import AVAILABLE as CHILD_READING
            from reader.read_worker import load_in_child
            from reader.store.fingerprints import fingerprint

            result: tuple
            try:
                if size > HUGE_BYTES and CHILD_READING:  # read by a child process, which is ended on Cancel
                    found = load_in_child(
                        path, should_stop=lambda: wanted != self._reading_id, started=self._keep_child
                    )
                    if found is None:
                        return
                    result = (wanted, found[0], path, audio, found[1])
                else:
                    transcript = load_and_keep(path)
                    result = (wanted, transcript, path, audio, fingerprint(transcript))
            except TranscriptError as error:
                result = (wanted, None, path, str(error), None)
            try:
                self._read_done.emit(result)
            except RuntimeError:  # the app quit while the file was read: the loader is gone (as ui.library_opening)
                pass

        worker = threading.Thread(target=read, name="read-transcript", daemon=True)

        def start() -> None:
            if wanted == self._reading_id:  # not cancelled meanwhile
                worker.start()

        # With nothing on screen to read meanwhile (the app's start), the first turns are.
        if self._session.transcript is None and self._show_first_turns(path, audio):
            self.once_first_turns_shown(start)
        else:
            start()
        self.reading.emit(True)
        self.info.emit(f"Reading {Path(path).name}…")
        return True

    def _keep_child(self, child: subprocess.Popen) -> None:
        self._reading_child = child

    def _end_reading(self) -> None:
        """The app quits: forget the file being read, and end the process
        reading a huge one now. Its thread would end it too, but may not run
        again before the interpreter exits, and the process went on reading
        (and holding memory) after the window had gone."""
        self._reading_id += 1
        child = self._reading_child
        if child is not None and child.poll() is None:
            child.kill()

    def _on_read_done(self, result) -> None:
        wanted, transcript, path, audio_or_error, print_ = result
        if wanted != self._reading_id:
            return  # cancelled, or another file was opened since
        self.reading.emit(False)
        if transcript is None:
            self._take_first_turns_away()
            self.message.emit(audio_or_error)
            return
        self._showing_first_turns = False  # the session's opening replaces them
        self._opened(transcript, path, audio_or_error, print_)

    def _show_first_turns(self, path: str, audio) -> bool:
        first = read_first_turns(path)
        if first is None:
            return False
        transcript, _chapters_from = _with_chapters(first.transcript, path, _audio_for(path, audio))
        self._showing_first_turns = True
        self.first_turns.emit(transcript, first.clock)
        return True

    def _take_first_turns_away(self) -> None:
        if self._showing_first_turns:
            self._showing_first_turns = False
            self.first_turns.emit(None, None)

    def _opened(self, transcript: Transcript, path: str, audio, print_: str | None = None) -> bool:
        audio = _audio_for(path, audio)
        transcript, self._chapters_from = _with_chapters(transcript, path, audio)
        self._forget_audio()
        local = audio is not None and not is_stream_url(audio) and os.path.isfile(audio)
        audio_ms = audio_length_ms(audio) if audio is not None and local else 0
        self._session.open(transcript, path, fingerprint=print_, audio_ms=audio_ms)
        warning = _warning_sentence(transcript)
        if audio is not None:
            if warning:
                self.message.emit(warning)
            self.pair_audio(audio, by_hand=False)
        else:  # one line for both: the second replaced the first before anyone could read it
            missing = f"No audio was found next to {Path(path).name}; use Open Audio… to pair one."
            self.audio_missing.emit(f"{warning} {missing}" if warning else missing)
        self._remember()
        return True

    def pair_audio(self, audio: str | Path, by_hand: bool = True) -> bool:
        """Pair ``audio`` with the transcript shown. ``by_hand`` (a drop, Open
        Audio…) says in so many words what was paired with what."""
        transcript = self._session.transcript
        if transcript is None:
            self.message.emit("Open a transcript first; its audio can be paired with it then.")
            return False
        if is_stream_url(audio):
            return self._stream_audio(str(audio))
        audio = os.path.abspath(audio)
        if os.path.isfile(audio) and not is_audio_path(audio):
            self.audio_missing.emit(
                f"{Path(audio).name} is not an audio file; choose the episode's audio ({AUDIO_SUFFIXES_TEXT})."
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
        self._player.load(audio)
        self._session.pair_audio(audio)
        self.audio_paired.emit(audio)
        if not transcript.chapters:
            self._find_audio_chapters(audio)
        self._say_what_was_paired(transcript, audio, by_hand)
        self._remember()
        return True

    def _say_what_was_paired(self, transcript: Transcript, audio: str, by_hand: bool) -> None:
        """The pairing in one sentence; a warning instead when the lengths
        differ by more than 10 % (dropping a 10-hour file on a 56-minute
        transcript is more likely a slip than a choice)."""
        name = Path(audio).name
        timed = transcript.timing != "none"
        mismatch = length_mismatch(transcript.duration_ms, audio_length_ms(audio), name) if timed else None
        chapters = f"; chapters from {self._chapters_from}" if self._chapters_from else ""
        if mismatch:
            self.message.emit(mismatch)
        elif by_hand:
            paired_with = Path(self._session.path or "").name
            self.message.emit(f"Paired {name} with {paired_with}{chapters}. Press Space to play.")
        else:
            self.info.emit(f"Audio: {name}{chapters}. Press Space to play.")

    def _stream_audio(self, url: str) -> bool:
        """A podcast episode's audio, played from the feed's address."""
        if self._player.unavailable_reason:
            self.message.emit(self._player.unavailable_reason)
            return False
        self._player.load(url)
        self._session.pair_audio(url)
        self.audio_paired.emit(url)
        self.info.emit("Streaming the episode's audio. Press Space to play.")
        self._remember()
        return True

    def _add_chapters_file(self, path: str) -> bool:
        """A chapters file opened (or dropped) while an episode is open: the
        user means "these are its chapters", so they are shown with it, and
        the status line says so (a warning, not routine news: chapters changing
        under the reader must never pass without a word). Chapters that
        start after the episode's end are another episode's: refused (False),
        and the episode keeps its own."""
        transcript = self._session.transcript
        if transcript is None:
            return False
        from reader.formats.chapters_json import read_chapters

        name = Path(path).name
        try:
            chapters = read_chapters(Path(path).read_text(encoding="utf-8-sig", errors="replace"))
        except OSError as error:
            self.message.emit(f"{name} could not be read ({error.strerror}); check that it still exists.")
            return False
        if not chapters:
            self.message.emit(f"{name} lists no chapters, so this episode's chapters stay as they were.")
            return False
        timed_ms = transcript.duration_ms if transcript.timing != "none" else 0
        misfit = chapters_misfit(chapters, name, self._audio_length_ms(), timed_ms)
        if misfit:
            self.message.emit(misfit)
            return False
        self._chapters_from = name
        self.chapters_found.emit(chapters)
        self.message.emit(f"Chapters from {name} are shown with this episode.")
        return True

    def _audio_length_ms(self) -> int:
        """The open audio's length: its file's own header, else what the player found (a stream); 0 unknown."""
        audio = self._session.audio_path
        if audio is None:
            return 0
        local = not is_stream_url(audio) and os.path.isfile(audio)
        return (audio_length_ms(audio) if local else 0) or self._player.duration_ms()

    def _find_audio_chapters(self, audio: str) -> None:
        """Chapters for a transcript that has none: a chapters file named like
        the audio first (it is what the feed publishes), then the audio's own."""
        paired = paired_chapters(audio)
        self._chapters_from = paired[0] if paired is not None else None
        chapters = paired[1] if paired is not None else read_embedded_chapters(audio)
        if chapters:
            self.chapters_found.emit(chapters)

    def _forget_audio(self) -> None:
        if self._session.audio_path is not None:
            self._player.unload()

    def _remember(self) -> None:
        if self._session.path:
            self._settings.add_recent(self._session.path, self._session.audio_path)


def _warning_sentence(transcript: Transcript) -> str:
    """What reading the file changed or left out, in one sentence ('' when nothing)."""
    if not transcript.warnings:
        return ""
    first, more = transcript.warnings[0], len(transcript.warnings) - 1
    if not more:
        return first
    return f"{first.removesuffix('.')} ({more} more: transcript-reader inspect lists them)."


def _audio_for(path: str, audio):
    """The audio to pair: the one beside the transcript when none is given,
    or a stream is (a downloaded podcast episode plays from disk, offline too)."""
    if not audio or is_stream_url(audio):
        audio = find_audio(path) or audio
    return audio


def _with_chapters(transcript: Transcript, path: str, audio) -> tuple[Transcript, str | None]:
    """The transcript with the chapters file named like it or its audio (not a stream)."""
    return with_paired_chapters(transcript, path, None if is_stream_url(audio) else audio)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # load() says what is wrong with it
