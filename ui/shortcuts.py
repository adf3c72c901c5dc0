"""Every keyboard shortcut in one table: the menus are built from it, and
Help → Keyboard Shortcuts (``ui.shortcuts_dialog``) lists it, so the two can
never disagree."""

from __future__ import annotations

from collections import namedtuple

from PySide6.QtGui import QKeySequence


class Shortcut(namedtuple("Shortcut", "name label keys group")):
    """``keys`` are portable QKeySequence strings; the first is shown in menus."""

    __slots__ = ()


SHORTCUTS = (
    Shortcut("open", "Open Transcript…", ("Ctrl+O",), "File"),
    Shortcut("open_audio", "Open Audio…", ("Ctrl+Shift+O",), "File"),
    Shortcut("quit", "Quit", ("Ctrl+Q",), "File"),
    Shortcut("play_pause", "Play / Pause", ("Space",), "Playback"),
    Shortcut("skip_back", "Back 15 seconds", ("Left",), "Playback"),
    Shortcut("skip_forward", "Forward 30 seconds", ("Right",), "Playback"),
    Shortcut("speed_down", "Slower", ("[",), "Playback"),
    Shortcut("speed_up", "Faster", ("]",), "Playback"),
    Shortcut("mute", "Mute", ("M",), "Playback"),
    Shortcut("previous_chapter", "Previous Chapter", ("Ctrl+Left",), "Playback"),
    Shortcut("next_chapter", "Next Chapter", ("Ctrl+Right",), "Playback"),
    Shortcut("go_to_time", "Go to Time…", ("Ctrl+G",), "Playback"),
    Shortcut("highlight", "Highlight Selection", ("H",), "Highlights"),
    Shortcut("note", "Add Note", ("N",), "Highlights"),
    Shortcut("bookmark", "Bookmark Now", ("B",), "Highlights"),
    Shortcut("undo", "Undo", ("Ctrl+Z",), "Highlights"),
    Shortcut("copy_quote", "Copy as Quote", ("Ctrl+Shift+C",), "Highlights"),
    Shortcut("export", "Export Highlights…", ("Ctrl+E",), "File"),
    Shortcut("library", "Library…", ("Ctrl+L",), "Highlights"),
    Shortcut("search_library", "Search Library…", ("Ctrl+Shift+F",), "Highlights"),
    Shortcut("this_is_now", "This Is Now (set a sync point)", ("S",), "Sync"),
    Shortcut("nudge_earlier", "Text Earlier by 0.5 s", ("Alt+Left",), "Sync"),
    Shortcut("nudge_later", "Text Later by 0.5 s", ("Alt+Right",), "Sync"),
    Shortcut("find", "Find in Transcript…", ("Ctrl+F",), "View"),
    Shortcut("find_next", "Find Next", ("F3",), "View"),
    Shortcut("find_previous", "Find Previous", ("Shift+F3",), "View"),
    Shortcut("back_to_playback", "Back to Playback", ("Ctrl+J",), "View"),
    Shortcut("zoom_in", "Larger Text", ("Ctrl+=", "Ctrl++"), "View"),
    Shortcut("zoom_out", "Smaller Text", ("Ctrl+-",), "View"),
    Shortcut("shortcuts", "Keyboard Shortcuts", ("F1",), "Help"),
)

BY_NAME = {shortcut.name: shortcut for shortcut in SHORTCUTS}

#: Keys and mouse gestures handled by one widget rather than by a menu
#: action; listed in the dialog so that every way in is written down once.
GESTURES = (
    Shortcut("select_word", "Select a word", ("Double-click",), "Transcript"),
    Shortcut("select_paragraph", "Select a paragraph", ("Triple-click",), "Transcript"),
    Shortcut("play_from_word", "Play from a word", ("Alt+Click", "Ctrl+Click"), "Transcript"),
    Shortcut("play_from_stamp", "Play from a turn or chapter", ("Click its time or heading",), "Transcript"),
    Shortcut("edit_note", "Edit the selected note", ("F2", "Enter"), "Highlights panel"),
    Shortcut("new_line", "New line in a note", ("Enter",), "Note"),
    Shortcut("save_note", "Save the note", ("Ctrl+Enter",), "Note"),
    Shortcut("cancel_note", "Cancel the note", ("Esc",), "Note"),
    Shortcut("delete_item", "Delete the selected item", ("Del",), "Highlights panel"),
)


def key_sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(keys) for keys in BY_NAME[name].keys]
