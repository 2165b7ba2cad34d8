#!/usr/bin/env python3
"""Performance benchmark: our generate/build against a bare ``mkdocs build`` of the same pages.

Run as ``./run bench [--articles N] [--jobs J] [--repeat R]``. In a temporary project it
synthesises N articles from the seed articles in ``corpus/articles/``, then times, R times
each and in the same run, every step below as a child process:

    generate --jobs 1, generate --jobs J, build --jobs J (generate + mkdocs build --strict),
    mkdocs build --strict of our config alone, a bare ``mkdocs build`` of a copy of the very
    same generated pages (Material theme, search only, automatic nav), the same with the
    default ``mkdocs`` theme, and a regeneration after one article changed.

It prints a table (median and min seconds, peak memory, ratio to the bare Material build)
and writes every number and the machine information to ``benchmarks/out/results.json``.
See ``benchmarks/README.md`` for what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "articles"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "results.json"
TIME_BIN = Path("/usr/bin/time")
SAMPLE_SECONDS = 0.05
BASELINE = "bare-material"

PHRASES = (
    "Update", "Analysis", "Briefing", "Readout", "Explainer", "Follow-up", "Week in review",
    "Dispatch", "Commentary", "Background", "Live notes", "In brief",
)
FIRST_DATE = dt.date(2024, 1, 1)
DATE_SPAN_DAYS = 731  # 2024-01-01 .. 2025-12-31: 24 months
TITLE_IN_HEADER_EVERY = 7  # every 7th variant also sets `title:` in its front matter
PROSE_MIN_CHARS = 200  # blocks at least this long (and not tables/lists) get shuffled

BASELINE_CONFIGS = {
    "bare-material": "site_name: Bare MkDocs baseline\ntheme:\n  name: material\n"
                     "plugins:\n  - search\n",
    "bare-mkdocs": "site_name: Bare MkDocs baseline\ntheme:\n  name: mkdocs\n"
                   "plugins:\n  - search\n",
}

# Fallback peak-memory wrapper when GNU time is missing: run the command, wait for it, and
# write the largest resident set of any waited-for descendant (kilobytes on Linux).
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
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


def variant(seed: Seed, number: int, rng: random.Random) -> str:
    """One synthetic article: new headline, shuffled prose paragraphs, a front-matter date."""
    headline = f"{rng.choice(PHRASES)} {number}: {seed.headline}"
    blocks = list(seed.blocks)
    prose = [i for i, block in enumerate(blocks)
             if len(block) >= PROSE_MIN_CHARS and not block.lstrip().startswith(("|", "- "))]
    shuffled = [blocks[i] for i in prose]
    rng.shuffle(shuffled)
    for i, block in zip(prose, shuffled, strict=True):
        blocks[i] = block
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
    articles_dir = project / "corpus" / "articles"
    articles_dir.mkdir(parents=True)
    for registry in sorted((ROOT / "corpus").glob("*.yml")):
        shutil.copy2(registry, project / "corpus" / registry.name)
    # The theme overrides by absolute path (custom_dir is relative to mkdocs.yml).
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "custom_dir: generator/theme", f"custom_dir: {ROOT / 'generator' / 'theme'}"), "utf-8")
    (project / "docs").mkdir()
    for page in sorted((ROOT / "docs").glob("*.md")):
        shutil.copy2(page, project / "docs" / page.name)
    size = 0
    for number in range(articles):
        source = seeds[number % len(seeds)]
        text = variant(source, number, rng)
        size += len(text.encode("utf-8"))
        (articles_dir / f"{number:05d}_{source.name}.txt").write_text(text, encoding="utf-8")
    return {"articles": articles, "seeds": [s.name for s in seeds], "seed": seed,
            "corpus_bytes": size}


# --------------------------------------------------------------------------- measuring


def _gnu_time_works() -> bool:
    if not TIME_BIN.is_file():
        return False
    with tempfile.NamedTemporaryFile() as out:
        result = subprocess.run([str(TIME_BIN), "-f", "%M", "-o", out.name, "true"],
                                capture_output=True, check=False)
        return result.returncode == 0 and Path(out.name).read_text().strip().isdigit()


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
    peak_mb: float | None
    tree_mb: float | None
    returncode: int
    stdout: str
    stderr: str


def measure(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run ``command``; wall-clock seconds, peak RSS (largest process) and tree peak RSS."""
    rss_file = log.with_suffix(".maxrss")
    if USE_GNU_TIME:
        wrapped = [str(TIME_BIN), "-f", "%M", "-o", str(rss_file), *command]
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
    peak_mb = None
    try:
        last = rss_file.read_text().strip().splitlines()[-1]
        peak_mb = int(last) / 1024
    except (OSError, IndexError, ValueError):
        pass
    tree_mb = sampler.peak_kb / 1024 if sampler.peak_kb else None
    return Run(seconds, peak_mb, tree_mb, returncode, stdout, stderr)


