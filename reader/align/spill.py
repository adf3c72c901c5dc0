"""Held audio that has waited too long in memory, kept in a temporary file instead.

The aligner holds the audio since its last anchor, because the words
between that anchor and the next are placed in it later. Where no anchor
comes for many minutes (a long ad, music, talk the transcript leaves out)
that is 115 MB an hour of decoded audio: past a limit, its older part goes
to a file in the scratch folder, and slices are read back when they are
needed. The file is anonymous where the system allows it (POSIX), so it is
gone however the process ends.
"""

from __future__ import annotations

import tempfile
from typing import IO

from reader.align.audio import BYTES_PER_MS


class Spill:
    """The audio ``start_ms``..``end_ms``, on disk; empty until :meth:`append` is first called."""

    def __init__(self, folder: str | None = None) -> None:
        self._folder = folder
        self._file: IO[bytes] | None = None
        self._origin_ms = 0  # the time of the file's first byte
        self.start_ms = 0
        self.end_ms = 0

    @property
    def holding(self) -> bool:
        """True while it holds audio (a file is open)."""
        return self._file is not None

    def append(self, start_ms: int, pcm: bytes | memoryview) -> None:
        """Add ``pcm`` (whole milliseconds), which starts at ``start_ms``: where the held audio ends, when any is."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self._folder)
            self._origin_ms = self.start_ms = self.end_ms = start_ms
        assert start_ms == self.end_ms, "spilled audio is one stretch"
        self._file.seek(0, 2)
        self._file.write(pcm)
        self.end_ms += len(pcm) // BYTES_PER_MS

    def read(self, start_ms: int, end_ms: int) -> bytes:
        """The audio from ``start_ms`` to ``end_ms``, as much of it as is here."""
        start_ms, end_ms = max(start_ms, self.start_ms), min(end_ms, self.end_ms)
        if self._file is None or end_ms <= start_ms:
            return b""
        self._file.seek((start_ms - self._origin_ms) * BYTES_PER_MS)
        return self._file.read((end_ms - start_ms) * BYTES_PER_MS)

    def drop_before(self, ms: int) -> None:
        """The audio before ``ms`` is no longer needed; the file goes once none of it is."""
        if ms >= self.end_ms:
            self.close()
        else:
            self.start_ms = max(self.start_ms, ms)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self.start_ms = self.end_ms = 0
