"""Subscriptions exported by other podcast apps, as OPML.

AntennaPod, Overcast, Pocket Casts and Apple Podcasts all export an OPML
file whose ``<outline>`` elements carry ``xmlUrl``. The file is read with
defusedxml's ElementTree: an OPML file comes from anywhere, and the standard
parser would expand entity bombs. listparser was not needed for this one
attribute, and would bring feedparser-like leniency we do not want.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from reader.feeds.errors import FeedError

MAX_OPML_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str


def read_opml(path: str | Path) -> list[OpmlFeed]:
    path = Path(path)
    try:
        with open(path, "rb") as stream:  # read up to the cap: /dev/zero has no size and never ends
            data = stream.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        raise FeedError(f"{path} cannot be read ({error.strerror or error}); check the file.") from None
    if len(data) > MAX_OPML_BYTES:
        raise FeedError(f"{path.name} is too large for a list of subscriptions; choose the OPML export.")
    return parse_opml(data, path.name)


def parse_opml(data: bytes, name: str = "The file") -> list[OpmlFeed]:
    """Every distinct feed in the file, in its order; FeedError if none."""
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise FeedError(f"{name} uses XML entity declarations, which OPML never needs; it was not read.") from None
    except ParseError as error:
        raise FeedError(f"{name} is not a readable OPML file ({error}); export the subscriptions again.") from None
    if root.tag.lower() != "opml":
        raise FeedError(f"{name} is not an OPML file; export the subscriptions from your podcast app as OPML.")
    feeds, seen = [], set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in seen:
            seen.add(url)
            title = outline.get("title") or outline.get("text") or url
            feeds.append(OpmlFeed(url, " ".join(title.split())))
    if not feeds:
        raise FeedError(f"{name} lists no podcast feeds; export the subscriptions from your podcast app as OPML.")
    return feeds
