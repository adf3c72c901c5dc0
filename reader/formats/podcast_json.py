"""Podcasting 2.0 JSON transcripts, the ``application/json`` kind a feed's
``<podcast:transcript>`` points to::

    {"version": "1.0.0",
     "segments": [{"speaker": "Dean", "startTime": 1.5, "endTime": 2.1, "body": "Hello"}]}

Hosts generate these by speech recognition, often with one word per segment,
so segments go through the same joining as subtitle cues
(:func:`cues.join_pieces`): readable turns, with every segment's time kept as
a mark. A segment without a speaker continues the speaker before it.

A file that is not JSON, or has no ``segments`` list, is refused with one
sentence. A single bad segment (a start that is not a number, a body that is
not text) is skipped with a warning, so one glitch does not lose the episode.
"""

from __future__ import annotations

import json
import math

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import Piece, cap_warnings, join_pieces
from reader.model import Draft
from reader.timecode import seconds_to_ms

#: Far beyond any episode; larger times are corrupt and would overflow as milliseconds.
_MAX_SECONDS = 1e7

_WHAT_TO_DO = "export the transcript again, or open its SRT, VTT or text version"


def parse(text: str) -> Draft:
    segments = _segments(_load(text))
    warnings: list[str] = []
    pieces = [p for number, s in enumerate(segments, start=1) if (p := _piece(s, number, warnings))]
    if not pieces:
        which = "its one segment lacks" if len(segments) == 1 else f"all {len(segments)} segments lack"
        raise TranscriptError(
            f"This JSON transcript cannot be read because {which} a numeric startTime or a text body; {_WHAT_TO_DO}."
        )
    turns = join_pieces(pieces)
    if not turns:
        raise TranscriptError(f"The segments in this JSON transcript hold no words; {_WHAT_TO_DO}.")
    return Draft(turns=turns, warnings=cap_warnings(warnings, "segments"))


def _load(text: str) -> object:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise TranscriptError(
            f"This JSON transcript is malformed at line {error.lineno}, column {error.colno} "
            f"({error.msg.lower()}); {_WHAT_TO_DO}."
        ) from None
    except (ValueError, RecursionError):
        # Numbers too long to convert, or nesting too deep to follow.
        raise TranscriptError(f"This JSON transcript cannot be read; {_WHAT_TO_DO}.") from None


def _segments(data: object) -> list:
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise TranscriptError(
            f'This JSON file has no "segments" list, so it is not a Podcasting 2.0 transcript; {_WHAT_TO_DO}.'
        )
    segments = data["segments"]
    if not segments:
        raise TranscriptError(f'This JSON transcript has an empty "segments" list; {_WHAT_TO_DO}.')
    return segments


def _piece(segment: object, number: int, warnings: list[str]) -> Piece | None:
    """The segment as a piece, or None with a warning saying why it was skipped."""
    if not isinstance(segment, dict):
        warnings.append(f"Segment {number} is not an object with startTime and body, and was skipped.")
        return None
    start = _seconds(segment.get("startTime"))
    if start is None:
        warnings.append(f"Segment {number} has no readable startTime and was skipped.")
        return None
    body = segment.get("body")
    if not isinstance(body, str):
        warnings.append(f"Segment {number} has no text body and was skipped.")
        return None
    speaker = segment.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        warnings.append(f"Segment {number} has a speaker that is not text, and was skipped.")
        return None
    end = _seconds(segment.get("endTime"))  # optional; an unreadable end is as good as none
    return Piece(
        start_ms=start,
        end_ms=end if end is not None and end >= start else None,
        text=body,
        speaker=(speaker or "").strip() or None,
    )


def _seconds(value: object) -> int | None:
    """Milliseconds for a JSON number of seconds; None for anything else.

    ``bool`` is an ``int`` in Python but never a time; NaN and infinities
    (which Python's JSON reader accepts) are not times either.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if not 0 <= value <= _MAX_SECONDS:
        return None
    return seconds_to_ms(value)


FORMAT = layouts.PODCAST_JSON
