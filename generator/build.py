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
from generator.clean import clean, repeated_lines
from generator.extract import extract, find_people, ordered_unique
from generator.index import index_pages
from generator.knowledge import (
    Knowledge,
    build_knowledge,
    fold,
    load_lexicon,
    load_tables,
    registry_people,
)
from generator.model import (
    Article,
    ArticleRejected,
    CleanArticle,
    DateSource,
    Extraction,
    FirstPass,
    Page,
    Problem,
    SecondPass,
)
from generator.pages.home import lead_sentence
from generator.pages.subject import subject_pages
from generator.progress import Progress
from generator.publish.export import export_pages
from generator.publish.feeds import archive_feeds, feed_pages, subject_feeds
from generator.publish.places import BadSiteUrl, Site, site_address
from generator.publish.related import related_articles
from generator.read import MAX_BYTES, normalise_text, read_article
from generator.registry import Registries, SubjectVocabulary, load_registries
from generator.render import ARTICLES_DIR, render_article
from generator.resolve import archive_surnames, canonical_people
from generator.slug import slugify, unique_slugs
from generator.source_files import Listing, list_articles, read_capped
from generator.targets import (
    check_docs_folder,
    check_target,
    locked,
    marker_facts,
    protected_places,
)
from generator.write import write_pages

ARCHIVE_DIR = "archive"


@dataclass(frozen=True)
class Settings:
    """Where things are and how to run; validated once by the command line."""

    corpus: Path = Path("corpus")
    docs: Path = Path("docs")
    jobs: int = 1
    strict: bool = False
    config: Path = Path("mkdocs.yml")
    allow_empty: bool = False
    # Folder of the content-hash cache (generator/cache/); None: every run is a cold one.
    cache: Path | None = None

    @property
    def articles_dir(self) -> Path:
        return self.corpus / "articles"

    @property
    def output(self) -> Path:
        return self.docs / ARCHIVE_DIR


@dataclass(frozen=True)
class Report:
    """What a run did: articles on the site, files rejected, warnings, notes."""

    articles: tuple[Article, ...] = ()
    pages: tuple[Page, ...] = ()
    rejected: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    unregistered_people: tuple[tuple[str, str], ...] = field(default=())
    # Registry and configuration problems carry their own path (corpus/people.yml,
    # mkdocs.yml), not an article's.
    registry_warnings: tuple[Problem, ...] = ()


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
    committed = from_git.get(path.resolve())
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


def _article_jobs(settings: Settings, paths: list[Path]):
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
    # its cached result depends on them and on nothing else of the archive.
    texts = [normalise_text(data.decode("utf-8", "replace")) for _path, data, _d, _s in jobs]
    repeated = repeated_lines(texts)
    own = [frozenset(" ".join(line.split()) for line in text.splitlines()) & repeated
           for text in texts]
    return [(*job, lines) for job, lines in zip(jobs, own, strict=True)], rejected


def _article_key(registries_key: str, job: ArticleJob) -> str:
    relative, data, date, source, repeated = job
    return digest("article", registries_key, relative, data,
                  date.isoformat() if date else "", source or "", *sorted(repeated))


def read_corpus(settings: Settings, registries: Registries,
                knowledge: Callable[[], Knowledge], paths: list[Path], cache: Cached | None = None,
                progress: Progress | None = None):
    """Read, clean and extract (first pass) the articles at ``paths``; return (cleaned
    articles, their first passes, rejected, warnings). A cached first pass is reused."""
    jobs, rejected = _article_jobs(settings, paths)
    keys = [_article_key(cache.registries_key, job) if cache else "" for job in jobs]
    results: list[FirstPass | None] = [
        cache.load("first", key, FirstPass) if cache else None for key in keys]
    missing = [index for index, result in enumerate(results) if result is None]
    computed = _run(_first_pass, [jobs[index] for index in missing], settings.jobs,
                    lambda: (registries, knowledge()), progress)
    for index, result in zip(missing, computed, strict=True):
        results[index] = result
        if cache:
            cache.save("first", keys[index], result)
    cleaned: list[CleanArticle] = []
    firsts: list[tuple[str, FirstPass]] = []
    warnings: list[Problem] = []
    first_with_text: dict[str, str] = {}
    for key, result in zip(keys, results, strict=True):
        assert result is not None
        warnings.extend(result.warnings)
        if result.clean is None:
            if result.problem is not None:
                rejected.append(result.problem)
            continue
        raw = result.clean.raw
        original = first_with_text.setdefault(raw.content_hash, raw.source_file)
        if original != raw.source_file:
            rejected.append(Problem(raw.source_file, 1,
                                    f"duplicate article: same text as {original}"))
            continue
        cleaned.append(result.clean)
        firsts.append((key, result))
    return cleaned, firsts, sorted(rejected, key=lambda p: (p.path, p.line)), warnings


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


