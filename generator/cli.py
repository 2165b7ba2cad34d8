"""Command line: ``briefing generate|build|serve|check|new|eval`` (also ``python -m generator``).

Thin: parses options into :class:`Settings`, calls :mod:`generator.build` or
:mod:`generator.site`, prints the report. ``main(argv)`` returns the exit code, so tests call
it in-process. Exit codes: 0 ok, 1 an article or registry has an error (or nothing is left
to publish), 2 bad usage (an unsafe output folder, a missing corpus or config), 3 the site
build failed, 4 the output could not be written (a full disk, a read-only folder); 130
interrupted. No error ends in a traceback: each is one message naming what to fix.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import manifest
from generator.cache.store import ENVIRONMENT_VARIABLE, default_folder, generator_version
from generator.model import Problem
from generator.settings import Settings

if TYPE_CHECKING:
    from generator.build import Report
    from generator.source_files import MissingArticles

# Only what finding the run manifest needs is imported here: a run whose inputs did not
# change stops before the pipeline (extraction, MkDocs, the knowledge tables) is imported.
# The commands import the rest when they run.

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_SITE, EXIT_OUTPUT = 0, 1, 2, 3, 4
DEFAULT_CONFIG = Path("mkdocs.yml")


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
        command.add_argument("--jobs", type=_jobs, default=None,
                             help="worker processes (default: the number of cores)")
        command.add_argument("--cache-dir", type=Path, default=None,
                             help="folder of the cache of per-article results (default: "
                             f"${ENVIRONMENT_VARIABLE}, else .cache/briefing beside "
                             "mkdocs.yml); safe to delete")
        command.add_argument("--no-cache", action="store_true",
                             help="neither read nor write the cache (a cold run)")
        command.add_argument("--config", type=Path, default=None,
                             help="MkDocs configuration file (default: mkdocs.yml)")
        command.add_argument("--strict", action="store_true",
                             help="exit non-zero when any article was skipped")
        command.add_argument("--allow-empty", action="store_true",
                             help="publish an archive with no articles (otherwise an error)")

    common(commands.add_parser("generate", help="write the generated archive pages"))
    build = commands.add_parser("build", help="generate, then mkdocs build --strict into site/")
    common(build)
    build.add_argument("--site", type=Path, default=Path("site"), help="output folder")
    serve = commands.add_parser("serve", help="generate and preview, regenerating on change")
    common(serve)
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    check = commands.add_parser("check", help="validate articles; print path:line:col: message")
    common(check)
    check.add_argument("files", nargs="*", type=Path, help="articles to check (default: all)")
    check.add_argument("--format", choices=("plain", "json"), default="plain",
                       help="plain path:line:col: messages, or one JSON document for tools")
    check.add_argument("--fix", action="store_true",
                       help="first apply the safe fixes (encoding, byte-order mark, line ends)")
    check.add_argument("--base", metavar="REF", default=None,
                       help="also check the articles added or changed since git REF")
    check.add_argument("--summary", metavar="FILE", type=Path, default=None,
                       help="append a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)")
    new = commands.add_parser("new", help="start an article: corpus/articles/<year>/<slug>.txt")
    new.add_argument("what", nargs="?", default=None,
                     help="the article's URL or its headline (in quotes)")
    new.add_argument("--paste", action="store_true",
                     help="read the article from standard input and fill in what it says")
    new.add_argument("--corpus", type=Path, default=Path("corpus"),
                     help="corpus folder (articles/ and the registries)")
    evaluate = commands.add_parser("eval", help="score extraction against the gold set")
    evaluate.add_argument("--gold", type=Path, default=Path("tests/gold"))
    evaluate.add_argument("--corpus", type=Path, default=Path("corpus"),
                          help="corpus whose registries to use")
    evaluate.add_argument("--jobs", type=_jobs, default=None)
    evaluate.add_argument("--verbose", action="store_true", help="list each wrong answer")
    return top


class UsageError(Exception):
    """An option names something that is not there or cannot be used."""


def default_jobs() -> int:
    """The cores this process may run on (all of them unless restricted), at most 64."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(64, cores))


def _cache_folder(options: argparse.Namespace, config: Path) -> Path | None:
    if options.no_cache:
        return None
    folder = options.cache_dir if options.cache_dir is not None else default_folder(config)
    docs = options.docs.resolve()
    inside = folder.resolve()
    # MkDocs would publish the cache's files as part of the site, unless a folder on the way
    # is hidden (MkDocs skips names starting with a dot).
    if inside.is_relative_to(docs) and not any(
            part.startswith(".") for part in inside.relative_to(docs).parts):
        raise UsageError(f"--cache-dir {folder}: inside the docs folder {options.docs}, "
                         "whose files MkDocs publishes; choose a folder outside it")
    return folder


