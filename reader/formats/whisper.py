"""Whisper and the tools built on it: the files most people's transcripts are.

Shapes read (each from the tool's own documentation and output):

- **openai-whisper** ``--output_format json``::

      {"text": "...", "language": "en",
       "segments": [{"start": 0.0, "end": 10.38, "text": " And so ...",
                     "words": [{"word": " And", "start": 0.0, "end": 0.3, "probability": 0.9}]}]}

  (``words`` only with ``--word_timestamps True``). faster-whisper scripts
  write the same segments, as a bare list or under ``"segments"``;
  **whisper-timestamped** writes words as ``{"text", "start", "end",
  "confidence"}``; **WhisperX** adds ``"speaker": "SPEAKER_00"`` to segments
  and words, may leave a word (often a number) without times, and adds a
  flat ``word_segments`` list. OpenAI's hosted API (``verbose_json``) writes
  ``{"task": "transcribe", "text", "segments"?, "words"?}``, words listed
  apart from the segments.
- **whisper.cpp** ``-oj`` / ``-ojf``: ``{"transcription": [{"timestamps":
  {"from": "00:00:00,000", "to": ...}, "offsets": {"from": 0, "to": 11000},
  "text": "...", "tokens": [...]}]}``; ``offsets`` are milliseconds and
  ``-ojf`` adds per-token times, which are joined back into words.
- **Hugging Face** ``pipeline("automatic-speech-recognition",
  return_timestamps=True | "word")``: ``{"text", "chunks": [{"text",
  "timestamp": [start, end]}]}``; the last end may be ``null``.
- **Whisper's** ``.tsv``: a ``start\\tend\\ttext`` header, then one segment a
  line with integer milliseconds.

Word times, when the file has them, become the turns' spans (one a word), so
the reading cursor marks the word being said exactly. Segments and chunks
become cue spans. A segment without a usable start keeps its words (joined to
the segment before) and is reported once in a warning.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import Piece
from reader.formats.json_common import (
    Words,
    draft_from,
    load_json,
    seconds_ms,
    speaker_label,
    text_of,
    whole_ms,
)
from reader.model import Draft
from reader.timecode import parse_clock

WHISPER = "Whisper"
WHISPER_CPP = "whisper.cpp"
HUGGING_FACE = "Hugging Face speech recognition"
_AGAIN = "transcribe the audio again, or open the .srt or .vtt file made with it"


def parse(text: str) -> Draft:
    data = load_json(text, _layout_of(text), _AGAIN)
    if isinstance(data, dict) and "transcription" in data:
        return _whisper_cpp(data["transcription"])
    if isinstance(data, dict) and "chunks" in data:
        return _hugging_face(data["chunks"])
    if isinstance(data, dict):
        segments = data.get("segments")
        flat_words = _flat_words(data)
        if flat_words and not _segments_have_words(segments):
            segments = [{"words": flat_words}]
    else:
        segments = data
    return _segments(segments)


def _flat_words(data: dict) -> list | None:
    """Words listed apart from the segments: WhisperX's ``word_segments``, or
    ``words`` in OpenAI's hosted API (``verbose_json`` with word timestamps)."""
    for key in ("word_segments", "words"):
        words = data.get(key)
        if isinstance(words, list) and any(isinstance(w, dict) for w in words):
            return words
    return None


def _segments_have_words(segments: object) -> bool:
    return isinstance(segments, list) and any(
        isinstance(s, dict) and isinstance(s.get("words"), list) for s in segments
    )


def _layout_of(text: str) -> str:
    """The tool to name when even the JSON is broken: only the text is there."""
    head = text[:4096]
    if '"transcription"' in head:
        return WHISPER_CPP
    if '"chunks"' in head:
        return HUGGING_FACE
    return WHISPER


# -- openai-whisper, faster-whisper, whisper-timestamped, WhisperX ------------


def _segments(segments: object) -> Draft:
    if not isinstance(segments, list) or not segments:
        raise TranscriptError(f"This {WHISPER} file has no list of timed segments; {_AGAIN}.")
    words = Words()
    for segment in segments:
        if not isinstance(segment, dict):
            words.skipped += 1
            continue
        speaker = speaker_label(segment.get("speaker"))
        timed_words = segment.get("words")
        if isinstance(timed_words, list) and any(isinstance(w, dict) for w in timed_words):
            _add_words(words, timed_words, speaker)
            continue
        start = seconds_ms(segment.get("start"))
        if start is None and text_of(segment.get("text")):
            words.skipped += 1
        words.has_segments = True
        words.add(start, seconds_ms(segment.get("end")), text_of(segment.get("text")), speaker)
    return _draft(words, WHISPER, len(segments))


def _add_words(words: Words, timed_words: list, segment_speaker: object) -> None:
    for word in timed_words:
        if not isinstance(word, dict):
            continue
        spoken = text_of(word.get("word"))
        words.add_word(word, spoken if spoken is not None else text_of(word.get("text")), segment_speaker)


def _draft(words: Words, layout: str, count: int) -> Draft:
    if not words.pieces:
        which = "its one segment has" if count == 1 else f"none of its {count} segments has"
        raise TranscriptError(f"This {layout} file cannot be read because {which} a start time and words; {_AGAIN}.")
    warnings = []
    if words.skipped:
        many = "1 segment" if words.skipped == 1 else f"{words.skipped} segments"
        warnings.append(
            f"{many} in this {layout} file had no usable start time or was not a segment; "
            "any words in it were joined to the segment before."
        )
    return draft_from(words, layout, _AGAIN, warnings)


