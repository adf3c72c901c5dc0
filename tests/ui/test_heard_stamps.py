"""After alignment skips an ad, the stamps, chapters and highlights show the time the words are heard.

The episode's audio has an ad after the first turn and its speech starts two
seconds after the transcript's stamps. Alignment finds both. The transcript
keeps its own clock (the ad taken out); what the reader sees is when each
turn is heard in the audio: the time clicking it plays and the player shows.
"""

from __future__ import annotations

import pytest
from finished_job import FinishedJob
from PySide6.QtGui import QTextCursor

from reader.align import AUDIO_WITHOUT_TEXT, Alignment, Gap, transcript_words
from reader.align.runner import RUNNING
from ui.app import build_window
from ui.chapter_list import ClockRole as ChapterClockRole
from ui.kept_roles import ClockRole as KeptClockRole

AD_START = 9_000
MINUTE_AD = 60_000
#: An ad long enough that the stamps after it need a third minute digit ("101:12").
LONG_AD = 100 * 60_000


def ad_job_factory(ad_ms: int):
    def ad_job(texts, audio_path) -> FinishedJob:
        """A worker that has aligned the episode: speech 2 s late, an ad of ``ad_ms`` after the first turn."""
        words = transcript_words(texts)
        starts, firsts = [], {}
        for index, word in enumerate(words):
            firsts.setdefault(word.turn, index)
            late = ad_ms if word.turn >= 1 else 0
            starts.append(word.turn * 10_000 + 2_000 + 300 * (index - firsts[word.turn]) + late)
        ad = Gap(AD_START, AD_START + ad_ms, AUDIO_WITHOUT_TEXT, firsts[1], firsts[1])
        return FinishedJob(Alignment(words, starts, [s + 250 for s in starts], [True] * len(words), [ad]))

    return ad_job


def stamp_of(window, turn: int) -> str:
    span = window.view.transcript_document.map.spans[turn]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(span.stamp_start)
    cursor.setPosition(span.stamp_end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def background_at(window, turn: int, offset: int) -> str:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.transcript_document.map.position_of(turn, offset) + 1)
    return cursor.charFormat().background().color().name()


