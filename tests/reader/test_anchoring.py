"""Anchors survive edits, layout changes and repeats; what cannot be placed is detached, never lost."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.anchoring import MIN_AGREEMENT, SHORT_QUOTE, make_anchor, quote_speakers, reanchor, reanchor_all
from reader.importer import parse_text
from reader.keep import CONTEXT_CHARS, Highlight
from reader.model import Transcript, Turn

PLAIN = """\
[00:00:01] Ana: Welcome back to the show. Today we talk about bread.
It's a long story, honestly.
[00:00:06] Dean: I've been baking sourdough for ten years, and it never gets old.
[00:00:12] Ana: What's the secret to a good crust?
[00:00:15] Dean: Steam in the first twenty minutes, then a very hot oven.
"""

SRT = """\
1
00:00:01,000 --> 00:00:03,000
Ana: Welcome back to the show.

2
00:00:03,000 --> 00:00:06,000
Today we talk about bread. It's a long story, honestly.

3
00:00:06,000 --> 00:00:09,000
Dean: I've been baking sourdough

4
00:00:09,000 --> 00:00:12,000
for ten years, and it never gets old.

5
00:00:12,000 --> 00:00:15,000
Ana: What's the secret to a good crust?

6
00:00:15,000 --> 00:00:18,000
Dean: Steam in the first twenty minutes,
then a very hot oven.
"""

MARKDOWN = """\
# Bread

**Ana** [00:00:01]: Welcome back to the show. Today we talk about bread. It\\'s a long story, honestly.

**Dean** [00:00:06]: I\\'ve been baking *sourdough* for ten years, and it never gets old.

**Ana** [00:00:12]: What\\'s the secret to a good crust?

