"""The registry of transcript layouts.

Each layout family's parser lives in its own module; what detection needs of
every layout (its name, label and cheap ``guess``) lives in
:mod:`reader.formats.layouts`, so a layout's parser module is imported only
when a file is read as that layout. Detection reads the content, never the
file name alone. When more
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
7. ``ttml`` - TTML / DFXP XML: a ``<tt>`` root in a TTML namespace.
8. ``p20-html`` - Podcasting 2.0 HTML: ``<cite>`` and ``<time>`` tags.
9. ``srt`` - SubRip: numbered cues with ``-->`` (or ``->``) timing lines.
10. ``sbv`` - YouTube SBV: opens with a ``0:00:03.900,0:00:08.460`` line.
11. ``bracketed`` - ``[Speaker 1] [00:17] words`` or ``[0.84 - 4.86] words`` lines.
12. ``markdown`` - front matter, ``**Speaker**`` labels or ``#`` headings.
13. ``plain-text`` - any text with speaker labels or timestamps.

A layout that fits but yields no turns hands over to the next one that fits,
so a Markdown-looking page of plain ``Name: text`` lines is still read. A
layout that fits and refuses the file (raises TranscriptError) ends the
search: a broken SRT must be reported as such, not misread as plain text.
"""

from __future__ import annotations

from reader.formats import layouts
from reader.formats.base import Format

#: How much of a file detection reads: every layout shows itself early, and
#: scanning a 4 MB file with each layout's patterns would cost 100 ms.
GUESS_CHARS = 65536

#: Guessing runs on :mod:`reader.formats.layouts` alone; a layout's parser
#: module is imported only when a file is read as that layout.
FORMATS: tuple[Format, ...] = (
    layouts.APP_JSON,
    layouts.ASSEMBLYAI,
    layouts.AWS,  # before Deepgram: AWS names "channels" and "alternatives" too
    layouts.DEEPGRAM,
    layouts.REV,
    layouts.WHISPER_JSON,
    layouts.PODCAST_JSON,
    layouts.CHAPTERS_JSON,
    layouts.OTHER_JSON,
    layouts.WHISPER_TSV,
    layouts.WEBVTT,
    layouts.TTML,
    layouts.P20_HTML,
    layouts.SRT,
    layouts.SBV,
    layouts.BRACKETED,
    layouts.MARKDOWN,
    layouts.PLAIN_TEXT,
)


def candidates(text: str) -> list[Format]:
    """Layouts whose ``guess`` accepts ``text``, in the documented order."""
    head = text[:GUESS_CHARS]
    return [fmt for fmt in FORMATS if fmt.guess(head)]


def by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)
