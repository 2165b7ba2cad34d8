"""Find named things in text: sentences, capitalised spans, and what each span is.

In: a paragraph's text and :class:`Knowledge`. Out: :class:`Sentence` and :class:`Mention`
values (person, organization or place, with character offsets). Rules, in order:
registry entries; gazetteer places; organisation head nouns and acronyms; people by a known
given name, a title before the name, or an apposition after it. All scanning is linear.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator.gazetteer import is_common_word
from generator.knowledge import Knowledge, fold

Kind = Literal["person", "organization", "place"]

# Combining marks (U+0300–U+036F) belong to the word: Yoruba "Adébáyọ̀" has no precomposed ọ̀.
_TOKEN = re.compile(r"[^\W\d_](?:[\w\u0300-\u036f'’.\-]*[\w\u0300-\u036f])?\.?|\d+\w*")
_SENTENCE_BREAK = re.compile(r"([.!?…])([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9\u0400-\u04FF])")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    kind: Kind
    name: str
    start: int
    end: int
    prefix: str = ""


def split_sentences(text: str, knowledge: Knowledge) -> list[Sentence]:
    """Sentences of ``text`` with offsets; abbreviations and initials do not end a sentence."""
    return sentences_of(text, knowledge.lexicon.abbreviations)


def sentences_of(text: str, abbreviations: frozenset[str]) -> list[Sentence]:
    """:func:`split_sentences` with only the abbreviations it needs (no knowledge tables)."""
    # The mention finder, the attributor, the extractor and subject discovery each split
    # the same block: the split is remembered, and each caller gets a list of its own.
    return list(_sentences_of(text, abbreviations))


@functools.lru_cache(maxsize=4096)
def _sentences_of(text: str, abbreviations: frozenset[str]) -> tuple[Sentence, ...]:
    sentences = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.group(1) == ".":
            word = text[max(start, match.start() - 12) : match.start()].split()
            last = word[-1] if word else ""
            last = last.lstrip("(\"“")
            if last in abbreviations or (len(last) == 1 and last.isupper()):
                continue
            if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", last):
                continue
        end = match.end(2)
        sentences.append(Sentence(start, end, text[start:end]))
        start = match.end()
    if start < len(text):
        sentences.append(Sentence(start, len(text), text[start:]))
    return tuple(sentences)


_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|ar|at|az|an|ibn|bin|abu|abd|ben|da|de|di)-[A-Z]")


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or bool(_PARTICLE_NAME.match(token))


def capitalised_spans(text: str, knowledge: Knowledge) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised tokens (with name connectors and "of/for/and" inside)."""
    connectors = knowledge.lexicon.name_connectors
    inner = {"of", "for", "and", "the", "&", "on", "in"}
    not_after_on = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                    "January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December"}
    spans = []
    tokens = list(_TOKEN.finditer(text))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.group(0)
        if (not word[:1].isupper() and not _PARTICLE_NAME.match(word)) or (
            text[token.start() - 1 : token.start()] in ("#", "@")
        ):
            index += 1  # "#VAT", "@UN": a hashtag or a handle is not a name as written
            continue
        run = [token]
        following = index + 1
        while following < len(tokens):
            gap = text[run[-1].end() : tokens[following].start()]
            if gap not in (" ", "-"):
                break
            candidate = tokens[following].group(0)
            # A short number may end a name ("Russia 24"); a year ("in Kyiv 2025") does not.
            # A model's code ends a name ("Italian Air Force F-35 fighters").
            if (_is_capitalised(candidate) and not any(c.isdigit() for c in candidate)) or (
                len(run) <= 2 and candidate.isdecimal() and len(candidate) <= 2
            ):
                run.append(tokens[following])
                following += 1
                continue
            if (candidate in connectors or candidate in inner) and following + 1 < len(tokens):
                nxt = tokens[following + 1].group(0)
                gap2 = text[tokens[following].end() : tokens[following + 1].start()]
                if candidate == "on" and (nxt in not_after_on or run[-1].group(0)
                                          not in knowledge.lexicon.organization_heads):
                    break
                # "UN Mission in South Sudan", "Center for Research and Teaching in
                # Economics": "in" inside an organisation's name (classify splits off a place).
                if candidate == "in" and (nxt in not_after_on or not any(
                        item.group(0) in knowledge.lexicon.organization_heads for item in run)):
                    break
                if gap2 == " " and (_is_capitalised(nxt) or nxt in connectors or nxt == "the"):
                    run.append(tokens[following])
                    following += 1
                    continue
            break
        cut = next((position for position, item in enumerate(run)
                    if item.group(0).endswith(("’s", "'s", "s’", "s'"))), None)
        if cut is not None and cut < len(run) - 1 and _possessive_in_name(
            [item.group(0) for item in run], cut, knowledge
        ):
            cut = None
        if cut is not None:
            following = index + cut + 1
            run = run[: cut + 1]
        while run and (run[-1].group(0) in connectors or run[-1].group(0) in inner):
            run.pop()
        if run:
            words = [item.group(0) for item in run]
            last = _strip_possessive(words[-1])
            if last.endswith(".") and not _is_initial(last, knowledge):
                last = last[:-1]
            words[-1] = last
            end = run[-1].start() + len(last)
            if words[-1]:
                spans.append((run[0].start(), end, words))
        index = following
    return spans


