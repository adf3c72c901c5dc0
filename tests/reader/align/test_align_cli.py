"""``transcript-reader align``: word times from a terminal, in the inspect --json shape."""

from __future__ import annotations

import json

import pytest
from speech_episode import speak_episode

from reader.cli import main

TURNS = [
    "Thanks for joining us this morning. Let us begin with the news from the valley.",
    "The river rose again last night, and the roads near the bridge are closed until Friday.",
]


@pytest.mark.usefixtures("aligner_ready")
def test_align_json_gives_word_spans_word_timing_and_gaps_with_a_progress_bar_on_stderr(tmp_path, capsys):
    episode = speak_episode(TURNS, tmp_path)
    assert main(["align", str(episode["transcript"]), "--audio", str(episode["audio"]), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert set(data) == {"format", "title", "chapters", "timing", "turns", "warnings", "gaps"}
    assert data["timing"] == "word" and data["gaps"] == []
    first, second = data["turns"]
    assert [span["text"] for span in second["spans"]][:4] == ["The", "river", "rose", "again"]
    assert all(set(span) == {"start_ms", "end_ms", "text"} for span in first["spans"] + second["spans"])
    truth = {(turn, offset): ms for turn, offset, ms in episode["words"]}
    assert abs(second["spans"][1]["start_ms"] - truth[(1, 4)]) <= 250
    assert "Aligning words… 100 %" in captured.err


@pytest.mark.usefixtures("aligner_ready")
def test_align_without_audio_beside_the_transcript_says_how_to_name_it(tmp_path, capsys):
    path = tmp_path / "episode.txt"
    path.write_text("Transcript\n00:00:00 Ana: Hello there.\n", encoding="utf-8")
    assert main(["align", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"transcript-reader: No audio was found beside {path}; name it with --audio AUDIO.\n"
    )
