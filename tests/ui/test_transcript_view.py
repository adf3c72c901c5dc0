"""The transcript view: literal text, playback marks, clicks that seek, following."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton

from reader.importer import load, parse_text
from ui.theme import LIGHT
from ui.transcript_view import TranscriptView


def _transcript(turns: int = 200, words: int = 30):
    lines = ["Chapters", "00:00 Opening", "05:00 Middle", "Transcript"]
    for i in range(turns):
        speaker = ("Ana Lima", "Ben Okoro")[i % 2]
        lines.append(f"{i // 60:02d}:{i % 60:02d}:00 {speaker}: " + " ".join(f"word{i}x{j}" for j in range(words)))
    return parse_text("\n".join(lines))


@pytest.fixture
def view(qtbot):
    widget = TranscriptView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _point_of(view: TranscriptView, position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return view.cursorRect(cursor).center()


def test_markup_in_words_is_shown_literally_and_never_becomes_a_link(view):
    t = parse_text(
        '00:00 Ana: <img src=x onerror="alert(1)"> and <a href="file:///etc/passwd">link</a>\n00:05 Ben: ok\n'
    )
    view.show_transcript(t)
    text = view.document().toPlainText()
    assert '<img src=x onerror="alert(1)">' in text
    assert '<a href="file:///etc/passwd">link</a>' in text
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            assert not fragment.charFormat().isAnchor()
            assert not fragment.charFormat().isImageFormat()
            it += 1
        block = block.next()


def test_each_turn_shows_speaker_then_stamp_and_chapters_as_headings(view):
    view.show_transcript(_transcript(turns=3))
    lines = view.document().toPlainText().split("\n")
    assert lines[:4] == ["Opening", "", "Ana Lima  00:00", "word0x0 " + " ".join(f"word0x{j}" for j in range(1, 30))]


def test_speaker_colours_are_stable_and_distinct(view):
    view.show_transcript(_transcript(turns=4))
    doc = view.transcript_document
    colours = []
    for turn in range(4):
        cursor = QTextCursor(view.document())
        cursor.setPosition(doc.map.spans[turn].header_start + 1)
        colours.append(cursor.charFormat().foreground().color().name())
    assert colours[0] == colours[2] != colours[1] == colours[3]


def test_marking_playback_draws_the_turn_and_the_spoken_word(view):
    t = _transcript(turns=5)
    view.show_transcript(t)
    turn = t.turns[2]
    view.mark_playback(2, (turn.start_ms + turn.end_ms) // 2)
    [word] = view.extraSelections()
    assert word.cursor.selectedText().startswith("word2x")
    rect = view.turn_rect(2)
    span = view.transcript_document.map.spans[2]
    header, end = _cursor_at(view, span.header_start), _cursor_at(view, span.text_end)
    assert rect.top() <= view.cursorRect(header).top() and view.cursorRect(end).bottom() <= rect.bottom()
    assert rect.width() == view.viewport().width()
    image = view.viewport().grab().toImage()
    y = view.cursorRect(header).center().y()
    assert image.pixelColor(5, y).name() == QColor(LIGHT.current_turn).name()
    assert image.pixelColor(1, y).name() == QColor(LIGHT.turn_bar).name()  # the bar beside the spoken turn
    view.set_reading_cursor_enabled(False)
    assert view.extraSelections() == []


def test_highlights_stay_visible_under_the_turn_mark(view):
    from reader.anchoring import make_anchor
    from reader.keep import Highlight

    t = _transcript(turns=5)
    view.show_transcript(t)
    anchor = make_anchor(t, 2, 0, 2, 7)
    view.set_highlights([Highlight(1, 1, anchor, ("Ana Lima",), "green", "", "", "")])
    view.set_reading_cursor_enabled(False)
    view.mark_playback(2, t.turns[2].start_ms)
    point = _point_of(view, view.transcript_document.map.position_of(2, 3))
    image = view.viewport().grab().toImage()
    assert image.pixelColor(point.x(), point.y() - 4).name() == QColor("#bbf7d0").name()


def test_a_click_on_a_timestamp_asks_to_seek_to_its_turn(view, qtbot):
    t = _transcript(turns=5)
    view.show_transcript(t)
    span = view.transcript_document.map.spans[1]
    with qtbot.waitSignal(view.seek_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(view, span.stamp_start + 1))
    assert blocker.args == [t.turns[1].start_ms]


def test_a_click_on_ordinary_words_does_not_seek(view, qtbot):
    view.show_transcript(_transcript(turns=5))
    span = view.transcript_document.map.spans[1]
    with qtbot.assertNotEmitted(view.seek_requested):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(view, span.text_start + 3))


def test_a_click_on_a_chapter_heading_seeks_to_the_chapter(view, qtbot):
    t = _transcript(turns=400)
    view.show_transcript(t)
    heading = view.transcript_document.chapter_spans[0]
    with qtbot.waitSignal(view.seek_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(view, heading.start + 2))
    assert blocker.args == [t.chapters[0].start_ms]


def _double_click(qtbot, view, point):
    """A real double-click: press, release, double-click, release (QTest's
    mouseDClick alone sends only the double-click)."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_double_click_on_a_word_selects_it_and_seeks_nowhere(view, qtbot):
    t = _transcript(turns=5)
    view.show_transcript(t)
    offset = t.turns[1].text.index("word1x15")
    point = _point_of(view, view.transcript_document.map.position_of(1, offset + 2))
    with qtbot.assertNotEmitted(view.seek_requested), qtbot.assertNotEmitted(view.word_chosen):
        _double_click(qtbot, view, point)
    assert view.textCursor().selectedText() == "word1x15"
    assert view.selected_span() == (1, offset, 1, offset + len("word1x15"))


