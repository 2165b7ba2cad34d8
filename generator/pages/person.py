"""People: articles + registry → one page per person (speakers and people only mentioned),
the people index and the speakers index.

A person page says who they are (registry roles, the spellings search should find), how much
they appear (briefings, first and last, a chart of statements per month), what they speak on
and with whom they appear; then their statements, newest month first, grouped by article.
A direct quotation is shown in quotation marks; reported speech is the reporter's sentence,
marked "Reported", never inside quotation marks. Each statement links to its sentence's
anchor on the article page. The indexes group names by the initial of the surname, with a
line of letters to jump by, so that hundreds of names stay usable.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from generator.anchors import statement_anchor
from generator.markup import escape_inline
from generator.model import ArticleSummary, Page, Statement
from generator.pages.listing import (
    article_line,
    by_month,
    date_text,
    hub_page,
    month_key,
    month_name,
    plural,
    ranked,
    role_at,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import person_feed, subscribe_line
from generator.registry import RegisteredPerson, Role
from generator.render import ARTICLES_DIR, PEOPLE_DIR, article_link, person_link, topic_link

TOP_COMPANIONS = 5
TOP_TOPICS = 8
QUOTE_WORDS = 80
OTHER_INITIAL = "Other"


def sort_key(name: str) -> tuple[str, str]:
    """Surname first (the last word), then the whole name."""
    return name.rsplit(maxsplit=1)[-1].casefold(), name


def initial(name: str) -> str:
    """The letter a name is filed under: its surname's first letter without accents, or
    "Other" for a script without Latin letters."""
    letter = unicodedata.normalize("NFKD", name.rsplit(maxsplit=1)[-1])[:1].upper()
    return letter if "A" <= letter <= "Z" else OTHER_INITIAL


def _shortened(text: str) -> str:
    words = text.split()
    return " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")


def statement_line(article: ArticleSummary, statement: Statement, up: str = "../") -> str:
    """One statement: a quotation in quotation marks, or reported speech marked as such;
    then a link to its sentence on the article page."""
    where = f"{up}{ARTICLES_DIR}/{article.slug}.md#{statement_anchor(statement)}"
    text = escape_inline(_shortened(statement.text))
    shown = f"“{text}”" if statement.kind == "direct" else f"*Reported:* {text}"
    return f"- {shown} [(in context)]({where})"


def _role_text(role: Role) -> str:
    """``Foreign Minister (from 2004-03-09 to 2024-05-01)``; dates only where known."""
    dates = [f"{word} {date.isoformat()}" for word, date in (("from", role.start),
                                                              ("to", role.end)) if date]
    return escape_inline(role.role) + (f" ({' '.join(dates)})" if dates else "")


def _facts(name: str, person: RegisteredPerson | None, mentioned: list[ArticleSummary],
           spoken: list[tuple[ArticleSummary, Statement]], person_slugs: dict[str, str],
           topic_labels: dict[str, str]) -> list[str]:
    facts = []
    if person is not None:
        if person.aliases:
            # Also what the search box finds: "Sergey" finds the page of Sergei Lavrov.
            facts.append("**Also written:** " + ", ".join(escape_inline(alias)
                                                        for alias in person.aliases))
        if person.roles:
            facts.append("**Roles:** " + "; ".join(_role_text(role) for role in person.roles))
        if person.wikidata and person.wikidata[1:].isdigit() and person.wikidata[0] == "Q":
            facts.append(f"**Wikidata:** <https://www.wikidata.org/wiki/{person.wikidata}>")
    ordered = by_month(mentioned)
    newest, oldest = ordered[0][1][0], ordered[-1][1][-1]
    spoken_in = {article.slug for article, _ in spoken}
    facts.append(f"**Briefings:** {len(mentioned)}" + (
        f" (speaks in {len(spoken_in)}, {plural(len(spoken), 'statement')})" if spoken else
        " (mentioned, no statement)"))
    facts.append(f"**First:** {date_text(oldest)}, {article_link(oldest)}")
    if newest is not oldest:
        facts.append(f"**Latest:** {date_text(newest)}, {article_link(newest)}")
    topics = Counter(topic for article in mentioned if article.slug in spoken_in
                     for topic in article.topics)
    if topics:
        facts.append("**Speaks on:** " + ", ".join(
            f"{topic_link(slug, topic_labels.get(slug, slug))} ({count})"
            for slug, count in ranked(topics, TOP_TOPICS)))
    companions = Counter(other for article in mentioned for other in article.people
                         if other != name)
    if companions:
        facts.append("**Appears most with:** " + ", ".join(
            f"{person_link(other, person_slugs)} ({count})"
            for other, count in ranked(companions, TOP_COMPANIONS)))
    return ["  \n".join(facts)]


def _timeline(spoken: list[tuple[ArticleSummary, Statement]],
              registered: RegisteredPerson | None) -> list[str]:
    body = [f"## Statements ({len(spoken)})"]
    months: dict[str, dict[str, list[tuple[ArticleSummary, Statement]]]] = {}
    for article, statement in spoken:
        months.setdefault(month_key(article), {}).setdefault(article.slug, []).append(
            (article, statement))
    for month, articles in months.items():
        body.append(f"### {month_name(month)}")
        for items in articles.values():
            article = items[0][0]
            details = [date_text(article)]
            if article.outlet:
                details.append(escape_inline(article.outlet))
            role = role_at(registered, article.date)
            if role:
                details.append("as " + escape_inline(role))
            body.append(f"**{article_link(article)}** — " + " · ".join(details))
            body.append("\n".join(statement_line(article, statement) for _, statement in items))
    return body


def person_page(name: str, slug: str, mentioned: list[ArticleSummary],
                registered: RegisteredPerson | None, person_slugs: dict[str, str],
                topic_labels: dict[str, str]) -> Page:
    ordered = [article for _month, items in by_month(mentioned) for article in items]
    spoken = [(article, statement) for article in ordered
              for statement in article.statements if statement.speaker == name]
    body = _facts(name, registered, ordered, spoken, person_slugs, topic_labels)
    if spoken:
        body.append(subscribe_line(person_feed(slug)))
        body.append(monthly_chart(
            dict(Counter(month_key(article) for article, _ in spoken if article.date)),
            f"Statements per month by {name}", "statement"))
        body.extend(_timeline(spoken, registered))
    spoken_in = {article.slug for article, _ in spoken}
    others = [article for article in ordered if article.slug not in spoken_in]
    if others:
        body.append(f"## {'Also mentioned' if spoken else 'Mentioned'} in ({len(others)})")
        body.append("\n".join(article_line(article) for article in others))
    return hub_page(f"{PEOPLE_DIR}/{slug}.md", name, body,
                    person_feed(slug) if spoken else None,
                    registered.aliases if registered is not None else ())


def grouped_index(entries: list[tuple[str, str]]) -> list[str]:
    """(name, line) pairs, in name order → a jump line of initials, then ``## A`` … groups."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name, line in entries:
        groups[initial(name)].append(line)
    order = sorted(groups, key=lambda letter: (letter == OTHER_INITIAL, letter))
    if not order:
        return []
    # The letters' heading ids are the letters in lower case (toc's slug; "other").
    body = [" · ".join(f"[{letter}](#{letter.lower()})" for letter in order)]
    for letter in order:
        body.append(f"## {letter}")
        body.append("\n".join(groups[letter]))
    return body


