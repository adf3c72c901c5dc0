"""The app's own JSON: what ``transcript-reader inspect --json`` and
``transcript-reader align --json`` print, read back as a transcript.

People keep an alignment result (``align --json > episode.aligned.json``) to
open it later without aligning again, so the shape promised in the README
must open in the app::

    {"format": "srt", "title": null, "chapters": [{"start_ms": 0, "title": "Intro"}],
     "timing": "word",
     "turns": [{"speaker": "Ana", "start_ms": 0, "end_ms": 1800, "timed": true, "text": "Hello there.",
                "spans": [{"start_ms": 0, "end_ms": 400, "text": "Hello"}, ...]}],
     "warnings": [], "gaps": [...]}

Every time is integer milliseconds. A span's text is found in its turn's text
in order, which gives back the span's offset. A turn that was not ``timed``
gets its start estimated again, as when the source was first read. ``gaps``
(align's stretches the aligner could not place) and ``chapters_from`` are
left aside: they describe the run that wrote the file, not the transcript.

A file that breaks the shape is refused with one sentence naming it; a single
bad turn is skipped with a warning, so one hand edit does not lose the episode.
"""

from __future__ import annotations

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import cap_warnings
from reader.formats.json_common import load_json, text_of
from reader.model import Chapter, Draft, DraftTurn, Span

LAYOUT = "Transcript Reader JSON"
_WHAT_TO_DO = "write it again with 'transcript-reader inspect --json' or 'transcript-reader align --json'"
#: Far beyond any episode (115 days): larger times are corrupt.
_MAX_MS = 10**10


def parse(text: str) -> Draft:
    data = load_json(text, LAYOUT, _WHAT_TO_DO)
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
        raise TranscriptError(f'This {LAYOUT} file has no "turns" list; {_WHAT_TO_DO}.')
    entries = data["turns"]
    if not entries:
        raise TranscriptError(
            f'This {LAYOUT} file has an empty "turns" list, so there is nothing to read; {_WHAT_TO_DO}.'
        )
    skipped: list[str] = []
    turns = [turn for number, entry in enumerate(entries, start=1) if (turn := _turn(entry, number, skipped))]
    if not turns:
        which = "its one turn lacks" if len(entries) == 1 else f"all {len(entries)} turns lack"
        raise TranscriptError(f"This {LAYOUT} file cannot be read because {which} a text; {_WHAT_TO_DO}.")
    kept = (
        [w for w in data.get("warnings") or () if isinstance(w, str)] if isinstance(data.get("warnings"), list) else []
    )
    return Draft(
        title=text_of(data.get("title")),
        chapters=_chapters(data.get("chapters")),
        turns=turns,
        warnings=kept + cap_warnings(skipped, "turns"),
        span_level="word" if data.get("timing") == "word" else "cue",
    )


def _ms(value: object) -> int | None:
    """Integer milliseconds, or None for anything else (booleans, fractions, negatives)."""
    if type(value) is int and 0 <= value <= _MAX_MS:
        return value
    return None


def _turn(entry: object, number: int, skipped: list[str]) -> DraftTurn | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
        skipped.append(f"Turn {number} was skipped because it has no text.")
        return None
    start = _ms(entry.get("start_ms"))
    if start is None and entry.get("timed") is not False:
        skipped.append(f"Turn {number} has no start_ms in whole milliseconds, so its start was estimated.")
    speaker = text_of(entry.get("speaker"))
    return DraftTurn(
        speaker.strip() or None if speaker else None,
        start if entry.get("timed") is not False else None,
        entry["text"],
        end_ms=_ms(entry.get("end_ms")),
        spans=_spans(entry["text"], entry.get("spans"), number, skipped),
    )


def _spans(text: str, entries: object, number: int, skipped: list[str]) -> list[Span]:
    """Each span at the place its text stands in the turn, in order; none at
    all when one cannot be placed, since a span in the wrong place would mark
    the wrong word."""
    if not isinstance(entries, list):
        return []
    spans: list[Span] = []
    position = 0
    for entry in entries:
        entry = entry if isinstance(entry, dict) else {}
        piece = (text_of(entry.get("text")) or "").strip()
        start = _ms(entry.get("start_ms"))
        offset = text.find(piece, position) if piece else -1
        if start is None or offset < 0 or spans and start < spans[-1].start_ms:
            skipped.append(f"Turn {number} lost its word times because one of its spans does not fit its text.")
            return []
        end = _ms(entry.get("end_ms"))
        spans.append(Span(offset, start, end if end is not None and end >= start else None))
        position = offset + len(piece)
    return spans


def _chapters(entries: object) -> list[Chapter]:
    found: list[Chapter] = []
    for entry in entries if isinstance(entries, list) else ():
        start = _ms(entry.get("start_ms")) if isinstance(entry, dict) else None
        if start is not None:
            found.append(
                Chapter(start, " ".join((text_of(entry.get("title")) or "").split()) or f"Chapter {len(found) + 1}")
            )
    return found


FORMAT = layouts.APP_JSON
