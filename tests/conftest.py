"""Shared fixtures: throw-away copies of the project to generate and build sites in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from support import copy_config

ROOT = Path(__file__).resolve().parent.parent

# No wall-clock limits in tests: the machines are shared, and a property test that took
# 385 ms once under load is not a failure.
settings.register_profile("archive", deadline=None)
settings.load_profile("archive")


def _generated_docs(folder: str, names: list[str]) -> list[str]:
    if Path(folder) != ROOT / "docs":
        return []
    return [name for name in names if name == "archive" or name.startswith(".archive")]


def copy_project(dest: Path, articles: Path | None = None) -> Path:
    """Copy mkdocs.yml (see :func:`support.copy_config`), the hand-written docs (not the
    generated ``docs/archive``) and the corpus registries into ``dest``, with the shipped articles or those under ``articles``
    (symbolic links are copied as links, never followed). Returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_config(dest)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=_generated_docs)
    (dest / "corpus").mkdir()
    for registry in (ROOT / "corpus").glob("*.yml"):
        shutil.copy2(registry, dest / "corpus" / registry.name)
    shutil.copytree(articles or ROOT / "corpus" / "articles", dest / "corpus" / "articles",
                    symlinks=True)
    return dest


def run_generator(project: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m generator ARGS`` with ``project`` as the working directory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def project_copy() -> Callable[..., Path]:
    """``project_copy(dest, articles=None)``: see :func:`copy_project`."""
    return copy_project


@pytest.fixture(scope="session")
def generator_run() -> Callable[..., subprocess.CompletedProcess]:
    """``generator_run(project, *args)``: see :func:`run_generator`."""
    return run_generator
