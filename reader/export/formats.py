"""The text formats of an export: Markdown for Obsidian, Readwise CSV, a
quote for the clipboard.

Each is a pure function from :class:`reader.export.EpisodeExport` values to
a string, so the UI, the CLI and the tests all get byte-identical output and
writing stays in one place (:func:`reader.export.write_export`).

This module reads the export values by attribute only and never imports
``reader.export.model`` at run time, so that ``reader.export.model`` can re-export these
functions without an import cycle.

**Markdown escaping.** A quote must render as the same text in any CommonMark
renderer and in Obsidian, whatever it contains. :func:`escape_markdown_line`
backslash-escapes every character that starts syntax (CommonMark, GFM tables
and strikethrough, Obsidian tags, highlights, comments, maths and block ids)
and each line is stripped of surrounding whitespace, because leading spaces
make code blocks and trailing ones make hard breaks. So the rendered text
equals the original with each line stripped and blank lines dropped (they
become paragraph breaks); NUL becomes U+FFFD as CommonMark requires.
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING

from reader.timecode import format_stamp

if TYPE_CHECKING:
    from reader.export.model import EpisodeExport
    from reader.keep import Bookmark, Highlight

#: Obsidian tags in the front matter of every Markdown export.
MARKDOWN_TAGS = ("podcast", "transcript-reader")

#: The text of the link beside every exported time.
PLAY_LINK_TEXT = "▶ Play"

READWISE_HEADER = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")

DETACHED_SENTENCE = (
    "The transcript changed after these were saved and they could not be placed "
    "in it again. Each keeps the time it had before."
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Always syntax somewhere: CommonMark, GFM (| ~), Obsidian (# tags, $ maths, ^ block ids).
_SYNTAX_CHAR = re.compile(r"[\\`*_\[\]<>|~#$^]")
# Syntax only when doubled: Obsidian ==highlight== and %%comment%%; "a = b" stays readable.
_DOUBLED = re.compile(r"={2,}|%{2,}")
# "&amp;" would render as "&": escape "&" only where it starts a character reference.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# List items ("- ", "+ ", "1. ", "1) ") and setext underlines ("-", "=") at a line start.
_LINE_START = re.compile(r"^(?:[-+=]|[0-9]{1,9}(?=[.)](?:[ \t]|$)))")
# YAML printable excludes these; YAML 1.1 parsers also break lines at U+0085/2028/2029.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _backslash(match: re.Match[str]) -> str:
    return "".join("\\" + ch for ch in match.group())


def _escape_list_marker(match: re.Match[str]) -> str:
    """``-`` becomes ``\\-``; for ``12.`` the escape goes before the dot."""
    text = match.group()
    return "\\" + text if not text.isdigit() else text + "\\"


def escape_markdown_line(line: str) -> str:
    """One line of plain text as Markdown that renders as that text, stripped."""
    line = line.strip().replace("\x00", "\ufffd")
    line = _SYNTAX_CHAR.sub(_backslash, line)
    line = _DOUBLED.sub(_backslash, line)
    line = _ENTITY.sub(r"\\&", line)
    return _LINE_START.sub(_escape_list_marker, line)


def escape_markdown_lines(text: str) -> list[str]:
    """Escaped lines of ``text``, split where Markdown splits (not at U+2028)."""
    return [escape_markdown_line(line) for line in _LINE_BREAK.split(text)]


def escape_markdown_inline(text: str) -> str:
    """Text for a heading or a single line: line breaks become spaces."""
    return escape_markdown_line(" ".join(_LINE_BREAK.split(text)))


def _tidy(lines: list[str]) -> list[str]:
    """No blank lines at either end, and never two in a row: a blank line only
    separates paragraphs, so more of them would render the same anyway."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def blockquote(text: str) -> str:
    """Every line prefixed ``> ``; a blank line stays inside the quote as ``>``."""
    lines = _tidy(escape_markdown_lines(text)) or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def paragraph(text: str) -> str:
    """Text as paragraphs separated by one blank line; empty for blank text."""
    return "\n".join(_tidy(escape_markdown_lines(text)))


def yaml_string(value: str | None) -> str:
    """A YAML double-quoted scalar (JSON strings are valid ones); ``null`` for None."""
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def yaml_list(values: Iterable[str]) -> str:
    """A YAML flow sequence of double-quoted scalars, one line."""
    return "[" + ", ".join(yaml_string(value) for value in values) + "]"


