"""Transcripts from speech-to-text services, as their APIs return them.

- **Deepgram** (``/v1/listen``): ``{"metadata", "results": {"channels":
  [{"alternatives": [{"transcript", "words": [{"word", "punctuated_word"?,
  "start", "end", "speaker"?}], "paragraphs"?}]}], "utterances"?}}``.
  Words are preferred (``punctuated_word`` when ``smart_format`` or
  ``punctuate`` was on); without words, utterances, then paragraphs'
  sentences. ``speaker`` numbers count from 0. Multichannel answers (one
  voice a channel, not diarised) are merged in time, named "Channel 1" ....
- **AssemblyAI** (``/v2/transcript``): ``{"id", "status", "audio_url",
  "text", "words": [{"text", "start", "end", "speaker"?}], "utterances"?:
  [{"speaker": "A", "start", "end", "text", "words"}], "chapters"?}`` with
  times in milliseconds. Its auto-chapters (``headline``) become chapters.
- **AWS Transcribe**: ``{"jobName", "results": {"transcripts", "items":
  [{"type": "pronunciation" | "punctuation", "start_time": "1.84",
  "end_time", "alternatives": [{"content"}], "speaker_label"?}],
  "speaker_labels"?: {"segments": [{"speaker_label": "spk_0", "items":
  [...]}]}}}``; times are strings of seconds and punctuation has none.
  Older jobs name speakers only in ``speaker_labels``, matched by start time;
  jobs with channel identification name ``ch_0`` ... as "Channel 1" ....
- **Rev.ai**: ``{"monologues": [{"speaker": 0, "speaker_name"?, "elements":
  [{"type": "text" | "punct" | "unknown", "value", "ts", "end_ts"}]}]}``.

Every word keeps its own time (word spans), and speaker labels become
``Speaker 1`` / ``Speaker A`` (see :func:`json_common.readable_speakers`).
"""

from __future__ import annotations

from reader.errors import TranscriptError
from reader.formats import layouts
from reader.formats.json_common import (
    Words,
    draft_from,
    load_json,
    seconds_ms,
    speaker_label,
    text_of,
    whole_ms,
)
from reader.model import Chapter, Draft

_AGAIN = "download the transcript from {service} again, or export it as SRT, VTT or text"


def _again(service: str) -> str:
    return _AGAIN.format(service=service)


def _object(text: str, service: str) -> dict:
    data = load_json(text, service, _again(service))
    if not isinstance(data, dict):
        raise TranscriptError(f"This {service} file does not hold a transcript; {_again(service)}.")
    return data


