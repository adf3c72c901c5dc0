"""Podcasting 2.0 chapters JSON: not a transcript, but the episode's chapters.

A feed's ``<podcast:chapters>`` points to a file such as::

    {"version": "1.2.0",
     "chapters": [{"startTime": 0, "title": "Intro"},
                  {"startTime": 41.97, "title": "Links", "url": "https://...", "toc": false}]}

Opened on its own it is refused with one sentence saying what it is, because
people download it from the same feed as the transcript and pick the wrong
one. Beside a transcript or its audio, named like them
(``episode.chapters.json``; see :func:`reader.pairing.find_chapters_file`),
its chapters are shown when the transcript has none. Chapters with
``"toc": false`` are meant to be hidden from a table of contents (pictures
or links that change mid-chapter), so they stay out of the list.
"""

from __future__ import annotations

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.json_common import load_json, seconds_ms, text_of
from reader.model import Chapter, Draft

NOT_A_TRANSCRIPT = (
    "This is a chapters file, not a transcript: open the episode's transcript first, "
    "then this file to show its chapters with it."
)
_LAYOUT = "chapters"


def parse(text: str) -> Draft:
    """Always refuses: a chapters file holds no words to read."""
    data = load_json(text, _LAYOUT, "it is not a transcript anyway: open the episode's transcript instead")
    if isinstance(data, dict) and "chapters" in data and not any(key in data for key in ("turns", "segments")):
        raise TranscriptError(NOT_A_TRANSCRIPT)
    return Draft()  # some other JSON that merely mentions chapters: let the next layout judge


def read_chapters(text: str) -> list[Chapter]:
    """The chapters listed in a chapters file, in order of start, without the
    ``toc: false`` ones; ``[]`` when the file holds none or is broken."""
    try:
        data = load_json(text, _LAYOUT, "")
    except TranscriptError:
        return []
    entries = data.get("chapters") if isinstance(data, dict) else None
    found = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict) or entry.get("toc") is False:
            continue
        start = seconds_ms(entry.get("startTime"))
        if start is not None:
            found.append((start, " ".join((text_of(entry.get("title")) or "").split())))
    found.sort(key=lambda item: item[0])
    return [Chapter(start, title or f"Chapter {number}") for number, (start, title) in enumerate(found, start=1)]


FORMAT = layouts.CHAPTERS_JSON