# -- whisper.cpp ---------------------------------------------------------------


def _whisper_cpp(transcription: object) -> Draft:
    if not isinstance(transcription, list) or not transcription:
        raise TranscriptError(f"This {WHISPER_CPP} file has an empty transcription; {_AGAIN}.")
    words = Words()
    for segment in transcription:
        if not isinstance(segment, dict):
            words.skipped += 1
            continue
        tokens = segment.get("tokens")
        if isinstance(tokens, list) and any(_token_text(t) for t in tokens):
            _add_tokens(words, tokens)
            continue
        start, end = _cpp_times(segment)
        if start is None:
            words.skipped += 1
        words.has_segments = True
        words.add(start, end, text_of(segment.get("text")))
    return _draft(words, WHISPER_CPP, len(transcription))


def _cpp_times(item: dict) -> tuple[int | None, int | None]:
    """``offsets`` (milliseconds) when present, else the ``timestamps`` clocks."""
    offsets = item.get("offsets")
    if isinstance(offsets, dict) and whole_ms(offsets.get("from")) is not None:
        return whole_ms(offsets.get("from")), whole_ms(offsets.get("to"))
    stamps = item.get("timestamps")
    if not isinstance(stamps, dict):
        return None, None
    return _clock(stamps.get("from")), _clock(stamps.get("to"))


def _clock(value: object) -> int | None:
    try:
        return parse_clock(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _token_text(token: object) -> str | None:
    """A token's text, or None for whisper.cpp's markers such as ``[_BEG_]``."""
    if not isinstance(token, dict):
        return None
    text = text_of(token.get("text"))
    if not text or text.startswith("[_") and text.endswith("]"):
        return None
    return text


def _add_tokens(words: Words, tokens: list) -> None:
    """Tokens are pieces of words; one that opens with a space starts a word."""
    start: int | None = None
    end: int | None = None
    parts: list[str] = []  # the word being built
    for token in tokens:
        text = _token_text(token)
        if text is None:
            continue
        token_start, token_end = _cpp_times(token)
        if parts and not text[:1].isspace():
            end = token_end if token_end is not None else end
            parts.append(text)
            continue
        if parts:
            words.add(start, end, "".join(parts))
        start, end, parts = token_start, token_end, [text]
    if parts:
        words.add(start, end, "".join(parts))


# -- Hugging Face pipeline -------------------------------------------------------


def _hugging_face(chunks: object) -> Draft:
    if not isinstance(chunks, list) or not chunks:
        raise TranscriptError(f"This {HUGGING_FACE} file has no timed chunks of text; {_AGAIN}.")
    words = Words()
    words.has_segments = True  # chunks are words only when each holds one (see draft_from)
    for chunk in chunks:
        chunk = chunk if isinstance(chunk, dict) else {}
        stamp = chunk.get("timestamp")
        start, end = (seconds_ms(stamp[0]), seconds_ms(stamp[1])) if _pair(stamp) else (None, None)
        if start is None:
            words.skipped += 1
        words.add(start, end, text_of(chunk.get("text")))
    return _draft(words, HUGGING_FACE, len(chunks))


def _pair(stamp: object) -> TypeGuard[list]:
    return isinstance(stamp, list) and len(stamp) == 2


# -- Whisper .tsv ------------------------------------------------------------------

#: One segment a line: whole milliseconds (at most 115 days), then the words.
_TSV_ROW = re.compile(r"^[ \t]*([0-9]{1,10})[ ]*\t[ ]*([0-9]{0,10})[ ]*\t(.*?)\r?$", re.MULTILINE)


def parse_tsv(text: str) -> Draft:
    """Rows are found by one pattern over the whole text (a crafted file may
    hold 300,000 of them in 2 MB); lines that fit no row are counted apart."""
    body = text.lstrip("\ufeff").lstrip("\r\n").partition("\n")[2]
    words = Words()
    words.has_segments = True
    pieces = words.pieces  # one piece a row, no gluing: built directly, as this is the hot loop
    pieces.extend(Piece(start, end if end >= start else None, row[2], None) for row, start, end in _rows(body))
    lines = sum(1 for line in body.splitlines() if line.strip())
    if not pieces:
        raise TranscriptError(
            f"This Whisper .tsv file has no lines of start time, end time and text after its header; {_AGAIN}."
        )
    warnings = [_bad_rows(body)] if lines > len(pieces) else []
    return draft_from(words, "Whisper .tsv", _AGAIN, warnings)


def _rows(body: str):
    for row in _TSV_ROW.findall(body):
        start = int(row[0])
        yield row, start, int(row[1]) if row[1] else -1


def _bad_rows(body: str) -> str:
    """The warning for lines that are not ``start<TAB>end<TAB>text`` (rare: found line by line)."""
    bad = [
        number
        for number, line in enumerate(body.splitlines(), start=2)
        if line.strip() and not _TSV_ROW.fullmatch(line)
    ]
    shown = ", ".join(map(str, bad[:5])) + (" …" if len(bad) > 5 else "")
    if len(bad) == 1:
        return f"Line {shown} has no start time in milliseconds and was skipped."
    return f"{len(bad)} lines (lines {shown}) have no start time in milliseconds and were skipped."


FORMAT = layouts.WHISPER_JSON
TSV = layouts.WHISPER_TSV
