"""The pull request's summary: what changed since a base branch → Markdown for a reviewer.

:func:`changed_articles` (the edge: runs git) lists the article files added or changed
since the merge base of ``REF`` and the working tree, uncommitted and untracked files
included, so a contributor sees locally what CI will show. :func:`markdown` (pure) writes
the summary that CI appends to ``$GITHUB_STEP_SUMMARY``: each article added or changed with
its title, date, speakers and topics, then every problem found. Titles and names come from
untrusted text: they are escaped, so none becomes a link, an image, HTML or a mention.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.contribute.diagnostics import Diagnostic, counts
from generator.markup import escape_table_cell
from generator.model import Article

_GIT_TIMEOUT = 120


class GitProblem(Exception):
    """The base ref cannot be compared with (not a git checkout, an unknown ref)."""


def _git(folder: Path, *arguments: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(folder), "-c", "core.quotepath=off",
                                 *arguments], capture_output=True, text=True, check=False,
                                timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        raise GitProblem(f"git could not run: {error}") from None
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()
        raise GitProblem(said[-1] if said else f"git {arguments[0]} failed")
    return result.stdout


@dataclass(frozen=True)
class Changes:
    """Article paths relative to the articles folder, added or changed since the base."""

    added: tuple[str, ...]
    changed: tuple[str, ...]


def changed_articles(articles_dir: Path, base: str) -> Changes:
    """The articles added or modified between the merge base of ``base`` and the files on
    disk; raises :class:`GitProblem`."""
    if base.startswith("-"):
        raise GitProblem(f"--base {base!r} is not a branch or commit")
    top = Path(_git(articles_dir, "rev-parse", "--show-toplevel").strip())
    merge_base = _git(top, "merge-base", base, "HEAD").strip()
    where = articles_dir.resolve().relative_to(top.resolve()).as_posix()
    status = _git(top, "diff", "--name-status", "--no-renames", "-z", merge_base, "--", where)
    fields = status.split("\0")
    added, changed = set(), set()
    for kind, name in zip(fields[::2], fields[1::2], strict=False):
        if kind == "A":
            added.add(name)
        elif kind == "M":
            changed.add(name)
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", where)
    added.update(name for name in untracked.split("\0") if name)
    relative = lambda names: tuple(sorted(  # noqa: E731
        Path(name).relative_to(where).as_posix() for name in names))
    return Changes(relative(added), relative(changed))


def _counted(number: int, plural: str) -> str:
    return f"{number} {plural if number != 1 else plural.removesuffix('s')}"


def _cell(text: str) -> str:
    # "@" would mention a GitHub user; "~" strike text through; "!" start an image.
    return escape_table_cell(text).replace("@", "&#64;").replace("~", "\\~").replace(
        "!", "&#33;")


def markdown(base: str, changes: Changes, articles: dict[str, Article],
             diagnostics: list[Diagnostic], articles_dir: str) -> str:
    """The summary (GitHub-flavoured Markdown), the same text for the same inputs."""
    found = counts(diagnostics)
    problems = ", ".join(_counted(number, kind) for kind, number in found.items())
    lines = [
        "## Briefing check",
        "",
        f"Against {_cell(base)}: {len(changes.added)} article"
        f"{'s' * (len(changes.added) != 1)} added, {len(changes.changed)} changed; "
        f"problems: {problems}.",
        "",
    ]
    rows = [(path, "added") for path in changes.added] + [
        (path, "changed") for path in changes.changed]
    if rows:
        lines += ["| file | | title | date | speakers | topics | problems |",
                  "|---|---|---|---|---|---|---|"]
        for path, kind in rows:
            article = articles.get(path)
            own = [d for d in diagnostics if d.path == f"{articles_dir}/{path}"]
            tally = counts(own)
            said = ", ".join(_counted(n, k) for k, n in tally.items() if n and k != "notes") \
                or "—"
            if article is None:
                cells = ["not published (see problems)", "", "", ""]
            else:
                cells = [_cell(article.clean.title), str(article.date or ""),
                         _cell(", ".join(article.speakers)) or "—",
                         _cell(", ".join(article.topics)) or "—"]
            lines.append(f"| {_cell(path)} | {kind} | " + " | ".join(cells) + f" | {said} |")
        lines.append("")
    shown = [d for d in diagnostics if d.severity != "note"]
    if shown:
        lines += ["### Problems", ""]
        for d in shown:
            hint = f" — {_cell(d.hint)}" if d.hint else ""
            lines.append(f"- **{d.severity}** {_cell(d.path)}:{d.line}:{d.column}: "
                         f"{_cell(d.message)}{hint}")
        lines.append("")
    return "\n".join(lines) + "\n"
