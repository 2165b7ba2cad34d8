"""Search: the values the theme gives Pagefind (rendered by MkDocs' own Jinja environment of
Material plus generator/theme), and the build's Pagefind step, which must leave the previous
site whole when it fails."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.theme import Theme

from generator import site as site_edge
from generator.build import Settings
from generator.search import index as search_index

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_VALUES = ['"><script>alert(1)</script>', "Anna, topic:x", "O'Brien & <b>Sons</b>",
                  "speaker[data-value]", "{{ 7 * 7 }}"]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def environment():
    theme = Theme(name="material", custom_dir=str(ROOT / "generator" / "theme"))
    return theme.get_env()


def _facets(environment, meta: dict) -> list[tuple[str, str]]:
    """(attribute, value) of every Pagefind filter, sort and meta an article page gets."""
    html = environment.get_template("partials/search-facets.html").render(
        page=SimpleNamespace(meta=meta))
    parsed = _parse(html)
    assert "".join(parsed.text).strip() == ""  # no text of its own on the page
    facets = []
    for _tag, attrs in parsed.elements:
        for name in ("data-pagefind-filter", "data-pagefind-sort", "data-pagefind-meta"):
            if name in attrs:
                facets.append((attrs[name], attrs["data-value"]))
    return facets


def test_an_article_gives_speaker_topic_year_outlet_filters_and_its_date(environment):
    facets = _facets(environment, {
        "date": dt.date(2024, 3, 5), "source": "Reuters",
        "speakers": ["Sergei Lavrov", "Anatol Lieven"],
        "tags": ["European security", "Negotiations and peace talks"],
        "topics": ["european-security", "negotiations"]})
    assert facets == [
        ("speaker[data-value]", "Sergei Lavrov"), ("speaker[data-value]", "Anatol Lieven"),
        ("topic[data-value]", "European security"),
        ("topic[data-value]", "Negotiations and peace talks"),
        ("year[data-value]", "2024"),
        ("date[data-value]", "2024-03-05"), ("date[data-value]", "2024-03-05"),
        ("outlet[data-value]", "Reuters"), ("outlet[data-value]", "Reuters")]


def test_an_undated_article_without_outlet_or_speakers_gives_only_its_topics(environment):
    assert _facets(environment, {"tags": ["Energy"]}) == [("topic[data-value]", "Energy")]
    assert _facets(environment, {}) == []


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_stay_one_attribute_value(environment, value):
    facets = _facets(environment, {"speakers": [value], "tags": [value], "source": value})
    assert facets == [("speaker[data-value]", value), ("topic[data-value]", value),
                      ("outlet[data-value]", value), ("outlet[data-value]", value)]
    html = environment.get_template("partials/search-facets.html").render(
        page=SimpleNamespace(meta={"speakers": [value]}))
    assert {tag for tag, _ in _parse(html).elements} == {"span"}


# --- the build's Pagefind step ---------------------------------------------------------------


@pytest.fixture
def built_project(tmp_path, project_copy, generator_run) -> Path:
    project = project_copy(tmp_path / "project")
    result = generator_run(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_build_writes_the_index_and_the_ui_into_the_site(built_project):
    bundle = built_project / "site" / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "filter").glob("*.pf_filter"))
    assert not (built_project / "site" / "search" / "search_index.json").exists()  # no lunr


def _settings(project: Path) -> Settings:
    return Settings(corpus=project / "corpus", docs=project / "docs",
                    config=project / "mkdocs.yml")


def test_a_failing_pagefind_leaves_the_previous_site(built_project, monkeypatch, capsys):
    site = built_project / "site"
    before = _tree(site)
    monkeypatch.setattr(search_index, "pagefind_binary", lambda: Path("/bin/false"))
    monkeypatch.chdir(built_project)
    assert site_edge.build(_settings(built_project), site) is False
    said = capsys.readouterr().err
    assert "build: search index failed: pagefind exited with 1" in said
    assert "site/ is unchanged" in said
    assert _tree(site) == before
    assert not list(built_project.glob(".staging-*"))


def test_a_missing_pagefind_is_a_clear_message(built_project, monkeypatch, capsys):
    def missing():
        raise search_index.SearchIndexFailed("the pagefind binary is missing (test)")

    monkeypatch.setattr(search_index, "pagefind_binary", missing)
    monkeypatch.chdir(built_project)
    before = _tree(built_project / "site")
    assert site_edge.build(_settings(built_project), built_project / "site") is False
    assert "the pagefind binary is missing" in capsys.readouterr().err
    assert _tree(built_project / "site") == before


def test_pagefind_ignores_a_config_file_among_the_docs(tmp_path, project_copy, generator_run):
    """Pagefind reads pagefind.yml from its working folder; one in docs/ reaches the site."""
    project = project_copy(tmp_path / "project")
    (project / "docs" / "pagefind.yml").write_text("output_subdir: elsewhere\n", "utf-8")
    result = generator_run(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    assert not (project / "site" / "elsewhere").exists()
