"""Stage 3, extract (its last step): a cleaned article and its mentions → what it may be filed
under, each with its weight in the article.

In: a :class:`CleanArticle`, the :class:`Mention` values of its headline and of each block
(found by :mod:`generator.mentions`), and the :class:`Lexicon`. Out:
:class:`SubjectCandidate` values, heaviest first. Pure, and per article (so it is cached with
the extraction): which candidates become the article's subjects, and which subjects recur
enough for a page, is decided across the archive by :mod:`generator.archive_subjects`.

A candidate's weight is the number of sentences that name it, plus :data:`HEADLINE_WEIGHT`
when the headline does. Four kinds:

- ``place`` and ``organization``: the mentions the extractor found.
- ``name``: a capitalised phrase that is no person, place or organisation the extractor knows
  ("Golden Dome", "Rohingya", "Mercosur"), named in at least two sentences outside headings
  (which capitalise every word). None of its words is a title or role ("Press Secretary"),
  a month or weekday, a demonym ("Mexicans") or language, a word the lexicon says is no
  organisation or no given name, or a contraction ("I'm"); a sentence's first word counts
  only when the text never writes it in lower case; a phrase made only of generic nouns
  ("Statement", "Government") is none.
- ``phrase``: a lower-case noun phrase of one to three words ("ballistic missile", "return
  hubs", "cholera"), one of the runs of words between punctuation, capitals, function words,
  reporting verbs, past forms ("launched"), adverbs ("repeatedly") and words the article uses
  as verbs (after a modal, "not", a pronoun, or "to" where no determiner stands before them
  elsewhere). Named in at least two sentences; a single word also in the headline, at least
  three letters long, not ending like an adjective
  ("humanitarian", "economic") or in "-ing". Neither its first nor its last word is a generic
  word ("humanitarian situation", "million barrels"). A
  phrase inside a longer one is left out unless two sentences name it without the longer one
  ("missile" where the text says "ballistic missile").
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.dates import MONTHS, WEEKDAYS
from generator.gazetteer import COMMON_WORDS, fold
from generator.knowledge import Knowledge, Lexicon
from generator.mentions import Mention, sentences_of
from generator.model import CleanArticle, SubjectCandidate

TEXT_BLOCKS = ("paragraph", "heading", "list", "table")
HEADLINE_WEIGHT = 2
# A heading of the text names a part of it (a transcript's "Fishing near Svalbard").
HEADING_WEIGHT = 1
MIN_SENTENCES = 2
MIN_LETTERS_ONE_WORD = 3
MAX_PHRASE_WORDS = 3
MAX_NAME_WORDS = 4
# Enough for any archive-wide setting (corpus/subjects.yml caps the subjects per article).
MAX_CANDIDATES = 40
# Endings of adjectives ("humanitarian", "economic", "military"): such a word alone is a
# modifier, not a subject.
ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ian",
                     "ar", "ern")
# Words after which the next one is a verb ("will launch", "not hold", "we want"); after
# "to", see _Vocabulary.
VERB_MARKERS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might",
                          "must", "not", "never", "cannot", "won't", "don't", "doesn't",
                          "didn't", "can't", "let's", "n't", "i", "we", "they", "you"})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                         "his", "her", "our", "my", "your", "some", "any", "no", "each",
                         "every"})

_WORD = re.compile(r"(?<![\w'’])[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?$")
_VERB_AFTER_MARKER = re.compile(r"\b([\w'’]+)\s+([a-z]+)\b")


def _plain(word: str) -> str:
    """A word without its possessive ending ("Rohingya's" → "Rohingya")."""
    # (Most words have none: the test spares them the pattern.)
    return _POSSESSIVE.sub("", word) if word.endswith(("'", "’", "'s", "’s")) else word


def _phrase_key(words: Iterable[str]) -> tuple[str, ...]:
    """Folded words, the last one without a plural ending ("missiles" and "missile" are one
    phrase, so are "launches" and "launch", "allies" and "ally"; "crisis" and "status" stay
    themselves)."""
    folded = [fold(word) for word in words]
    folded[-1] = _singular(folded[-1])
    return tuple(folded)


@functools.lru_cache(maxsize=1 << 16)
def _singular(last: str) -> str:
    if len(last) > 4 and last.endswith(("ches", "shes", "xes", "zes", "sses")):
        return last[:-2]
    if len(last) > 4 and last.endswith("ies"):
        return last[:-3] + "y"
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "sis", "xis")):
        return last[:-1]
    return last


def subject_key(name: str) -> str:
    """What two spellings of one subject share: folded, the last word singular ("Houthis"
    and "Houthi"; "Ballistic missile" and "ballistic missiles")."""
    words = name.split()
    return " ".join(_phrase_key(words)) if words else ""


def _keys_in(text: str) -> set[tuple[str, ...]]:
    """The keys of every run of one to three words of ``text``, whatever their case."""
    words = [fold(_plain(match.group(0))) for match in _WORD.finditer(text)]
    return {_phrase_key(words[first:first + size]) for size in range(1, MAX_PHRASE_WORDS + 1)
            for first in range(len(words) - size + 1)}


@dataclass(frozen=True)
class _Lists:
    """The lexicon's word lists, folded, as the rules read them (made once per lexicon)."""

    generic: frozenset[str]
    stop: frozenset[str]
    not_names: frozenset[str]
    nationalities: frozenset[str]
    roles: frozenset[str]
    heads: frozenset[str]
    connectors: frozenset[str]


