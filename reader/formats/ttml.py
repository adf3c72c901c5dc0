"""TTML and DFXP timed text, including Apple Podcasts' transcripts.

A ``<p>`` holds a cue or a speaker's paragraph; its ``begin`` and ``end``
(or ``dur``) are clock times (``00:01:02.345``, ``00:01:02:10`` in frames),
offset times (``62.345s``, ``1.5m``, ``900ms``, ``30f``, ``1000t``) or bare
seconds (``62.345``, as Apple writes them). Apple nests ``<span>`` elements
down to single words, each with its own times: the innermost timed elements
become the pieces, so such a file is word-timed. ``ttm:agent`` names the
speaker, by the ``ttm:name`` its ``<ttm:agent>`` declares when there is one.

Times on an element count from its parent's begin, as TTML says; a file
whose word times are already absolute (they start at or after their
paragraph's begin) is taken as written.

The XML is parsed with defusedxml: a file declaring entities (the "billion
laughs" bomb) or reaching for external files is refused, not expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.cues import Piece, cap_warnings, join_pieces
from reader.model import Draft

_CLOCK = re.compile(r"(?P<h>\d+):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:(?P<frac>\.\d+)|:(?P<frames>\d+(?:\.\d+)?))?")
_OFFSET = re.compile(r"(?P<value>\d+(?:\.\d+)?)(?P<unit>h|ms|m|s|f|t)?")
_UNIT_MS = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1, None: 1000}
#: Far beyond any episode; larger times are corrupt.
_MAX_MS = 10**10
#: Ended elements are dropped from the tree this many at a time.
_DROP_BATCH = 256
_WHAT_TO_DO = "export the captions again from the tool that made them"


def parse(text: str) -> Draft:
    reading = _Reading()
    # The walk hands each paragraph's pieces straight to the joining, so no
    # list of a million pieces is ever held (a 100 MB file stays under 5x).
    turns = join_pieces(_read_xml(text, reading))
    if not reading.paragraphs:
        raise TranscriptError(f"This TTML file has no <p> paragraphs, so it holds no captions; {_WHAT_TO_DO}.")
    if not reading.timed:
        raise TranscriptError(
            f"This TTML file has {reading.paragraphs} paragraph(s) but none with a readable time; {_WHAT_TO_DO}."
        )
    if not turns:
        raise TranscriptError(f"The paragraphs in this TTML file hold no words; {_WHAT_TO_DO}.")
    return Draft(
        title=reading.title,
        turns=turns,
        warnings=cap_warnings(reading.warnings, "paragraphs"),
        span_level="word" if reading.word_timed else "cue",
    )


class _Reading:
    """What the walk through the document has found so far."""

    def __init__(self) -> None:
        self.rates: _Rates | None = None
        self.agents: dict[str, str] = {}
        self.title: str | None = None
        self.paragraphs = 0
        self.timed = 0
        self.warnings: list[str] = []
        self.word_timed = False

    def paragraph(self, p, base: int) -> list[Piece]:
        self.paragraphs += 1
        assert self.rates is not None, "the root element's start sets the rates before any <p>"
        found, finer = _paragraph_pieces(p, self.rates, self.agents, base)
        if found is None:
            self.warnings.append(f"Paragraph {self.paragraphs} has no readable begin time and was skipped.")
            return []
        self.timed += 1
        self.word_timed = self.word_timed or finer
        return found

    def ended(self, el) -> None:
        """An element other than a paragraph closed: keep agent names and the title."""
        name = _local(el.tag)
        if name == "agent":
            ident = _attr(el, "id")
            said = next((child.text for child in el if _local(child.tag) == "name" and child.text), None)
            if ident and said:
                self.agents[ident] = " ".join(said.split())
        elif name == "title" and self.title is None and el.text and el.text.strip():
            self.title = " ".join(el.text.split())


def _read_xml(text: str, reading: _Reading) -> Iterator[Piece]:
    """Walk the document as it is parsed, reading each ``<p>`` when it closes
    and then dropping it, so a 100 MB file never becomes a 100 MB tree.

    Times on an element count from the begins of its ancestors (body, div).
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    stack: list[list] = []  # open elements: [element, the begin its children count from, children ended]
    try:
        events = iterparse(_Chunks(_without_declaration(text)), events=("start", "end"), forbid_dtd=False)
        for event, el in events:
            if event == "start":
                if reading.rates is None:
                    reading.rates = _Rates(el)
                base = stack[-1][1] if stack else 0
                if _local(el.tag) != "p":
                    base += _time(_attr(el, "begin"), reading.rates) or 0
                stack.append([el, base, 0])
                continue
            stack.pop()
            if _local(el.tag) == "p":
                yield from reading.paragraph(el, stack[-1][1] if stack else 0)
            else:
                reading.ended(el)
            if stack:
                _drop_ended(stack[-1])
    except DefusedXmlException:
        raise TranscriptError(
            "This TTML file declares its own entities or refers to outside files, which could make it "
            "expand without end, so it was not read; export the captions again."
        ) from None
    except ParseError as error:
        line, column = error.position
        raise TranscriptError(
            f"This TTML file is malformed XML at line {line}, column {column + 1}; {_WHAT_TO_DO}."
        ) from None
    except RecursionError:
        raise TranscriptError(f"This TTML file is nested too deeply to read; {_WHAT_TO_DO}.") from None


