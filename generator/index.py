"""Stage 5, index: all :class:`Article` values → the hub pages that cross-link them.

Out: :class:`Page` values for the archive home, months (index and one page per month),
people (index and one page per person, with what they said), speakers (index) and topics
(index and one page per topic). Plain Markdown, so the archive does not depend on
Material-only plugins. Ordering is fully determined by the data (newest first, then title,
then slug), never by input order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator.anchors import statement_anchor
from generator.markup import escape_block, escape_inline, plain_meta
from generator.model import Article, Page
from generator.registry import RegisteredPerson, Topic
from generator.render import (
    ARTICLES_DIR,
    MONTHS_DIR,
    PEOPLE_DIR,
    TOPICS_DIR,
    article_link,
    dump_front_matter,
    person_link,
    topic_link,
)

UNDATED = "undated"
RECENT_COUNT = 20


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles newest first; undated last; ties by title then slug."""
    dated = sorted(
        (article for article in articles if article.date is not None),
        key=lambda article: (-article.date.toordinal(), article.clean.title, article.slug),
    )
    undated = sorted(
        (article for article in articles if article.date is None),
        key=lambda article: (article.clean.title, article.slug),
    )
    return dated + undated


def _page(path: str, title: str, body: list[str], aliases: tuple[str, ...] = ()) -> Page:
    meta: dict[str, object] = {"title": plain_meta(title)}
    if aliases:
        # Other spellings of a person's name: the theme indexes them for search, unshown.
        meta["aliases"] = [plain_meta(alias) for alias in aliases]
    text = dump_front_matter(meta) + "\n" + "\n\n".join([f"# {escape_inline(title)}", *body])
    return Page(path, text + "\n")


def _article_line(article: Article, up: str = "../") -> str:
    date = article.date.isoformat() if article.date else "undated"
    details = [date]
    if article.clean.outlet:
        details.append(escape_inline(article.clean.outlet))
    if article.speakers:
        details.append("speakers: " + ", ".join(escape_inline(name) for name in article.speakers))
    return f"- {article_link(article, up)} — " + " · ".join(details)


def _month_key(article: Article) -> str:
    return f"{article.date:%Y-%m}" if article.date else UNDATED


def month_pages(articles: list[Article]) -> list[Page]:
    by_month: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_month[_month_key(article)].append(article)
    months = sorted((key for key in by_month if key != UNDATED), reverse=True)
    if UNDATED in by_month:
        months.append(UNDATED)
    pages = []
    lines = []
    for month in months:
        label = "Undated" if month == UNDATED else month
        count = len(by_month[month])
        lines.append(f"- [{label}]({month}.md) — {count} article{'s' * (count != 1)}")
        pages.append(_page(f"{MONTHS_DIR}/{month}.md", f"Articles of {label}",
                           [_article_line(article) for article in newest_first(by_month[month])]))
    pages.append(_page(f"{MONTHS_DIR}/index.md", "Articles by month",
                       lines or ["No articles yet."]))
    return pages


def person_pages(
    articles: list[Article],
    person_slugs: dict[str, str],
    registry: tuple[RegisteredPerson, ...],
) -> list[Page]:
    registered = {person.name: person for person in registry}
    mentions: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for name in article.people:
            mentions[name].append(article)
    pages = []
    index_lines = []
    speaker_lines = []
    for name in sorted(mentions, key=lambda name: (name.split()[-1].casefold(), name)):
        slug = person_slugs[name]
        spoken = [
            (article, statement)
            for article in newest_first(mentions[name])
            for statement in article.statements
            if statement.speaker == name
        ]
        body = []
        person = registered.get(name)
        if person is not None:
            facts = [escape_inline(role.role) + (
                f" (from {role.start.isoformat()}" + (f" to {role.end.isoformat()})" if role.end
                                                      else ")") if role.start else "")
                for role in person.roles]
            if facts:
                body.append("**Roles:** " + "; ".join(facts))
            if person.wikidata and person.wikidata[1:].isdigit() and person.wikidata[0] == "Q":
                body.append(f"**Wikidata:** <https://www.wikidata.org/wiki/{person.wikidata}>")
        if spoken:
            body.append(f"## Statements ({len(spoken)})")
            for article, statement in spoken:
                kind = "quoted" if statement.kind == "direct" else "reported"
                block = statement.block + 1
                body.append(
                    f"- {article_link(article)} ({article.date.isoformat() if article.date else 'undated'},"
                    f" [{kind}, block {block}](../{ARTICLES_DIR}/{article.slug}.md"
                    f"#{statement_anchor(statement)})): “{escape_inline(statement.text)}”"
                )
        body.append(f"## Articles ({len(mentions[name])})")
        body.extend(_article_line(article) for article in newest_first(mentions[name]))
        pages.append(_page(f"{PEOPLE_DIR}/{slug}.md", name, body,
                           person.aliases if person is not None else ()))
        count = len(mentions[name])
        index_lines.append(f"- {person_link(name, person_slugs)} — {count} article{'s' * (count != 1)}")
        if spoken:
            speaker_lines.append(
                f"- {person_link(name, person_slugs)} — {len(spoken)} statement"
                f"{'s' * (len(spoken) != 1)} in {len({article.slug for article, _ in spoken})}"
                " article(s)"
            )
    pages.append(_page(f"{PEOPLE_DIR}/index.md", "People", index_lines or ["No people yet."]))
    pages.append(_page("speakers/index.md", "Speakers", speaker_lines or ["No speakers yet."]))
    return pages


def topic_pages(articles: list[Article], topics: tuple[Topic, ...]) -> list[Page]:
    by_topic: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for topic in article.topics:
            by_topic[topic].append(article)
    pages = []
    lines = []
    for topic in sorted(topics, key=lambda topic: topic.label):
        tagged = newest_first(by_topic.get(topic.slug, []))
        # The description opens a block: escape_block keeps "1. …" or "- …" from being a list.
        body = [escape_block(topic.description)] if topic.description else []
        body.extend(_article_line(article) for article in tagged)
        if not tagged:
            body.append("No articles yet.")
        pages.append(_page(f"{TOPICS_DIR}/{topic.slug}.md", topic.label, body))
        lines.append(f"- {topic_link(topic.slug, topic.label)} — {len(tagged)} article"
                     f"{'s' * (len(tagged) != 1)}")
    pages.append(_page(f"{TOPICS_DIR}/index.md", "Topics", lines or ["No topics defined."]))
    return pages


def home_page(articles: list[Article]) -> Page:
    recent = newest_first(articles)[:RECENT_COUNT]
    body = [
        f"{len(articles)} articles. Browse [by month]({MONTHS_DIR}/index.md), "
        f"[by speaker](speakers/index.md), [by person]({PEOPLE_DIR}/index.md) or "
        f"[by topic]({TOPICS_DIR}/index.md).",
        "## Latest articles",
        # The link is built for this folder, not patched with str.replace: a title that
        # contains "](../" would have been changed too.
        *(_article_line(article, up="") for article in recent),
    ]
    return _page("index.md", "Archive", body)


def index_pages(
    articles: list[Article],
    person_slugs: dict[str, str],
    people: tuple[RegisteredPerson, ...],
    topics: tuple[Topic, ...],
) -> list[Page]:
    """Every hub page of the archive (pure)."""
    return [
        home_page(articles),
        *month_pages(articles),
        *person_pages(articles, person_slugs, people),
        *topic_pages(articles, topics),
    ]
