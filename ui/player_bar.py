"""The player bar: transport, position, speed and volume in one row.

It is the player's own UI, so it calls the ``Player`` directly; the app only
wires shortcuts to its public slots and remembers the rate it reports.  It
stores no settings.  Position reports arrive every ~50 ms, so the bar redraws
only when the displayed second changes, and the time labels have a fixed
width so the row never relays out while playing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSlider, QStyle, QToolButton, QWidget

from reader.model import Chapter
from reader.timecode import EpisodeClock, format_clock
from reader.timemap import TimeMap
from ui.after_paint import after_next_paint
from ui.chapter_slider import ChapterSlider
from ui.plain_text import plain_tooltip
from ui.player.base import Player, PlayerState

RATES = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
BACK_MS = 15_000
FORWARD_MS = 30_000
#: The seek bar keeps room to aim at a moment, at the narrowest window.
SLIDER_MIN_WIDTH = 140


def rate_label(rate: float) -> str:
    """``1×``, ``1.25×``: no trailing zeros, as speeds are usually written."""
    return f"{rate:g}×"


def next_rate(rate: float, step: int) -> float:
    """The listed rate after (step=1) or before (step=-1) ``rate``; clamps at the ends.

    Works from any rate, listed or not, so a remembered 1.3× steps to 1.5×.
    """
    if step > 0:
        return next((r for r in RATES if r > rate + 1e-9), RATES[-1])
    return next((r for r in reversed(RATES) if r < rate - 1e-9), RATES[0])


def _tabular_font(base: QFont) -> QFont:
    """Digits of equal width, so the clock does not wobble as it counts."""
    font = QFont(base)
    font.setFeature(QFont.Tag.fromString("tnum"), 1)
    return font


def tinted_icon(icon: QIcon, normal: QColor, disabled: QColor, size: QSize) -> QIcon:
    """``icon`` redrawn in the text colour of the theme: the style's media
    icons are drawn dark, which a dark theme would leave nearly invisible.
    Drawn at the one size its button shows (each size costs a few pixmaps
    before the window's first paint)."""
    tinted = QIcon()
    source = icon.pixmap(size)
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        pixmap = QPixmap(source)
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), colour)
        painter.end()
        tinted.addPixmap(pixmap, mode)
    return tinted