@functools.cache
def _lists(lexicon: Lexicon) -> _Lists:
    def folded(*groups: Iterable[object]) -> frozenset[str]:
        # (isinstance: YAML 1.1 reads a bare "No" or "On" of the lexicon as true or false.)
        return frozenset(fold(word) for group in groups for word in group
                         if isinstance(word, str))

    stop = COMMON_WORDS | folded(lexicon.speech_verbs, lexicon.weak_speech_verbs)
    return _Lists(
        generic=lexicon.generic_words | lexicon.directions,
        stop=stop,
        not_names=(stop | folded(lexicon.titles, lexicon.role_nouns, lexicon.not_organizations,
                                 lexicon.not_given_names, lexicon.abbreviations, MONTHS,
                                 WEEKDAYS)) - folded(lexicon.concept_acronyms),
        # Adjectives of nationality and languages may open a name ("Georgian Dream",
        # "Baltic Sentry") but are none alone.
        nationalities=folded(lexicon.demonyms, lexicon.languages),
        # Role nouns, not titles: the titles list has "NATO" and "Health" for "NATO Secretary
        # General Mark Rutte" and "Health Minister …".
        roles=folded(lexicon.role_nouns),
        # A name of one such word ("Palace", "Centre", "Senate") is a common noun in capitals.
        heads=folded(lexicon.organization_heads, lexicon.place_heads),
        connectors=frozenset(lexicon.name_connectors))


class _Vocabulary:
    """The lexicon's word lists and the words one article uses as verbs."""

    def __init__(self, lexicon: Lexicon, text: str) -> None:
        lists = _lists(lexicon)
        self.generic = lists.generic
        self.stop = lists.stop
        self.not_names = lists.not_names
        self.nationalities = lists.nationalities
        self.roles = lists.roles
        self.heads = lists.heads
        self.connectors = lists.connectors
        pairs = [(fold(match.group(1)), match.group(2))
                 for match in _VERB_AFTER_MARKER.finditer(text)]
        # After "to" a word is a verb ("agreed to reopen") unless the text also puts it after
        # a determiner ("access to food", "the food").
        nouns = {word for before, word in pairs if before in DETERMINERS}
        self.verbs = {word for before, word in pairs
                      if before in VERB_MARKERS or before.endswith("n't")
                      or (before == "to" and word not in nouns)}
        # The answers of phrase_word and name_word so far: each is asked of every word of
        # every sentence, and an article repeats its words.
        self._phrase_words: dict[str, bool] = {}
        self._name_words: dict[str, bool] = {}

    def phrase_word(self, word: str) -> bool:
        """A word that may stand in a lower-case phrase."""
        known = self._phrase_words.get(word)
        if known is None:
            known = self._phrase_words[word] = (
                len(word) > 1 and fold(word) not in self.stop and word not in self.verbs
                and not word.endswith(("ed", "ly")) and "'" not in word and "’" not in word)
        return known

    def name_word(self, word: str) -> bool:
        """A capitalised word that may stand in a name."""
        known = self._name_words.get(word)
        if known is None:
            known = self._name_words[word] = (
                len(word) > 1 and word[:1].isupper() and "'" not in word and "’" not in word
                and not (word.isupper() and len(word) > 5)
                and fold(word) not in self.not_names
                and _phrase_key([word])[0] not in self.not_names)
        return known

    def generic_word(self, word: str) -> bool:
        """A function word, a generic word, a title or a role."""
        folded = fold(word)
        return folded in self.generic or folded in self.stop or folded in self.roles

    def only_generic(self, words: list[str]) -> bool:
        return all(self.generic_word(word) for word in words)

    def only_nationalities(self, words: list[str]) -> bool:
        return all(fold(word) in self.nationalities or self.generic_word(word)
                   for word in words)

    def only_heads(self, words: list[str]) -> bool:
        """True for a name of generic words and head nouns only ("Supreme Court", "Senate",
        "Executive Board"): which country's is not said."""
        return all(self.generic_word(word) or fold(word) in self.heads for word in words)

    def good_phrase(self, words: list[str]) -> bool:
        """A phrase that neither starts nor ends with a generic word ("humanitarian
        situation", "million barrels", "environment minister" say nothing of their own)."""
        return not self.generic_word(words[0]) and not self.generic_word(words[-1])

    def good_name(self, words: list[str]) -> bool:
        """A name not only of generic words and head nouns ("Centre"); of one word, no past
        form ("Allied") nor an adjective of nationality ("Ecuadorian")."""
        return not self.only_heads(words) and not self.only_nationalities(words) and (
            len(words) > 1 or not words[0].endswith(("ed", "ian")))


