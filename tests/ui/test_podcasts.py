"""The Podcasts view and opening a feed episode in the window, against a loopback server."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from loopback_server import Reply
from podcast_fixtures import feed, item, serve_show
from PySide6.QtCore import Qt

from reader.feeds.http import Timeouts
from reader.feeds.storage import EpisodeRow, FeedStorage
from reader.feeds.transcripts import TranscriptLink
from reader.store import Store
from ui.library_dialog import AUDIO_MISSING, FILES_OK, files_status
from ui.main_window import MainWindow
from ui.podcasts_controller import PodcastsController
from ui.podcasts_dialog import PodcastsDialog
from ui.podcasts_model import EpisodesModel, title_filter
from ui.podcasts_wiring import Podcasts

TIMEOUTS = Timeouts(connect=2.0, read=1.0, total=5.0)
WAIT_MS = 10_000


def row(n: int, title: str, **changes) -> EpisodeRow:
    values = dict(
        id=n, podcast_id=1, show="Show", show_link="", guid=f"g{n}", title=title, published=1_800_000_000 - n,
        duration_ms=3_900_000, link="", description="", description_html="", audio_url="", audio_type="",
        transcripts=(TranscriptLink("u", "text/vtt"),), chapters_url="c", is_new=False, transcript_path="",
        audio_path="", chapters_path="", opened=False, highlight_count=0,
    )  # fmt: skip
    return EpisodeRow(**(values | changes))


def test_the_episode_model_and_its_title_filter_pass_the_model_tester(qtmodeltester):
    model = EpisodesModel()
    qtmodeltester.check(model)
    model.set_episodes([row(1, "Alpha"), row(2, "Beta", is_new=True, transcripts=()), row(3, "alphabet")])
    qtmodeltester.check(model)
    proxy = title_filter(model)
    proxy.setFilterFixedString("ALPHA")
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Alpha", "alphabet"]


def test_each_row_says_what_is_published_and_what_you_have(tmp_path):
    audio = tmp_path / "a.mp3"
    audio.write_bytes(b"x")
    model = EpisodesModel()
    model.set_episodes(
        [
            row(1, "Read one", opened=True, highlight_count=2, audio_path=str(audio)),
            row(2, "Bare", transcripts=(), chapters_url="", duration_ms=0, published=0, is_new=True),
        ]
    )
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert cells[0][1:] == [
        "Show",
        "2027-01-15",
        "1 h 05 min",
        "Transcript (VTT), chapters",
        "Read, 2 highlights, Downloaded",
    ]
    assert cells[1][2:] == ["—", "—", "No transcript", "New"]
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()


def listed(qtbot, dialog, count: int) -> None:
    """The episodes are read on a worker: wait until the table lists ``count``."""
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == count, timeout=WAIT_MS)


@pytest.fixture
def library(tmp_path):
    store = Store.open(tmp_path / "library")
    yield store
    store.close()


@pytest.fixture
def controller(library, tmp_path, qtbot, settings):
    downloads = tmp_path / "library" / "Podcasts"
    controller = PodcastsController(FeedStorage(library.connection), downloads, settings, timeouts=TIMEOUTS)
    yield controller
    controller.shutdown()  # as the app does at quit: a result still on its way is not read from a closed library


@pytest.fixture
def wired(qtbot, library, tmp_path, player, settings):
    """The main window with its library and Podcasts wired in, as ui.app builds them (no start-up refresh)."""
    window = MainWindow(player, settings)
    qtbot.addWidget(window)
    window.attach_library(library)
    podcasts = Podcasts(window, library, tmp_path / "library", refresh_at_start=False)
    yield window, podcasts
    podcasts.controller.shutdown()  # as the app does when it quits, before its library closes
    window.close()


def subscribed(qtbot, controller, url) -> list[str]:
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        controller.subscribe(url)
    return said.args


def test_adding_a_podcast_lists_its_episodes_newest_first_and_the_search_box_filters(qtbot, server, controller):
    dialog = PodcastsDialog(controller)
    qtbot.addWidget(dialog)
    url = serve_show(server)
    assert subscribed(qtbot, controller, url) == ["Following Loopback Radio: 5 episodes, 4 with a transcript."]
    listed(qtbot, dialog, 5)
    titles = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
    assert titles[0] == "Word-timed episode" and titles[-1] == "No transcript episode"
    assert [dialog.shows.item(r).text() for r in range(dialog.shows.count())] == ["All shows (1)", "Loopback Radio"]
    qtbot.keyClicks(dialog.search, "subtitles")
    assert [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())] == ["Subtitles episode"]
    assert dialog.status.text() == "Following Loopback Radio: 5 episodes, 4 with a transcript."


def test_show_notes_keep_links_and_drop_remote_images(qtbot, server, controller):
    dialog = PodcastsDialog(controller)
    qtbot.addWidget(dialog)
    subscribed(qtbot, controller, serve_show(server))
    listed(qtbot, dialog, 5)
    dialog.table.selectRow(0)
    assert "a link" in dialog.notes.toPlainText()
    html = dialog.notes.toHtml()
    assert 'href="https://example.invalid/x"' in html and "tracker.invalid" not in html
    assert server.hits("/pixel.gif") == 0


def test_a_feed_that_is_missing_says_so_in_one_sentence(qtbot, server, controller):
    said = subscribed(qtbot, controller, server.url("/missing.xml"))
    assert said == ["The feed was not found (404) at 127.0.0.1; the show may have moved or ended."]
    assert controller.subscriptions() == []


def test_opening_an_episode_fetches_its_transcript_streams_the_audio_and_downloads_it(qtbot, server, controller):
    subscribed(qtbot, controller, serve_show(server))
    episode = controller.episodes()[0]
    with qtbot.waitSignal(controller.open_requested, timeout=WAIT_MS) as opened:
        controller.open_episode(episode.id)
    transcript, audio = opened.args
    assert Path(transcript).name == "2026-11-05 Word-timed episode.json"
    assert audio == server.url("/audio/ep.wav")  # streamed while it downloads
    qtbot.waitUntil(lambda: controller.episodes()[0].audio_downloaded, timeout=WAIT_MS)
    assert Path(controller.episodes()[0].audio_path).stem == Path(transcript).stem
    with qtbot.waitSignal(controller.open_requested, timeout=WAIT_MS) as again:
        controller.open_episode(episode.id)
    assert again.args == [transcript, controller.episodes()[0].audio_path]  # offline from now on


def test_an_episode_without_a_transcript_says_so(qtbot, server, controller):
    subscribed(qtbot, controller, serve_show(server))
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        controller.open_episode(controller.episodes()[-1].id)
    assert said.args == [
        "Loopback Radio publishes no transcript for “No transcript episode”, so there is nothing to read along with."
    ]


def test_refreshing_marks_new_episodes_and_reports_feeds_that_fail(qtbot, server, controller):
    url = serve_show(server)
    subscribed(qtbot, controller, url)
    server.routes["/feed.xml"].body = feed("Loopback Radio", [item("ep9", "Brand new", 9)])
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        controller.refresh_all()
    assert said.args == ["1 new episode."]
    assert [e.title for e in controller.episodes() if e.is_new] == ["Brand new"]
    del server.routes["/feed.xml"]
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        controller.refresh_all()
    assert said.args[0].startswith("0 new episodes. 1 podcast could not be refreshed (Loopback Radio: The feed was")


def test_refreshing_can_be_cancelled_between_feeds_keeping_those_already_fetched(qtbot, server, controller):
    """Cancel pressed while the second of three feeds is fetched: the first one's
    new episode is kept, the third feed is not asked, and the status line says so."""
    dialog = PodcastsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    for name in ("Alpha", "Beta", "Gamma"):
        server.routes[f"/{name}.xml"] = Reply(feed(name, [item(f"{name}1", f"{name} one", 1)]))
        subscribed(qtbot, controller, server.url(f"/{name}.xml"))
    for name in ("Alpha", "Gamma"):
        server.routes[f"/{name}.xml"].body = feed(name, [item(f"{name}2", f"{name} two", 2), item(f"{name}1", "", 1)])
    reached, go_on = threading.Event(), threading.Event()
    server.routes["/Beta.xml"].before = lambda: (reached.set(), go_on.wait(WAIT_MS / 1000))
    asked_gamma = server.hits("/Gamma.xml")
    assert not dialog.cancel_refresh_button.isVisibleTo(dialog)

    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    assert dialog.cancel_refresh_button.isVisibleTo(dialog) and not dialog.refresh_button.isEnabled()
    dialog.cancel_refresh_button.setFocus()  # reached with Tab, then pressed
    qtbot.mouseClick(dialog.cancel_refresh_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Stopping the refresh after the feed being fetched…"
    assert not dialog.cancel_refresh_button.isEnabled()  # once is enough
    assert dialog.shows.hasFocus() and not dialog.space.hasFocus()  # typing goes nowhere it would change a value
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        go_on.set()

    assert said.args == ["Refreshing was cancelled; 2 of 3 podcasts were refreshed (1 new episode)."]
    assert dialog.status.text() == said.args[0]
    assert server.hits("/Gamma.xml") == asked_gamma
    assert [e.title for e in controller.episodes() if e.is_new] == ["Alpha two"]
    listed(qtbot, dialog, 4)  # Alpha's two episodes, one each for Beta and Gamma
    assert not dialog.cancel_refresh_button.isVisibleTo(dialog) and dialog.refresh_button.isEnabled()


def test_while_a_refresh_runs_the_shows_menu_cannot_start_another_and_cancel_stops_the_one_running(
    qtbot, server, controller
):
    """The shows list's right-click Refresh rests during a refresh, and asked
    again anyway, no second refresh starts: each feed is asked once, and
    Cancel's sentence is about the one refresh there is."""
    dialog = PodcastsDialog(controller)
    qtbot.addWidget(dialog)
    for name in ("Alpha", "Beta"):
        server.routes[f"/{name}.xml"] = Reply(feed(name, [item(f"{name}1", f"{name} one", 1)]))
        subscribed(qtbot, controller, server.url(f"/{name}.xml"))
    server.routes["/Alpha.xml"].body = feed("Alpha", [item("Alpha2", "Alpha two", 2), item("Alpha1", "", 1)])
    reached, go_on = threading.Event(), threading.Event()
    server.routes["/Alpha.xml"].before = lambda: (reached.set(), go_on.wait(WAIT_MS / 1000))
    asked_alpha = server.hits("/Alpha.xml")
    [refresh] = [action for action in dialog.shows_menu().actions() if action.text() == "Refresh"]
    assert refresh.isEnabled()

    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    [refresh] = [action for action in dialog.shows_menu().actions() if action.text() == "Refresh"]
    assert not refresh.isEnabled()
    controller.refresh_all()  # asked anyway (a menu opened just before the refresh began)
    assert dialog.status.text() == "Podcasts are being refreshed already; the news shows here when it is done."
    messages: list[str] = []
    controller.message.connect(messages.append)
    qtbot.mouseClick(dialog.cancel_refresh_button, Qt.MouseButton.LeftButton)
    go_on.set()
    listed(qtbot, dialog, 3)  # Alpha's new episode, from the one refresh

    assert messages == [
        "Stopping the refresh after the feed being fetched…",
        "Refreshing was cancelled; 1 of 2 podcasts was refreshed (1 new episode).",
    ]
    assert server.hits("/Alpha.xml") == asked_alpha + 1
    assert dialog.refresh_button.isEnabled() and not dialog.cancel_refresh_button.isVisibleTo(dialog)