def iso_utc(moment: datetime) -> str:
    """``2024-05-01T12:00:00Z``: one spelling of UTC in every format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Markdown ------------------------------------------------------------------


def to_markdown(exports: Sequence[EpisodeExport]) -> str:
    """One document: one front matter, a ``# Title`` section per episode.

    A single episode gets its files in the front matter; several get a
    front matter for the whole export and their files under each heading.
    """
    if not exports:
        raise ValueError("nothing to export: no episodes")
    single = len(exports) == 1
    parts = [_front_matter(exports)]
    for export in exports:
        parts.append(f"# {escape_markdown_inline(export.title)}")
        if not single:
            parts.append(_files_line(export))
        parts.extend(_episode_body(export))
    return "\n\n".join(parts) + "\n"


def _front_matter(exports: Sequence[EpisodeExport]) -> str:
    exported = iso_utc(max(export.exported_at for export in exports))
    if len(exports) == 1:
        export = exports[0]
        fields = [
            ("title", yaml_string(export.title)),
            *_source_fields(export),
            ("transcript", yaml_string(export.transcript_path)),
            ("audio", yaml_string(export.audio_path)),
        ]
    else:
        fields = [
            ("title", yaml_string(f"Highlights from {len(exports)} episodes")),
            ("episodes", yaml_list(export.title for export in exports)),
        ]
    fields += [("exported", yaml_string(exported)), ("tags", yaml_list(MARKDOWN_TAGS))]
    return "\n".join(["---", *(f"{key}: {value}" for key, value in fields), "---"])


def _source_fields(export: EpisodeExport) -> list[tuple[str, str]]:
    """``show`` and ``link`` for an episode a followed podcast brought."""
    return [(key, yaml_string(value)) for key, value in (("show", export.show), ("link", export.link)) if value]


def _files_line(export: EpisodeExport) -> str:
    transcript = escape_markdown_inline(export.transcript_path or "none")
    audio = escape_markdown_inline(export.audio_path or "none")
    labelled = (("Show", export.show), ("Link", export.link))
    source = "".join(f"{label}: {escape_markdown_inline(value)} · " for label, value in labelled if value)
    return f"{source}Transcript: {transcript} · Audio: {audio}"


def _episode_body(export: EpisodeExport) -> list[str]:
    """Highlights grouped by chapter, then bookmarks, then detached highlights."""
    parts: list[str] = []
    for title, highlights in _by_chapter(export):
        if title is not None:
            parts.append(f"## {title}")
        parts.extend(_highlight_block(export, h) for h in highlights)
    if export.bookmarks:
        parts.append("## Bookmarks")
        parts.append("\n".join(_bookmark_item(export, b) for b in export.bookmarks))
    if export.detached:
        parts += ["## Detached highlights", DETACHED_SENTENCE]
        parts.extend(_highlight_block(export, h) for h in export.detached)
    if not parts:
        parts.append("No highlights or bookmarks.")
    return parts


def _by_chapter(export: EpisodeExport) -> list[tuple[str | None, list[Highlight]]]:
    """(escaped chapter title or None, highlights) for each chapter with any."""
    starts = [chapter.start_ms for chapter in export.chapters]
    groups: dict[int, list[Highlight]] = {}
    for highlight in export.highlights:
        groups.setdefault(bisect_right(starts, highlight.anchor.start_ms) - 1, []).append(highlight)
    return [(_chapter_title(export, i), groups[i]) for i in sorted(groups)]


def _chapter_title(export: EpisodeExport, index: int) -> str | None:
    if index < 0:
        return None
    chapter = export.chapters[index]
    return escape_markdown_inline(chapter.title) or f"Chapter at {format_stamp(chapter.start_ms)}"


def _highlight_block(export: EpisodeExport, highlight: Highlight) -> str:
    """Quote, then ``— Speaker, [HH:MM:SS] #colour``, then the note."""
    speakers = escape_markdown_inline(" & ".join(export.speakers(highlight)))
    who = f"{speakers}, " if speakers else ""
    start = highlight.anchor.start_ms
    meta = f"— {who}{moment(start, export.moment_link(start, highlight.id))} #{_tag(highlight.colour)}"
    block = [blockquote(highlight.anchor.quote), *_embed(export.clip("highlight", highlight.id)), meta]
    note = paragraph(highlight.note or "")
    if note:
        block.append(note)
    return "\n\n".join(block)


