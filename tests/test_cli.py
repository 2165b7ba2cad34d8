"""The command line, called in-process: ``main([...])`` returns the exit code."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from support import CONFIG, CORPUS

from generator.anchors import ANCHOR
from generator.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from generator.targets import MARKER

BAD = b"Headline in Windows-1252\nThe minister said \x93we will talk\x94 on Monday.\n"
UNREGISTERED = ("Talks in Oslo\nNorwegian diplomat Henrik Nordmann said on Monday that the "
                "talks would resume. \"We are ready,\" Nordmann told reporters.\n")


def new_corpus(root: Path, shipped: bool = False) -> Path:
    corpus = root / "corpus"
    if shipped:
        shutil.copytree(CORPUS, corpus)
    else:
        (corpus / "articles").mkdir(parents=True)
        for registry in CORPUS.glob("*.yml"):
            shutil.copy2(registry, corpus / registry.name)
    return corpus


def options(corpus: Path, docs: Path | None = None) -> list[str]:
    return ["--corpus", str(corpus), "--docs", str(docs or corpus.parent / "docs"),
            "--config", str(CONFIG)]


# --- check ------------------------------------------------------------------------------------


def test_check_reports_path_line_message(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "bad.txt").write_bytes(BAD)
    (corpus / "articles" / "good.txt").write_text("Good headline\nGood text.\n", "utf-8")
    assert main(["check", *options(corpus)]) == EXIT_INPUT
    out, err = capsys.readouterr()
    offset = BAD.index(b"\x93")
    assert re.search(rf"^\S*corpus/articles/bad\.txt:2:1: error: not valid UTF-8: byte 0x93 at byte offset {offset}\b",
                     err, re.MULTILINE), err
    assert "check: 2 article files checked, 1 error" in out
    assert not re.search(r"good\.txt:\d+:\d+: error", err), err


def test_check_shipped_corpus_passes(capsys):
    assert main(["check", *options(CORPUS)]) == EXIT_OK
    out, err = capsys.readouterr()
    articles = len(list((CORPUS / "articles").glob("*.txt")))
    assert f"check: {articles} article files checked, 0 errors" in out
    for line in err.splitlines():
        assert re.match(r"^(?:\S+:\d+:\d+: (?:note|warning): |    hint: )", line), line


def test_check_lists_people_missing_from_the_registry(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "oslo.txt").write_text(UNREGISTERED, "utf-8")
    assert main(["check", *options(corpus)]) == EXIT_OK
    err = capsys.readouterr().err
    assert re.search(r"^\S*corpus/articles/oslo\.txt:2:\d+: warning: person 'Henrik Nordmann' is not in people\.yml",
                     err, re.MULTILINE), err


def test_check_notes_a_derived_title(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "lead.txt").write_text(
        "The ministers met in Geneva on Monday. They agreed to meet again.\n", "utf-8")
    assert main(["check", *options(corpus)]) == EXIT_OK
    assert "lead.txt:1:1: warning: no headline on the first line" in capsys.readouterr().err


def test_check_selected_files(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "bad.txt").write_bytes(BAD)
    good = corpus / "articles" / "good.txt"
    good.write_text("Good headline\nGood text.\n", "utf-8")
    assert main(["check", *options(corpus), str(good)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert "bad.txt" not in err
    assert "check: 1 article file checked, 0 errors" in out
    assert main(["check", *options(corpus), str(corpus / "articles" / "bad.txt")]) == EXIT_INPUT
    assert "bad.txt:2:1: error:" in capsys.readouterr().err


def test_check_missing_and_outside_files(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "good.txt").write_text("Good headline\nGood text.\n", "utf-8")
    missing = tmp_path / "missing.txt"
    assert main(["check", *options(corpus), str(missing)]) == EXIT_INPUT
    assert f"{missing}:1:1: error: no such file" in capsys.readouterr().err
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\nText.\n", "utf-8")
    assert main(["check", *options(corpus), str(outside)]) == EXIT_INPUT
    assert f"{outside}:1:1: error: not under" in capsys.readouterr().err


def test_check_reports_a_broken_registry(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "good.txt").write_text("Good headline\nGood text.\n", "utf-8")
    (corpus / "boilerplate.yml").write_text("drop_line:\n  - '(unclosed'\n", "utf-8")
    assert main(["check", *options(corpus)]) == EXIT_INPUT
    assert "boilerplate.yml:" in capsys.readouterr().err


# --- generate ---------------------------------------------------------------------------------


def test_generate_summary(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "articles" / "a.txt").write_text("Headline A\nText A.\n", "utf-8")
    (corpus / "articles" / "b.txt").write_bytes(BAD)
    docs = tmp_path / "docs"
    assert main(["generate", *options(corpus, docs)]) == EXIT_OK
    out, err = capsys.readouterr()
    # Every file written counts: pages, feeds and exports (generator/publish), not the marker.
    pages = len([path for path in (docs / "archive").rglob("*")
                 if path.is_file() and path.name != MARKER])
    assert out == f"generate: 1 articles, {pages} pages; 1 file skipped (see above)\n"
    assert err.startswith(f"{(corpus / 'articles' / 'b.txt').as_posix()}:2: not valid UTF-8")
    assert main(["generate", *options(corpus, docs), "--strict"]) == EXIT_INPUT


def test_generate_empty_corpus_is_an_error_unless_allowed(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    assert main(["generate", *options(corpus)]) == EXIT_INPUT
    assert "no article to publish" in capsys.readouterr().err
    assert not (tmp_path / "docs" / "archive").exists()
    assert main(["generate", *options(corpus), "--allow-empty"]) == EXIT_OK
    assert "generate: 0 articles" in capsys.readouterr().out
    assert (tmp_path / "docs" / "archive" / "index.md").is_file()


@pytest.mark.parametrize("jobs", ["0", "65", "x"])
def test_bad_jobs_is_a_usage_error(jobs, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["generate", "--jobs", jobs])
    assert exited.value.code == EXIT_USAGE
    assert "--jobs" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == EXIT_USAGE
    capsys.readouterr()


# --- build ------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag in {"a", "link"} and values.get("href"):
            self.links.append(values["href"])
        if tag in {"script", "img"} and values.get("src"):
            self.links.append(values["src"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = page.parent
    resolved = (base / unquote(parts.path)).resolve() if parts.path else page.resolve()
    if parts.path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, parts.fragment


@pytest.mark.slow
def test_build_links_every_article_and_all_internal_links_resolve(tmp_path, project_copy,
                                                                  monkeypatch, capsys):
    project = project_copy(tmp_path / "project")
    monkeypatch.chdir(project)
    assert main(["build"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "generate: 5 articles" in out
    assert "build: site written to site/" in out
    site = (project / "site").resolve()
    slugs = [path.stem for path in (project / "docs" / "archive" / "articles").glob("*.md")]
    assert len(slugs) == len(list((project / "corpus" / "articles").glob("*.txt")))
    for slug in slugs:
        assert (site / "archive" / "articles" / slug / "index.html").is_file(), slug

    parsed = {path.resolve(): _parse(path) for path in site.rglob("*.html")}
    checked = 0
    for page, links in parsed.items():
        for href in links.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("/", "#")) or not parts.path:
                continue
            target, fragment = _target(site, page, href)
            assert target.is_relative_to(site), (page, href)
            assert target.exists(), f"{page.relative_to(site)}: broken link {href}"
            if fragment and target in parsed and ANCHOR.fullmatch(fragment):
                assert fragment in parsed[target].ids, f"{page}: missing anchor {href}"
            checked += 1
    assert checked > 100
    assert not [path.name for path in project.iterdir() if path.name.startswith(".staging")]


def test_malformed_registries_are_reported_with_lines(tmp_path, capsys):
    corpus = new_corpus(tmp_path)
    (corpus / "people.yml").write_text(
        "people:\n  Name: some string\n  X Y:\n    roles: [{role: r, from: notadate}]\n",
        encoding="utf-8")
    (corpus / "topics.yml").write_text(
        "topics:\n  ../../evil: {phrases: [x]}\n  good: {phrases: [x], min_mentions: three}\n",
        encoding="utf-8")
    assert main(["check", *options(corpus)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert re.search(r"people\.yml:2:1: error: 'Name': expected a mapping", err), err
    assert re.search(r"people\.yml:4:1: error: 'X Y': from: 'notadate' is not a date", err), err
    assert re.search(r"topics\.yml:2:1: error: topic id '\.\./\.\./evil'", err), err
    assert re.search(r"topics\.yml:3:1: error: topic 'good': min_mentions", err), err
    assert "Traceback" not in err
