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

from collections.abc import Mapping

from generator.model import Lookups


class RecordedTable(dict):
    """A dict that records, into a shared ``log``, every key it is asked about (``get``,
    ``in`` or ``[]``) with what it holds for it (None: nothing)."""

    def __init__(self, name: str, table: Mapping[str, str], log: dict) -> None:
        super().__init__(table)
        self.name = name
        self.log = log

    def _asked(self, key):
        answer = super().get(key)
        self.log.setdefault(f"{self.name}:{key}", answer)
        return answer

    def get(self, key, default=None):
        answer = self._asked(key)
        return default if answer is None else answer

    def __contains__(self, key) -> bool:
        return self._asked(key) is not None

    def __getitem__(self, key):
        answer = self._asked(key)
        if answer is None:
            raise KeyError(key)
        return answer


def recorded(log: dict) -> Lookups:
    """The questions of ``log`` with their answers, in a stable order."""
    found = sorted((asked, answer) for asked, answer in log.items() if answer is not None)
    return Lookups(tuple(asked for asked, _answer in found),
                   tuple(answer for _asked, answer in found),
                   tuple(sorted(asked for asked, answer in log.items() if answer is None)))


def still_true(lookups: Lookups, tables: Mapping[str, Mapping[str, str]]) -> bool:
    """True when every recorded question gets the same answer from ``tables`` (a record
    that does not hold together, as a damaged entry might not, holds nothing)."""
    if len(lookups.found) != len(lookups.answers):
        return False
    for asked, answer in zip(lookups.found, lookups.answers, strict=True):
        table, _, key = asked.partition(":")
        if table not in tables or tables[table].get(key) != answer:
            return False
    for asked in lookups.missing:
        table, _, key = asked.partition(":")
        if table not in tables or key in tables[table]:
            return False
    return True
