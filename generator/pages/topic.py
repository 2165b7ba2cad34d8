"""Topics: articles + the topic vocabulary → one page per topic and the topics index.

A topic page gives the topic's description, a chart of its briefings per month, its main
speakers, the topics that come with it most, and its briefings by month, newest first."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.markup import escape_block, escape_inline
from generator.model import ArticleSummary, Page
from generator.pages.listing import (
    article_line,
    by_month,
    hub_page,
    month_name,
    monthly_counts,
    plural,
    ranked,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import subscribe_line, topic_feed
from generator.registry import Topic
from generator.render import TOPICS_DIR, person_link, topic_link

TOP_SPEAKERS = 10
TOP_RELATED = 5


def topic_page(topic: Topic, tagged: list[ArticleSummary], person_slugs: dict[str, str],
               topic_labels: dict[str, str]) -> Page:
    # The description opens a block: escape_block keeps "1. …" or "- …" from being a list.
    body = [escape_block(topic.description)] if topic.description else []
    feed = topic_feed(topic.slug)
    if not tagged:
        body.append("No briefings yet.")
        body.append(subscribe_line(feed))
        return hub_page(f"{TOPICS_DIR}/{topic.slug}.md", topic.label, body, feed)
    body.append(f"{plural(len(tagged), 'briefing')}.")
    body.append(subscribe_line(feed))
    body.append(monthly_chart(monthly_counts(tagged), f"Briefings per month on {topic.label}",
                              "briefing"))
    speakers = Counter(statement.speaker for article in tagged
                       for statement in article.statements if statement.speaker in person_slugs)
    if speakers:
        body.append("## Main speakers")
        body.append("\n".join(f"- {person_link(name, person_slugs)} — "
                              f"{plural(count, 'statement')}"
                              for name, count in ranked(speakers, TOP_SPEAKERS)))
    related = Counter(other for article in tagged for other in article.topics
                      if other != topic.slug and other in topic_labels)
    if related:
        body.append("## Related topics")
        body.append("\n".join(f"- {topic_link(slug, topic_labels[slug])} — "
                              f"{plural(count, 'briefing')} in common"
                              for slug, count in ranked(related, TOP_RELATED)))
    body.append("## Briefings by month")
    for month, items in by_month(tagged):
        body.append(f"### {month_name(month)}")
        body.append("\n".join(article_line(article) for article in items))
    return hub_page(f"{TOPICS_DIR}/{topic.slug}.md", topic.label, body, feed)


def tagged_by_topic(articles: list[ArticleSummary]) -> dict[str, list[ArticleSummary]]:
    """Each topic's articles, in the order given."""
    by_topic: dict[str, list[ArticleSummary]] = defaultdict(list)
    for article in articles:
        for slug in article.topics:
            by_topic[slug].append(article)
    return by_topic


def ordered_topics(topics: tuple[Topic, ...]) -> list[Topic]:
    return sorted(topics, key=lambda topic: (topic.label, topic.slug))


def topics_index(topics: tuple[Topic, ...]) -> Page:
    """Every topic with what it covers (the vocabulary's description); how many briefings
    each has is on its page and on the archive's index, so this page changes only with the
    vocabulary."""
    lines = [f"- {topic_link(topic.slug, topic.label)}"
             + (f" — {escape_inline(topic.description)}" if topic.description else "")
             for topic in ordered_topics(topics)]
    return hub_page(f"{TOPICS_DIR}/index.md", "Topics",
                    ["\n".join(lines)] if lines else ["No topics defined."])


def topic_pages(articles: list[ArticleSummary], topics: tuple[Topic, ...],
                person_slugs: dict[str, str]) -> list[Page]:
    """Every topic's page, then the topics index."""
    by_topic = tagged_by_topic(articles)
    labels = {topic.slug: topic.label for topic in topics}
    return [*(topic_page(topic, by_topic.get(topic.slug, []), person_slugs, labels)
              for topic in ordered_topics(topics)),
            topics_index(topics)]
