"""Files no layout reads are refused with a sentence saying what they look like and what they lack."""

from __future__ import annotations

import pytest

from reader.errors import TranscriptError
from reader.importer import parse_text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<!DOCTYPE html><html><body><p>Hello there.</p></body></html>", "is a web page with no transcript layout"),
        ('<?xml version="1.0"?><rss><channel><title>Show</title></channel></rss>', "is a podcast feed"),
        ('<?xml version="1.0"?><note>hi</note>', "is an XML file but not timed-text (TTML) captions"),
        ("id,title,views\n1,Bread,300\n", "looks like a table of values"),
        ("An essay about gardens.\nIt has no speakers.\n", "reads as plain text with no timestamps"),
    ],
)
def test_a_file_no_layout_reads_is_described_in_one_sentence(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, "mystery.txt")
    message = str(caught.value)
    assert message.startswith("mystery.txt ")
    assert fragment in message
    assert message.count("\n") == 0 and message.endswith(".")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "1\n00:00:0x,000 --> 00:00:02,000\nHi\n\n2\n00:00:9,000 --> 00:00:10,000\nHo\n",
            'SubRip subtitles are unreadable (the first, on line 2, reads "00:00:0x,000 --> 00:00:02,000")',
        ),
        (
            "0:99:03.900,0:00:08.460\nHi\n",
            'YouTube SBV captions are unreadable (the first, on line 1, reads "0:99:03.900,0:00:08.460")',
        ),
        ('<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s">open</body></tt>', "TTML file is malformed XML"),
    ],
)
def test_a_broken_file_of_a_known_layout_says_which_layout_and_where(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, "captions")
    assert fragment in str(caught.value)
