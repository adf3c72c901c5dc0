"""The one guarded path from the window to the library.

Every change (a highlight, a note, a delete, its undo, a position, a sync
point) is a small *write*: a function of the store. :class:`SaveQueue` runs
it at once when it can. When the library refuses (locked by another program,
a full disk, a failing drive), the write is kept in memory, in order, and
later writes queue behind it; :meth:`SaveQueue.retry` (called on a timer by
the window) writes them when the library accepts them again. Nothing typed
is lost, and nothing turns saving off for good.

Items created while the library is held up get a provisional negative id;
the write that creates them records the real one (:meth:`SaveQueue.record_id`),
and later writes ask :meth:`SaveQueue.real_id` at the moment they run.

A write whose item was deleted or changed elsewhere (another window, another
copy of the app) raises ``KeyError`` in the store: it is dropped, and its
``stale`` callback says one sentence and puts the screen right. Nothing here
ever raises to the caller, so undo and redo cannot raise either.

Listeners hear plain events: ``("held", sentence)`` when saving is held up,
``("caught_up", sentence)`` when every kept change is written, and
``("message", sentence)`` for a stale edit or a change that could not be
saved at all.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from reader.errors import StoreError

_log = logging.getLogger(__name__)

Listener = Callable[[str, str], None]

#: Writes the app makes for itself, not the reader's changes: not counted,
#: and not worth a question on quitting (the row is made again next time).
_BOOKKEEPING = frozenset({"episode"})


class _Write:
    """One write waiting for the store. (A plain class: a dataclass would load
    ``dataclasses`` before the window's first paint, for this alone.)"""

    __slots__ = ("done", "stale", "tries", "what", "write")

    def __init__(
        self,
        what: str,  # "highlight", "note", ... for the sentences
        write: Callable[[Any], Any],  # store -> result
        done: Callable[[Any], None] | None = None,
        stale: Callable[[], None] | None = None,
    ) -> None:
        self.what, self.write, self.done, self.stale = what, write, done, stale
        self.tries = 0


class SaveQueue:
    """Runs writes against a store, keeping them in memory while it refuses."""

    def __init__(self, store) -> None:
        self.store = store
        self._waiting: deque[_Write] = deque()
        self._listeners: list[Listener] = []
        self._ids: dict[tuple[str, int], int] = {}
        self._next_provisional = -1
        self.problem: str | None = None  # why saving is held up, while it is

    # -- listening --------------------------------------------------------------

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _tell(self, event: str, sentence: str) -> None:
        for listener in list(self._listeners):
            listener(event, sentence)

    # -- state ----------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """The reader's changes kept in memory, not yet in the library (the
        episode's own row, which the app writes for itself, is not one)."""
        return sum(1 for item in self._waiting if item.what not in _BOOKKEEPING)

    @property
    def held_up(self) -> bool:
        return bool(self._waiting)

    def provisional_id(self) -> int:
        """An id for an item not yet in the library (negative: never a real one)."""
        self._next_provisional -= 1
        return self._next_provisional + 1

    def record_id(self, kind: str, provisional: int, real: int) -> None:
        """The write creating a provisional item ran: later writes use ``real``."""
        self._ids[(kind, provisional)] = real

    def real_id(self, kind: str, item_id: int) -> int:
        """The library's id for an item, once the write creating it has run."""
        return self._ids.get((kind, item_id), item_id)

    # -- writing ----------------------------------------------------------------------

    def submit(
        self,
        what: str,
        write: Callable[[Any], Any],
        *,
        done: Callable[[Any], None] | None = None,
        stale: Callable[[], None] | None = None,
    ) -> bool:
        """Write now if nothing is waiting; otherwise keep it, in order.
        True if it is in the library when this returns."""
        item = _Write(what, write, done, stale)
        if self._waiting:
            self._waiting.append(item)
            self._tell("held", self._held_sentence())
            return False
        if self._run(item):
            return True
        self._waiting.append(item)
        self._tell("held", self._held_sentence())
        return False

    def retry(self) -> bool:
        """Write what is waiting, in order, up to the first refusal.
        True when nothing is left waiting."""
        if not self._waiting:
            return True
        while self._waiting:
            if not self._run(self._waiting[0]):
                self._tell("held", self._held_sentence())
                return False
            self._waiting.popleft()
        self.problem = None
        self._tell("caught_up", "All your changes are saved now.")
        return True

    def _run(self, item: _Write) -> bool:
        """True when the write is settled (written, stale, or hopeless)."""
        item.tries += 1
        if self.store is None:  # the library could not be opened yet: kept until it is
            return False
        try:
            result = item.write(self.store)
        except StoreError as error:
            self.problem = error.reason or str(error)
            return False
        except KeyError:
            if item.stale is not None:
                item.stale()
            return True
        except Exception as error:  # noqa: BLE001 (a bug must not take typed text or the undo stack with it)
            _log.exception("a %s could not be saved", item.what)
            self._tell("message", f"A {item.what} could not be saved ({error}); it was left out.")
            return True
        if item.done is not None:
            item.done(result)
        return True

    def _held_sentence(self) -> str:
        count = self.pending
        because = f" because {self.problem}" if self.problem else ""
        if count == 0:
            return f"Saving is held up{because}; what you change is kept in memory until the library accepts it."
        changes = "1 change is" if count == 1 else f"{count} changes are"
        return (
            f"Saving is held up{because}; {changes} kept in memory and will be saved as soon as the library "
            "accepts them."
        )
