"""Between render and index: an :class:`Article` → its :class:`ArticleSummary`.

In: an assembled article (and the lexicon's abbreviations, which decide where its lead
sentence ends). Out: what every archive-wide page reads of it — metadata, statements, the
description, the lead sentence, the distinctive words related briefings compare, and what
it may be filed under (the archive's subjects are chosen from these across all summaries,
:mod:`generator.archive_subjects`). The hub pages, feeds, export and related briefings take
summaries, never whole articles: a warm run keeps one small stored summary per article and
decodes those instead of every article's blocks and extraction.
"""

from __future__ import annotations

from generator.mentions import sentences_of
from generator.model import Article, ArticleSummary
from generator.publish.related import distinctive_words
from generator.render import article_description

LEAD_WORDS = 60


def lead_sentence(article: Article, abbreviations: frozenset[str]) -> str:
    """The first sentence of the article's first paragraph (cut at :data:`LEAD_WORDS`)."""
    lead = next((block.text for block in article.clean.blocks
                 if block.kind == "paragraph" and block.text.strip()), "")
    sentences = sentences_of(lead, abbreviations) if lead else []
    words = (sentences[0].text if sentences else lead).split()
    return " ".join(words[:LEAD_WORDS]) + (" …" if len(words) > LEAD_WORDS else "")


def summarize(article: Article, abbreviations: frozenset[str]) -> ArticleSummary:
    """The summary of ``article`` (pure)."""
    clean = article.clean
    return ArticleSummary(
        slug=article.slug,
        source_file=clean.raw.source_file,
        title=clean.title,
        date=article.date,
        date_source=article.date_source,
        outlet=clean.outlet,
        url=clean.raw.header.url,
        description=article_description(article),
        lead=lead_sentence(article, abbreviations),
        speakers=article.speakers,
        people=article.people,
        organizations=article.organizations,
        places=article.places,
        topics=article.topics,
        sources=article.sources,
        statements=article.statements,
        words=" ".join(sorted(distinctive_words(clean.title + "\n" + clean.text))),
        subject_candidates=article.subject_candidates,
        header_topics=clean.raw.header.topics is not None,
        subjects=article.subjects,
    )
