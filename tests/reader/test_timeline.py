from reader.model import Draft, DraftTurn, Span, Turn
from reader.timeline import (
    SPEECH_CHARS_PER_SECOND,
    finalize,
    offset_at_time,
    time_at_offset,
    turn_index_at,
)


def _finalize(*turns: DraftTurn):
    return finalize(Draft(turns=list(turns)), "test")


def test_backward_stamp_is_raised_with_a_warning_naming_the_place():
    t = _finalize(
        DraftTurn("A", 10_000, "one"),
        DraftTurn("B", 18_004, "two"),
        DraftTurn("A", 5_000, "three"),
    )
    assert [turn.start_ms for turn in t.turns] == [10_000, 18_004, 18_004]
    assert len(t.warnings) == 1
    assert "Turn 3 (A)" in t.warnings[0] and "00:00:05" in t.warnings[0]


def test_starts_never_go_backwards_and_ends_meet_the_next_start():
    t = _finalize(
        DraftTurn("A", 0, "x" * 30),
        DraftTurn("B", 60_000, "y" * 30),
        DraftTurn("A", 30_000, "z" * 30),
        DraftTurn("B", 90_000, "w" * 30),
    )
    starts = [turn.start_ms for turn in t.turns]
    assert starts == sorted(starts)
    assert all(a.end_ms == b.start_ms for a, b in zip(t.turns, t.turns[1:], strict=False))


def test_untimed_turns_are_spread_by_text_length_between_stamped_neighbours():
    t = _finalize(
        DraftTurn("A", 0, "a" * 100),
        DraftTurn("B", None, "b" * 100),
        DraftTurn("A", None, "c" * 200),
        DraftTurn("B", 80_000, "d"),
    )
    # 400 characters over 80 s: 200 ms a character.
    assert [turn.start_ms for turn in t.turns] == [0, 20_000, 40_000, 80_000]
    assert [turn.timed for turn in t.turns] == [True, False, False, True]


def test_leading_and_trailing_untimed_turns_get_plausible_times():
    t = _finalize(
        DraftTurn("A", None, "a" * 50),
        DraftTurn("B", 10_000, "b" * 150),
        DraftTurn("A", None, "c" * 30),
    )
    assert t.turns[0].start_ms == 0 and not t.turns[0].timed
    chars_per_ms = SPEECH_CHARS_PER_SECOND / 1000
    assert t.turns[2].start_ms == 10_000 + int(150 / chars_per_ms)
    assert t.turns[2].end_ms > t.turns[2].start_ms


def test_a_transcript_without_any_stamp_is_all_estimated_from_zero():
    t = _finalize(DraftTurn("A", None, "hello there"), DraftTurn("B", None, "hi"))
    assert [turn.timed for turn in t.turns] == [False, False]
    assert t.turns[0].start_ms == 0 < t.turns[1].start_ms


def test_last_turn_ends_at_its_cue_end_when_the_format_gives_one():
    t = _finalize(DraftTurn("A", 0, "hi", end_ms=1_234))
    assert t.turns[0].end_ms == 1_234


def test_turn_index_at_uses_the_latest_start_not_after_the_time():
    starts = [0, 1_000, 1_000, 5_000]
    assert turn_index_at(starts, -1) == -1
    assert turn_index_at(starts, 0) == 0
    assert turn_index_at(starts, 999) == 0
    assert turn_index_at(starts, 1_000) == 2
    assert turn_index_at(starts, 9_999) == 3


def test_word_times_interpolate_by_text_position_and_invert():
    turn = Turn("A", 10_000, 20_000, True, "0123456789" * 10)
    assert time_at_offset(turn, 0) == 10_000
    assert time_at_offset(turn, 50) == 15_000
    assert time_at_offset(turn, 100) == 20_000
    assert offset_at_time(turn, 15_000) == 50
    assert offset_at_time(turn, 99_999) == 100


def test_word_times_respect_spans_from_joined_cues():
    turn = Turn("A", 0, 10_000, True, "a" * 100, spans=(Span(10, 8_000, None),))
    assert time_at_offset(turn, 5) == 4_000
    assert time_at_offset(turn, 55) == 9_000
    assert offset_at_time(turn, 8_000) == 10
