"""Related briefings: all :class:`ArticleSummary` values + :class:`RelatedSettings` → for
each article's slug, the slugs of at most ``count`` related articles, best first.

A pair scores, per field, the field's weight times the number of values the two articles
share (speakers, people, topics, places, organisations), plus the ``text`` weight times the
Jaccard similarity of their sets of distinctive words (words of four letters or more that are
not common English words). Every score depends on the pair alone, never on the rest of the
archive (no corpus-wide idf), so adding an article cannot reorder another article's list,
only extend it. With ``include_newer`` off (the default) an article lists only older articles
(older: an earlier date, or the same date and an earlier slug; undated counts as oldest): then
adding the newest article changes no other article's page at all. Ties go to the newer
article, then to the smaller slug.

Scoring every pair is quadratic, so a warm run starts from the previous run's
:class:`RelatedState` (each article's list with its scores and a digest of the profile it was
computed from): an unchanged article whose listed articles are all unchanged only scores the
articles that are new or changed and merges them into its list — the best ``count`` of a set
are the best of its previous best and the newcomers, once articles it did not list are gone.
An article that is new or changed, or that lost an article it listed, is scored against all
its candidates again. Both ways compute each pair's score from the same counts with the same
arithmetic, so the lists are those of a cold run, bit for bit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.gazetteer import COMMON_WORDS
from generator.model import ArticleSummary
from generator.registry import RelatedSettings

_WORD = re.compile(r"[^\W\d_]{4,}")
_SET_FIELDS = ("speakers", "people", "topics", "places", "organizations")
UNDATED_ORDINAL = dt.date.min.toordinal() - 1


@dataclass(frozen=True)
class Found:
    """One related article as its list keeps it: the pair's score (rounded, so that float
    noise cannot break a tie differently), the other article's date ordinal and slug."""

    score: float
    ordinal: int
    slug: str


@dataclass(frozen=True)
class RelatedEntry:
    """One article's list and the digest of the profile it was computed from."""

    slug: str
    profile: str
    found: tuple[Found, ...]


@dataclass(frozen=True)
class RelatedState:
    """Every article's list, with what a later run needs to update it instead of scoring
    every pair again."""

    settings: RelatedSettings
    entries: tuple[RelatedEntry, ...]

    def lists(self) -> dict[str, tuple[str, ...]]:
        """For each article's slug, its related articles' slugs, best first."""
        return {entry.slug: tuple(found.slug for found in entry.found)
                for entry in self.entries}


@dataclass(frozen=True)
class _Profile:
    slug: str
    age: tuple[int, str]  # (date ordinal, slug): smaller is older
    fields: tuple[frozenset[str], ...]  # in the order of _SET_FIELDS
    words: frozenset[str]
    digest: str


def distinctive_words(text: str) -> frozenset[str]:
    """The casefolded words of ``text`` that say what it is about."""
    return frozenset(word for word in (match.group(0).casefold() for match in
                                        _WORD.finditer(text)) if word not in COMMON_WORDS)


def _profile(summary: ArticleSummary, identity: str | None) -> _Profile:
    """``identity``: a digest that changes whenever the summary does (else one of the
    profile is made)."""
    ordinal = summary.date.toordinal() if summary.date else UNDATED_ORDINAL
    fields = tuple(frozenset(getattr(summary, name)) for name in _SET_FIELDS)
    if identity is None:
        identity = hashlib.sha256(repr((summary.slug, ordinal, tuple(
            tuple(sorted(values)) for values in fields), summary.words)).encode(
                "utf-8", "surrogatepass")).hexdigest()
    return _Profile(summary.slug, (ordinal, summary.slug), fields,
                    frozenset(summary.words.split()), identity)


class _Scorer:
    """The score of a pair from the sizes of what the two share (the one formula both the
    full and the incremental computation use)."""

    def __init__(self, settings: RelatedSettings) -> None:
        self.weights = tuple(settings.weight(name) for name in _SET_FIELDS)
        self.text = settings.weight("text")
        self.threshold = settings.threshold

    def score(self, shared: tuple[int, ...], words: int, mine: int, theirs: int) -> float:
        total = sum(weight * count for weight, count in zip(self.weights, shared, strict=True))
        if mine and theirs:
            total += self.text * words / (mine + theirs - words)
        return total

    def found(self, profile: _Profile, other: _Profile) -> Found | None:
        """``other`` as ``profile``'s related article, if the pair scores enough."""
        score = self.score(tuple(len(mine & theirs) for mine, theirs in
                                 zip(profile.fields, other.fields, strict=True)),
                           len(profile.words & other.words), len(profile.words),
                           len(other.words))
        return self._kept(score, other)

    def _kept(self, score: float, other: _Profile) -> Found | None:
        if score >= self.threshold and score > 0:
            return Found(round(score, 9), other.age[0], other.slug)
        return None


