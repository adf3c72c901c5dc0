"""The length of an audio file, read from the file itself.

libVLC 3 guesses an MP3's length from its first frames before playing, and
can be far off (a 20 s file parsed as 11.5 s; the demo's 199 s as 171 s at
48 kb/s). The player's slider, its remaining time and its seek by position
all lean on the length, so the file's own header is asked first.
"""

from __future__ import annotations

import os


def audio_length_ms(path: str | os.PathLike[str]) -> int:
    """Milliseconds, or 0 when the file cannot tell (never raises)."""
    try:
        import mutagen

        info = mutagen.File(os.fspath(path))
        seconds = getattr(getattr(info, "info", None), "length", 0) or 0
    except Exception:  # noqa: BLE001 - a damaged or unknown file just has no length here
        return 0
    return int(round(seconds * 1000)) if seconds > 0 else 0
