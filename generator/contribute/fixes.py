"""``check --fix``: the fixes that cannot change what an article says, planned then applied.

In: a file's bytes. Out (:func:`plan`): a :class:`Fix` with the new bytes, what changed in
words, and a unified diff of the lines whose text changed (a re-encoding), or None when the
file is fine or cannot be fixed safely (binary, or bytes Windows-1252 does not define).
The safe fixes: Windows-1252 text re-encoded as UTF-8 (curly quotes and dashes pasted from
Word), UTF-16 with a byte-order mark re-encoded as UTF-8, a UTF-8 byte-order mark removed,
CRLF and CR line endings made LF. :func:`apply` writes the new bytes atomically (a temporary
file in the same folder renamed over the old one), only to a regular file that is not a
symbolic link, keeping its permissions.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Fix:
    """What ``check --fix`` would write to one file, and why."""

    path: str
    data: bytes
    changes: tuple[str, ...]
    diff: str = ""


def _text(data: bytes) -> tuple[str, str | None] | None:
    """The file's text and the encoding it had to be re-encoded from (None: UTF-8)."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return None  # bytes Windows-1252 leaves undefined: some other encoding; not guessed


def _changed_lines(path: str, data: bytes, text: str) -> str:
    before = data.decode("utf-8", errors="backslashreplace").splitlines()
    after = text.splitlines()
    return "".join(f"{line}\n" for line in difflib.unified_diff(
        before, after, f"{path} (as read)", f"{path} (UTF-8)", n=0, lineterm=""))


def plan(path: str, data: bytes) -> Fix | None:
    """The safe fix for a file with these bytes, or None."""
    decoded = _text(data)
    if decoded is None:
        return None
    text, encoding = decoded
    changes = []
    diff = ""
    if encoding is not None:
        changes.append(f"re-encoded from {encoding} to UTF-8")
        if encoding == "Windows-1252":
            diff = _changed_lines(path, data, text)
    if text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
        if encoding is None:
            changes.append("removed the byte-order mark")
    if "\r" in text:
        crlf = text.count("\r\n")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("made the line endings LF (was " + ("CRLF" if crlf else "CR") + ")")
    new = text.encode("utf-8")
    if new == data:
        return None
    return Fix(path, new, tuple(changes), diff)


class NotFixable(Exception):
    """The file is not one ``--fix`` may write (a link, not a regular file)."""


def apply(fix: Fix, target: Path) -> None:
    """Replace ``target``'s bytes with ``fix.data``, atomically, keeping its permissions."""
    info = os.lstat(target)
    if not stat.S_ISREG(info.st_mode):
        raise NotFixable(f"{fix.path}: not a regular file; left as it is")
    handle, staging = tempfile.mkstemp(prefix=".fix-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(fix.data)
            output.flush()
            os.fsync(output.fileno())
        Path(staging).chmod(stat.S_IMODE(info.st_mode))
        Path(staging).replace(target)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
