"""Podcasting 2.0 HTML transcripts, the ``text/html`` kind a feed's
``<podcast:transcript>`` may point to (Buzzsprout writes them)::

    <cite>Travis:</cite>
    <time>0:00</time>
    <p>When you first get started in podcasting, ...</p>

Each ``<p>`` is a turn, spoken by the last ``<cite>`` and starting at the
last ``<time>`` before it. Only those three tags are looked at, with one
pattern whose cost grows with the page's length (the standard library's
HTML parser takes the square of it on unclosed comments); other tags are
dropped from the words, and nothing in the page is ever run or fetched.
"""

from __future__ import annotations

import html
import re

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.model import Draft, DraftTurn
from reader.timecode import parse_clock

#: A ``<cite>``, ``<time>`` or ``<p>`` and its content. The content stops at
#: the next one of those tags, open or close, so an unclosed ``<p>`` costs one
#: scan to the next tag, not one to the end of the page.
_ELEMENT = re.compile(
    r"<(?P<tag>cite|time|p)(?P<attrs>(?:\s[^<>]*)?)>(?P<body>(?:[^<]|<(?!/?(?:cite|time|p)[\s>]))*)(?:</(?P=tag)\s*>)?",
    re.IGNORECASE,
)
_DATETIME = re.compile(r"datetime\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def parse(text: str) -> Draft:
    turns: list[DraftTurn] = []
    speaker: str | None = None
    start: int | None = None
    bad_times = 0
    for match in _ELEMENT.finditer(text):
        tag, body = match["tag"].lower(), match["body"]
        said = _words(body) if body and not body.isspace() else ""
        if tag == "cite":
            speaker = said.replace("\n", " ").rstrip(":").strip() or None
        elif tag == "time":
            start = _clock(_DATETIME.search(match["attrs"]), said)
            bad_times += start is None
        elif said:
            turns.append(DraftTurn(speaker=speaker, start_ms=start, text=said))
            start = None
    if not turns:
        raise TranscriptError(
            "This web page has speaker and time tags but no paragraphs of words under them; "
            "download the transcript again from the podcast's page."
        )
    warnings = [f"{bad_times} time tag(s) could not be read; those turns have estimated times."] if bad_times else []
    return Draft(turns=turns, warnings=warnings)


def _words(body: str) -> str:
    """The words of an element: inner tags dropped (``<br>`` breaks the line), entities decoded."""
    body = _BREAK.sub("\n", body)
    body = html.unescape(_TAG.sub("", body)) if "<" in body or "&" in body else body
    return "\n".join(" ".join(line.split()) for line in body.split("\n") if line.strip())


def _clock(datetime: re.Match[str] | None, said: str) -> int | None:
    for text in (datetime[1] if datetime else None, said):
        if text:
            try:
                return parse_clock(text.strip().removeprefix("PT"))
            except ValueError:
                continue
    return None


FORMAT = layouts.P20_HTML
