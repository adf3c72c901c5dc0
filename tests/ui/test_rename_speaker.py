"""Highlights → Rename Speaker… renames the speaker picked, whatever the names are.

The two dialogs are answered by replacing ``QInputDialog.exec``: the first
picks an entry of the speaker list, the second types the new name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog


def _answer(monkeypatch, pick: int, new_name: str) -> list[list[str]]:
    """Pick entry ``pick`` of the speaker list, then type ``new_name``; the lists offered."""
    offered: list[list[str]] = []

    def exec_(dialog: QInputDialog) -> int:
        if not offered:
            offered.append(dialog.comboBoxItems())
            dialog.setTextValue(dialog.comboBoxItems()[pick])
        else:
            dialog.setTextValue(new_name)
        return 1

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    return offered


def test_of_two_speakers_shown_alike_the_one_picked_is_renamed(kwindow, store, monkeypatch):
    """Ben was renamed "Ana Lima" (the diarizer split one person in two, say);
    picking the second "Ana Lima" renames Ben, not Ana."""
    kwindow.keeping.rename_speaker("Ben Okoro", "Ana Lima")
    offered = _answer(monkeypatch, 1, "Guest")
    kwindow.keep_menu.rename_speaker()
    assert store.episode(kwindow.session.episode.id).speaker_renames == {"Ben Okoro": "Guest"}
    assert offered == [["Ana Lima", "Ana Lima (Ben Okoro)"]]
    text = kwindow.view.document().toPlainText()
    assert "Guest  00:10" in text and "Ana Lima  00:00" in text
