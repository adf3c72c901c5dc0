"""Word alignment in the window: progress with Cancel, real word times, gaps in the Sync panel."""

from __future__ import annotations

import os
import signal

import pytest
from finished_job import FinishedJob
from PySide6.QtCore import Qt
from speech_episode import espeak_available, speak_episode

from reader.align import AUDIO_WITHOUT_TEXT, Alignment, Gap, transcript_words, unavailable_reason
from reader.align.runner import RUNNING

TURNS = [
    "Welcome to the late show. Tonight we talk about gardens in the city and the people who keep them.",
    "Thank you. I have kept a small garden on my roof for ten years, and it still surprises me.",
]


@pytest.fixture
def spoken(tmp_path):
    if unavailable_reason():
        pytest.skip(unavailable_reason())
    if not espeak_available():
        pytest.skip("espeak-ng is needed to speak the test episode")
    return speak_episode(TURNS, tmp_path / "spoken", stamps=False)


def open_aligning(window, settings, spoken) -> None:
    settings.align_automatically = True
    window.open_transcript(spoken["transcript"], spoken["audio"])


def test_opening_an_episode_aligns_its_words_and_alt_click_plays_from_the_real_word(
    window, player, settings, spoken, qtbot
):
    open_aligning(window, settings, spoken)
    assert window.alignment.progress.text().startswith("Aligning words…")
    assert window.alignment.cancel_button.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING, timeout=60_000)
    assert window.status.text.startswith("Every word is now timed from the audio")
    assert not window.alignment.progress.isVisibleTo(window)
    transcript = window.session.transcript
    assert transcript.timing == "word"
    second = transcript.turns[1]
    assert second.span_texts()[:3] == ["Thank", "you.", "I"]
    truth = {(turn, offset): ms for turn, offset, ms in spoken["words"]}
    offset = second.text.index("garden")
    window.view.word_chosen.emit(1, offset + 2)  # Alt+click on the word
    assert abs(player.seeks[-1] - truth[(1, offset)]) <= 250


def test_cancel_stops_aligning_and_says_the_times_stay(window, settings, spoken, qtbot):
    open_aligning(window, settings, spoken)
    qtbot.mouseClick(window.alignment.cancel_button, Qt.MouseButton.LeftButton)
    assert window.alignment.runner.state == "cancelled"
    assert window.status.text == "Word alignment was cancelled; the times shown stay as they are."
    assert not window.alignment.cancel_button.isVisibleTo(window)


def test_a_crashed_aligner_is_one_sentence_and_the_estimate_stays(window, settings, spoken, qtbot):
    open_aligning(window, settings, spoken)
    timing = window.session.transcript.timing
    qtbot.waitUntil(lambda: window.alignment.runner.worker_pid is not None)  # after the library's cache is read
    os.kill(window.alignment.runner.worker_pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING, timeout=30_000)
    assert window.status.text == (
        "Word alignment stopped unexpectedly (the aligner was stopped by signal 9); the estimated times stay."
    )
    assert window.session.transcript.timing == timing != "word"


def ad_found(texts, audio_path) -> FinishedJob:
    """A worker that has already aligned: a one-minute ad found between the two turns."""
    words = transcript_words(texts)
    second = next(index for index, word in enumerate(words) if word.turn == 1)
    starts = [300 * index + (70_000 if index >= second else 0) for index in range(len(words))]
    ad = Gap(9_000, 70_000, AUDIO_WITHOUT_TEXT, second, second)
    return FinishedJob(Alignment(words, starts, [s + 250 for s in starts], [True] * len(words), [ad]))