def mentions_of(articles: list[ArticleSummary]) -> dict[str, list[ArticleSummary]]:
    """Each person's articles, in the order given."""
    mentions: dict[str, list[ArticleSummary]] = defaultdict(list)
    for article in articles:
        for name in article.people:
            mentions[name].append(article)
    return mentions


def people_indexes(mentions: dict[str, list[ArticleSummary]],
                   person_slugs: dict[str, str]) -> list[Page]:
    """The people index and the speakers index: names only, by surname (each person's page
    counts their briefings and statements, the archive's index ranks the most quoted), so
    an index changes only when someone appears or leaves."""
    people_lines = []
    speaker_lines = []
    for name in sorted(mentions, key=sort_key):
        line = (name, f"- {person_link(name, person_slugs)}")
        people_lines.append(line)
        if any(statement.speaker == name for article in mentions[name]
               for statement in article.statements):
            speaker_lines.append(line)
    return [
        hub_page(f"{PEOPLE_DIR}/index.md", "People", [
            f"Everyone named in the briefings: {len(people_lines)} people, by surname."
            if people_lines else "No people yet.",
            *grouped_index(people_lines)]),
        hub_page("speakers/index.md", "Speakers", [
            f"Everyone quoted or reported in the briefings: {len(speaker_lines)} speakers, by "
            "surname; the [archive's index](../index.md) ranks the most quoted."
            if speaker_lines else "No speakers yet.",
            *grouped_index(speaker_lines)]),
    ]


def person_pages(articles: list[ArticleSummary], person_slugs: dict[str, str],
                 registry: tuple[RegisteredPerson, ...],
                 topic_labels: dict[str, str]) -> list[Page]:
    """Every person's page, then the people and speakers indexes."""
    registered = {person.name: person for person in registry}
    mentions = mentions_of(articles)
    return [*(person_page(name, person_slugs[name], mentions[name], registered.get(name),
                          person_slugs, topic_labels)
              for name in sorted(mentions, key=sort_key)),
            *people_indexes(mentions, person_slugs)]