class PlayerBar(QWidget):
    """One row of playback controls bound to a ``Player`` it does not own."""

    rate_changed = Signal(float)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._shown_second = -1
        self._chapters: list[Chapter] = []
        self._time_map = TimeMap()
        #: The standard icon each button shows, to redraw when the theme changes.
        self._icons: dict[QToolButton, QStyle.StandardPixmap] = {}
        #: Icons are tinted once the bar has first painted: drawing the pixmaps
        #: took 15-25 ms of the window's first paint, and the first frame shows
        #: the style's own icons, drawn dark, which a light theme hardly changes.
        self._tinting = self._tint_pending = False
        self._build()
        self._connect()
        self.sync_from_player()
        self.set_enabled_for_media(False)

    # -- construction ------------------------------------------------------------
    def _button(
        self, tooltip: str, icon: QStyle.StandardPixmap | None = None, text: str = "", icon_size: int = 0
    ) -> QToolButton:
        """Skip buttons show their seconds beside the icon, as the jumps are uneven."""
        button = QToolButton(self)
        if icon_size:
            button.setIconSize(QSize(icon_size, icon_size))
        button.setAutoRaise(True)
        button.setToolTip(tooltip)
        # Tab still reaches it, but a click leaves keyboard focus in the transcript.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if icon is not None:
            self._set_icon(button, icon)
        if text:
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _set_icon(self, button: QToolButton, pixmap: QStyle.StandardPixmap, redraw: bool = False) -> None:
        """``redraw``: in new colours, though the icon shown is the same."""
        if self._icons.get(button) == pixmap and not redraw:
            return
        self._icons[button] = pixmap
        standard = self.style().standardIcon(pixmap, None, self)
        if not self._tinting:
            button.setIcon(standard)
            return
        palette = self.palette()
        button.setIcon(
            tinted_icon(
                standard,
                palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText),
                palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
                button.iconSize(),
            )
        )

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not (self._tinting or self._tint_pending):
            self._tint_pending = True
            after_next_paint(self, self._tint_icons)

    def _tint_icons(self) -> None:
        self._tinting = True
        self._retint()

    def _retint(self) -> None:
        for button, pixmap in list(self._icons.items()):
            self._set_icon(button, pixmap, redraw=True)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """View → Theme changes the palette: the icons follow it."""
        super().changeEvent(event)
        if event.type() in (event.Type.PaletteChange, event.Type.StyleChange):
            self._retint()

    def _build(self) -> None:
        style = QStyle.StandardPixmap
        self.play_button = self._button("Play (Space)", style.SP_MediaPlay, icon_size=22)
        self.previous_chapter_button = self._button("Previous chapter (Ctrl+←)", style.SP_MediaSkipBackward)
        self.next_chapter_button = self._button("Next chapter (Ctrl+→)", style.SP_MediaSkipForward)
        self.previous_chapter_button.hide()  # shown once the episode has chapters
        self.next_chapter_button.hide()
        self.back_button = self._button("Back 15 s (←)", style.SP_MediaSeekBackward, "15")
        self.forward_button = self._button("Forward 30 s (→)", style.SP_MediaSeekForward, "30")
        self.elapsed_label = self._time_label(Qt.AlignmentFlag.AlignRight)
        self.slider = ChapterSlider(self)
        self.slider.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)  # never shrinks to its handle
        self.remaining_label = self._time_label(Qt.AlignmentFlag.AlignLeft)
        self.speed_button = self._speed_button()
        self.mute_button = self._button("Mute", style.SP_MediaVolume)
        self.mute_button.setCheckable(True)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setMinimumWidth(48)
        self.volume_slider.setMaximumWidth(90)
        self.volume_slider.setToolTip("Volume")
        self.volume_slider.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._lay_out()

    def _time_label(self, alignment: Qt.AlignmentFlag) -> QLabel:
        label = QLabel(self)
        label.setFont(_tabular_font(label.font()))
        label.setAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _speed_button(self) -> QToolButton:
        button = self._button("Playback speed ([ slower, ] faster)")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFont(_tabular_font(button.font()))
        menu = QMenu(button)
        self._rate_group = QActionGroup(button)
        for rate in RATES:
            action = menu.addAction(rate_label(rate))
            action.setCheckable(True)
            action.setData(rate)
            self._rate_group.addAction(action)
        button.setMenu(menu)
        widest = max(button.fontMetrics().horizontalAdvance(rate_label(r)) for r in RATES)
        button.setMinimumWidth(widest + 24)
        return button

    def _lay_out(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(4)
        transport = (
            self.previous_chapter_button,
            self.play_button,
            self.next_chapter_button,
            6,
            self.back_button,
            self.forward_button,
            10,
        )
        position = (self.elapsed_label, self.slider, self.remaining_label, 10)
        for item in (*transport, *position, self.speed_button, 6, self.mute_button, self.volume_slider):
            if isinstance(item, int):
                row.addSpacing(item)
            else:
                row.addWidget(item, 1 if item is self.slider else 0)

    def _connect(self) -> None:
        player = self._player
        player.state_changed.connect(self._show_state)
        player.position_changed.connect(self._show_position)
        player.seeked.connect(self._show_position)
        player.duration_changed.connect(self._show_duration)
        player.media_loaded.connect(lambda _path: self.set_enabled_for_media(True))
        self.play_button.clicked.connect(player.toggle)
        self.back_button.clicked.connect(self.skip_back)
        self.forward_button.clicked.connect(self.skip_forward)
        self.slider.seek_requested.connect(player.seek)
        self.slider.sliderMoved.connect(self._show_times)
        self._rate_group.triggered.connect(lambda action: self.set_rate(float(action.data())))
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.volume_slider.valueChanged.connect(self._on_volume_moved)

    # -- public API ----------------------------------------------------------------
    def sync_from_player(self) -> None:
        """Re-read everything from the player, e.g. after the app restored settings."""
        self._show_state(self._player.state)
        self._show_duration(self._player.duration_ms())
        self._show_rate(self._player.rate)
        with QSignalBlocker(self.volume_slider):
            self.volume_slider.setValue(self._player.volume)
        self._show_muted(self._player.muted)

    def set_chapters(self, chapters: Sequence[Chapter]) -> None:
        """Chapter starts in transcript time; the ticks sit where each is heard
        (see :meth:`set_time_map`)."""
        self._chapters = list(chapters)
        self._place_ticks()
        for button in (self.previous_chapter_button, self.next_chapter_button):
            button.setVisible(bool(self._chapters))

    def set_time_map(self, time_map: TimeMap) -> None:
        """Sync points and the nudge move where a chapter is heard: the ticks follow."""
        self._time_map = time_map
        self._place_ticks()

    def _place_ticks(self) -> None:
        to_audio = self._time_map.to_audio
        self.slider.set_chapters([chapter._replace(start_ms=to_audio(chapter.start_ms)) for chapter in self._chapters])

    def set_enabled_for_media(self, has_media: bool) -> None:
        """Grey out, but keep, the controls when there is no audio to play.

        A new bar starts disabled and enables itself on ``media_loaded``; the app
        calls this with False when it shows a transcript that has no audio.
        """
        reason = self._player.unavailable_reason
        enabled = has_media and reason is None
        for widget in self._controls():
            widget.setEnabled(enabled)
        self.setToolTip(plain_tooltip(reason))
        if reason is not None:
            for widget in self._controls():
                widget.setToolTip(plain_tooltip(reason))

    def skip_back(self) -> None:
        self._seek_by(-BACK_MS)

    def skip_forward(self) -> None:
        self._seek_by(FORWARD_MS)

    def speed_up(self) -> None:
        self.set_rate(next_rate(self._player.rate, 1))

    def speed_down(self) -> None:
        self.set_rate(next_rate(self._player.rate, -1))

    def set_rate(self, rate: float) -> None:
        """Apply a rate; ``rate_changed`` fires only if the player's rate really changed."""
        before = self._player.rate
        self._player.set_rate(rate)
        self._show_rate(self._player.rate)
        if self._player.rate != before:
            self.rate_changed.emit(self._player.rate)

    # -- player -> view ------------------------------------------------------------
    def _controls(self) -> tuple[QWidget, ...]:
        return (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.elapsed_label,
            self.slider,
            self.remaining_label,
            self.speed_button,
            self.mute_button,
            self.volume_slider,
        )

    def _seek_by(self, delta_ms: int) -> None:
        target = max(0, self._player.position_ms() + delta_ms)
        duration = self._player.duration_ms()
        self._player.seek(min(target, duration) if duration > 0 else target)

    def _show_state(self, state: PlayerState) -> None:
        playing = state is PlayerState.Playing
        pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self._set_icon(self.play_button, pixmap)
        if self._player.unavailable_reason is None:
            self.play_button.setToolTip("Pause (Space)" if playing else "Play (Space)")

    def _show_position(self, ms: int) -> None:
        """Cheap per tick: nothing happens until the displayed second changes."""
        if self.slider.isSliderDown():
            self._shown_second = -1  # the drag owns the view; redraw on the first report after it
            return
        second = max(ms, 0) // 1000
        if second == self._shown_second:
            return
        self._shown_second = second
        self.slider.set_position(ms)
        self._show_times(ms)

    def _show_times(self, ms: int) -> None:
        """Elapsed and remaining, from the same whole second so they add up."""
        hours = self.slider.hours()
        shown = max(ms, 0) // 1000 * 1000
        duration = self.slider.duration_ms()
        self.elapsed_label.setText(format_clock(shown, hours=hours))
        left = max(duration - shown, 0)
        # Counted down in whole seconds, like elapsed: "-00:00" would be a minus sign on nothing.
        remaining = ("-" if left else "") + format_clock(left, hours=hours) if duration > 0 else "--:--"
        self.remaining_label.setText(remaining)

    def set_clock(self, clock: EpisodeClock) -> None:
        """Write times as the rest of the window does for this episode."""
        self.slider.set_clock(clock)
        self._show_duration(self.slider.duration_ms())

    def _show_duration(self, duration_ms: int) -> None:
        """Resize the time labels once per file, never while playing."""
        self.slider.set_duration(duration_ms)
        widest = "-" + "".join("0" if c.isdigit() else c for c in format_clock(duration_ms, hours=self.slider.hours()))
        for label in (self.elapsed_label, self.remaining_label):
            label.setFixedWidth(label.fontMetrics().horizontalAdvance(widest) + 4)
        self._shown_second = -1
        self._show_position(self._player.position_ms())

    def _show_rate(self, rate: float) -> None:
        self.speed_button.setText(rate_label(rate))
        for action in self._rate_group.actions():
            action.setChecked(abs(float(action.data()) - rate) < 1e-9)

    def _show_muted(self, muted: bool) -> None:
        with QSignalBlocker(self.mute_button):
            self.mute_button.setChecked(muted)
        pixmap = QStyle.StandardPixmap.SP_MediaVolumeMuted if muted else QStyle.StandardPixmap.SP_MediaVolume
        self._set_icon(self.mute_button, pixmap)
        if self._player.unavailable_reason is None:
            self.mute_button.setToolTip("Unmute" if muted else "Mute")

    # -- view -> player ------------------------------------------------------------
    def _on_mute_toggled(self, muted: bool) -> None:
        self._player.set_muted(muted)
        self._show_muted(self._player.muted)

    def _on_volume_moved(self, volume: int) -> None:
        """Moving the volume means the listener wants to hear it: unmute."""
        self._player.set_volume(volume)
        if self._player.muted:
            self._on_mute_toggled(False)
