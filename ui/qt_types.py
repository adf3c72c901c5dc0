"""Type names the Qt modules share, defined once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

#: What Qt's item views hand to models and delegates: either kind of index.
ModelIndex = QModelIndex | QPersistentModelIndex
