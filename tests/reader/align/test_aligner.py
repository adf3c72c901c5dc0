"""The aligner on short spoken episodes whose word starts are known (espeak-ng reports them)."""

from __future__ import annotations

import os

import pytest
from speech_episode import speak_episode, start_errors

from reader.align import (
    AUDIO_WITHOUT_TEXT,
    TEXT_WITHOUT_AUDIO,
    AlignmentFailed,
    Previous,
    align_audio,
    transcript_words,
)
from reader.align import aligner as aligner_module
from reader.align.aligner import Aligner
from reader.align.audio import pcm_chunks
from reader.align.lexicon import Lexicon, model_folder
from reader.align.recogniser import Recogniser
from reader.importer import load

pytestmark = pytest.mark.usefixtures("aligner_ready")

TURNS = [
    "Welcome back to the show. Today we talk about reading transcripts while the audio plays.",
    "Thanks for having me. I have been reading along with podcasts for years, mostly on the train.",
    "What do you find hardest about it? Is it losing your place when you look away?",
    "Exactly that. The page moves on and I have to search for the sentence again.",
]
AD = ["Buy the best coffee in the world, fresh every morning, delivered to your door for a small price."] * 2


def aligned(episode: dict):
    transcript = load(episode["transcript"])
    *partials, result = align_audio([turn.text for turn in transcript.turns], str(episode["audio"]))
    return result, partials


