"""Diagnostics: one finding of ``check`` → the text a person, GitHub or a tool reads.

In: :class:`Diagnostic` values (path, line, column, severity, code, message, hint), made by
:mod:`generator.contribute.findings` or converted here from a pipeline :class:`Problem`.
Out: strings. Plain text for a terminal and editors (``path:line:col: error: message``,
the hint on the next line); GitHub Actions workflow commands (``::error file=…,line=…::…``),
escaped as the Actions runner expects, so no article text can start a command of its own;
and the stable JSON shape of ``--format json`` (:data:`JSON_VERSION`, documented in
CONTRIBUTING.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.model import Problem

DiagnosticSeverity = Literal["error", "warning", "note"]
JSON_VERSION = 1
SEVERITIES: tuple[DiagnosticSeverity, ...] = ("error", "warning", "note")
# Actions has no "note" level; its "notice" is the same thing.
_WORKFLOW_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


@dataclass(frozen=True)
class Diagnostic:
    """One problem or remark about a file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: DiagnosticSeverity
    code: str
    message: str
    hint: str | None = None

    @property
    def title(self) -> str:
        """A short name for the kind of problem (the annotation's title on GitHub)."""
        return TITLES.get(self.code, self.code.replace("-", " "))


TITLES = {
    "encoding": "Not UTF-8",
    "binary": "Binary file",
    "empty": "Empty article",
    "placeholder": "Article not pasted",
    "duplicate": "Duplicate article",
    "header": "Header problem",
    "header-key": "Unknown header key",
    "header-key-typo": "Header key typo",
    "future-date": "Date in the future",
    "too-large": "File too large",
    "file-kind": "Not an article file",
    "file-name": "Unsafe file name",
    "link": "Symbolic link",
    "no-text": "Nothing left after chrome",
    "same-url": "Two articles, one URL",
    "registry": "Registry problem",
    "no-date": "No date",
    "unregistered-person": "Person not in people.yml",
    "unknown-topic": "Topic not in topics.yml",
    "long-article": "Very long article",
    "derived-title": "Headline derived",
    "chrome-kept": "Looks like page chrome",
    "chrome-removed": "Page chrome removed",
}

# What a pipeline problem's message says → its code and how to fix it. The messages are the
# pipeline's own (read.py, source_files.py, build.py, registry.py); tests/test_contribute.py
# drives each through the command line, so a reworded message shows up there.
_KINDS: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(pattern), code, hint) for pattern, code, hint in (
        (r"^not valid UTF-8|^invalid UTF-16", "encoding",
         "re-save the file as UTF-8; `./run check --fix FILE` re-encodes Windows-1252 text"),
        (r"^binary content", "binary", "save the article as plain text (.txt or .md)"),
        (r"^empty article", "empty", "paste the article's text into the file"),
        (r"^duplicate article", "duplicate",
         "this text is already in the archive; delete this file"),
        (r"^front-matter key '.*' is not supported", "header-key",
         "allowed keys: title, date, source, url, slug, description, speakers, people, "
         "organizations, places, topics"),
        (r"^front-matter: date .* lies in the future", "future-date",
         "write the day the article was published, as YYYY-MM-DD"),
        (r"^front-matter:", "header",
         "the header is YAML between two '---' lines at the very top; see CONTRIBUTING.md"),
        (r"^file (is|grew)|^line is [\d,]+ characters", "too-large",
         "split it into one file per article"),
        (r"^symbolic link", "link", "put the article file itself in corpus/articles/"),
        (r"^the file name", "file-name", "rename the file with letters, digits and dashes"),
        (r"not a file|only \.txt and \.md|no such file|not under|cannot read", "file-kind",
         None),
    )
)


def from_problem(problem: Problem, column: int = 1) -> Diagnostic:
    """A pipeline problem as a diagnostic: its code and hint from what it says."""
    code, hint = "input", None
    for pattern, kind, kind_hint in _KINDS:
        if pattern.search(problem.message):
            code, hint = kind, kind_hint
            break
    if code == "input" and problem.path.endswith((".yml", ".yaml")):
        code, hint = "registry", "fix this entry; a broken registry stops the build"
    return Diagnostic(problem.path, max(problem.line, 1), max(column, 1), problem.severity,
                      code, problem.message, hint)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By file, then position, then severity: a stable order whatever found them first."""
    return sorted(set(diagnostics), key=lambda d: (
        d.path, d.line, d.column, SEVERITIES.index(d.severity), d.code, d.message))


def plain(diagnostic: Diagnostic) -> str:
    """``path:line:col: severity: message``, then the hint indented on its own line."""
    head = (f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: "
            f"{diagnostic.severity}: {diagnostic.message}")
    return head + (f"\n    hint: {diagnostic.hint}" if diagnostic.hint else "")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(diagnostic: Diagnostic) -> str:
    """The GitHub Actions command that annotates the line on the pull request's diff."""
    properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in (
        ("file", diagnostic.path), ("line", diagnostic.line), ("col", diagnostic.column),
        ("title", diagnostic.title)))
    text = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    return f"::{_WORKFLOW_LEVEL[diagnostic.severity]} {properties}::{_escape_data(text)}"


def counts(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    found = list(diagnostics)
    return {f"{severity}s": sum(d.severity == severity for d in found)
            for severity in SEVERITIES}


def as_json(diagnostics: list[Diagnostic], files_checked: int,
            fixes: Iterable[dict[str, object]] = ()) -> str:
    """The ``--format json`` document (shape documented in CONTRIBUTING.md)."""
    document = {
        "version": JSON_VERSION,
        "files_checked": files_checked,
        **counts(diagnostics),
        "diagnostics": [
            {"path": d.path, "line": d.line, "column": d.column, "severity": d.severity,
             "code": d.code, "title": d.title, "message": d.message, "hint": d.hint}
            for d in diagnostics
        ],
        "fixes": list(fixes),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
