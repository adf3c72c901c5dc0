"""The speaking rate the aligner expects: the latest words', so a slow guest after a fast host is not an ad."""

from __future__ import annotations

from reader.align import AUDIO_WITHOUT_TEXT, Gap
from reader.align.aligner import RECENT_WORDS, speaking_rate

FAST_HOST_MS = 230  # ms per word over the episode so far (a fast host's monologue)


def said(first_word: int, first_ms: int, ms_per_word: float, count: int = RECENT_WORDS) -> list[tuple[int, int]]:
    return [(first_word + n, int(first_ms + n * ms_per_word)) for n in range(count)]


def test_a_slow_guest_after_a_fast_host_sets_the_rate_expected_next():
    guest = said(400, 100_000, 460)
    assert speaking_rate(guest, FAST_HOST_MS, []) == 460


def test_an_ad_among_the_latest_words_is_not_counted_as_slow_speech():
    before, after = said(400, 100_000, 300, 40), said(440, 100_000 + 40 * 300 + 60_000, 300, 40)
    ad = Gap(100_000 + 40 * 300 - 300, 100_000 + 40 * 300 + 60_000 - 300, AUDIO_WITHOUT_TEXT, 440, 440)
    assert speaking_rate(before + after, FAST_HOST_MS, [ad]) == 300
    assert speaking_rate(before + after, FAST_HOST_MS, []) > 2 * 300  # what the ad would have made of it


def test_too_few_words_yet_give_the_episodes_average():
    assert speaking_rate(said(0, 0, 460, RECENT_WORDS // 2 - 1), FAST_HOST_MS, []) == FAST_HOST_MS


def test_a_stretch_of_words_squeezed_together_stays_within_three_times_the_average():
    squeezed = said(400, 100_000, 5)
    assert speaking_rate(squeezed, FAST_HOST_MS, []) == FAST_HOST_MS / 3
