"""What the app remembers between runs: speed, volume, text size, recent files.

A thin, typed layer over QSettings, built once in ``ui.app`` and passed to
whoever needs it, so tests can hand in a settings file of their own and
never touch the user's.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class AppSettings:
    def __init__(self, settings: QSettings) -> None:
        self._s = settings

    # -- playback -------------------------------------------------------------

    @property
    def rate(self) -> float:
        return self._float("playback/rate", 1.0)

    @rate.setter
    def rate(self, value: float) -> None:
        self._s.setValue("playback/rate", float(value))

    @property
    def volume(self) -> int:
        return int(self._float("playback/volume", 100))

    @volume.setter
    def volume(self, value: int) -> None:
        self._s.setValue("playback/volume", int(value))

    @property
    def muted(self) -> bool:
        return self._bool("playback/muted", False)

    @muted.setter
    def muted(self, value: bool) -> None:
        self._s.setValue("playback/muted", bool(value))

    # -- podcasts -------------------------------------------------------------

    @property
    def podcast_space_mb(self) -> int:
        """Downloaded podcast audio is kept under this many MB (0: no limit);
        the oldest audio goes first, transcripts never."""
        return max(0, int(self._float("podcasts/space_mb", 4096)))

    @podcast_space_mb.setter
    def podcast_space_mb(self, value: int) -> None:
        self._s.setValue("podcasts/space_mb", max(0, int(value)))

    # -- reading --------------------------------------------------------------

    @property
    def text_size(self) -> float:
        return self._float("view/text_size", 13.0)

    @text_size.setter
    def text_size(self, value: float) -> None:
        self._s.setValue("view/text_size", float(value))

    @property
    def align_automatically(self) -> bool:
        """Align the words to the audio whenever an episode's audio is opened."""
        return self._bool("view/align_automatically", True)

    @align_automatically.setter
    def align_automatically(self, value: bool) -> None:
        self._s.setValue("view/align_automatically", bool(value))

    @property
    def folder(self) -> Path:
        """The folder the settings (and the library beside them) are kept in."""
        return Path(self._s.fileName()).parent

    @property
    def theme(self) -> str:
        """View → Theme: "system", "light" or "dark"."""
        value = self._s.value("view/theme", "system")
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._s.setValue("view/theme", value)

    @property
    def reading_cursor(self) -> bool:
        return self._bool("view/reading_cursor", True)

    @reading_cursor.setter
    def reading_cursor(self, value: bool) -> None:
        self._s.setValue("view/reading_cursor", bool(value))

    @property
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._s.value("window/geometry"), self._s.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    # -- audio clips ----------------------------------------------------------

    @property
    def clip_settings(self):
        """reader.export.clips.ClipSettings: format, padding, a bookmark clip's length."""
        from reader.clips import CLIP_FORMATS, DEFAULT_BOOKMARK_MS, DEFAULT_FORMAT, DEFAULT_PADDING_MS
        from reader.export.clips import ClipSettings

        fmt = str(self._s.value("clips/format", DEFAULT_FORMAT))
        return ClipSettings(
            fmt if fmt in CLIP_FORMATS else DEFAULT_FORMAT,
            max(int(self._float("clips/padding_ms", DEFAULT_PADDING_MS)), 0),
            max(int(self._float("clips/bookmark_ms", DEFAULT_BOOKMARK_MS)), 1000),
        )

    @clip_settings.setter
    def clip_settings(self, value) -> None:
        self._s.setValue("clips/format", value.fmt)
        self._s.setValue("clips/padding_ms", int(value.padding_ms))
        self._s.setValue("clips/bookmark_ms", int(value.bookmark_ms))

    # -- recent files ---------------------------------------------------------

    def recent(self) -> list[dict]:
        """Most recent first: ``{"transcript": path, "audio": path or None}``."""
        try:
            entries = json.loads(str(self._s.value("recent/files", "[]") or "[]"))
        except (TypeError, ValueError):
            return []
        return [e for e in entries if isinstance(e, dict) and isinstance(e.get("transcript"), str)]

    def add_recent(self, transcript: str, audio: str | None) -> None:
        entries = [e for e in self.recent() if e["transcript"] != transcript]
        entries.insert(0, {"transcript": transcript, "audio": audio})
        self._s.setValue("recent/files", json.dumps(entries[:MAX_RECENT]))

    def clear_recent(self) -> None:
        self._s.setValue("recent/files", "[]")

    def sync(self) -> None:
        self._s.sync()

    # -- QSettings returns strings from INI files; read back with care --------

    def _float(self, key: str, default: float) -> float:
        try:
            value = self._s.value(key, default)
            return float(value) if isinstance(value, (int, float, str)) else default
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._s.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)
