"""The two real episodes in ../shared/samples are read exactly.

The expected turns are derived here by a deliberately simple reading of each
file (one regular expression per layout, written for these two files only),
so the importer is checked against an independent oracle, not against itself.
"""

from __future__ import annotations

import re

from reader.importer import load
from reader.timecode import parse_clock

TXT = "open-models-after-the-dow-designation.txt"
MD = "dean-ball-on-ai-policy.md"


def _txt_oracle(text: str):
    body = text.split("\nTranscript\n", 1)[1]
    return [
        (m[2], parse_clock(m[1]), m[3].strip())
        for m in re.finditer(r"^(\d\d:\d\d:\d\d) ([^:\n]+): (.*)$", body, re.MULTILINE)
    ]


def _md_oracle(text: str):
    body = text.split("### Transcript\n", 1)[1]
    turns: list[list] = []
    for paragraph in (p.strip() for p in body.split("\n\n") if p.strip()):
        paragraph = re.sub(r"\\(.)", r"\1", paragraph)
        head = re.match(r"(?:\*\*(?P<name>[^*]+)\*\*)? ?(?:\((?P<ts>[\d:]+)\))?: (?P<rest>.*)", paragraph, re.DOTALL)
        if head and (head["name"] or head["ts"]):
            stamp = parse_clock(head["ts"]) if head["ts"] else None
            turns.append([head["name"], stamp, head["rest"]])
        else:
            turns[-1][2] += "\n" + paragraph
    return turns


def test_plain_text_episode_every_turn_speaker_stamp_and_chapter(samples):
    path = samples / TXT
    t = load(path)
    expected = _txt_oracle(path.read_text(encoding="utf-8"))
    assert t.format == "plain-text"
    assert len(t.turns) == len(expected) == 55
    assert [(turn.speaker, turn.start_ms, turn.text) for turn in t.turns] == expected
    assert all(turn.timed for turn in t.turns)
    assert t.speakers == ["Nathan Lambert", "Dean Ball"]
    assert [(c.start_ms, c.title) for c in t.chapters] == [
        (0, "Intro: is the Anthropic supply chain risk good or bad for open models?"),
        (243_000, "Funding open models and the widening frontier gap"),
        (753_000, "Sovereign AI and global demand for alternatives"),
        (1_255_000, "Open model ecosystem: Qwen, usability, and short-term outlook"),
        (1_700_000, "Government power, nationalization risk, and financializing compute"),
    ]
    # The show notes above the chapters are not turns, and inspect says so.
    assert t.warnings == (
        "The 10 lines above the first turn (show notes or an introduction) "
        "are not part of the transcript and were left out.",
    )
    assert t.turns[-1].text == "Talk to y’all later. Bye."


def test_markdown_episode_every_turn_speaker_stamp_and_chapter(samples):
    path = samples / MD
    t = load(path)
    expected = _md_oracle(path.read_text(encoding="utf-8"))
    assert t.format == "markdown"
    assert t.title == (
        "Interviewing Dean Ball on AI policy: CA SB 1047, upcoming AI disaster response, "
        "Llama 3 405B, Chinese open-source AI, and scaling laws"
    )
    assert len(t.turns) == len(expected) == 131
    assert [turn.speaker for turn in t.turns] == [e[0] for e in expected]
    assert [turn.text for turn in t.turns] == [e[2] for e in expected]
    assert [turn.timed for turn in t.turns] == [e[1] is not None for e in expected]
    stamped = [(turn.start_ms, e[1]) for turn, e in zip(t.turns, expected, strict=False) if e[1] is not None]
    # Every stamp is kept as written, except the one that goes backwards.
    raised = [(got, written) for got, written in stamped if got != written]
    assert raised == [(18 * 60_000 + 4_000, 18 * 60_000)]
    intro, raised_stamp = t.warnings  # the post's introduction, then the stamp that goes backwards
    assert intro.startswith("The 19 lines above the first turn (show notes or an introduction)")
    assert "00:18:00" in raised_stamp and "00:18:04" in raised_stamp
    starts = [turn.start_ms for turn in t.turns]
    assert starts == sorted(starts)
    assert len(t.chapters) == 13
    assert (t.chapters[0].start_ms, t.chapters[0].title) == (0, "Intro and Welcome Dean Ball")
    assert (t.chapters[10].start_ms, t.chapters[10].title) == (
        45 * 60_000 + 18_000,
        "Anthropic's Approach to AI Safety",
    )
    assert (t.chapters[-1].start_ms, t.chapters[-1].title) == (
        53 * 60_000 + 1_000,
        "The Role of Audience in Influencing AI Policy",
    )


def test_markdown_escapes_links_and_continuations_become_plain_words(samples):
    t = load(samples / MD)
    first = t.turns[0]
    assert first.text.startswith("Hello, and welcome back to InterConnect's interview series.")
    assert first.text.count("\n") == 2  # three paragraphs, breaks kept
    assert not any("\\" in turn.text or "**" in turn.text for turn in t.turns)
    assert any("$500 million" in turn.text for turn in t.turns)
    unnamed = [turn for turn in t.turns if turn.speaker is None]
    assert [(u.start_ms, u.text) for u in unnamed] == [(33 * 60_000 + 42_000, "Yeah.")]
