"""Child for test_kill_after_highlight: the app saves a highlight, says so, then waits to be killed.

python kill_child.py DATA_DIR TRANSCRIPT
"""

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.app import build_window, open_store  # noqa: E402
from ui.player.fake import FakePlayer  # noqa: E402
from ui.settings import AppSettings  # noqa: E402

app = QApplication(sys.argv[:1])
data_dir = Path(sys.argv[1])
store, problem = open_store(data_dir)
settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
window = build_window(player=FakePlayer(), settings=settings, store=store, store_problem=problem)
window.show()
window.open_transcript(sys.argv[2])
doc_map = window.view.transcript_document.map
cursor = QTextCursor(window.view.document())
cursor.setPosition(doc_map.position_of(1, 0))
cursor.setPosition(doc_map.position_of(1, 6), QTextCursor.MoveMode.KeepAnchor)
window.view.setTextCursor(cursor)
window.commands["highlight"].trigger()
print(window.status.text, flush=True)  # the UI now shows it as saved
app.exec()  # wait here until the parent kills us
