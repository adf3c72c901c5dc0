"""TTML, Podcasting 2.0 HTML, YouTube SBV and bracketed lines: speakers, times and text as the files give them."""

from __future__ import annotations

import pytest

from reader.errors import TranscriptError
from reader.importer import load, parse_text


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.text) for t in transcript.turns]


def _spans(turn):
    return [(span.start_ms, span.end_ms, text) for span, text in zip(turn.spans, turn.span_texts(), strict=True)]


# --- TTML / DFXP ------------------------------------------------------------


def test_apple_podcasts_ttml_is_word_timed_with_named_agents(fixtures):
    t = load(fixtures / "timed" / "apple_podcasts.ttml")
    assert t.format == "ttml"
    assert t.title == "Baking at Home, Episode 3"
    assert t.timing == "word"
    # SPEAKER_1 declares a name; SPEAKER_2 does not, so its id is kept.
    assert _rows(t) == [("Dana", 500, "Welcome back, everyone."), ("SPEAKER_2", 3_100, "Thanks Dana.")]
    assert _spans(t.turns[0]) == [(500, 900, "Welcome"), (900, 1_300, "back,"), (1_400, 2_900, "everyone.")]
    assert t.turns[1].end_ms == 5_000


def test_dfxp_offset_frame_tick_and_bare_second_times(fixtures):
    t = load(fixtures / "timed" / "dfxp_offsets.dfxp")
    assert t.format == "ttml" and t.timing == "cue"
    cues = [row for turn in t.turns for row in _spans(turn)]
    assert cues == [
        (1_500, 3_000, "First cue in offset seconds."),
        (3_000, 4_480, "Second cue in frames, over two lines."),
        (4_500, 6_000, "Third cue in ticks."),
        (360_000, 360_500, "Fourth & last, after a pause."),
    ]
    assert t.warnings == ("Paragraph 5 has no readable begin time and was skipped.",)


def test_times_on_words_count_from_their_paragraph_when_they_are_relative():
    text = (
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div begin="10s">'
        '<p begin="5s" end="8s"><span begin="0s" end="1s">One</span> <span begin="1s" end="3s">two</span></p>'
        "</div></body></tt>"
    )
    t = parse_text(text)
    assert _spans(t.turns[0]) == [(15_000, 16_000, "One"), (16_000, 18_000, "two")]


def test_an_entity_expansion_bomb_is_refused_not_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s" end="1s">&d;&d;&d;</p></div></body></tt>'
    )
    with pytest.raises(TranscriptError, match="declares its own entities"):
        parse_text(bomb, "bomb.ttml")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s">open', "malformed XML at line 1"),
        ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div></div></body></tt>', "has no <p> paragraphs"),
        (
            '<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="soon">x</p></body></tt>',
            "1 paragraph(s) but none with a readable time",
        ),
    ],
)
def test_broken_ttml_is_refused_saying_it_is_ttml_and_where(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, "captions.ttml")
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("captions.ttml: This TTML file")


# --- Podcasting 2.0 HTML ------------------------------------------------------


def test_podcasting_html_cite_time_and_paragraphs(fixtures):
    t = load(fixtures / "timed" / "p20.html")
    assert t.format == "p20-html"
    assert _rows(t) == [
        ("Dana", 0, "Welcome back, it's episode three."),
        ("Ben", 65_000, "Thanks, Dana. Bread today.\nTwo lines."),
        ("Ben", t.turns[2].start_ms, "Ben again, no time of his own."),
        ("Dana", 3_723_000, "An hour in."),
    ]
    assert [turn.timed for turn in t.turns] == [True, True, False, True]


def test_podcasting_html_without_paragraphs_is_refused():
    with pytest.raises(TranscriptError, match="no paragraphs of words"):
        parse_text("<cite>Dana:</cite><time>0:00</time>", "episode.html")


def test_notes_that_mention_the_html_tags_are_not_taken_for_an_html_transcript():
    """A file list describing "<cite>/<time>/<p>" has no cite or time element."""
    notes = "- `example.html` - a Podcasting 2.0 HTML transcript (<cite>/<time>/<p>) of an episode\n"
    with pytest.raises(TranscriptError, match="does not look like a transcript"):
        parse_text(notes, "SOURCES.md")


# --- YouTube SBV ----------------------------------------------------------------


def test_youtube_sbv_cues_keep_their_times_and_words_stay_words(fixtures):
    t = load(fixtures / "timed" / "youtube.sbv")
    assert t.format == "sbv" and t.timing == "cue"
    assert t.speakers == []
    assert _rows(t) == [
        (None, 599, ">> Hello and welcome to the channel. Today we bake bread. We need flour, water, salt, yeast."),
        (None, 10_500, "After the pause: the dough."),
    ]
    assert _spans(t.turns[0])[1] == (4_160, 7_200, "We need flour, water, salt, yeast.")


def test_sbv_with_an_unreadable_time_line_warns_and_reads_the_rest():
    t = parse_text("0:00:01.000,0:00:02.000\nOne.\n\n0:99:01.000,0:00:02.000\nLost.\n\n0:00:03.000,0:00:04.000\nTwo.\n")
    assert [turn.text for turn in t.turns] == ["One. Two."]


# --- Bracketed lines ----------------------------------------------------------------


def test_transistor_lines_are_one_turn_each_with_speaker_and_clock(fixtures):
    t = load(fixtures / "timed" / "transistor.txt")
    assert t.format == "bracketed" and t.timing == "turn"
    assert _rows(t) == [
        ("Speaker 1", 0, "Welcome to the show. Today we talk about writer's block."),
        ("Speaker 2", 17_000, "Thanks for having me."),
        ("Speaker 1", 24_000, "So, tell me about the tweet."),
        ("Bryan Cantrill", 3_723_000, "A name instead of a number, an hour in."),
    ]


def test_youtube_transcript_api_snippets_join_into_paragraphs_with_their_times(fixtures):
    t = load(fixtures / "timed" / "youtube_transcript_api.txt")
    assert t.format == "bracketed" and t.timing == "cue"
    assert _rows(t) == [
        (None, 840, "hey everyone welcome back to the channel."),
        (None, 12_000, "Today we are talking about sourdough."),
    ]
    assert _spans(t.turns[0]) == [(840, 4_860, "hey everyone welcome back"), (4_860, 7_200, "to the channel.")]


def test_a_bracketed_file_with_no_fitting_line_is_refused_as_bracketed():
    from reader.formats.bracketed import parse

    with pytest.raises(TranscriptError, match="no line has the form"):
        parse("[Intro music]\n[laughs]\n")
