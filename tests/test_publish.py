"""generator.publish: where the feeds and exports live, the feeds themselves (Atom, JSON Feed)
and the export with its schemas, on articles made here and on the shipped corpus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from feed_checks import (
    ATOM,
    SCHEMAS,
    check_atom,
    check_export,
    check_json_feed,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CONFIG, CORPUS, make_article, summary

from generator import build
from generator.build import Settings, SiteConfigError, make_pages, published_site
from generator.cli import main
from generator.model import Statement
from generator.publish.export import EXPORTS, export_pages
from generator.publish.feeds import (
    EMPTY_FEED_DATE,
    FEED_LENGTH,
    Entry,
    Feed,
    archive_feeds,
    atom,
    feed_line,
    feed_text,
    json_feed,
)
from generator.publish.places import BadSiteUrl, Site, site_address, subscribe_line
from generator.registry import Topic

ABSOLUTE = Site("https://news.example.org/briefings/")
RELATIVE = Site(None)
TOPICS = (Topic("talks", "Peace talks", "Negotiations.", ("talks",)),
          Topic("empty", "Nothing yet", "", ("nothing",)))

# --- places ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None),
    ("https://news.example.org", "https://news.example.org/"),
    ("http://127.0.0.1:8000/a/b/", "http://127.0.0.1:8000/a/b/"),
])
def test_site_address(value, expected):
    assert site_address(value) == expected


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "news.example.org", "https://", "https://x.org/?page=1",
    "https://x.org/#top", "https://x.org/a b/", 'https://x.org/"><script>', "https://x.org/'",
    "ftp://x.org/", 42, ["https://x.org/"],
])
def test_site_address_refuses_what_is_not_a_site(value):
    with pytest.raises(BadSiteUrl):
        site_address(value)


def test_page_paths_are_directory_urls():
    assert RELATIVE.page("index.md") == "archive/"
    assert RELATIVE.page("months/index.md") == "archive/months/"
    assert RELATIVE.page("people/anna.md") == "archive/people/anna/"
    assert RELATIVE.page("people/xindex.md") == "archive/people/xindex/"
    assert RELATIVE.page("articles/a.md#P2S1") == "archive/articles/a/#P2S1"


def test_links_are_absolute_on_a_known_address_else_relative_to_their_file():
    target, source = "archive/articles/a/#P2S1", "archive/feeds/people/anna.xml"
    assert ABSOLUTE.link(target, source) == \
        "https://news.example.org/briefings/archive/articles/a/#P2S1"
    assert RELATIVE.link(target, source) == "../../articles/a/#P2S1"
    assert RELATIVE.link("archive/", "archive/export/people.json") == "../"
    assert RELATIVE.link("archive/feeds/index.xml", "archive/feeds/index.xml") == "index.xml"


def test_subscribe_line_links_both_feeds_from_the_page():
    assert subscribe_line("feeds/people/anna") == (
        "**Subscribe:** [Atom feed](../feeds/people/anna.xml) · "
        "[JSON Feed](../feeds/people/anna.json)")
    assert "(feeds/index.xml)" in subscribe_line("feeds/index", up="")


# --- feeds -------------------------------------------------------------------------------------


def test_feed_text_keeps_text_and_drops_what_xml_cannot_carry():
    assert feed_text("a\x00b\x0bc\x0cd\x1be\x7ff\x85g\ufffeh\uffffi") == "abcdefghi"
    # Bidi embeddings, overrides and isolates: they would reorder the text after them.
    assert feed_text("x\u202ey\u202dz\u2066w\u2069") == "xyzw"
    kept = "tab\tline\n<script> ]]> &amp; “quoted” Лавров 😀"
    assert feed_text(kept) == kept


def _article(number: int, *, date: dt.date | None = None, topics=("talks",),
             statements: tuple[Statement, ...] = ()):
    article = make_article(f"Headline number {number}\nAnna Berg said the talks went on. "
                           f"Day {number}.\n",
                           f"a{number}.txt", slug=f"headline-{number}", date=date,
                           speakers=("Anna Berg",) if statements else (),
                           people=("Anna Berg",), topics=topics)
    return summary(dataclasses.replace(article, statements=statements))


SAID = Statement("Anna Berg", "Anna Berg said the talks went on.", "indirect", 0, 0, 1, (0, 33))
QUOTED = Statement("Anna Berg", "We go on", "direct", 40, 1, 1, (0, 8))


def _feeds(articles, site=ABSOLUTE):
    return {feed.path: feed for feed in archive_feeds(articles, {"Anna Berg": "anna-berg"},
                                                      TOPICS, site)}


def test_latest_feed_is_newest_first_and_at_most_its_length():
    articles = [_article(n, date=dt.date(2024, 1, 1) + dt.timedelta(days=n)) for n in range(60)]
    articles.append(_article(99))  # undated: no entry can be made of it
    latest = _feeds(articles)["feeds/index"]
    assert len(latest.entries) == FEED_LENGTH == 50
    dates = [entry.date for entry in latest.entries]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == dt.date(2024, 2, 29)  # day 59 of a leap year
    assert latest.updated == dt.date(2024, 2, 29)
    root = check_atom(atom(latest, ABSOLUTE))
    assert root.find(ATOM + "updated").text == "2024-02-29T00:00:00Z"
    first = root.find(ATOM + "entry")
    assert first.find(ATOM + "published").text == "2024-02-29T00:00:00Z"
    assert first.find(ATOM + "link").get("href") == \
        "https://news.example.org/briefings/archive/articles/headline-59/"
    document = check_json_feed(json_feed(latest, ABSOLUTE))
    assert len(document["items"]) == 50
    assert document["items"][0]["date_published"] == "2024-02-29T00:00:00Z"
    assert document["feed_url"] == "https://news.example.org/briefings/archive/feeds/index.json"


def test_a_topic_feed_has_its_articles_and_an_empty_one_is_still_valid():
    feeds = _feeds([_article(1, date=dt.date(2024, 5, 1)),
                    _article(2, date=dt.date(2024, 5, 2), topics=())])
    talks = feeds["feeds/topics/talks"]
    assert [entry.page for entry in talks.entries] == ["archive/articles/headline-1/"]
    assert talks.entries[0].tags == (("talks", "Peace talks"),)
    empty = feeds["feeds/topics/empty"]
    assert empty.entries == () and empty.updated == EMPTY_FEED_DATE
    root = check_atom(atom(empty, ABSOLUTE))
    assert root.find(ATOM + "updated").text == "1970-01-01T00:00:00Z"
    check_json_feed(json_feed(empty, ABSOLUTE))


def test_a_speaker_feed_quotes_quotations_and_marks_reported_speech():
    spoken = _article(1, date=dt.date(2024, 5, 1), statements=(SAID, QUOTED))
    feeds = _feeds([spoken, _article(2, date=dt.date(2024, 6, 1))])
    anna = feeds["feeds/people/anna-berg"]
    assert len(anna.entries) == 1  # the article she did not speak in is not hers
    entry = anna.entries[0]
    assert entry.text == "Reported: Anna Berg said the talks went on.\n\n“We go on”"
    assert entry.page == "archive/articles/headline-1/#P1S1"
    assert entry.title == "Anna Berg: Headline number 1"
    root = check_atom(atom(anna, ABSOLUTE))
    alternate = [link.get("href") for link in root.findall(ATOM + "link")
                 if link.get("type") == "text/html"]
    assert alternate == ["https://news.example.org/briefings/archive/people/anna-berg/"]


def test_ids_never_depend_on_the_address_and_links_follow_it():
    articles = [_article(1, date=dt.date(2024, 5, 1), statements=(SAID,))]
    other = Site("https://elsewhere.example.net/")
    for path in ("feeds/index", "feeds/people/anna-berg", "feeds/topics/talks"):
        feeds = [_feeds(articles, site)[path] for site in (ABSOLUTE, other, RELATIVE)]
        ids = [[feed.id, *(entry.id for entry in feed.entries)] for feed in feeds]
        assert ids[0] == ids[1] == ids[2]
        assert all(value.startswith("urn:uuid:") for value in ids[0])
    latest = _feeds(articles, RELATIVE)["feeds/index"]
    root = check_atom(atom(latest, RELATIVE))
    assert root.find(ATOM + "entry").find(ATOM + "link").get("href") == \
        "../articles/headline-1/"
    assert check_json_feed(json_feed(latest, RELATIVE))["home_page_url"] == "../"
    # Another article has another id; the same article in two feeds is the same entry.
    two = _feeds([*articles, _article(2, date=dt.date(2024, 5, 2))])
    ids = [entry.id for entry in two["feeds/index"].entries]
    assert len(set(ids)) == 2
    assert two["feeds/topics/talks"].entries[1].id == ids[1]


HOSTILE_TITLE = "Talks ]]> <script>alert(1)</script> \u202eevil\u202c \x0bend\x1b[31m &amp; &"


def test_hostile_text_makes_valid_inert_feeds():
    """Text straight into the writers, past the read stage's own cleaning: the XML stays
    well-formed, the markup stays text, the forbidden characters are gone."""
    statement = Statement("Anna Berg", "<img src=x onerror=alert(1)> ]]>\x0c\x00 done", "direct",
                          0, 0, 1, (0, 10))
    article = _article(1, date=dt.date(2024, 5, 1), statements=(statement,))
    article = dataclasses.replace(article, title=HOSTILE_TITLE, outlet="<b>Outlet</b>\x0b]]>")
    shown = "Talks ]]> <script>alert(1)</script> evil end[31m &amp; &"
    for feed in _feeds([article]).values():
        root = check_atom(atom(feed, ABSOLUTE), feed.path)
        document = check_json_feed(json_feed(feed, ABSOLUTE), feed.path)
        for entry, item in zip(root.findall(ATOM + "entry"), document["items"], strict=True):
            assert shown in entry.find(ATOM + "title").text
            assert shown in item["title"]
            assert entry.find(ATOM + "author").find(ATOM + "name").text == "<b>Outlet</b>]]>"
            summary = entry.find(ATOM + "summary").text
            assert summary == item["content_text"]
            assert "\x0b" not in summary and "\x00" not in summary
        serialised = atom(feed, ABSOLUTE)
        assert "<script" not in serialised and "<img" not in serialised
        assert "\u202e" not in serialised and "\x1b" not in serialised
    anna = _feeds([article])["feeds/people/anna-berg"]
    entry = check_atom(atom(anna, ABSOLUTE)).find(ATOM + "entry")
    assert entry.find(ATOM + "summary").text == "“<img src=x onerror=alert(1)> ]]> done”"


@given(st.text(), st.text())
def test_any_text_makes_a_well_formed_feed(title, text):
    entry = Entry("urn:uuid:0", feed_line(title), "archive/articles/a/", dt.date(2024, 1, 2),
                  feed_text(text), (feed_line(title),), (("t", feed_line(title)),))
    feed = Feed("feeds/index", "urn:uuid:1", feed_line(title), feed_text(text), "archive/",
                (entry,))
    root = check_atom(atom(feed, ABSOLUTE))
    item = root.find(ATOM + "entry")
    assert (item.find(ATOM + "title").text or "") == feed_line(title)
    # An XML parser reads every line end as a line feed (XML 1.0, section 2.11).
    assert (item.find(ATOM + "summary").text or "") == \
        feed_text(text).replace("\r\n", "\n").replace("\r", "\n")
    document = check_json_feed(json_feed(feed, ABSOLUTE))
    assert document["items"][0]["content_text"] == feed_text(text)


# --- the shipped corpus: feeds, exports, schemas ------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return make_pages(Settings(corpus=CORPUS, config=CONFIG))


def _published(report) -> dict[str, str]:
    return {page.path: page.text for page in report.pages
            if page.path.startswith(("feeds/", "export/"))}


def test_every_feed_of_the_shipped_corpus_is_valid(shipped):
    published = _published(shipped)
    people = {path for path in published if path.startswith("feeds/people/")}
    speakers = {statement.speaker for article in shipped.articles
                for statement in article.statements}
    assert len(people) == 2 * len(speakers) > 0
    topics = {path for path in published if path.startswith("feeds/topics/")}
    assert len(topics) == 2 * len(list(build.load_registries(CORPUS).topics))
    for path, text in published.items():
        if path.startswith("feeds/") and path.endswith(".xml"):
            root = check_atom(text, path)
            self_link = next(link.get("href") for link in root.findall(ATOM + "link")
                             if link.get("rel") == "self")
            assert self_link == f"https://briefing-archive.example.org/archive/{path}"
        elif path.startswith("feeds/"):
            check_json_feed(text, path)
    latest = ET.fromstring(published["feeds/index.xml"])
    assert len(latest.findall(ATOM + "entry")) == len(shipped.articles)


def test_exports_follow_their_schemas_and_agree_with_the_articles(shipped):
    published = _published(shipped)
    documents = {name: check_export(name, published[f"export/{name}.json"]) for name in EXPORTS}
    for name in EXPORTS:
        assert published[f"export/{name}.schema.json"] == \
            (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    articles = {record["slug"]: record for record in documents["articles"]["articles"]}
    assert set(articles) == {article.slug for article in shipped.articles}
    dates = [record["date"] for record in documents["articles"]["articles"]]
    assert dates == sorted(dates, reverse=True)
    statements = documents["statements"]["statements"]
    assert len(statements) == sum(len(article.statements) for article in shipped.articles)
    assert {statement["kind"] for statement in statements} == {"direct", "indirect"}
    for statement in statements:
        text = articles[statement["article"]]["text"]
        assert text[statement["start"]:].startswith(statement["text"])
        assert statement["url"] == (f"https://briefing-archive.example.org/archive/articles/"
                                    f"{statement['article']}/#{statement['anchor']}")
    people = documents["people"]["people"]
    assert [person["slug"] for person in people] == sorted(person["slug"] for person in people)
    by_name = {person["name"]: person for person in people}
    lavrov = by_name["Sergei Lavrov"]
    assert lavrov["registered"] and lavrov["statements"] == sum(
        statement["speaker"] == "Sergei Lavrov" for statement in statements)
    assert lavrov["feeds"]["atom"] == \
        "https://briefing-archive.example.org/archive/feeds/people/sergei-lavrov.xml"
    for person in people:
        assert (person["feeds"] is None) == (person["statements"] == 0)
        if person["feeds"]:
            assert f"feeds/people/{person['slug']}.xml" in published


def test_exports_do_not_depend_on_the_order_articles_come_in(shipped):
    people = {person["name"]: person["slug"] for person in json.loads(
        _published(shipped)["export/people.json"])["people"]}
    texts = {article.slug: article.clean.text for article in shipped.articles}

    def text_of(summary):
        return texts[summary.slug]

    forward = export_pages(list(shipped.summaries), people, (), ABSOLUTE, text_of)
    backward = export_pages(list(reversed(shipped.summaries)), dict(reversed(people.items())),
                            (), ABSOLUTE, text_of)
    assert forward == backward


def test_hub_pages_name_their_feed(shipped):
    pages = {page.path: page.text for page in shipped.pages}
    assert "\nfeed: feeds/people/sergei-lavrov\n" in pages["people/sergei-lavrov.md"]
    assert "(../feeds/people/sergei-lavrov.xml)" in pages["people/sergei-lavrov.md"]
    assert "\nfeed: feeds/index\n" in pages["index.md"]
    assert "\nfeed: feeds/topics/ceasefire\n" in pages["topics/ceasefire.md"]
    mentioned_only = [path for path, text in pages.items() if path.startswith("people/")
                      and path != "people/index.md" and "## Statements" not in text]
    assert mentioned_only
    for path in mentioned_only:
        assert "feed:" not in pages[path] and "Subscribe" not in pages[path]


# --- site_url ----------------------------------------------------------------------------------


def _config(tmp_path: Path, site_url_line: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Test archive\n# a comment\n{site_url_line}\ndocs_dir: docs\n",
                      encoding="utf-8")
    return config


def test_without_site_url_links_are_relative_with_a_warning(tmp_path):
    site, warnings = published_site(_config(tmp_path, ""))
    assert site == Site(None, "Test archive", "archive")
    assert [str(warning) for warning in warnings] == [
        f"{tmp_path / 'mkdocs.yml'}:1: warning: site_url is not set: the feeds and exports link "
        "relative to their own file; set it to the address the site is published at for "
        "absolute links"]
    assert published_site(tmp_path / "missing.yml") == (Site(None), ())


def test_a_bad_site_url_is_an_error_with_its_line(tmp_path):
    with pytest.raises(SiteConfigError, match=r"mkdocs\.yml:3: site_url 'javascript:x'"):
        published_site(_config(tmp_path, "site_url: javascript:x"))


def test_generate_refuses_a_bad_site_url_and_writes_nothing(tmp_path, capsys):
    config = _config(tmp_path, "site_url: 'https://x.org/\"><script>'")
    code = main(["generate", "--corpus", str(CORPUS), "--docs", str(tmp_path / "docs"),
                 "--config", str(config)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{config}:3: site_url" in err and "Traceback" not in err
    assert not (tmp_path / "docs").exists()


def test_generate_without_site_url_warns_once_and_writes_relative_feeds(tmp_path, capsys):
    config = _config(tmp_path, "")
    docs = tmp_path / "docs"
    assert main(["generate", "--corpus", str(CORPUS), "--docs", str(docs),
                 "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert err.count("site_url is not set") == 1
    root = check_atom((docs / "archive" / "feeds" / "index.xml").read_text(encoding="utf-8"))
    assert root.find(ATOM + "entry").find(ATOM + "link").get("href").startswith("../articles/")


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children,
                                                                      max_size=3),
    max_leaves=12)


@given(st.lists(st.dictionaries(st.text(), _json_values, max_size=4), max_size=4),
       st.integers(0, 4))
@settings(max_examples=200, deadline=None)
def test_an_export_put_together_from_each_article_s_records_is_the_whole_dump(records, cut):
    """The export is written from each article's records (kept by the cache): the same
    bytes as dumping the whole document at once."""
    from generator.publish.export import _document, _dump, _items

    parts = [_items(records[:cut]), _items(records[cut:])]
    assert _document("articles", parts) == _dump({"articles": records})
