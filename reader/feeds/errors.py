"""The one error the feeds package raises to its callers."""

from __future__ import annotations


class FeedError(Exception):
    """A problem with a feed, a download or an OPML file; ``str()`` is one
    sentence saying what was wrong and what to do."""
