"""Figures for following podcasts.

    uv run python benchmarks/feed_figures.py      (prints JSON)

- feed_parse_ms: reading a 2,000-episode feed (Podcasting 2.0 tags, a
  transcript and chapters per episode, long show notes; about 4 MB) with
  reader.feeds.feed.parse_feed. Median of 5.
- feed_save_ms: writing those 2,000 episodes into a library (one transaction).
- feeds_refresh_unchanged_ms: refreshing 50 subscribed feeds that have not
  changed, one after the other, over loopback (a real HTTP server on
  127.0.0.1): 50 conditional requests answered 304, no parsing. Median of 5.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the loopback server the tests use


def big_feed(episodes: int = 2000) -> bytes:
    from podcast_fixtures import feed, item

    notes = "<p>" + "Show notes with a <a href='https://example.invalid/'>link</a>. " * 20 + "</p>"
    items = [
        item(
            f"guid-{n}",
            f"Episode {n}: a conversation about reading along",
            1 + n % 28,
            transcripts=((f"/t/{n}.json", "application/json"), (f"/t/{n}.vtt", "text/vtt")),
            chapters=f"/c/{n}.json",
            description=notes,
        )
        for n in range(episodes)
    ]
    return feed("A long-running show", items)


def _median_ms(action, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def feed_figures() -> dict:
    from loopback_server import LoopbackServer, Reply

    from reader.feeds.feed import parse_feed
    from reader.feeds.http import Fetcher
    from reader.feeds.service import fetch_feed, refresh, save_fetched
    from reader.feeds.storage import FeedStorage
    from reader.store import Store

    data = big_feed()
    parsed = parse_feed(data, "http://127.0.0.1/feed.xml")
    figures = {
        "feed_bytes": len(data),
        "feed_episodes": len(parsed.episodes),
        "feed_parse_ms": _median_ms(lambda: parse_feed(data, "http://127.0.0.1/feed.xml")),
    }
    server = LoopbackServer()
    try:
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store, Fetcher() as fetcher:
            feeds = FeedStorage(store.connection)
            start = time.perf_counter()
            feeds.save_feed(parsed)
            figures["feed_save_ms"] = round((time.perf_counter() - start) * 1000, 1)
            small = big_feed(20)
            for n in range(50):
                server.routes[f"/feed{n}.xml"] = Reply(small.replace(b"A long-running show", f"Show {n}".encode()))
            subscriptions = [save_fetched(feeds, fetch_feed(fetcher, server.url(f"/feed{n}.xml"))) for n in range(50)]

            def refresh_all() -> None:
                for subscription in subscriptions:
                    if refresh(fetcher, subscription).feed is not None:
                        raise AssertionError("an unchanged feed was fetched again")

            figures["feeds_refresh_unchanged_ms"] = _median_ms(refresh_all)
    finally:
        server.close()
    return figures


if __name__ == "__main__":
    print(json.dumps(feed_figures(), indent=1))
