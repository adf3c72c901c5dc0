"""Exports as the app and the command line make them: pick episodes, build the
export model, render one format, write it atomically.

Shared by File → Export Highlights… and ``transcript-reader export`` so that
both always give the same file for the same choice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reader.errors import TranscriptError
from reader.export.formats import to_markdown, to_readwise_csv
from reader.export.model import build_export, to_json
from reader.feeds.source import feed_source
from reader.keep import Episode
from reader.store import Store

if TYPE_CHECKING:
    from reader.heard import HeardTimes

FORMATS = {"md": to_markdown, "csv": to_readwise_csv, "json": to_json}
SUFFIXES = {"md": ".md", "csv": ".csv", "json": ".json"}


class ExportError(Exception):
    """A one-sentence reason the export could not be made."""


class ExportCancelled(Exception):
    """The user cancelled the export before it was written."""


#: ``progress(done, total)`` after each episode; False stops the export.
Progress = Callable[[int, int], bool]


def render(
    store: Store,
    episodes: list[Episode],
    fmt: str,
    now: datetime | None = None,
    heard: HeardTimes | None = None,
    progress: Progress | None = None,
) -> str:
    """The export of ``episodes`` in ``fmt`` (md, csv or json); raises
    ExportCancelled when ``progress`` says to stop."""
    return FORMATS[fmt](build_exports(store, episodes, fmt, now, heard, progress))


def build_exports(
    store: Store,
    episodes: list[Episode],
    fmt: str,
    now: datetime | None = None,
    heard: HeardTimes | None = None,
    progress: Progress | None = None,
) -> list:
    """One :class:`reader.export.model.EpisodeExport` per episode, timed as ``fmt`` shows times.

    ``heard``: the open episode's times as the window plays them
    (``reader.heard``): its words as aligned now, through the map with
    alignment's corrections, which the library does not keep."""
    if not episodes:
        raise ExportError("There is nothing to export yet; open an episode and highlight something first.")
    now = now or datetime.now(UTC)
    exports = []
    for episode in episodes:
        exports.append(_export(store, episode, fmt, now, heard))
        if progress is not None and not progress(len(exports), len(episodes)):
            raise ExportCancelled
    return exports


def _export(store: Store, episode: Episode, fmt: str, now: datetime, heard: HeardTimes | None = None):
    """One episode's export. Markdown and CSV show audio time (what a listener
    seeks to); JSON keeps transcript time and carries the map itself."""
    from reader.align.kept import kept_heard_times, sync_point_times, transcript_or_none

    stored = store.time_map(episode.id)
    highlights, bookmarks = store.highlights(episode.id), store.bookmarks(episode.id)
    transcript = transcript_or_none(episode.transcript_path)  # chapters come from it; a missing one loses only those
    if heard is None or not heard.covers(episode.id):  # not the open episode: as the library hears it
        heard = kept_heard_times(store, episode, transcript, highlights) or sync_point_times(store, episode)
    if heard is not None and heard.covers(episode.id):
        if fmt == "json":  # the words' times as shown now, with the map that hears them
            highlights = [heard.placed_highlight(h) for h in highlights]
            stored = heard.time_map.as_dict()
        else:
            highlights = [heard.heard_highlight(h) for h in highlights]
            bookmarks = [heard.heard_bookmark(b) for b in bookmarks]
    export = build_export(episode, transcript, highlights, bookmarks, now)
    source = feed_source(store.connection, episode.transcript_path)
    if source is not None:
        export = export._replace(show=source.show, link=source.link)
    return export._replace(time_map=stored)


def find_target(store: Store, target: str) -> Episode:
    """An episode named by a transcript path, an episode number or part of a title."""
    if os.path.exists(target):
        return _by_file(store, target)
    if target.isdecimal():  # not isdigit(): int() refuses "²"
        try:
            return store.episode(int(target))
        except (KeyError, OverflowError):  # OverflowError: more digits than SQLite's integers hold
            raise ExportError(
                f"There is no episode number {target}; run 'transcript-reader highlights' to list them."
            ) from None
    matches = [s.episode for s in store.episodes() if target.casefold() in s.episode.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ExportError(f"No episode's title contains {target!r}; give the transcript's path or the episode number.")
    raise ExportError(f"{len(matches)} episodes' titles contain {target!r}; give the episode number instead.")


def _by_file(store: Store, path: str) -> Episode:
    from reader.importer import load

    try:
        transcript = load(path)
    except TranscriptError as error:
        raise ExportError(str(error)) from None
    episode = store.find_episode(transcript, path)
    if episode is None:
        raise ExportError(
            f"{os.path.basename(path)} has not been opened in Transcript Reader yet, so it has no highlights."
        )
    return episode
