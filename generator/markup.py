"""Untrusted text → Markdown source (or metadata values) that shows exactly that text.

Python-Markdown passes raw HTML through and has no URL-scheme filter, so every character that
Markdown or HTML would interpret is neutralised here: ``& < >`` become entities, inline
syntax characters get a backslash, and block markers at the start of a line are escaped.
Links are made only by :func:`link_urls`, only for ``http(s)`` URLs.

Metadata values (titles, names, tags) are printed by the theme without escaping, so
:func:`plain_meta` keeps ``< > "`` and entity-like ``&`` out of them altogether.
"""

from __future__ import annotations

import re

# "#" too: Python-Markdown strips closing hashes from a heading ("C#" would lose its "#").
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
_LINE_START_MARKER = re.compile(r"^([#+=~:!|*-])")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'’”»…"
_ENTITY_LIKE = re.compile(r"&(?=[#A-Za-z0-9])")
_META_BREAKS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]\s*")


def escape_inline(text: str) -> str:
    """Escape text for use inside a Markdown paragraph, heading, list item or link text.

    A line break becomes a space: inline text is one line of Markdown, and a break would end
    a heading (``# Title\nrest`` puts "rest" outside the h1) or let the next line open a
    block ("# …", "- …", "[x]: url"). Headers can carry breaks (``title: "a\\Lb"``).
    """
    text = _LINE_BREAK.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _entity(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(character)};" for character in match.group(0))


def escape_block(text: str) -> str:
    """Escape text that will stand at the start of a Markdown block.

    A character that would open a heading, list, quote, rule or fence there is written as a
    numeric character reference, which Markdown shows as the character and never parses.
    """
    escaped = escape_inline(text.lstrip())
    escaped = _ORDERED_MARKER.sub(
        lambda match: f"{match.group(1)}&#{ord(match.group(2))};", escaped, count=1
    )
    return _LINE_START_MARKER.sub(_entity, escaped, count=1)


def escape_table_cell(text: str) -> str:
    """Escape text for a pipe-table cell."""
    return escape_inline(text).replace("|", "\\|")


def split_urls(text: str) -> list[tuple[str, bool]]:
    """Split text into (piece, is_url) pairs; URL pieces are http(s) links without trailing
    punctuation or an unbalanced closing parenthesis."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        while url and (url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) <= len("https://"):
            continue
        pieces.append((text[position : match.start()], False))
        pieces.append((url, True))
        position = match.start() + len(url)
    pieces.append((text[position:], False))
    return [(piece, is_url) for piece, is_url in pieces if piece]


def autolink(url: str) -> str:
    """Markdown for a link to an http(s) URL that shows the URL itself.

    An explicit link with escaped text, not ``<url>``: an autolink shows its text without
    escaping, so a URL containing ``&amp;`` would be shown as ``&``, not as typed.
    """
    return f"[{escape_inline(url)}](<{url}>)"


def link_urls(text: str, *, block_start: bool = False) -> str:
    """Escape ``text`` and turn the bare http(s) URLs in it into links.

    With ``block_start``, the text starts a Markdown block and its first character is guarded.
    """
    parts = []
    for index, (piece, is_url) in enumerate(split_urls(text)):
        if is_url:
            parts.append(autolink(piece))
        elif index == 0 and block_start:
            parts.append(escape_block(piece))
        else:
            parts.append(escape_inline(piece))
    return "".join(parts)


def plain_meta(text: str) -> str:
    """A metadata value that is safe to print unescaped in a theme template.

    One line; ``<``, ``>`` and ``"`` become look-alike typographic characters; an ``&`` that
    could start an entity becomes a full-width ampersand, so no later entity decoding (as by
    Jinja's ``striptags``) can produce markup.
    """
    text = _META_BREAKS.sub(" ", text).strip()
    text = text.replace("<", "‹").replace(">", "›").replace('"', "”").replace("`", "’")
    return _ENTITY_LIKE.sub("＆", text)
