"""The settings of a run: where the corpus, the docs and the configuration are, and how to
run. One frozen value, validated once by the command line; light to import, so the command
line can find the run manifest (:mod:`generator.cache.manifest`) before it imports the
pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ARCHIVE_DIR = "archive"


@dataclass(frozen=True)
class Settings:
    """Where things are and how to run; validated once by the command line."""

    corpus: Path = Path("corpus")
    docs: Path = Path("docs")
    jobs: int = 1
    strict: bool = False
    config: Path = Path("mkdocs.yml")
    allow_empty: bool = False
    # Folder of the content-hash cache (generator/cache/); None: every run is a cold one.
    cache: Path | None = None

    @property
    def articles_dir(self) -> Path:
        return self.corpus / "articles"

    @property
    def output(self) -> Path:
        return self.docs / ARCHIVE_DIR
