"""Stage 2, clean: :class:`RawArticle` → :class:`CleanArticle`.

Removes page chrome (patterns from ``boilerplate.yml``), finds the headline (or derives a
short one from the lead), splits an outlet glued to the headline, recognises a dateline, and
cuts the body into blocks: headings, paragraphs, lists, pipe tables, "Source: URL" lines.
``[CITATION: …]`` markers are lifted out of paragraphs as citations (kept, never lost).
Text inside blocks is kept exactly as written; escaping is the renderer's job.
Every step is a single pass over lines with bounded regular expressions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from generator.dates import find_dates, first_full_date, widget_date
from generator.knowledge import in_given_name_dictionary, load_lexicon
from generator.model import Block, Citation, CleanArticle, RawArticle
from generator.registry import Boilerplate, RegisteredOrganization

CHROME_LINE_LIMIT = 300
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
DERIVED_TITLE_MAX_CHARS = 70

_TERMINAL = (".", ",", ";", ":", "…")
_ENDS_SENTENCE = re.compile(r"[\w\d)\]\"”’][.!][\"”’)]?$")
_LIST_ITEM = re.compile(r"^\s{0,12}(?:[-*•–]|\d{1,3}[.)])\s+(?=\S)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SOURCE_LINE = re.compile(r"^(?:Source|Sources|Via|Original source)\s*:\s*(https?://\S+)\s*$", re.I)
_CITATION = re.compile(r"\s*\[CITATION:\s*([^\[\]\n]{0,2000}?)\s*\]")
_OUTLET_SEPARATOR = re.compile(r"\s+[–—|-]\s+(?=[^–—|]+$)")
_ALL_CAPS_OUTLET = re.compile(r"^[A-Z0-9][A-Z0-9&.' ]{1,40}$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,\s+[A-Z][A-Za-z.'’\- ]{1,30})?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z. ]{2,30})\))?\s*[-—–]{1,2}\s+"
)
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:Updated|Published|Posted|Last updated|First published)(?: on| at)?:?\s*)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\s*)?,?\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|\d{4}-\d\d-\d\d)"
    r"(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}|\(?[A-Z]{2,4}[+-]?\d*\)?)?)?\s*$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TITLE_STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "that", "the", "to", "with", "while", "who", "whom", "which", "its", "their", "his", "her", "has", "have", "had", "is", "are", "was", "were", "be", "been"]
)


def _full_match(patterns: Iterable[re.Pattern[str]], line: str,
                sentences: Iterable[re.Pattern[str]] = ()) -> bool:
    """True when a whole line is chrome. A line ending a sentence ("…the claim.") is article
    text unless one of ``sentences`` (chrome written as prose: cookie notices) matches it."""
    stripped = line.strip()
    if not stripped or len(stripped) > CHROME_LINE_LIMIT:
        return False
    if any(pattern.fullmatch(stripped) for pattern in sentences):
        return True
    return not _ENDS_SENTENCE.search(stripped) and any(
        pattern.fullmatch(stripped) for pattern in patterns)


def _looks_like_prose(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) > HEADLINE_MAX_WORDS or stripped.endswith((".", "!", "?", ":"))


def _next_content(lines: list[str], index: int, step: int) -> int | None:
    """The index of the nearest non-blank line from ``index`` in direction ``step``."""
    index += step
    while 0 <= index < len(lines):
        if lines[index].strip():
            return index
        index += step
    return None


# --- chrome by the shape of a line ------------------------------------------------------------
# Each signal below is named for what it finds; they are tested one by one in
# tests/test_clean.py. Lexical chrome (calls to action, paywalls, appeals, credits) is data
# in corpus/boilerplate.yml; these are the shapes no phrase list can give.

# "___", "###", "* * *": a rule between the article and the page's furniture.
_RULE_LINE = re.compile(r"^([^\w\s|]|_)(?:\s?\1){2,}$")
# "#Budget2025 #VAT": a line of hashtags only.
_HASHTAG_LINE = re.compile(r"^#[^\W_][\w-]*(?:\s+#[^\W_][\w-]*)*$")
# "@araghchi": an account handle on its own line (a post card's second line).
_HANDLE_LINE = re.compile(r"^@\w{1,30}$")
# Items of a navigation row: "Home › News", "Apple Podcasts · Spotify", "Tips | Subscribe".
_ROW_SEPARATOR = re.compile(r"\s+[|·•›»/]\s+")
ROW_MIN_ITEMS = 3
ROW_ITEM_MAX_WORDS = 4
# A speaker's label opening a turn ("MR PIGOTT: …", "Lin Jian: …", "Q: …").
_TURN_LABEL = re.compile(r"^(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}:\s")
_QUOTE_MARKS = frozenset('"“”«»„')
ACTION_MAX_WORDS = 30
ACTION_CALL_MAX_WORDS = 8
ACTION_OBJECT_REACH = 3
_ACTION_SEGMENTS = re.compile(r"(?<=[.?!…])\s+|\s+[|·•]\s+")
CAPTION_MAX_WORDS = 40
POST_CARD_NAME_MAX_WORDS = 5
LEAD_IN_MAX_WORDS = 12
SANDWICH_MAX_WORDS = 3
REPEATED_MAX_WORDS = 5
TAIL_LINE_MAX_WORDS = 14
# A sentence's last mark, before or after a closing quotation mark or bracket ("… said.",
# "… repeated”.", "(… 2 p.m.)"); a colon introduces what follows.
_CLOSES_SENTENCE = re.compile(r"[.!?…:][\"”’)\]]*$|[\"”’)\]][.!?:]$")
# Page furniture is made of words: a line with code, markup or a formula in it is text.
_MARKUP_CHARACTERS = frozenset("{}<>=[]^~$`\\")


def _is_rule_line(stripped: str) -> bool:
    return bool(_RULE_LINE.match(stripped))


def _is_hashtag_line(stripped: str) -> bool:
    return bool(_HASHTAG_LINE.match(stripped))


def _is_separator_row(stripped: str) -> bool:
    """Three or more short items between separators, none of them a sentence: a breadcrumb,
    a menu, a row of links or of networks. A table row (opening with "|") is not one."""
    if stripped.startswith("|"):
        return False
    items = _ROW_SEPARATOR.split(stripped)
    return len(items) >= ROW_MIN_ITEMS and all(
        0 < len(item.split()) <= ROW_ITEM_MAX_WORDS and not _ENDS_SENTENCE.search(item)
        for item in items)


def _is_emoji_row(stripped: str) -> bool:
    """"🏠 Home 📰 News 🎧 Podcasts": section names between pictographs, no sentence."""
    if stripped.isascii() or any(mark in stripped for mark in ".!?"):
        return False  # (ASCII has no pictograph: most lines need no look at each character)
    pictographs = [index for index, character in enumerate(stripped)
                   if unicodedata.category(character) == "So"]
    if len(pictographs) < 2:
        return False
    pieces = [piece for piece in re.split(r"[^\w\s'’&-]+", stripped) if piece.strip()]
    return len(pieces) >= 2 and all(len(piece.split()) <= SANDWICH_MAX_WORDS
                                    for piece in pieces)


def _words(text: str) -> list[str]:
    return [word for word in (raw.strip(".,;:!?…()[]*“”\"'’").casefold() for raw in text.split())
            if word]


def _opens_with_action(segment: str, boilerplate: Boilerplate) -> bool:
    """A sentence that is a call to action: one of the verbs, then one of the objects within
    three words ("Sign up for our newsletter"), or a call on its own ("Subscribe")."""
    words = _words(segment)
    if words[:1] == ["please"]:
        words = words[1:]
    text = " ".join(words)
    for verb in boilerplate.action_verbs:
        if text == verb or text.startswith(f"{verb} "):
            rest = words[len(verb.split()):]
            if verb in boilerplate.action_calls and len(words) <= ACTION_CALL_MAX_WORDS:
                return True
            return any(word in boilerplate.action_objects for word in rest[:ACTION_OBJECT_REACH])
    return False


def is_call_to_action(line: str, boilerplate: Boilerplate) -> bool:
    """A line that asks the reader to do something on the site: its first or last sentence
    is a call to action, it is short, it quotes no one, no speaker's label opens it and no
    speech verb reports anyone in it."""
    stripped = line.strip()
    words = stripped.split()
    if (not words or len(words) > ACTION_MAX_WORDS or _QUOTE_MARKS & set(stripped)
            or _TURN_LABEL.match(stripped)):
        return False
    speech = load_lexicon().speech_verbs
    if any(word in speech for word in _words(stripped)):
        return False
    segments = [segment for segment in _ACTION_SEGMENTS.split(stripped) if segment.strip()]
    return _opens_with_action(segments[0], boilerplate) or _opens_with_action(
        segments[-1], boilerplate)


def _chrome_by_shape(stripped: str, boilerplate: Boilerplate) -> bool:
    if len(stripped) > CHROME_LINE_LIMIT:
        return False
    return (_is_rule_line(stripped) or _is_hashtag_line(stripped)
            or bool(_HANDLE_LINE.match(stripped)) or _is_separator_row(stripped)
            or _is_emoji_row(stripped) or is_call_to_action(stripped, boilerplate))


def _is_caption(stripped: str) -> bool:
    """A photo's caption: one sentence of up to 40 words that quotes and reports no one."""
    words = stripped.split()
    speech = load_lexicon().speech_verbs
    return (0 < len(words) <= CAPTION_MAX_WORDS and not _QUOTE_MARKS & set(stripped)
            and not _SENTENCE_END.search(stripped)
            and not any(word in speech for word in _words(stripped)))


