"""Read the transcript in a second process while the first one loads Qt.

Starting the app spends about 0.3 s importing Qt and the UI, and reading a
10-hour transcript takes about 0.1 s more; on a machine with two cores the
two can overlap. Before Qt is imported the process has no threads, so
``os.fork`` is safe: the child reads the file, sends the result back through
a pipe and leaves with ``os._exit``. Where fork does not exist (Windows) or
fails, the transcript is simply read in-process when it is needed.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

from reader.errors import TranscriptError
from reader.model import Transcript


class Prefetch:
    """A transcript being read elsewhere; :meth:`result` waits for it."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        self._pid: int | None = None
        self._read_fd: int | None = None
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:  # the child: read, send, leave without running any cleanup
            os.close(read_fd)
            _send(write_fd, _read(self.path))
            os._exit(0)
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd

    def result(self) -> Transcript:
        """The transcript, or the TranscriptError the reading gave."""
        outcome = self._receive() if self._read_fd is not None else None
        if outcome is None:  # no child, or it died: read here
            from reader.importer import load

            return load(self.path)
        if isinstance(outcome, TranscriptError):
            raise outcome
        return _unpack(outcome)

    def _receive(self) -> Any:
        chunks = []
        with os.fdopen(self._read_fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        self._read_fd = None
        os.waitpid(self._pid, 0)
        try:
            return pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # noqa: BLE001 - a truncated answer: read it here instead
            return None


def _pack(t: Transcript) -> tuple:
    """Plain columns: unpickling 6,000 named tuples one by one costs ~40 ms,
    plain lists and strings a few."""
    turns = t.turns
    return (
        t.format, t.title, [tuple(c) for c in t.chapters], list(t.warnings),
        [x.speaker for x in turns], [x.start_ms for x in turns], [x.end_ms for x in turns],
        [x.timed for x in turns], [x.text for x in turns], [x.marks for x in turns],
    )


def _unpack(packed: tuple) -> Transcript:
    from reader.model import Chapter, Turn

    fmt, title, chapters, warnings, speakers, starts, ends, timed, texts, marks = packed
    new = tuple.__new__
    turns = tuple(new(Turn, row) for row in zip(speakers, starts, ends, timed, texts, marks))
    return Transcript(fmt, title, tuple(new(Chapter, c) for c in chapters), turns, tuple(warnings))


def _read(path: str) -> Any:
    from reader.importer import load

    try:
        return _pack(load(path))
    except TranscriptError as error:
        return error
    except Exception:  # noqa: BLE001 - the parent will read it again and report properly
        return None


def _send(fd: int, outcome: Any) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            if outcome is not None:
                pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - the parent falls back to reading it itself
        pass
