"""Exports as the app and the command line make them: pick episodes, build the
export model, render one format, write it atomically.

Shared by File → Export Highlights… and ``transcript-reader export`` so that
both always give the same file for the same choice.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from reader.errors import TranscriptError
from reader.export import build_export, to_json
from reader.export_formats import to_markdown, to_readwise_csv
from reader.keep import Episode
from reader.store import Store

FORMATS = {"md": to_markdown, "csv": to_readwise_csv, "json": to_json}
SUFFIXES = {"md": ".md", "csv": ".csv", "json": ".json"}


class ExportError(Exception):
    """A one-sentence reason the export could not be made."""


def render(store: Store, episodes: list[Episode], fmt: str, now: datetime | None = None) -> str:
    """The export of ``episodes`` in ``fmt`` (md, csv or json)."""
    if not episodes:
        raise ExportError("There is nothing to export yet; open an episode and highlight something first.")
    now = now or datetime.now(timezone.utc)
    exports = [
        build_export(e, _transcript_or_none(e), store.highlights(e.id), store.bookmarks(e.id), now) for e in episodes
    ]
    return FORMATS[fmt](exports)


def _transcript_or_none(episode: Episode):
    """Chapters come from the transcript; a missing or unreadable one loses only those."""
    from reader.importer import load

    if not episode.transcript_path or not os.path.isfile(episode.transcript_path):
        return None
    try:
        return load(episode.transcript_path)
    except TranscriptError:
        return None


def find_target(store: Store, target: str) -> Episode:
    """An episode named by a transcript path, an episode number or part of a title."""
    if os.path.exists(target):
        return _by_file(store, target)
    if target.isdigit():
        try:
            return store.episode(int(target))
        except KeyError:
            raise ExportError(f"There is no episode number {target}; run 'transcript-reader highlights' to list them.") from None
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
