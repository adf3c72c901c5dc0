"""The aligner's scratch folder: what a killed aligner left behind is removed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.align.scratch import PREFIX, remove_folders_of, scratch_folder


def ended_pid() -> int:
    """The id of a process that has come and gone."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


@pytest.mark.skipif(os.name != "posix", reason="on Windows the app removes a worker's folder when it ends")
def test_a_new_aligner_removes_the_folders_of_aligners_that_are_gone_and_nothing_else(tmp_path):
    gone = tmp_path / f"{PREFIX}{ended_pid()}-abc"
    running = tmp_path / f"{PREFIX}{os.getpid()}-def"
    other = tmp_path / "someone-elses-folder"
    for folder in (gone, running, other):
        (folder / "sub").mkdir(parents=True)
    with scratch_folder(str(tmp_path)) as made:
        assert os.path.basename(made).startswith(f"{PREFIX}{os.getpid()}-")
        assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
            [running.name, other.name, os.path.basename(made)]
        )
    assert not os.path.exists(made)


def test_the_folders_of_an_ended_worker_are_removed_by_its_id(tmp_path):
    pid = ended_pid()
    (tmp_path / f"{PREFIX}{pid}-abc" / "sub").mkdir(parents=True)
    (tmp_path / f"{PREFIX}{pid}7-abc").mkdir()  # another process, whose id only starts the same
    assert remove_folders_of(pid, str(tmp_path)) == [str(tmp_path / f"{PREFIX}{pid}-abc")]
    assert [path.name for path in tmp_path.iterdir()] == [f"{PREFIX}{pid}7-abc"]
