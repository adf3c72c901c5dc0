"""Alignment tests need pocketsphinx and PyAV (absent on Python 3.12) and espeak-ng to speak the episodes."""

from __future__ import annotations

import shutil

import pytest
from speech_episode import espeak_available

from reader.align import unavailable_reason


@pytest.fixture
def aligner_ready() -> None:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not espeak_available() or not shutil.which("sox") or not shutil.which("ffmpeg"):
        pytest.skip("espeak-ng, sox and ffmpeg are needed to make the spoken test episodes")
