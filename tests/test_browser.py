"""A real headless Chromium against built sites, served over HTTP on 127.0.0.1.

* The shipped corpus: navigate home → Speakers → Sergei Lavrov → an article, check what a
  reader sees (date, speakers, topics, footnotes, the Russian quotation), use the search box,
  and save screenshots (to $BRIEFING_SCREENSHOTS, default the test's tmp_path).
* The articles of tests/anchors (titled "__config", "__search", "p2"; headings "P5", "P1",
  "P2"): the page titled like the theme's config script keeps search, and a paragraph anchor
  lands on the paragraph, not on a heading of the same text.
* The hostile corpus (tests/hostile), built by MkDocs and by Zensical: every page loads with
  no dialog, no active markup in the content area, and the text of each case is shown as typed.

Needs Debian's chromium and chromium-driver (``./run test`` installs them when missing).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    StaleElementReferenceException,
    UnexpectedAlertPresentException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
ANCHORS = ROOT / "tests" / "anchors" / "articles"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FOOTNOTED = "004_1afbffcb4474967d.txt"  # the shipped article with [CITATION: …] markers
WAIT_SECONDS = 15

# Runs before any page script, in every frame: dialogs and pop-ups are recorded, not shown.
DIALOG_RECORDER = """
(() => {
  const calls = [];
  Object.defineProperty(window, '__dialogs', {value: calls});
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const record = (...args) => {
      calls.push(name + '(' + args.map(String).join(', ').slice(0, 200) + ')');
      return null;
    };
    Object.defineProperty(window, name, {value: record});
  }
})();
"""

# Problems in the content area of the current page, as a list of strings.
CONTENT_PROBLEMS = """
const problems = [];
const root = document.querySelector('article.md-content__inner')
  || document.querySelector('.md-content');
if (!root) return ['no content area (article.md-content__inner or .md-content)'];
const banned = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'style',
                        'svg', 'math', 'form', 'base', 'meta', 'link']);
const urls = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);
// The theme's own widgets: buttons, tag chips and the search page's Pagefind UI (its form
// posts to javascript:void(0)) that are direct children of the article.
const theme = (el) => {
  const widget = el.closest('.md-content__button, .md-tags, .briefing-search-page');
  return widget !== null && widget.parentElement === root;
};
for (const el of [root, ...root.querySelectorAll('*')]) {
  if (theme(el)) continue;
  const tag = el.localName.toLowerCase();
  const html = el.outerHTML.slice(0, 160);
  // The generator's charts: an svg right inside figure.archive-chart (its attributes are
  // checked below like every other element's).
  const chart = tag === 'svg' && el.parentElement
    && el.parentElement.matches('figure.archive-chart');
  if (banned.has(tag) && !chart) problems.push('<' + tag + '> element: ' + html);
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on') || name === 'srcdoc' || name === 'style') {
      problems.push(name + '= attribute: ' + html);
    }
    if (urls.has(name)) {
      let scheme = '';
      try { scheme = new URL(attr.value, document.baseURI).protocol; } catch (e) { }
      if (['javascript:', 'data:', 'vbscript:'].includes(scheme)) {
        problems.push(scheme + ' URL in ' + name + '=: ' + html);
      }
    }
  }
}
if (document.title.includes('<')) problems.push('"<" in document.title: ' + document.title);
for (const call of window.__dialogs || ['(dialog recorder missing)']) {
  problems.push('dialog: ' + call);
}
return problems;
"""


# --- serving -------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser hung up: fine
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class Site:
    project: Path
    site: Path
    url: str

    def articles(self) -> dict[str, str]:
        """source file → slug, from the front matter of the generated article pages."""
        return {_front_matter(page)["source_file"]: page.stem
                for page in (self.project / "docs" / "archive" / "articles").glob("*.md")}

    def article_url(self, slug: str) -> str:
        return f"{self.url}/archive/articles/{quote(slug)}/"


def _front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def driver(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: install Debian's chromium and "
                    "chromium-driver (`./run test` does it with apt-get)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--window-size=1400,1000", "--lang=en-US",
                     # Offline and deterministic: no host but the test server resolves.
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download a browser
        browser = webdriver.Chrome(options=options,
                                   service=Service(executable_path=str(CHROMEDRIVER)))
        try:
            browser.set_page_load_timeout(60)
            browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": DIALOG_RECORDER})
            yield browser
        finally:
            browser.quit()


def _wait(driver, condition, message: str = ""):
    return WebDriverWait(driver, WAIT_SECONDS,
                         ignored_exceptions=(StaleElementReferenceException,)).until(
        condition, message)


def _heading(driver) -> str:
    return _squash(driver.find_element(By.CSS_SELECTOR, "article.md-content__inner h1").text)


def _wait_for_heading(driver, heading: str) -> None:
    _wait(driver, lambda d: _heading(d) == heading,
          f"page with heading {heading!r} (at {driver.current_url})")


def _content_text(driver) -> str:
    return _squash(driver.find_element(By.CSS_SELECTOR, ".md-content").text)


def _click(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    _wait(driver, expected_conditions.element_to_be_clickable(element)).click()


def _screenshot(driver, folder: Path, name: str) -> None:
    driver.execute_script("window.scrollTo(0, 0);")
    folder.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(folder / f"{name}.png"))


def _dialogs(driver) -> list[str]:
    return driver.execute_script("return window.__dialogs || ['(dialog recorder missing)'];")


def _console_errors(driver, site_url: str) -> list[str]:
    """Errors in the console, except failed requests to other hosts: the browser resolves no
    host but 127.0.0.1, and the theme asks Google Fonts and the GitHub API (repo_url)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and not (
                entry["message"].startswith(("http://", "https://"))
                and not entry["message"].startswith(site_url + "/")
                and "Failed to load resource: net::ERR_" in entry["message"])]


