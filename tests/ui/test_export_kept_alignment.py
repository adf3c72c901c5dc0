"""Exporting every episode from the app: one aligned earlier, not open now, gives the time its words are heard."""

from __future__ import annotations

from finished_job import keep_ad_alignment

from reader.anchoring import make_anchor, quote_speakers
from reader.importer import load
from ui.app import build_window

OTHER = (
    "Transcript\n"
    "00:00:00 Rui Sousa: Another show, and its first turn is here.\n"
    "00:00:10 Eva Ross: Afterwards comes the part after the ad.\n"
)


def test_exporting_all_gives_an_aligned_episode_that_is_not_open_its_heard_time(
    qtbot, player, settings, store, episode, tmp_path
):
    other, other_audio = tmp_path / "other.txt", tmp_path / "other.mp3"
    other.write_text(OTHER, encoding="utf-8")
    other_audio.write_bytes(b"the other episode's audio: only its fingerprint is read")
    transcript = load(other)
    aligned, _ = store.open_episode(transcript, str(other))
    store.update_episode(aligned.id, audio_path=str(other_audio))
    anchor = make_anchor(transcript, 1, 0, 1, len("Afterwards"))
    store.add_highlight(aligned.id, anchor, quote_speakers(transcript, anchor), "yellow")
    keep_ad_alignment(store.path, [turn.text for turn in transcript.turns], other_audio, 9_000, 69_000)

    window = build_window(player=player, settings=settings, store=store)
    qtbot.addWidget(window)
    assert window.open_transcript(*episode)  # another episode is the open one
    target = tmp_path / "all.md"
    assert window.keeping.export("md", True, str(target))
    qtbot.waitUntil(lambda: window.status.text == f"Exported to {target}.", timeout=5_000)
    exported = target.read_text(encoding="utf-8")
    assert "> Afterwards" in exported
    assert "[00:01:12]" in exported and "[00:00:10]" not in exported  # 10 s + 2 s late + the 60 s ad