def _possessive_in_name(words: list[str], cut: int, knowledge: Knowledge) -> bool:
    """True when a possessive belongs inside an organisation's name ("People's Liberation
    Army", "Lloyd's List Intelligence", "People's Movement of Serbia", "People's Republic of
    China"), not to an owner ("Russia's Foreign Ministry", "Trump's Administration")."""
    heads = knowledge.lexicon.organization_heads
    after = words[cut + 1 :]
    named = next((index for index, word in enumerate(after) if word in ("of", "for")), len(after))
    if fold(" ".join(words[cut:])) in knowledge.places:
        return True
    if words[-1] not in heads and not (named and after[named - 1] in heads):
        return False
    owner_words = words[: cut + 1]
    # The owner's own words: after the last "of/the/and" before the possessive ("Aleksić of
    # the People's Movement": the owner would be "People").
    since = max((index + 1 for index, word in enumerate(owner_words)
                 if word in ("of", "the", "and", "for")), default=0)
    owner_words = owner_words[since:]
    if any(word in knowledge.lexicon.titles for word in owner_words) or (
        len(owner_words) >= 2 and knowledge.is_given_name(owner_words[0])
    ) or _strip_possessive(owner_words[-1]) in heads:
        # "Prime Minister Sanae Takaichi's Cabinet" belongs to a person, "the Department of
        # the Treasury's Office" to an organisation
        return False
    tables = (knowledge.people, knowledge.registry_surnames, knowledge.places,
              knowledge.organizations)
    owners = {fold(_strip_possessive(words[cut])),
              fold(_strip_possessive(" ".join(owner_words)))}
    return not any(owner in table for owner in owners for table in tables)


def _is_initial(word: str, knowledge: Knowledge) -> bool:
    stem = word.rstrip(".")
    return (len(stem) == 1 and stem.isupper()) or stem in knowledge.lexicon.abbreviations or (
        "." in stem
    )


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word) if word.endswith(("’s", "'s", "s’", "s'")) else word


_SPLITTERS = frozenset({"and", "&", "of", "for", "the", "on", "in"})


