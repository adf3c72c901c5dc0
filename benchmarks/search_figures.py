"""Library search figures: an index of 200 episodes x 600 turns, then typical queries.

    uv run python benchmarks/search_figures.py        # prints JSON

bench.py calls :func:`search_figures`. The words follow a Zipf law (the k-th
commonest word is 1/k as frequent as the first), so "the" is about one word in
ten and sits in nearly every turn, as in real speech; topical words are placed
at ranks from 150 to 3000, and a few fixed phrases are sprinkled in so phrase
queries have something to find. Query figures are over repeated runs after a
warm-up; the index is built once in a temporary folder.

Figures:
- library_search_ms_p50: one typical word (median over several such words).
- library_search_ms_p95: over all typical queries (words, two words, a phrase,
  prefixes). Targets: both under 20 ms.
- library_search_common_ms: the word "the" (target under 100 ms).
- library_search_typing_ms: a two-letter prefix, as search-as-you-type sends.
- library_index_episode_ms: indexing one 600-turn episode (median).
- library_index_long_episode_ms: indexing a 10-hour episode (6,000 turns of 40-130 words).
- library_index_skip_ms: reopening an episode already indexed (fingerprint only).
- library_index_mb, library_index_build_s: the whole library file, and the time to fill it.
"""

from __future__ import annotations

import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.model import Transcript, Turn  # noqa: E402
from reader.search import LibrarySearch  # noqa: E402
from reader.store import Store  # noqa: E402

EPISODES, TURNS = 200, 600
COMMON = (
    "the of and to a in is it you that i was for on are with as we be at one have this from or had by not but "
    "what some can out other were all there when your use an each which she do how their if will up about many "
    "then them these so her would make like him into time has look two more go see no way could people my than "
    "first been call who its now find long down day did get come made may part know think really just yeah right"
).split()
#: Topical words and the Zipf rank each is given (1-based).
TOPICAL = {
    "model": 150,
    "policy": 220,
    "compute": 300,
    "government": 420,
    "open": 180,
    "models": 260,
    "data": 200,
    "regulation": 700,
    "frontier": 900,
    "weights": 1100,
    "safety": 500,
    "export": 1500,
    "controls": 1700,
    "thresholds": 3000,
    "régime": 2500,
}
PHRASES = ("open models", "export controls", "compute thresholds", "frontier labs", "open weights")
TYPICAL_WORDS = ("regulation", "frontier", "weights", "safety", "export")
TYPICAL = (*TYPICAL_WORDS, "open models", "government policy", '"export controls"', "regul*", "thresh*", "regime")


def vocabulary(size: int = 6000) -> list[str]:
    """Function words first, then pseudo-words, with topical words at their ranks."""
    syllables = "ka lo ri mu ne sa ti po ve da ro li ba na ce fo gu ha je mi".split()
    pseudo = (a + b + c for a, b, c in itertools.product(syllables, repeat=3))
    words = list(COMMON)
    for rank in range(len(words) + 1, size + 1):
        words.append(next((w for w, r in TOPICAL.items() if r == rank), None) or next(pseudo))
    return words


def synthesise(
    rng: random.Random, words: list[str], cumulative: list[float], title: str, turns_count: int = TURNS, size=(10, 60)
) -> Transcript:
    turns = []
    for index in range(turns_count):
        text = rng.choices(words, cum_weights=cumulative, k=rng.randint(*size))
        if rng.random() < 0.05:
            text.insert(rng.randrange(len(text)), rng.choice(PHRASES))
        start = index * 6000
        turns.append(
            Turn(("Ana Lima", "Ben Okoro")[index % 2], start, start + 6000, True, " ".join(text).capitalize() + ".")
        )
    return Transcript("synthetic", title, (), tuple(turns))


def _ms(action, repeats: int) -> list[float]:
    action()  # warm-up: page cache and statement cache
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def build(folder: Path, seed: int = 11) -> tuple[Store, LibrarySearch, list[float], float, tuple]:
    """The library, its index, the per-episode indexing times, the total seconds
    and the last (episode id, transcript)."""
    rng = random.Random(seed)
    words = vocabulary()
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    store = Store.open(folder)
    library = LibrarySearch(store)
    times, started = [], time.perf_counter()
    for number in range(1, EPISODES + 1):
        transcript = synthesise(rng, words, cumulative, f"Episode {number}")
        episode, _changed = store.open_episode(transcript, str(folder / f"episode-{number}.txt"))
        begin = time.perf_counter()
        library.index_episode(episode.id, transcript)
        times.append((time.perf_counter() - begin) * 1000)
    return store, library, times, time.perf_counter() - started, (episode.id, transcript)


def _long_episode_ms(store: Store, library: LibrarySearch, folder: Path) -> float:
    """One 10-hour episode, as bench.py synthesises: what opening it costs the first time."""
    words = vocabulary()
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    transcript = synthesise(random.Random(5), words, cumulative, "Ten hours", 6000, (40, 130))
    episode, _changed = store.open_episode(transcript, str(folder / "ten-hours.txt"))
    start = time.perf_counter()
    library.index_episode(episode.id, transcript)
    return (time.perf_counter() - start) * 1000


def search_figures(repeats: int = 15) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        store, library, index_times, build_s, (episode_id, transcript) = build(Path(folder))
        try:
            per_query = {query: _ms(lambda q=query: library.search(q), repeats) for query in TYPICAL}
            common = _ms(lambda: library.search("the"), repeats)
            typing = _ms(lambda: library.search("th", prefix_last=True), repeats)
            long_ms = _long_episode_ms(store, library, Path(folder))
            skip = _ms(lambda: library.index_episode(episode_id, transcript), repeats)
            size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
        finally:
            library.close()
            store.close()
    words = [ms for query in TYPICAL_WORDS for ms in per_query[query]]
    everything = [ms for samples in per_query.values() for ms in samples]
    return {
        "library_episodes": EPISODES,
        "library_turns": EPISODES * TURNS,
        "library_search_ms_p50": round(statistics.median(words), 2),
        "library_search_ms_p95": round(_p95(everything), 2),
        "library_search_common_ms": round(statistics.median(common), 2),
        "library_search_typing_ms": round(statistics.median(typing), 2),
        "library_search_query_ms": {query: round(statistics.median(s), 2) for query, s in per_query.items()},
        "library_index_episode_ms": round(statistics.median(index_times), 1),
        "library_index_long_episode_ms": round(long_ms, 1),
        "library_index_skip_ms": round(statistics.median(skip), 2),
        "library_index_mb": round(size_mb, 1),
        "library_index_build_s": round(build_s, 1),
    }


if __name__ == "__main__":
    print(json.dumps(search_figures(), indent=2, ensure_ascii=False))
