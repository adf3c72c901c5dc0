from reader.importer import parse_text
from ui.playback_marks import PlaybackMarks
from ui.timers import FakeTimers

TEXT = "Chapters\n00:00 One\n00:20 Two\nTranscript\n00:00 Ana: a\n00:10 Ben: b\n00:20 Ana: c\n00:30 Ben: d\n"


def test_turn_changed_fires_only_when_the_index_changes(qtbot):
    drawn = []
    marks = PlaybackMarks(lambda turn, ms: drawn.append((turn, ms)))
    marks.set_transcript(parse_text(TEXT))
    turns = []
    marks.turn_changed.connect(turns.append)
    for ms in (0, 100, 5_000, 9_999, 10_000, 10_050, 25_000, 31_000, 31_050):
        marks.on_position(ms)
    assert turns == [0, 1, 2, 3]
    assert drawn[-1] == (3, 31_050)  # the view hears every report, to move the reading cursor
    assert marks.current_turn == 3


def test_chapters_follow_the_position(qtbot):
    marks = PlaybackMarks(lambda turn, ms: None)
    marks.set_transcript(parse_text(TEXT))
    chapters = []
    marks.chapter_changed.connect(chapters.append)
    for ms in (0, 1_000, 20_000, 25_000, 5_000):
        marks.on_position(ms)
    assert chapters == [0, 1, 0]


def test_time_map_converts_audio_time_before_the_search(qtbot):
    marks = PlaybackMarks(lambda turn, ms: None, to_transcript=lambda ms: ms - 60_000)  # a one-minute ad first
    marks.set_transcript(parse_text(TEXT))
    marks.on_position(70_000)
    assert marks.current_turn == 1


def test_a_boundary_between_reports_is_marked_when_it_is_reached(qtbot):
    """Reports come every 50 ms; a turn starting between two is caught by a timer."""
    clock = {"ms": 9_970}
    timers = FakeTimers()
    marks = PlaybackMarks(lambda turn, ms: None, position=lambda: clock["ms"], rate=lambda: 1.0, timer=timers)
    marks.set_transcript(parse_text(TEXT))
    turns = []
    marks.turn_changed.connect(turns.append)
    marks.on_position(9_970)  # turn 1 starts at 10,000: 30 ms away
    assert turns == [0] and timers.only.isActive() and timers.only.interval() == 31
    clock["ms"] = 10_001
    timers.only.fire()
    assert turns == [0, 1]


def test_at_double_speed_the_boundary_comes_in_half_the_time(qtbot):
    timers = FakeTimers()
    marks = PlaybackMarks(lambda turn, ms: None, position=lambda: 9_940, rate=lambda: 2.0, timer=timers)
    marks.set_transcript(parse_text(TEXT))
    marks.on_position(9_940)  # 60 ms of audio before turn 1: 30 ms at 2x
    assert timers.only.interval() == 31


def test_no_timer_is_set_when_the_boundary_is_far_or_playback_stopped(qtbot):
    timers = FakeTimers()
    marks = PlaybackMarks(lambda turn, ms: None, position=lambda: 0, rate=lambda: 1.0, timer=timers)
    marks.set_transcript(parse_text(TEXT))
    marks.on_position(5_000)  # 5 s before the next turn: the next reports will see it
    assert not timers.only.isActive()
    marks.on_position(9_990)
    assert timers.only.isActive()
    marks.stop_catching()
    assert not timers.only.isActive()


def test_re_timing_the_open_episode_announces_only_a_turn_that_really_changed(qtbot):
    """Aligning the words re-times the text while it plays: the turn being heard
    stays marked without being announced again, and a turn the new times move
    playback into is announced."""
    drawn = []
    marks = PlaybackMarks(lambda turn, ms: drawn.append((turn, ms)))
    marks.set_transcript(parse_text(TEXT))
    turns, chapters = [], []
    marks.turn_changed.connect(turns.append)
    marks.chapter_changed.connect(chapters.append)
    marks.on_position(12_000)
    marks.set_transcript(parse_text(TEXT.replace("00:10 Ben", "00:11 Ben")), same_episode=True)
    marks.remark()
    assert (turns, chapters) == ([1], [0])
    assert drawn[-1] == (1, 12_000)  # drawn again in the rebuilt view
    marks.set_transcript(parse_text(TEXT.replace("00:10 Ben", "00:13 Ben")), same_episode=True)
    marks.remark()
    assert turns == [1, 0] and marks.current_turn == 0


def test_a_new_episode_announces_its_first_turn(qtbot):
    marks = PlaybackMarks(lambda turn, ms: None)
    marks.set_transcript(parse_text(TEXT))
    turns = []
    marks.turn_changed.connect(turns.append)
    marks.on_position(12_000)
    marks.set_transcript(parse_text(TEXT))
    marks.on_position(12_000)
    assert turns == [1, 1]
