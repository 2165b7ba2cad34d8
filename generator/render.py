"""Stage 4, render: :class:`Article` → :class:`Page` (Markdown with a YAML front-matter header).

The header is the archive's data contract (title, date, date_source, source, speakers, people,
organizations, places, topics, subjects, date_mentions, dates, statements, source_file, tags,
description). It is written with a YAML dumper and verified by reading it back. Every piece of article text in
the body goes through :mod:`generator.markup`, so nothing in it becomes markup.
"""

from __future__ import annotations

from generator.anchors import paragraph_anchor, sentence_anchor, statement_anchor
from generator.attribute import TURN_LABEL
from generator.front_matter import reads_back, yaml_text
from generator.markup import escape_inline, escape_table_cell, link_urls, plain_meta
from generator.model import Article, ArticleSummary, Block, Page, Statement

ARTICLES_DIR = "articles"
PEOPLE_DIR = "people"
TOPICS_DIR = "topics"
SUBJECTS_DIR = "subjects"
MONTHS_DIR = "months"


class FrontMatterError(Exception):
    """The header did not survive a YAML round trip (a bug, never the contributor's fault)."""


def dump_front_matter(meta: dict) -> str:
    """YAML for a page header; raises :class:`FrontMatterError` if it does not round-trip."""
    text = yaml_text(meta)
    if not reads_back(text, meta):
        raise FrontMatterError(f"front-matter does not round-trip: {meta.get('source_file')}")
    return f"---\n{text}---\n"


def person_link(name: str, person_slugs: dict[str, str]) -> str:
    """A Markdown link to a person's page from a page one folder deep in the archive."""
    return f"[{escape_inline(name)}](../{PEOPLE_DIR}/{person_slugs[name]}.md)"


def topic_link(slug: str, label: str) -> str:
    """A Markdown link to a topic page from a page one folder deep in the archive."""
    return f"[{escape_inline(label)}](../{TOPICS_DIR}/{slug}.md)"


def subject_link(name: str, subject_slugs: dict[str, str]) -> str:
    """A link to a subject's page from a page one folder deep in the archive, or the name
    alone for a subject without a page (found in one article only)."""
    if name not in subject_slugs:
        return escape_inline(name)
    return f"[{escape_inline(name)}](../{SUBJECTS_DIR}/{subject_slugs[name]}.md)"


def article_link(article: ArticleSummary, up: str = "../") -> str:
    """A Markdown link to an article page from a page one folder deep in the archive
    (``up=""``: from the archive's own index page)."""
    return f"[{escape_inline(article.title)}]({up}{ARTICLES_DIR}/{article.slug}.md)"


# At one offset: a footnote mark stays with the sentence it ends, a sentence closes before
# the next one opens.
_FOOTNOTE, _CLOSE, _OPEN = 0, 1, 2


def _paragraph(block: Block, block_number: int, first_footnote: int,
               sentences: dict[int, tuple[int, int]]) -> str:
    """The paragraph's escaped text with its footnote marks, and each sentence that a
    statement starts in wrapped in a span with the sentence's anchor (the element a person
    page links to, marked by the theme when a reader lands on it)."""
    cuts = [(citation.offset, _FOOTNOTE, f"[^{number}]")
            for number, citation in enumerate(block.citations, start=first_footnote)]
    for number, (start, end) in sentences.items():
        cuts.append((start, _OPEN, f'<span id="{sentence_anchor(block_number, number)}">'))
        cuts.append((end, _CLOSE, "</span>"))
    parts = []
    position = 0
    for offset, _order, markup in sorted(cuts):
        parts.append(link_urls(block.text[position:offset], block_start=position == 0))
        parts.append(markup)
        position = offset
    parts.append(link_urls(block.text[position:], block_start=position == 0))
    return "".join(parts)


def turn_speakers(article: Article) -> dict[int, str]:
    """Block index → who speaks the transcript turn that block opens, for the turns whose
    label does not already say it in full ("Q:", "A:", "Spokesperson:", "MR PRICE:")."""
    starts = []
    offset = 0
    for block in article.clean.blocks:
        starts.append(offset)
        offset += len(block.text) + 2
    speakers: dict[int, str] = {}
    for statement in article.statements:
        block = article.clean.blocks[statement.block]
        label = TURN_LABEL.match(block.text) if block.kind == "paragraph" else None
        if label is None or statement.block in speakers or statement.kind != "direct":
            continue
        opening = block.text[label.end() : statement.start - starts[statement.block]]
        written = " ".join(label.group("label").split()).casefold()
        if not opening.strip(" ,;:–—-“”\"") and written != statement.speaker.casefold():
            speakers[statement.block] = statement.speaker
    return speakers


