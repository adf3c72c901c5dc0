"""Child process for the first-paint figures: prints one JSON line and exits.

    python benchmarks/paint_probe.py empty
    python benchmarks/paint_probe.py transcript PATH

The parent notes the time just before starting this process and reads the
time of the first paint from this line, so the figure covers interpreter
start-up, imports, building the window and painting, as a user waits for it.
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


def report_and_quit(app) -> None:
    print(json.dumps({"painted_at": time.time(), "rss_mb": round(rss_mb(), 1)}), flush=True)
    app.quit()


def main() -> None:
    prefetched = None
    if sys.argv[1] != "empty":
        from reader.prefetch import Prefetch

        prefetched = Prefetch(sys.argv[2])  # as the app does, before Qt is imported
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    if sys.argv[1] == "empty":
        window = QMainWindow()
        painted = window
    else:
        from PySide6.QtCore import QSettings

        from ui.app import build_window
        from ui.player.fake import FakePlayer
        from ui.settings import AppSettings

        # A throw-away file: QSettings saves by renaming a temp file over the
        # target, so pointing it at /dev/null would replace the device.
        scratch = Path(tempfile.mkdtemp(prefix="paint-probe-")) / "settings.ini"
        settings = AppSettings(QSettings(str(scratch), QSettings.Format.IniFormat))
        window = build_window(player=FakePlayer(), settings=settings)
        window.open_transcript(sys.argv[2], prefetched=prefetched)
        painted = window.view.viewport()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: report_and_quit(app))
                obj.removeEventFilter(self)
            return False

    probe = FirstPaint()
    painted.installEventFilter(probe)
    window.resize(1100, 780)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
