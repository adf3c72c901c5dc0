"""What podcast listeners expect of a player: chapter by chapter, Go to
Time…, and a sleep timer. Everything it needs is handed in, so it knows no
window; the timer is injectable, so tests fire it instead of waiting."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from reader.model import Chapter
from reader.navigation import next_chapter_start, parse_go_to, previous_chapter_start
from reader.timecode import EpisodeClock
from ui.actions import ActionRegistry
from ui.player.base import Player
from ui.timers import TimerFactory, make_timer

#: Sleep Timer choices: what is saved in the action, and its label.
SLEEP_CHOICES = (
    ("off", "Off"),
    ("chapter", "End of Chapter"),
    ("15", "15 Minutes"),
    ("30", "30 Minutes"),
    ("60", "60 Minutes"),
)


def ask_time(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent, "Go to Time", "Go to (for example 1:02:03, 45:10, or 90 for 90 minutes):", text=current
    )
    return text if ok else None


class SleepTimer(QObject):
    """Pauses playback after a while, or when the chapter being heard ends."""

    choice_changed = Signal(str)  # "off" once it has paused playback

    def __init__(
        self,
        player: Player,
        say: Callable[[str], None],
        timer: TimerFactory = make_timer,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._say = say
        self._timer = timer(self, 0, True, False)  # parent, interval (set on start), single shot, not precise
        self._timer.timeout.connect(self._sleep)
        self.choice = "off"
        self._chapter = -1  # the chapter being heard, as last reported

    def set(self, choice: str) -> None:
        self._timer.stop()
        self.choice = choice
        self.choice_changed.emit(choice)
        if choice == "off":
            self._say("Sleep timer off.")
        elif choice == "chapter":
            self._say("Playback will pause at the end of this chapter.")
        else:
            self._timer.start(int(choice) * 60_000)
            self._say(f"Playback will pause in {choice} minutes.")

    def chapter_changed(self, chapter: int) -> None:
        """Playback moved into ``chapter``: the end of the one being heard, if
        there was one (the first report after opening is not an end)."""
        previous, self._chapter = self._chapter, chapter
        if self.choice == "chapter" and previous >= 0 and chapter != previous:
            self._sleep()

    def _sleep(self) -> None:
        self.choice = "off"
        self.choice_changed.emit("off")
        self._player.pause()
        self._say("Sleep timer: playback paused. Press Space to go on.")


class ListeningMenu:
    """Previous/Next Chapter, Go to Time… and Sleep Timer, in the Playback menu."""

    def __init__(
        self,
        chapters: Callable[[], Sequence[Chapter]],
        position: Callable[[], int],
        seek: Callable[[int], None],
        sleep_timer: SleepTimer,
        say: Callable[[str], None],
        parent: QWidget,
        ask: Callable[[QWidget, str], str | None] = ask_time,
    ) -> None:
        """``position`` and ``seek`` are in transcript time, as chapters are."""
        self._chapters, self._position, self._seek = chapters, position, seek
        self.sleep_timer = sleep_timer
        self._say, self._parent = say, parent
        self.ask = ask  # the question Go to Time… asks; tests put an answer here
        #: How the episode writes times; the window sets it when an episode opens.
        self.clock = EpisodeClock()
        self.sleep_actions: dict[str, QAction] = {}

    def add_commands(self, actions: ActionRegistry) -> None:
        """Previous/Next Chapter and Go to Time…, and the sleep timer's choices:
        they work from the start; :meth:`fill` puts them in the menu."""
        actions.add("previous_chapter", self.previous_chapter)
        actions.add("next_chapter", self.next_chapter)
        actions.add("go_to_time", self.go_to_time)
        group = QActionGroup(self._parent)
        for choice, label in SLEEP_CHOICES:
            action = QAction(label, group, checkable=True, checked=choice == "off")
            action.triggered.connect(lambda _checked=False, c=choice: self.sleep_timer.set(c))
            self.sleep_actions[choice] = action
        self.sleep_timer.choice_changed.connect(lambda choice: self.sleep_actions[choice].setChecked(True))

    def fill(self, menu: QMenu, actions: ActionRegistry) -> None:
        menu.addSeparator()
        for name in ("previous_chapter", "next_chapter", "go_to_time"):
            menu.addAction(actions[name])
        menu.addMenu("Sleep Timer").addActions(list(self.sleep_actions.values()))

    def next_chapter(self) -> None:
        target = next_chapter_start(self._chapters(), self._position())
        if target is None:
            self._say("This is the last chapter." if self._chapters() else "This transcript has no chapters.")
            return
        self._seek(target)

    def previous_chapter(self) -> None:
        target = previous_chapter_start(self._chapters(), self._position())
        if target is None:
            self._say("This transcript has no chapters.")
            return
        self._seek(target)

    def go_to_time(self) -> None:
        typed = self.ask(self._parent, self.clock.format(self._position()))
        if typed is None:
            return
        try:
            self._seek(parse_go_to(typed))
        except ValueError as error:
            self._say(str(error))