def render_blocks(article: Article, turn_names: dict[int, str] | None = None
                  ) -> tuple[list[str], list[str]]:
    """Markdown for the body blocks and the footnote definitions; ``turn_names``: block
    index → the speaker's name as shown before the turn (escaped markup)."""
    lines: list[str] = []
    footnotes: list[str] = []
    anchored: dict[int, dict[int, tuple[int, int]]] = {}
    for statement in article.statements:
        if statement.sentence:
            anchored.setdefault(statement.block, {})[statement.sentence] = \
                statement.sentence_span
    for index, block in enumerate(article.clean.blocks):
        if block.kind == "heading":
            lines.append(f"## {escape_inline(block.text)}")
        elif block.kind == "paragraph":
            body = _paragraph(block, index + 1, len(footnotes) + 1,
                              anchored.get(index, {})) if block.text else ""
            footnotes.extend(citation.text for citation in block.citations)
            anchor = paragraph_anchor(index + 1)
            turn = turn_names.get(index) if turn_names else None
            who = f'<span class="turn-speaker">{turn}</span> ' if turn else ""
            lines.append(f'<span id="{anchor}"></span>{who}{body}' if body else "")
        elif block.kind == "list":
            marker = "1." if block.ordered else "-"
            lines.append("\n".join(f"{marker} {link_urls(item, block_start=True)}"
                                   for item in block.items))
        elif block.kind == "table":
            # Rows are padded to the widest row, so no cell of a ragged table is lost.
            width = max(len(row) for row in block.cells)
            table = []
            for number, row in enumerate(block.cells):
                cells = list(row) + [""] * (width - len(row))
                table.append("| " + " | ".join(escape_table_cell(cell) for cell in cells) + " |")
                if number == 0:
                    table.append("|" + "---|" * width)
            lines.append("\n".join(table))
        elif block.kind == "source":
            lines.append(f"Source: {link_urls(block.text)}")
    return [line for line in lines if line], footnotes


def front_matter(article: Article, topic_labels: dict[str, str], description: str) -> dict:
    clean = article.clean
    meta: dict = {"title": plain_meta(clean.title)}
    if article.date is not None:
        meta["date"] = article.date
        meta["date_source"] = article.date_source
    if clean.outlet:
        meta["source"] = plain_meta(clean.outlet)
    if clean.author:
        meta["author"] = plain_meta(clean.author)
    if clean.raw.header.url:
        # Already checked to be an http(s) URL without quotes or angle brackets.
        meta["url"] = clean.raw.header.url
    meta.update(
        speakers=[plain_meta(name) for name in article.speakers],
        people=[plain_meta(name) for name in article.people],
        organizations=[plain_meta(name) for name in article.organizations],
        places=[plain_meta(name) for name in article.places],
        topics=list(article.topics),
        subjects=[plain_meta(name) for name in article.subjects],
        date_mentions=list(article.date_mentions),
        dates=[{"text": text, "date": date} for text, date in article.resolved_dates],
        statements=[
            {"speaker": plain_meta(statement.speaker), "text": statement.text,
             "kind": statement.kind, "block": statement.block + 1,
             "start": statement.start, "anchor": statement_anchor(statement)}
            for statement in article.statements
        ],
        sources=list(article.sources),
        source_file=article.clean.raw.source_file,
        tags=[plain_meta(topic_labels.get(topic, topic)) for topic in article.topics],
        description=plain_meta(description),
    )
    return meta


def article_description(article: Article) -> str:
    """The page's description: the header's, else the first 40 words of the lead paragraph."""
    header = article.clean.raw.header
    if header.description:
        return header.description
    lead = next((block.text for block in article.clean.blocks if block.kind == "paragraph"), "")
    words = lead.split()
    return " ".join(words[:40]) + ("…" if len(words) > 40 else "")


