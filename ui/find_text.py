"""Find text in a transcript the way a reader expects: ignoring case and accents.

No Qt here, so the matching is tested on its own and stays fast to reason
about. Typing "cafe" finds "Café", "resume" finds "résumé", "strasse" finds
"Straße" and "don't" finds "don’t": text and query are both *folded*
(casefolded, decomposed with NFKD, combining marks dropped, typographic
quotes made plain) and compared folded.

Folding can change lengths ("ß" becomes "ss", a decomposed "é" loses its
mark), so each folded turn keeps a map back to the original offsets, and
every match is reported in offsets of the original turn text, ready for
``DocumentMap.position_of``.

A 10-hour transcript is folded once (:class:`SearchIndex`) into one string
with a separator between turns; each keystroke is then a scan of that string
in C, and matches are turned into (turn, start, end) only when asked for.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

#: A match: (turn index, start offset, end offset) in the turn's original text.
Match = tuple[int, int, int]

#: Typographic quotes folded to the keyboard's, as transcripts use both.
_PLAIN_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
#: Put between turns in the joined text: a query never holds it, so no match spans two turns.
_SEPARATOR = "\x00"


def fold_char(ch: str) -> str:
    """What one character compares as; may be empty (a lone accent) or longer ("ß")."""
    if ch in _PLAIN_QUOTES:
        return _PLAIN_QUOTES[ch]
    # Decompose again after casefolding: casefold can itself produce marks ("İ" -> "i" + dot).
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(_SEPARATOR, "")


_FOLDED: dict[str, str] = {}


def _folded_char(ch: str) -> str:
    """``fold_char`` remembered, and applied until it settles, so that what one
    character becomes is never changed again by folding another."""
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = fold_char(ch)
        for _ in range(3):
            again = "".join(map(fold_char, folded))
            if again == folded:
                break
            folded = again
        _FOLDED[ch] = folded
    return folded


def _fold_fast(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text``; the map is None when every character folds to exactly one
    (all ASCII, or accents on precomposed letters), which is nearly every turn.

    A turn holds only a handful of distinct non-ASCII characters (curly
    quotes, a few accents), so replacing each of them with ``str.replace``
    and lowering the rest runs in C; ``str.translate`` was 3 times slower.
    """
    if text.isascii():
        return text.lower(), None
    unusual = [ch for ch in set(text) if not ch.isascii()]
    folded = text
    for ch in unusual:
        replacement = _folded_char(ch)
        if replacement != ch:
            folded = folded.replace(ch, replacement)
    folded = folded.lower()  # only ASCII and already-folded characters are left
    if all(len(_folded_char(ch)) == 1 for ch in unusual):
        return folded, None
    return folded, _index_map(text)


def _index_map(text: str) -> list[int]:
    """For each folded character, the index of the original character it came from."""
    index_map: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            index_map.append(index)
        else:
            index_map.extend([index] * len(_folded_char(ch)))
    index_map.append(len(text))
    return index_map


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for comparison, and a map from folded indices to original ones.

    The map has ``len(folded) + 1`` entries; the last is ``len(text)``, so the
    end of a match at the end of the text maps back too.
    """
    folded, index_map = _fold_fast(text)
    return folded, index_map if index_map is not None else list(range(len(text) + 1))


class Matches(Sequence):
    """Every match of one query, in transcript order; each becomes a
    (turn, start, end) only when read, so a query found 300,000 times
    ("e") costs a list of integers and not 300,000 tuples."""

    def __init__(self, index: SearchIndex, hits: list[int], length: int) -> None:
        self._index, self._hits, self._length = index, hits, length

    def __len__(self) -> int:
        return len(self._hits)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        return self._index.match_at(self._hits[item], self._length)

    def count_before(self, turn: int, offset: int = 0) -> int:
        """How many matches start before ``offset`` in ``turn`` (0 to len)."""
        return bisect_left(self._hits, self._index.joined_position(turn, offset))

    def first_from(self, turn: int, offset: int = 0) -> int:
        """Index of the first match starting at or after ``offset`` in ``turn``,
        wrapping to the first match when none does; -1 when there are none."""
        if not self._hits:
            return -1
        found = self.count_before(turn, offset)
        return found if found < len(self._hits) else 0


class SearchIndex:
    """A transcript's turn texts folded once, searched many times."""

    def __init__(self, turn_texts: Sequence[str]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._maps: dict[int, list[int]] = {}
        position = 0
        for turn, text in enumerate(turn_texts):
            folded, index_map = _fold_fast(text)
            if index_map is not None:
                self._maps[turn] = index_map
            parts.append(folded)
            self._starts.append(position)
            position += len(folded) + len(_SEPARATOR)
        self._joined = _SEPARATOR.join(parts)

    def find(self, query: str) -> Matches:
        """All non-overlapping matches of ``query`` (as a browser finds them)."""
        needle = _fold_fast(query)[0]
        if not needle:
            return Matches(self, [], 0)
        hits = [m.start() for m in re.finditer(re.escape(needle), self._joined)]
        return Matches(self, hits, len(needle))

    def match_at(self, position: int, length: int) -> Match:
        """The match of ``length`` folded characters at ``position`` of the joined
        text, in original offsets. A match that ends inside a character that
        folded to several ("stras" in "Straße") takes in the whole character,
        and one followed by dropped marks takes those in too."""
        turn = bisect_right(self._starts, position) - 1
        start = position - self._starts[turn]
        end = start + length
        index_map = self._maps.get(turn)
        if index_map is None:
            return turn, start, end
        return turn, index_map[start], max(index_map[end - 1] + 1, index_map[end])

    def joined_position(self, turn: int, offset: int) -> int:
        """Where original ``offset`` of ``turn`` is in the joined folded text."""
        index_map = self._maps.get(turn)
        folded_offset = offset if index_map is None else bisect_left(index_map, offset)
        return self._starts[turn] + folded_offset


def find_all(turn_texts: Sequence[str], query: str) -> list[Match]:
    """Every match of ``query`` in ``turn_texts`` as (turn, start, end), in
    original offsets. For repeated searches keep a :class:`SearchIndex`."""
    return list(SearchIndex(turn_texts).find(query))
