"""Feeds: the articles → Atom 1.0 and JSON Feed 1.1 documents, as pages to write.

In: the articles, the people's page slugs, the topics registry, the archive's subjects and
the :class:`Site`. Out: one feed of the latest briefings, one per speaker (their statements,
article by article), one per topic and one per subject with a page (its briefings), each
newest first and at most :data:`FEED_LENGTH` entries,
each written twice: ``.xml`` (Atom) and ``.json`` (JSON Feed).

Written with the standard library, not a feed library: ``xml.etree.ElementTree`` escapes every
text and attribute it serialises, so no string of ours is ever pasted into XML, and ``json``
writes JSON Feed, which ``feedgenerator`` (Pelican's) does not; neither library removes the
characters XML 1.0 cannot carry (``\\x0b``), which :func:`feed_text` must do in any case.

Everything in a feed is plain text (``type="text"``, ``content_text``), never HTML: a reader
shows ``<script>`` as those eight characters. Ids are ``urn:uuid:`` names derived from the
article's slug (and the speaker's, for a speaker's entries), so they stay the same when
``site_url`` changes or is set later; dates are the article's date at 00:00 UTC, never the
time of the build. An entry needs a date: articles without one are left out of feeds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from generator.anchors import statement_anchor
from generator.archive_subjects import ArchiveSubjects
from generator.cache.entries import Remember, remembered
from generator.model import ArticleSummary, Page
from generator.pages.listing import newest_first
from generator.publish.places import (
    ATOM_SUFFIX,
    JSON_FEED_SUFFIX,
    LATEST_FEED,
    Site,
    person_feed,
    subject_feed,
    topic_feed,
)
from generator.registry import Topic
from generator.render import ARTICLES_DIR, PEOPLE_DIR, SUBJECTS_DIR, TOPICS_DIR

FEED_LENGTH = 50
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# The `updated` of a feed with no dated entry yet (a topic nobody wrote about): fixed, so an
# empty feed is as reproducible as a full one.
EMPTY_FEED_DATE = dt.date(1970, 1, 1)
# Fixed for ever: changing it would change every id.
_ID_NAMESPACE = uuid.UUID("6f1c3c52-7a4e-5b0e-9d47-2f6a8f0c1b9e")

# What a feed never carries: characters XML 1.0 forbids (C0 controls but tab, newline and
# carriage return; surrogates; U+FFFE, U+FFFF), C1 controls, and the bidi embeddings,
# overrides and isolates, which would reorder the text after them in a reader's list.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                     "\u202a-\u202e\u2066-\u2069]")


def feed_text(text: str) -> str:
    """``text`` without the characters a feed must not carry (see :data:`_UNSAFE`)."""
    return _UNSAFE.sub("", text)


def feed_line(text: str) -> str:
    """:func:`feed_text` on one line, whitespace collapsed (titles, names)."""
    return " ".join(feed_text(text).split())


def stable_id(*parts: str) -> str:
    """A ``urn:uuid:`` id that depends on ``parts`` only."""
    return uuid.uuid5(_ID_NAMESPACE, "\x1f".join(parts)).urn


@dataclass(frozen=True)
class Entry:
    """One item of a feed; ``page`` is the site path it links to, ``text`` plain text, and
    ``tags`` (term, label) pairs."""

    id: str
    title: str
    page: str
    date: dt.date
    text: str
    authors: tuple[str, ...] = ()
    tags: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Feed:
    """A feed: ``path`` in the archive folder without suffix, ``home`` the site path of the
    page it follows."""

    path: str
    id: str
    title: str
    description: str
    home: str
    entries: tuple[Entry, ...]

    @property
    def updated(self) -> dt.date:
        return max((entry.date for entry in self.entries), default=EMPTY_FEED_DATE)


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def article_entry(article: ArticleSummary, topic_labels: dict[str, str], site: Site) -> Entry:
    """An article as an entry of the latest or a topic's feed: its description and speakers."""
    text = feed_text(article.description)
    if article.speakers:
        text += "\n\nSpeakers: " + ", ".join(feed_line(name) for name in article.speakers)
    return Entry(
        id=stable_id("article", article.slug),
        title=feed_line(article.title),
        page=site.page(f"{ARTICLES_DIR}/{article.slug}.md"),
        date=article.date,
        text=text,
        authors=(feed_line(article.outlet),) if article.outlet else (),
        tags=tuple((slug, feed_line(topic_labels.get(slug, slug))) for slug in article.topics),
    )