# --- the shipped corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory, project_copy, generator_run) -> Iterator[Site]:
    project = project_copy(tmp_path_factory.mktemp("shipped"))
    result = generator_run(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield Site(project, project / "site", url)


def test_reader_journey(driver, shipped: Site, tmp_path: Path):
    shots = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path)
    driver.get_log("browser")  # start with an empty console log

    driver.get(shipped.url + "/")
    _wait_for_heading(driver, "Briefing Archive")
    assert driver.title.startswith("Briefing Archive")
    _screenshot(driver, shots, "home")

    # Navigation → Speakers (Material's instant navigation swaps the page without a reload).
    _click(driver, driver.find_element(
        By.XPATH, "//nav[contains(@class, 'md-nav--primary')]"
                  "//a[normalize-space(.) = 'Speakers']"))
    _wait_for_heading(driver, "Speakers")
    assert driver.current_url == shipped.url + "/archive/speakers/"

    content = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    _click(driver, content.find_element(By.LINK_TEXT, "Sergei Lavrov"))
    _wait_for_heading(driver, "Sergei Lavrov")
    assert driver.current_url == shipped.url + "/archive/people/sergei-lavrov/"
    text = _content_text(driver)
    statements = re.search(r"Statements \((\d+)\)", text)
    assert statements, text[:500]
    assert int(statements.group(1)) >= 1
    content = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    links = content.find_elements(By.CSS_SELECTOR, "a[href*='/archive/articles/']")
    assert len(links) >= int(statements.group(1))
    _screenshot(driver, shots, "person")

    # The article with [CITATION: …] markers.
    slug = shipped.articles()[FOOTNOTED]
    page = shipped.project / "docs" / "archive" / "articles" / f"{slug}.md"
    title = _front_matter(page)["title"]
    link = content.find_element(By.CSS_SELECTOR, f"a[href$='/archive/articles/{slug}/']")
    _click(driver, link)
    _wait_for_heading(driver, _squash(title))
    assert driver.current_url == shipped.article_url(slug)
    text = _content_text(driver)
    assert re.search(r"Date: \d{4}-\d{2}-\d{2}", text), text[:300]
    assert re.search(r"Speakers: [^\n]*Sergei Lavrov", text), text[:300]
    assert "Topics: " in text
    content = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    assert content.find_elements(By.CSS_SELECTOR, "a[href*='/archive/topics/']")
    citations = re.findall(r"\[CITATION:\s*([^\]]+)\]",
                           (ROOT / "corpus" / "articles" / FOOTNOTED).read_text("utf-8"))
    assert citations
    assert len(content.find_elements(By.CSS_SELECTOR, "a.footnote-ref")) == len(citations)
    notes = content.find_elements(By.CSS_SELECTOR, ".footnote li")
    assert len(notes) == len(citations)
    footnotes = _squash(content.find_element(By.CSS_SELECTOR, ".footnote").text)
    for citation in citations:
        assert _squash(citation) in footnotes
    assert "[CITATION" not in text
    _screenshot(driver, shots, "article")

    # The Russian quotation on the Naryshkin interview, reached from his person page.
    driver.get(shipped.url + "/archive/people/sergei-naryshkin/")
    _wait_for_heading(driver, "Sergei Naryshkin")
    content = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    _click(driver, content.find_element(By.CSS_SELECTOR, "a[href*='/archive/articles/']"))
    _wait(driver, lambda d: "/archive/articles/" in d.current_url
          and "Настанет тот день" in _content_text(d), "the Naryshkin article")
    quotation = driver.find_element(
        By.XPATH, "//article[contains(@class, 'md-content__inner')]"
                  "//p[contains(., 'Настанет тот день')]")
    assert quotation.is_displayed()

    # Search.
    driver.get(shipped.url + "/")
    _wait_for_heading(driver, "Briefing Archive")
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    _click(driver, box)
    box.send_keys("Naryshkin")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"),
          "search results for Naryshkin")
    results = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
    assert any("Naryshkin" in result.text for result in results)
    _screenshot(driver, shots, "search")

    assert _dialogs(driver) == []
    assert _console_errors(driver, shipped.url) == []