def test_a_triple_click_selects_the_paragraph(view, qtbot):
    t = _transcript(turns=5)
    view.show_transcript(t)
    offset = t.turns[2].text.index("word2x3")
    point = _point_of(view, view.transcript_document.map.position_of(2, offset + 2))
    _double_click(qtbot, view, point)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_span() == (2, 0, 2, len(t.turns[2].text))


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier])
def test_alt_or_ctrl_click_on_a_word_asks_to_play_from_its_start(view, qtbot, modifier):
    t = _transcript(turns=5)
    view.show_transcript(t)
    offset = t.turns[1].text.index("word1x15")
    position = view.transcript_document.map.position_of(1, offset + 3)
    with qtbot.waitSignal(view.word_chosen) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, _point_of(view, position))
    assert blocker.args == [1, offset]
    assert not view.textCursor().hasSelection()


def test_alt_click_works_on_every_line_of_a_wrapped_turn(view, qtbot):
    """The last word of a turn's first line, in a turn whose last line is short."""
    t = parse_text("00:00 Ana: " + " ".join(f"w{i:02d}" for i in range(60)) + " end.\n00:30 Ben: ok\n")
    view.show_transcript(t)
    doc_map, text = view.transcript_document.map, t.turns[0].text
    first_top = _point_of(view, doc_map.position_of(0, 0)).y()
    starts = [i for i in range(0, len(text), 4) if _point_of(view, doc_map.position_of(0, i + 1)).y() == first_top]
    last_on_first_line = starts[-1]
    with qtbot.waitSignal(view.word_chosen) as blocker:
        point = _point_of(view, doc_map.position_of(0, last_on_first_line + 1))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point)
    assert blocker.args == [0, last_on_first_line]


