"""Helpers shared by the stage, property, hostile and CLI tests (imported as ``support``).

Markdown is rendered with Python-Markdown and the extensions listed in ``mkdocs.yml``, the way
MkDocs renders the generated pages; the HTML is audited with :mod:`html.parser`.
"""

from __future__ import annotations

import datetime as dt
import functools
import pkgutil
import re
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import markdown
import yaml

from generator.anchors import ANCHOR
from generator.clean import clean
from generator.knowledge import load_lexicon
from generator.model import Article, ArticleSummary
from generator.read import read_article
from generator.registry import Registries, load_registries
from generator.summarize import summarize
from generator.targets import MARKER

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HOSTILE = ROOT / "tests" / "hostile"
CONFIG = ROOT / "mkdocs.yml"


THEME_SETTING = "custom_dir: generator/theme"


def copy_config(dest: Path) -> Path:
    """mkdocs.yml into the folder ``dest``, its ``theme.custom_dir`` pointing at this
    checkout's ``generator/theme``: a copy of that folder in a project would be a
    ``generator/`` beside the corpus, which ``python -m generator`` would import instead of
    the package."""
    text = CONFIG.read_text(encoding="utf-8")
    assert THEME_SETTING in text
    config = dest / "mkdocs.yml"
    config.write_text(text.replace(THEME_SETTING, f"custom_dir: {ROOT / 'generator' / 'theme'}"),
                      encoding="utf-8")
    return config


@functools.cache
def registries() -> Registries:
    """The shipped corpus registries (boilerplate, people, topics, organisations, places)."""
    return load_registries(CORPUS)


def _markdown_extensions() -> tuple[list[str], dict[str, dict]]:
    loader = type("Loader", (yaml.SafeLoader,), {})
    # "!!python/name:module.function" (toc's slugify) is the function, as MkDocs reads it.
    loader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                                 lambda _loader, suffix, _node: pkgutil.resolve_name(suffix))
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=loader)
    names: list[str] = []
    options: dict[str, dict] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, value in entry.items():
                names.append(name)
                options[name] = value or {}
        else:
            names.append(entry)
    return names, options


MD_EXTENSIONS, MD_EXTENSION_CONFIGS = _markdown_extensions()


def render_markdown(text: str) -> str:
    """HTML of a Markdown document (its YAML front-matter, if any, removed first)."""
    if text.startswith("---\n"):
        text = frontmatter.loads(text).content
    return markdown.markdown(text, extensions=MD_EXTENSIONS,
                             extension_configs=MD_EXTENSION_CONFIGS)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "h1":
            self._in_h1 += 1
        if tag in {"p", "li", "h1", "h2", "td", "th", "tr", "br", "hr", "div"}:
            self.text.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1
        if tag in {"p", "li", "h1", "h2", "td", "th", "tr"}:
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data)

    def handle_comment(self, data):
        self.elements.append(("!--", {"data": data}))

    def handle_decl(self, decl):
        self.elements.append(("!decl", {"data": decl}))

    def handle_pi(self, data):
        self.elements.append(("?pi", {"data": data}))


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


def collapse(text: str) -> str:
    return " ".join(text.split())


def visible_text(html: str) -> str:
    """The text a browser shows (tags stripped, entities decoded), whitespace collapsed."""
    return collapse("".join(audit(html).text))


def h1_text(html: str) -> str:
    return collapse("".join(audit(html).h1))


# Tags the generated Markdown may produce, with the attributes each may carry (values checked
# below). Everything else would have come from article text.
ALLOWED = {
    "p": set(), "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "ul": set(), "ol": set(),
    "li": {"id"}, "table": set(), "thead": set(), "tbody": set(), "tr": set(), "th": set(),
    "td": set(), "sup": {"id"}, "div": {"class"}, "hr": set(), "span": {"id"}, "em": set(),
    "strong": set(), "code": set(), "br": set(), "a": {"href", "class", "title"},
    # The charts of generator/publish/charts.py: only these elements, only these attributes,
    # each value a number or one of the chart's fixed words (checked in _chart_attribute).
    "figure": {"class"}, "figcaption": set(), "svg": {"xmlns", "viewbox", "role",
                                                      "aria-labelledby"},
    "title": {"id"}, "desc": {"id"}, "rect": {"class", "x", "y", "width", "height"},
    "line": {"class", "x1", "y1", "x2", "y2"}, "text": {"class", "x", "y", "text-anchor"},
}
_CHART_VALUES = {
    ("figure", "class"): {"archive-chart"},
    ("svg", "xmlns"): {"http://www.w3.org/2000/svg"},
    ("svg", "role"): {"img"},
    ("svg", "aria-labelledby"): {"Chart-title Chart-desc"},
    ("title", "id"): {"Chart-title"},
    ("desc", "id"): {"Chart-desc"},
    ("rect", "class"): {"archive-chart__bar"},
    ("line", "class"): {"archive-chart__axis", "archive-chart__grid"},
    ("text", "class"): {"archive-chart__label"},
    ("text", "text-anchor"): {"start", "middle", "end"},
}
_CHART_TAGS = {"figure", "figcaption", "svg", "title", "desc", "rect", "line", "text"}
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_VIEWBOX = re.compile(r"0 0 [0-9]+ [0-9]+")
# Links within a page: to a sentence or paragraph anchor, or to a letter of an index.
_SAME_PAGE = re.compile(rf"^#(?:{ANCHOR.pattern}|[a-z]|other)$")
_RELATIVE_MD = re.compile(r"^(?:\.\./)?(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\.md"
                          rf"(?:#{ANCHOR.pattern})?$")