def test_an_ad_found_by_alignment_is_listed_in_the_sync_panel_and_can_be_removed(window, tmp_path, qtbot):
    transcript = tmp_path / "show.txt"
    transcript.write_text("Transcript\n00:00:00 Ana: " + TURNS[0] + "\n00:00:10 Ben: " + TURNS[1] + "\n")
    audio = tmp_path / "show.mp3"
    audio.write_bytes(b"the fake job never reads it")
    window.alignment.runner.job_factory = ad_found
    window.open_transcript(transcript, audio)
    window.alignment.start()
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING, timeout=5_000)
    listed = window.alignment.corrections.items
    assert [listed.item(row).text() for row in range(listed.count())] == [
        "Ad or music in the audio, 00:09–01:10, skipped"
    ]
    second = len(transcript_words(TURNS[:1]))
    assert window.session.to_audio(window.session.transcript.turns[1].start_ms) == 70_000 + 300 * second
    listed.setCurrentRow(0)
    window.alignment.corrections.remove_button.click()
    assert window.session.corrections == [] and not window.alignment.corrections.isVisibleTo(window)
    assert window.session.to_audio(window.session.transcript.turns[1].start_ms) == 70_000 + 300 * second - 60_999


def headers_of(view) -> list[str]:
    return [line for line in view.toPlainText().splitlines() if line.startswith(("Ana  ", "Ben  "))]


class PartsJob:
    """A worker handing over its result in two parts: the first turns, then every word."""

    def __init__(self, texts, audio_path) -> None:
        self._words = transcript_words(texts)
        self._starts = [2_000 + 400 * index for index in range(len(self._words))]
        self.state, self.fraction, self.message, self.words_ready = "running", 0.5, "", 0
        self._polls = 0

    def poll(self, timeout: float = 0.0) -> bool:
        self._polls += 1
        if self._polls == 1:
            self.words_ready = len(self._words) // 4
        elif self._polls == 2:
            self.state, self.fraction, self.words_ready = "done", 1.0, len(self._words)
        return self._polls <= 2

    def alignment(self) -> Alignment:
        count = self.words_ready
        starts = self._starts[:count]
        return Alignment(self._words, starts, [s + 300 for s in starts], [True] * count, [], self.state == "done")

    def cancel(self) -> None:
        self.state = "cancelled"


def test_aligned_times_rewrite_only_the_stamps_and_the_reader_keeps_their_place_and_selection(
    window, tmp_path, qtbot, monkeypatch
):
    import reader.align.runner

    monkeypatch.setattr(reader.align.runner, "PARTIAL_EVERY_S", 0.0)  # both parts are shown
    transcript = tmp_path / "untimed.txt"
    turns = [f"{('Ana', 'Ben')[n % 2]}: Turn number {n} says a few words about gardens." for n in range(80)]
    transcript.write_text("Transcript\n" + "\n".join(turns) + "\n", encoding="utf-8")
    audio = tmp_path / "untimed.mp3"
    audio.write_bytes(b"the fake job never reads it")
    window.alignment.runner.job_factory = PartsJob
    window.open_transcript(transcript, audio)
    view = window.view
    view.finish_building()
    assert headers_of(view)[1].startswith("Ben  ~")  # estimated: the stamp says so
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    scrolled = view.verticalScrollBar().value()
    document = view.document()
    cursor = view.textCursor()
    position = window.view.transcript_document.map.position_of(40, 5)
    cursor.setPosition(position)
    cursor.setPosition(position + 6, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.alignment.start()
    qtbot.waitUntil(lambda: window.alignment.runner.state != RUNNING and not view.retiming, timeout=10_000)
    assert window.session.transcript.timing == "word"
    assert view.document() is document  # the text was not built again
    assert view.verticalScrollBar().value() == scrolled
    assert view.textCursor().selectedText() == "number"
    shown = window.session.transcript
    headers = headers_of(view)
    assert headers[40] == f"Ana  {window.session.clock.format(shown.turns[40].start_ms)}"
    assert not any("~" in header for header in headers)
    start = view.transcript_document.map.position_of(40, 0)
    assert view.document().toPlainText()[start : start + 11] == "Turn number"  # clicks land on the words
