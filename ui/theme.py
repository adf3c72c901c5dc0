"""Colours and type for the transcript, chosen for long reading sessions.

Speaker colours are assigned in order of first appearance, so the same
episode always shows each speaker in the same colour, and the first two
speakers (the usual host and guest) never share one.
"""

from __future__ import annotations

from collections import namedtuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette

# Distinguishable on white and readable as text (WCAG AA on the page and on the spoken turn).
SPEAKER_COLOURS_LIGHT = ("#1f5fa8", "#a3391f", "#27692b", "#7b3fa0", "#765d00", "#00695c", "#ad1457", "#5d4037")
SPEAKER_COLOURS_DARK = ("#8ab4f8", "#f28b82", "#81c995", "#d7aefb", "#fdd663", "#78d9ec", "#ff8bcb", "#bcaaa4")


class Theme(
    namedtuple(
        "Theme",
        "dark paper ink muted stamp current_turn turn_bar reading_cursor reading_ink heading speakers"
        " find_match find_current find_current_ink",
    )
):
    """Marks are told apart by more than hue: the spoken turn is a neutral
    tint with a bar beside it, the spoken word and the current find match are
    solid with their own ink, the other matches and the five highlight
    colours are pastels (deep tones in the dark theme) of hues no other mark
    uses. tests/ui/test_theme.py checks text contrast (WCAG AA) on every
    background and the distance between every pair of marks."""

    __slots__ = ()

    def speaker_colour(self, index: int) -> QColor:
        return QColor(self.speakers[index % len(self.speakers)])


LIGHT = Theme(
    dark=False,
    paper="#fdfcf9",
    ink="#1d1d1b",
    muted="#62625d",
    stamp="#55607a",
    current_turn="#eeece6",
    turn_bar="#0f766e",
    reading_cursor="#0f766e",
    reading_ink="#ffffff",
    heading="#3b3b38",
    speakers=SPEAKER_COLOURS_LIGHT,
    find_match="#67e8f9",
    find_current="#6d28d9",
    find_current_ink="#ffffff",
)

DARK = Theme(
    dark=True,
    paper="#1e1f22",
    ink="#e6e4df",
    muted="#a3a19b",
    stamp="#a9b4cc",
    current_turn="#303238",
    turn_bar="#5eead4",
    reading_cursor="#5eead4",
    reading_ink="#111214",
    heading="#d8d6d0",
    speakers=SPEAKER_COLOURS_DARK,
    find_match="#4c1d95",
    find_current="#c4b5fd",
    find_current_ink="#111214",
)


class Swatch(namedtuple("Swatch", "light dark")):
    __slots__ = ()

    def colour(self, dark: bool) -> QColor:
        return QColor(self.dark if dark else self.light)


#: Highlight backgrounds, readable under dark text (light theme) or light
#: text (dark theme), and apart from the spoken turn's neutral tint. One
#: table for the transcript, the panel's bars and the menus.
HIGHLIGHT_COLOURS = {
    "yellow": Swatch("#fde68a", "#6b5a12"),
    "green": Swatch("#bbf7d0", "#1f5a36"),
    "blue": Swatch("#bfdbfe", "#1e3a6b"),
    "pink": Swatch("#fbcfe8", "#6b2350"),
    "orange": Swatch("#fcb88a", "#8a3a0a"),
}


def highlight_colour(name: str | None, dark: bool) -> QColor:
    """The swatch for ``name``; unknown names (a newer app's colour) show as yellow."""
    return HIGHLIGHT_COLOURS.get(name or "", HIGHLIGHT_COLOURS["yellow"]).colour(dark)


def theme_for(palette: QPalette) -> Theme:
    """Follow the desktop: a dark window background means the dark theme."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


#: View → Theme choices, as saved in the settings.
THEME_CHOICES = {"system": "Follow System", "light": "Light", "dark": "Dark"}
_desktop_palette: QPalette | None = None


def desktop_palette() -> QPalette:
    """The palette the desktop gave the app, remembered before any theme changed it."""
    global _desktop_palette
    if _desktop_palette is None:
        _desktop_palette = QPalette(QGuiApplication.palette())
    return _desktop_palette


def theme_named(choice: str) -> Theme:
    """The theme for a View → Theme choice; "system" reads the desktop's colour scheme."""
    if choice == "dark":
        return DARK
    if choice == "light":
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return DARK
    if scheme == Qt.ColorScheme.Light:
        return LIGHT
    return theme_for(desktop_palette())


def apply_theme_palette(choice: str) -> Theme:
    """Give menus, docks and dialogs the chosen theme's colours too, and return
    the theme. Following the system restores the desktop's own palette."""
    original = desktop_palette()
    theme = theme_named(choice)
    if choice == "system" or theme_for(original) == theme:
        QGuiApplication.setPalette(original)
        return theme
    QGuiApplication.setPalette(_palette_for(theme))
    return theme


def _palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    window = QColor("#2b2d31") if theme.dark else QColor("#f3f2ee")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: QColor(theme.ink),
        QPalette.ColorRole.Base: QColor(theme.paper),
        QPalette.ColorRole.AlternateBase: window,
        QPalette.ColorRole.Text: QColor(theme.ink),
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: QColor(theme.ink),
        QPalette.ColorRole.ToolTipBase: QColor(theme.paper),
        QPalette.ColorRole.ToolTipText: QColor(theme.ink),
        QPalette.ColorRole.PlaceholderText: QColor(theme.muted),
        QPalette.ColorRole.Highlight: QColor(theme.turn_bar),
        QPalette.ColorRole.HighlightedText: QColor(theme.reading_ink),
        QPalette.ColorRole.Link: QColor(theme.speakers[0]),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return palette


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
