"""The least any ``inspect --json`` can do in CPython, as a yardstick.

    python benchmarks/inspect_floor.py TRANSCRIPT > out.json

It reads only the one line shape bench.py writes ("00:00:00 Name: words"),
with one regex per line and no detection, names, chapters or time rules, and
prints the same JSON shape. bench.py times it beside the real command, so
``inspect_floor_ratio`` shows how much of ``inspect_startup_ratio`` any
Python reader would pay: start-up, reading, a loop over 6,000 lines, and
writing megabytes of JSON.
"""

import json
import re
import sys

LINE = re.compile(r"(\d\d):(\d\d):(\d\d) ([^:]{1,40}): (.*)")


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    turns = []
    for line in text.split("\n"):
        match = LINE.match(line)
        if match:
            hours, minutes, seconds, name, words = match.groups()
            start = ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
            turns.append({"speaker": name, "start_ms": start, "end_ms": None, "timed": True, "text": words})
    reading = {"format": "plain-text", "title": None, "chapters": [], "turns": turns, "warnings": []}
    sys.stdout.write(json.dumps(reading, ensure_ascii=False))


if __name__ == "__main__":
    main()
