"""The runner behind the window: results shown through the session, kept in the library, reused on reopening."""

from __future__ import annotations

import pytest
from finished_job import FinishedJob

from reader.align import Alignment, transcript_words
from reader.align.runner import DONE, FAILED, RUNNING, AlignmentRunner
from reader.importer import load
from reader.session import EpisodeSession
from reader.store import Store

TEXT = "Transcript\n00:00:00 Ana: Good morning and welcome.\n00:00:05 Ben: Thanks, glad to be here.\n"


class Job(FinishedJob):
    """A worker that finishes at the first poll: each word 400 ms after the last, or a failure sentence."""

    started = 0
    previous = None

    def __init__(self, texts, audio_path, failure: str = "", previous=None) -> None:
        Job.started += 1
        Job.previous = previous
        words = transcript_words(texts)
        starts = [1000 + 400 * index for index in range(len(words))]
        super().__init__(Alignment(words, starts, [s + 300 for s in starts], [True] * len(words), []), failure)


def settle(runner: AlignmentRunner) -> None:
    """Start, and take what the cache and the (finished) worker say until the runner is done."""
    runner.start()
    for _step in range(4):
        runner.poll(timeout=30)


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text(TEXT, encoding="utf-8")
    audio = tmp_path / "episode.mp3"
    audio.write_bytes(b"audio bytes the fake job never decodes")
    opened = EpisodeSession()
    opened.attach_library(Store.open(tmp_path / "library"))
    opened.open(load(path), str(path))
    opened.pair_audio(str(audio))
    yield opened
    opened.store.close()


def test_a_finished_alignment_times_the_words_and_reopening_takes_it_from_the_library(session):
    Job.started = 0
    runner = AlignmentRunner(session, job_factory=Job)
    runner.start()
    assert runner.poll(timeout=30) and Job.started == 1  # nothing in the library's cache: a worker starts
    assert runner.poll()  # the worker is done: its result is applied off this thread
    assert runner.state == RUNNING and session.transcript.timing != "word"
    assert runner.poll(timeout=30) and runner.state == DONE
    assert session.transcript.timing == "word" and session.transcript.turns[1].start_ms == 1000 + 400 * 4
    assert runner.message == "Every word is now timed from the audio: 100% of the words were found in the audio."
    audio = session.audio_path
    session.open(session.parsed, session.path)
    session.pair_audio(audio)
    assert session.transcript.timing != "word"
    runner.start()
    assert runner.poll(timeout=30) and runner.state == DONE and Job.started == 1  # found in the cache
    assert session.transcript.turns[1].start_ms == 1000 + 400 * 4


def test_a_verdict_such_as_not_english_is_kept_but_a_crash_is_tried_again(session):
    def failing(sentence):
        return lambda texts, audio: Job(texts, audio, failure=sentence)

    runner = AlignmentRunner(session, job_factory=failing("Word alignment stopped unexpectedly (code 1)."))
    settle(runner)
    assert runner.state == FAILED
    runner.job_factory = failing("Only 3% of the words could be found in the audio.")
    settle(runner)
    runner.job_factory = None  # a real worker must not be needed now
    settle(runner)
    assert runner.state == FAILED and runner.message == "Only 3% of the words could be found in the audio."


def test_an_episode_opened_before_the_library_takes_its_words_from_the_library_once_it_opens(session, tmp_path):
    Job.started = 0
    first = AlignmentRunner(session, job_factory=Job)
    settle(first)
    first.wait_until_kept(timeout=30)  # aligned once: kept in the library
    store, audio = session.store, session.audio_path
    early = EpisodeSession()  # start-up: the episode opens before the library
    early.open(session.parsed, session.path)
    early.pair_audio(audio)
    runner = AlignmentRunner(early, job_factory=Job)
    runner.start()
    assert runner.poll(timeout=30) and Job.started == 2  # no library yet: a worker starts
    early.attach_library(store)
    runner.library_attached()
    assert runner.poll(timeout=30) and runner.state == DONE and Job.started == 2
    assert early.transcript.timing == "word"


def test_an_edited_transcript_hands_the_earlier_alignment_to_the_worker_so_only_the_edit_is_aligned(session, tmp_path):
    runner = AlignmentRunner(session, job_factory=Job)
    settle(runner)
    runner.wait_until_kept(timeout=30)
    assert runner.state == DONE and Job.previous is None
    edited = tmp_path / "episode.txt"
    edited.write_text(TEXT.replace("glad to be here", "happy to be here"), encoding="utf-8")
    audio = session.audio_path
    session.open(load(edited), str(edited))
    session.pair_audio(audio)
    runner.start()
    runner.poll(timeout=30)
    assert Job.previous.keys == ["good", "morning", "and", "welcome", "thanks", "glad", "to", "be", "here"]
    assert Job.previous.starts[4] == 1000 + 400 * 4
