"""Markdown transcripts: Substack posts, Obsidian notes, podcast pages.

Markdown defines markup, so it is removed here (escapes, links, emphasis,
headings, list bullets, Pandoc's ``:::`` fences and ``{#id .class}``
attributes) and the plain lines go to :func:`labelled.parse_lines`. Raw HTML
is *not* interpreted: ``<b>`` stays three characters, so nothing in a
transcript can ever render or open anything.
"""

from __future__ import annotations

import html
import re

from reader.formats import labelled
from reader.formats.base import Format
from reader.model import Draft

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(?P<value>.+?)[ \t]*$", re.MULTILINE)
#: ``description:`` or ``summary:``, on one line or as a ``|``/``>`` block of indented lines.
_FRONT_DESCRIPTION = re.compile(
    r"^(?:description|summary):[ \t]*(?P<value>[^\n]*)(?:\n|\Z)(?P<block>(?:[ \t]+[^\n]*(?:\n|\Z))*)", re.MULTILINE
)
_BOLD_LABEL = re.compile(r"(?m)^[ \t]*(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)[ \t]*[:(\[]")
_HEADING_LINE = re.compile(r"(?m)^#{1,6}[ \t]+\S")
_HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>.*?)[ \t]*(?:\{[^}]*\})?[ \t]*#*")
_FENCE = re.compile(r":{3,}.*|`{3,}.*|~{3,}.*")
_BULLET = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+")
_HTML_BLOCK_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

#: Backslash escapes: ``\X`` for any ASCII punctuation X (CommonMark).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECT_BASE = 0xE000  # private-use code points hold escaped characters meanwhile
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)(?:\{[^}]*\})?")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])(?:\{[^}]*\})?")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=\S)(?P<text>.+?)(?<=\S)\*")
_EM_UNDERSCORE = re.compile(r"(?<![\w])_(?=\S)(?P<text>.+?)(?<=\S)_(?![\w])")
_CODE = re.compile(r"`+(?P<text>[^`]+?)`+")
_STRIKE = re.compile(r"~~(?P<text>.+?)~~")


def guess(text: str) -> bool:
    return bool(_FRONT_MATTER.match(text) or _BOLD_LABEL.search(text) or _HEADING_LINE.search(text))


def parse(text: str) -> Draft:
    title, body = _split_front_matter(text)
    lines, headings = _plain_lines(body)
    draft = labelled.parse_lines(lines, title=title, headings=frozenset(headings))
    draft.description = front_matter_description(text)
    return draft


def front_matter_description(text: str) -> str | None:
    """The episode summary in the front matter (``description:`` or ``summary:``)."""
    match = _FRONT_MATTER.match(text)
    found = _FRONT_DESCRIPTION.search(match["body"]) if match else None
    if found is None:
        return None
    value, block = found["value"].strip(), found["block"]
    if value in ("", "|", ">", "|-", ">-", "|+", ">+"):
        lines = [line.strip() for line in block.splitlines()]
        joiner = "\n" if value.startswith("|") else " "
        return joiner.join(line for line in lines if line).strip() or None
    return _yaml_scalar(value) or None


def _split_front_matter(text: str) -> tuple[str | None, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    title_match = _FRONT_TITLE.search(match["body"])
    title = _yaml_scalar(title_match["value"]) if title_match else None
    return title or None, text[match.end() :]


def _yaml_scalar(value: str) -> str:
    """The common YAML scalar forms a front-matter title takes, without a YAML library."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        return re.sub(r'\\(["\\/])', r"\1", inner).replace("\\n", " ")
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _plain_lines(body: str) -> tuple[list[str], list[int]]:
    """Each paragraph as one plain line; soft-wrapped lines are joined."""
    body = _HTML_BLOCK_COMMENT.sub("", body)
    lines: list[str] = []
    headings: list[int] = []
    joinable = False
    for raw in body.split("\n"):
        stripped = raw.strip()
        if not stripped or _FENCE.fullmatch(stripped):
            lines.append("")
            joinable = False
            continue
        heading = _HEADING.fullmatch(stripped)
        if heading:
            headings.append(len(lines))
            lines.append(inline_to_plain(heading["text"]))
            joinable = False
            continue
        bullet = _BULLET.match(stripped)
        plain = inline_to_plain(stripped[bullet.end() :] if bullet else stripped)
        if joinable and not bullet and not _opens_turn(stripped):
            lines[-1] = f"{lines[-1]} {plain}"
        else:
            lines.append(plain)
        joinable = not bullet
    return lines, headings


def _opens_turn(line: str) -> bool:
    """A line that starts a new speaker or stamp even without a blank line above."""
    return bool(_BOLD_LABEL.match(line) or labelled.guess(line))


def inline_to_plain(text: str) -> str:
    """Markdown inline markup reduced to the words a reader sees."""
    text = _ESCAPE.sub(lambda m: chr(_PROTECT_BASE + ord(m[1])), text)
    text = _IMAGE.sub(lambda m: m["alt"], text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _CODE.sub(lambda m: m["text"], text)
    for pattern in (_STRONG, _STRIKE, _EM_STAR, _EM_UNDERSCORE):
        text = pattern.sub(lambda m: m["text"], text)
    text = html.unescape(text) if "&" in text else text
    return re.sub(r"[\ue000-\ue07f]", lambda m: chr(ord(m[0]) - _PROTECT_BASE), text)


FORMAT = Format(
    name="markdown",
    label="Markdown (Substack, Obsidian, podcast pages)",
    guess=guess,
    parse=parse,
)