def test_a_selection_inside_words_is_widened_to_whole_words(view):
    t = _transcript(turns=3)
    view.show_transcript(t)
    text, doc_map = t.turns[1].text, view.transcript_document.map
    start, end = text.index("word1x4") + 3, text.index("word1x6") + 2
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_map.position_of(1, start))
    cursor.setPosition(doc_map.position_of(1, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    _, first, _, last = view.selected_span()
    assert text[first:last] == "word1x4 word1x5 word1x6"


def test_following_scrolls_only_when_the_turn_nears_an_edge(view):
    t = _transcript(turns=200)
    view.show_transcript(t)
    bar = view.verticalScrollBar()
    view.mark_playback(0, 0)
    assert bar.value() == 0
    view.mark_playback(1, t.turns[1].start_ms)  # the next turn is already in view
    assert bar.value() == 0
    view.mark_playback(120, t.turns[120].start_ms)  # far below: brought into view
    assert bar.value() > 0
    y = view.cursorRect(_cursor_at(view, view.transcript_document.map.spans[120].header_start)).top()
    assert 0 <= y <= view.viewport().height() * 0.5
    value = bar.value()
    view.mark_playback(121, t.turns[121].start_ms)  # just below it: no recentring
    assert bar.value() == value


def _cursor_at(view, position):
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def test_scrolling_pauses_following_and_back_to_playback_resumes(view, qtbot):
    t = _transcript(turns=200)
    view.show_transcript(t)
    view.mark_playback(100, t.turns[100].start_ms)
    with qtbot.waitSignal(view.following_changed) as paused:
        wheel = QWheelEvent(
            QPointF(100, 100),
            QPointF(100, 100),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), wheel)
    assert paused.args == [False]
    back = view.findChild(QPushButton, "backToPlayback")
    assert back.isVisible()
    value = view.verticalScrollBar().value()
    view.mark_playback(101, t.turns[101].start_ms)
    view.mark_playback(150, t.turns[150].start_ms)  # while paused, the view stays put
    assert view.verticalScrollBar().value() == value
    with qtbot.waitSignal(view.following_changed) as resumed:
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert resumed.args == [True]
    assert not back.isVisible()
    y = view.cursorRect(_cursor_at(view, view.transcript_document.map.spans[150].header_start)).top()
    assert 0 <= y <= view.viewport().height()


def _select(view, turn: int) -> None:
    """Select the first words of ``turn``, as a drag over them would."""
    start = view.transcript_document.map.position_of(turn, 0)
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 15, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _first_turn_low_in_view(view, t) -> int:
    """A turn on screen but below the band following keeps the spoken line in."""
    height = view.viewport().height()
    return next(n for n in range(1, len(t.turns)) if view.turn_rect(n).top() > 0.82 * height)


def test_selecting_text_beside_the_spoken_line_holds_the_view_without_leaving_playback(view, qtbot):
    """The spoken line stays on screen: no "Back to playback", and the view does
    not move under the selection, even as the spoken line nears the bottom."""
    t = _transcript(turns=200, words=5)  # short turns: one sits low in the view
    view.show_transcript(t)
    view.mark_playback(0, 0)
    back = view.findChild(QPushButton, "backToPlayback")
    _select(view, 1)
    assert view.following and not back.isVisible()
    low = _first_turn_low_in_view(view, t)
    view.mark_playback(low, t.turns[low].start_ms)
    assert view.verticalScrollBar().value() == 0  # held: no scroll while text is selected
    assert view.following and not back.isVisible()
    with qtbot.waitSignal(view.following_changed) as paused:
        view.mark_playback(low + 30, t.turns[low + 30].start_ms)  # the spoken line leaves the held view
    assert paused.args == [False]
    assert back.isVisible()
    assert view.verticalScrollBar().value() == 0


def test_letting_go_of_the_selection_lets_following_catch_up(view):
    t = _transcript(turns=200, words=5)
    view.show_transcript(t)
    view.mark_playback(0, 0)
    _select(view, 1)
    low = _first_turn_low_in_view(view, t)
    view.mark_playback(low, t.turns[low].start_ms)
    view.clear_selection()
    view.mark_playback(low, t.turns[low].start_ms)  # the next tick of playback, still the same word
    assert view.following
    assert 0 <= view.turn_rect(low).top() <= view.viewport().height() * 0.5


def test_a_selection_dragged_past_the_edge_away_from_the_spoken_line_leaves_playback(view, qtbot):
    t = _transcript(turns=200)
    view.show_transcript(t)
    view.mark_playback(0, 0)
    _select(view, 1)
    with qtbot.waitSignal(view.following_changed) as paused:
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 200)  # as the drag's auto-scroll does
    assert paused.args == [False]
    assert view.findChild(QPushButton, "backToPlayback").isVisible()


def test_text_size_changes_with_zoom(view):
    view.show_transcript(_transcript(turns=3))
    before = view.font().pointSizeF()
    view.zoom(2)
    assert view.font().pointSizeF() == before + 2
    view.zoom(-100)
    assert view.font().pointSizeF() == 8.0


def test_highlights_beyond_the_first_screen_are_painted_when_their_turns_are_built(view):
    from reader.anchoring import make_anchor
    from reader.keep import Highlight

    t = _transcript(turns=900)
    view.show_transcript(t)
    anchor = make_anchor(t, 850, 0, 850, 7)
    view.set_highlights([Highlight(1, 1, anchor, ("Ana Lima",), "blue", "", "", "")])
    assert len(view.transcript_document.map) < 850  # not built yet: nothing to paint
    view.finish_building()
    cursor = _cursor_at(view, view.transcript_document.map.position_of(850, 3))
    assert cursor.charFormat().background().color().name() == QColor("#bfdbfe").name()


def _heading_size(view):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.transcript_document.chapter_spans[0].start + 1)
    return cursor.charFormat().fontPointSize()


@pytest.mark.parametrize("steps", [6, -4])
def test_chapter_headings_scale_with_the_text(view, steps):
    view.show_transcript(_transcript(turns=3))
    ratio = _heading_size(view) / view.font().pointSizeF()
    view.zoom(steps)
    assert _heading_size(view) / view.font().pointSizeF() == pytest.approx(ratio)
    assert _heading_size(view) > view.font().pointSizeF()


