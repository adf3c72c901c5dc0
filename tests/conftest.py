"""Shared test setup: offscreen Qt, and paths to fixtures and the shared samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before any Qt import: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Beside the project; a git worktree sits one folder deeper (wt/BRANCH).
SAMPLES = next(
    (p / "shared" / "samples" for p in (PROJECT.parent, PROJECT.parent.parent) if (p / "shared" / "samples").is_dir()),
    PROJECT.parent / "shared" / "samples",
)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def samples() -> Path:
    """The real episodes beside the project; absent on some machines."""
    if not SAMPLES.is_dir():
        pytest.skip(f"the shared samples folder is absent ({SAMPLES}); these tests read real episodes from it")
    return SAMPLES
