"""Escaping: every hostile string, rendered by Python-Markdown with the mkdocs.yml extensions,
shows as typed and yields no element or attribute of its own."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from support import HOSTILE, audit, collapse, render_markdown, unsafe_markup, visible_text

from generator.markup import (
    escape_block,
    escape_inline,
    escape_table_cell,
    link_urls,
    plain_meta,
    split_urls,
)
from generator.read import normalise_text


def _hostile_lines() -> list[str]:
    spec = importlib.util.spec_from_file_location("make_cases", HOSTILE / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_cases", module)
    spec.loader.exec_module(module)
    found: set[str] = set()
    for data in module.CASES.values():
        for encoding in ("utf-8-sig", "utf-16"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" in text:
                continue
            found.update(line for line in normalise_text(text).split("\n") if line.strip())
            break
    extra = [
        "<script>alert(1)</script>", "<a href=javascript:alert(1)>x</a>", "<!-- c -->",
        "<![CDATA[x]]>", "<?php echo 1 ?>", "<!DOCTYPE html>", "&lt;b&gt;", "&#60;b&#62;",
        "&#x3C;svg onload=alert(1)&#x3E;", "[x]: javascript:alert(1)", "[x][1]", "![a](b)",
        "`code`", "``<b>``", "    indented code", "\tTabbed", "1. item", "1) item", "+ item",
        "* item", "- item", "> quote", "# h1", "###### h6", "Title\n===", "---", "***", "___",
        "| a | b |", "a | b", ":::", "!!! note", "{: .x }", "\\<b>", "\\\\<b>", "<<b>>",
        "<http://evil/\"onmouseover=\"x>", "<mailto:a@b.c>", "<a@b.example>",
        "https://example.org/<script>", "https://example.org/a_b_c*d*", "http://x.org/&amp;y",
        "[^1]", "[^1]: note", "*[HTML]: Hyper", "~~~", "```js", "Term\n: definition",
        "line  \nbreak", "a\u2028b", "[TOC]", "$$x$$", "==mark==", "^^ins^^",
    ]
    return sorted(found | set(extra))


LINES = _hostile_lines()


def _check(markdown_text: str, shown: str) -> None:
    html = render_markdown(markdown_text)
    assert unsafe_markup(html) == [], html
    assert shown in visible_text(html), html


@pytest.mark.parametrize("line", LINES)
def test_escape_block_shows_text_and_makes_no_markup(line):
    html = render_markdown(escape_block(line))
    assert unsafe_markup(html) == [], html
    tags = {tag for tag, _ in audit(html).elements}
    assert tags <= {"p"}, html
    assert visible_text(html) == collapse(line), html


@pytest.mark.parametrize("line", LINES)
def test_escape_inline_in_a_paragraph_heading_and_link(line):
    for template in ("Said: {}", "# {}", "## {}", "[{}](../people/x.md)", "- [{}](x.md) — {}"):
        _check(template.format(escape_inline(line), escape_inline(line)), collapse(line))


@pytest.mark.parametrize("line", LINES)
def test_escape_block_as_a_list_item(line):
    for template in ("- {}", "1. {}"):
        _check(template.format(escape_block(line)), collapse(line))


@pytest.mark.parametrize("line", LINES)
def test_link_urls_links_only_web_addresses(line):
    html = render_markdown(link_urls(line, block_start=True))
    assert unsafe_markup(html) == [], html
    assert visible_text(html) == collapse(line), html
    for tag, attrs in audit(html).elements:
        if tag == "a":
            assert attrs["href"].lower().startswith(("http://", "https://")), html


@pytest.mark.parametrize("line", LINES)
def test_table_cells(line):
    cell = escape_table_cell(line)
    html = render_markdown(f"| {cell} | b |\n|---|---|\n| c | {cell} |")
    assert unsafe_markup(html) == [], html
    assert {"table", "th", "td"} <= {tag for tag, _ in audit(html).elements}, html
    assert visible_text(html).count(collapse(line)) >= 2 or not collapse(line), html


@pytest.mark.parametrize("line", LINES)
def test_footnote_text(line):
    _check(f"Claim[^1].\n\n[^1]: {link_urls(line, block_start=True)}", collapse(line))


@pytest.mark.parametrize("line", LINES)
def test_plain_meta_has_no_markup_characters(line):
    value = plain_meta(line)
    assert not set(value) & set('<>"`\n')
    assert "&#" not in value and "&lt" not in value


def render_heading_text(text: str) -> str:
    import markdown

    html = markdown.markdown("# " + escape_inline(text))
    return html.removeprefix("<h1>").removesuffix("</h1>")


def test_escape_inline_joins_lines():
    assert escape_inline("Title\n# not a heading\n- nor a list") == (
        "Title \\# not a heading - nor a list"
    )


def test_hash_is_kept_at_the_end_of_a_heading():
    assert render_heading_text("Why teams still pick C#") == "Why teams still pick C#"


def test_multiline_title_stays_in_the_heading():
    title = "Ceasefire talks\nresume\nin Geneva"
    html = render_markdown(f"# {escape_inline(title)}")
    assert [tag for tag, _ in audit(html).elements] == ["h1"]
    assert visible_text(html) == "Ceasefire talks resume in Geneva"


@pytest.mark.parametrize("text, urls", [
    ("See https://example.org/a.", ["https://example.org/a"]),
    ("(https://example.org/a_(b))", ["https://example.org/a_(b)"]),
    ("(see https://example.org/a)", ["https://example.org/a"]),
    ("“https://example.org/q?x=1”", ["https://example.org/q?x=1"]),
    ("javascript:alert(1) and data:text/html,x", []),
    ("https:// alone", []),
    ('https://example.org/"><script>', ["https://example.org/"]),
    ("HTTP://EXAMPLE.ORG/X", ["HTTP://EXAMPLE.ORG/X"]),
])
def test_split_urls(text, urls):
    pieces = split_urls(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, is_url in pieces if is_url] == urls


def test_link_urls_makes_links():
    html = render_markdown(link_urls("Read https://example.org/a_b*c* now.", block_start=True))
    (link,) = [attrs for tag, attrs in audit(html).elements if tag == "a"]
    assert link["href"] == "https://example.org/a_b*c*"
    assert visible_text(html) == "Read https://example.org/a_b*c* now."


def test_plain_meta():
    assert plain_meta('  <b onclick="x">A & B &amp; C\n`d`  ') == (
        "‹b onclick=”x”›A & B ＆amp; C ’d’"
    )
