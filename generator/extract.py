"""Stage 3, extract: :class:`CleanArticle` + :class:`Knowledge` → :class:`Extraction`.

People, organisations and places come from :mod:`generator.mentions` (organisations
named twice made one by :mod:`generator.organizations`); speakers and
statements from :mod:`generator.attribute`; topics from the phrases of ``topics.yml``;
date mentions from the strict patterns of :mod:`generator.dates`. A contributor's header may
override any list. Pure: the same article and knowledge always give the same result.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from generator.attribute import Attributor
from generator.dates import find_dates
from generator.knowledge import Knowledge, ascii_look_alikes
from generator.mentions import Mention, MentionFinder, find_mentions, split_sentences
from generator.model import CleanArticle, Extraction, Statement
from generator.organizations import article_organizations, dateline_agency, names_only
from generator.subjects import find_subject_candidates

TEXT_BLOCKS = ("paragraph", "heading", "list", "table")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@functools.lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase.endswith("*"):
            parts.append(re.escape(phrase[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(phrase) + r"(?![\w-])")
    # "non-nuclear" and "anti-sanctions" still speak of the topic: a hyphen may come before.
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _stems(phrases: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lower-cased text every match of one of ``phrases`` starts with; None when a
    phrase is not ASCII or is only "*" (then only the pattern itself can tell)."""
    stems = tuple(phrase.removesuffix("*").lower() for phrase in phrases)
    return stems if all(stem and stem.isascii() for stem in stems) else None


