"""A contributor's chrome pattern (``boilerplate.yml``) → a compiled regular expression, or
the reason it is refused.

The cleaner full-matches every pattern, case-insensitively, against article lines stripped of
surrounding spaces, and only against lines of at most :data:`LINE_LIMIT` characters: that
holds for all four lists (``drop_line``, ``drop_sentence``, ``drop_line_and_next`` and
``drop_block`` all go through ``clean._full_match``, which skips longer lines first). Articles
are untrusted too, so a pattern must stay fast on any such line, not only on real chrome.

**The backtracking bound.** Python's engine backtracks: where a pattern offers a choice (a
repeat may stop or go on, an alternation has branches) it tries one way and, when the rest of
the pattern fails, comes back for the next. From Python's own parse tree (``re._parser``) this
module computes, for a line of ``LINE_LIMIT`` characters, upper bounds of the ways the choices
can combine and of the steps spent trying them, and refuses a pattern whose steps exceed
:data:`BUDGET` (ten million: a few milliseconds on one line; ``.*a.*a.*b`` takes 25 ms on 300
characters and is refused, ``.*a.*b`` takes 0.3 ms). A choice multiplies the ways only when it
is *ambiguous*, that is
when both ways can go on over the same text: a repeat whose next iteration can begin with
the same characters as what follows it (``\\w+`` before ``\\s`` is not; ``.*`` before ``a``
is), or an alternation whose branches can begin with the same characters (compared over the
first :data:`PREFIX` characters, so ``(, | and | &)`` is not ambiguous). An ambiguous choice
inside a part that repeats up to *n* times counts *n* times over, so the bound grows
exponentially with the line and the pattern is refused whatever the budget:

(a) a repeat inside a repeated part that can match the same characters as what follows it:
    star height above 1, as in ``(a+)+``, ``(\\w+\\s?)+``, ``(.*a){2,}``;
(b) a repeated alternation whose branches can begin with the same characters, as in
    ``(a|a)*`` (Python's parser already turns ``(\\w|\\d)`` into the class ``[\\w\\d]`` and
    ``(ab|a)`` into ``a(?:b|)``, which are not ambiguous and pass);
(c) a repeated part that can match the empty string, as in ``(a*)*`` or ``(a?)+``;

and the budget refuses the polynomial case (d): several ambiguous repeats in a row, as in
``.*a.*a.*a`` (a line can be split between them in about 300³ ways). The bound is an upper
bound: it multiplies the work of nested repeats, so repeats nested three deep (``((\\w+ )+,
)+``) are refused even when each level is unambiguous; chrome patterns do not need them.

Bounded repeats are legal whenever the bound allows them: ``( [A-Z]\\w+){0,3}`` is harmless
because each iteration must begin with a space, which ``\\w+`` cannot take, and an ambiguous
choice repeated a small, fixed number of times costs a constant factor that the budget counts.
Possessive repeats and atomic groups are charged for the work inside them only.
Backreferences and conditionals are refused (chrome does not need them, and the bound does not
cover them).

Character sets are compared exactly: intervals of code points, with ``\\w``, ``\\d`` and
``\\s`` taken from the ``re`` module itself and case-insensitive matching widened to every
character with the same case-folded form. Zero-width assertions are treated as always true,
which can only overstate the bound.

Finally a pattern that full-matches an empty line, or one of :data:`ORDINARY_LINES`, is
refused: it would remove article text, not chrome.
"""

from __future__ import annotations

import array
import bisect
import functools
import math
import re
import re._constants as sre
import re._parser
from dataclasses import dataclass

LINE_LIMIT = 300  # clean.CHROME_LINE_LIMIT (not imported: clean imports the registry)
BUDGET = 10_000_000
PREFIX = 3
MAX_PATTERN_CHARS = 1_000
MAX_NESTING = 32

# Plain article prose no chrome pattern may match: a headline, a sentence with a speech verb,
# a sentence with numbers, and a sentence opening with "By" (like a byline, but prose).
ORDINARY_LINES = (
    "Ministers agree new sanctions package after late-night talks in Brussels",
    '"We will not accept this," the foreign minister told reporters on Monday.',
    "Exports fell 4.5 percent to $12.3 billion in the first quarter of 2024.",
    "By Tuesday, the talks had failed.",
)

CharSet = tuple[tuple[int, int], ...]  # sorted, disjoint, inclusive code point intervals
Prefix = tuple[CharSet, ...]  # fewer than PREFIX sets: the line ends there
PrefixSet = frozenset[Prefix]

_TOP = 0x10FFFF
_ALL: CharSet = ((0, _TOP),)
_ANYTHING: PrefixSet = frozenset((_ALL,) * n for n in range(PREFIX + 1))
_END: PrefixSet = frozenset({()})
_MAX_PREFIXES = 48
_CHARS = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)


