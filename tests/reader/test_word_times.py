"""Highlights of a word-timed transcript start and end where the words do."""

from __future__ import annotations

import json

from reader.anchoring import make_anchor
from reader.export.formats import quote_markdown
from reader.importer import parse_text
from reader.timeline import time_at_offset, word_end_at, word_start_at

#: One Whisper segment with word times; "sooo" is drawn out over 3.4 s.
WORDS = [(" And", 0.0, 0.4), (" it", 0.5, 0.7), (" was", 0.7, 1.0), (" sooo", 2.5, 5.9), (" good.", 6.0, 6.5)]
DOC = {
    "text": " And it was sooo good.",
    "segments": [
        {
            "start": 0.0,
            "end": 6.5,
            "text": " And it was sooo good.",
            "words": [{"word": w, "start": s, "end": e, "probability": 0.9} for w, s, e in WORDS],
        }
    ],
}


def _transcript():
    return parse_text(json.dumps(DOC))


def test_a_selection_from_mid_word_starts_at_that_words_own_time():
    t = _transcript()
    turn = t.turns[0]
    assert turn.text == "And it was sooo good."
    mid = turn.text.index("ooo good")
    assert word_start_at(turn, mid) == 2_500
    assert time_at_offset(turn, mid) >= 3_000  # what spreading the word's time by letters would say


def test_a_selection_from_the_space_before_a_word_starts_at_that_word():
    turn = _transcript().turns[0]
    assert word_start_at(turn, turn.text.index(" sooo")) == 2_500


def test_a_selection_ending_mid_word_or_after_a_space_ends_at_the_words_end():
    turn = _transcript().turns[0]
    assert word_end_at(turn, turn.text.index("sooo") + 2) == 5_900
    assert word_end_at(turn, turn.text.index(" good")) == 5_900  # "sooo " ends with sooo
    assert word_end_at(turn, len(turn.text)) == 6_500


def test_without_word_times_the_estimate_is_kept():
    t = parse_text("00:00 Ana: And it was so good.\n00:10 Ben: Yes.\n")
    turn = t.turns[0]
    for offset in (0, 5, 11, len(turn.text)):
        assert word_start_at(turn, offset) == time_at_offset(turn, offset)
        assert word_end_at(turn, offset) == time_at_offset(turn, offset)


def test_highlight_and_quote_use_the_first_highlighted_words_exact_start():
    t = _transcript()
    text = t.turns[0].text
    anchor = make_anchor(t, 0, text.index("ooo"), 0, text.index(" good"))
    assert anchor.quote == "ooo"
    assert (anchor.start_ms, anchor.end_ms) == (2_500, 5_900)
    assert quote_markdown(anchor.quote, None, anchor.start_ms, "Ep").endswith("[00:00:02], *Ep*\n")
