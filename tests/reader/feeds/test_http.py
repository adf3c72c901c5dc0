"""The HTTP client against a real loopback server: limits, moves and hostile answers."""

from __future__ import annotations

import pytest
from loopback_server import Redirect, Reply

from reader.feeds.errors import FeedError
from reader.feeds.http import check_url


def test_an_unchanged_feed_costs_one_conditional_request_answered_304(server, fetcher):
    server.routes["/f"] = Reply(b"<rss/>")
    first = fetcher.get(server.url("/f"))
    again = fetcher.get(server.url("/f"), etag=first.etag, last_modified=first.last_modified)
    assert first.body == b"<rss/>" and first.etag
    assert again.not_modified and again.body == b""
    assert server.requests[-1][1]["If-None-Match"] == first.etag


def test_a_permanent_move_reports_the_new_address_and_a_temporary_one_does_not(server, fetcher):
    server.routes |= {"/old": Redirect("/new", 301), "/tmp": Redirect("/new", 302), "/new": Reply(b"<rss/>")}
    assert fetcher.get(server.url("/old")).moved_to == server.url("/new")
    assert fetcher.get(server.url("/tmp")).moved_to is None


@pytest.mark.parametrize(
    ("route", "sentence"),
    [
        (Reply(b"", status=404), r"was not found \(404\)"),
        (Reply(b"", status=410), r"is gone \(410\)"),
        (Reply(b"", status=503), r"busy or failing \(503\)"),
        (Redirect("/loop"), "redirects in a loop"),
        (Redirect("file:///etc/passwd"), "not http or https"),
        (Reply(b"x" * 100, drop_after=10), "broke off sending"),
    ],
)
def test_failed_requests_become_one_sentence(server, fetcher, route, sentence):
    server.routes["/loop"] = route
    with pytest.raises(FeedError, match=sentence):
        fetcher.get(server.url("/loop"))


def test_a_server_that_never_answers_times_out_with_a_sentence(server, fetcher):
    server.routes["/stall"] = Reply(b"<rss/>" * 10, stall=True)
    with pytest.raises(FeedError, match="stopped sending"):
        fetcher.get(server.url("/stall"))


def test_an_oversized_feed_is_dropped_once_past_the_cap(server, fetcher):
    server.routes["/big"] = Reply(b"<rss>" + b" " * 300_000)
    with pytest.raises(FeedError, match="far larger than a feed"):
        fetcher.get(server.url("/big"), max_bytes=100_000)


def test_nothing_but_http_and_https_is_fetched():
    for url in ("file:///etc/passwd", "ftp://host/feed", "javascript:alert(1)", "feed.xml"):
        with pytest.raises(FeedError, match="Only web addresses"):
            check_url(url)
    with pytest.raises(FeedError, match="no server name"):
        check_url("http:///feed")
    with pytest.raises(FeedError, match="is not a web address that can be read"):
        check_url("http://[::1/feed")


def test_nothing_listens_gives_a_sentence_not_a_traceback(fetcher):
    with pytest.raises(FeedError, match="could not be reached"):
        fetcher.get("http://127.0.0.1:9/feed.xml")


def test_a_broken_download_resumes_where_it_stopped(server, fetcher, tmp_path):
    body = bytes(range(256)) * 400
    server.routes["/a.mp3"] = Reply(body, "audio/mpeg", drop_after=40_000)
    target = tmp_path / "a.mp3"
    with pytest.raises(FeedError, match="broke off|stopped sending"):
        fetcher.download(server.url("/a.mp3"), target)
    assert not target.exists()
    server.routes["/a.mp3"] = Reply(body, "audio/mpeg")
    seen = []
    assert fetcher.download(server.url("/a.mp3"), target, progress=lambda done, total: seen.append((done, total)))
    assert target.read_bytes() == body
    assert server.requests[-1][1]["Range"].startswith("bytes=")
    assert seen[-1] == (len(body), len(body))


def test_a_cancelled_download_keeps_its_part_for_later(server, fetcher, tmp_path):
    server.routes["/a.mp3"] = Reply(b"x" * 300_000, "audio/mpeg")
    target = tmp_path / "a.mp3"
    assert not fetcher.download(server.url("/a.mp3"), target, cancelled=lambda: True)
    assert not target.exists()
    assert (tmp_path / "a.mp3.part").exists()


def test_a_web_page_where_audio_should_be_is_refused(server, fetcher, tmp_path):
    server.routes["/a.mp3"] = Reply(b"<html>", "text/html")
    with pytest.raises(FeedError, match="text/html, not audio"):
        fetcher.download(server.url("/a.mp3"), tmp_path / "a.mp3", accept=("audio/",))


def test_a_body_still_arriving_after_the_overall_deadline_is_dropped(server):
    """A server trickling a feed cannot hold a worker past the deadline (here: none at all)."""
    from reader.feeds.http import Fetcher, Timeouts

    server.routes["/f"] = Reply(b"<rss/>")
    with Fetcher(Timeouts(connect=2.0, read=1.0, total=0.0)) as impatient:
        with pytest.raises(FeedError, match="stopped sending"):
            impatient.get(server.url("/f"))


def test_a_download_whose_part_is_already_whole_just_finishes(server, fetcher, tmp_path):
    body = b"ID3" + bytes(5000)
    server.routes["/a.mp3"] = Reply(body, "audio/mpeg")
    (tmp_path / "a.mp3.part").write_bytes(body)
    assert fetcher.download(server.url("/a.mp3"), tmp_path / "a.mp3")
    assert (tmp_path / "a.mp3").read_bytes() == body
    assert server.requests[-1][1]["Range"] == f"bytes={len(body)}-"
