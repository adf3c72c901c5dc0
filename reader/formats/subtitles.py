"""SubRip (.srt) and WebVTT (.vtt) captions: the cue family.

Both are lists of cues: an optional number or identifier, a ``start --> end``
line, and a few lines of text with some markup. Cues are read here, their
markup removed, and then joined into turns by :func:`cues.join_pieces`, which
keeps every cue's start as a mark.

Real files break the rules, so reading is lenient: ``.`` or ``,`` before the
milliseconds, hours missing or one digit, cue numbers missing, the blank line
between two cues missing, a stray blank line inside a cue (the words after it
stay with that cue). A cue whose time line cannot be read is skipped with a
warning; a file with no readable cue at all is refused.

YouTube's automatic captions "roll": each cue shows the line before it again,
and 10 ms cues repeat a finished line on its own. When most cues open with
the line that closed the cue before, only each cue's new lines are kept, so
every spoken line appears once, stamped with the cue it first appears in.
"""

from __future__ import annotations

import html
import re
from collections import Counter, namedtuple
from collections.abc import Iterable, Iterator

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import (
    Piece,
    accepted_names,
    cap_warnings,
    drop_rolling_repeats,
    join_pieces,
    split_label,
    squeeze,
)
from reader.formats.layouts import SBV_TIMING as _SBV_TIMING
from reader.model import Draft
from reader.timecode import clock_fields_ms

#: ``start --> end``, also with the ``->`` arrow some tools write, and any
#: position settings after the end. Both clocks' fields are captured so each
#: cue's times are read in one match.
_TIMING = re.compile(
    r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,3}):(?P<s>[0-5]\d)(?:[.,](?P<f>\d{1,3}))?[ \t]*--?>[ \t]*"
    r"(?:(?P<h2>\d{1,2}):)?(?P<m2>\d{1,3}):(?P<s2>[0-5]\d)(?:[.,](?P<f2>\d{1,3}))?(?:[ \t].*)?"
)
_ARROW = "->"
#: How much text is split into lines at a time (see :func:`_lines`).
_SPLIT_CHARS = 1 << 20

#: ``<v Name>`` and ``<v.loud Name>``: the speaker of the text that follows.
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>", re.IGNORECASE)
#: Styling and inline timestamps; a ``<`` that opens anything else stays as typed.
_TAG = re.compile(
    r"</?(?:[biusc]|lang|ruby|rt|v|font|span)(?:[.\s][^<>]*)?>|<\d{1,2}(?::\d{2}){1,2}[.,]\d{1,3}>",
    re.IGNORECASE,
)
#: ``{\an8}`` and friends, which ASS-minded tools leave in SubRip files.
_ASS = re.compile(r"\{\\[^{}]*\}")
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


class _Cue(namedtuple("_Cue", "number start_ms end_ms lines")):
    """``number`` is the file's own cue number, for warnings; ``lines`` still hold markup."""

    __slots__ = ()


def parse_webvtt(text: str) -> Draft:
    return _parse(text, vtt=True)


def parse_srt(text: str) -> Draft:
    return _parse(text, vtt=False)


def parse_sbv(text: str) -> Draft:
    return _parse(text, vtt=False, sbv=True)


def _read_sbv_cues(lines: Iterable[str]) -> tuple[list[_Cue], list[str], int]:
    """YouTube's SubViewer cues: a ``start,end`` line, then text up to a blank line.

    A line that looks like a time line but is not one (hours out of range)
    is skipped with a warning, with the text under it.
    """
    cues: list[_Cue] = []
    warnings: list[str] = []
    tried = 0
    for block in _blocks(lines, _is_sbv_timing):
        match = _SBV_TIMING.fullmatch(block[0].strip())
        if match is None:
            if cues:  # a blank line inside a cue: the words after it stay with that cue
                cues[-1].lines.extend(block)
            continue
        tried += 1
        start = clock_fields_ms(*match.group("h", "m", "s", "f"))
        end = clock_fields_ms(*match.group("h2", "m2", "s2", "f2"))
        if start is None or end is None:
            warnings.append(f"Cue {tried} has an unreadable time line and was skipped.")
            continue
        cues.append(_Cue(tried, start, max(start, end), block[1:]))
    return cues, warnings, tried


