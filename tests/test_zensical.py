"""The generated archive also builds with Zensical (which reads mkdocs.yml), with the same pages
and the same article content as the MkDocs build."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ZENSICAL = Path(sys.executable).parent / "zensical"
FOOTNOTED = "004_1afbffcb4474967d.txt"  # the shipped article with [CITATION: …] markers
QUOTED = "003_2f7b292f6373f123.txt"  # the Naryshkin interview, with a Russian quotation


class _Content(HTMLParser):
    """Visible text of the article body (``article.md-content__inner``), the page's h1 and
    the footnote list, skipping the theme's buttons and tag chips."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside the article element
        self.skip = 0  # > 0 inside a theme widget or an svg
        self.stack: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self.footnotes = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
            return
        if tag in {"br", "hr", "img", "input", "meta", "link"}:
            return
        self.depth += 1
        self.stack.append(tag)
        if self.skip or tag == "svg" or {"md-content__button", "md-tags"} & set(classes):
            self.skip += 1
        if tag == "li" and self.stack[-3:-1] == ["div", "ol"] and "fn:" in (
                dict(attrs).get("id") or ""):
            self.footnotes += 1

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in {"br", "hr", "img", "input", "meta", "link"}:
            return
        self.depth -= 1
        if self.stack:
            self.stack.pop()
        if self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)
            if "h1" in self.stack:
                self.h1.append(data)


def _content(path: Path) -> _Content:
    parser = _Content()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _squash(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory, project_copy, generator_run):
    """A project copy with the archive generated, built once by Zensical and once by MkDocs."""
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL} is missing: run ./run test (it installs the test extras)")
    project = project_copy(tmp_path_factory.mktemp("zensical"))
    generated = generator_run(project, "generate", "--strict")
    assert generated.returncode == 0, generated.stderr
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    zensical = subprocess.run([str(ZENSICAL), "build", "--clean", "--strict", "-f", "mkdocs.yml"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=600,
                              check=False)
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", "mkdocs.yml", "-d", "mkdocs-site"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600,
                            check=False)
    assert mkdocs.returncode == 0, mkdocs.stderr
    return project, zensical


def _articles(project: Path) -> dict[str, str]:
    """source file → slug, from the generated pages' front matter."""
    return {_front_matter(page)["source_file"]: page.stem
            for page in (project / "docs" / "archive" / "articles").glob("*.md")}


def test_zensical_builds_the_archive_strictly(built):
    project, zensical = built
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert "Traceback" not in zensical.stderr
    site = project / "site"  # Zensical honours site_dir from mkdocs.yml
    slug = _articles(project)[FOOTNOTED]
    page = site / "archive" / "articles" / slug / "index.html"
    assert page.is_file(), sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    content = _content(page)
    title = _front_matter(project / "docs" / "archive" / "articles" / f"{slug}.md")["title"]
    assert _squash(content.h1) == title
    text = _squash(content.text)
    assert "Speakers: Sergei Lavrov" in text
    assert "Topics:" in text
    assert content.footnotes == 5
    assert "Lavrov interview, American broadcast, as reported by various outlets" in text
    quoted = site / "archive" / "articles" / _articles(project)[QUOTED] / "index.html"
    assert "Настанет тот день" in _squash(_content(quoted).text)
    assert (site / "search.json").is_file()  # Zensical's own search index


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_zensical_makes_the_same_pages_as_mkdocs(built):
    project, _ = built
    assert _pages(project / "site") == _pages(project / "mkdocs-site")
    assert len(_pages(project / "site")) >= 2 + len(_articles(project))


def test_zensical_shows_the_same_content_as_mkdocs(built):
    """Same h1, text and footnotes on every page. Theme chrome differs (Zensical's modern
    theme puts the tag chips at the foot of the page, MkDocs-Material above the title), so
    only the Markdown-rendered body is compared."""
    project, _ = built
    for page in sorted(_pages(project / "mkdocs-site") - {"404.html"}):
        ours, theirs = _content(project / "site" / page), _content(project / "mkdocs-site" / page)
        assert _squash(ours.h1) == _squash(theirs.h1), page
        assert _squash(ours.text) == _squash(theirs.text), page
        assert ours.footnotes == theirs.footnotes, page

