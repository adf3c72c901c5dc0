"""Transcripts written as text with speaker and time labels.

This is the family people copy from Otter.ai, Rev, Descript, YouTube's "Show
transcript", podcast websites and Substack. Labels take many shapes::

    00:00:00 Nathan Lambert: Okay.          stamp, name, words (inline)
    [01:12] Dean: My guess is ...           bracketed stamp
    Dean Ball (00:01:44): Yeah, I mean ...  name, then stamp
    Speaker 1  0:00                          header line; words follow below
    Nathan Lambert                           name header, then stamped paragraphs
    00:00 First paragraph ...
    Dean: Words without any stamp.           untimed

The Markdown layout strips its markup and then reuses :func:`parse_lines`.

A word followed by a colon is not always a speaker ("So here's the thing: ..."),
so a name must recur, or look like a proper name in a file where other names
recur, before it is believed (see :func:`_accepted_names`).
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple

from reader.formats import layouts
from reader.formats.layouts import LABEL_CLOSE as _CLOSE
from reader.formats.layouts import LABEL_NAME as _NAME
from reader.formats.layouts import LABEL_OPEN as _OPEN
from reader.formats.lazy_pattern import LazyPattern
from reader.formats.names import looks_like_name
from reader.model import Chapter, Draft, DraftTurn, Span
from reader.timecode import CLOCK_FIELDS, CLOCK_PATTERN, clock_fields_ms, parse_clock

_STAMP_FIRST = LazyPattern(
    rf"{_OPEN}{CLOCK_FIELDS}{_CLOSE}"
    rf"(?:\s*[-–—|:]\s*|\s+|$)"
    rf"(?:(?P<name>{_NAME})\s*:(?:\s+|$))?"
)
_NAME_FIRST = LazyPattern(
    rf"(?P<name>{_NAME})\s*(?:[-–—|,]\s*)?"
    r"(?:"
    rf"{_OPEN}(?P<ts>{CLOCK_PATTERN}){_CLOSE}\s*(?:(?P<colon>:)|[-–—|])?\s*"  # name, stamp, colon?
    rf"|(?P<colon2>:)\s*(?:{_OPEN}(?P<ts2>{CLOCK_PATTERN}){_CLOSE}(?:\s+|$))?"  # name, colon, stamp?
    r"|$"  # a name alone: a header line
    r")"
)
_CHAPTERS_HEADING = LazyPattern(r"(?:chapters|chapter markers|timestamps|table of contents)\s*:?", re.IGNORECASE)
_TRANSCRIPT_HEADING = LazyPattern(r"(?:(?:full|episode|podcast|interview)\s+)?transcript(?:ion)?\s*:?", re.IGNORECASE)
#: The same headings found as whole lines in the joined text ([ \t], not \s, so a match never spans lines).
_CHAPTERS_LINE = LazyPattern(
    _CHAPTERS_HEADING.pattern.replace(r"\s", r"[ \t]").join(("^(?:", ")$")), re.IGNORECASE | re.MULTILINE
)
_TRANSCRIPT_LINE = LazyPattern(
    _TRANSCRIPT_HEADING.pattern.replace(r"\s", r"[ \t]").join(("^(?:", ")$")), re.IGNORECASE | re.MULTILINE
)
_FOOTER = LazyPattern(r"(?:transcribed|transcription) by (?:https?://)?(?:www\.)?otter\.ai/?", re.IGNORECASE)
_BULLET = LazyPattern(r"^(?:[-*+•·]|\d+[.)])\s+")
_CHAPTER_LINE = LazyPattern(
    rf"{_OPEN}(?P<ts>{CLOCK_PATTERN}){_CLOSE}\s*(?:[-–—:|]\s*)?(?P<title>\S.*)"
    rf"|(?P<title2>\S.*?)\s*(?:[-–—:|]\s*)?{_OPEN}(?P<ts2>{CLOCK_PATTERN}){_CLOSE}"
)
#: Lines this short are read once however often they recur, up to this many distinct ones.
_SHORT_LINE = 24
_SHORT_LINES_KEPT = 4096
#: A label (name, stamp, brackets, colon) always fits in this many characters.
_MAX_LABEL_CHARS = 80


class Label(namedtuple("Label", "ts name rest inline")):
    """A line that opens a turn: a stamp, a name, or both, then any words.

    ``inline`` is True when the name was followed by words on the same line.
    """

    __slots__ = ()


def parse(text: str) -> Draft:
    return parse_lines(text.split("\n"))


def parse_lines(lines: list[str], title: str | None = None, headings: frozenset[int] = frozenset()) -> Draft:
    """Read turns, chapters and a title from plain lines (no markup left).

    ``headings`` are the indexes of lines the caller knows to be headings;
    the first one above the transcript may serve as the title.
    """
    lines = _without_footer(list(map(str.strip, lines)))
    draft = Draft(title=title)
    chapter_lines, region_start = _find_regions(lines)
    draft.chapters = _read_chapters(lines, chapter_lines)
    labels = _labels(lines, region_start, headings)
    names = _accepted_names(labels, lines)
    _drop_untimed_labels_above_first_stamp(labels, names)
    first_turn = _build_turns(draft, lines, labels, names, region_start, chapter_lines)
    above = min(first_turn, region_start) if region_start else first_turn
    if draft.title is None:
        draft.title = _title_above(lines, above, headings)
    _warn_about_left_out_introduction(draft, lines, above, chapter_lines)
    return draft


def _without_footer(lines: list[str]) -> list[str]:
    """The lines without the credit line transcription services end their
    exports with ("Transcribed by https://otter.ai"), which nobody said."""
    last = len(lines) - 1
    while last >= 0 and not lines[last]:
        last -= 1
    if last >= 0 and _FOOTER.fullmatch(lines[last]):
        return lines[:last]
    return lines


#: Lines above the first turn (title aside) from which they count as show notes.
INTRODUCTION_LINES = 3


def _warn_about_left_out_introduction(draft: Draft, lines: list[str], stop: int, chapter_lines: range) -> None:
    """Show notes above the transcript are not turns; say they were left out
    rather than drop paragraphs of the file without a word. A title with a
    line or two under it (a subtitle, a credit) is not worth a warning."""
    left_out = [
        line
        for index, line in enumerate(lines[: min(stop, len(lines))])
        if line and index not in chapter_lines and line != draft.title and not _is_section_heading(line)
    ]
    if len(left_out) >= INTRODUCTION_LINES:
        draft.warnings.append(
            f"The {len(left_out)} lines above the first turn (show notes or an introduction) "
            "are not part of the transcript and were left out."
        )


def _find_regions(lines: list[str]) -> tuple[range, int]:
    """Where the chapter list is, and where the transcript starts.

    A ``Transcript`` heading fences off show notes above it; without one the
    transcript starts at the first label.
    """
    chapters_at = _first_line_matching(lines, _CHAPTERS_LINE, 0)
    chapter_lines = range(0)
    search_from = 0
    if chapters_at is not None:
        end = chapters_at + 1
        while end < len(lines) and (not lines[end] or _chapter(lines[end])):
            end += 1
        chapter_lines = range(chapters_at, end)
        search_from = end
    transcript_at = _first_line_matching(lines, _TRANSCRIPT_LINE, search_from)
    region_start = transcript_at + 1 if transcript_at is not None else 0
    return chapter_lines, region_start


def _first_line_matching(lines: list[str], pattern: LazyPattern, start: int) -> int | None:
    """Index of the first line from ``start`` that ``pattern`` matches whole.

    One search over the joined text runs in C; a loop calling the pattern
    on each of 400,000 short lines costs seconds.
    """
    text = "\n".join(lines[start:])
    match = pattern.search(text)
    if match is None:
        return None
    return start + text.count("\n", 0, match.start())


def _chapter(line: str) -> Chapter | None:
    match = _CHAPTER_LINE.fullmatch(_BULLET.sub("", line))
    if match is None:
        return None
    stamp = match["ts"] or match["ts2"]
    title = (match["title"] or match["title2"] or "").strip()
    try:
        return Chapter(parse_clock(stamp), title) if title else None
    except ValueError:
        return None


def _read_chapters(lines: list[str], chapter_lines: range) -> list[Chapter]:
    chapters = (_chapter(lines[i]) for i in chapter_lines[1:] if lines[i])
    return [c for c in chapters if c is not None]


def _labels(lines: list[str], start: int, headings: frozenset[int]) -> dict[int, Label | None]:
    """Every line's label. The stamp-first shape ("00:12:34 Name: words") is by
    far the most common, so it is handled inline here: this loop runs once per
    line of a 10-hour transcript, and a function call per line costs 30 %."""
    labels: dict[int, Label | None] = {}
    stamp_first = _STAMP_FIRST.match
    make = Label._make
    # Short lines recur ("Yeah.", "Mm-hmm.", a speaker's name alone): each
    # is read once. Only short ones, so the cache stays small.
    short: dict[str, Label | None] = {}
    for index in range(start, len(lines)):
        line = lines[index]
        if not line or index in headings:
            continue
        if len(line) <= _SHORT_LINE:
            if line in short:
                labels[index] = short[line]
                continue
            label = labels[index] = _label(line)
            if len(short) < _SHORT_LINES_KEPT:
                short[line] = label
            continue
        if line[0].isdigit() or line[0] in "([":
            match = stamp_first(line)
            if match is not None:
                h, m, s, f, name = match.group("h", "m", "s", "f", "name")
                if h is None or (len(m) <= 2 and m <= "59"):
                    ms = ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + (int(f.ljust(3, "0")) if f else 0)
                    labels[index] = make((ms, name, line[match.end() :], name is not None))
                    continue
        labels[index] = _label(line)
    return labels


def _label(line: str) -> Label | None:
    """The label at the start of ``line``, before any check that its name is real."""
    if line[:1].isdigit() or line[:1] in "([":
        match = _STAMP_FIRST.match(line)
        if match is not None:
            ts = clock_fields_ms(*match.group("h", "m", "s", "f"))
            if ts is not None:
                return Label(ts, match["name"], line[match.end() :], match["name"] is not None)
    if len(line) > _MAX_LABEL_CHARS and ":" not in line[:_MAX_LABEL_CHARS]:
        return None  # a paragraph of words: the common case, skipped cheaply
    match = _NAME_FIRST.match(line)
    if match is None:
        return None
    stamp = match["ts"] or match["ts2"]
    ts = _clock_or_none(stamp)
    if stamp and ts is None:
        return None
    rest = line[match.end() :]
    return Label(ts, match["name"].strip(), rest, bool(rest))


def _clock_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_clock(text)
    except ValueError:
        return None


def _accepted_names(labels: dict[int, Label | None], lines: list[str]) -> set[str]:
    """Names believed to be speakers.

    A name used twice or more is a speaker. Once a file has such speakers, a
    name used only once is believed too when it looks like a proper name
    ("Producer", "Jane Doe"), since guests do sometimes speak only once. In a
    short file where nothing recurs, names are believed when every one of
    them looks like a name. A name alone on its line must also be followed by
    words, or it is more likely a short paragraph ("Yeah") than a header.
    """
    counts: Counter[str] = Counter()
    for index, label in labels.items():
        if label is None or label.name is None:
            continue
        if not label.rest and label.ts is None and not _header_has_words_below(lines, labels, index):
            continue
        counts[label.name] += 1
    recurring = {name for name, count in counts.items() if count >= 2 and _plausible(name)}
    proper = {name for name in counts if looks_like_name(name)}
    if recurring:
        return recurring | proper
    return proper if proper and len(proper) == len(counts) else set()


def _drop_untimed_labels_above_first_stamp(labels: dict[int, Label | None], names: set[str]) -> None:
    """In a stamped transcript, a "Name: words" line above the first stamp is
    a title or show notes ("My Podcast: Episode 3"), not a turn."""
    # labels was filled in line order, so its items need no sorting.
    believed = [(i, label) for i, label in labels.items() if label is not None and _believed(label, names) is not None]
    stamped = [i for i, label in believed if label.ts is not None]
    if not stamped or len(stamped) * 2 < len(believed):
        return
    for index, label in believed:
        if index >= stamped[0]:
            break
        if label.rest:
            labels[index] = None


def _plausible(name: str) -> bool:
    """Rules out sentence openers such as "So here's the thing" even when they recur."""
    return len(name.split()) <= 5 and (looks_like_name(name) or len(name.split()) <= 2)


def _header_has_words_below(lines: list[str], labels: dict[int, Label | None], index: int) -> bool:
    """Whether the next non-empty line holds words, or only a stamp; its label
    was read already, so each line's label is worked out once."""
    below = index + 1
    while below < len(lines) and not lines[below]:
        below += 1
    if below == len(lines):
        return False
    label = labels[below] if below in labels else _label(lines[below])
    return label is None or (label.name is None and label.ts is not None)


