"""The registry of transcript layouts.

Each layout family lives in its own module and contributes :class:`Format`
entries. Detection reads the content, never the file name alone. When more
than one layout fits, the order of :data:`FORMATS` decides, most specific
first:

0. ``transcript-reader-json`` - the app's own ``inspect --json`` and
   ``align --json`` output: ``format``, ``timing`` and ``turns`` together.
1. Speech-to-text services' JSON (``assemblyai``, ``aws-transcribe``,
   ``deepgram``, ``rev-ai``): each known by its own top-level keys.
2. ``whisper-json`` - Whisper and its offshoots: ``segments`` with ``start``,
   whisper.cpp's ``transcription``, Hugging Face ``chunks``.
3. ``podcast-json`` - Podcasting 2.0 JSON: a JSON object with ``segments``.
4. ``podcast-chapters`` - a chapters file (``chapters`` without ``turns``
   or ``segments``): refused with its own sentence.
   ``json`` - any other JSON: refused, naming the JSON layouts that are read.
5. ``whisper-tsv`` - a ``start<TAB>end<TAB>text`` header.
6. ``webvtt`` - starts with ``WEBVTT``.
7. ``srt`` - SubRip: numbered cues with ``-->`` timing lines.
8. ``markdown`` - front matter, ``**Speaker**`` labels or ``#`` headings.
9. ``plain-text`` - any text with speaker labels or timestamps.

A layout that fits but yields no turns hands over to the next one that fits,
so a Markdown-looking page of plain ``Name: text`` lines is still read. A
layout that fits and refuses the file (raises TranscriptError) ends the
search: a broken SRT must be reported as such, not misread as plain text.
"""

from __future__ import annotations

from reader.formats.base import Format

#: How much of a file detection reads: every layout shows itself early, and
#: scanning a 4 MB file with each layout's patterns would cost 100 ms.
GUESS_CHARS = 65536


def _registry() -> tuple[Format, ...]:
    from reader.formats import (
        app_json,
        chapters_json,
        json_common,
        labelled,
        markdown,
        podcast_json,
        speech_services,
        subtitles,
        whisper,
    )

    return (
        app_json.FORMAT,
        *speech_services.FORMATS,
        whisper.FORMAT,
        podcast_json.FORMAT,
        chapters_json.FORMAT,
        json_common.OTHER_JSON,
        whisper.TSV,
        subtitles.WEBVTT,
        subtitles.SRT,
        markdown.FORMAT,
        labelled.FORMAT,
    )


FORMATS: tuple[Format, ...] = _registry()


def candidates(text: str) -> list[Format]:
    """Layouts whose ``guess`` accepts ``text``, in the documented order."""
    head = text[:GUESS_CHARS]
    return [fmt for fmt in FORMATS if fmt.guess(head)]


def by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)
