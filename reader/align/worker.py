"""Alignment in its own low-priority process, watched without blocking.

The window never waits on alignment: :class:`AlignJob` starts a child
process at low priority (``os.nice`` on POSIX, the below-normal priority
class on Windows: the recogniser only gets CPU the user is not using), and
the window calls :meth:`AlignJob.poll` from a timer on its own thread.

The transport is the child's standard input and output, which every
platform has: the job goes in as JSON on stdin; the child answers with one
JSON message a line on stdout (its own prints and native libraries' output
go to stderr instead): the fraction done, each batch of newly final word
times (so the first minutes are usable within seconds), and at the end
either the gaps or one sentence saying why alignment failed. A thread in
the parent only reads those lines into a queue; ``poll`` takes them on the
caller's thread, so nothing calls back into the caller from another thread.
If the child dies (killed, out of memory, a crash in native code), the job
says so in one sentence; the caller keeps its estimated times.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from typing import IO, Any

from reader.align.result import Alignment, Gap
from reader.align.reuse import Previous
from reader.align.scratch import Terminated, remove_folders_of, stop_on_sigterm

RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"
#: Below normal priority, so playback and the window come first on a busy machine.
NICENESS = 10


class _Messages:
    """The child's side of the transport: one JSON message a line."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def send(self, message: tuple) -> None:
        self._stream.write(json.dumps(message).encode("utf-8") + b"\n")
        self._stream.flush()

    def close(self) -> None:
        try:
            self._stream.close()
        except OSError:
            pass  # the parent is gone: no one to tell


def _child(connection: _Messages, texts: list[str], audio_path: str, previous: Previous | None = None) -> None:
    """The child process: align and report; every outcome ends in one message."""
    try:
        from reader.align import align_audio
        from reader.align.audio import AudioError, duration_ms
        from reader.align.result import AlignmentFailed

        total = duration_ms(audio_path) or 0
        sent = 0
        try:
            # Closed on the way out, whatever the way: its ``finally`` removes the scratch folder.
            with contextlib.closing(align_audio(texts, audio_path, previous)) as alignments:
                for alignment in alignments:
                    count = len(alignment.starts)
                    if count > sent or alignment.complete:
                        done_ms = alignment.ends[count - 1] if count else 0
                        fraction = 1.0 if alignment.complete else min(0.99, done_ms / total) if total else 0.0
                        connection.send(
                            (
                                "words",
                                sent,
                                alignment.starts[sent:],
                                alignment.ends[sent:],
                                alignment.placed[sent:],
                                fraction,
                            )
                        )
                        sent = count
            connection.send(("done", [tuple(gap) for gap in alignment.gaps], _peak_mb()))
        except (AlignmentFailed, AudioError) as error:
            connection.send(("failed", str(error)))
    except (SystemExit, KeyboardInterrupt):
        raise  # stopped (cancelled: see stop_on_sigterm), not failed: the parent knows why
    except BaseException as error:  # noqa: BLE001 - anything else is a bug; say so in one sentence
        connection.send(("failed", f"Word alignment stopped on an internal error ({type(error).__name__}: {error})."))
    finally:
        connection.close()


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


