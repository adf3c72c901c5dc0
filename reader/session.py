"""The open episode: one owner for everything known about it, with no Qt.

What was read from the file, the times shown (estimated over the audio when
the file had few stamps), the map between text time and audio time, the
library's record of the episode (renamed speakers, last position), and the
highlights and bookmarks kept in it. Every change is made here and announced
through :class:`reader.events.Event`; the Qt side (``ui/``) listens and
redraws, and never keeps a copy of its own.

The library (``reader.store.Store`` and ``reader.search.LibrarySearch``)
arrives after the first paint (``ui.app.run``): until :meth:`attach_library`
an episode can be read and played, and keeping it says the library is still
opening. Every store call goes through :meth:`_saving`, so a failing disk
switches saving off with one sentence and never raises to the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reader.errors import StoreError
from reader.events import Event
from reader.keep import DEFAULT_COLOUR, Anchor, Bookmark, Episode, Highlight
from reader.model import Transcript
from reader.timecode import EpisodeClock
from reader.timeline import time_at_offset
from reader.timemap import ContradictingPoint, TimeMap

if TYPE_CHECKING:
    from reader.search import LibrarySearch
    from reader.store import Store

#: How far Alt+←/→ moves the whole text.
NUDGE_MS = 500
#: The audio's length is re-reported as decoding goes on; a change smaller than
#: this does not re-spread an estimated transcript.
ESTIMATE_SLACK_MS = 2_000

Kept = Highlight | Bookmark


class EpisodeSession:
    """The episode on screen and the library it is kept in."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.search: LibrarySearch | None = None
        self.problem: str | None = None  # why saving is off, when it is
        self.library_attached = False

        self.path: str | None = None
        self.audio_path: str | None = None
        #: How this episode writes times (hours or not), decided when it opens.
        self.clock = EpisodeClock()
        self.parsed: Transcript | None = None  # as the file gives it
        self.transcript: Transcript | None = None  # as shown: parsed, or spread over the audio
        self.estimated_for: int | None = None  # the audio length the times were spread over
        self.time_map = TimeMap()  # the user's own nudge and sync points
        #: Gaps found by aligning the audio (reader.align.apply.Correction), and the
        #: map that puts them into effect on top of the user's (whose points win).
        self.corrections: list = []
        self.heard_map = TimeMap()
        self.aligned = False  # the times shown are the aligner's words
        self.episode: Episode | None = None  # the library's record: renames, last position
        self.highlights: list[Highlight] = []
        self.bookmarks: list[Bookmark] = []

        #: A new transcript is open: show everything again.
        self.opened = Event("opened")
        #: The same episode's text must be drawn again (re-timed, speakers renamed).
        self.transcript_changed = Event("transcript_changed")
        #: The library's record of the open episode was found (after attach_library).
        self.episode_found = Event("episode_found")
        #: Highlights or bookmarks changed; carries the (kind, id) to select, or None.
        self.kept_changed = Event("kept_changed")
        #: The text-to-audio map changed; carries the new TimeMap.
        self.time_map_changed = Event("time_map_changed")
        #: One sentence for the status line: what happened, or what went wrong and what to do.
        self.message = Event("message")
        #: Routine news for the status line, shown only over other routine news.
        self.info = Event("info")

    # -- the library ------------------------------------------------------------

    def attach_library(
        self, store: Store | None, problem: str | None = None, search: LibrarySearch | None = None
    ) -> None:
        """The library has opened (or could not be: ``problem`` says why).

        An episode already open is then looked up in it: its highlights,
        renamed speakers, sync points and last position come back."""
        self.store, self.problem, self.search = store, problem, search
        self.library_attached = True
        if self.transcript is not None:
            renamed_before = bool(self.episode and self.episode.speaker_renames)
            self._find_in_library()
            self.episode_found.emit(self.episode)
            if renamed_before or (self.episode is not None and self.episode.speaker_renames):
                self.transcript_changed.emit()
            self.kept_changed.emit(None)
            self.time_map_changed.emit(self.time_map)

    @property
    def can_save(self) -> bool:
        return self.store is not None and self.episode is not None

    # -- opening ----------------------------------------------------------------

    def open(self, transcript: Transcript, path: str, audio_ms: int = 0) -> None:
        """A transcript read from ``path`` becomes the open episode; ``audio_ms``
        is its audio's length when known, which decides how times are written."""
        self.path, self.audio_path = path, None
        self.clock = EpisodeClock.for_episode(audio_ms, transcript.duration_ms)
        self.parsed = self.transcript = transcript
        self.estimated_for = None
        self.aligned, self.corrections = False, []
        self._find_in_library()
        self.opened.emit(transcript)

    def pair_audio(self, path: str) -> None:
        """The episode's audio is ``path``; the library remembers the pairing."""
        self.audio_path = path
        self._update_episode(audio_path=path)

    def estimate_over(self, duration_ms: int) -> bool:
        """Spread an untimed transcript's times over the audio's length; True if they moved."""
        parsed = self.parsed
        if parsed is None or self.aligned or duration_ms <= 0 or all(turn.timed for turn in parsed.turns):
            return False
        if self.estimated_for is not None and abs(self.estimated_for - duration_ms) < ESTIMATE_SLACK_MS:
            return False
        from reader.estimate import spread_over

        spread = spread_over(parsed, duration_ms)
        if spread is parsed:
            return False
        self.estimated_for = duration_ms
        self.transcript = spread
        self.transcript_changed.emit()
        self.message.emit(
            "This transcript's times are estimated from the audio's length; "
            "set sync points (S) where the text runs early or late."
        )
        return True

    def _find_in_library(self) -> None:
        """Find or create the open transcript's episode; place its highlights again if the text changed."""
        self.episode, self.highlights, self.bookmarks, self.time_map = None, [], [], TimeMap()
        self._refresh_heard_map()
        store, transcript = self.store, self.transcript
        if store is None or transcript is None or self.path is None:
            return
        with self._saving():
            found = store.recognise(transcript, self.path)
            self.episode, changed = store.open_episode(transcript, self.path)
            if changed:
                self._reanchor(store)
            self.highlights = store.highlights(self.episode.id)
            self.bookmarks = store.bookmarks(self.episode.id)
            self._say_how_recognised(found)
            data = store.time_map(self.episode.id)
            self.time_map = TimeMap.from_dict(data) if data else TimeMap()
        self._refresh_heard_map()
        if self.audio_path is not None:
            self._update_episode(audio_path=self.audio_path)

    def _say_how_recognised(self, found) -> None:
        """A file met before says so: routine news for the same file, a
        message for a moved file or a copy (``reader.identity``)."""
        from reader.identity import SAME, describe

        assert self.episode is not None
        sentence = describe(found, self.episode.title, len(self.highlights))
        if sentence:
            (self.info if found.kind == SAME else self.message).emit(sentence)

    def _reanchor(self, store: Store) -> None:
        from reader.anchoring import reanchor_all

        assert self.episode is not None and self.transcript is not None
        placed, detached = reanchor_all(store.highlights(self.episode.id), self.transcript)
        store.update_anchors(placed + detached)  # one transaction, one disk sync
        if detached:
            self.message.emit(
                f"The transcript changed; {len(detached)} highlight(s) could not be placed again "
                "and are kept under Detached in the Highlights panel."
            )
        elif placed:
            self.message.emit(f"The transcript changed; all {len(placed)} highlight(s) were placed again.")

    # -- names and places -----------------------------------------------------------

    def speaker_name(self, name: str | None) -> str | None:
        """A speaker as the reader renamed them, else as the transcript names them."""
        return self.episode.speaker_name(name) if self.episode else name

    def remember_position(self, audio_ms: int) -> None:
        if self.episode is not None and audio_ms != self.episode.last_position_ms:
            self._update_episode(last_position_ms=int(audio_ms))

    def rename_speaker(self, original: str, new: str) -> bool:
        if not self.check_can_save():
            return False
        with self._saving():
            self.episode = self._store().rename_speaker(self._episode_id(), original, new.strip())
            self.transcript_changed.emit()
            self.kept_changed.emit(None)  # the panel lists speakers by name
            return True
        return False

    def _update_episode(self, **fields: Any) -> None:
        if self.store is None or self.episode is None:
            return
        with self._saving():
            self.episode = self.store.update_episode(self.episode.id, **fields)

    # -- text time and audio time ------------------------------------------------------

    def to_transcript(self, audio_ms: int) -> int:
        return self.heard_map.to_transcript(audio_ms)

    def to_audio(self, transcript_ms: int) -> int:
        return self.heard_map.to_audio(transcript_ms)

    def show_alignment(self, transcript: Transcript, corrections: list, complete: bool) -> None:
        """Word times found in the audio (reader.align) replace the file's or estimated times.

        ``corrections`` are the gaps found (an ad, a cut), applied on top of
        the user's own points, which win where they disagree."""
        self.transcript = transcript
        self.aligned = complete
        self.corrections = list(corrections)
        self.transcript_changed.emit()
        self._set_time_map(self.time_map, save=False)

    def _refresh_heard_map(self) -> None:
        self.heard_map = self.time_map
        if self.corrections:
            from reader.align.apply import corrected_map

            self.heard_map = corrected_map(self.time_map, self.corrections)

    def remove_correction(self, index: int) -> None:
        """The user says a found gap is wrong: it no longer moves the times."""
        del self.corrections[index]
        self._set_time_map(self.time_map, save=False)

    def nudge(self, steps: int) -> None:
        """The whole text half a second earlier (negative) or later per step."""
        self._set_time_map(self.time_map.with_offset(self.time_map.offset_ms + steps * NUDGE_MS))

    def pin(self, turn: int, offset: int, audio_ms: int) -> bool:
        """The words at (turn, offset) are heard at ``audio_ms``: a sync point."""
        if self.transcript is None:
            return False
        text_ms = time_at_offset(self.transcript.turns[turn], offset)
        try:
            new_map = self.time_map.with_point(text_ms, audio_ms)
        except ContradictingPoint as error:
            self.message.emit(str(error))
            return False
        self._set_time_map(new_map)
        self.message.emit(
            f"Sync point set: {self.clock.format(text_ms)} in the text is {self.clock.format(audio_ms)} in the audio."
        )
        return True

    def remove_sync_point(self, index: int) -> None:
        self._set_time_map(self.time_map.without_point(index))

    def reset_time_map(self) -> None:
        self._set_time_map(self.time_map.reset())
        self.message.emit("Text and audio times are back as the transcript gives them.")

    def _set_time_map(self, time_map: TimeMap, save: bool = True) -> None:
        self.time_map = time_map
        self._refresh_heard_map()
        if save and self.store is not None and self.episode is not None:
            with self._saving():
                self.store.save_time_map(self.episode.id, time_map.as_dict())
        self.time_map_changed.emit(time_map)

    # -- keeping -------------------------------------------------------------------

    def add_highlight(self, anchor: Anchor, colour: str = DEFAULT_COLOUR) -> Highlight | None:
        from reader.anchoring import quote_speakers

        if not self.check_can_save():
            return None
        assert self.transcript is not None
        with self._saving():
            speakers = quote_speakers(self.transcript, anchor)
            highlight = self._store().add_highlight(self._episode_id(), anchor, speakers, colour)
            self.highlights.append(highlight)
            self.kept_changed.emit(("highlight", highlight.id))
            return highlight
        return None

    def add_bookmark(self, ms: int) -> Bookmark | None:
        if not self.check_can_save():
            return None
        with self._saving():
            bookmark = self._store().add_bookmark(self._episode_id(), ms)
            self.bookmarks.append(bookmark)
            self.kept_changed.emit(("bookmark", bookmark.id))
            return bookmark
        return None

    def set_note(self, kind: str, item_id: int, text: str) -> bool:
        if not self.check_can_save():
            self.kept_changed.emit(None)  # the panel shows the note as it was
            return False
        with self._saving():
            store = self._store()
            item = (
                store.update_highlight(item_id, note=text)
                if kind == "highlight"
                else store.update_bookmark(item_id, note=text)
            )
            self._replace(item)
            self.message.emit("Note saved." if text else "Note removed.")  # and no older hint stays up
            return True
        return False

    def set_colour(self, item_id: int, colour: str) -> bool:
        if not self.check_can_save():
            self.kept_changed.emit(None)
            return False
        with self._saving():
            self._replace(self._store().update_highlight(item_id, colour=colour))
            self.kept_changed.emit(None)
            self.message.emit(f"Highlight is now {colour}.")
            return True
        return False

    def delete(self, kind: str, item_id: int) -> Kept | None:
        """Delete a highlight or bookmark; the deleted item (for :meth:`restore`), or None."""
        if not self.check_can_save():
            return None
        with self._saving():
            store = self._store()
            if kind == "highlight":
                deleted: Kept = store.delete_highlight(item_id)
                self.highlights = [h for h in self.highlights if h.id != item_id]
            else:
                deleted = store.delete_bookmark(item_id)
                self.bookmarks = [b for b in self.bookmarks if b.id != item_id]
            self.kept_changed.emit(None)
            self.message.emit(f"{kind.capitalize()} deleted. Ctrl+Z brings it back.")
            return deleted
        return None

    def restore(self, item: Kept) -> bool:
        """Put a deleted item back, with its id and times."""
        if not self.check_can_save():
            return False
        with self._saving():
            store = self._store()
            if isinstance(item, Highlight):
                self.highlights.append(store.restore_highlight(item))
                self.kept_changed.emit(("highlight", item.id))
            else:
                self.bookmarks.append(store.restore_bookmark(item))
                self.kept_changed.emit(("bookmark", item.id))
            return True
        return False

    def find_kept(self, kind: str, item_id: int) -> Kept | None:
        items: list[Highlight] | list[Bookmark] = self.highlights if kind == "highlight" else self.bookmarks
        return next((item for item in items if item.id == item_id), None)

    def _replace(self, item: Kept) -> None:
        if isinstance(item, Highlight):
            self.highlights = [item if h.id == item.id else h for h in self.highlights]
        else:
            self.bookmarks = [item if b.id == item.id else b for b in self.bookmarks]

    # -- saving, and saying why not -----------------------------------------------------

    def check_can_save(self) -> bool:
        """True if a change can be kept now; else one sentence says why not."""
        if self.can_save:
            return True
        if self.problem:
            self.message.emit(f"This can't be saved: {self.problem}")
        elif self.transcript is None:
            self.message.emit("Open a transcript first.")
        else:  # start-up paints the text before the library opens (ui.app.run)
            self.message.emit("The library is still opening; try again in a moment.")
        return False

    @contextmanager
    def _saving(self) -> Iterator[None]:
        """The one way to the store: a failure switches saving off, with the store's sentence.

        The rest of the block is skipped, so nothing is shown as kept that was not."""
        try:
            yield
        except StoreError as error:
            self.store, self.problem = None, str(error)
            self.message.emit(str(error))

    def _store(self) -> Store:
        assert self.store is not None
        return self.store

    def _episode_id(self) -> int:
        assert self.episode is not None
        return self.episode.id