def _sentences(article: CleanArticle, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """(block index, start, end, text) of every sentence of the text blocks."""
    found = []
    for index, block in enumerate(article.blocks):
        if block.kind in TEXT_BLOCKS:
            found.extend((index, sentence.start, sentence.end, sentence.text)
                         for sentence in sentences_of(block.text, lexicon.abbreviations))
    return found


def _lower_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text) if word.islower()}


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    for first, last in taken:  # noqa: SIM110 - a loop: this runs for every word, any() costs twice
        if first < end and start < last:
            return True
    return False


def _phrase_runs(sentence: str, words: _Vocabulary, lowered: set[str],
                 taken: list[tuple[int, int]]) -> list[list[str]]:
    """Runs of lower-case phrase words, split at punctuation and at any other word (a
    sentence's first word counts as lower-case when the text also writes it so); words
    inside a mention (``taken`` spans) end a run."""
    runs: list[list[str]] = []
    run: list[str] = []
    previous_end = None
    for number, match in enumerate(_WORD.finditer(sentence)):
        word = match.group(0)
        if number == 0 and word[:1].isupper() and word.lower() in lowered:
            word = word.lower()
        gap = sentence[previous_end:match.start()] if previous_end is not None else " "
        previous_end = match.end()
        usable = (word.islower() and not _overlaps(match.start(), match.end(), taken)
                  and words.phrase_word(word))
        if gap.strip() or not usable:
            if run:
                runs.append(run)
            run = [word] if usable else []
            continue
        run.append(word)
    if run:
        runs.append(run)
    return runs


def _phrases_of(runs: list[list[str]], words: _Vocabulary) -> dict[tuple[str, ...], str]:
    """Every phrase of one to three words of ``runs`` that may be a subject: key → as
    written."""
    found: dict[tuple[str, ...], str] = {}
    for run in runs:
        # Each word's answers once per run, not once per phrase it is in: a phrase is good
        # when neither end is generic (good_phrase), its key is _phrase_key's.
        generic = [words.generic_word(word) for word in run]
        folded = [fold(word) for word in run]
        for size in range(1, MAX_PHRASE_WORDS + 1):
            for first in range(len(run) - size + 1):
                last = first + size - 1
                if generic[first] or generic[last]:
                    continue
                if size == 1 and (len(run[first]) < MIN_LETTERS_ONE_WORD
                                  or run[first].endswith((*ADJECTIVE_ENDINGS, "ing"))):
                    continue
                key = (*folded[first:last], _singular(folded[last]))
                if key not in found:
                    found[key] = " ".join(run[first:last + 1])
    return found


