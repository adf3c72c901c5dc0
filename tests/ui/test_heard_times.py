"""After alignment skips an ad, quotes, exports and search results give the time the words are heard.

The episode's audio has a one-minute ad after the first turn, and its speech
starts two seconds later than the transcript's stamps say. Alignment finds
both; the second turn's first word ("Thanks") is heard at 1:12, not at the
0:10 the transcript writes.
"""

from __future__ import annotations

import pytest
from finished_job import FinishedJob, ad_alignment
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.align.runner import RUNNING
from ui.app import build_window
from ui.search_dialog import LibrarySearchDialog

AD_START, AD_END = 9_000, 69_000
HEARD_MS = 10_000 + 2_000 + (AD_END - AD_START)  # "Thanks": the second turn's first word


def ad_job(texts, audio_path) -> FinishedJob:
    """A worker that has aligned the episode: speech 2 s late, a one-minute ad after the first turn."""
    return FinishedJob(ad_alignment(texts, AD_START, AD_END))


@pytest.fixture
def player(qtbot):
    from ui.player.fake import FakePlayer

    return FakePlayer(duration_ms=120_000)  # the episode with its one-minute ad


@pytest.fixture
def aligned(qtbot, player, settings, store, episode):
    """The episode open with its audio, 'Thanks' highlighted before alignment, then aligned."""
    from reader.search import LibrarySearch

    search = LibrarySearch(store)
    window = build_window(player=player, settings=settings, store=store, search=search)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.alignment.runner.job_factory = ad_job
    assert window.open_transcript(*episode)
    qtbot.waitUntil(lambda: search.indexed_fingerprint(window.keeping.episode.id) is not None, timeout=10_000)
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.transcript_document.map.position_of(1, 0))
    cursor.setPosition(view.transcript_document.map.position_of(1, 6), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    highlight = window.keeping.highlight_selection()
    assert highlight is not None and highlight.anchor.start_ms == 10_000  # the transcript's own time
    window.alignment.start()
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING, timeout=5_000)
    assert window.session.transcript.timing == "word"
    return window, search, highlight


def test_the_word_cursor_and_the_copied_quote_agree_on_the_time_heard(aligned):
    window, _search, highlight = aligned
    turn = window.session.transcript.turns[1]
    assert window.session.to_audio(turn.start_ms) == HEARD_MS  # where clicking the word plays from
    QGuiApplication.clipboard().clear()
    window.highlights_panel.copy_requested.emit("highlight", highlight.id)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("> Thanks")
    assert "[00:01:12] [▶ Play](transcript-reader://open?episode=" in copied and "&t=72&" in copied


def test_an_exported_highlight_after_the_ad_has_the_time_heard(aligned, tmp_path, qtbot):
    window, _search, _highlight = aligned
    target = tmp_path / "export.md"
    assert window.keeping.export("md", False, str(target))
    qtbot.waitUntil(lambda: window.status.text == f"Exported to {target}.", timeout=5_000)
    exported = target.read_text(encoding="utf-8")
    assert "[00:01:12]" in exported and "[00:00:10]" not in exported


def test_a_clip_of_the_highlight_is_cut_where_it_is_heard(aligned):
    window, _search, highlight = aligned
    window.clip_actions.play("highlight", highlight.id)
    assert window.player.seeks[-1] <= HEARD_MS < window.player.seeks[-1] + 2_000  # padded a little before


def test_a_library_search_result_in_the_open_episode_shows_and_plays_the_time_heard(aligned, qtbot):
    window, _search, _highlight = aligned
    seen: list[str] = []

    def search_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LibrarySearchDialog)
        qtbot.keyClicks(dialog.field, "thanks")
        qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
        seen.extend(dialog.model.hit(row).kind for row in range(dialog.model.rowCount()))
        turn_row = next(row for row in range(dialog.model.rowCount()) if dialog.model.hit(row).kind == "turn")
        seen.append(str(dialog.model.hit(turn_row).start_ms))
        dialog.results.setCurrentIndex(dialog.model.index(turn_row))
        dialog.results.activated.emit(dialog.model.index(turn_row))

    QTimer.singleShot(0, search_in_dialog)
    window.show_library_search()
    assert str(HEARD_MS) in seen
    assert window.player.seeks[-1] == HEARD_MS


def test_a_chapter_picked_after_alignment_plays_from_its_first_word_as_heard(aligned):
    window, _search, _highlight = aligned
    second = window.chapters.chapters()[1]  # "Second part", at the third turn
    assert second.start_ms == window.session.transcript.turns[2].start_ms
    window.chapters.seek_requested.emit(second.start_ms)
    assert window.player.seeks[-1] == 20_000 + 2_000 + (AD_END - AD_START)
