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
from collections.abc import Callable, Mapping
from importlib import resources

from generator.anchors import statement_anchor
from generator.cache.entries import Remember
from generator.cache.store import digest
from generator.model import ArticleSummary, Page
from generator.pages.listing import newest_first
from generator.publish.places import (
    ATOM_SUFFIX,
    EXPORT_DIR,
    JSON_FEED_SUFFIX,
    Site,
    person_feed,
)
from generator.registry import RegisteredPerson
from generator.render import ARTICLES_DIR, PEOPLE_DIR

EXPORTS = ("articles", "people", "statements")


def _date(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def article_record(article: ArticleSummary, text: str, site: Site) -> dict:
    source = site.path(f"{EXPORT_DIR}/articles.json")
    return {
        "slug": article.slug,
        "title": article.title,
        "date": _date(article.date),
        "date_source": article.date_source,
        "source": article.outlet,
        "url": article.url,
        "page_url": site.link(site.page(f"{ARTICLES_DIR}/{article.slug}.md"), source),
        "source_file": article.source_file,
        "description": article.description,
        "speakers": list(article.speakers),
        "people": list(article.people),
        "organizations": list(article.organizations),
        "places": list(article.places),
        "topics": list(article.topics),
        "sources": list(article.sources),
        "text": text,
    }


def statement_records(article: ArticleSummary, person_slugs: dict[str, str],
                      site: Site) -> list[dict]:
    """The article's statements, by position."""
    source = site.path(f"{EXPORT_DIR}/statements.json")
    records = []
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


def people_records(articles: list[ArticleSummary], person_slugs: dict[str, str],
                   registry: tuple[RegisteredPerson, ...], site: Site) -> list[dict]:
    source = site.path(f"{EXPORT_DIR}/people.json")
    registered = {person.name: person for person in registry}
    # One pass over the archive, not one per person.
    appearances: dict[str, list[ArticleSummary]] = {}
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


def _items(records: list[dict]) -> str:
    """``records`` as the items of the list in a document :func:`_dump` writes, without
    its brackets: each record as ``json.dumps`` indents it, every line indented two levels
    more (json escapes every line break inside a string, so indenting line by line is
    exact), joined by commas."""
    return ",\n".join("\n".join("    " + line for line in json.dumps(
        record, ensure_ascii=False, indent=2).split("\n")) for record in records)


def _document(name: str, items: list[str]) -> str:
    """What :func:`_dump` writes for ``{name: records}``, from the records' items."""
    filled = [item for item in items if item]
    if not filled:
        return _dump({name: []})
    return "{\n  " + json.dumps(name) + ": [\n" + ",\n".join(filled) + "\n  ]\n}\n"


_SEPARATOR = "\x00"  # between an article's two exports in what ``remember`` keeps


def export_pages(articles: list[ArticleSummary], person_slugs: dict[str, str],
                 registry: tuple[RegisteredPerson, ...], site: Site,
                 text_of: Callable[[ArticleSummary], str],
                 identities: Mapping[str, str] | None = None,
                 remember: Remember | None = None) -> list[Page]:
    """The three exports and their schemas, under ``export/`` of the archive folder;
    ``text_of`` gives an article's cleaned text. With ``remember``, an article's records
    (in both exports) are taken from it while its identity, the site and its speakers'
    slugs are as before: writing them out is most of the export's cost, and its text is
    then never asked for."""
    known = identities or {}
    newest = newest_first(articles)
    made = []
    for article in newest:
        def items(article: ArticleSummary = article) -> str:
            # JSON never writes a NUL character raw (it escapes it), so it can separate them.
            return (_items([article_record(article, text_of(article), site)]) + _SEPARATOR
                    + _items(statement_records(article, person_slugs, site)))

        if remember is None:
            made.append(items())
        else:
            speakers = sorted({statement.speaker for statement in article.statements})
            made.append(remember(digest("export", known.get(article.slug, "?"), repr(site),
                                        repr([(name, person_slugs.get(name))
                                              for name in speakers])), items))
    parts = [text.split(_SEPARATOR) for text in made]
    documents = {
        "articles": _document("articles", [article for article, _statements in parts]),
        "people": _dump({"people": people_records(articles, person_slugs, registry, site)}),
        "statements": _document("statements", [statements for _article, statements in parts]),
    }
    pages = []
    for name in EXPORTS:
        pages.append(Page(f"{EXPORT_DIR}/{name}.json", documents[name]))
        pages.append(Page(f"{EXPORT_DIR}/{name}.schema.json", schema_text(name)))
    return pages