def is_title_cased(line: str) -> bool:
    """A run of capitalised words, lower case only for function words ("Office of the
    Spokesperson", "Our Standards: The Trust Principles."): a label, a name or a headline,
    not a sentence of the article."""
    words = [word for word in line.split() if any(character.isalpha() for character in word)]
    capitalised = [word for word in words if word.lstrip("(“\"'‘")[:1].isupper()]
    stop_words = load_lexicon().stop_words
    return len(words) >= 2 and 2 * len(capitalised) >= len(words) and all(
        word in stop_words for word in _words(" ".join(set(words) - set(capitalised))))


def _reads_as_prose(stripped: str) -> bool:
    """A line of the article's text rather than of the page's furniture: a long line, or
    one that ends a sentence (or introduces what follows with a colon) and is not a
    title-cased run of words."""
    if len(stripped.split()) > TAIL_LINE_MAX_WORDS or _TABLE_ROW.match(stripped) or \
            _QUOTE_MARKS & set(stripped):
        return True  # a quotation is the article's
    return bool(_CLOSES_SENTENCE.search(stripped)) and not is_title_cased(stripped)


def _is_widget(stripped: str) -> bool:
    return widget_date(stripped) is not None or bool(_TIMESTAMP_LINE.match(stripped))


def repeated_lines(bodies: Iterable[str]) -> frozenset[str]:
    """The short lines that stand in two or more different articles of the archive (the
    same site pasted twice: its menus, labels and footers). An earlier, pure step over the
    whole archive; the same texts give the same set in any order (a text given twice counts
    once)."""
    return repeated_among(short_lines(body) for body in set(bodies))