def _build_turns(
    draft: Draft,
    lines: list[str],
    labels: dict[int, Label | None],
    names: set[str],
    region_start: int,
    chapter_lines: range,
) -> int:
    """Fill ``draft.turns``; returns the index of the first line that opened a turn."""
    current: DraftTurn | None = None
    block_speaker: str | None = None
    paragraphs: list[str] = []
    marks: list[tuple[int, int]] = []  # (paragraph index, ms) of stamps inside the current turn
    first_turn = len(lines)
    dropped = 0

    def close() -> None:
        nonlocal current, dropped
        if current is not None:
            current.text = "\n".join(paragraphs)
            if current.text:
                current.spans = _paragraph_spans(paragraphs, marks)
                draft.turns.append(current)
            else:
                dropped += 1
        current = None
        marks.clear()

    for index in range(region_start, len(lines)):
        line = lines[index]
        if not line or index in chapter_lines:
            continue
        label = labels.get(index)
        if label is None:
            if current is not None:
                paragraphs.append(line)
            continue
        if label.name is not None and label.name not in names:  # inline: this runs once per line
            label = _believed(label, names)
            if label is None:
                if current is not None:
                    paragraphs.append(line)
                continue
        first_turn = min(first_turn, index)
        if label.name is None and current is not None and not paragraphs and current.start_ms is None:
            current.start_ms = label.ts  # a name header, then its first stamped paragraph
            if label.rest:
                paragraphs.append(label.rest)
            continue
        if _continues(label, current, block_speaker, paragraphs) and not line[: -len(label.rest)].rstrip().endswith(
            ":"
        ):
            marks.append((len(paragraphs), label.ts))  # "\[08:24\] And we did ...": the same speaker goes on
            paragraphs.append(label.rest)
            continue
        close()
        if label.name is not None:
            block_speaker = None if label.inline else label.name
        speaker = label.name if label.name is not None else block_speaker
        current = DraftTurn(speaker=speaker, start_ms=label.ts, text="")
        paragraphs = [label.rest] if label.rest else []
    close()
    if dropped:
        draft.warnings.append(f"{dropped} speaker or time label(s) had no words after them and were left out.")
    return first_turn


