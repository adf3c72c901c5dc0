"""File → Export Highlights…: plain words, and a sensible folder to save in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from ui.app import DEMO_TRANSCRIPT
from ui.export_dialog import ExportDialog, default_export_folder


def test_the_dialog_speaks_plainly(qtbot):
    dialog = ExportDialog("Episode 12")
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "whole or not at all" not in text
    assert "stay in the library" in text


def test_exports_go_beside_the_transcript_but_never_into_the_app(tmp_path):
    transcript = tmp_path / "show" / "episode.md"
    assert default_export_folder(str(transcript)) == str(transcript.parent)
    demo_folder = Path(default_export_folder(str(DEMO_TRANSCRIPT)))
    assert not demo_folder.resolve().is_relative_to(Path(DEMO_TRANSCRIPT).resolve().parent.parent.parent)
    assert default_export_folder(None) == str(demo_folder)


def test_without_a_documents_folder_exports_are_offered_in_the_home_folder(tmp_path, monkeypatch):
    """A desktop without ~/Documents (a minimal install): the save dialog
    opened wherever the app was started from (the app's own folder when run
    from a checkout) instead of the home folder."""
    from PySide6.QtCore import QStandardPaths

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(home / "Documents"))
    assert default_export_folder(None) == str(home)
    (home / "Documents").mkdir()
    assert default_export_folder(None) == str(home / "Documents")
