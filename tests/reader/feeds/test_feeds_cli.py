"""``transcript-reader subscribe`` and ``import-opml`` against a loopback server."""

from __future__ import annotations

from podcast_fixtures import serve_show

from reader.cli import main
from reader.feeds.storage import FeedStorage
from reader.store import Store


def test_subscribe_follows_a_show_and_says_what_it_publishes(server, tmp_path, capsys):
    url = serve_show(server)
    assert main(["subscribe", url, "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Following Loopback Radio: 5 episodes, 4 with a transcript.\n"
    with Store.open(tmp_path) as store:
        assert [show.url for show in FeedStorage(store.connection).subscriptions()] == [url]


def test_subscribe_to_a_missing_feed_is_one_sentence_and_status_1(server, tmp_path, capsys):
    assert main(["subscribe", server.url("/gone.xml"), "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "transcript-reader: The feed was not found (404) at 127.0.0.1; the show may have moved or ended.\n"
    )


def test_import_opml_follows_each_feed_and_reports_the_ones_that_fail(server, tmp_path, capsys):
    url = serve_show(server)
    opml = tmp_path / "subs.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" text="A" xmlUrl="{url}"/>'
        f'<outline type="rss" text="B" xmlUrl="{server.url("/gone.xml")}"/></body></opml>'
    )
    assert main(["import-opml", str(opml), "--data-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "Following Loopback Radio: 5 episodes, 4 with a transcript.",
        "1 of 2 podcasts followed.",
    ]
    assert "was not found (404)" in captured.err


def test_import_opml_of_a_file_that_is_not_opml_says_so(tmp_path, capsys):
    bad = tmp_path / "subs.opml"
    bad.write_text("<rss/>")
    assert main(["import-opml", str(bad), "--data-dir", str(tmp_path)]) == 1
    assert "is not an OPML file" in capsys.readouterr().err
