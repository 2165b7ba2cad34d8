"""Strict date patterns: text → date expressions (as written) and, where complete, dates.

Used by the cleaner (datelines) and the extractor (``date_mentions``). Only spans that a strict
pattern matched are ever interpreted; a year is never invented: a mention without a year is
resolved only against a known article date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

DATE_EXPRESSION = re.compile(
    rf"(?:(?:\b[Oo]n |\b[Bb]y |\b[Ss]ince |\b[Uu]ntil )?(?:{_WEEKDAY},? )?"
    rf"(?:(?<![:\d.])\b(?P<d1>{_DAY}) (?P<m1>{_MONTH})(?:,? (?P<y1>{_YEAR}))?"
    rf"|\b(?P<m2>{_MONTH}) (?P<d2>{_DAY})\b(?:,? (?P<y2>{_YEAR}))?"
    rf"|\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b)"
    rf"|\b(?:last|next|this|on|On|Last|Next|This) {_WEEKDAY}\b|\b[Oo]n {_WEEKDAY}\b)"
)


@dataclass(frozen=True)
class DateMention:
    """A date expression as written, with its parts where the pattern found them."""

    text: str
    start: int
    day: int | None
    month: int | None
    year: int | None

    def resolve(self, anchor: dt.date | None) -> dt.date | None:
        """The calendar date, using ``anchor``'s year only when the text gives none."""
        if self.day is None or self.month is None:
            return None
        year = self.year
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            try:
                candidate = dt.date(year, self.month, self.day)
            except ValueError:
                return None
            # A month well after the article's month refers to the previous year.
            if (candidate - anchor).days > 60:
                year -= 1
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in order."""
    mentions = []
    for match in DATE_EXPRESSION.finditer(text):
        groups = match.groupdict()
        day = month = year = None
        if groups["iso"]:
            year, month, day = (int(part) for part in groups["iso"].split("-"))
        elif groups["m1"] or groups["m2"]:
            day = int(re.sub(r"\D", "", groups["d1"] or groups["d2"]))
            month = _month_number(groups["m1"] or groups["m2"])
            year_text = groups["y1"] or groups["y2"]
            year = int(year_text) if year_text else None
        mentions.append(DateMention(match.group(0), match.start(), day, month, year))
    return mentions


def first_full_date(text: str) -> dt.date | None:
    """The first complete (day, month, year) date in ``text``, if it is a real date."""
    for mention in find_dates(text):
        if mention.year is not None:
            resolved = mention.resolve(None)
            if resolved is not None:
                return resolved
    return None
