"""Exporting every episode from the app: one aligned earlier, not open now, gives the time its words are heard."""

from __future__ import annotations

from finished_job import keep_ad_alignment, other_episode_in_library

from ui.app import build_window


def test_exporting_all_gives_an_aligned_episode_that_is_not_open_its_heard_time(
    qtbot, player, settings, store, episode, tmp_path
):
    _aligned, transcript, other_audio = other_episode_in_library(store, tmp_path)
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