# --- ids that look like the theme's or like paragraph anchors -------------------------------


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory, project_copy, generator_run) -> Iterator[Site]:
    project = project_copy(tmp_path_factory.mktemp("anchors"), articles=ANCHORS)
    result = generator_run(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield Site(project, project / "site", url)


def test_page_titled_like_the_theme_config_keeps_search_and_anchors(driver, lookalikes: Site):
    """An h1 with id "__config" came before Material's <script id="__config">: the theme
    parsed the heading as its settings, threw, and the page had no search."""
    driver.get_log("browser")
    driver.get(lookalikes.article_url("config"))
    _wait_for_heading(driver, "__config")
    assert driver.execute_script(
        "return [...document.querySelectorAll('[id=\"__config\"]')].map(el => el.localName);"
    ) == ["script"]
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    _click(driver, box)
    box.send_keys("stalled")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"),
          "search results on the page titled __config")
    assert any("stalled" in result.text
               for result in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))

    # A statement link's anchor: the paragraph, not the heading "P5" (whose id is "p5").
    driver.get(lookalikes.article_url("p2") + "#P5")
    _wait_for_heading(driver, "p2")
    assert driver.execute_script(
        "const el = document.querySelector(':target'); return el && [el.localName, el.id];"
    ) == ["span", "P5"]

    assert _dialogs(driver) == []
    assert _console_errors(driver, lookalikes.url) == []


