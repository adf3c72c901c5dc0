"""Reading feeds: Podcasting 2.0 transcripts and chapters, and what is not a feed."""

from __future__ import annotations

import pytest
from podcast_fixtures import feed, item

from reader.feeds.errors import FeedError
from reader.feeds.feed import feed_links_in_page, parse_feed
from reader.feeds.transcripts import TranscriptLink, pick_transcript

URL = "http://127.0.0.1/feed.xml"


def test_a_feed_lists_its_episodes_newest_first_with_every_transcript_and_chapters():
    data = feed(
        "Show & Tell",
        [
            item("a", "Older", 1, transcripts=(("/t/a.srt", "application/x-subrip"),)),
            item(
                "b",
                "Newer",
                9,
                transcripts=(("/t/b.vtt", "text/vtt"), ("/t/b.json", "application/json")),
                chapters="/c/b.json",
            ),
        ],
    )
    parsed = parse_feed(data, URL)
    assert parsed.title == "Show & Tell"
    assert parsed.author == "Loopback People"
    assert [episode.title for episode in parsed.episodes] == ["Newer", "Older"]
    newer = parsed.episodes[0]
    assert [link.mime for link in newer.transcripts] == ["text/vtt", "application/json"]
    assert newer.transcripts[0].url == "http://127.0.0.1/t/b.vtt"  # relative links resolved
    assert newer.best_transcript.url.endswith("/t/b.json")
    assert newer.chapters_url == "http://127.0.0.1/c/b.json"
    assert newer.duration_ms == 2000
    assert newer.audio_type == "audio/wav"


def test_the_richest_transcript_is_picked_json_then_vtt_or_srt_then_html_then_text():
    links = [TranscriptLink(f"u{n}", mime) for n, mime in enumerate(["text/plain", "text/html", "application/srt"])]
    assert pick_transcript(links).mime == "application/srt"
    assert pick_transcript(links[:2]).mime == "text/html"
    assert pick_transcript([TranscriptLink("x", "application/pdf")]) is None


def test_an_untyped_transcript_is_known_by_its_file_name():
    parsed = parse_feed(feed("S", [item("a", "A", 1, transcripts=(("/t/a.vtt", ""),))]), URL)
    assert parsed.episodes[0].transcripts[0].mime == "text/vtt"


def test_the_feeds_announced_new_address_is_read():
    parsed = parse_feed(feed("S", [], extra="<itunes:new-feed-url>http://127.0.0.1/new.xml</itunes:new-feed-url>"), URL)
    assert parsed.new_url == "http://127.0.0.1/new.xml"


def test_a_web_page_is_not_a_feed_but_may_name_one():
    page = b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    with pytest.raises(FeedError, match="web page, not a podcast feed"):
        parse_feed(page, URL)
    assert feed_links_in_page(page, "http://127.0.0.1/show") == ["http://127.0.0.1/rss"]


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"<rss><channel><title>cut off", "not well-formed XML"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a podcast feed"),
        (b"\x00\x01garbage", "not well-formed XML"),
    ],
)
def test_broken_feeds_get_one_sentence(data, sentence):
    with pytest.raises(FeedError, match=sentence):
        parse_feed(data, URL)


def test_an_xml_bomb_is_refused_without_expanding_it():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(8))
        + b"]><rss><channel><title>&i;</title></channel></rss>"
    )
    with pytest.raises(FeedError, match="entity declarations"):
        parse_feed(bomb, URL)
