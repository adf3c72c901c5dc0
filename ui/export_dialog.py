"""File → Export Highlights…: which format, which episodes, then where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

CHOICES = (
    ("md", "Markdown, for Obsidian and other notes"),
    ("csv", "CSV, for Readwise or a spreadsheet"),
    ("json", "JSON, everything, for scripts and backups"),
)


#: The app's own folder: the demo lives there, and exports must not.
APP_FOLDER = Path(__file__).resolve().parent.parent


def default_export_folder(transcript_path: str | None) -> str:
    """Beside the transcript, as readers keep notes with their files; the
    Documents folder for the demo (inside the app) or when there is none, and
    the home folder where there is no Documents folder (the save dialog then
    opened wherever the app was started from)."""
    if transcript_path:
        folder = Path(transcript_path).resolve().parent
        if not folder.is_relative_to(APP_FOLDER):
            return str(folder)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


class ExportDialog(QDialog):
    def __init__(self, episode_title: str | None, parent: QWidget | None = None, clip_settings=None) -> None:
        """``clip_settings`` (reader.export.clips.ClipSettings) offers audio clips with Markdown."""
        super().__init__(parent)
        self.setWindowTitle("Export Highlights")
        self._formats = QButtonGroup(self)
        format_box = QGroupBox("Format", self)
        format_layout = QVBoxLayout(format_box)
        for index, (key, label) in enumerate(CHOICES):
            button = QRadioButton(label, format_box)
            button.setObjectName(f"format_{key}")
            button.setChecked(index == 0)
            self._formats.addButton(button, index)
            format_layout.addWidget(button)
        scope_box = QGroupBox("Episodes", self)
        scope_layout = QVBoxLayout(scope_box)
        self.this_episode = QRadioButton(
            f"This episode: {episode_title}" if episode_title else "This episode", scope_box
        )
        self.all_episodes = QRadioButton("All episodes in the library", scope_box)
        self.this_episode.setEnabled(episode_title is not None)
        (self.this_episode if episode_title else self.all_episodes).setChecked(True)
        scope_layout.addWidget(self.this_episode)
        scope_layout.addWidget(self.all_episodes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(format_box)
        layout.addWidget(scope_box)
        self.clip_options = None
        if clip_settings is not None:
            from ui.clip_options import ClipOptions

            self.clip_options = ClipOptions(clip_settings, self)
            self._formats.idToggled.connect(lambda *_: self.clip_options.set_available(self.format == "md"))
            layout.addWidget(self.clip_options)
        note = QLabel("Your highlights stay in the library; this saves a copy you can take elsewhere.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @property
    def format(self) -> str:
        return CHOICES[self._formats.checkedId()][0]

    @property
    def with_clips(self) -> bool:
        options = self.clip_options
        return options is not None and options.isEnabled() and options.isChecked()

    @property
    def all(self) -> bool:
        return self.all_episodes.isChecked()

    def choose(self, fmt: str, all_episodes: bool) -> None:
        """Preselect (tests, and the next export remembering the last one)."""
        self._formats.button([key for key, _ in CHOICES].index(fmt)).setChecked(True)
        (self.all_episodes if all_episodes else self.this_episode).setChecked(True)
