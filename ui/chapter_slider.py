"""The position slider: milliseconds, chapter ticks, and seeking that never fights the user.

A stock QSlider pages by a step when the groove is clicked and jumps back
whenever the player reports a position mid-drag.  Listeners of a podcast
expect neither: a click should land where they clicked, and the handle should
stay under their finger until they let go.  Seeking is therefore reported
through ``seek_requested`` only for user actions, never for ``set_position``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QToolTip, QWidget

from reader.model import Chapter
from reader.timecode import HOUR_MS, EpisodeClock, format_clock

#: QSlider values are C ints; this is about 596 hours, far beyond any episode.
MAX_DURATION_MS = 2**31 - 1
#: How close (in pixels) the mouse must be to a tick to name its chapter.
TICK_HOVER_PX = 5
#: Live seeks while dragging are throttled so a slow backend is not flooded.
DRAG_SEEK_INTERVAL_MS = 150


def tick_positions(chapters: Sequence[Chapter], duration_ms: int, groove_width: int) -> list[int]:
    """Pixel offsets (0..groove_width) of the chapter starts worth marking.

    Chapters at or before the start and at or after the end are skipped: a
    tick on the groove's edge tells the listener nothing.  Kept free of any
    widget so the arithmetic can be tested without painting.
    """
    if duration_ms <= 0 or groove_width <= 0:
        return []
    return [
        (chapter.start_ms * groove_width + duration_ms // 2) // duration_ms
        for chapter in chapters
        if 0 < chapter.start_ms < duration_ms
    ]


class ChapterSlider(QSlider):
    """Horizontal slider over ``0..duration`` ms with chapter ticks and click-to-seek."""

    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._chapters: list[Chapter] = []
        self._clock: EpisodeClock | None = None  # until the window decides: the audio's length
        self.setRange(0, 0)
        self.setSingleStep(5_000)
        self.setPageStep(30_000)
        self._drag_timer = QTimer(self, singleShot=True, interval=DRAG_SEEK_INTERVAL_MS)
        self._drag_timer.timeout.connect(self._seek_while_dragging)
        self.sliderMoved.connect(self._on_slider_moved)
        self.sliderReleased.connect(self._on_slider_released)

    # -- public API ------------------------------------------------------------
    def set_duration(self, duration_ms: int) -> None:
        self.setRange(0, min(max(duration_ms, 0), MAX_DURATION_MS))
        self.update()

    def duration_ms(self) -> int:
        return self.maximum()

    def set_chapters(self, chapters: Sequence[Chapter]) -> None:
        self._chapters = sorted(chapters, key=lambda chapter: chapter.start_ms)
        self.update()

    def chapters(self) -> list[Chapter]:
        return list(self._chapters)

    def set_position(self, ms: int) -> None:
        """Follow the player, except while the user holds the handle."""
        if not self.isSliderDown():
            self.setValue(ms)

    def set_clock(self, clock: EpisodeClock) -> None:
        """How the episode writes times, decided once for the whole window."""
        self._clock = clock

    def hours(self) -> bool:
        """Whether times on this slider have an hour field (episodes of an hour or more)."""
        return self._clock.hours if self._clock is not None else self.maximum() >= HOUR_MS

    def tick_xs(self) -> list[int]:
        """Widget x coordinates of the chapter ticks at the current size."""
        left, span = self._track()
        return [left + x for x in tick_positions(self._chapters, self.maximum(), span)]

    def value_at(self, x: int) -> int:
        """The position in ms under widget x, clamped to the range."""
        left, span = self._track()
        return QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x - left, max(span, 1))

    def tooltip_at(self, x: int) -> str:
        """The chapter whose tick is near x, else the time under x."""
        if self.maximum() <= 0:
            return ""
        hours = self.hours()
        tickable = [c for c in self._chapters if 0 < c.start_ms < self.maximum()]
        ticks = zip(self.tick_xs(), tickable, strict=False)
        near = [(abs(tx - x), c) for tx, c in ticks if abs(tx - x) <= TICK_HOVER_PX]
        if near:
            chapter = min(near, key=lambda pair: pair[0])[1]
            return f"{chapter.title} — {format_clock(chapter.start_ms, hours=hours)}"
        return format_clock(self.value_at(x), hours=hours)

    # -- geometry ----------------------------------------------------------------
    def _style_option(self) -> QStyleOptionSlider:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return option

    def _sub_rect(self, control: QStyle.SubControl) -> QRect:
        return self.style().subControlRect(QStyle.ComplexControl.CC_Slider, self._style_option(), control, self)

    def _track(self) -> tuple[int, int]:
        """Left x and width of the path the handle's centre travels along.

        Ticks and clicks are measured on this path rather than the whole
        groove, so a tick sits exactly where the handle centre would be.
        """
        groove = self._sub_rect(QStyle.SubControl.SC_SliderGroove)
        handle = self._sub_rect(QStyle.SubControl.SC_SliderHandle)
        return groove.left() + handle.width() // 2, groove.width() - handle.width()

    # -- painting ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """Groove, then ticks, then handle: ticks must never cover the handle."""
        option = self._style_option()
        painter = QPainter(self)
        style = self.style()
        option.subControls = QStyle.SubControl.SC_SliderGroove
        style.drawComplexControl(QStyle.ComplexControl.CC_Slider, option, painter, self)
        self._paint_ticks(painter)
        option.subControls = QStyle.SubControl.SC_SliderHandle
        style.drawComplexControl(QStyle.ComplexControl.CC_Slider, option, painter, self)
        painter.end()

    def _paint_ticks(self, painter: QPainter) -> None:
        xs = self.tick_xs()
        if not xs:
            return
        groove = self._sub_rect(QStyle.SubControl.SC_SliderGroove)
        centre = groove.center().y()
        half = max(groove.height() // 2, 3) + 2
        colour = QColor(self.palette().color(self.foregroundRole()))
        colour.setAlpha(150 if self.isEnabled() else 70)
        for x in xs:
            painter.fillRect(QRect(x - 1, centre - half, 2, 2 * half), colour)

    # -- input -------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left click on the groove moves the handle there, then drags as usual."""
        if event.button() == Qt.MouseButton.LeftButton and not self._on_handle(event.position().toPoint()):
            self.setValue(self.value_at(event.position().toPoint().x()))
        super().mousePressEvent(event)

    def _on_handle(self, point: QPoint) -> bool:
        hit = self.style().hitTestComplexControl(QStyle.ComplexControl.CC_Slider, self._style_option(), point, self)
        return hit == QStyle.SubControl.SC_SliderHandle

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys move the handle only when the slider has focus; they seek too."""
        before = self.value()
        super().keyPressEvent(event)
        if self.value() != before:
            self.seek_requested.emit(self.value())

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling past the bar must not lose the listener's place."""
        event.ignore()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.isEnabled():
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(event.pos().x())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _on_slider_moved(self, _value: int) -> None:
        if not self._drag_timer.isActive():
            self._drag_timer.start()

    def _seek_while_dragging(self) -> None:
        if self.isSliderDown():
            self.seek_requested.emit(self.sliderPosition())

    def _on_slider_released(self) -> None:
        self._drag_timer.stop()
        self.seek_requested.emit(self.value())
