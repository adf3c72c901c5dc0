"""Matching for the find bar: case and accents ignored, offsets in the original text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ui.find_text import SearchIndex, find_all, fold


def _found(texts: list[str], query: str) -> list[str]:
    return [texts[turn][start:end] for turn, start, end in find_all(texts, query)]


def test_folding_ignores_case_and_accents_and_maps_every_index_back():
    folded, index_map = fold("Élan ÇA")
    assert folded == "elan ca"
    assert index_map == list(range(len("Élan ÇA") + 1))


def test_folding_that_changes_length_keeps_a_map_to_the_original():
    folded, index_map = fold("Straße!")
    assert folded == "strasse!"
    assert index_map == [0, 1, 2, 3, 4, 4, 5, 6, 7]  # both s come from ß; the last entry is the end
    folded, index_map = fold("cafe\u0301 ok")  # a decomposed é: the mark is dropped
    assert folded == "cafe ok"
    assert index_map == [0, 1, 2, 3, 5, 6, 7, 8]


def test_accents_and_case_are_ignored_both_ways():
    texts = ["Un café, un RÉSUMÉ et un naïve Zürich."]
    assert _found(texts, "cafe") == ["café"]
    assert _found(texts, "resume") == ["RÉSUMÉ"]
    assert _found(texts, "Résumé") == ["RÉSUMÉ"]
    assert _found(texts, "NAIVE zurich") == ["naïve Zürich"]


def test_sharp_s_matches_ss_and_a_partial_match_takes_the_whole_letter():
    texts = ["Die Straße und die STRASSE."]
    assert _found(texts, "strasse") == ["Straße", "STRASSE"]
    assert _found(texts, "straße") == ["Straße", "STRASSE"]
    assert _found(texts, "stras") == ["Straß", "STRAS"]


def test_a_decomposed_accent_is_inside_the_match():
    assert _found(["say cafe\u0301 now"], "cafe") == ["cafe\u0301"]


def test_curly_apostrophes_match_the_keyboard_one():
    assert _found(["I don’t know, I don't."], "don't") == ["don’t", "don't"]


def test_offsets_stay_right_next_to_emoji_and_other_wide_characters():
    texts = ["🎙 Café time 🎙🎙 café ﬁne"]
    matches = find_all(texts, "cafe")
    assert [(s, e) for _, s, e in matches] == [(2, 6), (15, 19)]
    assert _found(texts, "fine") == ["ﬁne"]  # the ligature folds to two letters


def test_several_matches_per_turn_come_in_transcript_order():
    texts = ["one two one", "none", "", "ONE"]
    assert find_all(texts, "one") == [(0, 0, 3), (0, 8, 11), (1, 1, 4), (3, 0, 3)]


def test_overlapping_occurrences_are_found_without_overlap_like_a_browser():
    assert find_all(["aaaaa"], "aa") == [(0, 0, 2), (0, 2, 4)]
    assert find_all(["abab ab"], "abab") == [(0, 0, 4)]


def test_an_empty_query_or_one_that_folds_to_nothing_finds_nothing():
    assert find_all(["anything"], "") == []
    assert find_all(["e\u0301"], "\u0301") == []


def test_a_match_never_spans_two_turns():
    assert find_all(["end of one", "start of two"], "one start") == []


def test_paragraph_breaks_inside_a_turn_are_matched_as_written():
    assert _found(["first line\nsecond line"], "line\nsecond") == ["line\nsecond"]


def test_the_first_match_from_a_place_wraps_round_to_the_start():
    index = SearchIndex(["café one", "two", "x café three"])
    matches = index.find("cafe")
    assert matches.first_from(0, 0) == 0
    assert matches.first_from(0, 1) == 1
    assert matches.first_from(1, 0) == 1
    assert matches.first_from(2, 5) == 0  # past the last one: back to the first
    assert index.find("zzz").first_from(0) == -1


def test_matches_are_a_sequence_that_is_cheap_to_hold():
    index = SearchIndex(["e" * 1000] * 50)
    matches = index.find("E")
    assert len(matches) == 50_000
    assert matches[0] == (0, 0, 1)
    assert matches[-1] == (49, 999, 1000)
    assert matches[1000:1002] == [(1, 0, 1), (1, 1, 2)]


_ALPHABET = st.sampled_from(list("aAeEéÉsSß \u0301’'🎙İﬁx\n"))


@given(st.lists(st.text(_ALPHABET, max_size=30), max_size=5), st.text(_ALPHABET, min_size=1, max_size=4))
def test_every_match_folds_to_text_holding_the_query(texts, query):
    needle = fold(query)[0]
    matches = find_all(texts, query)
    for turn, start, end in matches:
        assert 0 <= start < end <= len(texts[turn])
        assert needle in fold(texts[turn][start:end])[0]
    assert matches == sorted(matches)


_ASCII = st.sampled_from("abAB -")


@given(st.lists(st.text(_ASCII, max_size=30), max_size=5), st.text(st.sampled_from("abAB"), min_size=1, max_size=3))
def test_ascii_matches_are_exactly_a_case_blind_search(texts, query):
    needle = re.escape(query.lower())
    expected = [(t, m.start(), m.end()) for t, text in enumerate(texts) for m in re.finditer(needle, text.lower())]
    assert find_all(texts, query) == expected