def moment(ms: int, link: str | None) -> str:
    """``[00:12:34] [▶ Play](transcript-reader://…)``: the link opens the app
    at that second; the plain time stays for readers without the app."""
    stamp = f"[{format_stamp(ms)}]"
    return f"{stamp} [{PLAY_LINK_TEXT}]({link})" if link else stamp


def _embed(clip_name: str | None) -> list[str]:
    """Obsidian's embed of a clip beside the note (names are plain: see reader.export.clips)."""
    return [f"![[{clip_name}]]"] if clip_name else []


def _bookmark_item(export: EpisodeExport, bookmark: Bookmark) -> str:
    """``- [HH:MM:SS] [▶ Play](…) note``; later lines (and a clip) indented so they stay in the item."""
    lines = paragraph(bookmark.note or "").split("\n")
    head = f"- {moment(bookmark.ms, export.moment_link(bookmark.ms))} {lines[0]}".rstrip()
    rest = [*lines[1:], *_embed(export.clip("bookmark", bookmark.id))]
    return "\n".join([head, *(f"  {line}" if line else "" for line in rest)])


def _tag(colour: str) -> str:
    """A colour as a tag; anything odd in a stored colour is dropped, not escaped."""
    return re.sub(r"[^A-Za-z0-9_-]", "", colour or "") or "highlight"


def quote_markdown(quote: str, speaker: str | None, ms: int, title: str | None, link: str | None = None) -> str:
    """A quote for the clipboard: the blockquote, then ``— Speaker, [HH:MM:SS] [▶ Play](link), *Title*``."""
    attribution = [escape_markdown_inline(speaker or ""), moment(ms, link)]
    shown_title = escape_markdown_inline(title or "")
    if shown_title:
        attribution.append(f"*{shown_title}*")
    return f"{blockquote(quote)}\n\n— {', '.join(part for part in attribution if part)}\n"


# --- Readwise CSV --------------------------------------------------------------


#: A cell starting with one of these is a formula to a spreadsheet (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str | int) -> str | int:
    """A text cell a spreadsheet shows as text: one starting like a formula
    gets a leading apostrophe, as OWASP advises against CSV injection."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def to_readwise_csv(exports: Iterable[EpisodeExport]) -> str:
    """Readwise's CSV import: one row per highlight, detached ones included.

    Written with a UTF-8 byte order mark, so Excel reads "They’ve" rather
    than mojibake; Readwise ignores it. ``Author`` is the episode's (the same
    on every row of it), so one episode is one source in Readwise."""
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(READWISE_HEADER)
    for export in exports:
        for highlight in [*export.highlights, *export.detached]:
            writer.writerow(_readwise_row(export, highlight))
    return buffer.getvalue()


def _readwise_row(export: EpisodeExport, highlight: Highlight) -> list[str | int]:
    """``URL`` is the highlight's moment: Readwise's "open source" opens the app
    there (issue 16). A followed episode's web page stays in the Markdown front matter.
    ``Author`` is the show, else the episode's people: the same on every row."""
    row = [
        highlight.anchor.quote,
        export.title,
        export.show or export.author,  # a podcast's author is its show
        export.moment_link(highlight.anchor.start_ms, highlight.id) or export.link or file_uri(export.transcript_path),
        readwise_note(highlight),
        max(highlight.anchor.start_ms, 0) // 1000,
        readwise_date(highlight.created_at),
    ]
    return [spreadsheet_safe(cell) for cell in row]


def readwise_note(highlight: Highlight) -> str:
    """``.orange [00:12:34] My note``: Readwise reads a tag only at the very start."""
    return f".{_tag(highlight.colour)} [{format_stamp(highlight.anchor.start_ms)}] {highlight.note or ''}".rstrip()


def readwise_date(stamp: str | None) -> str:
    """``YYYY-MM-DD HH:MM:SS`` in UTC; a stamp without a zone is taken as UTC.
    An unreadable stamp gives an empty Date, which Readwise fills in itself,
    rather than a value that could make it reject the row."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def file_uri(path: str | None) -> str:
    """``file://`` URI of an absolute path; empty when there is none to give."""
    if not path:
        return ""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else ""
