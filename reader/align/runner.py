"""Aligning the open episode: cache first, else a worker, with results applied to the session.

Qt-free. The window creates one :class:`AlignmentRunner`, calls
:meth:`~AlignmentRunner.start` when an episode's audio is paired, and
:meth:`~AlignmentRunner.poll` from a timer on its own thread; nothing here
calls back from another thread. A result is applied to the transcript on a
helper thread (half a second for 10 hours of words, which the window must not
wait for); the poll that finds it ready hands it to the session
(:meth:`reader.session.EpisodeSession.show_alignment`) with the turns whose
times moved, and the session tells the view.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as NotYet
from typing import TYPE_CHECKING

# Imported here, not on the helper thread: an import there holds the import
# lock, and the window's thread would wait for it at its next import.
from reader.align.apply import Applied, apply_again, retimed_turns

if TYPE_CHECKING:
    from reader.align.worker import AlignJob
    from reader.model import Transcript

IDLE, RUNNING, DONE, FAILED, CANCELLED = "idle", "running", "done", "failed", "cancelled"
#: After the first partial result, which makes the opening minutes usable, the
#: next are shown at most this often: each re-times every later turn (applied
#: off the window's thread, and their stamps rewritten in slices by the view).
PARTIAL_EVERY_S = 10.0


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
        #: A result being applied on the helper thread, and the sentence to say when it is shown (the last one).
        self._applying: tuple[Future, Transcript, Transcript | None, str] | None = None
        self._helper: ThreadPoolExecutor | None = None
        self._previous: Applied | None = None  # the last result shown, which the next can reuse
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
        self._previous = None
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
            self.state = RUNNING  # until the helper thread has applied it
            self._show(cached, self._done_sentence(cached))
        else:
            from reader.align.worker import AlignJob

            self._job = (self.job_factory or AlignJob)(texts, session.audio_path)
            self._applied_words, self._applied_at = 0, 0.0
            self.state, self.fraction, self.message = RUNNING, 0.0, ""

    def poll(self, timeout: float = 0.0) -> bool:
        """Take the worker's news, or a result the helper thread has applied (waiting up to
        ``timeout`` s for it); True when the state, the fraction or the shown times changed."""
        if self.state != RUNNING:
            return False
        if self._applying is not None:
            return self._take_applied(timeout)
        job = self._job
        if job is None or not job.poll():
            return False
        self.fraction = job.fraction
        from reader.align.worker import DONE as JOB_DONE
        from reader.align.worker import FAILED as JOB_FAILED

        if job.state == JOB_DONE:
            alignment = job.alignment()
            self._job = None
            self._keep(alignment)
            self._show(alignment, self._done_sentence(alignment))
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
        self._applying = None  # a result still being applied is not shown
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

    def _show(self, alignment, last_sentence: str = "") -> None:
        """Apply ``alignment`` on the helper thread; :meth:`poll` shows it when ready.
        ``last_sentence``: it is the whole result, and this is what to say then."""
        session = self._session
        if self._helper is None:
            self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="apply-alignment")
        parsed, shown = session.parsed, session.transcript
        future = self._helper.submit(_applied, parsed, shown, alignment, self._previous)
        self._applying = (future, parsed, shown, last_sentence)
        self._applied_words = len(alignment.starts)
        self._applied_at = self._clock()

    def _take_applied(self, timeout: float) -> bool:
        assert self._applying is not None
        future, parsed, shown, last_sentence = self._applying
        try:
            applied, complete, retimed = future.result(timeout)
        except NotYet:
            return False
        except Exception as error:  # noqa: BLE001 - a bug in applying must not take the window down
            self._applying = None
            self._finish(FAILED, f"The aligned times could not be applied ({error}); the estimated times stay.")
            return True
        self._applying = None
        session = self._session
        if session.parsed is not parsed:
            return True  # another episode was opened meanwhile
        if session.transcript is not shown:
            retimed = None  # re-timed meanwhile (the audio's length): show it all again
        self._previous = applied
        session.show_alignment(applied.transcript, applied.corrections, complete, retimed)
        if last_sentence:
            self._finish(DONE, last_sentence)
        return True

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
        if self._key is None:
            return None
        cache = self._cache()
        if cache is None:
            return None
        try:
            return cache.get(*self._key)
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


def _applied(parsed, shown, alignment, previous):
    """On the helper thread: the alignment applied, whether it is whole, and the
    turns whose stamps differ from the ones shown."""
    applied = apply_again(parsed, alignment, previous)
    aligned = applied.transcript
    retimed = retimed_turns(shown, aligned) if len(shown.turns) == len(aligned.turns) else None
    return applied, alignment.complete, retimed
