"""The archive: articles → its index (a chart and every month by year), the months index,
and one page per month, so adding an article changes only its own month's page (and the
two indexes' counts)."""

from __future__ import annotations

from generator.model import ArticleSummary, Page
from generator.pages.listing import (
    UNDATED,
    article_line,
    by_month,
    hub_page,
    month_name,
    monthly_counts,
    plural,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import LATEST_FEED, subscribe_line
from generator.render import MONTHS_DIR, PEOPLE_DIR, TOPICS_DIR

ARCHIVE_TITLE = "Archive"


def _months_by_year(groups: list[tuple[str, list[ArticleSummary]]], up: str) -> list[str]:
    """``## 2025`` then a line per month (links from a page ``up`` below months/)."""
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
        lines.append(f"- [{month_name(month)}]({up}{month}.md) — "
                     f"{plural(len(articles), 'briefing')}")
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
    """``months/index.md``: every month by year."""
    return hub_page(f"{MONTHS_DIR}/index.md", "Briefings by month", _months_by_year(groups, ""))


def month_pages(articles: list[ArticleSummary]) -> list[Page]:
    """``months/YYYY-MM.md`` for every month, ``months/undated.md``, ``months/index.md``."""
    groups = by_month(articles)
    return [*(month_page(month, items) for month, items in groups), months_index(groups)]


def archive_page(articles: list[ArticleSummary]) -> Page:
    """``index.md`` of the archive folder: the activity chart and the way into every month."""
    dated = [article.date for article in articles if article.date]
    body = [
        f"{plural(len(articles), 'briefing')}" + (
            f" from {min(dated).isoformat()} to {max(dated).isoformat()}" if dated else "")
        + f". Also by [speaker](speakers/index.md), [person]({PEOPLE_DIR}/index.md) and "
          f"[topic]({TOPICS_DIR}/index.md).",
        subscribe_line(LATEST_FEED, up=""),
        monthly_chart(monthly_counts(articles), "Briefings per month", "briefing"),
        *_months_by_year(by_month(articles), f"{MONTHS_DIR}/"),
    ]
    return hub_page("index.md", ARCHIVE_TITLE, body, LATEST_FEED)
