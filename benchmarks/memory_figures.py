"""Peak memory while reading a 100 MB transcript, in a fresh process.

    uv run python benchmarks/memory_figures.py [--transcript PATH]

Figures: memory_transcript_mb, memory_peak_mb (the reading process's
ru_maxrss, imports included) and memory_limit_mb (five times the size plus
50 MB, the promise in issue 12). Without --transcript, a 100 MB plain-text
transcript is written to a temporary folder (bench.synthesize).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

_PROBE = (
    "import resource, sys\n"
    "from reader.importer import load\n"
    "load(sys.argv[1])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def memory_figures(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)], check=True, capture_output=True, text=True, cwd=ROOT
    )
    size_mb = path.stat().st_size / 2**20
    peak_mb = int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
    return {
        "memory_transcript_mb": round(size_mb, 1),
        "memory_peak_mb": round(peak_mb, 1),
        "memory_limit_mb": round(5 * size_mb + 50, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, help="a transcript to read (default: a synthetic 100 MB one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.transcript
        if path is None:
            from bench import synthesize

            path = synthesize(Path(folder) / "hundred-mb.txt", hours=280, turns=168_000)
        print(json.dumps(memory_figures(path), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
