"""Transcripts whose text repeats (a sponsor read, a recurring phrase): the aligner keeps to the right copy.

The matching is tested on its own here, with a scripted recogniser: it
"hears" exactly the words said in each stretch of (silent) audio, and
forced alignment spreads words evenly, so every word's true time is known
and the only thing that can go wrong is which copy of the text a run of
heard words is matched to.
"""

from __future__ import annotations

from reader.align import AUDIO_WITHOUT_TEXT, TEXT_WITHOUT_AUDIO
from reader.align.aligner import align_stream
from reader.align.audio import BYTES_PER_MS
from reader.align.words import transcript_words

MS_PER_WORD = 330
SPONSOR = "This episode is brought to you by Northwind coffee, roasted fresh every week and delivered to your door."
FILLER = (
    "we talked about maps and trains and the long walk home through the old town after the rain had stopped "
    "and the market was closing for the night while the lights came on one by one along the river bank"
).split()


def talk(turn: int, count: int) -> str:
    """``count`` words of talk, different for every turn (no run of four repeats another turn's)."""
    return " ".join(
        f"{FILLER[(turn * 7 + k) % len(FILLER)]} {'abcdefghijklmnopqrstuvwxyz'[turn]}{k}" for k in range(count // 2)
    )


class ScriptedRecogniser:
    """Hears the words of ``said`` (key, start, end) that start in the stretch; nothing inside ``deaf`` stretches."""

    def __init__(self, said: list[tuple[str, int, int]], deaf: tuple[tuple[int, int], ...] = ()) -> None:
        self.said = said
        self.deaf = deaf

    def recognise(self, pcm: bytes, offset_ms: int, keys=None, background: bool = True):
        end_ms = offset_ms + len(pcm) // BYTES_PER_MS
        allowed = None if keys is None else set(keys)
        return [
            (key, start, end)
            for key, start, end in self.said
            if offset_ms <= start
            and end <= end_ms
            and (allowed is None or key in allowed)
            and not any(low <= start < high for low, high in self.deaf)
        ]

    def force(self, pcm: bytes, offset_ms: int, keys: list[str]):
        step = len(pcm) // BYTES_PER_MS / len(keys)
        return [(offset_ms + int(k * step), offset_ms + int((k + 1) * step)) for k in range(len(keys))]


def episode(texts: list[str], inserted: dict[int, str] | None = None, cut: int | None = None):
    """The transcript's words, what is said when, each word's true start, the inserted stretches, the audio.

    ``inserted`` texts (not in the transcript) are said before those turns;
    the turn ``cut`` is not said at all (its words' true start is the cut's place).
    """
    words = transcript_words(texts)
    inserted = inserted or {}
    said: list[tuple[str, int, int]] = []
    truth: list[int] = []
    at = 0
    ads: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        if word.turn in inserted and (index == 0 or words[index - 1].turn != word.turn):
            begin = at
            for extra in transcript_words([inserted[word.turn]]):
                said.append((extra.key, at, at + MS_PER_WORD - 40))
                at += MS_PER_WORD
            at += 1000
            ads.append((begin, at))
        truth.append(at)
        if word.turn != cut:
            said.append((word.key, at, at + MS_PER_WORD - 40))
            at += MS_PER_WORD
    audio = bytes((at + 2000) * BYTES_PER_MS)
    return words, said, truth, ads, audio


def align(words, recogniser, audio: bytes):
    chunks = (audio[at : at + 5000 * BYTES_PER_MS] for at in range(0, len(audio), 5000 * BYTES_PER_MS))
    *_, result = align_stream(words, chunks, recogniser, lambda key: True)
    return result


def misplaced(result, truth: list[int]) -> list[int]:
    """The words placed more than half a second from where they are said."""
    return [index for index, start in enumerate(result.starts) if abs(start - truth[index]) > 500]


def test_an_inserted_ad_that_repeats_a_sponsor_read_from_later_in_the_text_is_not_taken_for_it():
    """The ad says what the transcript says minutes later: the words in between are still placed where they are said."""
    texts = [talk(0, 40), SPONSOR, talk(2, 60), talk(3, 60), talk(4, 60), talk(5, 60), SPONSOR, talk(7, 40)]
    words, said, truth, ads, audio = episode(texts, inserted={3: " ".join([SPONSOR] * 3)})
    result = align(words, ScriptedRecogniser(said), audio)
    assert [gap.kind for gap in result.gaps] == [AUDIO_WITHOUT_TEXT], result.gaps
    assert abs(result.gaps[0].start_ms - ads[0][0]) <= 1000 and abs(result.gaps[0].end_ms - ads[0][1]) <= 1000
    assert misplaced(result, truth) == []


def test_a_repeated_passage_heard_after_a_stretch_not_recognised_is_placed_at_its_second_copy():
    """Nothing was recognised for a while (crosstalk, music under speech); the passage heard next is the later copy."""
    texts = [talk(0, 60), SPONSOR, talk(2, 60), talk(3, 40), SPONSOR, talk(5, 60)]
    words, said, truth, _, audio = episode(texts)
    first_copy = next(index for index, word in enumerate(words) if word.turn == 1)
    second_copy = next(index for index, word in enumerate(words) if word.turn == 4)
    deaf = ((truth[first_copy] - 2000, truth[second_copy] - 100),)
    result = align(words, ScriptedRecogniser(said, deaf), audio)
    assert TEXT_WITHOUT_AUDIO not in [gap.kind for gap in result.gaps], result.gaps
    assert misplaced(result, truth) == []


def test_a_phrase_said_in_many_turns_keeps_every_turn_in_place():
    """ "You know, I think that" opens every other turn: each is matched to its own turn."""
    texts = [("You know, I think that " if turn % 2 else "") + talk(turn, 30) for turn in range(10)]
    words, said, truth, _, audio = episode(texts)
    result = align(words, ScriptedRecogniser(said), audio)
    assert result.gaps == []
    assert misplaced(result, truth) == []


def test_a_cut_turn_that_opens_with_the_same_words_as_the_next_is_found_whole():
    """Both turns open with "You know, I think that": what is heard is the second, and the whole first is the gap."""
    texts = [talk(0, 60), "You know, I think that " + talk(1, 30), "You know, I think that " + talk(2, 40), talk(3, 60)]
    words, said, truth, _, audio = episode(texts, cut=1)
    cut = [index for index, word in enumerate(words) if word.turn == 1]
    result = align(words, ScriptedRecogniser(said), audio)
    (gap,) = result.gaps
    assert (gap.kind, gap.first_word, gap.last_word) == (TEXT_WITHOUT_AUDIO, cut[0], cut[-1])
    assert [index for index in misplaced(result, truth) if index not in cut] == []


def test_a_few_words_misheard_as_earlier_text_do_not_pull_the_words_back_in_time():
    """Half a minute after the last run heard, four words are misheard as words just
    after it ("to do in the"); the clock says the speaker is far past them. Only a
    few other words were heard meanwhile, where the clock says the text is."""
    texts = [talk(0, 60), talk(1, 160), talk(2, 60)]
    words, said, truth, _, audio = episode(texts)
    last_heard = next(index for index, word in enumerate(words) if word.turn == 1) + 2
    snippet = range(last_heard + 40, last_heard + 45)
    back = range(last_heard + 5, last_heard + 9)
    quiet = (truth[last_heard + 1], truth[last_heard + 120])
    heard = [entry for index, entry in enumerate(said) if not quiet[0] <= entry[1] < quiet[1] or index in snippet]
    at = truth[last_heard + 90]
    heard += [(words[index].key, at + k * MS_PER_WORD, at + k * MS_PER_WORD + 290) for k, index in enumerate(back)]
    heard.sort(key=lambda entry: entry[1])
    result = align(words, ScriptedRecogniser(heard), audio)
    assert result.gaps == [], result.gaps
    assert misplaced(result, truth) == []


def test_a_word_heard_twice_in_a_transcript_that_repeats_does_not_jump_a_whole_repeat_ahead():
    """The same block of text over and over (a compilation, or the long-episode
    benchmark); right after a run is anchored the recogniser hears its last word
    again ("pick a colour if if you like"), which matches only in the next repeat."""
    block = [talk(0, 40), talk(1, 40), talk(2, 40)]
    words, said, truth, _, audio = episode(block * 4)
    stumble = len(words) // 4 + 50  # in the second repeat
    key, start, end = said[stumble]
    heard = [*said[: stumble + 1], (key, end + 5, end + 10), *said[stumble + 1 :]]
    result = align(words, ScriptedRecogniser(heard), audio)
    assert result.gaps == [], result.gaps
    assert misplaced(result, truth) == []
