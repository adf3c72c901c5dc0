"""A stand-in for the alignment worker that has already finished (tests of what happens after)."""

from __future__ import annotations

from reader.align import Alignment


class FinishedJob:
    """Done at once with ``result``; or failed with ``failure``, the worker's sentence."""

    def __init__(self, result: Alignment, failure: str = "") -> None:
        self._result = result
        self.state = "failed" if failure else "done"
        self.message, self.fraction, self.words_ready = failure, 1.0, len(result.starts)

    def poll(self, timeout: float = 0.0) -> bool:
        return True

    def alignment(self) -> Alignment:
        return self._result

    def cancel(self) -> None:
        """Already finished."""
