"""Clips with an export: each highlight's (and bookmark's) sound, in an
attachments folder beside the Markdown note, embedded under its quote.

Names are stable: ``<title>-<episode>-h<id>-<span>.m4a``. The same item
with the same span, padding and format gets the same name, so exporting
again reuses the file (and costs nothing); an item whose span changed gets a
new name, and its old clip is removed, so a folder never holds two clips of
one highlight.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import namedtuple
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from reader.clips import (
    DEFAULT_BOOKMARK_MS,
    DEFAULT_FORMAT,
    DEFAULT_PADDING_MS,
    ClipError,
    ClipTags,
    clip_format,
    cut_clip,
    padded_span,
)
from reader.export.formats import to_markdown
from reader.links import episode_key

#: The folder beside the note that holds its clips (Obsidian's usual name).
ATTACHMENTS = "attachments"
HIGHLIGHT, BOOKMARK = "highlight", "bookmark"
_OUR_CLIP = re.compile(r"-(?P<episode>[0-9a-f]{6})-(?P<kind>[hb])(?P<id>\d+)-[0-9a-f]{6}\.(?:m4a|mp3|opus)$")

#: ``(done, total)`` after each clip; returning False stops the export early.
Progress = Callable[[int, int], bool]


class ClipSettings(namedtuple("ClipSettings", "fmt padding_ms bookmark_ms")):
    """The user's choices: format (m4a, mp3, opus), padding, a bookmark clip's length."""

    __slots__ = ()


ClipSettings.__new__.__defaults__ = (DEFAULT_FORMAT, DEFAULT_PADDING_MS, DEFAULT_BOOKMARK_MS)


class ClipReport(namedtuple("ClipReport", "written reused problem cancelled")):
    """How many clips were cut and reused, and the one sentence about any that
    could not be (the text is exported all the same)."""

    __slots__ = ()


def item_span(kind: str, item, settings: ClipSettings) -> tuple[int, int]:
    """The padded audio span of a highlight (first word to last) or bookmark."""
    if kind == HIGHLIGHT:
        return padded_span(item.anchor.start_ms, item.anchor.end_ms, settings.padding_ms)
    return padded_span(item.ms, item.ms + max(int(settings.bookmark_ms), 1000), settings.padding_ms)


def clip_name(export, kind: str, item, settings: ClipSettings) -> str:
    """A plain, stable file name (letters, digits and hyphens: safe in ``![[…]]``)."""
    start, end = item_span(kind, item, settings)
    span = hashlib.sha1(f"{start}-{end}-{settings.fmt}".encode()).hexdigest()[:6]
    slug = re.sub(r"[^a-z0-9]+", "-", export.title.casefold()).strip("-")[:40].strip("-") or "episode"
    key = episode_key(export.episode.fingerprint or "0" * 6)[:6]
    return f"{slug}-{key}-{kind[0]}{item.id}-{span}{clip_format(settings.fmt).suffix}"


def clip_tags(export, kind: str, item) -> ClipTags:
    if kind == HIGHLIGHT:
        speaker = " & ".join(export.speakers(item))
        return ClipTags(item.anchor.quote, export.title, speaker, export.moment_link(item.anchor.start_ms, item.id))
    return ClipTags(item.note or "Bookmark", export.title, "", export.moment_link(item.ms))


def cut_item(export, kind: str, item, target: str | os.PathLike[str], settings: ClipSettings) -> int:
    """One item's clip at ``target``; its length in ms. Raises ClipError."""
    audio = export.audio_path
    if not audio or not os.path.isfile(audio):
        raise ClipError(_no_audio(export))
    start, end = item_span(kind, item, settings)
    return cut_clip(audio, start, end, target, settings.fmt, clip_tags(export, kind, item))


def find_item(export, kind: str, item_id: int):
    """The highlight (placed or detached) or bookmark with this id, or None."""
    items = [*export.highlights, *export.detached] if kind == HIGHLIGHT else export.bookmarks
    return next((item for item in items if item.id == item_id), None)


