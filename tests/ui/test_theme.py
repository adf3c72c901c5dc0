"""Colours: every mark is told apart from every other, and all text on every
background passes WCAG AA (4.5:1), in the light and the dark theme."""

from __future__ import annotations

import itertools
import math

import pytest

from ui.theme import DARK, HIGHLIGHT_COLOURS, LIGHT, Theme

AA = 4.5
#: CIE76 distance below which two fills read as "the same colour" at a glance.
DISTINCT = 15.0
CHROMATIC, SAME_HUE, LIGHTNESS_GAP = 15.0, 25.0, 20.0


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(_linear(int(colour[i : i + 2], 16) / 255) for i in (0, 2, 4))


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(colour: str) -> float:
        r, g, b = _rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65)."""
    r, g, b = _rgb(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str) -> float:
    """CIE76 ΔE."""
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def confusable(a: str, b: str) -> bool:
    """Two fills a reader mixes up at a glance: close overall, or of the same
    hue (both clearly coloured, hues within 25°) and nearly the same lightness,
    like a yellow highlight on a yellow turn."""
    if distance(a, b) < DISTINCT:
        return True
    (la, aa, ba), (lb, ab, bb) = lab(a), lab(b)
    if math.hypot(aa, ba) < CHROMATIC or math.hypot(ab, bb) < CHROMATIC:
        return False
    hue_gap = abs(math.degrees(math.atan2(ba, aa)) - math.degrees(math.atan2(bb, ab))) % 360
    return min(hue_gap, 360 - hue_gap) < SAME_HUE and abs(la - lb) < LIGHTNESS_GAP


def _highlights(theme: Theme) -> dict[str, str]:
    return {name: swatch.dark if theme.dark else swatch.light for name, swatch in HIGHLIGHT_COLOURS.items()}


def _marks(theme: Theme) -> dict[str, str]:
    """Every fill the transcript can show, by what it means."""
    return {
        "current turn": theme.current_turn,
        "spoken word": theme.reading_cursor,
        "find match": theme.find_match,
        "current find match": theme.find_current,
        **{f"{name} highlight": colour for name, colour in _highlights(theme).items()},
    }


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_mark_is_told_apart_from_every_other_and_from_the_page(theme):
    fills = {"page": theme.paper, **_marks(theme)}
    close = [
        (a, b)
        for a, b in itertools.combinations(fills, 2)
        if confusable(fills[a], fills[b]) and {a, b} != {"page", "current turn"}
    ]
    assert close == []


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_spoken_turn_differs_from_the_page_by_its_tint_and_a_bar(theme):
    assert distance(theme.current_turn, theme.paper) >= 5
    assert contrast(theme.turn_bar, theme.current_turn) >= 3  # WCAG AA for a graphical mark


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_all_text_passes_wcag_aa_on_every_background(theme):
    plain_backgrounds = [theme.paper, theme.current_turn, theme.find_match, *_highlights(theme).values()]
    texts = [theme.ink, theme.heading, *theme.speakers]
    failing = [
        (text, background, round(contrast(text, background), 2))
        for text in texts
        for background in [theme.paper, theme.current_turn]
        if contrast(text, background) < AA
    ]
    failing += [
        (theme.ink, b, round(contrast(theme.ink, b), 2)) for b in plain_backgrounds if contrast(theme.ink, b) < AA
    ]
    for ink, background in ((theme.reading_ink, theme.reading_cursor), (theme.find_current_ink, theme.find_current)):
        if contrast(ink, background) < AA:
            failing.append((ink, background, round(contrast(ink, background), 2)))
    for muted in (theme.muted, theme.stamp):
        failing += [
            (muted, b, round(contrast(muted, b), 2))
            for b in (theme.paper, theme.current_turn)
            if contrast(muted, b) < AA
        ]
    assert failing == []


def test_the_old_yellow_on_yellow_would_have_failed():
    """The check is strict enough to catch what a reader saw: a yellow highlight
    on the yellow spoken turn, and a spoken word in the yellow highlight's hue."""
    assert confusable("#fde68a", "#fff1c2")  # yellow highlight, spoken turn
    assert confusable("#f5c542", "#fde68a")  # spoken word, yellow highlight
    assert confusable("#c7d2fe", "#bfdbfe")  # find match, blue highlight
