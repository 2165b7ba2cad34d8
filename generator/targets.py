"""Output targets: prove a folder is ours before anything replaces it, and lock it meanwhile.

In: the folder a command is about to replace (``docs/archive`` or ``site/``) and the places
it must never touch. Out: nothing, or :class:`UnsafeTarget` with a message for the user;
a context manager holding an exclusive lock on the target; the marker file a finished run
leaves in its output.

The writer replaces its target wholesale, so a mistyped ``--site corpus`` or ``--docs .``
would delete the user's own files. The rules, checked before anything is written:

- the target must not be, or contain, the corpus, the hand-written docs, the package, the
  Python environment, the config's folder, the working folder, a home folder or ``/``; and
  must not lie inside the corpus, the package or the Python environment (nor inside the
  hand-written docs, but for the archive folder the docs are built from);
- an existing target must be a real folder (not a file, a symbolic link or a mount point),
  and either empty or carry :data:`MARKER`, which only a complete run of ours writes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pwd
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MARKER = ".briefing-output"
STAGING_MARKER = ".briefing-staging"
_MARKER_TEXT = ("This folder is written by the briefing archive generator and replaced whole "
                "on every run: keep nothing of your own here.\n")
LOCK_WAIT_SECONDS = 600.0
_LOCK_POLL_SECONDS = 0.2


class UnsafeTarget(Exception):
    """The target may hold the user's own files, or cannot be replaced; nothing was touched."""


@dataclass(frozen=True)
class Place:
    """A folder the generator must not damage, and how to name it in a message."""

    path: Path
    name: str
    forbid_inside: bool
    is_docs: bool = False


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def home_folders() -> tuple[Path, ...]:
    """The home folder of this user and of every account on the machine that has one."""
    homes: set[Path] = set()
    # A container user may have no home and no passwd entry: then there is none to guard.
    with contextlib.suppress(RuntimeError, KeyError, OSError):
        homes.add(Path.home())
    with contextlib.suppress(OSError):
        homes.update(Path(entry.pw_dir) for entry in pwd.getpwall() if entry.pw_dir)
    return tuple(sorted(home for home in homes if home.is_dir()))


def protected_places(corpus: Path, docs: Path, config: Path) -> tuple[Place, ...]:
    """Everything a writing command must leave alone, for these settings."""
    package = Path(__file__).resolve().parent
    places = [
        Place(_real(corpus), f"the corpus ({corpus})", True),
        Place(_real(docs), f"the docs folder ({docs})", True, is_docs=True),
        Place(package, f"the generator's package ({package})", True),
        Place(_real(Path(sys.prefix)), f"the Python environment ({sys.prefix})", True),
        Place(_real(config.parent if str(config.parent) else Path()),
              f"the folder of {config}", False),
        Place(_real(Path.cwd()), "the working folder", False),
        Place(Path("/"), "the root folder /", False),
    ]
    places.extend(Place(_real(home), f"the home folder {home}", False) for home in home_folders())
    return tuple(places)


def check_target(target: Path, said: str, advice: str, places: tuple[Place, ...],
                 inside_docs: bool = False) -> None:
    """Raise :class:`UnsafeTarget` unless ``target`` may be replaced whole.

    ``said`` names the target as the user gave it (``--site corpus``), ``advice`` says what
    to do instead. ``inside_docs`` is true for the archive sub-folder of the docs: lying
    inside the docs folder is then the point, not a mistake.
    """
    real = _real(target)
    # Most specific first: "is the root folder" says more than "contains the corpus".
    for place in places:
        if place.path == real:
            raise UnsafeTarget(f"{said} is {place.name}, which would be deleted; nothing was "
                               f"changed. {advice}")
    for place in places:
        if place.path.is_relative_to(real):
            raise UnsafeTarget(f"{said} contains {place.name}, which would be deleted; "
                               f"nothing was changed. {advice}")
    for place in places:
        allowed = inside_docs and place.is_docs
        if place.forbid_inside and not allowed and real.is_relative_to(place.path):
            raise UnsafeTarget(f"{said} lies inside {place.name}, where the generator never "
                               f"writes; nothing was changed. {advice}")
    for ancestor in target.absolute().parents:
        if ancestor.exists() and not ancestor.is_dir():
            raise UnsafeTarget(f"{said} is inside {ancestor}, which is a file, not a folder; "
                               f"nothing was changed. {advice}")
    if not os.path.lexists(target):
        return
    if target.is_symlink():
        raise UnsafeTarget(f"{said} is a symbolic link; nothing was changed. {advice}")
    if not target.is_dir():
        raise UnsafeTarget(f"{said} exists and is not a folder; nothing was changed. {advice}")
    if is_mount(target, mount_points()):
        raise UnsafeTarget(f"{said} is a mount point, which cannot be replaced in one step; "
                           f"give a folder inside it, such as {target / 'site'}")
    try:
        entries = [entry.name for entry in target.iterdir()]
    except OSError as error:
        raise UnsafeTarget(f"{said} cannot be read: {error.strerror}") from None
    mounted = _mount_inside(target)
    if mounted is not None:
        raise UnsafeTarget(f"{said} holds {mounted}, a mount point; it would be replaced with "
                           "the folder. Unmount it or choose another folder. Nothing was changed.")
    if entries and MARKER not in entries:
        raise UnsafeTarget(
            f"{said} exists and was not written by the generator (it has no {MARKER} "
            "file), so it may hold your own files; nothing was changed. Move it away (or "
            f"delete it yourself if it is an old output). {advice}")


