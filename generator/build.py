"""Composition of the stages: a corpus folder → generated pages on disk (and a report).

discover → read (edge: file bytes, git/file dates) → clean → find the people each article
names → resolve them across the archive → extract (knowing every person of the archive, to
resolve surnames and variants) → render → index → write (edge: atomic swap). Work per
article runs in ``jobs`` processes; results are ordered by path, so output is byte-identical
whatever the listing order or ``jobs``. With a cache (:mod:`generator.cache`) each article's
read, clean, people, extraction and page are stored under digests of what they depend on and
reused while those are the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import subprocess
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from generator.archive_subjects import archive_subjects, with_subjects
from generator.cache.entries import Cached, value_digest
from generator.cache.lookups import RecordedTable, recorded, still_true
from generator.cache.store import Store, digest
from generator.clean import clean, repeated_among, short_lines
from generator.extract import extract, find_people, ordered_unique
from generator.index import index_pages
from generator.knowledge import (
    Knowledge,
    PackagedTables,
    build_knowledge,
    fold,
    load_lexicon,
    load_tables,
    packaged_tables,
    registry_people,
    use_packaged_tables,
)
from generator.model import (
    Article,
    ArticleFacts,
    ArticleRejected,
    ArticleSummary,
    CleanArticle,
    DateSource,
    Extraction,
    FirstFacts,
    FirstPass,
    Page,
    Problem,
    SecondFacts,
    SecondPass,
)
from generator.pages.subject import subject_pages
from generator.progress import Progress
from generator.publish.export import export_pages
from generator.publish.feeds import archive_feed_pages
from generator.publish.places import BadSiteUrl, Site, site_address
from generator.publish.related import RelatedState, related_state
from generator.read import MAX_BYTES, normalise_text, read_article
from generator.registry import Registries, SubjectVocabulary, load_registries
from generator.render import ARTICLES_DIR, render_article
from generator.resolve import archive_surnames, canonical_people
from generator.settings import ARCHIVE_DIR, Settings
from generator.slug import slugify, unique_slugs
from generator.source_files import Listing, list_articles, read_capped
from generator.summarize import summarize
from generator.targets import (
    check_docs_folder,
    check_target,
    locked,
    marker_facts,
    protected_places,
)
from generator.write import write_pages


@dataclass(frozen=True)
class Report:
    """What a run did: articles on the site, files rejected, warnings, notes.

    ``summaries`` has one entry per article on the site; ``articles`` the whole articles
    too, unless the run was told it needs only the pages (``generate``: a warm run then
    never decodes the articles nothing changed in)."""

    articles: tuple[Article, ...] = ()
    pages: tuple[Page, ...] = ()
    rejected: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    unregistered_people: tuple[tuple[str, str], ...] = field(default=())
    # Registry and configuration problems carry their own path (corpus/people.yml,
    # mkdocs.yml), not an article's.
    registry_warnings: tuple[Problem, ...] = ()
    summaries: tuple[ArticleSummary, ...] = ()


def discover(articles_dir: Path) -> Listing:
    """Article files under ``articles_dir`` (sorted by path, listing order ignored) and the
    problems with everything else there; raises :class:`MissingArticles`."""
    return list_articles(articles_dir)


class BadEnvironment(Exception):
    """An environment variable the build depends on has a value it cannot use."""


def epoch_limit() -> dt.date | None:
    """The date of ``SOURCE_DATE_EPOCH`` (reproducible builds: no date after it), if set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        if not value.isdigit():
            raise ValueError
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BadEnvironment(f"SOURCE_DATE_EPOCH={value[:40]!r} is not a Unix time (whole "
                             "seconds since 1970, up to the year 9999); unset it or fix "
                             "it") from None


