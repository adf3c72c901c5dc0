"""Untimed turns spread over the audio's length, then refined by sync points."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.estimate import spread_over
from reader.model import Draft, DraftTurn
from reader.timeline import finalize
from reader.timemap import TimeMap, retime

HOUR = 3_600_000


def _finalize(*turns: DraftTurn):
    return finalize(Draft(turns=list(turns)), "test")


def test_an_untimed_transcript_is_spread_over_the_audio_by_characters():
    t = _finalize(DraftTurn("A", None, "a" * 100), DraftTurn("B", None, "b" * 300), DraftTurn("A", None, "c" * 600))
    out = spread_over(t, 100_000)
    assert [turn.start_ms for turn in out.turns] == [0, 10_000, 40_000]
    assert [turn.end_ms for turn in out.turns] == [10_000, 40_000, 100_000]
    assert not any(turn.timed for turn in out.turns)
    assert [turn.text for turn in out.turns] == [turn.text for turn in t.turns]


def test_a_partly_timed_transcript_spreads_only_its_tail_to_the_audio_end():
    t = _finalize(
        DraftTurn("A", None, "a" * 50),
        DraftTurn("B", 10_000, "b" * 100),
        DraftTurn("A", None, "c" * 100),
        DraftTurn("B", 30_000, "d" * 100),
        DraftTurn("A", None, "e" * 100),
        DraftTurn("B", None, "f" * 200),
    )
    out = spread_over(t, 70_000)
    # Before the first stamp and between stamps: what finalize said.
    assert out.turns[:3] == t.turns[:3]
    # After the last stamp: its text and the tail's (400 chars) over 40 s.
    assert [turn.start_ms for turn in out.turns[3:]] == [30_000, 40_000, 50_000]
    assert out.turns[3].end_ms == 40_000 and out.turns[-1].end_ms == 70_000
    assert [turn.timed for turn in out.turns] == [False, True, False, True, False, False]


def test_a_fully_timed_transcript_or_an_unknown_length_changes_nothing():
    timed = _finalize(DraftTurn("A", 0, "a"), DraftTurn("B", 5_000, "b"))
    untimed = _finalize(DraftTurn("A", None, "a"), DraftTurn("B", None, "b"))
    assert spread_over(timed, HOUR) is timed
    assert spread_over(untimed, 0) is untimed


def test_audio_shorter_than_the_last_stamp_keeps_the_paced_tail():
    t = _finalize(DraftTurn("A", 60_000, "a" * 30), DraftTurn("B", None, "b" * 30))
    assert spread_over(t, 50_000) is t


def test_sync_points_refine_the_estimate_through_the_time_map():
    """A one-hour untimed episode whose second half is spoken slower: pinning
    where turn 30 is actually heard fixes the turns either side of it."""
    turns = [DraftTurn("A" if i % 2 else "B", None, "word " * 40) for i in range(60)]
    estimated = spread_over(finalize(Draft(turns=turns), "test"), HOUR)
    assert estimated.turns[30].start_ms == HOUR // 2
    m = TimeMap().with_point(0, 0).with_point(estimated.turns[30].start_ms, 25 * 60_000)
    heard = retime(estimated, m)
    assert heard.turns[30].start_ms == 25 * 60_000
    assert heard.turns[15].start_ms == estimated.turns[15].start_ms * 25 // 30
    assert not any(turn.timed for turn in heard.turns)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(min_value=0, max_value=600_000), st.text(max_size=40)),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=0, max_value=2 * HOUR),
)
def test_spread_times_never_go_backwards_and_untimed_stays_untimed(rows, duration_ms):
    t = finalize(Draft(turns=[DraftTurn("A", ms if stamped else None, text) for stamped, ms, text in rows]), "t")
    out = spread_over(t, duration_ms)
    starts = [turn.start_ms for turn in out.turns]
    assert starts == sorted(starts)
    assert all(a.end_ms == b.start_ms for a, b in zip(out.turns, out.turns[1:], strict=False))
    assert out.turns[-1].end_ms >= out.turns[-1].start_ms
    assert [turn.timed for turn in out.turns] == [turn.timed for turn in t.turns]
    assert all(a.start_ms == b.start_ms for a, b in zip(out.turns, t.turns, strict=False) if a.timed)
