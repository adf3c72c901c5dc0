"""Patterns compiled on first use behave as compiled ones, and cost nothing until used."""

from __future__ import annotations

import re

import pytest

from reader.formats.lazy_pattern import LazyPattern


def test_a_pattern_is_compiled_only_when_first_used():
    broken = LazyPattern("(unclosed")  # a compiled pattern would fail here
    assert broken.pattern == "(unclosed"
    with pytest.raises(re.error):
        broken.search("text")


def test_it_answers_as_the_compiled_pattern_does_and_then_is_that_pattern():
    source, flags = r"(?P<name>[^\W\d_]+):\s*(?P<text>.*)", re.IGNORECASE
    lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
    text = "Ana: hello\nben: hi"
    assert lazy.match(text).groupdict() == compiled.match(text).groupdict()
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("-", text) == compiled.sub("-", text)
    assert lazy.fullmatch("x") is None and lazy.split(text) == compiled.split(text)
    assert isinstance(lazy.search.__self__, re.Pattern)  # bound once: later calls go straight to it


def test_a_name_it_does_not_offer_is_an_attribute_error():
    with pytest.raises(AttributeError):
        LazyPattern("x").scanner  # noqa: B018
