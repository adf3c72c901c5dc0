"""The libVLC backend: the only module that imports vlc, and only lazily.

No VLC event callbacks are attached (libVLC is not reentrant and calls back
on its own threads); PolledPlayer's main-thread timer reads get_state,
get_time and get_length instead, and feeds the SmoothClock.
"""

from __future__ import annotations

import enum
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from reader.audio_length import audio_length_ms
from reader.pairing import is_stream_url
from ui.player.base import (
    BAD_PATHS,
    NO_PLUGINS,
    NOT_INSTALLED,
    PlayerState,
    PolledPlayer,
    missing_file_message,
    stream_failed_message,
    unplayable_message,
)
from ui.player.clock import SeekCheck, SmoothClock, Verdict
from ui.timers import TimerFactory

DEFAULT_VLC_ARGS = ("--no-video", "--quiet")
PAUSED_SEEK_WATCH_S = 1.0  # VLC shows a bad landing within ms, even while paused


class PlaybackUnavailable(Exception):
    """libVLC cannot be used; the message is the sentence to show the user."""


class _Vlc(enum.IntEnum):
    """libvlc_state_t values, compared by value: python-vlc's are not singletons."""

    NothingSpecial, Opening, Buffering, Playing, Paused, Stopped, Ended, Error = range(8)


_RUNNING = (_Vlc.Opening, _Vlc.Buffering, _Vlc.Playing)


def load_vlc() -> Any:
    """Import python-vlc, turning each measured failure mode into a reason."""
    try:
        import vlc
    except (ImportError, OSError, NotImplementedError) as exc:
        raise PlaybackUnavailable(NOT_INSTALLED) from exc
    except SystemExit as exc:  # python-vlc calls sys.exit on bad path variables
        raise PlaybackUnavailable(BAD_PATHS) from exc
    return vlc


def instance_args(vlc_args: list[str] | tuple[str, ...] | None) -> list[str]:
    """Always ask for time-stretching so a faster rate keeps the speaker's pitch."""
    args = list(DEFAULT_VLC_ARGS if vlc_args is None else vlc_args)
    if not any("audio-time-stretch" in arg for arg in args):
        args.append("--audio-time-stretch")
    return args


def start_libvlc(vlc_args: list[str] | None = None) -> tuple[Any, Any, Any]:
    """(vlc module, instance, media player), or PlaybackUnavailable."""
    vlc = load_vlc()
    try:
        instance = vlc.Instance(instance_args(vlc_args))  # None when plugins are missing
        media_player = instance.media_player_new() if instance is not None else None
    except Exception as exc:  # a broken libVLC must not take the reader down
        raise PlaybackUnavailable(NO_PLUGINS) from exc
    if media_player is None:
        raise PlaybackUnavailable(NO_PLUGINS)
    return vlc, instance, media_player


class LibVlcWarmUp:
    """libVLC started on a worker thread while the window's modules import.

    ``import vlc`` alone takes about 60 ms here, most of it waiting on
    ``ldconfig`` to find the library, and ctypes releases the GIL during
    libVLC's own start-up, so the two overlap almost entirely. Nothing is
    called back from VLC: the finished objects are only used from the GUI
    thread, after :meth:`result` has joined the worker.
    """

    def __init__(self, vlc_args: list[str] | None = None) -> None:
        import threading

        self._outcome: tuple[Any, Any, Any] | PlaybackUnavailable | None = None
        self._vlc_args = vlc_args
        self._thread = threading.Thread(target=self._start, args=(vlc_args,), name="libvlc-start", daemon=True)
        self._thread.start()

    def _start(self, vlc_args: list[str] | None) -> None:
        try:
            self._outcome = start_libvlc(vlc_args)
        except PlaybackUnavailable as unavailable:
            self._outcome = unavailable
        except BaseException:  # noqa: BLE001 - anything else: the GUI thread tries again itself
            self._outcome = None

    def result(self) -> tuple[Any, Any, Any]:
        self._thread.join()
        if isinstance(self._outcome, PlaybackUnavailable):
            raise self._outcome
        return self._outcome if self._outcome is not None else start_libvlc(self._vlc_args)


def create_vlc_player(
    parent: QObject | None = None, vlc_args: list[str] | None = None, warm_up: LibVlcWarmUp | None = None
) -> VlcPlayer:
    """Build a VlcPlayer or raise PlaybackUnavailable; never crash the app."""
    vlc, instance, media_player = warm_up.result() if warm_up is not None else start_libvlc(vlc_args)
    return VlcPlayer(vlc, instance, media_player, parent)


