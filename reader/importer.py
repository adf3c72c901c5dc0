"""Open a transcript file: read, decode, detect the layout, parse, apply time rules.

Everything the user can get wrong ends here as a :class:`TranscriptError`
whose message is one sentence saying what was wrong and what to do.
"""

from __future__ import annotations

import gc
import os
import stat

from reader.decoding import decode_with_note, refuse_binary_head
from reader.errors import TranscriptError
from reader.model import Transcript
from reader.sniff import HEAD_BYTES, refuse_by_kind

#: Far beyond any real transcript (10 hours is 0.5 to 4 MB); refusing larger
#: files keeps a mistaken pick (a video, a disk image) from eating memory.
MAX_BYTES = 200 * 1024 * 1024


def load(path: str | os.PathLike[str]) -> Transcript:
    """Read the transcript at ``path``; raises TranscriptError only.

    The bytes are dropped as soon as they are decoded (they are passed, not
    kept in this frame), so reading peaks at the text plus what parsing makes.
    """
    path = os.fspath(path)
    name = os.path.basename(path)
    text, note = _decoded(_read_bytes(path, name), name)
    return _noted(parse_text(text, name), note)


def load_and_keep(path: str | os.PathLike[str]) -> Transcript:
    """:func:`load` for a large file read on a worker thread while a window runs.

    The cycle collector stays off while the file is parsed, and what parsing
    made is then frozen (``gc.freeze``): a 2-million-line file makes millions
    of objects that live as long as the episode is open, and each full
    collection over them holds the interpreter lock for 100 to 200 ms, on
    whichever thread triggers it, often the window's. Frozen objects are
    still freed by reference counting when the episode is closed (a
    transcript is tuples and strings, without cycles).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        transcript = load(path)
        gc.freeze()
        return transcript
    finally:
        if collecting:
            gc.enable()


def parse_bytes(data: bytes, name: str = "The file") -> Transcript:
    _check_head(data[:HEAD_BYTES], name)
    text, note = _decoded(data, name)
    return _noted(parse_text(text, name), note)


def _check_head(head: bytes, name: str) -> None:
    """Refuse what is plainly not a transcript from its first bytes alone."""
    refuse_by_kind(head, name)
    refuse_binary_head(head, name)


def _decoded(data: bytes, name: str) -> tuple[str, str | None]:
    if not data or data.isspace():  # stops at the first letter; strip() would copy the whole file
        raise TranscriptError(f"{name} is empty; choose the file that holds the transcript.")
    return decode_with_note(data, name)


def _noted(transcript: Transcript, note: str | None) -> Transcript:
    """The transcript with the decoding warning, if any, first among its warnings."""
    if note is None:
        return transcript
    return transcript._replace(warnings=(note, *transcript.warnings))


def parse_text(text: str, name: str = "The file") -> Transcript:
    """Detect the layout of ``text`` and read it."""
    if not text or text.isspace():
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
    from reader.formats.refusal import unreadable

    raise TranscriptError(unreadable(text, name))


def _read_bytes(path: str, name: str) -> bytes:
    """The file's bytes, once its first 64 KB show it may be a transcript.

    Only regular files are opened: opening a FIFO would wait for a writer, and
    a device could stream forever.
    """
    try:
        info = os.stat(path)
        _refuse_non_file(info.st_mode, path)
        if info.st_size > MAX_BYTES:
            raise TranscriptError(
                f"{name} is {info.st_size // (1024 * 1024)} MB, more than a transcript can be "
                f"({MAX_BYTES // (1024 * 1024)} MB); check that you chose the transcript."
            )
        with open(path, "rb") as handle:
            _check_head(handle.read(HEAD_BYTES), name)
            handle.seek(0)
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


def _refuse_non_file(mode: int, path: str) -> None:
    if stat.S_ISDIR(mode):
        raise TranscriptError(f"{path} is a folder; choose a transcript file inside it.")
    if stat.S_ISREG(mode):
        return
    if stat.S_ISFIFO(mode):
        what = "a named pipe"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "not an ordinary file"
    raise TranscriptError(f"{path} is {what}, not a saved file; choose the transcript file itself.")