def speaker_entry(article: ArticleSummary, name: str, site: Site) -> Entry:
    """What ``name`` said in ``article``: quotations in quotation marks, reported speech marked
    as the reporter's; the entry links to the sentence of their first statement."""
    said = [statement for statement in article.statements if statement.speaker == name]
    text = "\n\n".join(
        f"“{feed_text(statement.text)}”" if statement.kind == "direct"
        else f"Reported: {feed_text(statement.text)}" for statement in said)
    return Entry(
        id=stable_id("statements", name, article.slug),
        title=f"{feed_line(name)}: {feed_line(article.title)}",
        page=site.page(f"{ARTICLES_DIR}/{article.slug}.md#{statement_anchor(said[0])}"),
        date=article.date,
        text=text,
        authors=(feed_line(article.outlet),) if article.outlet else (),
    )


@dataclass(frozen=True)
class FeedSource:
    """What a feed is made from: its place and words, and its articles (newest first, at
    most :data:`FEED_LENGTH`); ``speaker``: a speaker's feed, whose entries are what they
    said in each article, else the articles themselves."""

    path: str
    title: str
    description: str
    home: str
    articles: tuple[ArticleSummary, ...]
    speaker: str | None = None


def feed_sources(articles: list[ArticleSummary], person_slugs: dict[str, str],
                 topics: tuple[Topic, ...], site: Site) -> list[FeedSource]:
    """The latest briefings, every speaker's statements and every topic's briefings."""
    newest = newest_first(articles)
    dated = [article for article in newest if article.date is not None]
    name = feed_line(site.name)
    sources = [FeedSource(LATEST_FEED, f"{name}: latest briefings",
                          f"The latest {FEED_LENGTH} briefings of {name}.",
                          site.page("index.md"), tuple(dated[:FEED_LENGTH]))]
    # One pass over the archive, not one per speaker: each speaker's articles, newest first
    # (only where the article names them, as their person page counts it).
    spoken_in: dict[str, list[ArticleSummary]] = {}
    for article in newest:
        for speaker in dict.fromkeys(statement.speaker for statement in article.statements):
            if speaker in article.people:
                spoken_in.setdefault(speaker, []).append(article)
    for speaker in sorted(spoken_in.keys() & person_slugs.keys(), key=person_slugs.__getitem__):
        slug = person_slugs[speaker]
        spoken = [article for article in spoken_in[speaker] if article.date is not None]
        sources.append(FeedSource(
            person_feed(slug), f"{name}: {feed_line(speaker)}",
            f"What {feed_line(speaker)} said, briefing by briefing, newest first.",
            site.page(f"{PEOPLE_DIR}/{slug}.md"), tuple(spoken[:FEED_LENGTH]), speaker))
    for topic in sorted(topics, key=lambda topic: topic.slug):
        tagged = [article for article in dated if topic.slug in article.topics]
        sources.append(FeedSource(
            topic_feed(topic.slug), f"{name}: {feed_line(topic.label)}",
            feed_line(topic.description) or f"Briefings on {feed_line(topic.label)}.",
            site.page(f"{TOPICS_DIR}/{topic.slug}.md"), tuple(tagged[:FEED_LENGTH])))
    return sources


def make_feed(source: FeedSource, topic_labels: dict[str, str], site: Site) -> Feed:
    """The feed of ``source``, its entries made."""
    if source.speaker is not None:
        entries = tuple(speaker_entry(article, source.speaker, site)
                        for article in source.articles)
    else:
        entries = tuple(article_entry(article, topic_labels, site) for article in source.articles)
    return Feed(source.path, stable_id("feed", source.path), source.title, source.description,
                source.home, entries)


def archive_feeds(articles: list[ArticleSummary], person_slugs: dict[str, str],
                  topics: tuple[Topic, ...], site: Site) -> list[Feed]:
    """The latest briefings, every speaker's statements and every topic's briefings."""
    labels = {topic.slug: topic.label for topic in topics}
    return [make_feed(source, labels, site)
            for source in feed_sources(articles, person_slugs, topics, site)]


def subject_feed_sources(articles: list[ArticleSummary], subjects: ArchiveSubjects,
                         site: Site) -> list[FeedSource]:
    """The briefings of every subject with a page, newest first."""
    by_slug = {article.slug: article for article in articles}
    name = feed_line(site.name)
    sources = []
    for subject in subjects.pages:
        tagged = [article for article in newest_first(by_slug[slug] for slug in subject.articles)
                  if article.date is not None]
        sources.append(FeedSource(
            subject_feed(subject.slug), f"{name}: {feed_line(subject.name)}",
            f"Briefings on {feed_line(subject.name)}.",
            site.page(f"{SUBJECTS_DIR}/{subject.slug}.md"), tuple(tagged[:FEED_LENGTH])))
    return sources


