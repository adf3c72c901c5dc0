"""A stand-in for the alignment worker that has already finished (tests of what happens after)."""

from __future__ import annotations

from reader.align import AUDIO_WITHOUT_TEXT, Alignment, Gap, transcript_words


class FinishedJob:
    """Done at once with ``result``; or failed with ``failure``, the worker's sentence."""

    def __init__(self, result: Alignment, failure: str = "") -> None:
        self._result = result
        self.state = "failed" if failure else "done"
        self.message, self.fraction, self.words_ready = failure, 1.0, len(result.starts)

    def poll(self, timeout: float = 0.0) -> bool:
        return True

    def alignment(self) -> Alignment:
        return self._result

    def cancel(self) -> None:
        """Already finished."""


def ad_alignment(texts: list[str], ad_start: int, ad_end: int) -> Alignment:
    """A whole alignment of turns stamped every 10 s: speech 2 s late, and audio
    without text (an ad) from ``ad_start`` to ``ad_end`` after the first turn."""
    words = transcript_words(texts)
    starts, firsts = [], {}
    for index, word in enumerate(words):
        firsts.setdefault(word.turn, index)
        late = ad_end - ad_start if word.turn >= 1 else 0
        starts.append(word.turn * 10_000 + 2_000 + 300 * (index - firsts[word.turn]) + late)
    ad = Gap(ad_start, ad_end, AUDIO_WITHOUT_TEXT, firsts[1], firsts[1])
    return Alignment(words, starts, [s + 250 for s in starts], [True] * len(words), [ad])


def keep_ad_alignment(library_path, texts: list[str], audio_path, ad_start: int, ad_end: int) -> None:
    """What the app keeps in the library at ``library_path`` after aligning the episode
    (:func:`ad_alignment`): the result, under the audio's and the texts' fingerprints."""
    from reader.align.audio import fingerprint
    from reader.align.cache import AlignmentCache

    cache = AlignmentCache(library_path)
    cache.put(fingerprint(str(audio_path)), texts, ad_alignment(texts, ad_start, ad_end))
    cache.close()
