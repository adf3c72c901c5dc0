"""What makes an opened file an episode already in the library.

The rule, in the order it is applied:

1. The same text (speakers and words, see ``reader.store.fingerprint``) at
   the same path: the same episode.
2. The same text, and the file the library knew is gone: the episode was
   moved. Same episode; its path is updated, and its highlights, audio, sync
   points and place come along.
3. Different text at a path the library knows: the transcript was corrected
   or downloaded again. Same episode; its highlights are placed again by
   their quotes.
4. The same text, while the file the library knew is still there: a copy,
   usually beside other audio. A new episode of its own, so the original's
   audio, sync points, place and highlights are never taken over.
5. Anything else: a new episode.

Copies share the text's fingerprint, which the library keeps unique, so a
copy's is the text's with ``+N`` after it (N = 2, 3, …).
"""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Callable, Sequence

SAME, MOVED, CHANGED, COPY, NEW = "same", "moved", "changed", "copy", "new"
COPY_MARK = "+"


class Known(namedtuple("Known", "id fingerprint path")):
    """An episode row the rule looks at: its id, stored fingerprint and transcript path."""

    __slots__ = ()


class Recognition(namedtuple("Recognition", "kind episode_id known_path fingerprint")):
    """How a file was recognised: ``episode_id`` is the episode it opens as
    (None for COPY and NEW, which create one); ``known_path`` is the path the
    library had (the old place of a moved file, the original of a copy);
    ``fingerprint`` is what the episode is to be stored under."""

    __slots__ = ()


def copies_pattern(text_fingerprint: str) -> str:
    """A LIKE pattern for the fingerprints of copies of this text."""
    return text_fingerprint + COPY_MARK + "%"


def recognise(
    text_fingerprint: str,
    path: str,
    same_text: Sequence[Known],
    same_path: Sequence[Known],
    exists: Callable[[str], bool] = os.path.exists,
) -> Recognition:
    """Apply the rule. ``same_text`` are the episodes with this text (the
    original and its copies), ``same_path`` those recorded at ``path``, most
    recently opened first."""
    for known in same_text:
        if _same_path(known.path, path):
            return Recognition(SAME, known.id, known.path, known.fingerprint)
    for known in same_text:
        if not exists(known.path):
            return Recognition(MOVED, known.id, known.path, known.fingerprint)
    if same_text:
        taken = {known.fingerprint for known in same_text}
        number = 2
        while f"{text_fingerprint}{COPY_MARK}{number}" in taken:
            number += 1
        return Recognition(COPY, None, same_text[0].path, f"{text_fingerprint}{COPY_MARK}{number}")
    if same_path:
        return Recognition(CHANGED, same_path[0].id, same_path[0].path, text_fingerprint)
    return Recognition(NEW, None, None, text_fingerprint)


def _same_path(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def describe(found: Recognition, title: str, highlights: int) -> str | None:
    """The status line's sentence about how the file was recognised; None
    for a new file, and for a changed one (placing its highlights again says
    more)."""
    kept = f" with {highlights} highlight{'s' if highlights != 1 else ''}" if highlights else ""
    if found.kind == SAME:
        return f"“{title}” is in your library{kept}."
    if found.kind == MOVED:
        return f"Recognised “{title}” from your library{kept}; it was at {found.known_path}, now here."
    if found.kind == COPY:
        return (
            f"A copy of “{title}” (still at {found.known_path}), opened as its own episode; the original is untouched."
        )
    return None
