"""SubRip and WebVTT: cues read leniently, markup stripped, cues joined into turns."""

from __future__ import annotations

import pytest

from reader.errors import TranscriptError
from reader.formats.subtitles import SRT, WEBVTT
from reader.importer import load, parse_bytes, parse_text


def _rows(transcript):
    return [(t.speaker, t.start_ms, t.end_ms, t.timed, t.text) for t in transcript.turns]


def _marks(transcript):
    return [_starts(t) for t in transcript.turns]


def _starts(turn):
    """Each span as (offset, start): where a cue's words begin, and when."""
    return tuple((s.offset, s.start_ms) for s in turn.spans)


# --- SubRip ---------------------------------------------------------------


def test_srt_cues_join_into_turns_until_a_pause(fixtures):
    t = load(fixtures / "subtitles" / "basic.srt")
    assert t.format == "srt"
    assert _rows(t) == [
        (None, 1_000, 9_000, True, "Welcome to the show. Today we talk about sourdough bread."),
        (None, 9_000, 11_250, True, "After a pause, a new paragraph."),
    ]
    assert _marks(t) == [((0, 1_000), (21, 3_600)), ((0, 9_000),)]
    assert t.warnings == ()


def test_srt_with_crlf_and_utf8_bom_reads_the_same(fixtures):
    text = (fixtures / "subtitles" / "basic.srt").read_text(encoding="utf-8")
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    t = parse_bytes(data, "basic.srt")
    assert t.format == "srt"
    assert _rows(t) == _rows(load(fixtures / "subtitles" / "basic.srt"))


def test_srt_bom_and_crlf_handled_even_when_given_as_text():
    t = parse_text("\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nHello there.\r\n\r\n")
    assert t.format == "srt"
    assert _rows(t) == [(None, 1_000, 2_000, True, "Hello there.")]


def test_srt_speaker_prefixes_name_turns_and_unnamed_cues_continue(fixtures):
    t = load(fixtures / "subtitles" / "speakers.srt")
    assert _rows(t) == [
        ("DEAN", 500, 2_000, True, "So where do we start?"),
        # "Note:" is a sentence, not a speaker: Jane goes on.
        ("JANE DOE", 2_000, 7_500, True, "At the beginning, which is the starter. Note: it must be fed daily."),
        # Two speakers in one 1.5 s cue share its time by text length.
        ("DEAN", 7_500, 8_250, True, "Daily?"),
        ("JANE DOE", 8_250, 9_000, True, "Daily."),
        # Used once, but a proper name in a file whose other names recur.
        ("Producer", 9_000, 10_000, True, "We have to wrap up."),
    ]
    assert _marks(t)[1] == ((0, 2_000), (18, 4_000), (40, 5_500))
    assert t.speakers == ["DEAN", "JANE DOE", "Producer"]


@pytest.mark.parametrize(
    "lines",
    [
        ["Note: the oven must be hot.", "Then we wait."],  # one colon word, nothing recurs
        ["Jane Doe: hi there.", "And welcome."],  # a lone name could be anything
        ["Note: first.", "Note: second."],  # recurring, but a sentence word
        ["so here's the thing: bread.", "so here's the thing: time."],  # recurring, but not a name
    ],
)
def test_srt_colon_words_that_are_not_speakers_stay_in_the_text(lines):
    cues = "".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{line}\n\n" for n, line in enumerate(lines, start=1))
    t = parse_text(cues)
    assert [turn.speaker for turn in t.turns] == [None]
    assert t.turns[0].text == " ".join(lines)


def test_srt_styling_font_and_ass_tags_are_stripped_but_literal_angles_stay(fixtures):
    t = load(fixtures / "subtitles" / "tags.srt")
    assert _rows(t) == [
        (None, 1_000, 5_000, True, "Previously on the show: Bread is not simple. 1 < 2 and I <3 rye."),
    ]
    assert _marks(t) == [((0, 1_000), (24, 2_000), (45, 4_000))]


@pytest.mark.parametrize(
    ("timing", "start_ms", "end_ms"),
    [
        ("00:00:01,250 --> 00:00:02,500", 1_250, 2_500),
        ("00:00:01.250 --> 00:00:02.500", 1_250, 2_500),  # a dot before the milliseconds
        ("0:00:01.250 --> 0:00:02.500", 1_250, 2_500),  # one-digit hours
        ("01:02:03,004 --> 01:02:05,000 X1:100 X2:200", 3_723_004, 3_725_000),  # position after timing
    ],
)
def test_srt_time_lines_are_read_leniently(timing, start_ms, end_ms):
    t = parse_text(f"1\n{timing}\nWords.\n")
    assert t.format == "srt"
    assert _rows(t) == [(None, start_ms, end_ms, True, "Words.")]


