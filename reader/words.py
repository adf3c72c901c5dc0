"""Word edges: a quote made from a dragged selection starts and ends on whole
words, so a saved highlight never reads "e near the start, … more on"."""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Turn


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-_"


def snap_to_words(
    turns: Sequence[Turn], start_turn: int, start_offset: int, end_turn: int, end_offset: int
) -> tuple[int, int, int, int]:
    """The span widened to whole words at both ends: a start inside a word
    moves back to the word's first letter, an end inside one moves on to its
    last. Spaces and punctuation at the edges are left where they are."""
    start_text, end_text = turns[start_turn].text, turns[end_turn].text
    start_offset = max(0, min(start_offset, len(start_text)))
    end_offset = max(0, min(end_offset, len(end_text)))
    if 0 < start_offset < len(start_text) and _is_word_char(start_text[start_offset]):
        while start_offset > 0 and _is_word_char(start_text[start_offset - 1]):
            start_offset -= 1
    if 0 < end_offset < len(end_text) and _is_word_char(end_text[end_offset - 1]):
        while end_offset < len(end_text) and _is_word_char(end_text[end_offset]):
            end_offset += 1
    return start_turn, start_offset, end_turn, end_offset


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """(start, end) of the word at ``offset`` in ``text``; None between words."""
    if not 0 <= offset < len(text) or not _is_word_char(text[offset]):
        if 0 < offset <= len(text) and _is_word_char(text[offset - 1]):
            offset -= 1
        else:
            return None
    start, end = offset, offset + 1
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    return start, end
