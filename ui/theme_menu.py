"""View → Theme: Light, Dark or Follow System, applied at once and remembered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from ui.settings import AppSettings
from ui.theme import THEME_CHOICES, Theme, apply_theme_palette


class Themed(Protocol):
    def set_theme(self, theme: Theme) -> None: ...


class ThemeMenu:
    """The submenu, and the one place a theme change reaches every widget.

    ``themed`` are widgets with ``set_theme(theme)``; ``redraw`` shows the
    transcript again (its colours are part of the document)."""

    def __init__(
        self, settings: AppSettings, themed: Sequence[Themed], redraw: Callable[[], None], parent: QWidget
    ) -> None:
        """The submenu (``menu``) is the window's to place, in View."""
        self._settings = settings
        self._themed = list(themed)
        self._redraw = redraw
        self.menu = QMenu("&Theme", parent)
        group = QActionGroup(self.menu)
        self.actions: dict[str, QAction] = {}
        for choice, label in THEME_CHOICES.items():
            action = self.menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(choice == settings.theme)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
            group.addAction(action)
            self.actions[choice] = action
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_desktop_changed)

    def choose(self, choice: str) -> Theme:
        self._settings.theme = choice
        self.actions[choice].setChecked(True)
        return self._apply(choice)

    def _on_desktop_changed(self, _scheme) -> None:
        if self._settings.theme == "system":
            self._apply("system")

    def _apply(self, choice: str) -> Theme:
        theme = apply_theme_palette(choice)
        for widget in self._themed:
            widget.set_theme(theme)
        self._redraw()
        return theme
