"""Word-level alignment of a transcript to its audio, offline (issue 13).

Qt-free. :func:`align_audio` is the whole job for one episode: it streams
the audio, recognises it in windows and yields partial :class:`Alignment`
results as they become final, the complete one last. The worker process
(:mod:`reader.align.worker`) runs it away from the window.
"""

from __future__ import annotations

import os
from collections.abc import Generator

from reader.align.result import AUDIO_WITHOUT_TEXT, TEXT_WITHOUT_AUDIO, Alignment, AlignmentFailed, Gap
from reader.align.reuse import Previous
from reader.align.words import Word, transcript_words

#: Bump whenever a change would give different times: cached results of older versions are dropped.
ALIGNER_VERSION = "5"

__all__ = [
    "ALIGNER_VERSION",
    "AUDIO_WITHOUT_TEXT",
    "TEXT_WITHOUT_AUDIO",
    "Alignment",
    "AlignmentFailed",
    "Gap",
    "Previous",
    "Word",
    "align_audio",
    "available",
    "transcript_words",
    "unavailable_reason",
]


def unavailable_reason() -> str | None:
    """Why alignment cannot run on this installation, in one sentence, or None when it can.

    The libraries are looked for, not imported: importing PyAV takes a quarter
    of a second, and the window asks this as an episode's audio is paired
    (the worker process imports them, and says so in one sentence if that fails)."""
    from importlib.util import find_spec

    for name in ("av", "pocketsphinx"):
        if find_spec(name) is None:
            return (
                f"Word alignment is not available in this installation ({name} is missing; "
                "pocketsphinx has no build for Python 3.12), so times stay estimated."
            )
    return None


def available() -> bool:
    return unavailable_reason() is None


def align_audio(
    texts: list[str], audio_path: str, previous: Previous | None = None
) -> Generator[Alignment, None, None]:
    """Align the turns' ``texts`` to the audio file; partial results first, the complete one last.

    With ``previous`` (an alignment of an earlier version of the text to
    the same audio), the words that did not change keep their times and only
    the changed stretches are aligned again, when that is most of the text.

    Raises :class:`AlignmentFailed` (too few words found: not English, or not
    this episode) or :class:`reader.align.audio.AudioError`.
    """
    from reader.align.aligner import align_stream
    from reader.align.audio import pcm_chunks
    from reader.align.lexicon import Lexicon, model_folder
    from reader.align.recogniser import Recogniser
    from reader.align.reuse import plan

    words = transcript_words(texts)
    if not words:
        raise AlignmentFailed("The transcript has no words to align.")
    keys = [word.key for word in words]
    reuse = plan(keys, previous) if previous is not None else None
    lexicon = Lexicon(keys, os.path.join(model_folder(), "cmudict-en-us.dict"))
    recogniser = Recogniser(lexicon, keys)
    try:
        chunks = pcm_chunks(audio_path) if reuse is None or reuse.spans else iter(())
        yield from align_stream(words, chunks, recogniser, lexicon.__contains__, reuse)
    finally:
        recogniser.close()
