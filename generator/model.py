"""Typed values passed between the pipeline stages.

Every stage takes and returns frozen dataclasses defined here, so a stage's input and output
are visible in its signature and nothing downstream can mutate what an earlier stage made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ArticleRejected(Exception):
    """Raised by a stage when an article cannot become a page; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Header:
    """The allow-listed keys of a contributor's front-matter header (all optional)."""

    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    slug: str | None = None
    description: str | None = None
    speakers: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    organizations: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None


DateSource = Literal["front-matter", "text", "git", "file"]


@dataclass(frozen=True)
class RawArticle:
    """A decoded article file: header, body text and where it came from.

    ``body`` has normalised newlines; ``body_line`` is the 1-based line of the file where
    the body starts, so later stages can report file line numbers.
    """

    source_file: str
    header: Header
    body: str
    body_line: int
    content_hash: str
    fallback_date: dt.date | None = None
    fallback_date_source: DateSource | None = None


@dataclass(frozen=True)
class Citation:
    """A ``[CITATION: …]`` source note lifted out of the text; ``offset`` is where it stood."""

    offset: int
    text: str


@dataclass(frozen=True)
class Block:
    """One block of cleaned article body.

    ``kind`` is ``heading``, ``paragraph``, ``list``, ``table`` or ``source``. ``text`` holds
    the plain text (for lists and tables, the items or rows joined by newlines); ``cells``
    holds table rows; ``items`` list items; ``citations`` the notes lifted from a paragraph.
    ``line`` is the line in the original file.
    """

    kind: Literal["heading", "paragraph", "list", "table", "source"]
    text: str
    line: int
    items: tuple[str, ...] = ()
    cells: tuple[tuple[str, ...], ...] = ()
    citations: tuple[Citation, ...] = ()
    ordered: bool = False


@dataclass(frozen=True)
class CleanArticle:
    """An article with page chrome removed and its structure recognised."""

    raw: RawArticle
    title: str
    title_derived: bool
    outlet: str | None
    dateline_date: dt.date | None
    dateline: str | None
    blocks: tuple[Block, ...]
    removed_chrome: tuple[str, ...] = ()
    # The byline's person ("By Jane Doe, Moscow correspondent" → "Jane Doe"): never a
    # speaker, never the title.
    author: str | None = None

    @property
    def text(self) -> str:
        """The cleaned text: blocks joined by blank lines. Statements are substrings of it."""
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Statement:
    """What a speaker said: an exact span of :attr:`CleanArticle.text`."""

    speaker: str
    text: str
    kind: Literal["direct", "indirect"]
    start: int
    block: int
    # The sentence the statement starts in: its number in the block (1-based) and its span
    # within the block's text, where the page puts the sentence's anchor.
    sentence: int = 0
    sentence_span: tuple[int, int] = (0, 0)


SubjectKind = Literal["place", "organization", "name", "phrase"]


@dataclass(frozen=True)
class SubjectCandidate:
    """Something an article may be filed under (see :mod:`generator.subjects`): its name as
    written, what it is, and its weight in the article (the sentences that name it, more
    when the headline does)."""

    name: str
    kind: SubjectKind
    weight: int


@dataclass(frozen=True)
class Extraction:
    """Metadata derived from one cleaned article."""

    speakers: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    topics: tuple[str, ...]
    date_mentions: tuple[str, ...]
    statements: tuple[Statement, ...]
    resolved_dates: tuple[tuple[str, dt.date], ...] = ()
    subject_candidates: tuple[SubjectCandidate, ...] = ()


@dataclass(frozen=True)
class Article:
    """A cleaned article with its final metadata, ready to render."""

    clean: CleanArticle
    slug: str
    date: dt.date | None
    date_source: DateSource | None
    speakers: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    topics: tuple[str, ...]
    date_mentions: tuple[str, ...]
    statements: tuple[Statement, ...]
    sources: tuple[str, ...] = field(default=())
    resolved_dates: tuple[tuple[str, dt.date], ...] = ()
    # What the article may be filed under (from its extraction), and the subjects the
    # archive chose among them (generator.archive_subjects), in the page's order.
    subject_candidates: tuple[SubjectCandidate, ...] = ()
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A file to write under the generated docs folder: relative path and exact text."""

    path: str
    text: str


@dataclass(frozen=True)
class Lookups:
    """The questions an extraction asked of the archive-wide tables, with their answers
    (see generator.cache.lookups): each ``"table:folded name"`` of ``found`` gave the name
    at the same place of ``answers``; each of ``missing`` gave nothing."""

    found: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class FirstPass:
    """One article file read and cleaned, with the people it names as found with the
    registries' knowledge alone (or the problem that rejected it)."""

    problem: Problem | None
    warnings: tuple[Problem, ...]
    clean: CleanArticle | None
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecondPass:
    """An article extracted knowing every person of the archive, and what it asked of the
    archive-wide tables."""

    extraction: Extraction
    lookups: Lookups


@dataclass(frozen=True)
class ArticleSummary:
    """What the hub pages, feeds, export and related briefings read of one article: its
    final metadata and statements, its description and lead sentence, and its distinctive
    words (sorted, one string with a space between words: a warm run reads one of these per
    article, and one string reads faster than hundreds). Small next to the article (no
    text, no blocks), so a warm run decodes these instead of the whole extraction; the
    export, the one reader of the text, asks for it when it must write an article again.
    Its ``topics`` and ``subjects`` are final once the archive's subjects are chosen."""

    slug: str
    source_file: str
    title: str
    date: dt.date | None
    date_source: DateSource | None
    outlet: str | None
    url: str | None
    description: str
    lead: str
    speakers: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    statements: tuple[Statement, ...]
    words: str
    # What the article may be filed under, whether its header lists its topics (then no
    # subject adds one), and the subjects the archive chose (generator.archive_subjects):
    # the summary an article's own passes give has none yet; the run adds them.
    subject_candidates: tuple[SubjectCandidate, ...] = ()
    header_topics: bool = False
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class FirstFacts:
    """What the archive-wide steps read of a first pass (see :class:`FirstPass`): whether
    the file was rejected and why, its warnings, what tells duplicates apart, the slug it
    asks for, the topics its header names, and the people it names."""

    problem: Problem | None
    warnings: tuple[Problem, ...]
    kept: bool
    content_hash: str = ""
    wanted_slug: str = ""
    header_topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecondFacts:
    """What the archive-wide steps read of a second pass (see :class:`SecondPass`): the
    lookups that say whether it still holds, the names it found (to resolve), and a digest
    of the whole extraction (which, with the names' resolution and the slug, decides the
    article's summary)."""

    lookups: Lookups
    # The extraction's people, then its speakers (what resolving names across the archive
    # reads), and the speakers of its statements.
    names: tuple[str, ...]
    statement_speakers: tuple[str, ...]
    digest: str


@dataclass(frozen=True)
class ArticleFacts:
    """The small record a warm run reads per article before it knows what changed."""

    first: FirstFacts
    second: SecondFacts | None = None
