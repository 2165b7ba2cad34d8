"""Generating the shipped corpus gives byte-identical pages whatever the worker count, the order
in which files are listed, the hash seed, the time zone or the locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build
from generator.build import Settings, generate
from support import CONFIG, CORPUS, ROOT, tree

# Fixed for every run, in-process and in the subprocess: articles without a git date (a
# checkout without history, an uncommitted file) then get this date instead of their mtime.
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(docs: Path, jobs: int = 1) -> dict[str, bytes]:
    generate(Settings(corpus=CORPUS, docs=docs, jobs=jobs, config=CONFIG))
    return tree(docs / "archive")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return run(tmp_path_factory.mktemp("reference") / "docs")


def test_reference_is_complete(reference):
    articles = sorted((CORPUS / "articles").glob("*.txt"))
    pages = [path for path in reference if path.startswith("articles/")]
    assert len(pages) == len(articles)
    assert "index.md" in reference


def test_twice_gives_the_same_bytes(tmp_path, reference):
    assert run(tmp_path / "docs") == reference
    assert run(tmp_path / "docs") == reference


def test_two_jobs_and_reversed_discovery(tmp_path, monkeypatch, reference):
    listed = build.discover

    def reversed_discover(articles_dir):
        return list(reversed(listed(articles_dir)))

    monkeypatch.setattr(build, "discover", reversed_discover)
    assert reversed_discover(CORPUS / "articles") != listed(CORPUS / "articles")
    assert run(tmp_path / "docs", jobs=2) == reference


def test_reversed_discovery_with_one_job(tmp_path, monkeypatch, reference):
    listed = build.discover
    monkeypatch.setattr(build, "discover", lambda folder: list(reversed(listed(folder))))
    assert run(tmp_path / "docs", jobs=1) == reference


def test_other_process_environment(tmp_path, reference):
    env = {
        **os.environ,
        "PYTHONHASHSEED": "123",
        "TZ": "Asia/Tokyo",
        "LC_ALL": "C.UTF-8",
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
    }
    docs = tmp_path / "docs"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--corpus", str(CORPUS), "--docs",
         str(docs), "--config", str(CONFIG), "--jobs", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert tree(docs / "archive") == reference


def test_hostile_corpus_does_not_depend_on_listing_order(tmp_path, monkeypatch):
    """Duplicates and slug collisions are decided by sorted path, not by listing order."""
    import shutil

    from support import HOSTILE

    corpus = tmp_path / "corpus"
    shutil.copytree(HOSTILE / "articles", corpus / "articles", symlinks=True)
    for registry in CORPUS.glob("*.yml"):
        shutil.copy2(registry, corpus / registry.name)
    forward = build.make_pages(Settings(corpus=corpus, config=CONFIG))
    listed = build.discover
    monkeypatch.setattr(build, "discover", lambda folder: list(reversed(listed(folder))))
    backward = build.make_pages(Settings(corpus=corpus, config=CONFIG))
    assert backward.pages == forward.pages
    assert backward.rejected == forward.rejected
    assert "dup_b.txt" in {problem.path for problem in backward.rejected}
