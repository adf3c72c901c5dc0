"""Exports, the highlights listing and search hits of episodes that are not open
give the time the words are heard, once the app has aligned them.

The episode's audio has a one-minute ad after the first turn, and its speech
starts two seconds late; the app aligned it and kept the result in the
library. "Thanks", the second turn's first word, is written at 0:10 in the
transcript and heard at 1:12.
"""

from __future__ import annotations

import json

import pytest
from finished_job import keep_ad_alignment

import reader.importer
from reader.align.cache import AlignmentCache
from reader.align.kept import HeardEpisodes
from reader.anchoring import make_anchor, quote_speakers
from reader.cli import main
from reader.importer import load
from reader.search import LibrarySearch
from reader.store import Store
from reader.timemap import TimeMap

EPISODE = (
    "Transcript\n"
    "00:00:00 Ana Lima: Welcome to the show, this is the first turn.\n"
    "00:00:10 Ben Okoro: Thanks for having me here today.\n"
    "00:00:20 Ana Lima: Let us talk about reading along.\n"
    "00:00:30 Ben Okoro: Gladly, it is my favourite subject.\n"
)
AD_START, AD_END = 9_000, 69_000


@pytest.fixture
def library(tmp_path):
    """A library with the episode, its audio paired and "Thanks" highlighted; nothing aligned yet."""
    transcript_path, audio_path = tmp_path / "episode.txt", tmp_path / "episode.mp3"
    transcript_path.write_text(EPISODE, encoding="utf-8")
    audio_path.write_bytes(b"audio bytes: only their fingerprint is read")
    transcript = load(transcript_path)
    data_dir = tmp_path / "lib"
    with Store.open(data_dir) as store:
        episode, _ = store.open_episode(transcript, str(transcript_path))
        store.update_episode(episode.id, audio_path=str(audio_path))
        anchor = make_anchor(transcript, 1, 0, 1, len("Thanks"))
        store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "yellow")
    return data_dir, transcript, audio_path


def aligned_in_the_app(data_dir, transcript, audio_path) -> None:
    with Store.open(data_dir) as store:
        keep_ad_alignment(store.path, [turn.text for turn in transcript.turns], audio_path, AD_START, AD_END)


def export_markdown(data_dir, capsys) -> str:
    assert main(["export", "--all", "--format", "md", "--data-dir", str(data_dir)]) == 0
    return capsys.readouterr().out


def test_a_highlight_after_the_ad_exports_at_the_time_it_is_heard(library, capsys):
    aligned_in_the_app(*library)
    exported = export_markdown(library[0], capsys)
    assert "Thanks" in exported
    assert "[00:01:12]" in exported and "[00:00:10]" not in exported


def test_json_gives_the_words_time_with_the_map_that_hears_it(library, capsys):
    aligned_in_the_app(*library)
    assert main(["export", "--all", "--format", "json", "--data-dir", str(library[0])]) == 0
    [episode] = json.loads(capsys.readouterr().out)["episodes"]
    [highlight] = episode["highlights"]
    points = [(p["transcript_ms"], p["audio_ms"]) for p in episode["sync_points"]]
    heard = TimeMap(episode["offset_ms"], points).to_audio(highlight["start_ms"])
    assert heard == 10_000 + 2_000 + (AD_END - AD_START)


def test_without_an_alignment_kept_the_transcripts_time_stays(library, capsys):
    exported = export_markdown(library[0], capsys)
    assert "[00:00:10]" in exported and "[00:01:12]" not in exported


def test_when_the_audio_has_moved_the_stored_time_stays(library, capsys):
    data_dir, transcript, audio_path = library
    aligned_in_the_app(data_dir, transcript, audio_path)
    audio_path.rename(audio_path.with_name("moved.mp3"))
    exported = export_markdown(data_dir, capsys)
    assert "[00:00:10]" in exported and "[00:01:12]" not in exported


def test_an_edited_transcript_is_not_given_the_old_texts_times(library, capsys):
    data_dir, transcript, audio_path = library
    aligned_in_the_app(data_dir, transcript, audio_path)
    path = data_dir.parent / "episode.txt"
    path.write_text(EPISODE.replace("my favourite subject", "my favourite topic"), encoding="utf-8")
    exported = export_markdown(data_dir, capsys)
    assert "[00:00:10]" in exported and "[00:01:12]" not in exported


# --- transcript-reader highlights ------------------------------------------------


def listing(data_dir, capsys) -> str:
    assert main(["highlights", "1", "--data-dir", str(data_dir)]) == 0
    return capsys.readouterr().out


def add_bookmark_at_the_second_turn(data_dir) -> None:
    with Store.open(data_dir) as store:
        store.add_bookmark(1, 10_000, "come back here")


def test_the_highlights_listing_gives_the_time_a_highlight_after_the_ad_is_heard(library, capsys):
    aligned_in_the_app(*library)
    add_bookmark_at_the_second_turn(library[0])
    listed = listing(library[0], capsys)
    assert "[00:01:12] yellow Ben Okoro: “Thanks”" in listed
    assert "[00:01:09] bookmark come back here" in listed  # its moment after the ad (69.999 s), as exports give it
    assert "[00:00:10]" not in listed


def test_the_highlights_listing_without_an_alignment_kept_gives_the_stored_time(library, capsys):
    add_bookmark_at_the_second_turn(library[0])
    listed = listing(library[0], capsys)
    assert "[00:00:10] yellow Ben Okoro: “Thanks”" in listed and "[00:00:10] bookmark come back here" in listed
    assert "[00:01:12]" not in listed


