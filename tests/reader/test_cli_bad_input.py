"""Bad input to the library's commands ends in one sentence and a non-zero
exit, never a traceback: numbers that are not numbers, episode numbers too
big for SQLite, a clip file name in a format that can't be written."""

from __future__ import annotations

import pytest

from reader.cli import main
from tests.reader.test_library_cli import library  # noqa: F401 (the fixture)


def _in(args: list[str], folder) -> list[str]:
    """The arguments with ``{out}`` naming the test's own folder."""
    return [arg.replace("{out}", str(folder)) for arg in args]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["highlights", "99999999999999999999999"], "There is no episode number 99999999999999999999999"),
        (["export", "99999999999999999999999", "--format", "md"], "There is no episode number"),
        (["highlights", "²"], "No episode's title contains '²'"),
        (["clip", "1", "1", "-o", "{out}/clip.wav"], "Clips can be written as m4a, mp3 or opus, not 'wav'"),
    ],
)
def test_a_bad_episode_or_clip_name_is_one_sentence(library, tmp_path, capsys, args, fragment):  # noqa: F811
    data_dir, _ = library
    assert main([*_in(args, tmp_path / "out"), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert fragment in err and err.count("\n") == 0 and err.endswith(".")


@pytest.mark.parametrize(
    "args",
    [
        ["clip", "1", "1", "-o", "{out}/clip.m4a", "--padding", "nan"],
        ["clip", "1", "b1", "-o", "{out}/clip.m4a", "--bookmark-length", "inf"],
        ["export", "1", "--format", "md", "--clips", "-o", "{out}/notes", "--padding=-inf"],
    ],
)
def test_a_length_that_is_not_a_number_of_seconds_is_refused_before_anything_runs(
    library,  # noqa: F811
    tmp_path,
    capsys,
    args,
):
    data_dir, _ = library
    with pytest.raises(SystemExit) as exited:
        main([*_in(args, tmp_path / "out"), "--data-dir", str(data_dir)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing was written
    assert err.strip().splitlines()[-1].endswith("is not a number of seconds")
