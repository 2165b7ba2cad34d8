"""Element ids on a page: the generator's own anchors, and the ids headings get.

In: a block's number (1-based, as in the front-matter's ``statements[].block``) → the anchor
of its paragraph, ``P5``; heading text and a separator (from Python-Markdown's toc extension,
which mkdocs.yml points at :func:`heading_id`) → the heading's id. Out: ids that can never
be equal, nor equal one that Material for MkDocs puts on every page.

Two namespaces share each page and must stay apart:

* The generator's anchors start with an upper-case letter: ``P5`` for the fifth block, and
  ``P5S2`` for its second sentence, where a statement starts (person pages link there). Upper case because toc's default slugify
  lower-cases everything: even a build whose toc ignored :func:`heading_id` (another tool
  reading mkdocs.yml) could not give a heading "P5" the paragraph's id.
* Heading ids come from :func:`heading_id`: toc's default slug (ASCII ``[a-z0-9_-]``, lower
  case) with any leading ``_`` or ``-`` removed. Material's own ids all start with ``__``
  (``__config``, ``__search``, ``__drawer``, ``__toc``, ``__palette_0``, ``__nav_1`` …); a
  heading that took one, an article titled "__config" say, would shadow the theme's element
  (``<script id="__config">``) and stop search and instant navigation on the page.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from generator.model import Statement

# The generator's anchors: paragraphs and the sentences statements start in.
ANCHOR = re.compile(r"P[1-9][0-9]*(?:S[1-9][0-9]*)?")
# The id of a heading whose text gives no slug at all (punctuation, or non-Latin script: the
# default slugify keeps ASCII only). toc would make it "_1"; a word reads better in a URL.
HEADING_FALLBACK = "section"
_LEADING_PUNCTUATION = re.compile(r"^[_-]+")


def paragraph_anchor(block: int) -> str:
    """The id of the paragraph that is block number ``block`` (1-based) of an article."""
    return f"P{block}"


def sentence_anchor(block: int, sentence: int) -> str:
    """The id of sentence number ``sentence`` (1-based) of block number ``block``."""
    return f"P{block}S{sentence}"


def statement_anchor(statement: Statement) -> str:
    """Where a statement is on its article page: its sentence, else its paragraph."""
    block = statement.block + 1
    return sentence_anchor(block, statement.sentence) if statement.sentence else \
        paragraph_anchor(block)


def heading_id(text: str, separator: str) -> str:
    """toc's ``slugify``: the default slug of ``text``, never starting with ``_`` or ``-``.

    It starts with a lower-case letter or a digit, so toc's de-duplication, which appends
    ``_1``, ``_2`` …, cannot make it start with ``__`` either (a slug "_" would become "__1"),
    and it has no upper-case letter, so it is never one of the generator's anchors.
    """
    return _LEADING_PUNCTUATION.sub("", slugify(text, separator)) or HEADING_FALLBACK
