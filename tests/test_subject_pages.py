"""The subject pages of generator/pages/subject.py and the subjects of an article page, read as
a reader would: rendered with Python-Markdown and the extensions of mkdocs.yml. Every text
here was written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import frontmatter
from support import (
    audit,
    make_article,
    registries,
    render_markdown,
    summary,
    unsafe_markup,
    visible_text,
)

from generator.archive_subjects import archive_subjects, with_subjects
from generator.model import SubjectCandidate
from generator.pages.subject import subject_pages
from generator.registry import Topic
from generator.render import render_article


def _article(slug: str, date: dt.date, subjects: list[tuple[str, str, int]],
             topics: tuple[str, ...] = ()):
    article = make_article(f"Headline {slug}\nSome text about it.\n", path=f"{slug}.txt",
                           slug=slug, date=date, topics=topics)
    return dataclasses.replace(article, subject_candidates=tuple(
        SubjectCandidate(name, kind, weight) for name, kind, weight in subjects))


ARTICLES = [
    _article("early", dt.date(2025, 1, 9), [("Port Vell", "place", 4),
                                            ("<b>grain</b> corridor", "phrase", 3)],
             ("trade",)),
    _article("late", dt.date(2025, 3, 2), [("Port Vell", "place", 2), ("ferry strike", "phrase", 3),
                                           ("<b>grain</b> corridor", "phrase", 2)], ("trade",)),
    _article("alone", dt.date(2025, 2, 1), [("ferry strike", "phrase", 1),
                                            ("Lighthouse Row", "name", 2)]),
]
LABELS = {topic.slug: topic.label for topic in registries().topics}


def _built(articles=ARTICLES, chosen=None):
    subjects = archive_subjects(articles, chosen or registries())
    articles = with_subjects(articles, subjects)
    pages = {page.path: page.text for page in subject_pages(
        [summary(article) for article in articles], subjects, {}, LABELS)}
    return articles, subjects, pages


def test_a_subject_page_lists_its_briefings_newest_first_with_its_feed_and_topics():
    _articles, _subjects, pages = _built()
    page = pages["subjects/port-vell.md"]
    meta = frontmatter.loads(page).metadata
    assert meta == {"title": "Port Vell", "feed": "feeds/subjects/port-vell"}
    html = render_markdown(page)
    assert unsafe_markup(html) == []
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert hrefs.index("../articles/late.md") < hrefs.index("../articles/early.md")
    assert "../feeds/subjects/port-vell.xml" in hrefs
    assert "../topics/trade.md" in hrefs
    assert "../subjects/b-grain-b-corridor.md" in hrefs  # a related subject
    text = visible_text(html)
    assert "2 briefings." in text and "March 2025" in text and "January 2025" in text


def test_article_text_in_a_subject_name_stays_text():
    _articles, _subjects, pages = _built()
    html = render_markdown(pages["subjects/b-grain-b-corridor.md"])
    assert unsafe_markup(html) == []
    assert "<b>" not in re.sub(r"&lt;b&gt;", "", html)
    assert "<b>grain</b> corridor" in visible_text(html)


def test_the_index_lists_subjects_of_two_briefings_only():
    _articles, _subjects, pages = _built()
    text = visible_text(render_markdown(pages["subjects/index.md"]))
    assert "Port Vell — 2 briefings" in text
    assert "<b>grain</b> corridor — 2 briefings" in text
    # Weighs 1 in "alone", but "late" names it in three sentences: the archive knows it.
    assert "ferry strike — 2 briefings" in text
    assert "Lighthouse Row" not in text  # one article only
    assert "subjects/lighthouse-row.md" not in pages


def test_an_article_page_links_its_subjects_that_have_a_page_and_names_the_others():
    articles, subjects, _pages = _built()
    alone = next(article for article in articles if article.slug == "alone")
    assert alone.subjects == ("Lighthouse Row", "ferry strike")
    page = render_article(alone, {}, LABELS, None, (), subjects.slugs)
    assert frontmatter.loads(page.text).metadata["subjects"] == ["Lighthouse Row",
                                                                 "ferry strike"]
    html = render_markdown(page.text)
    assert "Subjects: Lighthouse Row, ferry strike" in visible_text(html)
    assert [attrs["href"] for tag, attrs in audit(html).elements
            if tag == "a" and "subjects/" in attrs.get("href", "")] == [
        "../subjects/ferry-strike.md"]
    late = next(article for article in articles if article.slug == "late")
    html = render_markdown(render_article(late, {}, LABELS, None, (), subjects.slugs).text)
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert "../subjects/port-vell.md" in hrefs and "../subjects/b-grain-b-corridor.md" in hrefs


def test_a_subject_a_topic_took_over_leads_to_the_topic():
    topic = Topic("port-vell", "Port Vell", "The harbour.", ("Port Vell",))
    chosen = dataclasses.replace(registries(), topics=(*registries().topics, topic))
    articles, _subjects, pages = _built(chosen=chosen)
    page = pages["subjects/port-vell.md"]
    assert frontmatter.loads(page).metadata == {"title": "Port Vell",
                                                "redirect": "archive/topics/port-vell/"}
    html = render_markdown(page)
    assert [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"] == [
        "../topics/port-vell.md"]
    assert "Port Vell" not in visible_text(render_markdown(pages["subjects/index.md"]))
    assert all("port-vell" in article.topics for article in articles if article.slug != "alone")
    assert all("Port Vell" not in article.subjects for article in articles)
