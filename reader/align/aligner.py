"""Align a transcript to its audio in two passes, window by window.

Aligning a whole episode in one forced-alignment pass fails on real files
(an inserted ad throws off the minute after it; a cut makes it return
nothing) and gets slower per second as the file grows. So (issue 13):

1. Recognise the audio in windows of about 30 s, with a language model
   built from the transcript itself.
2. Match what was heard to the transcript: runs of four or more words in a
   row become anchors, with the times the recogniser heard them at.
3. Between anchors, force-align the transcript's words to the audio. Where
   the audio between two anchors is far longer or shorter than its words
   need, listen again with a model of just those words, and what is still
   unmatched becomes a gap: audio without text (an ad, music) or text
   without audio (a cut).
4. Words the recogniser cannot say (not in its dictionary) or place get
   times interpolated from their neighbours.

The audio arrives as a stream; everything before the latest anchor is
final, so partial results are handed out as the windows go by.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from reader.align.audio import BYTES_PER_MS
from reader.align.result import AUDIO_WITHOUT_TEXT, TEXT_WITHOUT_AUDIO, Alignment, AlignmentFailed, Gap
from reader.align.reuse import Plan, Span
from reader.align.spill import Spill

WINDOW_MS = 30_000
FIRST_WINDOW_MS = 12_000
RUN = 4
#: A run that starts far ahead of where the text should be by then must be longer to be believed.
FAR_RUN = 7
FAR_WORDS = 12
#: ...and is held until runs carrying on from it cover this much audio (longer than most
#: ad slots, which may say a sponsor read the text has later), or one fits before it.
CONFIRM_MS = 60_000
#: A stretch re-heard with a model of its own words alone is matched in runs this long.
LOCAL_RUN = 3
#: ...but where the stretch has far more audio than words, only next to its edges (this near) or FAR_RUN long.
EDGE_MS = 2_000
#: Audio with no words for this long is an ad or music, not a pause.
GAP_MS = 6_000
#: This many words with no audio make a cut (fewer were false alarms in noisy speech).
CUT_WORDS = 15
DEFAULT_MS_PER_WORD = 330
#: The first pass listens for the transcript's words from a little before the
#: last anchor to this far after it (about 6 minutes of speech): a smaller
#: model is faster and hears more of the right words. A window where it finds
#: nothing is heard again with the whole transcript's model (a long cut).
LOOK_BACK_WORDS = 100
LOOK_AHEAD_WORDS = 1000
#: An ad's first sound is looked for this far after the words before it, in frames this long.
ONSET_SEARCH_MS = 4_000
ONSET_FRAME_MS = 20
#: Stop early when this much audio has gone by without one anchor.
GIVE_UP_MS = 240_000
#: At least this share of the words must be found in the audio.
MIN_PLACED = 0.25
#: When more audio than this (18 MB) is held since the last anchor, it waits in
#: a file instead of memory until the next anchor; no longer stretch is read back at once.
HOLD_MS = 10 * 60_000


#: The speaking rate is the last this many words' placed (about half a minute
#: of speech), not the episode's average: a fast host and a slow guest differ
#: by half, and by the average the slow stretch between two anchors looked far
#: longer than its words, so it was taken for an ad and its words were pushed
#: to its edges (a false "Ad or music" of 20-50 s on real podcast text).
RECENT_WORDS = 80


class _Run(NamedTuple):
    """Heard words matched to the transcript from word ``first`` on, ``length`` of them."""

    first: int
    length: int
    #: Far ahead of where the text should be: held until what is heard next confirms it.
    ahead: bool
    heard: list


class _Track:
    """The word times found so far, and where the final part ends."""

    def __init__(self, count: int) -> None:
        #: Each word's (start, end) once it has one; None until then.
        self.times: list[tuple[int, int] | None] = [None] * count
        self.placed = [False] * count
        self.gaps: list[Gap] = []
        self.run_words = 0
        self.run_ms = 0
        #: (word, start) of the latest words placed, in text order.
        self.recent: deque[tuple[int, int]] = deque(maxlen=RECENT_WORDS)

    def put(self, index: int, start: int, end: int) -> None:
        self.times[index] = (start, end)
        self.placed[index] = True
        if not self.recent or index > self.recent[-1][0]:
            self.recent.append((index, start))

    @property
    def ms_per_word(self) -> float:
        if self.run_words < 20:
            return DEFAULT_MS_PER_WORD
        return speaking_rate(self.recent, self.run_ms / self.run_words, self.gaps)


def speaking_rate(recent: Sequence[tuple[int, int]], overall: float, gaps: Sequence[Gap]) -> float:
    """Milliseconds per word as the latest words were said: ``recent`` is their
    (word index, start) in text order, ``overall`` the episode's average so far,
    ``gaps`` what was found without text (an ad or music among them is no one's
    speech). Too few recent words give the average."""
    if len(recent) < RECENT_WORDS // 2:
        return overall
    (first, first_ms), (last, last_ms) = recent[0], recent[-1]
    spoken_ms = last_ms - first_ms
    for gap in gaps:
        if gap.kind == AUDIO_WITHOUT_TEXT and gap.start_ms < last_ms and gap.end_ms > first_ms:
            spoken_ms -= min(gap.end_ms, last_ms) - max(gap.start_ms, first_ms)
    if last <= first or spoken_ms <= 0:
        return overall
    # Within a factor of three of the average: a stretch of interpolated words is no measure of anyone's speech.
    return min(max(spoken_ms / (last - first), overall / 3), overall * 3)


class Aligner:
    """Feed it audio with :meth:`feed`, then call :meth:`finish`; both report how far it is final."""

    def __init__(
        self,
        words,
        recogniser,
        known: Callable[[str], bool],
        plan: Plan | None = None,
        spill_folder: str | None = None,
        hold_ms: int | None = None,
    ) -> None:
        """With a ``plan`` (:func:`reader.align.reuse.plan`), only its spans are aligned; the rest keeps its times.

        At most ``hold_ms`` (default :data:`HOLD_MS`) of audio is held in memory;
        beyond that it goes to a file in ``spill_folder`` (see :mod:`reader.align.spill`).
        """
        self.words = words
        self.keys = [word.key for word in words]
        self._recogniser = recogniser
        self._known = known
        self._grams: dict[tuple, list[int]] = defaultdict(list)
        for index in range(len(self.keys) - RUN + 1):
            self._grams[tuple(self.keys[index : index + RUN])].append(index)
        #: Turns that open with words found elsewhere too ("You know, I think that"): see _short_of_a_repeated_opening.
        self._repeated_openings = {
            index
            for index in range(1, len(self.keys) - RUN + 1)
            if words[index].turn != words[index - 1].turn
            and len(self._grams[tuple(self.keys[index : index + RUN])]) > 1
        }
        self.track = _Track(len(words))
        self._buffer = bytearray()
        self._buffer_ms = 0  # the time of the buffer's first byte
        self._spill = Spill(spill_folder)  # the held audio before _buffer_ms, while there is too much
        self._hold_ms = HOLD_MS if hold_ms is None else hold_ms
        self._heard_ms = 0  # the end of the audio recognised so far
        self._final_word = 0  # words before this index are final
        self._final_ms = 0  # audio before this time is final
        self._unkept = 0  # bytes of audio counted but not kept, after the last word (see _past_the_text)
        self._cursor = 0  # the transcript word the next anchor is expected at
        self._held: list[_Run] = []  # a run far ahead and those carrying on from it, until confirmed or dropped
        self._spans: deque[Span] | None = None
        if plan is not None:
            self._reuse(plan)

    # -- the stream -----------------------------------------------------------

    def feed(self, pcm: bytes) -> bool:
        """Take more audio; returns True when new words became final."""
        if self._spans is None and self._text_heard_through():
            self._past_the_text(pcm)
            return False
        self._hold(pcm)
        before = self._final_word
        if self._spans is not None:
            self._redo_spans(self._end_ms(), at_end=False)
            return self._final_word > before
        while self._end_ms() - self._heard_ms >= self._window_ms():
            self._listen(self._heard_ms, self._heard_ms + self._window_ms())
        return self._final_word > before

    def finish(self) -> Alignment:
        end = self._end_ms()
        if self._spans is not None:
            self._redo_spans(end, at_end=True)
            return self._complete()
        if end > self._heard_ms and not self._unkept:
            self._listen(self._heard_ms, end)
        self._settle()
        if self.track.run_words == 0:
            raise AlignmentFailed(
                "No words of the transcript were heard in the audio: it may not be in English, "
                "or not this transcript's episode; the estimated times stay."
            )
        self._fill(self._final_word, len(self.words), self._final_ms, end, depth=0)
        self._final_word, self._final_ms = len(self.words), end
        return self._complete()

    def _complete(self) -> Alignment:
        placed = sum(self.track.placed) / max(1, len(self.words))
        if placed < MIN_PLACED:
            raise AlignmentFailed(
                f"Only {placed:.0%} of the words could be found in the audio: it may not be in English, "
                "or not this transcript's episode; the estimated times stay."
            )
        return self.result(complete=True)

    def gave_up(self) -> bool:
        """True when minutes of audio have gone by without one anchor (not English, or the wrong episode)."""
        return self.track.run_words == 0 and self._heard_ms >= GIVE_UP_MS

    @property
    def final_ms(self) -> int:
        return self._final_ms

    @property
    def held_ms(self) -> int:
        """How much audio is held in memory (the rest of what is held waits in a file)."""
        return len(self._buffer) // BYTES_PER_MS

    def close(self) -> None:
        """Remove the file of held audio, if there is one."""
        self._spill.close()

    def result(self, complete: bool = False) -> Alignment:
        """Times for the words final so far (all of them once :meth:`finish` has run)."""
        count = len(self.words) if complete else self._final_word
        starts, ends = _interpolated(self.track, count, self.words)
        gaps = [gap for gap in self.track.gaps if gap.first_word < count or complete]
        return Alignment(self.words[:count], starts, ends, self.track.placed[:count], gaps, complete)

    def _window_ms(self) -> int:
        """A short first window, so the first words are ready within seconds of starting."""
        return FIRST_WINDOW_MS if self._heard_ms == 0 else WINDOW_MS

    def _end_ms(self) -> int:
        return self._buffer_ms + (len(self._buffer) + self._unkept) // BYTES_PER_MS

    def _past_the_text(self, pcm: bytes) -> None:
        """The text has been heard to its end, and audio goes on (an outro, or a transcript of part of the episode).

        Nothing is left to listen for: only its length is counted, and its first
        seconds kept, where :meth:`finish` places the last words and looks for
        the sound that starts the rest. Memory stays flat however long it goes on.
        """
        self._buffer += pcm
        keep = max(0, (self._final_ms + 2 * ONSET_SEARCH_MS - self._buffer_ms) * BYTES_PER_MS)
        if len(self._buffer) > keep:
            self._unkept += len(self._buffer) - keep
            del self._buffer[keep:]

    def _text_heard_through(self) -> bool:
        """True when the text has been heard to its end (its last few words, which
        make no run, aside), and minutes of audio have gone by since."""
        return self._cursor >= len(self.words) - FAR_WORDS and self._heard_ms - self._final_ms >= GIVE_UP_MS

    def _pcm(self, start_ms: int, end_ms: int) -> bytes:
        begin = max(0, (start_ms - self._buffer_ms) * BYTES_PER_MS)
        held = bytes(self._buffer[begin : max(begin, (end_ms - self._buffer_ms) * BYTES_PER_MS)])
        if start_ms < self._buffer_ms:  # it starts in the audio moved to the file
            return self._spill.read(start_ms, min(end_ms, self._buffer_ms)) + held
        return held

    # -- pass one: listen and anchor ------------------------------------------

    def _listen(self, start_ms: int, end_ms: int) -> None:
        pcm = self._pcm(start_ms, end_ms)
        self._heard_ms = end_ms
        anchored = False
        if len(self.keys) > LOOK_BACK_WORDS + LOOK_AHEAD_WORDS:
            nearby = self.keys[max(0, self._cursor - LOOK_BACK_WORDS) : self._cursor + LOOK_AHEAD_WORDS]
            known = [key for key in nearby if self._known(key)]
            if known:
                anchored = self._anchor_runs(self._recogniser.recognise(pcm, start_ms, known, background=False))
        if not anchored:
            self._anchor_runs(self._recogniser.recognise(pcm, start_ms))
        self._drop_before(self._final_ms)

    def _drop_before(self, keep_from: int) -> None:
        """Audio before ``keep_from`` is final: forget it, so a 10-hour episode never sits in memory.

        Minutes with no anchor (an ad, music, talk the text leaves out) cannot be
        forgotten: their words are placed once the next anchor is found. Past
        ``hold_ms``, that audio waits in a file instead (:meth:`_hold`): giving up
        on the stretch would lose the edges of an ad, and the words of a stretch
        the first pass failed to hear, which the second pass can still place.
        """
        keep_from = min(keep_from, self._end_ms())  # a span to align again may start later than what has arrived
        drop = (keep_from - self._buffer_ms) * BYTES_PER_MS
        if drop > 0:
            del self._buffer[:drop]
            self._buffer_ms = keep_from
        self._spill.drop_before(keep_from)

    def _hold(self, pcm: bytes) -> None:
        """Hold more audio: in memory, or all in the file once more than ``hold_ms`` is held
        (see :meth:`_drop_before`), until less than half of that is held again.

        All of it, not the older part: dropping a little from the front of a large
        buffer at every chunk makes Python copy it to a new block every few
        seconds, and the memory freed is not given back (measured: 23 MB more
        over 15 minutes, while the buffer itself stayed at 18 MB).
        """
        self._buffer += pcm
        spill = self._spill
        if spill.holding and self._end_ms() - spill.start_ms < self._hold_ms // 2:
            self._buffer[:0] = spill.read(spill.start_ms, spill.end_ms)  # anchored again: back to memory
            self._buffer_ms = spill.start_ms
            spill.close()
        elif spill.holding or len(self._buffer) // BYTES_PER_MS > self._hold_ms:
            whole_ms = len(self._buffer) // BYTES_PER_MS
            spill.append(self._buffer_ms, memoryview(self._buffer)[: whole_ms * BYTES_PER_MS])
            self._buffer = self._buffer[whole_ms * BYTES_PER_MS :]  # a new, small one: the large one is freed
            self._buffer_ms += whole_ms

    def _heard_in(self, start_ms: int, end_ms: int, keys: list[str]) -> list[tuple[str, int, int]]:
        """The words of ``keys`` heard from ``start_ms`` to ``end_ms``: at once, or in
        windows where that is longer than ``hold_ms`` (read back from the file a window at a time)."""
        if end_ms - start_ms <= self._hold_ms:
            return self._recogniser.recognise(self._pcm(start_ms, end_ms), start_ms, keys)
        step = min(WINDOW_MS, self._hold_ms)
        heard: list[tuple[str, int, int]] = []
        for at in range(start_ms, end_ms, step):
            heard += self._recogniser.recognise(self._pcm(at, min(end_ms, at + step)), at, keys)
        return heard

    # -- an edited transcript: the changed spans only ------------------------

    def _reuse(self, plan: Plan) -> None:
        track = self.track
        for index, (start, end) in plan.kept.items():
            track.put(index, start, end)
        track.gaps = list(plan.gaps)
        if len(plan.kept) > 1:
            starts = sorted(start for start, _ in plan.kept.values())
            track.run_words, track.run_ms = len(starts) - 1, starts[-1] - starts[0]
        self._spans = deque(plan.spans)

    def _redo_spans(self, heard_to: int, at_end: bool) -> None:
        """Align every span whose audio has all arrived (all that are left ``at_end``)."""
        spans = self._spans
        assert spans is not None
        while spans and (at_end or (spans[0].end_ms is not None and spans[0].end_ms <= heard_to)):
            span = spans.popleft()
            end_ms = span.end_ms if span.end_ms is not None else heard_to
            self._fill(span.first, span.stop, span.start_ms, max(span.start_ms, end_ms), depth=0)
        self._final_word = spans[0].first if spans else len(self.words)
        self._final_ms = spans[0].start_ms if spans else heard_to
        self._drop_before(self._final_ms)

    def _anchor_runs(self, heard: list[tuple[str, int, int]]) -> bool:
        """Anchor every run found in what was heard; False when there was none."""
        found = False
        for first, run in self._runs(heard):
            self._anchor(first, run)
            found = True
        return found

    def _runs(self, heard: list[tuple[str, int, int]]) -> Iterator[tuple[int, list]]:
        """Runs of heard words that match the transcript in a row, each past the last.

        A run that jumps far ahead is held until what is heard after it decides
        (across windows too): the audio may say, in an ad, what the text says
        minutes later (a sponsor read), and jumping there would leave everything
        in between without audio. A run that fits the text before the jump drops
        it; runs that carry on from it for ``CONFIRM_MS`` of audio confirm it.
        """
        index = 0
        while index <= len(heard) - RUN:
            held = self._held
            if held and heard[index][1] < held[-1].heard[-1][2]:
                index += 1  # heard again (the whole transcript's model after the nearby one)
                continue
            found = None
            if held:
                end = held[-1]
                found = self._match(heard, index, end.first + end.length, end.heard[-1][2])
                if found is not None and found.ahead:
                    found = None  # a further jump: no evidence either way
                if found is None:
                    # Does the run fit the text before the held jump instead?
                    found = self._match(heard, index, self._cursor, self._final_ms, limit=held[0].first)
                    if found is not None:
                        self._held = []
            else:
                found = self._match(heard, index, self._cursor, self._final_ms)
                if found is not None and found.ahead:
                    index, found = self._after_a_stumble(heard, index, found)
            if found is None:
                index += 1
                continue
            run = found._replace(heard=heard[index : index + found.length])
            if self._held:
                self._held.append(run)  # carries on from the held jump
            elif run.ahead:
                self._held = [run]
            else:
                yield from self._take([run])
            if self._held and self._held[-1].heard[-1][2] - self._held[0].heard[0][1] >= CONFIRM_MS:
                held, self._held = self._held, []
                yield from self._take(held)
            index += found.length

    def _after_a_stumble(self, heard, index: int, ahead: _Run) -> tuple[int, _Run]:
        """A far jump, or the same words one or two heard words on, right where the text is.

        A word heard twice or misheard next to an anchor ("pick a colour if
        if you like") starts the run one word too early: the text it matches
        from there lies one repeat on in a transcript that repeats, while the
        words after it carry on from the anchor (on a 30-minute episode
        repeated every 510 words, this jumped a whole repeat ahead).
        """
        for skip in (1, 2):
            if index + skip > len(heard) - RUN:
                break
            near = self._match(heard, index + skip, self._cursor, self._final_ms)
            if near is not None and not near.ahead:
                return index + skip, near
        return index, ahead

    def _take(self, runs: list[_Run]) -> Iterator[tuple[int, list]]:
        """Each run's first word and heard words to anchor, the cursor moved past it."""
        for run in runs:
            # The words at a run's edges are where the recogniser's guesses
            # meet, and their times are the least sure: the second pass places them.
            yield run.first + 1, run.heard[1:-1]
            self._cursor = run.first + run.length

    def _settle(self) -> None:
        """At the end of the audio, a jump still held is believed (nothing heard after it said otherwise)."""
        held, self._held = self._held, []
        for first, heard in self._take(held):
            self._anchor(first, heard)

    def _match(self, heard, index: int, cursor: int, since_ms: int, limit: int | None = None) -> _Run | None:
        """Where the heard words from ``index`` on match the text at or after ``cursor`` (before ``limit``).

        Text that repeats (a sponsor read, a recurring phrase) matches in
        several places: the longest match counts, and among equally long ones
        the copy nearest to where the text should be by then (the words since
        ``cursor``, heard until ``since_ms``, at the speaking rate).
        """
        places = self._grams.get(tuple(word for word, _, _ in heard[index : index + RUN]), ())
        low = bisect.bisect_left(places, cursor)
        high = len(places) if limit is None else bisect.bisect_left(places, limit)
        expected = cursor + max(0, heard[index][1] - since_ms) / self.track.ms_per_word
        best: _Run | None = None
        for first in places[low:high]:
            length = RUN
            while (
                index + length < len(heard)
                and first + length < len(self.keys)
                and heard[index + length][0] == self.keys[first + length]
            ):
                length += 1
            length = self._short_of_a_repeated_opening(first, length)
            # A short run that skips many words after an anchor may be chance:
            # four words of an ad heard as the transcript's (they would place the
            # skipped words in the ad's audio); a real one is followed by longer
            # runs. Before the first anchor the opening words may simply not have
            # been heard (music, a cold open), so only the expected place counts.
            ahead = first - expected > FAR_WORDS
            if length < FAR_RUN:
                believed = _short_run_believed(first, cursor, expected)
                if believed is None:
                    continue
                ahead = ahead or believed == "held"
            if best is None or (length, -abs(first - expected)) > (best.length, -abs(best.first - expected)):
                best = _Run(first, length, ahead, [])
        return best

    def _short_of_a_repeated_opening(self, first: int, length: int) -> int:
        """The run's length, ending before the last turn it runs into if all it has of that turn is found elsewhere too.

        Its words may then be another turn's that opens alike ("You know, I
        think that"), heard after a cut: which copy is heard is the next run's to say.
        """
        stop = first + length
        opening = next((at for at in range(stop - 1, first + RUN - 1, -1) if at in self._repeated_openings), None)
        if opening is None:
            return length
        tail = self.keys[opening:stop]
        places = self._grams[tuple(self.keys[opening : opening + RUN])]
        if any(place != opening and self.keys[place : place + len(tail)] == tail for place in places):
            return opening - first
        return length

    def _anchor(self, first: int, run: list[tuple[str, int, int]]) -> None:
        """Words ``first``.. were heard at these times: fill in what lies between the last anchor and here."""
        track = self.track
        self._fill(self._final_word, first, self._final_ms, run[0][1], depth=0)
        for offset, (_, start, end) in enumerate(run):
            track.put(first + offset, start, end)
        if len(run) > 1:
            track.run_words += len(run) - 1
            track.run_ms += run[-1][1] - run[0][1]
        self._final_word = first + len(run)
        self._final_ms = run[-1][2]

    # -- pass two: between anchors ---------------------------------------------

    def _fill(self, first: int, stop: int, start_ms: int, end_ms: int, depth: int) -> None:
        """Place words ``first``..``stop`` (exclusive) in the audio ``start_ms``..``end_ms``."""
        track = self.track
        count = stop - first
        span = end_ms - start_ms
        if count <= 0:
            if span >= GAP_MS:
                self._audio_gap(start_ms, end_ms, stop)
            return
        expected = count * track.ms_per_word
        if expected * 0.45 - 400 <= span <= expected * 2 + 4000 and self._force(first, stop, start_ms, end_ms):
            return
        heard: list[tuple[str, int, int]] = []
        if depth < 2 and count >= LOCAL_RUN + 1 and span > 300:
            keys = [key for key in self.keys[first:stop] if self._known(key)]
            heard = self._heard_in(start_ms, end_ms, keys) if keys else []
            # Far more audio than words: a model of a few words alone hears them
            # in an ad by chance, so there only a longer run, or one next to
            # the words before or after, is believed.
            extra = span > expected * 2 + 4000
            found = _local_runs(heard, self.keys, first, stop, (start_ms, end_ms) if extra else None)
            if found:
                at_word, at_ms = first, start_ms
                for index, start, end in found:
                    self._fill(at_word, index, at_ms, start, depth + 1)
                    track.put(index, start, end)
                    at_word, at_ms = index + 1, end
                self._fill(at_word, stop, at_ms, end_ms, depth + 1)
                return
        if span > expected:
            self._leftover_audio(first, stop, start_ms, end_ms)
        else:
            self._leftover_text(first, stop, start_ms, end_ms)

    def _force(self, first: int, stop: int, start_ms: int, end_ms: int, only=None) -> bool:
        """Force-align words ``first``..``stop`` (or the indices ``only``); False when they could not be placed."""
        indices = [index for index in (range(first, stop) if only is None else only) if self._known(self.keys[index])]
        if not indices:
            return True  # nothing the recogniser can say: interpolated later
        if end_ms - start_ms > self._hold_ms:
            return False  # minutes between anchors: heard in windows instead (_fill), or interpolated
        placed = self._recogniser.force(self._pcm(start_ms, end_ms), start_ms, [self.keys[i] for i in indices])
        if placed is None:
            return False  # interpolated later
        for index, (start, end) in zip(indices, placed, strict=True):
            self.track.put(index, start, end)
        return True

    def _leftover_audio(self, first: int, stop: int, start_ms: int, end_ms: int) -> None:
        """Far more audio than words: the words sit at its edges, the rest is an ad or music.

        Words still in the turn of the anchor before go at the start, the others at the end,
        since inserted material lands between turns far more often than inside one.
        """
        before_turn = self.words[first - 1].turn if first else -1
        split = first
        while split < stop and self.words[split].turn == before_turn:
            split += 1
        rate = self.track.ms_per_word
        head_end = min(end_ms, int(start_ms + (split - first) * rate * 1.3 + 500))
        tail_start = max(head_end, int(end_ms - (stop - split) * rate * 1.3 - 500))
        if split > first:
            self._force(first, split, start_ms, head_end)
        if stop > split:
            # The words after the extra audio start after the last pause before
            # them: forced into a longer stretch, they would take in its end.
            # (A pause between its sentences is no such pause: the words must still fit after it.)
            need = int((stop - split) * rate * 0.8)
            near = max(tail_start, end_ms - self._hold_ms)  # a pause minutes before the end is not looked for
            onset = _last_onset(self._pcm(near, end_ms), near, before_ms=end_ms - need)
            if onset is not None and end_ms - onset >= (stop - split) * rate * 0.5:
                tail_start = onset
            self._force(split, stop, tail_start, end_ms)
        # Forced alignment stretches the edge words over whatever audio follows
        # (or precedes) them: trust an edge word for at most twice a word's length.
        track = self.track
        gap_start, gap_end = start_ms, end_ms
        for index in range(first, split):
            time = track.times[index]
            if time is not None:
                end = min(time[1], int(time[0] + 2 * rate))
                track.times[index] = (time[0], end)
                gap_start = max(gap_start, end)
        for index in range(split, stop):
            time = track.times[index]
            if time is not None:
                start = max(time[0], int(time[1] - 2 * rate))
                track.times[index] = (start, time[1])
                gap_end = min(gap_end, start)
        self._audio_gap(gap_start, gap_end, split)

    def _audio_gap(self, start_ms: int, end_ms: int, next_word: int) -> None:
        """Audio between the words before ``next_word`` and it has no text: an ad or music.

        It runs from the first sound after the words before it (a pause
        before an ad belongs to the text) to the start of the next word.
        """
        start_ms = _onset(self._pcm(start_ms, min(end_ms, start_ms + ONSET_SEARCH_MS)), start_ms)
        if end_ms - start_ms >= GAP_MS:
            self.track.gaps.append(Gap(start_ms, end_ms, AUDIO_WITHOUT_TEXT, next_word, next_word))

    def _leftover_text(self, first: int, stop: int, start_ms: int, end_ms: int) -> None:
        """Far more words than audio: words were cut from this audio.

        The rest of the turn before and the start of the turn after are
        likely still heard (cuts are made between turns far more often than
        inside one); they are placed in the audio there is, and the turns
        between are the cut.
        """
        words, track = self.words, self.track
        head = first
        while first and head < stop and words[head].turn == words[first - 1].turn:
            head += 1
        tail = stop
        while stop < len(words) and tail > head and words[tail - 1].turn == words[stop].turn:
            tail -= 1
        if tail - head < CUT_WORDS:
            head, tail = first, stop
        if tail - head < CUT_WORDS:
            self._force(first, stop, start_ms, end_ms)
            return
        heard = [*range(first, head), *range(tail, stop)]
        self._force(first, stop, start_ms, end_ms, only=heard)
        at = max([start_ms, *(time[1] for time in track.times[first:head] if time is not None)])
        track.gaps.append(Gap(at, at, TEXT_WITHOUT_AUDIO, head, tail - 1))
        for index in range(head, tail):
            track.times[index] = (at, at)


def _short_run_believed(first: int, cursor: int, expected: float) -> str | None:
    """Whether a run too short to prove itself (under ``FAR_RUN`` words) starting
    at word ``first`` is believed: "now", "held" (until what is heard next
    confirms it, as a far jump is), or None.

    Four words can match by chance: an ad's words heard as the transcript's.
    Before the first anchor only the clock says where the text is (the
    opening words may not have been heard). After it, a run next to the last
    anchor is believed unless the clock says the text is long past it (a
    mishearing of later words as earlier ones, "to do in the"); a run where
    the clock says the text is now, though many words past the last anchor
    (the speaker went on while the recogniser heard nothing it could match),
    is held for the runs after it to confirm. ``slack`` grows with the time
    since the last anchor, as the clock's guess gets rougher.
    """
    if cursor == 0:
        return "now" if first - expected <= FAR_WORDS else None
    slack = FAR_WORDS + 0.4 * max(0.0, expected - cursor)
    if first - cursor <= FAR_WORDS and expected - first <= slack:
        return "now"
    if abs(first - expected) <= slack:
        return "held"
    return None


def _loudness(pcm: bytes) -> str | None:
    """One character per 20 ms frame of ``pcm``: "1" loud, "0" quiet; None when nothing stands out.

    Loud means above the geometric mean of the quiet level (the tenth
    percentile frame) and the median frame; when the median is under three
    times the quiet level, there is no pause to find.
    """
    samples = array("h", pcm[: len(pcm) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    frame = ONSET_FRAME_MS * BYTES_PER_MS // 2
    energies = [
        sum(value * value for value in samples[at : at + frame]) + 1 for at in range(0, len(samples) - frame + 1, frame)
    ]
    if len(energies) < 10:
        return None
    ordered = sorted(energies)
    quiet, typical = ordered[len(ordered) // 10], ordered[len(ordered) // 2]
    if typical < 3 * quiet:
        return None
    return "".join("1" if energy > (quiet * typical) ** 0.5 else "0" for energy in energies)


def _onset(pcm: bytes, offset_ms: int) -> int:
    """Where sound starts after the first pause near the start of ``pcm`` (its time from ``offset_ms``).

    After five quiet frames in a row (the end of the word before may still
    sound at the start), the first of three loud frames in a row. With no
    clear pause, the sound starts at once.
    """
    loud = _loudness(pcm)
    pause = loud.find("00000") if loud else -1
    onset = loud.find("111", pause) if loud and pause >= 0 else -1
    return offset_ms + onset * ONSET_FRAME_MS if onset >= 0 else offset_ms


def _last_onset(pcm: bytes, offset_ms: int, before_ms: int | None = None) -> int | None:
    """Where sound starts after the last pause of a third of a second or more in ``pcm``, or None.

    With ``before_ms``, the last pause that starts before then.
    """
    loud = _loudness(pcm)
    if not loud:
        return None
    limit = len(loud) if before_ms is None else max(0, (before_ms - offset_ms) // ONSET_FRAME_MS)
    pause = loud.rfind("0" * 15, 0, limit + 15)
    onset = loud.find("111", pause) if pause >= 0 else -1
    return offset_ms + onset * ONSET_FRAME_MS if onset >= 0 else None


def _local_runs(heard, keys: list[str], first: int, stop: int, edges=None) -> list[tuple[int, int, int]]:
    """Heard words matched in order to ``keys[first:stop]``, in runs of ``LOCAL_RUN`` or more.

    With ``edges`` (the span's start and end, when it has far more audio than
    words), a run shorter than ``FAR_RUN`` counts only where it starts the
    words within ``EDGE_MS`` of the start or ends them as near the end.
    """
    found: list[tuple[int, int, int]] = []
    cursor = first
    index = 0
    while index < len(heard) - 1:
        match = next(
            (
                place
                for place in range(cursor, stop - 1)
                if keys[place] == heard[index][0] and keys[place + 1] == heard[index + 1][0]
            ),
            None,
        )
        if match is None:
            index += 1
            continue
        length = 0
        while (
            index + length < len(heard) and match + length < stop and keys[match + length] == heard[index + length][0]
        ):
            length += 1
        at_edge = edges is not None and (
            (match == first and heard[index][1] - edges[0] <= EDGE_MS)
            or (match + length == stop and edges[1] - heard[index + length - 1][2] <= EDGE_MS)
        )
        if length < LOCAL_RUN or (edges is not None and length < FAR_RUN and not at_edge):
            index += 1
            continue
        found.extend((match + k, heard[index + k][1], heard[index + k][2]) for k in range(length))
        index += length
        cursor = match + length
    return found


def _interpolated(track: _Track, count: int, words) -> tuple[list[int], list[int]]:
    """Every word's start and end: those with times as found, the rest shared out by length between neighbours."""
    times = track.times[:count]
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < count:
        time = times[index]
        if time is not None:
            starts.append(time[0])
            ends.append(time[1])
            index += 1
            continue
        stop = index
        while stop < count and times[stop] is None:
            stop += 1
        after = times[stop] if stop < count else None
        left = ends[-1] if ends else (after[0] if after is not None else 0)
        right = after[0] if after is not None else left + (stop - index) * DEFAULT_MS_PER_WORD
        left = min(left, right)
        lengths = [len(words[i].text) + 1 for i in range(index, stop)]
        total = sum(lengths)
        at = left
        for length in lengths:
            step = (right - left) * length // total
            starts.append(at)
            ends.append(at + step)
            at += step
        index = stop
    return starts, ends


def align_stream(words, chunks: Iterable[bytes], recogniser, known, plan: Plan | None = None) -> Iterator[Alignment]:
    """Yield partial alignments as the audio goes by, and the complete one last."""
    aligner = Aligner(words, recogniser, known, plan, spill_folder=getattr(recogniser, "folder", None))
    try:
        for chunk in chunks:
            if aligner.feed(chunk):
                yield aligner.result()
            if aligner.gave_up():
                aligner.finish()  # raises with the sentence for the user
        yield aligner.finish()
    finally:
        aligner.close()
