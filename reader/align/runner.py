"""Aligning the open episode: cache first, else a worker, with results applied to the session.

Qt-free. The window creates one :class:`AlignmentRunner`, calls
:meth:`~AlignmentRunner.start` when an episode's audio is paired, and
:meth:`~AlignmentRunner.poll` from a timer on its own thread; nothing here
calls back from another thread. Results go to the session
(:meth:`reader.session.EpisodeSession.show_alignment`), which tells the view.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.align.worker import AlignJob

IDLE, RUNNING, DONE, FAILED, CANCELLED = "idle", "running", "done", "failed", "cancelled"
#: Partial results redraw the whole text (measured on a 10-hour transcript:
#: about 0.2 s to apply and 0.3 s to redraw, on the window's thread), so after
#: the first, which makes the opening minutes usable, at most this often.
PARTIAL_EVERY_S = 120.0


class AlignmentRunner:
    """Aligns the session's episode once per opening; ``state``, ``fraction`` and ``message`` say how it goes."""

    def __init__(self, session, job_factory: Callable | None = None, clock: Callable[[], float] = time.monotonic):
        self._session = session
        #: What starts a worker: ``reader.align.worker.AlignJob`` unless replaced (tests hand in a fake).
        self.job_factory = job_factory
        self._clock = clock
        self._job: AlignJob | None = None
        self._applied_words = 0
        self._applied_at = 0.0
        self._key: tuple[str, list[str]] | None = None
        self.state = IDLE
        self.fraction = 0.0
        self.message = ""

    @property
    def progress_text(self) -> str:
        return f"Aligning words… {int(self.fraction * 100)} %" if self.state == RUNNING else ""

    @property
    def worker_pid(self) -> int | None:
        """The worker process while one runs (the benchmarks measure it)."""
        return getattr(self._job, "pid", None)

    def start(self) -> None:
        """Align the open episode's transcript to its audio: from the library's cache, else in a worker."""
        self.cancel()
        self.state, self.fraction, self.message = IDLE, 0.0, ""
        session = self._session
        if session.parsed is None or session.audio_path is None:
            return
        from reader.align import unavailable_reason

        reason = unavailable_reason()
        if reason:
            self._finish(FAILED, reason)
            return
        from reader.align.audio import fingerprint

        texts = [turn.text for turn in session.parsed.turns]
        try:
            self._key = (fingerprint(session.audio_path), texts)
        except OSError as error:
            self._finish(FAILED, f"The audio file cannot be read for alignment ({error.strerror}).")
            return
        cached = self._cached()
        if isinstance(cached, str):
            self._finish(FAILED, cached)
        elif cached is not None:
            self._show(cached)
            self._finish(DONE, self._done_sentence(cached))
        else:
            from reader.align.worker import AlignJob

            factory = self.job_factory or AlignJob
            previous = self._previous()  # an earlier text aligned to this audio: only the edits are aligned
            if previous is None:
                self._job = factory(texts, session.audio_path)
            else:
                self._job = factory(texts, session.audio_path, previous=previous)
            self._applied_words, self._applied_at = 0, 0.0
            self.state, self.fraction, self.message = RUNNING, 0.0, ""

    def poll(self) -> bool:
        """Take the worker's news; True when the state, the fraction or the shown times changed."""
        job = self._job
        if job is None or self.state != RUNNING or not job.poll():
            return False
        self.fraction = job.fraction
        from reader.align.worker import DONE as JOB_DONE
        from reader.align.worker import FAILED as JOB_FAILED

        if job.state == JOB_DONE:
            alignment = job.alignment()
            self._show(alignment)
            self._keep(alignment)
            self._finish(DONE, self._done_sentence(alignment))
        elif job.state == JOB_FAILED:
            if not job.message.startswith("Word alignment stopped"):
                self._keep(job.message)  # a real verdict (not English), not a crash: do not redo it
            self._finish(FAILED, job.message)
        elif job.words_ready > self._applied_words and (
            self._applied_words == 0 or self._clock() - self._applied_at >= PARTIAL_EVERY_S
        ):
            self._show(job.alignment())
        return True

    def cancel(self) -> None:
        """Stop aligning; the words aligned so far stay."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
            if self.state == RUNNING:
                self._finish(CANCELLED, "Word alignment was cancelled; the times shown stay as they are.")

    def _finish(self, state: str, message: str) -> None:
        self.state, self.message = state, message
        self._job = None
        if state == DONE:
            self.fraction = 1.0

    def _show(self, alignment) -> None:
        from reader.align.apply import apply_alignment

        session = self._session
        aligned, corrections = apply_alignment(session.parsed, alignment)
        session.show_alignment(aligned, corrections, alignment.complete)
        self._applied_words = len(alignment.starts)
        self._applied_at = self._clock()

    @staticmethod
    def _done_sentence(alignment) -> str:
        gaps = len(alignment.gaps)
        found = f"{alignment.placed_fraction:.0%} of the words were found in the audio"
        more = f"; {gaps} gap{'s' if gaps != 1 else ''} corrected (see the Sync panel)" if gaps else ""
        return f"Every word is now timed from the audio: {found}{more}."

    def _cache(self):
        store = self._session.store
        if store is None or self._key is None:
            return None
        from reader.align.cache import AlignmentCache

        try:
            return AlignmentCache(store.path)
        except Exception:  # noqa: BLE001 - a cache that can't open only costs time
            return None

    def _cached(self):
        """This audio and text's saved alignment (or failure sentence), or None."""
        return self._read_cache(lambda cache, key: cache.get(*key))

    def _previous(self):
        """An earlier text's alignment to this audio, to align only an edit, or None."""
        return self._read_cache(lambda cache, key: cache.previous(key[0]))

    def _read_cache(self, read: Callable):
        """``read(cache, key)``, or None when there is no cache or it cannot be read (that only costs time)."""
        if self._key is None:
            return None
        cache = self._cache()
        if cache is None:
            return None
        try:
            return read(cache, self._key)
        except Exception:  # noqa: BLE001 - a damaged row is aligned again
            return None
        finally:
            cache.close()

    def _keep(self, outcome) -> None:
        if self._key is None:
            return
        cache = self._cache()
        if cache is None:
            return
        try:
            cache.put(self._key[0], self._key[1], outcome)
        except Exception:  # noqa: BLE001 - not kept: aligned again next time
            pass
        finally:
            cache.close()
