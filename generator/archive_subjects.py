"""Stage 5, index (its first step): every article's subject candidates → the archive's subjects.

In: the :class:`ArticleSummary` values of a run (or whole :class:`Article` values), each with
the :class:`SubjectCandidate` values its extraction found (see :mod:`generator.subjects`), and
the :class:`Registries` (the vocabulary of ``corpus/subjects.yml``, the curated topics, the
outlets, the chrome lexicon). Out: one
:class:`ArchiveSubjects` value: each article's subjects, in the order its page shows them;
the subjects that recur in at least :data:`MIN_ARTICLES` articles, which get a page; the
subjects a curated topic has taken over, whose page leads to the topic's; and the topics each
article gains that way. Pure, and run after every article is known: whether a subject recurs
is a fact of the whole archive, so it never enters an article's cached extraction. The result
depends on the set of articles only, never on their order.

For each article, a candidate is left out when it is an outlet (a registered one, or the
article's own), a stop-subject, a line the chrome lexicon removes ("Read More"), or lighter
than ``min_mentions`` while no other article has it at that weight (a subject the archive
knows takes an article that names it once: the archive's subjects grow with it); variants are written as their subject ("Gaza Strip" → "Gaza"), the
heavier weight counting when both occur; a subject a curated topic names (its label or its
id) becomes that topic. The ``per_article`` heaviest stay, heaviest first
(ties by name). A subject is written the same way on every page: the spelling most articles
use (ties: the first in code-point order).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.gazetteer import fold
from generator.model import Article, ArticleSummary, SubjectCandidate
from generator.registry import Registries, Topic
from generator.slug import slugify, unique_slugs
from generator.subjects import subject_key

MIN_ARTICLES = 2

Filed = TypeVar("Filed", Article, ArticleSummary)


def _outlet(article: Article | ArticleSummary) -> str | None:
    return article.outlet if isinstance(article, ArticleSummary) else article.clean.outlet


def _header_lists_topics(article: Article | ArticleSummary) -> bool:
    if isinstance(article, ArticleSummary):
        return article.header_topics
    return article.clean.raw.header.topics is not None


@dataclass(frozen=True)
class Subject:
    """A subject of the archive: its name, page slug, the other spellings merged into it,
    and the slugs of its articles."""

    name: str
    slug: str
    spellings: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class PromotedSubject:
    """A recurring subject a curated topic took over: its old page leads to the topic's."""

    name: str
    slug: str
    topic: str


@dataclass(frozen=True)
class ArchiveSubjects:
    """Each article's subjects and gained topics (by slug), the subjects with a page (by
    name), and the subjects topics took over."""

    by_article: dict[str, tuple[str, ...]]
    topics_gained: dict[str, tuple[str, ...]]
    pages: tuple[Subject, ...]
    promoted: tuple[PromotedSubject, ...]

    @property
    def slugs(self) -> dict[str, str]:
        """Name → slug of every subject with a page."""
        return {subject.name: subject.slug for subject in self.pages}


def topic_taking(name: str, topics: tuple[Topic, ...]) -> str | None:
    """The slug of the topic whose label or id is ``name`` (case, accents, hyphens and a
    plural ending aside: "negotiation" is the topic ``negotiations``), if any: adding such a
    topic to ``topics.yml`` promotes the subject."""
    return _topic_keys(topics).get(subject_key(name))


def _topic_keys(topics: tuple[Topic, ...]) -> dict[str, str]:
    """The key of each topic's label and id → the topic's slug (the first by slug), what
    :func:`topic_taking` looks a name up in: made once per archive, not per name."""
    keys: dict[str, str] = {}
    for topic in sorted(topics, key=lambda topic: topic.slug):
        for key in (subject_key(topic.label), subject_key(topic.slug.replace("-", " "))):
            keys.setdefault(key, topic.slug)
    return keys


def _is_chrome(candidate: SubjectCandidate, registries: Registries) -> bool:
    """True for a name or phrase the chrome lexicon removes as a whole line ("Read More",
    "Copy Link"). A place or organisation is never chrome, even where a section label of a
    site's navigation names it ("Europe")."""
    boilerplate = registries.boilerplate
    return candidate.kind in ("name", "phrase") and any(
        pattern.fullmatch(candidate.name)
        for pattern in (*boilerplate.drop_line, *boilerplate.drop_line_and_next,
                        *boilerplate.drop_block))