class UnsafePattern(Exception):
    """The pattern is refused; the message says why."""


def _union(*sets: CharSet) -> CharSet:
    merged: list[list[int]] = []
    for low, high in sorted(interval for charset in sets for interval in charset):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return tuple((low, high) for low, high in merged)


def _complement(charset: CharSet) -> CharSet:
    result, start = [], 0
    for low, high in charset:
        if low > start:
            result.append((start, low - 1))
        start = high + 1
    if start <= _TOP:
        result.append((start, _TOP))
    return tuple(result)


@functools.lru_cache(maxsize=4096)
def _meets(first: CharSet, second: CharSet) -> bool:
    i = j = 0
    while i < len(first) and j < len(second):
        if first[i][1] < second[j][0]:
            i += 1
        elif second[j][1] < first[i][0]:
            j += 1
        else:
            return True
    return False


def _runs(positions: list[int]) -> CharSet:
    return _union(*(((code, code),) for code in positions))


@functools.cache
def _categories() -> dict[object, CharSet]:
    """``\\d``, ``\\s``, ``\\w`` and their negations, as ``re`` itself matches them."""
    # Every code point as one string (surrogates included), built in C rather than by chr().
    every = array.array("I", range(_TOP + 1)).tobytes().decode("utf-32-le", "surrogatepass")
    table = {}
    for positive, negative, regex in (
        (sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_DIGIT, r"\d+"),
        (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_SPACE, r"\s+"),
        (sre.CATEGORY_WORD, sre.CATEGORY_NOT_WORD, r"\w+"),
    ):
        charset = tuple((m.start(), m.end() - 1) for m in re.finditer(regex, every))
        table[positive], table[negative] = charset, _complement(charset)
    return table


@functools.cache
def _case_classes() -> tuple[tuple[int, ...], dict[int, tuple[int, ...]]]:
    """Every character that has other case forms (all are in planes 0 and 1) and, for each,
    the characters that compare equal to it case-insensitively. Over-wide on purpose (the
    first character of a multi-character mapping counts), which can only overstate overlap."""
    groups: dict[str, list[int]] = {}
    for code in range(0x20000):
        character = chr(code)
        key = character.upper()[0].lower()[0]
        if key != character or character.upper() != character:
            groups.setdefault(key, []).append(code)
    members: dict[int, tuple[int, ...]] = {}
    for key, codes in groups.items():
        group = tuple(sorted({*codes, ord(key)}))
        for code in group:
            members[code] = tuple(sorted({*members.get(code, ()), *group}))
    return tuple(sorted(members)), members


@functools.lru_cache(maxsize=4096)
def _any_case(charset: CharSet) -> CharSet:
    cased, members = _case_classes()
    size = sum(high - low + 1 for low, high in charset)
    if size <= 4096:
        inside = [code for low, high in charset for code in range(low, high + 1)
                  if code in members]
    else:
        starts = [low for low, _high in charset]
        inside = [code for code in cased
                  if (k := bisect.bisect_right(starts, code) - 1) >= 0 and code <= charset[k][1]]
    return _union(charset, _runs([other for code in inside for other in members[code]]))


def _charset(op: object, av: object, flags: int) -> CharSet:
    if op is sre.ANY:
        return _ALL if flags & re.DOTALL else _complement(((10, 10),))
    if op in (sre.LITERAL, sre.NOT_LITERAL):
        charset: CharSet = ((av, av),)
        if flags & re.IGNORECASE:
            charset = _any_case(charset)
        return charset if op is sre.LITERAL else _complement(charset)
    negate, parts = False, []
    for item_op, item_av in av:
        if item_op is sre.NEGATE:
            negate = True
        elif item_op is sre.LITERAL:
            parts.append(((item_av, item_av),))
        elif item_op is sre.RANGE:
            parts.append((item_av,))
        else:  # a category; an unknown one (never made by the parser) may match anything
            parts.append(_categories().get(item_av, _ALL))
    charset = _union(*parts)
    if flags & re.IGNORECASE:
        charset = _any_case(charset)
    return _complement(charset) if negate else charset


def _limit(prefixes: PrefixSet) -> PrefixSet:
    """At most ``_MAX_PREFIXES`` prefixes: beyond that, those of one length merge into one
    (wider, so overlap can only be overstated)."""
    if len(prefixes) <= _MAX_PREFIXES:
        return prefixes
    by_length: dict[int, list[Prefix]] = {}
    for prefix in prefixes:
        by_length.setdefault(len(prefix), []).append(prefix)
    return frozenset(tuple(_union(*column) for column in zip(*group, strict=True))
                     for group in by_length.values())


