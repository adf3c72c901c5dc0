"""The plain-text family: every shape of speaker and time label people paste."""

from __future__ import annotations

import pytest

from reader.importer import load, parse_text


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.timed, t.text) for t in transcript.turns]


def test_otter_header_lines_with_speaker_then_stamp(fixtures):
    t = load(fixtures / "labelled" / "otter.txt")
    assert t.format == "plain-text"
    assert t.title == "Weekly Standup, Episode 12"
    assert _rows(t) == [
        ("Speaker 1", 0, True, "Good morning everyone, and welcome back."),
        ("Speaker 2", 4_000, True, "Thanks for having me.\nIt is good to be here."),
        ("Speaker 1", 3_723_000, True, "One more thing before we go."),
    ]


def test_rev_headers_with_bracketed_stamp_and_colon(fixtures):
    t = load(fixtures / "labelled" / "rev.txt")
    assert _rows(t) == [
        ("Jane Doe", 1_000, True, "Hello and welcome."),
        ("John Roe", 9_000, True, "Thanks, Jane. Let me start with the numbers."),
        ("Jane Doe", 75_000, True, "Go on."),
    ]
    assert t.title is None


def test_descript_inline_stamp_then_name_keeps_angle_brackets_as_words(fixtures):
    t = load(fixtures / "labelled" / "descript.txt")
    assert _rows(t)[-1] == ("Jane", 12_000, True, "Great <b> & </b> stays as typed.")
    assert [r[0] for r in _rows(t)] == ["Jane", "John", "Jane"]


def test_youtube_show_transcript_has_stamps_but_no_speakers(fixtures):
    t = load(fixtures / "labelled" / "youtube_show_transcript.txt")
    assert _rows(t) == [
        (None, 0, True, "hey everyone welcome back to the channel"),
        (None, 4_000, True, "today we're looking at transcripts"),
        (None, 75_000, True, "and that's all for now"),
    ]


def test_one_speaker_header_followed_by_several_stamped_paragraphs(fixtures):
    t = load(fixtures / "labelled" / "header_then_paragraphs.md")
    assert t.format == "markdown"
    assert t.title == "Episode 7: Long Walks"
    assert _rows(t) == [
        ("Ana Lima", 5_000, True, "First paragraph from Ana."),
        ("Ana Lima", 30_000, True, "Second paragraph, still Ana."),
        ("Ben Okoro", 70_000, True, "Ben answers."),
    ]


def test_speakers_without_stamps_are_readable_and_all_untimed(fixtures):
    t = load(fixtures / "labelled" / "speakers_no_times.txt")
    assert t.title == "An Interview About Gardens"
    assert [(r[0], r[2], r[3]) for r in _rows(t)] == [
        ("Interviewer", False, "When did you start?"),
        ("Gardener", False, "Forty years ago.\nI was nine."),
        ("Interviewer", False, "And now?"),
        ("Gardener", False, "Still at it."),
    ]
    starts = [turn.start_ms for turn in t.turns]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == 4


def test_name_dash_stamp_headers(fixtures):
    t = load(fixtures / "labelled" / "name_dash_stamp.txt")
    assert [(r[0], r[1]) for r in _rows(t)] == [("Ana Lima", 0), ("Ben Okoro", 7_000), ("Ana Lima", 12_000)]


@pytest.mark.parametrize(
    "line",
    [
        "00:01:02 Jane Doe: Hello there.",
        "01:02 Jane Doe: Hello there.",
        "1:02 Jane Doe: Hello there.",
        "[01:02] Jane Doe: Hello there.",
        "(01:02) Jane Doe: Hello there.",
        "[01:02]  Jane Doe:   Hello there.",
        "Jane Doe (01:02): Hello there.",
        "Jane Doe [01:02]: Hello there.",
        "Jane Doe 01:02: Hello there.",
        "Jane Doe: [01:02] Hello there.",
        "Jane Doe (01:02) Hello there.",
        "Jane Doe - 01:02 - Hello there.",
        "01:02 - Jane Doe: Hello there.",
    ],
)
def test_inline_labels_in_either_order_with_any_brackets(line):
    text = f"{line}\n03:04 Jim Roe: Yes.\n05:06 Jane Doe: Bye.\n"
    t = parse_text(text)
    assert (t.turns[0].speaker, t.turns[0].start_ms, t.turns[0].text) == ("Jane Doe", 62_000, "Hello there.")
    assert [turn.speaker for turn in t.turns] == ["Jane Doe", "Jim Roe", "Jane Doe"]


def test_a_colon_in_ordinary_words_does_not_make_a_speaker():
    text = "0:00 So here's the thing: we start early.\n0:05 Another line.\n0:09 Note this: it is not a name.\n"
    t = parse_text(text)
    assert [turn.speaker for turn in t.turns] == [None, None, None]
    assert t.turns[0].text == "So here's the thing: we start early."
    assert t.turns[2].text == "Note this: it is not a name."


