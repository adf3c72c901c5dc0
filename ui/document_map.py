"""Where each turn sits in the transcript document, and back again.

The view shows the whole transcript as one QTextDocument so that text can be
selected across turns. This map answers the questions the view asks on every
click and every playback tick: which turn is at this document position, and
where is the character at this offset of that turn. It holds plain integers
and uses ``bisect``, so it needs no Qt and is tested on its own.

Qt counts positions in UTF-16 code units while Python counts code points;
turns holding characters outside the Basic Multilingual Plane (emoji) are
converted here, so offsets stay right next to a "🎙". A paragraph break
("\n" in the turn's text) takes two positions in the document: the end of
the paragraph and a short blank block that spaces the paragraphs apart.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Callable


class TurnSpan(namedtuple("TurnSpan", "header_start stamp_start stamp_end text_start text_end")):
    """Document positions of one turn: its header line, its stamp, its text."""

    __slots__ = ()


def utf16_length(text: str) -> int:
    """Length of ``text`` as Qt counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF) if not text.isascii() else len(text)


def _units(ch: str) -> int:
    return 2 if ch == "\n" or ord(ch) > 0xFFFF else 1


def document_length(text: str) -> int:
    """Positions ``text`` takes in the document: UTF-16 units, and two for
    each paragraph break (see the module docstring)."""
    return utf16_length(text) + text.count("\n")


def _is_plain(text: str) -> bool:
    return "\n" not in text and (text.isascii() or utf16_length(text) == len(text))


class DocumentMap:
    def __init__(self, spans: list[TurnSpan], texts: list[str]) -> None:
        self.spans = spans
        self._header_starts = [span.header_start for span in spans]
        #: Turns whose document positions are not simply offsets from text_start.
        self._wide = {i: text for i, text in enumerate(texts) if not _is_plain(text)}

    def append(self, span: TurnSpan, text: str) -> None:
        """The next turn, as the document grows (turns are only ever appended)."""
        if not _is_plain(text):
            self._wide[len(self.spans)] = text
        self.spans.append(span)
        self._header_starts.append(span.header_start)

    def __len__(self) -> int:
        return len(self.spans)

    def move(self, first: int, new_position: Callable[[int], int]) -> None:
        """Turns from ``first`` on moved in the document (a stamp before them was
        rewritten at another length): ``new_position`` maps each old position."""
        moved = [TurnSpan(*map(new_position, span)) for span in self.spans[first:]]
        self.spans[first:] = moved
        self._header_starts[first:] = [span.header_start for span in moved]

    def turn_at(self, position: int) -> int | None:
        """The turn whose header or text holds ``position``; None above the first
        turn and in chapter headings or blank lines."""
        index = bisect_right(self._header_starts, position) - 1
        if index < 0:
            return None
        span = self.spans[index]
        return index if position <= span.text_end else None

    def is_on_stamp(self, position: int) -> int | None:
        """The turn whose timestamp is at ``position``, if it is one. The end
        counts too: a click on the right half of the last digit lands there."""
        index = self.turn_at(position)
        if index is None:
            return None
        span = self.spans[index]
        return index if span.stamp_start <= position <= span.stamp_end else None

    def text_point(self, position: int, forward: bool) -> tuple[int, int] | None:
        """(turn, offset) of turn text at or next to ``position``: a position in
        a header, a heading or a blank line snaps forward to the next text
        (``forward``) or back to the end of the previous one."""
        index = bisect_right(self._header_starts, position) - 1
        if index >= 0 and self.spans[index].text_start <= position <= self.spans[index].text_end:
            return index, self.offset_at(index, position)
        if forward:
            nxt = index + 1 if index < 0 or position > self.spans[index].text_end else index
            return (nxt, 0) if nxt < len(self.spans) else None
        if index >= 0 and position < self.spans[index].text_start:
            index -= 1  # in a header: the text before it ends the selection
        if index < 0:
            return None
        return index, self.offset_at(index, self.spans[index].text_end)

    def position_of(self, turn: int, offset: int) -> int:
        """Document position of character ``offset`` of turn ``turn``'s text."""
        text = self._wide.get(turn)
        qt_offset = offset if text is None else document_length(text[:offset])
        return self.spans[turn].text_start + qt_offset

    def offset_at(self, turn: int, position: int) -> int:
        """Character offset in turn ``turn``'s text for a document position;
        positions in the header count as offset 0."""
        span = self.spans[turn]
        qt_offset = min(max(position - span.text_start, 0), span.text_end - span.text_start)
        text = self._wide.get(turn)
        if text is None:
            return qt_offset
        units = 0
        for index, ch in enumerate(text):
            if units >= qt_offset:
                return index
            units += _units(ch)
        return len(text)
