"""Contributor-edited data next to the corpus → typed, validated registries.

In: the YAML files in the corpus directory (``boilerplate.yml``, ``people.yml``,
``topics.yml``, ``organizations.yml``, ``places.yml``, ``related.yml``, ``subjects.yml``);
any may be missing or empty. They
come from pull requests, so they are read as untrusted input: only regular files of at most
:data:`MAX_BYTES` bytes (a FIFO never blocks: it is refused before it is opened, and the file
is opened without blocking), strict UTF-8 (a BOM is allowed), the restricted YAML reader of
``yaml_input`` (no tags, anchors or aliases; a key written twice is an error), and every field
checked for its type and shape. Every string is passed through ``read.normalise_text`` (no
control, bidi or zero-width characters reach a page), and registry text quoted in a message
is made printable.

Out: one frozen :class:`Registries` value whose ``warnings`` hold what was ignored (an unknown
key inside an entry, an alias that is a common word or a place), or :class:`RegistryError`
carrying every problem at once (errors and warnings), each with the file and line of the
offending value. Lines come from the YAML nodes, so no file is read twice.
This module reads files; everything downstream is pure.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.gazetteer import fold, is_acronym, is_common_word, place_names
from generator.model import ArticleRejected, Problem
from generator.patterns import UnsafePattern, compile_pattern
from generator.read import normalise_text
from generator.source_files import read_capped
from generator.yaml_input import YamlError, compose, is_text, printable


@dataclass(frozen=True)
class Boilerplate:
    """Compiled chrome patterns (see ``corpus/boilerplate.yml``)."""

    drop_line: tuple[re.Pattern[str], ...] = ()
    drop_sentence: tuple[re.Pattern[str], ...] = ()
    drop_line_and_next: tuple[re.Pattern[str], ...] = ()
    drop_block: tuple[re.Pattern[str], ...] = ()
    drop_line_and_caption: tuple[re.Pattern[str], ...] = ()
    # Calls to action, as lower-case phrases (see ``boilerplate.yml``).
    action_verbs: tuple[str, ...] = ()
    action_calls: tuple[str, ...] = ()
    action_objects: tuple[str, ...] = ()


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
    # A social or messaging platform ("X", "Telegram"): named only where something is
    # posted on it, since its name is often a common word or a letter.
    platform: bool = False


@dataclass(frozen=True)
class PlaceData:
    aliases: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] = ()
    not_places: tuple[str, ...] = ()


# What "related briefings" count, in the spirit of Hugo's `related` indices: a weight per
# shared field, plus text similarity (see corpus/related.yml and generator/publish/related.py).
RELATED_FIELDS = ("speakers", "people", "topics", "places", "organizations", "text")


@dataclass(frozen=True)
class RelatedSettings:
    """How related briefings are chosen: weights per field, the score a pair needs, how many
    an article lists, and whether it may list articles newer than itself."""

    weights: tuple[tuple[str, float], ...] = (
        ("speakers", 3.0), ("people", 1.0), ("topics", 2.0), ("places", 0.5),
        ("organizations", 1.0), ("text", 10.0))
    threshold: float = 4.0
    count: int = 5
    include_newer: bool = False

    def weight(self, name: str) -> float:
        return dict(self.weights).get(name, 0.0)


@dataclass(frozen=True)
class SubjectVocabulary:
    """How discovered subjects are chosen (see ``corpus/subjects.yml`` and
    generator/archive_subjects.py): names that are never subjects, variants written as one
    subject (variant, subject), the weight a candidate needs in its article, and how many
    subjects an article shows at most."""

    stop: tuple[str, ...] = ()
    merge: tuple[tuple[str, str], ...] = ()
    min_mentions: int = 2
    per_article: int = 10


@dataclass(frozen=True)
class Registries:
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    people: tuple[RegisteredPerson, ...] = ()
    topics: tuple[Topic, ...] = ()
    organizations: tuple[RegisteredOrganization, ...] = ()
    places: PlaceData = field(default_factory=PlaceData)
    related: RelatedSettings = field(default_factory=RelatedSettings)
    subjects: SubjectVocabulary = field(default_factory=SubjectVocabulary)
    # What was ignored, for the build report (path:line: warning: …).
    warnings: tuple[Problem, ...] = ()


DEFAULT_MIN_MENTIONS = 3
MAX_BYTES = 4_000_000
BOILERPLATE_PATTERN_KEYS = ("drop_line", "drop_sentence", "drop_line_and_next", "drop_block",
                            "drop_line_and_caption")
BOILERPLATE_PHRASE_KEYS = ("action_verbs", "action_calls", "action_objects")
BOILERPLATE_KEYS = BOILERPLATE_PATTERN_KEYS + BOILERPLATE_PHRASE_KEYS
PERSON_KEYS = ("aliases", "roles", "wikidata")
ROLE_KEYS = ("role", "from", "to")
TOPIC_KEYS = ("label", "description", "phrases", "min_mentions")
ORGANIZATION_KEYS = ("aliases", "outlet", "platform")
PLACE_KEYS = ("aliases", "regions", "not_places")
RELATED_KEYS = ("weights", "threshold", "max", "include_newer")
MAX_RELATED = 20
SUBJECT_KEYS = ("stop", "merge", "min_mentions", "per_article")
MAX_SUBJECTS_PER_ARTICLE = 50

_TOPIC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WIKIDATA = re.compile(r"Q[0-9]{1,12}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
_SHOWN_CHARS = 80


class RegistryError(Exception):
    """A registry file is malformed; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _quote(text: str) -> str:
    """Registry text for a message: quoted, printable, and cut short."""
    cut = text[:_SHOWN_CHARS] + ("…" if len(text) > _SHOWN_CHARS else "")
    return f"'{printable(cut)}'"


