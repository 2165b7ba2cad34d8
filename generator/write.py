"""Stage 6, write: :class:`Page` values → a folder on disk, swapped into place atomically.

Pages are written into a fresh hidden sibling folder, which then replaces the target in one
step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames). A page whose bytes are
those of the same page in the current folder is not written again: the new folder gets a
hard link to the old file, so it keeps its modification time (and inode) and only pages
that really changed look changed to ``mkdocs build --dirty``, rsync or a file watcher. A process killed at any
moment leaves either the complete old folder or the complete new one; leftovers of a killed
run are removed by the next one. Stale pages of deleted articles vanish with the old folder.

The swap is the last line of defence for the user's files: it replaces only a folder that
does not exist, is empty, or carries the marker of :mod:`generator.targets`, and every
finished folder gets that marker and the permissions of a normal folder (readable by a web
server running as another user, within the umask).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.model import Page
from generator.targets import (
    MARKER,
    STAGING_MARKER,
    UnsafeTarget,
    is_mount,
    mount_points,
    write_marker,
)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STAGING_PREFIX = ".staging-"
_RETIRED_PREFIX = ".retired-"


class UnsafePagePath(Exception):
    """A page path would land outside the output folder."""


def _libc_renameat2() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _libc_renameat2()


def exchange(new: Path, target: Path) -> None:
    """Atomically put ``new`` at ``target``; the old ``target`` ends up at ``new``'s path."""
    if _RENAMEAT2 is not None:
        result = _RENAMEAT2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target),
                            _RENAME_EXCHANGE)
        if result == 0:
            return
    # No atomic exchange here: a tiny window remains between the two renames.
    retired = new.with_name(new.name + ".old")
    target.rename(retired)
    new.rename(target)
    retired.rename(new)


def remove_tree(path: Path) -> None:
    """Delete the folder ``path`` and what is in it, never crossing into another file
    system: a folder mounted inside it (a user's bind mount) is left, with its files."""
    try:
        device = path.lstat().st_dev
    except OSError:
        return
    points = mount_points()
    folders: list[Path] = []
    markers: list[Path] = []
    for folder, subfolders, files in os.walk(path):
        here = Path(folder)
        folders.append(here)
        kept = {name for name in subfolders if is_mount(here / name, points)
                or (here / name).lstat().st_dev != device}
        subfolders[:] = [name for name in subfolders if name not in kept]
        # Files, and symbolic links to folders (listed as folders): the entry only.
        for entry in [*files, *(name for name in subfolders if (here / name).is_symlink())]:
            if here == path and entry in (MARKER, STAGING_MARKER):
                markers.append(here / entry)
                continue
            with contextlib.suppress(OSError):
                (here / entry).unlink()
    # The markers go last: a run killed half-way through leaves a folder that the next run
    # still recognises as a leftover of its own (a big archive takes a while to delete).
    for marker in markers:
        with contextlib.suppress(OSError):
            marker.unlink()
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _ours(folder: Path) -> bool:
    return (folder / STAGING_MARKER).is_file() or (folder / MARKER).is_file()


def remove_leftovers(target: Path) -> None:
    """Delete staging and retired folders that a killed earlier run left next to
    ``target`` — only those that carry a marker of ours: a user's folder that happens to be
    called ".staging-site-notes" is not a leftover."""
    parent = target.parent
    if not parent.is_dir():
        return
    for prefix in (_STAGING_PREFIX, _RETIRED_PREFIX):
        for leftover in parent.glob(f"{prefix}{target.name}-*"):
            if leftover.is_dir() and not leftover.is_symlink() and _ours(leftover):
                remove_tree(leftover)


def staging_dir(target: Path) -> Path:
    """A new hidden folder beside ``target`` (same file system, so renames are atomic),
    marked as a staging folder of ours from the moment it exists."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{target.name}-", dir=target.parent))
    (staged / STAGING_MARKER).write_text("A run of the briefing generator is writing here.\n",
                                         encoding="utf-8")
    return staged


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def finish(staged: Path, **facts: int | str) -> None:
    """Mark ``staged`` as a complete output of ours and give it a normal folder's mode
    (``mkdtemp`` creates it 0700, which a web server running as another user cannot read)."""
    write_marker(staged, **facts)
    with contextlib.suppress(FileNotFoundError):
        (staged / STAGING_MARKER).unlink()
    staged.chmod(0o777 & ~_umask())


def swap_into_place(staged: Path, target: Path) -> None:
    """Replace ``target`` by the complete folder ``staged`` and delete the old one.

    Raises :class:`UnsafeTarget` (and leaves both folders as they are) when ``target`` is
    anything but a folder of ours: missing, empty, or marked.
    """
    if os.path.lexists(target) and (
        target.is_symlink() or not target.is_dir()
        or (any(target.iterdir()) and not (target / MARKER).is_file())
    ):
        raise UnsafeTarget(f"{target} is not a folder written by the generator; "
                           "nothing was changed")
    if target.exists():
        # The old folder ends up at ``staged``'s path, still marked as ours, so a run
        # killed while deleting it leaves a leftover the next run recognises.
        exchange(staged, target)
        remove_tree(staged)
    else:
        staged.rename(target)


def _link_unchanged(old: Path, new: Path, data: bytes) -> bool:
    """Hard-link ``old`` at ``new`` when it is a plain file of ours holding exactly
    ``data``; False (and nothing done) otherwise."""
    try:
        info = old.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_size != len(data):
            return False
        if old.read_bytes() != data:
            return False
        os.link(old, new, follow_symlinks=False)
    except OSError:
        return False
    return True


def _inside(root: Path, folder: str, page_path: str) -> Path:
    """The folder ``folder`` of the staging folder ``root``, made, and proven to lie in it;
    raises :class:`UnsafePagePath` for ``page_path`` otherwise."""
    if not folder:
        return root
    wanted = (root / folder).resolve()
    if not wanted.is_relative_to(root):
        raise UnsafePagePath(page_path)
    wanted.mkdir(parents=True, exist_ok=True)
    if not wanted.resolve().is_relative_to(root):
        raise UnsafePagePath(page_path)
    return wanted


def write_pages(pages: Iterable[Page], target: Path, **facts: int | str) -> int:
    """Write ``pages`` as the complete new content of ``target``; return how many.

    ``facts`` go into the marker (the number of articles, so a later run can tell that it
    would replace a full archive by an empty one)."""
    remove_leftovers(target)
    staged = staging_dir(target)
    root = staged.resolve()
    # Each folder is proven inside the staging folder once (resolved after it is made, so
    # a link planted in its way is seen); each file is then created new, never through a
    # link (O_EXCL | O_NOFOLLOW), without resolving every page's path.
    folders: dict[str, Path] = {}
    count = 0
    try:
        for page in pages:
            folder, _, name = page.path.rpartition("/")
            if name in ("", ".", ".."):
                raise UnsafePagePath(page.path)
            directory = folders.get(folder)
            if directory is None:
                directory = _inside(root, folder, page.path)
                folders[folder] = directory
            path = directory / name
            data = page.text.encode("utf-8")
            if not _link_unchanged(target / page.path, path, data):
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                 0o666)
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
            count += 1
        finish(staged, **facts)
        swap_into_place(staged, target)
    except BaseException:
        remove_tree(staged)
        raise
    return count
