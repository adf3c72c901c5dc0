"""Regular expressions compiled when first used, for the layouts every opening loads.

Guessing a file's layout loads :mod:`reader.formats.layouts`, and the plain
text layouts :mod:`reader.formats.labelled`. Compiling all of their patterns
at import took 13 ms of the window's first paint (some use Unicode classes,
slow to compile), though a file uses about half of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

#: What a compiled pattern offers, bound onto the lazy one at first use.
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Compiles ``pattern`` on the first call of one of its methods; from then
    on the compiled pattern's bound methods are this object's own attributes,
    so a hot loop pays what it pays with a compiled pattern. ``pattern`` (the
    source) is there from the start, to build other patterns from it."""

    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        """Only reached while a method is not yet bound (or for a name that is
        no method here). Two threads arriving at once both compile: harmless."""
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