def short_lines(body: str) -> frozenset[str]:
    """The lines of ``body`` (whitespace collapsed) short enough to be a site's furniture:
    what :func:`repeated_lines` counts of one text."""
    return frozenset(line for line in {" ".join(line.split()) for line in body.splitlines()}
                     if line and len(line.split()) <= REPEATED_MAX_WORDS)


def repeated_among(texts_lines: Iterable[frozenset[str]]) -> frozenset[str]:
    """The lines in two or more of ``texts_lines`` (each the :func:`short_lines` of one
    distinct text)."""
    seen: dict[str, int] = {}
    for lines in texts_lines:
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    return frozenset(line for line, count in seen.items() if count > 1)


def _is_repeated_label(stripped: str, repeated: frozenset[str]) -> bool:
    """A short line found in another article too, that is no sentence, no name with its
    role or place with its country (no comma) and no label of what follows (no colon)."""
    return (" ".join(stripped.split()) in repeated and not _ENDS_SENTENCE.search(stripped)
            and "," not in stripped and not stripped.endswith(":")
            and not _TURN_LABEL.match(stripped))


def _bylines(lines: list[str]) -> list[str]:
    names = []
    for line in [line.strip() for line in lines if line.strip()][:HEAD_SCAN_LINES + 3]:
        byline = _BYLINE_NAME.match(line)
        if byline:
            names.append(_written_name(byline.group("name")))
    return names


def _is_author_bio(stripped: str, authors: list[str]) -> bool:
    """"Jane Doe is a writer on …": the byline's author introduced below the article."""
    return any(re.match(rf"{re.escape(name)}\s+(?:is|was|writes|covers|reports|has been|"
                        r"works|teaches|leads)\b", stripped) for name in authors)


def _tail(lines: list[str], keep: list[bool], authors: list[str]) -> list[int]:
    """The page's tail: the lines after the article's last paragraph that read as no prose
    (tags, footer links, teaser headlines, the site's name), walking up from the end. An
    author's bio box among them goes too; a bio that closes the article (an op-ed's tagline,
    with nothing of the page below it) is the article's. A list item stops the walk (a list
    is the article's: its items need no full stop); "Source:" lines stay. Nothing when no
    prose is found above."""
    tail: list[int] = []
    furniture = False  # a line of the page's chrome below
    index = len(lines) - 1
    while index >= 0:
        stripped = lines[index].strip()
        if not stripped or _SOURCE_LINE.match(stripped) or _CITATION.fullmatch(stripped):
            index -= 1
            continue
        if not keep[index]:
            furniture = True
            index -= 1
            continue
        prose = _reads_as_prose(stripped) and not (furniture and
                                                   _is_author_bio(stripped, authors))
        if prose or _MARKUP_CHARACTERS & set(stripped) or _LIST_ITEM.match(stripped):
            break
        furniture = True
        tail.append(index)
        index -= 1
    return tail if index >= 0 else []