class MentionFinder:
    """Classifies capitalised spans using :class:`Knowledge` and the people seen so far."""

    def __init__(self, knowledge: Knowledge, known_people: dict[str, str]) -> None:
        self.knowledge = knowledge
        self.lexicon = knowledge.lexicon
        # fold(variant) → canonical name, for people already seen in this article.
        self.known_people = known_people
        # fold(acronym or full name) → full name, for "Full Name (ACRONYM)" in this article.
        self.defined: dict[str, str] = {}
        # In a title-case headline every word is capitalised, so context rules are off.
        self.title_case = False

    def define_acronyms(self, text: str) -> None:
        """Remember organisations the text defines as "Full Name (ACRONYM)"."""
        for match in _DEFINITION.finditer(text):
            words = match.group("full").split()
            acronym = match.group("acronym").rstrip("+")
            capitals = [word for word in words if word[:1].isupper()]
            initials = "".join(word[0] for word in capitals).upper()
            while capitals and not initials.startswith(acronym[:1].upper()):
                words = words[words.index(capitals[0]) + 1 :]
                capitals = capitals[1:]
                initials = initials[1:]
            while words and not words[0][:1].isupper():
                words = words[1:]  # "Executive Board of the IMF (…)": the name starts after
            letters = [c for c in acronym.upper() if c.isalpha()]
            full = " ".join(words) if len(capitals) >= 2 and initials and all(
                c in initials for c in letters) and initials[0] == letters[0] else \
                self._translated_name(match.group("full").split(), acronym)
            if full and acronym.upper() not in self.lexicon.not_organizations and \
                    fold(full) not in self.knowledge.places:
                # "Gross Domestic Product (GDP)", "Democratic Republic of the Congo (DRC)":
                # an abbreviation, but of no organisation.
                self.defined[fold(acronym)] = full
                self.defined[fold(match.group("acronym"))] = full
                self.defined[fold(full)] = full

    def _translated_name(self, words: list[str], acronym: str) -> str | None:
        """The name before an acronym that does not spell it, when the acronym is the
        original language's ("National Electoral Council (CNE)", "Law and Justice (PiS)"):
        a name of two or more capitalised words that is no person's nor place's."""
        owner = max((index for index, word in enumerate(words)
                     if word.endswith(("’s", "'s", "s’", "s'"))), default=-1)
        words = words[owner + 1 :]
        while words and (words[0] in ("The", "the") or not words[0][:1].isupper()):
            words = words[1:]
        inner = {"of", "for", "and", "the", "on", "in", "de", "du", "des", "del", "la", "y"}
        if len(words) < 2 or not all(word[:1].isupper() or word in inner for word in words):
            return None
        def given(word: str) -> bool:
            return word[:1].isupper() and not word.isupper() and self.knowledge.is_given_name(
                word)

        if acronym.upper() in self.lexicon.not_organizations or given(words[0]) or (
            words[0] in self.lexicon.titles and any(given(word) for word in words[1:])
        ):
            return None  # "Olaf Scholz (SPD)", "President Joe Biden (POTUS)": a person
        found = self._lookup(words)
        if found is not None and found.kind != "organization":
            return None
        return found.name if found else " ".join(words)

    def _lookup(self, words: list[str]) -> Mention | None:
        name = " ".join(words)
        key = fold(name)
        defined = self.defined.get(key) or (
            self.defined.get(key[4:]) if key.startswith("the ") else None)
        if defined:
            registered = self.knowledge.organizations.get(fold(defined))
            return Mention("organization", registered or defined, 0, 0)
        person = self.known_people.get(key)
        if person == "" and len(words) == 1:
            return None
        person = self.knowledge.people.get(key) or person
        if person is None and len(words) == 1:
            person = self.knowledge.registry_surnames.get(key)
        if person:
            return Mention("person", person, 0, 0)
        # "WHO" the agency, not "Who" opening a question; "US" the country, not "Us".
        if key in self.knowledge.capitals_only and not name.isupper():
            return None
        if key.removeprefix("the ") in self.knowledge.platforms:
            return None  # a platform counts only where something is posted on it
        for table, kind in ((self.knowledge.organizations, "organization"),
                            (self.knowledge.places, "place")):
            if key in table:
                return Mention(kind, table[key], 0, 0)
            if key.startswith("the ") and key[4:] in table:
                return Mention(kind, table[key[4:]], 0, 0)
        return None

    def _organization(self, words: list[str]) -> str | None:
        """An organisation by its shape: a head noun last, or a head noun then of/for.

        Longer runs of capitals are title-case headlines, not names.
        """
        heads = self.lexicon.organization_heads
        if len(words) > MAX_NAME_WORDS:
            return None
        if "of" in words:
            # "Deputy Commander of Allied Air Command": a role of the organisation after "of".
            first_of = words.index("of")
            if first_of > 0 and all(word in self.lexicon.titles or word == "and"
                                    for word in words[:first_of]):
                words = words[first_of + 1 :]
        while len(words) > 1 and (words[0] in ("The", "the") or words[0] in _DETERMINERS or (
            words[0] in self.lexicon.titles and words[1] in ("of", "the")
        ) or (words[0] in ("of", "the") and len(words) > 2)):
            words = words[1:]
        if len(words) < 2 or words[-1] in _SPLITTERS:
            return None
        connector = next((i for i, word in enumerate(words) if word in ("of", "for", "at")), None)
        if connector and self.knowledge.is_given_name(words[0]) and not any(
            word in heads or word in self.lexicon.titles for word in words[:connector]
        ):
            return None
        if words[-1] in heads:
            return " ".join(words)
        for index, word in enumerate(words[:-1]):
            if word in heads and words[index + 1] in ("of", "for", "on"):
                return None if self._titled_name_after(words[index + 2 :]) else " ".join(words)
        return None

    def _opens_organization(self, start: int, words: list[str], after: str,
                            before: str) -> bool:
        """True when a sentence's first word that is no given name ("International",
        "National") opens an organisation's name that a title and a person follow
        ("International Monetary Fund Managing Director Ana Ruiz said")."""
        if is_common_word(words[0]) or words[0] in self.lexicon.organization_heads:
            return False
        whole = self.classify(start, words, after, False, before)
        return any(mention.kind == "organization" and mention.start == start for mention in whole
                   ) and any(mention.kind == "person" for mention in whole)

    def _titled_name_after(self, words: list[str]) -> bool:
        """True when ``words`` end in a title and a name ("… of Ecuador General Manager Ana
        Ruiz"): the organisation's name stops before the title."""
        titles, heads = self.lexicon.titles, self.lexicon.organization_heads
        last_title = max((index for index, word in enumerate(words)
                          if word in titles and word not in heads), default=None)
        if last_title is None or last_title == 0:
            return False
        name = words[last_title + 1 :]
        return len(name) >= 2 and not any(
            word in heads or word in titles or not word[:1].isupper() for word in name)

    def classify(self, start: int, words: list[str], after: str,
                 sentence_initial: bool, before: str = "") -> list[Mention]:
        """Mentions in one capitalised span starting at ``start`` in the text."""
        words = list(words)
        if not words:
            return []
        end = start + len(" ".join(words))
        found = self._lookup(words)
        if found:
            return [Mention(found.kind, found.name, start, end)]
        platform = self._platform(start, words, before, after)
        if platform is not None:
            return platform
        located = self._located(start, words, after, sentence_initial, before)
        if located is not None:
            return located
        if not self.title_case and len(words) <= 4 and (
            _ROLE_AND_NAME_AFTER.match(after) or (
                _ARTICLE_BEFORE.search(before) and _SPOKESPERSON_AFTER.match(after))
        ) and not (
            all(self._is_title_like(word) or word in self.lexicon.not_given_names
                or word in _SPLITTERS for word in words)
        ) and not self.knowledge.is_given_name(words[0]) and not is_common_word(words[0]):
            # "Eskom spokesperson Daphne Mokwena", "Rosatom chief Alexei Likhachev", "a
            # Transport Scotland spokesperson said": the body a person speaks or works for,
            # before the role in lower case.
            return [Mention("organization", " ".join(words), start, end)]
        if len(words) >= 2 and all(_CAPITALS.fullmatch(word) for word in words):
            # "RETURN HUBS, TAKE TWO:" is a shouted label: only registered organisations and
            # places count in it ("KALLAS ON THE ROAD:" is a section about her, not her turn).
            return self._registered_words(start, words)
        qualifier = _QUALIFIER.fullmatch(words[0])
        if qualifier and len(words) > 1:
            # "Lagos-based Cowrie Advisory": a place, then the name it qualifies.
            place = self._lookup([qualifier.group(1)])
            rest = self.classify(start + len(words[0]) + 1, words[1:], after, False, before)
            located = [Mention(place.kind, place.name, start, start + len(qualifier.group(1)))
                       ] if place and place.kind == "place" else []
            if not rest and len(words) > 2:
                rest = [Mention("organization", " ".join(words[1:]),
                                start + len(words[0]) + 1, end)]
            return located + rest
        if len(words) > 1 and words[0] not in self.lexicon.titles and ((sentence_initial and (
            words[0] in self.lexicon.not_given_names or words[0].endswith(("ing", "ed", "ly"))
        ) and not self._opens_organization(start, words, after, before)) or (
            words[0] in self.lexicon.auxiliary_verbs
        )):
            # "Following the Executive Board …", "Speaking in Kyiv, …": not part of a name;
            # nor is an auxiliary, which is capitalised only where a question starts ("Q: Was
            # the Interior Ministry told?").
            offset = start + len(words[0]) + 1
            rest = words[1:]
            while rest and rest[0] in _SPLITTERS:
                offset += len(rest[0]) + 1
                rest = rest[1:]
            return self.classify(offset, rest, after, False, before)
        if len(words) >= 2 and words[0] in self.lexicon.place_heads and words[1] == "of":
            # "Gulf of Finland", "Sea of Azov", "Strait of Hormuz".
            return [Mention("place", " ".join(words), start, end)]
        link = next((i for i, word in enumerate(words) if word in ("of", "at", "from")), None)
        # "X and Secretary of Agriculture Y": the "and" joins two titled names first.
        if link and "and" not in words[1:link]:
            left = self.classify(start, words[:link], "", sentence_initial, before)
            if any(mention.kind == "person" for mention in left):
                right_words = words[link + 1 :]
                offset = start + len(" ".join(words[: link + 1])) + 1
                while right_words and right_words[0] in ("the", "The"):
                    offset += len(right_words[0]) + 1
                    right_words = right_words[1:]
                return left + self.classify(offset, right_words, after, False)
        if "and" in words[1:-1] or "&" in words[1:-1]:
            cut = words.index("and") if "and" in words else words.index("&")
            left = self.classify(start, words[:cut], "", sentence_initial, before)
            offset = start + len(" ".join(words[: cut + 1])) + 1
            right_words = words[cut + 1 :]
            while right_words and right_words[0] in ("the", "The"):
                offset += len(right_words[0]) + 1
                right_words = right_words[1:]
            # Two names joined by "and" only when each side is a name by itself
            # ("European Bank for Reconstruction and Development" stays one).
            right = self.classify(offset, right_words, after, False, before) if left else []
            if left and right:
                return left + right
        if len(words) >= 2 and words[-1] in self.lexicon.place_heads:
            place = " ".join(words[1:] if words[0] in ("The", "the") else words)
            return [Mention("place", place, end - len(place), end)]
        org = self._organization(words)
        if org:
            return [Mention("organization", org, end - len(org), end)]
        name = " ".join(words)
        if len(words) == 2 and words[0] in ("Al", "El") and _LOCATIVE.search(before):
            # "from Al Nahda to Jebel Ali", "in El Alto": the Arabic article opens a place.
            return [Mention("place", name, start, end)]
        if len(words) <= 3 and _LOCATIVE.search(before) and self.knowledge.is_town(name) and not (
            len(words) == 1 and self.knowledge.in_name_dictionary(name)
        ):
            return [Mention("place", name, start, end)]
        if not self.title_case and _REGION_CONTEXT.search(before) and len(words) <= 2 and all(
            not self._is_title_like(word) and not self.knowledge.in_name_dictionary(word)
            and word not in self.lexicon.not_given_names and word not in self.lexicon.languages
            and "-" not in word for word in words
        ) and not any(word in _EVENT_NOUNS for word in words):
            # "fighting in Darfur", "North Darfur": a name after "in" that is nothing else.
            return [Mention("place", name, start, end)]
        if len(words) >= 2 and _ORG_DESCRIPTOR.search(before):
            # "the think tank Carnegie Endowment"; "producer Mira Kovač" may be a person or a
            # firm named after one: neither, when the name opens with a given name.
            if self.knowledge.is_given_name(words[0]):
                return []
            return [Mention("organization", name, start, end)]
        if len(words) == 1 and self._is_acronym(words[0], before, after):
            return [Mention("organization", words[0], start, end)]
        if sentence_initial and len(words) > 1:
            shorter = self.classify(start + len(words[0]) + 1, words[1:], after, False)
            # "Ziaul Haq Sarhadi, a senior official, said": when the shorter name is only
            # vouched for by its context (neither known nor opening with a given name), the
            # same context vouches for the whole span, and the sentence's first word is the
            # first word of the name.
            # "Al" or "El" second ("Mattar Al Tayer") is never where a name starts.
            guessed = len(shorter) == 1 and shorter[0].kind == "person" and \
                not shorter[0].prefix and self._lookup(words[1:]) is None and (
                    not self.knowledge.is_given_name(words[1])
                    or words[1] in ("Al", "El"))
            # "World Trade Organization Director-General X": a person whose title names
            # an organisation keeps the first word, which opens the organisation's name.
            titled_person = any(mention.kind == "person" and mention.prefix
                                for mention in shorter)
            if shorter and words[0] not in self.lexicon.titles and not guessed and not (
                titled_person and words[0][:1].isupper() and len(words) > 3
            ) and not _KIND_IN_APPOSITION.match(after):
                first_word = self._lookup(words[:1])
                if not (first_word or self.knowledge.is_given_name(words[0])):
                    return shorter
        split = 0
        for index, word in enumerate(words[:-1]):
            if words[index + 1] in self.lexicon.name_connectors:
                break  # "Badr bin Hamad": a name has begun
            if self._is_title_like(word) or (
                word in _SPLITTERS and index > 0 and self._is_title_like(words[index - 1])
            ):
                split = index + 1
        if split and words[split - 1] not in _SPLITTERS:
            head, rest = words[:split], words[split:]
            rest_start = start + len(" ".join(head)) + 1
            # Only a real title vouches for an unknown name ("Seoul Railway Station" is no one).
            titled = any(word in self.lexicon.titles or ("-" in word and word.split("-")[0]
                         in self.lexicon.titles) for word in head)
            person = self._honorific_surname(head[-1], rest) or self._person(
                rest, titled or bool(self._role_before(before)), after, before)
            if person:
                trimmed = list(head)
                joined = " ".join(trimmed)
                for title in self.lexicon.compound_titles:
                    if joined == title or joined.endswith(" " + title):
                        trimmed = trimmed[: -len(title.split())]
                        break
                popped: list[str] = []
                while trimmed and (trimmed[-1] in self.lexicon.titles
                                   and trimmed[-1] not in self.lexicon.organization_heads):
                    popped.insert(0, trimmed.pop())
                if trimmed and trimmed[-1] in ("of", "for"):
                    # "Ministry of Foreign Affairs Spokesperson": the portfolio after "of"
                    # belongs to the name; the role is the words of roles at the end.
                    role = len(popped)
                    while role and popped[role - 1].lower() in self.lexicon.role_nouns:
                        role -= 1
                    trimmed.extend(popped[:role])
                if trimmed and trimmed[0] in self.lexicon.titles and not self._lookup(trimmed) \
                        and trimmed[-1] not in self.lexicon.organization_heads:
                    trimmed = []
                prefix: list[Mention] = []
                if trimmed:
                    prefix = [m for m in self.classify(start, trimmed, "", False)
                              if m.kind != "person"]
                if not prefix:
                    # "U.S. Secretary of State": the place inside a title still counts.
                    position = start
                    for word in head:
                        found = self._lookup([word])
                        if found is not None and self._is_title_like(word):
                            prefix.append(Mention(found.kind, found.name, position,
                                                  position + len(word)))
                        position += len(word) + 1
                return [*prefix, Mention("person", person, rest_start, end,
                                         prefix=" ".join(head))]
        portfolio = self._portfolio_title(start, words, after, before)
        if portfolio:
            return portfolio
        if any(word in _SPLITTERS for word in words[1:-1]):
            mentions: list[Mention] = []
            piece: list[str] = []
            position = start
            for word in [*words, "and"]:
                if word in _SPLITTERS:
                    if piece:
                        mentions.extend(self.classify(position, piece, "", False))
                        position += len(" ".join(piece)) + 1
                    position += len(word) + 1
                    piece = []
                else:
                    piece.append(word)
            return mentions
        if self._medium(words, before, after):
            return [Mention("organization", name, start, end)]
        person = self._person(words, bool(self._role_before(before)), after, before)
        if person:
            return [Mention("person", person, start, end)]
        if len(words) <= 4 and not self.title_case and (
            _ORG_DESCRIPTOR.search(before) or _ORG_DESCRIPTOR_AFTER.match(after)
            or _KIND_IN_APPOSITION.match(after) or _KIND_BEFORE_APPOSITION.search(before)
            or (len(words) >= 2 and _ROLE_OF_BEFORE.search(before)
                and not _ROLE_OF_NOT_BODY.search(name))
        ) and not any(self._is_title_like(word) for word in words) and not is_common_word(name) \
                and not self.knowledge.is_given_name(words[0]) and not re.search(r"-[a-z]", name):
            # "oil giant Petrobras", "the Fidesz party", "Tasnim, the news agency close to
            # …", "her company, Kryla,", "president of the Coastal First Nations": named by
            # what kind of body it is, or by the role someone holds in it.
            return [Mention("organization", name, start, end)]
        return []

    def _medium(self, words: list[str], before: str, after: str) -> bool:
        """A medium named by what is done with it: "spoke to Caucasus Review", "a reporter
        from Radio Dabanga", "Rousseau told France Inter radio", "told Meridian." (a name that
        ends the sentence after "told"; "told Hayashi that" may name a person)."""
        if words[0] == "The" and len(words) > 1:
            words = words[1:]  # "from The Hindu"
        if self.title_case or len(words) > 4 or is_common_word(words[0]) or \
                re.search(r"-[a-z]", words[0]) or self.knowledge.is_given_name(words[0]) or (
                    self._is_title_like(words[-1]) and words[-1] not in _MEDIA_HEADS):
            return False
        if _MEDIA_AFTER.match(after):
            return True
        return bool(_MEDIA_BEFORE.search(before) or (
            _TOLD_BEFORE.search(before) and _SENTENCE_END_AFTER.match(after)))

    def _platform(self, start: int, words: list[str], before: str,
                  after: str) -> list[Mention] | None:
        """A registered platform where something is posted on it ("wrote on X", "a post on
        Telegram", "its Telegram channel", "On Truth Social, he wrote"); nothing for its name
        elsewhere ("Malcolm X"); None when the words are no platform's name."""
        platforms = self.knowledge.platforms
        if len(words) > 1 and words[0] in ("On", "Via") and fold(" ".join(words[1:])) in platforms:
            start += len(words[0]) + 1
            words = words[1:]
            before = "on "
        if len(words) > 1 and words[-1] in ("Channel", "Account", "Page", "Group") and \
                fold(" ".join(words[:-1])) in platforms:
            after = " " + words[-1].lower()  # "our WhatsApp Channel"
            words = words[:-1]
        name = " ".join(words)
        if fold(name) not in platforms:
            return None
        if _CALL_TO_ACTION.search(before):
            return []  # "Share on X", "Follow us on Telegram": a widget, not the article's
        if _PLATFORM_BEFORE.search(before) or _PLATFORM_AFTER.match(after):
            return [Mention("organization", self.knowledge.organizations[fold(name)], start,
                            start + len(name))]
        return []

    def _located(self, start: int, words: list[str], after: str, sentence_initial: bool,
                 before: str) -> list[Mention] | None:
        """An organisation and the place it is in or on ("the European Commission in
        Brussels", "the Northern Fleet on the Kola Peninsula"): two mentions; one when "in"
        belongs to the name, before a field of work ("Center for Research and Teaching in
        Economics"; "University of La Laguna in Tenerife" is in a place); None for the
        other rules to decide ("Committee on Foreign Relations")."""
        link = next((index for index, word in enumerate(words) if word in ("in", "on")), None)
        if not link:
            return None
        right_start = start + len(" ".join(words[: link + 1])) + 1
        right = words[link + 1 :]
        while right and right[0] in ("the", "The"):
            right_start += len(right[0]) + 1
            right = right[1:]
        if not right:
            return None
        known = any(mention.kind == "place"
                    for mention in self.classify(right_start, right, after, False))
        named = right[0] in self.lexicon.fields and any(
            word in self.lexicon.organization_heads and following in ("of", "for")
            for word, following in itertools.pairwise(words[: link + 1]))
        if known or (words[link] == "in" and not named):
            place = self.classify(right_start, right, after, False, words[link] + " ")
            return self.classify(start, words[:link], "", sentence_initial, before) + place
        if named and words[link] == "in" and len(words) <= MAX_NAME_WORDS:
            name = " ".join(words[1:] if words[0] in ("The", "the") else words)
            end = start + len(" ".join(words))
            return [Mention("organization", name, end - len(name), end)]
        return None

    def _registered_words(self, start: int, words: list[str]) -> list[Mention]:
        mentions = []
        for word in words:
            found = self._lookup([word])
            if found and found.kind != "person":
                mentions.append(Mention(found.kind, found.name, start, start + len(word)))
            start += len(word) + 1
        return mentions

    def _is_acronym(self, word: str, before: str, after: str) -> bool:
        """An unknown word of 3–5 capitals names an organisation (SWIFT, OCHA, FNSEA), but
        not a listed abbreviation of something else (VAT, GDP), nor one with a number after
        it (COP30 as COP), nor an amount ("R75 billion"), nor shouting ("HELEN MARSH:")."""
        if not _ACRONYM.fullmatch(word) or _SHOUTING_BEFORE.search(before) or \
                _SHOUTING_AFTER.match(after):
            return False
        if not before.strip() and (not after.strip() or after.startswith(":")):
            return False  # a section label ("TRADE") or a speaker's label ("MARSH: …")
        letters = word.rstrip("0123456789")
        if word in self.lexicon.not_organizations or letters in self.lexicon.not_organizations:
            return False
        return not (len(letters) == 1 and _AMOUNT_AFTER.match(after))

    def _portfolio_title(self, start: int, words: list[str], after: str,
                         before: str) -> list[Mention]:
        """ "Secretary of Agriculture Brooke Rollins", "Minister for Home Affairs Tan Wei":
        titles, "of"/"for", a portfolio of one to three words, then a name that opens with
        a known given name. What follows the name in a title-case run ("… En Route Des
        Moines") is read on its own."""
        link = next((i for i, word in enumerate(words) if word in ("of", "for")), None)
        if not link or not all(word in self.lexicon.titles for word in words[:link]):
            return []
        for given in range(link + 2, min(link + 5, len(words) - 1)):
            if not self.knowledge.is_given_name(words[given]):
                continue
            # A name the archive knows first; else the whole rest, then the shortest name
            # ("Brooke Rollins", not "Brooke Rollins En" of "… En Route Des Moines").
            lengths = [n for n in (len(words) - given, 3, 2) if 2 <= n <= len(words) - given]
            known = [n for n in lengths if (found := self._lookup(words[given : given + n]))
                     and found.kind == "person"]
            for length in known or sorted(set(lengths), key=lambda n: (n != len(words) - given, n)):
                name = words[given : given + length]
                person = self._person(name, True, after, before)
                if person:
                    name_start = start + len(" ".join(words[:given])) + 1
                    name_end = name_start + len(" ".join(name))
                    rest = words[given + length :]
                    tail = [m for m in self.classify(name_end + 1, rest, after, False)
                            if m.kind != "person"] if rest else []
                    return [Mention("person", person, name_start, name_end,
                                    prefix=" ".join(words[:given])), *tail]
            return []
        return []

    def _honorific_surname(self, honorific: str, rest: list[str]) -> str | None:
        """"Mr Berg" after "Jonas Berg" and "Anna Berg": the one person of the article with
        that surname and the honorific's gender (None when there is not exactly one)."""
        gender = dict(self.lexicon.honorific_genders).get(honorific.rstrip("."))
        if gender is None or len(rest) != 1:
            return None
        return self.known_people.get(fold(f"{gender} {rest[0]}")) or None

    def _role_before(self, before: str) -> bool:
        """A lower-case role right before the name ("spokesperson Randhir Jaiswal"), a speech
        verb before it ("…,” said Rizky Pratama"), or a role the name stands in apposition to
        ("the spokesman of the ministry, Esmaeil Baghaei")."""
        words = before.rstrip().split()
        if bool(words) and before.endswith(" ") and (
            words[-1] in self.lexicon.role_nouns or words[-1] in self.lexicon.speech_verbs
        ):
            return True
        if before.rstrip().endswith(","):
            clause = before.rstrip()[:-1].split(",")[-1].split()[-8:]
            return any(word.lower() in self.lexicon.role_nouns for word in clause if
                       word[:1].islower())
        return False

    def _is_title_like(self, word: str) -> bool:
        lexicon = self.lexicon
        if word in lexicon.titles or word in lexicon.demonyms or word in lexicon.organization_heads:
            return True
        if "-" in word and word.split("-", maxsplit=1)[0] in lexicon.titles:
            return True
        found = self._lookup([word])
        # "Vladimir" is a city, but before a surname it is a given name.
        return found is not None and found.kind != "person" and not (
            found.kind == "place" and self.knowledge.in_name_dictionary(word))

    def _person(self, words: list[str], titled: bool, after: str,
                before: str = "") -> str | None:
        found = self._lookup(words)
        if found:
            return found.name if found.kind == "person" else None
        if len(words) == 1 or len(words) > 5:
            return None
        lexicon = self.lexicon
        if any(word in lexicon.organization_heads or word in lexicon.demonyms
               or word in lexicon.titles or word in lexicon.not_organizations
               or word in _EVENT_NOUNS for word in words):
            return None
        if not all(word[:1].isupper() or word in lexicon.name_connectors
                   or _PARTICLE_NAME.match(word) for word in words):
            return None
        if any(word in lexicon.not_given_names for word in words):
            return None
        # Two capitals before a title-case surname are initials ("JD Vance", "JB Pritzker");
        # other capitals-only words are acronyms or shouting ("LINE SEPARATOR", "Mac OS").
        initials = len(words[0]) == 2 and words[0].isalpha() and words[0].isupper()
        if any(len(word) >= 2 and word.isalpha() and word.isupper()
               for word in words[1 if initials else 0:]):
            return None
        # "Al Barsha", "El Nahda": the Arabic article opens a place's name or a surname
        # used alone, which only a full name named before (or a title) makes a person.
        if len(words) == 2 and words[0] in ("Al", "El") and not titled:
            return None
        given = words[0].rstrip(".")
        initial = initials or (len(given) == 1 and given.isupper() and words[0].endswith("."))
        if self.knowledge.is_given_name(given) or titled or initial or self._vouched(after,
                                                                                    before):
            return " ".join(words)
        return None

    def _vouched(self, after: str, before: str = "") -> bool:
        """What follows shows a person: a role in apposition (", co-chair of …", ", a senior
        fellow at …") or a speech verb ("… told Reuters", ", said") — but not the comma that
        closes an apposition the name sits in ("Tasnim, the agency close to the X, wrote":
        the verb is Tasnim's)."""
        apposition = _APPOSITION.match(after)
        if apposition and any(role in self.lexicon.role_nouns
                              for role in apposition.group("words").lower().split()):
            return True
        if _RELATIVE_WHO.match(after):
            return True  # "X, who directs …": people take "who", organisations "which"
        if _AGE.match(after):
            return True  # "Yorman Pérez, 29, left …": news gives people their age
        verb = _NEXT_WORD.match(after)
        if verb and after.lstrip().startswith(",") and _OPEN_APPOSITION.search(before):
            return False
        return bool(verb) and verb.group(1) in self.lexicon.speech_verbs


