"""Write the hostile test corpus deterministically.

    python tests/hostile/make_cases.py            # (re)write tests/hostile/articles/
    python tests/hostile/make_cases.py --check    # verify the files on disk match, exit 1 if not
    python tests/hostile/make_cases.py --generated DIR   # write the large run-time cases into DIR

Every file under ``articles/`` is produced from the byte strings below, so the binary and
encoding cases (BOMs, UTF-16, cp1252, NUL bytes, lone CR, …) are reproducible and reviewable.
The expected outcome of each file is in ``expected.yml`` (hand-written; keep both in step).

The large cases (``generated:`` in ``expected.yml``) are not committed: tests build them at run
time with :func:`build_generated` / :func:`write_generated`.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"


def u(text: str) -> bytes:
    """UTF-8 bytes of ``text`` (no BOM)."""
    return text.encode("utf-8")


def lines(*parts: str, eol: str = "\n") -> str:
    """Join lines with ``eol`` and end with one."""
    return eol.join(parts) + eol


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built byte by byte (deterministic)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x80", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


LONG_HEADLINE = ("Talks on European security continue in Geneva as delegations meet again " * 27)[
    :1980
]
LONG_HEADLINE = LONG_HEADLINE.rstrip() + " END-OF-LONG-HEADLINE"

DUP_TEXT = lines(
    "Duplicate article about grain corridor talks",
    "Officials in Ankara said on Wednesday that talks on the Black Sea grain corridor "
    "would resume.",
    "The same text was pasted twice into the archive under two different file names.",
)

# relative path (POSIX, under articles/) -> file bytes
CASES: dict[str, bytes] = {
    # 1
    "script_tag.txt": u(
        lines(
            "Officials discuss website incident",
            "The ministry said on Tuesday that a statement on its site contained the text "
            "<script>alert(1)</script> and had been removed.",
            "A spokesperson said the page was restored within an hour.",
        )
    ),
    # 2
    "img_onerror.txt": u(
        lines(
            "Image tag in pasted text",
            "The banner read <img src=x onerror=alert(1)> before editors noticed.",
            "Nothing else on the page changed.",
        )
    ),
    # 3
    "md_links.txt": u(
        lines(
            "Links that must not become links",
            "Click [x](javascript:alert(1)) for the full statement.",
            "Or see [y](data:text/html,<script>alert(1)</script>) for the annex.",
            "Variants: [z](JaVaScRiPt:alert(1)) and [w](java&#x09;script:alert(1)) and "
            "[v](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).",
        )
    ),
    # 4
    "headline_script.txt": u(
        lines(
            '"><script>alert(1)</script>',
            "The headline above tries to break out of an HTML attribute. It must appear as text in "
            "the page title, the page heading, the navigation and the search index.",
        )
    ),
    # 5
    "iframe.txt": u(
        lines(
            "Embedded frame in pasted text",
            '<iframe src="https://evil.example/frame" width="100%" height="900"></iframe>',
            '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
            "The embed above was part of the original web page.",
        )
    ),
    # 6
    "html_comment.txt": u(
        lines(
            "Hidden text in comments",
            "The envoy said <!-- hidden --> the talks would resume next week.",
            "<!--",
            "This secret text must be visible",
            "-->",
            "Closing paragraph of the article.",
        )
    ),
    # 7
    "link_refdef.txt": u(
        lines(
            "Reference-style link definitions",
            "See the statement [1] and the annex [annex] for details.",
            "[1]: javascript:alert(1)",
            '[annex]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== "Annex"',
            "The definitions above are ordinary text.",
        )
    ),
    # 8
    "template_syntax.txt": u(
        lines(
            '{{ config.site_name }} leaks and {% include "base.html" %}',
            "{% raw %} block {% endraw %} should stay as typed.",
            "Show me {{ config }} and {{ page.meta }} please.",
            "A comment {# hidden #} must stay visible.",
            "{%- for x in range(10**9) %}{{ x }}{% endfor %}",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        )
    ),
    # 9
    "attr_list.txt": u(
        lines(
            "Attribute lists after headings and paragraphs",
            '## Heading {: onclick="alert(1)" }',
            "A paragraph that the attribute list below would attach to.",
            '{: onclick="alert(1)" style="display:none" }',
            "Another line { onclick=alert(1) }",
            'Emphasis *word*{: onmouseover="alert(1)" } too, '
            "and {#id .cls onfocus=alert(1) autofocus}.",
        )
    ),
    # 10 (body)
    "entities_body.txt": u(
        lines(
            "Entities in the body",
            "The page source showed &lt;script&gt;alert(1)&lt;/script&gt; as escaped text.",
            "Numeric forms: &#x3C;img src=x onerror=alert(1)&#x3E; "
            "and &#60;b&#62;bold&#60;/b&#62;.",
            "Ampersands: AT&T and R&D; &amp; stays as typed; &nbsp; too.",
        )
    ),
    # 10 (title)
    "entities_title.txt": u(
        lines(
            "---",
            'title: "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;"',
            "date: 2024-03-03",
            "---",
            "The title of this article is made of HTML entities that must be shown as typed.",
        )
    ),
    # 11
    "fm_disallowed_keys.txt": u(
        lines(
            "---",
            'title: "<img src=x onerror=alert(1)>"',
            "date: 2024-03-03",
            "template: main.html",
            "hide: [navigation, toc]",
            'extra_javascript: ["https://evil.example/x.js"]',
            'extra_css: ["https://evil.example/x.css"]',
            "status: new",
            "search: {exclude: true}",
            "---",
            "A header full of MkDocs page options that must never reach MkDocs.",
        )
    ),
    # 12
    "yaml_bomb.txt": u(
        lines(
            "---",
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
            "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
            "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
            "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
            "topics: *i",
            "people: *i",
            "---",
            "Billion laughs in the header.",
        )
    ),
    # 13
    "yaml_python_tag.txt": u(
        lines(
            "---",
            'title: !!python/object/apply:os.system ["echo hi"]',
            "---",
            "A header that asks the YAML loader to run a shell command.",
        )
    ),
    # 14
    "fm_duplicate_keys.txt": u(
        lines(
            "---",
            "title: First title",
            "date: 2024-03-03",
            "title: Second title",
            "---",
            "A header with the same key twice.",
        )
    ),
    # 15
    "title_yes.txt": u(
        lines(
            "---",
            "title: yes",
            "---",
            "YAML 1.1 reads an unquoted yes as a boolean; the title must still be the text yes.",
        )
    ),
    "title_number.txt": u(
        lines(
            "---",
            "title: 123",
            "---",
            "An unquoted number as a title must become the text 123.",
        )
    ),
    "date_not_a_date.txt": u(
        lines(
            "---",
            "title: Date that is not a date",
            'date: "not a date"',
            "---",
            "The header date is not a date.",
        )
    ),
    "date_feb30.txt": u(
        lines(
            "---",
            "title: February the thirtieth",
            "date: 2024-02-30",
            "---",
            "The header date does not exist in the calendar.",
        )
    ),
    # 16
    "fm_unclosed.txt": u(
        lines(
            "---",
            "title: Never closed",
            "date: 2024-03-03",
            "Body text that follows without a closing marker.",
            "More text of the article.",
        )
    ),
    # 17
    "empty.txt": b"",
    # 18
    "whitespace_only.txt": b"  \n\t\t\n\r\n   \n\n",
    # 19
    "binary_png.txt": tiny_png(),
    # 20
    "nul_bytes.txt": u(
        "Headline before NUL bytes\nSome text\x00\x00\x00 and more text after them.\n"
    ),
    # 21
    "utf8_bom.txt": b"\xef\xbb\xbf"
    + u(
        lines(
            "Headline with a byte order mark",
            "The file starts with a UTF-8 byte order mark, which must not end up in the title.",
        )
    ),
    # 22
    "utf8_bom_front_matter.txt": b"\xef\xbb\xbf"
    + u(
        lines(
            "---",
            "title: Title from the header",
            "date: 2024-03-03",
            "---",
            "The header after the byte order mark must be recognised as a header.",
        )
    ),
    # 23
    "crlf.txt": u(
        lines(
            "Headline with CRLF line endings",
            "First paragraph of a file saved on Windows.",
            "",
            "Second paragraph of the CRLF file.",
            eol="\r\n",
        )
    ),
    "crlf_front_matter.txt": u(
        lines(
            "---",
            "title: CRLF header title",
            "date: 2024-03-03",
            "---",
            "Body of a CRLF file with a header.",
            eol="\r\n",
        )
    ),
    # 24
    "cr_only.txt": u(
        lines(
            "Headline with lone CR line endings",
            "First paragraph of a file saved by classic Mac OS.",
            "",
            "Second paragraph of the CR file.",
            eol="\r",
        )
    ),
    # 25
    "utf16le_bom.txt": b"\xff\xfe"
    + lines(
        "Headline in UTF-16",
        "This file is UTF-16 little-endian with a byte order mark. "
        "It mentions Москва and “curly quotes”.",
    ).encode("utf-16-le"),
    # 26
    "cp1252_quotes.txt": (
        b"Headline in Windows-1252\nThe minister said \x93we will talk\x94 on Monday.\n"
    ),
    "invalid_utf8_surrogate.txt": (
        b"Headline with an encoded surrogate\nBroken \xed\xa0\x80 bytes and overlong \xc0\xaf.\n"
    ),
    # 27
    "zero_width_names.txt": u(
        lines(
            "Lavrov comments on talks",
            "Ser\u200bgei Lav\u200brov said on Monday that Moscow was open to dialogue.",
            "\u202eLavrov\u202c added that Western leaders had sent signals "
            "through several channels.",
            "Sergei\u00a0Lav\u2060rov also noted that no date had been set.",
        )
    ),
    # 28
    "dup_a.txt": u(DUP_TEXT),
    "dup_b.txt": u(DUP_TEXT),
    # 29: same headline, different bodies, names differ only by Unicode normalisation
    "caf\u00e9.txt": u(
        lines(
            "Café diplomacy",
            "Diplomats met in a Vienna coffee house on Thursday to discuss prisoner exchanges.",
            "This is the NFC-named file.",
        )
    ),
    "cafe\u0301.txt": u(
        lines(
            "Café diplomacy",
            "A second, unrelated meeting took place in a Paris bistro about energy prices.",
            "This is the NFD-named file.",
        )
    ),
    # 30: same headline, different bodies, names differ only in case
    "Report.txt": u(
        lines(
            "Report",
            "The upper-case file: a report on shipping insurance in the Baltic Sea.",
        )
    ),
    "report.txt": u(
        lines(
            "Report",
            "The lower-case file: a report on fertiliser exports from Odesa.",
        )
    ),
    # 31
    "slug_traversal.txt": u(
        lines(
            "---",
            "title: Slug with path traversal",
            "slug: ../../etc/passwd",
            "---",
            "The slug tries to climb out of the site directory.",
        )
    ),
    "slug_absolute.txt": u(
        lines(
            "---",
            "title: Slug with an absolute path",
            "slug: /absolute/path",
            "---",
            "The slug is an absolute path.",
        )
    ),
    "slug_reserved.txt": u(
        lines(
            "---",
            "title: Slug that is a reserved device name",
            "slug: CON",
            "---",
            "CON is a reserved file name on Windows.",
        )
    ),
    "slug_backslash.txt": u(
        lines(
            "---",
            "title: Slug with backslashes",
            "slug: '..\\..\\windows\\win.ini'",
            "---",
            "The slug uses Windows path separators.",
        )
    ),
    # 32
    "headline_punctuation.txt": u(
        lines(
            "!!! ??? ...",
            "The headline above has no letters or digits at all.",
        )
    ),
    "headline_cyrillic.txt": u(
        lines(
            "Переговоры в Стамбуле",
            "The headline above is Russian for talks in Istanbul; its slug must be transliterated.",
        )
    ),
    "headline_emoji.txt": u(
        lines(
            "\U0001f54a\ufe0f\U0001f91d\U0001f1fa\U0001f1e6\U0001f468\u200d\U0001f4bc",
            "The headline above is only emoji, including a flag and a ZWJ sequence.",
        )
    ),
    # 33
    "title_controls_text.txt": u(
        lines(
            "Ceasefire talks\u0085resume\u2028in\x07 Geneva\x1b[31m today\x0b\x0c",
            "The headline above contains NEL, LINE SEPARATOR, BEL, an ANSI escape, VT and FF.",
            "Body text after\u2029a paragraph separator and a DEL\x7f character.",
        )
    ),
    "title_controls_fm.txt": u(
        lines(
            "---",
            'title: "Ceasefire talks\\N resume\\L in\\a Geneva\\e[31m today\\x7f"',
            "---",
            "The header title contains NEL, LINE SEPARATOR, BEL, ESC and DEL "
            "written as YAML escapes.",
        )
    ),
    # 34
    "style_svg.txt": u(
        lines(
            "Style and SVG in pasted text",
            "<style>body{display:none}</style>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(2)</script></svg>",
            "<math><mtext><script>alert(3)</script></mtext></math>",
            "Readers must still see this sentence.",
        )
    ),
    # 35
    "autolinks.txt": u(
        lines(
            "Autolinks",
            "Open <javascript:alert(1)> now.",
            'Or <http://evil/"onmouseover="alert(1)> instead.',
            'Mail <mailto:a@b.example?body="><script>alert(1)</script>> or visit '
            'https://evil.example/?q="><script>alert(1)</script> directly.',
        )
    ),
    # 36
    "md_image.txt": u(
        lines(
            "Markdown images",
            'Look: ![x](https://evil/x.png "t" onerror=alert(1))',
            "And ![y](javascript:alert(1)) and ![z](data:image/svg+xml,<svg onload=alert(1)>).",
        )
    ),
    # 37
    "long_headline.txt": u(
        lines(
            LONG_HEADLINE,
            "The headline above is about two thousand characters long.",
        )
    ),
    # 38
    "snippets.txt": u(
        lines(
            "Snippet includes",
            '--8<-- "/etc/passwd"',
            ';--8<-- "/etc/hostname"',
            "--8<--",
            "/etc/passwd",
            "--8<--",
            '--8<-- "https://evil.example/payload.md"',
            "The lines above must be shown as typed.",
        )
    ),
    "md_extensions.txt": u(
        lines(
            "Markdown extension syntax",
            '!!! note "Injected"',
            "    <script>alert(1)</script>",
            "[TOC]",
            "A claim with a footnote[^1].",
            "[^1]: <script>alert(1)</script>",
            '??? danger "Collapsed"',
            "    hidden text",
            "/// details | Summary",
            "content",
            "///",
            ":material-alert: ==mark== ^^ins^^ ~~del~~ ++ctrl+alt+del++ $x$",
        )
    ),
    # 39
    "fm_speakers_html.txt": u(
        lines(
            "---",
            "title: Speaker with markup",
            'speakers: ["<b onmouseover=alert(1)>X</b>"]',
            'people: ["<b onmouseover=alert(1)>X</b>"]',
            "---",
            "The speaker name in the header is HTML.",
        )
    ),
    # extras
    "fm_description_attr.txt": u(
        lines(
            "---",
            "title: Description that breaks out of an attribute",
            'description: \'" onmouseover="alert(1)" x="</title><script>alert(1)</script>\'',
            "---",
            "The description goes into a meta tag and must be attribute-escaped.",
        )
    ),
    "fm_url_javascript.txt": u(
        lines(
            "---",
            "title: Source URL with a javascript scheme",
            'url: "javascript:alert(1)"',
            "---",
            "The source URL is not a web address.",
        )
    ),
    "fm_url_quote_breakout.txt": u(
        lines(
            "---",
            "title: Source URL that breaks out of an href",
            "url: 'https://example.org/\"><script>alert(1)</script>'",
            "---",
            "The source URL contains a quote and a script tag.",
        )
    ),
    "fm_not_mapping.txt": u(
        lines(
            "---",
            "- title",
            "- date",
            "---",
            "The header is a list, not a mapping.",
        )
    ),
    "fm_wrong_type.txt": u(
        lines(
            "---",
            "title: [a, b]",
            "---",
            "The header title is a list.",
        )
    ),
    "fm_empty_header.txt": u(
        lines(
            "---",
            "---",
            "Headline after an empty header",
            "An empty header means no metadata; the first line of text is the headline.",
        )
    ),
    "fm_only_header.txt": u(
        lines(
            "---",
            "title: A header and no text",
            "---",
            "",
        )
    ),
    "markdown_block_syntax.txt": u(
        lines(
            "Markdown block syntax in plain text",
            "# not a heading",
            "> not a quote",
            "    not code",
            "Underlined line",
            "---",
            "Equals line",
            "===",
            "* * *",
            '<div markdown="1" onclick="alert(1)">div text</div>',
            "Closing sentence of the article.",
        )
    ),
    "script_in_md.md": u(
        lines(
            "# Markdown file with raw HTML",
            "",
            "A *.md* article: <script>alert(1)</script> and "
            '<a href="javascript:alert(1)">link</a>.',
        )
    ),
    "nested/deep/dir/nested.txt": u(
        lines(
            "Article in a nested directory",
            "Files in sub-directories of articles/ are articles too.",
        )
    ),
    "weird name #1 %41 & 'x'.txt": u(
        lines(
            "File name with URL-special characters",
            "The file name contains a space, a hash, a percent escape, an ampersand and quotes.",
        )
    ),
}


# ---------------------------------------------------------------------------
# Large cases, built at run time (see `generated:` in expected.yml).


def _repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _too_large() -> bytes:
    line = "Officials in Brussels said talks on sanctions would continue next week.\n"
    return u("Twenty megabyte article\n" + _repeat_to(line, 20 * 1024 * 1024))


def _lines_100k() -> bytes:
    body = "".join(f"Line {n}: Sergei Lavrov said talks would continue.\n" for n in range(100_000))
    return u("Article with one hundred thousand lines\n" + body)


def _one_mb_line() -> bytes:
    return u("Article with a one-megabyte line\n" + _repeat_to("negotiations ", 1024 * 1024) + "\n")


def _citations_10k() -> bytes:
    body = "".join(
        f"Claim number {n} was reported [CITATION: https://example.org/source/{n}].\n"
        for n in range(10_000)
    )
    return u("Article with ten thousand citation markers\n" + body)


GENERATED: dict[str, Callable[[], bytes]] = {
    "too_large_20mb.txt": _too_large,
    "lines_100k.txt": _lines_100k,
    "one_mb_line.txt": _one_mb_line,
    "citations_10k.txt": _citations_10k,
    "nested_list_5000.txt": lambda: u("Nested list markers\n" + "- " * 5000 + "x\n"),
    "nested_indent_list_1000.txt": lambda: u(
        "Indented nested list\n" + "".join(" " * (2 * n) + f"- item {n}\n" for n in range(1000))
    ),
    "nested_quote_5000.txt": lambda: u("Nested quote markers\n" + "> " * 5000 + "x\n"),
    "parens_10k.txt": lambda: u("Ten thousand parentheses\n" + "(" * 10_000 + "\n"),
    "brackets_10k.txt": lambda: u("Ten thousand brackets\n" + "[" * 10_000 + "\n"),
    "link_open_10k.txt": lambda: u("Ten thousand unclosed links\n" + "[a](" * 10_000 + "\n"),
    "stars_200k.txt": lambda: u("Two hundred thousand asterisks\n" + "*" * 200_000 + "\n"),
    "stars_underscores_200k.txt": lambda: u("Asterisks and underscores\n" + "*_" * 100_000 + "\n"),
    "backticks_100k.txt": lambda: u("Backticks\n" + "`a" * 50_000 + "\n"),
    "angle_brackets_100k.txt": lambda: u("Angle brackets\n" + "<a " * 33_000 + "\n"),
    "entities_100k.txt": lambda: u("Entity starts\n" + "&#" * 50_000 + "\n"),
}

# Created as a symbolic link, not as bytes (write_generated handles it).
SYMLINK_CASE = "symlink_outside.txt"
SYMLINK_TARGET = "/etc/passwd"


def build_generated(name: str) -> bytes:
    """The bytes of one generated case (not the symlink)."""
    return GENERATED[name]()


def write_generated(directory: Path, names: list[str] | None = None) -> list[Path]:
    """Write the generated cases (all, or ``names``) into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names if names is not None else [*GENERATED, SYMLINK_CASE]:
        path = directory / name
        if name == SYMLINK_CASE:
            if path.is_symlink() or path.exists():
                path.unlink()
            path.symlink_to(SYMLINK_TARGET)
        else:
            path.write_bytes(build_generated(name))
        written.append(path)
    return written


# ---------------------------------------------------------------------------


def write_cases(root: Path = ARTICLES) -> None:
    for rel, data in CASES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def check_cases(root: Path = ARTICLES) -> list[str]:
    problems = []
    for rel, data in CASES.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"missing: {rel}")
        elif path.read_bytes() != data:
            problems.append(f"differs: {rel}")
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    problems += [f"unexpected: {rel}" for rel in sorted(on_disk - set(CASES))]
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        problems = check_cases()
        print("\n".join(problems) or f"ok: {len(CASES)} files")
        return 1 if problems else 0
    if argv[:1] == ["--generated"] and len(argv) == 2:
        for path in write_generated(Path(argv[1])):
            print(path)
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    write_cases()
    print(f"wrote {len(CASES)} files under {ARTICLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
