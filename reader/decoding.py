"""Bytes to text, for the encodings transcripts really arrive in.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32). Without one, strict
UTF-8 is tried (the quick path nearly every file takes), then UTF-16 without
a mark (every other byte zero). Anything else is handed to charset-normalizer,
which tells Windows-1251 Russian from Shift-JIS Japanese from Windows-1252
by the letters they make; the transcript then carries a warning naming the
encoding used, since a guess can be wrong. Line endings (CRLF, CR) become LF
so that parsers see one kind of line.
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
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])

#: Share of control characters above which text is taken for binary data.
_MAX_CONTROL_SHARE = 0.01

#: How much charset-normalizer looks at: enough letters to tell languages
#: apart, little enough that a 100 MB file is not scanned twice.
_DETECT_BYTES = 262144

#: Names people know, for the codecs charset-normalizer reports.
_ENCODING_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp932": "Shift-JIS (Japanese)",
    "shift_jis": "Shift-JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb2312": "GB2312 (Simplified Chinese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "EUC-KR (Korean)",
    "koi8_r": "KOI8-R (Russian)",
    "latin_1": "Latin-1",
    "iso8859_1": "Latin-1",
}

_BINARY_SENTENCE = (
    "{name} looks like binary data, not text; open the transcript file itself (.txt, .md, .srt, .vtt or .json)."
)


def decode(data: bytes, name: str = "The file") -> str:
    """Text of ``data`` with LF line endings; raises TranscriptError for binary data."""
    return decode_with_note(data, name)[0]


def decode_with_note(data: bytes, name: str = "The file") -> tuple[str, str | None]:
    """Text of ``data`` with LF line endings, and a warning when the encoding
    had to be guessed (None on the UTF-8 and UTF-16 paths)."""
    text, note = _decode_bytes(data, name)
    if _looks_binary(text):
        raise TranscriptError(_BINARY_SENTENCE.format(name=name))
    return text, note


def refuse_binary_head(head: bytes, name: str) -> None:
    """Refuse binary data from the file's first bytes, before the rest is read.

    Control bytes never occur inside UTF-8 or the legacy multi-byte encodings,
    so they are counted on the bytes themselves; UTF-16 and UTF-32 (whose
    zeros are normal) are decoded first.
    """
    encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None) or _unmarked_utf16(head)
    if encoding is not None:
        width = 4 if "32" in encoding else 2
        sample = head[: len(head) - len(head) % width].decode(encoding, errors="replace")
        if _looks_binary(sample):
            raise TranscriptError(_BINARY_SENTENCE.format(name=name))
        return
    if b"\x00" in head or len(head) - len(head.translate(None, _CONTROL_BYTES)) > _MAX_CONTROL_SHARE * len(head):
        raise TranscriptError(_BINARY_SENTENCE.format(name=name))


#: Large files are decoded this much at a time (see :func:`_sliced`).
_SLICE_BYTES = 1 << 20


def _sliced(data: bytes | memoryview, encoding: str) -> str:
    """``data`` decoded with LF line endings, a megabyte at a time.

    A file read on a worker thread while the window runs must not hold
    Python's interpreter lock in one long call: decoding 35 MB at once, or
    replacing its line endings, holds it for 20 to 70 ms, and the window
    cannot answer meanwhile. Slices of a megabyte hold it for about one.
    Raises UnicodeDecodeError like ``bytes.decode``.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    parts: list[str] = []
    carried = ""  # a CR at a slice's end may be the first half of a CRLF
    for start in range(0, len(view), _SLICE_BYTES):
        final = start + _SLICE_BYTES >= len(view)
        part = carried + decoder.decode(view[start : start + _SLICE_BYTES], final=final)
        carried = ""
        if not final and part.endswith("\r"):
            part, carried = part[:-1], "\r"
        if "\r" in part:
            part = part.replace("\r\n", "\n").replace("\r", "\n")
        parts.append(part)
    return "".join(parts)


def _decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _sliced(memoryview(data)[len(bom) :], encoding), None
            except UnicodeDecodeError:
                raise TranscriptError(
                    f"{name} starts with a {encoding.upper()} marker but is not valid "
                    f"{encoding.upper()} text; save it again as UTF-8 and reopen it."
                ) from None
    # UTF-16 of ASCII-range letters (Cyrillic among them) is valid UTF-8 full
    # of zeros, so a zero in the head sends the file to the UTF-16 check first.
    unmarked_utf16 = _unmarked_utf16(data) if b"\x00" in data[:4096] else None
    if unmarked_utf16 is None:
        try:
            return _sliced(data, "utf-8"), None
        except UnicodeDecodeError:
            unmarked_utf16 = _unmarked_utf16(data)
    if unmarked_utf16:
        try:
            return _sliced(data, unmarked_utf16), None
        except UnicodeDecodeError:
            pass
    return _detected(data, name)


def _detected(data: bytes, name: str) -> tuple[str, str]:
    """Text in the encoding charset-normalizer finds most likely.

    Windows-1252 (what Word and older Windows tools save) is kept whenever it
    reads the same letters as the guess, since short Western files fit several
    code pages equally well. Latin-1 maps every byte, so it is the last resort
    that never fails and never drops a character.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:_DETECT_BYTES])
    best = matches.best()
    encoding = best.encoding if best is not None else "cp1252"
    if best is not None and any(m.encoding == "cp1252" and m.chaos <= best.chaos for m in matches):
        encoding = "cp1252"
    if not _decodes(data, encoding):  # the guess came from the head; the tail disagrees
        encoding = "cp1252" if _decodes(data, "cp1252") else "latin_1"
    label = _ENCODING_NAMES.get(encoding, encoding.replace("_", "-").upper())
    note = (
        f"{name} is not saved as UTF-8, so it was read as {label}; if letters look wrong, "
        "save it again as UTF-8 and reopen it."
    )
    return _sliced(data, encoding), note


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _unmarked_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
        if len(sample) < 4:
            return None
    # Zeros on one side only: the high bytes of ASCII (spaces, digits,
    # punctuation), which every transcript has, even in Cyrillic or Greek.
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    enough = max(2, len(sample) // 40)
    if odd_zeros >= enough and even_zeros == 0:
        return "utf-16-le"
    if even_zeros >= enough and odd_zeros == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1)
