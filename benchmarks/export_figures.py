"""export_1000_ms: exporting 1,000 highlights to each format (target under 1 s each).

uv run python benchmarks/export_figures.py      (prints JSON)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _export_model():
    from reader.export.model import build_export
    from reader.importer import parse_text
    from reader.keep import Anchor, Episode, Highlight

    lines = [
        f'00:{i // 60:02d}:{i % 60:02d} {("Ana", "Ben")[i % 2]}: Line {i}, with | pipes * stars > and "quotes".'
        for i in range(1000)
    ]
    transcript = parse_text("\n".join(lines))
    episode = Episode(1, "f" * 64, "An episode", "/tmp/ep.txt", "/tmp/ep.mp3", 0, None, {"Ana": "Ana Lima"})
    highlights = [
        Highlight(
            i,
            1,
            Anchor(i, 0, i, 20, transcript.turns[i].text[:20], "", "", i * 1000, i * 1000 + 900),
            (transcript.turns[i].speaker,),
            "orange",
            f"note {i}, with commas",
            "2026-11-24T01:00:00.000Z",
            None,
        )
        for i in range(1000)
    ]
    return build_export(episode, transcript, highlights, [], datetime.now(UTC))


def export_figures() -> dict:
    from reader.export.formats import to_markdown, to_readwise_csv
    from reader.export.model import to_json

    model = _export_model()
    figures = {}
    for name, render in (("md", to_markdown), ("csv", to_readwise_csv), ("json", to_json)):
        samples = []
        for _ in range(5):
            began = time.perf_counter()
            render([model])
            samples.append((time.perf_counter() - began) * 1000)
        figures[f"export_1000_{name}_ms"] = round(statistics.median(samples), 1)
    figures["export_1000_ms"] = max(figures.values())
    return figures


if __name__ == "__main__":
    print(json.dumps(export_figures(), indent=1))
