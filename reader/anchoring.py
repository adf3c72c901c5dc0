"""Anchors for highlights: made from a selection, placed again when the transcript changes.

A highlight must never be lost, yet the transcript under it may be edited,
re-exported, or opened in another layout (plain text, SRT, Markdown). Turn
numbers and offsets are only a first guess; the quote and its context decide.
Placing tries, cheapest and surest first:

1. the old turn/offset still read the quote, with the same context;
2. the quote verbatim (turns inserted or removed): the occurrence whose
   surroundings agree most with the old context, then the nearest;
3. the quote's words in order, ignoring case, spacing and punctuation
   (another layout of the same episode);
4. difflib, between where the prefix and suffix are found (words edited);
5. 2 and 3 over the whole text, then a scan of windows (quote and context edited).

"Near" is where the anchor's time is spoken now; a highlight that cannot be
placed gets None, and the caller keeps it detached with its original anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher
from heapq import nlargest
from itertools import accumulate, islice
from os.path import commonprefix

from reader.keep import CONTEXT_CHARS, Anchor, Highlight
from reader.model import Transcript, Turn
from reader.timeline import offset_at_time, word_end_at, word_start_at

#: A fuzzy match needs this difflib ratio against the quote, case and
#: punctuation set aside. Measured on a real episode: one word changed in 5
#: scores >= 0.8 (98%), two in 10 (99%); unrelated passages score <= 0.55
#: (99th percentile). Below 0.8 the "same" passage is often a different
#: thought, and a detached highlight (quote and note kept) is better than one
#: lying on the wrong words.
MIN_SIMILARITY = 0.8
#: Quotes shorter than this ("yes", "I agree") recur everywhere, so moving
#: one needs MIN_AGREEMENT characters of its old context beside it.
SHORT_QUOTE = 20
MIN_AGREEMENT = 8
#: Characters either side of the old place searched before the whole text:
#: most edits move text a little, and each whole-text search costs ~1 ms.
NEARBY_CHARS = 50_000
#: Characters either side of the old place read by the last-resort scan.
SCAN_CHARS = 10_000
#: Scan windows (those holding most of the quote's words) compared by difflib,
#: and the word ratio below which one is not worth aligning.
SCAN_WINDOWS = 12
SCAN_FLOOR = 0.6
#: Quotes up to this length may also be judged by characters: difflib by
#: characters is quadratic (2 ms at 300 characters, 20 ms at 1,000).
CHAR_RATIO_LIMIT = 400
MAX_OCCURRENCES = 1_000  # keeps a one-letter quote in a 10-hour transcript cheap
LOOSE_HEAD_WORDS = 4  # words of a quote compiled into the regex finding loose candidates
PROBE_CHARS = 16  # when a whole prefix/suffix is not found, its end nearest the quote is tried

_Pos = tuple[int, int]
_Span = tuple[int, int]
_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[^\w\s]+")


def make_anchor(transcript: Transcript, start_turn: int, start_offset: int, end_turn: int, end_offset: int) -> Anchor:
    """The anchor of a selection; either end may come first, as the mouse went."""
    turns = transcript.turns
    start, end = sorted([(start_turn, start_offset), (end_turn, end_offset)])
    for turn, offset in (start, end):
        if not _valid(turns, (turn, offset)):
            raise ValueError(f"turn {turn} has no offset {offset}")
    if start == end:
        raise ValueError("an empty selection cannot be highlighted")
    return _anchor_at(turns, start, end)


def quote_speakers(transcript: Transcript, anchor: Anchor) -> tuple[str, ...]:
    """Distinct speakers of the turns whose characters the quote covers, in order.

    A selection ending at offset 0 of a turn (or starting at the end of one)
    takes none of its words, so that turn's speaker does not count."""
    turns = transcript.turns
    first, last = anchor.start_turn, anchor.end_turn
    if last > first and anchor.end_offset == 0:
        last -= 1
    if last > first and first < len(turns) and anchor.start_offset >= len(turns[first].text):
        first += 1
    seen = {t.speaker: None for t in turns[max(first, 0) : last + 1] if t.speaker is not None}
    return tuple(seen)


def reanchor(anchor: Anchor, transcript: Transcript) -> Anchor | None:
    """The anchor placed in ``transcript`` as it now reads, or None (detached)."""
    return _Placer(transcript).place(anchor)


