"""What every JSON transcript layout needs: loading, times, speaker names, words.

Speech recognisers (Whisper and its offshoots, Deepgram, AssemblyAI, AWS
Transcribe, Rev.ai) write JSON of many shapes, but the same few things go
wrong with them and the same few things must be made readable, so the layout
modules share this one place:

- :func:`load_json` turns a syntax error into one sentence that names the
  layout the user opened ("This Whisper file is cut off ..."), never the
  parser's jargon.
- :func:`seconds_ms` / :func:`whole_ms` read a time defensively: booleans,
  NaN, negative or absurd values are "no time", never a crash.
- :class:`Words` collects timed words (or segments) and glues untimed
  punctuation to the word before it, so a span always covers whole words.
- :func:`readable_speakers` turns recogniser labels (``SPEAKER_00``,
  ``spk_1``, ``0``, ``"A"``) into what a reader expects (``Speaker 1``,
  ``Speaker 2``, ``Speaker A``).
"""

from __future__ import annotations

import json
import math
import re

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import Piece, join_pieces
from reader.formats.layouts import looks_like_json as looks_like_json
from reader.formats.layouts import opens_a_list as opens_a_list
from reader.model import Draft
from reader.timecode import seconds_to_ms

#: Far beyond any episode; larger times are corrupt and would overflow as milliseconds.
MAX_SECONDS = 1e7

#: Machine labels counted from zero: ``SPEAKER_00``, ``spk_1``, ``0``.
_NUMBERED = re.compile(r"(?:speaker_|spk_)?(\d{1,4})", re.IGNORECASE)
_LETTER = re.compile(r"[A-Z]", re.IGNORECASE)


def load_json(text: str, layout: str, what_to_do: str) -> object:
    """The parsed document, or a TranscriptError naming ``layout``.

    ``what_to_do`` ends the sentence ("export it again from Whisper").
    """
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        # A string left open runs to the end of the text: the file was cut there too.
        if error.pos >= len(text.rstrip()) - 1 or error.msg.startswith("Unterminated string"):
            raise TranscriptError(f"This {layout} file is cut off before its end ({where}); {what_to_do}.") from None
        raise TranscriptError(f"This {layout} file is damaged at {where}; {what_to_do}.") from None
    except (ValueError, RecursionError):
        # Numbers too long to convert, or nesting too deep to follow.
        raise TranscriptError(f"This {layout} file cannot be read; {what_to_do}.") from None


def seconds_ms(value: object) -> int | None:
    """Milliseconds for seconds given as a JSON number (or a numeric string,
    as AWS writes them); None for anything that is not a usable time.

    ``bool`` is an ``int`` in Python but never a time; NaN and infinities
    (which Python's JSON reader accepts) are not times either.
    """
    kind = type(value)
    if kind is float or kind is int:  # the common case, first: a word file has 100,000 of them
        number: float = value  # type: ignore[assignment]  # the type check above, which mypy cannot follow
        return seconds_to_ms(number) if 0 <= number <= MAX_SECONDS else None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if not 0 <= value <= MAX_SECONDS:
        return None
    return seconds_to_ms(value)


def whole_ms(value: object) -> int | None:
    """Milliseconds given as a JSON number of milliseconds (AssemblyAI, whisper.cpp)."""
    seconds = seconds_ms(value)
    return None if seconds is None else int(round(seconds / 1000))


def text_of(value: object) -> str | None:
    """A JSON string, or None for anything else."""
    return value if isinstance(value, str) else None


