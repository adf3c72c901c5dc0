"""Applying an alignment: word spans in the text, and gaps as removable corrections in the time map."""

from __future__ import annotations

from reader.align import AUDIO_WITHOUT_TEXT, TEXT_WITHOUT_AUDIO, Alignment, Gap, transcript_words
from reader.align.apply import apply_again, apply_alignment, corrected_map, retimed_turns
from reader.importer import load
from reader.timemap import TimeMap, retime

TEXT = """Episode

Transcript
00:00:00 Ana: One two three four.
00:00:05 Ben: Five six seven eight.
00:00:10 Ana: Nine ten eleven twelve.
"""
#: A one-minute ad between the first and second turn.
AD_STARTS = [200, 500, 800, 1100, 65300, 65600, 65900, 66200, 70100, 70400, 70700, 71000]
AD = Gap(2000, 63000, AUDIO_WITHOUT_TEXT, 4, 4)


def transcript(tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text(TEXT, encoding="utf-8")
    return load(path)


def alignment_of(loaded, starts, gaps=(), complete=True):
    words = transcript_words([turn.text for turn in loaded.turns])
    count = len(starts)
    return Alignment(words[:count], list(starts), [s + 300 for s in starts], [True] * count, list(gaps), complete)


def heard_starts(loaded, corrections):
    heard = retime(loaded, corrected_map(TimeMap(), corrections))
    return [span.start_ms for turn in heard.turns for span in turn.spans]


def test_each_aligned_word_becomes_a_span_and_the_transcript_is_word_timed(tmp_path):
    loaded = transcript(tmp_path)
    starts = [200, 500, 800, 1100, 5300, 5600, 5900, 6200, 10100, 10400, 10700, 11000]
    aligned, corrections = apply_alignment(loaded, alignment_of(loaded, starts))
    assert aligned.timing == "word" and corrections == []
    assert [turn.start_ms for turn in aligned.turns] == [200, 5300, 10100]
    assert aligned.turns[1].span_texts() == ["Five", "six", "seven", "eight."]
    assert heard_starts(aligned, corrections) == starts


def test_an_ad_in_the_audio_is_a_correction_that_puts_the_later_words_at_their_real_time(tmp_path):
    loaded = transcript(tmp_path)
    aligned, corrections = apply_alignment(loaded, alignment_of(loaded, AD_STARTS, [AD]))
    assert [c.text for c in corrections] == ["Ad or music in the audio, 00:02–01:03, skipped"]
    assert aligned.turns[1].start_ms < 10_000  # the text's own clock has no ad in it
    assert heard_starts(aligned, corrections) == AD_STARTS


def test_removing_the_ad_correction_leaves_the_later_words_where_the_text_would_have_them(tmp_path):
    loaded = transcript(tmp_path)
    aligned, _ = apply_alignment(loaded, alignment_of(loaded, AD_STARTS, [AD]))
    assert heard_starts(aligned, [])[4] == 65300 - 61000 + 1


def test_text_cut_from_the_audio_is_named_by_its_paragraphs_and_the_words_after_it_still_line_up(tmp_path):
    loaded = transcript(tmp_path)
    starts = [200, 500, 800, 1100, 1500, 1500, 1500, 1500, 1600, 1900, 2200, 2500]
    cut = Gap(1500, 1500, TEXT_WITHOUT_AUDIO, 4, 7)
    aligned, corrections = apply_alignment(loaded, alignment_of(loaded, starts, [cut]))
    assert [c.text for c in corrections] == ["Not in this audio: 4 words at 00:01"]
    heard = heard_starts(aligned, corrections)
    assert heard[8:] == starts[8:]
    assert heard[4:8] == [1500] * 4


def test_a_sync_point_set_by_hand_wins_over_a_correction_it_contradicts(tmp_path):
    loaded = transcript(tmp_path)
    starts = [200, 500, 800, 1100, 65300, 65600, 65900, 66200, 70100, 70400, 70700, 71000]
    aligned, corrections = apply_alignment(
        loaded, alignment_of(loaded, starts, [Gap(2000, 63000, AUDIO_WITHOUT_TEXT, 4, 4)])
    )
    clock = corrections[0].points[0][0]
    manual = TimeMap().with_point(clock - 500, 40_000)  # the user says: this is heard much later
    combined = corrected_map(manual, corrections)
    assert combined.points == manual.points


def test_a_partial_alignment_times_its_words_and_moves_the_rest_without_going_backwards(tmp_path):
    loaded = transcript(tmp_path)
    starts = [2200, 2500, 2800, 3100]
    aligned, _ = apply_alignment(loaded, alignment_of(loaded, starts, complete=False))
    assert aligned.timing == loaded.timing
    assert [turn.start_ms for turn in aligned.turns] == [2200, 7200, 12200]
    assert not aligned.turns[1].spans


def test_each_partial_result_applied_on_the_last_gives_the_same_times_as_applying_it_afresh(tmp_path):
    loaded = transcript(tmp_path)
    results = [
        alignment_of(loaded, AD_STARTS[:5], complete=False),
        alignment_of(loaded, AD_STARTS[:9], [AD], complete=False),
        alignment_of(loaded, [150, *AD_STARTS[1:]], [AD]),  # the aligner revised an early word
    ]
    previous = None
    for alignment in results:
        previous = apply_again(loaded, alignment, previous)
        assert previous.transcript == apply_alignment(loaded, alignment)[0]
    assert previous.transcript.turns[0].spans[0].start_ms == 150


def test_only_turns_whose_stamps_move_are_listed_as_retimed_and_the_others_are_kept_as_they_were(tmp_path):
    loaded = transcript(tmp_path)
    first = apply_again(loaded, alignment_of(loaded, AD_STARTS[:4], complete=False))
    assert retimed_turns(loaded, first.transcript) == [0, 1, 2]  # the later turns moved with the first
    then = apply_again(loaded, alignment_of(loaded, AD_STARTS[:8], [AD], complete=False), first)
    assert then.transcript.turns[0].spans is first.transcript.turns[0].spans  # its words were not made again
    assert retimed_turns(first.transcript, then.transcript) == [1, 2]
