"""Figures for the JSON layouts (Whisper family, speech services).

- word_json_parse_ms, word_json_mb: a 10-hour episode as openai-whisper
  writes it with ``--word_timestamps True`` (90,000 words with times).
- hostile_json_parse_ms_max, hostile_json_slowest: crafted 2 MB files that
  pack the most pieces per byte into each JSON layout (a word a few bytes
  long, all at one instant, so every piece lands in one endless turn); the
  slowest of them. The goal is under 2,000 ms on the project's machines.

    uv run python benchmarks/json_figures.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import median_ms  # noqa: E402

from reader.importer import parse_text  # noqa: E402

HOSTILE_BYTES = 2_000_000
COMPACT = (",", ":")


def ten_hour_whisper_words(seed: int = 7) -> str:
    rng = random.Random(seed)
    vocabulary = "the model open weights policy compute we think really frontier data people".split()
    segments, now = [], 0.0
    for number in range(9_000):
        words = []
        for _ in range(10):
            length = rng.uniform(0.15, 0.5)
            words.append(
                {
                    "word": " " + rng.choice(vocabulary),
                    "start": round(now, 2),
                    "end": round(now + length, 2),
                    "probability": 0.9,
                }
            )
            now += length + rng.uniform(0.0, 0.2)
        text = "".join(w["word"] for w in words) + "."
        segments.append(
            {"id": number, "start": words[0]["start"], "end": words[-1]["end"], "text": text, "words": words}
        )
        now += rng.uniform(0.1, 2.5)
    return json.dumps({"text": "", "segments": segments, "language": "en"})


def _fill(make) -> str:
    """``make(n)`` grown to about :data:`HOSTILE_BYTES`."""
    sample = make(1000)
    return make(int(1000 * HOSTILE_BYTES / len(sample)))


HOSTILE = {
    "whisper_words": lambda n: json.dumps(
        {"segments": [{"start": 0, "words": [{"word": "a", "start": 0}] * n}]}, separators=COMPACT
    ),
    "whisper_tsv": lambda n: "start\tend\ttext\n" + "0\t0\ta\n" * n,
    "whisper_cpp_tokens": lambda n: json.dumps(
        {
            "transcription": [
                {
                    "offsets": {"from": 0, "to": 1},
                    "text": "x",
                    "tokens": [{"text": "a", "offsets": {"from": 0, "to": 0}}] * n,
                }
            ]
        },
        separators=COMPACT,
    ),
    "hugging_face_chunks": lambda n: json.dumps(
        {"chunks": [{"text": "a", "timestamp": [0, 0]}] * n}, separators=COMPACT
    ),
    "deepgram_words": lambda n: json.dumps(
        {
            "metadata": {"request_id": "x"},
            "results": {"channels": [{"alternatives": [{"words": [{"word": "a", "start": 0, "end": 0}] * n}]}]},
        },
        separators=COMPACT,
    ),
    "assemblyai_words": lambda n: json.dumps(
        {"status": "completed", "audio_url": "u", "words": [{"text": "a", "start": 0, "end": 0}] * n},
        separators=COMPACT,
    ),
    "aws_punctuation": lambda n: json.dumps(
        {
            "jobName": "j",
            "results": {
                "transcripts": [],
                "items": [
                    {"type": "pronunciation", "start_time": "0", "end_time": "1", "alternatives": [{"content": "a"}]}
                ]
                + [{"type": "punctuation", "alternatives": [{"content": "."}]}] * n,
            },
        },
        separators=COMPACT,
    ),
    "rev_untimed": lambda n: json.dumps(
        {
            "monologues": [
                {
                    "speaker": 0,
                    "elements": [{"type": "text", "value": "a", "ts": 0, "end_ts": 1}]
                    + [{"type": "unknown", "value": "x"}] * n,
                }
            ]
        },
        separators=COMPACT,
    ),
}


def json_figures() -> dict:
    words = ten_hour_whisper_words()
    figures = {
        "word_json_mb": round(len(words) / 1e6, 1),
        "word_json_parse_ms": round(median_ms(lambda: parse_text(words), repeats=3)),
    }
    slowest, worst = "", 0.0
    for name, make in HOSTILE.items():
        text = _fill(make)
        took = median_ms(lambda text=text: parse_text(text), repeats=1)
        if took > worst:
            slowest, worst = name, took
    figures |= {"hostile_json_parse_ms_max": round(worst), "hostile_json_slowest": slowest}
    return figures


if __name__ == "__main__":
    for key, value in json_figures().items():
        print(f"{key:>28}: {value}")
