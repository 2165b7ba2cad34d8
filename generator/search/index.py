"""Index a built site for search: in, a folder MkDocs has just built; out, Pagefind's bundle
(its index, its UI and the WebAssembly that queries the index) in ``pagefind/`` inside it.

Pagefind reads only the pages' HTML. What it indexes, with which weight, and the filters,
sort keys and metadata of each page are set by the theme (``generator/theme/main.html``);
this module only runs the ``pagefind`` binary that the ``pagefind[bin]`` wheel ships.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

BUNDLE = "pagefind"  # the bundle's folder in the site; the theme's scripts load it from there


class SearchIndexFailed(Exception):
    """Pagefind is missing or failed; the message says which and why."""


def pagefind_binary() -> Path:
    """The binary of the ``pagefind_bin`` wheel (the ``pagefind[bin]`` extra)."""
    try:
        from pagefind_bin import get_executable
        return get_executable()
    except (ImportError, OSError) as error:
        raise SearchIndexFailed(
            f"the pagefind binary is missing ({error}); install the project again "
            "(pip install -e .), which brings the pagefind[bin] wheel") from error


def index_site(site: Path, preexec_fn: Callable[[], None] | None = None) -> None:
    """Write the search bundle into ``site/pagefind/``; raise :class:`SearchIndexFailed`.

    Pagefind reads a ``pagefind.yml`` or ``pagefind.toml`` from its working folder, so it runs
    in the folder above the site, where nothing but the staging marker is: a config file
    among the hand-written docs (copied into the site) never changes the index."""
    binary = pagefind_binary()
    site = site.resolve()
    try:
        result = subprocess.run(
            [str(binary), "--site", str(site), "--output-subdir", BUNDLE, "--force-language",
             "en", "--quiet"],
            cwd=site.parent, capture_output=True, text=True, check=False,
            preexec_fn=preexec_fn,
        )
    except OSError as error:
        raise SearchIndexFailed(f"could not run {binary}: {error}") from error
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
        raise SearchIndexFailed(f"pagefind exited with {result.returncode}"
                                + (": " + " / ".join(said) if said else ""))
    if not (site / BUNDLE / "pagefind-entry.json").is_file():
        raise SearchIndexFailed(f"pagefind wrote no index into {site / BUNDLE}")
