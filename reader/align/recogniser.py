"""pocketsphinx, wrapped to the two things the aligner asks of it.

``recognise`` hears a stretch of audio with a language model made from the
transcript (the first pass: which words were said, roughly when).
``force`` places a known word sequence in a stretch of audio (the second
pass: exactly when). Settings are the ones the feasibility study measured
(issue 13): no flat-lexicon or lattice passes (a third less CPU, same
accuracy), and a very wide search for forced alignment, which otherwise
sometimes ends in "Final result does not match the grammar": the study's
1e-80 beam still failed on short stretches here, so the beams are 1e-200
with no cap on HMMs per frame (the word sequence is fixed, so it stays cheap).
"""

from __future__ import annotations

import os

from reader.align.audio import BYTES_PER_MS
from reader.align.lexicon import Lexicon, model_folder, write_language_model
from reader.align.scratch import scratch_folder

FILLERS = frozenset({"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]"})
FRAME_MS = 10


def _word(segment_word: str) -> str:
    """``to(3)`` is the third pronunciation of ``to``."""
    return segment_word.split("(", 1)[0]


class Recogniser:
    """Two decoders sharing one acoustic model and the transcript's own dictionary."""

    def __init__(self, lexicon: Lexicon, keys: list[str]) -> None:
        from pocketsphinx import Config, Decoder

        self._folder = scratch_folder()
        folder = self._folder.name
        dictionary = os.path.join(folder, "words.dict")
        lexicon.write_dictionary(dictionary)
        language_model = os.path.join(folder, "transcript.lm")
        known = [key for key in keys if key in lexicon]
        write_language_model(language_model, known)
        self._vocabulary = sorted(set(known))
        common = {
            "hmm": os.path.join(model_folder(), "en-us"),
            "dict": dictionary,
            "loglevel": "FATAL",
            "fwdflat": False,
            "bestpath": False,
        }
        # Every second frame and the top two Gaussians: a quarter less CPU for
        # the first pass; its times are refined by the second (measured: word
        # error p95 58 -> 66 ms on synthesised speech, 0.072 -> 0.049 CPU s/s).
        self._listener = Decoder(Config(lm=language_model, ds=2, topn=2, **common))
        # The top two Gaussians for the forced pass too: a third less of its
        # CPU, the same word times (measured: within-250 ms 98.6 -> 98.8 %).
        aligner_config = Config(beam=1e-200, wbeam=1e-200, pbeam=1e-200, maxhmmpf=-1, topn=2, **common)
        aligner_config["lm"] = None
        self._aligner = Decoder(aligner_config)
        self._local = 0

    @property
    def folder(self) -> str:
        """The scratch folder (removed by :meth:`close`), where other temporary files of this alignment go too."""
        return self._folder.name

    def close(self) -> None:
        self._folder.cleanup()

    def recognise(
        self, pcm: bytes, offset_ms: int, keys: list[str] | None = None, background: bool = True
    ) -> list[tuple[str, int, int]]:
        """Words heard in ``pcm`` as ``(key, start_ms, end_ms)``, times counted from ``offset_ms``.

        With ``keys``, the language model is made from those words alone (a
        stretch of the transcript), which finds them where the whole
        transcript's model heard something else. ``background`` adds the
        rest of the transcript's words at a small share, to absorb speech
        that is not those words; without it the search is smaller and faster.
        """
        decoder = self._listener
        if keys is not None:
            self._local += 1
            name = f"local{self._local}"
            path = os.path.join(self._folder.name, f"{name}.lm")
            write_language_model(path, keys, background=self._vocabulary if background else ())
            decoder.add_lm_file(name, path)
            os.remove(path)  # loaded: one a window would otherwise pile up over a long episode
            decoder.activate_search(name)
        try:
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
            return [
                (_word(seg.word), offset_ms + seg.start_frame * FRAME_MS, offset_ms + (seg.end_frame + 1) * FRAME_MS)
                for seg in decoder.seg() or ()
                if seg.word not in FILLERS
            ]
        finally:
            if keys is not None:
                decoder.activate_search("_default")
                decoder.remove_search(name)

    def force(self, pcm: bytes, offset_ms: int, keys: list[str]) -> list[tuple[int, int]] | None:
        """Start and end of each of ``keys`` in ``pcm``, or None when they cannot be placed there."""
        if not keys or len(pcm) < BYTES_PER_MS * FRAME_MS * 3 * len(keys):
            return None
        decoder = self._aligner
        try:
            decoder.set_align_text(" ".join(keys))
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
        except RuntimeError:
            return None
        if decoder.hyp() is None:
            return None
        placed = [
            (offset_ms + seg.start_frame * FRAME_MS, offset_ms + (seg.end_frame + 1) * FRAME_MS)
            for seg in decoder.seg()
            if seg.word not in FILLERS
        ]
        return placed if len(placed) == len(keys) else None