def git_dates(directory: Path) -> dict[Path, dt.date]:
    """The date each file under ``directory`` was first committed (empty outside git)."""
    try:
        top = subprocess.run(
            ["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "-C", top, "-c", "core.quotepath=off", "log", "--format=%x00%ct",
             "--name-only", "--diff-filter=A", "--no-renames", "--", str(directory.resolve())],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromtimestamp(int(line[1:]), tz=dt.UTC).date()
        elif line.strip() and current is not None:
            # git lists newest first: the last date seen is the first commit.
            dates[(Path(top) / line.strip()).resolve()] = current
    return dates


def fallback_date(path: Path, modified_at: float,
                  from_git: dict[Path, dt.date]) -> tuple[dt.date, DateSource]:
    """The git date of a file, else its modification time (``modified_at``, from the read
    itself, so a file deleted since still has one); clamped by SOURCE_DATE_EPOCH."""
    limit = epoch_limit()
    # Resolving costs a few system calls per file: only when git has dates to look up.
    committed = from_git.get(path.resolve()) if from_git else None
    if committed is not None:
        return (min(committed, limit) if limit else committed), "git"
    modified = dt.datetime.fromtimestamp(modified_at, tz=dt.UTC).date()
    return (min(modified, limit) if limit else modified), "file"


# Per-process state for worker pools (set by the initialiser below).
_WORKER: dict[str, object] = {}


def _init_worker(registries: Registries, knowledge: Knowledge) -> None:
    # The archive-wide tables record what each extraction asks of them (see
    # generator.cache.lookups); one log per process, emptied for each article.
    log: dict = {}
    _WORKER["registries"] = registries
    _WORKER["log"] = log
    _WORKER["knowledge"] = dataclasses.replace(
        knowledge,
        people=RecordedTable("people", knowledge.people, log),
        registry_surnames=RecordedTable("surnames", knowledge.registry_surnames, log),
    )


def _recorded(function, *arguments):
    """``function(*arguments)`` and the archive-wide lookups it made."""
    log: dict = _WORKER["log"]  # type: ignore[assignment]
    log.clear()
    return function(*arguments), recorded(log)


ArticleJob = tuple[str, bytes, dt.date | None, DateSource | None, frozenset[str]]


def _first_pass(job: ArticleJob) -> FirstPass:
    path, data, date, source, repeated = job
    registries: Registries = _WORKER["registries"]  # type: ignore[assignment]
    try:
        raw, warnings = read_article(path, data, date, source)
        cleaned = clean(raw, registries.boilerplate, registries.organizations, repeated)
    except ArticleRejected as rejected:
        return FirstPass(rejected.problem, (), None)
    # The first pass asks the registries' tables only, whose answers never change: its
    # lookups need no record.
    people, _lookups = _recorded(find_people, cleaned, _WORKER["knowledge"])
    return FirstPass(None, tuple(warnings), cleaned, people)


def _second_pass(cleaned: CleanArticle) -> SecondPass:
    return SecondPass(*_recorded(extract, cleaned, _WORKER["knowledge"]))


def _run(function, jobs: Iterable, workers: int, make_initargs: Callable[[], tuple],
         progress: Progress | None = None) -> list:
    """``function`` over ``jobs`` in ``workers`` processes; results in the order of jobs.
    ``make_initargs`` gives the workers' arguments, made only when there is work."""
    items = list(jobs)
    if not items:
        return []
    initargs = make_initargs()
    load_tables()
    if progress is not None:
        progress.add(len(items))
    if workers <= 1 or len(items) < 2:
        _init_worker(*initargs)
        results = []
        for item in items:
            results.append(function(item))
            if progress is not None:
                progress.advance()
        return results
    with ProcessPoolExecutor(max_workers=min(workers, len(items)), initializer=_init_worker,
                             initargs=initargs) as pool:
        results = []
        for result in pool.map(function, items,
                               chunksize=max(1, min(16, len(items) // (workers * 8)))):
            results.append(result)
            if progress is not None:
                progress.advance()
        return results


def registries_digest(registries: Registries) -> str:
    """A digest of the loaded registries (what extraction and rendering were given). The
    subjects vocabulary is left out: it is applied after the cached per-article steps
    (generator/archive_subjects.py), and what it decides is part of each page's own key."""
    return value_digest("registries", dataclasses.replace(registries,
                                                          subjects=SubjectVocabulary()))


def _article_jobs(settings: Settings, paths: list[Path], cache: Cached | None = None):
    """The bytes and fallback date of each article file (sorted), and the files refused
    before they are read."""
    # Sorted here too, whatever the caller passed: which of two identical files is the
    # "duplicate", and the order of everything after, must not depend on listing order.
    files = sorted(paths, key=lambda path: _relative(path, settings.articles_dir))
    from_git = git_dates(settings.articles_dir) if files else {}
    jobs = []
    rejected: list[Problem] = []
    for path in files:
        relative = _relative(path, settings.articles_dir)
        try:
            if not _printable_name(relative):
                # A name that is not valid UTF-8 (surrogate escapes) cannot be written into
                # the UTF-8 page, and a control character (a newline) would break the
                # `path:line: message` report: reject it with a printable, escaped path.
                raise ArticleRejected(Problem(
                    _escaped_name(relative), 1, "the file name is not valid UTF-8 or contains "
                    "a control or invisible formatting character; rename the file"))
            if path.is_symlink() and not path.resolve().is_relative_to(settings.corpus.resolve()):
                raise ArticleRejected(Problem(relative, 1, "symbolic link to a file outside "
                                              "the corpus; add the article itself"))
            data, info = read_capped(path, relative, MAX_BYTES)
        except ArticleRejected as error:
            rejected.append(error.problem)
            continue
        date, source = fallback_date(path, info.st_mtime, from_git)
        jobs.append((relative, data, date, source))
    # The short lines that stand in two or more articles (a site's menus and footers, pasted
    # twice) are an input of the clean stage: each article gets those of its own lines, so
    # its cached result depends on them and on nothing else of the archive. (Counted once
    # per distinct text, as repeated_lines does; each file's lines are kept by the cache.)
    found = [_short_lines(data, cache) for _path, data, _d, _s in jobs]
    repeated = repeated_among({text: lines for text, lines in found}.values())
    return [(*job, lines & repeated) for job, (_text, lines) in zip(jobs, found, strict=True)], \
        rejected


@dataclass(frozen=True)
class TextLines:
    """A file's text, as a digest of it once normalised, and its short lines (sorted, one
    per line: one string reads back faster than a hundred)."""

    text: str
    lines: str


def _short_lines(data: bytes, cache: Cached | None) -> tuple[str, frozenset[str]]:
    """The digest of a file's normalised text and its :func:`short_lines`."""
    key = digest("lines", data)
    stored = cache.load("lines", key, TextLines) if cache else None
    if stored is not None:
        return stored.text, frozenset(stored.lines.split("\n")) if stored.lines else frozenset()
    text = normalise_text(data.decode("utf-8", "replace"))
    lines = short_lines(text)
    if cache:
        cache.save("lines", key, TextLines(digest("text", text), "\n".join(sorted(lines))))
    return digest("text", text), lines


def _article_key(registries_key: str, job: ArticleJob) -> str:
    relative, data, date, source, repeated = job
    return digest("article", registries_key, relative, data,
                  date.isoformat() if date else "", source or "", *sorted(repeated))


@dataclass
class _Kept:
    """One article a run publishes, as the run learns it: its file and key, its facts, and
    whatever of its passes this run loaded or made (a warm run loads them only for the
    articles whose summary or page it must make again)."""

    job: ArticleJob
    key: str
    facts: ArticleFacts
    first: FirstPass | None = None
    second: SecondPass | None = None

    @property
    def source_file(self) -> str:
        return self.job[0]


def first_facts(first: FirstPass) -> FirstFacts:
    """What the archive-wide steps read of ``first``."""
    if first.clean is None:
        return FirstFacts(first.problem, first.warnings, kept=False)
    header = first.clean.raw.header
    return FirstFacts(first.problem, first.warnings, True, first.clean.raw.content_hash,
                      wanted_slug(first.clean), tuple(header.topics or ()), first.people)


def second_facts(second: SecondPass) -> SecondFacts:
    """What the archive-wide steps read of ``second``."""
    extraction = second.extraction
    return SecondFacts(second.lookups, (*extraction.people, *extraction.speakers),
                       tuple(statement.speaker for statement in extraction.statements),
                       value_digest("extraction", extraction))


def read_corpus(settings: Settings, registries: Registries,
                knowledge: Callable[[], Knowledge], paths: list[Path], cache: Cached | None = None,
                progress: Progress | None = None) -> tuple[list[_Kept], list[Problem],
                                                           list[Problem]]:
    """Read, clean and find the people of (first pass) the articles at ``paths``; return
    the articles to publish, the files rejected and the warnings. Stored facts of a first
    pass are reused, else the stored pass itself."""
    jobs, rejected = _article_jobs(settings, paths, cache)
    keys = [_article_key(cache.registries_key, job) if cache else "" for job in jobs]
    facts: list[ArticleFacts | None] = [
        cache.load("facts", key, ArticleFacts) if cache else None for key in keys]
    firsts: dict[int, FirstPass] = {}
    for index, found in enumerate(facts):
        if found is None and cache:
            stored = cache.load("first", keys[index], FirstPass)
            if stored is not None:
                firsts[index] = stored
    missing = [index for index, found in enumerate(facts)
               if found is None and index not in firsts]
    computed = _run(_first_pass, [jobs[index] for index in missing], settings.jobs,
                    lambda: (registries, knowledge()), progress)
    for index, result in zip(missing, computed, strict=True):
        firsts[index] = result
        if cache:
            cache.save("first", keys[index], result)
    for index, first in firsts.items():
        facts[index] = ArticleFacts(first_facts(first))
        if cache:
            cache.save("facts", keys[index], facts[index])
    kept: list[_Kept] = []
    warnings: list[Problem] = []
    first_with_text: dict[str, str] = {}
    for index, (job, key, found) in enumerate(zip(jobs, keys, facts, strict=True)):
        assert found is not None
        warnings.extend(found.first.warnings)
        if not found.first.kept:
            if found.first.problem is not None:
                rejected.append(found.first.problem)
            continue
        original = first_with_text.setdefault(found.first.content_hash, job[0])
        if original != job[0]:
            rejected.append(Problem(job[0], 1, f"duplicate article: same text as {original}"))
            continue
        kept.append(_Kept(job, key, found, firsts.get(index)))
    return kept, sorted(rejected, key=lambda p: (p.path, p.line)), warnings


_UNPRINTABLE = frozenset(["Cc", "Cf", "Cs", "Zl", "Zp"])  # controls, bidi and other
# format characters (an RTL override would reverse the name a terminal shows), surrogates,
# line breaks


def _printable_name(name: str) -> bool:
    return not any(unicodedata.category(character) in _UNPRINTABLE for character in name)


def _escaped_name(name: str) -> str:
    return "".join(
        ascii(character)[1:-1] if unicodedata.category(character) in _UNPRINTABLE
        else character for character in name
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def wanted_slug(article: CleanArticle) -> str:
    """The slug an article asks for (its header's ``slug``, else its title), before
    :func:`unique_slugs` tells colliding ones apart."""
    return slugify(article.raw.header.slug or article.title, fallback="article")


class _Passes:
    """The passes of kept articles, loaded or made when asked (within one run): a warm run
    asks only for the articles whose summary or page it must make again."""

    def __init__(self, settings: Settings, registries: Registries,
                 knowledge: Callable[[], Knowledge], cache: Cached | None) -> None:
        self.settings = settings
        self.registries = registries
        self.knowledge = knowledge
        self.cache = cache
        self.tables: dict[str, dict[str, str]] = {}

    def cleaned(self, item: _Kept) -> CleanArticle:
        """The cleaned article: from this run, else the stored first pass, else made again."""
        if item.first is None or item.first.clean is None:
            stored = self.cache.load("first", item.key, FirstPass) if self.cache else None
            item.first = stored if stored is not None and stored.clean is not None else \
                self._first(item)
        assert item.first.clean is not None
        return item.first.clean

    def _first(self, item: _Kept) -> FirstPass:
        result = _run(_first_pass, [item.job], 1, lambda: (self.registries, self.knowledge()))[0]
        if self.cache:
            self.cache.save("first", item.key, result)
        return result

    def extraction(self, item: _Kept) -> Extraction:
        """The extraction its second-pass facts describe: from this run, else the stored
        second pass when it still holds, else made again."""
        if item.second is None and self.cache:
            stored = self.cache.load("second", item.key, SecondPass)
            if stored is not None and still_true(stored.lookups, self.tables) and \
                    item.facts.second is not None and \
                    second_facts(stored).digest == item.facts.second.digest:
                item.second = stored
        if item.second is None:
            self.second([item])
        assert item.second is not None
        return item.second.extraction

    def second(self, items: list[_Kept], progress: Progress | None = None) -> None:
        """Extract ``items`` knowing the archive's people (``tables``)."""
        computed = _run(_second_pass, [self.cleaned(item) for item in items],
                        self.settings.jobs, lambda: (self.registries, dataclasses.replace(
                            self.knowledge(), people=self.tables["people"],
                            registry_surnames=self.tables["surnames"])), progress)
        for item, result in zip(items, computed, strict=True):
            if self.cache:
                self.cache.save("second", item.key, result)
            self.took(item, result)

    def took(self, item: _Kept, second: SecondPass) -> None:
        item.second = second
        item.facts = dataclasses.replace(item.facts, second=second_facts(second))
        if self.cache:
            self.cache.save("facts", item.key, item.facts)


@dataclass(frozen=True)
class Resolved:
    """Each name as found → its canonical name, and each article's slug (by corpus path)."""

    mapping: dict[str, str]
    slugs: dict[str, str]


def analyse(passes: _Passes, kept: list[_Kept], progress: Progress | None = None) -> Resolved:
    """Resolve people across the archive and extract each article knowing them (the second
    pass); every kept article then has the facts of its second pass.

    A stored extraction is reused when every question it asked of the archive-wide tables
    (see :mod:`generator.cache.lookups`) still gets the same answer: it would take the same
    path and find the same."""
    registered = registry_people(passes.registries)
    mapping = canonical_people([list(item.facts.first.people) for item in kept], registered)
    surnames = archive_surnames(set(mapping.values()), registered)
    people = {fold(name): canonical for name, canonical in mapping.items()}
    passes.tables = {"people": {**people, **registered.people},
                     "surnames": {**surnames, **registered.registry_surnames}}
    missing = []
    for item in kept:
        second = item.facts.second
        if second is not None and still_true(second.lookups, passes.tables):
            continue
        stored = passes.cache.load("second", item.key, SecondPass) if passes.cache else None
        if stored is not None and still_true(stored.lookups, passes.tables):
            passes.took(item, stored)
        else:
            missing.append(item)
    passes.second(missing, progress)
    names = [list(item.facts.second.names) for item in kept if item.facts.second]
    return Resolved(canonical_people(names, registered), unique_slugs(
        [(item.source_file, item.facts.first.wanted_slug) for item in kept]))


def assemble(cleaned: CleanArticle, extraction: Extraction, mapping: dict[str, str],
             slug: str) -> Article:
    """The final article: its extraction with every name canonical, the header's
    corrections applied, its date chosen."""
    def canonical(name: str) -> str:
        return mapping.get(name, name)

    header = cleaned.raw.header
    people = ordered_unique([canonical(name) for name in extraction.people]
                            + [canonical(s) for s in extraction.speakers])
    if header.people is not None:
        people = ordered_unique(list(header.people) + [canonical(s) for s in extraction.speakers])
    # A contributor's `speakers:` is a correction: statements of anyone else are dropped,
    # so every statement's speaker is a speaker and a person of the page.
    statements = tuple(
        dataclasses.replace(statement, speaker=canonical(statement.speaker))
        for statement in extraction.statements
        if header.speakers is None or statement.speaker in header.speakers
    )
    date, date_source = _article_date(cleaned)
    return Article(
        clean=cleaned,
        slug=slug,
        date=date,
        date_source=date_source,
        speakers=ordered_unique([canonical(name) for name in extraction.speakers]),
        people=people,
        organizations=extraction.organizations,
        places=extraction.places,
        topics=extraction.topics,
        date_mentions=extraction.date_mentions,
        resolved_dates=extraction.resolved_dates,
        subject_candidates=extraction.subject_candidates,
        statements=statements,
        sources=tuple(b.text for b in cleaned.blocks if b.kind == "source"),
    )


def _article_date(article: CleanArticle) -> tuple[dt.date | None, DateSource | None]:
    raw = article.raw
    if raw.header.date is not None:
        return raw.header.date, "front-matter"
    if article.dateline_date is not None:
        return article.dateline_date, "text"
    return raw.fallback_date, raw.fallback_date_source


class SiteConfigError(Exception):
    """mkdocs.yml exists but is not a YAML mapping; the message has its path and line."""


SITE_CONFIG_MAX_BYTES = 1_000_000


def read_site_config(config: Path) -> dict:
    """mkdocs.yml as plain data (MkDocs-specific YAML tags read as nothing); {} when there
    is no such file. Raises :class:`SiteConfigError` when it cannot be read as YAML: not a
    regular file (a FIFO would block, a device never end), too large, not UTF-8, nested
    too deep, or not a mapping."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    if not config.exists():
        return {}
    try:
        data, _info = read_capped(config, str(config), SITE_CONFIG_MAX_BYTES,
                                  "MkDocs configurations")
    except ArticleRejected as rejected:
        raise SiteConfigError(str(rejected.problem)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SiteConfigError(f"{config}:{line}: not valid UTF-8: byte 0x{data[error.start]:02x}"
                              f" at byte offset {error.start}") from None
    try:
        parsed = yaml.load(text, Loader=loader) or {}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise SiteConfigError(f"{config}:{line}: invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{config}:1: invalid YAML: {error}") from None
    except RecursionError:
        raise SiteConfigError(f"{config}:1: nested too deep to be a configuration") from None
    if not isinstance(parsed, dict):
        raise SiteConfigError(f"{config}:1: the MkDocs configuration must be a mapping")
    return parsed


def configured_docs_dir(config: Path) -> Path:
    """The ``docs_dir`` MkDocs will read, resolved against the folder of ``config``."""
    return (config.parent / str(read_site_config(config).get("docs_dir", "docs"))).resolve()


def source_url_base(config: Path) -> str | None:
    """``repo_url`` of mkdocs.yml + the corpus path on the default branch, for source links."""
    repo = read_site_config(config).get("repo_url")
    if not isinstance(repo, str) or not repo.startswith("https://"):
        return None
    return repo.rstrip("/") + "/blob/main/corpus/articles/"


def published_site(config: Path) -> tuple[Site, tuple[Problem, ...]]:
    """The site the feeds and exports link to (``site_url`` and ``site_name`` of mkdocs.yml)
    and a warning when an existing config has no ``site_url``: links are then relative to
    the file they are in. Raises :class:`SiteConfigError` for a ``site_url`` that is not an
    http(s) address."""
    settings = read_site_config(config)
    try:
        address = site_address(settings.get("site_url"))
    except BadSiteUrl as error:
        raise SiteConfigError(f"{config}:{_key_line(config, 'site_url')}: {error}") from None
    name = settings.get("site_name")
    site = Site(address, name if isinstance(name, str) and name.strip() else Site.name,
                ARCHIVE_DIR)
    if address is None and config.is_file():
        return site, (Problem(str(config), 1, "site_url is not set: the feeds and exports link "
                              "relative to their own file; set it to the address the site is "
                              "published at for absolute links", "warning"),)
    return site, ()


def _key_line(config: Path, key: str) -> int:
    """The line of mkdocs.yml where the top-level ``key`` is set (1 when not found)."""
    try:
        lines = config.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, start=1)
                 if line.startswith(f"{key}:")), 1)


# Every file load_registries reads: a stored registry is reused only for the same bytes.
REGISTRY_FILES = ("boilerplate.yml", "places.yml", "people.yml", "topics.yml",
                  "organizations.yml", "related.yml", "subjects.yml")


def _registry_files(corpus: Path) -> tuple[str | bytes, ...] | None:
    """The bytes of every registry file as found (None when one is not a plain readable
    file: such a registry is never cached, its problem is reported by the loader)."""
    parts: list[str | bytes] = [str(corpus)]
    for name in REGISTRY_FILES:
        path = corpus / name
        if path.is_symlink() and not path.exists():
            return None
        if not path.exists():
            parts.append(f"{name} missing")
            continue
        try:
            data, _info = read_capped(path, str(path), MAX_BYTES, "registries")
        except (ArticleRejected, OSError):
            return None
        parts.extend((name, data))
    return tuple(parts)


def load_registries_cached(corpus: Path, store: Store | None) -> Registries:
    """:func:`load_registries`, or its stored result for registry files of the same bytes
    (vetting 50 chrome patterns for catastrophic backtracking and reading the gazetteer to
    vet aliases cost more than a whole warm run). Only a registry without errors is stored,
    and only when its files did not change while it was loaded."""
    before = _registry_files(corpus) if store is not None else None
    if store is None or before is None:
        return load_registries(corpus)
    entries = Cached(store, "")
    key = digest("registries", *before)
    stored = entries.load("registries", key, Registries)
    if stored is not None:
        return stored
    registries = load_registries(corpus)
    if _registry_files(corpus) == before:
        entries.save("registries", key, registries)
    return registries


PACKAGED_KEY = digest("packaged tables")


def knowledge_cached(registries: Registries, cache: Cached | None) -> Knowledge:
    """:func:`build_knowledge`, with the tables made from packaged data
    (:class:`PackagedTables`) taken from the cache when it has them. Made only when an
    article is extracted: a warm run that extracts one article would otherwise spend more
    on building those tables than on all the rest."""
    tables = cache.load("tables", PACKAGED_KEY, PackagedTables) if cache else None
    if tables is not None:
        use_packaged_tables(tables)
    knowledge = build_knowledge(registries)
    if cache and tables is None:
        cache.save("tables", PACKAGED_KEY, packaged_tables())
    return knowledge


def _summary_key(item: _Kept, mapping: dict[str, str], slug: str) -> str:
    """Everything an article's summary (and page) is made from: its file (through its key),
    its extraction, how the archive resolves the names it found, and its slug."""
    second = item.facts.second
    assert second is not None
    names = sorted({*second.names, *second.statement_speakers})
    return digest("summary", item.key, second.digest,
                  repr([(name, mapping.get(name, name)) for name in names]), slug)


def _identity(summary_key: str, summary: ArticleSummary) -> str:
    """What names an article's final summary: its key (everything the article's own
    passes and the archive's names gave it) and what the archive's subjects added (its
    subjects and the topics they became). It changes whenever anything of the summary
    does, and only then."""
    return digest("identity", summary_key, repr(summary.subjects), repr(summary.topics))


def _page_key(identity: str, article: ArticleSummary, person_slugs: dict[str, str],
              topic_labels: dict[str, str], source_url: str | None,
              related: tuple[ArticleSummary, ...], subject_slugs: dict[str, str]) -> str:
    """Everything :func:`render_article` reads: the article (through its identity: its
    summary's key and its subjects and topics), the slugs of its people, the labels of its
    topics, the corpus link, what its related briefings show (their slug, title, date,
    outlet), and which of its subjects have a page. (``repr`` of these plain values —
    strings, dates, tuples — is exact and cheap.)"""
    shown = [(other.slug, other.title, other.date, other.outlet, other.speakers)
             for other in related]
    return digest("page", identity,
                  repr([person_slugs[name] for name in (*article.people, *article.speakers)]),
                  repr([topic_labels.get(slug, slug) for slug in article.topics]),
                  source_url or "", repr(shown),
                  repr([subject_slugs.get(name) for name in article.subjects]))


def _related_key(settings: Settings) -> str:
    # One state per corpus folder: the state says itself what it was computed from.
    return digest("related", str(settings.corpus.resolve()))


def _remember(cache: Cached | None):
    """The text memo of the hub pages, feeds and export (None without a cache)."""
    if cache is None:
        return None

    def remember(key: str, make: Callable[[], str]) -> str:
        text = cache.load_text("hub", key)
        if text is None:
            text = make()
            cache.save_text("hub", key, text)
        return text

    return remember


def make_pages(settings: Settings, progress: Progress | None = None,
               keep_articles: bool = True) -> Report:
    """Run every stage but the write; the pages and the report (with the whole articles
    unless ``keep_articles`` is off). Raises :class:`MissingArticles` when there is no
    articles folder to read."""
    store = Store(settings.cache) if settings.cache is not None else None
    registries = load_registries_cached(settings.corpus, store)
    cache = Cached(store, registries_digest(registries)) if store is not None else None
    knowledge = functools.cache(lambda: knowledge_cached(registries, cache))
    listing = discover(settings.articles_dir)
    kept, rejected, warnings = read_corpus(
        settings, registries, knowledge, list(listing.files), cache, progress)
    rejected = sorted([*listing.errors, *rejected], key=lambda p: (p.path, p.line))
    warnings = [*listing.warnings, *warnings]
    passes = _Passes(settings, registries, knowledge, cache)
    resolved = analyse(passes, kept, progress)
    known_topics = {topic.slug for topic in registries.topics}
    for item in kept:
        for topic in item.facts.first.header_topics:
            if topic not in known_topics:
                warnings.append(Problem(item.source_file, 1,
                                        f"front-matter: topic {topic!r} is not in topics.yml "
                                        "and was ignored", "warning"))
    made: dict[int, Article] = {}

    def article(index: int) -> Article:
        if index not in made:
            item = kept[index]
            made[index] = assemble(passes.cleaned(item), passes.extraction(item),
                                   resolved.mapping, resolved.slugs[item.source_file])
        return made[index]

    summaries: list[ArticleSummary] = []
    summary_keys: dict[str, str] = {}
    for index, item in enumerate(kept):
        slug = resolved.slugs[item.source_file]
        key = _summary_key(item, resolved.mapping, slug) if cache else ""
        summary = cache.load("summary", key, ArticleSummary) if cache else None
        if summary is None:
            summary = summarize(article(index), load_lexicon().abbreviations)
            if cache:
                cache.save("summary", key, summary)
        summary_keys[slug] = key
        summaries.append(summary)
    # Subjects recur across the archive: chosen once every summary is known, from their
    # candidates; an article's identity is its summary's key and what the choice gave it.
    subjects = archive_subjects(summaries, registries)
    summaries = with_subjects(summaries, subjects)
    subject_slugs = subjects.slugs
    identities = {summary.slug: _identity(summary_keys[summary.slug], summary)
                  for summary in summaries} if cache else {}

    def final(index: int) -> Article:
        return with_subjects([article(index)], subjects)[0]

    registered = registry_people(registries)
    unregistered = sorted({(summary.source_file, name) for summary in summaries
                           for name in summary.people if fold(name) not in registered.people})
    person_names = sorted({name for summary in summaries for name in summary.people})
    person_slugs = unique_slugs([(name, slugify(name, fallback="person")) for name in person_names])
    topic_labels = {topic.slug: topic.label for topic in registries.topics}
    base = source_url_base(settings.config)
    previous = cache.load("related", _related_key(settings), RelatedState) if cache else None
    state = related_state(summaries, registries.related, previous, identities)
    if cache and state != previous:
        cache.save("related", _related_key(settings), state)
    related = state.lists()
    by_slug = {summary.slug: summary for summary in summaries}
    pages = []
    for index, summary in enumerate(summaries):
        # Percent-encoded: a file name with "#", "%", "?", ">" or a space must still link
        # to that file, not to a fragment or a broken link.
        source_url = base + "/".join(
            quote(unicodedata.normalize("NFC", part), safe="")
            for part in summary.source_file.split("/")) if base else None
        shown = tuple(by_slug[slug] for slug in related[summary.slug])
        key = _page_key(identities[summary.slug], summary, person_slugs, topic_labels,
                        source_url, shown, subject_slugs) if cache else ""
        text = cache.load_text("page", key) if cache else None
        if text is None:
            page = render_article(final(index), person_slugs, topic_labels, source_url, shown,
                                  subject_slugs)
            if cache:
                cache.save_text("page", key, page.text)
        else:
            page = Page(f"{ARTICLES_DIR}/{summary.slug}.md", text)
        pages.append(page)
    site, site_warnings = published_site(settings.config)
    remember = _remember(cache)
    pages.extend(index_pages(summaries, person_slugs, registries.people, registries.topics,
                             site.name, identities, remember))
    pages.extend(archive_feed_pages(summaries, person_slugs, registries.topics, site,
                                    identities, remember, subjects))
    pages.extend(subject_pages(summaries, subjects, person_slugs, topic_labels, site.archive,
                               identities, remember))
    position = {summary.slug: index for index, summary in enumerate(summaries)}
    pages.extend(export_pages(summaries, person_slugs, registries.people, site,
                              lambda summary: passes.cleaned(kept[position[summary.slug]]).text,
                              identities, remember))
    pages.sort(key=lambda page: page.path)
    if cache:
        cache.store.prune()
    articles = tuple(final(index) for index in range(len(kept))) if keep_articles else ()
    return Report(articles, tuple(pages), tuple(rejected), tuple(warnings),
                  tuple(unregistered), (*registries.warnings, *site_warnings),
                  tuple(summaries))


class EmptyArchive(Exception):
    """The run found no article to publish and was not told that an empty archive is fine;
    carries the run's report, whose rejected files say why."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report


def check_output(settings: Settings) -> None:
    """Raise :class:`UnsafeTarget` unless ``docs/archive`` may be replaced (see
    :mod:`generator.targets`)."""
    check_docs_folder(settings.docs)
    said = (f"--docs {settings.docs}: its archive folder {settings.output}"
            if settings.docs != Path("docs") else f"the archive folder {settings.output}")
    check_target(settings.output, said, "Pass --docs the folder of the hand-written pages "
                 "(docs), whose archive/ sub-folder is the generator's own.",
                 protected_places(settings.corpus, settings.docs, settings.config),
                 inside_docs=True)


def generate(settings: Settings, locked_by_caller: bool = False,
             progress: Progress | None = None,
             on_written: Callable[[], None] | None = None) -> Report:
    """Make the pages and swap them into ``docs/archive`` atomically, holding its lock
    (``on_written`` runs once they are in place, still under it).

    Nothing is written when the target is not ours (:class:`UnsafeTarget`), when there is
    no articles folder (:class:`MissingArticles`), or when no article survived and
    ``allow_empty`` is off (:class:`EmptyArchive`)."""
    check_output(settings)
    with contextlib.nullcontext() if locked_by_caller else locked(settings.output):
        # Checked again under the lock: the folder may have changed while this run waited.
        check_output(settings)
        report = make_pages(settings, progress, keep_articles=False)
        if not report.summaries and not settings.allow_empty:
            before = marker_facts(settings.output).get("articles", "0")
            raise EmptyArchive(
                f"no article to publish in {settings.articles_dir}"
                + (f"; the archive in {settings.output} has {before} and is kept"
                   if before not in ("", "0") else "")
                + " (pass --allow-empty to publish an empty archive)", report)
        write_pages(report.pages, settings.output, articles=len(report.summaries))
        if on_written is not None:
            on_written()
    return report
