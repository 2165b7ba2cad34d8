"""The run manifest: what the last ``generate`` read and wrote, so that a run whose inputs
did not change can say so and stop, without importing the pipeline.

In: the folders and files a run reads — every entry under ``corpus/articles`` and the
registries beside it, ``mkdocs.yml``, the hand-written pages of ``docs/`` — the generator's
version (:func:`generator.cache.store.generator_version`), the git commit the corpus is at (it
dates articles without a date), ``SOURCE_DATE_EPOCH``, and the options that change the output
(the manifest is named by a digest of them; ``--jobs`` is not one). Out: :class:`Snapshot`
values, and a manifest file per project in the cache's version folder holding the inputs, the
output folder as written (each file's size, modification time and inode) and what the run
printed, with its exit code.

"Changed" is decided the way make and git do, with content as the truth: an entry whose
kind, size, modification time, change time and inode are those recorded is taken as
unchanged; any other is read and compared by SHA-256 (so a file touched but not edited
costs one read, and the manifest is brought up to date). Two facts beside the bytes count
too: an article's modification date (the date of an article without another, see
:func:`generator.build.fallback_date`) and a symbolic link's target. The output must be
exactly as the last run left it: a page deleted or edited by hand makes the next run a
full one, which writes it again. The manifest is written only after a run completed and
its output was swapped into place, and it records the inputs as they were *before* that
run read them: an input edited meanwhile differs from the record, so the next run works.
A manifest that is missing, unreadable or of another shape means only that the run works.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache.store import Store, digest

FORMAT = 1
# Files larger than this are compared by their status alone (the generator refuses to
# read articles and registries of more than a few megabytes anyway).
MAX_HASHED_BYTES = 64 * 1024 * 1024
# What a run itself leaves beside the archive folder in docs/ (its lock, a killed run's
# staging and retired folders): not inputs.
_OWN_PREFIXES = (".staging-", ".retired-")
_OWN_SUFFIX = ".briefing-lock"

Status = tuple[str, int, int, int, int]  # kind, size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True)
class Snapshot:
    """The inputs of a run: for each path, its status and its truth (a digest of its
    bytes, a link's target, nothing for a folder), and the facts beside the files."""

    entries: dict[str, tuple[Status, str]]
    facts: dict[str, str]

    def same_as(self, other: Snapshot) -> bool:
        """True when no input differs in its truth (statuses may)."""
        return self.facts == other.facts and self.entries.keys() == other.entries.keys() \
            and all(truth == other.entries[path][1] for path, (_status, truth)
                    in self.entries.items())


@dataclass(frozen=True)
class Project:
    """Where a run reads and writes, and the options that change what it writes."""

    corpus: Path
    docs: Path
    config: Path
    output: Path
    cache: Path
    options: tuple[str, ...] = field(default=())

    @property
    def identity(self) -> str:
        return digest("manifest", str(Path.cwd()), *(str(path.resolve()) for path in (
            self.corpus, self.docs, self.config, self.output)), *self.options)


def _status(info: os.stat_result) -> Status:
    kind = ("d" if stat.S_ISDIR(info.st_mode) else "f" if stat.S_ISREG(info.st_mode)
            else "l" if stat.S_ISLNK(info.st_mode) else "o")
    if kind == "d":
        return kind, 0, 0, 0, 0
    return kind, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _file_digest(path: str, size: int) -> str:
    if size > MAX_HASHED_BYTES:
        return f"large {size}"
    try:
        with open(path, "rb") as handle:  # noqa: PTH123
            return hashlib.sha256(handle.read(MAX_HASHED_BYTES + 1)).hexdigest()
    except OSError as error:
        return f"unreadable {error.errno}"


def _truth(path: str, status: Status, dated: bool, follow: bool) -> str:
    """What decides whether the entry at ``path`` changed: a file's digest (and, for an
    article, ``dated``, its modification day), a link's target (and, ``follow``, what it
    leads to), nothing for a folder."""
    kind = status[0]
    if kind == "f":
        truth = _file_digest(path, status[1])
        if dated:
            # An article without a date of its own is dated by this (UTC, as the build does).
            day = dt.datetime.fromtimestamp(status[2] / 1e9, tz=dt.UTC).date()
            truth += f" {day.isoformat()}"
        return truth
    if kind == "l":
        try:
            target = str(Path(path).readlink())
            info = Path(path).stat()
        except OSError:
            return "link to nothing"
        return f"link {target}" + (f" {_truth(path, _status(info), dated, follow=False)}"
                                   if follow and stat.S_ISREG(info.st_mode) else "")
    return ""


def _walk(folder: str, skip: set[str], into: dict[str, Status]) -> None:
    """Every entry under ``folder`` (not following links), but the paths in ``skip``."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return  # as good as empty: the run creates what it needs
    except OSError:
        into[folder] = ("unreadable", 0, 0, 0, 0)
        return
    for entry in entries:
        if entry.path in skip:
            continue
        try:
            status = _status(entry.stat(follow_symlinks=False))
        except OSError:
            continue
        into[entry.path] = status
        if status[0] == "d":
            _walk(entry.path, skip, into)


def _git_commit(folder: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"],
                              capture_output=True, text=True, check=False,
                              timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def snapshot(project: Project, version: str, previous: Snapshot | None = None) -> Snapshot:
    """The inputs as they are now; an entry whose status is as in ``previous`` keeps its
    recorded truth unread."""
    statuses: dict[str, Status] = {}
    articles = str(project.corpus / "articles")
    for entry in _scandir(str(project.corpus)):
        if entry.is_file(follow_symlinks=False) or entry.is_symlink():
            with contextlib.suppress(OSError):
                statuses[entry.path] = _status(entry.stat(follow_symlinks=False))
    for path in (articles, str(project.config)):
        with contextlib.suppress(OSError):
            statuses[path] = _status(os.lstat(path))
    _walk(articles, set(), statuses)
    read = set(statuses)  # what the generator reads; the rest of docs/ it only sits beside
    # Resolved, so that the folders left out are found however the options name them.
    output = project.output.resolve()
    own = {str(output), str(project.cache.resolve()), *(
        entry.path for entry in _scandir(str(output.parent))
        if entry.name.startswith(tuple(f"{prefix}{output.name}-" for prefix in _OWN_PREFIXES))
        or entry.name == f".{output.name}{_OWN_SUFFIX}")}
    _walk(str(project.docs.resolve()), own, statuses)
    known = previous.entries if previous is not None else {}
    entries = {}
    for path, status in statuses.items():
        recorded = known.get(path)
        if recorded is not None and recorded[0] == status:
            entries[path] = (status, recorded[1])
        else:
            entries[path] = (status, _truth(path, status, path.startswith(articles + os.sep),
                                            follow=path in read))
    facts = {"version": version, "git": _git_commit(project.corpus / "articles"),
             "epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip()}
    return Snapshot(entries, facts)


def _scandir(folder: str) -> list[os.DirEntry]:
    try:
        return list(os.scandir(folder))
    except OSError:
        return []


def output_state(output: Path) -> dict[str, Status]:
    """Every file and folder of the output folder with its status (the folder's own too)."""
    state: dict[str, Status] = {}
    with contextlib.suppress(OSError):
        info = os.lstat(output)
        state["."] = (_status(info)[0], 0, 0, 0, info.st_ino)
    found: dict[str, Status] = {}
    _walk(str(output), set(), found)
    prefix = len(str(output)) + 1
    state.update((path[prefix:], status) for path, status in found.items())
    return state


@dataclass(frozen=True)
class Manifest:
    """What a completed run read, wrote and printed."""

    inputs: Snapshot
    outputs: dict[str, Status]
    stdout: tuple[str, ...]
    stderr: tuple[str, ...]
    exit_code: int


def _file(project: Project) -> Path:
    return Store(project.cache).folder / "manifest" / f"{project.identity}.json"


def load(project: Project) -> Manifest | None:
    """The manifest of the last completed run of ``project`` with this generator, if any."""
    try:
        data = json.loads(_file(project).read_text(encoding="utf-8"))
        if data["format"] != FORMAT or data["identity"] != project.identity:
            return None
        entries = {path: (_as_status(status), truth) for path, (status, truth)
                   in data["inputs"].items()}
        facts = {str(key): str(value) for key, value in data["facts"].items()}
        outputs = {path: _as_status(status) for path, status in data["outputs"].items()}
        return Manifest(Snapshot(entries, facts), outputs,
                        tuple(map(str, data["stdout"])), tuple(map(str, data["stderr"])),
                        int(data["exit_code"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _as_status(value: object) -> Status:
    if not isinstance(value, list) or len(value) != 5 or not isinstance(value[0], str) or \
            not all(type(number) is int for number in value[1:]):
        raise ValueError("not a status")
    return value[0], value[1], value[2], value[3], value[4]


def save(project: Project, manifest: Manifest) -> None:
    """Write ``manifest`` for ``project`` (atomically; silently not when the cache cannot
    be written: the next run then simply works)."""
    path = _file(project)
    text = json.dumps({
        "format": FORMAT, "identity": project.identity,
        "inputs": {name: [list(status), truth] for name, (status, truth)
                   in manifest.inputs.entries.items()},
        "facts": manifest.inputs.facts,
        "outputs": {name: list(status) for name, status in manifest.outputs.items()},
        "stdout": list(manifest.stdout), "stderr": list(manifest.stderr),
        "exit_code": manifest.exit_code,
    }, separators=(",", ":"), sort_keys=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".manifest-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            Path(temporary).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
    except OSError:
        return


def unchanged(project: Project, version: str) -> tuple[Manifest | None, Snapshot | None]:
    """The last run's manifest when nothing it read changed and its output is as it left
    it (else None), and the inputs as they are now (for the run about to work). Without a
    manifest nothing is looked at (the run checks its folders before it reads them)."""
    manifest = load(project)
    if manifest is None:
        return None, None
    now = snapshot(project, version, manifest.inputs)
    if not now.same_as(manifest.inputs) or output_state(project.output) != manifest.outputs:
        return None, now
    if now.entries != manifest.inputs.entries:
        # Touched, not changed: remember the new statuses, so the next check reads nothing.
        save(project, Manifest(now, manifest.outputs, manifest.stdout, manifest.stderr,
                               manifest.exit_code))
    return manifest, now
