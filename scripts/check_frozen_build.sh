#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then check the frozen app:
# inspect --json on a transcript, and the window open offscreen for two seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
uv run pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work build.spec
app=build/dist/transcript-reader/transcript-reader
sample=resources/demo/tour.txt
turns=$("$app" inspect --json "$sample" | python3 -c "import json, sys; print(len(json.load(sys.stdin)['turns']))")
[ "$turns" -gt 0 ] || { echo "frozen inspect read no turns from $sample" >&2; exit 1; }
echo "frozen inspect --json read $turns turns from $sample"
QT_QPA_PLATFORM=offscreen "$app" --demo --quit-after 2
