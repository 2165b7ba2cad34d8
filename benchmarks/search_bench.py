#!/usr/bin/env python3
"""Search benchmark: what a reader's browser downloads for search, Pagefind against lunr.

Run as ``.venv/bin/python benchmarks/search_bench.py [--articles N] [--query WORD]``
(default 10,000 articles). In a temporary project it writes N synthetic articles (the shipped
ones, paragraphs shuffled, each with a header giving one of 200 speakers, one or two of the
registry's topics, one of 12 outlets and a date over ten years), runs ``briefing build``
(generate, MkDocs, Pagefind), and then, in headless Chromium against a local HTTP server that
gzips what it sends (as GitHub Pages does), measures with the Resource Timing API
(``encodedBodySize``: the bytes on the wire, headers aside; HTTP cache off):

* page load: search code and data fetched by loading an article page (the target: ≤ 50 KB);
* ready: after focusing the header search box (Pagefind's script, WebAssembly, entry, meta);
* first query: everything fetched from page load to the first results shown in the header
  box (the target: ≤ 300 KB), and on the search page (``search/?q=``, Pagefind's UI with its
  filters);
* filters: a speaker filter on the search page narrows the results to that speaker's pages.

For comparison it builds the same pages with Material's search plugin (our mkdocs.yml plus
``search``) and reports its ``search_index.json``, raw and gzipped: the file Material fetches
on every page load. It prints a table and writes ``benchmarks/out/search.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "articles"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "search.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGE_LOAD_LIMIT = 50_000
FIRST_QUERY_LIMIT = 300_000

GIVEN = ("Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Greta", "Hiroshi", "Ingrid",
         "Jamal", "Katarzyna", "Luis", "Mariam", "Nikolai", "Olga", "Pieter", "Qiu", "Rania",
         "Stefan", "Tomasz")
FAMILY = ("Albrecht", "Bogdanova", "Castellanos", "Demir", "Eriksen", "Fontaine", "Gallagher",
          "Horvath", "Ivanova", "Jansen")
OUTLETS = ("Reuters", "Associated Press", "AFP", "POLITICO", "BBC News", "The Guardian",
           "Le Monde", "Der Spiegel", "Kyiv Independent", "Meduza", "Al Jazeera", "NHK World")
FIRST_DATE = dt.date(2016, 1, 1)
DATE_SPAN_DAYS = 3653  # ten years
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")


# --------------------------------------------------------------------------- the corpus


def speakers() -> list[str]:
    return [f"{given} {family}" for family in FAMILY for given in GIVEN]  # 200 people


def make_corpus(project: Path, articles: int, seed: int) -> dict:
    """Copy the project's config, theme, hand-written docs and registries into ``project``
    and write ``articles`` synthetic articles into its corpus."""
    rng = random.Random(seed)
    topics = sorted(yaml.safe_load((ROOT / "corpus" / "topics.yml").read_text("utf-8"))
                    ["topics"])
    people = speakers()
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    # The theme overrides by absolute path: a generator/ folder in the project would shadow
    # the installed package for `python -m generator` run there.
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "custom_dir: generator/theme", f"custom_dir: {ROOT / 'generator' / 'theme'}"), "utf-8")
    shutil.copytree(ROOT / "docs", project / "docs",
                    ignore=shutil.ignore_patterns("archive", ".*"))
    corpus = project / "corpus" / "articles"
    corpus.mkdir(parents=True)
    for registry in sorted((ROOT / "corpus").glob("*.yml")):
        shutil.copy2(registry, project / "corpus" / registry.name)
    size = 0
    for number in range(articles):
        text = seeds[number % len(seeds)]
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        paragraphs = [part for part in body.split("\n\n") if part.strip()]
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        speaker = people[rng.randrange(len(people))]
        chosen = rng.sample(topics, rng.choice((1, 2)))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        date = FIRST_DATE + dt.timedelta(days=rng.randrange(DATE_SPAN_DAYS))
        title = f"Briefing {number}: {speaker} on {chosen[0].replace('-', ' ')}"
        header = {"title": title, "date": date.isoformat(), "source": outlet,
                  "speakers": [speaker], "topics": chosen}
        said = (f"“We will keep talking about {chosen[0].replace('-', ' ')},” {speaker} told "
                f"{outlet} on {date:%d %B %Y}.")
        text = ("---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=True) + "---\n"
                + "\n\n".join([*head, said, *rest]) + "\n")
        size += len(text.encode("utf-8"))
        (corpus / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    return {"articles": articles, "speakers": len(people), "topics": len(topics),
            "outlets": len(OUTLETS), "years": DATE_SPAN_DAYS // 365, "corpus_bytes": size}


def run(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(f"search_bench: {' '.join(command)} failed ({result.returncode}):\n"
                 + result.stderr[-3000:])
    return time.monotonic() - started


def lunr_index(project: Path) -> dict:
    """Build the same pages with Material's search plugin; its index's sizes."""
    config = (project / "mkdocs.yml").read_text("utf-8")
    if "\nplugins:\n" not in config:
        sys.exit("search_bench: mkdocs.yml has no plugins: list to add the search plugin to")
    (project / "lunr.yml").write_text(config.replace("\nplugins:\n", "\nplugins:\n  - search\n"),
                                      "utf-8")
    seconds = run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "lunr.yml",
                   "-d", "site-lunr"], project)
    index = (project / "site-lunr" / "search" / "search_index.json").read_bytes()
    return {"bytes": len(index), "gzip_bytes": len(gzip.compress(index, 6)),
            "mkdocs_seconds": round(seconds, 1)}


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# --------------------------------------------------------------------------- serving


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files, gzipped when the client accepts it and the type compresses (Pagefind's
    index files and WebAssembly are compressed already), as GitHub Pages does, never to be
    cached, and records the body bytes of every response in ``sent``: the browser's own
    Resource Timing entries miss what Pagefind's web worker fetches."""

    sent: ClassVar[list[tuple[str, int]]] = []

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or not path.name.endswith(COMPRESSIBLE)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# --------------------------------------------------------------------------- the browser

