"""What an episode's audio file says about itself: a description and cover
art, from its ID3 tags (MP3) or MP4 atoms (M4A/AAC), for the window's header.
Never raises: a file without tags, or one mutagen cannot read, has none."""

from __future__ import annotations

import os
from collections import namedtuple

#: Longest description kept (show notes can run to pages).
MAX_DESCRIPTION = 4_000


class AudioDetails(namedtuple("AudioDetails", "description artwork")):
    """``description``: text or None; ``artwork``: image bytes (JPEG/PNG) or None."""

    __slots__ = ()


NONE = AudioDetails(None, None)


def audio_details(path: str | os.PathLike[str]) -> AudioDetails:
    try:
        import mutagen

        audio = mutagen.File(os.fspath(path))
    except Exception:  # noqa: BLE001 - an unreadable file just has no details
        audio = None
    tags = getattr(audio, "tags", None) if audio is not None else None
    if tags is None:
        tags = _bare_id3(path)
    if tags is None:
        return NONE
    if hasattr(tags, "getall"):  # ID3
        return AudioDetails(_id3_description(tags), _first_data(tags.getall("APIC")))
    return AudioDetails(_mp4_description(tags), _mp4_artwork(tags))


def _bare_id3(path: str | os.PathLike[str]):
    """An ID3 tag on a file mutagen could not recognise as audio (a stub in tests, a damaged frame)."""
    try:
        from mutagen.id3 import ID3

        return ID3(os.fspath(path))
    except Exception:  # noqa: BLE001
        return None


def _clean(text: object) -> str | None:
    value = " ".join(str(text).split()) if text else ""
    return value[:MAX_DESCRIPTION] or None


def _id3_description(tags) -> str | None:
    for frame_id in ("COMM", "TIT3", "TDES"):
        for frame in tags.getall(frame_id):
            text = _clean(" ".join(str(part) for part in getattr(frame, "text", [])))
            if text:
                return text
    return None


def _first_data(frames) -> bytes | None:
    return bytes(frames[0].data) if frames else None


def _mp4_description(tags) -> str | None:
    for key in ("desc", "ldes", "\xa9cmt"):
        values = tags.get(key)
        if values:
            return _clean(values[0])
    return None


def _mp4_artwork(tags) -> bytes | None:
    covers = tags.get("covr")
    return bytes(covers[0]) if covers else None
