"""Keeping what the reader finds: highlights, notes, bookmarks, renames.

The controller between the store (``reader.store``), the transcript view and
the highlights panel. Every change goes to the store first, and is shown only
once the store has committed it, so what the screen shows as saved is saved.
When the store cannot be used, reading goes on and saving is switched off
with one sentence saying why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import StoreError
from reader.keep import DEFAULT_COLOUR, Bookmark, Episode, Highlight
from reader.model import Transcript
from ui.after_paint import after_next_paint

TYPE_CHECKING = False  # reader.store (sqlite3, hashlib) loads only once a store is opened
if TYPE_CHECKING:
    from reader.store import Store


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
        self.search = search  # reader.search.LibrarySearch, kept in step here
        self.problem = problem  # why saving is off, when it is
        self.view = view
        self.panel = panel
        self.undo_stack = QUndoStack(self)
        self.episode: Episode | None = None
        self.transcript: Transcript | None = None
        self.highlights: list[Highlight] = []
        self.bookmarks: list[Bookmark] = []
        self.last_created: tuple[str, int] | None = None
        self._index_soon = QTimer(self, singleShot=True, interval=300)
        self._index_soon.timeout.connect(self._index)
        panel.item_activated.connect(self._on_item_activated)
        panel.note_edited.connect(self._guard(self._on_note_edited))
        panel.colour_changed.connect(self._guard(self._on_colour_changed))
        panel.delete_requested.connect(self._guard(self.delete_item))

    @property
    def can_save(self) -> bool:
        return self.store is not None and self.episode is not None

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
                self._saving_failed(error)
        self.episode_changed.emit(self.episode)
        # Indexing a long transcript for the first time takes up to a second:
        # after the episode is on screen, not before.
        # The episode is bound now: another may be opened before the view paints.
        episode, transcript = self.episode, self.transcript
        after_next_paint(self.view.viewport(), lambda: self._index_transcript(episode, transcript))
        return self.episode

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
        try:
            self.episode = self.store.update_episode(self.episode.id, **fields)
        except StoreError as error:
            self._saving_failed(error)

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
        try:
            speakers = _anchoring().quote_speakers(self.transcript, anchor)
            h = self.store.add_highlight(self.episode.id, anchor, speakers, colour)
        except StoreError as error:
            self._saving_failed(error)
            return None
        self.highlights.append(h)
        self.last_created = ("highlight", h.id)
        self.view.clear_selection()
        self._show(select=("highlight", h.id))
        self.message.emit("Highlight saved. Press N to add a note.")
        return h

    def bookmark_at(self, ms: int) -> Bookmark | None:
        if not self._check_can_save():
            return None
        try:
            b = self.store.add_bookmark(self.episode.id, ms)
        except StoreError as error:
            self._saving_failed(error)
            return None
        self.bookmarks.append(b)
        self.last_created = ("bookmark", b.id)
        self._show(select=("bookmark", b.id))
        self.message.emit("Bookmark saved. Press N to add a note.")
        return b

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
        try:
            self.episode = self.store.rename_speaker(self.episode.id, original, new.strip())
        except StoreError as error:
            self._saving_failed(error)
            return
        self.episode_changed.emit(self.episode)
        self.speakers_renamed.emit()

    # -- taking it with you --------------------------------------------------------

    def export(self, fmt: str, all_episodes: bool, path: str) -> bool:
        """Write an export; one sentence says where it went or why it did not."""
        from reader.export.files import ExportError, render
        from reader.export.model import write_export

        if self.store is None:
            self._check_can_save()
            return False
        try:
            episodes = [s.episode for s in self.store.episodes()] if all_episodes else [self.episode]
            write_export(path, render(self.store, [e for e in episodes if e is not None], fmt))
        except (ExportError, StoreError) as error:
            self.message.emit(str(error))
            return False
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
            ms, link = self._moment(h.anchor.start_ms, h.id)
            return quote_markdown(h.anchor.quote, speaker, ms, title, link)
        b = next((b for b in self.bookmarks if b.id == item_id), None)
        if b is None:
            return None
        ms, link = self._moment(b.ms)
        return quote_markdown(b.note or "Bookmark", None, ms, title, link)

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
        ms, link = self._moment(anchor.start_ms)
        return quote_markdown(anchor.quote, speakers, ms, title, link)

    def _moment(self, ms: int, highlight_id: int | None = None) -> tuple[int, str | None]:
        """(audio time, its transcript-reader:// link) for a quote: the time a
        listener seeks to, as exports give it (see reader.export.files)."""
        if self.store is None or self.episode is None:
            return ms, None
        from reader.links import make_link
        from reader.timemap import TimeMap

        audio_ms = max(TimeMap.from_dict(self.store.time_map(self.episode.id)).to_audio(ms), 0)
        return audio_ms, make_link(self.episode.fingerprint, audio_ms, highlight_id) or None

    # -- changing ----------------------------------------------------------------

    def delete_item(self, kind: str, item_id: int) -> None:
        self.undo_stack.push(_DeleteCommand(self, kind, item_id))

    def _on_note_edited(self, kind: str, item_id: int, text: str) -> None:
        if kind == "highlight":
            self._replace(self.store.update_highlight(item_id, note=text))
        else:
            self._replace(self.store.update_bookmark(item_id, note=text))
        self._index_soon.start()

    def _on_colour_changed(self, item_id: int, colour: str) -> None:
        self._replace(self.store.update_highlight(item_id, colour=colour))
        self._show()

    def _on_item_activated(self, kind: str, item_id: int, start_ms: int) -> None:
        if kind == "highlight":
            h = next((h for h in self.highlights if h.id == item_id), None)
            if h is not None and not h.detached:
                self.view.show_turn_text(h.anchor.start_turn, h.anchor.start_offset)
        self.seek_requested.emit(start_ms)

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
        """Make an opened episode's text searchable (a first 10-hour transcript
        takes up to a second; reopening an indexed one, half a millisecond)."""
        if self.search is None or episode is None:
            return
        from reader.search import SearchError

        try:
            self.search.index_episode(episode.id, transcript)
        except SearchError as error:
            self.message.emit(str(error))
        if self.episode is not None and self.episode.id == episode.id:
            self._index()

    def _index(self) -> None:
        """Keep library search in step with the quotes and notes kept (a few ms)."""
        if self.search is None or self.store is None or self.episode is None:
            return
        from reader.search import SearchError

        try:
            self.search.index_highlights(self.episode.id, self.highlights, self.bookmarks)
        except SearchError as error:
            self.message.emit(str(error))

    def _check_can_save(self) -> bool:
        if self.can_save:
            return True
        # The problem is already one sentence: what is wrong, and what to do.
        self.message.emit(self.problem or "Open a transcript first.")
        return False

    def _saving_failed(self, error: StoreError) -> None:
        self.store, self.problem = None, str(error)
        self.message.emit(str(error))

    def _guard(self, slot: Callable) -> Callable:
        """Store errors from panel edits become a sentence, never a traceback."""

        def guarded(*args) -> None:
            if self.store is None:
                self._check_can_save()
                self._show()
                return
            try:
                slot(*args)
            except StoreError as error:
                self._saving_failed(error)

        return guarded


class _DeleteCommand(QUndoCommand):
    """Delete a highlight or bookmark; Ctrl+Z puts it back with its id and times."""

    def __init__(self, keeping: KeepingController, kind: str, item_id: int) -> None:
        super().__init__(f"Delete {kind}")
        self._keeping, self._kind, self._id = keeping, kind, item_id
        self._deleted: Highlight | Bookmark | None = None

    def redo(self) -> None:
        k = self._keeping
        if self._kind == "highlight":
            self._deleted = k.store.delete_highlight(self._id)
            k.highlights = [h for h in k.highlights if h.id != self._id]
        else:
            self._deleted = k.store.delete_bookmark(self._id)
            k.bookmarks = [b for b in k.bookmarks if b.id != self._id]
        k._show()
        k.message.emit(f"{self._kind.capitalize()} deleted. Press Ctrl+Z to undo.")

    def undo(self) -> None:
        k = self._keeping
        if self._kind == "highlight":
            k.highlights.append(k.store.restore_highlight(self._deleted))
        else:
            k.bookmarks.append(k.store.restore_bookmark(self._deleted))
        k._show(select=(self._kind, self._id))
        k.message.emit(f"{self._kind.capitalize()} restored.")
