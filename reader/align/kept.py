"""An episode that is not open, on the clock its words are heard by: the alignment the library keeps.

Exports of several or all episodes (the app's and ``transcript-reader
export``) see only what the library stores. When an episode was aligned in
the app, its result is in the library's cache (:mod:`reader.align.cache`),
keyed by the audio's fingerprint and the transcript's turn texts. Applied to
the transcript file as it reads now, exactly as the open episode's runner
applies it, that gives the same :class:`reader.heard.HeardTimes` the open
episode hands out: its highlights then export at the time they are heard.
Anything missing (the files moved, the transcript edited, no alignment kept,
a damaged row) gives None: the stored times stay, as before alignment.

Reads files and applies a whole episode's words (most of a second for 10
hours): call it on a worker in the app.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.heard import HeardTimes
    from reader.keep import Episode, Highlight
    from reader.model import Transcript
    from reader.store import Store


def kept_heard_times(
    store: Store, episode: Episode, transcript: Transcript | None, highlights: Sequence[Highlight] = ()
) -> HeardTimes | None:
    """``episode``'s times as heard after its kept alignment, or None when there is none to use.

    ``transcript``: its transcript file as read now (None when it is gone)."""
    alignment = _kept_alignment(store, episode, transcript)
    if alignment is None or transcript is None:
        return None
    from reader.align.apply import apply_again, corrected_map
    from reader.heard import HeardTimes
    from reader.timemap import TimeMap

    applied = apply_again(transcript, alignment)
    sync_points = TimeMap.from_dict(store.time_map(episode.id))  # the user's own, as the session reads them
    return HeardTimes(
        episode.id, applied.transcript, corrected_map(sync_points, applied.corrections), tuple(highlights)
    )


def _kept_alignment(store: Store, episode: Episode, transcript: Transcript | None):
    """The complete alignment kept for this audio and these turn texts, or None."""
    audio = episode.audio_path
    if transcript is None or not audio or not os.path.isfile(audio) or not _has_cache(store):
        return None
    from reader.align.audio import fingerprint
    from reader.align.cache import AlignmentCache
    from reader.align.result import Alignment

    try:
        key = fingerprint(audio)
        cache = AlignmentCache(store.path)
    except Exception:  # noqa: BLE001 - unreadable audio or library: the stored times stay
        return None
    try:
        found = cache.get(key, [turn.text for turn in transcript.turns])
    except Exception:  # noqa: BLE001 - a damaged row: the stored times stay
        return None
    finally:
        cache.close()
    return found if isinstance(found, Alignment) and found.complete else None


def _has_cache(store: Store) -> bool:
    """The library has kept alignments at all (the cache would otherwise create its table on a read)."""
    from reader.align.cache import TABLE

    try:
        row = store.connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,))
        return row.fetchone() is not None
    except Exception:  # noqa: BLE001 - no answer: as if nothing were kept
        return False