def _drop_ended(parent: list) -> None:
    """Count one more ended child of ``parent``; drop ended children in
    batches. The parser runs ahead of the events, so the ended children are
    the first ones, not necessarily the last."""
    parent[2] += 1
    if parent[2] >= _DROP_BATCH:
        del parent[0][: parent[2]]
        parent[2] = 0


class _Chunks:
    """``text`` as a binary file for the XML parser, encoded a piece at a time
    (the whole file encoded at once would be one more copy of it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.text)
        piece = self.text[self.position : self.position + size]
        self.position += len(piece)
        return piece.encode("utf-8")


def _without_declaration(text: str) -> str:
    """The text without its ``<?xml ... encoding=...?>`` line: the bytes were
    decoded already, and the declared encoding would only contradict that."""
    text = text.lstrip("\ufeff \t\n")
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            return text[end + 2 :]
    return text


def _local(tag) -> str:
    """``p`` for ``{http://www.w3.org/ns/ttml}p``; comments have no string tag."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(el, name: str) -> str | None:
    """An attribute by its local name, in whichever namespace the file used."""
    attrib = el.attrib
    if name in attrib:
        return attrib[name]
    for key, value in attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


class _Rates:
    """The frame and tick rates that frame and tick times count in."""

    def __init__(self, root) -> None:
        self.frame = _positive(_attr(root, "frameRate"), 30.0)
        multiplier = _attr(root, "frameRateMultiplier")
        if multiplier:
            parts = multiplier.split()
            if len(parts) == 2 and all(p.isdigit() and int(p) > 0 for p in parts):
                self.frame *= int(parts[0]) / int(parts[1])
        self.tick = _positive(_attr(root, "tickRate"), self.frame if _attr(root, "frameRate") else 1.0)


def _positive(value: str | None, default: float) -> float:
    try:
        number = float(value) if value else default
    except ValueError:
        return default
    return number if 0 < number < 1e9 else default


def _time(value: str | None, rates: _Rates) -> int | None:
    """Milliseconds for a TTML time expression; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    clock = _CLOCK.fullmatch(value)
    if clock is not None:
        ms = (int(clock["h"]) * 3600 + int(clock["m"]) * 60 + int(clock["s"])) * 1000
        if clock["frac"]:
            ms += round(float(clock["frac"]) * 1000)
        elif clock["frames"]:
            ms += round(float(clock["frames"]) * 1000 / rates.frame)
        return ms if ms < _MAX_MS else None
    offset = _OFFSET.fullmatch(value)
    if offset is None:
        return None
    number, unit = float(offset["value"]), offset["unit"]
    if unit == "f":
        exact = number * 1000 / rates.frame
    elif unit == "t":
        exact = number * 1000 / rates.tick
    else:
        exact = number * _UNIT_MS[unit]
    return round(exact) if exact < _MAX_MS else None


def _paragraph_pieces(p, rates: _Rates, agents: dict[str, str], base: int) -> tuple[list[Piece] | None, bool]:
    """The paragraph as pieces (one per innermost timed element, or the whole
    paragraph), and whether it was timed finer than the paragraph."""
    begin = _time(_attr(p, "begin"), rates)
    if begin is None:
        return None, False
    begin += base
    end = _end(p, begin, rates, base)
    speaker = _speaker(p, agents)
    if not len(p):  # the common cue: text and no inner elements
        return [Piece(begin, end, p.text or "", speaker)], False
    marks: list[tuple[int, int | None, str | None]] = []  # (start, end, speaker) per piece
    texts: list[list[str]] = [[]]
    for kind, value in _stream(p):
        if kind == "text":
            texts[-1].append(value)
            continue
        start = _time(_attr(value, "begin"), rates)
        if start is None:
            continue
        relative = begin if start < begin else 0
        start += relative
        marks.append((start, _end(value, start - relative, rates, relative), _speaker(value, agents)))
        texts.append([])
    lead = "".join(texts[0])
    if not marks or lead.strip():
        marks.insert(0, (begin, end, None))
    else:
        texts.pop(0)
    pieces = [
        Piece(start, piece_end, "".join(said), who or speaker)
        for (start, piece_end, who), said in zip(marks, texts, strict=True)
    ]
    # Word-timed when the pieces are single words ("Hello", "world,").
    finer = len(pieces) > 1 and all(len(piece.text.split()) <= 1 for piece in pieces)
    return pieces, finer


def _end(el, begin: int, rates: _Rates, base: int) -> int | None:
    end = _time(_attr(el, "end"), rates)
    if end is not None:
        return end + base
    duration = _time(_attr(el, "dur"), rates)
    return begin + duration if duration is not None else None


def _stream(p):
    """``("text", str)`` and ``("timed", element)`` events for everything
    inside ``p`` in reading order, without recursion (a crafted file may
    nest spans a hundred thousand deep). ``<br/>`` reads as a space."""
    if p.text:
        yield "text", p.text
    stack = [(iter(p), None)]
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            _, tail = stack.pop()
            if tail:
                yield "text", tail
            continue
        name = _local(child.tag)
        if name == "br":
            yield "text", " "
        if name == "span" and _attr(child, "begin") is not None:
            yield "timed", child
        if child.text and name:
            yield "text", child.text
        stack.append((iter(child), child.tail))


def _speaker(el, agents: dict[str, str]) -> str | None:
    agent = _attr(el, "agent")
    if not agent:
        return None
    first = agent.split()[0]
    return agents.get(first, first)


FORMAT = layouts.TTML
