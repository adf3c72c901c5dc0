"""Files the app ships with; their paths are named here, once."""

from __future__ import annotations

from pathlib import Path

#: The demo episode (``transcript-reader --demo``), made by scripts/make_demo.py.
DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_TRANSCRIPT = DEMO_DIR / "tour.txt"
DEMO_AUDIO = DEMO_DIR / "tour.mp3"