def test_back_to_playback_never_covers_the_last_lines(view, qtbot):
    t = _transcript(turns=40)
    view.show_transcript(t)
    view.finish_building()
    view.mark_playback(0, 0)
    view.pause_following()
    back = view.findChild(QPushButton, "backToPlayback")
    assert back.isVisible()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    end = view.transcript_document.map.spans[-1].text_end
    last_line_bottom = view.viewport().mapTo(view, _point_of(view, end)).y() + view.fontMetrics().height() // 2
    assert last_line_bottom < back.geometry().top()


# -- word-timed transcripts: karaoke-style marking -----------------------------


def _marked(view) -> str:
    """The marked word, without the punctuation the mark leaves out."""
    [word] = view.extraSelections()
    return word.cursor.selectedText()


@pytest.mark.parametrize(
    ("ms", "word"),
    [
        (0, "Hello"),
        (419, "Hello"),
        (460, "Hello"),  # the pause after a word keeps it marked until the next word starts
        (500, "there"),
        (999, "there"),
        (1_200, "Good"),
        (1_550, "Good"),
        (1_600, "bread"),
        (2_050, "bread"),
    ],
)
def test_the_word_being_said_is_marked_at_the_time_the_file_gives(view, fixtures, ms, word):
    t = load(fixtures / "whisper" / "openai_words.json")
    view.show_transcript(t)
    view.mark_playback(0, ms)
    assert _marked(view) == word


def test_a_word_whose_time_is_far_from_its_share_of_the_text_is_still_marked_exactly(view, fixtures):
    """whisper-timestamped: "Bonjour" ends at 1.2 s, then 0.84 s of silence;
    spreading by text length would mark "Est-ce" long before it is said."""
    t = load(fixtures / "whisper" / "whisper_timestamped.json")
    view.show_transcript(t)
    view.mark_playback(0, 2_000)
    assert _marked(view) == "Bonjour"
    view.mark_playback(0, 2_040)
    assert _marked(view) == "Est-ce"
    view.mark_playback(0, 3_200)
    assert _marked(view) == "bien"


def _paragraphs():
    from reader.model import Transcript, Turn

    text = "Alpha one two three.\nBravo four five six.\nCharlie seven."
    turns = (Turn("Ana", 0, 30_000, True, text), Turn("Ben", 30_000, 60_000, True, "Delta eight."))
    return Transcript("text", None, (), turns, ())


def _line_top(view, turn, offset):
    return _point_of(view, view.transcript_document.map.position_of(turn, offset)).y()


def test_paragraphs_inside_a_turn_are_set_apart_by_a_short_gap(view):
    t = _paragraphs()
    view.show_transcript(t)
    text, line = t.turns[0].text, view.fontMetrics().lineSpacing()
    step = _line_top(view, 0, text.index("Bravo")) - _line_top(view, 0, text.index("Alpha"))
    assert line * 1.2 < step < line * 2
    view.zoom(4)  # the gap grows with the text
    line = view.fontMetrics().lineSpacing()
    step = _line_top(view, 0, text.index("Bravo")) - _line_top(view, 0, text.index("Alpha"))
    assert line * 1.2 < step < line * 2


def test_words_after_a_paragraph_break_map_to_their_own_offsets(view, qtbot):
    t = _paragraphs()
    view.show_transcript(t)
    text, doc_map = t.turns[0].text, view.transcript_document.map
    offset = text.index("seven")
    with qtbot.waitSignal(view.word_chosen) as blocker:
        point = _point_of(view, doc_map.position_of(0, offset + 2))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point)
    assert blocker.args == [0, offset]
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_map.position_of(0, text.index("six")))
    cursor.setPosition(doc_map.position_of(0, text.index("seven") + 5), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    _, first, _, last = view.selected_span()
    assert text[first:last] == "six.\nCharlie seven"


def test_a_highlight_across_a_paragraph_break_colours_its_words_and_keeps_the_gap(view):
    from reader.anchoring import make_anchor
    from reader.keep import Highlight

    t = _paragraphs()
    view.show_transcript(t)
    text = t.turns[0].text
    line = view.fontMetrics().lineSpacing()
    start, end = text.index("five"), text.index("seven") + 5
    view.set_highlights([Highlight(1, 1, make_anchor(t, 0, start, 0, end), ("Ana",), "green", "", "", "")])
    step = _line_top(view, 0, text.index("Charlie")) - _line_top(view, 0, text.index("Bravo"))
    assert line * 1.2 < step < line * 2
    document, doc_map = view.document(), view.transcript_document.map
    for word, coloured in (("four", False), ("five", True), ("Charlie", True), ("seven", True)):
        cursor = QTextCursor(document)
        cursor.setPosition(doc_map.position_of(0, text.index(word) + 1))
        assert (cursor.charFormat().background().color().name() == QColor("#bbf7d0").name()) is coloured, word
