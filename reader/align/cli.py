"""``transcript-reader align TRANSCRIPT [--audio AUDIO] [--json]``: word times from a terminal."""

from __future__ import annotations

import argparse
import json
import sys

USAGE_DESCRIPTION = (
    "Align a transcript to its episode's audio, offline: every word gets the time it is said. "
    "Progress goes to stderr; --json prints the inspect --json shape with word spans and the gaps found."
)


def align_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="transcript-reader align", description=USAGE_DESCRIPTION)
    parser.add_argument("transcript", help="the transcript file")
    parser.add_argument("--audio", help="the episode's audio (found automatically when it sits beside the transcript)")
    parser.add_argument("--json", action="store_true", help="print the aligned transcript as JSON")
    args = parser.parse_args(argv)

    from reader.align import AlignmentFailed, align_audio, unavailable_reason
    from reader.align.apply import apply_alignment, corrected_map
    from reader.align.audio import AudioError, duration_ms
    from reader.align.scratch import stop_on_sigterm
    from reader.errors import TranscriptError
    from reader.importer import load
    from reader.pairing import find_audio
    from reader.timemap import TimeMap, retime

    def fail(sentence: str) -> int:
        sys.stderr.write(f"transcript-reader: {sentence}\n")
        return 1

    reason = unavailable_reason()
    if reason:
        return fail(reason)
    try:
        transcript = load(args.transcript)
    except TranscriptError as error:
        return fail(str(error))
    audio = args.audio or find_audio(args.transcript)
    if audio is None:
        return fail(f"No audio was found beside {args.transcript}; name it with --audio AUDIO.")
    total = duration_ms(str(audio)) or 0
    bar = ProgressBar(sys.stderr)
    stop_on_sigterm()  # a terminal's kill removes the recogniser's files too, as Ctrl+C does
    try:
        for alignment in align_audio([turn.text for turn in transcript.turns], str(audio)):
            done = alignment.ends[-1] if alignment.ends else 0
            bar.show(1.0 if alignment.complete else min(done / total, 0.99) if total else 0.0)
    except (AlignmentFailed, AudioError) as error:
        bar.end()
        return fail(str(error))
    bar.end()
    aligned, corrections = apply_alignment(transcript, alignment)
    heard = retime(aligned, corrected_map(TimeMap(), corrections))
    if args.json:
        shape = heard.to_json_dict()
        shape["gaps"] = [gap.to_json_dict() for gap in alignment.gaps]
        sys.stdout.write(json.dumps(shape, ensure_ascii=False) + "\n")
    else:
        placed = alignment.placed_fraction
        sys.stdout.write(f"Aligned {len(alignment.words)} words ({placed:.0%} found in the audio).\n")
        for correction in corrections:
            sys.stdout.write(f"{correction.text}.\n")
    return 0


class ProgressBar:
    """ "Aligning words… 38 % [#######.............]" redrawn in place on a terminal, a line per tenth otherwise."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._shown = -1

    def show(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if percent == self._shown or (not self._tty and percent // 10 == self._shown // 10 and percent != 100):
            return
        self._shown = percent
        filled = percent // 5
        line = f"Aligning words… {percent:3d} % [{'#' * filled}{'.' * (20 - filled)}]"
        self._stream.write(f"\r{line}" if self._tty else f"{line}\n")
        self._stream.flush()

    def end(self) -> None:
        if self._tty and self._shown >= 0:
            self._stream.write("\n")
