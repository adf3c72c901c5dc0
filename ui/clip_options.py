"""The export dialog's "Audio clips" box: clips beside a Markdown note,
in which format, with how much padding around each highlight."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QWidget

from reader.clips import CLIP_FORMATS


class ClipOptions(QGroupBox):
    def __init__(self, settings, parent: QWidget | None = None) -> None:
        """``settings``: a reader.export.clips.ClipSettings to start from."""
        super().__init__("Audio clips beside the note (attachments folder)", parent)
        self.setObjectName("clip_options")
        self.setCheckable(True)
        self.setChecked(False)
        self._settings = settings
        self.format_box = QComboBox(self)
        for key, clip in CLIP_FORMATS.items():
            self.format_box.addItem(clip.label, key)
        self.format_box.setCurrentIndex(max(self.format_box.findData(settings.fmt), 0))
        self.padding = QDoubleSpinBox(self)
        self.padding.setRange(0.0, 10.0)
        self.padding.setSingleStep(0.25)
        self.padding.setDecimals(2)
        self.padding.setSuffix(" s")
        self.padding.setValue(settings.padding_ms / 1000)
        self.bookmark_length = QDoubleSpinBox(self)
        self.bookmark_length.setRange(1.0, 600.0)
        self.bookmark_length.setDecimals(0)
        self.bookmark_length.setSuffix(" s")
        self.bookmark_length.setValue(settings.bookmark_ms / 1000)
        form = QFormLayout(self)
        form.addRow("Format:", self.format_box)
        form.addRow("Padding around each highlight:", self.padding)
        form.addRow("Length of a bookmark's clip:", self.bookmark_length)
        hint = QLabel("Obsidian plays each clip under its quote. Exporting again reuses them.", self)
        hint.setWordWrap(True)
        form.addRow(hint)

    @property
    def settings(self):
        """The choices as a ClipSettings (to remember for next time)."""
        return self._settings._replace(
            fmt=self.format_box.currentData(),
            padding_ms=int(round(self.padding.value() * 1000)),
            bookmark_ms=int(round(self.bookmark_length.value() * 1000)),
        )

    def set_available(self, markdown: bool) -> None:
        """Clips go with the Markdown note only."""
        self.setEnabled(markdown)
