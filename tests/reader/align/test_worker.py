"""Alignment in its own process: progress, partial words, cancel, and a crash that keeps the estimate."""

from __future__ import annotations

import os
import signal

import pytest
from speech_episode import speak_episode

from reader.align import Previous
from reader.align.worker import CANCELLED, DONE, FAILED, RUNNING, AlignJob
from reader.importer import load

pytestmark = pytest.mark.usefixtures("aligner_ready")

TURNS = ["Good evening and welcome. Tonight we look at how people read along with long interviews."]


@pytest.fixture
def episode(tmp_path):
    made = speak_episode(TURNS, tmp_path)
    return [turn.text for turn in load(made["transcript"]).turns], str(made["audio"])


def run_to_end(job: AlignJob) -> list[float]:
    """Poll as the window's timer would, blocking on the pipe instead of sleeping; returns the fractions seen."""
    fractions = []
    while job.state == RUNNING:
        if job.poll(timeout=30):
            fractions.append(job.fraction)
    return fractions


def test_the_job_reports_progress_and_ends_with_every_word_timed(episode):
    texts, audio = episode
    job = AlignJob(texts, audio)
    fractions = run_to_end(job)
    assert job.state == DONE, job.message
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    result = job.alignment()
    assert result.complete and len(result.starts) == len(job.words) == 15
    assert result.starts == sorted(result.starts)
    assert result.placed_fraction > 0.9


def test_cancelling_stops_the_aligner_process(episode):
    texts, audio = episode
    job = AlignJob(texts, audio)
    pid = job.pid
    job.cancel()
    assert job.state == CANCELLED
    assert not job.poll()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_crashed_aligner_is_reported_in_one_sentence(episode):
    texts, audio = episode
    job = AlignJob(texts, audio)
    os.kill(job.pid, signal.SIGKILL)
    run_to_end(job)
    assert job.state == FAILED
    assert job.message == (
        "Word alignment stopped unexpectedly (the aligner was stopped by signal 9); the estimated times stay."
    )


def test_an_earlier_alignment_travels_to_the_worker_and_unchanged_words_keep_their_times(episode):
    texts, audio = episode
    first = AlignJob(texts, audio)
    run_to_end(first)
    again = AlignJob(
        [texts[0].replace("Good evening", "Good evening!")], audio, previous=Previous.of(first.alignment())
    )
    run_to_end(again)
    assert again.state == DONE, again.message
    assert again.alignment().starts == first.alignment().starts