def _search_bytes(since: int) -> dict:
    """What the server sent for search since its ``since``-th response: our script and
    everything under pagefind/ (code, WebAssembly, index chunks, fragments)."""
    search = [(path, size) for path, size in GzipHandler.sent[since:]
              if "/pagefind/" in path or "pagefind-search.js" in path]
    return {"bytes": sum(size for _, size in search), "requests": len(search),
            "files": sorted({path.rsplit("/", 1)[-1].split("?")[0] for path, _ in search})}


def _settle(seconds: float = 1.5) -> None:
    """Wait until the server has sent nothing for ``seconds``."""
    count = -1
    while count != len(GzipHandler.sent):
        count = len(GzipHandler.sent)
        time.sleep(seconds)


def browser_measure(site: Path, article: str, query: str) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = _Server(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="search-bench-chromium-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    os.environ["SE_OFFLINE"] = "true"
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    results: dict = {}
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        wait = WebDriverWait(driver, 120).until

        start = len(GzipHandler.sent)
        driver.get(f"{url}/{article}")
        wait(lambda d: d.execute_script("return document.readyState") == "complete")
        _settle()
        results["page_load"] = _search_bytes(start)
        results["page_load_all_bytes"] = sum(size for _, size in GzipHandler.sent[start:])

        box = driver.find_element(By.CSS_SELECTOR, "[data-briefing-search-query]")
        driver.execute_script("arguments[0].focus()", box)
        _settle()
        results["ready"] = _search_bytes(start)

        started = time.monotonic()
        box.send_keys(query)
        wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-briefing-search-results] a"))
        results["first_query_seconds"] = round(time.monotonic() - started, 2)
        _settle()
        results["first_query"] = _search_bytes(start)
        results["first_query_results"] = driver.find_element(
            By.CSS_SELECTOR, "[data-briefing-search-meta]").text

        start = len(GzipHandler.sent)
        driver.get(f"{url}/search/?q={query}")
        wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result"))
        _settle()
        results["search_page"] = _search_bytes(start)
        unfiltered = driver.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text
        # The first speaker the filter panel offers with results for this query.
        checkbox = wait(lambda d: next((box for box in d.find_elements(
            By.CSS_SELECTOR, ".pagefind-ui__filter-checkbox[name='speaker']")
            if not box.find_element(By.XPATH, "following-sibling::label").text
            .endswith("(0)")), None))
        speaker = checkbox.get_attribute("value")
        driver.execute_script("arguments[0].click()", checkbox)
        wait(lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text
             != unfiltered)
        _settle()
        filtered = driver.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text
        links = [a.get_attribute("href") for a in driver.find_elements(
            By.CSS_SELECTOR, ".pagefind-ui__result-link")]
        results["filter"] = {"speaker": speaker, "unfiltered": unfiltered,
                             "filtered": filtered, "shown": len(links)}
        results["search_page_after_filter"] = _search_bytes(start)
        speakers_of_shown = []
        for link in links[:3]:
            driver.get(link)
            wait(lambda d: d.find_elements(By.CSS_SELECTOR, "article.md-content__inner h1"))
            speakers_of_shown.append(speaker in driver.find_element(
                By.CSS_SELECTOR, "article.md-content__inner").text)
        results["filter"]["works"] = bool(links) and all(speakers_of_shown)
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
        shutil.rmtree(profile, ignore_errors=True)
    return results


