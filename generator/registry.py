"""Contributor-edited data next to the corpus → typed, validated registries.

In: the YAML files in the corpus directory (``boilerplate.yml``, ``people.yml``,
``topics.yml``, ``organizations.yml``, ``places.yml``); any may be missing or empty.
Out: one frozen :class:`Registries` value, or :class:`Problem` values naming the file and line
of anything malformed. This module reads files; everything downstream is pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.model import Problem


@dataclass(frozen=True)
class Boilerplate:
    """Compiled chrome patterns (see ``corpus/boilerplate.yml``)."""

    drop_line: tuple[re.Pattern[str], ...] = ()
    drop_sentence: tuple[re.Pattern[str], ...] = ()
    drop_line_and_next: tuple[re.Pattern[str], ...] = ()
    drop_block: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Role:
    role: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class RegisteredPerson:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    description: str
    phrases: tuple[str, ...]
    min_mentions: int = 3


@dataclass(frozen=True)
class RegisteredOrganization:
    name: str
    aliases: tuple[str, ...] = ()
    outlet: bool = False


@dataclass(frozen=True)
class PlaceData:
    aliases: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] = ()
    not_places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registries:
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    people: tuple[RegisteredPerson, ...] = ()
    topics: tuple[Topic, ...] = ()
    organizations: tuple[RegisteredOrganization, ...] = ()
    places: PlaceData = field(default_factory=PlaceData)


DEFAULT_MIN_MENTIONS = 3


class RegistryError(Exception):
    """A registry file is malformed; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _load(path: Path, problems: list[Problem]) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), 1, f"cannot read: {error}"))
        return {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        problems.append(Problem(str(path), (mark.line + 1) if mark else 1, f"invalid YAML: {error.problem}"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "expected a mapping at the top level"))
        return {}
    return data


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value if item is not None)
    return (str(value),)


def _compile(path: Path, key: str, patterns: object, problems: list[Problem]) -> tuple:
    compiled = []
    for pattern in _strings(patterns):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            problems.append(Problem(str(path), 1, f"{key}: pattern {pattern!r} does not compile: {error}"))
    return tuple(compiled)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def load_registries(corpus: Path) -> Registries:
    """Load every registry in ``corpus``; raise :class:`RegistryError` listing all problems."""
    problems: list[Problem] = []
    boiler_path = corpus / "boilerplate.yml"
    boiler = _load(boiler_path, problems)
    boilerplate = Boilerplate(
        drop_line=_compile(boiler_path, "drop_line", boiler.get("drop_line"), problems),
        drop_sentence=_compile(boiler_path, "drop_sentence", boiler.get("drop_sentence"),
                               problems),
        drop_line_and_next=_compile(
            boiler_path, "drop_line_and_next", boiler.get("drop_line_and_next"), problems
        ),
        drop_block=_compile(boiler_path, "drop_block", boiler.get("drop_block"), problems),
    )
    people_path = corpus / "people.yml"
    people = []
    for name, entry in sorted((_load(people_path, problems).get("people") or {}).items()):
        entry = entry or {}
        roles = tuple(
            Role(str(role.get("role", "")), _date(role.get("from")), _date(role.get("to")))
            for role in entry.get("roles") or ()
            if isinstance(role, dict)
        )
        people.append(
            RegisteredPerson(str(name), _strings(entry.get("aliases")), roles, entry.get("wikidata"))
        )
    topics_path = corpus / "topics.yml"
    topics = []
    for slug, entry in sorted((_load(topics_path, problems).get("topics") or {}).items()):
        entry = entry or {}
        phrases = _strings(entry.get("phrases"))
        if not phrases:
            problems.append(Problem(str(topics_path), 1, f"topic {slug!r} has no phrases"))
        topics.append(
            Topic(
                str(slug),
                str(entry.get("label") or slug),
                str(entry.get("description") or ""),
                phrases,
                int(entry.get("min_mentions") or DEFAULT_MIN_MENTIONS),
            )
        )
    orgs_path = corpus / "organizations.yml"
    organizations = tuple(
        RegisteredOrganization(
            str(name), _strings((entry or {}).get("aliases")), bool((entry or {}).get("outlet"))
        )
        for name, entry in sorted((_load(orgs_path, problems).get("organizations") or {}).items())
    )
    places_raw = _load(corpus / "places.yml", problems)
    places = PlaceData(
        aliases=tuple(
            (str(alias), str(canonical))
            for canonical, aliases in sorted((places_raw.get("aliases") or {}).items())
            for alias in _strings(aliases)
        ),
        regions=_strings(places_raw.get("regions")),
        not_places=_strings(places_raw.get("not_places")),
    )
    if problems:
        raise RegistryError(problems)
    return Registries(boilerplate, tuple(people), tuple(topics), organizations, places)
