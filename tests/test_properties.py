"""Property tests (Hypothesis): the stages hold their contracts for arbitrary input."""

from __future__ import annotations

import contextlib
import functools
import re

import frontmatter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import audit, collapse, registries, render_markdown

from generator import render
from generator.clean import clean
from generator.extract import extract
from generator.knowledge import Knowledge, build_knowledge
from generator.markup import escape_block, escape_inline, link_urls
from generator.model import Article, ArticleRejected
from generator.read import normalise_text, read_article
from generator.slug import MAX_SLUG_CHARS, slugify

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Any code point but surrogates (which cannot be written as UTF-8): controls included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)

INTERESTING_LINES = [
    "---", "...", "title: yes", "date: 2024-02-30", "url: javascript:alert(1)", "a: &x 1",
    "b: *x", "title: !!python/object/apply:os.system [x]", "No time to read?", "Get a summary",
    "Previous Article", "Next Article", "Related stories:", "Photo: Reuters/John Smith",
    "We use cookies.", "Talks", "Headline – POLITICO", "GENEVA, March 3 (Reuters) - Talks.",
    "Updated March 3, 2024", "- item", "1. item", "| a | b |", "|---|---|", "| c |",
    "Source: https://example.org/x", "[CITATION: Reuters]", "Claim. [CITATION: # x]",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "{{ config }}",
    "Sergei Lavrov said the talks would resume.", "“We are ready,” Lavrov said.",
    "Переговоры в Стамбуле", "Сергей Лавров заявил: «Мы готовы».", "    code", "# heading",
    "", " ", "\t", "\u200b", "\u202e", "\x85", "\u2028", "\r", "\r\n",
]
LINE = st.one_of(st.sampled_from(INTERESTING_LINES), TEXT.map(lambda text: text[:80]))
ARTICLE_TEXT = st.lists(LINE, max_size=25).map("\n".join)


@functools.cache
def knowledge() -> Knowledge:
    return build_knowledge(registries())


def _read(text: str):
    try:
        raw, _warnings = read_article("prop.txt", text.encode("utf-8"))
    except ArticleRejected:
        return None
    return raw


def _article(text: str) -> Article | None:
    raw = _read(text)
    if raw is None:
        return None
    cleaned = clean(raw, registries().boilerplate, registries().organizations)
    found = extract(cleaned, knowledge())
    people = tuple(dict.fromkeys([*found.people, *found.speakers]))
    return Article(
        clean=cleaned, slug=slugify(cleaned.title), date=raw.header.date,
        date_source="front-matter" if raw.header.date else None, speakers=found.speakers,
        people=people, organizations=found.organizations, places=found.places,
        topics=found.topics, date_mentions=found.date_mentions, statements=found.statements,
    )


