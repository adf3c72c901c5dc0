"""The transcripts an episode publishes, and which one to read.

Kept apart from :mod:`reader.feeds.feed` (podcastparser, defusedxml) so the
library's feed tables and the Podcasts view load without any XML parser.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Transcript MIME types from richest to plainest, with the extension the
#: importer recognises. Podcasting 2.0's JSON is segment- or word-timed.
TRANSCRIPT_TYPES = (
    ("application/json", ".json"),
    ("text/vtt", ".vtt"),
    ("application/x-subrip", ".srt"),
    ("application/srt", ".srt"),
    ("text/srt", ".srt"),
    ("text/html", ".html"),
    ("text/plain", ".txt"),
)
_RANK = {mime: rank for rank, (mime, _suffix) in enumerate(TRANSCRIPT_TYPES)}
_SUFFIX = dict(TRANSCRIPT_TYPES)
_SUFFIX_GUESS = {".json": "application/json", ".vtt": "text/vtt", ".srt": "application/x-subrip"}
_SUFFIX_GUESS |= {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}


@dataclass(frozen=True)
class TranscriptLink:
    url: str
    mime: str
    language: str = ""

    @property
    def suffix(self) -> str:
        return _SUFFIX.get(self.mime, ".txt")


def pick_transcript(links: tuple[TranscriptLink, ...] | list[TranscriptLink]) -> TranscriptLink | None:
    """The richest transcript: word-timed JSON, then VTT or SRT, then HTML, then text."""
    ranked = ranked_transcripts(links)
    return ranked[0] if ranked else None


def ranked_transcripts(links) -> list[TranscriptLink]:
    """The transcripts the app knows how to read, richest first."""
    return sorted((link for link in links if link.mime in _RANK), key=lambda link: _RANK[link.mime])


def mime_of(declared: str, url: str) -> str:
    """The declared type, normalised; guessed from the URL when missing or odd."""
    mime = (declared or "").split(";")[0].strip().lower()
    if mime in _RANK:
        return mime
    path = url.split("?")[0].lower()
    for suffix, guess in _SUFFIX_GUESS.items():
        if path.endswith(suffix):
            return guess
    return mime