# The "Subscribe" links of hub pages (generator/publish/places.py).
# Feeds and exports, linked from the hub pages (one folder deep, the archive's index, or the
# home page at the site's root).
_FEED_HREF = re.compile(r"^(?:\.\./|archive/)?(?:feeds/(?:(?:people|topics|subjects)/)?[a-z0-9][a-z0-9-]*"
                        r"\.(?:xml|json)|export/[a-z]+\.json)$")
_WEB_HREF = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)
_FOOTNOTE_HREF = re.compile(r"^#fn(?:ref)?:\d+$")
# Heading ids (generator.anchors.heading_id, then toc's "_1" suffixes): never Material's
# "__…" ids, never a paragraph anchor.
_HEADING_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def unsafe_markup(html: str) -> list[str]:
    """Every element or attribute in ``html`` that the generator never emits on purpose."""
    found = []
    for tag, attrs in audit(html).elements:
        if tag not in ALLOWED:
            found.append(f"<{tag}> {attrs}")
            continue
        for name, value in attrs.items():
            value = value or ""
            if name not in ALLOWED[tag]:
                found.append(f"<{tag} {name}={value!r}>")
            elif tag in _CHART_TAGS:
                if not _chart_attribute(tag, name, value):
                    found.append(f"<{tag} {name}={value!r}>")
            elif tag == "a" and name == "href" and not (
                _WEB_HREF.match(value) or _RELATIVE_MD.match(value)
                or _FOOTNOTE_HREF.match(value) or _FEED_HREF.match(value)
                or _SAME_PAGE.match(value)
            ):
                found.append(f"<a href={value!r}>")
            elif tag == "a" and name == "class" and value not in {
                "footnote-ref", "footnote-backref"
            }:
                found.append(f"<a class={value!r}>")
            elif tag == "span" and not ANCHOR.fullmatch(value):
                found.append(f"<span id={value!r}>")
            elif tag in {"h1", "h2", "h3"} and not _HEADING_ID.fullmatch(value):
                found.append(f"<{tag} id={value!r}>")
            elif tag == "div" and value != "footnote":
                found.append(f"<div class={value!r}>")
            elif tag == "sup" and not re.fullmatch(r"fnref\d*:\d+", value):
                found.append(f"<sup id={value!r}>")
            elif tag == "li" and not re.fullmatch(r"fn:\d+", value):
                found.append(f"<li id={value!r}>")
    return found


def _chart_attribute(tag: str, name: str, value: str) -> bool:
    if (tag, name) in _CHART_VALUES:
        return value in _CHART_VALUES[(tag, name)]
    if name == "viewbox":
        return bool(_VIEWBOX.fullmatch(value))
    return bool(_NUMBER.fullmatch(value))


def make_article(
    text: str | bytes,
    path: str = "sample.txt",
    *,
    slug: str = "sample",
    date: dt.date | None = None,
    speakers: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
) -> Article:
    """Read and clean ``text`` and wrap it as an :class:`Article` (no extraction)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    raw, _warnings = read_article(path, data)
    cleaned = clean(raw, registries().boilerplate, registries().organizations)
    return Article(
        clean=cleaned, slug=slug, date=date, date_source="text" if date else None,
        speakers=speakers, people=people, organizations=(), places=(), topics=topics,
        date_mentions=(), statements=(),
    )


def summary(article: Article) -> ArticleSummary:
    """What the hub pages, feeds and export read of ``article``."""
    return summarize(article, load_lexicon().abbreviations)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path → bytes) but the generator's marker
    (tested on its own in test_write.py and test_careless_user.py)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*")) if path.is_file() and path.name != MARKER
    }