def analyse(settings: Settings, registries: Registries, firsts: list[tuple[str, FirstPass]],
            knowledge: Callable[[], Knowledge], cache: Cached | None = None,
            progress: Progress | None = None) -> tuple[list[Article], list[tuple[str, str]]]:
    """Resolve people across the archive, extract each article knowing them, and assemble
    the final articles.

    A stored extraction is reused when every question it asked of the archive-wide tables
    (see :mod:`generator.cache.lookups`) still gets the same answer: it would take the same
    path and find the same."""
    cleaned = [first.clean for _key, first in firsts]
    registered = registry_people(registries)
    mapping = canonical_people([list(first.people) for _key, first in firsts], registered)
    surnames = archive_surnames(set(mapping.values()), registered)
    people = {fold(name): canonical for name, canonical in mapping.items()}
    tables = {"people": {**people, **registered.people},
              "surnames": {**surnames, **registered.registry_surnames}}
    second: list[Extraction | None] = []
    for key, _first in firsts:
        stored = cache.load("second", key, SecondPass) if cache else None
        second.append(stored.extraction if stored is not None and
                      still_true(stored.lookups, tables) else None)
    missing = [index for index, extraction in enumerate(second) if extraction is None]
    computed = _run(_second_pass, [cleaned[index] for index in missing],
                    settings.jobs, lambda: (registries, dataclasses.replace(
                        knowledge(), people=tables["people"],
                        registry_surnames=tables["surnames"])), progress)
    for index, result in zip(missing, computed, strict=True):
        second[index] = result.extraction
        if cache:
            cache.save("second", firsts[index][0], result)
    names = [list(e.people) + list(e.speakers) for e in second]
    mapping = canonical_people(names, registered)
    slugs = unique_slugs([(c.raw.source_file, wanted_slug(c)) for c in cleaned])
    articles = []
    unregistered: set[tuple[str, str]] = set()
    for cleaned_article, extraction in zip(cleaned, second, strict=True):
        canonical = lambda name: mapping.get(name, name)  # noqa: E731
        header = cleaned_article.raw.header
        people = ordered_unique([canonical(name) for name in extraction.people]
                         + [canonical(s) for s in extraction.speakers])
        if header.people is not None:
            people = ordered_unique(list(header.people) + [canonical(s) for s in extraction.speakers])
        for name in people:
            if fold(name) not in registered.people:
                unregistered.add((cleaned_article.raw.source_file, name))
        # A contributor's `speakers:` is a correction: statements of anyone else are dropped,
        # so every statement's speaker is a speaker and a person of the page.
        statements = tuple(
            dataclasses.replace(statement, speaker=canonical(statement.speaker))
            for statement in extraction.statements
            if header.speakers is None or statement.speaker in header.speakers
        )
        date, date_source = _article_date(cleaned_article)
        articles.append(Article(
            clean=cleaned_article,
            slug=slugs[cleaned_article.raw.source_file],
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
            sources=tuple(b.text for b in cleaned_article.blocks if b.kind == "source"),
        ))
    return articles, sorted(unregistered)


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


REGISTRY_FILES = ("boilerplate.yml", "places.yml", "people.yml", "topics.yml",
                  "organizations.yml", "subjects.yml")


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


def _page_key(article_key: str, article: Article, person_slugs: dict[str, str],
              topic_labels: dict[str, str], source_url: str | None,
              related: tuple[Article, ...], subject_slugs: dict[str, str]) -> str:
    """Everything :func:`render_article` reads: the article (its file, through
    ``article_key``, and every field derived from the archive), the slugs of its people,
    the labels of its topics, the corpus link, what its related briefings show (their
    slug, title, date, outlet), and which of its subjects have a page. (``repr`` of these
    plain values — strings, numbers, dates, tuples and frozen dataclasses of them — is
    exact and cheap.)"""
    derived = tuple(getattr(article, item.name) for item in dataclasses.fields(article)
                    if item.name != "clean")
    shown = [(other.slug, other.clean.title, other.date, other.clean.outlet, other.speakers)
             for other in related]
    return digest("page", article_key, repr(derived),
                  repr([person_slugs[name] for name in (*article.people, *article.speakers)]),
                  repr([topic_labels.get(slug, slug) for slug in article.topics]),
                  source_url or "", repr(shown),
                  repr([subject_slugs.get(name) for name in article.subjects]))


