"""The input edge: which files under ``corpus/articles`` are articles, and their bytes.

In: a folder path. Out: a :class:`Listing` (article paths sorted by their relative path, plus
a :class:`Problem` for everything that cannot be an article: folders that cannot be read,
symbolic links to folders, FIFOs, devices and sockets named like articles, files with other
suffixes), and for one path its bytes with the ``stat`` of the very file that was read.

Only regular files are read, and never more than a cap: a FIFO named ``x.txt`` would block
forever and a character device would be read until memory runs out (its size says 0).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.model import ArticleRejected, Problem

ARTICLE_SUFFIXES = (".txt", ".md")


class MissingArticles(Exception):
    """The articles folder does not exist or cannot be listed at all."""


@dataclass(frozen=True)
class Listing:
    """What a corpus folder holds: article files, and problems with everything else."""

    files: tuple[Path, ...]
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


def _hidden(relative: Path) -> bool:
    # Editors' swap and backup files (.x.swp, .#x) and version-control folders.
    return any(part.startswith(".") for part in relative.parts)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def is_article_name(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def check_articles_folder(articles_dir: Path) -> None:
    """Raise :class:`MissingArticles` when ``articles_dir`` is missing, not a folder, a
    symbolic-link loop or unreadable."""
    try:
        top = articles_dir.stat()
    except OSError as error:
        reason = "is a symbolic-link loop" if error.errno == errno.ELOOP else "does not exist"
        raise MissingArticles(f"{articles_dir} {reason}") from None
    if not stat.S_ISDIR(top.st_mode):
        raise MissingArticles(f"{articles_dir} is not a folder")
    try:
        next(articles_dir.iterdir(), None)
    except OSError as error:
        raise MissingArticles(f"{articles_dir} cannot be read: {error.strerror}") from None


def list_articles(articles_dir: Path) -> Listing:
    """Every article file under ``articles_dir``; raise :class:`MissingArticles` when the
    folder itself cannot be listed."""
    check_articles_folder(articles_dir)
    files: list[Path] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename).relative_to(articles_dir).as_posix()
        errors.append(Problem(where, 1, f"cannot read this folder ({error.strerror}); "
                              "its articles are left out until it can be read"))

    for folder, subfolders, names in os.walk(articles_dir, onerror=unreadable):
        base = Path(folder)
        for name in sorted(subfolders):
            path = base / name
            relative = path.relative_to(articles_dir)
            if path.is_symlink() and not _hidden(relative):
                errors.append(Problem(relative.as_posix(), 1, "symbolic link to a folder: "
                                      "it is not followed; move the articles themselves here"))
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = base / name
            relative = path.relative_to(articles_dir)
            if _hidden(relative):
                continue
            try:
                mode = path.stat().st_mode
            except OSError as error:
                if is_article_name(path):
                    errors.append(Problem(relative.as_posix(), 1,
                                          f"cannot read the file: {error.strerror}"))
                continue
            if stat.S_ISDIR(mode):
                continue  # a symbolic link to a folder, reported above
            if not is_article_name(path):
                warnings.append(Problem(relative.as_posix(), 1, "not an article: only .txt and "
                                        ".md files are read; rename it", "warning"))
            elif not stat.S_ISREG(mode):
                errors.append(Problem(relative.as_posix(), 1, f"{_kind(mode)}, not a file with "
                                      "text; only regular files are articles"))
            else:
                files.append(path)
    order = lambda item: item.path  # noqa: E731
    return Listing(
        tuple(sorted(files, key=lambda path: path.relative_to(articles_dir).as_posix())),
        tuple(sorted(errors, key=order)),
        tuple(sorted(warnings, key=order)),
    )


def read_capped(path: Path, relative: str, limit: int,
                what: str = "articles") -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` and its ``stat``, read through one open file
    (so a file replaced or deleted meanwhile cannot mix two files' facts); raise
    :class:`ArticleRejected` for anything that is not a regular file or is over ``limit``."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArticleRejected(Problem(relative, 1, f"cannot read the file: {error.strerror}"))\
            from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        # Checked before wrapping: Python refuses to open a folder as a file object.
        os.close(descriptor)
        raise ArticleRejected(Problem(relative, 1, f"{_kind(info.st_mode)}, not a file "
                                      f"with text; only regular files are {what}"))
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size > limit:
            raise ArticleRejected(Problem(relative, 1, f"file is {info.st_size:,} bytes; the "
                                          f"limit is {limit:,}; split it"))
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise ArticleRejected(Problem(relative, 1, f"cannot read the file: "
                                          f"{error.strerror}")) from None
    if len(data) > limit:
        raise ArticleRejected(Problem(relative, 1, f"file grew past {limit:,} bytes while it "
                                      "was read; split it"))
    return data, info