MAX_NAME_WORDS = 9
_AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3},")
# Words that open a noun phrase but never a name ("Our High Commission in Colombo").
_DETERMINERS = frozenset({"Our", "Their", "His", "Her", "Its", "My", "Your", "This", "That",
                          "These", "Those", "Each", "Every", "Both", "Another"})
_EVENT_NOUNS = frozenset({"Conference", "Summit", "Forum", "Initiative", "Agreement", "Accord",
                          "Treaty", "Declaration", "Plan", "Deal", "Talks", "Meeting", "Dialogue",
                          "Format", "Process", "Strategy", "Act", "Bill", "Law", "Day", "Week",
                          "Review", "Report", "Survey", "Study", "Budget", "Policy", "Doctrine"})
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|from|to|around|towards|via|town of|city of|village of|port of)"
    r"\s+(?:[A-Z][\w’'-]+(?:,| and| or)\s+)?$"
)
_DEFINITION = re.compile(
    r"(?P<full>[A-Z][\w’'&.-]*(?: (?:[A-Z][\w’'&.-]*|of|for|and|the|on|de|du|des|del|in|y|e|et|"
    r"und|la|el|di|da)){1,12}) "
    r"\((?P<acronym>[A-Z][A-Za-z0-9]{1,9}\+?)\)"
)
_REGION_CONTEXT = re.compile(
    r"\b(?:in|near|across|throughout|outside|region of|province of|district of|state of)\s+$"
)
_ORG_DESCRIPTOR = re.compile(
    r"\b(?:institute|think[- ]tank|group|firm|company|agency|organi[sz]ation|party|movement|"
    r"network|channel|newspaper|broadcaster|website|outlet|militia|coalition|body|association|"
    r"bank|fund|consultancy|charity|union|daily|weekly|magazine|station|platform|app|"
    r"start-?up|lender|insurer|manufacturer|producer|operator|airline|carrier|regulator|utility|"
    r"giant|conglomerate|watchdog|monopoly|bloc|alliance|maker|retailer|miner|supplier)\s+$"
)
_KINDS = (
    r"(?:agency|news agency|company|firm|group|party|organi[sz]ation|broadcaster|newspaper|"
    r"network|alliance|coalition|movement|militia|union|institute|think[- ]tank|bank|regulator|"
    r"charity|NGO|operator|utility|corporation|conglomerate|daily|weekly|magazine|channel|"
    r"platform|outlet|website|force|mission|consortium|cartel|association|federation|body)"
)
# After the kind in an apposition: its end, or what qualifies it ("close to", "that …"), not
# another noun ("Smith, the party leader").
_KIND_ENDS = (r"(?=\s*[,.;:)]|\s*$|\s+(?:close|based|linked|backed|owned|run|that|which|in|"
              r"with|for|known|founded|set|behind|at)\b)")
