"""What alignment gives back: a time for every word, and the stretches where audio and text part."""

from __future__ import annotations

from collections import namedtuple

AUDIO_WITHOUT_TEXT = "audio-without-text"
TEXT_WITHOUT_AUDIO = "text-without-audio"


class Gap(namedtuple("Gap", "start_ms end_ms kind first_word last_word")):
    """Audio that matches no text (an ad, music), or text with no audio (a cut).

    For audio without text, ``start_ms``/``end_ms`` bound the extra audio and
    ``first_word`` is the word that follows it. For text without audio,
    ``start_ms == end_ms`` is where in the audio the text is missing, and
    ``first_word``..``last_word`` are the missing words (inclusive).
    """

    __slots__ = ()
    start_ms: int
    end_ms: int
    kind: str
    first_word: int
    last_word: int

    def to_json_dict(self) -> dict:
        return {"start_ms": self.start_ms, "end_ms": self.end_ms, "kind": self.kind}


class Alignment:
    """Times for the transcript's words (see :mod:`reader.align.words`).

    ``starts``/``ends`` hold every word's time in ms (interpolated where the
    recogniser could not place a word); ``placed`` says which words were
    really found in the audio. ``complete`` is False for a partial result
    handed out while the rest is still being aligned: then only the first
    ``len(starts)`` words have times.
    """

    __slots__ = ("words", "starts", "ends", "placed", "gaps", "complete")

    def __init__(self, words, starts, ends, placed, gaps, complete: bool = True) -> None:
        self.words = words
        self.starts = starts
        self.ends = ends
        self.placed = placed
        self.gaps = gaps
        self.complete = complete

    @property
    def placed_fraction(self) -> float:
        return sum(self.placed) / len(self.placed) if self.placed else 0.0

    def to_json_dict(self) -> dict:
        """A compact, storable form; ``from_json_dict`` reads it back against the same words."""
        return {
            "starts": list(self.starts),
            "ends": list(self.ends),
            "placed": "".join("1" if flag else "0" for flag in self.placed),
            "gaps": [list(gap) for gap in self.gaps],
            "complete": self.complete,
        }

    @classmethod
    def from_json_dict(cls, words, data: dict) -> Alignment:
        return cls(
            words,
            list(data["starts"]),
            list(data["ends"]),
            [flag == "1" for flag in data["placed"]],
            [Gap(*gap) for gap in data["gaps"]],
            data.get("complete", True),
        )


class AlignmentFailed(Exception):
    """Alignment could not line this transcript up with this audio; ``str()`` is one sentence for the user."""
