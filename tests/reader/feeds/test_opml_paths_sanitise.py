"""OPML from other podcast apps, safe download names, and safe show notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.feeds.errors import FeedError
from reader.feeds.opml import parse_opml, read_opml
from reader.feeds.paths import episode_stem, inside, safe_name, show_folder
from reader.feeds.sanitise import sanitise_html

OPML = b"""<?xml version="1.0" encoding="utf-8"?>
<opml version="1.0"><head><title>AntennaPod Subscriptions</title></head><body>
<outline text="Loopback Radio" title="Loopback Radio" type="rss" xmlUrl="http://127.0.0.1/a.xml" htmlUrl="x"/>
<outline text="Folder"><outline text="Nested" type="rss" xmlUrl="http://127.0.0.1/b.xml"/></outline>
<outline text="Again" type="rss" xmlUrl="http://127.0.0.1/a.xml"/>
</body></opml>"""


def test_opml_lists_every_feed_once_including_those_in_folders():
    feeds = parse_opml(OPML)
    assert [(feed.url, feed.title) for feed in feeds] == [
        ("http://127.0.0.1/a.xml", "Loopback Radio"),
        ("http://127.0.0.1/b.xml", "Nested"),
    ]


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"<opml><body><outline text='no feeds'/></body></opml>", "lists no podcast feeds"),
        (b"<rss/>", "not an OPML file"),
        (b"<opml><body>", "not a readable OPML file"),
        (b'<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml>&a;</opml>', "entity declarations"),
    ],
)
def test_bad_opml_gets_one_sentence(data, sentence):
    with pytest.raises(FeedError, match=sentence):
        parse_opml(data, "subs.opml")


def test_a_missing_opml_file_says_it_cannot_be_read(tmp_path):
    with pytest.raises(FeedError, match="cannot be read"):
        read_opml(tmp_path / "nope.opml")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_that_never_ends_is_refused_as_too_large_instead_of_read_for_ever():
    with pytest.raises(FeedError, match="too large for a list of subscriptions"):
        read_opml("/dev/zero")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "etc passwd"),
        ("/absolute/path", "absolute path"),
        ("C:\\Windows\\system32", "C Windows system32"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("..", "Untitled"),
        ("  dots...  ", "dots"),
        ("a\x00b\nc", "a b c"),
        ("Ep 1: What? <Yes> | No*", "Ep 1 What Yes No"),
    ],
)
def test_names_from_feeds_become_one_safe_file_name(name, safe):
    assert safe_name(name) == safe


def test_downloads_stay_inside_the_downloads_folder(tmp_path):
    folder = show_folder(tmp_path, "../../outside")
    assert inside(tmp_path, folder)
    assert folder.parent == tmp_path
    assert not inside(tmp_path, tmp_path / ".." / "x")
    assert len(safe_name("x" * 500)) <= 80


def test_episode_files_are_named_by_date_then_title():
    assert episode_stem("Hello / World", 1_800_000_000) == "2027-01-15 Hello World"
    assert episode_stem("No date", 0) == "No date"


def test_show_notes_keep_text_and_links_but_no_images_scripts_or_odd_links():
    html = (
        '<p>Hi <b>there</b> <a href="https://example.invalid/a" onclick="x()">link</a></p>'
        '<img src="https://tracker.invalid/p.gif"><script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a><style>p{}</style>&lt;tag&gt;'
    )
    clean = sanitise_html(html)
    assert clean == 'Hi there <a href="https://example.invalid/a">link</a>bad&lt;tag&gt;'
