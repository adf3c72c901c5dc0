"""Chapter by chapter, and to a typed time."""

from __future__ import annotations

import pytest

from reader.model import Chapter
from reader.navigation import next_chapter_start, parse_go_to, previous_chapter_start

CHAPTERS = (Chapter(0, "Intro"), Chapter(60_000, "Middle"), Chapter(300_000, "End"))


def test_next_chapter_is_the_first_start_after_now():
    assert next_chapter_start(CHAPTERS, 0) == 60_000
    assert next_chapter_start(CHAPTERS, 59_999) == 60_000
    assert next_chapter_start(CHAPTERS, 60_000) == 300_000
    assert next_chapter_start(CHAPTERS, 400_000) is None
    assert next_chapter_start((), 0) is None


def test_previous_chapter_restarts_the_chapter_unless_just_started():
    assert previous_chapter_start(CHAPTERS, 100_000) == 60_000  # back to this chapter's start
    assert previous_chapter_start(CHAPTERS, 61_000) == 0  # just started: the one before
    assert previous_chapter_start(CHAPTERS, 1_000) == 0
    assert previous_chapter_start((), 5_000) is None


@pytest.mark.parametrize(
    ("typed", "ms"),
    [("1:02:03", 3_723_000), ("45:10", 2_710_000), (" 90 ", 5_400_000), ("90s", 90_000), ("5m", 300_000)],
)
def test_go_to_reads_the_times_people_type(typed, ms):
    assert parse_go_to(typed) == ms


@pytest.mark.parametrize("typed", ["", "soon", "1:99", "-5"])
def test_go_to_refuses_anything_else_with_a_sentence(typed):
    with pytest.raises(ValueError, match="type it as 1:02:03, 45:10 or 90"):
        parse_go_to(typed)
