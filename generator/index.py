"""Stage 5, index: all :class:`Article` values → the hub pages that cross-link them.

Out: :class:`Page` values for the home page, the archive (index, months index and one page
per month), people (one page per person, the people and speakers indexes) and topics (one page
per topic, the index), each built by its module in :mod:`generator.pages`. Plain Markdown
(plus inline SVG charts built from numbers), so the archive does not depend on Material-only
plugins. Ordering is fully determined by the data (newest first, then title, then slug),
never by input order.
"""

from __future__ import annotations

from generator.model import Article, Page
from generator.pages.archive import archive_page, month_pages
from generator.pages.home import home_page
from generator.pages.person import person_pages
from generator.pages.topic import topic_pages
from generator.registry import RegisteredPerson, Topic

SITE_NAME = "Briefing Archive"

def index_pages(
    articles: list[Article],
    person_slugs: dict[str, str],
    people: tuple[RegisteredPerson, ...],
    topics: tuple[Topic, ...],
    leads: dict[str, str] | None = None,
    site_name: str = SITE_NAME,
) -> list[Page]:
    """Every hub page of the archive (pure); ``leads``: each article's lead sentence."""
    topic_labels = {topic.slug: topic.label for topic in topics}
    return [
        home_page(articles, person_slugs, topic_labels, leads or {}, site_name),
        archive_page(articles),
        *month_pages(articles),
        *person_pages(articles, person_slugs, people, topic_labels),
        *topic_pages(articles, topics, person_slugs),
    ]
