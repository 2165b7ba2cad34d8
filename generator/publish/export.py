"""Export: the articles → ``articles.json``, ``people.json`` and ``statements.json``, the archive
as data for anyone who wants to analyse it, each beside the JSON Schema it follows.

In: the articles, the people's page slugs, the people registry and the :class:`Site`. Out:
:class:`Page` values for ``export/`` of the archive folder: the three files and a copy of
their schemas (draft 2020-12, kept in ``generator/publish/schemas/``).

Texts are exact, as the article pages' front-matter has them (a statement's ``text`` is a
substring of its article's ``text`` at ``start``); JSON escapes whatever needs it, and
nothing here is HTML. Byte-identical for the same archive: records in a fixed order
(articles newest first, then title and slug, as on the site; statements by article, then
position; people by slug), keys in the schema's order, non-ASCII characters as they are
(UTF-8, ``ensure_ascii=False``: names in Cyrillic stay readable), two-space indentation and
one trailing newline.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from generator.anchors import statement_anchor
from generator.model import Article, Page
from generator.pages.listing import newest_first
from generator.publish.places import (
    ATOM_SUFFIX,
    EXPORT_DIR,
    JSON_FEED_SUFFIX,
    Site,
    person_feed,
)
from generator.registry import RegisteredPerson
from generator.render import ARTICLES_DIR, PEOPLE_DIR, article_description

EXPORTS = ("articles", "people", "statements")


def _date(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def article_records(articles: list[Article], site: Site) -> list[dict]:
    source = site.path(f"{EXPORT_DIR}/articles.json")
    return [{
        "slug": article.slug,
        "title": article.clean.title,
        "date": _date(article.date),
        "date_source": article.date_source,
        "source": article.clean.outlet,
        "url": article.clean.raw.header.url,
        "page_url": site.link(site.page(f"{ARTICLES_DIR}/{article.slug}.md"), source),
        "source_file": article.clean.raw.source_file,
        "description": article_description(article),
        "speakers": list(article.speakers),
        "people": list(article.people),
        "organizations": list(article.organizations),
        "places": list(article.places),
        "topics": list(article.topics),
        "sources": list(article.sources),
        "text": article.clean.text,
    } for article in newest_first(articles)]


def statement_records(articles: list[Article], person_slugs: dict[str, str],
                      site: Site) -> list[dict]:
    source = site.path(f"{EXPORT_DIR}/statements.json")
    records = []
    for article in newest_first(articles):
        for statement in sorted(article.statements, key=lambda s: (s.start, s.speaker)):
            anchor = statement_anchor(statement)
            records.append({
                "speaker": statement.speaker,
                "speaker_slug": person_slugs.get(statement.speaker),
                "kind": statement.kind,
                "text": statement.text,
                "article": article.slug,
                "date": _date(article.date),
                "block": statement.block + 1,
                "start": statement.start,
                "anchor": anchor,
                "url": site.link(site.page(f"{ARTICLES_DIR}/{article.slug}.md#{anchor}"),
                                 source),
            })
    return records


def people_records(articles: list[Article], person_slugs: dict[str, str],
                   registry: tuple[RegisteredPerson, ...], site: Site) -> list[dict]:
    source = site.path(f"{EXPORT_DIR}/people.json")
    registered = {person.name: person for person in registry}
    # One pass over the archive, not one per person.
    appearances: dict[str, list[Article]] = {}
    statements: dict[str, int] = {}
    for article in newest_first(articles):
        for name in article.people:
            appearances.setdefault(name, []).append(article)
        for statement in article.statements:
            if statement.speaker in article.people:
                statements[statement.speaker] = statements.get(statement.speaker, 0) + 1
    records = []
    for name in sorted(person_slugs, key=lambda name: person_slugs[name]):
        slug = person_slugs[name]
        appears = appearances.get(name, [])
        said = statements.get(name, 0)
        dates = sorted(article.date for article in appears if article.date is not None)
        person = registered.get(name)
        feed = person_feed(slug)
        records.append({
            "name": name,
            "slug": slug,
            "page_url": site.link(site.page(f"{PEOPLE_DIR}/{slug}.md"), source),
            "registered": person is not None,
            "roles": [{"role": role.role, "start": _date(role.start), "end": _date(role.end)}
                      for role in (person.roles if person else ())],
            "wikidata": person.wikidata if person else None,
            "articles": [article.slug for article in appears],
            "statements": said,
            "first_date": _date(dates[0]) if dates else None,
            "last_date": _date(dates[-1]) if dates else None,
            "feeds": {
                "atom": site.link(site.path(feed + ATOM_SUFFIX), source),
                "json": site.link(site.path(feed + JSON_FEED_SUFFIX), source),
            } if said else None,
        })
    return records


def schema_text(name: str) -> str:
    """The JSON Schema of the export ``name`` (``articles``, ``people``, ``statements``)."""
    return (resources.files("generator.publish") / "schemas" / f"{name}.schema.json") \
        .read_text(encoding="utf-8")


def export_pages(articles: list[Article], person_slugs: dict[str, str],
                 registry: tuple[RegisteredPerson, ...], site: Site) -> list[Page]:
    """The three exports and their schemas, under ``export/`` of the archive folder."""
    documents = {
        "articles": {"articles": article_records(articles, site)},
        "people": {"people": people_records(articles, person_slugs, registry, site)},
        "statements": {"statements": statement_records(articles, person_slugs, site)},
    }
    pages = []
    for name in EXPORTS:
        pages.append(Page(f"{EXPORT_DIR}/{name}.json", _dump(documents[name])))
        pages.append(Page(f"{EXPORT_DIR}/{name}.schema.json", schema_text(name)))
    return pages
