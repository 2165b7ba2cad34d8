"""What ``check`` finds beyond what stops the build: a report → :class:`Diagnostic` values.

In: the pipeline's :class:`Report` (articles as the site would show them, rejected files,
warnings), the registries, the text of each article file (for lines and columns), the
articles to look at, and today's date. Out: diagnostics with paths relative to
``corpus/articles``, each with a hint. Pure: no file is read here.

Errors (the pull request must not merge): everything the build rejects, a header key that
is a typo of an allowed one (its value would be silently lost), a dateline beyond tomorrow,
an article with nothing left once page chrome is removed, the paste placeholder of
``briefing new`` still in the file, two articles asking for the same URL. Warnings: no date
anywhere, a person not in ``people.yml`` (with the registered name it looks like a variant
of), a header topic not in ``topics.yml`` (with the closest one), a very long article, a
derived headline, a line that looks like page chrome but was kept. Notes: lines removed as
chrome.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from generator.build import Report, wanted_slug
from generator.clean import CHROME_LINE_LIMIT, remove_chrome
from generator.contribute.diagnostics import Diagnostic, from_problem
from generator.model import Article, CleanArticle, Problem
from generator.read import HEADER_KEYS, front_matter_text
from generator.registry import Registries
from generator.yaml_input import YamlError, compose, printable

# Beyond this many words an article is more likely two pastes, or a digest, than one article.
LONG_ARTICLE_WORDS = 12_000
# A key this close to an allowed one (difflib's ratio) is a typo: "titel", "sorce", "dat".
KEY_TYPO_RATIO = 0.75
# A person this close to a registered name or alias is probably that person misspelt.
PERSON_VARIANT_RATIO = 0.8
PLACEHOLDER = "<<< Paste the article here, replacing this line. >>>"
_SHOWN = 70


@dataclass(frozen=True)
class ArticleFile:
    """One article file as text (decoded leniently: only for positions)."""

    path: str
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _shown(text: str) -> str:
    return printable(text[:_SHOWN] + ("…" if len(text) > _SHOWN else ""))


def first_column(file: ArticleFile | None, line: int) -> int:
    """The column of the first character on ``line`` that is not a space."""
    if file is None or not 1 <= line <= len(file.lines):
        return 1
    text = file.lines[line - 1]
    return len(text) - len(text.lstrip()) + 1


def locate(file: ArticleFile | None, needle: str, from_line: int = 1) -> tuple[int, int]:
    """(line, column) of the first ``needle`` at or after ``from_line``; (from_line, 1)
    when it is not there (a name the text spells over a line break)."""
    if file is not None and needle:
        for number, line in enumerate(file.lines[from_line - 1:], start=from_line):
            column = line.find(needle)
            if column >= 0:
                return number, column + 1
    return from_line, 1


def _header(file: ArticleFile) -> list[tuple[yaml.Node, yaml.Node]]:
    found = front_matter_text(file.text)
    if found is None:
        return []
    try:
        root = compose(found[0], 2)
    except YamlError:
        return []  # the build rejects the file with its own message
    return list(root.value) if isinstance(root, yaml.MappingNode) else []


def _header_keys(file: ArticleFile) -> tuple[list[Diagnostic], set[int]]:
    """A key that is a typo of an allowed one is an error; the lines those were on."""
    found: list[Diagnostic] = []
    for key_node, _value in _header(file):
        key = str(key_node.value)
        if key in HEADER_KEYS:
            continue
        ratios = sorted((difflib.SequenceMatcher(None, key.casefold(), allowed).ratio(),
                         allowed) for allowed in HEADER_KEYS)
        ratio, meant = ratios[-1]
        if ratio < KEY_TYPO_RATIO:
            continue  # an unrelated key ("author"): the build's own warning stands
        line = 2 + key_node.start_mark.line
        found.append(Diagnostic(
            file.path, line, key_node.start_mark.column + 1, "error", "header-key-typo",
            f"header key '{printable(key)}' is not supported, so its value would be lost; "
            f"did you mean '{meant}'?", f"rename it to '{meant}:'"))
    return found, {d.line for d in found}


def _header_topics(file: ArticleFile, registries: Registries) -> list[Diagnostic]:
    known = {topic.slug: topic for topic in registries.topics}
    found = []
    for key_node, value in _header(file):
        if key_node.value != "topics":
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or not item.value or item.value in known:
                continue
            labels = {topic.label.casefold(): slug for slug, topic in known.items()}
            close = difflib.get_close_matches(item.value.casefold(), [*known, *labels], n=1)
            meant = labels.get(close[0], close[0]) if close else None
            found.append(Diagnostic(
                file.path, 2 + item.start_mark.line, item.start_mark.column + 1, "warning",
                "unknown-topic",
                f"topic '{_shown(item.value)}' is not in topics.yml and is ignored"
                + (f"; did you mean '{meant}'?" if meant else ""),
                "use a topic id from corpus/topics.yml, or add the topic there"))
    return found


def _person(path: str, name: str, file: ArticleFile | None, body_line: int,
            registries: Registries) -> Diagnostic:
    names = {alias: person.name for person in registries.people
             for alias in (person.name, *person.aliases)}
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=PERSON_VARIANT_RATIO)
    line, column = locate(file, name, body_line)
    if close:
        registered = names[close[0]]
        return Diagnostic(
            path, line, column, "warning", "unregistered-person",
            f"person '{_shown(name)}' is not in people.yml; did you mean '{registered}'?",
            f"if it is the same person, add '{_shown(name)}' to the aliases of '{registered}' "
            "in corpus/people.yml (or correct the spelling); if not, add them as a new entry")
    return Diagnostic(
        path, line, column, "warning", "unregistered-person",
        f"person '{_shown(name)}' is not in people.yml",
        "add them to corpus/people.yml with aliases and role, so their page has one name")


def _chrome(article: Article, file: ArticleFile | None,
            registries: Registries) -> list[Diagnostic]:
    """Notes for the lines removed as chrome; warnings for lines a chrome pattern matches
    that were kept because they end like a sentence."""
    raw = article.clean.raw
    lines = raw.body.split("\n")
    keep, _removed = remove_chrome(lines, registries.boilerplate)
    # The clean stage also removes lines by what it learns later (the head above the
    # headline, lines repeated across the archive): those were not kept.
    removed_anyway = set(article.clean.removed_chrome)
    found = []
    patterns = (*registries.boilerplate.drop_line, *registries.boilerplate.drop_line_and_next,
                *registries.boilerplate.drop_block)
    for offset, (line, kept) in enumerate(zip(lines, keep, strict=True)):
        stripped = line.strip()
        if not kept or not stripped or len(stripped) > CHROME_LINE_LIMIT \
                or stripped in removed_anyway:
            continue
        if any(pattern.fullmatch(stripped) for pattern in patterns):
            number = raw.body_line + offset
            found.append(Diagnostic(
                raw.source_file, number, first_column(file, number), "warning", "chrome-kept",
                f"“{_shown(stripped)}” looks like page chrome but was kept, because it "
                "ends like a sentence",
                "delete the line if it is not the article's text"))
    for number, removed in removed_lines(article.clean, file):
        found.append(Diagnostic(raw.source_file, number, first_column(file, number), "note",
                                "chrome-removed", f"removed as page chrome: “{_shown(removed)}”"))
    return found


def removed_lines(article: CleanArticle, file: ArticleFile | None) -> list[tuple[int, str]]:
    """The lines removed as chrome with their file lines, in file order. The cleaner gives
    their text only (chrome above the headline last), and a line such as "Share" may stand
    several times: each is matched to the first line of that text not matched yet."""
    lines = file.lines if file is not None else article.raw.body.split("\n")
    start = article.raw.body_line if file is not None else 1
    used: set[int] = set()
    found = []
    for removed in article.removed_chrome:
        number = next((number for number, line in enumerate(lines[start - 1:], start=start)
                       if line.strip() == removed and number not in used), None)
        if number is None:
            continue  # not a whole line of the file (a dateline the cleaner took apart)
        used.add(number)
        found.append((number if file is not None else number + article.raw.body_line - 1,
                      removed))
    return sorted(found)


def _article(article: Article, file: ArticleFile | None, registries: Registries,
             today: dt.date) -> list[Diagnostic]:
    clean = article.clean
    raw = clean.raw
    path, start = raw.source_file, raw.body_line
    found = _chrome(article, file, registries)
    if file is not None:
        found += _header_topics(file, registries)
    if not any(block.text.strip() for block in clean.blocks if block.kind != "source"):
        found.append(Diagnostic(
            path, start, first_column(file, start), "error", "no-text",
            "nothing is left once page chrome is removed; the page would be empty",
            "paste the article's own text, not just the page around it"))
    placeholder = PLACEHOLDER in raw.body
    if placeholder:
        line, column = locate(file, PLACEHOLDER, start)
        found.append(Diagnostic(path, line, column, "error", "placeholder",
                                "the article was never pasted: the placeholder is still here",
                                "replace the placeholder line with the article's text"))
    if article.date_source == "text" and article.date and article.date > today + dt.timedelta(1):
        line, column = locate(file, clean.dateline or "", start)
        found.append(Diagnostic(path, line, column, "error", "future-date",
                                f"the dateline gives {article.date}, which lies in the future",
                                "correct the dateline, or set the real date with `date:` in "
                                "the header"))
    if article.date_source in ("git", "file"):
        found.append(Diagnostic(
            path, 1, 1, "warning", "no-date",
            f"no date in the header or a dateline; the page will use the {article.date_source} "
            f"date ({article.date})",
            "add `date: YYYY-MM-DD` (the day it was published) to the header"))
    words = len(clean.text.split())
    if words > LONG_ARTICLE_WORDS:
        found.append(Diagnostic(
            path, start, 1, "warning", "long-article",
            f"the article is {words:,} words long (more than {LONG_ARTICLE_WORDS:,})",
            "check that it is one article; put each article of a digest in its own file"))
    if clean.title_derived and not placeholder:
        found.append(Diagnostic(
            path, start, first_column(file, start), "warning", "derived-title",
            f"no headline on the first line; the title will be “{_shown(clean.title)}”, "
            "derived from the lead", "put the headline on the first line, or add `title:` "
            "to the header"))
    return found


def _same_url(articles: Iterable[Article], files: dict[str, ArticleFile]) -> list[Diagnostic]:
    by_slug: dict[str, list[Article]] = {}
    for article in articles:
        by_slug.setdefault(wanted_slug(article.clean), []).append(article)
    found = []
    for slug, group in sorted(by_slug.items()):
        if len(group) < 2:
            continue
        for article in group:
            raw = article.clean.raw
            others = ", ".join(other.clean.raw.source_file for other in group
                               if other is not article)
            file = files.get(raw.source_file)
            line, column = (locate(file, f"slug: {raw.header.slug}", 1) if raw.header.slug
                            else (raw.body_line, first_column(file, raw.body_line)))
            found.append(Diagnostic(
                raw.source_file, line, column, "error", "same-url",
                f"asks for the same address (archive/articles/{slug}/) as {others}",
                f"give one of them its own `slug:` in the header, e.g. slug: {slug}-"
                f"{article.date or 'YYYY-MM-DD'}"))
    return found


def diagnose(report: Report, registries: Registries, files: dict[str, ArticleFile],
             selected: set[str] | None, today: dt.date) -> list[Diagnostic]:
    """Every diagnostic for the ``selected`` article paths (all when None)."""
    wanted = lambda path: selected is None or path in selected  # noqa: E731
    found: list[Diagnostic] = []
    typo_lines: dict[str, set[int]] = {}
    for path, file in files.items():
        if wanted(path):
            typos, typo_lines[path] = _header_keys(file)
            found += typos
    for problem in (*report.rejected, *report.warnings):
        if not wanted(problem.path) or _replaced(problem, typo_lines.get(problem.path, set())):
            continue
        file = files.get(problem.path)
        found.append(from_problem(problem, first_column(file, problem.line)))
    for article in report.articles:
        if wanted(article.clean.raw.source_file):
            found += _article(article, files.get(article.clean.raw.source_file), registries,
                              today)
    bodies = {a.clean.raw.source_file: a.clean.raw.body_line for a in report.articles}
    for path, name in report.unregistered_people:
        if wanted(path):
            found.append(_person(path, name, files.get(path), bodies.get(path, 1), registries))
    found += [d for d in _same_url(report.articles, files) if wanted(d.path)]
    return found


def _replaced(problem: Problem, typo_lines: set[int]) -> bool:
    """The build's warnings this module words better: a key typo, an unknown topic."""
    return (problem.message.startswith("front-matter key '") and problem.line in typo_lines) \
        or problem.message.startswith("front-matter: topic ")