def _best(found: list[Found], count: int) -> tuple[Found, ...]:
    found.sort(key=lambda item: (-item.score, -item.ordinal, item.slug))
    return tuple(found[:count])


def _candidates(profiles: list[_Profile], index: int, settings: RelatedSettings):
    """The profiles that ``profiles[index]`` may list (``profiles`` sorted by age)."""
    return profiles if settings.include_newer else profiles[:index]


def _may_list(profile: _Profile, other: _Profile, settings: RelatedSettings) -> bool:
    return other.slug != profile.slug and (settings.include_newer or other.age < profile.age)


def _score_all(profiles: list[_Profile], settings: RelatedSettings,
               wanted: set[str] | None = None) -> dict[str, tuple[Found, ...]]:
    """Every pair scored from bit sets (``wanted``: only these articles' lists): one bit per
    distinct value, so a shared count is one ``&`` and a popcount."""
    scorer = _Scorer(settings)
    vocabulary: dict[str, int] = {}

    def bits(values: frozenset[str]) -> int:
        number = 0
        for value in values:
            number |= 1 << vocabulary.setdefault(value, len(vocabulary))
        return number

    packed = [(tuple(bits(values) for values in profile.fields), bits(profile.words),
               len(profile.words)) for profile in profiles]
    lists: dict[str, tuple[Found, ...]] = {}
    for index, profile in enumerate(profiles):
        if wanted is not None and profile.slug not in wanted:
            continue
        fields, words, size = packed[index]
        found = []
        for other_index, other in enumerate(_candidates(profiles, index, settings)):
            if other_index == index:
                continue
            other_fields, other_words, other_size = packed[other_index]
            score = scorer.score(tuple((mine & theirs).bit_count() for mine, theirs in
                                       zip(fields, other_fields, strict=True)),
                                 (words & other_words).bit_count(), size, other_size)
            kept = scorer._kept(score, other)
            if kept is not None:
                found.append(kept)
        lists[profile.slug] = _best(found, settings.count)
    return lists


def related_state(summaries: list[ArticleSummary], settings: RelatedSettings,
                  previous: RelatedState | None = None,
                  identities: Mapping[str, str] | None = None) -> RelatedState:
    """Every article's related list (pure), updated from ``previous`` where that holds the
    same settings; the same lists as without it. ``identities``: for each slug, a digest
    that changes whenever its summary does (the cache's key of it), which then stands for
    its profile."""
    known = identities or {}
    profiles = sorted((_profile(summary, known.get(summary.slug)) for summary in summaries),
                      key=lambda p: p.age)
    before = ({entry.slug: entry for entry in previous.entries}
              if previous is not None and previous.settings == settings else {})
    unchanged = {profile.slug for profile in profiles
                 if profile.slug in before and before[profile.slug].profile == profile.digest}
    fresh = [profile for profile in profiles if profile.slug not in unchanged]
    gone = set(before) - unchanged  # removed, or changed: their old version is gone
    again = {profile.slug for profile in fresh} | {
        slug for slug in unchanged if any(found.slug in gone for found in before[slug].found)}
    scorer = _Scorer(settings)
    if len(again) * 4 > len(profiles):
        lists = _score_all(profiles, settings, again)
    else:
        # A few lists: plain set intersections, without packing every profile into bits.
        lists = {}
        for index, profile in enumerate(profiles):
            if profile.slug in again:
                lists[profile.slug] = _best([
                    kept for other in _candidates(profiles, index, settings)
                    if other.slug != profile.slug
                    and (kept := scorer.found(profile, other)) is not None], settings.count)
    for profile in profiles:
        if profile.slug in lists:
            continue
        found = list(before[profile.slug].found)
        for other in fresh:
            if _may_list(profile, other, settings):
                kept = scorer.found(profile, other)
                if kept is not None:
                    found.append(kept)
        lists[profile.slug] = _best(found, settings.count)
    return RelatedState(settings, tuple(RelatedEntry(profile.slug, profile.digest,
                                                     lists[profile.slug])
                                        for profile in profiles))


def related_articles(summaries: list[ArticleSummary],
                     settings: RelatedSettings) -> dict[str, tuple[str, ...]]:
    """For each article's slug, its related articles' slugs, best first (pure)."""
    return related_state(summaries, settings).lists()
