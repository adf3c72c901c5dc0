"""``transcript-reader subscribe URL`` and ``transcript-reader import-opml FILE``."""

from __future__ import annotations

import argparse
import sys


def _parser(prog: str, description: str, what: str, help_text: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(what, help=help_text)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the library folder (default: TRANSCRIPT_READER_HOME or your user data folder)",
    )
    return parser


def subscribe_command(argv: list[str]) -> int:
    args = _parser(
        "transcript-reader subscribe",
        "Follow a podcast: its episodes appear in the app's Podcasts view.",
        "url",
        "the feed's address, or the podcast's web page that links its feed",
    ).parse_args(argv)
    return _with_library(args.data_dir, lambda feeds, fetcher: _subscribe(feeds, fetcher, [args.url]))


def import_opml_command(argv: list[str]) -> int:
    args = _parser(
        "transcript-reader import-opml",
        "Follow every podcast in an OPML file exported from another podcast app.",
        "file",
        "the OPML file (AntennaPod, Overcast, Pocket Casts and Apple Podcasts export one)",
    ).parse_args(argv)
    from reader.feeds.errors import FeedError
    from reader.feeds.opml import read_opml

    try:
        urls = [feed.url for feed in read_opml(args.file)]
    except FeedError as error:
        print(f"transcript-reader: {error}", file=sys.stderr)
        return 1
    return _with_library(args.data_dir, lambda feeds, fetcher: _subscribe(feeds, fetcher, urls))


def _with_library(data_dir: str | None, action) -> int:
    from reader.data_dir import resolve_data_dir
    from reader.feeds.http import Fetcher
    from reader.feeds.storage import FeedStorage
    from reader.store import Store, StoreError

    try:
        with Store.open(resolve_data_dir(data_dir)) as store, Fetcher() as fetcher:
            return action(FeedStorage(store.connection), fetcher)
    except StoreError as error:
        print(f"transcript-reader: {error}", file=sys.stderr)
        return 1


def _subscribe(feeds, fetcher, urls: list[str]) -> int:
    """One line per feed; status 1 only when none could be followed."""
    from reader.feeds.errors import FeedError
    from reader.feeds.service import fetch_feed, following_sentence, save_fetched

    followed = 0
    for url in urls:
        try:
            show = save_fetched(feeds, fetch_feed(fetcher, url))
        except FeedError as error:
            print(f"transcript-reader: {error}", file=sys.stderr)
            continue
        print(following_sentence(feeds, show))
        followed += 1
    if len(urls) > 1:
        print(f"{followed} of {len(urls)} podcasts followed.")
    return 0 if followed else 1