# "Tasnim, the news agency close to …", "Energoatom, Ukraine's state nuclear company, said".
_KIND_IN_APPOSITION = re.compile(
    r",\s+(?:(?:the|a|an|its|their)\s+|[A-Z][\w-]*['’]s\s+)(?:[\w-]+\s+){0,4}" + _KINDS
    + _KIND_ENDS)
# "her company, Kryla, ships …", "the peacekeeping force in the area, UNIFIL, said".
_KIND_BEFORE_APPOSITION = re.compile(r"\b" + _KINDS + r"(?:\s+in\s+the\s+\w+)?,\s+$")
# "spoke to Caucasus Review", "a reporter from Radio Dabanga", "told France Inter radio".
_MEDIA_BEFORE = re.compile(
    r"\b(?:spoke to|speaking to|in an interview with|interviewed by|an interview to|"
    r"a (?:reporter|journalist|correspondent) (?:from|for|with|of)|writing (?:in|for)|"
    r"an op-ed (?:in|for)|(?:this is|I am|I'm)(?:\s+\w+)?\s+from|\b(?:Sir|Madam|Ma'am),"
    r"\s+from)\s+(?:the\s+)?$")
_MEDIA_AFTER = re.compile(r"\s+(?:radio|television|TV|newspaper|daily|weekly|news agency|"
                          r"broadcaster|news site|channel)\b")
