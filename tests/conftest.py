"""Shared test setup: offscreen Qt, and paths to fixtures and the shared samples."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Before any Qt import: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Some machines (these) set PYTHONDONTWRITEBYTECODE, so every Python process
# the tests start (the app killed while saving, the alignment worker, the
# command line, a fresh import of the core) compiled each module it imports
# from source: 3.7 s instead of 1.8 s to import the window. Python's default,
# CI's and users', is to keep bytecode in __pycache__ (git-ignored); the
# tests' processes keep it too.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Beside the project in the main checkout; TRANSCRIPT_READER_SAMPLES points
#: elsewhere (a worktree one level deeper).
SAMPLES = Path(os.environ.get("TRANSCRIPT_READER_SAMPLES") or PROJECT.parent / "shared" / "samples")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def samples() -> Path:
    """The real episodes beside the project; absent on some machines."""
    if not SAMPLES.is_dir():
        pytest.skip(f"the shared samples folder is absent ({SAMPLES}); these tests read real episodes from it")
    return SAMPLES


@pytest.fixture
def hold_write_lock():
    """Another program taking a library's write lock: ``release = hold(path)``.
    Every lock still held is let go when the test ends."""
    import sqlite3

    held = []

    def hold(path):
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        held.append(other)

        def release() -> None:
            if other.in_transaction:
                other.execute("ROLLBACK")

        return release

    yield hold
    for other in held:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def real(samples) -> Path:
    """The real files other tools wrote (samples/real); absent on some machines."""
    folder = samples / "real"
    if not folder.is_dir():
        pytest.skip(f"the real samples folder is absent ({folder}); these tests read real tools' files from it")
    return folder


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 (tests/loopback_server.py), stopped after the test."""
    from loopback_server import LoopbackServer

    serving = LoopbackServer()
    yield serving
    serving.close()
