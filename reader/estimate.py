"""Times for turns the transcript did not stamp, once the audio's length is known.

Without audio, :func:`reader.timeline.finalize` can only guess a speaking
rate for turns after the last stamp (and for a transcript with no stamps at
all), so its estimate drifts further off the longer the episode. Paired with
audio we know where the speech ends, so the same spread by text length can
cover exactly the audio. Estimated turns stay ``timed=False``: the UI keeps
showing them as estimates, and sync points then refine them the same way
they correct stamped times (through :class:`reader.timemap.TimeMap`, on the
transcript this module returns).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Transcript, Turn


def spread_over(transcript: Transcript, duration_ms: int) -> Transcript:
    """The transcript with its unstamped tail spread over the audio's length.

    * No stamps at all: every turn gets its share of ``duration_ms`` by its
      share of the characters, the first starting at 0 and the last ending
      at the audio's end.
    * Some stamps: untimed turns between stamped ones keep the times
      ``finalize`` spread between their neighbours (already by text length),
      and so do untimed turns before the first stamp (spread from 0). Only
      the tail after the last stamp, which ``finalize`` could only pace by a
      speaking rate, is spread from the last stamp to the audio's end.
    * Otherwise (every turn stamped, no length known, or an audio shorter
      than the last stamp) the transcript is returned unchanged: a stamp
      read from the file outranks a length that may still be an estimate.

    Cheap (one pass), so call it again whenever the player refines the
    length. Sync points must be placed on the transcript it returns.
    """
    turns = transcript.turns
    if duration_ms <= 0 or not turns:
        return transcript
    last_timed = _last_timed(turns)
    if last_timed == len(turns) - 1:
        return transcript
    if last_timed < 0:
        starts = _spread([t.text for t in turns], 0, duration_ms, lead=0)
        return _with_starts(transcript, 0, starts, duration_ms)
    anchor = turns[last_timed]
    if duration_ms <= anchor.start_ms:
        return transcript
    texts = [t.text for t in turns[last_timed + 1 :]]
    starts = _spread(texts, anchor.start_ms, duration_ms, lead=_chars(anchor.text))
    return _with_starts(transcript, last_timed + 1, starts, duration_ms)


def _last_timed(turns: Sequence[Turn]) -> int:
    """Index of the last stamped turn; -1 when none is."""
    for index in range(len(turns) - 1, -1, -1):
        if turns[index].timed:
            return index
    return -1


def _chars(text: str) -> int:
    """A turn's weight; never zero, so an empty turn still gets a moment
    (the same rule as :mod:`reader.timeline`)."""
    return max(1, len(text))


def _spread(texts: Sequence[str], begin: int, end: int, lead: int) -> list[int]:
    """Starts for ``texts`` between ``begin`` and ``end`` by character share.

    ``lead`` is the length of the stamped turn that starts at ``begin`` and
    is said first, as in ``timeline._estimate_run``: each turn starts once
    the text before it has been said. Integer arithmetic, so starts are exact
    and never go backwards.
    """
    lengths = [_chars(text) for text in texts]
    total = lead + sum(lengths)
    span = end - begin
    starts = []
    said = lead
    for length in lengths:
        starts.append(begin + said * span // total)
        said += length
    return starts


def _with_starts(transcript: Transcript, first: int, starts: list[int], duration_ms: int) -> Transcript:
    """Turns ``first..`` with new starts, each ending where the next begins,
    the last at the audio's end; the turn before ``first`` ends at the new
    first start."""
    kept = list(transcript.turns[:first])
    if kept:
        kept[-1] = kept[-1]._replace(end_ms=starts[0])
    ends = [*starts[1:], duration_ms]
    # tuple.__new__ makes the same Turn as _replace, several times faster,
    # which matters when all 6,000 turns of a long episode are spread.
    new, turn_type = tuple.__new__, Turn
    spread = [
        new(turn_type, (t[0], start, end, t[3], t[4], t[5]))
        for t, start, end in zip(transcript.turns[first:], starts, ends, strict=False)
    ]
    return transcript._replace(turns=tuple(kept + spread))
