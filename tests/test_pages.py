"""The hub pages of generator/pages/ and the charts of generator/publish/charts.py, read as a
reader would: rendered with Python-Markdown and the extensions of mkdocs.yml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from support import audit, make_article, render_markdown, summary, unsafe_markup, visible_text

from generator.model import Statement
from generator.pages.archive import archive_page, month_pages
from generator.pages.person import grouped_index, initial, person_pages
from generator.pages.topic import topic_pages
from generator.publish.charts import month_span, monthly_chart
from generator.registry import RegisteredPerson, Role, Topic

LAVROV = "Sergei Lavrov"
SLUGS = {LAVROV: "sergei-lavrov", "Hakan Fidan": "hakan-fidan"}
REGISTRY = (RegisteredPerson(LAVROV, ("Sergey Lavrov",), (
    Role("Ambassador to the UN", dt.date(1994, 4, 1), dt.date(2004, 3, 8)),
    Role("Foreign Minister of Russia", dt.date(2004, 3, 9)))),)


def _article(slug: str, date: dt.date, text: str, statements: list[tuple[str, str, str]],
             topics: tuple[str, ...] = ()):
    """An article whose statements are (speaker, kind, words) found in ``text``'s first
    paragraph, each in the sentence it starts in."""
    article = make_article(f"Headline {slug}\n{text}\n", path=f"{slug}.txt", slug=slug,
                           date=date, topics=topics)
    paragraph = article.clean.blocks[0].text
    found = []
    for speaker, kind, words in statements:
        start = paragraph.index(words)
        sentence = paragraph[:start].count(". ") + 1
        found.append(Statement(speaker, words, kind, start, 0, sentence, (start, start + len(words))))
    speakers = tuple(dict.fromkeys(speaker for speaker, _, _ in statements))
    people = tuple(dict.fromkeys([*speakers, "Hakan Fidan"]))
    return summary(dataclasses.replace(article, statements=tuple(found), speakers=speakers,
                                       people=people))


ARTICLES = [
    _article("old", dt.date(2003, 5, 2), "Lavrov spoke at the UN. He said talks were "
             "possible. “We are ready,” Lavrov said.",
             [(LAVROV, "indirect", "He said talks were possible."), (LAVROV, "direct", "We are ready")],
             ("negotiations",)),
    _article("new", dt.date(2025, 2, 3), "Lavrov described the stance as firm. Fidan met him.",
             [(LAVROV, "indirect", "Lavrov described the stance as firm.")], ("negotiations",)),
    _article("newer", dt.date(2025, 2, 20), "Fidan said the corridor would reopen.",
             [("Hakan Fidan", "indirect", "Fidan said the corridor would reopen.")]),
]


def _pages(articles=ARTICLES):
    return {page.path: page.text for page in person_pages(
        articles, SLUGS, REGISTRY, {"negotiations": "Negotiations"})}


def test_reported_speech_is_never_in_quotation_marks_and_quotations_are():
    html = render_markdown(_pages()["people/sergei-lavrov.md"])
    items = [" ".join(item.split()) for item in re.findall(r"<li>(.*?)</li>", html, re.S)]
    reported = [item for item in items if "stance as firm" in item or "talks were" in item]
    assert len(reported) == 2
    for item in reported:
        assert item.startswith("<em>Reported:</em>"), item
        assert "“" not in item and "”" not in item and '"' not in re.sub(r"<[^>]+>", "", item)
    assert any(item.startswith("“We are ready”") for item in items), items


def test_statements_are_newest_first_by_month_then_article_and_link_to_their_sentence():
    page = _pages()["people/sergei-lavrov.md"]
    html = render_markdown(page)
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", html)
    assert headings == ["February 2025", "May 2003"]
    hrefs = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"
             and "#" in attrs.get("href", "")]
    assert hrefs == ["../articles/new.md#P1S1", "../articles/old.md#P1S2",
                     "../articles/old.md#P1S3"]
    assert "Statements (3)" in visible_text(html)


def test_the_role_is_the_one_held_on_the_articles_date():
    text = visible_text(render_markdown(_pages()["people/sergei-lavrov.md"]))
    assert "2025-02-03 · as Foreign Minister of Russia" in text
    assert "2003-05-02 · as Ambassador to the UN" in text


def test_the_person_page_says_who_and_how_much():
    text = visible_text(render_markdown(_pages()["people/sergei-lavrov.md"]))
    assert "Also written: Sergey Lavrov" in text  # what the search box finds for "Sergey"
    assert ("Roles: Ambassador to the UN (from 1994-04-01 to 2004-03-08); Foreign Minister of "
            "Russia (from 2004-03-09)") in text
    assert "Briefings: 2 (speaks in 2, 3 statements)" in text
    assert "First: 2003-05-02" in text and "Latest: 2025-02-03" in text
    assert "Speaks on: Negotiations (2)" in text
    assert "Appears most with: Hakan Fidan (2)" in text


def test_a_person_only_mentioned_has_a_page_with_their_briefings():
    articles = [dataclasses.replace(article, people=(*article.people, "Joe Bloggs"))
                for article in ARTICLES[:1]]
    pages = person_pages(articles, {**SLUGS, "Joe Bloggs": "joe-bloggs"}, REGISTRY, {})
    text = visible_text(render_markdown(next(p.text for p in pages
                                             if p.path == "people/joe-bloggs.md")))
    assert "mentioned, no statement" in text
    assert "Mentioned in (1)" in text and "Statements" not in text


def test_indexes_group_names_by_the_initial_of_the_surname():
    assert initial("Sergei Lavrov") == "L" and initial("Émile Ödegaard") == "O"
    assert initial("Сергей Лавров") == "Other"
    body = grouped_index([("Ann Zed", "- Zed"), ("Bo Ames", "- Ames"), ("Иван Петров", "- П")])
    html = render_markdown("\n\n".join(body))
    assert re.findall(r'<h2 id="([^"]+)">', html) == ["a", "z", "other"]
    jumps = [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"]
    assert jumps == ["#a", "#z", "#other"]


def test_the_indexes_list_names_and_the_archive_index_counts():
    """Counts that move with every article are on one page, the archive's index: the
    speakers, people and months indexes only list, so one more briefing leaves them as
    they were."""
    pages = _pages()
    speakers = visible_text(render_markdown(pages["speakers/index.md"]))
    assert "Hakan Fidan" in speakers and "Sergei Lavrov" in speakers
    assert "statement" not in speakers.split("surname")[-1].replace("most quoted", "")
    one_more = _pages([*ARTICLES, dataclasses.replace(ARTICLES[1], slug="newest")])
    assert one_more["speakers/index.md"] == pages["speakers/index.md"]
    assert one_more["people/index.md"] == pages["people/index.md"]
    index = visible_text(render_markdown(archive_page(
        ARTICLES, SLUGS, {"negotiations": "Negotiations"}).text))
    assert "Sergei Lavrov — 3 statements in 2 briefings" in index
    assert "Hakan Fidan — 1 statement in 1 briefing" in index
    assert "Negotiations — 2 briefings" in index


def test_each_month_page_lists_only_its_own_month():
    pages = {page.path: page.text for page in month_pages(ARTICLES)}
    assert set(pages) == {"months/2003-05.md", "months/2025-02.md", "months/index.md"}
    text = visible_text(render_markdown(pages["months/2025-02.md"]))
    assert "Headline new" in text and "Headline newer" in text and "Headline old" not in text
    assert "2 briefings." in text
    index = visible_text(render_markdown(pages["months/index.md"]))
    assert re.search(r"2025 February 2025 2003 May 2003$", index)
    counted = visible_text(render_markdown(archive_page(ARTICLES, SLUGS, {}).text))
    assert re.search(r"2025 February 2025 — 2 briefings 2003 May 2003 — 1 briefing", counted)


def test_the_archive_index_has_a_chart_and_every_month_by_year():
    html = render_markdown(archive_page(ARTICLES, SLUGS, {}).text)
    assert [attrs["href"] for tag, attrs in audit(html).elements if tag == "a"
            and attrs["href"].startswith("months/")] == ["months/2025-02.md", "months/2003-05.md"]
    assert "<svg" in html


def test_the_topic_page_has_speakers_related_topics_and_months():
    articles = [dataclasses.replace(ARTICLES[0], topics=("negotiations", "sanctions")),
                ARTICLES[1]]
    topics = (Topic("negotiations", "Negotiations", "Talks.", ("talks",)),
              Topic("sanctions", "Sanctions", "Bans.", ("sanction",)))
    pages = {page.path: page.text for page in topic_pages(articles, topics, SLUGS)}
    text = visible_text(render_markdown(pages["topics/negotiations.md"]))
    assert text.startswith("Negotiations Talks. 2 briefings.")
    assert "Main speakers Sergei Lavrov — 3 statements" in text
    assert "Related topics Sanctions — 1 briefing in common" in text
    assert re.search(r"Briefings by month February 2025 .* May 2003", text)


# --- charts --------------------------------------------------------------------------------


def test_month_span_fills_the_gaps():
    assert month_span(["2024-11", "2025-02"]) == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_span([]) == []


def test_a_chart_is_bars_per_month_with_a_text_equivalent():
    html = monthly_chart({"2024-11": 2, "2025-01": 5}, "Briefings per month", "briefing")
    parsed = audit(html)
    bars = [attrs for tag, attrs in parsed.elements if tag == "rect"]
    assert len(bars) == 3  # November, December (none), January
    heights = [float(bar["height"]) for bar in bars]
    assert heights[1] == 0 and heights[2] > heights[0] > 0
    assert abs(heights[0] / heights[2] - 2 / 5) < 1e-6
    caption = re.search(r"<figcaption>(.*)</figcaption>", html).group(1)
    assert caption == ("7 briefings from Nov 2024 to Jan 2025; the most in Jan 2025 (5). "
                       "By month: Nov 2024: 2; Jan 2025: 5; no others.")
    assert '<title id="Chart-title">Briefings per month</title>' in html
    assert monthly_chart({}, "x", "briefing") == ""


def test_a_hostile_name_in_a_chart_title_stays_text():
    name = '</title><script>alert(1)</script><title x="'
    html = render_markdown("# T\n\n" + monthly_chart({"2025-01": 1}, f"Statements by {name}",
                                                      "statement"))
    assert unsafe_markup(html) == []
    assert name in visible_text(html)
