"""The registry of transcript layouts.

Each layout family lives in its own module and contributes :class:`Format`
entries. Detection reads the content, never the file name alone. When more
than one layout fits, the order of :data:`FORMATS` decides, most specific
first:

1. ``podcast-json`` - Podcasting 2.0 JSON: a JSON object with ``segments``.
2. ``webvtt`` - starts with ``WEBVTT``.
3. ``srt`` - SubRip: numbered cues with ``-->`` timing lines.
4. ``markdown`` - front matter, ``**Speaker**`` labels or ``#`` headings.
5. ``plain-text`` - any text with speaker labels or timestamps.

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
    from reader.formats import bracketed, labelled, markdown, p20_html, podcast_json, subtitles, ttml

    return (
        podcast_json.FORMAT,
        subtitles.WEBVTT,
        ttml.FORMAT,
        p20_html.FORMAT,
        subtitles.SRT,
        subtitles.SBV,
        bracketed.FORMAT,
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
