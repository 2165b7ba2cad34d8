"""Measure: is a subject a reader would file a page under reachable from what the page links?

In: one labelled subject (free text from an answer key, "Gaza ceasefire talks in Cairo") and
the names by which the article's page leads into the archive: the label and phrases of each of
its topics, and each of its discovered subjects with their other spellings ("US" for United
States). Out: whether one of those names names the label or its key entity. Used by
``briefing eval`` only.

The rule (stated in ``tests/real/README.md``): a name reaches a label when every head word of
the name is a head word of the label ("Gaza" reaches "food shortages in Gaza"; "South Sudan"
does not reach "Sudan health crisis"). Head words are what is left of a text once it is folded
(case and accents), acronym dots are dropped ("U.S." → "us"; a word in capitals is never a
function word), it is split at everything that
is not a letter, a digit or a phrase's closing ``*`` (hyphens and dashes too: "DRC–Rwanda" is
"drc", "rwanda"), and function words and the lexicon's generic words ("government",
"statement", "official") are removed. Two words are the same when they are equal, or when one
is the other plus at most three letters and they share at least four ("Korea"/"Korean",
"tariff"/"tariffs", "Iraq"/"Iraqi"); a topic phrase's ``negotiat*`` matches any ending. A
name "A and B" (a topic label such as "Trade and economy") names A and names B. An adjective
of nationality in a label also names its country ("Polish presidential election" is reached
by "Poland"; see :meth:`generator.knowledge.Knowledge.place_of_demonym`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generator.gazetteer import COMMON_WORDS, fold

_ACRONYM_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_]\.|[^\W\d_](?![^\W\d_]))")
_WORD = re.compile(r"[^\W_]+\*?")
_AND = re.compile(r"\s+(?:and|&)\s+")
MIN_SHARED = 4
MAX_ENDING = 3


def head_words(text: str, generic: frozenset[str]) -> tuple[str, ...]:
    """The words of ``text`` that can name a subject (see the module's rule), in order. A
    word written in capitals is an acronym, never a function word ("US" is not "us")."""
    words = []
    for word in _WORD.findall(_ACRONYM_DOT.sub(r"\1", text)):
        key = fold(word)
        stem = key.rstrip("*")
        acronym = len(stem) > 1 and word.isupper()
        if stem != "s" and (acronym or (stem not in COMMON_WORDS and stem not in generic)):
            words.append(key)
    return tuple(dict.fromkeys(words))


def same_word(word: str, wanted: str) -> bool:
    """``word`` of a name is ``wanted`` of a label: equal, a ``*`` phrase's stem of it, or one
    is the other plus at most three letters, sharing at least four."""
    if word.endswith("*"):
        return wanted.startswith(word[:-1])
    if word == wanted:
        return True
    short, long = sorted((word, wanted), key=len)
    return (len(short) >= MIN_SHARED and long.startswith(short)
            and len(long) - len(short) <= MAX_ENDING)


def label_words(label: str, generic: frozenset[str],
                place_of: Callable[[str], str | None] | None = None) -> tuple[str, ...]:
    """The head words of ``label``, and of the country each of its adjectives of nationality
    names (``place_of``: "Polish presidential election" also has "poland")."""
    words = list(head_words(label, generic))
    if place_of is not None:
        for match in _WORD.finditer(label):
            place = place_of(match.group(0))
            if place is not None:
                words.extend(head_words(place, generic))
    return tuple(dict.fromkeys(words))


def reaches(name: str, label: str | tuple[str, ...], generic: frozenset[str]) -> bool:
    """True when every head word of ``name`` (or of one side of "A and B") is in ``label``
    (text, or its :func:`label_words`)."""
    label_words = head_words(label, generic) if isinstance(label, str) else label
    for part in _AND.split(name):
        words = head_words(part, generic)
        if words and all(any(same_word(word, wanted) for wanted in label_words)
                         for word in words):
            return True
    return False


def reachable(label: str, names: Iterable[str], generic: frozenset[str],
              place_of: Callable[[str], str | None] | None = None) -> bool:
    """True when one of ``names`` (topic labels and phrases, subjects and their spellings)
    reaches ``label``."""
    words = label_words(label, generic, place_of)
    return any(reaches(name, words, generic) for name in names)