def reanchor_all(highlights: list[Highlight], transcript: Transcript) -> tuple[list[Highlight], list[Highlight]]:
    """(placed, detached). Detached ones keep their original anchor, so the quote
    and note survive and a later, fixed transcript can place them again."""
    placer = _Placer(transcript)
    placed, detached = [], []
    for highlight in highlights:
        anchor = placer.place(highlight.anchor)
        if anchor is None:
            detached.append(highlight._replace(detached=True))
        else:
            placed.append(highlight._replace(anchor=anchor, detached=False))
    return placed, detached


def _valid(turns: tuple[Turn, ...], pos: _Pos) -> bool:
    return 0 <= pos[0] < len(turns) and 0 <= pos[1] <= len(turns[pos[0]].text)


def _anchor_at(turns: tuple[Turn, ...], start: _Pos, end: _Pos) -> Anchor:
    """The one place anchors are built, so making and re-placing always agree."""
    (st, so), (et, eo) = start, end
    quote = _between(turns, start, end)
    return Anchor(
        st,
        so,
        et,
        eo,
        quote,
        _before(turns, start),
        _after(turns, end),
        word_start_at(turns[st], so),
        word_end_at(turns[et], eo),
    )


def _between(turns: tuple[Turn, ...], start: _Pos, end: _Pos) -> str:
    (st, so), (et, eo) = start, end
    if st == et:
        return turns[st].text[so:eo]
    return "\n".join([turns[st].text[so:], *(t.text for t in turns[st + 1 : et]), turns[et].text[:eo]])


def _before(turns: tuple[Turn, ...], pos: _Pos, n: int = CONTEXT_CHARS) -> str:
    """Up to ``n`` characters before ``pos``, reading back across turns; local,
    so the fast path never joins the whole transcript."""
    turn, offset = pos
    parts = [turns[turn].text[max(0, offset - n) : offset]]
    size = len(parts[0])
    while size < n and turn > 0:
        turn -= 1
        parts.append(turns[turn].text[-n:])
        size += len(parts[-1]) + 1
    return "\n".join(reversed(parts))[-n:]


def _after(turns: tuple[Turn, ...], pos: _Pos, n: int = CONTEXT_CHARS) -> str:
    turn, offset = pos
    parts = [turns[turn].text[offset : offset + n]]
    size = len(parts[0])
    while size < n and turn + 1 < len(turns):
        turn += 1
        parts.append(turns[turn].text[:n])
        size += len(parts[-1]) + 1
    return "\n".join(parts)[:n]