def _name_runs(sentence: str, words: _Vocabulary, lowered: set[str],
               taken: list[tuple[int, int]]) -> list[list[str]]:
    """Runs of name words outside every mention, joined by single spaces or hyphens and by
    name connectors ("Electricité du Liban"), at most :data:`MAX_NAME_WORDS` long; a
    possessive ends one ("Golden Dome's"); a transcript's speaker label ("MARSH:") is none."""
    runs: list[list[str]] = []
    run: list[str] = []
    previous_end = None
    for number, match in enumerate(_WORD.finditer(sentence)):
        written = match.group(0)
        word = _plain(written)
        gap = sentence[previous_end:match.start()] if previous_end is not None else " "
        previous_end = match.end()
        if run and gap == " " and word in words.connectors:
            run.append(word)
            continue
        label = word.isupper() and sentence[match.end():match.end() + 1] == ":"
        usable = (not _overlaps(match.start(), match.end(), taken) and words.name_word(word)
                  and not label and not (number == 0 and (word.lower() in lowered
                                                          or fold(word) in words.generic)))
        if run and (gap not in (" ", "-") or not usable or len(run) >= MAX_NAME_WORDS):
            runs.append(run)
            run = []
        if usable:
            run.append(word)
            if written != word:
                runs.append(run)
                run = []
    if run:
        runs.append(run)
    trimmed = []
    for run in runs:
        while run and run[-1] in words.connectors:
            run.pop()
        if run and words.good_name(run):
            trimmed.append(run)
    return trimmed


def _outer(keys: dict[tuple[str, ...], set[int]]) -> dict[tuple[str, ...], set[int]]:
    """Leave out a phrase named in fewer than :data:`MIN_SENTENCES` sentences without a longer
    phrase of ``keys`` that contains it."""
    kept = {}
    for key, sentences in keys.items():
        longer = [other for other in keys if len(other) > len(key) and any(
            other[start:start + len(key)] == key for start in range(len(other) - len(key) + 1))]
        alone = sentences.difference(*(keys[other] for other in longer))
        if not longer or len(alone) >= MIN_SENTENCES:
            kept[key] = sentences
    return kept


def _usual(spellings: Counter) -> str:
    """The spelling written most often (ties: the first in code-point order)."""
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def _title_case(text: str, words: _Vocabulary) -> bool:
    """True for a line that capitalises every word but function words ("Regular Press
    Conference on Trade"): its capitals tell no name from a common noun."""
    found = [match.group(0) for match in _WORD.finditer(text)]
    return all(word[:1].isupper() or fold(word) in words.stop for word in found)


def _sub_runs(run: list[str], words: _Vocabulary) -> list[list[str]]:
    """``run`` and each shorter run of its words that may be a name ("Darién" of "Darién
    Gap"), none starting or ending with a connector."""
    found = []
    for size in range(len(run), 0, -1):
        for first in range(len(run) - size + 1):
            part = run[first:first + size]
            if part[0] not in words.connectors and part[-1] not in words.connectors \
                    and words.good_name(part):
                found.append(part)
    return found


def find_subject_candidates(article: CleanArticle, in_title: list[Mention],
                            in_blocks: list[list[Mention]],
                            knowledge: Knowledge) -> tuple[SubjectCandidate, ...]:
    """What ``article`` may be filed under, heaviest first (ties by name)."""
    lexicon = knowledge.lexicon
    words = _Vocabulary(lexicon, article.text)
    lowered = _lower_words(article.text)
    demonyms: dict[str, str | None] = {}  # capitalised word → the place it names, if any
    person_words = {fold(_plain(part)) for mentions in [in_title, *in_blocks]
                    for mention in mentions if mention.kind == "person"
                    for part in mention.name.split()}
    mentioned: dict[tuple[str, str], set[int]] = defaultdict(set)
    phrases: dict[tuple[str, ...], set[int]] = defaultdict(set)
    names: dict[tuple[str, ...], set[int]] = defaultdict(set)
    written: dict[tuple[str, tuple[str, ...]], Counter] = defaultdict(Counter)
    in_headings: set[tuple[str, tuple[str, ...]]] = set()
    for number, (block, start, end, text) in enumerate(_sentences(article, lexicon)):
        heading = article.blocks[block].kind == "heading"
        mentions = [mention for mention in in_blocks[block] if start <= mention.start < end
                    and not _speaker_label(article.blocks[block].text, mention)]
        taken = [(mention.start - start, mention.end - start) for mention in mentions]
        places = [("place", mention.name) for mention in mentions if mention.kind == "place"]
        places.extend(("place", place)
                      for place in _demonym_places(text, taken, knowledge, demonyms))
        places.extend(("organization", mention.name) for mention in mentions
                      if mention.kind == "organization"
                      and not words.only_heads(mention.name.split()))
        for kind, name in places:
            mentioned[kind, name].add(number)
            if heading:
                in_headings.add((kind, (name,)))
        for key, phrase in _phrases_of(_phrase_runs(text, words, lowered, taken),
                                       words).items():
            phrases[key].add(number)
            written["phrase", key][phrase] += 1
            if heading:
                in_headings.add(("phrase", key))
        if heading and _title_case(text, words):
            continue
        for run in _name_runs(text, words, lowered, taken):
            if any(fold(word) in person_words for word in run):
                continue
            for part in _sub_runs(run, words):
                if len(part) == 1 and not _proper(part[0], lowered, knowledge):
                    continue
                key = _phrase_key(part)
                names[key].add(number)
                written["name", key][" ".join(part)] += 1
                if heading:
                    in_headings.add(("name", key))
    _merge_acronyms(mentioned, names, written)
    headline = _keys_in(article.title)
    in_headline = {(mention.kind, mention.name) for mention in in_title}
    in_headline.update(("place", place) for place in _demonym_places(article.title, [],
                                                                     knowledge, demonyms))
    candidates = [SubjectCandidate(name, kind, len(found)  # type: ignore[arg-type]
                                   + HEADLINE_WEIGHT * ((kind, name) in in_headline)
                                   + HEADING_WEIGHT * ((kind, (name,)) in in_headings))
                  for (kind, name), found in mentioned.items()]
    for kind, keys in (("name", names), ("phrase", phrases)):
        frequent = {key: found for key, found in keys.items() if len(found) >= MIN_SENTENCES}
        candidates.extend(
            SubjectCandidate(_usual(written[kind, key]), kind,  # type: ignore[arg-type]
                             len(found) + HEADLINE_WEIGHT * (key in headline)
                             + HEADING_WEIGHT * ((kind, key) in in_headings))
            for key, found in _outer(frequent).items()
            if kind == "name" or len(key) > 1 or key in headline)
    return tuple(sorted(candidates, key=lambda item: (-item.weight, fold(item.name),
                                                      item.kind, item.name))[:MAX_CANDIDATES])


