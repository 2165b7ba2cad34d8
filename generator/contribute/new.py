"""``briefing new [URL | "Headline"] [--paste]``: start an article file in the corpus.

In: a URL or a headline, and with ``--paste`` the article's text on standard input (capped
at the reader's size limit, decoded strictly: binary or non-UTF-8 input is refused with
its byte offset, nothing written). Out: a new ``corpus/articles/<year>/<slug>.txt`` whose
commented header (title, date, source, url) holds what was given or derived, and the paste
(or a placeholder line that ``check`` refuses until it is replaced). What it derives comes
from the real read, clean and extract stages run on the very file written: the headline,
the dateline's date, the outlet, the speakers and the lines the build will drop as chrome.

An existing file is never overwritten: the new file is linked into place only if its name
is free. A headline whose slug another article already asks for gets ``-2``, ``-3``… in
its file name and a ``slug:`` in its header, so the two never share a URL. A paste whose
text is already in the archive is refused (it would be rejected as a duplicate).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO
from urllib.parse import unquote, urlsplit

from generator.build import wanted_slug
from generator.clean import clean
from generator.contribute.findings import PLACEHOLDER, removed_lines
from generator.extract import extract
from generator.knowledge import build_knowledge
from generator.model import ArticleRejected, CleanArticle, Extraction, Problem
from generator.read import MAX_BYTES, decode, normalise_text, read_article
from generator.registry import Registries, load_registries
from generator.slug import slugify
from generator.source_files import check_articles_folder, list_articles, read_capped
from generator.yaml_input import printable

STDIN = "<stdin>"
MAX_TITLE_CHARS = 200
MAX_SUFFIX = 99


class NewUsageError(Exception):
    """What was given cannot start an article (no headline, a bad URL, a file that exists)."""


@dataclass(frozen=True)
class NewRequest:
    what: str | None = None
    paste: bool = False
    corpus: Path = Path("corpus")


@dataclass(frozen=True)
class Derived:
    """What the stages make of a file: shown to the contributor, filled into the header."""

    clean: CleanArticle
    extraction: Extraction


def _is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def _quoted(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar: any title is one safe line.
    return json.dumps(value, ensure_ascii=False)


def header(title: str | None, date: dt.date | None, source: str | None, url: str | None,
           slug: str | None = None) -> str:
    """The commented header; an empty value means "not given" to the reader."""
    def field(key: str, value: str | None, comment: str) -> str:
        written = f"{key}: {value or ''}"
        return f"{written.ljust(42)}  # {comment}\n"

    lines = [
        "---\n",
        "# What the text does not say. Delete a line you do not need; see CONTRIBUTING.md.\n",
        field("title", _quoted(title) if title else None,
              "the headline (empty: the text's first line)"),
        field("date", date.isoformat() if date else None, "YYYY-MM-DD, the day it was published"),
        field("source", _quoted(source) if source else None, "the outlet, e.g. Reuters"),
        field("url", _quoted(url) if url else None, "the address of the original"),
    ]
    if slug:
        lines.append(field("slug", _quoted(slug), "its own address: another article has this title"))
    lines.append("---\n")
    return "".join(lines)


def _read_paste(stdin: BinaryIO, err: TextIO) -> str:
    if stdin.isatty():
        print("new: paste the article, then press Ctrl-D on a line of its own", file=err)
    data = stdin.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ArticleRejected(Problem(STDIN, 1, f"the paste is over {MAX_BYTES:,} bytes; "
                                      "paste one article at a time"))
    text = normalise_text(decode(STDIN, data)).strip("\n")
    if not text.strip():
        raise ArticleRejected(Problem(STDIN, 1, "nothing was pasted; copy the article's text "
                                      "and pipe it in (xclip -o | ./run new --paste)"))
    return text + "\n"


def _derive(relative: str, text: str, registries: Registries) -> Derived:
    raw, _warnings = read_article(relative, text.encode("utf-8"))
    cleaned = clean(raw, registries.boilerplate, registries.organizations)
    return Derived(cleaned, extract(cleaned, build_knowledge(registries)))


def _existing(articles_dir: Path, registries: Registries) -> tuple[dict[str, str], set[str]]:
    """The archive's articles: path by content hash, and the slugs they ask for."""
    by_hash: dict[str, str] = {}
    slugs: set[str] = set()
    for path in list_articles(articles_dir).files:
        relative = path.relative_to(articles_dir).as_posix()
        try:
            data, _info = read_capped(path, relative, MAX_BYTES)
            raw, _warnings = read_article(relative, data)
        except ArticleRejected:
            continue
        by_hash.setdefault(raw.content_hash, relative)
        slugs.add(wanted_slug(clean(raw, registries.boilerplate, registries.organizations)))
    return by_hash, slugs


def _url_slug(url: str) -> str:
    parts = [part for part in unquote(urlsplit(url).path).split("/") if part]
    last = parts[-1].rsplit(".", 1)[0] if parts else urlsplit(url).hostname or ""
    return slugify(last.replace("_", "-"), fallback="article")


