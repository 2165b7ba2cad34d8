"""One article's organisations, each once, under the fullest name the article gives it.

In: the organisation names :mod:`generator.mentions` found in one article, in order, and
:class:`Knowledge`. Out: the names the article's ``organizations`` lists. A line that is
nothing but names (a tag, a footer's name of the site's owner, a related link, a press
contact) or a copyright notice names no organisation of the article (:func:`names_only`).
Three rules, each about names of the same article only (so the result depends on the article
alone):

- a body named after the organisation it belongs to ("Executive Board of the Arctic Fund",
  "Committee B of the World Health Assembly") is that organisation;
- an acronym spelling the initials of a name the article also gives ("WFP" beside "World
  Food Programme") is that name;
- a shortened name ("Coast Guard" beside "Philippine Coast Guard", "Central Bank" beside
  "Central Bank of Egypt") is the longer one.
"""

from __future__ import annotations

import re

from generator.knowledge import Knowledge, Lexicon, fold
from generator.mentions import Mention

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
# Words an organisation's initials leave out ("International Committee of the Red Cross").
_NOT_INITIALLED = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "des", "la",
                             "le", "del", "y", "et", "&"})
# A body's own letter or number after its head ("Committee A", "Working Group 2").
_BODY_LABEL = re.compile(r"(?: (?:[A-Z]|[IVX]+|\d{1,2}))?")


_COPYRIGHT = re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words a line of names may hold besides the names: function words, and the state words of
# a country's full name ("Republic of Palau", whose "Palau" alone is the gazetteer's).
_NAME_LINE_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "The", "'s", "’s",
                              "Republic", "Kingdom", "Federation", "Government", "State"})


def names_only(text: str, mentions: list[Mention], lexicon: Lexicon) -> bool:
    """True for a one-line block that names an organisation and says nothing else: beside
    the names found in it, only titles, function words and separators ("Office of the
    Spokesperson", "Ministry of Foreign Affairs, Republic of Korea", "Home › Press Office ›
    Briefings" is not: "Briefings" is no name); and for a copyright notice."""
    if not any(mention.kind == "organization" for mention in mentions):
        return False
    if _COPYRIGHT.search(text):
        return True
    if "\n" in text:
        return False
    rest = list(text)
    for mention in mentions:
        rest[mention.start : mention.end] = " " * (mention.end - mention.start)
    return all(word in _NAME_LINE_WORDS or word in lexicon.titles
               for word in _WORD.findall("".join(rest)))


# "BERLIN (dpa) –", "ASUNCION, May 14 (Meridian) -": the agency that filed the report.
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}(?:,\s+[\w .,]{3,30}?)?\s*\((?P<agency>[A-Za-z][A-Za-z.&]{1,14}"
    r"(?: [A-Z][A-Za-z.&]{1,14}){0,2})\)\s*[-—–]")


def dateline_agency(dateline: str | None, paragraphs: list[str],
                    knowledge: Knowledge) -> str | None:
    """The news agency named in parentheses where a report starts (the dateline, or the
    opening of one of the first three paragraphs), as the registry names it; None when there
    is none."""
    openings = [dateline + " -"] if dateline else []
    match = next((found for found in map(_DATELINE_AGENCY.match, openings + paragraphs[:3])
                  if found), None)
    if match is None:
        return None
    agency = match.group("agency")
    if fold(agency) in knowledge.organizations:
        return knowledge.organizations[fold(agency)]
    if agency.upper() in knowledge.lexicon.not_organizations or fold(agency) in \
            knowledge.places or agency.lower() in ("file", "photo", "video", "updated"):
        return None
    return knowledge.organizations.get(fold(agency), agency)


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.split(r"[ -]", name)
                   if word and word not in _NOT_INITIALLED and word[0].isupper()).upper()


def _owner(name: str, known: dict[str, str], knowledge: Knowledge) -> str | None:
    """The organisation a body named "<Board> of the <organisation>" belongs to."""
    heads = knowledge.lexicon.body_heads
    match = re.fullmatch(r"(?P<body>.+?)" + _BODY_LABEL.pattern + r" of (?:the )?(?P<owner>.+)",
                         name)
    if match is None or match.group("body").split()[-1] not in heads:
        return None
    owner = match.group("owner")
    registered = knowledge.organizations.get(fold(owner))
    if registered or len(owner.split()) < 2:
        return registered  # "Department of the Treasury" is no body of a "Treasury"
    if owner.split()[-1] in knowledge.lexicon.organization_heads and owner[:1].isupper():
        return known.get(fold(owner)) or owner
    return known.get(fold(owner))


def _longer(name: str, others: list[str]) -> bool:
    """True when another name is this one with more words before it ("Philippine Coast
    Guard") or with "of/in/for …" after it ("Central Bank of Egypt")."""
    if len(name.split()) < 2:
        return False
    for other in others:
        if other == name:
            continue
        if other.endswith(" " + name) and all(
            word[:1].isupper() for word in other[: -len(name)].split()
        ):
            return True
        if other.startswith(name + " ") and other[len(name) + 1 :].split()[0] in (
            "of", "in", "for"
        ):
            return True
    return False


def article_organizations(names: list[str], knowledge: Knowledge) -> tuple[str, ...]:
    """The article's organisations, in order of first mention, each once (see the module's
    rules)."""
    known = {fold(name): name for name in names}
    owned = [_owner(name, known, knowledge) or name for name in names]
    distinct = list(dict.fromkeys(owned))
    registered = {fold(name) for name in distinct if fold(name) in knowledge.organizations}
    spelled = {_initials(name) for name in distinct if len(name.split()) >= 2}
    kept = []
    for name in distinct:
        unregistered = fold(name) not in registered
        if unregistered and _ACRONYM.fullmatch(name) and name.replace("&", "") in spelled:
            continue
        if unregistered and _longer(name, distinct):
            continue
        kept.append(name)
    return tuple(kept)
