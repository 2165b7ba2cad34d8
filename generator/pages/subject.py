"""Subjects: articles + the archive's subjects → one page per recurring subject, the subjects
index, and a page leading on for each subject a curated topic took over.

In: the :class:`ArticleSummary` values (with their subjects) and the :class:`ArchiveSubjects`
of :mod:`generator.archive_subjects`. Out: :class:`Page` values under ``subjects/``. A subject
page gives the number of its briefings, its feeds, a chart per month, the main speakers, the
topics and the other subjects that come with it most, and its briefings by month, newest
first; its front-matter names its feed and, as ``aliases``, the spellings merged into it (so
the search box finds "Gaza Strip" for Gaza). A subject a topic took over keeps its address:
its page says where the topic is, and its ``redirect`` (a site path the theme turns into a
refresh) takes the reader there.

Given ``remember`` and each article's ``identities`` (see :mod:`generator.index`), a subject
page is named by a digest of all it is made from and taken from the cache when that is known;
the index and the pages leading on to topics are cheap and always made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from generator.archive_subjects import ArchiveSubjects, PromotedSubject, Subject
from generator.cache.entries import Remember, remembered
from generator.markup import escape_inline, plain_meta
from generator.model import ArticleSummary, Page
from generator.pages.listing import (
    article_line,
    by_month,
    hub_page,
    month_name,
    monthly_counts,
    plural,
    ranked,
)
from generator.publish.charts import monthly_chart
from generator.publish.places import subject_feed, subscribe_line
from generator.render import (
    SUBJECTS_DIR,
    TOPICS_DIR,
    dump_front_matter,
    person_link,
    subject_link,
    topic_link,
)

TOP_SPEAKERS = 10
TOP_RELATED = 5
INDEX_INTRO = ("What the briefings are about, found in their text: the places, organisations, "
               "names and phrases that recur in at least two briefings. The curated "
               f"[topics](../{TOPICS_DIR}/index.md) are listed on their own page.")


def subject_page(subject: Subject, tagged: list[ArticleSummary], person_slugs: dict[str, str],
                 topic_labels: dict[str, str], subject_slugs: dict[str, str]) -> Page:
    feed = subject_feed(subject.slug)
    body = [f"{plural(len(tagged), 'briefing')}.", subscribe_line(feed),
            monthly_chart(monthly_counts(tagged), f"Briefings per month on {subject.name}",
                          "briefing")]
    if subject.spellings:
        body.append("Also written: " + ", ".join(escape_inline(name)
                                                 for name in subject.spellings) + ".")
    speakers = Counter(statement.speaker for article in tagged
                       for statement in article.statements if statement.speaker in person_slugs)
    if speakers:
        body.append("## Main speakers")
        body.append("\n".join(f"- {person_link(name, person_slugs)} — "
                              f"{plural(count, 'statement')}"
                              for name, count in ranked(speakers, TOP_SPEAKERS)))
    topics = Counter(slug for article in tagged for slug in article.topics
                     if slug in topic_labels)
    if topics:
        body.append("## Topics")
        body.append("\n".join(f"- {topic_link(slug, topic_labels[slug])} — "
                              f"{plural(count, 'briefing')} in common"
                              for slug, count in ranked(topics, TOP_RELATED)))
    others = Counter(name for article in tagged for name in article.subjects
                     if name != subject.name and name in subject_slugs)
    if others:
        body.append("## Related subjects")
        body.append("\n".join(f"- {subject_link(name, subject_slugs)} — "
                              f"{plural(count, 'briefing')} in common"
                              for name, count in ranked(others, TOP_RELATED)))
    body.append("## Briefings by month")
    for month, items in by_month(tagged):
        body.append(f"### {month_name(month)}")
        body.append("\n".join(article_line(article) for article in items))
    return hub_page(f"{SUBJECTS_DIR}/{subject.slug}.md", subject.name, body, feed,
                    subject.spellings)


def promoted_page(promoted: PromotedSubject, topic_labels: dict[str, str],
                  site_archive: str) -> Page:
    """The page of a subject a topic took over: where the topic is, and a ``redirect``."""
    label = topic_labels.get(promoted.topic, promoted.topic)
    meta = {"title": plain_meta(promoted.name),
            "redirect": f"{site_archive}/{TOPICS_DIR}/{promoted.topic}/"}
    text = dump_front_matter(meta) + "\n" + "\n\n".join([
        f"# {escape_inline(promoted.name)}",
        f"{escape_inline(promoted.name)} is now the topic {topic_link(promoted.topic, label)}."])
    return Page(f"{SUBJECTS_DIR}/{promoted.slug}.md", text + "\n")


def subject_pages(articles: list[ArticleSummary], subjects: ArchiveSubjects,
                  person_slugs: dict[str, str], topic_labels: dict[str, str],
                  site_archive: str = "archive", identities: Mapping[str, str] | None = None,
                  remember: Remember | None = None) -> list[Page]:
    """Every subject page, the pages of subjects topics took over, and the index
    (``site_archive``: the site folder of the archive, for the redirects; pure,
    ``remember`` only saves work)."""
    by_slug = {article.slug: article for article in articles}
    slugs = subjects.slugs
    known = identities or {}
    labels = repr(sorted(topic_labels.items()))
    pages = []
    for subject in subjects.pages:
        tagged = [by_slug[slug] for slug in subject.articles]
        speakers = {statement.speaker for article in tagged for statement in article.statements}
        others = {name for article in tagged for name in article.subjects}
        pages.append(remembered(
            f"{SUBJECTS_DIR}/{subject.slug}.md",
            (repr(subject), " ".join(known.get(article.slug, "?") for article in tagged),
             repr(sorted((name, person_slugs.get(name)) for name in speakers)),
             repr(sorted((name, slugs.get(name)) for name in others)), labels),
            lambda subject=subject, tagged=tagged: subject_page(
                subject, tagged, person_slugs, topic_labels, slugs),
            remember))
    pages.extend(promoted_page(promoted, topic_labels, site_archive)
                 for promoted in subjects.promoted)
    lines = [f"- {subject_link(subject.name, slugs)} — "
             f"{plural(len(subject.articles), 'briefing')}" for subject in subjects.pages]
    pages.append(hub_page(f"{SUBJECTS_DIR}/index.md", "Subjects", [
        INDEX_INTRO, "\n".join(lines) if lines else "No subject recurs in two briefings yet."]))
    return pages
