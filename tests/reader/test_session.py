"""The open episode, without Qt: opening, library, times, keeping, and saving that fails."""

from __future__ import annotations

import pytest

from reader.errors import StoreError
from reader.importer import parse_text
from reader.session import NUDGE_MS, EpisodeSession
from reader.store import Store

TALK = "00:00 Ana: Welcome to the show.\n00:10 Ben: Thanks for having me.\n00:20 Ana: Let us begin.\n"
UNTIMED = "Ana: Welcome to the show.\n\nBen: Thanks for having me here.\n\nAna: Let us begin then.\n"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library") as s:
        yield s


def _heard(session: EpisodeSession) -> dict[str, list]:
    heard: dict[str, list] = {}
    for name in ("opened", "transcript_changed", "episode_found", "kept_changed", "time_map_changed", "message"):
        getattr(session, name).connect(lambda *args, n=name: heard.setdefault(n, []).append(args))
    return heard


def _anchor(session: EpisodeSession, turn: int = 1, start: int = 0, end: int = 6):
    from reader.anchoring import make_anchor

    return make_anchor(session.transcript, turn, start, turn, end)


def test_keeping_before_the_library_has_opened_says_it_is_still_opening():
    session = EpisodeSession()
    heard = _heard(session)
    session.open(parse_text(TALK), "/talks/one.txt")
    assert heard["opened"] and session.transcript.turns[1].speaker == "Ben"
    assert session.add_bookmark(5_000) is None
    assert heard["message"][-1] == ("The library is still opening; try again in a moment.",)


def test_without_a_transcript_keeping_asks_for_one(store):
    session = EpisodeSession()
    session.attach_library(store)
    heard = _heard(session)
    assert session.add_bookmark(5_000) is None
    assert heard["message"] == [("Open a transcript first.",)]


def test_a_library_attached_later_brings_back_what_was_kept(store):
    first = EpisodeSession()
    first.attach_library(store)
    first.open(parse_text(TALK), "/talks/one.txt")
    highlight = first.add_highlight(_anchor(first), "green")
    first.rename_speaker("Ben", "Benjamin")
    first.nudge(2)

    later = EpisodeSession()
    later.open(parse_text(TALK), "/talks/one.txt")
    heard = _heard(later)
    later.attach_library(store)
    assert [h.id for h in later.highlights] == [highlight.id]
    assert later.speaker_name("Ben") == "Benjamin"
    assert later.time_map.offset_ms == 2 * NUDGE_MS
    assert heard["episode_found"] and heard["transcript_changed"] and heard["time_map_changed"]


def test_a_highlight_is_saved_before_it_is_announced(store):
    session = EpisodeSession()
    session.attach_library(store)
    session.open(parse_text(TALK), "/talks/one.txt")
    heard = _heard(session)
    highlight = session.add_highlight(_anchor(session))
    assert store.highlights(session.episode.id) == [highlight]
    assert highlight.anchor.quote == "Thanks" and highlight.speakers == ("Ben",)
    assert heard["kept_changed"] == [(("highlight", highlight.id),)]


def test_a_deleted_highlight_comes_back_with_its_id(store):
    session = EpisodeSession()
    session.attach_library(store)
    session.open(parse_text(TALK), "/talks/one.txt")
    highlight = session.add_highlight(_anchor(session))
    deleted = session.delete("highlight", highlight.id)
    assert session.highlights == [] and store.highlights(session.episode.id) == []
    assert session.restore(deleted)
    assert [h.id for h in store.highlights(session.episode.id)] == [highlight.id]


def test_a_store_that_refuses_keeps_the_change_in_memory_and_writes_it_later(store, monkeypatch):
    session = EpisodeSession()
    session.attach_library(store)
    session.open(parse_text(TALK), "/talks/one.txt")
    heard = _heard(session)
    held = []
    session.saving_held.connect(held.append)
    real_add = store.add_bookmark
    reason = "the disk holding /x/library.db is full"

    def full(*_args, **_kwargs):
        raise StoreError(f"Highlights can't be saved because {reason}; free some space.", "unwritable", reason)

    monkeypatch.setattr(store, "add_bookmark", full)
    bookmark = session.add_bookmark(1_000)
    assert bookmark is not None and bookmark.id < 0  # shown, with a provisional id
    assert session.bookmarks == [bookmark] and session.can_save and held == [True]
    assert heard["message"][-1][0].startswith(f"Saving is held up because {reason}; 1 change is kept in memory")
    assert not session.retry_saving()
    monkeypatch.setattr(store, "add_bookmark", real_add)  # space freed
    assert session.retry_saving()
    [saved] = store.bookmarks(session.episode.id)
    assert [b.id for b in session.bookmarks] == [saved.id] and saved.ms == 1_000
    assert held == [True, True, False]
    assert heard["message"][-1] == ("All your changes are saved now.",)


def test_sync_points_map_audio_time_to_text_time_and_are_saved(store):
    session = EpisodeSession()
    session.attach_library(store)
    session.open(parse_text(TALK), "/talks/one.txt")
    heard = _heard(session)
    assert session.pin(2, 0, 80_000)  # turn 2 (text 0:20) is heard at 1:20
    assert session.to_audio(20_000) == 80_000 and session.to_transcript(80_000) == 20_000
    assert store.time_map(session.episode.id)["points"]
    assert heard["message"][-1][0].startswith("Sync point set: 00:20 in the text")
    session.reset_time_map()
    assert session.time_map.is_identity and len(heard["time_map_changed"]) == 2


def test_an_untimed_transcript_is_spread_over_the_audio_once():
    session = EpisodeSession()
    session.open(parse_text(UNTIMED), "/talks/untimed.txt")
    heard = _heard(session)
    assert session.estimate_over(600_000)
    assert session.transcript.turns[-1].start_ms > 300_000
    assert session.parsed.turns[-1].start_ms < 300_000  # what the file gave is kept
    assert not session.estimate_over(600_500)  # the same length, reported again
    assert len(heard["transcript_changed"]) == 1


def test_a_timed_transcript_keeps_its_times_when_audio_arrives():
    session = EpisodeSession()
    session.open(parse_text(TALK), "/talks/one.txt")
    assert not session.estimate_over(600_000)
    assert session.transcript is session.parsed


def test_a_speaker_name_pasted_with_line_breaks_and_tabs_is_kept_on_one_line(store):
    session = EpisodeSession()
    session.attach_library(store)
    session.open(parse_text(TALK), "/talks/one.txt")
    session.rename_speaker("Ben", "Dr Ben\nOkoro\t Jr\n")
    assert session.speaker_name("Ben") == "Dr Ben Okoro Jr"
    assert store.episode(session.episode.id).speaker_renames == {"Ben": "Dr Ben Okoro Jr"}
    session.rename_speaker("Ben", "\n\t ")
    assert store.episode(session.episode.id).speaker_renames == {}
