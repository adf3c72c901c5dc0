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
opening. Every change to the library goes through one guarded path,
:class:`reader.store.saving.SaveQueue`: it is shown at once and written at
once when the library accepts it; while the library is held up (locked by
another program, a full disk) it is kept in memory, in order, and written
when :meth:`retry_saving` finds the library free again. Nothing raises to
the window, nothing turns saving off for good, and an item changed or
deleted elsewhere gets one sentence.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from reader.errors import StoreError
from reader.events import Event
from reader.keep import DEFAULT_COLOUR, Anchor, Bookmark, Episode, Highlight, now_stamp
from reader.model import Transcript
from reader.timecode import EpisodeClock
from reader.timeline import time_at_offset
from reader.timemap import ContradictingPoint, TimeMap

if TYPE_CHECKING:
    from reader.heard import HeardTimes
    from reader.search import LibrarySearch
    from reader.store import Store

#: How far Alt+←/→ moves the whole text.
NUDGE_MS = 500
#: The audio's length is re-reported as decoding goes on; a change smaller than
#: this does not re-spread an estimated transcript.
ESTIMATE_SLACK_MS = 2_000
#: How long a save waits for another program's write lock before it is kept
#: in memory: short, so a locked library never holds the window.
SAVE_WAIT_MS = 100
#: Why saving waits while the library could not be opened at all.
LIBRARY_HELD_REASON = "the library could not be opened"

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
        self.time_map = TimeMap()
        self.fingerprint: str | None = None  # the open transcript's, when already known
        self.time_map = TimeMap()  # the user's own nudge and sync points
        #: Gaps found by aligning the audio (reader.align.apply.Correction), and the
        #: map that puts them into effect on top of the user's (whose points win).
        self.corrections: list = []
        self.heard_map = TimeMap()
        self.aligned = False  # the times shown are the aligner's words
        self.episode: Episode | None = None  # the library's record: renames, last position
        self.highlights: list[Highlight] = []
        self.bookmarks: list[Bookmark] = []

        #: Another transcript is about to replace the open one: what is being
        #: typed into this one (a note) must be handed in now, while it is open.
        self.leaving = Event("leaving")
        #: A new transcript is open: show everything again.
        self.opened = Event("opened")
        #: The same episode's text must be drawn again (re-timed, speakers renamed).
        self.transcript_changed = Event("transcript_changed")
        #: Only the times moved (alignment): carries the turns whose start or timed-ness
        #: changed, so the view rewrites just their stamps and keeps everything else.
        self.turns_retimed = Event("turns_retimed")
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
        #: Saving is held up (True: try again later) or has caught up (False).
        self.saving_held = Event("saving_held")

        from reader.store.saving import SaveQueue  # plain Python; reader.store loads its SQLite parts lazily

        self.saving = SaveQueue(None)
        self._submitting = False
        self.saving.listen(self._on_saving)

    # -- the library ------------------------------------------------------------

    def attach_library(
        self, store: Store | None, problem: str | None = None, search: LibrarySearch | None = None
    ) -> None:
        """The library has opened (or could not be: ``problem`` says why).

        An episode already open is then looked up in it: its highlights,
        renamed speakers, sync points and last position come back."""
        self.store, self.problem, self.search = store, problem, search
        self.saving.store = store
        if store is not None:
            store.set_busy_timeout(SAVE_WAIT_MS)
        self.library_attached = True
        if self.library_held:  # the window opens it again later; changes wait in memory meanwhile
            self.saving.problem = LIBRARY_HELD_REASON
            if self.transcript is not None and self.episode is None:
                self._find_in_library()
                self.episode_found.emit(self.episode)
            self.saving_held.emit(True)
            return
        if store is not None and self.saving.problem == LIBRARY_HELD_REASON:  # it opened at last
            self.saving.problem = None
            if self.saving.held_up:  # what waited is written now, the episode first
                self.saving.retry()
                return
            self.saving_held.emit(False)
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
        """A change can be kept: written now, or kept in memory while the library is held."""
        return self.episode is not None and (self.store is not None or self.library_held)

    @property
    def library_held(self) -> bool:
        """The library could not be opened (``problem`` says why): changes are
        kept in memory until the window has opened it again."""
        return self.store is None and self.problem is not None and self.library_attached

    # -- opening ----------------------------------------------------------------

    def open(self, transcript: Transcript, path: str, fingerprint: str | None = None, audio_ms: int = 0) -> None:
        """A transcript read from ``path`` becomes the open episode. ``fingerprint``
        (``reader.store.fingerprint``, hashed on the worker that read a large
        file) saves hashing it again on the window's thread. ``audio_ms`` is its
        audio's length when known, which decides how times are written."""
        self.leaving.emit()
        self.path, self.audio_path = path, None
        self.fingerprint = fingerprint
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
        store, transcript, path = self.store, self.transcript, self.path
        if transcript is None or path is None or (store is None and not self.library_held):
            return
        if self.saving.held_up or store is None:
            self._open_later(transcript, path)
            return
        try:
            found = store.recognise(transcript, path, self.fingerprint)
            self.episode, changed = store.open_episode(transcript, path, fingerprint=found.fingerprint)
            if changed:
                self._reanchor(store)
            self.highlights = store.highlights(self.episode.id)
            self.bookmarks = store.bookmarks(self.episode.id)
            self._say_how_recognised(found)
            data = store.time_map(self.episode.id)
            self.time_map = TimeMap.from_dict(data) if data else TimeMap()
        except StoreError:
            self._open_later(transcript, path)
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

    def _open_later(self, transcript: Transcript, path: str) -> None:
        """The library is held up as the episode opens: keep going under a
        provisional episode, and find the real one when the library accepts it;
        what was kept meanwhile is written to it then."""
        title = transcript.title or os.path.splitext(os.path.basename(path))[0]
        provisional = Episode(self.saving.provisional_id(), "", title, os.path.abspath(path), None, 0, None, {})
        self.episode = provisional

        def found(result: tuple[Episode, bool]) -> None:
            real, changed = result
            self.saving.record_id("episode", provisional.id, real.id)
            if self.episode is None or self.episode.id != provisional.id:
                return  # another episode is open by now
            store = self._store()
            if changed:
                self._reanchor(store)
            renames = {**real.speaker_renames, **self.episode.speaker_renames}
            self.episode = real._replace(speaker_renames=renames)
            stored_h, stored_b = store.highlights(real.id), store.bookmarks(real.id)
            self.highlights = stored_h + [h._replace(episode_id=real.id) for h in self.highlights]
            self.bookmarks = stored_b + [b._replace(episode_id=real.id) for b in self.bookmarks]
            if self.time_map.is_identity:
                data = store.time_map(real.id)
                self.time_map = TimeMap.from_dict(data) if data else TimeMap()
                self.time_map_changed.emit(self.time_map)
            self.episode_found.emit(self.episode)
            self.transcript_changed.emit()
            self.kept_changed.emit(None)

        print_ = self.fingerprint
        self.saving.submit("episode", lambda store: store.open_episode(transcript, path, print_), done=found)

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
        episode = self._episode()
        # A name pasted with its line break (or a tab) is shown on one line everywhere.
        new, episode_id = " ".join(new.split()), episode.id
        renames = dict(episode.speaker_renames)
        if new and new != original:
            renames[original] = new
        else:
            renames.pop(original, None)
        self.episode = episode._replace(speaker_renames=renames)
        self._save(
            "renamed speaker",
            lambda store: store.rename_speaker(self._real("episode", episode_id), original, new),
            done=self._episode_saved,
        )
        self.transcript_changed.emit()
        self.kept_changed.emit(None)  # the panel lists speakers by name
        return True

    def _update_episode(self, **fields: Any) -> None:
        if not self.can_save or self.episode is None:
            return
        episode_id = self.episode.id
        self.episode = self.episode._replace(**fields)
        self._save(
            "position",
            lambda store: store.update_episode(self._real("episode", episode_id), **fields),
            done=self._episode_saved,
        )

    def _episode_saved(self, saved: Episode) -> None:
        """The library's record came back; keep it if that episode is still open."""
        if self.episode is not None and self._real("episode", self.episode.id) == saved.id:
            self.episode = saved._replace(speaker_renames=self.episode.speaker_renames)

    # -- text time and audio time ------------------------------------------------------

    def to_transcript(self, audio_ms: int) -> int:
        return self.heard_map.to_transcript(audio_ms)

    def to_audio(self, transcript_ms: int) -> int:
        return self.heard_map.to_audio(transcript_ms)

    def heard_times(self) -> HeardTimes:
        """The open episode's times as the listener hears them (``reader.heard``):
        what quotes, exports, clips and search results give."""
        from reader.heard import HeardTimes

        episode_id = self.episode.id if self.episode is not None else None
        return HeardTimes(episode_id, self.transcript, self.heard_map, tuple(self.highlights))

    def show_alignment(
        self, transcript: Transcript, corrections: list, complete: bool, retimed: list[int] | None = None
    ) -> None:
        """Word times found in the audio (reader.align) replace the file's or estimated times.

        ``corrections`` are the gaps found (an ad, a cut), applied on top of
        the user's own points, which win where they disagree. ``retimed``
        lists the turns whose stamps changed against the transcript shown
        (``reader.align.apply.retimed_turns``): only those are drawn again;
        None draws the whole text again."""
        self.transcript = transcript
        self.aligned = complete
        self.corrections = list(corrections)
        if retimed is None:
            self.transcript_changed.emit()
        else:
            self.turns_retimed.emit(retimed)
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
        if save and self.can_save and self.episode is not None:
            episode_id, data = self.episode.id, time_map.as_dict()
            self._save("sync point", lambda store: store.save_time_map(self._real("episode", episode_id), data))
        self.time_map_changed.emit(time_map)

    # -- keeping -------------------------------------------------------------------

    def add_highlight(self, anchor: Anchor, colour: str = DEFAULT_COLOUR) -> Highlight | None:
        from reader.anchoring import quote_speakers

        if not self.check_can_save():
            return None
        assert self.transcript is not None
        speakers = tuple(quote_speakers(self.transcript, anchor))
        episode_id, now = self._episode().id, now_stamp()
        provisional = Highlight(self.saving.provisional_id(), episode_id, anchor, speakers, colour, "", now, now)
        self.highlights.append(provisional)
        self._save(
            "highlight",
            lambda store: store.add_highlight(self._real("episode", episode_id), anchor, speakers, colour),
            done=lambda real: self._created("highlight", provisional.id, real),
        )
        highlight = self.find_kept("highlight", self._real("highlight", provisional.id))
        assert isinstance(highlight, Highlight)
        self.kept_changed.emit(("highlight", highlight.id))
        return highlight

    def add_bookmark(self, ms: int) -> Bookmark | None:
        if not self.check_can_save():
            return None
        episode_id = self._episode().id
        provisional = Bookmark(self.saving.provisional_id(), episode_id, ms, "", now_stamp())
        self.bookmarks.append(provisional)
        self._save(
            "bookmark",
            lambda store: store.add_bookmark(self._real("episode", episode_id), ms),
            done=lambda real: self._created("bookmark", provisional.id, real),
        )
        bookmark = self.find_kept("bookmark", self._real("bookmark", provisional.id))
        assert isinstance(bookmark, Bookmark)
        self.kept_changed.emit(("bookmark", bookmark.id))
        return bookmark

    def _created(self, kind: str, provisional: int, real: Kept) -> None:
        """The library gave a new item its id: keep what was changed meanwhile,
        with the library's id and times."""
        self.saving.record_id(kind, provisional, real.id)
        item = self.find_kept(kind, provisional)
        if item is not None:
            self._replace(item._replace(id=real.id, created_at=real.created_at), old_id=provisional)
            now = self.find_kept(kind, real.id)
            if isinstance(real, Highlight) and isinstance(now, Highlight):
                self._replace(now._replace(updated_at=real.updated_at))
            if not self._submitting:  # written later, by a retry: the panel must learn the new id
                self.kept_changed.emit(None)

    def set_note(self, kind: str, item_id: int, text: str) -> bool:
        if not self.check_can_save():
            self.kept_changed.emit(None)  # the panel shows the note as it was
            return False
        item = self.find_kept(kind, item_id)
        if item is None:
            return False
        self._replace(item._replace(note=text))

        def write(store: Store) -> Kept:
            real = self._real(kind, item_id)
            if kind == "highlight":
                return store.update_highlight(real, note=text)
            return store.update_bookmark(real, note=text)

        gone: list[bool] = []

        def stale() -> None:
            gone.append(True)
            self._note_on_gone(kind, item_id)

        self._save("note", write, done=self._replace, stale=stale)
        if not self.saving.held_up and not gone:  # else the status line says why not
            self.message.emit("Note saved." if text else "Note removed.")  # and no older hint stays up
        return True

    def _note_on_gone(self, kind: str, item_id: int) -> None:
        """Deleted elsewhere while its note was typed here: the note is what the
        reader just wrote, so the item is kept again, with it."""
        item = self.find_kept(kind, self._real(kind, item_id))
        if item is None:
            return
        self.message.emit(f"That {kind} had been deleted in another window; it is kept again here, with your note.")
        self._save(kind, lambda store: _restore(store, item._replace(id=self._real(kind, item.id))), done=self._replace)

    def set_colour(self, item_id: int, colour: str) -> bool:
        if not self.check_can_save():
            self.kept_changed.emit(None)
            return False
        item = self.find_kept("highlight", item_id)
        if not isinstance(item, Highlight):
            return False
        self._replace(item._replace(colour=colour))
        self.kept_changed.emit(None)
        self._save(
            "colour",
            lambda store: store.update_highlight(self._real("highlight", item_id), colour=colour),
            done=self._replace,
            stale=lambda: self._gone_elsewhere("highlight", item_id),
        )
        if not self.saving.held_up and self.find_kept("highlight", self._real("highlight", item_id)) is not None:
            self.message.emit(f"Highlight is now {colour}.")
        return True

    def _gone_elsewhere(self, kind: str, item_id: int) -> None:
        self._drop(kind, self._real(kind, item_id))
        self.kept_changed.emit(None)
        self.message.emit(f"That {kind} was deleted in another window, so it is gone here too.")

    def delete(self, kind: str, item_id: int) -> Kept | None:
        """Delete a highlight or bookmark; the item as it was shown (for
        :meth:`restore`), or None when there is no such item. Deleted
        elsewhere already, it is simply gone."""
        if not self.check_can_save():
            return None
        item = self.find_kept(kind, self._real(kind, item_id))
        if item is None:
            return None
        self._drop(kind, item.id)
        self._save(kind, lambda store: _delete(store, kind, self._real(kind, item.id)), stale=lambda: None)
        self.kept_changed.emit(None)
        if not self.saving.held_up:
            self.message.emit(f"{kind.capitalize()} deleted. Ctrl+Z brings it back.")
        return item

    def restore(self, item: Kept) -> bool:
        """Put a deleted item back, with its id and times."""
        if not self.check_can_save():
            return False
        kind = "highlight" if isinstance(item, Highlight) else "bookmark"
        item = item._replace(id=self._real(kind, item.id))
        if isinstance(item, Highlight):
            self.highlights.append(item)
        else:
            self.bookmarks.append(item)
        self._save(kind, lambda store: _restore(store, item._replace(id=self._real(kind, item.id))), done=self._replace)
        self.kept_changed.emit((kind, item.id))
        return True

    def find_kept(self, kind: str, item_id: int) -> Kept | None:
        items: list[Highlight] | list[Bookmark] = self.highlights if kind == "highlight" else self.bookmarks
        return next((item for item in items if item.id == item_id), None)

    def _replace(self, item: Kept, old_id: int | None = None) -> None:
        """Put ``item`` in place of the one with its id (or with ``old_id``)."""
        old = item.id if old_id is None else old_id
        if isinstance(item, Highlight):
            self.highlights = [item if h.id == old else h for h in self.highlights]
        else:
            self.bookmarks = [item if b.id == old else b for b in self.bookmarks]

    def _drop(self, kind: str, item_id: int) -> None:
        if kind == "highlight":
            self.highlights = [h for h in self.highlights if h.id != item_id]
        else:
            self.bookmarks = [b for b in self.bookmarks if b.id != item_id]

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

    @property
    def pending_changes(self) -> int:
        """Changes shown but not yet in the library."""
        return self.saving.pending

    def retry_saving(self) -> bool:
        """Write the changes kept in memory (the window calls this on a timer);
        True when none are left."""
        return self.saving.retry()

    def _save(self, what: str, write, *, done=None, stale=None) -> bool:
        """The one way to the store (see :class:`SaveQueue`)."""
        self._submitting = True
        try:
            return self.saving.submit(what, write, done=done, stale=stale)
        finally:
            self._submitting = False

    def _real(self, kind: str, item_id: int) -> int:
        return self.saving.real_id(kind, item_id)

    def _on_saving(self, event: str, sentence: str) -> None:
        if event == "held":
            self.saving_held.emit(True)
        elif event == "caught_up":
            self.saving_held.emit(False)
        self.message.emit(sentence)

    def _store(self) -> Store:
        assert self.store is not None
        return self.store

    def _episode(self) -> Episode:
        assert self.episode is not None
        return self.episode


def _restore(store: Store, item: Kept) -> Kept:
    return store.restore_highlight(item) if isinstance(item, Highlight) else store.restore_bookmark(item)


def _delete(store: Store, kind: str, item_id: int) -> Kept:
    return store.delete_highlight(item_id) if kind == "highlight" else store.delete_bookmark(item_id)
