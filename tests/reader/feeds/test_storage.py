"""The feeds' storage on the library file."""

from __future__ import annotations

from reader.feeds.storage import FeedStorage
from reader.store import Store


def test_a_workers_connection_can_be_as_patient_with_a_busy_library_as_the_windows(tmp_path):
    """A feed is saved on a worker's own connection; given the window's
    patience, a busy library is reported after the same wait on both."""
    store = Store.open(tmp_path / "library", busy_timeout_ms=1234)
    try:
        window_side = FeedStorage(store.connection)
        assert window_side.busy_timeout_ms == 1234
        assert window_side.path is not None
        worker_side = FeedStorage.open(window_side.path, window_side.busy_timeout_ms)
        try:
            assert worker_side.busy_timeout_ms == 1234
        finally:
            worker_side.close()
    finally:
        store.close()
