"""The site edge: run MkDocs on the generated docs (build into ``site/`` atomically; serve).

``build`` runs ``mkdocs build --strict`` into a staging folder and swaps it into place only
when it succeeded, so a failed or killed build leaves the previous site complete.
``serve`` runs ``mkdocs serve`` and regenerates the archive whenever a corpus file changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.registry import RegistryError
from generator.write import remove_leftovers, staging_dir, swap_into_place

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


def build(config: Path, site: Path) -> bool:
    """``mkdocs build --strict`` into ``site`` (atomically); True when it succeeded."""
    remove_leftovers(site)
    staged = staging_dir(site)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(staged.resolve())],
        env=_environment(), check=False,
        preexec_fn=_CHILD_SETUP,
    )
    if result.returncode != 0:
        shutil.rmtree(staged, ignore_errors=True)
        print(f"build: mkdocs build failed (exit {result.returncode}); {site}/ is unchanged",
              file=sys.stderr)
        return False
    swap_into_place(staged, site)
    print(f"build: site written to {site}/")
    return True


def _snapshot(corpus: Path) -> tuple:
    entries = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def serve(settings, address: str) -> int:
    """Generate, serve with live reload, and regenerate when the corpus changes."""
    from generator.build import generate
    from generator.cli import print_report

    print_report(generate(settings), "generate", settings.articles_dir)
    # A terminated preview stops its MkDocs server too (the finally clause below).
    signal.signal(signal.SIGTERM, _stop)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(settings.config), "-a", address],
        env=_environment(),
        preexec_fn=_CHILD_SETUP,  # noqa: PLW1509 - this process runs no threads
    )
    try:
        seen = _snapshot(settings.corpus)
        while process.poll() is None:
            time.sleep(POLL_SECONDS)
            current = _snapshot(settings.corpus)
            if current != seen:
                seen = current
                started = time.monotonic()
                try:
                    print_report(generate(settings), "regenerate", settings.articles_dir)
                except RegistryError as error:
                    # A typo in a registry must not end the preview: say where, keep serving.
                    for problem in error.problems:
                        print(problem, file=sys.stderr)
                    continue
                print(f"regenerate: {time.monotonic() - started:.1f}s")
    except KeyboardInterrupt:
        pass
    finally:
        process.terminate()
        process.wait()
    return 0
