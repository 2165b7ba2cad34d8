"""Where the published files live and how they link to the site: names in, paths and URLs out.

Paths of :class:`~generator.model.Page` values are relative to the archive folder the
generator owns (``docs/archive``, published at ``archive/`` of the site), so the feeds and
exports are swapped in with the pages, atomically, and vanish with them. A link is absolute
(``site_url`` of mkdocs.yml + the site path) when the site's address is known, else relative
to the file it is written in, which readers resolve against the address they fetched it from.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

FEEDS_DIR = "feeds"
EXPORT_DIR = "export"
LATEST_FEED = f"{FEEDS_DIR}/index"
ATOM_SUFFIX = ".xml"
JSON_FEED_SUFFIX = ".json"


def person_feed(slug: str) -> str:
    """The feed of a speaker's statements, without suffix (``.xml`` Atom, ``.json`` JSON Feed)."""
    return f"{FEEDS_DIR}/people/{slug}"


def topic_feed(slug: str) -> str:
    """The feed of a topic's briefings, without suffix."""
    return f"{FEEDS_DIR}/topics/{slug}"


def subject_feed(slug: str) -> str:
    """The feed of a discovered subject's briefings, without suffix."""
    return f"{FEEDS_DIR}/subjects/{slug}"


def subscribe_line(feed: str, up: str = "../") -> str:
    """The visible "Subscribe" line of a page, in Markdown: links to the Atom and the JSON
    feed ``feed`` (a path without suffix, relative to the archive folder) from a page one
    folder deep in the archive (``up=""``: from the archive's own index page)."""
    return (f"**Subscribe:** [Atom feed]({up}{feed}{ATOM_SUFFIX}) · "
            f"[JSON Feed]({up}{feed}{JSON_FEED_SUFFIX})")


class BadSiteUrl(ValueError):
    """``site_url`` is not an address links can be built on; the message says why."""


# What may stand in a site address written into XML attributes and JSON: no spaces, quotes,
# angle brackets or backslashes (MkDocs itself would also refuse most of these).
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def site_address(value: object) -> str | None:
    """``site_url`` of mkdocs.yml as the base of absolute links (ending in ``/``), or None when
    it is not set. Raises :class:`BadSiteUrl` for anything but an http(s) address of a host,
    without query or fragment."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadSiteUrl(f"site_url must be an address such as https://example.org/, not "
                         f"{type(value).__name__}")
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query
            or parts.fragment or "'" in value or not _URL_CHARACTERS.fullmatch(value)):
        raise BadSiteUrl(f"site_url {value[:80]!r} is not an http(s) address of a site such as "
                         "https://example.org/archive/ (no spaces, quotes, query or fragment)")
    return value if value.endswith("/") else value + "/"


@dataclass(frozen=True)
class Site:
    """The published site: its address (None when mkdocs.yml has no ``site_url``), its name,
    and the folder of the site the archive folder is published at."""

    url: str | None
    name: str = "Briefing Archive"
    archive: str = "archive"

    def path(self, archive_path: str) -> str:
        """The site path of a file or page of the archive folder."""
        return f"{self.archive}/{archive_path}"

    def page(self, archive_page: str) -> str:
        """The site path of a generated Markdown page (``people/x.md`` → ``archive/people/x/``:
        MkDocs' and Zensical's directory URLs); a ``#fragment`` is kept."""
        page, hash_, fragment = archive_page.partition("#")
        stem = page.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index").rstrip("/")
        return self.path(f"{stem}/" if stem else "") + hash_ + fragment

    def link(self, target: str, source: str) -> str:
        """The URL of the site path ``target`` as written in the file at site path ``source``:
        absolute on a known address, else relative to ``source``'s folder."""
        if self.url is not None:
            return self.url + target
        location, hash_, fragment = target.partition("#")
        relative = posixpath.relpath(location or ".", posixpath.dirname(source) or ".")
        if location.endswith("/") or not location:
            relative = relative.rstrip("/") + "/"
        return relative + hash_ + fragment
