"""Finished alignments kept in the library: reopening finds them; a new text, audio or aligner does not."""

from __future__ import annotations

import pytest

from reader.align import AUDIO_WITHOUT_TEXT, Alignment, Gap, transcript_words
from reader.align import cache as cache_module
from reader.align.cache import AlignmentCache
from reader.store import Store

TEXTS = ["Hello there, friend.", "Good to see you again."]


@pytest.fixture
def cache(tmp_path):
    Store.open(tmp_path).close()  # the library the cache lives in
    opened = AlignmentCache(tmp_path / "library.db")
    yield opened
    opened.close()


def an_alignment() -> Alignment:
    words = transcript_words(TEXTS)
    starts = [100 * i for i in range(len(words))]
    return Alignment(
        words, starts, [s + 80 for s in starts], [True] * len(words), [Gap(900, 9000, AUDIO_WITHOUT_TEXT, 3, 3)]
    )


def test_a_saved_alignment_comes_back_with_its_times_and_gaps(cache):
    cache.put("audio-1", TEXTS, an_alignment())
    found = cache.get("audio-1", TEXTS)
    assert found.starts == an_alignment().starts and found.ends == an_alignment().ends
    assert found.gaps == an_alignment().gaps and found.complete
    assert [word.text for word in found.words] == ["Hello", "there", "friend", "Good", "to", "see", "you", "again"]


def test_other_audio_or_an_edited_transcript_is_not_found(cache):
    cache.put("audio-1", TEXTS, an_alignment())
    assert cache.get("audio-2", TEXTS) is None
    assert cache.get("audio-1", [TEXTS[0], "Good to see you, again."]) is None


def test_a_failure_is_kept_as_its_sentence(cache):
    cache.put("audio-1", TEXTS, "Only 3% of the words could be found in the audio.")
    assert cache.get("audio-1", TEXTS) == "Only 3% of the words could be found in the audio."


def test_a_newer_aligner_does_not_reuse_an_older_result(cache, monkeypatch):
    cache.put("audio-1", TEXTS, an_alignment())
    monkeypatch.setattr(cache_module, "ALIGNER_VERSION", "next")
    assert cache.get("audio-1", TEXTS) is None


def test_the_library_still_opens_with_the_cache_table_in_it(tmp_path, cache):
    cache.put("audio-1", TEXTS, an_alignment())
    with Store.open(tmp_path) as store:
        assert store.episodes() == []


def test_an_earlier_text_aligned_to_the_same_audio_is_offered_for_an_edit(cache):
    cache.put("audio-1", TEXTS, an_alignment())
    cache.put("audio-1", [TEXTS[0], "Never mind."], "Only 3% of the words could be found in the audio.")
    earlier = cache.previous("audio-1")
    assert earlier.keys == ["hello", "there", "friend", "good", "to", "see", "you", "again"]
    assert earlier.starts == an_alignment().starts and earlier.gaps == an_alignment().gaps
    assert cache.previous("audio-2") is None


def test_only_the_newest_few_texts_per_audio_are_kept(cache):
    versions = [[TEXTS[0], f"Good to see you again, take {n}."] for n in range(cache_module.KEEP_PER_AUDIO + 1)]
    for texts in versions:
        words = transcript_words(texts)
        cache.put("audio-1", texts, Alignment(words, [0] * len(words), [1] * len(words), [True] * len(words), []))
    assert cache.get("audio-1", versions[0]) is None
    assert all(cache.get("audio-1", texts) is not None for texts in versions[1:])


def test_opening_to_read_finds_nothing_in_a_library_that_never_aligned_and_adds_nothing(tmp_path):
    Store.open(tmp_path).close()
    assert AlignmentCache.open_existing(tmp_path / "library.db") is None
    assert AlignmentCache.open_existing(tmp_path / "library.db") is None  # still no table made by the first look
    assert AlignmentCache.open_existing(tmp_path / "never-made.db") is None
    assert not (tmp_path / "never-made.db").exists()


def test_opening_to_read_finds_what_the_app_kept(cache, tmp_path):
    cache.put("audio-1", TEXTS, an_alignment())
    cache.put("audio-2", TEXTS, "Only 3% of the words could be found in the audio.")
    reading = AlignmentCache.open_existing(tmp_path / "library.db")
    assert reading is not None
    try:
        assert reading.get("audio-1", TEXTS).starts == an_alignment().starts
        assert reading.holds_audio("audio-1")
        assert not reading.holds_audio("audio-2")  # only a failure is kept for it: nothing to apply
        assert not reading.holds_audio("audio-3")
    finally:
        reading.close()