@dataclass
class Step:
    key: str
    label: str
    command: list[str]
    cwd: Path
    before: Callable[[int], None] | None = None
    after: Callable[[int], None] | None = None
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None

    def summary(self) -> dict:
        seconds = [run.seconds for run in self.runs]
        peaks = [run.peak_mb for run in self.runs if run.peak_mb is not None]
        trees = [run.tree_mb for run in self.runs if run.tree_mb is not None]
        return {
            "label": self.label,
            "command": self.command,
            "cwd": str(self.cwd),
            "seconds": [round(s, 3) for s in seconds],
            "median_s": round(statistics.median(seconds), 3) if seconds else None,
            "min_s": round(min(seconds), 3) if seconds else None,
            "peak_mb": [round(p, 1) for p in peaks],
            "peak_mb_max": round(max(peaks), 1) if peaks else None,
            "tree_mb": [round(t, 1) for t in trees],
            "tree_mb_max": round(max(trees), 1) if trees else None,
            "failure": self.failure,
        }


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


_GENERATE_LINE = re.compile(r"generate: (\d+) articles, (\d+) pages; (\d+) files? skipped")


def _shell(command: list[str], cwd: Path, source: Path) -> str:
    quoted = " ".join(_quote(part) for part in command)
    return f"cd {_quote(str(cwd))} && NO_MKDOCS_2_WARNING=1 PYTHONPATH={_quote(str(source))} " \
           f"{quoted}"


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for -j J (2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (3)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the corpus (0)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON file")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="parent folder of the temporary project (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    options = parser.parse_args(argv)
    if options.articles < 1 or options.jobs < 1 or options.repeat < 1:
        parser.error("--articles, --jobs and --repeat must be at least 1")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    python = sys.executable
    jobs = options.jobs
    info = machine_info()
    info["parallel_probe_start"] = parallel_probe(max(2, jobs))
    project = Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=options.workdir))
    logs = project / "logs"
    logs.mkdir()
    keep = options.keep
    try:
        source = project / "src"
        info["generator_sha256"] = snapshot_generator(source)
        env = child_env(source)
        check_import(env, project, source)
        print(f"bench: {options.articles} articles, --jobs {jobs}, {options.repeat} repeats, "
              f"in {project}", file=sys.stderr)
        corpus = make_project(project, options.articles, options.seed)

        generate = [python, "-m", "generator", "generate", "--corpus", "corpus", "--docs",
                    "docs", "--config", "mkdocs.yml"]
        warm = measure([*generate, "--jobs", str(jobs)], project, env, logs / "warmup")
        found = _GENERATE_LINE.search(warm.stdout)
        if warm.returncode != 0 or not found:
            print(f"bench: generate failed on the synthetic corpus (exit {warm.returncode})\n"
                  f"{_tail(warm.stderr)}\n{_tail(warm.stdout)}\nreproduce: "
                  f"{_shell([*generate, '--jobs', str(jobs)], project, source)}", file=sys.stderr)
            keep = True
            return 1
        corpus.update(generated_articles=int(found[1]), pages=int(found[2]),
                      skipped=int(found[3]),
                      generate_stderr_lines=len(warm.stderr.strip().splitlines()),
                      generate_stderr_head=warm.stderr.strip().splitlines()[:10])
        archive = project / "docs" / "archive"
        pages = list(archive.rglob("*.md"))
        corpus.update(markdown_files=len(pages),
                      markdown_bytes=sum(p.stat().st_size for p in pages))
        if corpus["skipped"]:
            print(f"bench: warning: generate skipped {corpus['skipped']} synthetic articles:\n"
                  f"{_tail(warm.stderr, 10)}", file=sys.stderr)

        # The bare baselines: a copy of the very same generated docs/ and a minimal config.
        baseline = project / "baseline"
        shutil.copytree(project / "docs", baseline / "docs")
        for name, config in BASELINE_CONFIGS.items():
            (baseline / f"{name}.yml").write_text(config, encoding="utf-8")

        changed = sorted((project / "corpus" / "articles").glob("*.txt"))[0]
        original = changed.read_bytes()

        def edit(repeat: int) -> None:
            changed.write_bytes(original + f"\nEditor's note {repeat}: this article was updated "
                                "after publication.\n".encode())

        def restore(_repeat: int) -> None:
            changed.write_bytes(original)

        mkdocs = [python, "-m", "mkdocs", "build", "--quiet"]
        build = [python, "-m", "generator", "build", "--corpus", "corpus", "--docs", "docs",
                 "--config", "mkdocs.yml", "--site", "site"]
        steps = [
            Step("generate-j1", "generate --jobs 1", [*generate, "--jobs", "1"], project),
            Step(f"generate-j{jobs}", f"generate --jobs {jobs}",
                 [*generate, "--jobs", str(jobs)], project),
            Step("build-j1", "build --jobs 1 (generate + mkdocs)", [*build, "--jobs", "1"],
                 project),
            Step(f"build-j{jobs}", f"build --jobs {jobs} (generate + mkdocs)",
                 [*build, "--jobs", str(jobs)], project),
            Step("mkdocs-ours", "mkdocs build --strict, our mkdocs.yml",
                 [*mkdocs, "--strict", "-f", "mkdocs.yml", "-d", "site-mkdocs-only"], project),
            Step("bare-material", "BASELINE bare mkdocs build, material",
                 [*mkdocs, "-f", "bare-material.yml", "-d", "site-material"], baseline),
            Step("bare-mkdocs", "bare mkdocs build, mkdocs theme",
                 [*mkdocs, "-f", "bare-mkdocs.yml", "-d", "site-mkdocs"], baseline),
            Step(f"incremental-j{jobs}", f"regenerate after 1 edit, --jobs {jobs}",
                 [*generate, "--jobs", str(jobs)], project, before=edit, after=restore),
        ]
        steps = list({step.key: step for step in steps}.values())  # --jobs 1: no duplicates
        # Rounds interleave the steps, so drift in a noisy machine's load spreads over all.
        for repeat in range(options.repeat):
            for step in steps:
                if step.failure:
                    continue
                if step.before:
                    step.before(repeat)
                run = measure(step.command, step.cwd, env, logs / f"{step.key}-{repeat}")
                if step.after:
                    step.after(repeat)
                if run.returncode != 0:
                    step.failure = (f"exit {run.returncode}\n{_tail(run.stderr)}\n"
                                    f"{_tail(run.stdout, 5)}")
                    print(f"bench: {step.label} FAILED (exit {run.returncode}):\n"
                          f"{_tail(run.stderr)}\nreproduce (keep the project with --keep): "
                          f"{_shell(step.command, step.cwd, source)}", file=sys.stderr)
                    keep = True
                    continue
                step.runs.append(run)
                print(f"  round {repeat + 1}/{options.repeat} {step.label:42} "
                      f"{run.seconds:7.2f} s", file=sys.stderr)

        site = project / "site"
        if site.is_dir():
            corpus["site_html_files"] = sum(1 for _ in site.rglob("*.html"))
        sys.stderr.flush()
        results = report(options, info, corpus, steps)
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"bench: results written to {options.out}", file=sys.stderr)
        return 1 if any(step.failure for step in steps) else 0
    finally:
        if keep:
            print(f"bench: kept the project in {project}", file=sys.stderr)
        else:
            shutil.rmtree(project, ignore_errors=True)


