"""``transcript-reader://`` links: a moment of an episode that opens the app there.

``transcript-reader://open?episode=<id>&t=754.2&highlight=12`` names the
episode by the first 16 hex digits of its fingerprint (a hash of its words,
so the same episode has the same id in every library and after its files
move), a time in seconds of *audio* time (what the player seeks to, and what
exports print beside the link), and optionally a highlight to select.

Exports put one beside every time they print; the app opens them from the
command line, from the running instance's socket, and from macOS's open-URL
event. Parsing never raises anything but :class:`LinkError`, whose message
is one sentence.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple
from urllib.parse import parse_qs, urlencode, urlsplit

SCHEME = "transcript-reader"
#: Hex digits of the fingerprint a link keeps: 64 bits, unique in any library.
EPISODE_KEY_LENGTH = 16
_KEY = re.compile(r"[0-9a-f]{8,64}")
#: Ten days: no episode is longer, and a bigger number is a damaged link.
_LONGEST_S = 864_000


class LinkError(ValueError):
    """A link that cannot be opened; ``str(error)`` is one sentence for the user."""


class MomentLink(namedtuple("MomentLink", "episode ms highlight", defaults=(None,))):
    """An episode key (hex), a time in audio milliseconds, a highlight id or None."""

    __slots__ = ()

    def matches(self, fingerprint: str | None) -> bool:
        """Whether the episode with this fingerprint is the one the link names."""
        return fingerprint is not None and fingerprint.lower().startswith(self.episode)


def episode_key(fingerprint: str) -> str:
    return fingerprint[:EPISODE_KEY_LENGTH].lower()


def make_link(fingerprint: str, ms: int, highlight_id: int | str | None = None) -> str:
    """The link to ``ms`` (audio time) in the episode with ``fingerprint``;
    empty for a fingerprint that is not a hash (nothing could find it again)."""
    key = episode_key(fingerprint)
    if not _KEY.fullmatch(key):
        return ""
    query = {"episode": key, "t": seconds_text(ms)}
    if highlight_id is not None:
        query["highlight"] = str(highlight_id)
    return f"{SCHEME}://open?{urlencode(query)}"


def seconds_text(ms: int) -> str:
    """``754.2`` for 754 200 ms: seconds, as few decimals as the time needs."""
    whole, rest = divmod(max(int(ms), 0), 1000)
    return f"{whole}.{rest:03d}".rstrip("0").rstrip(".")


def is_link(text: str | None) -> bool:
    """Whether a command-line argument is a link rather than a file."""
    return text is not None and text.strip().lower().startswith(SCHEME + ":")


def parse_link(text: str) -> MomentLink:
    """The moment a link names. Unknown extra parameters are ignored, so a
    later version's links still open at their time in this one."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() != SCHEME:
        raise LinkError(f"{_short(text)} is not a Transcript Reader link; those start with {SCHEME}://.")
    action = (parts.netloc or parts.path.strip("/")).lower()
    if action != "open":
        raise LinkError(f"This link asks for {action or 'nothing'!r}, which this version cannot do; it opens links.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    episode = query.get("episode", "").strip().lower()
    if not _KEY.fullmatch(episode):
        raise LinkError("This link does not say which episode it is for; copy it again from the export.")
    return MomentLink(episode, _time_ms(query.get("t", "0")), _highlight(query.get("highlight")))


def _time_ms(text: str) -> int:
    try:
        seconds = float(text)
    except ValueError:
        raise LinkError(f"This link's time {_short(text)!r} is not a number of seconds; copy it again.") from None
    if not math.isfinite(seconds) or not 0 <= seconds <= _LONGEST_S:
        raise LinkError(f"This link's time {_short(text)!r} is not a moment in an episode; copy it again.")
    return int(round(seconds * 1000))


def _highlight(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    return int(text) if text.strip().isdecimal() else None  # not isdigit(): int() refuses "²"


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "…"
