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


_TOPIC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _line_of(path: Path, key: str) -> int:
    """The line where ``key:`` is written in ``path`` (1 when it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith((f"{key}:", f"'{key}':", f'"{key}":')):
            return number
    return 1


def _entries(path: Path, section: str, problems: list[Problem]) -> list[tuple[str, dict]]:
    """The ``section`` mapping of a registry as sorted (name, entry) pairs; malformed parts
    become problems with their line."""
    data = _load(path, problems)
    unknown = sorted(str(key) for key in data if key != section)
    for key in unknown:
        problems.append(Problem(str(path), _line_of(path, key),
                                f"unknown key {key!r}; expected '{section}:'"))
    entries = data.get(section) or {}
    if not isinstance(entries, dict):
        problems.append(Problem(str(path), _line_of(path, section),
                                f"'{section}' must be a mapping of name: details"))
        return []
    result = []
    for name, entry in sorted(entries.items(), key=lambda item: str(item[0])):
        if entry is not None and not isinstance(entry, dict):
            problems.append(Problem(str(path), _line_of(path, str(name)),
                                    f"{name}: expected a mapping of details (aliases, …)"))
            continue
        result.append((str(name), entry or {}))
    return result


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
    for name, entry in _entries(people_path, "people", problems):
        if not name.strip():
            problems.append(Problem(str(people_path), _line_of(people_path, name),
                                    "a person needs a name"))
            continue
        roles = []
        for role in entry.get("roles") or ():
            if not isinstance(role, dict):
                problems.append(Problem(str(people_path), _line_of(people_path, name),
                                        f"{name}: each role must be 'role: …, from: …, to: …'"))
                continue
            start, end = _date(role.get("from")), _date(role.get("to"))
            for key, raw, parsed in (("from", role.get("from"), start), ("to", role.get("to"), end)):
                if raw is not None and parsed is None:
                    problems.append(Problem(str(people_path), _line_of(people_path, name),
                                            f"{name}: role date {key}: {raw!r} is not YYYY-MM-DD"))
            roles.append(Role(str(role.get("role", "")), start, end))
        wikidata = entry.get("wikidata")
        people.append(RegisteredPerson(name, _strings(entry.get("aliases")), tuple(roles),
                                       str(wikidata) if wikidata is not None else None))
    topics_path = corpus / "topics.yml"
    topics = []
    for slug, entry in _entries(topics_path, "topics", problems):
        line = _line_of(topics_path, slug)
        if not _TOPIC_ID.fullmatch(slug):
            problems.append(Problem(str(topics_path), line, f"topic id {slug!r}: use lower-case "
                                    "letters, digits and hyphens (it becomes the page's URL)"))
            continue
        phrases = _strings(entry.get("phrases"))
        if not phrases:
            problems.append(Problem(str(topics_path), line, f"topic {slug!r} has no phrases"))
        minimum = entry.get("min_mentions", DEFAULT_MIN_MENTIONS)
        if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
            problems.append(Problem(str(topics_path), line,
                                    f"topic {slug!r}: min_mentions must be a whole number ≥ 1"))
            minimum = DEFAULT_MIN_MENTIONS
        topics.append(Topic(slug, str(entry.get("label") or slug),
                            str(entry.get("description") or ""), phrases, minimum))
    orgs_path = corpus / "organizations.yml"
    organizations = tuple(
        RegisteredOrganization(name, _strings(entry.get("aliases")), bool(entry.get("outlet")))
        for name, entry in _entries(orgs_path, "organizations", problems)
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
