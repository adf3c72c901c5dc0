"""Regenerate docs/screenshot.png: the demo episode playing, as the README shows it.

    xvfb-run -a uv run python scripts/screenshot.py      (or QT_QPA_PLATFORM=offscreen)

Plays the demo through libVLC's dummy output from SEEK_MS for a few seconds so
the current turn and the reading cursor are marked, then grabs the window.
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

    from ui.app import DEMO_AUDIO, DEMO_TRANSCRIPT, build_window
    from ui.player import create_player
    from ui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    settings = AppSettings(QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat))
    player = create_player(vlc_args=["--aout=dummy", "--no-video", "--quiet"])
    window = build_window(player=player, settings=settings)
    window.resize(1180, 760)
    window.show()
    window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
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


if __name__ == "__main__":
    raise SystemExit(main())
