"""Slugs: transliteration, safety (no separators, dot segments, reserved names), uniqueness."""

from __future__ import annotations

import re

import pytest

from generator.slug import MAX_SLUG_CHARS, short_hash, slugify, unique_slugs

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize("text, slug", [
    ("Переговоры в Стамбуле", "peregovory-v-stambule"),
    ("Сергей Лавров", "sergey-lavrov"),
    ("Café diplomacy", "cafe-diplomacy"),
    ("cafe\u0301 diplomacy", "cafe-diplomacy"),
    ("Zürich – Genève", "zurich-geneve"),
    ("Russia-Ukraine Negotiations Stall", "russia-ukraine-negotiations-stall"),
    ("U.S.-Russia talks", "u-s-russia-talks"),
    ("Talks", "talks"),
    ("123", "123"),
])
def test_transliteration(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text, slug", [
    ("../../etc/passwd", "etc-passwd"),
    ("/absolute/path", "absolute-path"),
    ("..\\..\\windows\\win.ini", "windows-win-ini"),
    ("..", "untitled"),
    ("a/./b", "a-b"),
    ("C:\\x", "c-x"),
    ("%2e%2e%2fetc", "2e-2e-2fetc"),
])
def test_paths_become_single_segments(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("name", ["CON", "con", "PRN", "Aux", "NUL", "COM1", "com9", "LPT1",
                                  "lpt9", "index", "Index", "tags", "search", "assets", "404"])
def test_reserved_names_get_a_suffix(name):
    assert slugify(name) == f"{name.lower()}-page"


def test_reserved_name_with_extension_is_not_reserved_any_more():
    # "con.txt" becomes "con-txt": no dot, so not the device name on Windows either.
    assert slugify("con.txt") == "con-txt"


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? ...", "—", "\u200b"])
def test_fallback(text):
    assert slugify(text) == "untitled"
    assert slugify(text, fallback="article") == "article"


def test_reserved_fallback_is_guarded_too():
    assert slugify("", fallback="index") == "index-page"


def test_emoji_headline_gets_an_ascii_slug():
    slug = slugify("\U0001f54a\ufe0f\U0001f91d\U0001f1fa\U0001f1e6\U0001f468\u200d\U0001f4bc")
    assert SLUG.match(slug)


def test_long_text_is_cut_at_a_word_boundary():
    text = "Talks on European security continue in Geneva as delegations meet again " * 30
    slug = slugify(text)
    assert len(slug) <= MAX_SLUG_CHARS
    assert SLUG.match(slug)
    assert text.lower().replace(" ", "-").startswith(slug)


def test_long_single_word_is_cut():
    assert slugify("x" * 500) == "x" * MAX_SLUG_CHARS


def test_short_hash_is_stable():
    assert short_hash("report.txt") == short_hash("report.txt") != short_hash("Report.txt")
    assert re.fullmatch(r"[0-9a-f]{6}", short_hash("x"))


def test_unique_slugs_keep_first_and_hash_the_rest():
    result = unique_slugs([("report.txt", "report"), ("Report.txt", "report"),
                           ("other.txt", "other")])
    assert result["Report.txt"] == "report"  # "R" sorts before "r"
    assert result["report.txt"] == f"report-{short_hash('report.txt')}"
    assert result["other.txt"] == "other"


def test_unique_slugs_do_not_depend_on_input_order():
    wanted = [(f"file{n}.txt", "same" if n % 2 else f"s{n % 3}") for n in range(30)]
    first = unique_slugs(wanted)
    assert unique_slugs(list(reversed(wanted))) == first
    assert len(set(first.values())) == len(wanted)


def test_unique_slugs_never_take_a_slug_someone_else_wants():
    # "a-<hash of k2>" is wanted by k3 itself: k2 must get a different slug.
    clash = f"a-{short_hash('k2')}"
    result = unique_slugs([("k1", "a"), ("k2", "a"), ("k3", clash)])
    assert result["k3"] == clash
    assert len(set(result.values())) == 3


def test_adding_an_article_keeps_existing_slugs_that_sort_first():
    before = unique_slugs([("a.txt", "talks")])
    after = unique_slugs([("a.txt", "talks"), ("b.txt", "talks")])
    assert before["a.txt"] == after["a.txt"] == "talks"