class Words:
    """Timed pieces in reading order, with untimed bits glued to the one before.

    Recognisers give punctuation and unaligned words (WhisperX leaves
    numbers unaligned, AWS gives punctuation no time) without times; gluing
    them to the previous piece keeps every time the file gave and loses no
    text.
    """

    def __init__(self) -> None:
        self._pieces: list[Piece] = []
        self._orphans: list[str] = []  # untimed text before the first timed piece
        self._glued: list[str] = []  # untimed text after the last piece, joined to it on the next flush
        self.skipped = 0
        #: Whether any piece is a whole segment rather than one word's time.
        self.has_segments = False

    @property
    def pieces(self) -> list[Piece]:
        """The pieces so far, with any untimed text glued on."""
        self._flush()
        return self._pieces

    def add(self, start_ms: int | None, end_ms: int | None, text: str | None, speaker: object = None) -> None:
        if text is None or not text.strip():
            return
        if start_ms is None:
            self.glue(text)
            return
        if self._glued:
            self._flush()
        if end_ms is not None and end_ms < start_ms:
            end_ms = None
        if self._orphans:
            text = " ".join([*self._orphans, text.strip()])
            self._orphans = []
        self._pieces.append(Piece(start_ms, end_ms, text, speaker))

    def add_word(self, word: dict, spoken: str | None, fallback_speaker: object = None) -> None:
        """A word object with ``start``/``end`` in seconds and perhaps its own
        ``speaker`` (else ``fallback_speaker``: the segment's, the channel's)."""
        speaker = speaker_label(word.get("speaker"))
        self.add(
            seconds_ms(word.get("start")),
            seconds_ms(word.get("end")),
            spoken,
            speaker if speaker is not None else fallback_speaker,
        )

    def glue(self, text: str) -> None:
        """Untimed text: joined to the piece before (with no space before
        punctuation), or held for the first timed piece. Gathered in a list
        and joined once, so thousands of marks in a row cost no more than
        thousands of words."""
        words = text.strip()
        if not words:
            return
        if not self._pieces:
            self._orphans.append(words)
        else:
            self._glued.append(words if _is_punctuation(words) else " " + words)

    def _flush(self) -> None:
        if not self._glued:
            return
        last = self._pieces[-1]
        added = "".join(self._glued)
        # An unaligned word's time lies somewhere before the next piece: the end no longer holds.
        end_ms = last.end_ms if all(_is_punctuation(g) for g in self._glued) else None
        self._pieces[-1] = last._replace(text=last.text.rstrip() + added, end_ms=end_ms)
        self._glued = []


def _is_punctuation(text: str) -> bool:
    return all(not char.isalnum() for char in text)


def readable_speakers(pieces: list[Piece]) -> list[Piece]:
    """Pieces with the recogniser's speaker labels made readable.

    Recognisers number voices from 0 (WhisperX ``SPEAKER_00``, AWS
    ``spk_0``, Deepgram and Rev.ai ``0``), but nobody calls the first voice
    "speaker zero", so those become ``Speaker 1``, ``Speaker 2`` ...
    always shifted by one, so a label means the same person in every file of
    a series. A single letter (AssemblyAI's ``A``) becomes ``Speaker A``.
    Anything else (``Speaker 3``, a name someone gave) is kept as written.
    """
    names: dict[object, str | None] = {}
    readable = []
    for piece in pieces:
        if piece.speaker is None:
            readable.append(piece)
            continue
        if piece.speaker not in names:
            names[piece.speaker] = _readable(piece.speaker)
        readable.append(piece._replace(speaker=names[piece.speaker]))
    return readable


def _readable(label: object) -> str | None:
    text = " ".join(str(label).split())
    if number := _NUMBERED.fullmatch(text):
        return f"Speaker {int(number[1]) + 1}"
    if _LETTER.fullmatch(text):
        return f"Speaker {text.upper()}"
    return text or None


def speaker_label(value: object) -> object:
    """A speaker as a file gives it, if it is one (text or a whole number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or isinstance(value, str) and value.strip():
        return value
    return None


def draft_from(words: Words, layout: str, what_to_do: str, warnings: list[str] | None = None) -> Draft:
    """Readable turns from the collected pieces; refuses when there are no words at all.

    The spans are words when the file gave word times; when some pieces are
    whole segments, only when every piece is one word anyway (Hugging Face
    word chunks, whisper.cpp run with one word per segment).
    """
    pieces = readable_speakers(words.pieces)
    turns = join_pieces(pieces)
    if not turns:
        raise TranscriptError(f"This {layout} file holds no spoken words; {what_to_do}.")
    word_level = not words.has_segments or all(len(p.text.split()) == 1 for p in pieces)
    return Draft(turns=turns, warnings=warnings or [], span_level="word" if word_level else "cue")


KNOWN = "Whisper, whisper.cpp, Hugging Face, Deepgram, AssemblyAI, Amazon Transcribe, Rev.ai and Podcasting 2.0"


def parse_other(text: str) -> Draft:
    """Any other JSON: refused with a sentence that names what the app reads,
    rather than the text layouts' "no timestamps and no speaker names"."""
    load_json(text, "JSON", "export the transcript again")
    raise TranscriptError(
        f"This JSON file is not a transcript layout the app knows (it reads {KNOWN} JSON); "
        "export the transcript as SRT, VTT or text and open that."
    )


#: Last of the JSON layouts in the registry: whatever JSON none of them took.
OTHER_JSON = layouts.OTHER_JSON
