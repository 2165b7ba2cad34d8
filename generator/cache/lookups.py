"""Which archive-wide names an extraction looked up, and what it was told.

Extraction reads two tables that the whole archive shapes (people by folded name, people by
surname: :class:`generator.knowledge.Knowledge` ``people`` and ``registry_surnames``);
everything else it reads depends on the article, the registries and the generator only. An
extraction is deterministic, so one that is asked the same questions and given the same
answers takes the same path and makes the same result. :class:`RecordedTable` wraps a table
and records every question (``get`` or ``in``) with its answer; :func:`still_true` says
whether a record still holds against other tables. That is how a second pass (which knows
every person of the archive) reuses the first pass, and how a warm run reuses a stored
second pass, without ever giving a different answer from a cold run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# (table, operation, key, answer): operation "get" answers the value or None, "in" a bool.
Lookup = tuple[str, str, str, str | bool | None]


class RecordedTable(dict):
    """A dict that records, into a shared ``log``, every key it is asked about."""

    def __init__(self, name: str, table: Mapping[str, str], log: dict) -> None:
        super().__init__(table)
        self.name = name
        self.log = log

    def get(self, key, default=None):
        answer = super().get(key)
        self.log.setdefault((self.name, "get", key), answer)
        return default if answer is None else answer

    def __contains__(self, key) -> bool:
        answer = super().__contains__(key)
        self.log.setdefault((self.name, "in", key), answer)
        return answer

    def __getitem__(self, key):
        answer = super().get(key)
        self.log.setdefault((self.name, "get", key), answer)
        if answer is None:
            raise KeyError(key)
        return answer


def recorded(log: dict) -> tuple[Lookup, ...]:
    """The questions of ``log`` with their answers, in a stable order."""
    return tuple(sorted(((table, operation, key, answer)
                         for (table, operation, key), answer in log.items()),
                        key=lambda lookup: lookup[:3]))


def still_true(lookups: Iterable[Lookup], tables: Mapping[str, Mapping[str, str]]) -> bool:
    """True when every recorded question gets the same answer from ``tables``."""
    for table, operation, key, answer in lookups:
        current = tables.get(table)
        if current is None:
            return False
        now = (key in current) if operation == "in" else current.get(key)
        if now != answer or (operation == "in") != isinstance(answer, bool):
            return False
    return True
