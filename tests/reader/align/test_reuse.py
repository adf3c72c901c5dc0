"""An edited transcript keeps the times of its unchanged words; only the changed stretches are aligned again."""

from __future__ import annotations

from reader.align import AUDIO_WITHOUT_TEXT, Gap, Previous
from reader.align.reuse import EDGE_WORDS, Span, plan

OLD = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".split()


def previous(keys=OLD, gaps=()) -> Previous:
    starts = [1000 * index for index in range(len(keys))]
    return Previous(list(keys), starts, [start + 400 for start in starts], [True] * len(keys), list(gaps))


def test_words_away_from_an_edit_keep_their_times_and_the_edit_is_one_span_between_kept_words():
    new = OLD[:7] + ["heptagon", "octagon"] + OLD[9:]
    found = plan(new, previous())
    edited = range(7 - EDGE_WORDS, 9 + EDGE_WORDS)
    assert found.spans == [Span(edited[0], edited[-1] + 1, (edited[0] - 1) * 1000 + 400, (edited[-1] + 1) * 1000)]
    assert found.kept == {i: (1000 * i, 1000 * i + 400) for i in range(len(new)) if i not in edited}


def test_an_edit_that_adds_words_shifts_the_later_words_with_their_times():
    new = OLD[:4] + ["and", "then"] + OLD[4:]
    found = plan(new, previous())
    assert found.kept[len(new) - 1] == (15_000, 15_400)
    assert [span.stop - span.first for span in found.spans] == [2 + 2 * EDGE_WORDS]


def test_a_change_of_punctuation_or_case_alone_keeps_every_time():
    found = plan(list(OLD), previous())
    assert found.spans == [] and len(found.kept) == len(OLD)


def test_a_mostly_new_text_is_aligned_afresh():
    assert plan(["something", "else", "entirely"] * 5 + OLD[:3], previous()) is None


def test_a_gap_among_unchanged_words_is_kept_with_its_words_renumbered():
    ad = Gap(12_500, 12_900, AUDIO_WITHOUT_TEXT, 13, 13)
    new = ["so", *OLD]
    found = plan(new, previous(gaps=[ad]))
    assert found.gaps == [ad._replace(first_word=14, last_word=14)]


def test_a_gap_inside_an_edited_stretch_is_left_to_the_new_alignment():
    ad = Gap(6_500, 6_900, AUDIO_WITHOUT_TEXT, 7, 7)
    new = OLD[:6] + ["six", "and", "a", "half"] + OLD[7:]
    assert plan(new, previous(gaps=[ad])).gaps == []
