"""Pronunciations for the transcript's words, and the files the recogniser reads.

The recogniser only knows words in its dictionary (CMUdict, shipped with
pocketsphinx). About 2 % of podcast words are missing from it; most of them
are compounds ("read-along", "textbox"), acronyms ("AI", "U.S.") or numbers,
which are pronounced here from their parts. What is still unknown is left
out of recognition and its time is interpolated from its neighbours.

Only the transcript's own words go into the dictionary file the decoder
loads: a few thousand lines instead of 135,000, which is most of what makes
the first words appear within seconds.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter

LETTERS = {
    "a": "EY", "b": "B IY", "c": "S IY", "d": "D IY", "e": "IY", "f": "EH F", "g": "JH IY", "h": "EY CH",
    "i": "AY", "j": "JH EY", "k": "K EY", "l": "EH L", "m": "EH M", "n": "EH N", "o": "OW", "p": "P IY",
    "q": "K Y UW", "r": "AA R", "s": "EH S", "t": "T IY", "u": "Y UW", "v": "V IY", "w": "D AH B AH L Y UW",
    "x": "EH K S", "y": "W AY", "z": "Z IY",
}  # fmt: skip
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(value: int) -> list[str]:
    """English words for 0 to 9,999, years read the way people say them ("twenty twenty four")."""
    if value < 20:
        return [ONES[value]]
    if value < 100:
        return [TENS[value // 10]] + ([ONES[value % 10]] if value % 10 else [])
    if value < 1000:
        rest = number_words(value % 100) if value % 100 else []
        return [ONES[value // 100], "hundred", *rest]
    if 1100 <= value < 2000 or 2010 <= value < 2100:
        low = value % 100
        return number_words(value // 100) + (
            number_words(low) if low >= 10 else ["oh", ONES[low]] if low else ["hundred"]
        )
    rest = number_words(value % 1000) if value % 1000 else []
    return [*number_words(value // 1000), "thousand", *rest]


def read_dictionary(path: str, wanted: set[str]) -> dict[str, list[str]]:
    """The pronunciations of ``wanted`` words (and helper words) from a CMUdict-format file."""
    found: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            head, _, phones = line.partition(" ")
            word = head.split("(", 1)[0]
            if word in wanted:
                found.setdefault(word, []).append(phones.strip())
    return found


def helper_words(key: str) -> set[str]:
    """Dictionary words an unknown word might be pronounced from."""
    parts = set(re.split(r"[-.']", key))
    if key.endswith("'s"):
        parts.add(key[:-2])
    if key.isdigit() and len(key) <= 4:
        parts.update(number_words(int(key)))
    for cut in range(2, len(key) - 1):
        parts.update((key[:cut], key[cut:]))
    return {part for part in parts if part}


def compose(key: str, known: dict[str, list[str]]) -> str | None:
    """A pronunciation for a word missing from the dictionary, built from its parts, or None."""
    plain = key.replace(".", "")
    if key.endswith("'s") and key[:-2] in known:
        return known[key[:-2]][0] + " Z"
    if key.isdigit() and len(key) <= 4:
        return " ".join(known[word][0] for word in number_words(int(key)) if word in known) or None
    parts = [part for part in re.split(r"[-.]", key) if part]
    if len(parts) > 1 and all(part in known for part in parts):
        return " ".join(known[part][0] for part in parts)
    if plain.isalpha() and len(plain) <= 5 and ("." in key or len(plain) <= 3):
        return " ".join(LETTERS.get(letter, "") for letter in plain).strip() or None
    splits = [(key[:cut], key[cut:]) for cut in range(3, len(key) - 2)]
    splits = [pair for pair in splits if pair[0] in known and pair[1] in known]
    if splits:
        head, tail = max(splits, key=lambda pair: min(len(pair[0]), len(pair[1])))
        return known[head][0] + " " + known[tail][0]
    return None


class Lexicon:
    """Which transcript words can be recognised, and how each is pronounced."""

    def __init__(self, keys, dictionary_path: str) -> None:
        vocabulary = set(keys)
        wanted = set(vocabulary)
        for key in vocabulary:
            wanted |= helper_words(key)
        known = read_dictionary(dictionary_path, wanted)
        self.pronunciations: dict[str, list[str]] = {key: known[key] for key in vocabulary if key in known}
        for key in vocabulary - known.keys():
            phones = compose(key, known)
            if phones:
                self.pronunciations[key] = [phones]

    def __contains__(self, key: str) -> bool:
        return key in self.pronunciations

    def write_dictionary(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as out:
            for key, variants in sorted(self.pronunciations.items()):
                for index, phones in enumerate(variants):
                    out.write(f"{key}{'' if index == 0 else f'({index + 1})'} {phones}\n")


def write_language_model(path: str, keys: list[str], discount: float = 0.3, background=()) -> None:
    """A trigram ARPA model of the transcript itself: the recogniser expects the transcript's sentences.

    Absolute-ish discounting with simple back-off weights: the model need not
    be well normalised, only make the transcript's own word sequences likely.
    ``background`` words get only a small unigram share: when a stretch is
    re-heard with a model of its own few words, they absorb speech that is
    not those words (an ad), which would otherwise be heard as them.
    """
    unigrams = Counter(keys)
    bigrams = Counter(zip(keys, keys[1:], strict=False))
    trigrams = Counter(zip(keys, keys[1:], keys[2:], strict=False))
    total = len(keys)
    vocabulary = sorted(unigrams.keys() | set(background))

    def log10(value: float) -> float:
        return math.log10(max(value, 1e-99))

    uni_p = {w: (unigrams[w] + 1) / (total + len(vocabulary) + 2) for w in vocabulary}
    followers: dict[str, int] = Counter(a for a, _ in bigrams)
    pair_followers: dict[tuple[str, str], int] = Counter((a, b) for a, b, _ in trigrams)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\\data\\\n")
        out.write(f"ngram 1={len(vocabulary) + 2}\nngram 2={len(bigrams)}\nngram 3={len(trigrams)}\n\n")
        out.write("\\1-grams:\n")
        out.write(f"{log10(1 / (total + 2)):.4f} </s> 0.0000\n")
        out.write(f"-99.0000 <s> {log10(discount):.4f}\n")
        for word in vocabulary:
            back = log10(discount) if followers.get(word) else 0.0
            out.write(f"{log10(uni_p[word]):.4f} {word} {back:.4f}\n")
        out.write("\n\\2-grams:\n")
        for (a, b), count in sorted(bigrams.items()):
            back = log10(discount) if pair_followers.get((a, b)) else 0.0
            out.write(f"{log10((1 - discount) * count / unigrams[a]):.4f} {a} {b} {back:.4f}\n")
        out.write("\n\\3-grams:\n")
        for (a, b, c), count in sorted(trigrams.items()):
            out.write(f"{log10((1 - discount) * count / bigrams[(a, b)]):.4f} {a} {b} {c}\n")
        out.write("\n\\end\\\n")


def model_folder() -> str:
    """pocketsphinx's English acoustic model and dictionary, as its wheel installs them.

    The frozen app (build.spec) carries only these two in its own folder:
    pocketsphinx finds its model through the package's files, which a frozen
    app does not have.
    """
    import sys

    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "pocketsphinx", "model", "en-us")
    if getattr(sys, "frozen", False) and os.path.isdir(bundled):
        return bundled
    from pocketsphinx import get_model_path

    return os.path.join(get_model_path(), "en-us")