@functools.lru_cache(maxsize=1024)  # the same typo in thousands of entries is matched once
def _suggestion(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(normalise_text(key).strip(), allowed, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected " + ", ".join(f"'{name}'" for name in allowed)


def _shown(node: yaml.Node) -> str:
    """A wrong value for a message: the value itself when it is one, else its kind."""
    return _quote(node.value) if isinstance(node, yaml.ScalarNode) else _kind(node)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return {"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "null": "empty",
            "timestamp": "a date"}.get(node.tag.rsplit(":", 1)[-1], "a special value")


def _is_null(node: yaml.Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))


class _File:
    """One registry file being checked: its problems, and typed access to its nodes."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def error(self, node: yaml.Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        self.problems.append(Problem(str(self.path), line, message))

    def warn(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(str(self.path), node.start_mark.line + 1, message,
                                     "warning"))

    def read(self) -> yaml.Node | None:
        """The file's node tree; None when it is missing, empty or cannot be read."""
        if not self.path.exists():
            if self.path.is_symlink():
                self.error(1, "symbolic link to a file that does not exist")
            return None
        try:
            # Only a regular file, and never more than the cap: a FIFO named people.yml
            # would block and a device could be read forever.
            data, _info = read_capped(self.path, str(self.path), MAX_BYTES, "registries")
        except ArticleRejected as rejected:
            self.error(1, rejected.problem.message)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.error(data.count(b"\n", 0, error.start) + 1,
                       f"not valid UTF-8: byte 0x{data[error.start]:02x} at byte offset "
                       f"{error.start} (re-save the file as UTF-8)")
            return None
        try:
            return compose(text)
        except YamlError as error:
            self.error(error.line, error.message)
            return None

    def sections(self, root: yaml.Node | None, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        """The top-level keys of a registry; an unknown one is an error (a typo would
        otherwise switch a whole section off)."""
        if root is None or _is_null(root):
            return {}
        if not isinstance(root, yaml.MappingNode):
            self.error(root, "expected a mapping at the top level (" +
                       ", ".join(f"'{key}:'" for key in allowed) + f"), not {_kind(root)}")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value in root.value:
            key = self.key(key_node, "a top-level key")
            if key is None:
                continue
            if key not in allowed:
                self.error(key_node, f"unknown key {_quote(key)}; {_suggestion(key, allowed)}")
            elif not _is_null(value):
                found[key] = value
        return found

    def fields(self, entry: yaml.Node | None, allowed: tuple[str, ...],
               owner: str) -> dict[str, yaml.Node]:
        """The keys of one entry; an unknown one is ignored with a warning."""
        if entry is None or _is_null(entry):
            return {}
        if not isinstance(entry, yaml.MappingNode):
            self.error(entry, f"{owner}: expected a mapping of details (" +
                       ", ".join(f"{key}: …" for key in allowed) + f"), not {_kind(entry)}")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value in entry.value:
            key = self.key(key_node, f"{owner}: a key")
            if key is None:
                continue
            if key not in allowed:
                self.warn(key_node, f"{owner}: unknown key {_quote(key)} was ignored; "
                          f"{_suggestion(key, allowed)}")
            elif not _is_null(value):
                found[key] = value
        return found

    def entries(self, node: yaml.Node | None,
                section: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(name, name node, details node) of a ``name: details`` section, sorted by name;
        two names that are the same once normalised are an error."""
        if node is None:
            return []
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"'{section}' must be a mapping of name: details, not {_kind(node)}")
            return []
        seen: dict[str, int] = {}
        found = []
        for key_node, value in node.value:
            name = self.text(key_node, f"a name in '{section}'")
            if name is None:
                continue
            line = key_node.start_mark.line + 1
            if name in seen:
                self.error(key_node, f"{_quote(name)} is written a second time (first on line "
                           f"{seen[name]}), once invisible characters are removed")
                continue
            seen[name] = line
            found.append((name, key_node, value))
        return sorted(found, key=lambda item: item[0])

    def key(self, node: yaml.Node, what: str) -> str | None:
        """A key of the schema as written: one with invisible characters is not that key
        (and its message shows them escaped)."""
        if not is_text(node):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        return node.value

    def text(self, node: yaml.Node, what: str) -> str | None:
        """Normalised, stripped, non-empty text; otherwise an error and None."""
        if not is_text(node):
            hint = "; put it in quotes if it is meant as text" if isinstance(
                node, yaml.ScalarNode) and not _is_null(node) else ""
            self.error(node, f"{what} must be text, not {_kind(node)}{hint}")
            return None
        value = normalise_text(node.value).strip()
        if not value:
            self.error(node, f"{what} is empty" + (
                f" once invisible characters are removed ({_quote(node.value)})"
                if node.value.strip() else ""))
            return None
        return value

    def texts(self, node: yaml.Node | None, what: str,
              single: bool = False) -> list[tuple[str, yaml.Node]]:
        """A list of text (or, when ``single``, one text on its own) with each item's node;
        none when ``node`` is None (the key is absent)."""
        if node is None:
            return []
        if single and is_text(node):
            items = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
        else:
            shape = "text or a list of text" if single else "a list of text"
            self.error(node, f"{what} must be {shape}, not {_kind(node)}")
            return []
        found = []
        for item in items:
            value = self.text(item, f"{what}: an item")
            if value is not None:
                found.append((value, item))
        return found

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if raw is None or not (is_text(node) or node.tag.endswith(":timestamp")) or \
                not _ISO_DATE.fullmatch(raw.strip()):
            shown = _quote(raw) if raw is not None else _kind(node)
            self.error(node, f"{what}: {shown} is not a date; write YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            self.error(node, f"{what}: {_quote(raw)} is not a real calendar date")
            return None

    def usable(self, alias: str, node: yaml.Node, owner: str,
               places: dict[str, str] | None) -> bool:
        """False, with a warning, for an alias the extractor must not use: a common word
        (it would match at the start of sentences) or, with ``places``, a known place (the
        person or organisation would take the place's mentions)."""
        if is_common_word(alias) and not is_acronym(alias):
            self.warn(node, f"{owner}: alias {_quote(alias)} is a common English word and was "
                      "ignored; it would match the start of ordinary sentences")
            return False
        if places is not None and fold(alias) in places:
            self.warn(node, f"{owner}: alias {_quote(alias)} is the name of the place "
                      f"{_quote(places[fold(alias)])} and was ignored; the place would lose "
                      "its mentions")
            return False
        return True


def _boilerplate(source: _File) -> Boilerplate:
    sections = source.sections(source.read(), BOILERPLATE_KEYS)
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    for key, node in sections.items():
        if key in BOILERPLATE_PHRASE_KEYS:
            phrases[key] = tuple(dict.fromkeys(" ".join(text.casefold().split())
                                               for text, _item in source.texts(node, key)))
            continue
        patterns = []  # a refused pattern is left out, and reported
        for pattern, item in source.texts(node, key):
            try:
                patterns.append(compile_pattern(pattern))
            except UnsafePattern as refusal:
                source.error(item, f"{key}: pattern {_quote(pattern)} {refusal}")
        compiled[key] = tuple(patterns)
    # Longer verbs first, so "sign up" is tried before "sign".
    verbs = tuple(sorted(phrases.get("action_verbs", ()), key=lambda verb: (-len(verb), verb)))
    return Boilerplate(**compiled, action_verbs=verbs,
                       action_calls=tuple(sorted(phrases.get("action_calls", ()))),
                       action_objects=tuple(sorted(phrases.get("action_objects", ()))))


def _places(source: _File) -> PlaceData:
    sections = source.sections(source.read(), PLACE_KEYS)
    aliases = []
    for canonical, _key, node in source.entries(sections.get("aliases"), "aliases"):
        owner = f"place {_quote(canonical)}"
        aliases.extend((alias, canonical) for alias, item in
                       source.texts(node, f"{owner}: aliases", single=True)
                       if source.usable(alias, item, owner, None))
    regions = tuple(region for region, item in source.texts(sections.get("regions"), "regions")
                    if source.usable(region, item, "regions", None))
    not_places = tuple(name for name, _item in
                       source.texts(sections.get("not_places"), "not_places"))
    return PlaceData(tuple(aliases), regions, not_places)


def _aliases(source: _File, details: dict[str, yaml.Node], owner: str,
             places: dict[str, str]) -> tuple[str, ...]:
    return tuple(alias for alias, item in
                 source.texts(details.get("aliases"), f"{owner}: aliases", single=True)
                 if source.usable(alias, item, owner, places))


def _roles(source: _File, node: yaml.Node, owner: str) -> tuple[Role, ...]:
    if not isinstance(node, yaml.SequenceNode):
        source.error(node, f"{owner}: roles must be a list of {{role: …, from: YYYY-MM-DD, "
                     f"to: YYYY-MM-DD}}, not {_kind(node)}")
        return ()
    roles = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            source.error(item, f"{owner}: each role must be {{role: …, from: …, to: …}}, not "
                         f"{_kind(item)}")
            continue
        details = source.fields(item, ROLE_KEYS, f"{owner}: role")
        if "role" not in details:
            source.error(item, f"{owner}: a role needs 'role: …' (what the person is or was)")
            continue
        title = source.text(details["role"], f"{owner}: role")
        start = source.date(details["from"], f"{owner}: from") if "from" in details else None
        end = source.date(details["to"], f"{owner}: to") if "to" in details else None
        if start and end and start > end:
            source.error(details["to"], f"{owner}: the role ends ({end}) before it starts "
                         f"({start})")
        if title is not None:
            roles.append(Role(title, start, end))
    return tuple(roles)


def _people(source: _File, places: dict[str, str]) -> tuple[RegisteredPerson, ...]:
    sections = source.sections(source.read(), ("people",))
    people = []
    for name, _key, entry in source.entries(sections.get("people"), "people"):
        owner = _quote(name)
        details = source.fields(entry, PERSON_KEYS, owner)
        wikidata = None
        if "wikidata" in details:
            node = details["wikidata"]
            value = normalise_text(node.value).strip() if is_text(node) else None
            if value is not None and _WIKIDATA.fullmatch(value):
                wikidata = value
            else:
                source.error(node, f"{owner}: wikidata {_shown(node)} is not a Wikidata id (Q "
                             "followed by digits, e.g. Q7747)")
        roles = _roles(source, details["roles"], owner) if "roles" in details else ()
        people.append(RegisteredPerson(name, _aliases(source, details, owner, places), roles,
                                       wikidata))
    return tuple(people)


def _topics(source: _File) -> tuple[Topic, ...]:
    sections = source.sections(source.read(), ("topics",))
    topics = []
    for slug, key_node, entry in source.entries(sections.get("topics"), "topics"):
        owner = f"topic {_quote(slug)}"
        if not _TOPIC_ID.fullmatch(slug):
            source.error(key_node, f"topic id {_quote(slug)}: use lower-case letters, digits "
                         "and hyphens (it becomes the page's URL)")
            continue
        details = source.fields(entry, TOPIC_KEYS, owner)
        label = source.text(details["label"], f"{owner}: label") if "label" in details else None
        description = source.text(details["description"], f"{owner}: description") \
            if "description" in details else None
        phrases = [phrase for phrase, _item in
                   source.texts(details.get("phrases"), f"{owner}: phrases")]
        if not phrases:
            source.error(details.get("phrases", key_node), f"{owner} has no phrases; list the "
                         "words that signal it under 'phrases:'")
        minimum = DEFAULT_MIN_MENTIONS
        if "min_mentions" in details:
            node = details["min_mentions"]
            if node.tag.endswith(":int") and _WHOLE_NUMBER.fullmatch(node.value) and \
                    int(node.value) >= 1:
                minimum = int(node.value)
            else:
                source.error(node, f"{owner}: min_mentions must be a whole number ≥ 1, not "
                             f"{_shown(node)}")
        topics.append(Topic(slug, label or slug, description or "", tuple(phrases), minimum))
    return tuple(topics)


def _organizations(source: _File, places: dict[str, str]) -> tuple[RegisteredOrganization, ...]:
    sections = source.sections(source.read(), ("organizations",))
    organizations = []
    for name, _key, entry in source.entries(sections.get("organizations"), "organizations"):
        owner = _quote(name)
        details = source.fields(entry, ORGANIZATION_KEYS, owner)
        flags = {}
        for flag in ("outlet", "platform"):
            flags[flag] = False
            if flag in details:
                node = details[flag]
                flags[flag] = node.tag.endswith(":bool") and node.value.lower() == "true"
                if not node.tag.endswith(":bool"):
                    source.error(node, f"{owner}: {flag} must be true or false, not "
                                 f"{_kind(node)}"
                                 + (f" {_quote(node.value)}" if is_text(node) else ""))
        organizations.append(RegisteredOrganization(
            name, _aliases(source, details, owner, places), flags["outlet"],
            flags["platform"]))
    return tuple(organizations)


def _number(source: _File, node: yaml.Node, what: str) -> float | None:
    """A number ≥ 0 (whole or decimal); otherwise an error and None."""
    if node.tag.endswith((":int", ":float")):
        try:
            value = float(node.value)
        except ValueError:
            value = -1.0
        if 0 <= value < 1e9:
            return value
    source.error(node, f"{what} must be a number ≥ 0, not {_shown(node)}")
    return None


def _related(source: _File) -> RelatedSettings:
    sections = source.fields(source.sections(source.read(), ("related",)).get("related"),
                             RELATED_KEYS, "related")
    defaults = RelatedSettings()
    weights = dict(defaults.weights)
    if "weights" in sections:
        for name, node in source.fields(sections["weights"], RELATED_FIELDS,
                                        "related: weights").items():
            value = _number(source, node, f"related: weights: {name}")
            if value is not None:
                weights[name] = value
    threshold = defaults.threshold
    if "threshold" in sections:
        value = _number(source, sections["threshold"], "related: threshold")
        threshold = threshold if value is None else value
    count = defaults.count
    if "max" in sections:
        node = sections["max"]
        if node.tag.endswith(":int") and _WHOLE_NUMBER.fullmatch(node.value) and \
                1 <= int(node.value) <= MAX_RELATED:
            count = int(node.value)
        else:
            source.error(node, f"related: max must be a whole number from 1 to {MAX_RELATED}, not "
                         f"{_shown(node)}")
    include_newer = defaults.include_newer
    if "include_newer" in sections:
        node = sections["include_newer"]
        if node.tag.endswith(":bool"):
            include_newer = node.value.lower() == "true"
        else:
            source.error(node, f"related: include_newer must be true or false, not {_shown(node)}")
    return RelatedSettings(tuple((name, weights[name]) for name in RELATED_FIELDS),
                           threshold, count, include_newer)


def _whole_number(source: _File, node: yaml.Node, what: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``; otherwise an error and None."""
    if node.tag.endswith(":int") and _WHOLE_NUMBER.fullmatch(node.value) and \
            low <= int(node.value) <= high:
        return int(node.value)
    source.error(node, f"{what} must be a whole number from {low} to {high}, not {_shown(node)}")
    return None


def _subject_vocabulary(source: _File) -> SubjectVocabulary:
    sections = source.sections(source.read(), SUBJECT_KEYS)
    defaults = SubjectVocabulary()
    stop = tuple(name for name, _item in source.texts(sections.get("stop"), "stop"))
    stopped = {fold(name) for name in stop}
    merge: list[tuple[str, str]] = []
    # fold(variant) → (subject, line): a variant merged into two subjects is ambiguous.
    seen: dict[str, tuple[str, int]] = {}
    entries = source.entries(sections.get("merge"), "merge")
    subjects = {fold(name) for name, _key, _node in entries}
    for subject, key_node, node in entries:
        owner = f"subject {_quote(subject)}"
        if fold(subject) in stopped:
            source.error(key_node, f"{owner} is also under 'stop'; a subject is either "
                         "merged or stopped")
        for variant, item in source.texts(node, f"{owner}: variants", single=True):
            line = item.start_mark.line + 1
            key = fold(variant)
            if key in seen and seen[key][0] != subject:
                source.error(item, f"{owner}: variant {_quote(variant)} is already merged into "
                             f"{_quote(seen[key][0])} (line {seen[key][1]}); a variant belongs "
                             "to one subject")
            elif key in subjects and key != fold(subject):
                source.error(item, f"{owner}: variant {_quote(variant)} is itself a subject "
                             "under 'merge'; list its variants under one of them")
            elif key in stopped:
                source.error(item, f"{owner}: variant {_quote(variant)} is also under 'stop'")
            else:
                seen.setdefault(key, (subject, line))
                merge.append((variant, subject))
    minimum = defaults.min_mentions
    if "min_mentions" in sections:
        value = _whole_number(source, sections["min_mentions"], "min_mentions", 1, 1000)
        minimum = minimum if value is None else value
    per_article = defaults.per_article
    if "per_article" in sections:
        value = _whole_number(source, sections["per_article"], "per_article", 1,
                              MAX_SUBJECTS_PER_ARTICLE)
        per_article = per_article if value is None else value
    return SubjectVocabulary(stop, tuple(sorted(merge)), minimum, per_article)


def load_registries(corpus: Path) -> Registries:
    """Load every registry in ``corpus``; raise :class:`RegistryError` listing all problems."""
    problems: list[Problem] = []
    boilerplate = _boilerplate(_File(corpus / "boilerplate.yml", problems))
    places = _places(_File(corpus / "places.yml", problems))
    # Aliases of people and organisations are vetted against the places the extractor knows.
    known_places = place_names(places.not_places, places.regions, places.aliases)
    people = _people(_File(corpus / "people.yml", problems), known_places)
    topics = _topics(_File(corpus / "topics.yml", problems))
    organizations = _organizations(_File(corpus / "organizations.yml", problems), known_places)
    related = _related(_File(corpus / "related.yml", problems))
    subjects = _subject_vocabulary(_File(corpus / "subjects.yml", problems))
    problems.sort(key=lambda problem: (problem.path, problem.line))
    if any(problem.severity == "error" for problem in problems):
        raise RegistryError(problems)
    return Registries(boilerplate, people, topics, organizations, places, related, subjects,
                      tuple(problems))
