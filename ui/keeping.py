"""Keeping what the reader finds: highlights, notes, bookmarks, renames.

The controller between the store (``reader.store``), the transcript view and
the highlights panel. Every change goes through one guarded path,
:class:`reader.store.saving.SaveQueue`: it is shown at once and written at
once when the library accepts it; while the library is held up (locked by
another program, a full disk) it is kept in memory and written when the
library accepts it again, and the status line says so both times. A change
to an item deleted elsewhere gets one sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import StoreError
from reader.keep import DEFAULT_COLOUR, Bookmark, Episode, Highlight
from reader.model import Transcript
from reader.store.library import now_stamp
from reader.store.saving import SaveQueue
from ui.after_paint import after_next_paint

TYPE_CHECKING = False  # reader.store (sqlite3, hashlib) loads only once a store is opened
if TYPE_CHECKING:
    from reader.store import Store

#: How often kept changes are tried again while the library is held up.
RETRY_MS = 1500
#: How long a save waits for another program's write lock before it is kept
#: in memory: short, so a locked library never holds the window.
SAVE_WAIT_MS = 100


def _anchoring():
    """reader.anchoring (and difflib with it), imported when something is first
    kept rather than before the window's first paint."""
    from reader import anchoring

    return anchoring


class KeepingController(QObject):
    message = Signal(str)
    episode_changed = Signal(object)  # Episode (renames, last position) or None
    speakers_renamed = Signal()
    note_requested = Signal()  # the panel must be visible to type a note
    seek_requested = Signal(int)  # transcript time

    def __init__(
        self, store: Store | None, problem: str | None, view, panel, parent: QObject | None = None, search=None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.search = search  # reader.search.LibrarySearch: searching here, indexing on a worker
        self.problem = problem  # why saving is off, when it is
        self.view = view
        self.panel = panel
        self.undo_stack = QUndoStack(self)
        self.episode: Episode | None = None
        self.transcript: Transcript | None = None
        self.highlights: list[Highlight] = []
        self.bookmarks: list[Bookmark] = []
        self.last_created: tuple[str, int] | None = None
        self.saving = SaveQueue(store)
        self.saving.listen(self._on_saving)
        if store is not None:
            store.set_busy_timeout(SAVE_WAIT_MS)
        self._retry = QTimer(self, interval=RETRY_MS)
        self._retry.timeout.connect(self.retry_saving)
        self.indexer = None
        if search is not None:
            from ui.indexer import BackgroundIndexer

            self.indexer = BackgroundIndexer(search.path, self)
            self.indexer.message.connect(self.message)
        self._index_soon = QTimer(self, singleShot=True, interval=300)
        self._index_soon.timeout.connect(self._index)
        panel.item_activated.connect(self._on_item_activated)
        panel.note_edited.connect(self._guard(self._on_note_edited))
        panel.colour_changed.connect(self._guard(self._on_colour_changed))
        panel.delete_requested.connect(self._guard(self.delete_item))

    @property
    def can_save(self) -> bool:
        return self.store is not None and self.episode is not None

    @property
    def pending_changes(self) -> int:
        """Changes shown on screen but not yet in the library."""
        return self.saving.pending

    def retry_saving(self) -> bool:
        """Write the changes kept in memory (the timer calls this); True when none are left."""
        return self.saving.retry()

    def close(self) -> None:
        """The window is closing: stop indexing (kept changes are the window's question)."""
        self._retry.stop()
        self._index_soon.stop()
        if self.indexer is not None:
            self.indexer.close()

    def _on_saving(self, event: str, sentence: str) -> None:
        if event == "held":
            if not self._retry.isActive():
                self._retry.start()
        elif event == "caught_up":
            self._retry.stop()
            self._index_soon.start()
        self.message.emit(sentence)

    def _save(self, what: str, write, *, done=None, stale=None) -> bool:
        """Every change to the library goes through here (see SaveQueue)."""
        return self.saving.submit(what, write, done=done, stale=stale)

    def _real(self, kind: str, item_id: int) -> int:
        return self.saving.real_id(kind, item_id)

    # -- episodes --------------------------------------------------------------

    def open_episode(self, transcript: Transcript, path: str) -> Episode | None:
        """Find or create the episode; place its highlights again if the text changed."""
        self.transcript, self.episode = transcript, None
        self.undo_stack.clear()
        self.highlights, self.bookmarks = [], []
        if self.store is not None:
            try:
                self.episode, changed = self.store.open_episode(transcript, path)
                if changed:
                    self._reanchor()
                self.highlights = self.store.highlights(self.episode.id)
                self.bookmarks = self.store.bookmarks(self.episode.id)
            except StoreError as error:
                self._open_later(transcript, path, error)
        self.episode_changed.emit(self.episode)
        # Indexing a long transcript for the first time takes a second or more:
        # on the worker, after the episode is on screen.
        # The episode is bound now: another may be opened before the view paints.
        episode, transcript = self.episode, self.transcript
        after_next_paint(self.view.viewport(), lambda: self._index_transcript(episode, transcript))
        return self.episode

    def _open_later(self, transcript: Transcript, path: str, error: StoreError) -> None:
        """The library is held up as the episode opens: keep going under a
        provisional episode, and find the real one when the library accepts it."""
        import os

        provisional = Episode(
            self.saving.provisional_id(),
            "",
            transcript.title or os.path.splitext(os.path.basename(path))[0],
            os.path.abspath(path),
            None,
            0,
            None,
            {},
        )
        self.episode = provisional

        def opened(result) -> None:
            real, changed = result
            self.saving.record_id("episode", provisional.id, real.id)
            if self.episode is None or self.episode.id != provisional.id:
                return  # another episode is on screen by now
            self.episode = real
            if changed:
                self._reanchor()
            kept = {("highlight", h.id) for h in self.highlights} | {("bookmark", b.id) for b in self.bookmarks}
            stored_h = [h for h in self.store.highlights(real.id) if ("highlight", h.id) not in kept]
            stored_b = [b for b in self.store.bookmarks(real.id) if ("bookmark", b.id) not in kept]
            self.highlights = stored_h + [h._replace(episode_id=real.id) for h in self.highlights]
            self.bookmarks = stored_b + [b._replace(episode_id=real.id) for b in self.bookmarks]
            self.episode_changed.emit(real)
            self._show()
            self._index_transcript(real, transcript)

        self.saving.submit("episode", lambda store: store.open_episode(transcript, path), done=opened)
        if self.saving.pending == 0:  # it went through after all (a race with the other program)
            return
        self.problem = None

    def refresh(self) -> None:
        """Draw the episode's highlights and list them (after the view shows it)."""
        self._show()

    def remember_audio(self, path: str | None) -> None:
        self._update_episode(audio_path=path)

    def remember_position(self, ms: int) -> None:
        if self.episode is not None and ms != self.episode.last_position_ms:
            self._update_episode(last_position_ms=int(ms))

    def _update_episode(self, **fields) -> None:
        if self.store is None or self.episode is None:
            return
        episode_id = self.episode.id
        self.episode = self.episode._replace(**fields)
        self._save(
            "position",
            lambda store: store.update_episode(self._real("episode", episode_id), **fields),
            done=self._episode_saved,
        )

    def _episode_saved(self, episode: Episode) -> None:
        if self.episode is not None and self._real("episode", self.episode.id) == episode.id:
            self.episode = episode

    def save_time_map(self, data: dict) -> None:
        """The episode's sync points, through the same guarded path."""
        if self.store is None or self.episode is None:
            return
        episode_id = self.episode.id
        self._save("sync point", lambda store: store.save_time_map(self._real("episode", episode_id), data))

    def _reanchor(self) -> None:
        placed, detached = _anchoring().reanchor_all(self.store.highlights(self.episode.id), self.transcript)
        self.store.update_anchors(placed + detached)  # one transaction, one disk sync
        if detached:
            self.message.emit(
                f"The transcript changed; {len(detached)} highlight(s) could not be placed again "
                "and are kept under Detached in the Highlights panel."
            )
        elif placed:
            self.message.emit(f"The transcript changed; all {len(placed)} highlight(s) were placed again.")

    def speaker_name(self, name: str | None) -> str | None:
        return self.episode.speaker_name(name) if self.episode else name

    # -- creating ----------------------------------------------------------------

    def highlight_selection(self, colour: str = DEFAULT_COLOUR) -> Highlight | None:
        span = self.view.selected_span()
        if span is None:
            self.message.emit("Select some words of the transcript first, then press H to highlight them.")
            return None
        if not self._check_can_save():
            return None
        anchor = _anchoring().make_anchor(self.transcript, *span)
        speakers = tuple(_anchoring().quote_speakers(self.transcript, anchor))
        episode_id = self.episode.id
        now = now_stamp()
        h = Highlight(self.saving.provisional_id(), episode_id, anchor, speakers, colour, "", now, now, False)
        self.highlights.append(h)
        saved = self._save(
            "highlight",
            lambda store: store.add_highlight(self._real("episode", episode_id), anchor, speakers, colour),
            done=lambda real, provisional=h.id: self._created("highlight", provisional, real),
        )
        h = self._find("highlight", self._real("highlight", h.id)) or h
        self.last_created = ("highlight", h.id)
        self.view.clear_selection()
        self._show(select=("highlight", h.id))
        if saved:
            self.message.emit("Highlight saved. Press N to add a note.")
        return h

    def bookmark_at(self, ms: int) -> Bookmark | None:
        if not self._check_can_save():
            return None
        episode_id = self.episode.id
        b = Bookmark(self.saving.provisional_id(), episode_id, ms, "", now_stamp())
        self.bookmarks.append(b)
        saved = self._save(
            "bookmark",
            lambda store: store.add_bookmark(self._real("episode", episode_id), ms),
            done=lambda real, provisional=b.id: self._created("bookmark", provisional, real),
        )
        b = self._find("bookmark", self._real("bookmark", b.id)) or b
        self.last_created = ("bookmark", b.id)
        self._show(select=("bookmark", b.id))
        if saved:
            self.message.emit("Bookmark saved. Press N to add a note.")
        return b

    def _created(self, kind: str, provisional: int, real: Highlight | Bookmark) -> None:
        """The library gave a provisional item its id: keep what was changed
        on screen meanwhile, with the library's id and times."""
        self.saving.record_id(kind, provisional, real.id)
        items = self._items(kind)
        for index, item in enumerate(items):
            if item.id == provisional:
                if kind == "highlight":
                    items[index] = item._replace(id=real.id, created_at=real.created_at, updated_at=real.updated_at)
                else:
                    items[index] = item._replace(id=real.id, created_at=real.created_at)
        if self.last_created == (kind, provisional):
            self.last_created = (kind, real.id)

    def edit_latest_note(self) -> None:
        """N: a note on what was just kept (or on the item selected in the panel)."""
        target = self.panel.selected_item() or self.last_created
        if target is None:
            self.message.emit("Highlight some words (H) or bookmark a moment (B) first; then N adds a note.")
            return
        self.note_requested.emit()
        self.panel.edit_note(*target)

    def rename_speaker(self, original: str, new: str) -> None:
        if not self._check_can_save():
            return
        new, episode_id = new.strip(), self.episode.id
        renames = dict(self.episode.speaker_renames)
        if new and new != original:
            renames[original] = new
        else:
            renames.pop(original, None)
        self.episode = self.episode._replace(speaker_renames=renames)
        self._save(
            "renamed speaker",
            lambda store: store.rename_speaker(self._real("episode", episode_id), original, new),
            done=self._episode_saved,
        )
        self.episode_changed.emit(self.episode)
        self.speakers_renamed.emit()

    # -- taking it with you --------------------------------------------------------

    def export(self, fmt: str, all_episodes: bool, path: str) -> bool:
        """Write an export; one sentence says where it went or why it did not."""
        from reader.export.files import ExportError, render

        if self.store is None:
            self._check_can_save()
            return False
        try:
            episodes = [s.episode for s in self.store.episodes()] if all_episodes else [self.episode]
            text = render(self.store, [e for e in episodes if e is not None], fmt)
        except (ExportError, StoreError) as error:
            self.message.emit(str(error))
            return False
        return self._write_export(path, text)

    def export_kept(self, path: str) -> bool:
        """This episode's highlights and bookmarks as the window holds them,
        saved or not, as Markdown: the way out when the library is held up."""
        from datetime import UTC, datetime

        from reader.export.formats import to_markdown
        from reader.export.model import build_export

        if self.episode is None:
            return False
        export = build_export(self.episode, self.transcript, self.highlights, self.bookmarks, datetime.now(UTC))
        return self._write_export(path, to_markdown([export]))

    def _write_export(self, path: str, text: str) -> bool:
        """Write atomically; one sentence says where it went or why it did not."""
        from reader.export.model import write_export

        try:
            write_export(path, text)
        except OSError as error:
            self.message.emit(
                f"The export could not be written to {path} ({error.strerror or error}); choose another folder."
            )
            return False
        self.message.emit(f"Exported to {path}.")
        return True

    def quote_for(self, kind: str, item_id: int) -> str | None:
        """A highlight (or a bookmark's note) as a Markdown quote for the clipboard."""
        from reader.export.formats import quote_markdown

        title = self.episode.title if self.episode else (self.transcript.title if self.transcript else None)
        if kind == "highlight":
            h = next((h for h in self.highlights if h.id == item_id), None)
            if h is None:
                return None
            speaker = " & ".join(self.speaker_name(name) or "" for name in h.speakers) or None
            return quote_markdown(h.anchor.quote, speaker, h.anchor.start_ms, title)
        b = next((b for b in self.bookmarks if b.id == item_id), None)
        return quote_markdown(b.note or "Bookmark", None, b.ms, title) if b else None

    def quote_selection(self) -> str | None:
        from reader.export.formats import quote_markdown

        span = self.view.selected_span()
        if span is None or self.transcript is None:
            return None
        anchor = _anchoring().make_anchor(self.transcript, *span)
        speakers = (
            " & ".join(self.speaker_name(n) or "" for n in _anchoring().quote_speakers(self.transcript, anchor)) or None
        )
        title = self.episode.title if self.episode else self.transcript.title
        return quote_markdown(anchor.quote, speakers, anchor.start_ms, title)

    # -- changing ----------------------------------------------------------------

    def delete_item(self, kind: str, item_id: int) -> None:
        self.undo_stack.push(_DeleteCommand(self, kind, item_id))

    def _on_note_edited(self, kind: str, item_id: int, text: str) -> None:
        item = self._find(kind, item_id)
        if item is None:
            return
        self._replace(item._replace(note=text))
        if kind == "highlight":
            write = lambda store: store.update_highlight(self._real(kind, item_id), note=text)  # noqa: E731
        else:
            write = lambda store: store.update_bookmark(self._real(kind, item_id), note=text)  # noqa: E731
        self._save("note", write, done=self._replace, stale=lambda: self._note_on_gone(kind, item_id, text))
        self._index_soon.start()

    def _note_on_gone(self, kind: str, item_id: int, text: str) -> None:
        """The item was deleted elsewhere while its note was typed here: the
        note is what the reader just wrote, so the item is kept again with it."""
        item = self._find(kind, self._real(kind, item_id))
        if item is None:
            return
        item = item._replace(id=self._real(kind, item_id), note=text)
        self.message.emit(f"That {kind} had been deleted in another window; it is kept again here, with your note.")
        self._save(kind, lambda store: _restore(store, kind, item), done=self._replace)

    def _on_colour_changed(self, item_id: int, colour: str) -> None:
        item = self._find("highlight", item_id)
        if item is None:
            return
        self._replace(item._replace(colour=colour))
        self._show()
        self._save(
            "colour",
            lambda store: store.update_highlight(self._real("highlight", item_id), colour=colour),
            done=self._replace,
            stale=lambda: self._gone_elsewhere("highlight", item_id),
        )

    def _gone_elsewhere(self, kind: str, item_id: int) -> None:
        self._drop(kind, self._real(kind, item_id))
        self._show()
        self.message.emit(f"That {kind} was deleted in another window, so it is gone here too.")

    def _on_item_activated(self, kind: str, item_id: int, start_ms: int) -> None:
        if kind == "highlight":
            h = self._find("highlight", item_id)
            if h is not None and not h.detached:
                self.view.show_turn_text(h.anchor.start_turn, h.anchor.start_offset)
        self.seek_requested.emit(start_ms)

    def _items(self, kind: str) -> list:
        return self.highlights if kind == "highlight" else self.bookmarks

    def _find(self, kind: str, item_id: int):
        return next((item for item in self._items(kind) if item.id == item_id), None)

    def _drop(self, kind: str, item_id: int) -> None:
        if kind == "highlight":
            self.highlights = [h for h in self.highlights if h.id != item_id]
        else:
            self.bookmarks = [b for b in self.bookmarks if b.id != item_id]

    def _replace(self, item: Highlight | Bookmark) -> None:
        items = self.highlights if isinstance(item, Highlight) else self.bookmarks
        for index, old in enumerate(items):
            if old.id == item.id:
                items[index] = item

    # -- showing and failing ----------------------------------------------------

    def _show(self, select: tuple[str, int] | None = None) -> None:
        self.view.set_highlights(self.highlights)
        self.panel.set_items(self.highlights, self.bookmarks, self.speaker_name)
        if select is not None:
            self.panel.select_item(*select)
        self._index_soon.start()  # after the save is on screen; several changes, one update

    def _index_transcript(self, episode: Episode | None, transcript: Transcript) -> None:
        """Make an opened episode's text searchable, on the indexer's thread."""
        if self.indexer is None or episode is None or episode.id < 0:
            return
        self.indexer.index_episode(episode.id, transcript)
        if self.episode is not None and self.episode.id == episode.id:
            self._index()

    def _index(self) -> None:
        """Keep library search in step with the quotes and notes kept (on the
        indexer's thread; what is not saved yet is indexed once it is)."""
        if self.indexer is None or self.episode is None or self.episode.id < 0 or self.saving.held_up:
            return
        self.indexer.index_keeps(self.episode.id, self.highlights, self.bookmarks)

    def _check_can_save(self) -> bool:
        if self.can_save:
            return True
        # The problem is already one sentence: what is wrong, and what to do.
        self.message.emit(self.problem or "Open a transcript first.")
        return False

    def _guard(self, slot: Callable) -> Callable:
        """Edits from the panel while there is no library say why, never a traceback."""

        def guarded(*args) -> None:
            if self.store is None:
                self._check_can_save()
                self._show()
                return
            slot(*args)

        return guarded


def _restore(store, kind: str, item):
    return store.restore_highlight(item) if kind == "highlight" else store.restore_bookmark(item)


def _delete(store, kind: str, item_id: int):
    return store.delete_highlight(item_id) if kind == "highlight" else store.delete_bookmark(item_id)


class _DeleteCommand(QUndoCommand):
    """Delete a highlight or bookmark; Ctrl+Z puts it back with its id and times.

    The command keeps the item as the window showed it, so undo works even
    when the library is held up or the item was deleted elsewhere meanwhile;
    both directions go through the guarded path and never raise."""

    def __init__(self, keeping: KeepingController, kind: str, item_id: int) -> None:
        super().__init__(f"Delete {kind}")
        self._keeping, self._kind, self._id = keeping, kind, item_id
        self._deleted: Highlight | Bookmark | None = None

    def redo(self) -> None:
        k, kind = self._keeping, self._kind
        item = k._find(kind, k._real(kind, self._id))
        if item is None:  # gone already: nothing to do, nothing to undo
            self.setObsolete(True)
            return
        self._deleted = item
        k._drop(kind, item.id)
        k._save(kind, lambda store: _delete(store, kind, k._real(kind, item.id)), stale=lambda: None)
        k._show()
        k.message.emit(f"{kind.capitalize()} deleted. Press Ctrl+Z to undo.")

    def undo(self) -> None:
        k, kind, item = self._keeping, self._kind, self._deleted
        if item is None:
            return
        item = item._replace(id=k._real(kind, item.id))
        k._items(kind).append(item)
        k._save(kind, lambda store: _restore(store, kind, item._replace(id=k._real(kind, item.id))), done=k._replace)
        k._show(select=(kind, item.id))
        k.message.emit(f"{kind.capitalize()} restored.")
