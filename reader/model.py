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


class Span(namedtuple("Span", "offset start_ms end_ms")):
    """One timed piece of a turn, as the file (or the aligner) gave it.

    ``offset`` is where the piece starts in the turn's text; the piece runs to
    the next span's offset (or the end of the text). ``end_ms`` is None when
    the source only said when the piece starts (subtitle cues without ends).
    Word-timed sources give one span a word, so the word being said can be
    marked exactly instead of estimated from text length.
    """

    __slots__ = ()
    offset: int
    start_ms: int
    end_ms: int | None


#: How finely a transcript is timed, finest first: what ``inspect`` reports
#: as ``timing`` and what the word cursor can rely on.
TIMING_LEVELS = ("word", "cue", "turn", "none")


class Turn(namedtuple("Turn", "speaker start_ms end_ms timed text spans", defaults=((),))):
    """One stretch of speech.

    ``timed`` is False when ``start_ms`` was estimated rather than read.
    ``spans`` keeps the timed pieces the file gave inside the turn (words for
    word-timed sources, cues for subtitles), so joining pieces into one turn
    never throws away a time the source gave. Empty when the turn has only its
    own time. Paragraph breaks in ``text`` are single ``\\n`` characters.
    """

    __slots__ = ()
    speaker: str | None
    start_ms: int
    end_ms: int
    timed: bool
    text: str
    spans: tuple[Span, ...]

    def span_texts(self) -> list[str]:
        """Each span's piece of the text, stripped, in order."""
        offsets = [s.offset for s in self.spans]
        ends = offsets[1:] + [len(self.text)]
        return [self.text[a:b].strip() for a, b in zip(offsets, ends, strict=True)]


class Transcript(
    namedtuple("Transcript", "format title chapters turns warnings timing description", defaults=((), "turn", None))
):
    """A whole transcript. ``timing`` is the finest level of time the file
    gave, one of :data:`TIMING_LEVELS`. ``description`` is the episode's
    summary when the file carries one (front matter), else None."""

    __slots__ = ()
    format: str
    title: str | None
    chapters: tuple[Chapter, ...]
    turns: tuple[Turn, ...]
    warnings: tuple[str, ...]
    timing: str
    description: str | None

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
            "timing": self.timing,
            "turns": [_turn_json(t) for t in self.turns],
            "warnings": list(self.warnings),
        }


def _turn_json(turn: Turn) -> dict:
    shape: dict = {
        "speaker": turn.speaker,
        "start_ms": turn.start_ms,
        "end_ms": turn.end_ms,
        "timed": turn.timed,
        "text": turn.text,
    }
    if turn.spans:
        shape["spans"] = [
            {"start_ms": span.start_ms, "end_ms": span.end_ms, "text": text}
            for span, text in zip(turn.spans, turn.span_texts(), strict=True)
        ]
    return shape


class DraftTurn:
    """A turn as a parser read it: the start may be missing or out of order."""

    __slots__ = ("speaker", "start_ms", "text", "end_ms", "spans")

    def __init__(
        self,
        speaker: str | None,
        start_ms: int | None,
        text: str,
        end_ms: int | None = None,
        spans: list[Span] | None = None,
    ) -> None:
        self.speaker = speaker
        self.start_ms = start_ms
        self.text = text
        self.end_ms = end_ms
        self.spans = spans if spans is not None else []

    def __repr__(self) -> str:
        return f"DraftTurn({self.speaker!r}, {self.start_ms!r}, {self.text[:30]!r}, end_ms={self.end_ms!r})"


class Draft:
    """What a parser hands to :func:`reader.timeline.finalize`."""

    __slots__ = ("title", "chapters", "turns", "warnings", "span_level", "description")

    def __init__(
        self,
        title: str | None = None,
        chapters: list[Chapter] | None = None,
        turns: list[DraftTurn] | None = None,
        warnings: list[str] | None = None,
        span_level: str = "cue",
    ) -> None:
        self.title = title
        self.chapters = chapters if chapters is not None else []
        self.turns = turns if turns is not None else []
        self.warnings = warnings if warnings is not None else []
        #: What the turns' spans are when there are any: "word" or "cue".
        self.span_level = span_level
        #: The episode's summary, when the file gives one.
        self.description: str | None = None
