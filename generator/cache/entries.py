"""Typed access to the store: pipeline values in, pipeline values out, or nothing.

In: a :class:`~generator.cache.store.Store` and the digest of the loaded registries (part of
every key). Out: :meth:`Cached.load` gives the stored value decoded into its dataclass, or
None when there is none or it does not decode (a foreign or damaged entry is a miss).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from generator.cache.codec import BadEntry, decode, encode
from generator.cache.store import Store, digest
from generator.model import Page

T = TypeVar("T")


class Cached:
    """The cache as the pipeline sees it; ``registries_key`` goes into the article keys."""

    def __init__(self, store: Store, registries_key: str) -> None:
        self.store = store
        self.registries_key = registries_key

    def load(self, kind: str, key: str, cls: type[T]) -> T | None:
        data = self.store.get(kind, key)
        if data is None:
            return None
        try:
            return decode(cls, data)
        except (BadEntry, TypeError, ValueError):
            return None

    def save(self, kind: str, key: str, value: Any) -> None:
        self.store.put(kind, key, encode(value))

    def load_text(self, kind: str, key: str) -> str | None:
        return self.store.get_text(kind, key)

    def save_text(self, kind: str, key: str, text: str) -> None:
        self.store.put_text(kind, key, text)


def value_digest(*values: Any) -> str:
    """A digest of plain or dataclass values (canonical JSON of their encoding)."""
    return digest(*(json.dumps(encode(value), sort_keys=True, ensure_ascii=False)
                    for value in values))


# (digest of a page's inputs, how to make its text) → its text, from the cache if known.
Remember = Callable[[str, Callable[[], str]], str]


def remembered(path: str, parts: Iterable[str], make: Callable[[], Page],
               remember: Remember | None) -> Page:
    """The page at ``path`` made by ``make``, or its text as remembered under a digest of
    ``path`` and ``parts`` (everything ``make`` reads, as text)."""
    if remember is None:
        return make()

    def text() -> str:
        page = make()
        assert page.path == path, (page.path, path)
        return page.text

    return Page(path, remember(digest("hub", path, *parts), text))
