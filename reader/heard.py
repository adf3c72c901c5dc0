"""Times as the listener hears them: the open episode's words on the audio clock.

Highlights remember their time as it was when they were made, in the
transcript's clock of that moment. Word alignment then re-times the text, and
its gap corrections (an ad skipped, a cut) live in the session's map from
text time to audio time. So a highlight's audio time is found again from its
words (turn and offset) in the transcript as shown now, through that same
map: the one the word cursor and clicking use. Exports, quotes, clips and
search results take their times from a :class:`HeardTimes` snapshot, which is
immutable and so can be handed to a worker thread.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING

from reader.keep import Anchor, Bookmark, Highlight
from reader.model import Transcript
from reader.timeline import word_end_at, word_start_at
from reader.timemap import TimeMap

if TYPE_CHECKING:
    from reader.search import SearchHit


class HeardTimes(namedtuple("HeardTimes", "episode_id transcript time_map highlights", defaults=((),))):
    """The open episode (``episode_id``), its transcript as shown, its text-to-audio
    map (the user's sync points and alignment's corrections), and its highlights."""

    __slots__ = ()
    episode_id: int | None
    transcript: Transcript | None
    time_map: TimeMap
    highlights: tuple[Highlight, ...]

    def text_span(self, anchor: Anchor, detached: bool = False) -> tuple[int, int]:
        """Where the highlight's words are now, in transcript time; the time it
        recorded when it has no place (detached) or its turn is gone."""
        turns = self.transcript.turns if self.transcript is not None else ()
        if detached or not (0 <= anchor.start_turn <= anchor.end_turn < len(turns)):
            return anchor.start_ms, anchor.end_ms
        start = word_start_at(turns[anchor.start_turn], anchor.start_offset)
        return start, max(word_end_at(turns[anchor.end_turn], anchor.end_offset), start)

    def audio_span(self, anchor: Anchor, detached: bool = False) -> tuple[int, int]:
        """Where the highlight's words are heard in the audio."""
        start, end = self.text_span(anchor, detached)
        return max(self.time_map.to_audio(start), 0), max(self.time_map.to_audio(end), 0)

    def audio_ms(self, transcript_ms: int) -> int:
        return max(self.time_map.to_audio(transcript_ms), 0)

    def heard_highlight(self, highlight: Highlight) -> Highlight:
        """The highlight with its anchor's times in audio time."""
        start, end = self.audio_span(highlight.anchor, highlight.detached)
        return highlight._replace(anchor=highlight.anchor._replace(start_ms=start, end_ms=end))

    def placed_highlight(self, highlight: Highlight) -> Highlight:
        """The highlight with its anchor's times in the transcript's time as shown now."""
        start, end = self.text_span(highlight.anchor, highlight.detached)
        return highlight._replace(anchor=highlight.anchor._replace(start_ms=start, end_ms=end))

    def heard_start(self, item: Highlight | Bookmark) -> int:
        """When a highlight's first word, or a bookmark's moment, is heard."""
        if isinstance(item, Highlight):
            return self.audio_span(item.anchor, item.detached)[0]
        return self.audio_ms(item.ms)

    def heard_bookmark(self, bookmark: Bookmark) -> Bookmark:
        return bookmark._replace(ms=self.audio_ms(bookmark.ms))

    def covers(self, episode_id: int | None) -> bool:
        """These are that episode's times (the open one)."""
        return episode_id is not None and episode_id == self.episode_id

    def heard_hit(self, hit: SearchHit) -> SearchHit:
        """A library search hit in the open episode, at its audio time: a turn's
        start, a highlight's (or its note's) first word, a bookmark's moment.
        A hit already in audio time (``hit.heard``) is returned as it is."""
        if not self.covers(hit.episode_id) or hit.heard:
            return hit
        hit = hit._replace(heard=True)
        turns = self.transcript.turns if self.transcript is not None else ()
        if hit.kind in ("highlight", "note"):
            highlight = next((h for h in self.highlights if h.id == hit.item_id), None)
            if highlight is not None:
                return hit._replace(start_ms=self.audio_span(highlight.anchor, highlight.detached)[0])
        if hit.kind == "turn" and hit.turn is not None and 0 <= hit.turn < len(turns):
            return hit._replace(start_ms=self.audio_ms(turns[hit.turn].start_ms))
        return hit._replace(start_ms=self.audio_ms(hit.start_ms))
