"""The archive: articles → its index (the archive in numbers: a chart, every month by year
with its count, the speakers and topics with the most), the months index and one page per
month.

The index is the one page of the archive that counts across it, so it changes with every
article; the months index (and the people, speakers and topics indexes) list names only, each
entry's page giving its own counts, so adding an article changes them only when it brings a
new month (person, topic). A reader still finds every number: the month's page says how many
briefings it has, the index ranks the months, speakers and topics.
"""

from __future__ import annotations

from collections import Counter

from generator.markup import escape_inline
from generator.model import ArticleSummary, Page
from generator.pages.listing import (
    UNDATED,
    article_line,
    by_month,
    hub_page,
    month_name,
    monthly_counts,
    plural,
    ranked,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import LATEST_FEED, subscribe_line
from generator.render import MONTHS_DIR, PEOPLE_DIR, TOPICS_DIR

ARCHIVE_TITLE = "Archive"
TOP_RANKED = 10


def _months_by_year(groups: list[tuple[str, list[ArticleSummary]]], up: str,
                    counted: bool) -> list[str]:
    """``## 2025`` then a line per month (links from a page ``up`` below months/), with
    its number of briefings when ``counted``."""
    body: list[str] = []
    year = None
    lines: list[str] = []
    for month, articles in groups:
        heading = "Undated" if month == UNDATED else month[:4]
        if heading != year:
            if lines:
                body.append("\n".join(lines))
            body.append(f"## {heading}")
            year, lines = heading, []
        lines.append(f"- [{month_name(month)}]({up}{month}.md)" + (
            f" — {plural(len(articles), 'briefing')}" if counted else ""))
    if lines:
        body.append("\n".join(lines))
    return body or ["No briefings yet."]


def month_page(month: str, items: list[ArticleSummary]) -> Page:
    """``months/YYYY-MM.md`` (or ``months/undated.md``): the month's articles, newest first."""
    return hub_page(f"{MONTHS_DIR}/{month}.md", f"Briefings of {month_name(month)}", [
        f"{plural(len(items), 'briefing')}. [All months](index.md)",
        "\n".join(article_line(article) for article in items),
    ])


def months_index(groups: list[tuple[str, list[ArticleSummary]]]) -> Page:
    """``months/index.md``: every month by year (the counts are on the archive's index)."""
    return hub_page(f"{MONTHS_DIR}/index.md", "Briefings by month", [
        "Every month of the archive, by year: each month's page lists its briefings, and the "
        "[archive's index](../index.md) counts them.",
        *_months_by_year(groups, "", counted=False)])


def month_pages(articles: list[ArticleSummary]) -> list[Page]:
    """``months/YYYY-MM.md`` for every month, ``months/undated.md``, ``months/index.md``."""
    groups = by_month(articles)
    return [*(month_page(month, items) for month, items in groups), months_index(groups)]


def archive_page(articles: list[ArticleSummary], person_slugs: dict[str, str],
                 topic_labels: dict[str, str]) -> Page:
    """``index.md`` of the archive folder: the archive in numbers and the way into every
    month."""
    dated = [article.date for article in articles if article.date]
    statements = Counter(statement.speaker for article in articles
                         for statement in article.statements if statement.speaker in person_slugs)
    spoken_in = Counter(speaker for article in articles for speaker in
                        {statement.speaker for statement in article.statements})
    topics = Counter(topic for article in articles for topic in article.topics
                     if topic in topic_labels)
    body = [
        f"{plural(len(articles), 'briefing')}" + (
            f" from {min(dated).isoformat()} to {max(dated).isoformat()}" if dated else "")
        + f". Also by [speaker](speakers/index.md), [person]({PEOPLE_DIR}/index.md) and "
          f"[topic]({TOPICS_DIR}/index.md).",
        subscribe_line(LATEST_FEED, up=""),
        monthly_chart(monthly_counts(articles), "Briefings per month", "briefing"),
    ]
    if statements:
        body.append("## Most quoted")
        body.append("\n".join(
            f"- [{escape_inline(name)}]({PEOPLE_DIR}/{person_slugs[name]}.md) — "
            f"{plural(count, 'statement')} in {plural(spoken_in[name], 'briefing')}"
            for name, count in ranked(statements, TOP_RANKED)))
    if topics:
        body.append("## Topics with the most briefings")
        body.append("\n".join(
            f"- [{escape_inline(topic_labels[slug])}]({TOPICS_DIR}/{slug}.md) — "
            f"{plural(count, 'briefing')}" for slug, count in ranked(topics, TOP_RANKED)))
    body.extend(_months_by_year(by_month(articles), f"{MONTHS_DIR}/", counted=True))
    return hub_page("index.md", ARCHIVE_TITLE, body, LATEST_FEED)
