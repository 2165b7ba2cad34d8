"""``briefing check [FILES…]``: every problem at once, for a person, an editor, GitHub, a tool.

In: the settings, the files named (a folder stands for its articles; none: the whole
corpus), and the options: ``--fix`` (safe fixes first, see :mod:`.fixes`), ``--base REF``
(also check the articles added or changed since REF, and summarise those), ``--summary
FILE`` (append the Markdown summary, e.g. ``$GITHUB_STEP_SUMMARY``), ``--format json``, and
whether it runs in GitHub Actions (``GITHUB_ACTIONS=true``: workflow commands too).
Out: diagnostics on stderr (plain) and the count line on stdout, or one JSON document on
stdout; :func:`check_articles` returns True when any error was found. Reads the corpus, writes only
the files ``--fix`` fixes (named, or the corpus's articles) and the summary file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from generator.build import Report, Settings, discover, make_pages
from generator.contribute import fixes
from generator.contribute.diagnostics import (
    Diagnostic,
    as_json,
    counts,
    from_problem,
    ordered,
    plain,
    workflow_command,
)
from generator.contribute.findings import ArticleFile, diagnose
from generator.contribute.summary import Changes, GitProblem, changed_articles, markdown
from generator.model import ArticleRejected
from generator.read import MAX_BYTES, normalise_text
from generator.registry import Registries, RegistryError, load_registries
from generator.source_files import ARTICLE_SUFFIXES, MissingArticles, list_articles, read_capped


@dataclass(frozen=True)
class CheckRequest:
    files: tuple[Path, ...] = ()
    output_format: Literal["plain", "json"] = "plain"
    fix: bool = False
    base: str | None = None
    summary: Path | None = None
    github: bool = False


class CheckUsageError(Exception):
    """An option of ``check`` cannot be used (an unknown ``--base``)."""


def _named_files(paths: tuple[Path, ...]) -> tuple[list[Path], list[Diagnostic]]:
    """The article files named (a folder stands for the articles in it) and a diagnostic
    for each name that is wrong."""
    files: list[Path] = []
    wrong: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            try:
                files.extend(list_articles(path).files)
            except MissingArticles as problem:
                wrong.append(Diagnostic(path.as_posix(), 1, 1, "error", "file-kind",
                                        str(problem)))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            wrong.append(Diagnostic(path.as_posix(), 1, 1, "error", "file-kind",
                                    "no such file or folder",
                                    "name an article under corpus/articles/, or a folder"))
    return files, wrong


def _selection(settings: Settings, named: list[Path]) -> tuple[set[str], list[Diagnostic]]:
    """Paths relative to the articles folder for the files named; a diagnostic for each
    named file that cannot be an article of this corpus."""
    every = discover(settings.articles_dir).files
    by_real_path = {candidate.resolve(): candidate for candidate in every}
    articles_dir = settings.articles_dir.absolute()
    wanted: set[str] = set()
    wrong: list[Diagnostic] = []
    for path in named:
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            wrong.append(Diagnostic(path.as_posix(), 1, 1, "error", "file-kind",
                                    "not an article: only .txt and .md files are read"))
        elif not path.resolve().is_relative_to(settings.articles_dir.resolve()):
            wrong.append(Diagnostic(path.as_posix(), 1, 1, "error", "file-kind",
                                    f"not under {settings.articles_dir}/; articles must "
                                    "live there", f"move it into {settings.articles_dir}/"))
        elif path.resolve() in by_real_path:
            wanted.add(by_real_path[path.resolve()].relative_to(settings.articles_dir)
                       .as_posix())
        elif path.absolute().is_relative_to(articles_dir):
            # Not an article the listing kept (a FIFO, say): its problem is still shown.
            wanted.add(path.absolute().relative_to(articles_dir).as_posix())
    return wanted, wrong


def _read_text(path: Path) -> str | None:
    try:
        data, _info = read_capped(path, path.name, MAX_BYTES)
    except ArticleRejected:
        return None
    return normalise_text(data.decode("utf-8-sig", errors="replace"))


def _fix(settings: Settings, selected: set[str] | None,
         out: TextIO, quiet: bool) -> list[dict[str, object]]:
    """Apply the safe fixes to the selected articles (all when None); what was done."""
    done: list[dict[str, object]] = []
    for path in discover(settings.articles_dir).files:
        relative = path.relative_to(settings.articles_dir).as_posix()
        if (selected is not None and relative not in selected) or path.is_symlink():
            continue
        shown = path.as_posix()
        try:
            data, _info = read_capped(path, relative, MAX_BYTES)
        except ArticleRejected:
            continue  # not a readable regular file: check reports it
        fix = fixes.plan(shown, data)
        if fix is None:
            continue
        if not quiet and fix.diff:
            out.write(fix.diff)
        fixes.apply(fix, path)
        done.append({"path": shown, "changes": list(fix.changes), "diff": fix.diff})
        if not quiet:
            print(f"fixed {shown}: {'; '.join(fix.changes)}", file=out)
    return done


def _located(diagnostic: Diagnostic, articles_dir: Path) -> Diagnostic:
    return dataclasses.replace(diagnostic, path=(articles_dir / diagnostic.path).as_posix())


def check_articles(settings: Settings, request: CheckRequest, out: TextIO | None = None,
        err: TextIO | None = None) -> bool:
    """Check, print, summarise; True when an error was found. Raises
    :class:`CheckUsageError` and :class:`MissingArticles`."""
    # Looked up at call time, so redirection (pytest's capsys) sees the output.
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    named, found = _named_files(request.files)
    selected: set[str] | None = None
    if request.files:
        selected, wrong = _selection(settings, named)
        found += wrong
    changes = Changes((), ())
    if request.base is not None:
        try:
            changes = changed_articles(settings.articles_dir, request.base)
        except (GitProblem, ValueError) as problem:
            raise CheckUsageError(f"--base {request.base}: {problem}") from None
        selected = (selected or set()) | set(changes.added) | set(changes.changed)
    applied = _fix(settings, selected, out, request.output_format == "json") \
        if request.fix else []
    report, registries = Report(), Registries()
    try:
        registries = load_registries(settings.corpus)
        report = make_pages(settings)
    except RegistryError as error:
        found += [from_problem(problem) for problem in error.problems]
    found += [from_problem(problem) for problem in registries.warnings]
    files = {}
    for path in discover(settings.articles_dir).files:
        relative = path.relative_to(settings.articles_dir).as_posix()
        if selected is None or relative in selected:
            text = _read_text(path)
            if text is not None:
                files[relative] = ArticleFile(relative, text)
    today = dt.datetime.now(dt.UTC).date()
    found += [_located(d, settings.articles_dir)
              for d in diagnose(report, registries, files, selected, today)]
    checked = len(selected) if selected is not None else (
        len(report.articles) + len(report.rejected))
    if not report.articles and not report.rejected and not settings.allow_empty \
            and not found and selected is None:
        found.append(Diagnostic(settings.articles_dir.as_posix(), 1, 1, "error", "empty",
                                "no articles here", "add one: `./run new --paste` (see "
                                "CONTRIBUTING.md)"))
    found = ordered(found)
    tally = counts(found)
    if request.output_format == "json":
        print(as_json(found, checked, applied), file=out)
    else:
        for diagnostic in found:
            print(plain(diagnostic), file=err)
        if request.github:
            for diagnostic in found:
                print(workflow_command(diagnostic), file=out)
        print(f"check: {checked} article file{'s' * (checked != 1)} checked, "
              f"{tally['errors']} error{'s' * (tally['errors'] != 1)}, "
              f"{tally['warnings']} warning{'s' * (tally['warnings'] != 1)}", file=out)
    if request.summary is not None:
        articles = {a.clean.raw.source_file: a for a in report.articles}
        summarised = [d for d in found if d.severity != "note"]
        with request.summary.open("a", encoding="utf-8") as summary:
            summary.write(markdown(request.base or "the corpus", changes, articles,
                                   summarised, settings.articles_dir.as_posix()))
    return tally["errors"] > 0

