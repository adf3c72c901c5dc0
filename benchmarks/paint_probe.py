"""Child process for the first-paint figures: prints one JSON line and exits.

    python benchmarks/paint_probe.py empty
    python benchmarks/paint_probe.py skeleton PATH
    python benchmarks/paint_probe.py transcript PATH

The parent notes the time just before starting this process and reads the
time of the first paint from this line, so the figure covers interpreter
start-up, imports, building the window and painting, as a user waits for it.

``transcript`` starts the app exactly as ``transcript-reader PATH`` does
(settings, the libVLC player, the library in a fresh data folder);
the probe only wraps ``ui.app.run`` to watch for the transcript's first paint.
That is the first paint of the transcript view with the transcript's text in
it: the empty view, which shows "Open a transcript" while a large file is
still being read, does not count.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def report_and_quit(app, painted_at: float, main_thread_cpu_s: float) -> None:
    line = {
        "painted_at": painted_at,
        "queued_work_done_at": time.time(),
        "rss_mb": round(rss_mb(), 1),
        # CPU the main thread spent from the process start to the paint: what
        # the paint waited for, less sensitive than wall time to a busy machine.
        "main_thread_cpu_ms": round(main_thread_cpu_s * 1000, 1),
    }
    print(json.dumps(line), flush=True)
    app.quit()


def watch_first_paint(app, is_target) -> None:
    """Report once ``is_target(widget)`` first paints, then quit.

    The time is taken when the paint pass that drew the target is over: at
    the first event after its paint event that is not another widget's paint
    (the window's widgets are painted, then flushed to the screen, in one
    pass). Work that waited for that paint and was queued before the report
    (panels filled after the paint) is not part of it; ``queued_work_done_at``
    is the time after it, for comparison."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        painted_at: float | None = None
        main_thread_cpu_s = 0.0
        target_painted = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
            if self.target_painted:
                if event.type() != QEvent.Type.Paint:
                    self.painted_at = time.time()
                    self.main_thread_cpu_s = time.thread_time()
                    app.removeEventFilter(self)
            elif event.type() == QEvent.Type.Paint and is_target(obj):
                self.target_painted = True
                QTimer.singleShot(
                    0,
                    lambda: report_and_quit(
                        app, self.painted_at or time.time(), self.main_thread_cpu_s or time.thread_time()
                    ),
                )
            return False

    app._first_paint_probe = FirstPaint()
    app.installEventFilter(app._first_paint_probe)


def empty_window() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    watch_first_paint(app, lambda widget: widget is window)
    window.resize(1100, 780)
    window.show()
    app.exec()


def skeleton_window(transcript: str) -> None:
    """The app's widgets with none of its logic: the text set in one call, a
    slider, buttons, three docks with list views, a menu of 30 actions. What
    PySide6 alone costs for a window of this shape, as a floor for the app."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import (
        QApplication,
        QDockWidget,
        QHBoxLayout,
        QListView,
        QMainWindow,
        QPlainTextEdit,
        QSlider,
        QStyle,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QPlainTextEdit()
    view.setReadOnly(True)
    with open(transcript, encoding="utf-8") as handle:
        view.setPlainText(handle.read())
    bar = QWidget()
    row = QHBoxLayout(bar)
    for pixmap in (QStyle.StandardPixmap.SP_MediaPlay, QStyle.StandardPixmap.SP_MediaSeekBackward):
        button = QToolButton()
        button.setIcon(window.style().standardIcon(pixmap))
        row.addWidget(button)
    row.addWidget(QSlider(Qt.Orientation.Horizontal))
    central = QWidget()
    column = QVBoxLayout(central)
    column.addWidget(view, 1)
    column.addWidget(bar)
    window.setCentralWidget(central)
    for title, area in (
        ("Chapters", Qt.DockWidgetArea.LeftDockWidgetArea),
        ("Highlights", Qt.DockWidgetArea.RightDockWidgetArea),
        ("Sync", Qt.DockWidgetArea.RightDockWidgetArea),
    ):
        dock = QDockWidget(title, window)
        dock.setWidget(QListView())
        window.addDockWidget(area, dock)
    menu = window.menuBar().addMenu("&File")
    for number in range(30):
        action = QAction(f"Action {number}", window)
        action.setShortcut(QKeySequence(f"Ctrl+Shift+{chr(65 + number % 26)}"))
        menu.addAction(action)
    window.statusBar().showMessage("Ready")
    watch_first_paint(app, lambda widget: widget is view.viewport())
    window.resize(1280, 820)
    window.show()
    app.exec()


def shows_transcript_text(widget) -> bool:
    """The transcript view's viewport, with text in its document (not the placeholder)."""
    view = widget.parent()
    return type(view).__name__ == "TranscriptView" and not view.document().isEmpty()


def the_app(transcript: str) -> None:
    import ui.app
    from reader.cli import main as transcript_reader

    real_run = ui.app.run

    def run(args):
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
        watch_first_paint(app, shows_transcript_text)
        return real_run(args)

    ui.app.run = run
    transcript_reader([transcript, "--data-dir", tempfile.mkdtemp(prefix="paint-probe-")])


def main() -> None:
    if sys.argv[1] == "empty":
        empty_window()
    elif sys.argv[1] == "skeleton":
        skeleton_window(sys.argv[2])
    else:
        the_app(sys.argv[2])


if __name__ == "__main__":
    main()
