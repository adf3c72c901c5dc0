"""Crafted files are read or refused, never stall: every parser is linear.

These run at sizes where a quadratic parser would take minutes (a 90 KB
Markdown file of ``_a `` took 24 s before), so a regression shows as a
suite that hangs; the time each case takes is a figure in
``benchmarks/bench.py`` (``hostile_parse_ms_max``), not an assertion here.
"""

from __future__ import annotations

import pytest
from hostile_cases import crafted

from reader.errors import TranscriptError
from reader.formats import FORMATS
from reader.importer import parse_text

_SIZE = 300_000
_CASES = crafted(_SIZE)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_a_crafted_file_is_read_or_refused_with_one_sentence(name):
    try:
        transcript = parse_text(_CASES[name], f"{name}.txt")
    except TranscriptError as error:
        assert str(error).count("\n") == 0 and str(error).endswith(".")
    else:
        assert all(turn.text for turn in transcript.turns)


def test_a_line_of_one_and_a_half_megabytes_with_no_newline_is_read_whole():
    transcript = parse_text("00:00 Ana: " + "word " * 300_000)
    assert len(transcript.turns) == 1
    assert transcript.turns[0].text.count("word") == 300_000


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_layout_reads_every_crafted_case_without_escaping_its_error(fmt):
    """Straight to each parser, past detection: a layout must cope with
    anything, since detection only reads the head of a file."""
    for text in crafted(60_000).values():
        try:
            fmt.parse(text)
        except TranscriptError:
            pass