def _occurrences(lowered: str, stems: tuple[str, ...], offset: int) -> list[int]:
    """Every position of the text (``lowered`` from ``offset`` on) where a stem starts."""
    starts = set()
    for stem in stems:
        position = lowered.find(stem, offset)
        while position != -1:
            starts.add(position - offset)
            position = lowered.find(stem, position + 1)
    return sorted(starts)


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives when no match can start but at ``starts``: the
    match at the first of them that gives one is the leftmost, the next starts after it."""
    matches = []
    position = 0
    for start in starts:
        if start >= position:
            match = pattern.match(text, start)
            if match:
                matches.append(match)
                position = match.end()
    return matches


def find_topics(title: str, text: str, knowledge: Knowledge) -> tuple[str, ...]:
    """Topic slugs whose mentions weigh enough in the text (or that the headline names).

    Each sentence that mentions a topic counts once: 2 when it holds a phrase of several words
    ("security guarantees", "accession to the EU"), being that much more specific, else 1
    ("talks", "gas"). A topic needs ``min_mentions`` in all.

    A topic none of whose phrases occurs in the lower-cased text is skipped without running
    its pattern, and the pattern of another is tried only where one of its phrases occurs.
    That is exact: a case-insensitive match of an ASCII phrase is ASCII text equal to it but
    for case, unless the text holds a character that matches an ASCII letter from beyond
    ASCII — and then every pattern runs on the whole text.
    """
    chosen = []
    sentence_ends = [match.start() for match in _SENTENCE.finditer(text)]
    both = title + "\n" + text
    lowered = both.lower() if ascii_look_alikes().isdisjoint(both) else None
    if lowered is not None and len(lowered) != len(both):
        lowered = None  # offsets in the lower-cased text must be those of the text
    for slug, _label, phrases, min_mentions in knowledge.topics:
        if not phrases:
            continue
        stems = _stems(phrases) if lowered is not None else None
        if stems is not None and not any(stem in lowered for stem in stems):
            continue
        pattern = _phrase_pattern(phrases)
        # sentence index → its weight: each sentence counts once, by its most specific
        # phrase ("90 billion euros in financial support" is one mention, not two).
        weights: dict[int, int] = {}
        for match in pattern.finditer(text) if stems is None else _matches_at(
                pattern, text, _occurrences(lowered, stems, len(title) + 1)):
            sentence = bisect.bisect_right(sentence_ends, match.start())
            weight = 2 if " " in match.group(0).strip() else 1
            weights[sentence] = max(weights.get(sentence, 0), weight)
        if pattern.search(title) or sum(weights.values()) >= min_mentions:
            chosen.append(slug)
    return tuple(chosen)


def _after_dateline(text: str, start: int, dateline: str | None) -> int:
    """Where a statement starts once a dateline opening it is left out ("GENEVA, March 3
    (Reuters) — " is where the report was filed, not what anyone said)."""
    if start != 0 or not dateline or not text.startswith(dateline):
        return start
    position = len(dateline)
    while position < len(text) and text[position] in " -—–":
        position += 1
    return position if position < len(text) else start


def ordered_unique(names: list[str]) -> tuple[str, ...]:
    """The non-empty names in order of first appearance, each once."""
    return tuple(dict.fromkeys(name for name in names if name))


def _mentions(article: CleanArticle,
              knowledge: Knowledge) -> tuple[list[Mention], list[list[Mention]]]:
    """The mentions of the headline, and of each block (none for a source line). Finding
    them reads nothing the attribution of statements changes, so they are found first."""
    finder = MentionFinder(knowledge, {})
    for block in article.blocks:
        finder.define_acronyms(block.text)
    finder.title_case = True
    in_title = list(find_mentions(article.title, finder))
    in_blocks = []
    for block in article.blocks:
        finder.title_case = block.kind == "heading"
        in_blocks.append(find_mentions(block.text, finder) if block.kind in TEXT_BLOCKS else [])
    finder.title_case = False
    return in_title, in_blocks


def find_people(article: CleanArticle, knowledge: Knowledge) -> tuple[str, ...]:
    """The people an article names, in order: the ``people`` of :func:`extract`, without
    attributing a single statement (the first pass over an archive needs no more)."""
    in_title, in_blocks = _mentions(article, knowledge)
    return ordered_unique([mention.name for mention in [*in_title, *(
        mention for mentions in in_blocks for mention in mentions)]
        if mention.kind == "person"])


def extract(article: CleanArticle, knowledge: Knowledge) -> Extraction:
    """Extract metadata from one cleaned article."""
    in_title, in_blocks = _mentions(article, knowledge)
    attributor = Attributor(knowledge)
    all_mentions: list[Mention] = list(in_title)
    # "Spokesperson Mao Ning's Regular Press Conference": a label "A:" or "MAO NING:" in
    # the transcript below refers to the people the headline names.
    attributor.context.people_so_far = [m.name for m in all_mentions if m.kind == "person"]
    attributor.learn_roles(article.title, [m for m in all_mentions if m.kind == "person"])
    attributor.open_transcript([block.text for block in article.blocks
                                if block.kind == "paragraph"],
                               [m.name for m in all_mentions if m.kind == "person"],
                               tuple(block.text for block in article.blocks
                                     if block.kind == "heading"))
    statements: list[Statement] = []
    offset = 0
    # Paragraphs read so far (block index, offset, text, sentences), for statements the
    # attributor places in an earlier paragraph.
    paragraphs: list[tuple[int, int, str, list]] = []
    for index, (block, mentions) in enumerate(zip(article.blocks, in_blocks, strict=True)):
        all_mentions.extend(mentions)
        people = [mention for mention in mentions if mention.kind == "person"]
        if block.kind == "heading":
            attributor.heading(block.text, people)
        if block.kind == "paragraph":
            sentences = split_sentences(block.text, knowledge)
            paragraphs.append((index, offset, block.text, sentences))
            for found in attributor.paragraph(block.text, people):
                where, at, text, in_sentences = paragraphs[-1 - found.back]
                start = _after_dateline(text, found.start, article.dateline)
                starts = [sentence.start for sentence in in_sentences]
                number = max(1, bisect.bisect_right(starts, start))
                sentence = in_sentences[number - 1]
                statements.append(Statement(found.speaker, text[start:found.end],
                                            found.kind, at + start, where, number,
                                            (sentence.start, sentence.end)))
        offset += len(block.text) + 2
    # In text order: a quotation named only where it closes is found a paragraph later.
    statements.sort(key=lambda statement: statement.start)
    header = article.raw.header
    known_topics = {slug for slug, *_rest in knowledge.topics}
    people = ordered_unique([m.name for m in all_mentions if m.kind == "person"])
    speakers = ordered_unique([statement.speaker for statement in statements]
                              + attributor.joint_speakers)
    if header.speakers is not None:
        speakers = header.speakers
    named = [*in_title, *(mention for block, mentions in zip(article.blocks, in_blocks,
                                                              strict=True)
                          if not names_only(block.text, mentions, knowledge.lexicon)
                          for mention in mentions)]
    paragraphs = [block.text for block in article.blocks if block.kind == "paragraph"]
    agency = dateline_agency(article.dateline, paragraphs, knowledge)
    organizations = article_organizations(
        [m.name for m in in_title if m.kind == "organization"] + ([agency] if agency else [])
        + [m.name for m in named[len(in_title):] if m.kind == "organization"], knowledge)
    places = ordered_unique([m.name for m in all_mentions if m.kind == "place"])
    topics = tuple(topic for topic in header.topics if topic in known_topics) \
        if header.topics is not None else find_topics(article.title, article.text, knowledge)
    date_mentions, resolved_dates = _dates(article)
    return Extraction(
        speakers=speakers,
        people=people,
        organizations=header.organizations if header.organizations is not None else organizations,
        places=header.places if header.places is not None else places,
        topics=topics,
        date_mentions=date_mentions,
        statements=tuple(statements),
        resolved_dates=resolved_dates,
        subject_candidates=find_subject_candidates(article, in_title, in_blocks, knowledge),
    )


def _dates(article: CleanArticle) -> tuple[tuple[str, ...], tuple[tuple[str, dt.date], ...]]:
    """The article's date mentions as written, and those whose calendar date it gives."""
    mentions = find_dates(article.text)
    # A year is resolved only against a date the article itself gives (header or dateline).
    anchor = article.raw.header.date or article.dateline_date
    resolved: dict[str, dt.date] = {}
    for mention in mentions:
        date = mention.resolve(anchor)
        if date is not None:
            resolved.setdefault(mention.text, date)
    return ordered_unique([mention.text for mention in mentions]), tuple(resolved.items())
