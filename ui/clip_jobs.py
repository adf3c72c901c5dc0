"""Clip work off the GUI thread: cutting audio takes from a tenth of a second
(one clip) to many seconds (a note with a hundred), and the window must not
stall meanwhile.

A job runs one plain function on a Python thread. It reports progress and
its result through Qt signals, which Qt delivers on the main thread (queued,
because the job's thread is not the receiver's). The function gets a
``progress(done, total) -> bool`` callback; False once the user cancelled.
Nothing here touches the store: callers read what they need first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.clips import ClipError


class ClipJob(QObject):
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # what the function returned
    failed = Signal(str)  # one sentence

    def __init__(self, work: Callable[[Callable[[int, int], bool]], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clip-job", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """For the window closing: let a clip being written finish (it is atomic either way)."""
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def _run(self) -> None:
        try:
            result = self._work(self._progress)
        except ClipError as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(f"The clip could not be written ({error.strerror or error}); choose another folder.")
        else:
            self.succeeded.emit(result)