_MEDIA_HEADS = frozenset({"Radio", "Television", "TV", "News", "Times", "Post", "Channel"})
_TOLD_BEFORE = re.compile(r"\btold\s+(?:the\s+)?$")
_SENTENCE_END_AFTER = re.compile(r"[.;]|,\s+(?:adding|saying|noting)\b|\s+in an interview\b")
_ORG_DESCRIPTOR_AFTER = re.compile(
    r"^\s+(?:party|movement|coalition|alliance|bloc|group|company|conglomerate|corporation|"
    r"militia|network|platform|app|news agency|radio|television|newspaper|daily|broadcaster|"
    r"cartel|gang|militant group|rebels)\b"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,4}\+?")
_ROLE_AND_NAME_AFTER = re.compile(
    r"\s+(?:spokes(?:person|man|woman)|president|chief|leader|director|head|chairman|"
    r"chairwoman|chairperson|ceo|founder|co-founder|secretary-general|director-general|"
    r"commander|boss|chief executive|executive director|general secretary)\s+[A-Z][a-z]")
_ARTICLE_BEFORE = re.compile(r"(?:^\s*|\b(?:a|an|A|An)\s+)$")
_SPOKESPERSON_AFTER = re.compile(r"\s+(?:spokes(?:person|man|woman)|official|representative)"
                                 r"\s+(?:said|told|says|confirmed|added|declined)\b")
