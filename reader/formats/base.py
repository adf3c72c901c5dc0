"""What a transcript layout is, apart from the registry that lists them.

Each layout module builds :class:`Format` values from this module alone, so
the registry (:mod:`reader.formats`) can import every layout module without
the layout modules importing it back (as pysubs2 keeps its base class apart
from its registry).
"""

from __future__ import annotations

from collections import namedtuple


class Format(namedtuple("Format", "name label guess parse")):
    """A layout: ``guess(head_of_text) -> bool`` and ``parse(text) -> Draft``."""

    __slots__ = ()
