"""Every layout the app reads, as detection sees it: its name, its label, the
cheap ``guess`` that recognises it from the head of a file, and where its
parser lives.

This is the half of each layout that runs on every file opened, so it holds
only what the guesses need (a few patterns, stdlib ``re`` alone). A layout's
parser module (its patterns, JSON, XML and Markdown helpers) is imported by
:class:`~reader.formats.base.Parser` when a file turns out to be that layout,
so opening a plain-text transcript never loads the JSON, XML or HTML readers.
The registry, :mod:`reader.formats`, lists these in the order they are tried.
"""

from __future__ import annotations

import re

from reader.formats.base import Format, Parser
from reader.formats.lazy_pattern import LazyPattern
from reader.timecode import CLOCK_FIELDS, CLOCK_PATTERN

# -- JSON --------------------------------------------------------------------------

#: An object that opens with a key (or is empty), or a list of objects: a text
#: transcript may open with "[00:01]" or "{music}", never with these.
_JSON_OPENING = LazyPattern(r'[\ufeff\s]*(?:\{\s*["}]|\[\s*[{\]])')


def looks_like_json(head: str) -> bool:
    """Whether the text opens as a JSON object or a list of objects (after a BOM or spaces)."""
    return _JSON_OPENING.match(head) is not None


def opens_a_list(head: str) -> bool:
    """Whether the JSON text is a list at the top (faster-whisper scripts write one)."""
    return head.lstrip("\ufeff \t\r\n").startswith("[")


def guess_app_json(head: str) -> bool:
    """The three keys only this app's JSON has together."""
    return looks_like_json(head) and '"turns"' in head and '"timing"' in head and '"format"' in head


def guess_deepgram(head: str) -> bool:
    """Deepgram answers open with ``metadata`` (``request_id``, ``sha256``);
    the words sit under ``channels`` ... ``alternatives``."""
    if not looks_like_json(head) or '"results"' not in head:
        return False
    return '"request_id"' in head or '"channels"' in head and '"alternatives"' in head


def guess_assemblyai(head: str) -> bool:
    return looks_like_json(head) and ('"audio_url"' in head or '"acoustic_model"' in head) and '"status"' in head


def guess_aws(head: str) -> bool:
    return looks_like_json(head) and '"results"' in head and ('"transcripts"' in head or '"jobName"' in head)


def guess_rev(head: str) -> bool:
    return looks_like_json(head) and '"monologues"' in head


#: openai-whisper, whisper-timestamped and the Hugging Face pipeline write the
#: whole text first: in a long episode it fills the head detection reads.
_WHISPER_TEXT_FIRST = LazyPattern(r'[\ufeff\s]*\{\s*(?:"text"\s*:|"task"\s*:\s*"(?:transcribe|translate)")')


def guess_whisper(head: str) -> bool:
    """Cheap on purpose: the parser does the real check."""
    if not looks_like_json(head):
        return False
    if _WHISPER_TEXT_FIRST.match(head):
        return True
    if '"transcription"' in head and '"offsets"' in head:
        return True
    if '"chunks"' in head and '"timestamp"' in head:
        return True
    return '"start"' in head and ('"segments"' in head or opens_a_list(head))


_OPENING_BRACE = LazyPattern(r"[\ufeff\s]*\{")


def guess_podcast_json(text: str) -> bool:
    """Cheap on purpose: the parser does the real check."""
    return _OPENING_BRACE.match(text) is not None and '"segments"' in text


#: A key that only a transcript has, in any JSON layout that also lists chapters.
_HOLDS_WORDS = LazyPattern(r'"(?:turns|segments)"\s*:')


def guess_chapters_json(head: str) -> bool:
    """A file with chapters and no transcript in it: one that also has
    ``turns`` or ``segments`` is a transcript that lists its chapters."""
    return looks_like_json(head) and '"chapters"' in head and not _HOLDS_WORDS.search(head)


# -- Text layouts ------------------------------------------------------------------

