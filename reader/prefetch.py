"""Read the transcript in a second process while the first one loads Qt.

Starting the app spends about 0.3 s importing Qt and the UI, and reading a
10-hour transcript takes about 0.1 s more; on a machine with two cores the
two can overlap. Before Qt is imported the process has no threads, so
``os.fork`` is safe: the child reads the file, leaves the pickled result in
memory shared with the parent and exits with ``os._exit``. Where fork does
not exist (Windows) or fails, the transcript is simply read in-process when
it is needed.

The answer travels through a shared anonymous mapping rather than a pipe: a
pipe moves 3.7 MB in 64 KB steps, each a switch between the processes, and
that alone cost the parent 12 to 16 ms on the start-up path.
"""

from __future__ import annotations

import mmap
import os
import pickle

from reader.errors import TranscriptError
from reader.model import Transcript

_HEADER = 8  # the answer's length, written after the answer itself
#: Room for the answer: pickled turns take about the file's size; plenty more
#: for layouts whose text is small beside their markup. Untouched pages of an
#: anonymous mapping cost nothing.
_ROOM_FACTOR = 2
_ROOM_EXTRA = 1 << 20


class Prefetch:
    """A transcript being read elsewhere; :meth:`result` waits for it."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        self._pid: int | None = None
        self._shared: mmap.mmap | None = None
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        try:
            room = _HEADER + os.path.getsize(self.path) * _ROOM_FACTOR + _ROOM_EXTRA
            shared = mmap.mmap(-1, room)
            pid = os.fork()
        except (OSError, ValueError, OverflowError):
            return
        if pid == 0:  # the child: read, leave the answer, go without running any cleanup
            _leave(shared, _read(self.path))
            os._exit(0)
        self._pid, self._shared = pid, shared

    def result(self) -> Transcript:
        """The transcript, or the TranscriptError the reading gave."""
        outcome = self._receive() if self._shared is not None else None
        if outcome is None:  # no child, it died, or the answer did not fit: read here
            from reader.importer import load

            return load(self.path)
        if isinstance(outcome, TranscriptError):
            raise outcome
        return _unpack(outcome)

    def _receive(self) -> object:
        shared, self._shared = self._shared, None
        os.waitpid(self._pid, 0)  # the child has exited: everything it wrote is there
        try:
            length = int.from_bytes(shared[:_HEADER], "little")
            if not 0 < length <= len(shared) - _HEADER:
                return None
            with memoryview(shared) as view:
                return pickle.loads(view[_HEADER : _HEADER + length])
        except Exception:  # noqa: BLE001 - a broken answer: read it here instead
            return None
        finally:
            shared.close()


def _pack(t: Transcript) -> tuple:
    """Plain columns: unpickling 6,000 named tuples one by one costs ~40 ms,
    plain lists and strings a few. Equal speaker names become one object,
    which pickle then writes once."""
    turns = t.turns
    names: dict[str | None, str | None] = {}
    return (
        t.format,
        t.title,
        [tuple(c) for c in t.chapters],
        list(t.warnings),
        [names.setdefault(x.speaker, x.speaker) for x in turns],
        [x.start_ms for x in turns],
        [x.end_ms for x in turns],
        [x.timed for x in turns],
        [x.text for x in turns],
        [x.spans for x in turns],
        t.timing,
    )


def _unpack(packed: tuple) -> Transcript:
    from reader.model import Chapter, Turn

    fmt, title, chapters, warnings, speakers, starts, ends, timed, texts, spans, timing = packed
    turns = tuple(map(Turn._make, zip(speakers, starts, ends, timed, texts, spans, strict=False)))
    return Transcript(fmt, title, tuple(map(Chapter._make, chapters)), turns, tuple(warnings), timing)


def _read(path: str) -> object:
    from reader.importer import load

    try:
        return _pack(load(path))
    except TranscriptError as error:
        return error
    except Exception:  # noqa: BLE001 - the parent will read it again and report properly
        return None


def _leave(shared: mmap.mmap, outcome: object) -> None:
    """Write the answer, then its length: a length of 0 means "read it yourself"."""
    try:
        if outcome is None:
            return
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > len(shared) - _HEADER:
            return
        shared[_HEADER : _HEADER + len(data)] = data
        shared[:_HEADER] = len(data).to_bytes(_HEADER, "little")
    except Exception:  # noqa: BLE001 - the parent falls back to reading it itself
        pass
