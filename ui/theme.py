"""Colours and type for the transcript, chosen for long reading sessions.

Speaker colours are assigned in order of first appearance, so the same
episode always shows each speaker in the same colour, and the first two
speakers (the usual host and guest) never share one.
"""

from __future__ import annotations

from collections import namedtuple

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

# Distinguishable on white and readable as text (WCAG AA against #fdfcf9).
SPEAKER_COLOURS_LIGHT = ("#1f5fa8", "#a3391f", "#2e7d32", "#7b3fa0", "#8a6d00", "#00796b", "#ad1457", "#5d4037")
SPEAKER_COLOURS_DARK = ("#8ab4f8", "#f28b82", "#81c995", "#d7aefb", "#fdd663", "#78d9ec", "#ff8bcb", "#bcaaa4")


class Theme(
    namedtuple(
        "Theme", "dark paper ink muted stamp current_turn reading_cursor heading speakers find_match find_current"
    )
):
    __slots__ = ()

    def speaker_colour(self, index: int) -> QColor:
        return QColor(self.speakers[index % len(self.speakers)])


LIGHT = Theme(
    dark=False,
    paper="#fdfcf9",
    ink="#1d1d1b",
    muted="#6b6b66",
    stamp="#55607a",
    current_turn="#fff1c2",
    reading_cursor="#f5c542",
    heading="#3b3b38",
    speakers=SPEAKER_COLOURS_LIGHT,
    find_match="#c7d2fe",
    find_current="#f59e0b",
)

DARK = Theme(
    dark=True,
    paper="#1e1f22",
    ink="#e6e4df",
    muted="#9a9892",
    stamp="#a9b4cc",
    current_turn="#3b3520",
    reading_cursor="#8a6d1a",
    heading="#d8d6d0",
    speakers=SPEAKER_COLOURS_DARK,
    find_match="#3730a3",
    find_current="#b45309",
)


class Swatch(namedtuple("Swatch", "light dark")):
    __slots__ = ()

    def colour(self, dark: bool) -> QColor:
        return QColor(self.dark if dark else self.light)


#: Highlight backgrounds, readable under dark text (light theme) or light
#: text (dark theme), and still visible under the translucent current-turn
#: mark. One table for the transcript, the panel's bars and the menus.
HIGHLIGHT_COLOURS = {
    "yellow": Swatch("#fde68a", "#6b5a12"),
    "green": Swatch("#bbf7d0", "#1f5a36"),
    "blue": Swatch("#bfdbfe", "#1e3a6b"),
    "pink": Swatch("#fbcfe8", "#6b2350"),
    "orange": Swatch("#fed7aa", "#7a3f12"),
}


def highlight_colour(name: str | None, dark: bool) -> QColor:
    """The swatch for ``name``; unknown names (a newer app's colour) show as yellow."""
    return HIGHLIGHT_COLOURS.get(name or "", HIGHLIGHT_COLOURS["yellow"]).colour(dark)


def theme_for(palette: QPalette) -> Theme:
    """Follow the desktop: a dark window background means the dark theme."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def reading_font(point_size: float) -> QFont:
    """A serif for long reading where one is installed, else the system font."""
    families = set(QFontDatabase.families())
    for family in ("Literata", "Source Serif 4", "Charter", "Georgia", "DejaVu Serif", "Noto Serif"):
        if family in families:
            font = QFont(family)
            break
    else:
        font = QFont()
    font.setPointSizeF(point_size)
    return font
