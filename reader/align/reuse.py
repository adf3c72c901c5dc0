"""Re-aligning an edited transcript: keep the times of the words that did not change (issue 13).

When the user corrects a few words of a transcript already aligned to the
same audio, most of the alignment still holds. The old and new word lists
are matched (difflib); words in unchanged stretches keep their times,
except a word or two at each stretch's edge, where an edit may have moved
the boundary. What is left is a list of short spans, each between two kept
words whose times bound the audio it can be in: only those are aligned
again (:class:`reader.align.aligner.Aligner` with a plan), so an edit costs
seconds, not the whole episode again.
"""

from __future__ import annotations

from collections import namedtuple

from reader.align.result import AUDIO_WITHOUT_TEXT, Alignment, Gap

#: Words at each edge of an unchanged stretch that are aligned again with the change.
EDGE_WORDS = 2
#: Below this share of unchanged words, aligning afresh is simpler and as fast.
MIN_KEPT = 0.5


class Previous(namedtuple("Previous", "keys starts ends placed gaps")):
    """A finished alignment of earlier text to the same audio: its words' keys, times and gaps."""

    __slots__ = ()
    keys: list[str]
    starts: list[int]
    ends: list[int]
    placed: list[bool]
    gaps: list[Gap]

    @classmethod
    def of(cls, alignment: Alignment) -> Previous:
        return cls(
            [word.key for word in alignment.words],
            list(alignment.starts),
            list(alignment.ends),
            list(alignment.placed),
            list(alignment.gaps),
        )

    def to_json_dict(self) -> dict:
        return {
            "keys": self.keys,
            "starts": self.starts,
            "ends": self.ends,
            "placed": self.placed,
            "gaps": [list(gap) for gap in self.gaps],
        }

    @classmethod
    def from_json_dict(cls, data: dict) -> Previous:
        return cls(
            list(data["keys"]),
            list(data["starts"]),
            list(data["ends"]),
            [bool(flag) for flag in data["placed"]],
            [Gap(*gap) for gap in data["gaps"]],
        )


class Span(namedtuple("Span", "first stop start_ms end_ms")):
    """Words ``first``..``stop`` (exclusive) to align again, somewhere in ``start_ms``..``end_ms``.

    ``end_ms`` is None when no kept word follows: the span runs to the audio's end.
    """

    __slots__ = ()
    first: int
    stop: int
    start_ms: int
    end_ms: int | None


class Plan(namedtuple("Plan", "kept unplaced spans gaps")):
    """What an edited transcript keeps: times by new word index, the spans to align again, and the gaps."""

    __slots__ = ()
    kept: dict[int, tuple[int, int]]
    unplaced: set[int]
    spans: list[Span]
    gaps: list[Gap]


def plan(keys: list[str], previous: Previous) -> Plan | None:
    """How to re-align ``keys`` given an alignment of ``previous.keys``; None when too much changed."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(a=previous.keys, b=keys, autojunk=False)
    kept: dict[int, tuple[int, int]] = {}
    unplaced: set[int] = set()
    old_of: dict[int, int] = {}
    for old, new, size in matcher.get_matching_blocks():
        low = 0 if new == 0 and old == 0 else EDGE_WORDS
        high = size if new + size == len(keys) and old + size == len(previous.keys) else size - EDGE_WORDS
        for offset in range(low, high):
            old_of[new + offset] = old + offset
            if previous.placed[old + offset]:
                kept[new + offset] = (previous.starts[old + offset], previous.ends[old + offset])
            else:
                unplaced.add(new + offset)
    if len(old_of) < MIN_KEPT * len(keys):
        return None
    spans: list[Span] = []
    index = 0
    last_end = 0
    while index < len(keys):
        if index in old_of:
            if index in kept:
                last_end = kept[index][1]
            index += 1
            continue
        stop = index
        while stop < len(keys) and stop not in old_of:
            stop += 1
        after = next((kept[i][0] for i in range(stop, len(keys)) if i in kept), None)
        spans.append(Span(index, stop, last_end, after))
        index = stop
    return Plan(kept, unplaced, spans, _kept_gaps(previous, old_of, spans))


def _kept_gaps(previous: Previous, old_of: dict[int, int], spans: list[Span]) -> list[Gap]:
    """The old gaps whose words are all kept and whose audio no span will hear again, renumbered."""
    new_of = {old: new for new, old in old_of.items()}
    kept = []
    for gap in previous.gaps:
        first, last = new_of.get(gap.first_word), new_of.get(gap.last_word)
        if first is None or last is None:
            continue  # its words changed: aligning that span again finds it again if it is still there
        end = gap.end_ms if gap.kind == AUDIO_WITHOUT_TEXT else gap.start_ms
        if any(
            span.start_ms < end and gap.start_ms < (span.end_ms if span.end_ms is not None else end + 1)
            for span in spans
        ):
            continue
        kept.append(gap._replace(first_word=first, last_word=last))
    return kept
