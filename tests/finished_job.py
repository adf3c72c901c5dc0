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


#: An episode whose second turn's first word, "Afterwards", is written at 0:10 (heard at 1:12 after an ad).
OTHER_EPISODE = (
    "Transcript\n"
    "00:00:00 Rui Sousa: Another show, and its first turn is here.\n"
    "00:00:10 Eva Ross: Afterwards comes the part after the ad.\n"
)


def other_episode_in_library(store, folder):
    """:data:`OTHER_EPISODE` kept in ``store`` with its audio paired and "Afterwards" highlighted,
    as the app leaves it after it was opened once; returns (episode, transcript, audio path)."""
    from reader.anchoring import make_anchor, quote_speakers
    from reader.importer import load

    path, audio = folder / "other.txt", folder / "other.mp3"
    path.write_text(OTHER_EPISODE, encoding="utf-8")
    audio.write_bytes(b"the other episode's audio: only its fingerprint is read")
    transcript = load(path)
    episode, _ = store.open_episode(transcript, str(path))
    store.update_episode(episode.id, audio_path=str(audio))
    anchor = make_anchor(transcript, 1, 0, 1, len("Afterwards"))
    store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "yellow")
    return episode, transcript, audio
