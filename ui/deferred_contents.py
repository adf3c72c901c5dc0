"""A panel's contents, built once the window has painted or when first used.

The panel (its signals and methods) exists from the window's ``__init__``, so
no caller needs to know whether its contents exist yet: the panel keeps what
it is handed and passes it on once they do. What a panel shows costs time
(item views, delegates, style sheets, their modules' imports), and the docks
beside the transcript are not what the reader waits for at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.after_paint import after_next_paint

W = TypeVar("W", bound=QWidget)


class DeferredContents(Generic[W]):
    """``build()`` makes the widget that fills ``host``; it runs at most once."""

    def __init__(self, host: QWidget, build: Callable[[], W]) -> None:
        self._host = host
        self._build: Callable[[], W] | None = build
        self._widget: W | None = None
        self._waiting = False
        self._layout = QVBoxLayout(host)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def ready(self) -> bool:
        """The contents exist (a panel forwards to them only then)."""
        return self._widget is not None

    def get(self) -> W:
        """The contents, built now if they are not yet."""
        if self._widget is None:
            build, self._build = self._build, None
            assert build is not None  # get() is not re-entered from build()
            self._widget = build()
            self._layout.addWidget(self._widget)
            self._widget.show()  # at once: a layout shows a late child only on the next turn of the loop
        return self._widget

    def _build_now(self) -> None:
        self.get()

    def build_after_paint(self, painted: QWidget | None = None) -> None:
        """Call from the host's ``showEvent``: the contents come just after the
        host (or ``painted``, when the host itself may be hidden) first paints;
        a panel never shown is built when first used."""
        if self._widget is None and not self._waiting:
            self._waiting = True
            after_next_paint(painted or self._host, self._build_now)


def part(name: str, contents: str = "_contents") -> property:
    """A property for the widget ``name`` of the deferred contents an owner keeps
    in its attribute ``contents``: reaching it builds them, so callers (and
    tests) use ``owner.name`` whether or not they were built yet."""
    return property(lambda owner: getattr(getattr(owner, contents).get(), name))