def _first(value: object) -> dict:
    """The first object of a JSON list, or an empty one."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return {}


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _refuse_no_words(service: str, missing: str) -> TranscriptError:
    return TranscriptError(f"This {service} file has no {missing}, so there is nothing to read; {_again(service)}.")


# -- Deepgram -----------------------------------------------------------------------

DEEPGRAM = "Deepgram"


def parse_deepgram(text: str) -> Draft:
    data = _object(text, DEEPGRAM)
    results = _dict(data.get("results"))
    channels = [_dict(_first(_dict(channel).get("alternatives"))) for channel in _list(results.get("channels"))]
    alternative = channels[0] if channels else {}
    several = sum(1 for channel in channels if _list(channel.get("words"))) > 1
    words = Words()
    if several:  # multichannel: one voice a channel, merged in time order
        merged = [
            (_dict(word), f"Channel {number}")
            for number, channel in enumerate(channels, start=1)
            for word in _list(channel.get("words"))
        ]
        merged.sort(key=lambda pair: seconds_ms(pair[0].get("start")) or 0)
        for word, channel_name in merged:
            _deepgram_word(words, word, channel_name)
    elif _list(alternative.get("words")):
        for word in alternative["words"]:
            _deepgram_word(words, _dict(word))
    elif _list(results.get("utterances")):
        for utterance in results["utterances"]:
            utterance = _dict(utterance)
            if _list(utterance.get("words")):
                for word in utterance["words"]:
                    _deepgram_word(words, _dict(word))
            else:
                words.has_segments = True
                words.add(
                    seconds_ms(utterance.get("start")),
                    seconds_ms(utterance.get("end")),
                    text_of(utterance.get("transcript")),
                    speaker_label(utterance.get("speaker")),
                )
    else:
        for paragraph in _list(_dict(alternative.get("paragraphs")).get("paragraphs")):
            paragraph = _dict(paragraph)
            for sentence in _list(paragraph.get("sentences")):
                sentence = _dict(sentence)
                words.has_segments = True
                words.add(
                    seconds_ms(sentence.get("start")),
                    seconds_ms(sentence.get("end")),
                    text_of(sentence.get("text")),
                    speaker_label(paragraph.get("speaker")),
                )
    if not words.pieces:
        raise _refuse_no_words(DEEPGRAM, "timed words, utterances or paragraphs")
    return draft_from(words, DEEPGRAM, _again(DEEPGRAM))


def _deepgram_word(words: Words, word: dict, channel_name: str | None = None) -> None:
    """A word, named by its diarised speaker, else by its channel when there are several."""
    words.add_word(word, text_of(word.get("punctuated_word")) or text_of(word.get("word")), channel_name)


# -- AssemblyAI ---------------------------------------------------------------------

ASSEMBLYAI = "AssemblyAI"


def parse_assemblyai(text: str) -> Draft:
    data = _object(text, ASSEMBLYAI)
    status = data.get("status")
    if status in ("queued", "processing"):
        raise TranscriptError(
            f"This {ASSEMBLYAI} file was saved while the transcript was still {status}; "
            "download it again once AssemblyAI has finished."
        )
    if status == "error":
        reason = text_of(data.get("error")) or "no reason given"
        raise TranscriptError(
            f"This {ASSEMBLYAI} file records a transcription that failed ({reason}); transcribe the audio again."
        )
    words = Words()
    utterances = _list(data.get("utterances"))
    if utterances:
        for utterance in map(_dict, utterances):
            speaker = speaker_label(utterance.get("speaker"))
            if _list(utterance.get("words")):
                _assemblyai_words(words, utterance["words"], speaker)
            else:
                words.has_segments = True
                words.add(
                    whole_ms(utterance.get("start")),
                    whole_ms(utterance.get("end")),
                    text_of(utterance.get("text")),
                    speaker,
                )
    else:
        _assemblyai_words(words, _list(data.get("words")), None)
    if not words.pieces:
        raise _refuse_no_words(ASSEMBLYAI, "timed words or utterances")
    draft = draft_from(words, ASSEMBLYAI, _again(ASSEMBLYAI))
    draft.chapters = _assemblyai_chapters(data.get("chapters"))
    return draft


def _assemblyai_words(words: Words, items: list, speaker: object) -> None:
    for word in map(_dict, items):
        own = speaker_label(word.get("speaker"))
        words.add(
            whole_ms(word.get("start")),
            whole_ms(word.get("end")),
            text_of(word.get("text")),
            own if own is not None else speaker,
        )


def _assemblyai_chapters(chapters: object) -> list[Chapter]:
    """Auto-chapters, titled by their headline (or gist)."""
    found = []
    for chapter in map(_dict, _list(chapters)):
        start = whole_ms(chapter.get("start"))
        title = text_of(chapter.get("headline")) or text_of(chapter.get("gist"))
        if start is not None and title and title.strip():
            found.append(Chapter(start, " ".join(title.split())))
    return found


# -- AWS Transcribe ----------------------------------------------------------------

AWS = "Amazon Transcribe"


def parse_aws(text: str) -> Draft:
    data = _object(text, AWS)
    results = _dict(data.get("results"))
    items = _list(results.get("items"))
    if not items:
        raise _refuse_no_words(AWS, "timed words (its results hold no items)")
    by_start = _aws_speakers_by_start(_dict(results.get("speaker_labels")), _dict(results.get("channel_labels")))
    words = Words()
    for item in map(_dict, items):
        content = text_of(_dict(_first(item.get("alternatives"))).get("content"))
        if item.get("type") == "punctuation":
            if content:
                words.glue(content)
            continue
        start_text = item.get("start_time")
        speaker = speaker_label(item.get("speaker_label"))
        if speaker is None and isinstance(start_text, str):
            speaker = by_start.get(start_text)
        if speaker is None:
            speaker = _aws_channel_name(item.get("channel_label"))
        words.add(seconds_ms(start_text), seconds_ms(item.get("end_time")), content, speaker)
    if not words.pieces:
        raise _refuse_no_words(AWS, "timed words")
    return draft_from(words, AWS, _again(AWS))


def _aws_speakers_by_start(labels: dict, channels: dict) -> dict[str, object]:
    """Older jobs name speakers only in ``speaker_labels``, and jobs with
    channel identification name channels (``ch_0``, "Channel 1") only in
    ``channel_labels``: each word's start time to its speaker."""
    speakers: dict[str, object] = {}
    for channel in map(_dict, _list(channels.get("channels"))):
        name = _aws_channel_name(channel.get("channel_label"))
        for item in map(_dict, _list(channel.get("items"))):
            if isinstance(item.get("start_time"), str) and name is not None:
                speakers[item["start_time"]] = name
    for segment in map(_dict, _list(labels.get("segments"))):
        for item in map(_dict, _list(segment.get("items"))):
            start = item.get("start_time")
            label = speaker_label(item.get("speaker_label") or segment.get("speaker_label"))
            if isinstance(start, str) and label is not None:
                speakers[start] = label
    return speakers


def _aws_channel_name(label: object) -> str | None:
    if not isinstance(label, str) or not label.strip():
        return None
    number = label.strip().removeprefix("ch_")
    return f"Channel {int(number) + 1}" if number.isdigit() and len(number) < 5 else label.strip()


# -- Rev.ai ------------------------------------------------------------------------

REV = "Rev.ai"


def parse_rev(text: str) -> Draft:
    data = _object(text, REV)
    words = Words()
    for monologue in map(_dict, _list(data.get("monologues"))):
        name = text_of(monologue.get("speaker_name"))
        speaker = name.strip() if name and name.strip() else speaker_label(monologue.get("speaker"))
        for element in map(_dict, _list(monologue.get("elements"))):
            value = text_of(element.get("value"))
            if element.get("type") == "text":
                words.add(seconds_ms(element.get("ts")), seconds_ms(element.get("end_ts")), value, speaker)
            elif value and value.strip():
                words.glue(value)  # punctuation, or an <inaudible> mark
    if not words.pieces:
        raise _refuse_no_words(REV, "monologues with timed words")
    return draft_from(words, REV, _again(REV))


DEEPGRAM_FORMAT = layouts.DEEPGRAM
ASSEMBLYAI_FORMAT = layouts.ASSEMBLYAI
AWS_FORMAT = layouts.AWS
REV_FORMAT = layouts.REV
FORMATS = (ASSEMBLYAI_FORMAT, AWS_FORMAT, DEEPGRAM_FORMAT, REV_FORMAT)  # AWS names "channels" and "alternatives" too