_TSV_HEADER = "start\tend\ttext"


def guess_whisper_tsv(head: str) -> bool:
    return head.lstrip("\ufeff").lstrip("\r\n").split("\n", 1)[0].rstrip("\r").lower() == _TSV_HEADER


_VTT_SIGNATURE = LazyPattern(r"[\ufeff\s]*WEBVTT")


def guess_webvtt(text: str) -> bool:
    return _VTT_SIGNATURE.match(text) is not None


_TTML_SIGNATURE = LazyPattern(r"<(?:[\w-]+:)?tt[\s>]")
_TTML_NAMESPACE_HINT = LazyPattern(r"ttml|ttaf1|dfxp", re.IGNORECASE)


def guess_ttml(text: str) -> bool:
    head = text[:4096]
    return _TTML_SIGNATURE.search(head) is not None and _TTML_NAMESPACE_HINT.search(head) is not None


# Whole elements, not the tag names alone: a note that mentions "<cite>/<time>"
# is not a transcript. Bounded runs keep the search linear on crafted text.
_HAS_CITE = LazyPattern(r"<cite(?:\s[^<>]{0,300})?>[^<]{0,300}</cite>", re.IGNORECASE)
_HAS_TIME = LazyPattern(r"<time(?:\s[^<>]{0,300})?>[^<]{0,100}</time>", re.IGNORECASE)


def guess_p20_html(text: str) -> bool:
    return _HAS_CITE.search(text) is not None and _HAS_TIME.search(text) is not None


_SRT_CLOCK = r"(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{1,3}"
#: Only the start clock is checked, so a file whose end times are garbled is still
#: read as SubRip and gets a warning per bad cue rather than a misreading.
_SRT_TIMING_LINE = LazyPattern(
    rf"^[ \t]*(?:{_SRT_CLOCK}[ \t]*--?>|\d[\d:.,]{{3,15}}[^\s>]{{0,8}}[ \t]*-->[ \t]*\d)", re.MULTILINE
)
#: SubRip is detected near the top; a real file has its first cue there.
_SRT_GUESS_CHARS = 4096


def guess_srt(text: str) -> bool:
    return _SRT_TIMING_LINE.search(text, 0, _SRT_GUESS_CHARS) is not None


#: YouTube's SubViewer time line: ``0:00:03.900,0:00:08.460``.
SBV_TIMING = LazyPattern(
    r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>[0-5]\d)[.,](?P<f>\d{1,3}),"
    r"(?P<h2>\d{1,2}):(?P<m2>\d{2}):(?P<s2>[0-5]\d)[.,](?P<f2>\d{1,3})"
)


def guess_sbv(text: str) -> bool:
    return SBV_TIMING.match(text.lstrip("\ufeff \t\n")) is not None


BRACKETED_SPEAKER_LINE = LazyPattern(rf"\[(?P<name>[^\[\]\n]{{1,80}})\][ \t]*\[{CLOCK_FIELDS}\][ \t]*(?P<text>.*)")
BRACKETED_RANGE_LINE = LazyPattern(
    r"\[(?P<start>\d{1,6}(?:\.\d{1,3})?)[ \t]*-[ \t]*(?P<end>\d{1,6}(?:\.\d{1,3})?)\][ \t]*(?P<text>.*)"
)
#: How many of the first non-empty lines detection looks at, and how many must fit.
_BRACKETED_GUESS_LINES = 10
_BRACKETED_GUESS_SHARE = 0.6


