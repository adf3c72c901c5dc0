"""Highlights from a followed podcast's episode export with its show and link."""

from __future__ import annotations

import csv
import io

from podcast_fixtures import serve_show

from reader.export.files import render
from reader.feeds import service
from reader.importer import load
from reader.keep import Anchor
from reader.links import episode_key


def test_readwise_and_obsidian_exports_name_the_show_and_link_the_episode(server, fetcher, library, tmp_path):
    store, feeds = library
    show = service.save_fetched(feeds, service.fetch_feed(fetcher, serve_show(server)))
    episode = feeds.episodes(show.id)[1]
    path = service.fetch_episode_files(fetcher, episode, tmp_path / "Podcasts").transcript_path
    feeds.set_files(episode.id, transcript_path=path)
    kept, _ = store.open_episode(load(path), path)
    kept = store.update_episode(kept.id, title=episode.title)
    quote = "Welcome to the srt episode."
    store.add_highlight(kept.id, Anchor(0, 5, 0, 32, quote, "Ada: ", "", 0, 1000), ["Ada"], "yellow")

    rows = list(csv.DictReader(io.StringIO(render(store, [kept], "csv"))))
    assert [(r["Title"], r["Author"]) for r in rows] == [("Subtitles episode", "Loopback Radio")]
    # Readwise's URL opens the moment in the app (issue 16); the episode's page
    # is kept in the Obsidian note's front matter.
    assert rows[0]["URL"].startswith(f"transcript-reader://open?episode={episode_key(kept.fingerprint)}")
    markdown = render(store, [kept], "md")
    assert 'show: "Loopback Radio"' in markdown
    assert 'link: "https://example.invalid/ep2"' in markdown


def test_episodes_not_from_a_feed_export_as_before(library, tmp_path):
    store, _feeds = library
    transcript = tmp_path / "talk.srt"
    transcript.write_text("1\n00:00:01,000 --> 00:00:02,000\nGrace: Hello there.\n")
    kept, _ = store.open_episode(load(transcript), str(transcript))
    store.add_highlight(kept.id, Anchor(0, 0, 0, 5, "Hello", "", " there.", 1000, 2000), ["Grace"], "blue")
    rows = list(csv.DictReader(io.StringIO(render(store, [kept], "csv"))))
    assert rows[0]["URL"].startswith("transcript-reader://open?episode=")
    assert "show:" not in render(store, [kept], "md")
