from ui.document_map import DocumentMap, TurnSpan, document_length, utf16_length


def _map():
    # turn 0: header 0..10, stamp 5..10, text 11..30; turn 1: header 32..40, text 41..60
    spans = [TurnSpan(0, 5, 10, 11, 30), TurnSpan(32, 35, 40, 41, 60)]
    return DocumentMap(spans, ["a" * 19, "b" * 19])


def test_positions_map_to_turns_and_gaps_to_none():
    m = _map()
    assert [m.turn_at(p) for p in (0, 10, 11, 30, 31, 32, 60)] == [0, 0, 0, 0, None, 1, 1]


def test_only_the_stamp_is_a_stamp():
    m = _map()
    assert m.is_on_stamp(4) is None
    assert m.is_on_stamp(5) == 0
    assert m.is_on_stamp(9) == 0
    assert m.is_on_stamp(12) is None
    assert m.is_on_stamp(36) == 1


def test_offsets_round_trip_through_positions():
    m = _map()
    assert m.position_of(1, 7) == 48
    assert m.offset_at(1, 48) == 7
    assert m.offset_at(1, 32) == 0  # a click in the header counts as the start
    assert m.offset_at(1, 99) == 19


def test_characters_outside_the_bmp_count_twice_for_qt():
    text = "🎙 hi 🎧 there"
    assert utf16_length(text) == len(text) + 2
    m = DocumentMap([TurnSpan(0, 0, 5, 6, 6 + utf16_length(text))], [text])
    python_offset = text.index("there")
    position = m.position_of(0, python_offset)
    assert position == 6 + python_offset + 2
    assert m.offset_at(0, position) == python_offset


def test_selection_ends_snap_to_turn_text():
    m = _map()  # turn 0 text 11..30, turn 1 header 32, text 41..60
    assert m.text_point(15, forward=True) == (0, 4)
    assert m.text_point(5, forward=True) == (0, 0)  # in turn 0's header
    assert m.text_point(31, forward=True) == (1, 0)  # the blank line between turns
    assert m.text_point(35, forward=True) == (1, 0)
    assert m.text_point(35, forward=False) == (0, 19)  # turn 1's header ends turn 0
    assert m.text_point(31, forward=False) == (0, 19)
    assert m.text_point(3, forward=False) is None
    assert m.text_point(99, forward=True) is None


def test_a_paragraph_break_takes_two_positions_the_end_of_line_and_the_gap():
    text = "First part.\nSecond part."
    assert document_length(text) == len(text) + 1
    m = DocumentMap([TurnSpan(0, 0, 5, 6, 6 + document_length(text))], [text])
    second = text.index("Second")
    assert m.position_of(0, second) == 6 + second + 1
    assert m.offset_at(0, 6 + second + 1) == second
    assert m.offset_at(0, 6 + text.index("\n")) == text.index("\n")  # the end of the first paragraph
