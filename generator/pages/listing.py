"""What several hub pages print: article lines, months, counts, roles at a date.

In: :class:`ArticleSummary` values (and registry entries). Out: escaped Markdown fragments and the
:class:`Page` wrapper with its small front-matter. Ordering is fully determined by the data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from generator.markup import escape_inline, plain_meta
from generator.model import ArticleSummary, Page
from generator.registry import RegisteredPerson
from generator.render import article_link, dump_front_matter

UNDATED = "undated"
# Written out, not strftime("%B"): that follows the locale, and output must not.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def newest_first(articles: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Articles newest first; undated last; ties by title then slug."""
    dated = sorted(
        (article for article in articles if article.date is not None),
        key=lambda article: (-article.date.toordinal(), article.title, article.slug),
    )
    undated = sorted(
        (article for article in articles if article.date is None),
        key=lambda article: (article.title, article.slug),
    )
    return dated + undated


def hub_page(path: str, title: str, body: list[str], feed: str | None = None,
             aliases: tuple[str, ...] = ()) -> Page:
    # ``feed``: the page's own feed (see generator.publish.places), which the theme's
    # main.html links in the page head; ``aliases``: other spellings of a person's name,
    # which the theme gives the search index.
    meta: dict[str, object] = {"title": plain_meta(title)}
    if aliases:
        meta["aliases"] = [plain_meta(alias) for alias in aliases]
    if feed:
        meta["feed"] = feed
    text = dump_front_matter(meta) + "\n" + "\n\n".join(
        [f"# {escape_inline(title)}", *(part for part in body if part)])
    return Page(path, text + "\n")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def month_key(article: ArticleSummary) -> str:
    return f"{article.date:%Y-%m}" if article.date else UNDATED


def month_name(key: str) -> str:
    """``2025-11`` → ``November 2025``; ``undated`` → ``Undated``."""
    if key == UNDATED:
        return "Undated"
    return f"{MONTH_NAMES[int(key[5:7]) - 1]} {key[:4]}"


def by_month(articles: Iterable[ArticleSummary]) -> list[tuple[str, list[ArticleSummary]]]:
    """(month key, its articles newest first), newest month first, undated last."""
    groups: dict[str, list[ArticleSummary]] = {}
    for article in newest_first(articles):
        groups.setdefault(month_key(article), []).append(article)
    return list(groups.items())


def monthly_counts(articles: Iterable[ArticleSummary]) -> dict[str, int]:
    return dict(Counter(month_key(article) for article in articles if article.date))


def date_text(article: ArticleSummary) -> str:
    return article.date.isoformat() if article.date else "undated"


def article_line(article: ArticleSummary, up: str = "../") -> str:
    """``- [Title](…) — date · outlet · speakers: …`` (links from a page ``up`` below the
    archive folder)."""
    details = [date_text(article)]
    if article.outlet:
        details.append(escape_inline(article.outlet))
    if article.speakers:
        details.append("speakers: " + ", ".join(escape_inline(name) for name in article.speakers))
    return f"- {article_link(article, up)} — " + " · ".join(details)


def role_at(person: RegisteredPerson | None, date: dt.date | None) -> str | None:
    """The registry role ``person`` held on ``date`` (the latest begun, when several)."""
    if person is None or date is None:
        return None
    held = [role for role in person.roles
            if (role.start is None or role.start <= date) and (role.end is None or date <= role.end)]
    if not held:
        return None
    return max(held, key=lambda role: (role.start or dt.date.min, role.role)).role


def ranked(counts: Counter, limit: int) -> list[tuple[str, int]]:
    """The ``limit`` largest counts, ties by key."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]

