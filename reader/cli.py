"""The ``transcript-reader`` command.

``inspect`` is a fast tool for scripts, so this module imports nothing heavy
at the top: Qt and VLC load only when the app itself is started.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import NamedTuple

INSPECT_USAGE = """usage: transcript-reader inspect [--json] FILE

Show what Transcript Reader reads from a transcript file.

  --json   print the reading as JSON: format, title, chapters, turns, warnings
"""


class Command(NamedTuple):
    """A subcommand: its name, one line for ``--help``, and where its code
    lives, imported only when the command runs (``inspect`` must stay fast)."""

    name: str
    summary: str
    target: str  # "module:function"; the function takes argv and returns the exit status

    def run(self, argv: list[str]) -> int:
        module_name, function_name = self.target.split(":")
        return getattr(importlib.import_module(module_name), function_name)(argv)


# One line per subcommand: add yours here, and ``--help`` lists it.
COMMANDS: tuple[Command, ...] = (
    Command(
        "inspect",
        "show what Transcript Reader reads from a transcript file (fast, for scripts)",
        "reader.cli:inspect_command",
    ),
    Command(
        "highlights",
        "list the episodes in the library, or one episode's highlights",
        "reader.library_cli:highlights_command",
    ),
    Command(
        "export",
        "export highlights as Markdown (Obsidian), CSV (Readwise) or JSON",
        "reader.library_cli:export_command",
    ),
    Command(
        "align",
        "time every word of a transcript against its audio, offline",
        "reader.align.cli:align_command",
    ),
    Command(
        "clip",
        "write the audio of one highlight or bookmark as a clip file",
        "reader.clips_cli:clip_command",
    ),
    Command(
        "install-url-handler",
        "register transcript-reader:// links, so they open the app at their moment",
        "reader.url_handler:install_command",
    ),
    Command(
        "subscribe",
        "follow a podcast by its feed URL; its episodes appear in the app",
        "reader.feeds.cli:subscribe_command",
    ),
    Command(
        "import-opml",
        "follow every podcast in an OPML file exported from another podcast app",
        "reader.feeds.cli:import_opml_command",
    ),
)

#: reader.data_dir.ENV_VAR, spelled out so that ``inspect`` need not import platformdirs.
DATA_DIR_ENV = "TRANSCRIPT_READER_HOME"
# Options every command accepts, before or after the command's name.
GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir",)
# Options of the app itself that take a value, so their value is never
# mistaken for a command's name (``--audio highlights.mp3``).
APP_OPTIONS_WITH_VALUE = ("--audio", "--quit-after")


def main(argv: list[str] | None = None) -> int:
    """Run a command, or open the app; quiet when stdout is closed early.

    ``inspect --json FILE | head -c 100`` closes the pipe while the command
    is still printing. As the Python docs recommend for SIGPIPE, stdout is
    then pointed at devnull (so the flush at exit fails no more) and the
    command ends with status 1 and no traceback.
    """
    try:
        status = _dispatch(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        _silence_stdout()
        return 1
    return status


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file (captured in tests): nothing left to flush
        pass
    finally:
        os.close(devnull)


def _dispatch(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["align-worker"]:  # the app's alignment process (reader/align/worker.py), not for users
        from reader.align.worker import worker_main

        return worker_main(argv[1:])
    if argv[:1] == ["read-worker"]:  # the app reading a huge transcript (reader/read_worker.py), not for users
        from reader.read_worker import worker_main as read_worker_main

        return read_worker_main(argv[1:])
    found = find_command(argv)
    if found is None:
        return open_app(argv)
    command, index = found
    data_dir, before = _take_data_dir(argv[:index])
    # Other options given before the command's name go after it, where its parser reads them.
    args = argv[index + 1 :] + before
    if not data_dir:
        return command.run(args)
    # ``--data-dir DIR highlights``: while it runs, the command finds its
    # library through the environment (reader.data_dir), whether or not it
    # takes --data-dir itself.
    saved = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = data_dir
    try:
        return command.run(args)
    finally:
        if saved is None:
            del os.environ[DATA_DIR_ENV]
        else:
            os.environ[DATA_DIR_ENV] = saved


def _take_data_dir(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--data-dir DIR`` (or ``--data-dir=DIR``) taken out of ``argv``; the rest kept in order."""
    value, rest, index = None, [], 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--data-dir" and index + 1 < len(argv):
            value, index = argv[index + 1], index + 2
            continue
        if arg.startswith("--data-dir="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    return value, rest


def find_command(argv: list[str]) -> tuple[Command, int] | None:
    """The command named by the first word that is not an option or an
    option's value, and where it stands; None when the app is to open."""
    by_name = {command.name: command for command in COMMANDS}
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return None
        if word.startswith("-"):
            takes_value = word in GLOBAL_OPTIONS_WITH_VALUE + APP_OPTIONS_WITH_VALUE
            index += 2 if takes_value else 1
            continue
        return (by_name[word], index) if word in by_name else None
    return None


def commands_help() -> str:
    width = max(len(command.name) for command in COMMANDS)
    lines = [f"  {command.name:<{width}}  {command.summary}" for command in COMMANDS]
    return (
        "commands:\n" + "\n".join(lines) + "\n\n'transcript-reader COMMAND --help' explains a command. "
        "--data-dir DIR works before or after the command."
    )


def inspect_command(argv: list[str]) -> int:
    """``inspect`` parses its two arguments by hand: argparse alone would
    cost more start-up time than reading a long transcript."""
    if any(arg in ("-h", "--help") for arg in argv):
        sys.stdout.write(INSPECT_USAGE)
        return 0
    as_json = "--json" in argv
    files = [arg for arg in _take_data_dir(argv)[1] if arg != "--json"]
    if len(files) != 1 or files[0].startswith("-") and not _exists(files[0]):
        sys.stderr.write(INSPECT_USAGE.split("\n\n")[0] + "\n")
        sys.stderr.write("transcript-reader: inspect needs exactly one transcript file; see --help.\n")
        return 2

    from reader.errors import TranscriptError
    from reader.importer import load
    from reader.pairing import with_paired_chapters

    try:
        transcript = load(files[0])
    except TranscriptError as error:
        sys.stderr.write(f"transcript-reader: {error}\n")
        return 1
    transcript, chapters_from = with_paired_chapters(transcript, files[0])
    if as_json:
        import json

        shape = transcript.to_json_dict()
        if chapters_from is not None:
            shape["chapters_from"] = chapters_from
        # No indent: only the compact form uses json's C encoder.
        sys.stdout.write(json.dumps(shape, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        from reader.summary import summarise

        sys.stdout.write(summarise(transcript, files[0], chapters_from))
    return 0


def _exists(path: str) -> bool:

    return os.path.exists(path)


def open_app(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="transcript-reader",
        usage="transcript-reader [--data-dir DIR] [FILE] [--audio AUDIO] [--demo]\n"
        "       transcript-reader [--data-dir DIR] COMMAND [options]",
        description="Read a transcript while its audio plays.",
        epilog=commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="a transcript to open")
    parser.add_argument(
        "--audio", help="the episode's audio file (found automatically when it sits next to the transcript)"
    )
    parser.add_argument("--demo", action="store_true", help="open the bundled demo episode")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the library (highlights, settings) in DIR instead of your user data folder; "
        "the TRANSCRIPT_READER_HOME environment variable does the same",
    )
    parser.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS
    )  # for scripted smoke tests
    args = parser.parse_args(argv)
    # Start-up makes some 45,000 objects that live as long as the app (modules,
    # classes, PySide6's enums, the window) and frees almost none: the cycle
    # collector's passes over them were 22 ms of the first paint. ui.app.run
    # turns it back on once the window has painted.
    gc.disable()
    try:
        return _run_app(args)
    finally:
        gc.enable()  # a start that ended before its window painted (or a test) gets it back too


def _run_app(args) -> int:
    try:
        from ui.app import run
    except ImportError as error:
        print(
            f"transcript-reader: the app cannot start because Qt is missing ({error}); "
            "run 'uv sync' in the project folder and try again.",
            file=sys.stderr,
        )
        return 1
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
