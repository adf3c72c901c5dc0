"""Property test over every parser: whatever text a user opens, each layout
reads it or refuses it with the project's own error, never with a crash.

Texts are built from the pieces each layout looks for (so parsers get past
detection and deep into their rules), mixed with any text, and handed to
every registered layout directly as well as to the importer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import TranscriptError
from reader.formats import FORMATS
from reader.importer import parse_text

FRAGMENTS = [
    # TTML / DFXP
    '<tt xmlns="http://www.w3.org/ns/ttml" ttp:frameRate="0" xmlns:ttp="http://www.w3.org/ns/ttml#parameter">',
    '<tt xmlns="http://www.w3.org/ns/ttml">', "<body>", '<div begin="5s">', "</div>", "</body>", "</tt>",
    '<p begin="00:00:01.500" end="2s">', '<p begin="1:02:03:99" dur="10f">', '<p begin="9999999999h">', "</p>",
    '<span begin="0.4" end="x">', "<span>", "</span>", "<br/>", '<p ttm:agent="S1" begin="3t">',
    '<ttm:agent xml:id="S1"><ttm:name>Ana</ttm:name></ttm:agent>', "<!DOCTYPE tt [<!ENTITY a 'x'>]>", "&a;",
    "<?xml version='1.0' encoding='latin-1'?>", "&amp;", "&#0;", "&#xD800;",
    # Podcasting 2.0 HTML
    "<cite>Ana:</cite>", "<cite></cite>", "<time>0:00</time>", "<time>99:99</time>", '<time datetime="PT1M">',
    "<p>words</p>", "<p>", "</p>", "<P>", "<p><br>",
    # SBV
    "0:00:03.900,0:00:08.460", "9:59:59.999,0:00:00.000", "0:00:01.000,",
    # bracketed
    "[Speaker 1] [00:17] words", "[Ana] [1:02:03] hi", "[0.84 - 4.86] words", "[4.86 - 0.1] back", "[99 - ]",
    # captions
    "WEBVTT", "00:00:01,000 --> 00:00:02,000", "00:01.000 -> 00:02.000", "²", "1", "<v Ana>", "latha sriram: hi",
    # Markdown and labelled text
    "---", "title: [unclosed", "title: 'a", "**Ana:** hi", r"\[08:24\] more", "# Heading", "_a *b [c](", "<!--",
    "Ana  0:00", "Transcribed by https://otter.ai", "00:00 Ana: hi", "Chapters", "- 00:10 Intro", "Transcript",
    "",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=30).flatmap(
    lambda parts: st.sampled_from(["\n", "", " "]).map(lambda glue: glue.join(parts))
)


def _one_sentence(error: TranscriptError) -> bool:
    message = str(error)
    return bool(message) and "\n" not in message


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_layout_reads_any_text_or_refuses_it_with_one_sentence(text):
    for fmt in FORMATS:
        try:
            fmt.parse(text)
        except TranscriptError as error:
            assert _one_sentence(error), fmt.name
    try:
        transcript = parse_text(text, "episode.txt")
    except TranscriptError as error:
        assert _one_sentence(error)
    else:
        starts = [turn.start_ms for turn in transcript.turns]
        assert starts == sorted(starts)
        assert all(turn.text and turn.end_ms >= turn.start_ms for turn in transcript.turns)
        for turn in transcript.turns:
            offsets = [span.offset for span in turn.spans]
            assert offsets == sorted(offsets) and all(0 <= o <= len(turn.text) for o in offsets)
