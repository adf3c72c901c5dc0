"""``transcript-reader clip`` and ``export --clips``: audio clips from a terminal.

``clip EPISODE ID -o FILE`` writes one highlight's clip (``b7`` for bookmark
7; ``transcript-reader highlights EPISODE`` lists the ids). ``export EPISODE
--format md --clips -o FOLDER`` writes the note and an attachments folder
beside it. No audio, or a format this machine cannot write: one sentence on
stderr, and the text is exported anyway.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

from reader.clips import CLIP_FORMATS, DEFAULT_BOOKMARK_MS, DEFAULT_PADDING_MS, ClipError
from reader.library_cli import _guarded, _open_store, _store_parser


def seconds(text: str) -> float:
    """A number of seconds for argparse: ``nan`` and ``inf`` read as floats
    but are no length at all (they ended in a traceback)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    return value


def add_clip_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clip-format", choices=sorted(CLIP_FORMATS), default=None, help="m4a (AAC, the default), mp3 or opus"
    )
    parser.add_argument(
        "--padding",
        type=seconds,
        default=DEFAULT_PADDING_MS / 1000,
        metavar="SECONDS",
        help=f"audio kept before the first word and after the last (default {DEFAULT_PADDING_MS / 1000:g})",
    )
    parser.add_argument(
        "--bookmark-length",
        type=seconds,
        default=DEFAULT_BOOKMARK_MS / 1000,
        metavar="SECONDS",
        help=f"how long a bookmark's clip runs (default {DEFAULT_BOOKMARK_MS // 1000})",
    )


def settings_from(args: argparse.Namespace, fmt: str | None = None):
    from reader.export.clips import ClipSettings

    return ClipSettings(
        fmt or args.clip_format or "m4a", int(max(args.padding, 0) * 1000), int(max(args.bookmark_length, 1) * 1000)
    )


def clip_command(argv: list[str]) -> int:
    parser = _store_parser("transcript-reader clip", "Write the audio of one highlight (or bookmark) as a clip.")
    parser.add_argument("target", metavar="TRANSCRIPT_OR_EPISODE", help="a transcript file, episode number or title")
    parser.add_argument("item", metavar="HIGHLIGHT_ID", help="a highlight's id, or b<ID> for a bookmark")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the clip file (.m4a, .mp3 or .opus)")
    add_clip_options(parser)
    args = parser.parse_args(argv)
    match = re.fullmatch(r"(?i)(b?)(\d+)", args.item.strip())
    if match is None:
        parser.error("HIGHLIGHT_ID is a number (or b and a number for a bookmark); see 'transcript-reader highlights'")
    return _guarded(lambda: _clip(args, "bookmark" if match[1] else "highlight", int(match[2])))


def _clip(args: argparse.Namespace, kind: str, item_id: int) -> int:
    from reader.clips import format_for_path
    from reader.export.clips import cut_item, find_item
    from reader.export.files import ExportError, build_exports, find_target

    try:
        fmt = args.clip_format or format_for_path(args.output).key
    except ClipError as error:  # "-o clip.wav": say which formats can be written
        raise ExportError(str(error)) from None
    with _open_store(args.data_dir) as store:
        episode = find_target(store, args.target)
        [export] = build_exports(store, [episode], "md")
    item = find_item(export, kind, item_id)
    if item is None:
        raise ExportError(
            f"{episode.title} has no {kind} {item_id}; 'transcript-reader highlights {episode.id}' lists them."
        )
    try:
        length = cut_item(export, kind, item, args.output, settings_from(args, fmt))
    except ClipError as error:
        raise ExportError(str(error)) from None
    print(f"Wrote {args.output} ({length / 1000:.1f} s)", file=sys.stderr)
    return 0


def export_with_clips(args: argparse.Namespace, store, episodes: list) -> int:
    """The note and its clips; ``args.output`` is the folder (or the note's path)."""
    from reader.export.clips import markdown_with_clips
    from reader.export.files import build_exports
    from reader.export.model import write_export

    note = _note_path(Path(args.output), episodes)
    note.parent.mkdir(parents=True, exist_ok=True)
    text, report = markdown_with_clips(build_exports(store, episodes, "md"), note.parent, settings_from(args))
    write_export(note, text)
    if report.problem:
        print(f"transcript-reader: {report.problem}", file=sys.stderr)
    print(f"Wrote {note} with {report.written + report.reused} clip(s) ({report.written} new)", file=sys.stderr)
    return 0


def _note_path(output: Path, episodes: list) -> Path:
    """``-o notes/`` names the note after the episode; ``-o notes/ep.md`` is the note itself."""
    if output.suffix.lower() == ".md" and not output.is_dir():
        return output
    title = episodes[0].title if len(episodes) == 1 else "highlights"
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip(" .") or "highlights"
    return output / f"{safe}.md"
