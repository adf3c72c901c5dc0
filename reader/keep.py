"""What a reader keeps: highlights, bookmarks, and the episodes they belong to.

Plain immutable values shared by the store (``reader.store``), re-anchoring
(``reader.anchoring``) and export (``reader.export.model``). Times are integer
milliseconds in transcript time; timestamps of record (created, updated,
opened) are ISO 8601 strings in UTC, as SQLite and exports want them.
"""

from __future__ import annotations

from collections import namedtuple

#: Highlight colours, in the order the UI offers them. The names double as
#: Readwise tags (".orange") and Markdown tags ("#orange").
COLOURS = ("yellow", "green", "blue", "pink", "orange")
DEFAULT_COLOUR = "yellow"

#: Characters of context kept on each side of a quote, to place it again
#: when the transcript changes.
CONTEXT_CHARS = 48


class Anchor(
    namedtuple(
        "Anchor",
        "start_turn start_offset end_turn end_offset quote prefix suffix start_ms end_ms",
    )
):
    """Where a highlight sits, recorded redundantly so it survives edits.

    ``start_offset``/``end_offset`` are character offsets into the text of
    ``start_turn``/``end_turn`` (end exclusive). ``quote`` is the exact text,
    with ``\\n`` between turns; ``prefix``/``suffix`` are up to
    :data:`CONTEXT_CHARS` characters around it. Turn numbers and offsets are
    only a first guess after the transcript changes; the quote and its
    context decide.
    """

    __slots__ = ()


class Highlight(
    namedtuple(
        "Highlight",
        "id episode_id anchor speakers colour note created_at updated_at detached",
        defaults=(False,),
    )
):
    """``speakers`` is a tuple of the names as the transcript gives them (renames
    are applied on display and export). ``detached`` is True when the
    transcript changed and the quote could not be placed again: the highlight
    is kept, listed apart, and can still be exported or deleted by hand."""

    __slots__ = ()


class Bookmark(namedtuple("Bookmark", "id episode_id ms note created_at")):
    """A moment pinned while listening, with no text selected."""

    __slots__ = ()


class Episode(
    namedtuple(
        "Episode",
        "id fingerprint title transcript_path audio_path last_position_ms last_opened speaker_renames",
    )
):
    """``speaker_renames`` maps a name in the transcript to the name to show."""

    __slots__ = ()

    def speaker_name(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.speaker_renames.get(name, name)


def now_stamp() -> str:
    """Now, as every record is stamped: ISO 8601 in UTC with milliseconds,
    so text order is time order. (datetime loads here, not with the window.)"""
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