def report(options: argparse.Namespace, info: dict, corpus: dict, steps: list[Step]) -> dict:
    summaries = {step.key: step.summary() for step in steps}
    base = summaries[BASELINE]["median_s"]
    base_min = summaries[BASELINE]["min_s"]
    base_peak = summaries[BASELINE]["peak_mb_max"]
    for summary in summaries.values():
        summary["ratio_median"] = (round(summary["median_s"] / base, 2)
                                   if base and summary["median_s"] else None)
        summary["ratio_min"] = (round(summary["min_s"] / base_min, 2)
                                if base_min and summary["min_s"] else None)
        summary["peak_ratio"] = (round(summary["peak_mb_max"] / base_peak, 2)
                                 if base_peak and summary["peak_mb_max"] else None)
    print(f"\n{corpus['articles']} articles -> {corpus.get('markdown_files')} Markdown pages, "
          f"--jobs {options.jobs}, {options.repeat} runs each; nproc {info['nproc']}, "
          f"Python {info['python']}, mkdocs {info['packages']['mkdocs']}, "
          f"mkdocs-material {info['packages']['mkdocs-material']}")
    header = (f"{'step':44} {'median s':>9} {'min s':>8} {'peak MB':>8} {'tree MB':>8} "
              f"{'x bare':>7}")
    print(header)
    print("-" * len(header))
    for summary in summaries.values():
        if summary["failure"]:
            print(f"{summary['label']:44} FAILED: {summary['failure'].splitlines()[0]}")
            continue
        print(f"{summary['label']:44} {summary['median_s']:9.2f} {summary['min_s']:8.2f} "
              f"{_mb(summary['peak_mb_max']):>8} {_mb(summary['tree_mb_max']):>8} "
              f"{_ratio(summary['ratio_median']):>7}")
    print()
    for key in dict.fromkeys(("build-j1", f"build-j{options.jobs}")):
        build = summaries[key]
        if build["ratio_median"]:
            print(f"our {build['label'].split(' (')[0]} / bare mkdocs build (material): "
                  f"{build['ratio_median']:.2f}x median, {build['ratio_min']:.2f}x min, "
                  f"peak memory {_ratio(build['peak_ratio'])}x")
    start = info["parallel_probe_start"]
    end = parallel_probe(start["workers"])
    print(f"machine: speedup of {start['workers']} CPU-bound processes over one after another "
          f"{start['speedup']:.2f}x at the start, {end['speedup']:.2f}x at the end "
          f"({start['workers']:.2f}x is ideal); load average {start['loadavg']} -> "
          f"{end['loadavg']}")
    sys.stdout.flush()
    info = {**info, "parallel_probe_end": end, "loadavg_end": _loadavg()}
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "options": {"articles": options.articles, "jobs": options.jobs,
                    "repeat": options.repeat, "seed": options.seed},
        "machine": info,
        "corpus": corpus,
        "baseline": BASELINE,
        "baseline_configs": BASELINE_CONFIGS,
        "steps": summaries,
    }


def _mb(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "-"


def _ratio(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


if __name__ == "__main__":
    sys.exit(main())