def make_pages(settings: Settings, progress: Progress | None = None) -> Report:
    """Run every stage but the write; the pages and the report. Raises
    :class:`MissingArticles` when there is no articles folder to read."""
    store = Store(settings.cache) if settings.cache is not None else None
    registries = load_registries_cached(settings.corpus, store)
    knowledge = functools.cache(lambda: build_knowledge(registries))
    cache = Cached(store, registries_digest(registries)) if store is not None else None
    listing = discover(settings.articles_dir)
    cleaned, firsts, rejected, warnings = read_corpus(
        settings, registries, knowledge, list(listing.files), cache, progress)
    rejected = sorted([*listing.errors, *rejected], key=lambda p: (p.path, p.line))
    warnings = [*listing.warnings, *warnings]
    articles, unregistered = analyse(settings, registries, firsts, knowledge, cache, progress)
    # Subjects recur across the archive: chosen once every article is known.
    subjects = archive_subjects(articles, registries)
    articles = with_subjects(articles, subjects)
    subject_slugs = subjects.slugs
    known_topics = {topic.slug for topic in registries.topics}
    for article in cleaned:
        for topic in article.raw.header.topics or ():
            if topic not in known_topics:
                warnings.append(Problem(article.raw.source_file, 1,
                                        f"front-matter: topic {topic!r} is not in topics.yml "
                                        "and was ignored", "warning"))
    person_names = sorted({name for article in articles for name in article.people})
    person_slugs = unique_slugs([(name, slugify(name, fallback="person")) for name in person_names])
    topic_labels = {topic.slug: topic.label for topic in registries.topics}
    base = source_url_base(settings.config)
    related = related_articles(articles, registries.related)
    by_slug = {article.slug: article for article in articles}
    pages = []
    for (article_key, _first), article in zip(firsts, articles, strict=True):
        # Percent-encoded: a file name with "#", "%", "?", ">" or a space must still link
        # to that file, not to a fragment or a broken link.
        source_url = base + "/".join(
            quote(unicodedata.normalize("NFC", part), safe="")
            for part in article.clean.raw.source_file.split("/")) if base else None
        shown = tuple(by_slug[slug] for slug in related[article.slug])
        key = _page_key(article_key, article, person_slugs, topic_labels,
                        source_url, shown, subject_slugs) if cache else ""
        text = cache.load_text("page", key) if cache else None
        if text is None:
            page = render_article(article, person_slugs, topic_labels, source_url, shown,
                                  subject_slugs)
            if cache:
                cache.save_text("page", key, page.text)
        else:
            page = Page(f"{ARTICLES_DIR}/{article.slug}.md", text)
        pages.append(page)
    site, site_warnings = published_site(settings.config)
    # Only the lexicon's abbreviations: a warm run never builds the knowledge tables.
    abbreviations = load_lexicon().abbreviations
    pages.extend(index_pages(
        articles, person_slugs, registries.people, registries.topics,
        {article.slug: lead_sentence(article, abbreviations) for article in articles}, site.name))
    pages.extend(feed_pages(archive_feeds(articles, person_slugs, registries.topics, site), site))
    pages.extend(subject_pages(articles, subjects, person_slugs, topic_labels, site.archive))
    pages.extend(feed_pages(subject_feeds(articles, subjects, registries.topics, site), site))
    pages.extend(export_pages(articles, person_slugs, registries.people, site))
    pages.sort(key=lambda page: page.path)
    if cache:
        cache.store.prune()
    return Report(tuple(articles), tuple(pages), tuple(rejected), tuple(warnings),
                  tuple(unregistered), (*registries.warnings, *site_warnings))


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
             progress: Progress | None = None) -> Report:
    """Make the pages and swap them into ``docs/archive`` atomically, holding its lock.

    Nothing is written when the target is not ours (:class:`UnsafeTarget`), when there is
    no articles folder (:class:`MissingArticles`), or when no article survived and
    ``allow_empty`` is off (:class:`EmptyArchive`)."""
    check_output(settings)
    with contextlib.nullcontext() if locked_by_caller else locked(settings.output):
        # Checked again under the lock: the folder may have changed while this run waited.
        check_output(settings)
        report = make_pages(settings, progress)
        if not report.articles and not settings.allow_empty:
            before = marker_facts(settings.output).get("articles", "0")
            raise EmptyArchive(
                f"no article to publish in {settings.articles_dir}"
                + (f"; the archive in {settings.output} has {before} and is kept"
                   if before not in ("", "0") else "")
                + " (pass --allow-empty to publish an empty archive)", report)
        write_pages(report.pages, settings.output, articles=len(report.articles))
    return report
