"""Export highlights and bookmarks: one export model, every format.

:func:`build_export` turns what the store keeps into an :class:`EpisodeExport`
(chapters from the transcript, highlights in reading order, detached ones
apart); the formats are pure functions of a list of those (Markdown, Readwise
CSV and the clipboard quote live in :mod:`reader.export.formats`), and
:func:`write_export` is the one way to put any of them on disk.

JSON export, version 1
----------------------
:func:`to_json` writes this shape; :data:`EXPORT_JSON_SCHEMA` says the same
as JSON Schema (draft 2020-12). Any change to it raises ``version``. Times
are integer milliseconds in transcript time (sync_points and offset_ms map
them to audio time; the Markdown and CSV exports show audio time); stamps are ISO 8601 strings as
the store keeps them (UTC); ``exported_at`` is ``YYYY-MM-DDTHH:MM:SSZ``::

    {"format": "transcript-reader-highlights", "version": 1,
     "exported_at": str,
     "episodes": [{
        "title": str, "fingerprint": str,
        "transcript_path": str|null, "audio_path": str|null,
        "speaker_renames": {transcript name: shown name},
        "sync_points": [{"transcript_ms": int, "audio_ms": int}],
        "offset_ms": int,           # audio = map(transcript time) + offset_ms
        "chapters": [{"start_ms": int, "title": str}],
        "highlights": [{
            "id": int|str, "quote": str, "note": str, "colour": str,
            "speakers": [str|null], # as the transcript names them
            "start_ms": int, "end_ms": int,
            "created_at": str, "updated_at": str|null, "detached": bool,
            "anchor": {"start_turn": int, "start_offset": int,
                       "end_turn": int, "end_offset": int,
                       "prefix": str, "suffix": str}}],
        "bookmarks": [{"id": int|str, "ms": int, "note": str, "created_at": str}]}]}

``speakers`` are the names in the transcript, not the renamed ones, so the
export loses nothing; apply ``speaker_renames`` to show them (null is a turn
with no named speaker). Highlights are in reading order (by ``start_ms``),
placed ones first, then detached ones.
``title`` is the episode's, else the transcript's, else the file name.
``note`` is ``""`` when there is none. ``chapters`` are empty when the
transcript could not be read at export time.
"""

from __future__ import annotations

import json
import os
import secrets
from collections import namedtuple
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from reader.export.formats import iso_utc, quote_markdown, to_markdown, to_readwise_csv
from reader.keep import Bookmark, Episode, Highlight
from reader.model import Transcript

__all__ = [
    "EXPORT_JSON_SCHEMA",
    "EpisodeExport",
    "build_export",
    "quote_markdown",
    "to_json",
    "to_markdown",
    "to_readwise_csv",
    "write_export",
]

JSON_FORMAT = "transcript-reader-highlights"
JSON_VERSION = 1


class EpisodeExport(
    namedtuple(
        "EpisodeExport",
        "episode title chapters highlights detached bookmarks transcript_path audio_path exported_at time_map"
        " show link clips author",
        defaults=(None, "", "", None, ""),
    )
):
    """Everything one episode contributes to an export, in the order shown.

    ``highlights`` are the placed ones sorted by start; ``detached`` are kept
    apart because the formats list them in a section of their own. ``show``
    and ``link`` are the podcast and the episode's web page when a followed
    feed brought the episode ("" otherwise). ``clips`` maps ``("highlight" or
    "bookmark", id)`` to the file name of its audio clip, for the Markdown
    export to embed (see reader.export.clips). ``author`` is who the episode
    is by, the same for all its highlights (see :func:`episode_author`).
    """

    __slots__ = ()

    def moment_link(self, ms: int, highlight_id: int | str | None = None) -> str:
        """The ``transcript-reader://`` link to ``ms`` (audio time) in this episode."""
        from reader.links import make_link

        return make_link(self.episode.fingerprint or "", ms, highlight_id)

    def clip(self, kind: str, item_id: int | str) -> str | None:
        """The file name of an item's clip, when the export wrote one."""
        return (self.clips or {}).get((kind, item_id))

    def speakers(self, highlight: Highlight) -> list[str]:
        """Speakers of a highlight as shown: renamed, unnamed ones dropped, once each."""
        shown = (self.episode.speaker_name(name) for name in highlight.speakers or ())
        return list(dict.fromkeys(name for name in shown if name))


