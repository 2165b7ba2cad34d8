"""The site's home page: articles → ``.home.md`` in the archive folder.

``docs/index.md`` is a symbolic link to it, so the home page is generated like every other
page and still lives at the site's root; its links are therefore written relative to
``docs/``. (The leading dot keeps MkDocs and Zensical from also building it as a page of its
own.) It shows the latest briefings with their lead sentence, the briefings per month, the
most active speakers and topics of the last months, and the ways into the archive.
"""

from __future__ import annotations

from collections import Counter

from generator.markup import escape_inline
from generator.model import ArticleSummary, Page
from generator.pages.listing import (
    date_text,
    hub_page,
    monthly_counts,
    newest_first,
    plural,
    ranked,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import EXPORT_DIR, LATEST_FEED, subscribe_line
from generator.render import ARTICLES_DIR, MONTHS_DIR, PEOPLE_DIR, SUBJECTS_DIR, TOPICS_DIR

HOME_PATH = ".home.md"
LATEST = 10
RECENT_MONTHS = 3
TOP_RECENT = 8
UP = "archive/"  # from docs/index.md to the archive folder


def _recent(articles: list[ArticleSummary]) -> list[ArticleSummary]:
    """The articles of the archive's last :data:`RECENT_MONTHS` months (counted back from
    the newest article, not from today: the page must not change with the clock)."""
    dated = [article.date for article in articles if article.date]
    if not dated:
        return []
    newest = max(dated)
    months = newest.year * 12 + newest.month - RECENT_MONTHS
    return [article for article in articles
            if article.date and article.date.year * 12 + article.date.month > months]


def _latest_item(article: ArticleSummary, person_slugs: dict[str, str]) -> str:
    details = [date_text(article)]
    if article.outlet:
        details.append(escape_inline(article.outlet))
    if article.speakers:
        details.append(", ".join(
            f"[{escape_inline(name)}]({UP}{PEOPLE_DIR}/{person_slugs[name]}.md)"
            for name in article.speakers))
    lines = [f"- **[{escape_inline(article.title)}]({UP}{ARTICLES_DIR}/{article.slug}.md)**",
             "  " + " · ".join(details)]
    if article.lead:
        lines.append("  " + escape_inline(article.lead))
    return "  \n".join(lines)


def home_page(articles: list[ArticleSummary], person_slugs: dict[str, str],
              topic_labels: dict[str, str], site_name: str) -> Page:
    latest = newest_first(articles)[:LATEST]
    recent = _recent(articles)
    dated = sorted(article.date for article in articles if article.date)
    body = [
        "Briefings and news articles on international affairs, cleaned of page clutter and "
        "cross-linked: follow a speaker across briefings and read what they said, browse a "
        "topic, or go month by month.",
        "## Latest briefings",
        "\n".join(_latest_item(article, person_slugs)
                  for article in latest) or "No briefings yet.",
        f"[All {plural(len(articles), 'briefing')} by month]({UP}{MONTHS_DIR}/index.md)",
    ]
    if dated:
        body.append("## Briefings per month")
        body.append(monthly_chart(monthly_counts(articles), "Briefings per month", "briefing"))
    speakers = Counter(statement.speaker for article in recent
                       for statement in article.statements if statement.speaker in person_slugs)
    topics = Counter(topic for article in recent for topic in article.topics
                     if topic in topic_labels)
    if speakers or topics:
        body.append(f"## Most active in the last {RECENT_MONTHS} months")
    if speakers:
        body.append("**Speakers:** " + ", ".join(
            f"[{escape_inline(name)}]({UP}{PEOPLE_DIR}/{person_slugs[name]}.md) ({count})"
            for name, count in ranked(speakers, TOP_RECENT)))
    if topics:
        body.append("**Topics:** " + ", ".join(
            f"[{escape_inline(topic_labels[slug])}]({UP}{TOPICS_DIR}/{slug}.md) ({count})"
            for slug, count in ranked(topics, TOP_RECENT)))
    body.append(subscribe_line(LATEST_FEED, up=UP) + " (every speaker and topic page has "
                "feeds of its own).")
    body.append(f"The whole archive as data: [articles]({UP}{EXPORT_DIR}/articles.json), "
                f"[people]({UP}{EXPORT_DIR}/people.json) and "
                f"[statements]({UP}{EXPORT_DIR}/statements.json), each beside its JSON "
                "Schema (`articles.schema.json` and so on).")
    body.append("## Explore the archive")
    body.append("\n".join([
        f"- [The archive by year and month]({UP}index.md)"
        + (f": {dated[0].isoformat()} to {dated[-1].isoformat()}" if dated else ""),
        f"- [Speakers and their statements]({UP}speakers/index.md)",
        f"- [Everyone mentioned]({UP}{PEOPLE_DIR}/index.md)",
        f"- [Topics]({UP}{TOPICS_DIR}/index.md) and [subjects]({UP}{SUBJECTS_DIR}/index.md)",
        "- Or search any word of any briefing with the search box.",
    ]))
    return hub_page(HOME_PATH, site_name, body)
