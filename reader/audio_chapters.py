"""Chapters stored inside the audio file, for transcripts that have none.

Many podcast MP3s carry ID3 ``CHAP`` frames and many M4A/M4B files carry
Nero ``chpl`` chapters, while their transcripts carry no chapter list. The
window shows these instead, so this is best-effort enrichment: any problem
(missing file, unknown format, a damaged tag) gives an empty list, never an
exception, because a transcript must open whatever state its audio is in.

The format is sniffed from the first bytes rather than the suffix, so a
mislabelled file still works and a non-audio file costs one small read.
mutagen is imported inside the functions: it takes about 100 ms to import
and ``inspect`` must start in a few milliseconds.

Limits: ID3 tags appended at the end of a file, and QuickTime chapter
*tracks* (the other M4A chapter style, which mutagen does not read) are not
found; such files give ``[]``.
"""

from __future__ import annotations

import os

from reader.model import Chapter
from reader.timecode import seconds_to_ms

_SNIFF_BYTES = 12


def read_embedded_chapters(audio_path: str | os.PathLike[str]) -> list[Chapter]:
    """Chapters embedded in ``audio_path``, ordered by start; ``[]`` if none
    can be read for any reason."""
    try:
        path = os.fspath(audio_path)
        with open(path, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
        if head.startswith(b"ID3"):
            chapters = _id3_chapters(path)
        elif head[4:8] == b"ftyp":
            chapters = _mp4_chapters(path)
        else:
            return []
    except Exception:  # mutagen raises many error types; see the module doc
        return []
    return _in_order(chapters)


def _id3_chapters(path: str) -> list[tuple[int, str | None]]:
    """ID3 ``CHAP`` frames as (start ms, title from the ``TIT2`` sub-frame)."""
    from mutagen.id3 import ID3

    found = []
    for frame in ID3(path).getall("CHAP"):
        title_frame = frame.sub_frames.get("TIT2") if frame.sub_frames else None
        title = str(title_frame.text[0]) if title_frame is not None and title_frame.text else None
        found.append((int(frame.start_time), title))
    return found


def _mp4_chapters(path: str) -> list[tuple[int, str | None]]:
    """MP4 ``chpl`` chapters as (start ms, title); mutagen gives seconds."""
    from mutagen.mp4 import MP4

    chapters = MP4(path).chapters
    return [(seconds_to_ms(chapter.start), chapter.title) for chapter in chapters or ()]


def _in_order(found: list[tuple[int, str | None]]) -> list[Chapter]:
    """Sort by start and give untitled chapters a name the list can show."""
    ordered = sorted(found, key=lambda item: item[0])
    return [
        Chapter(max(start, 0), (title or "").strip() or f"Chapter {number}")
        for number, (start, title) in enumerate(ordered, start=1)
    ]
