"""A real HTTP server on 127.0.0.1 for the feed tests and the benchmark.

Routes map a path to a :class:`Reply` (a body served with ETag,
Last-Modified, conditional requests and byte ranges) or to a behaviour a
hostile or broken server shows: a redirect, a stall, a connection dropped
halfway. Nothing here reaches outside the machine.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import math
import struct
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: A stalled request waits for the test to end, never longer than this.
STALL_LIMIT_S = 30


@dataclass
class Reply:
    body: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag and Last-Modified, answer 304 when they match
    drop_after: int | None = None  # send only this many bytes of the body, then hang up
    stall: bool = False  # send the headers, then nothing until the server stops
    ranges: bool = True
    before: Callable[[], None] | None = None  # run on the server's thread before answering


@dataclass
class Redirect:
    location: str
    status: int = 301


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client hanging up mid-answer is what several tests do on purpose."""


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply | Redirect] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.released = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                server.requests.append((self.path, dict(self.headers)))
                server._answer(self)

        self._http = _QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)

    def close(self) -> None:
        self.released.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(5)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            _send(handler, 404, b"not here", "text/plain")
        elif isinstance(route, Redirect):
            location = route.location if "://" in route.location else self.base + route.location
            _send(handler, route.status, b"", "text/plain", {"Location": location})
        else:
            self._serve(handler, route)

    def _serve(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.before is not None:
            reply.before()
        headers = dict(reply.headers)
        if reply.validators and reply.status == 200:
            etag = '"' + hashlib.sha1(reply.body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(1_700_000_000, usegmt=True)
            headers |= {"ETag": etag, "Last-Modified": modified}
            if handler.headers.get("If-None-Match") == etag:
                _send(handler, 304, b"", reply.content_type, headers)
                return
        body, status = reply.body, reply.status
        wanted = handler.headers.get("Range", "")
        if reply.ranges and status == 200 and wanted.startswith("bytes="):
            start = int(wanted[6:].split("-")[0] or 0)
            if start >= len(body):
                _send(handler, 416, b"", reply.content_type, {"Content-Range": f"bytes */{len(body)}"})
                return
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            body, status = body[start:], 206
        if reply.ranges:
            headers["Accept-Ranges"] = "bytes"
        if reply.stall:
            _send_head(handler, status, reply.content_type, len(body), headers)
            self.released.wait(STALL_LIMIT_S)
            return
        if reply.drop_after is not None:
            _send_head(handler, status, reply.content_type, len(body), headers)
            handler.wfile.write(body[: reply.drop_after])
            handler.wfile.flush()
            handler.close_connection = True
            return
        _send(handler, status, body, reply.content_type, headers)


def _send_head(handler, status: int, content_type: str, length: int, headers: dict[str, str]) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(length))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()


def _send(handler, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
    _send_head(handler, status, content_type, len(body), headers or {})
    if body:
        handler.wfile.write(body)


def tone_wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A short, real audio file (a 440 Hz tone) made in memory."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        frames = (int(8000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(int(seconds * rate)))
        wav.writeframes(b"".join(struct.pack("<h", frame) for frame in frames))
    return out.getvalue()
