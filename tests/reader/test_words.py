"""Saved quotes start and end on whole words."""

from __future__ import annotations

import pytest

from reader.model import Turn
from reader.words import snap_to_words, word_at

TURNS = (
    Turn("Ana", 0, 10_000, True, "We meet near the start, and more on that later."),
    Turn("Ben", 10_000, 20_000, True, "It’s well-known: more on that."),
)


@pytest.mark.parametrize(
    ("span", "quote"),
    [
        ((0, 9, 0, 22), "near the start"),  # "e near the start" -> whole "near"
        ((0, 8, 0, 22), "near the start"),  # already on a word edge
        ((0, 10, 0, 19), "near the start"),  # both ends inside words
        ((0, 25, 0, 34), "and more on"),  # "nd more o" -> "and more on"
        ((0, 0, 0, 47), TURNS[0].text),  # the whole turn stays the whole turn
    ],
)
def test_a_selection_is_widened_to_whole_words(span, quote):
    start_turn, start, end_turn, end = snap_to_words(TURNS, *span)
    assert TURNS[0].text[start:end] == quote


def test_spaces_and_punctuation_at_the_edges_are_left_alone():
    assert snap_to_words(TURNS, 0, 7, 0, 23) == (0, 7, 0, 23)  # " near the start,"


def test_apostrophes_and_hyphens_belong_to_the_word_across_turns():
    assert snap_to_words(TURNS, 0, 43, 1, 8) == (0, 41, 1, 15)  # "later." ... "It’s well-known"


def test_word_at_finds_the_word_under_a_click():
    text = TURNS[1].text
    assert text[slice(*word_at(text, 6))] == "well-known"
    assert text[slice(*word_at(text, 2))] == "It’s"
    assert word_at(text, 15) == (5, 15)  # just after a word: that word
    assert word_at("a  b", 2) is None
