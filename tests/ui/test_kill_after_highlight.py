"""Killing the app (SIGKILL) right after it showed a highlight as saved loses nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import Store

CHILD = Path(__file__).with_name("kill_child.py")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_highlight_shown_as_saved_survives_sigkill(tmp_path, episode):
    data_dir = tmp_path / "library"
    for _round in range(3):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(episode[0])],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        said = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert said.startswith("Highlight saved"), said
    with Store.open(data_dir) as store:
        [summary] = store.episodes()
        quotes = [h.anchor.quote for h in store.highlights(summary.episode.id)]
    assert quotes == ["Thanks"] * 3
