"""An episode that is not open, on the clock its words are heard by: the alignment the library keeps.

Exports of several or all episodes (the app's and ``transcript-reader
export``), ``transcript-reader highlights`` and library search hits
(:class:`HeardEpisodes`) see only what the library stores. When an episode was aligned in
the app, its result is in the library's cache (:mod:`reader.align.cache`),
keyed by the audio's fingerprint and the transcript's turn texts. Applied to
the transcript file as it reads now, exactly as the open episode's runner
applies it, that gives the same :class:`reader.heard.HeardTimes` the open
episode hands out: its highlights then export, list and show in search at
the time they are heard.
Anything missing (the files moved, the transcript edited, no alignment kept,
a damaged row) gives None: the stored times stay, as before alignment.

Reads files and applies a whole episode's words (most of a second for 10
hours): call it on a worker in the app.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reader.heard import HeardTimes
    from reader.keep import Episode, Highlight
    from reader.model import Transcript
    from reader.search import SearchHit
    from reader.store import Store


def kept_heard_times(
    store: Store, episode: Episode, transcript: Transcript | None, highlights: Sequence[Highlight] = ()
) -> HeardTimes | None:
    """``episode``'s times as heard after its kept alignment, or None when there is none to use.

    ``transcript``: its transcript file as read now (None when it is gone)."""
    return _heard_after_kept(store, episode, lambda: transcript, highlights)


def heard_times_if_kept(store: Store, episode: Episode, highlights: Sequence[Highlight] = ()) -> HeardTimes | None:
    """As :func:`kept_heard_times`, reading the transcript file only when an
    alignment of the episode's audio is kept at all: a library that never
    aligned anything costs one look at its tables, and an episode never
    aligned one look at its audio's first and last 256 KB."""
    return _heard_after_kept(store, episode, lambda: transcript_or_none(episode.transcript_path), highlights)


def heard_times_in_library(store: Store, episode: Episode, highlights: Sequence[Highlight] = ()) -> HeardTimes | None:
    """An episode's times as heard, as its exports give them: after its kept
    alignment, else through the user's own sync points alone; None when
    neither moves any time (the stored times are the heard ones)."""
    return heard_times_if_kept(store, episode, highlights) or sync_point_times(store, episode, highlights)


def sync_point_times(store: Store, episode: Episode, highlights: Sequence[Highlight] = ()) -> HeardTimes | None:
    """``episode``'s times through the user's own sync points alone (no
    alignment kept): each stored time mapped to the audio; None when the
    points move no time."""
    from reader.heard import HeardTimes
    from reader.timemap import TimeMap

    sync_points = TimeMap.from_dict(store.time_map(episode.id))
    if sync_points.is_identity:
        return None
    return HeardTimes(episode.id, None, sync_points, tuple(highlights))


def transcript_or_none(path: str | None) -> Transcript | None:
    """The transcript file as it reads now; None when it is gone or can't be read."""
    from reader.errors import TranscriptError
    from reader.importer import load

    if not path or not os.path.isfile(path):
        return None
    try:
        return load(path)
    except TranscriptError:
        return None


def _heard_after_kept(
    store: Store, episode: Episode, read: Callable[[], Transcript | None], highlights: Sequence[Highlight]
) -> HeardTimes | None:
    found = _kept_alignment(store, episode, read)
    if found is None:
        return None
    alignment, transcript = found
    from reader.align.apply import apply_again, corrected_map
    from reader.heard import HeardTimes
    from reader.timemap import TimeMap

    applied = apply_again(transcript, alignment)
    sync_points = TimeMap.from_dict(store.time_map(episode.id))  # the user's own, as the session reads them
    return HeardTimes(
        episode.id, applied.transcript, corrected_map(sync_points, applied.corrections), tuple(highlights)
    )


def _kept_alignment(store: Store, episode: Episode, read: Callable[[], Transcript | None]):
    """The complete alignment kept for this audio and the turn texts ``read`` gives, with that transcript; or None.

    The cheap questions come first (is anything kept? for this audio?), so
    the transcript file is read only when an alignment may apply to it."""
    audio = episode.audio_path
    if not audio or not os.path.isfile(audio):
        return None
    from reader.align.audio import fingerprint
    from reader.align.cache import AlignmentCache
    from reader.align.result import Alignment

    cache = AlignmentCache.open_existing(store.path)
    if cache is None:  # this library never kept an alignment
        return None
    try:
        key = fingerprint(audio)
        if not cache.holds_audio(key):
            return None
        transcript = read()
        if transcript is None:
            return None
        found = cache.get(key, [turn.text for turn in transcript.turns])
    except Exception:  # noqa: BLE001 - unreadable audio or a damaged row: the stored times stay
        return None
    finally:
        cache.close()
    return (found, transcript) if isinstance(found, Alignment) and found.complete else None


class HeardEpisodes:
    """Search hits at the time they are heard, for one search session (a
    search dialog): the open episode's times (``open_episode``, from its
    session) or another episode's kept alignment, each episode's worked out
    once and only when it has a hit. An episode not aligned keeps the
    transcript's times.

    Applying a 10-hour alignment takes most of a second: use it on the
    thread that searches, never the window's, and from one thread at a time.
    ``store``: the library as that thread reads it
    (:meth:`reader.search.LibrarySearch.library`)."""

    def __init__(self, store: Store, open_episode: HeardTimes | None = None) -> None:
        self._store = store
        self._times: dict[int, HeardTimes | None] = {}
        if open_episode is not None and open_episode.episode_id is not None:
            self._times[open_episode.episode_id] = open_episode

    def heard_hit(self, hit: SearchHit) -> SearchHit:
        """``hit`` with the time its words are heard (``heard`` set), or as it is when there is none."""
        heard = self.of(hit.episode_id)
        return heard.heard_hit(hit) if heard is not None else hit

    def of(self, episode_id: int) -> HeardTimes | None:
        if episode_id not in self._times:
            self._times[episode_id] = self._kept(episode_id)
        return self._times[episode_id]

    def _kept(self, episode_id: int) -> HeardTimes | None:
        try:
            episode = self._store.episode(episode_id)
            return heard_times_in_library(self._store, episode, self._store.highlights(episode_id))
        except Exception:  # noqa: BLE001 - deleted meanwhile, or the library busy: the hit keeps its time
            return None