def write_clips(
    exports: list, folder: str | os.PathLike[str], settings: ClipSettings, progress: Progress | None = None
) -> tuple[list, ClipReport]:
    """Cut every item's clip into ``folder``/attachments; the exports, each
    with the names of its clips, and what happened.

    Clips are cut on a few threads at once (FFmpeg lets go of Python's lock
    while it encodes). An episode without audio, or a format this FFmpeg
    cannot write, gives one sentence in the report; those items are
    exported as text only.
    """
    attachments = Path(folder) / ATTACHMENTS
    jobs = [(export, kind, item) for export in exports for kind, item in _items(export)]
    outcomes: list = []
    cancelled = False
    with ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="clip") as pool:
        futures = [pool.submit(_clip_one, attachments, job, settings) for job in jobs]
        for done, future in enumerate(as_completed(futures), 1):
            outcomes.append(future.result())
            stop = isinstance(outcomes[-1][1], ClipError) and outcomes[-1][1].every_clip
            if stop or (progress is not None and not progress(done, len(jobs))):
                cancelled = not stop
                for pending in futures:
                    pending.cancel()
                break
    names: dict = {}
    written = reused = 0
    problem = None
    for (export, kind, item), outcome in outcomes:
        if isinstance(outcome, ClipError):
            problem = problem or str(outcome)
            continue
        name, cut = outcome
        names.setdefault(id(export), {})[(kind, item.id)] = name
        written, reused = written + cut, reused + (not cut)
    with_clips = [export._replace(clips=names.get(id(export), {})) for export in exports]
    return with_clips, ClipReport(written, reused, problem, cancelled)


def _clip_one(attachments: Path, job, settings: ClipSettings):
    """(job, (file name, whether it was cut)) or (job, the ClipError saying why not)."""
    export, kind, item = job
    try:
        name = clip_name(export, kind, item, settings)
        cut = _place(export, kind, item, attachments / name, settings)
        _remove_older(attachments, name)
        return job, (name, cut)
    except ClipError as error:
        return job, error
    except OSError as error:
        reason = f"Clips could not be written to {attachments} ({error.strerror or error}); check the folder."
        return job, ClipError(reason, every_clip=True)


def _workers() -> int:
    """One clip per core, up to four: more only queue for the disk."""
    return max(1, min(4, os.cpu_count() or 1))


def markdown_with_clips(exports: list, folder: str | os.PathLike[str], settings: ClipSettings, progress=None):
    """(the Markdown note with each clip embedded under its quote, the report)."""
    with_clips, report = write_clips(exports, folder, settings, progress)
    return to_markdown(with_clips), report


def _items(export):
    for highlight in [*export.highlights, *export.detached]:
        yield HIGHLIGHT, highlight
    for bookmark in export.bookmarks:
        yield BOOKMARK, bookmark


def _place(export, kind: str, item, target: Path, settings: ClipSettings) -> bool:
    """Cut the clip unless an identical one (same name) is already there; True if cut."""
    if target.is_file() and target.stat().st_size > 0:
        return False
    if not export.audio_path or not os.path.isfile(export.audio_path):
        raise ClipError(_no_audio(export))
    target.parent.mkdir(parents=True, exist_ok=True)
    cut_item(export, kind, item, target, settings)
    return True


def _remove_older(attachments: Path, current: str) -> None:
    """The same item's clips under other names (an older span or format): gone."""
    mine = _OUR_CLIP.search(current)
    if mine is None:
        return
    for other in attachments.glob(f"*-{mine['episode']}-{mine['kind']}{mine['id']}-*"):
        found = _OUR_CLIP.search(other.name)
        if other.name != current and found and found.group("id", "kind") == mine.group("id", "kind"):
            other.unlink(missing_ok=True)


def _no_audio(export) -> str:
    return f"{export.title} has no audio paired with it, so its highlights were exported without clips."
