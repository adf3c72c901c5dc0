"""Where downloads go: the library folder, then the show, then the episode.

Names come from feeds, which anyone can write. A name becomes one safe path
component: no separators, no ``..``, no control characters, none of the
names Windows reserves (CON, NUL, COM1...), not too long. :func:`inside`
is the last check that a path stays under the downloads folder.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

DOWNLOADS_DIRNAME = "Podcasts"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
MAX_NAME = 80


def safe_name(text: str, fallback: str = "Untitled") -> str:
    name = unicodedata.normalize("NFC", text or "")
    name = " ".join(_UNSAFE.sub(" ", name).split())
    name = name.strip(" .")[:MAX_NAME].strip(" .")
    if not name or set(name) <= {"."}:
        name = fallback
    if name.split(".")[0].lower() in _RESERVED:
        name = "_" + name
    return name


def episode_stem(title: str, published: int) -> str:
    """``2026-11-02 Title``: sorts by date in a file manager."""
    day = time.strftime("%Y-%m-%d", time.gmtime(published)) + " " if published > 0 else ""
    return day + safe_name(title)


def show_folder(downloads: Path, show_title: str) -> Path:
    return downloads / safe_name(show_title, "Untitled show")


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def downloads_dir(library_dir: Path) -> Path:
    """Podcast downloads live in the library's folder, so ``--data-dir`` moves them too."""
    return Path(library_dir) / DOWNLOADS_DIRNAME
