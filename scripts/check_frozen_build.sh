#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then check the frozen app:
# inspect --json on a transcript, the window open offscreen for two seconds,
# and word alignment (command line and the window's worker process).
set -euo pipefail
cd "$(dirname "$0")/.."
uv run pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work build.spec
app=build/dist/transcript-reader/transcript-reader
sample=resources/demo/tour.txt
turns=$("$app" inspect --json "$sample" | python3 -c "import json, sys; print(len(json.load(sys.stdin)['turns']))")
[ "$turns" -gt 0 ] || { echo "frozen inspect read no turns from $sample" >&2; exit 1; }
echo "frozen inspect --json read $turns turns from $sample"
clip_dir=$(mktemp -d)
trap 'rm -rf "$clip_dir"' EXIT
# A throw-away data folder: the check must not write into the developer's own library.
QT_QPA_PLATFORM=offscreen "$app" --demo --data-dir "$clip_dir/demo-data" --quit-after 2

# Word alignment in the frozen app: the bundled acoustic model and dictionary
# (the CLI aligns in-process), then the window's worker process, which in a
# frozen app is this executable started again as "transcript-reader align-worker".
ffmpeg -loglevel error -y -i resources/demo/tour.mp3 -t 27 "$clip_dir/clip.mp3"
head -16 "$sample" > "$clip_dir/clip.txt"  # the title, chapters and the first three turns
timing=$("$app" align "$clip_dir/clip.txt" --audio "$clip_dir/clip.mp3" --json 2>/dev/null \
  | python3 -c "import json, sys; d = json.load(sys.stdin); print(d['timing'], len(d['gaps']))")
[ "$timing" = "word 0" ] || { echo "frozen align gave '$timing', not word timing without gaps" >&2; exit 1; }
echo "frozen align timed every word of the demo's first turns"
status=$(QT_QPA_PLATFORM=offscreen "$app" "$clip_dir/clip.txt" --audio "$clip_dir/clip.mp3" \
  --data-dir "$clip_dir/data" --quit-after 30 2>/dev/null | tail -1)
case "$status" in
  *"Every word is now timed from the audio"*) echo "frozen window aligned the words in its worker process" ;;
  *) echo "frozen window did not finish aligning: $status" >&2; exit 1 ;;
esac
