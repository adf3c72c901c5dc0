"""The transcript's right-click menu.

On a selection it highlights; on a highlight it offers what the Highlights
panel offers for it (colour, note, copy as a quote, delete), so a reader never
has to find the row in the panel; on any word it plays from there. Bookmark
Now is always last. The collaborators are passed in, so the menu knows no
window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from reader.keep import COLOURS
from ui.highlights_panel import swatch_icon
from ui.shortcuts import BY_NAME
from ui.theme import highlight_colour

PLAY_FROM_HERE = "Play From Here"


def text_menu(
    view,
    panel,
    keeping,
    point: QPoint,
    play_from_word: Callable[[int, int], None],
    bookmark_now: Callable[[], None],
) -> QMenu:
    """The menu for a right-click at ``point`` in ``view``'s viewport (not shown yet)."""
    menu = QMenu(view)
    if view.selected_span() is not None:
        for colour in COLOURS:
            menu.addAction(
                swatch_icon(highlight_colour(colour, dark=False)),
                f"Highlight {colour.capitalize()}",
                lambda c=colour: keeping.highlight_selection(c),
            )
        menu.addSeparator()
        menu.addAction("Copy", view.copy)
        menu.addSeparator()
    else:
        highlight = view.highlight_at_point(point)
        row = panel.model.row_of("highlight", highlight.id) if highlight is not None else -1
        if row >= 0:
            menu.addActions(
                panel.context_actions(
                    panel.model.index(row), menu, edit_note=lambda: _edit_note(panel, keeping, highlight.id)
                )
            )
            menu.addSeparator()
    word = view.word_at_point(point)
    if word is not None:
        menu.addAction(PLAY_FROM_HERE, lambda: play_from_word(*word))
    menu.addAction(BY_NAME["bookmark"].label, bookmark_now)
    return menu


def _edit_note(panel, keeping, highlight_id: int) -> None:
    panel.select_item("highlight", highlight_id)
    keeping.edit_latest_note()  # shows the panel, then opens the editor on the selected row