def _link_into_place(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` only if no file has that name (a hard link of a finished
    temporary file: the name appears whole, or not at all)."""
    handle, staging = tempfile.mkstemp(prefix=".new-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as output:
            output.write(text)
            output.flush()
            os.fsync(output.fileno())
        Path(staging).chmod(0o644)
        try:
            os.link(staging, target)
        except FileExistsError:
            raise NewUsageError(f"{target.as_posix()} appeared while this ran; it is left as "
                                "it is; run the command again") from None
    finally:
        Path(staging).unlink(missing_ok=True)


def _show(path: Path, derived: Derived, url: str | None, out: TextIO) -> None:
    article = derived.clean
    shown = lambda text: printable(text[:100])  # noqa: E731
    print(f"new: created {path.as_posix()}", file=out)
    if article.title_derived:
        print("  title:    none: the first line is not a headline; write one after title:",
              file=out)
    else:
        print(f"  title:    {shown(article.title)}", file=out)
    if article.raw.header.date and article.raw.header.date != article.dateline_date:
        print(f"  date:     {article.raw.header.date}", file=out)
    elif article.dateline_date:
        print(f"  date:     {article.dateline_date} (from “{shown(article.dateline or '')}”)",
              file=out)
    else:
        print("  date:     none found: write it after date:, else the date of the first "
              "commit is used", file=out)
    print(f"  outlet:   {shown(article.outlet) if article.outlet else 'none found: write it after source:'}",
          file=out)
    if url:
        print(f"  url:      {shown(url)}", file=out)
    speakers = ", ".join(derived.extraction.speakers)
    print(f"  speakers: {shown(speakers) if speakers else 'none found'}", file=out)
    removed = removed_lines(article, None)
    print(f"  chrome:   {len(removed)} line{'s' * (len(removed) != 1)} will be dropped"
          + (":" if removed else ""), file=out)
    for number, line in removed:
        print(f"            line {number}: “{shown(line)}”", file=out)
    print(f"next: ./run check {path.as_posix()}, then ./run serve to preview", file=out)


def start_article(request: NewRequest, stdin: BinaryIO | None = None,
                  out: TextIO | None = None, err: TextIO | None = None) -> Path:
    """Create the article file and say what it holds; its path. Raises
    :class:`NewUsageError`, :class:`ArticleRejected` (a paste that cannot be an article),
    :class:`MissingArticles` and ``OSError`` (nothing written)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    given = " ".join(normalise_text(request.what or "").split())
    url = given if _is_url(given) else None
    title = None if url else (given or None)
    if not (given or request.paste):
        raise NewUsageError("give the article's URL or its headline in quotes "
                            "(briefing new \"Headline\"), or --paste its text")
    if title and len(title) > MAX_TITLE_CHARS:
        raise NewUsageError(f"the headline is {len(title)} characters; a headline has at most "
                            f"{MAX_TITLE_CHARS}")
    articles_dir = request.corpus / "articles"
    check_articles_folder(articles_dir)
    try:
        # The reader itself judges the URL, with the message it would give in the file.
        read_article(STDIN, header(None, None, None, url).encode("utf-8") + b"x\n")
    except ArticleRejected as rejected:
        raise NewUsageError(rejected.problem.message.removeprefix("front-matter: ")) from None
    body = _read_paste(stdin or sys.stdin.buffer, err) if request.paste else PLACEHOLDER + "\n"
    registries = load_registries(request.corpus)
    first = _derive(STDIN, header(title, None, None, url) + body, registries)
    by_hash, taken = _existing(articles_dir, registries)
    if request.paste and first.clean.raw.content_hash in by_hash:
        raise ArticleRejected(Problem(STDIN, 1, "this article is already in the archive: "
                                      f"{articles_dir.as_posix()}/{by_hash[first.clean.raw.content_hash]}"))
    date = first.clean.dateline_date if request.paste else None
    # The file is named for the title its page will have: the one given, else the text's.
    headline = title or (first.clean.title if request.paste else None)
    stem = slugify(headline, fallback="article") if headline else _url_slug(url or "")
    year = str((date or dt.datetime.now(dt.UTC).date()).year)
    folder = articles_dir / year
    if folder.is_symlink():
        raise NewUsageError(f"{folder} is a symbolic link; articles are written only into "
                            "folders of the corpus")
    folder.mkdir(exist_ok=True)
    template = folder / f"{stem}.txt"
    if not request.paste and template.is_file() and template.read_bytes() == (
            header(title, None, None, url) + body).encode("utf-8"):
        raise NewUsageError(f"{template.as_posix()} already exists, made by an earlier `new`; "
                            "open it and paste the article")
    name = lambda number: stem if number == 1 else f"{stem}-{number}"  # noqa: E731
    number = 1
    while name(number) in taken or (folder / f"{name(number)}.txt").exists():
        number += 1
        if number > MAX_SUFFIX:
            raise NewUsageError(f"{folder.as_posix()}: {stem}.txt to {name(MAX_SUFFIX)}.txt "
                                "are all taken; give another headline")
    text = header(title, date, first.clean.outlet if request.paste else None, url,
                  name(number) if number > 1 else None) + body
    path = folder / f"{name(number)}.txt"
    _link_into_place(path, text)
    final = _derive(path.relative_to(articles_dir).as_posix(), text, registries)
    _show(path, final, url, out)
    return path
