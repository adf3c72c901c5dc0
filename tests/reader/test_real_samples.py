"""Real files from other tools, in ../shared/samples/real, are read right.

Each expectation comes from a deliberately simple reading of the file here
(one regular expression or split per file, written for that file only), so
the importer is checked against an independent oracle, not against itself.
The files are not copied into the project; without the folder these skip.
"""

from __future__ import annotations

import html
import re

from reader.importer import load
from reader.timecode import parse_clock


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _cues(transcript):
    return [
        (span.start_ms, span.end_ms, _words(text))
        for turn in transcript.turns
        for span, text in zip(turn.spans, turn.span_texts(), strict=True)
    ]


def _ms(clock: str) -> int:
    return parse_clock(clock)


def test_azure_ttml_captions_keep_every_cue_time_and_word(real):
    path = real / "azure_media_indexer_captions.ttml"
    expected = [
        (_ms(b), _ms(e), _words(html.unescape(text)))
        for b, e, text in re.findall(r'<p begin="([\d:.]+)" end="([\d:.]+)">(.*?)</p>', path.read_text("utf-8"))
    ]
    t = load(path)
    assert t.format == "ttml" and t.timing == "cue"
    assert len(expected) == 74
    assert _cues(t) == expected
    assert t.speakers == [] and t.warnings == ()
    assert "Confidence" not in " ".join(turn.text for turn in t.turns)


def test_buzzsprout_html_every_speaker_time_and_paragraph(real):
    path = real / "buzzsprout_p20_example.html"
    found = re.findall(
        r"<cite>(.*?):</cite>\s*<time>([\d:]+)</time>\s*<p>(.*?)</p>", path.read_text("utf-8"), flags=re.DOTALL
    )
    t = load(path)
    assert t.format == "p20-html"
    assert len(found) == len(t.turns) == 10
    assert [(turn.speaker, turn.start_ms, _words(turn.text)) for turn in t.turns] == [
        (name, _ms(stamp), _words(html.unescape(text))) for name, stamp, text in found
    ]
    assert t.speakers == ["Travis", "Sarah", "Gilon"]


def test_changelog_markdown_keeps_speakers_through_stamped_paragraphs(real):
    path = real / "changelog_672.md"
    paragraphs = [p.strip() for p in path.read_text("utf-8").split("\n\n") if p.strip()]
    names = [m[1] for p in paragraphs if (m := re.match(r"\*\*([^*]+?):\*\*", p))]
    stamps = [_ms(m[1]) for p in paragraphs if (m := re.match(r"\\\[(\d+:\d\d)\\\]", p))]
    t = load(path)
    assert t.format == "markdown"
    assert [turn.speaker for turn in t.turns] == names
    assert len(names) == 209
    assert (
        [span.start_ms for turn in t.turns for span in turn.spans]
        == stamps
        == [
            504_000,
            729_000,
            970_000,
            1_674_000,
            2_645_000,
        ]
    )
    assert all("\\[" not in turn.text for turn in t.turns)
    stamped_in_label = [turn.start_ms for turn in t.turns if turn.timed]
    assert 19 * 60_000 + 49_000 in stamped_in_label  # "**Adam Stacoviak:** \[19:49\] Can you talk ..."
    starts = [turn.start_ms for turn in t.turns]
    assert starts == sorted(starts)


def test_otter_export_headers_times_and_no_footer(real):
    path = real / "ladybug_otter_62_security.md"
    found = re.findall(r"^(.+?)  (\d+:\d\d(?::\d\d)?)  \n(.+)$", path.read_text("utf-8"), flags=re.MULTILINE)
    t = load(path)
    assert len(found) == len(t.turns) == 162
    assert [(turn.speaker, turn.start_ms, turn.text) for turn in t.turns] == [
        (name, _ms(stamp), text.strip()) for name, stamp, text in found
    ]
    assert "otter.ai" not in t.turns[-1].text
    assert t.timing == "turn"


def test_transistor_bracketed_lines_every_speaker_and_stamp(real):
    path = real / "oxide_transistor_bracket_speaker.txt"
    found = re.findall(r"^\[(Speaker \d+)\] \[([\d:]+)\] (.*)$", path.read_text("utf-8"), flags=re.MULTILINE)
    t = load(path)
    assert t.format == "bracketed" and t.timing == "turn"
    assert len(found) == len(t.turns) == 387
    assert [(turn.speaker, turn.start_ms, turn.text) for turn in t.turns] == [
        (name, _ms(stamp), text.strip()) for name, stamp, text in found
    ]
    assert len(t.speakers) == 14


def test_youtube_sbv_every_cue_time_and_no_invented_speakers(real):
    path = real / "youtube_studio_captions.sbv"
    blocks = [b.split("\n") for b in path.read_text("utf-8").strip().split("\n\n")]
    expected = []
    for block in blocks:
        start, end = block[0].split(",")
        expected.append((_ms(start), _ms(end), _words(" ".join(block[1:]))))
    t = load(path)
    assert t.format == "sbv" and t.timing == "cue"
    assert t.speakers == []
    assert _cues(t) == expected
    assert len(expected) == 321
