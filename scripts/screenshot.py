"""Regenerate docs/screenshot.png: the demo episode playing, as the README shows it.

    xvfb-run -a uv run python scripts/screenshot.py      (or QT_QPA_PLATFORM=offscreen)

Plays the demo through libVLC's dummy output from SEEK_MS for a few seconds so
the current turn and the reading cursor are marked, with two highlights (one
with a note) in a throw-away library, then grabs the window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEK_MS = 52_000
PLAY_MS = 4_000


def main() -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import DEMO_AUDIO, DEMO_TRANSCRIPT, build_window, open_store
    from ui.player import create_player
    from ui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    store, problem = open_store(folder)
    player = create_player(vlc_args=["--aout=dummy", "--no-video", "--quiet"])
    window = build_window(player=player, settings=settings, store=store, store_problem=problem)
    window.resize(1400, 800)
    window.show()
    window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    _highlight(window, 3, 0, 3, 75, "yellow", "")
    _highlight(window, 7, 0, 7, 55, "green", "The gesture to remember: click a time to jump.")
    player.seek(SEEK_MS)
    player.play()

    def grab() -> None:
        out = ROOT / "docs" / "screenshot.png"
        window.grab().save(str(out))
        print(f"wrote {out}")
        player.close()
        app.quit()

    QTimer.singleShot(PLAY_MS, grab)
    return app.exec()


def _highlight(window, start_turn, start, end_turn, end, colour, note) -> None:
    from PySide6.QtGui import QTextCursor

    doc_map = window.view.transcript_document.map
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_map.position_of(start_turn, start))
    cursor.setPosition(doc_map.position_of(end_turn, end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    highlight = window.keeping.highlight_selection(colour)
    if note:
        window.highlights_panel.note_edited.emit("highlight", highlight.id, note)
        window.keeping.refresh()  # typed in the panel, the panel shows it itself
    window.view.resume_following()


if __name__ == "__main__":
    raise SystemExit(main())
