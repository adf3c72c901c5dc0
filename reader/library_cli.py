"""``transcript-reader export`` and ``transcript-reader highlights``: the library
from the command line, for scripts and for people who live in a terminal."""

from __future__ import annotations

import argparse
import sys

from reader.timecode import format_stamp


def _store_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the library folder (default: TRANSCRIPT_READER_HOME or your user data folder)",
    )
    return parser


def _open_store(data_dir: str | None):
    """The library; a damaged one was moved aside, which is said (and is an
    error: the fresh library has none of the user's highlights)."""
    from reader.data_dir import resolve_data_dir
    from reader.store import Store, StoreError

    folder = resolve_data_dir(data_dir)
    try:
        store = Store.open(folder)
    except StoreError as error:
        if error.kind != "unwritable":
            raise
        store = _read_as_it_is(folder, error)
    if store.notice:
        store.close()
        raise StoreError(store.notice, "corrupt")
    return store


def _read_as_it_is(folder, refusal: Exception):
    """A library that can't be written (a read-only folder, a backup disk) is
    still listed and exported: read as it is, which is said; when even that
    fails, the first refusal is the sentence."""
    from reader.store import Store, StoreError

    try:
        store = Store.open_to_read(folder)
    except StoreError:
        raise refusal from None
    print(
        f"transcript-reader: {store.path} can't be written, so it was only read; nothing in it changed.",
        file=sys.stderr,
    )
    return store


def export_command(argv: list[str]) -> int:
    parser = _store_parser(
        "transcript-reader export", "Export highlights for Obsidian (md), Readwise (csv) or as JSON."
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="TRANSCRIPT_OR_EPISODE",
        help="a transcript file, an episode number, or part of a title",
    )
    parser.add_argument("--all", action="store_true", help="every episode in the library")
    parser.add_argument("--format", choices=("md", "csv", "json"), required=True)
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument(
        "--clips",
        action="store_true",
        help="with --format md: write each highlight's audio into FOLDER/attachments and embed it (-o FOLDER)",
    )
    from reader.clips_cli import add_clip_options

    add_clip_options(parser)
    args = parser.parse_args(argv)
    if bool(args.target) == bool(args.all):
        parser.error("name one transcript or episode, or use --all")
    if args.clips and (args.format != "md" or not args.output):
        parser.error("--clips goes with --format md and -o FOLDER (the note and its attachments folder)")
    return _guarded(lambda: _export(args))


def _export(args: argparse.Namespace) -> int:
    from reader.export.files import find_target, render
    from reader.export.model import write_export

    with _open_store(args.data_dir) as store:
        episodes = [s.episode for s in store.episodes()] if args.all else [find_target(store, args.target)]
        if args.clips:
            from reader.clips_cli import export_with_clips

            return export_with_clips(args, store, episodes)
        text = render(store, episodes, args.format)
    if args.output:
        write_export(args.output, text)
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def highlights_command(argv: list[str]) -> int:
    parser = _store_parser(
        "transcript-reader highlights",
        "List the highlights and bookmarks kept for an episode, or the episodes in the library.",
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="TRANSCRIPT_OR_EPISODE",
        help="a transcript file, an episode number, or part of a title",
    )
    args = parser.parse_args(argv)
    return _guarded(lambda: _list(args))


def _list(args: argparse.Namespace) -> int:
    """The library's episodes, or one episode's highlights and bookmarks at the
    time they are heard once the app has aligned it (as exports give them)."""
    from reader.align.kept import heard_times_in_library
    from reader.export.files import find_target

    with _open_store(args.data_dir) as store:
        if args.target is None:
            summaries = store.episodes()
            if not summaries:  # an empty listing looked like a library that could not be read
                print(
                    f"The library in {store.path.parent} has no episodes yet; open a transcript first.", file=sys.stderr
                )
            for s in summaries:
                missing = "" if s.transcript_exists else "  (transcript missing)"
                print(f"{s.episode.id:>4}  {s.highlight_count:>3} highlights  {s.episode.title}{missing}")
            return 0
        episode = find_target(store, args.target)
        print(f"{episode.title}  [{episode.id}]")
        highlights = store.highlights(episode.id)
        heard = heard_times_in_library(store, episode, highlights)  # None: the stored times are the heard ones
        for h in highlights:
            who = " & ".join(" ".join((episode.speaker_name(name) or "?").split()) for name in h.speakers) or "—"
            flag = "  (detached)" if h.detached else ""
            # One line per highlight: a quote across turns keeps the listing's columns.
            quote = " / ".join(part.strip() for part in h.anchor.quote.splitlines() if part.strip())
            start = heard.heard_start(h) if heard is not None else h.anchor.start_ms
            print(f"[{format_stamp(start)}] {h.colour:<6} {who}: “{quote}”{flag}  (id {h.id})")
            if h.note:
                print(f"           note: {_lines_under(h.note, 17)}")
        for b in store.bookmarks(episode.id):
            ms = heard.heard_start(b) if heard is not None else b.ms
            first, rest = _first_line(b.note)
            print(f"[{format_stamp(ms)}] bookmark {first}  (id b{b.id}){_lines_under(rest, 20, first=False)}")
    return 0


def _first_line(text: str) -> tuple[str, str]:
    first, _, rest = (text or "").partition("\n")
    return first.rstrip("\r"), rest


def _lines_under(text: str, indent: int, *, first: bool = True) -> str:
    """A note of several lines with its later lines indented under its first
    (``first=False``: every line, each on a line of its own), so that it stays
    beside its item and the next item's time still starts a line."""
    lines = text.splitlines()
    if not lines:
        return ""
    head, tail = (lines[0], lines[1:]) if first else ("", lines)
    return "\n".join([head, *(" " * indent + line for line in tail)])


def _guarded(action) -> int:
    """Every failure the user can fix ends as one sentence, exit status 1."""
    from reader.export.files import ExportError
    from reader.store import StoreError

    try:
        return action()
    except (ExportError, StoreError) as error:
        print(f"transcript-reader: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # stdout closed by the reader (``| head``): reader.cli.main ends quietly
    except OSError as error:
        print(
            f"transcript-reader: the export could not be written ({error.strerror or error}); check the folder.",
            file=sys.stderr,
        )
        return 1
