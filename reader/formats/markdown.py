"""Markdown transcripts: Substack posts, Obsidian notes, podcast pages.

Markdown defines markup, so it is removed here (escapes, links, emphasis,
headings, list bullets, Pandoc's ``:::`` fences and ``{#id .class}``
attributes) and the plain lines go to :func:`labelled.parse_lines`. Raw HTML
is *not* interpreted: ``<b>`` stays three characters, so nothing in a
transcript can ever render or open anything.
"""

from __future__ import annotations

import html
import itertools
import re

from reader.formats import labelled, layouts
from reader.formats.layouts import BOLD_LABEL as _BOLD_LABEL
from reader.formats.layouts import FRONT_MATTER as _FRONT_MATTER
from reader.model import Draft

_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
_FENCE = re.compile(r":{3,}.*|`{3,}.*|~{3,}.*")
_BULLET = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+")

# Every pattern below is linear in the length of the line: a bracket or
# parenthesis class never spans another opening bracket, so a failed match
# stops at the next one instead of rescanning the rest of the line from each
# of thousands of openers.

#: Backslash escapes: ``\X`` for any ASCII punctuation X (CommonMark).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECT_BASE = 0xE000  # private-use code points hold escaped characters meanwhile
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\([^()]*\)(?:\{[^{}]*\})?")
_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*+\)|\[[^\[\]]*\])(?:\{[^{}]*\})?")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^<>\s]+)>")
_CODE = re.compile(r"(`+)(?P<text>[^`]+)\1(?!`)")

#: Emphasis, strongest first. The words inside never contain the marker
#: itself, so a marker that never closes is given up at the next marker.
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(?P<text>(?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)(?P<text>(?:[^_]|_(?!_))+?)(?<=\S)__"),
    re.compile(r"~~(?=\S)(?P<text>(?:[^~]|~(?!~))+?)(?<=\S)~~"),
    re.compile(r"\*(?=\S)(?P<text>[^*]+?)(?<=\S)\*"),
    re.compile(r"_(?<!\w_)(?=\S)(?P<text>[^_]+?)(?<=\S)_(?!\w)"),  # literal first: scanned fast
)
#: Real front matter is a few hundred characters; beyond this it is not parsed as YAML.
_MAX_FRONT_MATTER_CHARS = 16384
_HTML_COMMENT_OPEN = "<!--"
_HTML_COMMENT_CLOSE = "-->"


def parse(text: str) -> Draft:
    title, body = _split_front_matter(text)
    lines, headings = _plain_lines(body)
    draft = labelled.parse_lines(lines, title=title, headings=frozenset(headings))
    draft.description = front_matter_description(text)
    return draft


def front_matter_description(text: str) -> str | None:
    """The episode summary in YAML front matter (``description:`` or ``summary:``)."""
    match = _FRONT_MATTER.match(text)
    data = _front_yaml(match["body"]) if match else None
    for key in ("description", "summary"):
        value = data.get(key) if data else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _split_front_matter(text: str) -> tuple[str | None, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    return _front_title(match["body"]), text[match.end() :]


def _front_title(body: str) -> str | None:
    """The ``title`` of YAML front matter, read by a YAML parser so that quoted,
    folded and wrapped titles come out whole.

    Front matter written by hand is often not valid YAML ("title: Part 2: the
    end" has a second colon); then the title line and the indented lines that
    continue it are taken as written. A front matter block larger than any
    real one is not parsed at all, since a pure-Python parser on megabytes of
    crafted YAML would stall the window.
    """
    data = _front_yaml(body)
    if data is not None:
        title = data.get("title")
        return " ".join(str(title).split()) or None if isinstance(title, (str, int, float)) else None
    return _title_as_written(body)


def _front_yaml(body: str) -> dict | None:
    """Front matter read as YAML; None when it is not a valid YAML mapping or is
    larger than any real one (see :func:`_front_title`)."""
    if len(body) > _MAX_FRONT_MATTER_CHARS:
        return None
    import yaml

    try:
        data = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _title_as_written(body: str) -> str | None:
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("title:"):
            parts = [line[len("title:") :].strip()]
            parts += [more.strip() for more in itertools.takewhile(lambda x: x[:1] in (" ", "\t"), lines[index + 1 :])]
            value = " ".join(p for p in parts if p)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            return value or None
    return None


def _without_comments(body: str) -> str:
    """``body`` without HTML comments, found with ``str.find`` so that a run of
    unclosed ``<!--`` costs one scan, not one per opener."""
    parts: list[str] = []
    position = 0
    while (start := body.find(_HTML_COMMENT_OPEN, position)) != -1:
        end = body.find(_HTML_COMMENT_CLOSE, start + len(_HTML_COMMENT_OPEN))
        if end == -1:
            break  # no comment closes after this one, so none after it either
        parts.append(body[position:start])
        position = end + len(_HTML_COMMENT_CLOSE)
    parts.append(body[position:])
    return "".join(parts)


def _heading_text(line: str) -> str | None:
    """The words of an ATX heading (``## Title {#id} ##``), or None."""
    mark = _HEADING_MARK.match(line)
    if mark is None:
        return None
    text = line[mark.end() :].rstrip()
    if text.endswith("}") and (brace := text.rfind("{")) != -1:
        text = text[:brace].rstrip()
    return text.rstrip("#").rstrip()


def _plain_lines(body: str) -> tuple[list[str], list[int]]:
    """Each paragraph as one plain line; soft-wrapped lines are joined."""
    body = _without_comments(body)
    lines: list[str] = []
    headings: list[int] = []
    joinable = False
    for raw in body.split("\n"):
        stripped = raw.strip()
        if not stripped or _FENCE.fullmatch(stripped):
            lines.append("")
            joinable = False
            continue
        heading = _heading_text(stripped)
        if heading is not None:
            headings.append(len(lines))
            lines.append(inline_to_plain(heading))
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
    return bool(_BOLD_LABEL.match(line) or layouts.guess_plain_text(line))


def inline_to_plain(text: str) -> str:
    """Markdown inline markup reduced to the words a reader sees."""
    text = _ESCAPE.sub(lambda m: chr(_PROTECT_BASE + ord(m[1])), text)
    text = _IMAGE.sub(lambda m: m["alt"], text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _CODE.sub(lambda m: m["text"], text)
    for pattern in _EMPHASIS:
        text = pattern.sub(_words, text)
    text = html.unescape(text) if "&" in text else text
    return re.sub(r"[\ue000-\ue07f]", lambda m: chr(ord(m[0]) - _PROTECT_BASE), text)


def _words(match: re.Match[str]) -> str:
    return match["text"]


FORMAT = layouts.MARKDOWN
