"""The hostile corpus (tests/hostile): every case gets its expected outcome in one build.

Committed cases (``cases:`` in expected.yml) are built together, as the file asks; the large
``generated:`` cases are written at run time, each beside an ordinary article. Pages are
rendered with Python-Markdown and the mkdocs.yml extensions and audited with html.parser.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest
import yaml
from feed_checks import check_atom, check_export, check_json_feed
from support import (
    CONFIG,
    CORPUS,
    HOSTILE,
    collapse,
    h1_text,
    render_markdown,
    unsafe_markup,
    visible_text,
)
from support import tree as read_tree

from generator.build import Report, Settings, make_pages
from generator.cli import main
from generator.markup import escape_inline
from generator.model import Article, Page

EXPECTED = yaml.safe_load((HOSTILE / "expected.yml").read_text(encoding="utf-8"))
CASES: dict[str, dict] = EXPECTED["cases"]
GENERATED: dict[str, dict] = EXPECTED["generated"]

# Words a rejection message must contain for each `reason:` of expected.yml (any one of them).
REASON_WORDS = {
    "empty": ["empty"],
    "binary": ["binary"],
    "encoding": ["UTF-8", "UTF-16"],
    "duplicate": ["duplicate article"],
    "yaml": ["YAML", "duplicate key"],
    "front-matter": ["front-matter"],
    "date": ["date"],
    "url": ["url"],
    "too-large": ["limit"],
    "symlink": ["symbolic link"],
}
META_KEYS = {"title", "date", "date_source", "source", "url", "speakers", "people",
             "organizations", "places", "topics", "subjects", "date_mentions", "dates",
             "statements", "sources", "source_file", "tags", "description", "author"}
# The home page is ".home.md" (docs/index.md links to it; a dot file is no page of its own).
SAFE_PAGE_PATH = re.compile(r"^(?:(?:[a-z0-9-]+/)?[a-z0-9][a-z0-9-]*|\.home)\.md$")
# Feeds and exports (generator/publish): fixed names, or a person's or a topic's slug.
SAFE_PUBLISHED_PATH = re.compile(r"^(?:feeds/(?:(?:people|topics|subjects)/)?[a-z0-9][a-z0-9-]*\."
                                 r"(?:xml|json)|export/[a-z]+(?:\.schema)?\.json)$")
WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$", re.IGNORECASE)
RENDER_LIMIT = 120_000  # characters of Markdown rendered in full; longer pages: see _html


def _make_cases():
    spec = importlib.util.spec_from_file_location("make_cases", HOSTILE / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_cases", module)
    spec.loader.exec_module(module)
    return module


make_cases = _make_cases()


def new_corpus(root: Path) -> Path:
    """An empty corpus with the shipped registries."""
    corpus = root / "corpus"
    (corpus / "articles").mkdir(parents=True)
    for registry in CORPUS.glob("*.yml"):
        shutil.copy2(registry, corpus / registry.name)
    return corpus


def _outcomes(case: dict) -> list[str]:
    outcome = case["outcome"]
    return outcome if isinstance(outcome, list) else [outcome]


def _html(page: Page) -> str:
    """The page as HTML. A page too big to render quickly (a hundred thousand entities or
    footnotes: Python-Markdown takes many seconds) is rendered with every line cut short, which
    keeps every construct it uses."""
    if len(page.text) <= RENDER_LIMIT:
        return render_markdown(page.text)
    return render_markdown("\n".join(line[:5_000] for line in page.text.split("\n")[:2_000]))


@dataclass
class Built:
    report: Report
    articles: dict[str, Article]
    pages: dict[str, Page]
    html: dict[str, str]

    def rejected(self, path: str):
        return [problem for problem in self.report.rejected if problem.path == path]


def build(corpus: Path) -> Built:
    report = make_pages(Settings(corpus=corpus, docs=corpus.parent / "docs", config=CONFIG))
    articles = {article.clean.raw.source_file: article for article in report.articles}
    by_path = {page.path: page for page in report.pages}
    pages = {source: by_path[f"articles/{article.slug}.md"] for source, article in
             articles.items()}
    return Built(report, articles, pages, {source: _html(page) for source, page in pages.items()})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Built:
    corpus = new_corpus(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(corpus / "articles")
    shutil.copytree(HOSTILE / "articles", corpus / "articles", symlinks=True)
    return build(corpus)


def check_error(built: Built, path: str, case: dict) -> None:
    problems = built.rejected(path)
    assert len(problems) == 1, f"{path}: one message expected, got {problems}"
    problem = problems[0]
    message = str(problem)
    assert message.startswith(f"{path}:{problem.line}: "), message
    assert problem.line >= 1
    if "line" in case:
        assert problem.line == case["line"], message
    if "byte_offset" in case:
        assert str(case["byte_offset"]) in problem.message, message
    for needle in case.get("message_contains", []):
        assert needle in problem.message, message
    if "reason" in case:
        words = REASON_WORDS[case["reason"]]
        assert any(word in problem.message for word in words), (case["reason"], message)
    assert "Traceback" not in message


def check_page(built: Built, path: str, case: dict) -> None:
    article = built.articles[path]
    page = built.pages[path]
    html = built.html[path]
    assert unsafe_markup(html) == [], path
    assert SAFE_PAGE_PATH.match(page.path), page.path
    assert not WINDOWS_RESERVED.match(article.slug)
    meta = frontmatter.loads(page.text).metadata
    assert set(meta) <= META_KEYS, set(meta) - META_KEYS
    assert meta["source_file"] == path
    shown = visible_text(html)
    if "title" in case:
        assert h1_text(html) == collapse(str(case["title"]))
    for needle in case.get("title_contains", []):
        assert needle in h1_text(html)
    if "slug" in case:
        assert article.slug == case["slug"]
    for needle in case.get("visible", []):
        if len(page.text) <= RENDER_LIMIT:
            assert collapse(needle) in shown, (needle, shown[:2000])
        else:
            assert escape_inline(needle) in page.text, needle
    for needle in case.get("not_visible", []):
        assert collapse(needle) not in shown, needle
    for needle in case.get("html_absent", []):
        assert needle not in html, needle
        assert needle not in page.text, needle
    for person in case.get("people", []):
        assert person in article.people, (person, article.people)
    if "distinct_url_from" in case:
        other = built.articles[case["distinct_url_from"]]
        assert other.slug != article.slug


def check_case(built: Built, path: str, case: dict) -> None:
    outcomes = _outcomes(case)
    if path in built.articles:
        assert "page" in outcomes, f"{path} became a page: {built.rejected(path)}"
        assert not built.rejected(path)
        check_page(built, path, case)
    else:
        assert "error" in outcomes, f"{path} was rejected: {built.rejected(path)}"
        check_error(built, path, case)


@pytest.mark.parametrize("path", sorted(CASES))
def test_case(hostile, path):
    check_case(hostile, path, CASES[path])


def test_every_file_on_disk_has_a_case():
    assert make_cases.check_cases() == []
    on_disk = {p.relative_to(HOSTILE / "articles").as_posix()
               for p in (HOSTILE / "articles").rglob("*") if p.is_file()}
    assert on_disk == set(CASES)


def test_every_article_is_a_page_or_one_rejection(hostile):
    pages = set(hostile.articles)
    rejected = [problem.path for problem in hostile.report.rejected]
    assert len(rejected) == len(set(rejected))
    assert pages.isdisjoint(rejected)
    assert pages | set(rejected) == set(CASES)


def test_page_paths_are_unique_and_safe(hostile):
    paths = [page.path for page in hostile.report.pages]
    assert len(paths) == len(set(paths))
    assert len({path.casefold() for path in paths}) == len(paths)
    for path in paths:
        assert SAFE_PAGE_PATH.match(path) or SAFE_PUBLISHED_PATH.match(path), path
        assert not any(WINDOWS_RESERVED.match(part.split(".")[0])
                       for part in path.split("/")), path


def test_hub_pages_make_no_markup_from_article_text(hostile):
    for page in hostile.report.pages:
        if not page.path.startswith("articles/") and page.path.endswith(".md"):
            html = render_markdown(page.text)
            assert unsafe_markup(html) == [], page.path
            meta = frontmatter.loads(page.text).metadata
            # Person pages also list the registry's aliases, subject pages the spellings
            # merged into them, for search (generator/theme); person, topic and subject pages
            # name their feed, and the page of a subject a topic took over its redirect.
            allowed = {"title", "aliases", "feed"} if page.path.startswith(
                ("people/", "subjects/")) else {"title", "feed"}
            if page.path.startswith("subjects/") and "redirect" in meta:
                allowed = {"title", "redirect"}
            assert set(meta) <= allowed and "title" in meta, page.path
            assert not any(set(alias) & set('<>"') for alias in meta.get("aliases", []))


def test_feeds_and_exports_stay_valid_and_inert(hostile):
    """Every feed parses and has what Atom and JSON Feed require, every export follows its
    schema; article text in them is text: no element, no markup, no forbidden character."""
    published = {page.path: page.text for page in hostile.report.pages
                 if SAFE_PUBLISHED_PATH.match(page.path)}
    assert "feeds/index.xml" in published and "export/statements.json" in published
    for path, text in published.items():
        if path.startswith("feeds/"):
            if path.endswith(".xml"):
                check_atom(text, path)
            else:
                check_json_feed(text, path)
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]",
                                 text), path
        elif not path.endswith(".schema.json"):
            check_export(path.removeprefix("export/").removesuffix(".json"), text)
    latest = published["feeds/index.xml"]
    assert "&lt;script" in latest and "<script" not in latest
    statements = json.loads(published["export/statements.json"])["statements"]
    texts = {article.slug: article.clean.text for article in hostile.articles.values()}
    for statement in statements:
        assert texts[statement["article"]][statement["start"]:].startswith(statement["text"])


def test_warnings_name_unsupported_keys(hostile):
    warnings = [str(w) for w in hostile.report.warnings if w.path == "fm_disallowed_keys.txt"]
    for key in ("template", "hide", "extra_javascript", "extra_css", "status", "search"):
        assert any(f"'{key}'" in warning for warning in warnings), key


# --- generated cases --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(tmp_path, name):
    corpus = new_corpus(tmp_path)
    make_cases.write_generated(corpus / "articles", [name])
    (corpus / "articles" / "ordinary.txt").write_text(
        "Ordinary headline\nAn ordinary article beside the hostile one.\n", encoding="utf-8")
    built = build(corpus)
    # One bad article never keeps the others from building.
    assert "ordinary.txt" in built.articles
    check_case(built, name, GENERATED[name])


def test_generated_file_names_that_cannot_be_written(tmp_path):
    corpus = new_corpus(tmp_path)
    articles = corpus / "articles"
    (articles / "ordinary.txt").write_text("Ordinary headline\nText.\n", encoding="utf-8")
    (articles / "new\nline.txt").write_text("Other headline\nOther text.\n", encoding="utf-8")
    try:
        with open(bytes(articles) + b"/\xff bad.txt", "wb") as handle:
            handle.write(b"Bad name\nThird text.\n")
    except OSError:  # a file system that insists on UTF-8 names
        pass
    built = build(corpus)
    assert set(built.articles) == {"ordinary.txt"}
    for problem in built.report.rejected:
        assert "\n" not in str(problem)
        assert "file name" in problem.message
        str(problem).encode("utf-8")
    assert "new\\nline.txt" in {problem.path for problem in built.report.rejected}


def test_directory_symlinks_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret headline\nSecret text.\n", encoding="utf-8")
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "ordinary.txt").write_text("Ordinary\nText here.\n", encoding="utf-8")
    (corpus / "articles" / "linked").symlink_to(outside, target_is_directory=True)
    built = build(corpus)
    assert set(built.articles) == {"ordinary.txt"}
    assert "Secret text" not in "".join(page.text for page in built.report.pages)


# --- command line over the hostile corpus -----------------------------------------------------


def _cli_args(corpus: Path, docs: Path, *extra: str) -> list[str]:
    return ["generate", "--corpus", str(corpus), "--docs", str(docs), "--config", str(CONFIG),
            *extra]


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-cli")
    corpus = new_corpus(root)
    shutil.rmtree(corpus / "articles")
    shutil.copytree(HOSTILE / "articles", corpus / "articles", symlinks=True)
    return corpus


def test_generate_prints_summary_and_problems(hostile_corpus, hostile, tmp_path, capsys):
    assert main(_cli_args(hostile_corpus, tmp_path / "docs")) == 0
    out, err = capsys.readouterr()
    articles = len(hostile.report.articles)
    pages = len(hostile.report.pages)
    skipped = len(hostile.report.rejected)
    assert out.strip() == (f"generate: {articles} articles, {pages} pages; "
                           f"{skipped} files skipped (see above)")
    for problem in hostile.report.rejected:
        assert str(problem) in err
    assert "Traceback" not in err
    written = read_tree(tmp_path / "docs" / "archive")
    assert set(written) == {page.path for page in hostile.report.pages}


def test_generate_strict_fails_when_a_file_is_skipped(hostile_corpus, tmp_path, capsys):
    assert main(_cli_args(hostile_corpus, tmp_path / "docs", "--strict")) == 1
    out, _err = capsys.readouterr()
    assert "files skipped" in out
    # The pages of the good articles are still written.
    assert (tmp_path / "docs" / "archive" / "articles" / "autolinks.md").is_file()


def test_generate_strict_passes_on_a_clean_corpus(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "a.txt").write_text("Headline A\nText A.\n", encoding="utf-8")
    assert main(_cli_args(corpus, tmp_path / "docs", "--strict")) == 0
    assert "0 files skipped" in capsys.readouterr().out


def test_stale_pages_disappear_after_regenerate(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    docs = tmp_path / "docs"
    (corpus / "articles" / "keep.txt").write_text("Kept headline\nKept text.\n", "utf-8")
    (corpus / "articles" / "gone.txt").write_text("Deleted headline\nGone text.\n", "utf-8")
    assert main(_cli_args(corpus, docs)) == 0
    assert (docs / "archive" / "articles" / "deleted-headline.md").is_file()
    (corpus / "articles" / "gone.txt").unlink()
    assert main(_cli_args(corpus, docs)) == 0
    capsys.readouterr()
    written = read_tree(docs / "archive")
    assert "articles/deleted-headline.md" not in written
    assert "articles/kept-headline.md" in written
    assert not any(b"deleted-headline" in text for text in written.values())
    # No staging or retired copy is left; the lock file beside the archive is the generator's.
    assert sorted(path.name for path in docs.iterdir()) == [".archive.briefing-lock", "archive"]


# --- what the theme gives Pagefind (generator/theme): built by the real `build` -------------

SEARCH_HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
SEARCH_ATTRIBUTES = ("data-value", "data-names", "data-title")


class _SearchElements(HTMLParser):
    """Elements inside the page's data-pagefind-body elements, and every search value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        for name in SEARCH_ATTRIBUTES:
            if name in attrs and any(key.startswith("data-pagefind") for key in attrs):
                self.values.append((name, attrs[name]))


