"""Open a transcript file: read, decode, detect the layout, parse, apply time rules.

Everything the user can get wrong ends here as a :class:`TranscriptError`
whose message is one sentence saying what was wrong and what to do.
"""

from __future__ import annotations

import gc
import os

from reader.decoding import decode
from reader.errors import TranscriptError
from reader.model import Transcript
from reader.pairing import AUDIO_SUFFIXES

#: Far beyond any real transcript (10 hours is 0.5 to 4 MB); refusing larger
#: files keeps a mistaken pick (a video, a disk image) from eating memory.
MAX_BYTES = 200 * 1024 * 1024


def load(path: str | os.PathLike[str]) -> Transcript:
    """Read the transcript at ``path``; raises TranscriptError only."""
    path = os.fspath(path)
    data = _read_bytes(path)
    return parse_bytes(data, name=os.path.basename(path))


def parse_bytes(data: bytes, name: str = "The file") -> Transcript:
    if not data.strip():
        raise TranscriptError(f"{name} is empty; choose the file that holds the transcript.")
    if name != "The file" and os.path.splitext(name)[1].lower() in AUDIO_SUFFIXES:
        raise TranscriptError(
            f"{name} is an audio file; open its transcript instead, and the audio will be paired with it."
        )
    return parse_text(decode(data, name), name)


def parse_text(text: str, name: str = "The file") -> Transcript:
    """Detect the layout of ``text`` and read it."""
    if not text.strip():
        raise TranscriptError(f"{name} is empty; choose the file that holds the transcript.")
    collecting = gc.isenabled()
    gc.disable()  # parsing makes tens of thousands of objects and frees none: cycle checks are wasted work
    try:
        return _parse_detected(text, name)
    finally:
        if collecting:
            gc.enable()


def _parse_detected(text: str, name: str) -> Transcript:
    from reader.formats import candidates
    from reader.timeline import finalize

    for fmt in candidates(text):
        try:
            draft = fmt.parse(text)
        except TranscriptError as error:
            # The file is clearly this layout but unusable; a looser layout
            # would only misread it (a broken SRT is not a plain-text transcript).
            raise TranscriptError(f"{name}: {error}") from None
        if draft.turns:
            return finalize(draft, fmt.name)
    raise TranscriptError(
        f"{name} has no timestamps and no speaker names, so it does not look like a "
        "transcript; open a transcript file (.txt, .md, .srt, .vtt or .json)."
    )


def _read_bytes(path: str) -> bytes:
    name = os.path.basename(path)
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise TranscriptError(f"{path} is a folder; choose a transcript file inside it.")
        if size > MAX_BYTES:
            raise TranscriptError(
                f"{name} is {size // (1024 * 1024)} MB, more than a transcript can be "
                f"({MAX_BYTES // (1024 * 1024)} MB); check that you chose the transcript."
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise TranscriptError(f"There is no file at {path}; check the name and the folder.") from None
    except PermissionError:
        raise TranscriptError(
            f"{path} cannot be read because permission is denied; check the file's permissions."
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise TranscriptError(f"{path} cannot be read ({reason}); check that it is a readable file.") from None