def _parse(text: str, vtt: bool, sbv: bool = False) -> Draft:
    kind = "WebVTT captions" if vtt else "YouTube SBV captions" if sbv else "SubRip subtitles"
    text = text.lstrip("\ufeff")
    if "\r" in text:  # text from the importer has LF only; replacing none would still scan it twice
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    cues, warnings, tried = _read_sbv_cues(_lines(text)) if sbv else _read_cues(_lines(text), vtt)
    if not cues:
        if tried:
            which = "the one cue" if tried == 1 else f"all {tried} cues"
            number, first = next(
                (n, line.strip())
                for n, line in enumerate(_lines(text), start=1)
                if (_is_sbv_timing if sbv else _is_timing)(line)
            )
            raise TranscriptError(
                f"The time lines of {which} in these {kind} are unreadable (the first, on line {number}, "
                f'reads "{first[:60]}"); export the captions again from the tool that made them.'
            )
        raise TranscriptError(
            f"These {kind} have no cues, only a header; export the captions again, "
            "or open the transcript in another format."
        )
    cue_lines = drop_rolling_repeats([_text_lines(cue.lines, vtt) for cue in cues])
    unvoiced = [line for lines_ in cue_lines for voice, line in lines_ if voice is None]
    names = accepted_names(
        Counter(label[0] for line in unvoiced if (label := split_label(line)) is not None),
        len(unvoiced),
    )
    pieces = [piece for cue, lines_ in zip(cues, cue_lines, strict=False) for piece in _cue_pieces(cue, lines_, names)]
    turns = join_pieces(pieces)
    if not turns:
        which, hold = ("The one cue", "holds") if len(cues) == 1 else (f"The {len(cues)} cues", "hold")
        raise TranscriptError(
            f"{which} in these {kind} {hold} no words; check that you opened the captions of the right episode."
        )
    title = _vtt_title(text.lstrip().partition("\n")[0]) if vtt else None
    return Draft(title=title, turns=turns, warnings=cap_warnings(warnings, "cues"))


def _vtt_title(first: str) -> str | None:
    """The text WebVTT allows after ``WEBVTT`` on the first line, which tools use for a title."""
    rest = first.strip()[len("WEBVTT") :]
    if not rest[:1].isspace():
        return None
    return rest.strip(" \t-–—:") or None


def _is_timing(line: str) -> bool:
    return _ARROW in line


def _is_sbv_timing(line: str) -> bool:
    return _SBV_TIMING.fullmatch(line.strip()) is not None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, split a megabyte at a time: a 100 MB file split
    at once would hold millions of line objects (three times its size) for
    the whole parse, when each cue needs only its own."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", min(start + _SPLIT_CHARS, size))
        if end == -1:
            end = size
        yield from text[start:end].split("\n")
        start = end + 1


def _blocks(lines: Iterable[str], is_timing=_is_timing) -> Iterator[list[str]]:
    """Lines split at blank lines, except the lone space YouTube puts right
    after a time line, which belongs to its cue."""
    block: list[str] = []
    for line in lines:
        if line.strip() or (block and is_timing(block[-1])):
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _read_cues(lines: Iterable[str], vtt: bool) -> tuple[list[_Cue], list[str], int]:
    """Cues with readable times, warnings for the rest, and how many were tried."""
    cues: list[_Cue] = []
    warnings: list[str] = []
    tried = 0
    stray_text = False
    for position, block in enumerate(_blocks(lines)):
        header = vtt and position == 0
        if vtt and not header and block[0].split()[0] in _VTT_SKIPPED_BLOCKS:
            continue
        orphans, found = _split_block(block)
        if orphans and not header:
            if cues:
                cues[-1].lines.extend(orphans)
            elif not all(line.strip().isnumeric() for line in orphans):
                stray_text = True
        for ident, timing, text in found:
            tried += 1
            # isdecimal, not isdigit: "²" is a digit that int() refuses.
            number = int(ident) if ident.isdecimal() else tried
            cue = _cue(number, timing, text)
            if cue is None:
                warnings.append(f"Cue {number} has an unreadable time line and was skipped.")
            else:
                cues.append(cue)
    if stray_text:
        warnings.insert(0, "Some text before the first cue has no time and was left out.")
    return cues, warnings, tried


