"""The one rule for whether a label such as ``Jane Doe:`` names a speaker.

Every layout that writes speakers as words before a colon (captions, plain
text, Markdown, bracketed lines) asks here, so "Note: ..." is a sentence and
"Jane van der Berg" a person in every one of them alike.
"""

from __future__ import annotations

#: Lower-case words that belong inside names ("Ludwig van Beethoven").
PARTICLES = frozenset({"de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "bin", "al"})

#: Words that open sentences with a colon far more often than they name anyone.
NOT_NAMES = frozenset(
    {
        "note",
        "notes",
        "warning",
        "caution",
        "update",
        "edit",
        "example",
        "tip",
        "important",
        "reminder",
        "disclaimer",
        "ps",
        "p.s",
        "p.s.",
        "source",
        "spoiler",
        "hint",
    }
)

#: Longer labels are sentences ("So here's the thing I wanted to say:").
MAX_NAME_WORDS = 4


def looks_like_name(name: str) -> bool:
    """A proper name: one to four words, each capitalised, a number
    ("Speaker 2"), a particle, or in a script without capitals (田中, محمد)."""
    words = name.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or name.lower() in NOT_NAMES:
        return False
    return all(_name_word(word) for word in words)


#: A name in lower case ("latha sriram") is believed up to this many words;
#: longer lower-case labels read as sentences ("so here's the thing:").
MAX_LOWER_NAME_WORDS = 3


def could_be_name(name: str) -> bool:
    """A proper name, or a short label in any case: the rule for files that
    label every line, where a lower-case name ("latha sriram") is still a person."""
    words = name.split()
    return looks_like_name(name) or (1 <= len(words) <= MAX_LOWER_NAME_WORDS and name.lower() not in NOT_NAMES)


def _name_word(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or word.lower() in PARTICLES or _caseless_letter(first)


def _caseless_letter(char: str) -> bool:
    return char.isalpha() and char.lower() == char.upper()
