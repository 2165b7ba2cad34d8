"""Command line: ``briefing generate|build|serve|check|eval`` (also ``python -m generator``).

Thin: parses options into :class:`Settings`, calls :mod:`generator.build` or
:mod:`generator.site`, prints the report. ``main(argv)`` returns the exit code, so tests call
it in-process. Exit codes: 0 ok, 1 an article or registry has an error, 2 bad usage,
3 the site build failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from generator.build import (
    ARTICLE_SUFFIXES,
    Report,
    Settings,
    configured_docs_dir,
    discover,
    generate,
    make_pages,
)
from generator.model import Problem
from generator.registry import RegistryError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_SITE = 0, 1, 2, 3


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= jobs <= 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64")
    return jobs


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)

    def common(command: argparse.ArgumentParser) -> None:
        command.add_argument("--corpus", type=Path, default=Path("corpus"),
                             help="corpus folder (articles/ and the registries)")
        command.add_argument("--docs", type=Path, default=Path("docs"),
                             help="MkDocs docs folder; pages go into its archive/ sub-folder")
        command.add_argument("--jobs", type=_jobs, default=1, help="worker processes")
        command.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                             help="MkDocs configuration file")
        command.add_argument("--strict", action="store_true",
                             help="exit non-zero when any article was skipped")

    common(commands.add_parser("generate", help="write the generated archive pages"))
    build = commands.add_parser("build", help="generate, then mkdocs build --strict into site/")
    common(build)
    build.add_argument("--site", type=Path, default=Path("site"), help="output folder")
    serve = commands.add_parser("serve", help="generate and preview, regenerating on change")
    common(serve)
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    check = commands.add_parser("check", help="validate articles; print path:line: message")
    common(check)
    check.add_argument("files", nargs="*", type=Path, help="articles to check (default: all)")
    evaluate = commands.add_parser("eval", help="score extraction against the gold set")
    evaluate.add_argument("--gold", type=Path, default=Path("tests/gold"))
    evaluate.add_argument("--corpus", type=Path, default=Path("corpus"),
                          help="corpus whose registries to use")
    evaluate.add_argument("--jobs", type=_jobs, default=1)
    evaluate.add_argument("--verbose", action="store_true", help="list each wrong answer")
    return top


def _settings(options: argparse.Namespace) -> Settings:
    return Settings(corpus=options.corpus, docs=options.docs, jobs=options.jobs,
                    strict=options.strict, config=options.config)


def located(problem: Problem, articles_dir: Path) -> Problem:
    """The problem with its path as the contributor sees it (from the working folder), so an
    editor can jump to ``corpus/articles/x.txt:12``."""
    return dataclasses.replace(problem, path=(articles_dir / problem.path).as_posix())


def print_report(report: Report, verb: str, articles_dir: Path, stream=None) -> None:
    # ``stream`` defaults to the current sys.stdout, looked up at call time: a default bound
    # at import would bypass redirection (contextlib.redirect_stdout, pytest's capsys).
    stream = stream if stream is not None else sys.stdout
    for problem in (*report.rejected, *report.warnings):
        print(located(problem, articles_dir), file=sys.stderr)
    skipped = len(report.rejected)
    print(f"{verb}: {len(report.articles)} articles, {len(report.pages)} pages; "
          f"{skipped} file{'s' * (skipped != 1)} skipped"
          + (" (see above)" if skipped else ""), file=stream)


def run_check(options: argparse.Namespace) -> int:
    settings = _settings(options)
    every = discover(settings.articles_dir)
    chosen = [path.resolve() for path in options.files]
    missing = [path for path in options.files if not path.is_file()]
    for path in missing:
        print(f"{path}:0: no such file", file=sys.stderr)
    report = make_pages(settings)
    wanted = None
    if options.files:
        wanted = set()
        for path in chosen:
            for candidate in every:
                if candidate.resolve() == path:
                    wanted.add(candidate.relative_to(settings.articles_dir).as_posix())
        outside = [p for p in options.files
                   if p.is_file() and not p.resolve().is_relative_to(
                       settings.articles_dir.resolve())]
        for path in outside:
            print(f"{path}:1: not under {settings.articles_dir}/; articles must live there",
                  file=sys.stderr)
        not_articles = [p for p in options.files
                        if p.is_file() and p.suffix.lower() not in ARTICLE_SUFFIXES]
        for path in not_articles:
            print(f"{path}:1: not an article: only .txt and .md files are read", file=sys.stderr)
        if outside or not_articles:
            return EXIT_INPUT
    selected = lambda path: wanted is None or path in wanted  # noqa: E731
    errors = [problem for problem in report.rejected if selected(problem.path)]
    for problem in errors + [w for w in report.warnings if selected(w.path)]:
        print(located(problem, settings.articles_dir), file=sys.stderr)
    for path, name in report.unregistered_people:
        if selected(path):
            print(f"{settings.articles_dir.as_posix()}/{path}:1: note: person '{name}' is not in {settings.corpus}/people.yml; "
                  "add them there with aliases and role", file=sys.stderr)
    for article in report.articles:
        raw = article.clean.raw
        if not selected(raw.source_file):
            continue
        where = f"{(settings.articles_dir / raw.source_file).as_posix()}:{raw.body_line}"
        if article.clean.title_derived:
            print(f"{where}: note: no headline on the first line; "
                  f"using “{article.clean.title}”", file=sys.stderr)
        if article.clean.removed_chrome:
            removed = "; ".join(f"“{line[:60]}”" for line in article.clean.removed_chrome)
            print(f"{where}: note: removed as page chrome: {removed}",
                  file=sys.stderr)
        if article.date_source in ("git", "file"):
            print(f"{where}: note: no date in the header or a "
                  f"dateline; using the {article.date_source} date {article.date}",
                  file=sys.stderr)
    count = len(wanted) if wanted is not None else len(report.articles) + len(report.rejected)
    print(f"check: {count} article file{'s' * (count != 1)} checked, {len(errors)} "
          f"error{'s' * (len(errors) != 1)}")
    return EXIT_INPUT if errors or missing else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        if options.command == "check":
            return run_check(options)
        if options.command == "eval":
            from generator.evaluate import run_evaluation

            return run_evaluation(options.gold, options.corpus, options.jobs, options.verbose)
        settings = _settings(options)
        if options.command == "generate":
            report = generate(settings)
            print_report(report, "generate", settings.articles_dir)
            return EXIT_INPUT if settings.strict and report.rejected else EXIT_OK
        from generator import site

        if configured_docs_dir(settings.config) != settings.docs.resolve():
            print(f"{options.command}: --docs {settings.docs} is not the docs_dir of "
                  f"{settings.config} ({configured_docs_dir(settings.config)}); MkDocs would "
                  "not see the generated pages", file=sys.stderr)
            return EXIT_USAGE
        if options.command == "build":
            report = generate(settings)
            print_report(report, "generate", settings.articles_dir)
            if settings.strict and report.rejected:
                return EXIT_INPUT
            return EXIT_OK if site.build(settings.config, options.site) else EXIT_SITE
        return site.serve(settings, options.addr)
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