def guess_bracketed(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n", 200)[:200] if line.strip()][:_BRACKETED_GUESS_LINES]
    if not lines or not lines[0].startswith("["):
        return False
    fits = sum(1 for line in lines if BRACKETED_SPEAKER_LINE.match(line) or BRACKETED_RANGE_LINE.match(line))
    return fits >= _BRACKETED_GUESS_SHARE * len(lines)


FRONT_MATTER = LazyPattern(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
BOLD_LABEL = LazyPattern(r"(?m)^[ \t]*(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)[ \t]*[:(\[]")
_HEADING_LINE = LazyPattern(r"(?m)^#{1,6}[ \t]+\S")


def guess_markdown(text: str) -> bool:
    return bool(FRONT_MATTER.match(text) or BOLD_LABEL.search(text) or _HEADING_LINE.search(text))


#: A speaker's name in a plain-text label, and the brackets a stamp may wear.
LABEL_NAME = r"[^\W\d_][\w.'’\-]*(?:[ \t]+(?!\d{1,3}:\d)(?:&|[\w.'’][\w.'’\-]*)){0,4}"
LABEL_OPEN = r"(?:[\(\[]\s*)?"
LABEL_CLOSE = r"(?:\s*[\)\]])?"
_HAS_STAMP = LazyPattern(rf"(?m)^[ \t]*{LABEL_OPEN}{CLOCK_PATTERN}")
_HAS_NAME = LazyPattern(
    rf"(?m)^[ \t]*{LABEL_NAME}[ \t]*(?:[-–—|,][ \t]*)?(?:{LABEL_OPEN}{CLOCK_PATTERN}{LABEL_CLOSE}|:)"
)


def guess_plain_text(text: str) -> bool:
    return bool(_HAS_STAMP.search(text) or _HAS_NAME.search(text))


# -- The layouts -------------------------------------------------------------------


def _parser(module: str, function: str = "parse") -> Parser:
    return Parser(f"reader.formats.{module}", function)


APP_JSON = Format("transcript-reader-json", "Transcript Reader JSON", guess_app_json, _parser("app_json"))
DEEPGRAM = Format("deepgram", "Deepgram JSON", guess_deepgram, _parser("speech_services", "parse_deepgram"))
ASSEMBLYAI = Format("assemblyai", "AssemblyAI JSON", guess_assemblyai, _parser("speech_services", "parse_assemblyai"))
AWS = Format("aws-transcribe", "Amazon Transcribe JSON", guess_aws, _parser("speech_services", "parse_aws"))
REV = Format("rev-ai", "Rev.ai JSON", guess_rev, _parser("speech_services", "parse_rev"))
WHISPER_JSON = Format("whisper-json", "Whisper JSON", guess_whisper, _parser("whisper"))
PODCAST_JSON = Format("podcast-json", "Podcasting 2.0 JSON", guess_podcast_json, _parser("podcast_json"))
CHAPTERS_JSON = Format(
    "podcast-chapters", "Podcasting 2.0 chapters JSON", guess_chapters_json, _parser("chapters_json")
)
OTHER_JSON = Format(
    "json", "JSON (not a known transcript layout)", looks_like_json, _parser("json_common", "parse_other")
)
WHISPER_TSV = Format("whisper-tsv", "Whisper TSV", guess_whisper_tsv, _parser("whisper", "parse_tsv"))
WEBVTT = Format("webvtt", "WebVTT captions", guess_webvtt, _parser("subtitles", "parse_webvtt"))
TTML = Format("ttml", "TTML / DFXP timed text (Apple Podcasts)", guess_ttml, _parser("ttml"))
P20_HTML = Format("p20-html", "Podcasting 2.0 HTML", guess_p20_html, _parser("p20_html"))
SRT = Format("srt", "SubRip subtitles", guess_srt, _parser("subtitles", "parse_srt"))
SBV = Format("sbv", "YouTube SBV captions", guess_sbv, _parser("subtitles", "parse_sbv"))
BRACKETED = Format(
    "bracketed", "Bracketed lines (Transistor, youtube-transcript-api)", guess_bracketed, _parser("bracketed")
)
MARKDOWN = Format("markdown", "Markdown (Substack, Obsidian, podcast pages)", guess_markdown, _parser("markdown"))
PLAIN_TEXT = Format("plain-text", "Plain text with speaker and time labels", guess_plain_text, _parser("labelled"))
