"""End to end: the feeds and exports of a built site, fetched over HTTP from 127.0.0.1 as a feed
reader or a data user would, for the MkDocs build and the Zensical build of the same project.

A reader finds the feeds from the pages (``<link rel="alternate">`` in the head, the visible
"Subscribe" links), each feed is valid and its links lead to pages of the site (the sentence
of a statement included), and each export follows its schema.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from feed_checks import ATOM, check_atom, check_export, check_json_feed
from test_browser import serve

from generator.publish.export import EXPORTS

pytestmark = pytest.mark.slow

SITE_URL = "https://briefing-archive.example.org/"  # mkdocs.yml's placeholder


class _Links(HTMLParser):
    """The feed links of a page: ``<link rel="alternate">`` and the visible ``<a>`` links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.alternates: list[tuple[str, str]] = []
        self.anchors: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "link" and "alternate" in (attributes.get("rel") or "").split():
            self.alternates.append((attributes.get("type") or "", attributes.get("href") or ""))
        elif tag == "a" and attributes.get("href"):
            self._href, self._text = attributes["href"], []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.anchors.append(("".join(self._text).strip(), self._href))
            self._href = None


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def _page(url: str) -> _Links:
    links = _Links()
    links.feed(_fetch(url))
    return links


def _local(url: str, base: str) -> str:
    """An absolute link of a feed (on the site's published address) on the test server."""
    assert url.startswith(SITE_URL), url
    return f"{base}/{url.removeprefix(SITE_URL)}"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory, project_copy, generator_run):
    project = project_copy(tmp_path_factory.mktemp(f"publish-{request.param}"))
    if request.param == "mkdocs":
        result = generator_run(project, "build")
        assert result.returncode == 0, result.stderr
    else:
        result = generator_run(project, "generate")
        assert result.returncode == 0, result.stderr
        zensical = subprocess.run(
            [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "--strict",
             "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True, timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
        assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    with serve(project / "site") as base:
        yield base


@pytest.mark.parametrize(("page", "feed"), [
    ("", "archive/feeds/index"),
    ("archive/", "archive/feeds/index"),
    ("archive/people/sergei-lavrov/", "archive/feeds/people/sergei-lavrov"),
    ("archive/topics/negotiations/", "archive/feeds/topics/negotiations"),
    ("archive/subjects/russia/", "archive/feeds/subjects/russia"),
])
def test_pages_lead_to_their_feeds(site, page, feed):
    url = f"{site}/{page}"
    links = _page(url)
    heads = {urljoin(url, href): kind for kind, href in links.alternates}
    assert heads.get(f"{site}/{feed}.xml") == "application/atom+xml", links.alternates
    assert heads.get(f"{site}/{feed}.json") == "application/feed+json", links.alternates
    for target, kind in heads.items():
        if kind == "application/atom+xml":
            check_atom(_fetch(target), target)
        elif kind == "application/feed+json":
            check_json_feed(_fetch(target), target)
    visible = {text: urljoin(url, href) for text, href in links.anchors}
    assert visible.get("Atom feed") == f"{site}/{feed}.xml", links.anchors
    assert visible.get("JSON Feed") == f"{site}/{feed}.json", links.anchors


def test_a_speakers_feed_leads_to_the_sentences_they_said(site):
    root = check_atom(_fetch(f"{site}/archive/feeds/people/sergei-lavrov.xml"))
    entries = root.findall(ATOM + "entry")
    assert entries
    for entry in entries:
        link = _local(entry.find(ATOM + "link").get("href"), site)
        fragment = urlsplit(link).fragment
        assert fragment.startswith("P"), link
        assert fragment in _page(link).ids, link
    document = check_json_feed(_fetch(f"{site}/archive/feeds/people/sergei-lavrov.json"))
    assert [item["id"] for item in document["items"]] == \
        [entry.find(ATOM + "id").text for entry in entries]


def test_the_latest_feed_lists_every_article_page(site):
    root = check_atom(_fetch(f"{site}/archive/feeds/index.xml"))
    links = [_local(entry.find(ATOM + "link").get("href"), site)
             for entry in root.findall(ATOM + "entry")]
    assert len(links) == 5  # the shipped corpus
    for link in links:
        assert "/archive/articles/" in link
        _fetch(link)


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_are_served_with_their_schemas(site, name):
    document = check_export(name, _fetch(f"{site}/archive/export/{name}.json"))
    assert document[name]
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in \
        _fetch(f"{site}/archive/export/{name}.schema.json")
    if name == "statements":
        statement = document["statements"][0]
        page = _page(_local(statement["url"], site))
        assert statement["anchor"] in page.ids


def _subject_links(url: str) -> list[tuple[str, str]]:
    """(text, address) of every link of the page at ``url`` to a subject page."""
    found = []
    for text, href in _page(url).anchors:
        target = urljoin(url, href)
        slug = urlsplit(target).path.partition("/archive/subjects/")[2]
        if slug and not urlsplit(target).fragment:
            found.append((text, target))
    return found


def test_the_subjects_index_leads_to_every_subject_page_and_articles_link_them(site):
    index = f"{site}/archive/subjects/"
    subjects = dict(_subject_links(index))
    # Subjects of two briefings or more in the shipped corpus (all five are about Russia).
    assert {"Russia", "Ukraine"} <= set(subjects), subjects
    articles = []
    for url in subjects.values():
        articles.extend(urljoin(url, href) for _text, href in _page(url).anchors
                        if "/articles/" in urljoin(url, href))
    assert articles
    article = sorted(articles)[0]
    linked = [url for _text, url in _subject_links(article)]
    assert linked, article
    for url in linked:
        assert url in subjects.values(), url
