"""Bytes to text, for the encodings transcripts really arrive in.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32). Without one, strict
UTF-8 is tried, then UTF-16 without a mark (every other byte zero), then
Windows-1252, which is what Word and older Windows tools save. Line endings
(CRLF, CR) become LF so that parsers see one kind of line.
"""

from __future__ import annotations

import codecs
import re

from reader.errors import TranscriptError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

#: Share of control characters above which text is taken for binary data.
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, name: str = "The file") -> str:
    """Text of ``data`` with LF line endings; raises TranscriptError for binary data."""
    text = _decode_bytes(data, name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise TranscriptError(
            f"{name} looks like binary data, not text; open the transcript "
            "file itself (.txt, .md, .srt, .vtt or .json)."
        )
    return text


def _decode_bytes(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise TranscriptError(
                    f"{name} starts with a {encoding.upper()} marker but is not valid "
                    f"{encoding.upper()} text; save it again as UTF-8 and reopen it."
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    unmarked_utf16 = _unmarked_utf16(data)
    if unmarked_utf16:
        try:
            return data.decode(unmarked_utf16)
        except UnicodeDecodeError:
            pass
    # Windows-1252 leaves five bytes undefined; Latin-1 maps every byte, so
    # it is the last resort that never fails and never drops a character.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _unmarked_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.4 * half and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1)
