"""Slugs: any text → a short, safe, lowercase ASCII path segment.

Non-Latin text is transliterated ("Переговоры" → "peregovory"), so a Cyrillic headline still
gets a readable URL. The result never contains a path separator, a dot segment or a
Windows-reserved device name, and is never empty.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

MAX_SLUG_CHARS = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "index", "tags", "search", "assets", "404"]
    + [f"com{digit}" for digit in range(10)]
    + [f"lpt{digit}" for digit in range(10)]
)


def slugify(text: str, fallback: str = "untitled") -> str:
    """Return a slug for ``text`` (``fallback`` when nothing sluggable is left)."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug[:MAX_SLUG_CHARS]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug = f"{slug}-page"
    return slug


def short_hash(text: str) -> str:
    """A stable 6-character hash, to tell apart things whose slugs collide."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def unique_slugs(wanted: list[tuple[str, str]]) -> dict[str, str]:
    """Map each key to a unique slug.

    ``wanted`` is (key, slug) pairs. When slugs collide (case-insensitively identical slugs
    included, since slugs are lowercase), the smallest key keeps the slug and the others get
    a hash of their key appended, so adding an article never renames an existing one that
    sorts first.
    """
    by_slug: dict[str, list[str]] = {}
    for key, slug in sorted(wanted):
        by_slug.setdefault(slug, []).append(key)
    result: dict[str, str] = {}
    taken = set(by_slug)
    for slug, keys in sorted(by_slug.items()):
        result[keys[0]] = slug
        for key in keys[1:]:
            candidate = f"{slug}-{short_hash(key)}"
            while candidate in taken:
                candidate = f"{slug}-{short_hash(candidate)}"
            taken.add(candidate)
            result[key] = candidate
    return result
