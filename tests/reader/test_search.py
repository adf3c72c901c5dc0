"""Library search: words, accents, phrases, prefixes, quotes and notes, and an
index that stays consistent with the episodes it describes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import reader.search as search_module
from reader.anchoring import make_anchor, quote_speakers
from reader.importer import parse_text
from reader.model import Transcript, Turn
from reader.search import MARK_END, MARK_START, LibrarySearch, SearchError, SearchHit, match_expression
from reader.store import Store

PROJECT = Path(__file__).resolve().parents[2]

POLICY = (
    "Policy Hour\n\nTranscript\n"
    "00:00:00 Ana Lima: Welcome back. Today: regulation of frontier labs.\n"
    "00:00:10 Ben Okoro: Regulators want open models audited, and the café crowd agrees.\n"
    "00:00:20 Ana Lima: Models that are open, or open weights? Let us be precise.\n"
)
GARDENS = (
    "Gardens Weekly\n\nTranscript\n"
    "00:00:00 Cara Diaz: The régime of watering matters more than the soil.\n"
    "00:01:05 Dev Shah: I keep a notebook of every seed <b>x</b> I plant.\n"
)


def _open(store: Store, library: LibrarySearch, tmp_path: Path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    transcript = parse_text(text, name)
    episode, _changed = store.open_episode(transcript, str(path))
    library.index_episode(episode.id, transcript)
    return episode, transcript


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def library(store):
    searcher = LibrarySearch(store)
    yield searcher
    searcher.close()


@pytest.fixture
def episodes(store, library, tmp_path):
    policy = _open(store, library, tmp_path, POLICY, "policy.txt")
    gardens = _open(store, library, tmp_path, GARDENS, "gardens.txt")
    return policy, gardens


def turns_of(hits: list[SearchHit]) -> list[tuple[int, int | None]]:
    return sorted((hit.episode_id, hit.turn) for hit in hits)


# --- finding words -----------------------------------------------------------


def test_a_word_is_found_with_its_episode_speaker_time_and_marked_snippet(library, episodes):
    (policy, _), _ = episodes
    [hit] = library.search("frontier")
    assert (hit.episode_id, hit.title, hit.kind, hit.turn) == (policy.id, "Policy Hour", "turn", 0)
    assert (hit.speaker, hit.start_ms, hit.item_id) == ("Ana Lima", 0, None)
    assert f"{MARK_START}frontier{MARK_END}" in hit.snippet
    assert hit.rank < 0  # bm25: lower is better


def test_every_word_must_match(library, episodes):
    (policy, _), _ = episodes
    assert turns_of(library.search("open audited")) == [(policy.id, 1)]
    assert library.search("open soil") == []


def test_accents_are_folded_both_ways(library, episodes):
    (policy, _), (gardens, _) = episodes
    assert turns_of(library.search("cafe")) == [(policy.id, 1)]
    assert turns_of(library.search("RÉGIME")) == [(gardens.id, 0)]
    assert turns_of(library.search("regime")) == [(gardens.id, 0)]


def test_a_phrase_needs_its_words_together_and_in_order(library, episodes):
    (policy, _), _ = episodes
    assert turns_of(library.search("open models")) == [(policy.id, 1), (policy.id, 2)]
    [hit] = library.search('"open models"')
    assert hit.turn == 1
    assert f"{MARK_START}open models{MARK_END}" in hit.snippet


def test_a_star_searches_a_prefix(library, episodes):
    (policy, _), _ = episodes
    hits = library.search("regul*")
    assert turns_of(hits) == [(policy.id, 0), (policy.id, 1)]
    assert library.search("regul") == []


def test_typing_treats_the_last_word_as_a_prefix(library, episodes):
    (policy, _), _ = episodes
    assert turns_of(library.search("frontier regul", prefix_last=True)) == [(policy.id, 0)]
    assert library.search("frontier regul ", prefix_last=True) == []  # a space ends the word
    assert match_expression("o", prefix_last=True) == '"o"'  # one letter would match half the library


def test_hits_show_renamed_speakers(store, library, episodes):
    (policy, _), _ = episodes
    store.rename_speaker(policy.id, "Ben Okoro", "Benedict")
    [hit] = library.search("audited")
    assert hit.speaker == "Benedict"


# --- quotes and notes ----------------------------------------------------------


def test_highlight_quotes_notes_and_bookmark_notes_are_found(store, library, episodes):
    (policy, transcript), _ = episodes
    anchor = make_anchor(transcript, 2, 0, 2, 16)  # "Models that are "
    highlight = store.add_highlight(policy.id, anchor, quote_speakers(transcript, anchor), "yellow", "ask about zebras")
    bookmark = store.add_bookmark(policy.id, 15_000, "the giraffe moment")
    library.index_highlights(policy.id, store.highlights(policy.id), store.bookmarks(policy.id))

    [note] = library.search("zebras")
    assert (note.kind, note.item_id, note.turn, note.speaker) == ("note", highlight.id, 2, "Ana Lima")
    assert note.start_ms == anchor.start_ms
    kinds = {(hit.kind, hit.item_id) for hit in library.search("models that")}
    assert ("highlight", highlight.id) in kinds and ("turn", None) in kinds
    [mark] = library.search("giraffe")
    assert (mark.kind, mark.item_id, mark.turn, mark.start_ms) == ("bookmark", bookmark.id, None, 15_000)


def test_indexing_highlights_again_replaces_them(store, library, episodes):
    (policy, transcript), _ = episodes
    anchor = make_anchor(transcript, 0, 0, 0, 7)
    highlight = store.add_highlight(policy.id, anchor, ("Ana Lima",), "yellow", "zebras")
    library.index_highlights(policy.id, store.highlights(policy.id))
    library.index_highlights(policy.id, store.highlights(policy.id))
    assert len(library.search("zebras")) == 1
    store.delete_highlight(highlight.id)
    library.index_highlights(policy.id, store.highlights(policy.id))
    assert library.search("zebras") == []


# --- consistency ---------------------------------------------------------------


def _sql(store: Store, statement: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on a connection of the test's own, as another program would."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    try:
        return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def _rows(store: Store, episode_id: int) -> int:
    """Rows of the episode in the index, after checking that the FTS5 index
    matches its content table exactly (FTS5 raises on the smallest mismatch)."""
    _sql(store, "INSERT INTO search_docs_fts (search_docs_fts, rank) VALUES ('integrity-check', 1)")
    return _sql(store, "SELECT count(*) FROM search_docs WHERE episode_id = ?", (episode_id,))[0][0]


def test_reindexing_is_skipped_when_unchanged_and_replaces_when_changed(store, library, episodes, tmp_path):
    (policy, transcript), _ = episodes
    assert library.index_episode(policy.id, transcript) is False
    assert _rows(store, policy.id) == 3
    edited = POLICY.replace("frontier labs", "hedgehog labs")
    _same, new = _open(store, library, tmp_path, edited, "policy.txt")
    assert library.indexed_fingerprint(policy.id) == search_module.index_fingerprint(new)
    assert _rows(store, policy.id) == 3
    assert library.search("frontier") == []
    assert turns_of(library.search("hedgehog")) == [(policy.id, 0)]


def test_removing_an_episode_removes_its_rows(store, library, episodes):
    (policy, _), (gardens, _) = episodes
    library.remove_episode(policy.id)
    assert library.search("regulation") == []
    assert _rows(store, policy.id) == 0
    assert library.indexed_fingerprint(policy.id) is None
    assert len(library.search("notebook")) == 1


def test_deleting_an_episode_row_deletes_its_index_rows(store, library, episodes):
    (policy, _), (gardens, _) = episodes
    _sql(store, "DELETE FROM episodes WHERE id = ?", (gardens.id,))
    assert _rows(store, gardens.id) == 0
    assert library.indexed_fingerprint(gardens.id) is None
    assert library.search("notebook") == []
    assert _rows(store, policy.id) == 3


def test_an_index_with_a_part_missing_is_rebuilt(store, library, episodes):
    (policy, transcript), _ = episodes
    _sql(store, "DROP TABLE search_docs_fts")
    rebuilt = LibrarySearch(store)
    assert rebuilt.indexed_fingerprint(policy.id) is None  # so opening it indexes it again
    assert rebuilt.index_episode(policy.id, transcript) is True
    assert len(rebuilt.search("frontier")) == 1


def test_snippet_marks_in_the_text_itself_are_not_taken_for_matches(store, library):
    turn = Turn("Ana", 0, 1000, True, f"odd {MARK_START}bytes{MARK_END} here and a walrus")
    transcript = Transcript("plain-text", "Odd", (), (turn,))
    episode, _ = store.open_episode(transcript, "/nowhere/odd.txt")
    library.index_episode(episode.id, transcript)
    [hit] = library.search("walrus")
    assert hit.snippet.count(MARK_START) == hit.snippet.count(MARK_END) == 1


def test_a_separate_connection_sees_the_same_index(store, library, episodes):
    other = LibrarySearch(store.path)
    try:
        assert len(other.search("frontier")) == 1
    finally:
        other.close()


def test_catch_up_indexes_episodes_kept_before_search_existed(store, tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text(POLICY, encoding="utf-8")
    old, _ = store.open_episode(parse_text(POLICY, "kept.txt"), str(kept))
    gone, _ = store.open_episode(parse_text(GARDENS, "gone.txt"), str(tmp_path / "gone.txt"))
    store.add_bookmark(gone.id, 5000, "remember the zebras")
    library = LibrarySearch(store)
    assert library.catch_up(store, limit=1) == 1
    assert library.catch_up(store) == 1
    assert library.catch_up(store) == 0
    assert turns_of(library.search("frontier")) == [(old.id, 0)]
    assert [hit.kind for hit in library.search("zebras")] == ["bookmark"]  # its transcript is missing


# --- queries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("open models", '"open" "models"'),
        ('"open models"', '"open models"'),
        ("regul*", '"regul"*'),
        ("AND", '"AND"'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("text: open", '"text:" "open"'),
        ("  ", ""),
    ],
)
def test_queries_become_quoted_fts5_strings(query, expression):
    assert match_expression(query) == expression


def test_a_lone_quote_says_how_to_fix_it(library):
    with pytest.raises(SearchError) as error:
        library.search('"')
    assert str(error.value) == 'Unbalanced quote: close the phrase with a second " or remove it.'


@pytest.mark.parametrize("query", ['"', 'open "models', '"a" "b', "*", "(", "**", ")(", "- + ^", '""', ":", "()", "'"])
def test_unsearchable_queries_give_one_sentence(library, episodes, query):
    with pytest.raises(SearchError) as error:
        library.search(query)
    message = str(error.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert "fts5" not in message.lower() and "sqlite" not in message.lower()


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        "OR models",
        "open NOT",
        "NEAR(",
        "NEAR(open models, 2)",
        "col:",
        "text:open",
        "^open",
        "{text speaker}: open",
        "open + models",
        "don't",
        "*open*",
        "ö",
    ],
)
def test_operator_like_input_is_searched_as_words(library, episodes, query):
    hits = library.search(query)
    assert isinstance(hits, list) and all(isinstance(hit, SearchHit) for hit in hits)


def test_and_is_just_the_word_and(library, episodes):
    (policy, _), _ = episodes
    assert turns_of(library.search("AND")) == [(policy.id, 1)]


# --- many episodes ---------------------------------------------------------------


def test_two_hundred_episodes(store, library):
    for number in range(1, 201):
        texts = (
            f"Episode {number} starts here.",
            "A podcast about things.",
            "quokka sighting" if number == 137 else "no sighting",
        )
        turns = tuple(Turn("Host", i * 1000, (i + 1) * 1000, True, text) for i, text in enumerate(texts))
        episode, _ = store.open_episode(Transcript("plain-text", f"Show {number}", (), turns), f"/shows/{number}.txt")
        library.index_episode(episode.id, Transcript("plain-text", None, (), turns))
    assert _sql(store, "SELECT count(*) FROM search_docs") == [(600,)]
    [hit] = library.search("quokka")
    assert (hit.title, hit.turn) == ("Show 137", 2)
    assert len(library.search("podcast")) == 50
    everyone = library.search("podcast", limit=500)
    assert len({hit.episode_id for hit in everyone}) == 200


def test_too_many_matches_come_unranked_newest_episode_first(store, library, episodes, monkeypatch):
    (policy, _), (gardens, _) = episodes
    monkeypatch.setattr(search_module, "RANK_CAP", 1)
    hits = library.search("the")
    assert {hit.rank for hit in hits} == {0.0}
    assert [(hit.episode_id, hit.turn) for hit in hits] == [(gardens.id, 0), (policy.id, 1)]


def test_a_query_fts5_rejects_anyway_gives_a_sentence(library, episodes, monkeypatch):
    monkeypatch.setattr(search_module, "match_expression", lambda query, prefix_last=False: "NEAR(")
    with pytest.raises(SearchError) as error:
        library.search("whatever")
    assert str(error.value).startswith("This search can't be understood;")


def test_a_locked_library_gives_a_sentence_not_a_traceback(store, library, episodes, tmp_path):
    (policy, _), _ = episodes
    edited = parse_text(POLICY.replace("frontier", "walrus"), "policy.txt")
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    waiting = LibrarySearch(store.path, busy_timeout_ms=50)
    try:
        with pytest.raises(SearchError) as error:
            waiting.index_episode(policy.id, edited)
        assert "in use by another program" in str(error.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        waiting.close()
    assert library.search("walrus") == []


def test_an_index_that_cannot_be_built_gives_a_sentence(store, monkeypatch):
    def read_only(_self) -> None:
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = 8  # SQLITE_READONLY
        raise error

    monkeypatch.setattr(LibrarySearch, "_build", read_only)
    with pytest.raises(SearchError) as error:
        LibrarySearch(store)
    assert str(error.value) == (
        "The search index can't be updated because the library file is read-only; searches may miss recent changes."
    )


def test_indexing_a_long_transcript_lets_another_copy_save_between_its_slices(store, monkeypatch):
    """The write lock is let go between slices: another connection that will
    not wait at all (busy timeout 0) still saves in every gap."""
    monkeypatch.setattr(search_module, "WRITE_SLICE_MS", 0)  # one batch per transaction
    turns = tuple(Turn("Host", i * 1000, (i + 1) * 1000, True, f"turn number {i} of many") for i in range(2_000))
    transcript = Transcript("plain-text", "Long", (), turns)
    episode, _ = store.open_episode(transcript, "/shows/long.txt")
    other = sqlite3.connect(store.path, isolation_level=None, timeout=0)
    saves = []

    def save_between_slices() -> bool:
        other.execute("BEGIN IMMEDIATE")  # fails at once if the indexer held the lock
        other.execute("UPDATE episodes SET last_position_ms = ? WHERE id = ?", (len(saves), episode.id))
        other.execute("COMMIT")
        saves.append(1)
        return False

    library = LibrarySearch(store)
    try:
        assert library.index_episode(episode.id, transcript, should_stop=save_between_slices)
        assert len(saves) >= 2_000 // search_module._BATCH
        assert len(library.search("many", limit=5000)) == 2_000
    finally:
        library.close()
        other.close()


def test_indexing_stopped_between_slices_is_done_again_next_time(store, library):
    turns = tuple(Turn("Host", i * 1000, (i + 1) * 1000, True, f"walrus {i}") for i in range(600))
    transcript = Transcript("plain-text", "Walrus", (), turns)
    episode, _ = store.open_episode(transcript, "/shows/walrus.txt")
    assert library.index_episode(episode.id, transcript, should_stop=lambda: True) is False
    assert library.indexed_fingerprint(episode.id) is None
    assert library.index_episode(episode.id, transcript) is True
    assert len(library.search("walrus", limit=1000)) == 600
