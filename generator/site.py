"""The site edge: run MkDocs on the generated docs (build into ``site/`` atomically; serve).

``build`` runs ``mkdocs build --strict`` and then the Pagefind index (``generator/search``)
into a staging folder and swaps it into place only when both succeeded, so a failed or killed
build leaves the previous site complete.
``serve`` runs ``mkdocs serve`` and regenerates the archive whenever an article, a registry
or the config changes; a failed regeneration is reported and the preview goes on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import EmptyArchive, Report, Settings, generate
from generator.registry import RegistryError
from generator.search.index import SearchIndexFailed, index_site
from generator.source_files import MissingArticles, is_article_name
from generator.targets import UnsafeTarget, check_target, protected_places
from generator.write import finish, remove_leftovers, remove_tree, staging_dir, swap_into_place

POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the MkDocs child: receive SIGTERM when this process dies, however it dies (Linux)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError, TypeError):
        pass


# MkDocs runs as a child process that must not outlive the command that started it.
_CHILD_SETUP = _die_with_parent if sys.platform.startswith("linux") else None


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def check_site(settings: Settings, site: Path) -> None:
    """Raise :class:`UnsafeTarget` unless ``site`` may be replaced by a new build."""
    check_target(site, f"--site {site}", "Give the site a folder of its own, such as 'site'.",
                 protected_places(settings.corpus, settings.docs, settings.config))


def build(settings: Settings, site: Path) -> bool:
    """``mkdocs build --strict``, then the Pagefind search index, into ``site`` (atomically);
    True when both succeeded.

    The caller holds the lock on ``site``; the target is checked again here, under it."""
    check_site(settings, site)
    remove_leftovers(site)
    staged = staging_dir(site)
    # MkDocs empties the folder it builds into, so it builds one level down and the staging
    # folder keeps its marker (a killed build leaves a leftover the next run recognises).
    built = staged / "site"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(settings.config),
             "-d", str(built.resolve())],
            env=_environment(), check=False,
            preexec_fn=_CHILD_SETUP,
        )
        if result.returncode != 0:
            print(f"build: mkdocs build failed (exit {result.returncode}); {site}/ is "
                  "unchanged", file=sys.stderr)
            return False
        try:
            index_site(built, preexec_fn=_CHILD_SETUP)
        except SearchIndexFailed as error:
            print(f"build: search index failed: {error}; {site}/ is unchanged",
                  file=sys.stderr)
            return False
        finish(built)
        swap_into_place(built, site)
    finally:
        remove_tree(staged)
    print(f"build: site written to {site}/")
    return True


def unusable_address(address: str) -> str | None:
    """Why ``mkdocs serve`` could not listen on ``host:port`` (None when it can): checked
    before starting, so a busy port is one clear message instead of a server that exits."""
    host, _, port = address.rpartition(":")
    try:
        family, kind, protocol, _name, where = socket.getaddrinfo(
            host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
    except (OSError, ValueError, IndexError):
        return f"{host!r} is not a known host name or address"
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as error:
            return error.strerror or str(error)
    return None


def watched_files(settings: Settings) -> tuple:
    """Size and modification time of every file that can change the generated pages: the
    articles (not editors' hidden swap files), the registries and the config. The output
    folder never counts, even when it lies among them, or each run would trigger the next."""
    output = settings.output.resolve()
    candidates = [*settings.corpus.glob("*.yml"), settings.config]
    for folder, subfolders, names in os.walk(settings.articles_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        candidates.extend(Path(folder) / name for name in names
                          if not name.startswith(".") and is_article_name(Path(name)))
    entries = []
    for path in sorted(candidates):
        if path.resolve().is_relative_to(output):
            continue
        try:
            info = path.stat()
        except OSError:
            continue  # vanished between listing and looking: the next poll sees the truth
        entries.append((path.as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(entries)


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


# Anything a regeneration can raise about the input or the output: reported, never fatal.
_REGENERATION_PROBLEMS = (RegistryError, MissingArticles, EmptyArchive, UnsafeTarget, OSError)


def _regenerate(settings: Settings, report: Callable[[Report, str], None]) -> None:
    started = time.monotonic()
    try:
        report(generate(settings), "regenerate")
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except _REGENERATION_PROBLEMS as error:
        print(f"regenerate: {error}; still serving the previous pages", file=sys.stderr)
    # A preview must outlive a bug in one regeneration, whatever it raised.
    except Exception as error:
        print(f"regenerate: failed ({type(error).__name__}: {error}); still serving the "
              "previous pages", file=sys.stderr)
    else:
        print(f"regenerate: {time.monotonic() - started:.1f}s")


def serve(settings: Settings, address: str, report: Callable[[Report, str], None]) -> int:
    """Generate, serve with live reload, and regenerate when an input changes; the exit
    code is MkDocs' own when its server stops by itself."""
    report(generate(settings), "generate")
    # A terminated preview stops its MkDocs server too (the finally clause below).
    signal.signal(signal.SIGTERM, _stop)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(settings.config), "-a", address],
        env=_environment(),
        preexec_fn=_CHILD_SETUP,  # noqa: PLW1509 - this process runs no threads
    )
    try:
        seen = watched_files(settings)
        while process.poll() is None:
            time.sleep(POLL_SECONDS)
            current = watched_files(settings)
            if current != seen:
                seen = current
                _regenerate(settings, report)
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait()
        elif process.returncode != 0:
            print(f"serve: mkdocs serve stopped with exit code {process.returncode}",
                  file=sys.stderr)
    return process.returncode if process.returncode and process.returncode > 0 else 0