def _article_weights(article: Article | ArticleSummary, registries: Registries, outlets: set[str],
                     merged: dict[str, str], stopped: set[str]) -> dict[str, tuple[int, str]]:
    """subject key → (weight, as written) for one article, before topics take any and
    before the weight is compared with ``min_mentions``."""
    weights: dict[str, tuple[int, str]] = {}
    own_outlet = subject_key(_outlet(article) or "")
    for candidate in article.subject_candidates:
        name = merged.get(subject_key(candidate.name), candidate.name)
        key = subject_key(name)
        if (key in stopped or key in outlets or key == own_outlet
                or _is_chrome(candidate, registries)):
            continue
        if key not in weights or candidate.weight > weights[key][0]:
            weights[key] = (candidate.weight, name)
    return weights


def archive_subjects(articles: Sequence[Article | ArticleSummary],
                     registries: Registries) -> ArchiveSubjects:
    """The archive's subjects (see the module's rules)."""
    vocabulary = registries.subjects
    merged = {subject_key(variant): subject for variant, subject in vocabulary.merge}
    stopped = {subject_key(name) for name in vocabulary.stop}
    outlets = {subject_key(name) for organization in registries.organizations if organization.outlet
               for name in (organization.name, *organization.aliases)}
    chosen: dict[str, list[str]] = {}
    gained: dict[str, list[str]] = {}
    spellings: dict[str, Counter] = defaultdict(Counter)
    taken_by: dict[str, str] = {}
    taken_in: dict[str, set[str]] = defaultdict(set)
    weighed = {article.slug: _article_weights(article, registries, outlets, merged, stopped)
               for article in articles}
    # In how many articles each subject is heavy enough on its own.
    salient = Counter(key for weights in weighed.values() for key, (weight, _name)
                      in weights.items() if weight >= vocabulary.min_mentions)
    topic_keys = _topic_keys(registries.topics)
    for article in articles:
        weights = weighed[article.slug]
        kept = []
        for key, (weight, name) in weights.items():
            if weight < vocabulary.min_mentions and salient[key] < 1:
                continue
            topic = topic_keys.get(subject_key(name))  # as topic_taking, keys made once
            if topic is None:
                kept.append((weight, key))
                spellings[key][name] += 1
            else:
                taken_by.setdefault(key, topic)
                taken_in[key].add(article.slug)
                spellings[key][name] += 1
                if topic not in article.topics:
                    gained.setdefault(article.slug, []).append(topic)
        kept.sort(key=lambda item: (-item[0], item[1]))
        chosen[article.slug] = [key for _weight, key in kept[:vocabulary.per_article]]
    display = {key: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
               for key, counts in spellings.items()}
    in_articles: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(chosen):
        for key in chosen[slug]:
            in_articles[key].append(slug)
    recurring = sorted(key for key, slugs in in_articles.items() if len(slugs) >= MIN_ARTICLES)
    promoted = sorted(key for key, slugs in taken_in.items() if len(slugs) >= MIN_ARTICLES)
    slugs = unique_slugs([(display[key], slugify(display[key], fallback="subject"))
                          for key in (*recurring, *promoted)])
    variants: dict[str, set[str]] = defaultdict(set)
    for variant, subject in vocabulary.merge:
        variants[subject_key(subject)].add(variant)
    pages = tuple(sorted(
        (Subject(display[key], slugs[display[key]], tuple(sorted(
            (variants[key] | set(spellings[key])) - {display[key]})), tuple(in_articles[key]))
         for key in recurring), key=lambda subject: (fold(subject.name), subject.slug)))
    return ArchiveSubjects(
        by_article={slug: tuple(display[key] for key in keys) for slug, keys in chosen.items()},
        topics_gained={slug: tuple(dict.fromkeys(topics)) for slug, topics in gained.items()},
        pages=pages,
        promoted=tuple(PromotedSubject(display[key], slugs[display[key]], taken_by[key])
                       for key in promoted))


def with_subjects(articles: Sequence[Filed], subjects: ArchiveSubjects) -> list[Filed]:
    """The articles (or summaries) with their subjects, and the topics their subjects
    became (none for an article whose header lists its topics: the contributor's list is
    the answer)."""
    return [dataclasses.replace(
        article, subjects=subjects.by_article.get(article.slug, ()),
        topics=article.topics if _header_lists_topics(article) else (
            *article.topics, *subjects.topics_gained.get(article.slug, ())))
        for article in articles]
