"""What a transcript layout is, apart from the registry that lists them.

Each layout is a :class:`Format` built from this module alone, so the
registry (:mod:`reader.formats`) never imports a layout module, and no
layout module imports the registry (as pysubs2 keeps its base class apart
from its registry).
"""

from __future__ import annotations

from collections import namedtuple
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.model import Draft


class Format(namedtuple("Format", "name label guess parse")):
    """A layout: ``guess(head_of_text) -> bool`` and ``parse(text) -> Draft``."""

    __slots__ = ()


class Parser:
    """A layout's parse function, imported from its module when first called.

    Guessing runs every layout's cheap ``guess`` on every file; the parsers
    (dozens of compiled patterns, JSON and XML helpers each) load only for
    the layout a file turns out to be, which keeps them off the first paint.
    """

    __slots__ = ("module", "function", "_loaded")

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function
        self._loaded: Callable[[str], Draft] | None = None

    def __call__(self, text: str) -> Draft:
        if self._loaded is None:
            self._loaded = getattr(import_module(self.module), self.function)
        return self._loaded(text)

    def __repr__(self) -> str:
        return f"Parser({self.module}.{self.function})"
