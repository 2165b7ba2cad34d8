#!/usr/bin/env python3
"""Performance benchmark: the archive's generate and build against a bare ``mkdocs build``.

Run as ``./run bench [--sizes 1000,5000,20000] [--jobs J] [--repeat R]``. For each size N it
writes, in a temporary project, a synthetic archive of N articles (the seed articles of
``corpus/articles/`` with ~200 extra speakers, ~50 extra topics and dates over ten years),
then measures as child processes, in the same run:

    cold generate (empty cache), no-op generate, generate after one article is added and after
    one is edited (with the number of generated pages that changed), cold build (generate +
    mkdocs build --strict), and the BASELINE: a bare ``mkdocs build`` of a copy of the very
    same pages with Material, search and a navigation of one home page (``not_in_nav`` for
    the rest). ``--reference`` adds the old reference, the same bare build with every page in
    the automatic navigation (quadratic: slow beyond a few thousand pages).

It prints a table (seconds, ratios to the baseline, peak memory, files changed, site bytes per
article) and writes every number to ``benchmarks/out/results.json``. Search numbers come from
``benchmarks/search_bench.py`` when it is there (see ``search_measures``).
See ``benchmarks/README.md`` for what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "articles"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "results.json"
SEARCH_BENCH = ROOT / "benchmarks" / "search_bench.py"
TIME_BIN = Path("/usr/bin/time")
SAMPLE_SECONDS = 0.05

PHRASES = (
    "Update", "Analysis", "Briefing", "Readout", "Explainer", "Follow-up", "Week in review",
    "Dispatch", "Commentary", "Background", "Live notes", "In brief",
)
FIRST_DATE = dt.date(2016, 1, 1)
DATE_SPAN_DAYS = 3653  # 2016-01-01 .. 2025-12-31: ten years
TITLE_IN_HEADER_EVERY = 7  # every 7th variant also sets `title:` in its front matter
PROSE_MIN_CHARS = 200  # blocks at least this long (and not tables/lists) get shuffled
SPEAKERS = 200
TOPICS = 50
# Given names the name dictionary knows, and surnames no registry or gazetteer has: the
# synthetic speakers are recognised the way unregistered people of real articles are.
GIVEN_NAMES = ("Anna", "Peter", "Maria", "Thomas", "Elena", "David", "Sofia", "Martin",
               "Laura", "Daniel", "Clara", "Jonas", "Irene", "Lukas", "Marta", "Oliver",
               "Nadia", "Samuel", "Helena", "Victor")
SURNAME_STEMS = ("Brask", "Cordel", "Dunmar", "Elvik", "Fenner", "Galvano", "Hollis",
                 "Iverby", "Jastrow")
SURNAME_ENDS = ("and", "ov", "ley", "sen", "ari", "ton", "eck", "ull", "ida", "ow")
ROLES = ("deputy minister", "spokeswoman", "analyst", "envoy", "senator", "economist",
         "negotiator", "ambassador")
TOPIC_WORDS = ("grain", "cobalt", "harbour", "pension", "railway", "vaccine", "tariff",
               "drought", "satellite", "border", "fishery", "lithium", "broadband", "orbit",
               "forestry", "shipping", "nuclear-waste", "tourism", "water", "housing",
               "copper", "airspace", "fertiliser", "steel", "river")
TOPIC_KINDS = ("corridor", "levy")

BARE_CONFIG = ("site_name: Bare MkDocs baseline\ntheme:\n  name: material\nplugins:\n"
               "  - search\nnav:\n  - index.md\nnot_in_nav: |\n  /*\n")
INDEX_SITE = ("import sys; from pathlib import Path; from generator.search.index import "
              "index_site; index_site(Path(sys.argv[1]))")
REFERENCE_CONFIG = ("site_name: Bare MkDocs reference\ntheme:\n  name: material\nplugins:\n"
                    "  - search\n")

# Fallback peak-memory wrapper when GNU time is missing: run the command, wait for it, and
# write the largest resident set of any waited-for descendant (kilobytes on Linux) and the
# user and system CPU seconds of them all, as GNU time's "%M %U %S" does.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(code)\n"
)


# --------------------------------------------------------------------------- corpus


def _blocks(body: str) -> tuple[list[str], str]:
    """Split an article body into blocks (paragraphs, tables, lists) and the joiner to use.

    Seeds either separate paragraphs by blank lines or write one paragraph per line; table
    rows and list items stay together in one block either way.
    """
    text = body.strip()
    lines = text.split("\n")
    blank = sum(1 for line in lines if not line.strip())
    # Blank-line separated when most line breaks are blank lines (002 has just one, after
    # its headline, and then one paragraph per line).
    blank_separated = blank * 2 >= len(lines) - blank - 1 > 0
    blocks: list[list[str]] = []
    previous: str | None = None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            previous = None
            continue
        kind = ("table" if stripped.startswith("|")
                else "list" if stripped.startswith(("- ", "* ")) else "line")
        if previous is not None and (blank_separated or (kind == previous != "line")):
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = kind
    return ["\n".join(block) for block in blocks], "\n\n" if blank_separated else "\n"


def _is_headline(block: str) -> bool:
    return "\n" not in block and len(block) <= 150 and not block.rstrip().endswith(
        (".", ",", ";", ":", "…"))


def _derived_headline(lead: str) -> str:
    return " ".join(lead.split()[:8]).rstrip(".,;:…’'\"")


@dataclass(frozen=True)
class Seed:
    name: str
    headline: str
    blocks: tuple[str, ...]
    joiner: str


def load_seeds(folder: Path) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        blocks, joiner = _blocks(path.read_text(encoding="utf-8"))
        if blocks and _is_headline(blocks[0]):
            headline, blocks = blocks[0].strip(), blocks[1:]
        else:
            headline = _derived_headline(blocks[0])
        seeds.append(Seed(path.stem, headline, tuple(blocks), joiner))
    if not seeds:
        sys.exit(f"bench: no seed articles (*.txt) in {folder}")
    return seeds


def synthetic_speakers(count: int = SPEAKERS) -> list[str]:
    surnames = [stem + end for stem in SURNAME_STEMS for end in SURNAME_ENDS]
    return [f"{GIVEN_NAMES[number % len(GIVEN_NAMES)]} {surnames[number % len(surnames)]}"
            for number in range(count)]


def synthetic_topics(count: int = TOPICS) -> list[tuple[str, str]]:
    """(slug, phrase) of each extra topic: "grain corridor", "cobalt levy", …"""
    phrases = [f"{word} {kind}" for kind in TOPIC_KINDS for word in TOPIC_WORDS][:count]
    return [(phrase.replace(" ", "-"), phrase) for phrase in phrases]


def topics_registry(shipped: str, topics: list[tuple[str, str]]) -> str:
    """The shipped topics.yml with the synthetic topics added under ``topics:``."""
    entries = "".join(
        f"  {slug}:\n    label: {phrase.capitalize()}\n"
        f"    description: Synthetic benchmark topic.\n    phrases: [{phrase}]\n"
        for slug, phrase in topics)
    return shipped.rstrip("\n") + "\n" + entries


def variant(seed: Seed, number: int, rng: random.Random, speakers: list[str],
            topics: list[tuple[str, str]]) -> str:
    """One synthetic article: new headline, shuffled prose paragraphs, two or three quoted
    synthetic speakers on one or two synthetic topics, a front-matter date."""
    headline = f"{rng.choice(PHRASES)} {number}: {seed.headline}"
    blocks = list(seed.blocks)
    prose = [i for i, block in enumerate(blocks)
             if len(block) >= PROSE_MIN_CHARS and not block.lstrip().startswith(("|", "- "))]
    shuffled = [blocks[i] for i in prose]
    rng.shuffle(shuffled)
    for i, block in zip(prose, shuffled, strict=True):
        blocks[i] = block
    chosen = rng.sample(topics, rng.choice((1, 2)))
    for speaker in rng.sample(speakers, rng.choice((2, 3))):
        _slug, phrase = rng.choice(chosen)
        blocks.append(f"“The {phrase} will be discussed again next month, and the {phrase} "
                      f"matters to everyone here,” said {speaker}, the {rng.choice(ROLES)}. "
                      f"Officials said the {phrase} was on the agenda.")
    date = FIRST_DATE + dt.timedelta(days=rng.randrange(DATE_SPAN_DAYS))
    header = [f"date: {date.isoformat()}"]
    if number % TITLE_IN_HEADER_EVERY == 0:
        # The header title wins over the (still unique) headline line of the body.
        title = f"{seed.headline} ({date:%B %Y}, no. {number})"
        header.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    return "---\n" + "\n".join(header) + "\n---\n" + headline + seed.joiner + \
        seed.joiner.join(blocks) + "\n"


def make_project(project: Path, articles: int, seed: int) -> dict:
    """A temporary project: synthetic corpus, registries, mkdocs.yml, hand-written docs."""
    seeds = load_seeds(SEEDS)
    rng = random.Random(seed)
    speakers, topics = synthetic_speakers(), synthetic_topics()
    articles_dir = project / "corpus" / "articles"
    articles_dir.mkdir(parents=True)
    for registry in sorted((ROOT / "corpus").glob("*.yml")):
        shutil.copy2(registry, project / "corpus" / registry.name)
    (project / "corpus" / "topics.yml").write_text(
        topics_registry((ROOT / "corpus" / "topics.yml").read_text(encoding="utf-8"), topics),
        encoding="utf-8")
    # The theme overrides stay where they are: a generator/ folder in the project would be
    # imported instead of the package.
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: generator/theme", f"custom_dir: {ROOT / 'generator' / 'theme'}"),
        encoding="utf-8")
    (project / "docs").mkdir()
    for page in sorted((ROOT / "docs").glob("*.md")):
        # index.md is a link to the generated home page: copied as a link.
        shutil.copy2(page, project / "docs" / page.name, follow_symlinks=False)
    size = 0
    for number in range(articles):
        source = seeds[number % len(seeds)]
        text = variant(source, number, rng, speakers, topics)
        size += len(text.encode("utf-8"))
        (articles_dir / f"{number:05d}_{source.name}.txt").write_text(text, encoding="utf-8")
    return {"articles": articles, "seeds": [s.name for s in seeds], "seed": seed,
            "corpus_bytes": size, "synthetic_speakers": len(speakers),
            "synthetic_topics": len(topics), "date_span": [FIRST_DATE.isoformat(), (
                FIRST_DATE + dt.timedelta(days=DATE_SPAN_DAYS - 1)).isoformat()]}


# --------------------------------------------------------------------------- measuring


def _gnu_time_works() -> bool:
    if not TIME_BIN.is_file():
        return False
    with tempfile.NamedTemporaryFile() as out:
        result = subprocess.run([str(TIME_BIN), "-f", "%M %U %S", "-o", out.name, "true"],
                                capture_output=True, check=False)
        return result.returncode == 0 and len(Path(out.name).read_text().split()) == 3


USE_GNU_TIME = _gnu_time_works()


def _proc_tree_rss(root: int) -> int:
    """Summed VmRSS (kB) of every descendant of ``root`` (not ``root`` itself)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with Path(f"/proc/{entry.name}/stat").open(encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    wanted, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in wanted:
                wanted.add(child)
                frontier.append(child)
    total = 0
    for pid in wanted:
        try:
            with Path(f"/proc/{pid}/status").open(encoding="utf-8") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


class TreeSampler(threading.Thread):
    """Polls the summed resident memory of a process tree; ``peak_kb`` is the largest seen."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, _proc_tree_rss(self.pid))


@dataclass
class Run:
    seconds: float
    cpu_s: float | None  # user + system CPU of the process and its children
    peak_mb: float | None
    tree_mb: float | None
    returncode: int
    stdout: str
    stderr: str


def measure(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run ``command``; wall-clock seconds, CPU seconds (its own and its children's), peak
    RSS (largest process) and tree peak RSS."""
    rss_file = log.with_suffix(".maxrss")
    if USE_GNU_TIME:
        wrapped = [str(TIME_BIN), "-f", "%M %U %S", "-o", str(rss_file), *command]
    else:
        wrapped = [sys.executable, "-c", _WRAPPER, str(rss_file), *command]
    with log.with_suffix(".out").open("w+b") as out, \
            log.with_suffix(".err").open("w+b") as err:
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = TreeSampler(process.pid)
        sampler.start()
        returncode = process.wait()
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    peak_mb = cpu_s = None
    try:
        rss, user, system = rss_file.read_text().strip().splitlines()[-1].split()
        peak_mb, cpu_s = int(rss) / 1024, float(user) + float(system)
    except (OSError, IndexError, ValueError):
        pass
    tree_mb = sampler.peak_kb / 1024 if sampler.peak_kb else None
    return Run(seconds, cpu_s, peak_mb, tree_mb, returncode, stdout, stderr)


# --------------------------------------------------------------------------- the run


def snapshot_generator(source: Path) -> str:
    """Copy ``generator/`` into ``source`` so that every step of the run uses the same code,
    even when someone edits the working tree meanwhile; the SHA-256 of the copied files."""
    target = source / "generator"
    shutil.copytree(ROOT / "generator", target,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digest = hashlib.sha256()
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        digest.update(path.relative_to(target).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def child_env(source: Path) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(source),
                                                       os.environ.get("PYTHONPATH")]))}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def check_import(env: dict[str, str], cwd: Path, source: Path) -> None:
    found = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"],
                           cwd=cwd, env=env, capture_output=True, text=True, check=True)
    if not Path(found.stdout.strip()).is_relative_to(source):
        sys.exit(f"bench: children import generator from {found.stdout.strip()}, "
                 f"not from the snapshot in {source}")


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", "--no-optional-locks", "-C", str(ROOT), *args],
                              capture_output=True, text=True, check=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def machine_info() -> dict:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    dirty = _git("status", "--porcelain")
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "memory_gb": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "packages": {name: _version(name) for name in (
            "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "PyYAML",
            "briefing-archive")},
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(dirty) if dirty is not None else None,
        "peak_memory_tool": "GNU time %M" if USE_GNU_TIME else "python getrusage wrapper",
        "loadavg_start": _loadavg(),
    }


