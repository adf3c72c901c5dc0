"""What a file is, judged from its name and its first 64 KB, before it is read.

People open the wrong file: the episode's audio, its video, the podcast
app's playlist, a PDF. Each gets its own sentence saying what it is and what
to open instead, and none of them is read further than its head, so a 190 MB
video is refused at once and in a few kilobytes of memory.
"""

from __future__ import annotations

import os

from reader.errors import TranscriptError
from reader.pairing import AUDIO_SUFFIXES

#: How much of a file is looked at before the rest is read.
HEAD_BYTES = 65536

VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mkv", ".webm", ".mov", ".avi", ".wmv", ".flv", ".mpg", ".mpeg", ".ts"})
PLAYLIST_SUFFIXES = frozenset({".m3u", ".m3u8", ".pls", ".xspf", ".wpl"})

#: ISO media brands (bytes 8-12 of an ``ftyp`` box) that hold sound only.
_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B ")

#: Signatures at the very start of a file, and what kind of file they mean.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"ID3", "audio"),
    (b"fLaC", "audio"),
    (b"OggS", "audio"),
    (b"#!AMR", "audio"),
    (b"\x1aE\xdf\xa3", "video"),  # Matroska and WebM
    (b"FLV\x01", "video"),
    (b"\x00\x00\x01\xba", "video"),  # MPEG program stream
    (b"\x00\x00\x01\xb3", "video"),
    (b"0&\xb2u\x8ef\xcf\x11", "video"),  # ASF: WMV and WMA
    (b"#EXTM3U", "playlist"),
    (b"[playlist]", "playlist"),
    (b"%PDF-", "document"),
    (b"PK\x03\x04", "archive"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf", "archive"),
    (b"Rar!", "archive"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
)

_SENTENCES = {
    "audio": "{name} is an audio file; open its transcript instead, and the audio will be paired with it.",
    "video": (
        "{name} is a video file, not a transcript; open the transcript or captions that came with it "
        "(.srt, .vtt, .txt), and play the video's sound beside it."
    ),
    "playlist": (
        "{name} is a playlist, a list of episodes to play, not a transcript; open the transcript "
        "file of the episode you want to read."
    ),
    "document": "{name} is a PDF document, which this app cannot read; copy its text into a .txt file and open that.",
    "archive": "{name} is a compressed archive; unpack it first and open the transcript file inside.",
    "image": "{name} is a picture, not a transcript; open the transcript file itself (.txt, .md, .srt or .vtt).",
}


def refuse_by_kind(head: bytes, name: str) -> None:
    """Raise the sentence for a file that is plainly not a transcript.

    ``head`` is the file's first :data:`HEAD_BYTES`; ``name`` its base name
    (or "The file" when there is none, so only the content decides).
    """
    kind = kind_of(head, name)
    if kind is not None:
        raise TranscriptError(_SENTENCES[kind].format(name=name))


def kind_of(head: bytes, name: str) -> str | None:
    """``"audio"``, ``"video"``, ``"playlist"``, ``"document"``, ``"archive"``,
    ``"image"`` or None for a file that may be a transcript."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in AUDIO_SUFFIXES:
        return "audio"
    if suffix in VIDEO_SUFFIXES and not _looks_like_text(head):
        return "video"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":  # ISO media: MP4, M4A, MOV, 3GP
        return "audio" if head[8:12] in _AUDIO_BRANDS else "video"
    if head[:4] == b"RIFF":
        return {b"WAVE": "audio", b"AVI ": "video"}.get(head[8:12])
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xf1", b"\xff\xf9"):
        return "audio"  # MPEG audio and ADTS AAC frames without a tag
    if head[:1] == b"\x47" and head[188:189] == b"\x47" and head[376:377] == b"\x47":
        return "video"  # MPEG transport stream: a sync byte every 188 bytes
    if suffix in PLAYLIST_SUFFIXES and _looks_like_playlist(head):
        return "playlist"
    return None


def _looks_like_text(head: bytes) -> bool:
    """``.ts`` is also TypeScript and ``.mpg`` names are reused; text is not video."""
    return b"\x00" not in head[:4096]


def _looks_like_playlist(head: bytes) -> bool:
    """Lines of media paths or addresses, as .m3u files without a header hold,
    or an XML playlist."""
    if b"<playlist" in head[:2048] or b"<smil" in head[:2048]:
        return True
    lines = [line.strip() for line in head.decode("latin-1").splitlines()[:20] if line.strip()]
    media = AUDIO_SUFFIXES | VIDEO_SUFFIXES
    return bool(lines) and all(
        line.startswith(("#", "http://", "https://")) or os.path.splitext(line)[1].lower() in media for line in lines
    )
