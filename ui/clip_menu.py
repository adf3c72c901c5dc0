"""Where the clip actions meet the window: the highlights panel's menu, and
"Play Highlight" / "Export Clip…" in the transcript's right-click menu when
the click lands on a highlight."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from ui.clip_actions import ClipActions


def clip_actions(window) -> ClipActions:
    actions = ClipActions(window)
    actions.message.connect(window.status.show)
    window.highlights_panel.play_requested.connect(actions.play)
    window.highlights_panel.clip_requested.connect(actions.export_clip)
    return actions


def highlight_at(window, point: QPoint):
    """The placed highlight under ``point`` in the transcript view, or None."""
    document = window.view.transcript_document
    if document is None:
        return None
    spot = document.map.text_point(window.view.cursorForPosition(point).position(), forward=True)
    if spot is None:
        return None
    for highlight in window.keeping.highlights:
        a = highlight.anchor
        if not highlight.detached and (a.start_turn, a.start_offset) <= spot < (a.end_turn, a.end_offset):
            return highlight
    return None


def add_clip_actions(window, menu: QMenu, point: QPoint) -> None:
    highlight = highlight_at(window, point)
    if highlight is None:
        return
    menu.addSeparator()
    menu.addAction("Play Highlight", lambda: window.clip_actions.play("highlight", highlight.id))
    menu.addAction("Export Clip…", lambda: window.clip_actions.export_clip("highlight", highlight.id))


def export_with_clips(window, all_episodes: bool, note_path: str):
    """File → Export with clips: the note and its attachments, cut off the GUI thread."""
    keeping = window.keeping
    if keeping.store is None:
        window.status.show(keeping.problem or "The library is not available.")
        return None
    episodes = [s.episode for s in keeping.store.episodes()] if all_episodes else [keeping.episode]
    return window.clip_actions.export_note([e for e in episodes if e is not None], note_path)