_ROLE_OF_BEFORE = re.compile(
    r"\b(?:president|leader|head|chief|director|director-general|secretary-general|chair|"
    r"co-chair|chairman|chairwoman|chairperson|founder|co-founder|spokes(?:person|man|woman)|"
    r"general secretary|executive director|chief executive|member)\s+(?:of|for)\s+(?:the\s+)?$")
# "president of the Republic", "head of State": the state, not a body of its own.
_ROLE_OF_NOT_BODY = re.compile(
    r"\b(?:Republic|State|Government|Nation|Country|Commonwealth|Program|Programme|Project|"
    r"Department|Division|Desk|Unit|Team)$")
_PLATFORM_BEFORE = re.compile(
    r"\b(?:on|via|(?:took|takes|taking|taken|posted|posting|turned|went)\s+to)\s+"
    r"(?:(?:his|her|its|their|our|my|the|an?|own|official|verified|personal)\s+)*$",
    re.IGNORECASE)
_CALL_TO_ACTION = re.compile(
    r"\b(?:share|follow|like|subscribe|join|find|listen|watch|read|sign in|log in|message)\s+"
    r"(?:us\s+|this\s+|it\s+|now\s+)?(?:on|via)\s+$|\b(?:join|follow|subscribe to)\s+"
    r"(?:our|us on)\s+$", re.IGNORECASE)
