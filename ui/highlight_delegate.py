"""How one kept item looks in the highlights panel, and the roles it is read through.

The roles rows are read through live in ``ui.kept_roles``, which the model
imports without this module: the list and its delegate are built after the
window's first paint.
Rows have different heights (a quote wraps to three lines, a bookmark is two
short lines), so every size and every paint goes through one layout function,
:meth:`HighlightDelegate.blocks`: what is measured is what is drawn.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPolygonF, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.kept_roles import (
    BOOKMARK,
    HIGHLIGHT,
    ClockRole,
    ColourRole,
    DetachedRole,
    KindRole,
    NoteRole,
    SpeakersRole,
)
from ui.qt_types import ModelIndex
from ui.theme import Theme, highlight_colour, reading_font

NOTE_HINT = "Add a note…"
EDITOR_HINT = "Write a note. Ctrl+Enter saves, Esc cancels."
DETACHED_LABEL = "detached"
QUOTE_POINT_SIZE = 11.0
QUOTE_LINES, NOTE_LINES, EDITOR_LINES = 3, 4, 3
_PAD_X, _PAD_Y, _BAR_X, _BAR_W, _BAR_GAP, _GAP = 8, 9, 6, 4, 10, 3
_GLYPH_W = 12  # the bookmark ribbon and the space after it
_EDITOR_FRAME = 4  # the editor's border and padding, above and below its lines


def bar_colour(name: str | None, dark: bool) -> QColor:
    """The swatch moved 15% in lightness towards the text colour (HSL keeps it
    vivid, where QColor.darker turns yellow to khaki), so a 4 px bar of a pale
    swatch still reads on paper."""
    swatch = highlight_colour(name, dark)
    hue, saturation, lightness = swatch.hslHueF(), swatch.hslSaturationF(), swatch.lightnessF()
    lightness = min(lightness + 0.15, 1.0) if dark else max(lightness - 0.15, 0.0)
    return QColor.fromHslF(max(hue, 0.0), saturation, lightness)


def tint(colour: str | QColor, alpha: int) -> QColor:
    tinted = QColor(colour)
    tinted.setAlpha(alpha)
    return tinted


def wrap_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels, at most ``max_lines`` lines, the last
    elided with "…" when text remains. Line breaks in ``text`` are kept (notes
    are typed with them) but blank lines and runs of spaces are not (quotes
    span turns, and a list has no room for empty rows)."""
    width = max(width, 1)
    paragraphs = [" ".join(part.split()) for part in text.split("\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph] or [""]  # blank lines cost rows
    lines: list[str] = []
    starts: list[tuple[int, int]] = []  # (paragraph, offset) where each kept line starts
    for number, paragraph in enumerate(paragraphs):
        for start, length in _line_spans(paragraph, font, width, max_lines - len(lines) + 1):
            if len(lines) == max_lines:
                last_paragraph, last_start = starts[-1]
                rest = " ".join([paragraphs[last_paragraph][last_start:], *paragraphs[last_paragraph + 1 :]])
                lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
                return lines
            starts.append((number, start))
            lines.append(paragraph[start : start + length].rstrip())
    return lines


def _line_spans(text: str, font: QFont, width: int, limit: int) -> list[tuple[int, int]]:
    """(start, length) of the first ``limit`` wrapped lines; an empty paragraph is one empty line."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) < limit:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans or [(0, 0)]


class Block(namedtuple("Block", "name font colour lines")):
    """One stacked piece of a row: "quote", "meta", "note", "hint" or "editor"."""

    __slots__ = ()

    def height(self) -> int:
        return QFontMetrics(self.font).lineSpacing() * len(self.lines)


class NoteEditor(QPlainTextEdit):
    """The in-place note editor: Enter starts a new line, Ctrl+Enter, Tab and
    clicking away save, Esc cancels (the delegate's event filter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(EDITOR_HINT)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Note")


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._theme = theme
        self._quote_font = reading_font(QUOTE_POINT_SIZE)
        self._editing = QPersistentModelIndex()
        self._editor: NoteEditor | None = None
        self._sizes: dict[tuple, int] = {}
        self._confirming = False
        # Asked before Esc throws typed text away; tests put an answer here.
        self.confirm_discard: Callable[[QWidget], bool] = ask_to_discard

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._sizes.clear()

    # -- layout --------------------------------------------------------------

    def fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        """(quote, meta, note): the quote in the reading font, the rest in the UI font."""
        meta = QFont(base)
        meta.setPointSizeF(max(base.pointSizeF() - 1, 7.0))
        note = QFont(base)
        note.setItalic(True)
        return self._quote_font, meta, note

    def text_width(self, row_width: int) -> int:
        return row_width - (_BAR_X + _BAR_W + _BAR_GAP) - _PAD_X

    def blocks(self, base: QFont, index: ModelIndex, row_width: int, selected: bool) -> list[Block]:
        """What a row shows, top to bottom, wrapped to ``row_width``."""
        theme, width = self._theme, self.text_width(row_width)
        quote_font, meta_font, note_font = self.fonts(base)
        muted = QColor(theme.muted)
        ink = muted if index.data(DetachedRole) else QColor(theme.ink)
        blocks: list[Block] = []
        if index.data(KindRole) == HIGHLIGHT:
            blocks.append(
                Block("quote", quote_font, ink, wrap_lines(index.data() or "", quote_font, width, QUOTE_LINES))
            )
        blocks.append(Block("meta", meta_font, muted, [_meta_text(index)]))
        note = index.data(NoteRole) or ""
        if self.is_editing(index):
            editor_height = QFontMetrics(note_font).lineSpacing() * EDITOR_LINES + 2 * _EDITOR_FRAME
            lines = [""] * -(-editor_height // QFontMetrics(note_font).lineSpacing())
            blocks.append(Block("editor", note_font, ink, lines))
        elif note:
            blocks.append(Block("note", note_font, ink, wrap_lines(note, note_font, width, NOTE_LINES)))
        elif selected:
            blocks.append(Block("hint", note_font, tint(theme.muted, 150), [NOTE_HINT]))
        return blocks

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802 (Qt API)
        """Remembered per row content and width: the list asks for every row's
        size whenever a row is added, and wrapping text costs ~0.2 ms a row."""
        width, selected = self._row_width(option), self._is_selected(index)
        editing = self.is_editing(index)
        item_at = getattr(index.model(), "item", None)
        item = item_at(index.row()) if item_at is not None else None
        # The meta line never wraps, so the item itself (quote, note, detached)
        # and the row's state decide the height.
        key = (item, width, selected, editing) if item is not None else None
        height = self._sizes.get(key) if key is not None else None
        if height is None:
            blocks = self.blocks(option.font, index, width, selected)
            height = sum(block.height() for block in blocks) + _GAP * (len(blocks) - 1) + 2 * _PAD_Y
            if len(self._sizes) > 20_000:
                self._sizes.clear()
            if key is not None:
                self._sizes[key] = height
        return QSize(width, height)

    def _row_width(self, option: QStyleOptionViewItem) -> int:
        """The viewport's width: QListView asks for a size before it gives a rect."""
        return self._view.viewport().width() or option.rect.width()

    def _is_selected(self, index: ModelIndex) -> bool:
        """Selection changes the height (the note hint), so sizeHint must know it."""
        selection = self._view.selectionModel()
        return selection is not None and selection.isSelected(index)

    # -- painting ------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        theme, rect, state = self._theme, option.rect, option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if selected:
            painter.fillRect(rect, tint(theme.ink, 22))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, tint(theme.ink, 10))
        painter.fillRect(QRect(rect.left(), rect.bottom(), rect.width(), 1), tint(theme.ink, 20))
        if state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_KeyboardFocusChange:
            painter.setPen(tint(theme.ink, 90))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        self._paint_bar(painter, rect, index)
        left = rect.left() + _BAR_X + _BAR_W + _BAR_GAP
        y = rect.top() + _PAD_Y
        for block in self.blocks(option.font, index, rect.width(), selected):
            self._paint_block(painter, block, QRect(left, y, self.text_width(rect.width()), block.height()), index)
            y += block.height() + _GAP
        painter.restore()

    def _paint_bar(self, painter: QPainter, rect: QRect, index: ModelIndex) -> None:
        """The highlight's colour, strengthened a little so a pale swatch still
        reads as a bar on paper; neutral for bookmarks and detached quotes."""
        theme = self._theme
        if index.data(KindRole) == BOOKMARK or index.data(DetachedRole):
            colour = tint(theme.muted, 110)
        else:
            colour = bar_colour(index.data(ColourRole), theme.dark)
        bar = QRect(rect.left() + _BAR_X, rect.top() + _PAD_Y - 2, _BAR_W, rect.height() - 2 * _PAD_Y + 4)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(bar, 1.5, 1.5)
        painter.restore()

    def _paint_block(self, painter: QPainter, block: Block, area: QRect, index: ModelIndex) -> None:
        if block.name == "editor":
            return  # the editor widget sits here
        painter.setFont(block.font)
        painter.setPen(block.colour)
        line_height = QFontMetrics(block.font).lineSpacing()
        left = area.left()
        if block.name == "meta" and index.data(KindRole) == BOOKMARK:
            self._paint_ribbon(painter, QRect(left, area.top(), _GLYPH_W, line_height), block.colour)
            left += _GLYPH_W
        for number, line in enumerate(block.lines):
            line_rect = QRect(left, area.top() + number * line_height, area.right() - left, line_height)
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        if block.name == "meta" and index.data(DetachedRole):
            self._paint_detached_label(painter, area, block.font)

    def _paint_ribbon(self, painter: QPainter, cell: QRect, colour: QColor) -> None:
        """A bookmark ribbon, drawn rather than taken from a font so it looks the same everywhere."""
        w, h = 7.0, min(10.0, cell.height() - 4.0)
        x, y = cell.left() + 0.5, cell.center().y() - h / 2 + 0.5
        ribbon = QPolygonF(
            [QPointF(x, y), QPointF(x + w, y), QPointF(x + w, y + h), QPointF(x + w / 2, y + h - 3), QPointF(x, y + h)]
        )
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(ribbon)
        painter.restore()

    def _paint_detached_label(self, painter: QPainter, area: QRect, meta_font: QFont) -> None:
        font = QFont(meta_font)
        font.setPointSizeF(max(meta_font.pointSizeF() - 1, 6.5))
        metrics = QFontMetrics(font)
        width, height = metrics.horizontalAdvance(DETACHED_LABEL) + 10, metrics.height() + 2
        line_height = QFontMetrics(meta_font).lineSpacing()
        pill = QRect(area.right() - width, area.top() + (line_height - height) // 2, width, height)
        painter.setFont(font)
        painter.setPen(tint(self._theme.muted, 200))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, DETACHED_LABEL)

    # -- editing the note ------------------------------------------------------

    def is_editing(self, index: ModelIndex) -> bool:
        return self._editing.isValid() and self._editing == index

    def editing_index(self) -> QModelIndex:
        """The row whose note is open in the editor; invalid when none is."""
        editing = self._editing
        return editing.model().index(editing.row(), editing.column()) if editing.isValid() else QModelIndex()

    def editor(self) -> NoteEditor | None:
        """The open note editor, if any (the panel keeps its draft across a refresh)."""
        return self._editor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:  # noqa: N802
        editor = NoteEditor(parent)
        editor.setFont(self.fonts(option.font)[2])
        editor.setStyleSheet(
            f"QPlainTextEdit {{ background: {self._theme.paper}; color: {self._theme.ink};"
            f" border: 1px solid {self._theme.muted}; border-radius: 3px; padding: 1px 2px; }}"
        )
        self._editor, self._editing = editor, QPersistentModelIndex(index)
        self.sizeHintChanged.emit(index)  # the row grows to make room for the editor
        return editor

    def destroyEditor(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802 (Qt API)
        if editor is self._editor:
            self._editor, self._editing = None, QPersistentModelIndex()
            if index.isValid():
                self.sizeHintChanged.emit(index)
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802 (Qt API)
        """Load the note, unless the reader has typed: Qt 6 reloads open editors
        whenever their row changes, and a refresh must never eat a draft."""
        if not isinstance(editor, NoteEditor):
            return super().setEditorData(editor, index)
        if editor.document().isModified():
            return
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index: ModelIndex) -> None:  # noqa: N802 (Qt API)
        if isinstance(editor, NoteEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> None:  # noqa: N802
        """Over the note's place in the row, which is sized for it while editing."""
        rect, y = option.rect, option.rect.top() + _PAD_Y
        for block in self.blocks(option.font, index, rect.width(), True):
            if block.name == "editor":
                left = rect.left() + _BAR_X + _BAR_W + _BAR_GAP
                editor.setGeometry(QRect(left - 3, y, self.text_width(rect.width()) + 3, block.height()))
                return
            y += block.height() + _GAP

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Notes are written in lines: Enter is a new line (Qt's default for a
        text editor), Ctrl+Enter saves, and so do Tab and clicking away. Esc
        cancels, but asks first when the reader has typed something, so a
        paragraph is never lost to one stray key."""
        if not isinstance(editor, NoteEditor):
            return super().eventFilter(editor, event)
        if self._confirming and event.type() in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            return False  # the question took focus; the note is still being written
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, modifiers = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers & Qt.KeyboardModifier.ControlModifier:
                self._finish(editor, save=True)
                return True
            if key == Qt.Key.Key_Escape:
                if not self._has_unsaved_text(editor) or self._ask_to_discard(editor):
                    self._finish(editor, save=False)
                return True
        return super().eventFilter(editor, event)

    def _finish(self, editor: NoteEditor, save: bool) -> None:
        if save:
            self.commitData.emit(editor)
        hint = (
            QAbstractItemDelegate.EndEditHint.SubmitModelCache
            if save
            else QAbstractItemDelegate.EndEditHint.RevertModelCache
        )
        self.closeEditor.emit(editor, hint)

    def _has_unsaved_text(self, editor: NoteEditor) -> bool:
        index = self.editing_index()
        saved = index.data(Qt.ItemDataRole.EditRole) or "" if index.isValid() else ""
        return editor.toPlainText().strip() != saved.strip()

    def _ask_to_discard(self, editor: NoteEditor) -> bool:
        self._confirming = True
        try:
            return self.confirm_discard(editor)
        finally:
            self._confirming = False
            editor.setFocus()


def ask_to_discard(parent: QWidget) -> bool:
    """The question Esc asks about a note with unsaved text; True discards it."""
    answer = QMessageBox.question(
        parent,
        "Discard Note?",
        "Discard the note you typed? Press Ctrl+Enter instead to save it.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def _meta_text(index: ModelIndex) -> str:
    """ "Dean Ball · 12:34", or "Bookmark · 12:34"; just the time when no speaker is known."""
    clock = index.data(ClockRole) or ""
    first = "Bookmark" if index.data(KindRole) == BOOKMARK else index.data(SpeakersRole)
    return f"{first} · {clock}" if first else clock
