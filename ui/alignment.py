"""Word alignment in the window: progress and Cancel in the status bar, gaps in the Sync panel.

The work happens in a worker process (``reader.align.worker``) driven by a
Qt-free runner (``reader.align.runner``); this controller only polls it from
a timer on the GUI thread and shows what it says. It adds its own widgets to
the status bar and the Sync panel, so the window needs a few lines to wire it.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.align.runner import RUNNING, AlignmentRunner

POLL_MS = 250
#: While results are applied on the runner's helper thread, the window's thread
#: gets Python back within this many seconds (the default is 5 ms, and every
#: call into Qt hands it over, so a slot could wait 5 ms several times).
SWITCH_S = 0.001


class CorrectionsList(QWidget):
    """The gaps alignment found, in plain words, each removable."""

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Found by aligning the audio:", self)
        self.items = QListWidget(self)
        self.items.setMaximumHeight(110)
        self.items.setWordWrap(True)
        self.remove_button = QPushButton("Remove Correction", self)
        self.remove_button.setToolTip("The text and audio really are the same here: stop skipping this gap.")
        self.remove_button.clicked.connect(self._remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.items)
        layout.addWidget(self.remove_button)
        self.set_corrections([])

    def set_corrections(self, texts: list[str]) -> None:
        self.items.clear()
        self.items.addItems(texts)
        self.setVisible(bool(texts))

    def _remove_selected(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.remove_requested.emit(row)


class AlignmentController(QObject):
    """Starts alignment when an episode's audio is ready (unless turned off) and shows how it goes."""

    message = Signal(str)  # alignment finished, was cancelled, or failed and the estimate stays

    def __init__(
        self, session, settings, status_bar: QStatusBar, sync_panel: QWidget, runner=None, timer=None, parent=None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self.runner = runner or AlignmentRunner(session)
        self.progress = QLabel(status_bar)
        self.progress.setObjectName("alignProgress")
        self.cancel_button = QToolButton(status_bar)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop aligning the words; the times shown so far stay.")
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        self.corrections = CorrectionsList(sync_panel)
        layout = sync_panel.layout()
        assert isinstance(layout, QBoxLayout), "the Sync panel stacks its parts in a box layout"
        layout.insertWidget(layout.count() - 1, self.corrections)
        self.corrections.remove_requested.connect(session.remove_correction)
        self._frozen = False
        self._switch_s = sys.getswitchinterval()
        self._timer = timer or QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        session.opened.connect(lambda _transcript: self.cancel())
        session.episode_found.connect(lambda _episode: self._library_attached())
        session.time_map_changed.connect(lambda _map: self._show_corrections())
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.cancel)
        self._show_progress()

    def fill_menu(self, menu: QMenu) -> None:
        """Align Words Now, and whether to align by itself."""
        menu.addAction("Align Words to Audio", self.start)
        self.automatic_action = QAction("Align Words Automatically", menu, checkable=True)
        self.automatic_action.setChecked(self._settings.align_automatically)
        self.automatic_action.toggled.connect(self._set_automatic)
        menu.addAction(self.automatic_action)

    def audio_ready(self) -> None:
        if self._settings.align_automatically:
            self.start()

    def start(self) -> None:
        if self._session.audio_path is None:
            self.message.emit("Word alignment needs the episode's audio; open it with Open Audio… first.")
            return
        self.runner.start()
        if self.runner.state == RUNNING:
            self._hold_collector(True)
        self._after_change()

    def cancel(self) -> None:
        if self.runner.state == RUNNING:
            self.runner.cancel()
            self._after_change()

    def _library_attached(self) -> None:
        self.runner.library_attached()
        self._after_change()

    def _set_automatic(self, on: bool) -> None:
        self._settings.align_automatically = on

    def _poll(self) -> None:
        if self.runner.poll():
            self._after_change()

    def _after_change(self) -> None:
        state = self.runner.state
        if state == RUNNING:
            self._timer.start()
        else:
            self._timer.stop()
            self._hold_collector(False)
            if self.runner.message:  # it replaces "times are estimated", which may no longer hold
                self.message.emit(self.runner.message)
        self._show_progress()

    def _hold_collector(self, aligning: bool) -> None:
        """While results arrive, Python's full garbage-collection passes skip the
        objects that existed when alignment started (the modules, the window,
        the open transcript): applying results makes many objects, and a full
        pass over everything holds every thread, the window's too, for 60-190 ms
        on a busy 2-core machine with a 10-hour transcript (benchmarks/
        align_stall_figures.py: 96-161 ms stalls without this, 29-57 ms with it). They are handed back when it ends,
        so nothing stays out of the collector's reach for good."""
        if aligning and not self._frozen:
            gc.freeze()
            self._switch_s = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_S)
        elif not aligning and self._frozen:
            gc.unfreeze()
            sys.setswitchinterval(self._switch_s)
        self._frozen = aligning

    def _show_progress(self) -> None:
        running = self.runner.state == RUNNING
        self.progress.setText(self.runner.progress_text)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _show_corrections(self) -> None:
        self.corrections.set_corrections([correction.text for correction in self._session.corrections])
