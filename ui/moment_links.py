"""Opening a ``transcript-reader://`` link: the episode, at that second, playing.

Links come from the command line (the app started by the link), from a second
start handed over through the local socket (``ui.single_instance``), and
from macOS's open-URL event. Until the library is open (the window is built
in two steps) a link waits; then it opens the episode it names, or, if that
episode is not in this library or its transcript has moved, says so and
offers to open the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from reader.links import LinkError, MomentLink, parse_link

#: Shown the sentence, returns the transcript the user picked, or None.
AskForFile = Callable[[str], str | None]


class LinkOpener(QObject):
    def __init__(self, window, ask_for_file: AskForFile | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._ask_for_file = ask_for_file or self._ask_with_dialogs
        self._pending: MomentLink | None = None
        self._ready = False

    def set_ready(self) -> None:
        """The library is open: a link that arrived before opens now."""
        self._ready = True
        if self._pending is not None:
            link, self._pending = self._pending, None
            self._open(link)

    def open_link(self, text: str) -> bool:
        """Open the moment ``text`` names; False (with one sentence shown) if it can't be."""
        try:
            link = parse_link(text)
        except LinkError as error:
            self._window.status.show(str(error))
            return False
        self.bring_forward()
        if not self._ready:
            self._pending = link
            return True
        return self._open(link)

    def bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    # -- opening ---------------------------------------------------------------------

    def _open(self, link: MomentLink) -> bool:
        episode = self._window.session.episode
        if episode is not None and link.matches(episode.fingerprint):
            return self._go_to(link)
        episode = self._find(link)
        if episode is None:
            return self._offer_file(link, "This link is for an episode that is not in this library.")
        if not episode.transcript_path or not Path(episode.transcript_path).is_file():
            return self._offer_file(
                link, f"This link is for {episode.title}, but its transcript is no longer at {episode.transcript_path}."
            )
        audio = episode.audio_path if episode.audio_path and Path(episode.audio_path).is_file() else None
        if not self._window.open_transcript(episode.transcript_path, audio):
            return False
        return self._go_to(link)

    def _find(self, link: MomentLink):
        store = self._window.session.store
        if store is None:
            return None
        return next((s.episode for s in store.episodes() if link.matches(s.episode.fingerprint)), None)

    def _offer_file(self, link: MomentLink, sentence: str) -> bool:
        path = self._ask_for_file(sentence)
        if not path:
            self._window.status.show(sentence + " Open its transcript (Ctrl+O) to go to the moment.")
            return False
        if not self._window.open_transcript(path):
            return False
        return self._go_to(link)

    def _go_to(self, link: MomentLink) -> bool:
        """Seek (audio time, as the link gives it), play, and show the highlight."""
        window = self._window
        if window.loader.has_audio:
            window.player.seek(link.ms)
            window.player.play()
        else:
            window.marks.on_position(link.ms)  # still mark where the moment is
        window.view.resume_following()
        if link.highlight is not None:
            window.highlights_panel.select_item("highlight", link.highlight)
        window.status.info(f"Opened at {window.session.clock.format(link.ms)} from a link.")
        return True

    def _ask_with_dialogs(self, sentence: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # a link's question comes after the first paint

        box = QMessageBox(QMessageBox.Icon.Question, "Open Link", sentence, parent=self._window)
        box.setInformativeText("Open its transcript file to go to the moment?")
        open_button = box.addButton("Open Transcript…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not open_button:
            return None
        from ui.main_window import TRANSCRIPT_FILTER

        path, _ = QFileDialog.getOpenFileName(self._window, "Open Transcript", "", TRANSCRIPT_FILTER)
        return path or None
