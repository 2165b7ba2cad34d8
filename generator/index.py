"""Stage 5, index: all :class:`ArticleSummary` values → the hub pages that cross-link them.

Out: :class:`Page` values for the home page, the archive (index, months index and one page
per month), people (one page per person, the people and speakers indexes) and topics (one page
per topic, the index), each built by its module in :mod:`generator.pages`. Plain Markdown
(plus inline SVG charts built from numbers), so the archive does not depend on Material-only
plugins. Ordering is fully determined by the data (newest first, then title, then slug),
never by input order.

A warm run passes ``remember`` (the cache) and each article's ``identities`` (a digest that
changes whenever anything of its summary does): every person, topic and month page is then
named by a digest of all it is made from — its articles' identities, the registry entry, the
slugs and labels it links with — and taken from the cache when that digest is known, so only
the pages an edit reaches are rendered again. The home page and the indexes read every
article and are cheap: they are always made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.cache.entries import Remember, remembered
from generator.model import ArticleSummary, Page
from generator.pages.archive import archive_page, month_page, months_index
from generator.pages.home import home_page
from generator.pages.listing import by_month
from generator.pages.person import mentions_of, people_indexes, person_page, sort_key
from generator.pages.topic import ordered_topics, tagged_by_topic, topic_page, topics_index
from generator.registry import RegisteredPerson, Topic
from generator.render import MONTHS_DIR, PEOPLE_DIR, TOPICS_DIR

SITE_NAME = "Briefing Archive"

def index_pages(
    articles: list[ArticleSummary],
    person_slugs: dict[str, str],
    people: tuple[RegisteredPerson, ...],
    topics: tuple[Topic, ...],
    site_name: str = SITE_NAME,
    identities: Mapping[str, str] | None = None,
    remember: Remember | None = None,
) -> list[Page]:
    """Every hub page of the archive (pure; ``remember`` only saves work)."""
    topic_labels = {topic.slug: topic.label for topic in topics}
    labels = repr(sorted(topic_labels.items()))
    known = identities or {}

    def ids(items: list[ArticleSummary]) -> str:
        return " ".join(known.get(article.slug, "?") for article in items)

    def slugs(names: Iterable[str]) -> str:
        return repr(sorted((name, person_slugs.get(name)) for name in set(names)))

    groups = by_month(articles)
    pages = [home_page(articles, person_slugs, topic_labels, site_name),
             archive_page(articles, person_slugs, topic_labels), months_index(groups)]
    pages.extend(remembered(f"{MONTHS_DIR}/{month}.md", (ids(items),),
                            lambda month=month, items=items: month_page(month, items), remember)
                 for month, items in groups)
    registered = {person.name: person for person in people}
    mentions = mentions_of(articles)
    for name in sorted(mentions, key=sort_key):
        mentioned = mentions[name]
        slug = person_slugs[name]
        pages.append(remembered(
            f"{PEOPLE_DIR}/{slug}.md",
            (name, repr(registered.get(name)), ids(mentioned),
             slugs(other for article in mentioned for other in article.people), labels),
            lambda name=name, slug=slug, mentioned=mentioned: person_page(
                name, slug, mentioned, registered.get(name), person_slugs, topic_labels),
            remember))
    pages.extend(people_indexes(mentions, person_slugs))
    by_topic = tagged_by_topic(articles)
    for topic in ordered_topics(topics):
        tagged = by_topic.get(topic.slug, [])
        pages.append(remembered(
            f"{TOPICS_DIR}/{topic.slug}.md",
            (repr(topic), ids(tagged),
             slugs(statement.speaker for article in tagged for statement in article.statements),
             labels),
            lambda topic=topic, tagged=tagged: topic_page(topic, tagged, person_slugs,
                                                          topic_labels),
            remember))
    pages.append(topics_index(topics))
    return pages