def test_srt_without_numbers_or_blank_lines_is_still_split_into_cues():
    text = "00:00:01,000 --> 00:00:02,000\nNo number here.\n2\n00:00:02,000 --> 00:00:03,000\nNo blank line above.\n"
    t = parse_text(text)
    assert _rows(t) == [(None, 1_000, 3_000, True, "No number here. No blank line above.")]
    assert _marks(t) == [((0, 1_000), (16, 2_000))]


def test_srt_cue_with_unreadable_time_line_is_skipped_with_a_warning():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nKept.\n\n"
        "2\n00:00:0x,000 --> soon\nLost.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nAlso kept.\n"
    )
    t = parse_text(text)
    assert _rows(t) == [(None, 1_000, 4_000, True, "Kept. Also kept.")]
    assert t.warnings == ("Cue 2 has an unreadable time line and was skipped.",)


def test_srt_stray_blank_line_inside_a_cue_keeps_the_words_with_that_cue():
    text = "1\n00:00:01,000 --> 00:00:02,000\nFirst line\n\nsecond line.\n\n2\n00:00:02,500 --> 00:00:03,000\nNext.\n"
    t = parse_text(text)
    assert t.turns[0].text == "First line second line. Next."
    assert _starts(t.turns[0]) == ((0, 1_000), (24, 2_500))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1\n00:00:01,000 --> 00:00:0x,000\nHello.\n\n2\n00:00:02,000 --> later\nLost.\n", "all 2 cues"),
        ("1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", "The one cue in these SubRip subtitles holds no words"),
        ("1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:03,000 --> 00:00:04,000\n \n", "The 2 cues in"),
    ],
)
def test_srt_that_has_nothing_usable_is_refused_with_one_sentence(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        SRT.parse(text)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message and message.endswith(".")


def test_srt_refusal_reaches_the_user_through_the_importer():
    with pytest.raises(TranscriptError, match="unreadable"):
        parse_text("1\n00:00:01,000 --> 00:00:0x,000\nHello.\n\n2\n00:00:02,000 --> later\nLost.\n")


# --- WebVTT ---------------------------------------------------------------


def test_vtt_voices_settings_entities_and_skipped_blocks(fixtures):
    t = load(fixtures / "subtitles" / "voices.vtt")
    assert t.format == "webvtt"
    assert t.title == "Episode 12: Bread"
    assert _rows(t) == [
        ("Mary", 1_000, 3_000, True, "Fish & chips <3 are great."),
        # The unvoiced cue continues John Smith; <c>, <b>, <i> and <00:00:05.800> go.
        ("John Smith", 3_000, 60_000, True, "Really? Again? Yes, every Friday."),
        # Two voices in one cue share its time by text length.
        ("Mary", 60_000, 61_235, True, "Back after the break."),
        ("John Smith", 61_235, 62_000, True, "Welcome back."),
    ]
    assert _marks(t)[1] == ((0, 3_000), (15, 5_000))
    everything = " ".join(turn.text for turn in t.turns)
    assert "note" not in everything.lower() and "::cue" not in everything and "width" not in everything


def test_vtt_with_bom_crlf_and_no_blank_line_after_the_header():
    t = parse_text("\ufeffWEBVTT\r\n00:01.000 --> 00:02.500\r\n<v.first.loud Esme>Hi &amp; bye.\r\n")
    assert t.format == "webvtt"
    assert t.title is None
    assert _rows(t) == [("Esme", 1_000, 2_500, True, "Hi & bye.")]


def test_vtt_speaker_prefixes_work_as_in_srt():
    text = (
        "WEBVTT\n\n00:00.000 --> 00:02.000\n>> ANA: Ready?\n\n"
        "00:02.000 --> 00:04.000\n>> BEN: Yes.\n\n00:04.000 --> 00:05.000\nGo on.\n\n"
        "00:05.000 --> 00:06.000\n- ANA: Fine.\n"
    )
    assert [(s, x) for s, _, _, _, x in _rows(parse_text(text))] == [
        ("ANA", "Ready?"),
        ("BEN", "Yes. Go on."),
        ("ANA", "Fine."),
    ]


def test_youtube_rolling_auto_captions_keep_each_line_once(fixtures):
    t = load(fixtures / "subtitles" / "youtube_auto.vtt")
    assert t.format == "webvtt"
    assert _rows(t) == [
        (
            None,
            80,
            10_000,
            True,
            "welcome back to the show today we're talking about sourdough bread and why your starter keeps dying",
        ),
        (None, 10_000, 16_500, True, "so first things first [Music] you need flour and water"),
    ]
    # Each line is stamped with the cue it first appears in, not the repeats.
    assert _marks(t) == [
        ((0, 80), (37, 2_280), (71, 4_440)),
        ((0, 10_000), (22, 12_000), (30, 14_360)),
    ]
    text = " ".join(turn.text for turn in t.turns)
    for line in ("today we're", "sourdough bread", "keeps dying", "first things first", "[Music]"):
        assert text.count(line) == 1


@pytest.mark.parametrize("said", [["No.", "No.", "Stop."], ["No.", "No.", "No.", "No."]])
def test_ordinary_subtitles_keep_a_line_said_again(said):
    cues = "".join(f"00:0{n}.000 --> 00:0{n}.900\n{line}\n\n" for n, line in enumerate(said))
    t = parse_text("WEBVTT\n\n" + cues)
    assert t.turns[0].text == " ".join(said)
    assert len(t.turns[0].spans) == len(said)


def test_a_cue_holding_only_a_name_names_the_cues_after_it():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nANA: Hello.\n\n2\n00:00:02,000 --> 00:00:02,500\nBEN:\n\n"
        "3\n00:00:02,500 --> 00:00:04,000\nHi, Ana.\n\n4\n00:00:04,000 --> 00:00:05,000\nBEN: Shall we?\n"
    )
    assert [(s, start, x) for s, start, _, _, x in _rows(parse_text(text))] == [
        ("ANA", 1_000, "Hello."),
        ("BEN", 2_500, "Hi, Ana. Shall we?"),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("WEBVTT\n", "no cues, only a header"),
        ("WEBVTT - Empty\n\nNOTE nothing was transcribed\n", "no cues, only a header"),
    ],
)
def test_vtt_without_cues_is_refused_with_one_sentence(text, fragment):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, "captions.vtt")
    message = str(caught.value)
    assert message.startswith("captions.vtt: ") and fragment in message
    assert "\n" not in message and message.endswith(".")


