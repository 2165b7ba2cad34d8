"""A contributor's path, driven as they would drive it: ``briefing new`` and ``briefing check``
(plain, with GitHub annotations, as JSON, with ``--fix`` and ``--summary``) by subprocess,
on real files in a throw-away project. Expectations are written from the articles here, by
reading them, never copied from the output. Plus unit tests of the pure parts: the GitHub
escaping rules and the fixes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from generator.contribute.diagnostics import Diagnostic, workflow_command
from generator.contribute.fixes import plan
from generator.read import MAX_BYTES

TIMEOUT = 120
TODAY = dt.datetime.now(dt.UTC).date()

PASTE = """\
Home › World › Europe
Lavrov says Moscow sees no signal from Kyiv on talks – REUTERS
MOSCOW, Dec. 1, 2025 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Monday \
that Moscow had not seen a clear signal from Kyiv that it was ready for peace talks. \
"It takes two to tango," Lavrov told reporters.

Share this article
Subscribe to our newsletter for daily updates
"""
PASTED_FILE = "corpus/articles/2025/lavrov-says-moscow-sees-no-signal-from-kyiv-on-talks.txt"
GOOD = "Talks resume in Geneva\n\nGENEVA, March 3, 2025 — The delegations met again on Monday.\n"


@pytest.fixture
def project(tmp_path: Path, project_copy) -> Path:
    """mkdocs.yml, the docs, the shipped registries and an empty articles folder."""
    empty = tmp_path / "no-articles"
    empty.mkdir()
    return project_copy(tmp_path / "project", articles=empty)


def briefing(project: Path, *arguments: str, stdin: bytes | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("GITHUB_")}
    environment.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", **(env or {})})
    result = subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=project,
                            env=environment, input=stdin, capture_output=True,
                            timeout=TIMEOUT, check=False)
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def write(project: Path, name: str, text: str | bytes) -> Path:
    path = project / "corpus" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def said(result: subprocess.CompletedProcess[str], path: str, line: int, column: int,
         severity: str, words: str) -> str:
    """The message line for ``path:line:col: severity:`` holding ``words``, and its hint."""
    pattern = (rf"^{re.escape(path)}:{line}:{column}: {severity}: [^\n]*{re.escape(words)}"
               rf"[^\n]*\n    hint: [^\n]+$")
    match = re.search(pattern, result.stderr, re.MULTILINE)
    assert match, (pattern, result.stderr)
    assert "Traceback" not in result.stderr
    return match.group(0)


def articles(project: Path) -> dict[str, bytes]:
    folder = project / "corpus" / "articles"
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


# --- new -------------------------------------------------------------------------------------


def test_new_with_a_headline_starts_a_file_that_check_refuses_until_pasted(project):
    result = briefing(project, "new", "Talks: resume, maybe?")
    assert result.returncode == 0, result.stderr
    path = project / f"corpus/articles/{TODAY.year}/talks-resume-maybe.txt"
    assert f"created corpus/articles/{TODAY.year}/talks-resume-maybe.txt" in result.stdout
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post["title"] == "Talks: resume, maybe?"
    assert {key: post[key] for key in ("date", "source", "url")} == {
        "date": None, "source": None, "url": None}
    text = path.read_text(encoding="utf-8")
    assert "# YYYY-MM-DD" in text and "# the outlet" in text
    checked = briefing(project, "check", path.relative_to(project).as_posix())
    assert checked.returncode == 1
    # Seven header lines (fences, a comment, four keys): the placeholder is line 8.
    said(checked, path.relative_to(project).as_posix(), 8, 1, "error", "never pasted")


def test_new_twice_never_overwrites(project):
    assert briefing(project, "new", "Talks resume").returncode == 0
    path = project / f"corpus/articles/{TODAY.year}/talks-resume.txt"
    path.write_text(path.read_text(encoding="utf-8") + "my edit\n", encoding="utf-8")
    before = articles(project)
    # The same headline again: the edited file stays, the new one gets its own name and URL.
    assert briefing(project, "new", "Talks resume").returncode == 0
    second = project / f"corpus/articles/{TODAY.year}/talks-resume-2.txt"
    assert frontmatter.loads(second.read_text(encoding="utf-8"))["slug"] == "talks-resume-2"
    assert {name: data for name, data in articles(project).items()
            if name in before} == before
    # Twice the very same untouched template: that is a mistake, said as one.
    second.unlink()
    (project / f"corpus/articles/{TODAY.year}/talks-resume.txt").unlink()
    assert briefing(project, "new", "Talks resume").returncode == 0
    before = articles(project)
    again = briefing(project, "new", "Talks resume")
    assert again.returncode == 2
    assert "already exists" in again.stderr and "Traceback" not in again.stderr
    assert articles(project) == before


def test_new_paste_fills_what_the_text_says_and_shows_what_it_derived(project):
    result = briefing(project, "new", "--paste", "https://example.org/world/lavrov.html",
                      stdin=PASTE.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    path = project / PASTED_FILE
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post["date"] == dt.date(2025, 12, 1)
    assert post["source"] == "REUTERS"
    assert post["url"] == "https://example.org/world/lavrov.html"
    assert post.content.strip() == PASTE.strip()  # the paste itself, unchanged
    out = result.stdout
    assert "title:    Lavrov says Moscow sees no signal from Kyiv on talks" in out
    assert "date:     2025-12-01" in out
    assert "outlet:   REUTERS" in out
    assert "speakers: Sergei Lavrov" in out
    # The header has 7 lines, so the paste starts on line 8.
    assert "line 8: “Home › World › Europe”" in out
    assert "line 12: “Share this article”" in out
    assert "line 13: “Subscribe to our newsletter for daily updates”" in out
    checked = briefing(project, "check", PASTED_FILE)
    assert checked.returncode == 0, checked.stderr
    assert not re.search(r": (error|warning): ", checked.stderr), checked.stderr


def test_new_paste_of_another_article_with_the_same_headline_gets_its_own_url(project):
    assert briefing(project, "new", "--paste", stdin=PASTE.encode("utf-8")).returncode == 0
    other = PASTE.replace("tango", "waltz")
    result = briefing(project, "new", "--paste", stdin=other.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    second = project / PASTED_FILE.replace(".txt", "-2.txt")
    post = frontmatter.loads(second.read_text(encoding="utf-8"))
    assert post["slug"] == "lavrov-says-moscow-sees-no-signal-from-kyiv-on-talks-2"
    checked = briefing(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "same address" not in checked.stderr


def test_new_paste_of_an_article_already_there_is_refused(project):
    assert briefing(project, "new", "--paste", stdin=PASTE.encode("utf-8")).returncode == 0
    before = articles(project)
    result = briefing(project, "new", "--paste", stdin=PASTE.encode("utf-8"))
    assert result.returncode == 1
    assert f"<stdin>:1: this article is already in the archive: {PASTED_FILE}" in result.stderr
    assert articles(project) == before


@pytest.mark.parametrize(("stdin", "words"), [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary content: NUL byte at byte offset 7"),
    (b"", "nothing was pasted"),
    (b"  \n\n \n", "nothing was pasted"),
    (b"Headline\nThe minister said \x93yes\x94.\n", "not valid UTF-8: byte 0x93"),
    (b"\xff\xfe" + "Headline\n".encode("utf-16-le") + b"\x00\xd8", "invalid UTF-16"),
    (b"A" * (MAX_BYTES + 1), "over 4,000,000 bytes"),
])
def test_new_paste_of_what_cannot_be_an_article_writes_nothing(project, stdin, words):
    result = briefing(project, "new", "--paste", stdin=stdin)
    assert result.returncode == 1, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert re.match(r"<stdin>:\d+: ", result.stderr), result.stderr
    assert articles(project) == {}


def test_new_paste_of_control_characters_and_a_header_look_alike(project):
    paste = ("---\ntemplate: evil.html\n---\nTalks in \x1b[31mGeneva\x1b[0m resume\u202e\n\n"
             "The delegations met again on Monday in Geneva.\n")
    result = briefing(project, "new", "--paste", stdin=paste.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    (path,) = (project / "corpus" / "articles").rglob("*.txt")
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\u202e" not in text
    # The pasted "---" block is text after the file's own header, never a second header.
    post = frontmatter.loads(text)
    assert "template" not in post.metadata


@pytest.mark.parametrize(("arguments", "words"), [
    ((), "give the article's URL or its headline"),
    (("https://exa mple.org/x",), "is not a web address"),
    (("x" * 201,), "a headline has at most 200"),
    (("--corpus", "corpsu", "Headline"), "did you mean --corpus corpus?"),
])
def test_new_refuses_what_cannot_start_an_article(project, arguments, words):
    result = briefing(project, "new", *arguments)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert articles(project) == {}


def test_new_headline_that_looks_like_yaml_stays_a_title(project):
    headline = 'x" \n---\nhide: [navigation] # <script>alert(1)</script>'
    assert briefing(project, "new", headline).returncode == 0
    (path,) = (project / "corpus" / "articles").rglob("*.txt")
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post["title"] == " ".join(headline.split())
    assert set(post.metadata) == {"title", "date", "source", "url"}


def test_run_script_starts_an_article(project):
    result = subprocess.run([str(ROOT / "run"), "new", "--corpus", str(project / "corpus"),
                             "From the run script"], capture_output=True, text=True,
                            timeout=TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr
    assert (project / f"corpus/articles/{TODAY.year}/from-the-run-script.txt").is_file()


# --- check: errors ---------------------------------------------------------------------------


def test_a_header_key_typo_is_an_error_an_unrelated_key_a_warning(project):
    write(project, "typo.txt", "---\ntitel: Talks resume\ndate: 2025-03-03\n---\n" + GOOD)
    write(project, "other.txt", "---\nauthor: Jane Doe\ndate: 2025-03-04\n---\n"
          + GOOD.replace("Geneva", "Vienna"))
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/typo.txt", 2, 1, "error", "header key 'titel' is not "
         "supported, so its value would be lost; did you mean 'title'?")
    said(result, "corpus/articles/other.txt", 2, 1, "warning", "front-matter key 'author'")
    assert "1 error" in result.stdout


@pytest.mark.parametrize(("header", "line", "words"), [
    ("date: 2025-02-30", 2, "date '2025-02-30' is not a valid date"),
    (f"date: {(TODAY + dt.timedelta(days=400)).isoformat()}", 2, "lies in the future"),
])
def test_a_header_date_that_is_not_real_or_in_the_future_is_an_error(project, header, line,
                                                                      words):
    write(project, "dated.txt", f"---\ntitle: Talks\n{header}\n---\n" + GOOD)
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/dated.txt", line + 1, 1, "error", words)


def test_a_dateline_beyond_tomorrow_is_an_error(project):
    year = TODAY.year + 2
    write(project, "dateline.txt", f"Talks resume in Geneva\n\nGENEVA, March 3, {year} — The "
          "delegations met again on Monday.\n")
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/dateline.txt", 3, 1, "error", f"{year}-03-03, which lies "
         "in the future")


def test_nothing_left_after_chrome_is_an_error(project):
    write(project, "chrome.txt", "No time to read?\nGet a summary\nSubscribe\n")
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/chrome.txt", 1, 1, "error", "nothing is left once page "
         "chrome is removed")


def test_two_articles_asking_for_one_url_are_errors_until_one_has_a_slug(project):
    write(project, "a.txt", GOOD)
    write(project, "b.txt", GOOD.replace("met again", "met once more"))
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/a.txt", 1, 1, "error",
         "asks for the same address (archive/articles/talks-resume-in-geneva/) as b.txt")
    said(result, "corpus/articles/b.txt", 1, 1, "error", "as a.txt")
    write(project, "b.txt", "---\nslug: talks-resume-again\n---\n"
          + GOOD.replace("met again", "met once more"))
    assert briefing(project, "check").returncode == 0


def test_a_registry_entry_that_breaks_the_build_is_an_error(project):
    write(project, "a.txt", GOOD)
    (project / "corpus" / "people.yml").write_text(
        "people:\n  Jane Doe:\n    roles: [{role: Envoy, from: 2020-02-30}]\n", encoding="utf-8")
    result = briefing(project, "check", "corpus/articles/a.txt")
    assert result.returncode == 1
    said(result, "corpus/people.yml", 3, 1, "error", "is not a real calendar date")


def test_broken_files_are_errors_with_their_line(project):
    write(project, "cp1252.txt", b"Headline\nThe minister said \x93yes\x94.\n")
    write(project, "binary.txt", b"Head\x00line\n")
    write(project, "empty.txt", "---\ntitle: Nothing\n---\n\n")
    result = briefing(project, "check")
    assert result.returncode == 1
    said(result, "corpus/articles/cp1252.txt", 2, 1, "error", "not valid UTF-8: byte 0x93")
    assert "check --fix" in said(result, "corpus/articles/cp1252.txt", 2, 1, "error", "0x93")
    said(result, "corpus/articles/binary.txt", 1, 1, "error", "binary content")
    said(result, "corpus/articles/empty.txt", 4, 1, "error", "empty article")
    assert "check: 3 article files checked, 3 errors" in result.stdout


# --- check: warnings -------------------------------------------------------------------------


def test_no_date_anywhere_is_a_warning_and_not_an_error(project):
    write(project, "undated.txt", "Talks resume in Geneva\n\nThe delegations met again.\n")
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/undated.txt", 1, 1, "warning", "no date in the header or "
         "a dateline; the page will use the file date")


def test_a_person_not_registered_is_a_warning_with_the_name_it_looks_like(project):
    write(project, "people.txt", "---\ndate: 2025-03-03\n---\nTalks resume in Geneva\n\n"
          "President Vladimir Putim said on Monday that the talks would go on.\n\n"
          "Norwegian diplomat Henrik Nordmann said the talks were useful.\n")
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/people.txt", 6, 11, "warning",
         "person 'Vladimir Putim' is not in people.yml; did you mean 'Vladimir Putin'?")
    line = said(result, "corpus/articles/people.txt", 8, 20, "warning",
                "person 'Henrik Nordmann' is not in people.yml")
    assert "did you mean" not in line


def test_a_header_topic_not_registered_is_a_warning_with_the_closest(project):
    write(project, "topics.txt", "---\ndate: 2025-03-03\ntopics: [negotiations, sanction]\n"
          "---\n" + GOOD)
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/topics.txt", 3, 24, "warning",
         "topic 'sanction' is not in topics.yml and is ignored; did you mean 'sanctions'?")


def test_a_very_long_article_is_a_warning(project):
    paragraph = " ".join(["The minister spoke about the talks again."] * 100)
    write(project, "long.txt", "---\ndate: 2025-03-03\n---\nA very long briefing\n\n"
          + "\n\n".join([paragraph] * 20) + "\n")  # 20 × 100 × 7 words; the headline is the title
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/long.txt", 4, 1, "warning", "14,000 words long")


def test_a_derived_headline_is_a_warning(project):
    write(project, "lead.txt", "---\ndate: 2025-03-03\n---\nThe ministers met in Geneva on "
          "Monday. They agreed to meet again.\n")
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/lead.txt", 4, 1, "warning",
         "no headline on the first line; the title will be “The ministers met in Geneva on "
         "Monday”")


def test_a_line_that_looks_like_chrome_but_was_kept_is_a_warning(project):
    write(project, "kept.txt", "---\ndate: 2025-03-03\n---\nTalks resume in Geneva\n\n"
          "The delegations met again on Monday.\n\nMore from Geneva in the coming days.\n\n"
          "Advertisement\n\nThe next round starts on Friday.\n")
    result = briefing(project, "check")
    assert result.returncode == 0, result.stderr
    said(result, "corpus/articles/kept.txt", 8, 1, "warning",
         "“More from Geneva in the coming days.” looks like page chrome but was kept")
    assert re.search(r"^corpus/articles/kept\.txt:10:1: note: removed as page chrome: "
                     r"“Advertisement”$", result.stderr, re.MULTILINE), result.stderr


# --- check: GitHub, JSON ---------------------------------------------------------------------


def test_github_actions_gets_workflow_commands_on_the_diff(project):
    write(project, "typo, really: yes.txt", "---\ntitel: Talks\ndate: 2025-03-03\n---\n" + GOOD)
    plain = briefing(project, "check", env={"GITHUB_ACTIONS": "false"})
    assert "::" not in plain.stdout
    result = briefing(project, "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert ("::error file=corpus/articles/typo%2C really%3A yes.txt,line=2,col=1,"
            "title=Header key typo::header key 'titel' is not supported, so its value would "
            "be lost; did you mean 'title'?%0Ahint: rename it to 'title:'") in \
        result.stdout.splitlines()
    # The plain messages are still there for the log.
    said(result, "corpus/articles/typo, really: yes.txt", 2, 1, "error", "titel")


def test_article_text_never_starts_a_workflow_command(project):
    write(project, "x.txt", "---\ndate: 2025-03-03\ntopics: ['100%::set-env name=X::1']\n---\n"
          "::add-mask::secret\n\nThe delegations met again on Monday.\n")
    result = briefing(project, "check", env={"GITHUB_ACTIONS": "true"})
    for line in result.stdout.splitlines():
        assert re.match(r"^(::(error|warning|notice) file=corpus/articles/x\.txt,line=\d+,"
                        r"col=\d+,title=[^:,]+::[^\n]*|check: .*)$", line), line
    assert "100%25%3A%3Aset-env" not in result.stdout  # the message part keeps ":" …
    assert "'100%25::set-env name=X::1'" in result.stdout  # … and escapes "%"


def test_json_format_is_one_document_of_a_stable_shape(project):
    write(project, "typo.txt", "---\ntitel: Talks\ndate: 2025-03-03\n---\n" + GOOD)
    result = briefing(project, "check", "--format", "json", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"version", "files_checked", "errors", "warnings", "notes",
                             "diagnostics", "fixes"}
    assert (document["version"], document["files_checked"], document["errors"]) == (1, 1, 1)
    (typo,) = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert typo == {
        "path": "corpus/articles/typo.txt", "line": 2, "column": 1, "severity": "error",
        "code": "header-key-typo", "title": "Header key typo",
        "message": "header key 'titel' is not supported, so its value would be lost; did you "
                   "mean 'title'?",
        "hint": "rename it to 'title:'"}


# --- check --fix -----------------------------------------------------------------------------


def test_fix_re_encodes_strips_the_bom_and_line_ends_and_touches_nothing_else(project, tmp_path):
    cp1252 = write(project, "cp1252.txt", b"Talks resume\r\n\r\nThe minister said \x93we will "
                   b"talk\x94 \x96 on Monday.\r\n")
    bom = write(project, "bom.txt", b"\xef\xbb\xbfTalks in Vienna\n\nThe delegations met.\n")
    untouched = write(project, "other.txt", b"Talks in Oslo\r\n\r\nThe delegations met.\r\n")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"Outside\r\nText \x93here\x94.\r\n")
    before = (untouched.read_bytes(), outside.read_bytes())
    result = briefing(project, "check", "--fix", "corpus/articles/cp1252.txt",
                      "corpus/articles/bom.txt", str(outside))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # the outside file is an error, and stays as it was
    assert cp1252.read_bytes() == ("Talks resume\n\nThe minister said “we will talk” – on "
                                   "Monday.\n").encode()
    assert bom.read_bytes() == b"Talks in Vienna\n\nThe delegations met.\n"
    assert (untouched.read_bytes(), outside.read_bytes()) == before
    out = result.stdout
    assert ("fixed corpus/articles/cp1252.txt: re-encoded from Windows-1252 to UTF-8; made "
            "the line endings LF (was CRLF)") in out
    assert "fixed corpus/articles/bom.txt: removed the byte-order mark" in out
    # The diff shows the line that changed, before and after, before it is applied.
    assert "-The minister said \\x93we will talk\\x94 \\x96 on Monday.\r" in out or \
        "-The minister said \\x93we will talk\\x94 \\x96 on Monday." in out
    assert "+The minister said “we will talk” – on Monday." in out
    assert out.index("+The minister said") < out.index("fixed corpus/articles/cp1252.txt")
    assert not re.search(r"cp1252\.txt:\d+:\d+: error", result.stderr), result.stderr
    assert not list((project / "corpus" / "articles").glob(".fix-*"))


def test_fix_leaves_what_it_cannot_fix_safely(project):
    # 0x81 is not a Windows-1252 character: the encoding is unknown, so nothing is guessed.
    unknown = write(project, "unknown.txt", b"Talks\n\nThe minister \x81said.\n")
    before = unknown.read_bytes()
    result = briefing(project, "check", "--fix")
    assert result.returncode == 1
    assert unknown.read_bytes() == before
    said(result, "corpus/articles/unknown.txt", 3, 1, "error", "not valid UTF-8: byte 0x81")


# --- check --summary -------------------------------------------------------------------------


def _git(project: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "init.defaultBranch=main", *arguments], cwd=project, check=True,
                   capture_output=True, timeout=TIMEOUT)


def test_summary_lists_the_articles_added_since_the_base_with_speakers_and_topics(project):
    write(project, "old.txt", GOOD)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "base")
    _git(project, "checkout", "-qb", "contribution")
    write(project, "2025/lavrov.txt", "---\ndate: 2025-12-01\n---\n" + PASTE)
    write(project, "2025/hostile.txt", "---\ndate: 2025-12-02\ntitel: x\n---\n"
          "<img src=x onerror=alert(1)> @octocat [click](javascript:alert(1)) | ~~x~~\n\n"
          "The delegations met again on Monday in Geneva.\n")
    summary = project / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    result = briefing(project, "check", "--base", "main", "--summary", str(summary))
    assert result.returncode == 1  # the hostile article's typo
    assert "check: 2 article files checked" in result.stdout  # old.txt is not among them
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n## Briefing check\n")  # appended, as Actions expects
    assert "2 articles added, 0 changed" in text
    (row,) = [line for line in text.splitlines() if "lavrov" in line]
    assert "Lavrov says Moscow sees no signal from Kyiv on talks" in row
    assert "Sergei Lavrov" in row and "negotiations" in row
    assert "old.txt" not in text
    assert "header key" in text and "**error**" in text
    assert "problems: 1 error, 0 warnings" in text
    assert "<img" not in text and "@octocat" not in text
    assert not re.search(r"(?<!\\)\]\(", text), text  # no link: its brackets are escaped
    assert "~~x~~" not in text


def test_summary_with_an_unknown_base_is_a_usage_error(project):
    write(project, "a.txt", GOOD)
    _git(project, "init", "-q")
    result = briefing(project, "check", "--base", "no-such-branch")
    assert result.returncode == 2
    assert "--base no-such-branch" in result.stderr and "Traceback" not in result.stderr


# --- pure parts ------------------------------------------------------------------------------


def test_workflow_command_escaping_follows_the_runner():
    diagnostic = Diagnostic("a,b:c%.txt", 3, 4, "note", "chrome-removed",
                            "50% done\r\nnext:line", "x,y")
    assert workflow_command(diagnostic) == (
        "::notice file=a%2Cb%3Ac%25.txt,line=3,col=4,title=Page chrome removed::"
        "50%25 done%0D%0Anext:line%0Ahint: x,y")


@given(st.binary(max_size=300))
def test_a_fix_gives_utf8_with_lf_and_is_final(data):
    fix = plan("x.txt", data)
    if fix is None:
        return
    text = fix.data.decode("utf-8")
    assert "\r" not in text and not text.startswith("\ufeff")
    assert plan("x.txt", fix.data) is None


@given(st.text(max_size=200).filter(lambda text: "\x00" not in text))
def test_a_fix_of_utf8_text_changes_only_line_ends_and_the_bom(text):
    fix = plan("x.txt", ("\ufeff" + text).encode("utf-8"))
    assert fix is not None
    assert fix.data == text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").encode()


def test_every_option_of_new_and_check_and_every_message_kind_is_documented():
    from generator.cli import parser

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices
    for name in ("new", "check"):
        for action in commands[name]._actions:
            for option in action.option_strings:
                # The options every command shares are the README's.
                if option.startswith("--") and option not in ("--help", "--docs", "--jobs",
                                                              "--config", "--strict",
                                                              "--allow-empty", "--corpus",
                                                              "--cache-dir", "--no-cache"):
                    assert option in guide, f"{name} {option} is not in CONTRIBUTING.md"
    # Each kind of message has its row (by the words it starts with).
    for words in ("not valid UTF-8", "binary content", "duplicate article", "header key",
                  "front-matter:", "dateline gives", "nothing is left", "never pasted",
                  "same address", "no date", "not in people.yml", "not in topics.yml",
                  "words long", "no headline", "looks like page chrome", "removed as page"):
        assert words in guide, words


def test_the_hostile_corpus_through_check_json_annotations_and_summary(tmp_path, project_copy):
    """Every hostile article (binary, bidi names, HTML titles, broken headers) through every
    rendering of check: no traceback, one JSON document, only well-formed workflow commands,
    and a summary in which no article text becomes HTML, a link or a mention."""
    project = project_copy(tmp_path / "project", articles=ROOT / "tests" / "hostile" / "articles")
    _git(project, "init", "-q")
    _git(project, "commit", "-q", "--allow-empty", "-m", "base")
    summary = project / "summary.md"
    annotated = briefing(project, "check", "--base", "HEAD", "--summary", str(summary),
                         env={"GITHUB_ACTIONS": "true"})
    assert annotated.returncode == 1 and "Traceback" not in annotated.stderr
    commands = [line for line in annotated.stdout.splitlines() if line.startswith("::")]
    assert len(commands) > 50
    for line in commands:
        assert re.fullmatch(r"::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,"
                            r"title=[^,:\r\n]+::[^\r\n]*", line), line
    for line in annotated.stdout.splitlines():
        assert line.startswith(("::", "check: ")), line
    text = summary.read_text(encoding="utf-8")
    assert not re.search(r"<[a-zA-Z/!]", text), text
    assert not re.search(r"(?<!\\)\]\(", text) and "@" not in text.replace("&#64;", "")
    result = briefing(project, "check", "--format", "json")
    document = json.loads(result.stdout)
    assert document["errors"] == sum(d["severity"] == "error" for d in document["diagnostics"])
    assert document["errors"] > 0 and "Traceback" not in result.stderr
