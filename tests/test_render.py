"""Stage 4 and 5, render and index: page Markdown, the front-matter contract, hub pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import frontmatter
import pytest
import yaml
from support import (
    audit,
    h1_text,
    make_article,
    render_markdown,
    summary,
    unsafe_markup,
    visible_text,
)

from generator.index import index_pages
from generator.model import Statement
from generator.pages.archive import archive_page, month_pages
from generator.pages.home import home_page
from generator.pages.listing import newest_first
from generator.registry import Topic
from generator.render import FrontMatterError, dump_front_matter, front_matter, render_article

CONTRACT = ["title", "date", "date_source", "source", "url", "speakers", "people",
            "organizations", "places", "topics", "subjects", "date_mentions", "dates",
            "statements", "sources", "source_file", "tags", "description"]
TEXT = (
    "Talks resume in Geneva – POLITICO\n"
    "GENEVA — Delegations met on Monday. [CITATION: Reuters, March 3]\n\n"
    "Key points\n"
    "- Prisoner exchange agreed\n"
    "1. First step\n\n"
    "| Country | Position |\n|---|---|\n| Russia | Against |\n\n"
    "«Переговоры продолжатся», — заявил Лавров.\n"
    "Source: https://example.org/story\n"
)


def page_of(article, source_url=None, person_slugs=None, topics=None):
    return render_article(article, person_slugs or {}, topics or {}, source_url)


def test_front_matter_contract_and_round_trip():
    article = make_article(TEXT, date=dt.date(2024, 3, 3), speakers=("Sergei Lavrov",),
                           people=("Sergei Lavrov", "Kaja Kallas"), topics=("negotiations",))
    page = page_of(article, person_slugs={"Sergei Lavrov": "sergei-lavrov",
                                          "Kaja Kallas": "kaja-kallas"},
                   topics={"negotiations": "Negotiations"})
    meta = frontmatter.loads(page.text).metadata
    assert list(meta) == [key for key in CONTRACT if key != "url"]
    assert meta["title"] == "Talks resume in Geneva"
    assert meta["date"] == dt.date(2024, 3, 3)
    assert meta["date_source"] == "text"
    assert meta["source"] == "POLITICO"
    assert meta["tags"] == ["Negotiations"]
    assert meta["source_file"] == "sample.txt"
    assert meta["description"].startswith("GENEVA — Delegations met on Monday.")
    assert page.path == "articles/sample.md"


def test_body_markdown():
    page = page_of(make_article(TEXT, date=dt.date(2024, 3, 3)))
    html = render_markdown(page.text)
    assert unsafe_markup(html) == []
    assert h1_text(html) == "Talks resume in Geneva"
    tags = [tag for tag, _ in audit(html).elements]
    for tag in ("h2", "ul", "ol", "table", "sup", "div"):
        assert tag in tags
    text = visible_text(html)
    assert "«Переговоры продолжатся», — заявил Лавров." in text
    assert "Reuters, March 3" in text
    assert "Source: https://example.org/story" in text
    assert "Date: 2024-03-03" in text
    assert "Source: POLITICO" in text
    anchors = [attrs["id"] for tag, attrs in audit(html).elements if tag == "span"]
    assert anchors[0] == "P1"


def test_russian_text_is_written_exactly():
    page = page_of(make_article(TEXT))
    assert "«Переговоры продолжатся», — заявил Лавров." in page.text
    assert page.text.encode("utf-8").decode("utf-8") == page.text


def test_paragraph_anchor_numbers_count_blocks():
    article = make_article("Headline\nFirst.\n\nSub heading here\nSecond.\n")
    html = render_markdown(page_of(article).text)
    assert [attrs["id"] for tag, attrs in audit(html).elements if tag == "span"] == ["P1", "P3"]


def test_footnote_text_that_looks_like_markdown_stays_text():
    article = make_article("Headline\nClaim. [CITATION: # not a heading] More. [CITATION: - x]\n")
    html = render_markdown(page_of(article).text)
    assert unsafe_markup(html) == []
    assert "h1" in [tag for tag, _ in audit(html).elements]
    assert [tag for tag, _ in audit(html).elements].count("h1") == 1
    assert "# not a heading" in visible_text(html)
    assert "- x" in visible_text(html)


def test_multiline_header_title_stays_in_the_h1():
    article = make_article('---\ntitle: "Ceasefire talks\\N resume\\L in Geneva"\n---\nText.\n')
    html = render_markdown(page_of(article).text)
    assert h1_text(html) == "Ceasefire talks resume in Geneva"
    assert frontmatter.loads(page_of(article).text)["title"] == "Ceasefire talks resume in Geneva"


def test_markup_in_title_and_header_values_is_neutralised():
    article = make_article(
        "---\n"
        'title: "\\"><script>alert(1)</script>"\n'
        'source: "<b onmouseover=alert(1)>X</b>"\n'
        "description: '\" onmouseover=\"alert(1)\" x=\"</title>'\n"
        "---\nText.\n"
    )
    page = page_of(article)
    meta = frontmatter.loads(page.text).metadata
    for key in ("title", "source", "description"):
        assert not set(meta[key]) & set('<>"'), meta[key]
    html = render_markdown(page.text)
    assert unsafe_markup(html) == []
    assert h1_text(html) == '"><script>alert(1)</script>'
    assert "Source: <b onmouseover=alert(1)>X</b>" in visible_text(html)


def test_url_and_source_link():
    article = make_article("---\nurl: https://example.org/a?b=1&c=2\n---\nHeadline\nText.\n")
    url = "https://github.com/o/r/blob/main/corpus/articles/weird%20%231.txt"
    html = render_markdown(page_of(article, source_url=url).text)
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert "https://example.org/a?b=1&c=2" in hrefs
    assert url in hrefs
    assert "Original: https://example.org/a?b=1&c=2" in visible_text(html)
    assert "Corpus file: sample.txt" in visible_text(html)


def test_no_source_url_no_corpus_line():
    assert "Corpus file" not in page_of(make_article("Headline\nText.\n")).text


def test_speaker_and_topic_links():
    article = make_article("Headline\nText.\n", speakers=("Sergei Lavrov",),
                           people=("Sergei Lavrov", "Kaja Kallas"), topics=("sanctions",))
    html = render_markdown(page_of(article, person_slugs={"Sergei Lavrov": "sergei-lavrov",
                                                          "Kaja Kallas": "kaja-kallas"},
                                   topics={"sanctions": "Sanctions"}).text)
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert hrefs == ["../people/sergei-lavrov.md", "../topics/sanctions.md",
                     "../people/kaja-kallas.md"]
    assert "Also mentioned: Kaja Kallas" in visible_text(html)


def test_statements_in_front_matter():
    article = make_article("Headline\nLavrov said the talks would resume.\n")
    statement = Statement("Sergei Lavrov", "the talks would resume", "indirect", 13, 0)
    article = dataclasses.replace(article, statements=(statement,), speakers=("Sergei Lavrov",))
    meta = frontmatter.loads(page_of(
        article, person_slugs={"Sergei Lavrov": "sergei-lavrov"}).text).metadata
    assert meta["statements"] == [{"speaker": "Sergei Lavrov", "text": "the talks would resume",
                                   "kind": "indirect", "block": 1, "start": 13, "anchor": "P1"}]


def test_the_sentence_a_statement_starts_in_is_an_anchor():
    text = "Headline\nTalks began. Lavrov said the talks would resume. They did.\n"
    article = make_article(text)
    paragraph = article.clean.blocks[0].text
    start = paragraph.index("Lavrov")
    statement = Statement("Sergei Lavrov", "the talks would resume", "indirect",
                          paragraph.index("the talks"), 0, 2,
                          (start, paragraph.index("They") - 1))
    article = dataclasses.replace(article, statements=(statement,), speakers=("Sergei Lavrov",))
    page = page_of(article, person_slugs={"Sergei Lavrov": "sergei-lavrov"}).text
    assert frontmatter.loads(page).metadata["statements"][0]["anchor"] == "P1S2"
    html = render_markdown(page)
    assert '<span id="P1S2">Lavrov said the talks would resume.</span>' in html
    assert "Talks began. Lavrov said the talks would resume. They did. Who speaks here" in \
        visible_text(html)


def test_description_is_cut_at_40_words():
    words = " ".join(f"w{n}" for n in range(60))
    meta = frontmatter.loads(page_of(make_article(f"Headline\n{words}.\n")).text).metadata
    assert meta["description"] == " ".join(f"w{n}" for n in range(40)) + "…"


def test_dump_front_matter_refuses_what_does_not_round_trip():
    with pytest.raises(FrontMatterError):
        dump_front_matter({"x": float("nan")})


def test_dump_front_matter_quotes_yaml_lookalikes():
    meta = {"title": "yes", "a": "123", "b": "null", "c": "2024-01-01", "d": "---\n...",
            "e": "key: value", "f": "- item", "g": "#comment"}
    assert yaml.safe_load(dump_front_matter(meta).strip("-\n")) == meta
    assert frontmatter.loads(dump_front_matter(meta) + "\nBody\n").metadata == meta


def test_front_matter_values_are_plain():
    article = make_article("Headline\nText.\n", people=("A <b>",), speakers=())
    meta = front_matter(article, {}, "x")
    assert meta["people"] == ["A ‹b›"]


# --- index ------------------------------------------------------------------------------------


def _dated(title, date, slug):
    return summary(make_article(f"{title}\nText of {title}.\n", path=f"{slug}.txt", slug=slug,
                                date=date))


def test_newest_first_is_independent_of_input_order():
    articles = [_dated("B", dt.date(2024, 3, 1), "b"), _dated("A", dt.date(2024, 3, 1), "a"),
                _dated("C", dt.date(2024, 4, 1), "c"), _dated("Z", None, "z"),
                _dated("Y", None, "y")]
    order = [article.slug for article in newest_first(articles)]
    assert order == ["c", "a", "b", "y", "z"]
    assert [article.slug for article in newest_first(list(reversed(articles)))] == order


def test_month_pages():
    articles = [_dated("A", dt.date(2024, 3, 1), "a"), _dated("Z", None, "z")]
    pages = {page.path: page.text for page in month_pages(articles)}
    assert set(pages) == {"months/2024-03.md", "months/undated.md", "months/index.md"}
    html = render_markdown(pages["months/index.md"])
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert hrefs == ["../index.md", "2024-03.md", "undated.md"]


def test_home_page_links_are_relative_to_the_docs_folder():
    # docs/index.md is a link to the archive's .home.md: its links start at docs/.
    page = home_page([_dated("A", dt.date(2024, 3, 1), "a")], {}, {}, "Site")
    assert page.path == ".home.md"
    html = render_markdown(page.text)
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert "archive/articles/a.md" in hrefs
    assert "archive/months/index.md" in hrefs
    assert all(href.startswith("archive/") for href in hrefs), hrefs


def test_archive_page_links_are_relative_to_the_archive():
    page = archive_page([_dated("A", dt.date(2024, 3, 1), "a")], {}, {})
    assert page.path == "index.md"
    html = render_markdown(page.text)
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert "months/2024-03.md" in hrefs
    assert not [href for href in hrefs if href.startswith("../")]


def test_index_pages_escape_titles_and_descriptions():
    article = dataclasses.replace(_dated("<script>x</script>", dt.date(2024, 3, 1), "a"),
                                  topics=("t",))
    topics = (Topic("t", "<b>Label</b>", "1. Not a list", ("x",)),)
    for page in index_pages([article], {}, (), topics):
        html = render_markdown(page.text)
        assert unsafe_markup(html) == [], page.path
    topic_page = next(p for p in index_pages([article], {}, (), topics) if p.path == "topics/t.md")
    html = render_markdown(topic_page.text)
    assert "ol" not in [tag for tag, _ in audit(html).elements]
    assert "1. Not a list" in visible_text(html)


def test_home_page_shows_a_title_containing_link_syntax_as_typed():
    odd = dataclasses.replace(_dated("Odd ](../x) title", dt.date(2024, 3, 1), "a"),
                              lead="A lead ](../y) sentence.")
    page = home_page([odd], {}, {}, "Site")
    html = render_markdown(page.text)
    assert "Odd ](../x) title" in visible_text(html)
    assert "A lead ](../y) sentence." in visible_text(html)
    assert next(attrs["href"] for tag, attrs in audit(html).elements if tag == "a") == (
        "archive/articles/a.md")


def test_transcript_turn_shows_who_speaks_when_its_label_does_not():
    article = make_article(
        "Noon briefing by the Spokesperson\n"
        "Spokesperson: Good afternoon. Let me start with the floods.\n\n"
        "Question: Is there a figure for the dead?\n\n"
        "Anna Lind: We have no figure yet today.\n",
        speakers=("Anna Lind",))
    texts = [block.text for block in article.clean.blocks]
    first, third = texts.index(next(t for t in texts if t.startswith("Spokesperson"))), \
        texts.index(next(t for t in texts if t.startswith("Anna Lind")))
    offsets = [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
    article = dataclasses.replace(article, statements=(
        Statement("Anna Lind", "Good afternoon. Let me start with the floods.", "direct",
                  offsets[first] + len("Spokesperson: "), first),
        Statement("Anna Lind", "We have no figure yet today.", "direct",
                  offsets[third] + len("Anna Lind: "), third)))
    html = render_markdown(page_of(article, person_slugs={"Anna Lind": "anna-lind"}).text)
    assert html.count('class="turn-speaker"') == 1
    assert re.search(r'class="turn-speaker"><a href="[^"]*anna-lind[^"]*">Anna Lind</a></span> '
                     r'Spokesperson: Good afternoon', html)