def test_cancelling_the_quiet_start_up_refresh_says_how_far_it_got(qtbot, server, controller):
    """Nobody asked for the start-up refresh, but whoever cancels it is told the outcome."""
    for name in ("Alpha", "Beta"):
        server.routes[f"/{name}.xml"] = Reply(feed(name, [item(f"{name}1", f"{name} one", 1)]))
        subscribed(qtbot, controller, server.url(f"/{name}.xml"))
    reached, go_on = threading.Event(), threading.Event()
    server.routes["/Alpha.xml"].before = lambda: (reached.set(), go_on.wait(WAIT_MS / 1000))
    controller.refresh_all(quiet=True)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    controller.cancel_refresh()
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        go_on.set()
    assert said.args == ["Refreshing was cancelled; 1 of 2 podcasts was refreshed (0 new episodes)."]


def test_the_start_up_refresh_never_replaces_a_warning_on_the_status_line(
    qtbot, server, library, tmp_path, player, wired
):
    """Why the audio could not be opened matters more than a feed that could not be refreshed."""
    window, podcasts = wired
    subscribed(qtbot, podcasts.controller, serve_show(server))
    del server.routes["/feed.xml"]
    warning = "The audio episode.mp3 could not be opened; it may be damaged."
    window.status.show(warning)
    with qtbot.waitSignal(podcasts.controller.notice, timeout=WAIT_MS) as said:
        podcasts.controller.refresh_all(quiet=True)
    assert said.args[0].startswith("1 podcast could not be refreshed (Loopback Radio: The feed was")
    assert window.status.text == warning
    window.status.clear()
    with qtbot.waitSignal(podcasts.controller.notice, timeout=WAIT_MS) as again:
        podcasts.controller.refresh_all(quiet=True)
    assert window.status.text == again.args[0]  # with nothing to hide, the news is shown