def subject_feeds(articles: list[ArticleSummary], subjects: ArchiveSubjects,
                  topics: tuple[Topic, ...], site: Site) -> list[Feed]:
    """The briefings of every subject with a page, newest first."""
    labels = {topic.slug: topic.label for topic in topics}
    return [make_feed(source, labels, site)
            for source in subject_feed_sources(articles, subjects, site)]


def _element(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def atom(feed: Feed, site: Site) -> str:
    """The feed as an Atom 1.0 document (RFC 4287)."""
    source = site.path(feed.path + ATOM_SUFFIX)

    def link(target: str) -> str:
        return site.link(target, source)

    root = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, "xml:lang": "en"})
    _element(root, "id", feed.id)
    _element(root, "title", feed.title)
    _element(root, "subtitle", feed.description)
    _element(root, "updated", _timestamp(feed.updated))
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=link(source))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=link(feed.home))
    ET.SubElement(root, "link", rel="alternate", type="application/feed+json",
                  href=link(site.path(feed.path + JSON_FEED_SUFFIX)))
    _element(ET.SubElement(root, "author"), "name", feed_line(site.name))
    for entry in feed.entries:
        item = ET.SubElement(root, "entry")
        _element(item, "id", entry.id)
        _element(item, "title", entry.title, type="text")
        ET.SubElement(item, "link", rel="alternate", type="text/html", href=link(entry.page))
        _element(item, "published", _timestamp(entry.date))
        _element(item, "updated", _timestamp(entry.date))
        for author in entry.authors:
            _element(ET.SubElement(item, "author"), "name", author)
        for term, label in entry.tags:
            ET.SubElement(item, "category", term=term, label=label)
        _element(item, "summary", entry.text, type="text")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def json_feed(feed: Feed, site: Site) -> str:
    """The feed as a JSON Feed 1.1 document; keys in the specification's order, non-ASCII
    characters as they are (UTF-8), one trailing newline."""
    source = site.path(feed.path + JSON_FEED_SUFFIX)

    def link(target: str) -> str:
        return site.link(target, source)

    items = []
    for entry in feed.entries:
        item = {"id": entry.id, "url": link(entry.page), "title": entry.title,
                "content_text": entry.text, "date_published": _timestamp(entry.date)}
        if entry.authors:
            item["authors"] = [{"name": author} for author in entry.authors]
        if entry.tags:
            item["tags"] = [label for _term, label in entry.tags]
        items.append(item)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": link(feed.home),
        "feed_url": link(source),
        "description": feed.description,
        "language": "en",
        "authors": [{"name": feed_line(site.name)}],
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def feed_pages(feeds: list[Feed], site: Site) -> list[Page]:
    """Each feed as its Atom and its JSON Feed file."""
    return [page for feed in feeds for page in (
        Page(feed.path + ATOM_SUFFIX, atom(feed, site)),
        Page(feed.path + JSON_FEED_SUFFIX, json_feed(feed, site)),
    )]


def archive_feed_pages(articles: list[ArticleSummary], person_slugs: dict[str, str],
                       topics: tuple[Topic, ...], site: Site,
                       identities: Mapping[str, str] | None = None,
                       remember: Remember | None = None,
                       subjects: ArchiveSubjects | None = None) -> list[Page]:
    """The pages of :func:`archive_feeds` (and of :func:`subject_feeds`, given the archive's
    ``subjects``); with ``remember``, a feed whose articles' ``identities``, words, topic
    labels and site are all as before is taken from it."""
    labels = {topic.slug: topic.label for topic in topics}
    known = identities or {}
    pages = []
    sources = feed_sources(articles, person_slugs, topics, site)
    if subjects is not None:
        sources.extend(subject_feed_sources(articles, subjects, site))
    for source in sources:
        parts = (source.title, source.description, source.home, source.speaker or "",
                 " ".join(known.get(article.slug, "?") for article in source.articles),
                 repr(sorted(labels.items())), repr(site))
        made: list[Feed] = []

        def feed(source: FeedSource = source, made: list[Feed] = made) -> Feed:
            if not made:
                made.append(make_feed(source, labels, site))
            return made[0]

        for suffix, write in ((ATOM_SUFFIX, atom), (JSON_FEED_SUFFIX, json_feed)):
            path = source.path + suffix
            pages.append(remembered(path, parts, lambda path=path, write=write, feed=feed: Page(
                path, write(feed(), site)), remember))
    return pages
