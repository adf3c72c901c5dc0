"""A podcast feed read into plain values, with gPodder's podcastparser.

podcastparser is made for podcast feeds: it knows iTunes, Podlove and the
Podcast Index namespace, resolves relative links, reads durations and dates,
and turns HTML descriptions into text. It keeps only one
``<podcast:transcript>`` per episode, without its type, so a small handler
subclass also collects every transcript with its MIME type, to pick the
richest. The XML goes through defusedxml's SAX parser: no DTD entities (an
"XML bomb"), no external entities.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin
from xml.sax.xmlreader import AttributesImpl

import podcastparser
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from reader.feeds.errors import FeedError
from reader.feeds.transcripts import TranscriptLink, mime_of, pick_transcript


@dataclass(frozen=True)
class FeedEpisode:
    guid: str
    title: str
    published: int  # seconds since the epoch, 0 if the feed gives none
    duration_ms: int
    link: str
    description: str  # plain text
    description_html: str  # as published: show only through reader.feeds.sanitise
    audio_url: str
    audio_type: str
    audio_bytes: int
    transcripts: tuple[TranscriptLink, ...] = ()
    chapters_url: str = ""

    @property
    def best_transcript(self) -> TranscriptLink | None:
        return pick_transcript(self.transcripts)


@dataclass(frozen=True)
class Feed:
    url: str
    title: str
    link: str
    description: str
    author: str
    new_url: str  # <itunes:new-feed-url>, "" if none
    episodes: list[FeedEpisode] = field(default_factory=list)


_TRANSCRIPT_PATH = "rss/channel/item/podcast:transcript"
#: The namespace URI the Podcast Index publishes; podcastparser 0.6 knows only
#: the older GitHub address, so the official one is handed to it as that.
_PODCAST_NS = ("https://podcastindex.org/namespace/1.0", "http://podcastindex.org/namespace/1.0")
_PODCAST_NS_KNOWN = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


class _Handler(podcastparser.PodcastHandler):
    """podcastparser's handler, also keeping every transcript with its type."""

    def startElement(self, name, attrs):  # noqa: N802 (SAX API)
        if attrs and any(key.startswith("xmlns") and attrs[key].rstrip("/") in _PODCAST_NS for key in attrs.keys()):
            attrs = AttributesImpl(
                {key: _PODCAST_NS_KNOWN if value.rstrip("/") in _PODCAST_NS else value for key, value in attrs.items()}
            )
        super().startElement(name, attrs)
        if name.endswith(":transcript") and self.episodes and "/".join(self.path_stack) == _TRANSCRIPT_PATH:
            url = attrs.get("url")
            if url:
                url = urljoin(self.base, url)
                link = TranscriptLink(url, mime_of(attrs.get("type", ""), url), attrs.get("language", ""))
                self.episodes[-1].setdefault("_transcripts", []).append(link)


class _Parser(DefusedExpatParser):
    """defusedxml's SAX parser (entities and external references forbidden),
    handing text over in whole runs: escaped HTML in show notes otherwise
    reaches the handler one entity at a time, ten times slower."""

    def reset(self):
        super().reset()
        self._parser.buffer_text = True


def parse_feed(data: bytes, url: str) -> Feed:
    """Read a feed's bytes; FeedError with one sentence if it is not a feed."""
    if looks_like_html(data):
        raise FeedError(f"{url} is a web page, not a podcast feed; use the feed's address (often ending in .rss).")
    handler = _Handler(url, 0)
    parser = _Parser()
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException:
        raise FeedError(f"{url} uses XML entity declarations, which feeds never need; it was not read.") from None
    except podcastparser.FeedParseError as error:
        raise FeedError(f"{url} is not a podcast feed ({error.getMessage()}).") from None
    except Exception as error:  # SAXParseException and expat's own errors
        message = error.getMessage() if hasattr(error, "getMessage") else str(error)
        raise FeedError(f"{url} is not well-formed XML ({message}); the feed is broken at its source.") from None
    return _feed(handler.data, url)


def _feed(data: dict, url: str) -> Feed:
    episodes = [_episode(entry) for entry in data.get("episodes", [])]
    episodes.sort(key=lambda episode: episode.published, reverse=True)
    return Feed(
        url,
        _text(data.get("title")) or url,
        _text(data.get("link")),
        _text(data.get("description")),
        _text(data.get("itunes_author")),
        _text(data.get("new_url")),
        episodes,
    )


def _episode(entry: dict) -> FeedEpisode:
    enclosures: list[dict] = entry.get("enclosures", [])
    playable = [e for e in enclosures if (e.get("mime_type") or "").startswith(("audio/", "video/"))]
    audio = (playable or enclosures or [{}])[0]
    transcripts = tuple(entry.get("_transcripts", ()))
    if not transcripts and entry.get("transcript_url"):
        transcripts = (TranscriptLink(entry["transcript_url"], mime_of("", entry["transcript_url"])),)
    size = audio.get("file_size") or 0
    return FeedEpisode(
        _text(entry.get("guid")),
        _text(entry.get("title")) or "Untitled episode",
        int(entry.get("published") or 0),
        int(entry.get("total_time") or 0) * 1000,
        _text(entry.get("link")),
        _text(entry.get("description")),
        entry.get("description_html") or "",
        _text(audio.get("url")),
        _text(audio.get("mime_type")),
        size if isinstance(size, int) and size > 0 else 0,
        transcripts,
        _text(entry.get("chapters_json_url")),
    )


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


_HTML_START = re.compile(
    rb"^\s*(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml") and values.get("href"):
            self.links.append(values["href"])


def feed_links_in_page(data: bytes, page_url: str) -> list[str]:
    """Feeds a web page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    parser = _FeedLinks()
    parser.feed(data[:2_000_000].decode("utf-8", "replace"))
    return [urljoin(page_url, href) for href in parser.links]