def _clash(first: PrefixSet, second: PrefixSet) -> bool:
    """True when some text can begin a match of both (equal lengths: ending is a position)."""
    return any(len(a) == len(b) and all(_meets(x, y) for x, y in zip(a, b, strict=True))
               for a in first for b in second)


def _min_width(items: object) -> int:
    return items.getwidth()[0] if isinstance(items, re._parser.SubPattern) else 0


def _plus(first: float, second: float) -> float:
    """log10(10**first + 10**second), without overflow."""
    high, low = max(first, second), min(first, second)
    return high if math.isinf(high) else high + math.log10(1 + 10 ** (low - high))


@dataclass(frozen=True)
class _Cost:
    """For a part of a pattern matched from one position, as log10 of upper bounds: ``ways``,
    the successful ways that whatever follows is tried once each with; ``work``, the steps
    spent finding them (dead ends included); and ``why``, what makes ``ways`` grow."""

    ways: float = 0.0
    work: float = 0.0
    why: str | None = None

    def then(self, other: _Cost) -> _Cost:
        """This part, then ``other`` once for each of this part's ways."""
        why = self.why if self.ways >= other.ways else other.why
        return _Cost(self.ways + other.ways, _plus(self.work, self.ways + other.work), why)


_WHY = {
    "nested-repeat": "(a) a repeated part holds a repeat that can match the same characters "
                     "as what follows it (star height 2, as in (a+)+ or (\\w+\\s?)+)",
    "nested-branch": "(b) a repeated alternation has branches that can begin with the same "
                     "characters (as in (a|a)*)",
    "empty": "(c) a repeated part can match the empty string (as in (a*)* or (a?)+)",
    "repeat": "(d) its repeats can split a line in too many ways: several in a row that match "
              "the same characters (as in .*a.*a.*a), or repeats nested three deep",
}
_WHY["branch"] = _WHY["repeat"]