def build_export(
    episode: Episode,
    transcript: Transcript | None,
    highlights: Iterable[Highlight],
    bookmarks: Iterable[Bookmark],
    now: datetime,
) -> EpisodeExport:
    """The export of one episode. ``transcript`` is None when its file is gone:
    the export then has no chapters but loses no highlight."""
    ordered = sorted(highlights, key=_reading_order)
    return EpisodeExport(
        episode=episode,
        title=_title(episode, transcript),
        chapters=sorted(transcript.chapters, key=lambda c: c.start_ms) if transcript else [],
        highlights=[h for h in ordered if not h.detached],
        detached=[h for h in ordered if h.detached],
        bookmarks=sorted(bookmarks, key=lambda b: (b.ms, str(b.created_at))),
        transcript_path=_path_text(episode.transcript_path),
        audio_path=_path_text(episode.audio_path),
        exported_at=now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC),
        author=episode_author(episode, transcript, ordered),
    )


#: More names than this make an Author line no one reads: "A & B & C and others".
AUTHOR_NAMES = 3


def episode_author(episode: Episode, transcript: Transcript | None, highlights: Iterable[Highlight]) -> str:
    """Who an episode is by, for Readwise's Author column: the show's credited
    people as the transcript names them (renamed as the reader renamed them),
    or, with the transcript gone, everyone heard in its highlights. Never one
    quote's speaker: every row of an episode carries the same Author, so
    Readwise files the episode as one source."""
    if transcript is not None and transcript.speakers:
        names = transcript.speakers
    else:
        names = [name for h in highlights for name in h.speakers or ()]
    shown = list(dict.fromkeys(s for s in (episode.speaker_name(n) for n in names) if s and s.strip()))
    if len(shown) > AUTHOR_NAMES:
        return " & ".join(shown[:AUTHOR_NAMES]) + " and others"
    return " & ".join(shown)


def _reading_order(highlight: Highlight) -> tuple:
    """By start, then end, then age: a stable order for highlights that overlap."""
    return (highlight.anchor.start_ms, highlight.anchor.end_ms, str(highlight.created_at), str(highlight.id))


def _title(episode: Episode, transcript: Transcript | None) -> str:
    """Some title always: the formats put it in headings and Readwise needs one."""
    if episode.title and episode.title.strip():
        return episode.title
    if transcript is not None and transcript.title:
        return transcript.title
    if episode.transcript_path:
        return Path(episode.transcript_path).stem
    return "Untitled episode"


def _path_text(path: str | os.PathLike[str] | None) -> str | None:
    return os.fspath(path) if path else None


# --- JSON ----------------------------------------------------------------------


def to_json(exports: Sequence[EpisodeExport]) -> str:
    """Every field kept, in the shape of :data:`EXPORT_JSON_SCHEMA`."""
    if not exports:
        raise ValueError("nothing to export: no episodes")
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": iso_utc(max(export.exported_at for export in exports)),
        "episodes": [_episode_json(export) for export in exports],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _episode_json(export: EpisodeExport) -> dict:
    return {
        "title": export.title,
        "fingerprint": export.episode.fingerprint,
        "transcript_path": export.transcript_path,
        "audio_path": export.audio_path,
        "speaker_renames": dict(export.episode.speaker_renames or {}),
        "sync_points": [{"transcript_ms": t, "audio_ms": a} for t, a in (export.time_map or {}).get("points", ())],
        "offset_ms": int((export.time_map or {}).get("offset_ms", 0)),
        "chapters": [{"start_ms": c.start_ms, "title": c.title} for c in export.chapters],
        "highlights": [_highlight_json(h) for h in [*export.highlights, *export.detached]],
        "bookmarks": [
            {"id": b.id, "ms": b.ms, "note": b.note or "", "created_at": b.created_at} for b in export.bookmarks
        ],
    }


