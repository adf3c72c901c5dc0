"""The sentence for a text no layout could read: what the file looks like,
and what a transcript would have that it lacks.

"Has no timestamps and no speaker names" is true of an essay, but not the
whole truth about a web page or a feed; each kind the user might really have
opened gets its own sentence, in words they brought. (JSON has its own
layout, ``json``, in :mod:`reader.formats.json_common`.)
"""

from __future__ import annotations

import re

_HTML = re.compile(r"\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_FEED = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed)[\s>]", re.IGNORECASE)
_XML = re.compile(r"\s*<\?xml|\s*<[A-Za-z][\w:.-]*[\s>]")
_TABLE = re.compile(r"[^\n]*[,;\t][^\n]*\n[^\n]*[,;\t]")

_TRANSCRIPT_FILES = "(.txt, .md, .srt, .vtt, .json or .html)"


def unreadable(text: str, name: str) -> str:
    """One sentence for ``text``, which every layout turned down."""
    head = text[:4096].lstrip("\ufeff")
    if _HTML.match(head):
        return (
            f"{name} is a web page with no transcript layout in it (no speaker names or times were found); "
            f"save the transcript file itself from the podcast's page {_TRANSCRIPT_FILES}."
        )
    if _FEED.match(head):
        return (
            f"{name} is a podcast feed, a list of episodes, not a transcript; open the transcript file "
            "that an episode in it links to."
        )
    if _XML.match(head):
        return (
            f"{name} is an XML file but not timed-text (TTML) captions, so it has no cues to read; "
            f"open the transcript file itself {_TRANSCRIPT_FILES}."
        )
    if _TABLE.match(head) and not re.search(r"\d:\d\d", head):
        return (
            f"{name} looks like a table of values with no times or speaker names, not a transcript; "
            f"open the transcript file itself {_TRANSCRIPT_FILES}."
        )
    return (
        f"{name} reads as plain text with no timestamps and no speaker names, so it does not look like a "
        f"transcript; open a transcript file {_TRANSCRIPT_FILES}."
    )