**Dean** [00:00:15]: Steam in the first twenty minutes, then a very hot oven.
"""


def _select(transcript: Transcript, turn: int, words: str, last_turn: int | None = None, last_words: str | None = None):
    """The anchor of a selection from the start of ``words`` to the end of ``last_words``."""
    last_turn = turn if last_turn is None else last_turn
    last_words = words if last_words is None else last_words
    start = transcript.turns[turn].text.index(words)
    end = transcript.turns[last_turn].text.index(last_words) + len(last_words)
    return make_anchor(transcript, turn, start, last_turn, end)


def _edit(text: str, old: str, new: str) -> Transcript:
    assert old in text
    return parse_text(text.replace(old, new))


def test_anchor_within_one_turn_records_quote_context_and_times():
    t = parse_text(PLAIN)
    a = _select(t, 1, "baking sourdough")
    assert (a.start_turn, a.end_turn) == (1, 1)
    assert a.quote == "baking sourdough"
    assert a.prefix.endswith("\nI've been ") and len(a.prefix) == CONTEXT_CHARS
    assert a.prefix.startswith(t.turns[0].text[-(CONTEXT_CHARS - len("\nI've been ")) :])
    assert a.suffix == " for ten years, and it never gets old.\nWhat's the"[:CONTEXT_CHARS]
    assert t.turns[1].start_ms < a.start_ms < a.end_ms < t.turns[1].end_ms
    assert quote_speakers(t, a) == ("Dean",)


def test_anchor_across_turns_joins_with_newlines_and_keeps_paragraph_breaks():
    t = parse_text(PLAIN)
    a = _select(t, 0, "about bread", 2, "What's the secret")
    assert (
        a.quote == "about bread.\nIt's a long story, honestly.\n"
        "I've been baking sourdough for ten years, and it never gets old.\nWhat's the secret"
    )
    assert a.suffix == " to a good crust?\nSteam in the first twenty minutes"[:CONTEXT_CHARS]
    assert t.turns[0].start_ms <= a.start_ms and a.end_ms <= t.turns[2].end_ms
    assert quote_speakers(t, a) == ("Ana", "Dean")


def test_reversed_selection_is_normalised_and_empty_one_refused():
    t = parse_text(PLAIN)
    assert make_anchor(t, 2, 5, 0, 3) == make_anchor(t, 0, 3, 2, 5)
    with pytest.raises(ValueError):
        make_anchor(t, 1, 4, 1, 4)
    with pytest.raises(ValueError):
        make_anchor(t, 9, 0, 9, 2)


def test_selection_ending_at_the_start_of_a_turn_does_not_count_its_speaker():
    t = parse_text(PLAIN)
    a = make_anchor(t, 1, 10, 2, 0)
    assert a.quote.endswith("old.\n") and quote_speakers(t, a) == ("Dean",)


def test_unchanged_transcript_gives_the_same_anchor():
    t = parse_text(PLAIN)
    a = _select(t, 0, "Today", 1, "sourdough")
    assert reanchor(a, parse_text(PLAIN)) == a


@pytest.mark.parametrize(
    ("old", "new", "now"),
    [
        ("ten years", "twelve years", "I've been baking sourdough for twelve years, and it never gets old."),
        ("baking sourdough", "making rye", "I've been making rye for ten years, and it never gets old."),
        (
            "never gets old",
            "never really gets old",
            "I've been baking sourdough for ten years, and it never really gets old.",
        ),
    ],
)
def test_words_changed_inside_the_quote_are_placed_with_the_new_words(old, new, now):
    a = _select(parse_text(PLAIN), 1, "I've been", last_words="gets old.")
    placed = reanchor(a, _edit(PLAIN, old, new))
    assert placed is not None and placed.quote == now and placed.start_turn == 1


def test_words_changed_inside_a_quote_whose_context_changed_too():
    a = _select(parse_text(PLAIN), 1, "been baking", last_words="never gets")
    edited = PLAIN.replace("I've been", "I have been").replace("ten years", "a decade").replace("gets old", "grows old")
    placed = reanchor(a, parse_text(edited))
    assert placed is not None and placed.quote == "been baking sourdough for a decade, and it never grows"


def test_edits_on_both_sides_and_inside_are_found_by_scanning_near_the_old_place():
    a = _select(parse_text(PLAIN), 1, "baking sourdough", last_words="it never")
    edited = PLAIN.replace("I've been", "I have been").replace("ten years", "a decade").replace("gets old", "grows old")
    placed = reanchor(a, parse_text(edited))
    assert placed is not None and placed.quote == "baking sourdough for a decade, and it never"


def test_unchanged_text_with_new_times_keeps_its_place_and_takes_the_new_times():
    a = _select(parse_text(PLAIN), 2, "good crust")
    placed = reanchor(a, _edit(PLAIN, "[00:00:12] Ana", "[00:00:13] Ana"))
    assert placed[:7] == a[:7] and placed.start_ms > a.start_ms


def test_turns_inserted_before_shift_the_anchor():
    a = _select(parse_text(PLAIN), 3, "twenty minutes")
    extra = "[00:00:00] Host: Before we start, a word from our sponsor.\n[00:00:00] Host: Thanks to them.\n"
    placed = reanchor(a, parse_text(extra + PLAIN))
    assert placed is not None and placed.start_turn == 5 and placed.quote == "twenty minutes"
    assert placed.prefix == a.prefix and placed.suffix == a.suffix


def test_turns_removed_before_shift_the_anchor():
    a = _select(parse_text(PLAIN), 3, "Steam", last_words="oven.")
    shorter = _edit(PLAIN, "[00:00:12] Ana: What's the secret to a good crust?\n", "")
    placed = reanchor(a, shorter)
    assert placed is not None and (placed.start_turn, placed.start_offset) == (2, 0) and placed.quote == a.quote


def test_quoted_turn_removed_is_detached_and_keeps_its_original_anchor():
    a = _select(parse_text(PLAIN), 1, "baking sourdough for ten years")
    gone = _edit(PLAIN, "[00:00:06] Dean: I've been baking sourdough for ten years, and it never gets old.\n", "")
    assert reanchor(a, gone) is None
    kept = Highlight(1, 7, _select(parse_text(PLAIN), 2, "good crust"), ("Ana",), "yellow", "", "t", "t")
    lost = Highlight(2, 7, a, ("Dean",), "green", "my note", "t", "t")
    placed, detached = reanchor_all([kept, lost], gone)
    assert [h.id for h in placed] == [1] and placed[0].anchor.start_turn == 1 and not placed[0].detached
    assert detached == [lost._replace(detached=True)]


def test_detached_highlight_is_placed_again_when_the_text_returns():
    a = _select(parse_text(PLAIN), 1, "baking sourdough")
    _, detached = reanchor_all(
        [Highlight(1, 7, a, ("Dean",), "blue", "", "t", "t")], parse_text("[00:00:01] Ana: Other.\n")
    )
    placed, _ = reanchor_all(detached, parse_text(PLAIN))
    assert placed[0].anchor == a and placed[0].detached is False


def test_repeated_quote_goes_to_the_occurrence_matching_its_context():
    text = (
        "[00:00:01] Ana: I think that is exactly right, and here is why it matters.\n"
        "[00:00:09] Dean: Well, I think that is exactly right about the rye, not the wheat.\n"
    )
    t = parse_text(text)
    a = _select(t, 1, "I think that is exactly right")
    edited = parse_text("[00:00:00] Host: Intro.\n" + text.replace("here is why", "this is why"))
    placed = reanchor(a, edited)
    assert placed is not None and placed.start_turn == 2 and placed.quote == a.quote
    # The context is edited around the second one: it still wins over the first.
    edited = parse_text(text.replace("Well, I", "So I").replace("about the rye", "about rye"))
    assert reanchor(a, edited).start_turn == 1


def test_short_quote_moves_only_with_its_context():
    """A lone "Yes." recurs everywhere: when its turn goes, another "Yes." is not it."""
    text = PLAIN + "[00:00:20] Ana: Yes.\n[00:00:21] Dean: And one more thing about the flour.\n[00:00:25] Ana: Yes.\n"
    a = make_anchor(parse_text(text), 4, 0, 4, 4)
    assert a.quote == "Yes."
    assert reanchor(a, _edit(text, "[00:00:20] Ana: Yes.\n", "")) is None
    assert reanchor(a, _edit(text, "[00:00:20] Ana: Yes.", "[00:00:20] Ana: Oh yes.")).quote == "yes."


@pytest.mark.parametrize("layout", [SRT, MARKDOWN])
def test_highlight_made_on_plain_text_is_placed_on_another_layout(layout):
    plain = parse_text(PLAIN)
    other = parse_text(layout)
    assert other.format != plain.format
    a = _select(plain, 1, "been baking sourdough", last_words="never gets old")
    placed = reanchor(a, other)
    assert placed is not None and placed.quote == a.quote and placed.start_turn == 1
    assert other.turns[1].start_ms <= placed.start_ms < placed.end_ms <= other.turns[1].end_ms
    # Across a paragraph break that the other layout writes as a space.
    b = _select(plain, 0, "about bread.", last_words="It's a long")
    placed = reanchor(b, other)
    assert placed is not None and placed.quote == "about bread. It's a long"
    c = _select(plain, 0, "It's a long", 1, "I've been baking")
    assert reanchor(c, other).quote == c.quote


def test_case_whitespace_and_punctuation_only_differences_are_placed():
    a = _select(parse_text(PLAIN), 3, "Steam in the first twenty minutes, then a very hot oven.")
    edited = _edit(
        PLAIN,
        "Steam in the first twenty minutes, then a very hot oven.",
        "steam  in the first twenty minutes - then a VERY hot oven!",
    )
    placed = reanchor(a, edited)
    assert placed is not None and placed.quote == "steam  in the first twenty minutes - then a VERY hot oven!"


def test_selection_cut_mid_word_is_placed_loosely_mid_word_too():
    t = parse_text(PLAIN)
    start = t.turns[1].text.index("aking")
    a = make_anchor(t, 1, start, 1, start + len("aking sourdough for te"))
    placed = reanchor(a, _edit(PLAIN, "baking sourdough for ten", "BAKING SOURDOUGH FOR TEN"))
    assert placed is not None and placed.quote == "AKING SOURDOUGH FOR TE"


def test_transcript_at_the_start_and_end_with_short_context():
    t = parse_text(PLAIN)
    first = make_anchor(t, 0, 0, 0, 7)
    last = _select(t, 3, "very hot oven.")
    assert first.prefix == "" and last.suffix == ""
    edited = _edit(PLAIN, "Welcome back to", "Welcome right back to")
    assert reanchor(first, edited).quote == "Welcome"
    assert reanchor(last, _edit(PLAIN, "very hot oven.", "very hot oven!")).quote == "very hot oven!"


_texts = st.text(alphabet="ab \n.,'Xé", max_size=30)


@st.composite
def _transcript_and_selection(draw):
    texts = draw(st.lists(_texts, min_size=1, max_size=6))
    turns = tuple(
        Turn(draw(st.sampled_from(["A", "B", None])), i * 1000, i * 1000 + 1000, True, text)
        for i, text in enumerate(texts)
    )
    positions = [(i, o) for i, text in enumerate(texts) for o in range(len(text) + 1)]
    assume(len(positions) >= 2)
    first, second = draw(st.lists(st.sampled_from(positions), min_size=2, max_size=2, unique=True))
    return Transcript("test", None, (), turns), first, second


@settings(max_examples=300, deadline=None)
@given(_transcript_and_selection())
def test_make_then_reanchor_on_the_same_transcript_is_the_identity(case):
    transcript, first, second = case
    anchor = make_anchor(transcript, *first, *second)
    assert reanchor(anchor, transcript) == anchor
    assert len(anchor.prefix) <= CONTEXT_CHARS and len(anchor.suffix) <= CONTEXT_CHARS
    joined = "\n".join(t.text for t in transcript.turns)
    assert anchor.prefix + anchor.quote + anchor.suffix in joined


@settings(max_examples=300, deadline=None)
@given(_transcript_and_selection())
def test_a_turn_inserted_in_front_keeps_every_quote_that_can_be_told_apart(case):
    transcript, first, second = case
    anchor = make_anchor(transcript, *first, *second)
    assume(len(anchor.quote) >= SHORT_QUOTE or len(anchor.prefix) + len(anchor.suffix) >= MIN_AGREEMENT)
    shifted = transcript._replace(turns=(Turn("Host", 0, 0, True, "Welcome!"), *transcript.turns))
    placed = reanchor(anchor, shifted)
    assert placed is not None and placed.quote == anchor.quote
