"""The map between transcript time and audio time: nudge, pins, tails, inverse, re-timing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Chapter, Span, Transcript, Turn
from reader.timemap import ContradictingPoint, SyncPoint, TimeMap, format_shift, retime

MINUTE = 60_000

# -- strategies ------------------------------------------------------------------

times = st.integers(min_value=-MINUTE, max_value=12 * 60 * MINUTE)
offsets = st.integers(min_value=-10 * MINUTE, max_value=10 * MINUTE)


@st.composite
def valid_points(draw, max_points: int = 8) -> list[tuple[int, int]]:
    """Pins in transcript order whose audio never goes backwards: steps in
    the text are positive, steps in the audio may be 0 (cut text), small
    (faster audio) or huge (an ad)."""
    count = draw(st.integers(min_value=0, max_value=max_points))
    t = draw(st.integers(min_value=0, max_value=10 * MINUTE))
    a = draw(st.integers(min_value=-MINUTE, max_value=10 * MINUTE))
    points = []
    for _ in range(count):
        points.append((t, a))
        t += draw(st.integers(min_value=1, max_value=60 * MINUTE))
        a += draw(st.one_of(st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=90 * MINUTE)))
    return points


@st.composite
def maps(draw) -> TimeMap:
    return TimeMap(draw(offsets), draw(valid_points()))


# -- the nudge and single pins ---------------------------------------------------


def test_no_points_is_the_identity():
    m = TimeMap()
    assert m.is_identity
    assert [m.to_audio(t) for t in (-5, 0, 1234, 36_000_000)] == [-5, 0, 1234, 36_000_000]
    assert m.to_transcript(1234) == 1234


def test_the_global_offset_alone_shifts_everything_later_in_the_audio():
    """ "Text +2.5 s": the text at 0:10 is heard at 0:12.5."""
    m = TimeMap(offset_ms=2500)
    assert m.to_audio(10_000) == 12_500
    assert m.to_transcript(12_500) == 10_000
    assert m.shift_at(0) == m.shift_at(5 * 60 * MINUTE) == 2500
    assert not m.is_identity


def test_one_point_alone_is_a_constant_shift_everywhere():
    m = TimeMap(points=[(10 * MINUTE, 10 * MINUTE + 3000)])
    assert m.to_audio(0) == 3000
    assert m.to_audio(10 * MINUTE) == 10 * MINUTE + 3000
    assert m.to_audio(300 * MINUTE) == 300 * MINUTE + 3000
    assert m.to_transcript(3000) == 0


def test_the_nudge_applies_on_top_of_the_points():
    pinned = TimeMap(points=[(0, 0), (MINUTE, 2 * MINUTE)])
    nudged = pinned.with_offset(-500)
    for t in (-MINUTE, 0, 30_000, MINUTE, 9 * MINUTE):
        assert nudged.to_audio(t) == pinned.to_audio(t) - 500
    assert nudged.heard_points == (SyncPoint(0, -500), SyncPoint(MINUTE, 2 * MINUTE - 500))


def test_a_point_added_under_a_nudge_holds_exactly_and_moves_with_later_nudges():
    m = TimeMap(offset_ms=1000).with_point(5 * MINUTE, 5 * MINUTE + 7000)
    assert m.to_audio(5 * MINUTE) == 5 * MINUTE + 7000
    assert m.points == (SyncPoint(5 * MINUTE, 5 * MINUTE + 6000),)  # stored before the nudge
    assert m.with_offset(1500).to_audio(5 * MINUTE) == 5 * MINUTE + 7500


def test_with_offset_sets_rather_than_adds_and_reset_clears_everything():
    m = TimeMap(300, [(0, 100)])
    assert m.with_offset(200).offset_ms == 200
    assert m.with_offset(m.offset_ms + 100).offset_ms == 400
    assert m.reset() == TimeMap()


# -- several pins ------------------------------------------------------------------


def test_tails_keep_the_nearest_points_shift_not_the_segment_slope():
    m = TimeMap(points=[(MINUTE, MINUTE), (2 * MINUTE, 3 * MINUTE)])  # slope 2 between
    assert m.to_audio(90_000) == 2 * MINUTE  # halfway: slope applies
    assert m.to_audio(0) == 0  # head: shift 0, not extrapolated to -1:00
    assert m.to_audio(10 * MINUTE) == 11 * MINUTE  # tail: shift +1:00, not +9:00
    assert m.shift_at(5 * 60 * MINUTE) == MINUTE


def test_a_sixty_second_ad_at_ten_minutes_is_fixed_by_a_point_either_side():
    ad_at, ad_ms = 10 * MINUTE, MINUTE

    def heard(t: int) -> int:
        return t if t < ad_at else t + ad_ms

    turn_times = range(0, 60 * MINUTE, 7_000)
    before, after = 9 * MINUTE + 55_000, 10 * MINUTE + 5_000
    m = TimeMap().with_point(before, heard(before)).with_point(after, heard(after))
    for t in turn_times:
        if t <= before or t >= after:
            assert m.to_audio(t) == heard(t)
            assert m.to_transcript(heard(t)) == t
    # Pins a millisecond apart either side of the break make the jump exact.
    tight = TimeMap().with_point(ad_at - 1, ad_at - 1).with_point(ad_at, ad_at + ad_ms)
    assert all(tight.to_audio(t) == heard(t) for t in turn_times)
    # During the ad the spoken text is still the text before it.
    assert tight.to_transcript(ad_at + 30_000) == ad_at - 1


def test_audio_two_percent_slower_is_fixed_by_two_points():
    def heard(t: int) -> int:
        return t * 102 // 100

    first, last = MINUTE, 59 * MINUTE
    m = TimeMap().with_point(first, heard(first)).with_point(last, heard(last))
    for t in range(first, last + 1, 3_100):
        assert abs(m.to_audio(t) - heard(t)) <= 1
        assert abs(m.to_transcript(heard(t)) - t) <= 1
    # Beyond the pins the shift stays what it was at the pin.
    assert m.shift_at(last + 30 * MINUTE) == heard(last) - last
    assert m.shift_at(0) == heard(first) - first


def test_a_contradicting_point_is_refused_with_a_sentence_naming_the_other():
    m = TimeMap(points=[(12 * MINUTE + 34_000, 13 * MINUTE), (20 * MINUTE, 21 * MINUTE)])
    with pytest.raises(ContradictingPoint) as caught:
        m.with_point(15 * MINUTE, 12 * MINUTE)  # later text, heard earlier than 12:34's pin
    assert str(caught.value) == "That point contradicts the one at 12:34; remove one of them first."
    assert caught.value.index == 0
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ContradictingPoint) as caught:
        m.with_point(5 * MINUTE, 25 * MINUTE)  # clashes with both; the nearer in the text is named
    assert caught.value.index == 0


def test_a_constructor_list_that_goes_backwards_is_refused():
    with pytest.raises(ContradictingPoint, match="the one at 01:00"):
        TimeMap(points=[(MINUTE, 5 * MINUTE), (2 * MINUTE, 4 * MINUTE)])


def test_a_point_at_the_same_transcript_time_replaces_the_old_one():
    m = TimeMap(points=[(MINUTE, MINUTE), (2 * MINUTE, 2 * MINUTE)])
    moved = m.with_point(2 * MINUTE, 3 * MINUTE)
    assert moved.points == (SyncPoint(MINUTE, MINUTE), SyncPoint(2 * MINUTE, 3 * MINUTE))
    assert TimeMap(points=[(0, 5), (0, 9)]).points == (SyncPoint(0, 9),)


def test_text_the_audio_cut_is_allowed_and_skipped_by_the_inverse():
    m = TimeMap(points=[(MINUTE, MINUTE), (2 * MINUTE, MINUTE)])  # a minute of text never heard
    assert m.to_audio(90_000) == MINUTE
    assert m.to_transcript(MINUTE) == 2 * MINUTE
    assert m.to_transcript(MINUTE - 1) == MINUTE - 1


def test_points_are_kept_sorted_and_can_be_removed_by_index():
    m = TimeMap().with_point(3000, 4000).with_point(1000, 1000).with_point(2000, 2500)
    assert [p.transcript_ms for p in m.points] == [1000, 2000, 3000]
    assert m.without_point(1).points == (SyncPoint(1000, 1000), SyncPoint(3000, 4000))


def test_a_map_is_a_value_that_survives_the_store():
    m = TimeMap(-700, [(1000, 1200), (5000, 9000)])
    assert TimeMap.from_dict(m.as_dict()) == m
    assert hash(TimeMap.from_dict(m.as_dict())) == hash(m)
    assert TimeMap(m.offset_ms, m.points) == m
    assert m != m.with_offset(0)


@pytest.mark.parametrize(
    ("ms", "text"),
    [(62_450, "+1:02.5"), (-3000, "-0:03.0"), (0, "+0:00.0"), (-20, "+0:00.0"), (3_725_000, "+1:02:05.0")],
)
def test_format_shift_writes_a_signed_tenth_of_a_second(ms, text):
    assert format_shift(ms) == text


# -- properties ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(maps(), st.lists(times, min_size=2, max_size=40))
def test_both_directions_never_go_backwards(m, samples):
    samples.sort()
    audio = [m.to_audio(t) for t in samples]
    assert audio == sorted(audio)
    text = [m.to_transcript(a) for a in samples]
    assert text == sorted(text)


@settings(max_examples=300, deadline=None)
@given(maps(), times)
def test_to_transcript_is_the_last_time_heard_by_then(m, audio_ms):
    """The exact inverse rule: the largest t with to_audio(t) <= audio_ms."""
    t = m.to_transcript(audio_ms)
    assert m.to_audio(t) <= audio_ms < m.to_audio(t + 1)


@settings(max_examples=300, deadline=None)
@given(maps(), times)
def test_round_trips_are_exact_where_the_map_is_strictly_increasing(m, t):
    back = m.to_transcript(m.to_audio(t))
    assert back >= t
    if m.to_audio(t + 1) > m.to_audio(t):
        assert back == t


@settings(max_examples=200, deadline=None)
@given(maps())
def test_round_trips_are_exact_on_the_points(m):
    for p in m.heard_points:
        assert m.to_audio(p.transcript_ms) == p.audio_ms
        if m.to_audio(p.transcript_ms + 1) > p.audio_ms:
            assert m.to_transcript(p.audio_ms) == p.transcript_ms
        else:  # text the audio cut or compressed: the inverse is already past the pin
            assert m.to_transcript(p.audio_ms) > p.transcript_ms


@settings(max_examples=300, deadline=None)
@given(maps(), times, st.lists(times, min_size=1, max_size=30))
def test_adding_a_point_that_already_agrees_changes_nothing(m, pin, samples):
    agreed = m.with_point(pin, m.to_audio(pin))
    for t in samples:
        assert abs(agreed.to_audio(t) - m.to_audio(t)) <= 1


@settings(max_examples=200, deadline=None)
@given(maps(), st.lists(times, max_size=60))
def test_map_many_agrees_with_to_audio_sorted_or_not(m, samples):
    assert m.map_many(samples) == [m.to_audio(t) for t in samples]
    assert m.map_many(sorted(samples)) == [m.to_audio(t) for t in sorted(samples)]


# -- re-timing a transcript ------------------------------------------------------------


def _transcript(turn_count: int, step_ms: int = 6_000) -> Transcript:
    turns = tuple(
        Turn("A" if i % 2 else "B", i * step_ms, (i + 1) * step_ms, True, f"turn {i}") for i in range(turn_count)
    )
    return Transcript("test", None, (Chapter(0, "Start"), Chapter(step_ms * 3, "Later")), turns)


def test_retime_moves_starts_ends_spans_and_chapters_into_audio_time():
    base = _transcript(5)
    marked = base.turns[2]._replace(text="one two", spans=(Span(4, 13_000, 13_500),))
    base = base._replace(turns=(*base.turns[:2], marked, *base.turns[3:]))
    m = TimeMap(points=[(11_000, 11_000), (12_000, 72_000)])  # a minute's ad at 0:12
    out = retime(base, m)
    assert [t.start_ms for t in out.turns] == [0, 6_000, 72_000, 78_000, 84_000]
    assert out.turns[-1].end_ms == 90_000
    assert all(a.end_ms == b.start_ms for a, b in zip(out.turns, out.turns[1:], strict=False))
    assert out.turns[2].spans == (Span(4, 73_000, 73_500),)
    assert [c.start_ms for c in out.chapters] == [0, 78_000]
    assert [t.text for t in out.turns] == [t.text for t in base.turns]
    assert [t.timed for t in out.turns] == [t.timed for t in base.turns]


def test_retime_with_the_identity_returns_the_same_transcript():
    base = _transcript(3)
    assert retime(base, TimeMap()) is base


def test_retime_keeps_an_end_that_is_not_the_next_start():
    turns = (Turn("A", 0, 2_000, True, "a"), Turn("B", 5_000, 7_000, True, "b"))
    out = retime(Transcript("test", None, (), turns), TimeMap(1000))
    assert [(t.start_ms, t.end_ms) for t in out.turns] == [(1_000, 3_000), (6_000, 8_000)]