class AlignJob:
    """One alignment running in a child process.

    Poll it: ``poll()`` takes what the child has sent so far (waiting up to
    ``timeout`` seconds for the first message) and returns True when
    anything changed. Then read ``state``, ``fraction``, ``alignment()`` (the
    words final so far) and ``message`` (the sentence when it failed).
    """

    def __init__(self, texts: list[str], audio_path: str, previous: Previous | None = None) -> None:
        from reader.align.words import transcript_words

        self.words = transcript_words(texts)
        self.state = RUNNING
        self.fraction = 0.0
        self.message = ""
        self.peak_mb = 0.0
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._placed: list[bool] = []
        self._gaps: list[Gap] = []
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._reaper: threading.Thread | None = None
        # A fresh interpreter (or the frozen app) running only the worker: never
        # a fork of a process that runs Qt, and, unlike multiprocessing's
        # "spawn", it never re-imports whatever script started the app.
        self._process = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            creationflags=_LOW_PRIORITY,
        )
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None, "started with pipes"
        threading.Thread(target=_read_lines, args=(stdout, self._inbox), name="align-job-reader", daemon=True).start()
        job: dict[str, object] = {"texts": list(texts), "audio": audio_path}
        if previous is not None:
            job["previous"] = previous.to_json_dict()
        # A 10-hour transcript is megabytes, and the pipe takes 64 KB until the
        # child starts reading: written from a thread, so the window never waits.
        threading.Thread(target=_write_job, args=(stdin, job), name="align-job-writer", daemon=True).start()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def words_ready(self) -> int:
        return len(self._starts)

    def poll(self, timeout: float = 0.0) -> bool:
        if self.state != RUNNING:
            return False
        changed = False
        while self.state == RUNNING:
            try:
                message = self._inbox.get(timeout=timeout) if timeout > 0 else self._inbox.get_nowait()
            except queue.Empty:
                break
            timeout = 0.0
            changed = True
            if message is _ENDED:
                self._died()
            else:
                self._take(message)
        if self.state != RUNNING:
            self._close()
        return changed

    def _take(self, message: tuple) -> None:
        kind = message[0]
        if kind == "words":
            _, first, starts, ends, placed, fraction = message
            del self._starts[first:], self._ends[first:], self._placed[first:]
            self._starts += starts
            self._ends += ends
            self._placed += placed
            self.fraction = fraction
        elif kind == "done":
            self._gaps = [Gap(*gap) for gap in message[1]]
            self.peak_mb = message[2]
            self.fraction = 1.0
            self.state = DONE
        elif kind == "failed":
            self.message = message[1]
            self.state = FAILED

    def _died(self) -> None:
        try:
            code = self._process.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        self.state = FAILED
        how = f"was stopped by signal {-code}" if code is not None and code < 0 else f"ended with code {code}"
        self.message = f"Word alignment stopped unexpectedly (the aligner {how}); the estimated times stay."

    def alignment(self) -> Alignment:
        """The words aligned so far (all of them, with the gaps, once ``state`` is DONE)."""
        count = len(self._starts)
        return Alignment(
            self.words[:count], self._starts, self._ends, self._placed, list(self._gaps), self.state == DONE
        )

    def cancel(self) -> None:
        """Stop the child now; what was aligned so far stays readable."""
        if self.state == RUNNING:
            self.state = CANCELLED
        self._close()

    def _close(self) -> None:
        """Let the child end (after a last message it is ending by itself), else terminate it.

        Waiting is left to a thread: a terminated worker first finishes what its
        native code is doing (a second or two on a busy machine) and removes its
        scratch folder, and the window, which cancels it, must not wait for that.
        """
        if self._reaper is not None:
            return
        ending = self.state in (DONE, FAILED)
        if not ending and self._process.poll() is None:
            self._process.terminate()  # now, not on the thread: the app may be quitting
        self._reaper = threading.Thread(target=_end, args=(self._process, ending), name="align-job-ender", daemon=True)
        self._reaper.start()

    def wait_ended(self, timeout: float | None = None) -> bool:
        """After ``cancel`` or the end: wait until the child has ended and its scratch folder is gone."""
        if self._reaper is None:
            return False
        self._reaper.join(timeout)
        return not self._reaper.is_alive()


def _end(process: subprocess.Popen, ending: bool) -> None:
    """The ending thread: waits for the child (terminated, or ``ending`` by itself), kills it if it will
    not end, then removes its scratch folder if it could not (killed, crashed, or terminated on Windows)."""
    if ending:
        try:
            process.wait(2)
        except subprocess.TimeoutExpired:
            process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    remove_folders_of(process.pid)


def worker_command() -> list[str]:
    """How to start the worker: this interpreter, or the frozen app itself (scripts/frozen_main.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "align-worker"]
    return [sys.executable, "-m", "reader.cli", "align-worker"]


#: On Windows the child starts below normal priority, and without a console window.
_LOW_PRIORITY = getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
#: What the reading thread hands on when the child's output ends.
_ENDED = object()


def _write_job(stream: IO[bytes], job: dict) -> None:
    """The parent's writing thread: the job as JSON, then the end of the child's input."""
    try:
        stream.write(json.dumps(job).encode("utf-8"))
        stream.close()
    except OSError:
        pass  # it died at once: poll() reports how


def _read_lines(stream: IO[bytes], inbox: queue.Queue[Any]) -> None:
    """The parent's reading thread: the child's messages into ``inbox``, then ``_ENDED``; nothing else."""
    try:
        for line in stream:
            try:
                inbox.put(json.loads(line))
            except ValueError:
                continue  # not one of ours: a stray line cannot be a message
    except OSError:
        pass  # the pipe broke: the same as its end
    finally:
        stream.close()
    inbox.put(_ENDED)


def worker_main(argv: list[str]) -> int:
    """``transcript-reader align-worker``: the child's side; the job arrives as JSON on stdin.

    Messages go out on the stdout the parent reads; file descriptor 1 itself is
    pointed at stderr (or nowhere) first, so nothing else printed (by Python or
    by the recogniser's C code) can land among them. File descriptors, not
    ``sys.stdin``/``sys.stdout``: a windowed frozen app on Windows has None there.
    """
    stop_on_sigterm()
    try:
        return _work()
    except Terminated:
        # Cleaned up: now end the way a terminated process ends, so the parent
        # (or anyone else who sent it) sees "stopped by signal 15".
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise


def _work() -> int:
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    with open(0, "rb", closefd=False) as stdin:
        job = json.loads(stdin.read().decode("utf-8"))
    messages = os.fdopen(os.dup(1), "wb")
    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr at all
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, 1)
        os.close(nowhere)
    previous = Previous.from_json_dict(job["previous"]) if job.get("previous") else None
    _child(_Messages(messages), job["texts"], job["audio"], previous)
    return 0