def test_a_statement_link_marks_its_sentence(driver, lookalikes: Site):
    """A person page links each statement to its sentence; landing there highlights the
    sentence, and only it."""
    driver.get(f"{lookalikes.url}/archive/people/")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "article a"), "people index")
    # A person's page, not the index's own letter links (".../people/#l").
    link = next(a.get_attribute("href") for a in driver.find_elements(
        By.CSS_SELECTOR, "article a") if re.search(r"/people/[^/#]+/$",
                                                   a.get_attribute("href") or ""))
    driver.get(link)
    href = _wait(driver, lambda d: next((a.get_attribute("href") for a in d.find_elements(
        By.CSS_SELECTOR, "article a") if re.search(r"#P\d+S\d+$", a.get_attribute("href")
                                                  or "")), None), "a statement link")
    driver.get(href)
    marked = _wait(driver, lambda d: d.execute_script(
        "const el = document.querySelector(':target');"
        "return el && [el.localName, el.id, getComputedStyle(el).backgroundColor,"
        " el.textContent];"), "the linked sentence")
    name, anchor, background, text = marked
    assert (name, anchor) == ("span", href.rsplit("#", 1)[1])
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    assert text.strip()


# --- the hostile corpus --------------------------------------------------------------------


def _make_cases():
    spec = importlib.util.spec_from_file_location("make_cases", HOSTILE / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load((HOSTILE / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hostile(request, tmp_path_factory, project_copy, generator_run) -> Iterator[Site]:
    """The hostile corpus (plus the symbolic link to /etc/passwd), built without --strict
    (some files are meant to be rejected) by MkDocs, or generated and built by Zensical."""
    builder = request.param
    project = project_copy(tmp_path_factory.mktemp(f"hostile-{builder}"),
                           articles=HOSTILE / "articles")
    make_cases = _make_cases()
    make_cases.write_generated(project / "corpus" / "articles", [make_cases.SYMLINK_CASE])
    if builder == "mkdocs":
        result = generator_run(project, "build")
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        result = generator_run(project, "generate")
        assert result.returncode == 0, result.stdout + result.stderr
        zensical = subprocess.run(
            [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f",
             "mkdocs.yml"], cwd=project, capture_output=True, text=True, timeout=600,
            check=False)
        assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    with serve(project / "site") as url:
        yield Site(project, project / "site", url)


@dataclass(frozen=True)
class Visit:
    """What the browser found on one page."""

    problems: list[str]
    text: str  # visible text of .md-content, whitespace collapsed
    heading: str
    html: str  # the DOM as serialised after the page's scripts ran


def _visit(driver, url: str) -> Visit:
    try:
        driver.get(url)
        problems = driver.execute_script(CONTENT_PROBLEMS)
    except UnexpectedAlertPresentException as error:
        with suppress(NoAlertPresentException):
            driver.switch_to.alert.dismiss()
        return Visit([f"unexpected alert: {error.alert_text}"], "", "", "")
    headings = driver.find_elements(By.CSS_SELECTOR, "article.md-content__inner h1")
    return Visit(problems, _content_text(driver),
                 _squash(headings[0].text) if headings else "", driver.page_source)


@pytest.fixture(scope="module")
def visits(driver, hostile: Site) -> dict[str, Visit]:
    """Every .html page of the hostile site, loaded once: relative path → what was seen."""
    return {page: _visit(driver, f"{hostile.url}/{quote(page)}")
            for page in sorted(path.relative_to(hostile.site).as_posix()
                               for path in hostile.site.rglob("*.html"))}


def test_hostile_pages_run_nothing(visits: dict[str, Visit]):
    assert len(visits) > 50
    problems = [f"{page}: {problem}" for page, visit in visits.items()
                for problem in visit.problems]
    problems += [f"{page}: contents of /etc/passwd" for page, visit in visits.items()
                 if "root:x:0:0" in visit.html]
    assert problems == []


def _page_cases(expected: dict):
    for name, case in expected["cases"].items():
        outcomes = case["outcome"] if isinstance(case["outcome"], list) else [case["outcome"]]
        if "page" in outcomes:
            yield name, case, outcomes


def test_hostile_text_is_shown_as_typed(visits: dict[str, Visit], hostile: Site,
                                        expected: dict):
    slugs = hostile.articles()
    problems = []
    checked = 0
    for name, case, outcomes in _page_cases(expected):
        if name not in slugs:
            if outcomes == ["page"]:
                problems.append(f"{name}: no page (expected one)")
            continue
        page = f"archive/articles/{slugs[name]}/index.html"
        visit = visits[page]
        for visible in case.get("visible", []):
            if _squash(visible) not in visit.text:
                problems.append(f"{name}: {visible!r} is not visible")
        for hidden in case.get("not_visible", []):
            if _squash(hidden) in visit.text:
                problems.append(f"{name}: {hidden!r} is visible")
        html = (hostile.site / page).read_text(encoding="utf-8")
        for absent in case.get("html_absent", []):
            if absent in html or absent in visit.html:
                problems.append(f"{name}: {absent!r} is in the page's HTML")
        if "title" in case and visit.heading != _squash(case["title"]):
            problems.append(f"{name}: heading {visit.heading!r}, expected {case['title']!r}")
        for part in case.get("title_contains", []):
            if part not in visit.heading:
                problems.append(f"{name}: heading {visit.heading!r} lacks {part!r}")
        checked += 1
    assert checked >= 40
    assert problems == []


# --- search (Pagefind) -----------------------------------------------------------------------


def _header_results(driver, query: str) -> list[str]:
    """Type ``query`` into the header search box; the hrefs of the results it shows."""
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    _click(driver, box)
    box.clear()
    box.send_keys(query)
    results = _wait(driver, lambda d: next((
        element for element in d.find_elements(By.CSS_SELECTOR, ".md-search-result__list")
        if element.get_attribute("data-query") == query), None),
        f"header search results for {query!r}")
    return [a.get_attribute("href") for a in results.find_elements(
        By.CSS_SELECTOR, "a.md-search-result__link")
        if "/archive/" in (a.get_attribute("href") or "")]


def test_search_finds_articles_filters_by_speaker_and_ranks_the_person_first(
        driver, shipped: Site, tmp_path: Path):
    shots = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path)
    driver.get_log("browser")
    driver.get(shipped.url + "/")
    _wait_for_heading(driver, "Briefing Archive")
    # Reach another page by instant navigation first: the search box must still work.
    _click(driver, driver.find_element(
        By.XPATH, "//nav[contains(@class, 'md-nav--primary')]//a[normalize-space(.) = 'Topics']"))
    _wait_for_heading(driver, "Topics")

    results = _header_results(driver, "negotiations")
    assert any("/archive/articles/" in href for href in results), results
    _screenshot(driver, shots, "search-header")

    # A person's name, and a spelling of it from people.yml's aliases: the person comes first.
    assert _header_results(driver, "Sergei Lavrov")[0] == \
        shipped.url + "/archive/people/sergei-lavrov/"
    assert _header_results(driver, "Sergey Lavrov")[0] == \
        shipped.url + "/archive/people/sergei-lavrov/"

    # Enter opens the search page with the query; a speaker filter narrows the results.
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.clear()
    box.send_keys("Russia\n")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result"),
          "results on the search page")
    assert driver.current_url == shipped.url + "/search/?q=Russia"
    message = driver.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text
    checkbox = _wait(driver, lambda d: next(iter(d.find_elements(
        By.CSS_SELECTOR, ".pagefind-ui__filter-checkbox[value='Vladimir Medinsky']")), None),
        "a speaker filter for Vladimir Medinsky")
    driver.execute_script("arguments[0].click()", checkbox)
    _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text
          != message, "the filtered results")
    titles = [_squash(title.text) for title in driver.find_elements(
        By.CSS_SELECTOR, ".pagefind-ui__result-title")]
    assert titles == ["Russia-Ukraine Negotiations Stall Without Peace Agreement"], titles
    _screenshot(driver, shots, "search-page")
    driver.set_window_size(375, 800)
    _screenshot(driver, shots, "search-page-375")
    driver.set_window_size(1400, 1000)

    assert _dialogs(driver) == []
    assert _console_errors(driver, shipped.url) == []
