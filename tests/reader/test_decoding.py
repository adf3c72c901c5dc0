"""Legacy encodings are detected, read right, and named in a warning."""

from __future__ import annotations

import pytest

from reader.importer import parse_bytes

_RUSSIAN = "00:00 Иван: Привет, как дела? Сегодня мы поговорим о хлебе.\n00:05 Мария: Хорошо, спасибо, давай начнём.\n"
_JAPANESE = "00:00 田中: こんにちは、今日はパンについて話しましょう。\n00:05 佐藤: はい、よろしくお願いします。\n"


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (_RUSSIAN, "cp1251", "Windows-1251"),
        (_JAPANESE, "shift_jis", "Shift-JIS"),
        ("Jane: Café au lait – “quoted”.\nJohn: Naïve.\n", "cp1252", "Windows-1252"),
    ],
)
def test_legacy_encodings_read_right_with_a_warning_naming_the_encoding(text, encoding, named):
    t = parse_bytes(text.encode(encoding), "episode.txt")
    assert [f"{turn.speaker}: {turn.text}" for turn in t.turns] == [
        line.removeprefix("00:00 ").removeprefix("00:05 ") for line in text.strip().split("\n")
    ]
    assert named in t.warnings[0]
    assert "episode.txt is not saved as UTF-8" in t.warnings[0]


def test_utf8_takes_the_quick_path_with_no_warning():
    t = parse_bytes(_RUSSIAN.encode("utf-8"), "episode.txt")
    assert t.turns[0].speaker == "Иван"
    assert t.warnings == ()


def test_unmarked_utf16_is_read_without_a_guess():
    t = parse_bytes(_RUSSIAN.encode("utf-16-le"), "episode.txt")
    assert t.turns[1].speaker == "Мария"
    assert t.warnings == ()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_a_file_of_several_megabytes_reads_the_same_whatever_falls_on_the_slice_edges(encoding):
    """Large files are decoded a megabyte at a time; a CRLF, a CR or a
    two-byte letter split between slices still reads as one."""
    from reader.decoding import decode

    line = "Jane: Café on the Crème street,\r\n" if encoding == "cp1252" else "Jane: Grüße, “quoted” ✓\r\n"
    text = "".join(line[: 7 + n % 13] + ("\r" if n % 5 == 0 else "\r\n") for n in range(300_000))
    decoded = decode(text.encode(encoding), "big.txt")
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    assert "\r" not in decoded


def test_invalid_utf8_after_the_first_megabyte_is_still_noticed():
    from reader.decoding import decode

    data = ("Jane: words " * 200_000).encode() + "Café".encode("cp1252") + b"\n"
    assert decode(data, "big.txt").endswith("Café\n")