def remove_chrome(lines: list[str], boilerplate: Boilerplate,
                  repeated: frozenset[str] = frozenset()) -> tuple[list[bool], list[str]]:
    """Mark the lines that are page chrome; return (keep flags, removed lines).

    First each line by itself: the patterns of ``boilerplate.yml`` and the shapes above.
    Then by its neighbours: a caption above its credit, a post card's name above its
    handle, a question leading into a call to action, a short label between two lines of
    chrome, a line ``repeated`` across the archive next to chrome. Last the tail."""
    keep = [True] * len(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if _full_match(boilerplate.drop_line_and_next, line):
            keep[index] = False
            following = index + 1
            while following < len(lines) and not lines[following].strip():
                following += 1
            if following < len(lines) and not _looks_like_prose(lines[following]):
                keep[following] = False
                index = following
        elif _full_match(boilerplate.drop_block, line):
            keep[index] = False
            following = index + 1
            while following < len(lines) and not lines[following].strip():
                following += 1
            while following < len(lines) and lines[following].strip():
                candidate = lines[following]
                if _looks_like_prose(candidate) and not _is_question_headline(candidate):
                    break
                keep[following] = False
                following += 1
            index = following - 1
        elif _full_match(boilerplate.drop_line_and_caption, line):
            keep[index] = False
            above = index - 1
            if above >= 0 and lines[above].strip() and _is_caption(lines[above].strip()) and (
                    above == 0 or not lines[above - 1].strip() or not keep[above - 1]):
                keep[above] = False
        elif _full_match(boilerplate.drop_line, line, boilerplate.drop_sentence) or (
                line.strip() and _chrome_by_shape(line.strip(), boilerplate)):
            keep[index] = False
        index += 1
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not keep[index] or not stripped:
            continue
        below = _next_content(lines, index, 1)
        below_chrome = below is not None and not keep[below]
        if below is not None and _HANDLE_LINE.match(lines[below].strip()) and len(
                stripped.split()) <= POST_CARD_NAME_MAX_WORDS and not _ENDS_SENTENCE.search(
                stripped):
            keep[index] = False  # the name on a post card, above its handle
        elif below_chrome and stripped.endswith("?") and len(
                stripped.split()) <= LEAD_IN_MAX_WORDS and {"you", "your"} & set(
                _words(stripped)) and not _QUOTE_MARKS & set(stripped):
            keep[index] = False  # "Got a recording of your own?" above a call to action
    first_content = _next_content(lines, -1, 1)
    for _round in range(2):  # a label between two others: both rounds see the first
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not keep[index] or not stripped:
                continue
            neighbours = [n for n in (_next_content(lines, index, -1),
                                      _next_content(lines, index, 1)) if n is not None]
            chrome_around = [not keep[n] or _is_widget(lines[n].strip()) for n in neighbours]
            if _is_widget(stripped) or _LIST_ITEM.match(stripped):
                continue  # dates are the clean stage's to read; list items are text
            if (len(neighbours) == 2 and all(chrome_around) and
                    len(stripped.split()) <= SANDWICH_MAX_WORDS and
                    not _ENDS_SENTENCE.search(stripped) and first_content != index):
                keep[index] = False  # "Transcript" between "Share episode" and a note
            elif repeated and _is_repeated_label(stripped, repeated) and any(
                    flag or _is_repeated_label(lines[n].strip(), repeated)
                    for n, flag in zip(neighbours, chrome_around, strict=True)):
                keep[index] = False
    for index in _tail(lines, keep, _bylines(lines)):
        keep[index] = False
    removed = [line.strip() for line, kept in zip(lines, keep, strict=True) if not kept]
    return keep, [line for line in removed if line]


def _is_question_headline(line: str) -> bool:
    """"Who pays for the WHO now?": a teaser's headline asks, in one short sentence."""
    stripped = line.strip()
    return (stripped.endswith("?") and len(stripped.split()) <= HEADLINE_MAX_WORDS
            and not _SENTENCE_END.search(stripped))


def split_outlet(
    title: str, organizations: tuple[RegisteredOrganization, ...]
) -> tuple[str, str | None]:
    """Split "Headline – OUTLET" into ("Headline", "OUTLET") when the suffix is an outlet."""
    match = _OUTLET_SEPARATOR.search(title)
    if match is None:
        return title, None
    head, suffix = title[: match.start()].strip(), title[match.end() :].strip()
    if not head:
        return title, None
    known = {
        name.casefold(): org.name
        for org in organizations
        if org.outlet
        for name in (org.name, *org.aliases)
    }
    if suffix.casefold() in known:
        return head, suffix
    if _ALL_CAPS_OUTLET.fullmatch(suffix) and len(suffix.split()) <= 4 and len(suffix) >= 2:
        return head, suffix
    return title, None


def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short, and not ending like a sentence."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= HEADLINE_MAX_CHARS
        and len(stripped.split()) <= HEADLINE_MAX_WORDS
        and not stripped.endswith(_TERMINAL)
        and not _LIST_ITEM.match(stripped)
        and not _TABLE_ROW.match(stripped)
        and any(character.isalpha() for character in stripped)
    )


# Navigation and widgets above a headline: items joined by separators, a menu row of words
# split by wide gaps, a language-code row, a byline or a timestamp.
_NAV_SEPARATORS = re.compile(r"\s[|›»>/•·]\s|\s{2,}\S+\s{2,}")
_LOCALE_ROW = re.compile(r"^(?:[a-z]{2}(?:-[A-Z]{2})?\s+){2,}[a-z]{2}(?:-[A-Z]{2})?$")
_BYLINE = re.compile(r"^(?:By|BY)\s+\S")
_WELCOME = re.compile(r"^Welcome to\b(?!.*[.!?]$)")
_SCRAPED_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d\d-\d\d)\s+(?=\S)", re.IGNORECASE)
HEAD_SCAN_LINES = 15
WIDGET_SCAN_LINES = 30
WIDGET_REACH_BELOW = 3
WIDGET_REACH_ABOVE = 2
# "The Borderline — Episode 112", "Asia Brief · Issue 45": a series' name and number.
_SERIES_LABEL = re.compile(r"\b(?:Episode|Ep\.|Issue|No\.|Vol\.|Volume|Part)\s*\d{1,4}$", re.IGNORECASE)
# "By Jane Doe", "BY JANE DOE", "By Jane Doe and John Roe, Moscow correspondents".
_BYLINE_NAME = re.compile(
    r"^(?:By|BY)\s+(?P<name>[^\W\d_][\w.'’-]*(?:\s+(?:and\s+)?[^\W\d_][\w.'’-]*){1,5})"
    r"\s*(?:[,|–—-].{0,80})?$")
