"""The short human summary printed by ``transcript-reader inspect``."""

from __future__ import annotations

from collections import Counter

from reader.model import Transcript
from reader.timecode import format_stamp


def summarise(transcript: Transcript, source: str, chapters_from: str | None = None) -> str:
    """``chapters_from`` names the chapters file paired with the transcript, if any."""
    turns = transcript.turns
    untimed = sum(1 for t in turns if not t.timed)
    spoken = Counter(t.speaker for t in turns)
    names = ", ".join(f"{name} ({spoken[name]})" for name in transcript.speakers) or "none named"
    if spoken[None] and transcript.speakers:
        names += f", unnamed ({spoken[None]})"
    lines = [
        f"File:      {source}",
        f"Layout:    {_layout_label(transcript.format)}",
        f"Title:     {transcript.title or '(none)'}",
        f"Turns:     {len(turns)}" + (f" ({untimed} with estimated times)" if untimed else ""),
        f"Speakers:  {names}",
        f"Timing:    {_TIMING[transcript.timing]}",
        f"Chapters:  {len(transcript.chapters)}" + (f" (from {chapters_from})" if chapters_from else ""),
        f"Span:      {format_stamp(turns[0].start_ms)} to {format_stamp(transcript.duration_ms)}",
    ]
    for chapter in transcript.chapters:
        lines.append(f"           {format_stamp(chapter.start_ms)}  {chapter.title}")
    if transcript.warnings:
        lines.append(f"Warnings:  {len(transcript.warnings)}")
        lines.extend(f"  - {warning}" for warning in transcript.warnings)
    else:
        lines.append("Warnings:  none")
    return "\n".join(lines) + "\n"


_TIMING = {
    "word": "every word",
    "cue": "each caption or segment",
    "turn": "each turn",
    "none": "none (times are estimated)",
}


def _layout_label(name: str) -> str:
    from reader.formats import by_name

    try:
        return f"{by_name(name).label} [{name}]"
    except KeyError:
        return name