def _byline(article: Article) -> str | None:
    """The article's author, where the reading stage gives one (an ``author`` key)."""
    for holder in (article, article.clean, article.clean.raw.header):
        author = getattr(holder, "author", None)
        if author:
            return author
    return None


def _speech_link(statement: Statement) -> str:
    """A statement on its own page: how it is given, linked to its sentence."""
    anchor = statement_anchor(statement)
    kind = "quoted" if statement.kind == "direct" else "reported"
    return f"[{kind}, ¶{statement.block + 1}](#{anchor})"


def who_speaks(article: Article, person_slugs: dict[str, str]) -> list[str]:
    """"Who speaks here": each speaker with a link to each of their statements' sentences."""
    lines = []
    for name in article.speakers:
        spoken = [statement for statement in article.statements if statement.speaker == name]
        if spoken and name in person_slugs:
            lines.append(f"- {person_link(name, person_slugs)}: " + ", ".join(
                _speech_link(statement) for statement in spoken))
    return ["## Who speaks here", "\n".join(lines)] if lines else []


def related_list(related: tuple[ArticleSummary, ...]) -> list[str]:
    if not related:
        return []
    return ["## Related briefings", "\n".join(
        f"- {article_link(other, '../')} — "
        + (other.date.isoformat() if other.date else "undated")
        + (f" · {escape_inline(other.outlet)}" if other.outlet else "")
        for other in related)]


def render_article(
    article: Article,
    person_slugs: dict[str, str],
    topic_labels: dict[str, str],
    source_url: str | None,
    related: tuple[ArticleSummary, ...] = (),
    subject_slugs: dict[str, str] | None = None,
) -> Page:
    """Render one article page (pure); ``related``: the related briefings, best first;
    ``subject_slugs``: the subjects with a page."""
    clean = article.clean
    facts = []
    byline = _byline(article)
    if byline:
        facts.append(f"**By:** {escape_inline(byline)}")
    if article.date is not None:
        facts.append(f"**Date:** [{article.date.isoformat()}](../{MONTHS_DIR}/"
                     f"{article.date:%Y-%m}.md)")
    if clean.outlet:
        facts.append(f"**Source:** {escape_inline(clean.outlet)}")
    if clean.raw.header.url:
        facts.append(f"**Original:** {link_urls(clean.raw.header.url)}")
    if article.speakers:
        facts.append("**Speakers:** " + ", ".join(
            person_link(name, person_slugs) for name in article.speakers))
    if article.topics:
        facts.append("**Topics:** " + ", ".join(
            topic_link(slug, topic_labels.get(slug, slug)) for slug in article.topics))
    if article.subjects:
        facts.append("**Subjects:** " + ", ".join(
            subject_link(name, subject_slugs or {}) for name in article.subjects))
    if article.places:
        facts.append("**Places:** " + ", ".join(escape_inline(place) for place in article.places))
    silent = [name for name in article.people if name not in article.speakers]
    if silent:
        facts.append("**Also mentioned:** " + ", ".join(
            person_link(name, person_slugs) for name in silent))
    if source_url:
        facts.append(f"**Corpus file:** [{escape_inline(clean.raw.source_file)}]"
                     f"(<{source_url}>)")
    turn_names = {index: person_link(name, person_slugs) if name in person_slugs
                  else escape_inline(name) for index, name in turn_speakers(article).items()}
    body, footnotes = render_blocks(article, turn_names)
    # A rule ends the article's own text: what follows is the archive's (escaped article
    # text can never make a rule: a line-start "*" or "-" is escaped).
    apparatus = [*who_speaks(article, person_slugs), *related_list(related)]
    parts = [f"# {escape_inline(clean.title)}", "  \n".join(facts), *body,
             *(["***", *apparatus] if apparatus else [])]
    # A footnote's text is parsed as blocks: guard its start, or "[CITATION: # x]" or
    # "[CITATION: - x]" would become a heading or a list inside the footnote.
    parts.extend(f"[^{number}]: {link_urls(text, block_start=True)}" for number, text in
                 enumerate(footnotes, start=1))
    meta = front_matter(article, topic_labels, article_description(article))
    text = dump_front_matter(meta) + "\n" + "\n\n".join(part for part in parts if part) + "\n"
    return Page(f"{ARTICLES_DIR}/{article.slug}.md", text)

