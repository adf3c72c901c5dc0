"""`transcript-reader inspect`: the fast, Qt-free tool for scripts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.cli import main

RUN_CLI = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]

STAMPED = "Chapters\n00:00 Start\n01:00 Middle\nTranscript\n00:00:00 Ana: Hello <b>.\n00:01:00 Ben: Hi &amp; bye.\n"


def test_inspect_prints_a_human_summary(tmp_path, capsys):
    path = tmp_path / "episode.txt"
    path.write_text(STAMPED, encoding="utf-8")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Layout:    Plain text with speaker and time labels [plain-text]" in out
    assert "Turns:     2" in out
    assert "Speakers:  Ana (1), Ben (1)" in out
    assert "Chapters:  2" in out
    assert "Span:      00:00:00 to 00:01:" in out
    assert "Warnings:  none" in out


def test_inspect_json_follows_the_contract(tmp_path, capsys):
    path = tmp_path / "episode.txt"
    path.write_text(STAMPED, encoding="utf-8")
    assert main(["inspect", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"format", "title", "chapters", "timing", "turns", "warnings"}
    assert data["format"] == "plain-text"
    assert data["timing"] == "turn"  # stamped turns, nothing finer
    assert data["chapters"] == [{"start_ms": 0, "title": "Start"}, {"start_ms": 60_000, "title": "Middle"}]
    assert data["turns"][0] == {"speaker": "Ana", "start_ms": 0, "end_ms": 60_000, "timed": True, "text": "Hello <b>."}
    assert data["turns"][1]["text"] == "Hi &amp; bye."  # plain text keeps what was typed
    assert all(set(turn) == {"speaker", "start_ms", "end_ms", "timed", "text"} for turn in data["turns"])
    assert data["warnings"] == []


def test_inspect_json_lists_the_timed_pieces_of_joined_cues(tmp_path, capsys):
    path = tmp_path / "episode.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:02,500 --> 00:00:04,000\nHow are you?\n",
        encoding="utf-8",
    )
    assert main(["inspect", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["timing"] == "cue"
    assert data["turns"][0]["spans"] == [
        {"start_ms": 1_000, "end_ms": 2_000, "text": "Hello there."},
        {"start_ms": 2_500, "end_ms": 4_000, "text": "How are you?"},
    ]


def test_inspect_refuses_bad_files_with_one_sentence_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for target in (empty, tmp_path / "missing.vtt"):
        result = subprocess.run([*RUN_CLI, "inspect", str(target)], capture_output=True, text=True)
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("transcript-reader: ")
        assert "Traceback" not in result.stderr


def test_inspect_never_imports_qt_or_vlc(tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text(STAMPED, encoding="utf-8")
    code = (
        "import sys\nfrom reader.cli import main\n"
        f"main(['inspect', '--json', {str(path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'vlc', 'ui')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_help_lists_every_command_with_one_line(capsys):
    from reader.cli import COMMANDS

    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        [line] = [line for line in out.splitlines() if line.strip().startswith(command.name + " ")]
        assert command.summary in line


@pytest.mark.parametrize("name", ["highlights", "export"])
def test_a_command_explains_itself_with_help(name, capsys):
    with pytest.raises(SystemExit) as raised:
        main([name, "--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: transcript-reader {name}")
    assert "--data-dir" in out


def test_inspect_help_and_data_dir_before_inspect(tmp_path, capsys):
    assert main(["inspect", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: transcript-reader inspect")
    path = tmp_path / "episode.txt"
    path.write_text(STAMPED, encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "inspect", str(path)]) == 0
    assert "Turns:     2" in capsys.readouterr().out


def test_a_file_named_after_an_option_value_is_not_a_command():
    from reader.cli import find_command

    assert find_command(["--audio", "export", "episode.md"]) is None
    assert find_command(["episode.md"]) is None
    assert find_command(["--data-dir", "lib", "export", "--all"])[1] == 2


def test_inspect_json_into_a_pipe_closed_early_ends_quietly(tmp_path):
    """``inspect --json FILE | head -c 100``: no BrokenPipeError traceback once head has its bytes."""
    target = tmp_path / "long.txt"
    target.write_text(
        "".join(
            f"00:{m:02d}:{s:02d} Ana: Word number {m * 60 + s} of a long talk.\n" for m in range(60) for s in range(60)
        )
    )
    child = subprocess.Popen(
        [*RUN_CLI, "inspect", "--json", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    head = child.stdout.read(100)
    child.stdout.close()  # what head does once it has its bytes: the rest (over 64 KB) meets a closed pipe
    errors = child.stderr.read().decode()
    assert child.wait() == 1
    assert head.startswith(b'{"format": "plain-text"')
    assert errors == ""


@pytest.mark.parametrize("ending", ["returns", "raises"])
def test_opening_the_app_holds_the_cycle_collector_only_while_it_starts(monkeypatch, ending):
    """Start-up makes long-lived objects and frees almost none: the collector is
    off while the window builds (``ui.app`` turns it on once it has painted),
    and on again whatever way the start ends."""
    import gc

    import ui.app

    seen = []

    def run(args):
        seen.append(gc.isenabled())
        if ending == "raises":
            raise RuntimeError("the window could not be made")
        return 0

    monkeypatch.setattr(ui.app, "run", run)
    if ending == "raises":
        with pytest.raises(RuntimeError):
            main(["episode.txt"])
    else:
        assert main(["episode.txt"]) == 0
    assert seen == [False]
    assert gc.isenabled()