def _highlight_json(highlight: Highlight) -> dict:
    anchor = highlight.anchor
    return {
        "id": highlight.id,
        "quote": anchor.quote,
        "note": highlight.note or "",
        "colour": highlight.colour,
        "speakers": list(highlight.speakers or ()),
        "start_ms": anchor.start_ms,
        "end_ms": anchor.end_ms,
        "created_at": highlight.created_at,
        "updated_at": highlight.updated_at,
        "detached": bool(highlight.detached),
        "anchor": {
            "start_turn": anchor.start_turn,
            "start_offset": anchor.start_offset,
            "end_turn": anchor.end_turn,
            "end_offset": anchor.end_offset,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        },
    }


def _object(properties: dict) -> dict:
    """A closed object with every property required: the shape is exact."""
    return {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": False}


_STR, _INT, _ID = {"type": "string"}, {"type": "integer"}, {"type": ["integer", "string"]}
_MS, _STR_OR_NULL = {"type": "integer", "minimum": 0}, {"type": ["string", "null"]}

EXPORT_JSON_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://transcript-reader.invalid/schemas/highlights-v1.json",
    "title": "Transcript Reader highlights export, version 1",
    **_object(
        {
            "format": {"const": JSON_FORMAT},
            "version": {"const": JSON_VERSION},
            "exported_at": _STR,
            "episodes": {"type": "array", "items": {"$ref": "#/$defs/episode"}},
        }
    ),
    "$defs": {
        "episode": _object(
            {
                "title": _STR,
                "fingerprint": _STR,
                "transcript_path": _STR_OR_NULL,
                "audio_path": _STR_OR_NULL,
                "speaker_renames": {"type": "object", "additionalProperties": _STR},
                "sync_points": {"type": "array", "items": _object({"transcript_ms": _MS, "audio_ms": _MS})},
                "offset_ms": {"type": "integer"},
                "chapters": {"type": "array", "items": _object({"start_ms": _MS, "title": _STR})},
                "highlights": {"type": "array", "items": {"$ref": "#/$defs/highlight"}},
                "bookmarks": {
                    "type": "array",
                    "items": _object({"id": _ID, "ms": _MS, "note": _STR, "created_at": _STR}),
                },
            }
        ),
        "highlight": _object(
            {
                "id": _ID,
                "quote": _STR,
                "note": _STR,
                "colour": _STR,
                "speakers": {"type": "array", "items": _STR_OR_NULL},
                "start_ms": _MS,
                "end_ms": _MS,
                "created_at": _STR,
                "updated_at": _STR_OR_NULL,
                "detached": {"type": "boolean"},
                "anchor": _object(
                    {
                        "start_turn": _INT,
                        "start_offset": _INT,
                        "end_turn": _INT,
                        "end_offset": _INT,
                        "prefix": _STR,
                        "suffix": _STR,
                    }
                ),
            }
        ),
    },
}


# --- Writing -------------------------------------------------------------------


def write_export(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) so that ``path`` is either the
    old file or the whole new one, never a half-written mix, even if the
    machine stops midway: temp file beside it, fsync, then rename over it.
    A symbolic link (a note linked into an Obsidian vault) is written through:
    the file it points to is replaced, and the link stays a link."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    temp = _create_temp_beside(target)
    try:
        with open(temp, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _create_temp_beside(target: Path) -> Path:
    """A new empty file in the target's directory (so the rename is atomic),
    created with the usual permissions rather than mkstemp's owner-only ones."""
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temp


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; POSIX only (Windows cannot open a folder)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