def _burn(count: int) -> int:
    total = 0
    for number in range(count):
        total += number * number
    return total


def parallel_probe(workers: int, count: int = 3_000_000, rounds: int = 3) -> dict:
    """How much CPU the machine gives ``workers`` processes right now: the speedup of a pure
    CPU loop run in ``workers`` processes over the same loops run one after another
    (``workers`` is ideal; a shared or throttled machine gives less). Best of ``rounds``."""
    from concurrent.futures import ProcessPoolExecutor

    serial = parallel = float("inf")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_burn, [1] * workers))  # start the workers outside the timing
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(workers):
                _burn(count)
            serial = min(serial, time.perf_counter() - started)
            started = time.perf_counter()
            list(pool.map(_burn, [count] * workers))
            parallel = min(parallel, time.perf_counter() - started)
    return {"workers": workers, "serial_s": round(serial, 2), "parallel_s": round(parallel, 2),
            "speedup": round(serial / parallel, 2), "loadavg": _loadavg()}


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None




def page_digests(folder: Path, pattern: str = "*.md") -> dict[str, tuple[str, int]]:
    """Relative path → (SHA-256, mtime in ns) of every generated Markdown page (``pattern``
    ``*``: every generated file, feeds and exports too)."""
    digests = {}
    for path in sorted(item for item in folder.rglob(pattern) if item.is_file()):
        digests[path.relative_to(folder).as_posix()] = (
            hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return digests


def changed_pages(before: dict[str, tuple[str, int]],
                  after: dict[str, tuple[str, int]]) -> dict[str, int]:
    """How many pages were added, removed, changed in content, and rewritten (a new mtime:
    what ``mkdocs build --dirty``, rsync or a file watcher sees)."""
    common = before.keys() & after.keys()
    return {
        "added": len(after.keys() - before.keys()),
        "removed": len(before.keys() - after.keys()),
        "changed": sum(1 for path in common if before[path][0] != after[path][0]),
        "touched": sum(1 for path in common if before[path][1] != after[path][1]),
    }


def changed_paths(before: dict[str, tuple[str, int]],
                  after: dict[str, tuple[str, int]]) -> list[str]:
    """The paths added, removed or changed in content."""
    return sorted(path for path in before.keys() | after.keys()
                  if before.get(path, ("",))[0] != after.get(path, ("",))[0])


def files_changed(counts: dict[str, int]) -> int:
    return counts["added"] + counts["removed"] + counts["changed"]


def search_measures(site: Path, articles: int) -> dict | None:
    """The search numbers of ``benchmarks/search_bench.py`` for a built site, when that
    script is there: it must define ``measure_search(site: Path, articles: int) -> dict``
    returning plain numbers (e.g. ``{"search_page_load_kb": …, "search_first_query_kb": …}``);
    they go into the JSON and, as extra columns, into the table."""
    if not SEARCH_BENCH.is_file():
        return None
    spec = importlib.util.spec_from_file_location("search_bench", SEARCH_BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measure_search = getattr(module, "measure_search", None)
    return measure_search(site, articles) if measure_search else None


class Failed(Exception):
    """A measured step exited non-zero."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000",
                        help="comma-separated numbers of articles (1000; e.g. 1000,5000,20000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes of generate/build (default: the cores)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each timed step (1); the table shows the median")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the corpus (0)")
    parser.add_argument("--reference", action="store_true",
                        help="also the bare build with every page in the automatic nav")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON file")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="parent folder of the temporary projects (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    options = parser.parse_args(argv)
    try:
        options.sizes = [int(size) for size in options.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes {options.sizes!r}: numbers separated by commas")
    if not options.sizes or min(options.sizes) < 2 or options.jobs < 1 or options.repeat < 1:
        parser.error("--sizes must be at least 2, --jobs and --repeat at least 1")
    return options


def _timed(label: str, command: list[str], cwd: Path, env: dict[str, str], logs: Path,
           repeat: int, before=None) -> dict:
    runs = []
    for round_number in range(repeat):
        if before is not None:
            before(round_number)
        run = measure(command, cwd, env, logs / f"{label}-{round_number}")
        if run.returncode != 0:
            raise Failed(f"{label}: exit {run.returncode}\n{_tail(run.stderr)}\n"
                         f"reproduce: {_shell(command, cwd, env['PYTHONPATH'])}")
        runs.append(run)
        cpu = f" (CPU {run.cpu_s:.2f} s)" if run.cpu_s is not None else ""
        print(f"  {label:28} {run.seconds:8.2f} s{cpu}", file=sys.stderr)
    seconds = [run.seconds for run in runs]
    cpus = [run.cpu_s for run in runs if run.cpu_s is not None]
    peaks = [run.peak_mb for run in runs if run.peak_mb is not None]
    trees = [run.tree_mb for run in runs if run.tree_mb is not None]
    return {"command": command, "seconds": [round(value, 3) for value in seconds],
            "median_s": round(statistics.median(seconds), 3),
            "cpu_median_s": round(statistics.median(cpus), 3) if cpus else None,
            "peak_mb": round(max(peaks), 1) if peaks else None,
            "tree_mb": round(max(trees), 1) if trees else None}


def measure_size(articles: int, options: argparse.Namespace, env: dict[str, str],
                 project: Path) -> dict:
    """Every step for one archive size, in one temporary project."""
    python = sys.executable
    logs = project / "logs"
    logs.mkdir(parents=True)
    corpus = make_project(project, articles, options.seed)
    jobs = ["--jobs", str(options.jobs)]
    common = ["--corpus", "corpus", "--docs", "docs", "--config", "mkdocs.yml", *jobs]
    generate = [python, "-m", "generator", "generate", *common]
    build = [python, "-m", "generator", "build", *common, "--site", "site"]
    archive = project / "docs" / "archive"
    cache = project / ".cache"

    def cold(_round: int) -> None:
        for folder in (cache, archive, project / "site"):
            shutil.rmtree(folder, ignore_errors=True)

    steps: dict[str, dict] = {}
    steps["cold_generate"] = _timed("cold generate", generate, project, env, logs,
                                    options.repeat, cold)
    pages = page_digests(archive)
    corpus.update(markdown_pages=len(pages),
                  markdown_bytes=sum(p.stat().st_size for p in archive.rglob("*.md")))
    steps["noop_generate"] = _timed("no-op generate", generate, project, env, logs,
                                    options.repeat)
    after = page_digests(archive)
    steps["noop_generate"]["pages"] = changed_pages(pages, after)
    seeds = load_seeds(SEEDS)
    rng = random.Random(options.seed + 1)
    added = project / "corpus" / "articles" / f"{articles:05d}_added.txt"

    def add(round_number: int) -> None:
        added.write_text(variant(seeds[0], articles + round_number, rng, synthetic_speakers(),
                                 synthetic_topics()), encoding="utf-8")

    pages, files = page_digests(archive), page_digests(archive, "*")
    steps["add_one"] = _timed("generate, 1 article added", generate, project, env, logs, 1, add)
    after, files_after = page_digests(archive), page_digests(archive, "*")
    steps["add_one"]["pages"] = changed_pages(pages, after)
    steps["add_one"]["files"] = changed_pages(files, files_after)
    steps["add_one"]["changed"] = changed_paths(files, files_after)
    edited = sorted((project / "corpus" / "articles").glob("*.txt"))[articles // 2]

    def edit(round_number: int) -> None:
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nEditor's note {round_number}"
                          ": this article was updated after publication.\n", encoding="utf-8")

    pages, files = after, files_after
    steps["edit_one"] = _timed("generate, 1 article edited", generate, project, env, logs, 1,
                               edit)
    files_after = page_digests(archive, "*")
    steps["edit_one"]["pages"] = changed_pages(pages, page_digests(archive))
    steps["edit_one"]["files"] = changed_pages(files, files_after)
    steps["edit_one"]["changed"] = changed_paths(files, files_after)
    added.unlink()
    steps["cold_build"] = _timed("cold build", build, project, env, logs, options.repeat, cold)
    site = project / "site"
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    corpus.update(site_files=sum(1 for p in site.rglob("*") if p.is_file()),
                  site_bytes=site_bytes, site_bytes_per_article=round(site_bytes / articles))
    # The baseline: a copy of the very same generated pages (the hand-written ones too).
    baseline = project / "baseline"
    shutil.copytree(project / "docs", baseline / "docs",
                    ignore=shutil.ignore_patterns(".staging-*", ".retired-*"))
    bare_theme_pages(baseline / "docs")
    (baseline / "bare.yml").write_text(BARE_CONFIG, encoding="utf-8")
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet"]
    steps["bare"] = _timed("BASELINE bare mkdocs build", [*mkdocs, "-f", "bare.yml", "-d",
                                                          "site-bare"], baseline, env, logs,
                           options.repeat)
    # The cold build's parts, each alone: our MkDocs step (same pages, our mkdocs.yml) against
    # the bare one, then Pagefind over the site it built.
    steps["mkdocs_step"] = _timed("our mkdocs build alone", [*mkdocs, "--strict", "-f",
                                                             "mkdocs.yml", "-d", "site-mkdocs"],
                                  project, env, logs, options.repeat)
    steps["pagefind_step"] = _timed("pagefind alone", [python, "-c", INDEX_SITE, "site-mkdocs"],
                                    project, env, logs, options.repeat)
    if options.jobs != 1:
        steps["cold_generate_one_job"] = _timed(
            "cold generate, --jobs 1", [python, "-m", "generator", "generate", *common[:-2],
                                        "--jobs", "1"], project, env, logs, options.repeat, cold)
    if options.reference:
        (baseline / "reference.yml").write_text(REFERENCE_CONFIG, encoding="utf-8")
        steps["reference_auto_nav"] = _timed(
            "reference: all pages in nav", [*mkdocs, "-f", "reference.yml", "-d",
                                            "site-reference"], baseline, env, logs,
            options.repeat)
    result = {"articles": articles, "corpus": corpus, "steps": steps}
    search = search_measures(site, articles)
    if search:
        result["search"] = search
    result["ratios"] = ratios(steps)
    return result


def bare_theme_pages(docs: Path) -> None:
    """Drop the ``template:`` key of the hand-written pages (the search page names a template
    of our theme override, which a bare Material site does not have): the same page, in the
    bare theme's own layout."""
    for page in sorted(docs.glob("*.md")):
        if page.is_symlink():
            continue
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            header, _, body = text[4:].partition("\n---\n")
            kept = [line for line in header.split("\n") if not line.startswith("template:")]
            page.write_text("---\n" + "\n".join(kept) + "\n---\n" + body, encoding="utf-8")


def ratios(steps: dict[str, dict]) -> dict[str, float]:
    bare = steps["bare"]["median_s"]
    cold = steps["cold_generate"]["median_s"]
    return {
        "cold_build_over_bare": round(steps["cold_build"]["median_s"] / bare, 2),
        "cold_generate_over_bare": round(cold / bare, 2),
        "noop_over_cold_generate": round(steps["noop_generate"]["median_s"] / cold, 3),
        "add_one_over_cold_generate": round(steps["add_one"]["median_s"] / cold, 3),
        "edit_one_over_cold_generate": round(steps["edit_one"]["median_s"] / cold, 3),
        **({"mkdocs_step_over_bare": round(steps["mkdocs_step"]["median_s"] / bare, 2),
            "pagefind_step_over_bare": round(steps["pagefind_step"]["median_s"] / bare, 2)}
           if "mkdocs_step" in steps else {}),
        **({"one_job_over_jobs": round(steps["cold_generate_one_job"]["median_s"] / cold, 2)}
           if "cold_generate_one_job" in steps else {}),
        # On a busy machine a warm run (one process) waits for a core more than a cold one
        # (--jobs processes) does: CPU seconds compare the work itself.
        **({f"{name}_over_cold_generate_cpu": round(steps[name]["cpu_median_s"] / cold_cpu, 3)
            for name in ("noop_generate", "add_one", "edit_one")
            if steps[name].get("cpu_median_s") is not None}
           if (cold_cpu := steps["cold_generate"].get("cpu_median_s")) else {}),
        **({"cold_build_over_bare_cpu": round(steps["cold_build"]["cpu_median_s"]
                                              / steps["bare"]["cpu_median_s"], 2),
            "cold_generate_over_bare_cpu": round(steps["cold_generate"]["cpu_median_s"]
                                                 / steps["bare"]["cpu_median_s"], 2)}
           if steps["bare"].get("cpu_median_s") and steps["cold_build"].get("cpu_median_s")
           and steps["cold_generate"].get("cpu_median_s") else {}),
    }


TARGETS = (
    ("cold build / bare", "cold_build_over_bare", 1.3),
    ("cold generate / bare", "cold_generate_over_bare", 0.3),
    ("no-op / cold generate", "noop_over_cold_generate", 0.02),
    ("1 added / cold generate", "add_one_over_cold_generate", 0.05),
    ("1 edited / cold generate", "edit_one_over_cold_generate", 0.05),
)


def print_table(results: list[dict]) -> None:
    sizes = [result["articles"] for result in results]
    columns = " | ".join(f"{size:,}" for size in sizes)
    print(f"\n| step | {columns} |")
    print("|---|" + "---|" * len(sizes))
    labels = [("cold generate", "cold_generate"), ("no-op generate", "noop_generate"),
              ("1 article added", "add_one"), ("1 article edited", "edit_one"),
              ("cold build", "cold_build"), ("BASELINE bare build (Material, search, nav of "
                                             "one page)", "bare"),
              ("reference: bare build, every page in nav", "reference_auto_nav"),
              ("our mkdocs build alone (same pages)", "mkdocs_step"),
              ("Pagefind alone", "pagefind_step"),
              ("cold generate, --jobs 1", "cold_generate_one_job")]
    for label, key in labels:
        cells = []
        for result in results:
            step = result["steps"].get(key)
            if step is None:
                cells.append("–")
                continue
            cell = f"{step['median_s']:.2f} s"
            if step.get("cpu_median_s") is not None:
                cell += f" (CPU {step['cpu_median_s']:.2f} s)"
            if "pages" in step:
                count = files_changed(step["pages"])
                cell += f", {count} page{'s' * (count != 1)} changed"
                if "files" in step:
                    cell += f" ({files_changed(step['files'])} files with feeds and exports)"
            cells.append(cell)
        if any(cell != "–" for cell in cells):
            print(f"| {label} | " + " | ".join(cells) + " |")
    for label, key, target in TARGETS:
        cells = [f"{result['ratios'][key]:.3g} ({'ok' if result['ratios'][key] <= target else 'MISSED'})"
                 for result in results]
        print(f"| {label} (target ≤ {target}) | " + " | ".join(cells) + " |")
    for label, key in (("no-op / cold generate, CPU seconds",
                        "noop_generate_over_cold_generate_cpu"),
                       ("1 added / cold generate, CPU seconds", "add_one_over_cold_generate_cpu"),
                       ("1 edited / cold generate, CPU seconds",
                        "edit_one_over_cold_generate_cpu"),
                       ("cold build / bare, CPU seconds", "cold_build_over_bare_cpu"),
                       ("cold generate / bare, CPU seconds", "cold_generate_over_bare_cpu"),
                       ("our mkdocs step alone / bare", "mkdocs_step_over_bare"),
                       ("Pagefind alone / bare", "pagefind_step_over_bare"),
                       ("cold generate --jobs 1 / --jobs J", "one_job_over_jobs")):
        if any(key in result["ratios"] for result in results):
            print(f"| {label} | " + " | ".join(
                f"{result['ratios'][key]:.3g}" if key in result["ratios"] else "–"
                for result in results) + " |")
    print("| peak memory, largest process (cold build) | " + " | ".join(
        f"{result['steps']['cold_build']['peak_mb']:.0f} MB" for result in results) + " |")
    print("| peak memory, all processes (cold build) | " + " | ".join(
        f"{result['steps']['cold_build']['tree_mb'] or 0:.0f} MB" for result in results) + " |")
    print("| site bytes per article | " + " | ".join(
        f"{result['corpus']['site_bytes_per_article'] / 1024:.1f} KB" for result in results)
        + " |")
    search_keys = sorted({key for result in results for key in result.get("search", {})})
    for key in search_keys:
        print(f"| {key} | " + " | ".join(str(result.get("search", {}).get(key, "–"))
                                        for result in results) + " |")
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["steps"]["cold_build"]["median_s"] / first["steps"]["cold_build"]["median_s"]
        print(f"\ncold build {last['articles']:,} / {first['articles']:,}: {growth:.1f}x for "
              f"{last['articles'] / first['articles']:.0f}x the articles")


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    info = machine_info()
    info["parallel_probe_start"] = parallel_probe(max(2, options.jobs))
    top = Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=options.workdir))
    results = []
    try:
        source = top / "src"
        info["generator_sha256"] = snapshot_generator(source)
        env = child_env(source)
        check_import(env, top, source)
        for articles in options.sizes:
            print(f"bench: {articles} articles, --jobs {options.jobs}, {options.repeat} "
                  f"run(s) of each step, in {top}", file=sys.stderr)
            project = top / f"n{articles}"
            results.append(measure_size(articles, options, env, project))
            if not options.keep:
                shutil.rmtree(project, ignore_errors=True)
    except Failed as failure:
        print(f"bench: FAILED {failure}", file=sys.stderr)
        options.keep = True
        return 1
    finally:
        if results:
            print_table(results)
            growth = None
            if len(results) > 1:
                growth = round(results[-1]["steps"]["cold_build"]["median_s"]
                               / results[0]["steps"]["cold_build"]["median_s"], 2)
            info = {**info, "parallel_probe_end": parallel_probe(max(2, options.jobs)),
                    "loadavg_end": _loadavg()}
            options.out.parent.mkdir(parents=True, exist_ok=True)
            options.out.write_text(json.dumps({
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "options": {"sizes": options.sizes, "jobs": options.jobs,
                            "repeat": options.repeat, "seed": options.seed,
                            "reference": options.reference},
                "machine": info, "baseline_config": BARE_CONFIG,
                "cold_build_growth_last_over_first": growth, "sizes": results,
            }, indent=2) + "\n", encoding="utf-8")
            print(f"bench: results written to {options.out}", file=sys.stderr)
        if options.keep:
            print(f"bench: kept the projects in {top}", file=sys.stderr)
        else:
            shutil.rmtree(top, ignore_errors=True)
    return 0


def _shell(command: list[str], cwd: Path, source: str) -> str:
    quoted = " ".join(_quote(part) for part in command)
    return f"cd {_quote(str(cwd))} && NO_MKDOCS_2_WARNING=1 PYTHONPATH={_quote(source)} " \
           f"{quoted}"


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


if __name__ == "__main__":
    sys.exit(main())