def test_a_guest_who_speaks_once_is_still_a_speaker_when_others_recur():
    text = "00:00 Ana: Hi.\n00:05 Ben: Hello.\n00:09 Ana: So.\n00:12 Ben: Yes.\n00:15 Producer: We are out of time.\n"
    assert parse_text(text).turns[-1].speaker == "Producer"


def test_show_notes_title_and_chapter_lines_never_become_turns():
    text = (
        "My Podcast: Episode 3\n"
        "\n"
        "Some notes about the episode.\n"
        "Chapters\n"
        "00:00 Intro: why we are here\n"
        "- 01:30 The middle part\n"
        "02:45 - The end\n"
        "Transcript\n"
        "00:00:00 Ana: Hello.\n"
        "00:01:30 Ben: The middle.\n"
        "00:02:45 Ana: The end.\n"
    )
    t = parse_text(text)
    assert t.title == "My Podcast: Episode 3"
    assert [(c.start_ms, c.title) for c in t.chapters] == [
        (0, "Intro: why we are here"),
        (90_000, "The middle part"),
        (165_000, "The end"),
    ]
    assert [turn.text for turn in t.turns] == ["Hello.", "The middle.", "The end."]


def test_paragraph_breaks_are_kept_and_blank_runs_collapse():
    text = "00:00 Ana: One.\n\n\nTwo.\nThree.\n00:09 Ben: Four.\n"
    assert parse_text(text).turns[0].text == "One.\nTwo.\nThree."


@pytest.mark.parametrize(
    ("name", "encoding_note"),
    [
        ("cp1252_crlf.txt", "Windows-1252, CRLF"),
        ("utf16_bom.txt", "UTF-16 with BOM"),
        ("utf8_bom_cr.txt", "UTF-8 BOM, CR"),
    ],
)
def test_encodings_and_line_endings(fixtures, name, encoding_note):
    t = load(fixtures / "labelled" / name)
    assert len(t.turns) == 2, encoding_note
    expected_first = {
        "cp1252_crlf.txt": "Café au lait – “quoted”.",
        "utf16_bom.txt": "Grüße aus Köln.",
        "utf8_bom_cr.txt": "first",
    }[name]
    assert t.turns[0].text == expected_first
    assert "\r" not in t.turns[0].text and "\ufeff" not in (t.turns[0].speaker or "")


def test_otter_footer_is_not_speech(fixtures):
    t = load(fixtures / "labelled" / "otter_footer.txt")
    assert [(turn.speaker, turn.start_ms, turn.text) for turn in t.turns] == [
        ("Emma", 0, "It's more important than ever to build secure apps."),
        ("Unknown Speaker", 35_000, "I'm Kelly."),
        ("Emma", 37_000, "And I'm Emma."),
    ]


def test_changelog_stamps_inside_a_turn_are_timed_parts_of_the_same_speakers_turn(fixtures):
    t = load(fixtures / "labelled" / "changelog.md")
    sid = t.turns[1]
    assert sid.speaker == "Sid Sijbrandij"
    assert sid.text == (
        "Thanks for having me. It's been a journey [unintelligible 00:05:45.20] really.\n"
        "And we did all the treatments. It was a lot.\n"
        "I started talking to anyone, traveling anywhere."
    )
    assert [(span.start_ms, text) for span, text in zip(sid.spans, sid.span_texts(), strict=True)] == [
        (504_000, "And we did all the treatments. It was a lot.\nI started talking to anyone, traveling anywhere.")
    ]
    assert not sid.timed and sid.start_ms < 504_000 < sid.end_ms
    # "**Break**: \[12:00\]" has no words: left out, with a warning.
    assert [(turn.speaker, turn.timed) for turn in t.turns[2:]] == [
        ("Jerod Santo", True),
        ("Adam Stacoviak", False),
        ("Jerod Santo", False),
        ("Sid Sijbrandij", False),
        ("Jerod Santo", False),
    ]
    assert t.turns[2].start_ms == 602_000
    assert t.speakers == ["Adam Stacoviak", "Sid Sijbrandij", "Jerod Santo"]
    assert t.timing == "cue"


def test_show_notes_above_the_transcript_are_named_in_a_warning_not_dropped_silently():
    from reader.importer import parse_text

    notes = "A great talk about gardens.\nWe cover soil, seeds and patience.\nListen everywhere.\n"
    talk = "00:00 Ana: Hello.\n00:05 Ben: Hi.\n00:09 Ana: Shall we?\n00:12 Ben: Yes.\n"
    t = parse_text(notes + "\n" + talk)
    assert [turn.speaker for turn in t.turns] == ["Ana", "Ben", "Ana", "Ben"]
    assert t.warnings == (
        "The 3 lines above the first turn (show notes or an introduction) "
        "are not part of the transcript and were left out.",
    )
    titled = parse_text("Gardens, episode 3\n\n" + talk)
    assert titled.title == "Gardens, episode 3" and titled.warnings == ()
