"""Stage 1, read: the bytes of an article file → :class:`RawArticle`, or a :class:`Problem`.

Decoding is strict: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else is
rejected with the byte offset of the first bad byte, because guessing an encoding silently
corrupts names. Newlines become ``\\n``; invisible formatting characters (zero-width spaces,
bidi overrides) and control characters are removed, so "Lav\\u200brov" is "Lavrov".
The optional front-matter header is parsed with the restricted YAML reader of ``yaml_input``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata

import yaml

from generator.model import ArticleRejected, DateSource, Header, Problem, RawArticle
from generator.yaml_input import YamlError, compose, printable

MAX_BYTES = 4_000_000
MAX_LINE_CHARS = 100_000

HEADER_KEYS = frozenset(Header.__dataclass_fields__)
_TEXT_KEYS = ("title", "source", "url", "slug", "description")
_LIST_KEYS = ("speakers", "people", "organizations", "places", "topics")

# Characters that change how text looks or flows without being visible themselves.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
# Terminal colour codes pasted from a console: drop the whole sequence, not just ESC.
_ANSI_ESCAPE = re.compile("\x1b\\[[0-?]{0,32}[ -/]{0,8}[@-~]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029\x0b\x0c]")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A source URL must be a plain http(s) address: no other scheme (javascript:, data:), and
# none of the characters that are never raw in a URL and could end an attribute or a link.
_WEB_URL = re.compile(r"https?://[^\s/?#<>\"'`{}|\\^]+[^\s<>\"`{}|\\^]*", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """Return NFC text with ``\\n`` newlines, no invisible or control characters, tabs as spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", _ANSI_ESCAPE.sub("", text))
    text = _CONTROL.sub("", text).replace("\t", " ")
    return unicodedata.normalize("NFC", text)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_size(path: str, size: int) -> None:
    """Raise :class:`ArticleRejected` when a file of ``size`` bytes is too large to be read."""
    if size > MAX_BYTES:
        raise ArticleRejected(
            Problem(path, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}; split it")
        )


def decode(path: str, data: bytes) -> str:
    """Decode article bytes to text, raising :class:`ArticleRejected` with a precise reason."""
    check_size(path, len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleRejected(
                Problem(path, 1, f"invalid UTF-16 at byte offset {error.start}")
            ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleRejected(
            Problem(
                path,
                _line_of_offset(data, nul),
                f"binary content: NUL byte at byte offset {nul}; articles must be text",
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        hint = (
            " (looks like Windows-1252 smart quotes; re-save the file as UTF-8)"
            if 0x80 <= bad <= 0x9F
            else " (re-save the file as UTF-8)"
        )
        raise ArticleRejected(
            Problem(
                path,
                _line_of_offset(data, error.start),
                f"not valid UTF-8: byte 0x{bad:02x} at byte offset {error.start}{hint}",
            )
        ) from None


def _header_problem(path: str, line: int, message: str) -> ArticleRejected:
    return ArticleRejected(Problem(path, line, f"front-matter: {message}"))


def _scalar_text(path: str, key: str, node: yaml.Node, first_line: int) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _header_problem(
            path, first_line + node.start_mark.line, f"'{key}' must be a single value"
        )
    return normalise_text(str(node.value)).strip()


def parse_header(path: str, text: str, first_line: int) -> tuple[Header, list[Problem]]:
    """Parse front-matter YAML into a :class:`Header`; unknown keys are ignored with a warning.

    ``first_line`` is the file line of the YAML's first line, for messages.
    """
    try:
        root = compose(text, first_line)
    except YamlError as error:
        raise _header_problem(path, error.line, error.message) from None
    if root is None:
        return Header(), []
    if not isinstance(root, yaml.MappingNode):
        raise _header_problem(path, first_line, "the header must be a mapping of key: value")
    values: dict[str, object] = {}
    warnings: list[Problem] = []
    # compose() has refused a key written twice.
    for key_node, value_node in root.value:
        line = first_line + key_node.start_mark.line
        key = str(key_node.value)
        if key not in HEADER_KEYS:
            close = difflib.get_close_matches(key.casefold(), sorted(HEADER_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            warnings.append(
                Problem(path, line, f"front-matter key '{printable(key)}' is not supported and "
                        f"was ignored{hint}", "warning")
            )
            continue
        # An empty value, ``~`` or ``null`` means "not given" (not the text "~").
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
            continue
        if key in _TEXT_KEYS:
            values[key] = _scalar_text(path, key, value_node, first_line) or None
            if key == "url" and values[key] and not _WEB_URL.fullmatch(str(values[key])):
                raise _header_problem(
                    path, line, f"url {values[key]!r} is not a web address; write the "
                    "article's http:// or https:// address (with < > \" and spaces "
                    "percent-encoded)"
                )
        elif key == "date":
            raw = _scalar_text(path, key, value_node, first_line)
            try:
                values[key] = dt.date.fromisoformat(raw)
            except ValueError:
                raise _header_problem(
                    path, line, f"date {raw!r} is not a valid date; write YYYY-MM-DD"
                ) from None
            # A day of slack for time zones: beyond tomorrow (UTC) is a typo, not news.
            latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
            if values[key] > latest:
                raise _header_problem(path, line, f"date {raw} lies in the future; write the "
                                      "date the article was published")
        elif key in _LIST_KEYS:
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            texts = tuple(_scalar_text(path, key, item, first_line) for item in items)
            values[key] = tuple(text for text in texts if text)
    return Header(**values), warnings


def front_matter_text(text: str) -> tuple[str, int] | None:
    """The YAML between the opening ``---`` and its closing fence, and the offset where the
    body starts; None when the text has no header or the header is never closed."""
    if not text.startswith("---\n"):
        return None
    closing = _FENCE.search(text, 4)
    if closing is None:
        return None
    return text[4 : closing.start()], closing.end() + 1


def split_front_matter(path: str, text: str) -> tuple[Header, str, int, list[Problem]]:
    """Split ``text`` into header, body, the body's first file line, and warnings."""
    if not text.startswith("---\n"):
        return Header(), text, 1, []
    found = front_matter_text(text)
    if found is None:
        raise _header_problem(path, 1, "the header opened with '---' on line 1 is never closed")
    header_text, body_start = found
    header, warnings = parse_header(path, header_text, 2)
    body_line = text.count("\n", 0, body_start) + 1
    return header, text[body_start:], body_line, warnings


def read_article(
    path: str,
    data: bytes,
    fallback_date: dt.date | None = None,
    fallback_date_source: DateSource | None = None,
) -> tuple[RawArticle, list[Problem]]:
    """Turn one file's bytes into a :class:`RawArticle` plus warnings.

    Raises :class:`ArticleRejected` when the file cannot be an article.
    """
    text = normalise_text(decode(path, data))
    header, body, body_line, warnings = split_front_matter(path, text)
    if not body.strip():
        where = "after the front-matter header" if body_line > 1 else "the file"
        raise ArticleRejected(Problem(path, body_line, f"empty article: {where} has no text"))
    for number, line in enumerate(body.split("\n"), start=body_line):
        if len(line) > MAX_LINE_CHARS:
            raise ArticleRejected(
                Problem(
                    path, number,
                    f"line is {len(line):,} characters; the limit is {MAX_LINE_CHARS:,}",
                )
            )
    digest = hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()
    article = RawArticle(
        source_file=path,
        header=header,
        body=body,
        body_line=body_line,
        content_hash=digest,
        fallback_date=fallback_date,
        fallback_date_source=fallback_date_source,
    )
    return article, warnings