class _Placer:
    """Places anchors in one transcript. The joined text is built once, lazily:
    most anchors take the fast path and never need it."""

    def __init__(self, transcript: Transcript) -> None:
        self.turns = transcript.turns
        self._text: str | None = None
        self._folded: str | None = None
        self.lowered = False
        self.starts: list[int] = []
        self.times: list[int] = []

    @property
    def text(self) -> str:
        """Turns joined by "\\n"; ``starts`` maps offsets in it back to turns."""
        if self._text is None:
            self._text = "\n".join(t.text for t in self.turns)
            self.starts = list(accumulate((len(t.text) + 1 for t in self.turns), initial=0))[:-1]
            self.times = [t.start_ms for t in self.turns]
        return self._text

    @property
    def folded(self) -> str:
        """The text lower-cased, when that keeps every offset (nearly always;
        when not, loose matching is case-sensitive)."""
        if self._folded is None:
            lowered = self.text.lower()
            self.lowered = len(lowered) == len(self.text)
            self._folded = lowered if self.lowered else self.text
        return self._folded

    def fold(self, s: str) -> str:
        return s.lower() if self.folded and self.lowered else s

    def place(self, a: Anchor) -> Anchor | None:
        if not self.turns or not a.quote:
            return None
        start, end = (a.start_turn, a.start_offset), (a.end_turn, a.end_offset)
        if _valid(self.turns, start) and _valid(self.turns, end) and start < end:
            now = (_between(self.turns, start, end), _before(self.turns, start), _after(self.turns, end))
            if now == (a.quote, a.prefix, a.suffix):
                return _anchor_at(self.turns, start, end)
        near = self._expected(a)
        span = (
            self._exact(a, near, True)
            or self._loose(a, near, True)
            or self._fuzzy(a, near)
            or self._exact(a, near, False)
            or self._loose(a, near, False)
            or self._scan(a, near)
        )
        return None if span is None else _anchor_at(self.turns, self._local(span[0]), self._local(span[1]))

    def _expected(self, a: Anchor) -> int:
        """Where the quote should be now: where its time is spoken. Times survive
        inserted turns and another layout of the episode (which cuts turns
        elsewhere, so old turn numbers can be far off)."""
        if not self.text:  # (also builds starts and times)
            return 0
        turn = max(0, bisect_right(self.times, a.start_ms) - 1)
        return self.starts[turn] + offset_at_time(self.turns[turn], a.start_ms)

    def _local(self, offset: int) -> _Pos:
        turn = bisect_right(self.starts, offset) - 1
        return turn, offset - self.starts[turn]

    def _reach(self, near: int, nearby: bool) -> _Span:
        return (max(0, near - NEARBY_CHARS), near + NEARBY_CHARS) if nearby else (0, len(self.text))

    def _exact(self, a: Anchor, near: int, nearby: bool) -> _Span | None:
        lo, hi = self._reach(near, nearby)
        return self._choose(a, [(at, at + len(a.quote)) for at in _occurrences(self.text, a.quote, lo, hi)], near)

    def _loose(self, a: Anchor, near: int, nearby: bool) -> _Span | None:
        """The quote's words in order, whatever the case, spacing or punctuation
        between them. A regex of the first words finds candidates in lower-cased
        text (so the engine skips ahead to the first word; re.I is 20 times
        slower), and a plain walk checks the rest: compiling a whole long
        quote would cost milliseconds."""
        words = _WORD.findall(self.fold(a.quote))
        if not words or (not nearby and max(words, key=len) not in self.folded):
            return None  # the longest word is missing: a cheap "nowhere" for lost quotes
        head, letters = re.compile(r"\W*".join(map(re.escape, words[:LOOSE_HEAD_WORDS]))), "".join(words)
        spans: list[_Span] = []
        for match in islice(head.finditer(self.folded, *self._reach(near, nearby)), MAX_OCCURRENCES):
            start, end = self._lead(a, match.start()), self._tail(a, match.start(), letters)
            if start is not None and end is not None:
                spans.append((start, end))
        return self._choose(a, spans, near)

    def _lead(self, a: Anchor, start: int) -> int | None:
        """Back over punctuation the quote opened with; never inside a word
        unless the selection began inside one."""
        if _PUNCT.match(a.quote.lstrip()):
            return self._widen(start, -1)
        if start > 0 and _WORD.match(self.text[start - 1]) and not _joined(a.prefix[-1:], a.quote[0]):
            return None
        return start

    def _tail(self, a: Anchor, at: int, letters: str) -> int | None:
        """The end of a loose match: ``letters`` (the quote's word characters)
        read in order from ``at``, skipping whatever is not a word character."""
        folded, done, size = self.folded, 0, len(self.folded)
        while done < len(letters):
            if at == size or (folded[at] != letters[done] and _WORD.match(folded[at])):
                return None
            done += folded[at] == letters[done]
            at += 1
        if _PUNCT.match(a.quote.rstrip()[-1:]):
            return self._widen(at, 1)
        if at < size and _WORD.match(folded[at]) and not _joined(a.quote[-1], a.suffix[:1]):
            return None
        return at

    def _widen(self, at: int, step: int) -> int:
        """``at`` moved over the punctuation before it (-1) or after it (1)."""
        look = -1 if step < 0 else 0
        while 0 < at + (step > 0) <= len(self.text) and _PUNCT.match(self.text[at + look]):
            at += step
        return at

    def _choose(self, a: Anchor, spans: list[_Span], near: int) -> _Span | None:
        """The span whose surroundings agree most with the old context, then the
        nearest; a short quote must bring some of its context along."""
        if not spans:
            return None
        agreement, _, start, end = max((self._agreement(a, s, e), -abs(s - near), s, e) for s, e in spans)
        if len(a.quote) < SHORT_QUOTE and agreement < MIN_AGREEMENT:
            return None
        return start, end

    def _agreement(self, a: Anchor, start: int, end: int) -> int:
        before = self.text[max(0, start - len(a.prefix)) : start]
        after = self.text[end : end + len(a.suffix)]
        return len(commonprefix((a.prefix[::-1], before[::-1]))) + len(commonprefix((a.suffix, after)))

    def _fuzzy(self, a: Anchor, near: int) -> _Span | None:
        """Edited words: judge the text between the found prefix and suffix, or
        what lines up with the quote just after the prefix or before the suffix."""
        reach = 2 * len(a.quote) + 16
        lo = self._probe((a.prefix, a.prefix[-PROBE_CHARS:]), near, True) if a.prefix else 0
        hi = self._probe((a.suffix, a.suffix[:PROBE_CHARS]), near + len(a.quote), False) if a.suffix else len(self.text)
        if lo is not None and hi is not None and lo < hi <= lo + reach and (span := self._judge(a.quote, lo, hi)):
            return span
        if lo is not None and (span := self._align(a.quote, lo, lo + reach)):
            return span
        return self._align(a.quote, max(0, hi - reach), hi) if hi is not None else None

    def _probe(self, needles: tuple[str, str], near: int, prefix: bool) -> int | None:
        """Where the found context nearest ``near`` ends (a prefix) or starts (a
        suffix). Only near: a quote both moved far and edited is let go."""
        for needle in dict.fromkeys(needles):
            shift = len(needle) if prefix else 0
            if hits := _occurrences(self.text, needle, *self._reach(near - shift, True)):
                return min(hits, key=lambda h: abs(h + shift - near)) + shift
        return None

    def _align(self, quote: str, lo: int, hi: int) -> _Span | None:
        """The words of ``text[lo:hi]`` that line up with the quote's, judged.
        By words: difflib by characters is quadratic and strays on common letters."""
        found = list(_WORD.finditer(self.folded, lo, hi))
        wanted = _WORD.findall(self.fold(quote))
        blocks = SequenceMatcher(None, [m.group() for m in found], wanted, autojunk=False).get_matching_blocks()[:-1]
        blocks = [b for b in blocks if b.size > 1] or blocks  # a lone "the" far off misleads the edges
        if not blocks:
            return None
        first, last = blocks[0], blocks[-1]
        i, j = max(0, first.a - first.b), min(len(found), last.a + len(wanted) - last.b)
        return self._judge(quote, found[i].start(), found[j - 1].end())

    def _scan(self, a: Anchor, near: int) -> _Span | None:
        """Last resort for quotes long enough not to match by chance (context
        and quote both edited): quote-sized word windows near the old place."""
        wanted = _WORD.findall(self.fold(a.quote))
        if len(a.quote) < SHORT_QUOTE or not wanted:
            return None
        lo = max(0, near - SCAN_CHARS)
        words, size, vocabulary = _WORD.findall(self.folded, lo, near + SCAN_CHARS), len(wanted), set(wanted)
        hits = list(accumulate((w in vocabulary for w in words), initial=0))  # quote words before each
        starts = range(0, max(0, len(words) - size) + 1, max(1, size // 4))
        likely = nlargest(SCAN_WINDOWS, starts, key=lambda at: hits[min(at + size, len(words))] - hits[at])
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(wanted)  # difflib indexes the second sequence once
        best, best_at = SCAN_FLOOR, None
        for at in likely:
            matcher.set_seq1(words[at : at + size])
            if (ratio := matcher.ratio()) > best:
                best, best_at = ratio, at
        if best_at is None:
            return None
        first, last = max(0, best_at - size // 4), min(len(words), best_at + size + size // 4)
        found = list(islice(_WORD.finditer(self.folded, lo), first, last))
        return self._align(a.quote, found[0].start(), found[-1].end())

    def _judge(self, quote: str, start: int, end: int) -> _Span | None:
        """Take the punctuation the quote had at its ends, trim spaces, and
        accept only a close enough match."""
        start = self._widen(start, -1) if _PUNCT.match(quote.lstrip()) else start
        end = self._widen(end, 1) if _PUNCT.match(quote.rstrip()[-1:]) else end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end > start and _similarity(quote, self.text[start:end]) >= MIN_SIMILARITY:
            return start, end
        return None


def _occurrences(text: str, needle: str, lo: int, hi: int) -> list[int]:
    found: list[int] = []
    at = text.find(needle, lo, hi + len(needle))
    while at >= 0 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(needle, at + 1, hi + len(needle))
    return found


def _joined(left: str, right: str) -> bool:
    """Whether two characters sit inside one word: a selection cut there began or ended mid-word."""
    return bool(_WORD.fullmatch(left + right)) and len(left + right) == 2


def _similarity(quote: str, found: str) -> float:
    """difflib's ratio with case and punctuation set aside. By words first (fast,
    and fair to long quotes); by characters when that falls short on a quote
    short enough for it, where one changed word should cost its letters rather
    than a whole word."""
    a, b = (_WORD.findall(s.casefold()) for s in (quote, found))
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if ratio < MIN_SIMILARITY and len(quote) <= CHAR_RATIO_LIMIT:
        ratio = max(ratio, SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False).ratio())
    return ratio
