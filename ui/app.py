"""Start the app: the one place where the app's objects are built and wired.

Widgets receive what they need (transcript, player, settings); none of them
constructs storage, settings or a player themselves.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.placeholder import PlaceholderWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Transcript Reader")
    app.setOrganizationName("Transcript Reader")
    window = PlaceholderWindow()
    if args.file:
        window.open_transcript(args.file)
    window.show()
    return app.exec()
