from __future__ import annotations

import pytest

from reader.feeds.http import Fetcher, Timeouts

#: Short enough that a stalled server fails a test in about a second.
TEST_TIMEOUTS = Timeouts(connect=2.0, read=1.0, total=5.0)


@pytest.fixture
def fetcher():
    with Fetcher(TEST_TIMEOUTS) as client:
        yield client


@pytest.fixture
def library(tmp_path):
    """A real library file, with the feeds' tables on the store's connection."""
    from reader.feeds.storage import FeedStorage
    from reader.store import Store

    store = Store.open(tmp_path / "library")
    yield store, FeedStorage(store.connection)
    store.close()
