"""Alignment in its own process: progress, partial words, cancel, and a crash that keeps the estimate."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile

import pytest
from speech_episode import speak_episode

from reader.align import Previous
from reader.align.worker import CANCELLED, DONE, FAILED, RUNNING, AlignJob, worker_command
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
    assert job.wait_ended(30)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The system's temporary folder, for this test alone (the worker inherits TMPDIR)."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setenv("TMPDIR", str(root))
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def long_episode(tmp_path):
    """Long enough that the worker is still aligning after its first words (its first window is 12 s)."""
    made = speak_episode(TURNS * 4, tmp_path / "long")
    return [turn.text for turn in load(made["transcript"]).turns], str(made["audio"])


def first_words(job: AlignJob) -> None:
    while job.state == RUNNING and not job.words_ready:
        job.poll(timeout=30)
    assert job.state == RUNNING and job.words_ready, job.message


def scratch_folders(root) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith("transcript-reader-align-"))


def test_a_cancelled_aligner_leaves_no_files_in_the_temporary_folder(long_episode, temp_root):
    """Its dictionary and language models are removed by the worker itself as it stops."""
    texts, audio = long_episode
    job = AlignJob(texts, audio)
    first_words(job)
    assert scratch_folders(temp_root) != []  # it is aligning, with its files in place
    job.cancel()
    assert job.wait_ended(30)
    assert scratch_folders(temp_root) == []


def test_a_worker_stopped_with_sigterm_removes_its_own_files_and_reports_the_signal(long_episode, temp_root):
    """Whoever sends it (the app's Cancel, a logout, ``kill``): the worker cleans up first, then ends as terminated."""
    texts, audio = long_episode
    worker = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    worker.stdin.write(json.dumps({"texts": texts, "audio": audio}).encode())
    worker.stdin.close()
    first = json.loads(worker.stdout.readline())
    assert first[0] == "words" and first[-1] < 1.0  # aligning, not done
    assert scratch_folders(temp_root) != []
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) == -signal.SIGTERM
    worker.stdout.close()
    assert scratch_folders(temp_root) == []


def test_an_aligner_that_finishes_leaves_no_files_in_the_temporary_folder(episode, temp_root):
    texts, audio = episode
    job = AlignJob(texts, audio)
    run_to_end(job)
    assert job.state == DONE, job.message
    assert job.wait_ended(30)
    assert scratch_folders(temp_root) == []


def test_the_files_of_a_killed_aligner_are_removed_by_the_app(long_episode, temp_root):
    texts, audio = long_episode
    job = AlignJob(texts, audio)
    first_words(job)
    os.kill(job.pid, signal.SIGKILL)
    run_to_end(job)
    assert job.state == FAILED
    assert job.wait_ended(30)
    assert scratch_folders(temp_root) == []


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
