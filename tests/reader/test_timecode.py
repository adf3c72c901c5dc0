import pytest

from reader.timecode import format_clock, format_duration, format_stamp, parse_clock, seconds_to_ms


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("0:00", 0),
        ("4:03", 243_000),
        ("04:03", 243_000),
        ("1:02:03", 3_723_000),
        ("01:02:03", 3_723_000),
        ("00:00:01,500", 1_500),
        ("00:00:01.5", 1_500),
        ("00:00:01.05", 1_050),
        ("75:30", 4_530_000),  # long chapter lists skip the hour field
        (" 00:10 ", 10_000),
    ],
)
def test_parse_clock_reads_every_written_form(text, ms):
    assert parse_clock(text) == ms


@pytest.mark.parametrize("text", ["", "12", "1:2", "00:60", "1:75:00", "aa:bb", "1:00:00:00", "-1:00"])
def test_parse_clock_rejects_what_is_not_a_clock(text):
    with pytest.raises(ValueError):
        parse_clock(text)


def test_formatting_is_whole_seconds_with_hours_only_when_needed():
    assert format_clock(59_999) == "00:59"
    assert format_clock(3_723_000) == "1:02:03"
    assert format_clock(61_000, hours=True) == "0:01:01"
    assert format_stamp(3_723_999) == "01:02:03"
    assert format_clock(-5) == "00:00"


def test_a_short_episodes_clock_counts_on_in_minutes_past_the_hour_and_never_drops_it():
    assert format_clock(3_723_000, hours=False) == "62:03"  # a stamp heard after a long inserted ad
    assert format_clock(6_032_000, hours=False) == "100:32"


def test_durations_read_naturally():
    assert format_duration(56 * 60_000) == "56 min"
    assert format_duration(30_500) == "30 s"  # not "0 min"
    assert format_duration(125 * 60_000) == "2 h 05 min"


def test_seconds_round_to_the_nearest_millisecond():
    assert seconds_to_ms(12.3456) == 12_346
    assert seconds_to_ms(0) == 0
