"""The ``transcript-reader`` command.

``inspect`` is a fast tool for scripts, so this module imports nothing heavy
at the top: Qt and VLC load only when the app itself is started.
"""

from __future__ import annotations

import os
import sys

INSPECT_USAGE = """usage: transcript-reader inspect [--json] FILE

Show what Transcript Reader reads from a transcript file.

  --json   print the reading as JSON: format, title, chapters, turns, warnings
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "inspect":
        return inspect_command(argv[1:])
    if argv and argv[0] == "align":
        from reader.align.cli import align_command

        return align_command(argv[1:])
    if argv and argv[0] in ("export", "highlights"):
        from reader import library_cli

        command = library_cli.export_command if argv[0] == "export" else library_cli.highlights_command
        return command(argv[1:])
    if argv and argv[0] in ("clip", "install-url-handler"):
        from reader import clips_cli, url_handler

        return (clips_cli.clip_command if argv[0] == "clip" else url_handler.install_command)(argv[1:])
    if argv and argv[0] in ("subscribe", "import-opml"):
        from reader.feeds import cli as feeds_cli

        command = feeds_cli.subscribe_command if argv[0] == "subscribe" else feeds_cli.import_opml_command
        return command(argv[1:])
    return open_app(argv)


def inspect_command(argv: list[str]) -> int:
    """``inspect`` parses its two arguments by hand: argparse alone would
    cost more start-up time than reading a long transcript."""
    if any(arg in ("-h", "--help") for arg in argv):
        sys.stdout.write(INSPECT_USAGE)
        return 0
    as_json = "--json" in argv
    files = [arg for arg in argv if arg != "--json"]
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
        description="Read a transcript while its audio plays. "
        "Use 'transcript-reader inspect FILE' to check a file without opening the app, "
        "'transcript-reader subscribe URL' or 'transcript-reader import-opml FILE' to follow podcasts.",
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