def test_a_long_feed_is_saved_on_a_worker_never_on_the_windows_connection(qtbot, server, library, controller):
    """Saving a 2,000-episode feed must not stall the window: the GUI thread's
    connection (the only one it may use) never writes a feed episode."""
    count = 2000
    server.routes["/long.xml"] = Reply(
        feed("Long Show", [item(f"g{n}", f"Episode {n}", 1 + n % 28) for n in range(count)]), "application/rss+xml"
    )
    written: list[str] = []
    library.connection.set_trace_callback(lambda sql: written.append(sql) if "feed_episodes" in sql else None)
    try:
        assert subscribed(qtbot, controller, server.url("/long.xml")) == [
            f"Following Long Show: {count} episodes, 0 with a transcript."
        ]
        with qtbot.waitSignal(controller.changed, timeout=WAIT_MS):
            controller.refresh_all()
    finally:
        library.connection.set_trace_callback(None)
    assert not [sql for sql in written if sql.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert len(controller.episodes()) == count


def test_a_stalled_server_never_blocks_the_window(qtbot, server, controller):
    """The request runs on a worker: the GUI thread returns at once and hears back later."""
    from loopback_server import Reply

    server.routes["/stall.xml"] = Reply(b"<rss/>", stall=True)
    controller.subscribe(server.url("/stall.xml"))
    assert controller.running
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        pass
    assert said.args == ["127.0.0.1 stopped sending the feed; try again later."]


def test_file_menu_opens_a_podcast_episode_in_the_window_reading_along_with_the_stream(
    qtbot, server, library, tmp_path, player, wired
):
    window, podcasts = wired
    assert {"Podcasts…", "Add Podcast…", "Import OPML…", "Show Downloads"} <= set(podcasts.actions)
    podcasts.actions["Podcasts…"].trigger()
    dialog = podcasts.dialog
    assert dialog.isVisible()
    subscribed(qtbot, podcasts.controller, serve_show(server))
    listed(qtbot, dialog, 5)
    dialog.table.selectRow(1)
    with qtbot.waitSignal(podcasts.controller.open_requested, timeout=WAIT_MS) as opened:
        dialog.open_button.click()
    assert window.windowTitle() == "2026-11-04 Subtitles episode – Transcript Reader"
    assert "Welcome to the srt episode." in window.view.toPlainText()
    assert player.loads[-1] == server.url("/audio/ep.wav")
    assert not dialog.isVisible()  # the episode is in front; Ctrl+Shift+P brings the view back
    assert library.find_episode(path=opened.args[0]).title == "Subtitles episode"  # in the Library and exports
    qtbot.waitUntil(lambda: "downloaded for offline listening" in window.status.text, timeout=WAIT_MS)


def test_the_library_shows_the_downloaded_audio_not_the_address_it_streamed_from(
    qtbot, server, library, tmp_path, player, wired
):
    window, podcasts = wired
    subscribed(qtbot, podcasts.controller, serve_show(server))
    with qtbot.waitSignal(podcasts.controller.audio_downloaded, timeout=WAIT_MS) as downloaded:
        podcasts.controller.open_episode(podcasts.controller.episodes()[0].id)
    assert player.loads[-1] == server.url("/audio/ep.wav")  # it streamed while the download ran
    transcript, audio = downloaded.args
    [summary] = library.episodes()
    assert summary.episode.audio_path == audio and Path(audio).is_file()
    assert files_status(summary) == FILES_OK
    # A library whose row still names the stream (downloaded before this was fixed) is set right at start.
    library.update_episode(summary.episode.id, audio_path=server.url("/audio/ep.wav"))
    assert files_status(library.episodes()[0]) == AUDIO_MISSING
    Podcasts(window, library, tmp_path / "library", refresh_at_start=False)
    assert library.episodes()[0].episode.audio_path == audio


def test_a_download_can_be_cancelled_and_says_it_will_resume(qtbot, server, controller):
    from loopback_server import Reply

    subscribed(qtbot, controller, serve_show(server))
    server.routes["/audio/ep.wav"] = Reply(b"RIFF" * 1000, "audio/wav", stall=True)
    episode = controller.episodes()[0]
    controller.download(episode.id)
    assert controller.downloading
    controller.cancel_download()
    with qtbot.waitSignal(controller.message, timeout=WAIT_MS) as said:
        pass
    assert said.args == ["The download of “Word-timed episode” was cancelled; it resumes when you open it again."]
    assert not controller.downloading


def test_lowering_the_space_limit_removes_the_oldest_audio_at_once(qtbot, controller, settings):
    show = controller.downloads / "Show"
    show.mkdir(parents=True)
    for n, name in enumerate(["old.mp3", "new.mp3", "old.vtt"]):
        (show / name).write_bytes(b"x" * 700_000)
        os.utime(show / name, (1000 + n, 1000 + n))
    with qtbot.waitSignal(controller.message) as said:
        controller.set_space_cap_mb(1)
    assert said.args == ["The audio of an older episode was removed to stay within the space limit."]
    assert sorted(path.name for path in show.iterdir()) == ["new.mp3", "old.vtt"]
    assert settings.podcast_space_mb == 1


def test_an_episode_can_be_read_with_a_transcript_of_ones_own(qtbot, server, controller, tmp_path):
    subscribed(qtbot, controller, serve_show(server))
    mine = tmp_path / "mine.srt"
    mine.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello.\n")
    episode = controller.episodes()[-1]  # the show publishes no transcript for it
    with qtbot.waitSignal(controller.open_requested) as opened:
        controller.open_with_own_transcript(episode.id, str(mine))
    assert opened.args == [str(mine), server.url("/audio/ep.wav")]
    qtbot.waitUntil(lambda: controller.episodes()[-1].audio_downloaded, timeout=WAIT_MS)


def test_unfollowing_a_show_keeps_its_downloads(qtbot, server, controller):
    subscribed(qtbot, controller, serve_show(server))
    with qtbot.waitSignal(controller.open_requested, timeout=WAIT_MS) as opened:
        controller.open_episode(controller.episodes()[1].id)
    qtbot.waitUntil(lambda: not controller.downloading, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.message) as said:
        controller.unsubscribe(controller.subscriptions()[0].id)
    assert said.args == ["You no longer follow Loopback Radio; its downloads and your highlights are kept."]
    assert controller.episodes() == [] and Path(opened.args[0]).is_file()


def test_a_library_locked_by_another_program_is_said_in_one_sentence(qtbot, server, tmp_path, settings):
    import sqlite3

    store = Store.open(tmp_path / "locked", busy_timeout_ms=50)
    controller = PodcastsController(FeedStorage(store.connection), tmp_path / "dl", settings, timeouts=TIMEOUTS)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another copy of the app is writing
    try:
        said = subscribed(qtbot, controller, serve_show(server))
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
    assert said == [
        "The podcast list can't be saved because the library is busy in another program; "
        "close other copies and try again."
    ]
