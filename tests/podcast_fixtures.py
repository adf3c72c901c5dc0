"""Fixture podcasts written from the Podcasting 2.0 and RSS documentation.

One show, "Loopback Radio", with an episode for each transcript format, one
with no transcript, chapters JSON, and short real audio, all served by
:mod:`loopback_server`.
"""

from __future__ import annotations

import json
from html import escape

from loopback_server import LoopbackServer, Reply, tone_wav

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"

JSON_TRANSCRIPT = json.dumps(
    {
        "version": "1.0.0",
        "segments": [
            {"speaker": "Ada", "startTime": 0.0, "endTime": 0.5, "body": "Welcome"},
            {"speaker": "Ada", "startTime": 0.5, "endTime": 1.0, "body": "back."},
            {"speaker": "Grace", "startTime": 1.0, "endTime": 2.0, "body": "Thanks for having me."},
        ],
    }
).encode()
VTT = (
    b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ada>Welcome to the vtt episode.\n\n"
    b"00:00:01.000 --> 00:00:02.000\n<v Grace>Glad to be here.\n"
)
SRT = (
    b"1\n00:00:00,000 --> 00:00:01,000\nAda: Welcome to the srt episode.\n\n"
    b"2\n00:00:01,000 --> 00:00:02,000\nGrace: Glad to be here.\n"
)
HTML = b"<html><body><cite>Ada:</cite><time>0:00</time><p>Welcome to the html episode.</p></body></html>"
TEXT = b"[00:00:00] Ada: Welcome to the text episode.\n[00:00:01] Grace: Glad to be here.\n"
CHAPTERS = json.dumps(
    {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Hello"}, {"startTime": 1, "title": "Talk"}]}
).encode()


def item(
    guid: str,
    title: str,
    day: int,
    *,
    audio: str = "/audio/ep.wav",
    audio_type: str = "audio/wav",
    transcripts: tuple[tuple[str, str], ...] = (),
    chapters: str = "",
    description: str = "",
) -> str:
    tags = "".join(f'<podcast:transcript url="{url}" type="{kind}" language="en"/>' for url, kind in transcripts)
    if chapters:
        tags += f'<podcast:chapters url="{chapters}" type="application/json+chapters"/>'
    return (
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{escape(title)}</title>"
        f"<pubDate>{day:02d} Nov 2026 10:00:00 +0000</pubDate><itunes:duration>00:02</itunes:duration>"
        f"<link>https://example.invalid/{guid}</link>"
        f"<description>{escape(description)}</description>"
        f'<enclosure url="{audio}" type="{audio_type}" length="0"/>{tags}</item>'
    )


def feed(title: str, items: list[str], extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<rss version="2.0" xmlns:podcast="{PODCAST_NS}" xmlns:itunes="{ITUNES_NS}"><channel>'
        f"<title>{escape(title)}</title><link>https://example.invalid/show</link>"
        f"<description>A show</description><itunes:author>Loopback People</itunes:author>{extra}"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def serve_show(server: LoopbackServer, path: str = "/feed.xml", title: str = "Loopback Radio") -> str:
    """Serve the fixture show and every file it links; returns the feed's URL."""
    base = server.base
    files = {
        "/t/ep1.json": (JSON_TRANSCRIPT, "application/json"),
        "/t/ep1.vtt": (VTT, "text/vtt"),
        "/t/ep2.srt": (SRT, "application/x-subrip"),
        "/t/ep3.html": (HTML, "text/html"),
        "/t/ep4.txt": (TEXT, "text/plain"),
        "/c/ep1.json": (CHAPTERS, "application/json+chapters"),
        "/audio/ep.wav": (tone_wav(2.0), "audio/wav"),
    }
    for name, (body, kind) in files.items():
        server.routes[name] = Reply(body, kind)
    items = [
        item(
            "ep1",
            "Word-timed episode",
            5,
            transcripts=((f"{base}/t/ep1.vtt", "text/vtt"), (f"{base}/t/ep1.json", "application/json")),
            chapters=f"{base}/c/ep1.json",
            description='<p>Show notes with <a href="https://example.invalid/x">a link</a>'
            '<img src="https://tracker.invalid/pixel.gif"></p>',
        ),
        item("ep2", "Subtitles episode", 4, transcripts=((f"{base}/t/ep2.srt", "application/x-subrip"),)),
        item("ep3", "Web page episode", 3, transcripts=((f"{base}/t/ep3.html", "text/html"),)),
        item("ep4", "Plain text episode", 2, transcripts=((f"{base}/t/ep4.txt", "text/plain"),)),
        item("ep5", "No transcript episode", 1),
    ]
    server.routes[path] = Reply(feed(title, items))
    return server.url(path)
