"""The one HTTP client: httpx, with every limit a hostile server needs.

Only ``http`` and ``https`` are fetched (httpx refuses other schemes, on
redirects too). Each request has connect and read timeouts and an overall
deadline, so a server that trickles bytes cannot hold a worker forever; a
body larger than the cap is dropped as soon as it passes the cap. Redirects
are followed up to a limit; a chain of permanent ones (301, 308) is reported
so the caller can remember the feed's new address.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from reader.feeds.errors import FeedError

USER_AGENT = "TranscriptReader/0.1 (+podcast transcripts)"
MAX_REDIRECTS = 8
#: Real feeds with thousands of episodes reach 10-15 MB; past this it is not a feed.
MAX_FEED_BYTES = 32 * 1024 * 1024
#: A 10-hour transcript is at most a few MB.
MAX_TRANSCRIPT_BYTES = 16 * 1024 * 1024
#: A 10-hour episode at 320 kb/s is about 1.4 GB.
MAX_AUDIO_BYTES = 2 * 1024 * 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Timeouts:
    connect: float = 10.0
    read: float = 20.0
    total: float = 120.0  # for a feed or a transcript; audio downloads have none


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    moved_to: str | None  # the new address, when every redirect was permanent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) address with a host; else FeedError."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": an unclosed bracket
        raise FeedError(f"{url[:100]} is not a web address that can be read; check the address.") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme + ":" if parts.scheme else repr(url[:60])
        raise FeedError(f"Only web addresses (http or https) can be fetched, not {shown}; check the address.")
    if not parts.hostname:
        raise FeedError(f"{url[:100]} has no server name; check the address.")
    return url


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


class Fetcher:
    """One httpx client, shared by the requests of one job (keep-alive)."""

    def __init__(self, timeouts: Timeouts = Timeouts(), transport: httpx.BaseTransport | None = None) -> None:
        self.timeouts = timeouts
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=False,  # a stray proxy variable must not reroute feeds
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        max_bytes: int = MAX_FEED_BYTES,
        etag: str | None = None,
        last_modified: str | None = None,
        what: str = "The feed",
    ) -> Response:
        """The whole body of ``url``; a 304 when the validators still match.

        Raises FeedError for anything but a 2xx or 304 answer."""
        url = check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.timeouts.total
        with _translated(url, what, self.timeouts):
            with self._client.stream("GET", url, headers=headers) as reply:
                _check_status(reply, what)
                body = b"" if reply.status_code == 304 else _read_capped(reply, max_bytes, deadline, what)
                return Response(
                    str(reply.url),
                    reply.status_code,
                    body,
                    reply.headers.get("content-type", "").split(";")[0].strip().lower(),
                    reply.headers.get("etag"),
                    reply.headers.get("last-modified"),
                    _moved_to(reply),
                )

    def download(
        self,
        url: str,
        target: Path,
        *,
        progress: Callable[[int, int], None] = lambda done, total: None,
        cancelled: Callable[[], bool] = lambda: False,
        max_bytes: int = MAX_AUDIO_BYTES,
        what: str = "The audio",
        accept: tuple[str, ...] = (),
    ) -> bool:
        """Download ``url`` to ``target``, resuming ``target.part`` if a
        broken download left one (HTTP Range). False if cancelled (the part
        stays, to resume later). ``progress(done, total)``; total 0 if unknown."""
        url = check_url(url)
        part = target.with_name(target.name + ".part")
        have = part.stat().st_size if part.is_file() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        with _translated(url, what, self.timeouts):
            with self._client.stream("GET", url, headers=headers) as reply:
                if reply.status_code == 416:  # the part is already whole
                    os.replace(part, target)
                    return True
                _check_status(reply, what)
                _check_kind(reply, what, accept)
                resumed = reply.status_code == 206
                done = have if resumed else 0
                total = _total_length(reply, done)
                if total > max_bytes:
                    raise FeedError(f"{what} is {total // 2**20} MB, too large to download; play it streamed instead.")
                with open(part, "ab" if resumed else "wb") as out:
                    for chunk in reply.iter_bytes():  # as it arrives: a broken download keeps every byte
                        if cancelled():
                            return False
                        out.write(chunk)
                        done += len(chunk)
                        if done > max_bytes:
                            raise FeedError(f"{what} is larger than {max_bytes // 2**20} MB; play it streamed instead.")
                        progress(done, total)
        if total and done < total:
            raise FeedError(f"{what} download broke off at {done * 100 // total}%; it resumes when you try again.")
        os.replace(part, target)
        return True


def _check_kind(reply: httpx.Response, what: str, accept: tuple[str, ...]) -> None:
    """A web page or a text file where audio should be is refused, not saved
    as an .mp3; servers that send no type or a generic one are believed."""
    kind = reply.headers.get("content-type", "").split(";")[0].strip().lower()
    if accept and kind and kind != "application/octet-stream" and not kind.startswith(accept):
        raise FeedError(f"{what} at {host_of(str(reply.url))} is {kind}, not audio; it cannot be played.")


def _total_length(reply: httpx.Response, already: int) -> int:
    try:
        length = int(reply.headers.get("content-length", "0"))
    except ValueError:
        length = 0
    return already + length if length else 0


def _moved_to(reply: httpx.Response) -> str | None:
    history = reply.history
    if history and all(step.status_code in (301, 308) for step in history):
        return str(reply.url)
    return None


def _read_capped(reply: httpx.Response, max_bytes: int, deadline: float, what: str) -> bytes:
    declared = reply.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedError(_too_large(what, int(declared)))
    chunks, size = [], 0
    for chunk in reply.iter_bytes(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(_too_large(what, size, at_least=True))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("overall deadline passed")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(what: str, size: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{what} is {more}{size // 2**20} MB, far larger than a feed or transcript can be; check the address."


def _check_status(reply: httpx.Response, what: str) -> None:
    status = reply.status_code
    if 200 <= status < 300 or status == 304:
        return
    host = host_of(str(reply.url))
    if status in (404, 410):
        gone = "is gone (410)" if status == 410 else "was not found (404)"
        advice = "the show may have moved or ended" if what == "The feed" else "the podcast may have taken it down"
        raise FeedError(f"{what} {gone} at {host}; {advice}.")
    if status in (401, 403):
        raise FeedError(f"{what} at {host} needs a login ({status}); private feeds are not supported yet.")
    if status == 429 or status >= 500:
        raise FeedError(f"The server {host} is busy or failing ({status}); try again later.")
    raise FeedError(f"The server {host} answered {status} for {what.lower()}; check the address.")


class _translated:
    """httpx's exceptions as one sentence each."""

    def __init__(self, url: str, what: str, timeouts: Timeouts) -> None:
        self.host, self.what, self.timeouts = host_of(url), what, timeouts

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> None:
        """Never swallows: an httpx or OS error is raised again as a FeedError."""
        if error is None or isinstance(error, FeedError) or not isinstance(error, httpx.HTTPError | OSError):
            return
        raise FeedError(self._sentence(error)) from error

    def _sentence(self, error: Exception) -> str:
        host = self.host
        if isinstance(error, httpx.TooManyRedirects):
            return f"{self.what} at {host} redirects in a loop; check the address."
        if isinstance(error, httpx.UnsupportedProtocol):
            return f"{self.what} at {host} redirects to an address that is not http or https; it was not followed."
        if isinstance(error, httpx.ConnectTimeout):
            return f"{host} did not answer within {self.timeouts.connect:g} s; check your connection and try again."
        if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError):
            return f"{host} broke off sending {self.what.lower()}; try again, and a download resumes where it stopped."
        if isinstance(error, httpx.TimeoutException):
            return f"{host} stopped sending {self.what.lower()}; try again later."
        if isinstance(error, httpx.ConnectError):
            if "name" in str(error).lower() or "resolution" in str(error).lower():
                return f"{host} could not be found; check the address and your connection."
            return f"{host} could not be reached; check your connection and try again."
        if isinstance(error, OSError):
            return f"{self.what} could not be saved ({error.strerror or error}); check the downloads folder."
        return f"{self.what} could not be fetched from {host} ({type(error).__name__}); try again later."
