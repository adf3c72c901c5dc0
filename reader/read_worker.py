"""Reading a huge transcript in a child process, so the window's process never stalls.

A thread is not enough for a file of tens or hundreds of MB: Python runs one
thread at a time, and single calls over the whole file (joining 200 MB of
decoded text took 570 ms) hold the interpreter lock from start to end, so
the window could not even repaint. A child process has its own interpreter:
it reads, parses and fingerprints the file, then sends the transcript back
in batches of turns over a pipe. Each batch is unpickled in a few ms, so
the thread receiving them lets the window run between two batches.

The child is a fresh interpreter (or the frozen app) started with
``read-worker``, like the alignment worker (reader/align/worker.py): never a
fork of a process that runs Qt.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection

from reader.errors import TranscriptError
from reader.model import Transcript

#: Below normal priority: on a busy machine the window (and playback) get the
#: CPU first, and the file is read in the time they leave.
NICENESS = 10
#: Objects (turns and their timed spans) sent at a time: unpickling 5,000
#: takes 2 to 5 ms. A subtitle file's turn holds dozens of cues as spans.
BATCH_OBJECTS = 5_000


#: The child's pipe is handed over as a file descriptor (``pass_fds``), which
#: Windows does not have; there a huge file is read on the thread instead
#: (slower to stop and with longer pauses, but it opens).
AVAILABLE = os.name == "posix"


def load_in_child(
    path: str,
    should_stop: Callable[[], bool] = lambda: False,
    started: Callable[[subprocess.Popen], None] = lambda _child: None,
) -> tuple[Transcript, str] | None:
    """The transcript at ``path`` and its fingerprint, read by a child process;
    None when ``should_stop`` said so (the child is ended at once). Raises
    TranscriptError with the child's sentence. ``started`` is given the child,
    so that an app that quits can end it without waiting for this thread.

    What arrives is frozen out of the cycle collector, as
    :func:`reader.importer.load_and_keep` does for a file read in-process."""
    read_end, write_end = os.pipe()
    connection = Connection(read_end, writable=False)
    child = subprocess.Popen([*_command(), str(write_end), path], pass_fds=(write_end,), close_fds=True)
    os.close(write_end)
    started(child)
    collecting = gc.isenabled()
    gc.disable()
    try:
        head: Transcript | None = None
        turns: list = []
        while True:
            # A stop is looked at before every message, not only in a pause
            # between them: a large file streams its turns without one.
            while True:
                if should_stop():
                    return None
                if connection.poll(0.1):
                    break
                if child.poll() is not None and not connection.poll(0):
                    raise TranscriptError(_DIED.format(name=os.path.basename(path)))
            kind, value = connection.recv()
            if kind == "head":
                head = value
            elif kind == "turns":
                turns.extend(value)
            elif kind == "error":
                raise TranscriptError(value)
            elif kind == "done" and head is not None:
                transcript = head._replace(turns=tuple(turns))
                gc.freeze()
                return transcript, value
    except (EOFError, OSError):
        raise TranscriptError(_DIED.format(name=os.path.basename(path))) from None
    finally:
        if collecting:
            gc.enable()
        connection.close()
        if child.poll() is None:
            child.kill()
        child.wait()


_DIED = "Reading {name} stopped before it was done (the computer may be short of memory); try again."


def _command() -> list[str]:
    """This interpreter, or the frozen app itself (scripts/frozen_main.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "read-worker"]
    return [sys.executable, "-m", "reader.cli", "read-worker"]


def worker_main(argv: list[str]) -> int:
    """``transcript-reader read-worker FD PATH``: the child's side."""
    from reader.importer import load
    from reader.store.fingerprints import fingerprint

    connection = Connection(int(argv[0]), readable=False)
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    try:
        transcript = load(argv[1])
        connection.send(("head", transcript._replace(turns=())))
        batch: list = []
        size = 0
        for turn in transcript.turns:
            batch.append(turn)
            size += 1 + len(turn.spans)
            if size >= BATCH_OBJECTS:
                connection.send(("turns", batch))
                batch, size = [], 0
        connection.send(("turns", batch))
        connection.send(("done", fingerprint(transcript)))
    except TranscriptError as error:
        connection.send(("error", str(error)))
    except (BrokenPipeError, ConnectionResetError):
        return 1  # the window stopped waiting (cancelled, or closed)
    finally:
        connection.close()
    return 0