def select(window, turn: int, start: int, end: int) -> None:
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.transcript_document.map.position_of(turn, start))
    cursor.setPosition(view.transcript_document.map.position_of(turn, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@pytest.fixture
def player(qtbot):
    from ui.player.fake import FakePlayer

    return FakePlayer(duration_ms=120_000)


@pytest.fixture
def open_episode(qtbot, player, settings, store, episode):
    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    assert window.open_transcript(*episode)
    window.view.finish_building()
    return window


def align(window, qtbot, ad_ms: int = MINUTE_AD) -> None:
    window.alignment.runner.job_factory = ad_job_factory(ad_ms)
    window.alignment.start()
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING and not window.view.retiming, timeout=5_000)
    assert window.session.corrections, "the ad was found"


def test_before_any_correction_the_stamps_are_as_the_file_writes_them(open_episode):
    assert [stamp_of(open_episode, turn) for turn in range(4)] == ["00:00", "00:10", "00:20", "00:30"]


def test_a_stamp_after_the_ad_shows_the_time_it_is_heard_and_clicking_it_plays_there(open_episode, qtbot):
    window = open_episode
    align(window, qtbot)
    assert stamp_of(window, 1) == "01:12"  # 0:10 in the file, 2 s late, after a minute of ad
    assert stamp_of(window, 3) == "01:32"
    window.view.seek_requested.emit(window.session.transcript.turns[1].start_ms)  # what a click on it asks
    assert window.player.seeks[-1] == 72_000


def test_a_stamp_before_the_ad_shows_its_aligned_time_unmoved_by_the_ad(open_episode, qtbot):
    window = open_episode
    align(window, qtbot)
    assert stamp_of(window, 0) == "00:02"  # the first words are heard 2 s in; the ad comes later


def test_removing_the_ad_in_the_sync_panel_puts_the_stamps_back_on_the_text_clock(open_episode, qtbot):
    window = open_episode
    align(window, qtbot)
    window.alignment.corrections.items.setCurrentRow(0)
    window.alignment.corrections.remove_button.click()
    qtbot.waitUntil(lambda: not window.view.retiming, timeout=5_000)
    assert stamp_of(window, 1) == "00:12"  # the transcript's own clock: the ad no longer counts
    assert stamp_of(window, 0) == "00:02"


def test_a_sync_point_moves_the_stamps_after_it_and_removing_it_moves_them_back(open_episode, qtbot):
    window = open_episode
    window.player.seek(25_000)
    assert window.session.pin(3, 0, window.player.position_ms())  # "Gladly" (0:30 in the text) is heard at 0:25
    qtbot.waitUntil(lambda: not window.view.retiming, timeout=5_000)
    assert [stamp_of(window, turn) for turn in range(4)] == ["00:00", "00:05", "00:15", "00:25"]
    window.session.remove_sync_point(0)
    qtbot.waitUntil(lambda: not window.view.retiming, timeout=5_000)
    assert [stamp_of(window, turn) for turn in range(4)] == ["00:00", "00:10", "00:20", "00:30"]


def test_the_chapter_list_and_the_bars_ticks_show_when_each_chapter_is_heard(open_episode, qtbot):
    window = open_episode
    model = window.chapters.model  # the list, built on first use
    align(window, qtbot)
    assert [model.index(row).data(ChapterClockRole) for row in range(model.rowCount())] == ["00:02", "01:22"]
    assert [chapter.start_ms for chapter in window.player_bar.slider.chapters()] == [2_000, 82_000]  # the bar's ticks
    window.alignment.corrections.items.setCurrentRow(0)
    window.alignment.corrections.remove_button.click()
    assert model.index(1).data(ChapterClockRole) == "00:22"
    ticks = [chapter.start_ms for chapter in window.player_bar.slider.chapters()]
    assert ticks == [chapter.start_ms for chapter in window.session.transcript.chapters]  # the text's own clock


def test_the_highlights_panel_shows_when_a_highlight_is_heard(open_episode, qtbot):
    window = open_episode
    select(window, 1, 0, 6)
    highlight = window.keeping.highlight_selection()
    assert highlight is not None
    model = window.highlights_panel.model
    row = model.row_of("highlight", highlight.id)
    assert model.index(row).data(KeptClockRole) == "00:10"
    align(window, qtbot)
    assert model.index(row).data(KeptClockRole) == "01:12"


@pytest.mark.parametrize("ad_ms", [MINUTE_AD, LONG_AD], ids=["same-length stamps", "longer stamps"])
def test_the_selection_and_highlights_stay_on_their_words_as_stamps_change(open_episode, qtbot, ad_ms):
    window = open_episode
    select(window, 2, 0, 6)
    highlight = window.keeping.highlight_selection()
    assert highlight is not None
    highlighted = background_at(window, 2, 0)
    select(window, 3, 0, 6)
    align(window, qtbot, ad_ms)
    assert stamp_of(window, 3) == ("01:32" if ad_ms == MINUTE_AD else "100:32")
    assert window.view.textCursor().selectedText() == "Gladly"
    assert background_at(window, 2, 0) == highlighted != background_at(window, 1, 0)
    start = window.view.transcript_document.map.position_of(3, 0)
    assert window.view.document().toPlainText()[start : start + 6] == "Gladly"


class AdFoundAtTheEndJob:
    """A worker that hands over every word first (heard times, the ad inside them,
    no gaps yet, as the real worker does), and the gap only when it finishes."""

    def __init__(self, texts, audio_path) -> None:
        self._finished = ad_job_factory(MINUTE_AD)(texts, audio_path).alignment()
        self.state, self.fraction, self.message, self.words_ready = "running", 0.5, "", 0
        self.may_finish = False

    def poll(self, timeout: float = 0.0) -> bool:
        if self.words_ready == 0:
            self.words_ready = len(self._finished.starts)
            return True
        if self.may_finish and self.state == "running":
            self.state, self.fraction = "done", 1.0
            return True
        return False

    def alignment(self) -> Alignment:
        done, found = self.state == "done", self._finished
        return Alignment(found.words, found.starts, found.ends, found.placed, found.gaps if done else [], done)

    def cancel(self) -> None:
        self.state = "cancelled"


def test_stamps_after_the_ad_do_not_jump_when_alignment_finds_it_at_the_end(open_episode, qtbot, monkeypatch):
    import reader.align.runner

    monkeypatch.setattr(reader.align.runner, "PARTIAL_EVERY_S", 0.0)
    window = open_episode
    jobs: list[AdFoundAtTheEndJob] = []

    def start_job(texts, path) -> AdFoundAtTheEndJob:
        jobs.append(AdFoundAtTheEndJob(texts, path))
        return jobs[-1]

    window.alignment.runner.job_factory = start_job
    window.alignment.start()
    qtbot.waitUntil(lambda: bool(window.session.transcript.turns[1].spans), timeout=5_000)  # the first part is shown
    qtbot.waitUntil(lambda: not window.view.retiming, timeout=5_000)
    assert window.session.transcript.turns[1].start_ms == 72_000  # before the gap is known, text time is audio time
    assert stamp_of(window, 1) == "01:12"
    jobs[-1].may_finish = True
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING and not window.view.retiming, timeout=5_000)
    assert window.session.corrections and window.session.transcript.turns[1].start_ms < 13_000  # the ad taken out
    assert stamp_of(window, 1) == "01:12"  # still when it is heard