class _Analysis:
    """The bound for one pattern; ``_first`` is memoised per (subpattern, what follows)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[int, PrefixSet, int], PrefixSet] = {}

    def first(self, items, follow: PrefixSet, flags: int) -> PrefixSet:
        """The prefixes of the text that ``items`` followed by ``follow`` can match."""
        key = (id(items), follow, flags)
        if key not in self._memo:
            for op, av in reversed(list(items)):
                follow = self._first_item(op, av, follow, flags)
            self._memo[key] = follow
        return self._memo[key]

    def _first_item(self, op, av, follow: PrefixSet, flags: int) -> PrefixSet:
        if op in _CHARS:
            charset = _charset(op, av, flags)
            return _limit(frozenset((charset, *prefix[: PREFIX - 1]) for prefix in follow))
        if op is sre.BRANCH:
            return _limit(frozenset().union(*(self.first(b, follow, flags) for b in av[1])))
        if op is sre.SUBPATTERN:
            return self.first(av[3], follow, (flags | av[1]) & ~av[2])
        if op is sre.ATOMIC_GROUP:
            return self.first(av, follow, flags)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = av
            prefixes = self.loop(body, follow, flags) if high > low else follow
            for _ in range(min(low, PREFIX + 1)):
                prefixes = self.first(body, prefixes, flags)
            return prefixes
        return follow  # zero width: anchors, \b, lookarounds

    def loop(self, body, follow: PrefixSet, flags: int) -> PrefixSet:
        """What can follow one iteration of ``body``: another iteration, or ``follow``."""
        prefixes = follow
        for _ in range(PREFIX + 2):
            grown = _limit(follow | self.first(body, prefixes, flags))
            if grown == prefixes:
                break
            prefixes = grown
        return prefixes

    def cost(self, items, follow: PrefixSet, flags: int) -> _Cost:
        items = list(items)
        follows = []
        for op, av in reversed(items):
            follows.append(follow)
            follow = self._first_item(op, av, follow, flags)
        total = _Cost()
        for (op, av), after in zip(items, reversed(follows), strict=True):
            total = total.then(self._cost_item(op, av, after, flags))
        return total

    def _cost_item(self, op, av, follow: PrefixSet, flags: int) -> _Cost:
        if op is sre.BRANCH:
            branches = [(self.cost(b, follow, flags), self.first(b, follow, flags))
                        for b in av[1]]
            seen: PrefixSet = frozenset()
            ambiguous = False
            for _cost, prefixes in branches:
                ambiguous = ambiguous or _clash(prefixes, seen)
                seen = _limit(seen | prefixes)
            work = functools.reduce(_plus, (cost.work for cost, _ in branches))
            worst = max((cost for cost, _ in branches), key=lambda cost: cost.ways)
            if not ambiguous:
                return _Cost(worst.ways, work, worst.why)
            ways = functools.reduce(_plus, (cost.ways for cost, _ in branches))
            return _Cost(ways, work, worst.why if worst.ways > 0 else "branch")
        if op is sre.SUBPATTERN:
            return self.cost(av[3], follow, (flags | av[1]) & ~av[2])
        if op in (sre.ATOMIC_GROUP, sre.ASSERT, sre.ASSERT_NOT):
            # Matched once from here, never re-entered: its own work, one way out.
            inner = self.cost(av if op is sre.ATOMIC_GROUP else av[1], _ANYTHING, flags)
            return _Cost(0.0, _plus(inner.work, inner.ways), inner.why)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self._repeat(op, av, follow, flags)
        return _Cost()

    def _repeat(self, op, av, follow: PrefixSet, flags: int) -> _Cost:
        low, high, body = av
        if high == 0:
            return _Cost()
        width = _min_width(body)
        if high > 1 and width == 0:
            return _Cost(math.inf, math.inf, "empty")
        count = LINE_LIMIT if high == sre.MAXREPEAT else min(high, LINE_LIMIT)
        if width:
            # Iterations that must each take ``width`` characters; never fewer than required.
            count = max(1, low, min(count, LINE_LIMIT // width))
        stops = math.log10(count - low + 1)
        if op is sre.POSSESSIVE_REPEAT:
            # No way back into the repeat: each iteration's own work, one after the other.
            inner = self.cost(body, _ANYTHING, flags)
            return _Cost(0.0, math.log10(count) + _plus(inner.work, inner.ways), inner.why)
        loop = self.loop(body, follow, flags) if high > low else follow
        inner = self.cost(body, loop, flags)
        why = inner.why
        if inner.ways > 0 and count > 1 and why in ("repeat", "branch"):
            why = f"nested-{why}"
        ways = count * inner.ways
        # Running up to ``count`` iterations, each tried once per way through the earlier
        # ones; each of those ways may also stop there, but only when the next iteration and
        # what follows can begin alike do several stops succeed.
        work = math.log10(count) + (count - 1) * inner.ways + _plus(inner.work, 0.0)
        if high > low and _clash(self.first(body, loop, flags), follow):
            ways += stops
            why = why or "repeat"
        return _Cost(ways, work, why)


def _refuse_unsupported(tree: re._parser.SubPattern) -> None:
    """Backreferences and conditionals are outside the bound; deep nesting outside the stack."""
    stack = [(tree, 1)]
    while stack:
        items, depth = stack.pop()
        if depth > MAX_NESTING:
            raise UnsafePattern(f"nests groups more than {MAX_NESTING} deep")
        for op, av in items:
            if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
                raise UnsafePattern("uses a backreference or a conditional, which chrome "
                                    "patterns do not support")
            if op is sre.BRANCH:
                stack.extend((branch, depth + 1) for branch in av[1])
            elif op is sre.SUBPATTERN:
                stack.append((av[3], depth + 1))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                stack.append((av[2], depth + 1))
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                stack.append((av[1], depth + 1))
            elif op is sre.ATOMIC_GROUP:
                stack.append((av, depth + 1))


def backtracking_bound(source: str) -> tuple[float, str | None]:
    """log10 of the bound on the steps to full-match a line (see the module docstring) and
    the reason it grows; the pattern must parse."""
    tree = re._parser.parse(source, re.IGNORECASE)
    _refuse_unsupported(tree)
    cost = _Analysis().cost(tree, _END, tree.state.flags | re.IGNORECASE)
    return _plus(cost.work, cost.ways), cost.why


def compile_pattern(source: str) -> re.Pattern[str]:
    """``source`` compiled as the cleaner uses it; raise :class:`UnsafePattern` with the
    reason when it does not compile, can backtrack catastrophically or matches prose."""
    if len(source) > MAX_PATTERN_CHARS:
        raise UnsafePattern(f"is {len(source):,} characters long; the limit is "
                            f"{MAX_PATTERN_CHARS:,}")
    try:
        compiled = re.compile(source, re.IGNORECASE)
        log, why = backtracking_bound(source)
    except re.error as error:
        raise UnsafePattern(f"does not compile: {error}") from None
    except RecursionError:
        raise UnsafePattern("nests groups too deeply") from None
    if log > math.log10(BUDGET):
        size = "more ways than can be counted" if math.isinf(log) else f"about 10^{log:.0f} ways"
        raise UnsafePattern(
            f"can backtrack catastrophically: {_WHY[why or 'repeat']}; a line of "
            f"{LINE_LIMIT} characters could be tried in {size} (the limit is {BUDGET:,})"
        )
    if compiled.fullmatch(""):
        raise UnsafePattern("matches an empty line, so it matches almost anything; make at "
                            "least one part of it required")
    for line in ORDINARY_LINES:
        if compiled.fullmatch(line):
            raise UnsafePattern(f"matches the ordinary article line {line!r}, so it would "
                                "remove article text, not chrome; make it more specific")
    return compiled
