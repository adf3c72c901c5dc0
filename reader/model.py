"""The transcript as the rest of the app sees it: plain, immutable values.

Parsers do not build these directly. They fill a :class:`Draft`, which may
hold missing or out-of-order stamps, and :func:`reader.timeline.finalize`
turns it into a :class:`Transcript` whose times obey the rules every other
part of the app relies on (starts never go backwards, every turn has a start
and an end).

The values are named tuples rather than dataclasses: a 10-hour transcript
makes thousands of them, and ``inspect`` must start in a few milliseconds
(``dataclasses`` pulls in ``inspect``, which alone costs about 10 ms).
"""

from __future__ import annotations

from collections import namedtuple


class Chapter(namedtuple("Chapter", "start_ms title")):
    __slots__ = ()
    start_ms: int
    title: str


class Turn(namedtuple("Turn", "speaker start_ms end_ms timed text marks", defaults=((),))):
    """One stretch of speech.

    ``timed`` is False when ``start_ms`` was estimated rather than read.
    ``marks`` keeps the times of pieces that were joined into this turn
    (subtitle cues, one-word JSON segments) as ``(char_offset, start_ms)``
    pairs, so joining never throws away a time the source gave.
    Paragraph breaks in ``text`` are single ``\\n`` characters.
    """

    __slots__ = ()
    speaker: str | None
    start_ms: int
    end_ms: int
    timed: bool
    text: str
    marks: tuple[tuple[int, int], ...]


class Transcript(namedtuple("Transcript", "format title chapters turns warnings", defaults=((),))):
    __slots__ = ()
    format: str
    title: str | None
    chapters: tuple[Chapter, ...]
    turns: tuple[Turn, ...]
    warnings: tuple[str, ...]

    @property
    def speakers(self) -> list[str]:
        """Named speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            if turn.speaker is not None:
                seen.setdefault(turn.speaker, None)
        return list(seen)

    @property
    def duration_ms(self) -> int:
        return self.turns[-1].end_ms if self.turns else 0

    def to_json_dict(self) -> dict:
        """The shape promised by ``transcript-reader inspect --json``."""
        return {
            "format": self.format,
            "title": self.title,
            "chapters": [{"start_ms": c.start_ms, "title": c.title} for c in self.chapters],
            "turns": [
                {"speaker": t.speaker, "start_ms": t.start_ms, "end_ms": t.end_ms, "timed": t.timed, "text": t.text}
                for t in self.turns
            ],
            "warnings": list(self.warnings),
        }


class DraftTurn:
    """A turn as a parser read it: the start may be missing or out of order."""

    __slots__ = ("speaker", "start_ms", "text", "end_ms", "marks")

    def __init__(
        self,
        speaker: str | None,
        start_ms: int | None,
        text: str,
        end_ms: int | None = None,
        marks: list[tuple[int, int]] | None = None,
    ) -> None:
        self.speaker = speaker
        self.start_ms = start_ms
        self.text = text
        self.end_ms = end_ms
        self.marks = marks if marks is not None else []

    def __repr__(self) -> str:
        return f"DraftTurn({self.speaker!r}, {self.start_ms!r}, {self.text[:30]!r}, end_ms={self.end_ms!r})"


class Draft:
    """What a parser hands to :func:`reader.timeline.finalize`."""

    __slots__ = ("title", "chapters", "turns", "warnings")

    def __init__(
        self,
        title: str | None = None,
        chapters: list[Chapter] | None = None,
        turns: list[DraftTurn] | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        self.title = title
        self.chapters = chapters if chapters is not None else []
        self.turns = turns if turns is not None else []
        self.warnings = warnings if warnings is not None else []