def test_vtt_whose_only_cue_has_an_unreadable_time_line_is_refused():
    with pytest.raises(TranscriptError, match="The time lines of the one cue in these WebVTT captions"):
        WEBVTT.parse("WEBVTT\n\n00:01.000 --> soon\nHi.\n")


# --- Detection ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_srt", "is_vtt"),
    [
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n", True, False),
        ("\n\n00:00:01.000 --> 00:00:02.000\nHi\n", True, False),  # no index, dot
        ("1\n0:00:01,000 --> 0:00:02,000\nHi\n", True, False),  # one-digit hours
        ("\ufeff  WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", True, True),  # the order puts VTT first
        ("Ana: we went from A --> B\nBen: right, A --> B.\n", False, False),
        ("00:10 --> intro\n01:00 --> the main part\n", False, False),  # no milliseconds: a chapter list
        ("Notes about WEBVTT files\n", False, False),
    ],
)
def test_detection_reads_the_content(text, is_srt, is_vtt):
    assert SRT.guess(text) is is_srt
    assert WEBVTT.guess(text) is is_vtt


def test_plain_text_mentioning_arrows_is_not_read_as_subtitles():
    t = parse_text("Ana: we went from A --> B\nBen: right, A --> B.\n")
    assert t.format not in {"srt", "webvtt"}
    assert [turn.speaker for turn in t.turns] == ["Ana", "Ben"]


# --- Misreadings fixed ------------------------------------------------------


def test_zoom_captions_name_every_speaker_whatever_the_capitalisation(fixtures):
    t = load(fixtures / "subtitles" / "zoom.vtt")
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Dana Whitfield", "Good morning, everyone, and thanks for joining."),
        ("latha sriram", "Thanks Dana. Can everybody see my screen?"),
        ("Dana Whitfield", "Yes, we can."),
        ("latha sriram", "Great. So the first slide shows last quarter."),
        ("mo", "Quick question before you start."),
    ]
    assert t.timing == "cue"


def test_malformed_srt_as_in_pysubs2_reads_every_cue(fixtures):
    """No cue numbers, no blank lines, leading spaces, ``->``, dots, a ``²`` number."""
    t = load(fixtures / "subtitles" / "malformed.srt")
    assert t.format == "srt"
    cues = [
        (span.start_ms, span.end_ms, text)
        for turn in t.turns
        for span, text in zip(turn.spans, turn.span_texts(), strict=True)
    ]
    assert cues == [
        (0, 60_000, "An example subtitle."),
        (60_000, 120_000, "Subtitle number two."),
        (130_500, 132_000, "Cue numbered with a superscript."),
        (133_000, 135_250, "Odd spacing and a dot."),
    ]


def test_a_superscript_cue_number_does_not_crash_the_importer():
    t = parse_text("¹\n00:00:01,000 --> 00:00:02,000\nHello.\n\n²\n00:00:03,000 --> 00:00:04,000\nAgain.\n")
    assert [turn.text for turn in t.turns] == ["Hello. Again."]
