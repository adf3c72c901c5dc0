"""Where a library episode came from, when a podcast feed brought it.

Read by the exports (Readwise's Author and URL, Obsidian's front matter)
with plain sqlite3 on the store's connection, so exporting never imports
the feed or HTTP libraries. Nothing here writes.
"""

from __future__ import annotations

import os
import sqlite3
from typing import NamedTuple


class FeedSource(NamedTuple):
    show: str
    link: str  # the episode's web page; "" when the feed gives none


def feed_source(conn: sqlite3.Connection, transcript_path: str | None) -> FeedSource | None:
    """The show and link of the feed episode whose transcript is at ``transcript_path``."""
    if not transcript_path:
        return None
    try:
        row = conn.execute(
            "SELECT p.title, f.link FROM feed_episodes f JOIN podcasts p ON p.id = f.podcast_id"
            " WHERE f.transcript_path = ? LIMIT 1",
            (os.path.abspath(transcript_path),),
        ).fetchone()
    except sqlite3.OperationalError:  # a library that never followed a podcast has no such tables
        return None
    return FeedSource(row[0] or "", row[1] or "") if row else None
