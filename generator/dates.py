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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"
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


# Every match of DATE_EXPRESSION holds a month name, a weekday name or an ISO date, and the
# first of them starts at most _KEY_REACH characters after the match does: "Until " (6) +
# a day ("31st", 4) + a space before the month; a weekday comes first when there is one, at
# most 6 characters in. (No two _KEY matches can overlap: after a 3-letter key come lower-
# case letters, inside a year digits and its "-".) Change the three together.
_KEY = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
                  r"|Mon|Tue|Wed|Thu|Fri|Sat|Sun|(?:19|20)\d\d-")
_KEY_REACH = 11


def _date_matches(text: str) -> list[re.Match[str]]:
    """What ``DATE_EXPRESSION.finditer(text)`` gives, trying the pattern only at positions
    up to _KEY_REACH before a key: most of a text is too far from any month or weekday to
    start a date, and the full pattern is slow to fail at every character."""
    matches = []
    position = 0  # no match starts before it (the end of the last match, or ruled out)
    for key in _KEY.finditer(text):
        if key.start() < position:
            continue
        # A match starting here has no key before this one, so it starts in this window;
        # the match at the first position that gives one is the leftmost.
        for start in range(max(position, key.start() - _KEY_REACH), key.start() + 1):
            match = DATE_EXPRESSION.match(text, start)
            if match:
                matches.append(match)
                position = match.end()
                break
        else:
            position = key.start() + 1
    return matches


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in order."""
    mentions = []
    for match in _date_matches(text):
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


# A page's date widget: a line that is only a date, with the words, times, zones, weekdays and
# separators such widgets put around it ("Published: 24 April 2025, 10:12 | Updated: …",
# "Sat 10 May 2025 23.58 IST", "April 8, 2025 · 41 min", "Published 21.05.2025 – 09:15").
_WIDGET_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october"
                 r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_WIDGET_DATE = re.compile(
    rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_WIDGET_MONTH}),?\s+(?P<y1>{_YEAR})\b"
    rf"|\b(?P<m2>{_WIDGET_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b"
    rf"|\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<nd>[0-3]?\d)(?P<sep>[./])(?P<nm>[01]?\d)(?P=sep)(?P<ny>{_YEAR})\b",
    re.IGNORECASE)
_WIDGET_FILLER = re.compile(
    r"\b(?:last\s+update[ds]?|first\s+published|published|updated|modified|posted|released|"
    r"issued|dated?|on|at|am|pm|a\.m\.|p\.m\.|"
    r"(?:about\s+)?\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|"
    r"\d+(?:-\d+)?\s*min(?:ute)?s?(?:\s+read)?|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?)(?!\w)"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|(?-i:\b[A-Z]{2,4}(?:[+-]\d{1,2})?\b)|[\s|·•,:;()\[\]/–—-]+",
    re.IGNORECASE)
WIDGET_MAX_CHARS = 120


def _widget_match_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups["iso"]:
            return dt.date(*(int(part) for part in groups["iso"].split("-")))
        if groups["ny"]:
            first, second = int(groups["nd"]), int(groups["nm"])
            if groups["sep"] == "/" and first <= 12 and second <= 12 and first != second:
                return None  # 05/03/2025: day first or month first cannot be told
            if groups["sep"] == "/" and second > 12:
                first, second = second, first  # 03/14/2025 is month first
            return dt.date(int(groups["ny"]), second, first)
        day = int(re.sub(r"\D", "", groups["d1"] or groups["d2"]))
        month = _month_number(groups["m1"] or groups["m2"])
        return dt.date(int(groups["y1"] or groups["y2"]), month, day)
    except (ValueError, KeyError):
        return None


def widget_date(line: str) -> dt.date | None:
    """The date of a line that is only a date widget (its first date: "Published" comes
    before "Updated"); None for any line with words of its own, or with no full date."""
    stripped = line.strip()
    if not stripped or len(stripped) > WIDGET_MAX_CHARS:
        return None
    dates = list(_WIDGET_DATE.finditer(stripped))
    if not dates:
        return None
    rest = _WIDGET_DATE.sub(" ", stripped)
    if _WIDGET_FILLER.sub("", rest):
        return None
    return _widget_match_date(dates[0])
