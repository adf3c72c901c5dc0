"""The Podcasts view: the shows you follow and their episodes, to open one.

It renders the controller's lists and forwards the user's commands; the
controller does the network work and the library writes. Show notes are
shown only through :func:`reader.feeds.sanitise.sanitise_html` (text and
links), in a browser that loads nothing remote.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.feeds.sanitise import sanitise_html
from ui.podcasts_controller import PodcastsController
from ui.podcasts_model import TITLE, EpisodeIdRole, EpisodesModel, rows_text, title_filter

ALL_SHOWS = -1
OPML_FILTER = "Subscriptions (*.opml *.xml);;All files (*)"
TRANSCRIPT_FILTER = "Transcripts (*.txt *.md *.srt *.vtt *.json *.html);;All files (*)"


class _NotesBrowser(QTextBrowser):
    """Show notes: links open in the user's browser; no resource is ever fetched."""

    def loadResource(self, kind: int, url: QUrl | str):  # noqa: N802 (Qt API)
        return None


#: Rows measured to fit the columns' widths (Qt's default is 1,000).
FIT_ROWS = 60


class PodcastsDialog(QDialog):
    show_downloads_requested = Signal()
    episodes_filled = Signal()  # the episodes table shows the chosen show's episodes now

    def __init__(self, controller: PodcastsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = 0  # the newest request for the episodes table
        self.controller = controller
        self.setWindowTitle("Podcasts")
        self.resize(1000, 620)
        self.shows = QListWidget()
        self.search = QLineEdit(placeholderText="Filter episodes by title")
        self.search.setClearButtonEnabled(True)
        self.model = EpisodesModel(self)
        self.proxy = title_filter(self.model, self)
        self.table = self._make_table()
        self.notes = _NotesBrowser(openExternalLinks=True)
        self.status = QLabel(wordWrap=True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel Download")
        self.cancel_button.hide()
        self.cancel_refresh_button = QPushButton("Cancel Refresh")
        self.cancel_refresh_button.setToolTip("Stop after the feed being fetched; the rest wait for the next refresh.")
        self.cancel_refresh_button.hide()
        self.space = QSpinBox(minimum=0, maximum=1_000_000, singleStep=512, suffix=" MB")
        self.space.setSpecialValueText("no limit")
        self.space.setToolTip("The oldest downloaded audio is removed beyond this; transcripts never are.")
        self.space.setValue(controller.space_cap_mb)
        self._lay_out()
        self._connect()
        self._show_busy("")  # a refresh may be under way already (the start-up one)
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        # Fitted by _fit_columns from the text of the first rows: Qt's
        # ResizeToContents measured every row of a 4,000-episode list (over a
        # second on each reload), and a few hundred ms even told to stop at 60.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add Podcast…")
        self.opml_button = QPushButton("Import OPML…")
        self.refresh_button = QPushButton("Refresh")
        self.downloads_button = QPushButton("Show Downloads")
        self.open_button = QPushButton("Open Episode", default=True)
        for button in (self.add_button, self.opml_button, self.refresh_button, self.downloads_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.table, 3)
        column.addWidget(self.notes, 1)
        split = QSplitter()
        split.addWidget(self.shows)
        split.addWidget(right)
        split.setSizes([220, 780])

        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.progress)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.cancel_refresh_button)
        footer.addWidget(QLabel("Keep audio under"))
        footer.addWidget(self.space)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addLayout(footer)

    def _connect(self) -> None:
        c = self.controller
        self.add_button.clicked.connect(self.ask_for_feed)
        self.opml_button.clicked.connect(self.choose_opml)
        self.refresh_button.clicked.connect(lambda: c.refresh_all())
        self.downloads_button.clicked.connect(self.show_downloads_requested)
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(self._show_notes)
        self.shows.currentRowChanged.connect(lambda _row: self._fill_episodes())
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.cancel_button.clicked.connect(lambda: c.cancel_download())
        self.cancel_refresh_button.clicked.connect(self._cancel_refresh)
        self.space.editingFinished.connect(lambda: c.set_space_cap_mb(self.space.value()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._episode_menu)
        self.shows.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.shows.customContextMenuRequested.connect(self._show_menu)
        c.changed.connect(self.reload)
        c.message.connect(self.status.setText)
        c.busy.connect(self._show_busy)
        c.download_progress.connect(self._show_progress)
        c.changed.connect(self._downloads_changed)

    # --- filling

    def reload(self) -> None:
        """Shows and episodes again from the library, keeping the selections."""
        chosen = self._chosen_show()
        self.shows.blockSignals(True)
        self.shows.clear()
        subscriptions = self.controller.subscriptions()
        everything = QListWidgetItem(f"All shows ({len(subscriptions)})")
        everything.setData(EpisodeIdRole, ALL_SHOWS)
        self.shows.addItem(everything)
        for show in subscriptions:
            item = QListWidgetItem(show.title)
            item.setData(EpisodeIdRole, show.id)
            item.setToolTip(show.error or show.url)
            self.shows.addItem(item)
            if show.id == chosen:
                self.shows.setCurrentItem(item)
        if self.shows.currentRow() < 0:
            self.shows.setCurrentRow(0)
        self.shows.blockSignals(False)
        self._fill_episodes()

    def _chosen_show(self) -> int:
        item = self.shows.currentItem()
        return item.data(EpisodeIdRole) if item is not None else ALL_SHOWS

    def _fill_episodes(self) -> None:
        """The chosen show's episodes, read on a worker (:meth:`PodcastsController.episodes_later`);
        :attr:`episodes_filled` says when they are in the table."""
        self._filling += 1
        filling, show = self._filling, self._chosen_show()
        self.controller.episodes_later(
            None if show == ALL_SHOWS else show, rows_text, lambda found: self._episodes_arrived(filling, show, found)
        )

    def _episodes_arrived(self, filling: int, show: int, found: tuple | None) -> None:
        if filling != self._filling:
            return  # another show was chosen, or the list changed again, meanwhile
        selected = self.selected_episode_id()
        if found is None:  # the worker could not read the library: read it here
            rows = self.controller.episodes(None if show == ALL_SHOWS else show)
            found = (rows, rows_text(rows))
        self.model.set_episodes(*found)
        self._fit_columns(found[1][:FIT_ROWS])
        self.notes.clear()
        if not self.controller.subscriptions():
            self.notes.setPlainText(
                "No podcasts yet. Add Podcast… takes a feed address or a podcast's web page; "
                "Import OPML… takes the subscriptions exported from another podcast app."
            )
        row = self.model.row_of(selected) if selected is not None else None
        shown = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if shown is not None and shown.isValid():  # the one selected before stays selected
            self.table.selectRow(shown.row())
        self.episodes_filled.emit()

    def _fit_columns(self, text: list[list[str]]) -> None:
        """Every column but the title as wide as its header or its widest cell in ``text``."""
        metrics, header = self.table.fontMetrics(), self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column == TITLE:
                continue
            cells = [str(self.model.headerData(column, Qt.Orientation.Horizontal))] + [row[column] for row in text]
            header.resizeSection(column, max(metrics.horizontalAdvance(cell) for cell in cells) + 24)

    def _show_notes(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.notes.clear()
            return
        episode = self.model.episode(self.proxy.mapToSource(current).row())
        html = sanitise_html(episode.description_html) if episode.description_html else ""
        if html:
            self.notes.setHtml(html)
        else:
            self.notes.setPlainText(episode.description)

    def _show_busy(self, what: str) -> None:
        if what:
            self.status.setText(what)
        refreshing = self.controller.refreshing
        if self.refresh_button.hasFocus() or self.cancel_refresh_button.hasFocus():
            # A focused button that rests or hides hands the keyboard to the next
            # widget, the space limit, whose value typing would then replace.
            self.shows.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_button.setEnabled(not refreshing)
        self.cancel_refresh_button.setVisible(refreshing)
        self.cancel_refresh_button.setEnabled(not self.controller.stopping_refresh)

    def _cancel_refresh(self) -> None:
        self.controller.cancel_refresh()
        self._show_busy("")  # pressed once is enough: the button rests until the refresh ends

    def _show_progress(self, _episode_id: int, done: int, total: int) -> None:
        running = self.controller.downloading and (done < total or total == 0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.progress.setRange(0, 100 if total else 0)
        if total:
            self.progress.setValue(done * 100 // total)
        self.progress.setFormat(f"Downloading… {done // 1_000_000} MB")

    def _downloads_changed(self) -> None:
        if not self.controller.downloading:
            self.progress.hide()
            self.cancel_button.hide()

    def _episode_menu(self, point) -> None:
        episode_id = self.selected_episode_id()
        if episode_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Open Episode", self.open_selected)
        menu.addAction("Open With a Transcript of My Own…", self.choose_own_transcript)
        menu.addAction("Download Audio", lambda: self.controller.download(episode_id))
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _show_menu(self, point) -> None:
        menu = self.shows_menu()
        menu.exec(self.shows.viewport().mapToGlobal(point))
        menu.deleteLater()

    def shows_menu(self) -> QMenu:
        """The shows list's right-click menu. Its Refresh rests while a refresh
        runs, as the Refresh button does: one refresh asks every feed already."""
        show = self._chosen_show()
        menu = QMenu(self)
        refresh = menu.addAction("Refresh", lambda: self.controller.refresh_all())
        refresh.setEnabled(not self.controller.refreshing)
        if show != ALL_SHOWS:
            menu.addAction("Unfollow Show", lambda: self.controller.unsubscribe(show))
        return menu

    # --- commands

    def selected_episode_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(EpisodeIdRole) if index.isValid() else None

    def open_selected(self) -> None:
        episode_id = self.selected_episode_id()
        if episode_id is None:
            self.status.setText("Choose an episode to open.")
            return
        self.controller.open_episode(episode_id)

    def ask_for_feed(self) -> None:
        url, ok = QInputDialog.getText(
            self, "Add Podcast", "The podcast's feed address, or its web page:", QLineEdit.EchoMode.Normal
        )
        if ok and url.strip():
            self.controller.subscribe(url)

    def choose_own_transcript(self) -> None:
        """For an episode the show publishes no transcript for (or a better one)."""
        episode_id = self.selected_episode_id()
        if episode_id is None:
            self.status.setText("Choose an episode first.")
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open a Transcript for This Episode", "", TRANSCRIPT_FILTER)
        if path:
            self.controller.open_with_own_transcript(episode_id, path)

    def choose_opml(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import OPML", "", OPML_FILTER)
        if path:
            self.controller.import_opml(path)


def open_folder(path) -> bool:
    """The downloads folder in the system's file manager (created if needed)."""
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
