"""Generating the shipped corpus gives byte-identical pages whatever the worker count, the order
in which files are listed, the hash seed, the time zone or the locale."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CONFIG, CORPUS, HOSTILE, ROOT, tree

from generator import build
from generator.build import Settings, generate

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
    # The feeds and exports are in the compared tree too (no timestamp of "now" in them).
    assert {"feeds/index.xml", "feeds/index.json", "feeds/people/sergei-lavrov.xml",
            "export/articles.json", "export/people.json", "export/statements.json",
            "export/statements.schema.json"} <= set(reference)
    # Subjects are chosen across the archive (generator/archive_subjects.py): their pages,
    # feeds and the articles' subject lists are compared with the rest.
    assert {"subjects/index.md", "subjects/russia.md", "feeds/subjects/russia.xml",
            "feeds/subjects/russia.json"} <= set(reference)
    assert all(b"\nsubjects:\n- " in reference[path] for path in pages)


def test_twice_gives_the_same_bytes(tmp_path, reference):
    assert run(tmp_path / "docs") == reference
    assert run(tmp_path / "docs") == reference


def _reversed(listing):
    return dataclasses.replace(listing, files=tuple(reversed(listing.files)))


def test_two_jobs_and_reversed_discovery(tmp_path, monkeypatch, reference):
    listed = build.discover

    def reversed_discover(articles_dir):
        return _reversed(listed(articles_dir))

    monkeypatch.setattr(build, "discover", reversed_discover)
    assert reversed_discover(CORPUS / "articles").files != listed(CORPUS / "articles").files
    assert run(tmp_path / "docs", jobs=2) == reference


def test_reversed_discovery_with_one_job(tmp_path, monkeypatch, reference):
    listed = build.discover
    monkeypatch.setattr(build, "discover", lambda folder: _reversed(listed(folder)))
    assert run(tmp_path / "docs", jobs=1) == reference


def test_a_cache_filled_by_another_archive_gives_the_same_bytes(tmp_path, monkeypatch,
                                                                reference):
    """Which subjects recur is decided across the archive, after the cached per-article
    extraction: a cache filled while one article was missing (other subjects recurred then)
    and a warm run with every article give the reference, in reversed order too."""
    cache = tmp_path / "cache"
    listed = build.discover
    monkeypatch.setattr(build, "discover", lambda folder: dataclasses.replace(
        listed(folder), files=listed(folder).files[1:]))
    generate(Settings(corpus=CORPUS, docs=tmp_path / "fewer", config=CONFIG, cache=cache))
    monkeypatch.setattr(build, "discover", lambda folder: _reversed(listed(folder)))
    for docs in ("warm", "warmer"):
        generate(Settings(corpus=CORPUS, docs=tmp_path / docs, jobs=2, config=CONFIG,
                          cache=cache))
        assert tree(tmp_path / docs / "archive") == reference


def _sources() -> str:
    """A fingerprint of the generator's code and data as they are now on disk."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "generator").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".json", ".txt"}:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


SOURCES_AT_IMPORT = _sources()


def _subprocess_generate(docs: Path, **env: str) -> dict[str, bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--corpus", str(CORPUS), "--docs",
         str(docs), "--config", str(CONFIG), *(["--jobs", "2"] if env else [])],
        cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1",
                       **env},
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return tree(docs / "archive")


def test_other_process_environment(tmp_path, reference):
    plain = _subprocess_generate(tmp_path / "plain")
    other = _subprocess_generate(tmp_path / "other", PYTHONHASHSEED="123", TZ="Asia/Tokyo",
                                 LC_ALL="C.UTF-8")
    assert other == plain
    # The in-process reference was made by the code imported when the session started; if
    # someone edited the generator since, only the two fresh processes are comparable.
    if _sources() == SOURCES_AT_IMPORT:
        assert plain == reference


def test_hostile_corpus_does_not_depend_on_listing_order(tmp_path, monkeypatch):
    """Duplicates and slug collisions are decided by sorted path, not by listing order."""
    corpus = tmp_path / "corpus"
    shutil.copytree(HOSTILE / "articles", corpus / "articles", symlinks=True)
    for registry in CORPUS.glob("*.yml"):
        shutil.copy2(registry, corpus / registry.name)
    forward = build.make_pages(Settings(corpus=corpus, config=CONFIG))
    listed = build.discover
    monkeypatch.setattr(build, "discover", lambda folder: _reversed(listed(folder)))
    backward = build.make_pages(Settings(corpus=corpus, config=CONFIG))
    assert backward.pages == forward.pages
    assert backward.rejected == forward.rejected
    assert "dup_b.txt" in {problem.path for problem in backward.rejected}


def test_a_changed_subjects_vocabulary_is_applied_to_a_warm_cache(tmp_path):
    """corpus/subjects.yml is not part of the cached extraction's key: a warm run after it
    changed gives what a cold run with the new file gives."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    generate(Settings(corpus=corpus, docs=tmp_path / "before", config=CONFIG, cache=cache))
    assert (tmp_path / "before" / "archive" / "subjects" / "moscow.md").exists()
    vocabulary = corpus / "subjects.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "stop:\n", "stop:\n  - Moscow\n"), encoding="utf-8")
    generate(Settings(corpus=corpus, docs=tmp_path / "warm", config=CONFIG, cache=cache))
    generate(Settings(corpus=corpus, docs=tmp_path / "cold", config=CONFIG))
    warm = tree(tmp_path / "warm" / "archive")
    assert warm == tree(tmp_path / "cold" / "archive")
    assert "subjects/moscow.md" not in warm
    assert not any(b"\n- Moscow\n" in text.split(b"\ndate_mentions:")[0].split(b"\nsubjects:")[1]
                   for path, text in warm.items() if path.startswith("articles/"))


# Pagefind 1.5 writes each filter's values in the order of a Rust hash map, which changes
# from run to run (its fragments and word index are stable since 1.3; see Pagefind issue
# 638): the filter chunks, and so their hashed names, the metadata file naming them and the
# entry file naming that, may differ between two builds of the same pages. Everything else
# of the site must not.
PAGEFIND_UNORDERED = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


@pytest.mark.slow
def test_two_builds_of_one_corpus_give_the_same_site(tmp_path, project_copy, generator_run):
    sites = []
    for name in ("one", "two"):
        project = project_copy(tmp_path / name)
        result = generator_run(project, "build", "--no-cache")
        assert result.returncode == 0, result.stderr
        sites.append(tree(project / "site"))
    one, two = sites
    assert all(path.startswith(PAGEFIND_UNORDERED) for path in one.keys() ^ two.keys())

    def stable(site: dict[str, bytes]) -> dict[str, bytes]:
        return {path: data for path, data in site.items()
                if not path.startswith(PAGEFIND_UNORDERED)}

    assert stable(one) == stable(two)
    assert any(path.startswith("pagefind/fragment/") for path in stable(one))

    def filter_bytes(site: dict[str, bytes]) -> list[list[int]]:
        """Each filter chunk's bytes, in no order: the same values, however ordered."""
        return sorted(sorted(gzip.decompress(data)) for path, data in site.items()
                      if path.startswith("pagefind/filter/"))

    assert filter_bytes(one) == filter_bytes(two)