def test_every_word_starts_within_a_quarter_second_of_where_it_is_said(tmp_path):
    episode = speak_episode(TURNS, tmp_path, noise=0.02, mp3=True)
    result, _ = aligned(episode)
    errors = start_errors(episode, result)
    assert len(errors) >= 60
    within = sum(error <= 250 for error in errors) / len(errors)
    assert within >= 0.95, errors[-10:]
    assert errors[len(errors) // 2] <= 60
    assert result.gaps == []


@pytest.mark.parametrize("noise", [0.0, 0.05], ids=["clean", "noisy"])
def test_an_inserted_ad_is_found_as_audio_without_text_and_the_words_after_it_still_line_up(tmp_path, noise):
    """Its edges within a quarter second: from the first sound after the pause before it to the next word."""
    episode = speak_episode(TURNS, tmp_path, insert=(2, AD), noise=noise)
    result, _ = aligned(episode)
    (gap,) = result.gaps
    true_start, true_end = episode["inserted"]
    assert gap.kind == AUDIO_WITHOUT_TEXT
    assert abs(gap.start_ms - true_start) <= 250 and abs(gap.end_ms - true_end) <= 250, (gap, episode["inserted"])
    errors = start_errors(episode, result)
    assert sum(error <= 250 for error in errors) / len(errors) >= 0.95


@pytest.mark.parametrize("look_ahead", [None, 8], ids=["whole-model", "beyond-the-nearby-model"])
def test_a_turn_cut_from_the_audio_is_found_as_text_without_audio(tmp_path, monkeypatch, look_ahead):
    """With a look-ahead of 8 words, the words after the cut are outside the nearby model: the whole one finds them."""
    if look_ahead is not None:
        monkeypatch.setattr(aligner_module, "LOOK_BACK_WORDS", 2)
        monkeypatch.setattr(aligner_module, "LOOK_AHEAD_WORDS", look_ahead)
    episode = speak_episode(TURNS, tmp_path, cut=2)
    result, _ = aligned(episode)
    (gap,) = result.gaps
    assert gap.kind == TEXT_WITHOUT_AUDIO
    assert {result.words[gap.first_word].turn, result.words[gap.last_word].turn} == {2}
    turn_three = next(i for i, word in enumerate(result.words) if word.turn == 3)
    assert abs(gap.start_ms - result.starts[turn_three]) <= 1500


def test_audio_in_another_language_says_so_in_one_sentence(tmp_path):
    episode = speak_episode(TURNS, tmp_path)
    german = speak_episode(
        ["Guten Morgen, heute sprechen wir über das Wetter in den Bergen und die Züge nach Hause."] * 3,
        tmp_path / "de",
        voices=("de", "de"),
    )
    transcript = load(episode["transcript"])
    with pytest.raises(AlignmentFailed, match=r"not be in English.*estimated times stay\.$"):
        list(align_audio([turn.text for turn in transcript.turns], str(german["audio"])))


def test_a_corrected_turn_is_aligned_again_while_the_other_turns_keep_their_times(tmp_path):
    """The transcript had a turn wrong; the user corrects it, and only that stretch is heard again."""
    episode = speak_episode(TURNS, tmp_path, noise=0.02)
    texts = [turn.text for turn in load(episode["transcript"]).turns]
    wrong = list(texts)
    wrong[2] = wrong[2].replace("What do you find hardest", "What would you say is hardest")
    *_, first = align_audio(wrong, str(episode["audio"]))
    *_, again = align_audio(texts, str(episode["audio"]), previous=Previous.of(first))
    old = {(word.turn, word.offset): start for word, start in zip(first.words, first.starts, strict=True)}
    assert all(
        start == old[(word.turn, word.offset)]
        for word, start in zip(again.words, again.starts, strict=True)
        if word.turn in (0, 3)
    )
    errors = start_errors({"words": [word for word in episode["words"] if word[0] == 2]}, again)
    assert len(errors) == 16 and errors[-1] <= 250, errors
    assert again.complete and again.starts == sorted(again.starts)


@pytest.mark.parametrize("after_ms", [None, 5000], ids=["kept", "only-counted"])
def test_audio_that_goes_on_after_the_last_word_is_one_gap_from_the_first_sound_after_it(
    tmp_path, monkeypatch, after_ms
):
    """A transcript of only the first turn of an episode: the rest of the audio is found as audio without text.

    Minutes after the text was heard to its end, the rest is only counted, not kept (set to 5 s here).
    """
    if after_ms is not None:
        monkeypatch.setattr(aligner_module, "GIVE_UP_MS", after_ms)
    episode = speak_episode(TURNS, tmp_path, noise=0.02)
    *_, result = align_audio(TURNS[:1], str(episode["audio"]))
    (gap,) = result.gaps
    second_turn = min(ms for turn, _, ms in episode["words"] if turn == 1)
    assert gap.kind == AUDIO_WITHOUT_TEXT and abs(gap.start_ms - second_turn) <= 250, (gap, second_turn)
    errors = start_errors({"words": [word for word in episode["words"] if word[0] == 0]}, result)
    assert sum(error <= 250 for error in errors) / len(errors) >= 0.95


def test_a_long_stretch_without_anchors_waits_in_a_file_and_the_ad_is_still_found_exactly(tmp_path):
    """Minutes of audio with no words of the transcript (an ad; 12 s here, against a limit of 3 s instead
    of minutes) are not held in memory beyond the limit, and its edges and the words after it are as exact
    as ever: the older audio waits in a file until the words after the ad are found."""
    episode = speak_episode(TURNS, tmp_path, insert=(2, AD), noise=0.02)
    texts = [turn.text for turn in load(episode["transcript"]).turns]
    words = transcript_words(texts)
    keys = [word.key for word in words]
    lexicon = Lexicon(keys, os.path.join(model_folder(), "cmudict-en-us.dict"))
    recogniser = Recogniser(lexicon, keys)
    aligner = Aligner(words, recogniser, lexicon.__contains__, spill_folder=recogniser.folder, hold_ms=3000)
    held = []
    try:
        for chunk in pcm_chunks(str(episode["audio"])):
            aligner.feed(chunk)
            held.append(aligner.held_ms)
        result = aligner.finish()
    finally:
        aligner.close()
        recogniser.close()
    true_start, true_end = episode["inserted"]
    assert true_end - true_start > 3 * 3000  # the ad is far longer than the limit
    assert max(held) <= 3000
    (gap,) = result.gaps
    assert abs(gap.start_ms - true_start) <= 250 and abs(gap.end_ms - true_end) <= 250, (gap, episode["inserted"])
    errors = start_errors(episode, result)
    assert sum(error <= 250 for error in errors) / len(errors) >= 0.95
