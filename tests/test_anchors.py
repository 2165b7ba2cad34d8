"""Element ids: paragraph anchors and heading ids never collide, nor take Material's ids.

Unit and property tests of :mod:`generator.anchors` (also through Python-Markdown with the
toc settings of mkdocs.yml), and an end-to-end build, by MkDocs and by Zensical, of the
shipped corpus plus ``tests/anchors/articles``: articles titled "__config", "__search" and
"p2", with headings "P5", "P1", "P2" and a heading twice.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify
from support import ROOT, audit, make_article, render_markdown

from generator.anchors import ANCHOR, HEADING_FALLBACK, heading_id, paragraph_anchor
from generator.model import Block
from generator.render import render_article

ARTICLES = ROOT / "tests" / "anchors" / "articles"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What toc's slugify and its "_1" suffixes make of heading_id's slugs.
HEADING_ID = r"[a-z0-9][a-z0-9_-]*"

# Heading text as the cleaner can deliver it: no control characters (read.py refuses them;
# Python-Markdown uses STX and ETX as its own placeholders).
heading_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40)


def test_paragraph_anchors_are_upper_case_block_numbers():
    assert paragraph_anchor(5) == "P5"
    assert ANCHOR.fullmatch(paragraph_anchor(123))
    # The planned sentence anchors fit the reserved form; a heading slug does not.
    assert ANCHOR.fullmatch("P5S2")
    assert not ANCHOR.fullmatch("p5")


@pytest.mark.parametrize(("text", "expected"), [
    ("__config", "config"),
    ("__search", "search"),
    ("__palette_0", "palette_0"),
    ("_", HEADING_FALLBACK),
    ("-_- x", "x"),
    ("P5", "p5"),
    ("P5S2", "p5s2"),
    ("Key points", "key-points"),
    ("Переговоры", HEADING_FALLBACK),
    ("", HEADING_FALLBACK),
])
def test_heading_id_examples(text, expected):
    assert heading_id(text, "-") == expected


@given(heading_text)
def test_heading_id_is_never_reserved_nor_an_anchor(text):
    slug = heading_id(text, "-")
    assert not slug.startswith("__")
    assert not ANCHOR.fullmatch(slug)
    assert re.fullmatch(HEADING_ID, slug)


@given(heading_text)
def test_heading_id_keeps_ordinary_slugs(text):
    """A heading whose default slug was fine keeps it: links to existing headings still work."""
    default = slugify(text, "-")
    if default and default[0].isalnum():
        assert heading_id(text, "-") == default


def _page_ids(html: str) -> list[tuple[str, str]]:
    return [(tag, attrs["id"]) for tag, attrs in audit(html).elements if attrs.get("id")]


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=20),
       st.lists(heading_text, max_size=8))
def test_rendered_headings_and_paragraphs_keep_distinct_ids(title, headings):
    """Through render_article and Python-Markdown with mkdocs.yml's toc settings, so toc's
    de-duplication ("x", "x_1") is included: every id on the page is distinct, heading ids
    never start with "__", and each paragraph keeps its anchor."""
    article = make_article("Headline\nText.\n")
    blocks = []
    for text in headings:
        blocks += [Block("heading", text, 1), Block("paragraph", "Text.", 1)]
    clean = dataclasses.replace(article.clean, title=title, blocks=tuple(blocks))
    page = render_article(dataclasses.replace(article, clean=clean), {}, {}, None)
    ids = _page_ids(render_markdown(page.text))
    assert len({id_ for _, id_ in ids}) == len(ids), ids
    heading_ids = [id_ for tag, id_ in ids if tag in HEADINGS]
    assert len(heading_ids) == len(headings) + 1
    for id_ in heading_ids:
        assert re.fullmatch(HEADING_ID, id_) and not ANCHOR.fullmatch(id_), id_
    assert [id_ for tag, id_ in ids if tag == "span"] == [
        paragraph_anchor(number) for number in range(2, 2 * len(headings) + 1, 2)]


# --- end to end ------------------------------------------------------------------------------


class _Ids(HTMLParser):
    """Every element with an id (tag, id) and every link of one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.append((tag, values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def _parse(page: Path) -> _Ids:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory, project_copy, generator_run) -> Path:
    """The shipped corpus plus the anchor articles, built by ``python -m generator build``
    (MkDocs), or generated and built by Zensical from the same mkdocs.yml."""
    project = project_copy(tmp_path_factory.mktemp(f"anchors-{request.param}"))
    for article in ARTICLES.glob("*.txt"):
        (project / "corpus" / "articles" / article.name).write_bytes(article.read_bytes())
    if request.param == "mkdocs":
        result = generator_run(project, "build", "--strict")
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        result = generator_run(project, "generate", "--strict")
        assert result.returncode == 0, result.stdout + result.stderr
        zensical = subprocess.run(
            [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "--strict",
             "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True, timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
        assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    return (project / "site").resolve()


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[Path, _Ids]:
    return {page: _parse(page) for page in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_ids_are_unique_and_headings_leave_the_theme_ids_alone(site, pages):
    for page, parsed in pages.items():
        ids = [id_ for _, id_ in parsed.ids]
        assert len(set(ids)) == len(ids), (page, sorted(id_ for id_ in ids if ids.count(id_) > 1))
        for tag, id_ in parsed.ids:
            if tag in HEADINGS:
                assert not id_.startswith("__"), (page, tag, id_)
                assert not ANCHOR.fullmatch(id_), (page, tag, id_)
        assert [tag for tag, id_ in parsed.ids if id_ == "__config"] == ["script"], page
    config = pages[site / "archive" / "articles" / "config" / "index.html"]
    assert ("h1", "config") in config.ids
    headings = pages[site / "archive" / "articles" / "p2" / "index.html"]
    assert [id_ for tag, id_ in headings.ids if tag in HEADINGS] == [
        "p2", "p5", "p1", "p2_1", "summary", "summary_1", "who-speaks-here",
        "related-briefings"]


@pytest.mark.slow
def test_every_statement_link_lands_on_its_sentence(site, pages):
    targets = []
    for page in sorted((site / "archive" / "people").glob("*/index.html")):
        for href in pages[page].links:
            parts = urlsplit(href)
            if "articles/" not in parts.path or not parts.fragment:
                continue
            target = (page.parent / unquote(parts.path)).resolve() / "index.html"
            assert ANCHOR.fullmatch(parts.fragment), (page, href)
            assert target in pages, (page, href)
            found = [tag for tag, id_ in pages[target].ids if id_ == parts.fragment]
            assert found == ["span"], (page, href, found)
            targets.append((target.parent.name, parts.fragment))
    for article, paragraph in [("config", "P1"), ("search-page", "P1"), ("p2", "P2"),
                               ("p2", "P4"), ("p2", "P5")]:
        assert any(name == article and re.fullmatch(rf"{paragraph}S[1-9][0-9]*", anchor)
                   for name, anchor in targets), (article, paragraph, targets)