def _split_block(block: list[str]) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """Lines before the first time line, and each cue as (identifier, time line, text).

    A later line that is a whole, valid time line starts another cue, because
    the blank line before it was lost; a number just above it is its identifier.
    """
    first = next((i for i, line in enumerate(block) if _ARROW in line), None)
    if first is None:
        return block, []
    lead = block[:first]
    ident = lead.pop().strip() if lead else ""
    found: list[tuple[str, str, list[str]]] = [(ident, block[first], [])]
    for line in block[first + 1 :]:
        if _ARROW in line and _TIMING.fullmatch(line.strip()):
            text = found[-1][2]
            ident = text.pop().strip() if text and text[-1].strip().isnumeric() else ""
            found.append((ident, line, []))
        else:
            found[-1][2].append(line)
    return lead, found


def _cue(number: int, timing: str, text: list[str]) -> _Cue | None:
    match = _TIMING.fullmatch(timing.strip())
    if match is None:
        return None
    start = clock_fields_ms(*match.group("h", "m", "s", "f"))
    end = clock_fields_ms(*match.group("h2", "m2", "s2", "f2"))
    if start is None or end is None:
        return None
    return _Cue(number, start, max(start, end), text)


def _text_lines(lines: list[str], vtt: bool) -> list[tuple[str | None, str]]:
    """``(voice, words)`` for each non-empty line of a cue, markup removed.

    A voice tag names the speaker until the next one, even across lines and
    mid-line; SubRip does not define voices, but a ``<v>`` in one means the same.
    """
    out: list[tuple[str | None, str]] = []
    voice: str | None = None
    for raw in lines:
        if "<" not in raw:  # the common line: no voice tag to split at
            if words := _clean(raw, vtt):
                out.append((voice, words))
            continue
        parts = _VOICE.split(raw)
        chunks = [(voice, parts[0])]
        for name, words in zip(parts[1::2], parts[2::2], strict=False):
            voice = _clean(name, vtt) or None
            chunks.append((voice, words))
        out.extend((who, words) for who, raw_words in chunks if (words := _clean(raw_words, vtt)))
    return out


def _clean(text: str, vtt: bool) -> str:
    """The words in ``text``; entities are decoded after tags go, so an
    escaped ``&lt;b&gt;`` survives as the text ``<b>``."""
    if "<" in text:
        text = _TAG.sub("", text)
    if vtt:
        text = html.unescape(text) if "&" in text else text
    elif "{" in text:
        text = _ASS.sub("", text)
    return squeeze(text)


def _cue_pieces(cue: _Cue, lines: list[tuple[str | None, str]], names: set[str]) -> list[Piece]:
    """The cue as one piece per speaker in it (usually one).

    When a cue holds two speakers ("- DEAN: Ready?" / "- ANA: Yes."), the file
    gives one time for both, so the cue's time is shared by text length.
    """
    if len(lines) == 1 and (":" not in lines[0][1] or not names):  # the common cue: one line, no label
        voice, words = lines[0]
        return [Piece(cue.start_ms, cue.end_ms, words, voice)]
    runs: list[tuple[str | None, list[str]]] = []  # each speaker's lines, joined once at the end
    for voice, words in lines:
        speaker = voice
        label = split_label(words) if voice is None else None
        if label is not None and label[0] in names:
            speaker, words = label
        if runs and (speaker is None or speaker == runs[-1][0]):
            runs[-1][1].append(words)
        else:
            runs.append((speaker, [words]))
    parts = [(speaker, " ".join(w for w in said if w)) for speaker, said in runs]
    total = sum(len(words) for _, words in parts) or 1
    span = cue.end_ms - cue.start_ms
    pieces, said = [], 0
    for speaker, words in parts:
        start = cue.start_ms + span * said // total
        said += len(words)
        pieces.append(Piece(start, cue.start_ms + span * said // total, words, speaker))
    return pieces


WEBVTT = layouts.WEBVTT
SRT = layouts.SRT
SBV = layouts.SBV