def _speaker_label(text: str, mention: Mention) -> bool:
    """True for a mention in capitals that labels a transcript's turn ("MARSH: …")."""
    written = text[mention.start:mention.end]
    return written.isupper() and text[mention.end:mention.end + 1] == ":"


def _proper(word: str, lowered: set[str], knowledge: Knowledge) -> bool:
    """A one-word name is none when the text also writes it in lower case ("Donor" of
    "donor countries"), when it is a given name ("Helen"), a person's surname the archive
    knows, or an adjective of nationality ("Omani")."""
    folded = fold(word)
    return (word.lower() not in lowered and not knowledge.in_name_dictionary(word)
            and knowledge.place_of_demonym(word) is None
            and folded not in knowledge.registry_surnames and folded not in knowledge.people)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _merge_acronyms(mentioned: dict[tuple[str, str], set[int]],
                    names: dict[tuple[str, ...], set[int]],
                    written: dict[tuple[str, tuple[str, ...]], Counter]) -> None:
    """Count an organisation's acronym as its name where the article names both ("WFP" and
    "World Food Programme", "AU" and "African Union"): the acronym (an organisation or a name
    in capitals) is the initials of exactly one organisation of the article."""
    organizations = [name for kind, name in mentioned if kind == "organization"]
    acronyms = [("organization", name) for name in organizations]
    acronyms.extend(("name", _usual(written["name", key])) for key in names if len(key) == 1)
    for kind, acronym in acronyms:
        if not (acronym.isupper() and acronym.isalpha() and len(acronym) > 1):
            continue
        full = [name for name in organizations if name != acronym and " " in name
                and _initials(name) == acronym]
        if len(full) != 1:
            continue
        if kind == "organization":
            mentioned["organization", full[0]] |= mentioned.pop(("organization", acronym))
        else:
            mentioned["organization", full[0]] |= names.pop(_phrase_key([acronym]))


def _demonym_places(text: str, taken: list[tuple[int, int]], knowledge: Knowledge,
                    known: dict[str, str | None]) -> list[str]:
    """The countries the adjectives of nationality of ``text`` name ("Mexican voters"),
    outside the mentions (``taken``: "Mexican Bar Association" is an organisation);
    ``known``: the article's words looked up so far, with their answers."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word[:1].isupper() and not _overlaps(match.start(), match.end(), taken):
            plain = _plain(word)
            if plain not in known:
                known[plain] = knowledge.place_of_demonym(plain)
            place = known[plain]
            if place is not None:
                found.append(place)
    return found
