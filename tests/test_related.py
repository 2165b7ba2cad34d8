"""Related briefings (generator/publish/related.py) and their settings (corpus/related.yml).

The articles of tests/related/articles were written for this test: two Black Sea grain
stories and a third on Black Sea shipping (Lavrov, Fidan, Istanbul), three on Sudan's truce
(Faki, Darfur, El Fasher), one on Gaza's Rafah crossing and one on Pacific tuna quotas. Their
nearest neighbours are known from reading them; the expectations below say so.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import frontmatter
import pytest

from generator.build import Settings, make_pages
from generator.publish.related import related_articles
from generator.registry import RegistryError, RelatedSettings, load_registries

ROOT = Path(__file__).resolve().parent.parent
RELATED = ROOT / "tests" / "related" / "articles"


def _corpus(tmp_path: Path, related_yml: str | None = None) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(RELATED, corpus / "articles")
    if related_yml is not None:
        (corpus / "related.yml").write_text(related_yml, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    corpus = _corpus(tmp_path_factory.mktemp("related"))
    report = make_pages(Settings(corpus=corpus, docs=corpus.parent / "docs",
                                 config=ROOT / "mkdocs.yml"))
    assert sorted(_letter(article) for article in report.summaries) == list("abcdefgh")
    return list(report.summaries)


def _letter(article) -> str:
    """Each test article's file name starts with its letter."""
    return article.source_file[0]


def _letters(related: dict[str, tuple[str, ...]], articles) -> dict[str, tuple[str, ...]]:
    letter_of = {article.slug: _letter(article) for article in articles}
    return {letter_of[slug]: tuple(letter_of[other] for other in others)
            for slug, others in related.items()}


def test_older_neighbours_are_the_stories_on_the_same_subject(articles):
    found = _letters(related_articles(articles, RelatedSettings()), articles)
    assert found["a"] == ()  # the oldest: nothing older to relate to
    assert found["b"] == ("a",)
    assert found["c"] == ()  # Sudan: nothing older on it
    assert found["d"] == ("c",)
    assert found["e"] == ()  # Gaza: nothing on it
    assert set(found["f"]) == {"a", "b"}
    assert set(found["g"]) == {"c", "d"}
    assert found["h"] == ()  # tuna quotas: nothing in common


def test_with_newer_articles_each_subject_is_one_cluster(articles):
    found = _letters(related_articles(articles, RelatedSettings(include_newer=True)),
                     articles)
    for cluster in ({"a", "b", "f"}, {"c", "d", "g"}):
        for letter in cluster:
            assert set(found[letter]) == cluster - {letter}, letter
    assert found["e"] == found["h"] == ()


def test_adding_the_newest_article_changes_no_older_list(articles):
    # Up to g (the newest on Sudan), without g and then with it: every other list stays as it
    # was, though g is related to c and d.
    upto_g = [article for article in articles if _letter(article) != "h"]
    without = related_articles([a for a in upto_g if _letter(a) != "g"], RelatedSettings())
    with_g = related_articles(upto_g, RelatedSettings())
    assert {slug: with_g[slug] for slug in without} == without
    assert with_g != without


def test_order_and_ties_do_not_depend_on_input_order(articles):
    settings = RelatedSettings(include_newer=True, threshold=0.0)
    forward = related_articles(articles, settings)
    assert related_articles(list(reversed(articles)), settings) == forward
    # Same date and the same metadata: the tie goes to the smaller slug.
    twin = dataclasses.replace(articles[0], slug="zz-twin")
    early = dataclasses.replace(articles[0], slug="aa-twin")
    found = related_articles([articles[0], twin, early], settings)
    assert found[articles[0].slug] == ("aa-twin", "zz-twin")


def test_at_most_max_and_at_least_the_threshold(articles):
    assert all(len(others) <= 1 for others in related_articles(
        articles, RelatedSettings(include_newer=True, count=1)).values())
    assert all(others == () for others in related_articles(
        articles, RelatedSettings(include_newer=True, threshold=1000)).values())


def test_the_article_page_lists_them(articles, tmp_path):
    corpus = _corpus(tmp_path)
    report = make_pages(Settings(corpus=corpus, docs=tmp_path / "docs",
                                 config=ROOT / "mkdocs.yml"))
    slug = {_letter(article): article.slug for article in report.summaries}
    page = next(p for p in report.pages if p.path == f"articles/{slug['b']}.md")
    body = frontmatter.loads(page.text).content
    assert "## Related briefings" in body
    assert f"](../articles/{slug['a']}.md)" in body.split("## Related briefings")[1]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("related:\n  threshold: high\n", 2, "threshold must be a number ≥ 0, not 'high'"),
    ("related:\n  max: 0\n", 2, "max must be a whole number from 1 to 20"),
    ("related:\n  weights:\n    speakers: -1\n", 3, "weights: speakers must be a number ≥ 0"),
    ("related:\n  include_newer: sometimes\n", 2, "include_newer must be true or false"),
    ("relatd:\n  max: 3\n", 1, "unknown key 'relatd'; did you mean 'related'?"),
])
def test_bad_settings_are_errors_with_their_line(tmp_path, text, line, message):
    corpus = _corpus(tmp_path, text)
    with pytest.raises(RegistryError) as raised:
        load_registries(corpus)
    shown = [str(problem) for problem in raised.value.problems]
    assert any(entry.startswith(f"{corpus / 'related.yml'}:{line}: ") and message in entry
               for entry in shown), shown


def test_a_typo_in_a_weight_is_a_warning_with_a_suggestion(tmp_path):
    corpus = _corpus(tmp_path, "related:\n  weights:\n    speaker: 5\n")
    registries = load_registries(corpus)
    assert any(problem.line == 3 and "did you mean 'speakers'?" in problem.message
               for problem in registries.warnings)
    assert registries.related.weight("speakers") == RelatedSettings().weight("speakers")


def test_settings_are_read(tmp_path):
    corpus = _corpus(tmp_path, "related:\n  weights: {text: 0, places: 2.5}\n  threshold: 1\n"
                               "  max: 3\n  include_newer: true\n")
    related = load_registries(corpus).related
    assert (related.weight("text"), related.weight("places"), related.threshold, related.count,
            related.include_newer) == (0.0, 2.5, 1.0, 3, True)