def _settings(options: argparse.Namespace) -> Settings:
    config = options.config if options.config is not None else DEFAULT_CONFIG
    if options.config is not None and not config.is_file():
        raise UsageError(f"--config {config}: no such file")
    jobs = options.jobs if options.jobs is not None else default_jobs()
    return Settings(corpus=options.corpus, docs=options.docs, jobs=jobs,
                    strict=options.strict, config=config, allow_empty=options.allow_empty,
                    cache=_cache_folder(options, config))


def _project(settings: Settings) -> manifest.Project | None:
    """What the run manifest is kept for (None without a cache: every run works)."""
    if settings.cache is None:
        return None
    return manifest.Project(settings.corpus, settings.docs, settings.config, settings.output,
                            settings.cache, (f"strict={settings.strict}",
                                             f"allow_empty={settings.allow_empty}"))


def _replayed(recorded: manifest.Manifest, settings: Settings) -> int:
    """Say what the last run said, and that nothing changed since; its exit code."""
    for line in recorded.stderr:
        print(line, file=sys.stderr)
    for line in recorded.stdout:
        print(line)
    print(f"generate: no input changed since the last run; {settings.output} is as it was")
    return recorded.exit_code


def _generate(settings: Settings, locked_by_caller: bool = False,
              before: manifest.Snapshot | None = None) -> int:
    """Generate, print the report, and keep the run manifest; the exit code. ``before``:
    the inputs as they were before the run read them (taken now if not given)."""
    from generator.build import generate
    from generator.progress import Progress

    project = _project(settings)
    if project is not None and before is None:
        recorded = manifest.load(project)
        before = manifest.snapshot(project, generator_version(),
                                   recorded.inputs if recorded is not None else None)
    written: list[dict] = []
    progress = Progress("generate", sys.stderr)
    try:
        report = generate(settings, locked_by_caller, progress, on_written=lambda: written.append(
            manifest.output_state(settings.output)) if project is not None else None)
    finally:
        progress.close()
    errors, out = report_lines(report, "generate", settings.articles_dir)
    for line in errors:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    code = EXIT_INPUT if settings.strict and report.rejected else EXIT_OK
    if project is not None and before is not None and written:
        manifest.save(project, manifest.Manifest(before, written[0], tuple(out), tuple(errors),
                                                 code))
    return code


def _missing_corpus(problem: MissingArticles, corpus: Path) -> str:
    """The message for a corpus without articles, with the likely folder when it looks like
    a typo (``--corpus corpsu``)."""
    parent = corpus.parent if str(corpus.parent) else Path()
    try:
        candidates = [path.name for path in parent.iterdir() if (path / "articles").is_dir()]
    except OSError:
        candidates = []
    close = difflib.get_close_matches(corpus.name, candidates, n=1)
    hint = f"; did you mean --corpus {parent / close[0]}?" if close else (
        "; is --corpus right? (the corpus folder holds articles/ and the registries)")
    return f"no articles folder: {problem}{hint}"


def _valid_address(address: str) -> bool:
    host, _, port = address.rpartition(":")
    return bool(host) and port.isdigit() and 1 <= int(port) <= 65535


def located(problem: Problem, articles_dir: Path) -> Problem:
    """The problem with its path as the contributor sees it (from the working folder), so an
    editor can jump to ``corpus/articles/x.txt:12``."""
    return dataclasses.replace(problem, path=(articles_dir / problem.path).as_posix())


def report_lines(report: Report, verb: str,
                 articles_dir: Path) -> tuple[list[str], list[str]]:
    """What a run says: its problems (for stderr) and its summary (for stdout)."""
    errors = [str(problem) for problem in report.registry_warnings]
    errors.extend(str(located(problem, articles_dir))
                  for problem in (*report.rejected, *report.warnings))
    skipped = len(report.rejected)
    return errors, [f"{verb}: {len(report.summaries)} articles, {len(report.pages)} pages; "
                    f"{skipped} file{'s' * (skipped != 1)} skipped"
                    + (" (see above)" if skipped else "")]


def print_report(report: Report, verb: str, articles_dir: Path, stream=None) -> None:
    # ``stream`` defaults to the current sys.stdout, looked up at call time: a default bound
    # at import would bypass redirection (contextlib.redirect_stdout, pytest's capsys).
    stream = stream if stream is not None else sys.stdout
    errors, out = report_lines(report, verb, articles_dir)
    for line in errors:
        print(line, file=sys.stderr)
    for line in out:
        print(line, file=stream)


def run_check(options: argparse.Namespace) -> int:
    from generator.contribute.check import CheckRequest, check_articles

    request = CheckRequest(
        files=tuple(options.files), output_format=options.format, fix=options.fix,
        base=options.base, summary=options.summary,
        github=os.environ.get("GITHUB_ACTIONS") == "true")
    return EXIT_INPUT if check_articles(_settings(options), request) else EXIT_OK


def run_new(options: argparse.Namespace) -> int:
    from generator.contribute.new import NewRequest, start_article

    start_article(NewRequest(what=options.what, paste=options.paste, corpus=options.corpus))
    return EXIT_OK