@SETTINGS
@given(st.one_of(TEXT, ARTICLE_TEXT))
def test_read_article_raises_only_article_rejected(text):
    for data in (text.encode("utf-8"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode()):
        try:
            raw, warnings = read_article("prop.txt", data)
        except ArticleRejected as rejected:
            assert rejected.problem.path == "prop.txt"
            assert rejected.problem.line >= 1
            continue
        assert raw.body.strip()
        assert all(warning.severity == "warning" for warning in warnings)


@SETTINGS
@given(st.binary(max_size=300))
def test_read_article_on_bytes_raises_only_article_rejected(data):
    with contextlib.suppress(ArticleRejected):
        read_article("prop.txt", data)


@SETTINGS
@given(ARTICLE_TEXT)
def test_clean_never_raises_and_keeps_text(text):
    raw = _read(text)
    assume(raw is not None)
    article = clean(raw, registries().boilerplate, registries().organizations)
    assert article.title.strip()
    for block in article.blocks:
        assert block.line >= raw.body_line
        for citation in block.citations:
            assert 0 <= citation.offset <= len(block.text)


@SETTINGS
@given(ARTICLE_TEXT)
def test_rendered_front_matter_round_trips(text):
    article = _article(text)
    assume(article is not None)
    person_slugs = {name: slugify(name) for name in article.people}
    page = render.render_article(article, person_slugs, {}, "https://example.org/x")
    page.text.encode("utf-8")  # valid UTF-8: no lone surrogates
    expected = render.front_matter(article, {}, render.article_description(article))
    assert frontmatter.loads(page.text).metadata == expected
    html = render_markdown(page.text)
    assert [tag for tag, _ in audit(html).elements].count("h1") == 1


@SETTINGS
@given(ARTICLE_TEXT)
def test_statements_are_spans_of_the_clean_text(text):
    article = _article(text)
    assume(article is not None)
    full = article.clean.text
    for statement in article.statements:
        assert statement.text in full
        assert full[statement.start : statement.start + len(statement.text)] == statement.text


SENTENCES = st.lists(st.one_of(
    st.sampled_from([
        "Sergei Lavrov said the talks would resume next week.",
        "“We are ready for dialogue,” Lavrov told reporters in Moscow.",
        "Kaja Kallas warned that sanctions would stay in place.",
        "According to Vladimir Putin, the offer was serious.",
        "He added that “nothing is agreed until everything is agreed.”",
        "The Kremlin said no date had been set.",
        "Сергей Лавров заявил: «Мы готовы».",
    ]),
    TEXT.map(lambda text: text[:60]),
), min_size=1, max_size=12)


@SETTINGS
@given(SENTENCES, st.lists(st.booleans(), max_size=12))
def test_statements_of_quote_rich_text_are_spans(sentences, breaks):
    lines = []
    for index, sentence in enumerate(sentences):
        lines.append(sentence)
        if index < len(breaks) and breaks[index]:
            lines.append("")
    article = _article("Talks on security\n" + "\n".join(lines))
    assume(article is not None)
    full = article.clean.text
    for statement in article.statements:
        assert full[statement.start : statement.start + len(statement.text)] == statement.text


def _tags(html: str) -> list[tuple[str, dict]]:
    return audit(html).elements


def _visible(html: str) -> str:
    return collapse("".join(audit(html).text))




MARKDOWN_TEXT = st.one_of(TEXT, st.lists(LINE, max_size=6).map(" ".join))


@SETTINGS
@given(MARKDOWN_TEXT)
def test_escape_inline_makes_no_markup(text):
    html = render_markdown("Said: " + escape_inline(text))
    assert {tag for tag, _ in _tags(html)} <= {"p"}, html
    # Article text reaches the markup functions normalised (no control characters): then
    # the reader sees exactly the text.
    text = normalise_text(text)
    html = render_markdown("Said: " + escape_inline(text))
    assert _visible(html) == collapse("Said: " + text), html


@SETTINGS
@given(MARKDOWN_TEXT)
def test_escape_block_makes_no_markup(text):
    html = render_markdown(escape_block(text))
    assert {tag for tag, _ in _tags(html)} <= {"p"}, html
    text = normalise_text(text)
    html = render_markdown(escape_block(text))
    assert _visible(html) == collapse(text), html


URLISH = st.lists(st.one_of(
    LINE, st.sampled_from(["https://example.org/a_b*c*", "http://x.org/&amp;y", "(https://a.b/c)",
                           "https://e.org/?q=<b>", "HTTPS://E.ORG", "https://", "http://a.b/`x`",
                           "javascript:alert(1)", "https://a.b/x)."]),
), max_size=6).map(" ".join)


@SETTINGS
@given(URLISH)
def test_link_urls_makes_only_web_links(text):
    html = render_markdown(link_urls(text, block_start=True))
    for tag, attrs in _tags(html):
        assert tag in {"p", "a"}, html
        if tag == "a":
            assert set(attrs) == {"href"}, html
            assert re.match(r"(?i)^https?://[^\s<>\"]+$", attrs["href"]), html
    text = normalise_text(text)
    html = render_markdown(link_urls(text, block_start=True))
    assert _visible(html) == collapse(text), html


@SETTINGS
@given(TEXT)
def test_slugify_is_safe_short_and_stable(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9-]+", slug)
    assert 0 < len(slug) <= MAX_SLUG_CHARS
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slugify(text) == slug
    assert slugify(slug) == slug
