"""Plain change notifications for the Qt-free core.

The open episode (:mod:`reader.session`) says what changed through these;
the Qt side connects its widgets and redraws. They are called at once, on
the caller's thread, in the order they were connected: no event loop, no
queue, so the core stays testable with plain function calls (napari's
``utils/events`` plays the same part under its ``components``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Listener = Callable[..., Any]


class Event:
    """One kind of change; listeners are called with the values it carries."""

    __slots__ = ("_listeners", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[Listener] = []

    def connect(self, listener: Listener) -> Listener:
        """Call ``listener`` on every emit from now on (returned, for use as a decorator)."""
        self._listeners.append(listener)
        return listener

    def disconnect(self, listener: Listener) -> None:
        """Stop calling ``listener``; one that was never connected is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, *args: Any) -> None:
        # A copy: a listener may connect or disconnect others while being called.
        for listener in tuple(self._listeners):
            listener(*args)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._listeners)} listener(s)>"