# "BY X, SPOKESPERSON FOR THE SECRETARY-GENERAL": who gives a briefing, not who wrote it up.
_BRIEFER = re.compile(r",.*\b(?:spokes\w*|minister|secretary|ambassador|president)\b",
                      re.IGNORECASE)
# "Interview by X", "Live coverage by X and Y", "Reporting by X in City": a credit line.
_CREDIT_BYLINE = re.compile(r"^(?:By|BY|[A-Z][a-z]+(?: [a-z]+)? by)\s+(?P<rest>[^\W\d_].{2,80})$")
# "Gulf Chronicle Staff", "Staff Reporter": the outlet's staff wrote it.
_STAFF_BYLINE = re.compile(r"^(?:[A-Z][\w'’.-]+ ){1,4}Staff$|^Staff (?:Reporter|Writer)s?$")
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
# Words after a byline's name that are its role, not its name ("By X Staff writer").
_BYLINE_ROLE_WORDS = frozenset({"staff", "correspondent", "reporter", "writer", "editor",
                                "columnist", "contributor", "producer", "special", "senior",
                                "chief", "political", "foreign", "diplomatic", "news"})
BYLINE_MAX_WORDS = 12
HEAD_DATE_LINES = 12
HEAD_DATE_PROSE_WORDS = 25
BYLINE_REACH_BELOW = 4
BYLINE_REACH_ABOVE = 2
_GLUED_LABEL = re.compile(r"^([A-Z]{3,})(?=[A-Z][a-z])")
_READING_TIME = re.compile(r"^(?:reading time:?\s*)?\d{1,3}(?:-\d{1,3})?\s*min(?:ute)?s?(?:\s+read)?$",
                           re.IGNORECASE)
_DATED_LEAD = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}(?:,\s+[A-Z][\w.'’ -]{1,30})?\s*[,–—-]\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d\d|\d{1,2} [A-Z][a-z]{2,8}\.? (?:19|20)\d\d)"
    r"\s*[:–—-]\s")
HEADLINE_MIN_WORDS = 5
HEADLINE_TWO_SENTENCE_WORDS = 20
NAV_MAX_WORDS = 4
NAV_ABBREVIATION_CHARS = 12


def _is_navigation(line: str) -> bool:
    """A line of the page's head that is no headline: a few words without sentence
    punctuation ("World", "Sign in", "Skip to main content"), a breadcrumb or menu row, a
    language switcher, a line in capitals, a byline or a timestamp."""
    stripped = line.strip()
    words = stripped.split()
    autonyms = load_lexicon().language_autonyms
    return (
        (len(words) <= NAV_MAX_WORDS and not _ENDS_SENTENCE.search(stripped))
        or (len(words) <= 2 and len(stripped) <= NAV_ABBREVIATION_CHARS)  # "U.S.", "Menu."
        or sum(word.strip("|·•/,").casefold() in autonyms for word in words) >= 3
        or bool(_NAV_SEPARATORS.search(f" {stripped} "))
        or bool(_LOCALE_ROW.match(stripped))
        or (stripped.isupper() and len(words) <= 8)
        or bool(_BYLINE.match(stripped))
        or bool(_WELCOME.match(stripped))
        or bool(_TIMESTAMP_LINE.match(stripped))
        or bool(_SERIES_LABEL.search(stripped))
    )


def _byline_shape(line: str) -> str | None:
    """The author a line near the headline names, by its shape: "By X" (a credit such as
    "Interview by X" or "Live coverage by X and Y" too: the first name), "X | Outlet",
    "X in City", "X, Outlet", a lone name ("Henrik Voss"), an outlet's "Gulf Chronicle
    Staff". A name is two to four capitalised words, the first a given name the dictionary
    knows (or the byline's "By" vouches for it)."""
    if _BRIEFER.search(line):
        return None
    credit = _CREDIT_BYLINE.match(line)
    if credit:
        return _byline_person(credit.group("rest"), vouched=True)
    if _STAFF_BYLINE.match(line):
        return line
    first = re.split(r"\s+\|\s+|,\s+|\s+in\s+(?=[A-Z])", line, maxsplit=1)[0]
    if first != line and len(line.split()) > BYLINE_MAX_WORDS:
        return None
    return _byline_person(first, vouched=False) if first == line or first else None


def _byline_person(text: str, vouched: bool) -> str | None:
    words = []
    for word in text.split():
        if word in ("and", "&") or not word[:1].isupper() or word.rstrip(",") != word or \
                word.casefold() in _BYLINE_ROLE_WORDS:
            break
        words.append(word)
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(word) for word in words):
        return None
    # A lone name is the whole line: "The Borderline — Episode 112" is no one.
    if not vouched and len(words) != len(text.split()):
        return None
    if not vouched and not in_given_name_dictionary(_written_name(words[0])):
        return None
    return _written_name(" ".join(words))