def test_the_highlights_listing_of_an_edited_transcript_gives_the_stored_time(library, capsys):
    data_dir, transcript, audio_path = library
    aligned_in_the_app(data_dir, transcript, audio_path)
    (data_dir.parent / "episode.txt").write_text(EPISODE.replace("Thanks for", "Thank you for"), encoding="utf-8")
    listed = listing(data_dir, capsys)
    assert "[00:00:10] yellow" in listed and "[00:01:12]" not in listed


def test_listing_an_episode_never_aligned_does_not_read_its_transcript(library, capsys, monkeypatch):
    """A library where nothing (or only other audio) was aligned lists at once, however long the transcripts."""
    data_dir, transcript, _audio_path = library
    read: list[str] = []
    monkeypatch.setattr(reader.importer, "load", lambda path: read.append(str(path)) or load(path))
    assert "[00:00:10] yellow" in listing(data_dir, capsys)
    other_audio = data_dir.parent / "other.mp3"
    other_audio.write_bytes(b"another episode's audio")
    keep_ad_alignment(data_dir / "library.db", [turn.text for turn in transcript.turns], other_audio, 9_000, 69_000)
    assert "[00:00:10] yellow" in listing(data_dir, capsys)
    assert read == []
    aligned_in_the_app(*library)
    assert "[00:01:12] yellow" in listing(data_dir, capsys)
    assert read == [str(data_dir.parent / "episode.txt")]  # this episode's audio was aligned: now it is read


def test_listing_never_adds_the_alignment_table_to_a_library(library, capsys):
    listing(library[0], capsys)
    assert AlignmentCache.open_existing(library[0] / "library.db") is None


# --- library search -----------------------------------------------------------------


@pytest.fixture
def indexed(library):
    """The library with its episode indexed for search, as the app indexes an episode it opens."""
    data_dir, transcript, _audio_path = library
    with Store.open(data_dir) as store:
        search = LibrarySearch(store)
        search.index_episode(1, transcript)
        search.index_highlights(1, store.highlights(1), store.bookmarks(1))
        search.close()
    return library


def heard_hits(data_dir, query: str) -> list:
    search = LibrarySearch(data_dir / "library.db")
    try:
        heard = HeardEpisodes(search.library())
        return [heard.heard_hit(hit) for hit in search.search(query)]
    finally:
        search.close()


def test_search_hits_in_an_aligned_episode_that_is_not_open_have_the_time_heard(indexed):
    aligned_in_the_app(*indexed)
    hits = {hit.kind: hit for hit in heard_hits(indexed[0], "thanks")}
    assert set(hits) == {"turn", "highlight"}
    assert hits["turn"].start_ms == hits["highlight"].start_ms == 10_000 + 2_000 + (AD_END - AD_START)
    assert hits["turn"].heard and hits["highlight"].heard


def test_search_hits_without_an_alignment_kept_keep_the_transcripts_time(indexed):
    hits = heard_hits(indexed[0], "thanks")
    assert [(hit.start_ms, hit.heard) for hit in hits] == [(10_000, False), (10_000, False)]


def test_search_hits_of_an_edited_transcript_keep_the_transcripts_time(indexed):
    data_dir, transcript, audio_path = indexed
    aligned_in_the_app(data_dir, transcript, audio_path)
    (data_dir.parent / "episode.txt").write_text(EPISODE.replace("reading along", "reading aloud"), encoding="utf-8")
    hits = heard_hits(data_dir, "thanks")
    assert [(hit.start_ms, hit.heard) for hit in hits] == [(10_000, False), (10_000, False)]


def test_an_episodes_alignment_is_applied_once_in_a_search_session(indexed, monkeypatch):
    aligned_in_the_app(*indexed)
    read: list[str] = []
    monkeypatch.setattr(reader.importer, "load", lambda path: read.append(str(path)) or load(path))
    search = LibrarySearch(indexed[0] / "library.db")
    heard = HeardEpisodes(search.library())
    for query in ("thanks", "reading", "favourite"):
        assert all(heard.heard_hit(hit).heard for hit in search.search(query))
    search.close()
    assert len(read) == 1


# --- the user's own sync points, with no alignment kept ------------------------------


def set_sync_point_three_seconds_later(data_dir) -> None:
    """The user said the second turn is heard 3 s after its stamp (no alignment run)."""
    with Store.open(data_dir) as store:
        store.save_time_map(1, TimeMap().with_point(10_000, 13_000).as_dict())


def test_the_highlights_listing_follows_the_users_sync_points_as_exports_do(library, capsys):
    set_sync_point_three_seconds_later(library[0])
    add_bookmark_at_the_second_turn(library[0])
    listed = listing(library[0], capsys)
    assert "[00:00:13] yellow Ben Okoro: “Thanks”" in listed and "[00:00:13] bookmark come back here" in listed
    assert "[00:00:13]" in export_markdown(library[0], capsys)  # the same time in the export
    assert "[00:00:10]" not in listed


def test_search_hits_follow_the_users_sync_points_without_an_alignment(indexed):
    set_sync_point_three_seconds_later(indexed[0])
    hits = heard_hits(indexed[0], "thanks")
    assert [(hit.start_ms, hit.heard) for hit in hits] == [(13_000, True), (13_000, True)]
