"""The registry guesses with every layout but loads only the chosen one's parser.

Each layout's parser module costs milliseconds to import (compiled patterns,
JSON, XML and Markdown helpers), all of it before the window's first paint
if the registry imported them to guess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.formats import FORMATS, by_name

PROJECT = Path(__file__).resolve().parents[3]

PLAIN_TEXT = "00:00:01 Ana: Hello there.\n00:00:04 Ben: Hi, Ana.\n"
SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nHi, Ana.\n"


def _parser_modules_loaded_reading(text: str) -> set[str]:
    """Which layout parser modules a fresh interpreter has loaded once it has read ``text``."""
    code = (
        "import sys\n"
        "from reader.importer import parse_text\n"
        f"parse_text({text!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    parsers = {fmt.parse.module for fmt in FORMATS}
    return parsers & set(result.stdout.split())


@pytest.mark.parametrize(
    ("text", "layout"),
    [(PLAIN_TEXT, "plain-text"), (SRT, "srt")],
    ids=["plain-text", "srt"],
)
def test_reading_a_file_loads_only_its_own_layouts_parser(text, layout):
    """A plain-text transcript opens without the JSON, XML, HTML or subtitle
    readers being loaded, and a SubRip file without the plain-text one."""
    assert _parser_modules_loaded_reading(text) == {by_name(layout).parse.module}