def find_author(lines: list[str], headline_at: int | None) -> tuple[str | None, int | None]:
    """(the byline's person, the line it stands on): the first "By X" near the top of the
    paste; else the first line of a byline's shape (:func:`_byline_shape`) just below the
    headline or just above it. (None, None) when there is none."""
    filled = [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]
    for index, line in filled[:HEAD_SCAN_LINES + WIDGET_REACH_BELOW]:
        byline = _BYLINE_NAME.match(line)
        if byline and not _BRIEFER.search(line):
            return _byline_person(byline.group("name"), vouched=True) or \
                _written_name(byline.group("name")), index
    if headline_at is None:
        return None, None
    position = next((i for i, (index, _line) in enumerate(filled) if index == headline_at), None)
    if position is None:
        return None, None
    near = [*filled[position + 1 : position + 1 + BYLINE_REACH_BELOW],
            *reversed(filled[max(0, position - BYLINE_REACH_ABOVE) : position])]
    for index, line in near:
        if len(line.split()) <= BYLINE_MAX_WORDS and not _ENDS_SENTENCE.search(line):
            author = _byline_shape(line)
            if author:
                return author, index
    return None, None


def head_date(lines: list[str]) -> dt.date | None:
    """The full date of a short line among the first lines of the text, above its first
    paragraph of prose: "Wednesday, June 18, 2025, 4:05 p.m. Ministry of Foreign Affairs",
    "Aboard Air Force One, En Route Des Moines, Iowa, September 19, 2025, 10:48 A.M. EDT",
    "Wednesday 12 November 2025 | Issue #214". Never a year the line does not give."""
    filled = [line.strip() for line in lines if line.strip()]
    for line in filled[:HEAD_DATE_LINES]:
        words = len(line.split())
        if words >= HEAD_DATE_PROSE_WORDS or (words >= HEADLINE_MIN_WORDS * 2
                                               and _ENDS_SENTENCE.search(line)):
            return None
        found = widget_date(line) or first_full_date(line)
        if found is not None:
            return found
    return None


def _written_name(name: str) -> str:
    """A name as written in a byline, capitals-only words in title case ("ISABEL ORTIZ")."""
    return " ".join(word.capitalize() if word.isupper() and len(word) > 1 else word
                    for word in name.split())


def _is_body_start(content: list[tuple[int, str]], index: int) -> bool:
    """The article's text begins here: a line of prose (a banner written as a sentence is
    chrome by a pattern of ``boilerplate.yml``, gone before this is asked)."""
    line = content[index][1].strip()
    return _looks_like_prose(line) and not _LIST_ITEM.match(line) and not _is_navigation(line)


def _headline_shaped(stripped: str, following: str) -> bool:
    # A line continued in lower case below is wrapped prose, not a headline; so is a long
    # line with a sentence ending inside it ("…a pandemic treaty. The hard part starts now"
    # is a headline's two short sentences).
    words = stripped.split()
    return len(words) >= HEADLINE_MIN_WORDS and is_headline(stripped) and not (
        (following[:1].islower() and not _is_navigation(following))
        or (_SENTENCE_END.search(stripped) and (len(words) > HEADLINE_TWO_SENTENCE_WORDS
                                                or any(mark in stripped for mark in "“\"«"))))


def head_chrome(content: list[tuple[int, str]], widgets: frozenset[int] = frozenset(),
                chrome: frozenset[int] = frozenset()) -> int:
    """How many lines at the top of the paste are the site's head (navigation, section
    labels, banners, widgets) above the headline. The head runs until the text begins. Its
    headline is, among the headline-shaped lines that are not navigation: one that stands
    with the article's own widgets (a byline, a date or reading-time line just below it, or
    a date just above: ``widgets`` holds the line numbers of date widgets already taken out),
    then one that carries a date (a briefing's "… – June 26, 2025"), then the longest (a
    site's banner or tagline is shorter than a headline). A headline in capitals counts only
    when there is no other. 0 when the first line is the headline or prose comes first (then
    nothing is dropped)."""
    candidates: list[int] = []
    shouted: list[int] = []
    for index, (_number, line) in enumerate(content[:HEAD_SCAN_LINES]):
        stripped = line.strip()
        if _is_body_start(content, index):
            break
        following = content[index + 1][1].strip() if index + 1 < len(content) else ""
        if not _headline_shaped(stripped, following):
            if _is_navigation(stripped):
                continue
            break  # text that is neither the head's nor a headline: the article has begun
        if stripped.isupper() and not _BYLINE.match(stripped):
            shouted.append(index)
        elif not _is_navigation(stripped):
            candidates.append(index)
    if not candidates:
        return shouted[0] if shouted else 0
    markers = set(widgets) | {number for number, line in content[:HEAD_SCAN_LINES + 4]
                              if _BYLINE.match(line.strip()) or _READING_TIME.match(line.strip())
                              or _TIMESTAMP_LINE.match(line.strip())}

    def rank(index: int) -> tuple[bool, bool, int, int]:
        number, line = content[index]
        framed = any(0 < marker - number <= WIDGET_REACH_BELOW or
                     0 < number - marker <= WIDGET_REACH_ABOVE for marker in markers)
        return framed, first_full_date(line) is not None, len(line.split()), -index

    best = max(candidates, key=rank)
    # A headline and its deck (a longer standfirst without a full stop) stand together, the
    # headline first; a line of chrome between two lines (a breadcrumb under the site's
    # name) parts them.
    while best - 1 in candidates and not any(
            content[best - 1][0] < number < content[best][0] for number in chrome):
        best -= 1
    return best


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > HEADING_MAX_WORDS or len(stripped) > 100:
        return False
    if stripped.endswith((*_TERMINAL, "!", "?", '"', "”", "’", "'", ")")):
        return False
    first = stripped[0]
    if not first.isupper() or not first.isalpha():
        return False
    if stripped.lower().startswith("by "):
        return False
    return not find_dates(stripped) or len(words) > 4


