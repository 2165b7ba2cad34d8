"""Related briefings: all :class:`Article` values + :class:`RelatedSettings` → for each
article's slug, the slugs of at most ``count`` related articles, best first.

A pair scores, per field, the field's weight times the number of values the two articles
share (speakers, people, topics, places, organisations), plus the ``text`` weight times the
Jaccard similarity of their sets of distinctive words (words of four letters or more that are
not common English words). Every score depends on the pair alone, never on the rest of the
archive (no corpus-wide idf), so adding an article cannot reorder another article's list,
only extend it. With ``include_newer`` off (the default) an article lists only older articles
(older: an earlier date, or the same date and an earlier slug; undated counts as oldest): then
adding the newest article changes no other article's page at all. Ties go to the newer
article, then to the smaller slug.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.gazetteer import COMMON_WORDS
from generator.model import Article
from generator.registry import RelatedSettings

_WORD = re.compile(r"[^\W\d_]{4,}")
_SET_FIELDS = ("speakers", "people", "topics", "places", "organizations")


@dataclass(frozen=True)
class _Profile:
    slug: str
    age: tuple[int, str]  # (date ordinal, slug): smaller is older
    fields: tuple[frozenset[str], ...]  # in the order of _SET_FIELDS
    words: frozenset[str]


def distinctive_words(text: str) -> frozenset[str]:
    """The casefolded words of ``text`` that say what it is about."""
    return frozenset(word for word in (match.group(0).casefold() for match in
                                        _WORD.finditer(text)) if word not in COMMON_WORDS)


def _profile(article: Article) -> _Profile:
    ordinal = article.date.toordinal() if article.date else dt.date.min.toordinal() - 1
    return _Profile(
        article.slug, (ordinal, article.slug),
        tuple(frozenset(getattr(article, name)) for name in _SET_FIELDS),
        distinctive_words(article.clean.title + "\n" + article.clean.text))


def pair_score(first: _Profile, second: _Profile, settings: RelatedSettings) -> float:
    score = sum(settings.weight(name) * len(mine & theirs)
                for name, mine, theirs in zip(_SET_FIELDS, first.fields, second.fields,
                                              strict=True))
    if first.words and second.words:
        shared = len(first.words & second.words)
        score += settings.weight("text") * shared / (len(first.words) + len(second.words) -
                                                     shared)
    return score


def related_articles(articles: list[Article],
                     settings: RelatedSettings) -> dict[str, tuple[str, ...]]:
    """For each article's slug, its related articles' slugs, best first (pure)."""
    profiles = sorted((_profile(article) for article in articles), key=lambda p: p.age)
    related: dict[str, tuple[str, ...]] = {}
    for index, profile in enumerate(profiles):
        candidates = profiles if settings.include_newer else profiles[:index]
        scored = []
        for other in candidates:
            if other.slug == profile.slug:
                continue
            score = pair_score(profile, other, settings)
            if score >= settings.threshold and score > 0:
                # Rounded so that float noise in the sum cannot break a tie differently.
                scored.append((-round(score, 9), -other.age[0], other.slug))
        scored.sort()
        related[profile.slug] = tuple(slug for _score, _age, slug in scored[:settings.count])
    return related