def mount_points() -> frozenset[Path]:
    """Every mount point of this process (Linux ``/proc/self/mountinfo``; else none known).
    A bind mount on the same file system has the same device number, so only the kernel's
    list tells it apart from an ordinary folder."""
    try:
        text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    points = set()
    for line in text.splitlines():
        fields = line.split()
        if len(fields) > 4:
            # Spaces, tabs and backslashes in paths are written as octal escapes ("\040").
            points.add(Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)),
                                   fields[4])))
    return frozenset(points)


def is_mount(path: Path, points: frozenset[Path]) -> bool:
    return path.is_mount() or Path(os.path.realpath(path)) in points


def _mount_inside(folder: Path) -> Path | None:
    """A mount point somewhere inside ``folder``, if any."""
    real = Path(os.path.realpath(folder))
    inside = sorted(point for point in mount_points() if point != real
                    and point.is_relative_to(real))
    if inside:
        return inside[0]
    device = folder.lstat().st_dev
    walker = os.walk(folder)
    try:
        for here, subfolders, _files in walker:
            for name in subfolders:
                path = Path(here) / name
                if path.is_mount() or path.lstat().st_dev != device:
                    return path
    finally:
        walker.close()  # a walk left half-way holds a directory handle open
    return None


def check_docs_folder(docs: Path) -> None:
    """The docs folder itself must be a folder, and not ``/`` or a home folder (``--docs /``
    would put the archive at ``/archive``)."""
    real = _real(docs)
    if real == Path("/"):
        raise UnsafeTarget(f"--docs {docs} is the root folder; give the project's docs folder")
    if real in {_real(home) for home in home_folders()}:
        raise UnsafeTarget(f"--docs {docs} is a home folder; give the project's docs folder")
    if docs.exists() and not docs.is_dir():
        raise UnsafeTarget(f"--docs {docs} is not a folder; give the project's docs folder")


def marker_text(**facts: int | str) -> str:
    return _MARKER_TEXT + "".join(f"{key}: {value}\n" for key, value in sorted(facts.items()))


def write_marker(folder: Path, **facts: int | str) -> None:
    """Mark ``folder`` as a complete output of ours, with facts a later run can read."""
    (folder / MARKER).write_text(marker_text(**facts), encoding="utf-8")


def marker_facts(folder: Path) -> dict[str, str]:
    """The facts an earlier run wrote into ``folder``'s marker ({} when there is none)."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    facts = {}
    for line in text.splitlines()[1:]:
        key, _, value = line.partition(": ")
        facts[key] = value
    return facts


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.briefing-lock"


@contextlib.contextmanager
def locked(target: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on ``target`` (a lock file beside it) for the block.

    A second run waits for the first, saying so once, and gives up with
    :class:`UnsafeTarget` after ``wait_seconds``. The kernel releases the lock when the
    process dies, so a killed run never leaves the target locked.
    """
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_NOFOLLOW: a lock file planted as a symbolic link must not create a file elsewhere.
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW
                             | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeTarget(f"{path} is a symbolic link; remove it (the generator keeps "
                               "its lock there)") from None
        raise
    try:
        deadline = time.monotonic() + wait_seconds
        said = False
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
            if not said:
                print(f"waiting: another run is writing {target}", file=sys.stderr,
                      flush=True)
                said = True
            if time.monotonic() >= deadline:
                raise UnsafeTarget(f"another run is still writing {target} after "
                                   f"{wait_seconds:.0f} s; try again when it has finished")
            time.sleep(_LOCK_POLL_SECONDS)
        # The lock file is never written to: MkDocs' live reload watches the docs folder,
        # and a changed file there would rebuild the preview for nothing.
        yield
    finally:
        os.close(descriptor)
