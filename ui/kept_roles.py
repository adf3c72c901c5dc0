"""The roles a kept item (a highlight or a bookmark) is read through, and its kinds.

Apart from the delegate that draws rows (``ui.highlight_delegate``), so the
model in ``ui.highlights_panel`` exists before the window's first paint while
the list and its delegate are built after it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

KindRole = Qt.ItemDataRole.UserRole + 1  # str: "highlight" or "bookmark"
IdRole = Qt.ItemDataRole.UserRole + 2  # int: the store's id
StartMsRole = Qt.ItemDataRole.UserRole + 3  # int: transcript time of the quote or moment
ColourRole = Qt.ItemDataRole.UserRole + 4  # str | None: a name from reader.keep.COLOURS
NoteRole = Qt.ItemDataRole.UserRole + 5  # str: the note, "" when none
SpeakersRole = Qt.ItemDataRole.UserRole + 6  # str: renamed speakers joined " & ", "" when none
DetachedRole = Qt.ItemDataRole.UserRole + 7  # bool: kept, but no longer placed in the transcript
ClockRole = Qt.ItemDataRole.UserRole + 8  # str: the time as shown, e.g. "12:34"

HIGHLIGHT = "highlight"
BOOKMARK = "bookmark"
