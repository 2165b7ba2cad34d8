"""SIGKILL at any moment leaves docs/archive (and site/) either as the complete previous tree or
as the complete new one, and the next run succeeds and removes the leftovers.

The kill moments are fixed delays after the start and "as soon as the staging folder exists"
(the write phase, found by polling). The delays only choose moments; nothing asserts timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import CONFIG, CORPUS, ROOT, tree

from generator.build import Settings, generate

EPOCH = "1767225600"
ARTICLES = 100
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}


def seed_bodies() -> list[str]:
    seeds = sorted((CORPUS / "articles").glob("*.txt"))
    seeds += sorted((ROOT / "tests" / "gold" / "articles").glob("*.txt"))
    bodies = []
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        bodies.append(text.split("\n", 1)[1])
    return bodies


def synthesise(articles: Path, count: int) -> None:
    """``count`` distinct articles made from the seed texts, with varied headlines."""
    articles.mkdir(parents=True, exist_ok=True)
    bodies = seed_bodies()
    places = ["Geneva", "Istanbul", "Brussels", "Riyadh", "Vienna", "Helsinki", "Doha"]
    for number in range(count):
        title = (f"Briefing {number}: talks in {places[number % len(places)]} "
                 f"round {number % 13}")
        body = bodies[number % len(bodies)]
        (articles / f"synthetic_{number:04d}.txt").write_text(
            f"{title}\n\nBriefing number {number} of the synthetic corpus.\n{body}",
            encoding="utf-8")


def start(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process and the children it started (its own session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate(timeout=600)


def wait_for_staging(process: subprocess.Popen, folder: Path, prefix: str,
                     old: set[str]) -> None:
    """Return once a new ``prefix*`` folder (not one of ``old``, the leftovers of a killed
    run) exists in ``folder``, or the process ended."""
    while process.poll() is None:
        if any(path.name.startswith(prefix) and path.name not in old
               for path in folder.iterdir()):
            return
        time.sleep(0.001)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()
                  if path.name.startswith((".staging-", ".retired-")))


def test_sigkill_during_generate(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    docs = tmp_path / "docs"
    generate(Settings(corpus=CORPUS, docs=docs, config=CONFIG))
    previous = tree(docs / "archive")
    corpus = tmp_path / "corpus"
    for registry in CORPUS.glob("*.yml"):
        (corpus / registry.name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / registry.name).write_bytes(registry.read_bytes())
    synthesise(corpus / "articles", ARTICLES)
    args = ("generate", "--corpus", str(corpus), "--docs", str(docs), "--config", str(CONFIG))

    snapshots = []
    moments: list[float | str] = [0.05, 0.3, 1.0, "staging", "staging+0.02"]
    for moment in moments:
        old = set(leftovers(docs))
        process = start(*args, cwd=tmp_path)
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            wait_for_staging(process, docs, ".staging-archive-", old)
            if moment == "staging+0.02":
                time.sleep(0.02)
        kill(process)
        snapshots.append((moment, tree(docs / "archive")))

    final = start(*args, cwd=tmp_path)
    _out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert leftovers(docs) == []
    new = tree(docs / "archive")
    pages = [path for path in new if path.startswith("articles/")]
    assert len(pages) == ARTICLES
    for moment, snapshot in snapshots:
        assert snapshot in (previous, new), f"killed at {moment}: a mixed or partial tree"


@pytest.mark.slow
def test_sigkill_during_site_build(tmp_path, project_copy):
    project = project_copy(tmp_path / "project")
    site = project / "site"
    first = start("build", cwd=project)
    _out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err.decode()
    previous_site = tree(site)
    previous_docs = tree(project / "docs" / "archive")

    synthesise(project / "corpus" / "articles", 12)
    process = start("build", cwd=project)
    wait_for_staging(process, project, ".staging-site-", set(leftovers(project)))
    time.sleep(0.3)
    kill(process)
    killed_site = tree(site)
    killed_docs = tree(project / "docs" / "archive")

    final = start("build", cwd=project)
    _out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert leftovers(project) == []
    assert leftovers(project / "docs") == []
    new_docs = tree(project / "docs" / "archive")
    slugs = [path.removeprefix("articles/").removesuffix(".md") for path in new_docs
             if path.startswith("articles/")]
    assert len(slugs) == len(list((project / "corpus" / "articles").glob("*.txt")))
    for slug in slugs:
        assert (site / "archive" / "articles" / slug / "index.html").is_file(), slug

    assert killed_docs in (previous_docs, new_docs)
    if killed_site != previous_site:
        # Swapped in before the kill: then it is a complete new site.
        for slug in slugs:
            assert f"archive/articles/{slug}/index.html" in killed_site, slug
