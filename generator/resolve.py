"""Archive-wide people: every article's person names → one canonical name per person.

In: each article's person names and the people registry. Out: a mapping from
each name as found to its canonical name. Rules: a registry name or alias wins; names whose
transliteration keys are equal (Sergey/Sergei, Dmitry/Dmitri, Zelensky/Zelenskyy) are one
person, named by the most frequent spelling (ties: alphabetical); a surname alone resolves to
the single full name in the archive with that surname, never when two people share it.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from generator.knowledge import Knowledge, RegistryPeople, fold

_TRANSLITERATION = (
    ("iy", "i"), ("yy", "i"), ("ey", "ei"), ("y", "i"), ("kh", "h"), ("ck", "k"), ("ph", "f"),
    ("ou", "u"), ("oo", "u"), ("j", "i"), ("w", "v"), ("ii", "i"), ("'", ""), ("’", ""),
    ("-", " "),
)


def transliteration_key(name: str) -> str:
    """A key equal for spellings that differ only by romanisation."""
    key = fold(name)
    for old, new in _TRANSLITERATION:
        key = key.replace(old, new)
    return re.sub(r"\s+", " ", key).strip()


def same_person(first: str, second: str) -> bool:
    """True when two full names are romanisation variants of one name."""
    if first == second:
        return True
    first_parts, second_parts = first.split(), second.split()
    if len(first_parts) != len(second_parts) or len(first_parts) < 2:
        return False
    if transliteration_key(first) == transliteration_key(second):
        return True
    if transliteration_key(first_parts[-1]) != transliteration_key(second_parts[-1]):
        return False
    # Given names may differ by one letter of romanisation (Aleksandr / Alexandr), never more.
    return all(
        transliteration_key(a) == transliteration_key(b) or (
            Levenshtein.distance(transliteration_key(a), transliteration_key(b)) <= 1
            and a[0].casefold() == b[0].casefold() and min(len(a), len(b)) >= 4)
        for a, b in zip(first_parts[:-1], second_parts[:-1], strict=True)
    )


def _surname_key(name: str) -> str:
    return transliteration_key(name.rsplit(maxsplit=1)[-1]) if name.split() else ""


def canonical_people(names_per_article: list[list[str]],
                     knowledge: Knowledge | RegistryPeople) -> dict[str, str]:
    """Map every person name found anywhere to its canonical name (deterministic).

    Names are only compared within a bucket of the same romanised surname, so the work grows
    with the archive, not with its square.
    """
    counts: Counter[str] = Counter(name for names in names_per_article for name in set(names))
    mapping: dict[str, str] = {}
    buckets: dict[str, list[list[str]]] = {}
    for name in sorted(counts):
        registered = knowledge.people.get(fold(name))
        if registered:
            mapping[name] = registered
            continue
        groups = buckets.setdefault(_surname_key(name), [])
        for group in groups:
            if same_person(group[0], name):
                group.append(name)
                break
        else:
            groups.append([name])
    registered_by_surname: dict[str, list[str]] = {}
    for person in sorted(set(knowledge.people.values())):
        registered_by_surname.setdefault(_surname_key(person), []).append(person)
    for key, groups in sorted(buckets.items()):
        for group in groups:
            match = next((person for person in registered_by_surname.get(key, [])
                          if same_person(person, group[0])), None)
            best = match or sorted(group, key=lambda name: (-counts[name], name))[0]
            for name in group:
                mapping[name] = best
    return mapping


def archive_surnames(canonical_names: set[str],
                     knowledge: Knowledge | RegistryPeople) -> dict[str, str]:
    """fold(surname) → full name, for surnames only one person in the archive has."""
    by_surname: dict[str, set[str]] = {}
    for name in canonical_names:
        parts = name.split()
        if len(parts) >= 2:
            by_surname.setdefault(fold(parts[-1]), set()).add(name)
    for key, name in knowledge.registry_surnames.items():
        by_surname.setdefault(key, set()).add(name)
    return {key: next(iter(names)) for key, names in by_surname.items() if len(names) == 1}