_PLATFORM_AFTER = re.compile(
    r"\s+(?:post|posts|posting|account|accounts|channel|channels|page|pages|feed|video|videos|"
    r"live|livestream|stream|message|messages|group|chat|profile|handle|story|stories|"
    r"thread|broadcast)\b")
_CAPITALS = re.compile(r"[A-Z][A-Z0-9'’.&-]+")
# "R75 billion", "K500 a month": a currency's letter and a sum, not an acronym.
_AMOUNT_AFTER = re.compile(r"\s+(?:[mb]illion|trillion|bn|m|k|a (?:month|year|week|day)|per)\b")
# A capitals-only word next to another ("HELEN MARSH:", "BREAKING NEWS") is shouting.
_SHOUTING_BEFORE = re.compile(r"\b[A-Z]{2,}[\s(]+$")
_SHOUTING_AFTER = re.compile(r"[\s)]+[A-Z]{2,}\b")
_QUALIFIER = re.compile(r"([A-Z][\w’'.]+)-(?:based|led|backed|owned|funded|run|born)")
_APPOSITION = re.compile(r",\s+(?P<words>(?:[\w’'-]+\s+){0,4}[\w’'-]+)")
_OPEN_APPOSITION = re.compile(r",\s+(?:the|a|an)\s[^,;.!?]*$")
_RELATIVE_WHO = re.compile(r",\s+who(?:se)?\b")
_NEXT_WORD = re.compile(r",?\s+(?:who\s+)?(?:(?:also|then|later|has|had|have)\s+)?([a-z]+)\b")


def find_mentions(text: str, finder: MentionFinder) -> list[Mention]:
    """Every person, organisation and place mention in ``text``, in order."""
    mentions: list[Mention] = []
    for sentence in split_sentences(text, finder.knowledge):
        body = sentence.text
        for start, _end, words in capitalised_spans(body, finder.knowledge):
            after = body[_end : _end + 60]
            first = body[:start].strip(" \"“‘(")
            found = [mention for mention in finder.classify(
                sentence.start + start, words, after, not first,
                body[max(0, start - 80) : start]) if _plausible(mention, finder.lexicon)]
            for mention in found:
                if mention.kind == "person":
                    written = text[mention.start : mention.end]
                    for variant in _variants(mention.name, written, finder.lexicon,
                                             finder.knowledge.in_name_dictionary) + \
                            _gendered_surnames(mention.name, finder.knowledge):
                        key = fold(variant)
                        previous = finder.known_people.get(key)
                        # Two people sharing a surname: the surname alone names neither.
                        finder.known_people[key] = (
                            mention.name if previous in (None, mention.name) else ""
                        )
            mentions.extend(found)
    return mentions


def _gendered_surnames(canonical: str, knowledge: Knowledge) -> list[str]:
    """Keys for a person's surname with their gender ("male Berg"), so that "Mr Berg"
    names the one man of that surname when a woman shares it."""
    parts = canonical.split()
    if len(parts) < 2:
        return []
    gender = knowledge.gender(parts[0])
    return [f"{gender} {parts[-1]}"] if gender else []


def _plausible(mention: Mention, lexicon) -> bool:
    """No person's name starts with a function word or in lower case ("On Truth Social",
    "du Liban" cut from "Electricité du Liban") or ends in a role ("Humanitarian
    Coordinator")."""
    if mention.kind != "person":
        return True
    words = mention.name.split()
    common = is_common_word(words[0]) and words[0] not in lexicon.family_name_first  # "He Lifeng"
    return not (common or words[0][:1].islower()
                or (len(words) > 1 and words[-1].lower() in lexicon.role_nouns))


def _variants(canonical: str, written: str, lexicon,
              in_name_dictionary: Callable[[str], bool]) -> list[str]:
    written = _strip_possessive(written.strip())
    parts = canonical.split()
    variants = [canonical, written]
    if len(parts) >= 2:
        variants.append(parts[0] if parts[0] in lexicon.family_name_first else parts[-1])
        # A first name no given-name dictionary knows is how the person is called alone:
        # "Prabowo" after "Prabowo Subianto", "Lula" after "Lula da Silva".
        if parts[0][:1].isupper() and not in_name_dictionary(parts[0]):
            variants.append(parts[0])
        # Two-word surnames ("Maldonado Reyes" after "Carlos Maldonado Reyes"), and the first
        # of them alone as Spanish and Portuguese writers use it ("González" after "Edmundo
        # González Urrutia") unless it is itself a given name ("María Corina Machado"). Only
        # the article's own people are looked up this way, so a given name is never a key.
        if len(parts) >= 3 and all(part[:1].isupper() for part in parts[-2:]):
            variants.append(" ".join(parts[-2:]))
            if not in_name_dictionary(parts[-2]):
                variants.append(parts[-2])
        # The surname as this article spells it: "Zelenskyy" after "Volodymyr Zelenskyy",
        # whose archive-wide name is "Volodymyr Zelensky".
        spelled = written.split()
        if len(spelled) >= 2 and spelled[0] == parts[0] and spelled[-1][:1].isupper():
            variants.append(spelled[-1])
        # "von der Leyen" and "Von der Leyen" after "Ursula von der Leyen"
        for index, part in enumerate(parts[1:], start=1):
            if part[:1].islower():
                tail = " ".join(parts[index:])
                variants.extend([tail, tail[:1].upper() + tail[1:]])
                break
        # "Al Busaidi" after "Badr bin Hamad Al Busaidi"
        if len(parts) >= 3 and parts[-2] in lexicon.name_connectors:
            variants.append(" ".join(parts[-2:]))
    return variants