def _continues(label: Label, current: DraftTurn | None, block_speaker: str | None, paragraphs: list[str]) -> bool:
    """Whether a stamped paragraph with no name is a timed part of the turn
    before it, as The Changelog stamps a speaker's long turns every few
    minutes; rather than a new turn by nobody. (The caller also checks that
    no colon follows the stamp: "(00:33:42): Yeah." is a label whose name is
    missing, a new turn.)"""
    return (
        label.name is None
        and label.ts is not None
        and bool(label.rest)
        and current is not None
        and current.speaker is not None
        and block_speaker is None
        and bool(paragraphs)
        and (current.start_ms is None or label.ts >= current.start_ms)
    )


def _paragraph_spans(paragraphs: list[str], marks: list[tuple[int, int]]) -> list[Span]:
    """A span from each stamped paragraph to the next; the turn's own start covers the text before the first."""
    if not marks:
        return []
    offsets = [0]
    for paragraph in paragraphs:
        offsets.append(offsets[-1] + len(paragraph) + 1)
    spans: list[Span] = []
    for index, ms in marks:
        if spans and ms < spans[-1].start_ms:
            ms = spans[-1].start_ms  # marks never go backwards inside a turn: lookups bisect them
        spans.append(Span(offsets[index], ms, None))
    return spans


def _believed(label: Label | None, names: set[str]) -> Label | None:
    """The label with an unbelieved name folded back into its words."""
    if label is None or label.name is None or label.name in names:
        return label
    if label.ts is None:
        return None
    restored = f"{label.name}: {label.rest}".strip() if label.rest else label.name
    return Label(label.ts, None, restored, False)


def _title_above(lines: list[str], stop: int, headings: frozenset[int]) -> str | None:
    """A heading, or a short first line, above the transcript."""
    for index in sorted(headings):
        if index < stop and lines[index] and not _is_section_heading(lines[index]):
            return lines[index]
    first = next((i for i in range(stop) if lines[i]), None)
    if first is None or headings:
        return None
    line = lines[first]
    if len(line) <= 100 and not line.endswith((".", ",", ";")) and not _is_section_heading(line):
        return line
    return None


def _is_section_heading(line: str) -> bool:
    return bool(_CHAPTERS_HEADING.fullmatch(line) or _TRANSCRIPT_HEADING.fullmatch(line))


FORMAT = layouts.PLAIN_TEXT