# --------------------------------------------------------------------------- the report


def _kb(value: float) -> str:
    return f"{value / 1000:,.1f} KB"


def report(data: dict) -> None:
    browser = data["browser"]
    rows = [
        ("articles", f"{data['corpus']['articles']:,}"),
        ("build (generate + MkDocs + Pagefind), s", f"{data['build_seconds']:.1f}"),
        ("Pagefind indexing alone, s", f"{data['pagefind_seconds']:.1f}"),
        ("Pagefind bundle on disk", _kb(data["pagefind_bundle_bytes"])),
        ("search bytes loaded with an article page (≤ 50 KB)",
         _kb(browser["page_load"]["bytes"])),
        ("… after focusing the search box", _kb(browser["ready"]["bytes"])),
        (f"first query '{data['query']}' in the header box, all since page load (≤ 300 KB)",
         _kb(browser["first_query"]["bytes"])),
        ("search page with that query (Pagefind UI, filters)",
         _kb(browser["search_page"]["bytes"])),
        ("… after a speaker filter", _kb(browser["search_page_after_filter"]["bytes"])),
        ("speaker filter works", str(browser["filter"]["works"])),
        ("lunr search_index.json (plugin), raw", _kb(data["lunr"]["bytes"])),
        ("lunr search_index.json, gzipped: fetched by every page load",
         _kb(data["lunr"]["gzip_bytes"])),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|-{'-' * 12}")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
    print(f"targets met: page load {data['targets']['page_load']}, first query "
          f"{data['targets']['first_query']}, filters {data['targets']['filters']}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--query", default="Lavrov")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as temporary:
        project = options.keep or Path(temporary) / "project"
        project.mkdir(parents=True, exist_ok=False)
        corpus = make_corpus(project, options.articles, options.seed)
        print(f"search_bench: {corpus['articles']} articles written; building", flush=True)
        build = run([sys.executable, "-m", "generator", "build", "--jobs", str(options.jobs)],
                    project)
        site = project / "site"
        from generator.search.index import pagefind_binary
        pagefind = run([str(pagefind_binary()), "--site", str(site), "--output-path",
                        str(project / "pagefind-again"), "--quiet"], project)
        print("search_bench: built; building the lunr comparison", flush=True)
        lunr = lunr_index(project)
        article = sorted((site / "archive" / "articles").iterdir())[0]
        print("search_bench: measuring in Chromium", flush=True)
        browser = browser_measure(site, f"archive/articles/{article.name}/", options.query)
        data = {
            "corpus": corpus, "query": options.query, "jobs": options.jobs,
            "build_seconds": round(build, 1), "pagefind_seconds": round(pagefind, 1),
            "pagefind_bundle_bytes": tree_bytes(site / "pagefind"),
            "site_bytes": tree_bytes(site), "lunr": lunr, "browser": browser,
            "targets": {
                "page_load": browser["page_load"]["bytes"] <= PAGE_LOAD_LIMIT,
                "first_query": browser["first_query"]["bytes"] <= FIRST_QUERY_LIMIT,
                "filters": browser["filter"]["works"],
            },
        }
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    report(data)
    print(f"search_bench: results written to {options.out}")
    return 0 if all(data["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