def _run_build(options: argparse.Namespace, settings: Settings) -> int:
    from generator import site
    from generator.build import check_output
    from generator.targets import locked

    check_output(settings)
    site.check_site(settings, options.site)
    # Both locks until MkDocs has read the archive: a generate run meanwhile would mix two
    # archives into one site.
    with locked(options.site), locked(settings.output):
        project = _project(settings)
        recorded, before = manifest.unchanged(project, generator_version()) \
            if project is not None else (None, None)
        code = _replayed(recorded, settings) if recorded is not None else \
            _generate(settings, locked_by_caller=True, before=before)
        if code != EXIT_OK:
            return code
        return EXIT_OK if site.build(settings, options.site) else EXIT_SITE


def _run(options: argparse.Namespace, before: manifest.Snapshot | None) -> int:
    from generator.build import configured_docs_dir, epoch_limit, published_site
    from generator.source_files import check_articles_folder

    if options.command == "check":
        return run_check(options)
    if options.command == "new":
        return run_new(options)
    if options.command == "eval":
        from generator.evaluate import run_evaluation

        return run_evaluation(options.gold, options.corpus,
                              options.jobs if options.jobs is not None else default_jobs(),
                              options.verbose)
    settings = _settings(options)
    # Everything that can be checked before a lock is taken or a file read, is: a refused
    # command leaves every file as it was.
    from generator.build import check_output

    epoch_limit()
    check_output(settings)
    check_articles_folder(settings.articles_dir)
    published_site(settings.config)  # mkdocs.yml is YAML, with a usable site_url
    if options.command == "generate":
        _config_note(settings)
        return _generate(settings, before=before)
    if not settings.config.is_file():
        print(f"{options.command}: no {settings.config} here; MkDocs needs its configuration "
              "(run from the project folder or pass --config)", file=sys.stderr)
        return EXIT_USAGE
    if configured_docs_dir(settings.config) != settings.docs.resolve():
        print(f"{options.command}: --docs {settings.docs} is not the docs_dir of "
              f"{settings.config} ({configured_docs_dir(settings.config)}); MkDocs would "
              "not see the generated pages", file=sys.stderr)
        return EXIT_USAGE
    if options.command == "build":
        return _run_build(options, settings)
    if not _valid_address(options.addr):
        print(f"serve: --addr {options.addr!r} is not host:port (port 1-65535), such as "
              "127.0.0.1:8000", file=sys.stderr)
        return EXIT_USAGE
    from generator import site

    problem = site.unusable_address(options.addr)
    if problem:
        print(f"serve: cannot listen on {options.addr}: {problem}; pass another --addr, "
              "such as 127.0.0.1:8001", file=sys.stderr)
        return EXIT_USAGE
    return site.serve(settings, options.addr, lambda report, verb: print_report(
        report, verb, settings.articles_dir))


def _config_note(settings: Settings) -> None:
    if not settings.config.is_file():
        print(f"generate: note: no {settings.config} here, so article pages will not link "
              "their corpus file (pass --config)", file=sys.stderr)


def _unchanged(options: argparse.Namespace) -> tuple[int | None, manifest.Snapshot | None]:
    """For ``generate``: the exit code of the last run when no input changed since (it is
    then said again), else None; and the inputs as they are now, for the run."""
    try:
        settings = _settings(options)
    except UsageError:
        return None, None  # said by the run itself
    project = _project(settings)
    if project is None:
        return None, None
    recorded, before = manifest.unchanged(project, generator_version())
    if recorded is None:
        return None, before
    _config_note(settings)
    return _replayed(recorded, settings), before


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    before = None
    if options.command == "generate":
        code, before = _unchanged(options)
        if code is not None:
            return code
    return _main(options, before)


def _main(options: argparse.Namespace, before: manifest.Snapshot | None) -> int:
    from generator.build import BadEnvironment, EmptyArchive, SiteConfigError
    from generator.contribute.check import CheckUsageError
    from generator.contribute.new import NewUsageError
    from generator.model import ArticleRejected
    from generator.registry import RegistryError
    from generator.source_files import MissingArticles
    from generator.targets import UnsafeTarget

    command = options.command
    try:
        return _run(options, before)
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT
    except MissingArticles as problem:
        print(f"{command}: {_missing_corpus(problem, options.corpus)}", file=sys.stderr)
        return EXIT_USAGE
    except (UnsafeTarget, UsageError, BadEnvironment, SiteConfigError, CheckUsageError,
            NewUsageError) as problem:
        print(f"{command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except ArticleRejected as rejected:
        print(rejected.problem, file=sys.stderr)
        return EXIT_INPUT
    except EmptyArchive as problem:
        for rejected in problem.report.rejected:
            print(located(rejected, options.corpus / "articles"), file=sys.stderr)
        print(f"{command}: {problem}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{command}: {where}{error.strerror or error}; the previous output is "
              "unchanged", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        return 130
