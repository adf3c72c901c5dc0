"""Markdown transcripts: front matter read by a YAML parser, markup removed in linear time."""

from __future__ import annotations

import pytest

from reader.importer import parse_text

_BODY = "\n**Ana** (00:00): Hello *there*, and [welcome](https://example.com).\n\n**Ben** (00:05): Hi.\n"


@pytest.mark.parametrize(
    ("front", "title"),
    [
        ('title: "A quoted: title"', "A quoted: title"),
        ("title: >-\n  A folded title\n  over two lines", "A folded title over two lines"),
        ("title: A plain title that wraps\n  onto the next line", "A plain title that wraps onto the next line"),
        ("title: 'It''s single quoted'", "It's single quoted"),
        # Not valid YAML (a second colon), as hand-written front matter often is.
        ("title: Part 2: the end\n  continued", "Part 2: the end continued"),
        ("date: 2024-06-27\ntags: [a, b]", None),
    ],
)
def test_front_matter_title_is_read_whole(front, title):
    t = parse_text(f"---\n{front}\n---\n{_BODY}")
    assert t.format == "markdown"
    assert t.title == title
    assert [(turn.speaker, turn.text) for turn in t.turns] == [("Ana", "Hello there, and welcome."), ("Ben", "Hi.")]


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("**bold** and __strong__ and *em* and _under_ and ~~gone~~", "bold and strong and em and under and gone"),
        ("snake_case_name stays", "snake_case_name stays"),
        (
            "![a chart](chart.png) and [a link](https://x.org/a_(b)) and <https://x.org>",
            "a chart and a link and https://x.org",
        ),
        ("`code` and ``more code``", "code and more code"),
        ("an *unclosed star and [unclosed bracket", "an *unclosed star and [unclosed bracket"),
        (r"escaped \*stars\* and \[brackets\]", "escaped *stars* and [brackets]"),
    ],
)
def test_inline_markup_becomes_the_words_a_reader_sees(line, plain):
    t = parse_text(f"# Title\n\n**Ana** (00:00): {line}\n")
    assert t.turns[0].text == plain


def test_html_comments_are_dropped_even_across_lines_and_an_unclosed_one_is_kept():
    t = parse_text("# T\n\n**Ana** (00:00): one<!-- a\nnote --> two\n\n**Ben** (00:03): <!-- open\n")
    assert [turn.text for turn in t.turns] == ["one two", "<!-- open"]