def derive_title(text: str) -> str:
    """A short readable title from the lead: its first sentence, cut at a word boundary."""
    lead = " ".join(text.split())
    sentence = _SENTENCE_END.split(lead, maxsplit=1)[0]
    # Strip the closing punctuation, unless that is all there is: a lead of punctuation only
    # ("!!! ??? ...") must still give a visible title, not an empty one.
    first_sentence = sentence.rstrip(".!? ") or sentence
    if len(first_sentence) <= DERIVED_TITLE_MAX_CHARS:
        return first_sentence
    words: list[str] = []
    for word in first_sentence.split():
        if len(" ".join([*words, word])) > DERIVED_TITLE_MAX_CHARS:
            break
        words.append(word)
    while len(words) > 3 and (
        words[-1].lower().strip(",;:—–-") in _TITLE_STOPWORDS or words[-1].endswith(",")
    ):
        words.pop()
    short = " ".join(words)
    # A first word longer than the limit (a URL, a run of symbols) is cut, not dropped, so
    # the title never shrinks to a bare "…".
    return (short.rstrip(",;:—–- ") or first_sentence[:DERIVED_TITLE_MAX_CHARS]) + "…"


def lift_citations(text: str) -> tuple[str, tuple[Citation, ...]]:
    """Remove ``[CITATION: …]`` markers from a paragraph, remembering text and offset."""
    parts: list[str] = []
    citations: list[Citation] = []
    position = 0
    length = 0
    for match in _CITATION.finditer(text):
        piece = text[position : match.start()]
        parts.append(piece)
        length += len(piece)
        citations.append(Citation(length, " ".join(match.group(1).split())))
        position = match.end()
    parts.append(text[position:])
    joined = "".join(parts)
    lifted = joined.strip()
    # Offsets count from the start of the stripped text: a paragraph that opens with a marker
    # leaves a leading space, which must not shift the later footnotes by one character.
    shift = len(joined) - len(joined.lstrip())
    return lifted, tuple(
        Citation(min(max(citation.offset - shift, 0), len(lifted)), citation.text)
        for citation in citations
    )


def _find_dateline(text: str) -> tuple[str | None, str]:
    match = _DATELINE.match(text)
    if match is None:
        return None, text
    place = match.group("place").strip()
    letters = [character for character in place if character.isalpha()]
    if len(letters) < 3 or not all(character.isupper() for character in letters[:3]):
        return None, text
    return match.group(0).strip(" -—–"), text


def segment(numbered_lines: list[tuple[int, str]]) -> list[Block]:
    """Group kept lines into blocks (one pass)."""
    blocks: list[Block] = []
    index = 0
    count = len(numbered_lines)
    while index < count:
        number, line = numbered_lines[index]
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        if (
            _TABLE_ROW.match(stripped)
            and index + 1 < count
            and _TABLE_SEPARATOR.match(numbered_lines[index + 1][1])
        ):
            rows = [stripped]
            index += 2
            while index < count and _TABLE_ROW.match(numbered_lines[index][1]):
                rows.append(numbered_lines[index][1].strip())
                index += 1
            cells = tuple(
                tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip()[1:-1]))
                for row in rows
            )
            text = "\n".join(" | ".join(row) for row in cells)
            blocks.append(Block("table", text, number, cells=cells))
            continue
        if _LIST_ITEM.match(stripped):
            items = []
            ordered = stripped[0].isdigit()
            # A switch between bullets and numbers starts a new list (numbers are not lost).
            while index < count and _LIST_ITEM.match(numbered_lines[index][1].strip()) and (
                numbered_lines[index][1].strip()[0].isdigit() == ordered
            ):
                items.append(_LIST_ITEM.sub("", numbered_lines[index][1].strip(), count=1))
                index += 1
            blocks.append(Block("list", "\n".join(items), number, items=tuple(items),
                                ordered=ordered))
            continue
        source = _SOURCE_LINE.match(stripped)
        if source:
            blocks.append(Block("source", source.group(1), number))
            index += 1
            continue
        next_line = next(
            (candidate for _, candidate in numbered_lines[index + 1 :][:3] if candidate.strip()),
            "",
        )
        # A line continued in lower case on the very next line is hard-wrapped prose, not a
        # heading ("The minister said the talks" / "would resume soon.").
        adjacent = numbered_lines[index + 1][1].strip() if index + 1 < count else ""
        wrapped = bool(adjacent) and adjacent[0].islower()
        if _is_heading(stripped) and next_line and not _is_heading(next_line) and not wrapped:
            blocks.append(Block("heading", stripped, number))
            index += 1
            continue
        # Hard-wrapped prose: a line continues the previous one when that one did not end a
        # sentence and this one starts in lower case.
        pieces = [stripped]
        index += 1
        while index < count:
            following = numbered_lines[index][1].strip()
            if not following or not following[0].islower() or pieces[-1].endswith(
                (".", "!", "?", ":", "”", '"')
            ):
                break
            pieces.append(following)
            index += 1
        text, citations = lift_citations(" ".join(pieces))
        if text or citations:
            blocks.append(Block("paragraph", text, number, citations=citations))
    return blocks


