"""One way of writing times per episode: hours only for an hour or more."""

from __future__ import annotations

from reader.timecode import EpisodeClock


def test_the_audio_length_decides_when_it_is_known():
    assert EpisodeClock.for_episode(3_700_000, 3_000_000).format(754_000) == "0:12:34"
    assert EpisodeClock.for_episode(3_000_000, 3_700_000).format(754_000) == "12:34"


def test_without_audio_the_transcript_length_decides():
    assert EpisodeClock.for_episode(0, 3_600_000).format(5_000) == "0:00:05"
    assert EpisodeClock.for_episode(0, 3_599_999).format(5_000) == "00:05"
