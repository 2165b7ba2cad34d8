"""Stage 1, read: decoding, newline and invisible-character normalisation, front-matter."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import ArticleRejected, Header
from generator.read import (
    MAX_BYTES,
    MAX_LINE_CHARS,
    check_size,
    decode,
    normalise_text,
    parse_header,
    read_article,
    split_front_matter,
)

BODY = "Headline of the article\nFirst paragraph of the article.\n"


def rejected(data: bytes, path: str = "a.txt") -> ArticleRejected:
    with pytest.raises(ArticleRejected) as caught:
        read_article(path, data)
    return caught.value


def header_of(yaml_text: str) -> tuple[Header, list]:
    raw, warnings = read_article("a.txt", f"---\n{yaml_text}---\n{BODY}".encode())
    return raw.header, warnings


# --- decoding ---------------------------------------------------------------------------------


def test_utf8_bom_is_removed():
    raw, _ = read_article("a.txt", b"\xef\xbb\xbf" + BODY.encode())
    assert raw.body == BODY
    assert not raw.body.startswith("\ufeff")


def test_utf8_bom_before_front_matter_keeps_the_header():
    raw, _ = read_article("a.txt", b"\xef\xbb\xbf---\ntitle: From the header\n---\n" + b"Text.\n")
    assert raw.header.title == "From the header"
    assert raw.body == "Text.\n"
    assert raw.body_line == 4


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(codec, bom):
    text = "Заголовок\r\nМосква said “hello”.\r\n"
    raw, _ = read_article("a.txt", bom + text.encode(codec))
    assert raw.body == "Заголовок\nМосква said “hello”.\n"


def test_utf16_odd_length_is_an_encoding_error():
    error = rejected(b"\xff\xfe" + "Headline".encode("utf-16-le") + b"\x00")
    assert "UTF-16" in error.problem.message


def test_crlf_and_lone_cr_become_newlines():
    assert decode("a.txt", b"a\r\nb") == "a\r\nb"
    raw, _ = read_article("a.txt", b"Headline\r\nOne.\r\n\r\nTwo.\rThree.\r")
    assert raw.body == "Headline\nOne.\n\nTwo.\nThree.\n"


def test_unicode_line_separators_become_newlines():
    assert normalise_text("a\u2028b\u2029c\x85d\x0be\x0cf") == "a\nb\nc\nd\ne\nf"


def test_nul_byte_is_rejected_with_line_and_offset():
    data = b"Headline\nSome text\x00 more\n"
    problem = rejected(data, "bin.txt").problem
    assert problem.path == "bin.txt"
    assert problem.line == 2
    assert "NUL" in problem.message
    assert str(data.index(b"\x00")) in problem.message
    assert str(problem).startswith("bin.txt:2: ")


def test_cp1252_quotes_are_rejected_with_byte_offset_and_hint():
    data = b"Headline\nThe minister said \x93we will talk\x94.\n"
    offset = data.index(b"\x93")
    problem = rejected(data).problem
    assert problem.line == 2
    assert f"byte offset {offset}" in problem.message
    assert "0x93" in problem.message
    assert "Windows-1252" in problem.message


def test_other_invalid_utf8_is_rejected_with_offset():
    data = b"Headline\nBroken \xed\xa0\x80 bytes.\n"
    problem = rejected(data).problem
    assert problem.line == 2
    assert str(data.index(b"\xed")) in problem.message
    assert "UTF-8" in problem.message


def test_zero_width_and_bidi_characters_are_removed():
    text = "Ser\u200bgei Lav\u2060rov \u202eadded\u202c \u00adsoft\ufeff"
    assert normalise_text(text) == "Sergei Lavrov added soft"


def test_control_characters_are_removed_and_tabs_become_spaces():
    assert normalise_text("a\x07bc\x7fd\te") == "abcd e"


def test_terminal_colour_codes_are_removed_whole():
    assert normalise_text("Talks\x1b[31m resume\x1b[0m") == "Talks resume"


def test_text_is_nfc_normalised():
    assert normalise_text("cafe\u0301") == "caf\u00e9"


def test_size_limit():
    with pytest.raises(ArticleRejected) as caught:
        check_size("big.txt", MAX_BYTES + 1)
    assert caught.value.problem.line == 1
    assert "limit" in caught.value.problem.message
    check_size("ok.txt", MAX_BYTES)


def test_overlong_line_is_rejected_with_its_line():
    data = ("Headline\nShort line.\n" + "x" * (MAX_LINE_CHARS + 1) + "\n").encode()
    problem = rejected(data).problem
    assert problem.line == 3
    assert "characters" in problem.message


@pytest.mark.parametrize("data", [b"", b"   \n\t\n\r\n", b"\xef\xbb\xbf", "\u200b\n".encode()])
def test_empty_file_is_rejected(data):
    problem = rejected(data).problem
    assert "empty" in problem.message
    assert problem.line == 1


def test_header_without_text_is_rejected_at_the_body_line():
    problem = rejected(b"---\ntitle: Only a header\n---\n\n").problem
    assert "empty" in problem.message
    assert problem.line == 4


def test_content_hash_ignores_whitespace_differences():
    one, _ = read_article("a.txt", b"Headline\nSome   text.\n")
    two, _ = read_article("b.txt", b"Headline\r\n\r\nSome text.   \r\n")
    three, _ = read_article("c.txt", b"Headline\nOther text.\n")
    assert one.content_hash == two.content_hash != three.content_hash


def test_fallback_date_is_kept():
    raw, _ = read_article("a.txt", BODY.encode(), dt.date(2024, 1, 2), "git")
    assert (raw.fallback_date, raw.fallback_date_source) == (dt.date(2024, 1, 2), "git")


# --- front-matter -----------------------------------------------------------------------------


def test_no_header_means_whole_file_is_body():
    header, body, line, warnings = split_front_matter("a.txt", BODY)
    assert header == Header()
    assert (body, line, warnings) == (BODY, 1, [])


def test_allow_listed_keys_are_parsed():
    header, warnings = header_of(
        "title: A title\n"
        "date: 2024-03-05\n"
        "source: Reuters\n"
        "url: https://example.org/a?b=1#c\n"
        "slug: my-slug\n"
        "description: Short description\n"
        "speakers: [Sergei Lavrov, Kaja Kallas]\n"
        "people: Antony Blinken\n"
        "organizations:\n  - NATO\n"
        "places: [Kyiv]\n"
        "topics: [sanctions]\n"
    )
    assert warnings == []
    assert header == Header(
        title="A title", date=dt.date(2024, 3, 5), source="Reuters",
        url="https://example.org/a?b=1#c", slug="my-slug", description="Short description",
        speakers=("Sergei Lavrov", "Kaja Kallas"), people=("Antony Blinken",),
        organizations=("NATO",), places=("Kyiv",), topics=("sanctions",),
    )


def test_body_line_after_header():
    raw, _ = read_article("a.txt", b"---\ntitle: T\ndate: 2024-01-01\n---\nBody line.\n")
    assert raw.body_line == 5
    assert raw.body == "Body line.\n"


def test_header_closed_with_dots():
    raw, _ = read_article("a.txt", b"---\ntitle: Dotted\n...\nBody.\n")
    assert raw.header.title == "Dotted"
    assert raw.body == "Body.\n"


def test_crlf_header():
    raw, _ = read_article("a.txt", b"---\r\ntitle: CRLF title\r\n---\r\nBody.\r\n")
    assert raw.header.title == "CRLF title"


def test_unknown_keys_are_ignored_with_a_warning_naming_the_line():
    header, warnings = header_of("title: T\ntemplate: main.html\nhide: [toc]\n")
    assert header == Header(title="T")
    assert [(w.line, w.severity) for w in warnings] == [(3, "warning"), (4, "warning")]
    assert "'template'" in warnings[0].message
    assert str(warnings[0]).startswith("a.txt:3: warning: ")


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "y", "n", "Yes", "NO"])
def test_yaml_11_booleans_stay_text(value):
    header, _ = header_of(f"title: {value}\n")
    assert header.title == value


@pytest.mark.parametrize("value, expected", [("123", "123"), ("1.5", "1.5"), ("0x1F", "0x1F"),
                                             ("1e3", "1e3"), ("2024", "2024"), ("007", "007")])
def test_numbers_as_titles_are_kept_as_written(value, expected):
    header, _ = header_of(f"title: {value}\n")
    assert header.title == expected


def test_empty_and_null_values_are_absent():
    header, _ = header_of("title:\nsource: ~\ndescription: ''\n")
    assert header == Header()


def test_empty_header():
    raw, warnings = read_article("a.txt", b"---\n---\nHeadline\nText.\n")
    assert raw.header == Header()
    assert warnings == []
    assert raw.body_line == 3


@pytest.mark.parametrize("date", ["not a date", "2024-02-30", "2024-13-01", "03/05/2024", "[1]"])
def test_bad_date_is_rejected_with_its_line(date):
    data = f"---\ntitle: T\ndate: {date!r}\n---\nText.\n".encode()
    if date == "[1]":
        data = b"---\ntitle: T\ndate: [1]\n---\nText.\n"
    problem = rejected(data).problem
    assert problem.line == 3
    assert "date" in problem.message


def test_unquoted_impossible_date_is_rejected_with_its_line():
    problem = rejected(b"---\ntitle: T\ndate: 2024-02-30\n---\nText.\n").problem
    assert problem.line == 3
    assert "2024-02-30" in problem.message


def test_duplicate_keys_are_rejected_at_the_second():
    problem = rejected(b"---\ntitle: One\ndate: 2024-01-01\ntitle: Two\n---\nText.\n").problem
    assert problem.line == 4
    assert "duplicate key 'title'" in problem.message


@pytest.mark.parametrize("yaml_text, line", [
    ("a: &x [1, 2]\nb: *x\n", 2),
    ("title: &t Anchored\n", 2),
    ('a: &a ["lol","lol"]\nb: &b [*a,*a]\ntopics: *b\n', 2),
])
def test_anchors_and_aliases_are_rejected(yaml_text, line):
    problem = rejected(f"---\n{yaml_text}---\nText.\n".encode()).problem
    assert "anchors and aliases" in problem.message
    assert problem.line == line


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system",
                                 "!!str", "!custom", "!!binary"])
def test_tags_are_rejected(tag):
    problem = rejected(f'---\ntitle: {tag} ["echo hi"]\n---\nText.\n'.encode()).problem
    assert problem.line == 2
    assert "tag" in problem.message


def test_unclosed_header_is_rejected_at_line_1():
    problem = rejected(b"---\ntitle: Never closed\nBody text.\n").problem
    assert problem.line == 1
    assert "never closed" in problem.message


def test_header_that_is_not_a_mapping():
    problem = rejected(b"---\n- title\n- date\n---\nText.\n").problem
    assert "mapping" in problem.message


def test_list_where_text_is_expected():
    problem = rejected(b"---\ntitle: [a, b]\n---\nText.\n").problem
    assert problem.line == 2
    assert "'title' must be a single value" in problem.message


def test_nested_list_in_a_list_key():
    problem = rejected(b"---\npeople:\n  - [a, b]\n---\nText.\n").problem
    assert "single value" in problem.message


def test_invalid_yaml_gives_a_line():
    problem = rejected(b"---\ntitle: ok\nbad: [unclosed\n---\nText.\n").problem
    assert problem.message.startswith("front-matter: invalid YAML")
    assert 2 <= problem.line <= 5


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/",
                                 "https://example.org/\"><script>", "https://exa mple.org/",
                                 "//example.org/x", "https://"])
def test_url_must_be_a_web_address(url):
    data = f"---\ntitle: T\nurl: {url!r}\n---\nText.\n".encode()
    problem = rejected(data).problem
    assert problem.line == 3
    assert "url" in problem.message


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org/a_(b)?c=d&e=f#g",
                                 "HTTPS://EXAMPLE.ORG/Путь", "https://example.org/it's"])
def test_web_urls_are_accepted(url):
    header, _ = header_of(f"url: {url!r}\n")
    assert header.url == url


def test_header_values_are_normalised():
    header, _ = header_of('title: "Lav\\u200brov\\tsaid"\nspeakers: ["Ser\\u200bgei Lavrov", ""]\n')
    assert header.title == "Lavrov said"
    assert header.speakers == ("Sergei Lavrov",)


def test_parse_header_reports_file_lines():
    _header, warnings = parse_header("x.txt", "a: 1\nb: 2\n", 10)
    assert [w.line for w in warnings] == [10, 11]


def test_dashes_later_in_the_body_are_not_a_header():
    raw, _ = read_article("a.txt", b"Headline\n---\nText.\n")
    assert raw.header == Header()
    assert raw.body == "Headline\n---\nText.\n"


def test_a_header_key_typo_suggests_the_key():
    _raw, warnings = read_article("a.txt", b"---\ntitel: Talks\n---\nTalks resumed.\n")
    assert [w.message for w in warnings] == [
        "front-matter key 'titel' is not supported and was ignored; did you mean 'title'?"]


def test_a_header_date_in_the_future_is_an_error():
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    with pytest.raises(ArticleRejected, match="lies in the future"):
        read_article("a.txt", f"---\ndate: {future}\n---\nTalks resumed.\n".encode())
    tomorrow = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()
    raw, _warnings = read_article("a.txt", f"---\ndate: {tomorrow}\n---\nText.\n".encode())
    assert raw.header.date.isoformat() == tomorrow
