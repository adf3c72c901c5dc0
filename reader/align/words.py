"""The transcript as a list of words, each pointing back into its turn's text.

The aligner works on words; the app marks words in the text. Keeping each
word's turn index and character offset lets an aligned time be shown on
exactly the characters it belongs to.
"""

from __future__ import annotations

import re
from collections import namedtuple

#: A word: letters and digits, with inner apostrophes, hyphens and dots
#: ("don't", "read-along", "U.S.") kept inside one word.
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?", re.UNICODE)


class Word(namedtuple("Word", "turn offset text key")):
    """``key`` is the spelling the recogniser's dictionary uses (lower case, plain apostrophe)."""

    __slots__ = ()
    turn: int
    offset: int
    text: str
    key: str


def normalise(text: str) -> str:
    """The dictionary's spelling of a word as written: lower case, ASCII apostrophe, no end dot."""
    key = text.lower().replace("’", "'")
    if key.endswith(".") and key.count(".") == 1:
        key = key[:-1]
    return key.strip("'")


def transcript_words(texts) -> list[Word]:
    """Every word of every turn, in reading order; ``texts`` is one string per turn."""
    words = []
    for turn, text in enumerate(texts):
        for match in WORD.finditer(text):
            raw = match.group()
            if raw.endswith(".") and raw.count(".") == 1:
                raw = raw[:-1]  # a sentence's full stop, not part of the word
            key = normalise(raw)
            if key:
                words.append(Word(turn, match.start(), raw, key))
    return words
