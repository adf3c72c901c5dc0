"""A highlight's time as heard: its words in the transcript shown now, through the map with the corrections."""

from __future__ import annotations

from reader.heard import HeardTimes
from reader.keep import Anchor, Highlight
from reader.model import Span, Transcript, Turn
from reader.timemap import TimeMap

#: Text time 10 s is heard at 70 s: a one-minute ad before the second turn.
AD_MAP = TimeMap().with_point(9_000, 9_000).with_point(9_001, 69_000)


def transcript() -> Transcript:
    turns = (
        Turn("Ana", 0, 10_000, True, "Hello there."),
        Turn("Ben", 10_000, 20_000, True, "Thanks a lot.", (Span(0, 10_500, 10_900), Span(7, 11_000, 11_400))),
    )
    return Transcript(title="t", turns=turns, chapters=(), timing="word", format="test")


def highlight(detached: bool = False) -> Highlight:
    anchor = Anchor(1, 7, 1, 12, "a lot", "Thanks ", ".", 4_000, 4_500)  # times from before alignment
    return Highlight(1, 1, anchor, ("Ben",), "yellow", "", "", "", detached)


def test_a_highlight_is_heard_where_its_words_are_now_not_where_they_were_when_it_was_made():
    heard = HeardTimes(1, transcript(), AD_MAP)
    start, end = heard.text_span(highlight().anchor)
    assert start == 11_000 and 11_000 < end <= 11_400  # "a lot", as aligned
    assert heard.audio_span(highlight().anchor) == (71_000 - 1, end + 60_000 - 1)
    assert heard.heard_highlight(highlight()).anchor.start_ms == 70_999


def test_a_detached_highlight_keeps_the_time_it_recorded():
    heard = HeardTimes(1, transcript(), TimeMap())
    assert heard.audio_span(highlight(detached=True).anchor, detached=True) == (4_000, 4_500)
    assert not heard.covers(2) and heard.covers(1)
