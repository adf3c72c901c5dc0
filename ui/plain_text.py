"""Text from files (names, titles, speakers, paths) shown exactly as written.

Qt guesses whether a label's or a tooltip's text is HTML (``Qt.mightBeRichText``),
so a speaker named ``<a href='file:///etc/passwd'>Click me</a>`` became a link
and a file name with ``<img>`` an image. Labels are made plain; tooltips,
which have no plain mode, are escaped into HTML that shows the text literally;
action texts double their ``&`` so a file name's ampersand is not a shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

#: Every tooltip made from outside text starts with this, so a test can tell
#: it was escaped here.
TOOLTIP_START = "<p style='white-space:pre-wrap'>"


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally (HTML-escaped when it could be taken for markup)."""
    if not text:
        return ""
    if not might_be_rich_text(text):
        return text
    import html  # rarely needed: not loaded with the window

    return f"{TOOLTIP_START}{html.escape(text, quote=False)}</p>"


def might_be_rich_text(text: str) -> bool:
    """Whether Qt would take ``text`` for HTML in a label or tooltip."""
    return bool(QtGuiNamespace.mightBeRichText(text))


def action_text(text: str) -> str:
    """A menu entry's text with its ampersands shown, not taken for shortcuts."""
    return text.replace("&", "&&")


def plain_input_dialog(parent: QWidget, title: str, label: str) -> QInputDialog:
    """A QInputDialog whose label (which may name a speaker) is plain text;
    ``QInputDialog.getText`` would render a name like ``<a href=…>`` as a link."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    return dialog