class VlcPlayer(PolledPlayer):
    """Player over one libVLC media player, driven entirely from the GUI thread."""

    def __init__(
        self,
        vlc: Any,
        instance: Any,
        media_player: Any,
        parent: QObject | None = None,
        timer: TimerFactory | None = None,
    ) -> None:
        super().__init__(parent, timer)
        self._vlc, self._instance, self._mp = vlc, instance, media_player
        self._media: Any = None
        self._path: Path | None = None
        self._stream: str | None = None  # the address, when playing from the network
        self._clock = SmoothClock()
        self._check = SeekCheck()
        self._closed = False
        self._want_playing = False
        self._pending: tuple[int, bool] | None = None  # (target, by_position), for when VLC plays
        self._parsing = False
        self._file_length = 0  # from the file's own header: see _read_file_length
        self._seek_at = 0.0
        self._fresh_run()

    def _fresh_run(self) -> None:
        """Forget what the previous VLC run told us (it is about to restart)."""
        self._vlc_done = False
        self._last_reading = -1
        self._seen_time = False
        self._last_tick = time.monotonic()

    # -- Player API -----------------------------------------------------------
    def position_ms(self) -> int:
        return self._clock.position_ms()

    def load(self, path: str | Path) -> None:
        if self._closed:
            return
        self._unload()
        if is_stream_url(path):
            self._load_stream(str(path))
            return
        path = Path(path)
        self._set_state(PlayerState.Stopped)
        if not path.is_file():
            self._fail(missing_file_message(path))
            return
        self._path, self._media = path, self._instance.media_new_path(str(path))
        self._mp.set_media(self._media)
        self._media.parse_with_options(self._vlc.MediaParseFlag.local, 5000)
        self._parsing = True
        self._file_length = 0
        self.media_loaded.emit(str(path))
        self._kick()
        QTimer.singleShot(0, lambda: self._read_file_length(path))

    def _load_stream(self, url: str) -> None:
        """A podcast episode played straight from its address while it downloads."""
        self._set_state(PlayerState.Stopped)
        self._stream, self._media = url, self._instance.media_new(url)
        self._mp.set_media(self._media)
        self._media.parse_with_options(self._vlc.MediaParseFlag.network, 5000)
        self._parsing = True
        self._file_length = 0
        self.media_loaded.emit(url)
        self._kick()

    def _read_file_length(self, path: Path) -> None:
        """The file's own length beats libVLC's early guess (see reader.audio_length)."""
        if path != self._path:
            return  # another file was loaded meanwhile
        self._file_length = audio_length_ms(path)
        if self._file_length > 0:
            self._clock.set_duration(self._file_length)
            if self._file_length != self._duration:
                self._set_duration(self._file_length)

    def unload(self) -> None:
        if self._closed:
            return
        self._unload()
        self._set_state(PlayerState.Stopped)
        self._kick()  # one more tick announces position 0

    def play(self) -> None:
        if self._closed or self._media is None or self._state is PlayerState.Playing:
            return
        self._want_playing = True
        vstate = self._vlc_state()
        if vstate is _Vlc.Paused:
            self._mp.set_pause(0)
            self._clock.play()
        elif vstate not in _RUNNING:
            if self._state is PlayerState.Ended and self._pending is None:
                self._clock.seek(0)
            self._restart()
        self._set_state(PlayerState.Playing)
        self._kick()

    def pause(self) -> None:
        if self._closed or self._state is not PlayerState.Playing:
            return
        self._want_playing = False
        self._clock.pause()
        if self._vlc_state() is _Vlc.Playing:
            self._mp.set_pause(1)  # if still opening, _on_vlc_playing pauses it
        self._set_state(PlayerState.Paused)
        self._kick()

    def seek(self, ms: int) -> None:
        if self._closed or self._media is None:
            return
        target = max(0, int(ms))  # not clamped: a length estimate can be far too short
        self._clock.seek(target)
        self._seek_at = time.monotonic()
        self._check.finish()
        self._pending = (target, False)
        if self._vlc_state() in (_Vlc.Playing, _Vlc.Paused):
            self._apply_pending()  # otherwise VLC would ignore it: apply once playing
        if self._state is PlayerState.Ended:
            self._set_state(PlayerState.Paused)
        self.seeked.emit(target)
        self._kick()

    def close(self) -> None:
        if self._closed:
            return
        self._timer.stop()
        self._unload()
        self._closed = True
        self._mp.release()
        self._instance.release()
        self._set_state(PlayerState.Stopped)

    def _apply_rate(self, rate: float) -> None:
        self._clock.set_rate(rate)
        if not self._closed:
            self._mp.set_rate(rate)

    def _apply_volume(self, volume: int) -> None:
        if not self._closed:
            self._mp.audio_set_volume(volume)

    def _apply_muted(self, muted: bool) -> None:
        if not self._closed:
            self._mp.audio_set_mute(muted)

    # -- VLC commands ---------------------------------------------------------
    def _vlc_state(self) -> _Vlc:
        return _Vlc(self._mp.get_state().value)

    def _apply_pending(self) -> None:
        """Seek to where the clock says, and have SeekCheck judge the landing.

        Retries use set_position: on the Ogg files where set_time lands
        seconds off (or ends the stream), set_position landed within ~25 ms.
        """
        assert self._pending is not None
        by_position, self._pending = self._pending[1], None
        target = self._clock.position_ms()
        if by_position and self._duration > 0:
            self._mp.set_position(target / self._duration)
        else:
            self._mp.set_time(target)
        if by_position:
            self._check.expect(target)
        else:
            self._check.begin(target)

    def _restart(self) -> None:
        """VLC replays an ended or stopped media only after a fresh stop/play."""
        self._mp.stop()
        self._clock.pause()
        self._fresh_run()
        self._mp.play()

    def _reapply_settings(self) -> None:
        """Volume only sticks once VLC has an audio output, i.e. after starting."""
        self._mp.set_rate(self._rate)
        self._mp.audio_set_volume(self._volume)
        self._mp.audio_set_mute(self._muted)

    def _unload(self) -> None:
        self._mp.stop()
        if self._media is not None:
            self._media.parse_stop()
            self._media.release()
        self._media = self._path = self._pending = self._stream = None
        self._want_playing = self._parsing = False
        self._file_length = 0
        self._fresh_run()
        self._check.finish()
        self._clock.pause()
        self._clock.seek(0)
        self._clock.set_duration(0)
        if self._duration or self._emitted_duration:
            self._set_duration(0)

    # -- polling --------------------------------------------------------------
    def _tick(self) -> None:
        now = time.monotonic()
        elapsed_ms, self._last_tick = (now - self._last_tick) * 1000.0, now
        if self._closed or self._media is None:
            return
        vstate = self._vlc_state()
        self._poll_duration()
        if vstate is _Vlc.Playing:
            self._on_vlc_playing(elapsed_ms)
        elif vstate in (_Vlc.Ended, _Vlc.Error) and not self._vlc_done:
            self._on_vlc_finished(vstate)
        if not self._vlc_done:
            self._poll_time()

    def _keep_polling(self) -> bool:
        """Idle paused players cost nothing; a fresh seek is watched briefly."""
        if self._closed:
            return False
        watching_seek = self._check.active and time.monotonic() - self._seek_at < PAUSED_SEEK_WATCH_S
        vlc_running = self._media is not None and self._vlc_state() in _RUNNING and not self._vlc_done
        return self._want_playing or self._parsing or watching_seek or vlc_running

    def _poll_duration(self) -> None:
        """The file's own length when it gave one; else only a playing length
        bounds the clock, because libVLC's parsed one can be far off."""
        length = self._file_length or int(self._mp.get_length())
        if length > 0:
            self._clock.set_duration(length)
        if self._parsing and self._media.get_parsed_status().value != 0:
            self._parsing = False
            length = length if length > 0 else int(self._media.get_duration())
        if length > 0 and length != self._duration:
            self._set_duration(length)

    def _on_vlc_playing(self, elapsed_ms: float) -> None:
        if not self._want_playing:  # paused while VLC was still opening
            self._mp.set_pause(1)
            return
        if not self._clock.playing:
            self._clock.play()
            self._reapply_settings()
        if self._pending is not None:
            self._apply_pending()
        self._check.played(elapsed_ms)

    def _on_vlc_finished(self, vstate: _Vlc) -> None:
        """Tell a damaged file, a failed seek and a real end apart."""
        if vstate is _Vlc.Error or (not self._seen_time and self._mp.get_length() <= 0):
            self._fail_media()
        elif self._check.judge_end(self._clock.expected_ms(), self._duration) is Verdict.RETRY:
            self._pending = (self._clock.position_ms(), True)
            self._restart()
        else:
            self._vlc_done = True
            self._want_playing = False
            self._clock.pause()
            self._clock.seek(max(self._duration, self._clock.position_ms()))
            self._set_state(PlayerState.Ended)

    def _fail_media(self) -> None:
        path = self._path or Path("The audio file")
        self._vlc_done = True
        self._want_playing = False
        self._pending = None
        self._check.finish()
        self._clock.pause()
        self._mp.stop()
        if self._stream is not None:
            self._fail(stream_failed_message(self._stream))
            return
        self._fail(unplayable_message(path) if path.exists() else missing_file_message(path))

    def _poll_time(self) -> None:
        reading = int(self._mp.get_time())
        if reading < 0 or reading == self._last_reading:
            return
        self._last_reading = reading
        self._seen_time = self._seen_time or reading > 0
        if self._pending is not None:
            return  # VLC is not at our target yet; this reading is history
        if self._check.active:
            verdict = self._check.judge(reading, self._clock.expected_ms())
            if verdict is Verdict.RETRY:
                self._pending = (self._clock.position_ms(), True)
                self._apply_pending()
            if verdict in (Verdict.RETRY, Verdict.WAIT):
                return
        self._clock.report(reading)  # after GIVE_UP too: the clock jumps to where VLC is
