"""Subscribing, refreshing and fetching episodes against a real loopback server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from loopback_server import Redirect, Reply
from podcast_fixtures import CHAPTERS, JSON_TRANSCRIPT, SRT, feed, item, serve_show

from reader.feeds import service
from reader.feeds.errors import FeedError
from reader.importer import load


def subscribe(fetcher, feeds, url):
    return service.save_fetched(feeds, service.fetch_feed(fetcher, url))


def test_subscribing_lists_every_episode_newest_first_with_what_it_publishes(server, fetcher, library):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    episodes = feeds.episodes(show.id)
    assert show.title == "Loopback Radio"
    assert [e.title for e in episodes][:2] == ["Word-timed episode", "Subtitles episode"]
    assert [e.has_transcript for e in episodes] == [True, True, True, True, False]
    assert episodes[0].chapters_url.endswith("/c/ep1.json")
    assert not any(e.is_new for e in episodes)


def test_a_podcast_web_page_leads_to_its_feed(server, fetcher, library):
    _store, feeds = library
    serve_show(server)
    page = b'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    server.routes["/show"] = Reply(page, "text/html")
    assert subscribe(fetcher, feeds, server.url("/show")).url == server.url("/feed.xml")


def test_a_web_page_without_a_feed_says_so(server, fetcher):
    server.routes["/page"] = Reply(b"<html><body>hello</body></html>", "text/html")
    with pytest.raises(FeedError, match="names no podcast feed"):
        service.fetch_feed(fetcher, server.url("/page"))


def test_refreshing_an_unchanged_feed_is_one_304_and_new_episodes_are_marked(server, fetcher, library):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    assert service.refresh(fetcher, show).feed is None
    assert server.requests[-1][1].get("If-None-Match") == show.etag
    server.routes["/feed.xml"] = Reply(feed("Loopback Radio", [item("ep9", "Brand new", 9), item("ep5", "Old", 1)]))
    service.save_fetched(feeds, service.refresh(fetcher, show), show)
    new = [e.title for e in feeds.episodes(show.id) if e.is_new]
    assert new == ["Brand new"]
    assert len(feeds.episodes(show.id)) == 6  # episodes the feed dropped are kept


def test_a_feed_that_moved_is_followed_from_then_on(server, fetcher, library):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server, "/old.xml"))
    serve_show(server, "/new.xml")
    server.routes["/old.xml"] = Redirect("/new.xml", 301)
    fetched = service.refresh(fetcher, show)
    assert fetched.moved_to == server.url("/new.xml")
    assert service.save_fetched(feeds, fetched, show).url == server.url("/new.xml")
    assert len(feeds.subscriptions()) == 1


def test_the_itunes_new_feed_url_is_followed(server, fetcher):
    serve_show(server, "/new.xml")
    moved = f"<itunes:new-feed-url>{server.url('/new.xml')}</itunes:new-feed-url>"
    server.routes["/old.xml"] = Reply(feed("Old name", [], extra=moved))
    fetched = service.fetch_feed(fetcher, server.url("/old.xml"))
    assert fetched.moved_to == server.url("/new.xml")
    assert fetched.feed.title == "Loopback Radio"


def test_opening_an_episode_fetches_the_richest_transcript_and_the_chapters(server, fetcher, library, tmp_path):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    episode = feeds.episodes(show.id)[0]
    files = service.fetch_episode_files(fetcher, episode, tmp_path / "Podcasts")
    assert Path(files.transcript_path).name == "2026-11-05 Word-timed episode.json"
    assert Path(files.transcript_path).read_bytes() == JSON_TRANSCRIPT
    assert Path(files.chapters_path).read_bytes() == CHAPTERS
    assert Path(files.transcript_path).parent == tmp_path / "Podcasts" / "Loopback Radio"
    assert files.problems == ()


def test_a_transcript_that_404s_falls_back_to_the_next_format(server, fetcher, library, tmp_path):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    del server.routes["/t/ep1.json"]
    files = service.fetch_episode_files(fetcher, feeds.episodes(show.id)[0], tmp_path)
    assert files.transcript_path.endswith(".vtt")
    assert files.problems == ("The transcript was not found (404) at 127.0.0.1; the podcast may have taken it down.",)


def test_an_episode_without_a_transcript_says_so(server, fetcher, library, tmp_path):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    files = service.fetch_episode_files(fetcher, feeds.episodes(show.id)[-1], tmp_path)
    assert files.transcript_path == ""
    assert files.problems == ("Loopback Radio publishes no transcript for this episode.",)


def test_the_audio_downloads_beside_the_transcript_so_they_pair_offline(server, fetcher, library, tmp_path):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    episode = feeds.episodes(show.id)[1]
    files = service.fetch_episode_files(fetcher, episode, tmp_path)
    audio = service.download_audio(fetcher, episode, tmp_path)
    assert Path(files.transcript_path).read_bytes() == SRT
    assert Path(audio).stem == Path(files.transcript_path).stem
    assert Path(audio).suffix == ".wav"
    feeds.set_files(episode.id, transcript_path=files.transcript_path, audio_path=audio)
    assert feeds.episode(episode.id).audio_downloaded


def test_an_enclosure_that_is_not_audio_is_refused(server, fetcher, library, tmp_path):
    _store, feeds = library
    server.routes["/feed.xml"] = Reply(feed("S", [item("a", "A", 1, audio="/x.pdf", audio_type="application/pdf")]))
    show = subscribe(fetcher, feeds, server.url("/feed.xml"))
    with pytest.raises(FeedError, match="application/pdf, not audio"):
        service.download_audio(fetcher, feeds.episodes(show.id)[0], tmp_path)


def test_the_space_cap_removes_the_oldest_audio_but_never_transcripts(tmp_path):
    show = tmp_path / "Show"
    show.mkdir()
    for age, name in enumerate(["old.mp3", "mid.mp3", "new.mp3", "old.vtt"]):
        (show / name).write_bytes(b"x" * 1000)
        os.utime(show / name, (1000 + age, 1000 + age))
    removed = service.enforce_space_cap(tmp_path, 1500, keep=(str(show / "old.mp3"),))
    assert [path.name for path in removed] == ["mid.mp3", "new.mp3"]
    assert sorted(path.name for path in show.iterdir()) == ["old.mp3", "old.vtt"]


def test_names_typed_by_users_become_feed_addresses():
    assert service.normalise_feed_url("feed://example.invalid/rss") == "https://example.invalid/rss"
    assert service.normalise_feed_url("example.invalid/rss") == "https://example.invalid/rss"
    with pytest.raises(FeedError, match="Only web addresses"):
        service.fetch_feed(None, "file:///etc/passwd")


def test_an_episode_read_in_the_app_shows_as_opened_in_the_podcasts_list(server, fetcher, library, tmp_path):
    store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))
    episode = feeds.episodes(show.id)[0]
    files = service.fetch_episode_files(fetcher, episode, tmp_path)
    feeds.set_files(episode.id, transcript_path=files.transcript_path)
    assert not feeds.episode(episode.id).opened
    store.open_episode(load(files.transcript_path), files.transcript_path)
    assert feeds.episode(episode.id).opened
    assert feeds.episode_for_transcript(files.transcript_path).title == "Word-timed episode"


def test_an_address_typed_without_http_is_tried_as_https_then_http(server, fetcher, library):
    _store, feeds = library
    url = serve_show(server)
    show = subscribe(fetcher, feeds, url.removeprefix("http://"))
    assert show.url == url


@pytest.mark.parametrize(
    ("body", "kind", "sentence"),
    [
        (b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss>&b;</rss>', "application/rss+xml",
         "uses XML entity declarations"),
        (b"<rss><channel><title>Half a feed", "application/rss+xml", "not well-formed XML"),
        (b"<rss>" + b" " * (32 * 1024 * 1024), "application/rss+xml", "far larger than a feed"),
        (b"just some text", "text/plain", "not well-formed XML"),
    ],
)  # fmt: skip
def test_hostile_or_broken_feeds_are_refused_with_one_sentence(server, fetcher, body, kind, sentence):
    server.routes["/bad.xml"] = Reply(body, kind)
    with pytest.raises(FeedError, match=sentence):
        service.fetch_feed(fetcher, server.url("/bad.xml"))


def test_a_feed_naming_a_file_url_for_a_transcript_never_reads_it(server, fetcher, library, tmp_path):
    _store, feeds = library
    secret = tmp_path / "secret.txt"
    secret.write_text("[00:00:00] Ada: private words\n")
    server.routes["/feed.xml"] = Reply(feed("S", [item("a", "A", 1, transcripts=((secret.as_uri(), "text/plain"),))]))
    show = subscribe(fetcher, feeds, server.url("/feed.xml"))
    files = service.fetch_episode_files(fetcher, feeds.episodes(show.id)[0], tmp_path / "Podcasts")
    assert files.transcript_path == ""
    assert files.problems[0] == "Only web addresses (http or https) can be fetched, not file:; check the address."


def test_a_transcript_the_app_cannot_read_gives_way_to_the_next_format(server, fetcher, library, tmp_path):
    _store, feeds = library
    show = subscribe(fetcher, feeds, serve_show(server))

    def no_json(path: Path) -> str | None:
        return f"{path.name} is in a layout this reader cannot read." if path.suffix == ".json" else None

    files = service.fetch_episode_files(fetcher, feeds.episodes(show.id)[0], tmp_path, no_json)
    assert files.transcript_path.endswith("2026-11-05 Word-timed episode.vtt")
    assert files.problems == ("2026-11-05 Word-timed episode.json is in a layout this reader cannot read.",)
    assert not Path(files.transcript_path).with_suffix(".json").exists()  # the unreadable file is not left behind


def test_a_long_feed_is_saved_in_short_transactions_and_refreshed_in_place(library):
    """Other writers (the window saving a highlight) wait for one chunk at most, never the whole feed."""
    from reader.feeds.feed import parse_feed
    from reader.feeds.storage import SAVE_CHUNK

    store, feeds = library
    count = 2 * SAVE_CHUNK + 1
    chunks = -(-count // SAVE_CHUNK)
    show = parse_feed(
        feed("Long Show", [item(f"g{n}", f"Episode {n}", 1 + n % 28) for n in range(count)]), "https://x.invalid/f"
    )
    commits: list[str] = []
    store.connection.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    subscription = feeds.save_feed(show)
    assert len(commits) == chunks == 3  # the show goes in with the first chunk
    assert len(feeds.episodes(subscription.id)) == count
    commits.clear()
    feeds.save_feed(show, podcast_id=subscription.id)
    store.connection.set_trace_callback(None)
    assert len(commits) == chunks
    assert len(feeds.episodes(subscription.id)) == count and feeds.new_count() == 0


def test_following_a_show_of_one_episode_says_episode_not_episodes(server, fetcher, library):
    _store, feeds = library
    server.routes["/one.xml"] = Reply(feed("Solo Show", [item("only", "The only one", 3)]), "application/rss+xml")
    show = subscribe(fetcher, feeds, f"{server.base}/one.xml")
    assert service.following_sentence(feeds, show) == "Following Solo Show: 1 episode, 0 with a transcript."
