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
from collections import namedtuple
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from reader.align.apply import Applied
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
        self._looking: Future | None = None  # the library's cache being read on the helper thread
        self._without_library = False  # started before the library was open: its cache was not read
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
        # What the helper thread runs is imported here, on the window's thread,
        # not there: an import there holds the import lock, and the window's
        # thread would wait for it at its next import. Not when this module is
        # imported: the window's first paint does not wait for them.
        import reader.align.apply
        import reader.align.reuse  # noqa: F401
        from reader.align.audio import fingerprint

        texts = [turn.text for turn in session.parsed.turns]
        try:
            self._key = (fingerprint(session.audio_path), texts)
        except OSError as error:
            self._finish(FAILED, f"The audio file cannot be read for alignment ({error.strerror}).")
            return
        # The library's cache is read, and a result found there applied, on the
        # helper thread: for 10 hours of words that is most of a second.
        self.state, self.fraction, self.message = RUNNING, 0.0, ""
        self._without_library = session.store is None
        self._looking = self._pool().submit(_look_up, self._cache_path(), self._key, session.parsed, session.transcript)

    def library_attached(self) -> None:
        """The library opened after aligning started (at start-up the window opens the
        episode first): look in its cache after all, so a known episode is not aligned again."""
        if self.state == RUNNING and self._without_library and self._session.store is not None:
            self.start()

    def _take_looked_up(self, timeout: float) -> bool:
        """The cache's answer: a result applied (shown now), a verdict kept, or nothing: start a worker."""
        assert self._looking is not None
        try:
            found = self._looking.result(timeout)
        except TimeoutError:  # concurrent.futures' own, since Python 3.11
            return False
        except Exception:  # noqa: BLE001 - an unreadable cache only costs aligning again
            found = None
        self._looking = None
        session = self._session
        from reader.align.reuse import Previous

        if isinstance(found, str):
            self._finish(FAILED, found)
        elif found is not None and not isinstance(found, Previous):
            applied, retimed, sentence = found
            if session.parsed is applied.parsed_from:
                self._previous = applied.result
                if session.transcript is not applied.shown:
                    retimed = None
                session.show_alignment(applied.result.transcript, applied.result.corrections, True, retimed)
            self._finish(DONE, sentence)
        else:
            from reader.align.worker import AlignJob

            assert self._key is not None and session.audio_path is not None
            factory = self.job_factory or AlignJob
            if found is None:
                self._job = factory(self._key[1], session.audio_path)
            else:
                self._job = factory(self._key[1], session.audio_path, previous=found)
            self._applied_words, self._applied_at = 0, 0.0
        return True

    def poll(self, timeout: float = 0.0) -> bool:
        """Take the worker's news, or a result the helper thread has applied (waiting up to
        ``timeout`` s for it); True when the state, the fraction or the shown times changed."""
        if self.state != RUNNING:
            return False
        if self._looking is not None:
            return self._take_looked_up(timeout)
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
            self._show(alignment, self._done_sentence(alignment))
            self._keep(alignment)  # after it is shown: the helper thread does one thing at a time
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
        self._applying = self._looking = None  # a result still being applied is not shown
        if self._job is not None:
            self._job.cancel()
            self._job = None
        if self.state == RUNNING:
            self._finish(CANCELLED, "Word alignment was cancelled; the times shown stay as they are.")

    def wait_until_kept(self, timeout: float | None = None) -> None:
        """Wait until the helper thread has done what it was given, such as keeping a
        finished result in the library's cache: another runner on the same library
        (another window, or a later opening in a test) finds the result only then."""
        if self._helper is not None:
            self._helper.submit(lambda: None).result(timeout)

    def _finish(self, state: str, message: str) -> None:
        self.state, self.message = state, message
        self._job = None
        if state == DONE:
            self.fraction = 1.0

    def _show(self, alignment, last_sentence: str = "") -> None:
        """Apply ``alignment`` on the helper thread; :meth:`poll` shows it when ready.
        ``last_sentence``: it is the whole result, and this is what to say then."""
        session = self._session
        parsed, shown = session.parsed, session.transcript
        future = self._pool().submit(_applied, parsed, shown, alignment, self._previous)
        self._applying = (future, parsed, shown, last_sentence)
        self._applied_words = len(alignment.starts)
        self._applied_at = self._clock()

    def _take_applied(self, timeout: float) -> bool:
        assert self._applying is not None
        future, parsed, shown, last_sentence = self._applying
        try:
            applied, complete, retimed = future.result(timeout)
        except TimeoutError:  # concurrent.futures' own, since Python 3.11
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

    def _pool(self) -> ThreadPoolExecutor:
        """The helper thread: one, so what it is given is done in order."""
        if self._helper is None:
            from concurrent.futures import ThreadPoolExecutor

            self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="apply-alignment")
        return self._helper

    def _cache_path(self):
        store = self._session.store
        return None if store is None else store.path

    def _keep(self, outcome) -> None:
        """Kept in the library's cache, on the helper thread (10 hours of words take 0.4 s to write)."""
        if self._key is not None:
            self._pool().submit(_put, self._cache_path(), self._key, outcome)


class _Found(namedtuple("_Found", "result parsed_from shown")):
    """A cached alignment applied to ``parsed_from`` on the helper thread, against the transcript ``shown``."""


def _cache(path, *, to_write: bool = True):
    """The library's alignment cache; to read only, None when nothing was ever kept (no table is made)."""
    if path is None:
        return None
    from reader.align.cache import AlignmentCache

    try:
        return AlignmentCache(path) if to_write else AlignmentCache.open_existing(path)
    except Exception:  # noqa: BLE001 - a cache that can't open only costs time
        return None


def _look_up(path, key, parsed, shown):
    """On the helper thread: the cached verdict (a sentence), the cached result
    applied (with the turns re-timed and what to say), an earlier text's
    alignment to this audio (a :class:`reader.align.reuse.Previous`), or None."""
    import reader.align.worker  # noqa: F401 - imported here, so starting the worker next costs the window no import

    cache = _cache(path, to_write=False)
    if cache is None:
        return None
    try:
        cached = cache.get(*key)
        if cached is None:
            # An earlier text aligned to this audio: the worker aligns only what was edited.
            return cache.previous(key[0])
    except Exception:  # noqa: BLE001 - a damaged row is aligned again
        return None
    finally:
        cache.close()
    if isinstance(cached, str):
        return cached
    applied, _complete, retimed = _applied(parsed, shown, cached, None)
    return _Found(applied, parsed, shown), retimed, AlignmentRunner._done_sentence(cached)


def _put(path, key, outcome) -> None:
    cache = _cache(path)
    if cache is None:
        return
    try:
        cache.put(key[0], key[1], outcome)
    except Exception:  # noqa: BLE001 - not kept: aligned again next time
        pass
    finally:
        cache.close()


def _applied(parsed, shown, alignment, previous):
    """On the helper thread: the alignment applied, whether it is whole, and the
    turns whose stamps differ from the ones shown."""
    from reader.align.apply import apply_again, retimed_turns

    applied = apply_again(parsed, alignment, previous)
    aligned = applied.transcript
    retimed = retimed_turns(shown, aligned) if len(shown.turns) == len(aligned.turns) else None
    return applied, alignment.complete, retimed
