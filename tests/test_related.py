"""Related briefings (generator/publish/related.py) and their settings (corpus/related.yml).

The articles of tests/related/articles were written for this test: two Black Sea grain
stories and a third on Black Sea shipping (Lavrov, Fidan, Istanbul), three on Sudan's truce
(Faki, Darfur, El Fasher), one on Gaza's Rafah crossing and one on Pacific tuna quotas. Their
nearest neighbours are known from reading them; the expectations below say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import Settings, make_pages
from generator.model import ArticleSummary
from generator.publish.related import related_articles, related_state
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


# --- incremental lists: the same as scoring every pair ------------------------------------------

_NAMES = ("Ann Lee", "Bo Ames", "Cy Dunn", "Di Fox")
_WORDS = ("grain", "corridor", "truce", "harbour", "quota", "tuna", "crossing", "border")


def _summary(slug: str, day: int | None, speakers, people, topics, words) -> ArticleSummary:
    return ArticleSummary(
        slug=slug, source_file=f"{slug}.txt", title=slug, date=None if day is None else
        dt.date(2024, 1, 1) + dt.timedelta(days=day), date_source=None, outlet=None, url=None,
        description="", lead="", speakers=tuple(speakers), people=tuple(people),
        organizations=(), places=(), topics=tuple(topics), sources=(), statements=(),
        words=" ".join(sorted(set(words))))


_summaries = st.builds(
    _summary, st.sampled_from([f"s{number}" for number in range(12)]),
    st.one_of(st.none(), st.integers(0, 5)), st.lists(st.sampled_from(_NAMES), max_size=2),
    st.lists(st.sampled_from(_NAMES), max_size=3),
    st.lists(st.sampled_from(("talks", "trade")), max_size=2),
    st.lists(st.sampled_from(_WORDS), max_size=6))


def _archive(items: list[ArticleSummary]) -> list[ArticleSummary]:
    """One summary per slug (the first), as an archive has."""
    return list({item.slug: item for item in reversed(items)}.values())


@given(st.lists(_summaries, max_size=10), st.lists(_summaries, max_size=10),
       st.sampled_from([RelatedSettings(), RelatedSettings(include_newer=True, threshold=1.0),
                        RelatedSettings(count=2, threshold=0.0)]))
@settings(max_examples=300, deadline=None)
def test_a_list_updated_from_the_previous_run_is_the_list_made_anew(before, after, chosen):
    """Whatever was added, removed or edited between two runs (including the articles a list
    held), updating the previous run's lists gives what scoring every pair gives."""
    old, new = _archive(before), _archive(after)
    previous = related_state(old, chosen)
    assert related_state(new, chosen, previous) == related_state(new, chosen)
    # A previous state of other settings is not used.
    other = related_state(old, RelatedSettings(count=1, threshold=0.5))
    assert related_state(new, chosen, other) == related_state(new, chosen)


@given(st.lists(_summaries, min_size=4, max_size=12), st.lists(_summaries, max_size=2),
       st.data())
@settings(max_examples=300, deadline=None)
def test_a_small_edit_updates_the_lists_as_scoring_every_pair_does(before, added, data):
    """One or two articles added, edited or removed in a larger archive: most lists are
    merged with the newcomers, not scored again, and still come out as a full scoring's."""
    old = _archive(before)
    new = list(old)
    for _ in range(data.draw(st.integers(0, 2))):
        del new[data.draw(st.integers(0, len(new) - 1))]
    new = _archive([*added, *new])
    chosen = RelatedSettings(threshold=1.0)
    assert related_state(new, chosen, related_state(old, chosen)) == related_state(new, chosen)
