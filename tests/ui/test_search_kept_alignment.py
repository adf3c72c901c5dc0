"""Library search in the app: a hit in an episode aligned earlier, not open now, shows and plays the time it is heard.

The other episode's audio has a one-minute ad after its first turn and its
speech starts two seconds late; the app aligned it earlier and kept the
result. "Afterwards", its second turn's first word, is written at 0:10 and
heard at 1:12.
"""

from __future__ import annotations

import pytest
from finished_job import keep_ad_alignment, other_episode_in_library
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app import build_window
from ui.search_dialog import HtmlRole, LibrarySearchDialog

HEARD_MS = 10_000 + 2_000 + 60_000


@pytest.fixture
def player(qtbot):
    from ui.player.fake import FakePlayer

    return FakePlayer(duration_ms=120_000)  # long enough for the other episode's ad


@pytest.fixture
def other_episode(store, tmp_path):
    """An episode in the library with its audio and a highlight, indexed for search; not open."""
    from reader.search import LibrarySearch

    episode, transcript, audio = other_episode_in_library(store, tmp_path)
    search = LibrarySearch(store)
    search.index_episode(episode.id, transcript)
    search.index_highlights(episode.id, store.highlights(episode.id), store.bookmarks(episode.id))
    return episode, transcript, audio, search


def search_and_open(window, qtbot, query: str, kind: str) -> tuple[str, object]:
    """Search in the dialog, open the hit of ``kind``; what its row said and the hit."""
    seen: list = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LibrarySearchDialog)
        qtbot.keyClicks(dialog.field, query)
        qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
        row = next(r for r in range(dialog.model.rowCount()) if dialog.model.hit(r).kind == kind)
        seen.extend([dialog.model.index(row).data(HtmlRole), dialog.model.hit(row)])
        dialog.results.setCurrentIndex(dialog.model.index(row))
        dialog.results.activated.emit(dialog.model.index(row))

    QTimer.singleShot(0, in_dialog)
    window.show_library_search()
    return seen[0], seen[1]


@pytest.fixture
def window_on_another_episode(qtbot, player, settings, store, episode, other_episode):
    window = build_window(player=player, settings=settings, store=store, search=other_episode[3])
    qtbot.addWidget(window)
    window.show()
    assert window.open_transcript(*episode)  # the episode open is not the one searched for
    return window


@pytest.mark.parametrize("kind", ["turn", "highlight"])
def test_a_hit_in_an_aligned_episode_not_open_shows_and_plays_the_time_heard(
    qtbot, window_on_another_episode, other_episode, store, kind
):
    episode, transcript, audio, _search = other_episode
    keep_ad_alignment(store.path, [turn.text for turn in transcript.turns], audio, 9_000, 69_000)
    window = window_on_another_episode
    row, hit = search_and_open(window, qtbot, "afterwards", kind)
    assert "1:12" in row and hit.start_ms == HEARD_MS
    assert window.keeping.episode.id == episode.id
    assert window.player.seeks[-1] == HEARD_MS


def test_a_hit_in_an_aligned_episode_with_the_users_offset_plays_where_its_row_says(
    qtbot, window_on_another_episode, other_episode, store
):
    """The hit's time already holds the episode's sync offset: opening it does not add the offset again."""
    episode, transcript, audio, _search = other_episode
    store.save_time_map(episode.id, {"offset_ms": 3_000, "points": []})
    keep_ad_alignment(store.path, [turn.text for turn in transcript.turns], audio, 9_000, 69_000)
    row, hit = search_and_open(window_on_another_episode, qtbot, "afterwards", "turn")
    assert "1:15" in row and hit.start_ms == HEARD_MS + 3_000
    assert window_on_another_episode.player.seeks[-1] == HEARD_MS + 3_000


def test_a_hit_in_an_episode_never_aligned_shows_and_plays_the_transcripts_time(
    qtbot, window_on_another_episode, other_episode
):
    episode = other_episode[0]
    window = window_on_another_episode
    row, hit = search_and_open(window, qtbot, "afterwards", "turn")
    assert "0:10" in row and hit.start_ms == 10_000 and not hit.heard
    assert window.keeping.episode.id == episode.id
    assert window.player.seeks[-1] == 10_000
