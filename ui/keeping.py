"""Keeping what the reader finds: highlights, notes, bookmarks, renames.

The controller between the open episode (``reader.session.EpisodeSession``,
which owns what is kept and saves it), the transcript view and the
highlights panel. It turns a selection into a highlight, the panel's edits
into changes to the session, and the session's changes into marks and rows;
it keeps the undo stack and search index in step, indexing on a worker
thread (:class:`ui.indexer.BackgroundIndexer`), and tries kept changes again
on a timer while the session says saving is held up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.keep import DEFAULT_COLOUR, Bookmark, Episode, Highlight
from reader.model import Transcript
from reader.session import EpisodeSession, Kept
from ui.after_paint import after_next_paint
from ui.timers import TimerFactory, make_timer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ui.indexer import BackgroundIndexer

#: Several changes in a row (typing a note) update the search index once.
INDEX_AFTER_MS = 300
#: How often changes kept in memory are tried again while the library is held up.
RETRY_MS = 1500


def _anchoring():
    """reader.anchoring (and difflib with it), imported when something is first
    kept rather than before the window's first paint."""
    from reader import anchoring

    return anchoring


class KeepingController(QObject):
    _exported = Signal(str)  # from the export worker: where it went, or why not
    export_progress = Signal(int, int)  # episodes exported, of how many
    export_finished = Signal()  # written, failed or cancelled: the sentence is on the session's message
    note_requested = Signal()  # the panel must be visible to type a note
    seek_requested = Signal(int)  # transcript time

    def __init__(
        self, session: EpisodeSession, view, panel, parent: QObject | None = None, timer: TimerFactory = make_timer
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.panel = panel
        self.undo_stack = QUndoStack(self)
        self.last_created: tuple[str, int] | None = None
        self._index_soon = timer(self, INDEX_AFTER_MS, True, False)
        self._index_soon.timeout.connect(self._index)
        self._retry = timer(self, RETRY_MS, False, False)
        self._retry.timeout.connect(session.retry_saving)
        session.saving_held.connect(self._on_saving_held)
        self._exported.connect(session.message.emit)
        self._exported.connect(lambda _sentence: self.export_finished.emit())
        self._export_cancelled = threading.Event()
        self.indexer: BackgroundIndexer | None = None  # made when the library arrives with its search index
        panel.item_activated.connect(self._on_item_activated)
        panel.note_edited.connect(self._on_note_edited)
        panel.colour_changed.connect(session.set_colour)
        panel.delete_requested.connect(self.delete_item)
        session.leaving.connect(panel.save_note_being_typed)
        session.opened.connect(self._on_opened)
        session.episode_found.connect(self._on_episode_found)
        session.kept_changed.connect(self._show)

    def save_note_being_typed(self) -> None:
        """The window calls this first when it closes, before it asks about
        changes not yet saved: otherwise the editor saved the note only as it
        was hidden, after that question, and a note typed while saving was
        held up was lost on quitting."""
        self.panel.save_note_being_typed()

    @property
    def pending_changes(self) -> int:
        return self.session.pending_changes

    def close(self) -> None:
        """The window is closing: no more retries or indexing (kept changes are the window's question)."""
        self._retry.stop()
        self._index_soon.stop()
        if self.indexer is not None:
            self.indexer.close()

    def _on_saving_held(self, held: bool) -> None:
        if held:
            if not self._retry.isActive():
                self._retry.start()
        else:
            self._retry.stop()
            self._index_soon.start()

    def _indexer(self):
        """The worker that indexes, once the library (and its search) has arrived."""
        search = self.session.search
        if search is None:
            return None
        if self.indexer is None:
            from ui.indexer import BackgroundIndexer

            self.indexer = BackgroundIndexer(search.path, self)
            self.indexer.message.connect(self.session.message.emit)
        return self.indexer

    @property
    def episode(self) -> Episode | None:
        return self.session.episode

    @property
    def transcript(self) -> Transcript | None:
        return self.session.transcript

    @property
    def can_save(self) -> bool:
        return self.session.can_save

    def speaker_name(self, name: str | None) -> str | None:
        return self.session.speaker_name(name)

    # -- episodes ------------------------------------------------------------------

    def _on_opened(self, _transcript: Transcript) -> None:
        self.undo_stack.clear()
        self.last_created = None
        self._on_episode_found(self.session.episode)

    def _on_episode_found(self, episode: Episode | None) -> None:
        # Indexing a long transcript for the first time takes up to a second:
        # after the episode is on screen, not before. The episode is bound
        # now: another may be opened before the view paints.
        transcript = self.session.transcript
        if episode is not None and transcript is not None:
            after_next_paint(self.view.viewport(), lambda: self._index_transcript(episode, transcript))

    def refresh(self) -> None:
        """Draw the episode's highlights and list them (after the view shows it)."""
        self._show()

    # -- creating --------------------------------------------------------------------

    def highlight_selection(self, colour: str = DEFAULT_COLOUR) -> Highlight | None:
        span = self.view.selected_span()
        if span is None:
            self.session.message.emit("Select some words of the transcript first, then press H to highlight them.")
            return None
        if not self.session.check_can_save():
            return None
        highlight = self.session.add_highlight(_anchoring().make_anchor(self.session.transcript, *span), colour)
        if highlight is None:
            return None
        self.last_created = ("highlight", highlight.id)
        self.view.clear_selection()
        if not self.session.saving.held_up:  # else the status line says saving is held up
            self.session.message.emit("Highlight saved. Press N to add a note.")
        return highlight

    def bookmark_at(self, ms: int) -> Bookmark | None:
        bookmark = self.session.add_bookmark(ms)
        if bookmark is None:
            return None
        self.last_created = ("bookmark", bookmark.id)
        if not self.session.saving.held_up:
            self.session.message.emit("Bookmark saved. Press N to add a note.")
        return bookmark

    def edit_latest_note(self) -> None:
        """N: a note on what was just kept (or on the item selected in the panel)."""
        target = self.panel.selected_item() or self.last_created
        if target is None:
            self.session.message.emit("Highlight some words (H) or bookmark a moment (B) first; then N adds a note.")
            return
        self.note_requested.emit()
        self.panel.edit_note(*target)

    def rename_speaker(self, original: str, new: str) -> None:
        self.session.rename_speaker(original, new)

    # -- taking it with you --------------------------------------------------------

    def export(self, fmt: str, all_episodes: bool, path: str) -> bool:
        """Write an export on a worker thread (1,000 highlights take half a
        second or more); :attr:`export_progress` follows it, :meth:`cancel_export`
        stops it before anything is written, and one sentence says where it
        went or why it did not. True when it was started."""
        store = self.session.store
        if store is None:
            self.session.check_can_save()
            return False
        episodes = [s.episode for s in store.episodes()] if all_episodes else [self.session.episode]
        ids = [e.id for e in episodes if e is not None and e.id > 0]
        library = store.path.parent
        self.session.message.emit("Exporting…")
        heard = self.session.heard_times()  # the open episode's times as heard, taken on this thread
        self._export_cancelled = cancelled = threading.Event()
        threading.Thread(
            target=self._export_on_worker, args=(library, ids, fmt, path, cancelled, heard), name="export", daemon=True
        ).start()
        return True

    def cancel_export(self) -> None:
        """Stop the export being made; nothing is written (a file already written stays)."""
        self._export_cancelled.set()

    def _export_on_worker(
        self, library, ids: list[int], fmt: str, path: str, cancelled: threading.Event, heard=None
    ) -> None:
        """Render and write with a connection of the worker's own; the sentence comes back as a signal."""
        from reader.errors import StoreError
        from reader.export.files import ExportCancelled, ExportError, render
        from reader.export.model import write_export
        from reader.store import Store

        def progress(done: int, total: int) -> bool:
            self.export_progress.emit(done, total)
            return not cancelled.is_set()

        try:
            with Store.open(library, set_aside_damage=False) as store:  # the window has it open
                episodes = [store.episode(episode_id) for episode_id in ids]
                text = render(store, episodes, fmt, heard=heard, progress=progress)
            if cancelled.is_set():
                raise ExportCancelled
            write_export(path, text)
            sentence = f"Exported to {path}."
        except ExportCancelled:
            sentence = "The export was cancelled; nothing was written."
        except StoreError as error:
            sentence = str(error)
            if error.kind == "corrupt":
                sentence = (
                    "The export could not be made because the library is damaged; restart Transcript Reader "
                    "to set it aside and bring back what can still be read."
                )
        except ExportError as error:
            sentence = str(error)
        except OSError as error:
            sentence = f"The export could not be written to {path} ({error.strerror or error}); choose another folder."
        self._exported.emit(sentence)

    def export_kept(self, path: str) -> bool:
        """This episode's highlights and bookmarks as the window holds them,
        saved or not, as Markdown: the way out when the library is held up."""
        from datetime import UTC, datetime

        from reader.export.formats import to_markdown
        from reader.export.model import build_export

        session = self.session
        if session.episode is None:
            return False
        export = build_export(
            session.episode, session.transcript, session.highlights, session.bookmarks, datetime.now(UTC)
        )
        return self._write_export(path, to_markdown([export]))

    def _write_export(self, path: str, text: str) -> bool:
        """Write atomically; one sentence says where it went or why it did not."""
        from reader.export.model import write_export

        try:
            write_export(path, text)
        except OSError as error:
            self.session.message.emit(
                f"The export could not be written to {path} ({error.strerror or error}); choose another folder."
            )
            return False
        self.session.message.emit(f"Exported to {path}.")
        return True

    def quote_for(self, kind: str, item_id: int) -> str | None:
        """A highlight (or a bookmark's note) as a Markdown quote for the clipboard."""
        from reader.export.formats import quote_markdown

        item = self.session.find_kept(kind, item_id)
        heard = self.session.heard_times()
        if isinstance(item, Highlight):
            speaker = " & ".join(self.speaker_name(name) or "" for name in item.speakers) or None
            ms, link = self._moment(heard.audio_span(item.anchor, item.detached)[0], item.id)
            return quote_markdown(item.anchor.quote, speaker, ms, self._title(), link)
        if isinstance(item, Bookmark):
            ms, link = self._moment(heard.audio_ms(item.ms))
            return quote_markdown(item.note or "Bookmark", None, ms, self._title(), link)
        return None

    def quote_selection(self) -> str | None:
        from reader.export.formats import quote_markdown

        span = self.view.selected_span()
        transcript = self.session.transcript
        if span is None or transcript is None:
            return None
        anchor = _anchoring().make_anchor(transcript, *span)
        speakers = _anchoring().quote_speakers(transcript, anchor)
        speaker = " & ".join(self.speaker_name(n) or "" for n in speakers) or None
        ms, link = self._moment(self.session.heard_times().audio_ms(anchor.start_ms))
        return quote_markdown(anchor.quote, speaker, ms, self._title(), link)

    def _moment(self, audio_ms: int, highlight_id: int | None = None) -> tuple[int, str | None]:
        """(audio time, its transcript-reader:// link) for a quote: the time a
        listener seeks to, as exports give it (``reader.heard``)."""
        episode = self.session.episode
        if episode is None:
            return audio_ms, None
        from reader.links import make_link

        return audio_ms, make_link(episode.fingerprint, audio_ms, highlight_id) or None

    def _title(self) -> str | None:
        session = self.session
        if session.episode is not None:
            return session.episode.title
        return session.transcript.title if session.transcript is not None else None

    # -- changing ----------------------------------------------------------------

    def delete_item(self, kind: str, item_id: int) -> None:
        self.undo_stack.push(_DeleteCommand(self.session, kind, item_id, self.panel.save_note_being_typed))

    def _on_note_edited(self, kind: str, item_id: int, text: str) -> None:
        if self.session.set_note(kind, item_id, text):
            self._index_soon.start()

    def _on_item_activated(self, kind: str, item_id: int, start_ms: int) -> None:
        item = self.session.find_kept(kind, item_id)
        if isinstance(item, Highlight) and not item.detached:
            self.view.show_turn_text(item.anchor.start_turn, item.anchor.start_offset)
            start_ms = self.session.heard_times().text_span(item.anchor)[0]  # where its words are now
        self.seek_requested.emit(start_ms)

    # -- showing ----------------------------------------------------------------------

    def _show(self, select: tuple[str, int] | None = None) -> None:
        self.view.set_highlights(self.session.highlights)
        self.panel.set_items(self.session.highlights, self.session.bookmarks, self.speaker_name)
        if select is not None:
            self.panel.select_item(*select)
        self._index_soon.start()  # after the save is on screen; several changes, one update

    def _index_transcript(self, episode: Episode, transcript: Transcript) -> None:
        """Make an opened episode's text searchable, on the indexer's thread (a
        first 10-hour transcript takes a second or more)."""
        indexer = self._indexer()
        if indexer is None or episode.id < 0:
            return
        indexer.index_episode(episode.id, transcript)
        if self.session.episode is not None and self.session.episode.id == episode.id:
            self._index()

    def _index(self) -> None:
        """Keep library search in step with the quotes and notes kept (on the
        indexer's thread; what is not saved yet is indexed once it is)."""
        session, indexer = self.session, self._indexer()
        if indexer is None or session.episode is None or session.episode.id < 0 or session.saving.held_up:
            return
        indexer.index_keeps(session.episode.id, session.highlights, session.bookmarks)


class _DeleteCommand(QUndoCommand):
    """Delete a highlight or bookmark; Ctrl+Z puts it back with its id and times."""

    def __init__(self, session: EpisodeSession, kind: str, item_id: int, save_typing: Callable[[], None]) -> None:
        super().__init__(f"Delete {kind}")
        self._session, self._kind, self._id = session, kind, item_id
        self._save_typing = save_typing  # a note being typed: saved first, so undo brings it back too
        self._deleted: Kept | None = None

    def redo(self) -> None:
        self._save_typing()
        self._deleted = self._session.delete(self._kind, self._id)
        if self._deleted is None:  # nothing to delete (no library, or gone already): nothing to undo
            self.setObsolete(True)
            return
        self._session.message.emit(f"{self._kind.capitalize()} deleted. Press Ctrl+Z to undo.")

    def undo(self) -> None:
        self._save_typing()
        if self._deleted is not None and self._session.restore(self._deleted):
            self._session.message.emit(f"{self._kind.capitalize()} restored.")