def clean(
    raw: RawArticle,
    boilerplate: Boilerplate,
    organizations: tuple[RegisteredOrganization, ...] = (),
    repeated: frozenset[str] = frozenset(),
) -> CleanArticle:
    """Clean one article (pure). ``repeated``: short lines of this article that other
    articles of the archive have too (:func:`repeated_lines`)."""
    lines = raw.body.split("\n")
    keep, removed = remove_chrome(lines, boilerplate, repeated)
    numbered = [
        (raw.body_line + offset, line)
        for offset, (line, kept) in enumerate(zip(lines, keep, strict=True))
        if kept
    ]
    header = raw.header
    # Date widgets ("Published: 3 March 2024, 10:12 | Updated: …", "Sat 10 May 2025 23.58
    # IST") stand above or below the headline and beside embedded posts: chrome, never a
    # title; the first one near the top is the page's own date.
    dateline: str | None = None
    dateline_date = None
    widgets = [(position, number, line.strip(), widget_date(line)) for position, (number, line)
               in enumerate((n, text) for n, text in numbered if text.strip())
               if position < WIDGET_SCAN_LINES]
    widgets = [widget for widget in widgets if widget[3] is not None]
    if widgets:
        dated = [widget for widget in widgets if widget[0] < HEAD_SCAN_LINES]
        if dated:
            dateline, dateline_date = dated[0][2], dated[0][3]
        gone = {number for _position, number, _line, _date in widgets}
        removed = [*removed, *(line for _position, _number, line, _date in widgets)]
        numbered = [(n, text) for n, text in numbered if n not in gone]
    content = [(number, line) for number, line in numbered if line.strip()]
    chrome_numbers = frozenset(raw.body_line + offset for offset, kept in enumerate(keep)
                               if not kept)
    skipped = head_chrome(content, frozenset(number for _p, number, _l, _d in widgets),
                          chrome_numbers) \
        if not header.title else 0
    if skipped:
        head = {number for number, _line in content[:skipped]}
        removed = [*removed, *(line.strip() for _number, line in content[:skipped])]
        numbered = [(number, line) for number, line in numbered if number not in head]
        content = content[skipped:]
    if content:
        scraped = _SCRAPED_DATE.match(content[0][1])
        if scraped:
            # "date 2025-03-05 Headline": a scraper's prefix is the page's date.
            dateline = dateline or scraped.group("date")
            dateline_date = dateline_date or first_full_date(scraped.group("date"))
            first_number = content[0][0]
            rest = content[0][1][scraped.end():]
            numbered = [(n, rest if n == first_number else text) for n, text in numbered]
            content[0] = (first_number, rest)
    title: str | None = None
    outlet: str | None = None
    if content and len(content) > 1 and is_headline(content[0][1]):
        # A Markdown article may mark its headline "# Headline".
        first = re.sub(r"^#{1,6}\s+", "", content[0][1].strip())
        # "POLITICSGodongwana drops …": a section label the paste glued to the headline.
        glued = _GLUED_LABEL.match(first)
        if glued and not header.title:
            removed = [*removed, glued.group(1)]
            first = first[glued.end(1):]
        headline, outlet = split_outlet(first, organizations)
        # With a header title, a different first line is article text, not a headline to drop.
        if not header.title or " ".join(headline.split()).casefold() == " ".join(
                header.title.split()).casefold():
            title = headline
            numbered = [(number, line) for number, line in numbered if number != content[0][0]]
        else:
            outlet = None
    headline_at = content[0][0] - raw.body_line if title and content else None
    author, byline_at = find_author(lines, headline_at)
    if byline_at is not None:
        numbered = [(n, text) for n, text in numbered if n != raw.body_line + byline_at]
    blocks = segment(numbered)
    if dateline is None:
        first_paragraph = next((block for block in blocks if block.kind == "paragraph"), None)
        if first_paragraph is not None:
            dateline, _ = _find_dateline(first_paragraph.text)
            if dateline:
                dateline_date = first_full_date(dateline)
            else:
                # "Quito, Ecuador – May 14, 2025: An IMF team …": a dated lead.
                lead = _DATED_LEAD.match(first_paragraph.text)
                dateline_date = first_full_date(lead.group(0)) if lead else None
    if dateline_date is None and title and not header.title:
        # "Department Press Briefing – June 26, 2025": a briefing's headline carries its date.
        dateline_date = first_full_date(title)
    if dateline_date is None:
        dateline_date = head_date([line for _number, line in numbered])
    title_derived = False
    if header.title:
        title = header.title
    elif not title:
        lead = next((block.text for block in blocks if block.kind == "paragraph"), "")
        title = derive_title(lead) if lead else raw.source_file.rsplit("/", 1)[-1]
        title_derived = True
    return CleanArticle(
        raw=raw,
        title=title,
        title_derived=title_derived,
        outlet=header.source or outlet,
        dateline_date=dateline_date,
        dateline=dateline,
        blocks=tuple(blocks),
        removed_chrome=tuple(removed),
        author=author,
    )