def _search_values(html: str) -> _SearchElements:
    parser = _SearchElements()
    parser.feed(html)
    return parser


@pytest.mark.slow
def test_hostile_speaker_topic_outlet_and_alias_stay_inert_in_the_built_site(
        tmp_path, project_copy, generator_run):
    (tmp_path / "none").mkdir()
    project = project_copy(tmp_path / "project", articles=tmp_path / "none")
    header = yaml.safe_dump({"title": "Search values", "date": "2024-05-06",
                             "source": SEARCH_HOSTILE, "speakers": [SEARCH_HOSTILE],
                             "topics": ["hostile-topic"]})
    (project / "corpus" / "articles" / "search.txt").write_text(
        f"---\n{header}---\nSearch values\n\nThe talks went on, Sergei Lavrov said.\n",
        encoding="utf-8")
    topics = project / "corpus" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + (
        f"  hostile-topic:\n    label: {json.dumps(SEARCH_HOSTILE)}\n"
        "    description: A topic whose label is markup.\n    phrases: [zzzunused]\n"),
        encoding="utf-8")
    people = project / "corpus" / "people.yml"
    people.write_text(people.read_text("utf-8").replace(
        "aliases: [Sergey Lavrov,", f"aliases: [{json.dumps(SEARCH_HOSTILE)}, Sergey Lavrov,"),
        encoding="utf-8")
    result = generator_run(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    article = _search_values((site / "archive" / "articles" / "search-values" / "index.html")
                             .read_text("utf-8"))
    values = [value for _, value in article.values]
    # Front-matter values reach the theme through markup.plain_meta's look-alikes, and the
    # theme escapes them again: whatever the pipeline leaves, no value ends its attribute.
    shown = SEARCH_HOSTILE.replace("<", "‹").replace(">", "›").replace('"', "”")
    assert values.count(shown) == 2, values  # the outlet: a filter and a meta value
    person = _search_values((site / "archive" / "people" / "sergei-lavrov" / "index.html")
                            .read_text("utf-8"))
    names = [value for name, value in person.values if name == "data-names"]
    assert len(names) == 1 and shown in names[0], person.values
    for _, value in article.values + person.values:
        assert not set(value) & set('<>"'), value
    for page in (article, person):
        assert "img" not in page.tags
    for html_file in site.rglob("*.html"):
        html = html_file.read_text("utf-8")
        assert "<img src=x" not in html, html_file
        assert "<script>alert" not in html, html_file
