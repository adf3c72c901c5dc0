"""Timers that can be replaced: the real QTimer, and a fake that fires on demand.

Classes whose behaviour depends on a timer (a turn boundary between two
position reports, a backend poll that must stop when idle, a debounce) take a
``timer`` factory. The app passes nothing and gets :func:`make_timer`; tests
pass :class:`FakeTimers` and call :meth:`FakeTimer.fire`, so timing logic is
tested at once, without waiting on the clock (qutebrowser's ``FakeTimer``
stubs play the same part).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal


def make_timer(parent: QObject, interval: int = 0, single_shot: bool = False, precise: bool = False) -> QTimer:
    timer = QTimer(parent, interval=interval, singleShot=single_shot)
    if precise:
        timer.setTimerType(Qt.TimerType.PreciseTimer)
    return timer


class FakeTimer(QObject):
    """Runs only when told to (:meth:`fire`); says whether it is running and for how long."""

    timeout = Signal()

    def __init__(self, parent: QObject | None = None, interval: int = 0, single_shot: bool = False) -> None:
        super().__init__(parent)
        self._interval, self._single_shot, self._active = interval, single_shot, False
        self.starts = 0  # how many times it was started

    def start(self, msec: int | None = None) -> None:
        if msec is not None:
            self._interval = msec
        self._active = True
        self.starts += 1

    def stop(self) -> None:
        self._active = False

    def isActive(self) -> bool:  # noqa: N802 (Qt API)
        return self._active

    def interval(self) -> int:
        return self._interval

    def setInterval(self, msec: int) -> None:  # noqa: N802 (Qt API)
        self._interval = msec

    def fire(self) -> None:
        """Time is up: what a real timer does after its interval, now. A stopped timer does not fire."""
        if not self._active:
            raise AssertionError("a stopped timer cannot fire")
        if self._single_shot:
            self._active = False
        self.timeout.emit()


#: A real timer, or the fake: both have timeout, start, stop, isActive, interval.
Timer = QTimer | FakeTimer
#: (parent, interval in ms, single shot, precise) -> a timer.
TimerFactory = Callable[[QObject, int, bool, bool], Timer]


class FakeTimers:
    """A timer factory for tests that keeps every timer it made, in order."""

    def __init__(self) -> None:
        self.made: list[FakeTimer] = []

    def __call__(
        self, parent: QObject, interval: int = 0, single_shot: bool = False, precise: bool = False
    ) -> FakeTimer:
        timer = FakeTimer(parent, interval, single_shot)
        self.made.append(timer)
        return timer

    @property
    def only(self) -> FakeTimer:
        """The one timer made (an error if there were more or none)."""
        [timer] = self.made
        return timer
