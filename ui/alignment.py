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
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QToolButton

TYPE_CHECKING = False  # reader.align and the gaps' list load when first needed, after the first paint
if TYPE_CHECKING:
    from reader.align.runner import AlignmentRunner
    from ui.corrections_list import CorrectionsList
    from ui.sync_points_panel import SyncPointsPanel

POLL_MS = 250
#: While results are applied on the runner's helper thread, the window's thread
#: gets Python back within this many seconds (the default is 5 ms, and every
#: call into Qt hands it over, so a slot could wait 5 ms several times).
SWITCH_S = 0.001


class AlignmentController(QObject):
    """Starts alignment when an episode's audio is ready (unless turned off) and shows how it goes."""

    message = Signal(str)  # alignment finished, was cancelled, or failed and the estimate stays

    def __init__(
        self,
        session,
        settings,
        status_bar: QStatusBar,
        sync_panel: SyncPointsPanel,
        runner=None,
        timer=None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._runner: AlignmentRunner | None = runner
        self._sync_panel = sync_panel
        self._corrections: CorrectionsList | None = None
        self.progress = QLabel(status_bar)
        self.progress.setObjectName("alignProgress")
        self.cancel_button = QToolButton(status_bar)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop aligning the words; the times shown so far stay.")
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        self.automatic_action = QAction("Align Words Automatically", self, checkable=True)
        self.automatic_action.setChecked(settings.align_automatically)
        self.automatic_action.toggled.connect(self._set_automatic)
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

    @property
    def runner(self) -> AlignmentRunner:
        """Made when first needed (aligning, or the library's kept results):
        reader.align does not load before the window's first paint."""
        if self._runner is None:
            from reader.align.runner import AlignmentRunner

            self._runner = AlignmentRunner(self._session)
        return self._runner

    @property
    def corrections(self) -> CorrectionsList:
        """The gaps' list in the Sync panel, made when there is a first gap to list."""
        if self._corrections is None:
            from ui.corrections_list import CorrectionsList

            self._corrections = CorrectionsList(self._sync_panel)
            self._sync_panel.add_section(self._corrections)
            self._corrections.remove_requested.connect(self._session.remove_correction)
        return self._corrections

    def fill_menu(self, menu: QMenu) -> None:
        """Align Words Now, and whether to align by itself."""
        menu.addAction("Align Words to Audio", self.start)
        menu.addAction(self.automatic_action)

    def audio_ready(self) -> None:
        if self._settings.align_automatically:
            self.start()

    def start(self) -> None:
        if self._session.audio_path is None:
            self.message.emit("Word alignment needs the episode's audio; open it with Open Audio… first.")
            return
        self.runner.start()
        if self._running():
            self._hold_collector(True)
        self._after_change()

    def cancel(self) -> None:
        if self._running():
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
        if self._running():
            self._timer.start()
        else:
            self._timer.stop()
            self._hold_collector(False)
            if self._runner is not None and self._runner.message:  # it replaces "times are estimated"
                self.message.emit(self._runner.message)
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
        running = self._running()
        self.progress.setText(self.runner.progress_text if running else "")
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _running(self) -> bool:
        if self._runner is None:
            return False
        from reader.align.runner import RUNNING  # loaded with the runner

        return self._runner.state == RUNNING

    def _show_corrections(self) -> None:
        texts = [correction.text for correction in self._session.corrections]
        if texts or self._corrections is not None:
            self.corrections.set_corrections(texts)
