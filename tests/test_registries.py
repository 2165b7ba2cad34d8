"""Registries are untrusted input: every malformed registry is a path:line problem from the real
command line, never a traceback, a hang or a change to ``docs/archive``; ignored aliases are
warnings; chrome patterns that can backtrack catastrophically are refused by a named rule.

The command-line cases copy the project (mkdocs.yml, docs, corpus) into a temporary folder,
break one registry and run ``python -m generator check`` and ``generate`` there, each with a
timeout so that a regression cannot hang the suite.
"""

from __future__ import annotations

import os
import re
import re._parser
import shutil
import tempfile
from pathlib import Path

import frontmatter
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import CORPUS

from generator import clean, patterns
from generator.knowledge import build_knowledge
from generator.model import Problem
from generator.patterns import UnsafePattern, compile_pattern
from generator.registry import MAX_BYTES, RegistryError, load_registries

TIMEOUT = 60
PERSON = "people:\n  Jane Doe:\n"

# "Billion laughs": 2.6 KB of YAML that expands to 10^9 strings if aliases are followed.
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB + \
    "people: *i\n"

# (registry, content, line, what the message must say) for each malformed registry.
BROKEN = {
    "empty alias": ("people.yml", PERSON + "    aliases: [Janey, '  ']\n", 3,
                    r"'Jane Doe': aliases: an item is empty"),
    "invisible alias": ("people.yml", PERSON + '    aliases: ["\\u200b"]\n', 3,
                        r"an item is empty once invisible characters are removed \('\\u200b'\)"),
    "roles a number": ("people.yml", PERSON + "    roles: 5\n", 3,
                       r"'Jane Doe': roles must be a list of \{role: .*\}, not a number"),
    "impossible date": ("people.yml", PERSON + "    roles:\n      - {role: Envoy, from: "
                        "2020-02-30}\n", 4, r"from: '2020-02-30' is not a real calendar date"),
    "role ends first": ("people.yml", PERSON + "    roles:\n      - role: Envoy\n        from: "
                        "2021-01-01\n        to: 2020-01-01\n", 6,
                        r"the role ends \(2020-01-01\) before it starts \(2021-01-01\)"),
    "aliases a mapping": ("people.yml", PERSON + "    aliases: {Janey: J}\n", 3,
                          r"aliases must be text or a list of text, not a mapping"),
    "aliases a number": ("people.yml", PERSON + "    aliases: 5\n", 3,
                         r"aliases must be text or a list of text, not a number"),
    "aliases nested": ("people.yml", PERSON + "    aliases:\n      - [Janey, J]\n", 4,
                       r"aliases: an item must be text, not a list"),
    "wikidata": ("people.yml", PERSON + "    wikidata: 7747\n", 3,
                 r"wikidata '7747' is not a Wikidata id"),
    "details a list": ("people.yml", PERSON + "    - Janey\n", 3,
                       r"'Jane Doe': expected a mapping of details .*, not a list"),
    "alias bomb": ("people.yml", BOMB, 1, r"YAML anchors and aliases are not allowed"),
    "python tag": ("people.yml", "people: !!python/object/apply:os.system [echo hi]\n", 1,
                   r"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "duplicate section": ("people.yml", "people:\n  A B: {}\npeople:\n  C D: {}\n", 3,
                          r"duplicate key 'people' \(first written on line 1\)"),
    "duplicate person": ("people.yml", "people:\n  Jane Doe: {}\n  Jane Doe: {}\n", 3,
                         r"duplicate key 'Jane Doe' \(first written on line 2\)"),
    "invalid YAML": ("people.yml", "people:\n  Jane Doe: [unclosed\n", 3, r"invalid YAML: "),
    "top-level typo": ("boilerplate.yml", "drop_lines:\n  - subscribe\n", 1,
                       r"unknown key 'drop_lines'; did you mean 'drop_line'\?"),
    "catastrophic pattern": ("boilerplate.yml", "drop_line:\n  - subscribe\n  - '(a+)+$'\n", 3,
                             r"drop_line: pattern '\(a\+\)\+\$' can backtrack catastrophically: "
                             r"\(a\) a repeated part holds a repeat"),
    "pattern matching everything": ("boilerplate.yml", "drop_sentence: ['.*']\n", 1,
                                    r"pattern '\.\*' matches an empty line"),
    "pattern matching prose": ("boilerplate.yml", "drop_line_and_next:\n  - '[A-Z].*'\n", 2,
                               r"matches the ordinary article line 'Ministers agree"),
    "pattern not compiling": ("boilerplate.yml", "drop_block:\n  - '(unclosed'\n", 2,
                              r"pattern '\(unclosed' does not compile: missing \)"),
    "patterns not a list": ("boilerplate.yml", "drop_block: read more\n", 1,
                            r"drop_block must be a list of text, not text"),
    "topic id": ("topics.yml", "topics:\n  Bad_Id: {phrases: [x]}\n", 2,
                 r"topic id 'Bad_Id': use lower-case letters"),
    "topic without phrases": ("topics.yml", "topics:\n  talks: {label: Talks, phrases: []}\n", 2,
                              r"topic 'talks' has no phrases"),
    "min_mentions": ("topics.yml", "topics:\n  talks:\n    phrases: [talks]\n    min_mentions: "
                     "0\n", 4, r"min_mentions must be a whole number ≥ 1, not '0'"),
    "outlet yes": ("organizations.yml", "organizations:\n  Foo News:\n    outlet: yes\n", 3,
                   r"outlet must be true or false, not text 'yes'"),
    "platform 1": ("organizations.yml", "organizations:\n  Chirp:\n    platform: 1\n", 3,
                   r"platform must be true or false, not a number"),
    "place aliases": ("places.yml", "aliases:\n  France: {French Republic: x}\n", 2,
                      r"place 'France': aliases must be text or a list of text, not a mapping"),
    "regions": ("places.yml", "regions: [Europe, 5]\n", 1,
                r"regions: an item must be text, not a number"),
    "subject variant twice": ("subjects.yml", "merge:\n  Gaza: [Gaza Strip]\n  Strip: "
                              "[Gaza Strip]\n", 3, r"variant 'Gaza Strip' is already merged into "
                              r"'Gaza' \(line 2\)"),
    "subjects per article": ("subjects.yml", "per_article: many\n", 1,
                             r"per_article must be a whole number from 1 to 50, not 'many'"),
    "not UTF-8": ("people.yml", b"people:\n  Jos\xe9 Doe: {}\n", 2,
                  r"not valid UTF-8: byte 0xe9 at byte offset 13"),
    "too large": ("people.yml", b"people:\n" + b"#" * MAX_BYTES, 1,
                  r"bytes; the limit is 4,000,000"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory, project_copy, generator_run) -> Path:
    """A copy of the project with the archive of a good build in docs/archive."""
    project = project_copy(tmp_path_factory.mktemp("template") / "project")
    result = generator_run(project, "generate", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(template, tmp_path) -> Path:
    destination = tmp_path / "project"
    shutil.copytree(template, destination, symlinks=True)
    return destination


def _archive(project: Path) -> dict[str, bytes]:
    """Every file under docs/archive with its bytes."""
    archive = project / "docs" / "archive"
    return {path.relative_to(archive).as_posix(): path.read_bytes()
            for path in sorted(archive.rglob("*")) if path.is_file()}


def _assert_refused(run, project: Path, registry: str, line: int, message: str) -> None:
    before = _archive(project)
    assert before
    for command in ("check", "generate"):
        result = run(project, command, timeout=TIMEOUT)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        # check adds the column and the severity (path:line:col: error: …); generate does not.
        assert re.search(rf"^corpus/{re.escape(registry)}:{line}:(?:\d+: error:)? [^\n]*(?:{message})",
                         result.stderr, re.MULTILINE), (command, result.stderr)
        assert _archive(project) == before, command


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_registry_is_a_problem_with_its_line(project, generator_run, case):
    registry, content, line, message = BROKEN[case]
    path = project / "corpus" / registry
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    _assert_refused(generator_run, project, registry, line, message)


def test_a_fifo_named_like_a_registry_is_refused_without_blocking(project, generator_run):
    path = project / "corpus" / "people.yml"
    path.unlink()
    os.mkfifo(path)
    _assert_refused(generator_run, project, "people.yml", 1, r"a named pipe \(FIFO\), not a file")


def test_a_folder_named_like_a_registry_is_refused(project, generator_run):
    path = project / "corpus" / "topics.yml"
    path.unlink()
    path.mkdir()
    _assert_refused(generator_run, project, "topics.yml", 1, r"a folder, not a file")


def test_registry_text_in_messages_is_printable(project, generator_run):
    # YAML's "\e" escape puts a raw ESC into the key; "\u202e" flips the terminal's text.
    (project / "corpus" / "people.yml").write_text(
        '"\\e[2J\\e[31mpeople\\u202e": {}\n', encoding="utf-8")
    _assert_refused(generator_run, project, "people.yml", 1,
                    r"unknown key '\\x1b\[2J\\x1b\[31mpeople\\u202e'; did you mean 'people'\?")
    result = generator_run(project, "check", timeout=TIMEOUT)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_every_problem_is_reported_at_once(project, generator_run):
    (project / "corpus" / "people.yml").write_text(PERSON + "    roles: 5\n", encoding="utf-8")
    (project / "corpus" / "topics.yml").write_text("topics:\n  Bad_Id: {phrases: [x]}\n",
                                                   encoding="utf-8")
    result = generator_run(project, "check", timeout=TIMEOUT)
    assert result.returncode == 1
    assert re.search(r"^corpus/people\.yml:3:1: error: ", result.stderr, re.MULTILINE), result.stderr
    assert re.search(r"^corpus/topics\.yml:2:1: error: ", result.stderr, re.MULTILINE), result.stderr


def test_a_bom_and_windows_line_ends_are_accepted(tmp_path):
    (tmp_path / "people.yml").write_bytes(
        b"\xef\xbb\xbfpeople:\r\n  Jane Doe:\r\n    aliases: [Janey]\r\n")
    (person,) = load_registries(tmp_path).people
    assert (person.name, person.aliases) == ("Jane Doe", ("Janey",))


# --- warnings: ignored aliases, unknown keys inside an entry ---------------------------------

WARNED = (
    'people:\n'
    '  "Jane\\u200b Doe":\n'
    '    aliases: [The, France, Janey]\n'
    '    alias: [J. Doe]\n'
    '    roles:\n'
    '      - {role: "Special\\u202e Envoy to France"}\n'
)
ARTICLE = ("Envoy visits France\n"
           "The envoy Jane Doe said on Monday that talks in France would resume. \"The "
           "talks will go on,\" Jane Doe told reporters. The ministers agreed.\n")


def _warned_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for registry in CORPUS.glob("*.yml"):
        shutil.copy2(registry, corpus / registry.name)
    (corpus / "people.yml").write_text(WARNED, encoding="utf-8")
    return corpus


def test_common_words_and_places_are_ignored_as_aliases_with_a_warning(tmp_path):
    corpus = _warned_corpus(tmp_path)
    registries = load_registries(corpus)
    path = str(corpus / "people.yml")
    assert [(w.line, w.severity) for w in registries.warnings] == [
        (3, "warning"), (3, "warning"), (4, "warning")]
    messages = [w.message for w in registries.warnings]
    assert "alias 'The' is a common English word and was ignored" in messages[0]
    assert "alias 'France' is the name of the place 'France' and was ignored" in messages[1]
    assert "unknown key 'alias' was ignored; did you mean 'aliases'?" in messages[2]
    assert all(w.path == path for w in registries.warnings)
    (person,) = registries.people
    assert person.name == "Jane Doe"
    assert person.aliases == ("Janey",)
    assert person.roles[0].role == "Special Envoy to France"
    knowledge = build_knowledge(registries)
    assert "the" not in knowledge.people and "france" not in knowledge.people
    assert knowledge.places["france"] == "France"


def test_an_ignored_alias_neither_makes_a_speaker_nor_removes_a_place(project, generator_run):
    (project / "corpus" / "people.yml").write_text(WARNED, encoding="utf-8")
    shutil.rmtree(project / "corpus" / "articles")
    (project / "corpus" / "articles").mkdir()
    (project / "corpus" / "articles" / "envoy.txt").write_text(ARTICLE, encoding="utf-8")
    result = generator_run(project, "generate", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"^corpus/people\.yml:3: warning: 'Jane Doe': alias 'The' is a common "
                     r"English word and was ignored", result.stderr, re.MULTILINE), result.stderr
    archive = project / "docs" / "archive"
    (page,) = (archive / "articles").glob("*.md")
    meta = frontmatter.loads(page.read_text(encoding="utf-8")).metadata
    assert meta["people"] == ["Jane Doe"]
    assert "France" in meta["places"]
    for generated in archive.rglob("*.md"):
        text = generated.read_text(encoding="utf-8")
        assert "\u202e" not in text and "\u200b" not in text, generated


# --- linear: no file is read again per problem -----------------------------------------------


def test_sixteen_thousand_malformed_entries_give_every_problem(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "people.yml").write_text("people:\n" + "".join(
        f"  Person {number}:\n    alias: [P{number}]\n    roles: 5\n    aliases: ['']\n"
        for number in range(16_000)), encoding="utf-8")
    with pytest.raises(RegistryError) as raised:
        load_registries(corpus)
    problems = raised.value.problems
    assert len(problems) == 48_000
    assert sum(problem.severity == "warning" for problem in problems) == 16_000
    assert problems[-1] == Problem(str(corpus / "people.yml"), 64_001,
                                   "'Person 15999': aliases: an item is empty")


# --- the pattern rule -------------------------------------------------------------------------

OLD_SHARE = r"((share|post|tweet)( this| it)?( on| via| to)? [\w+.]{1,20}\s*[|·•,]?\s*){2,6}"
OLD_BYLINE = (r"by (?-i:[A-Z])[\w.'’-]+( (?-i:[A-Z])[\w.'’-]+){0,3}((,| and| &) (?-i:[A-Z])"
              r"[\w.'’-]+( (?-i:[A-Z])[\w.'’-]+){0,3})*( ?[|–—] ?[^.]{0,60})?"
              r"(, (?-i:[a-z])[\w ,-]{0,60})?")


@pytest.mark.parametrize("pattern, rule", [
    (r"(a+)+$", "(a)"), (r"(\w+\s?)+", "(a)"), (r"(.*a){2,}", "(a)"), (r"(xa+a+)+", "(a)"),
    (r"(aa?)+", "(a)"), (r"(a|a)*x", "(b)"), (r"(a*)*", "(c)"), (r"(a?)+x", "(c)"),
    (r"(\b)+x", "(c)"), (r".*a.*a.*b", "(d)"),
    # Shipped until now: 21 s on a 163-character line of share buttons, and exponential in
    # the number of " And " in a byline.
    (OLD_SHARE, "(a)"), (OLD_BYLINE, "(a)"),
])
def test_patterns_that_can_backtrack_catastrophically_are_refused(pattern, rule):
    with pytest.raises(UnsafePattern, match=rf"can backtrack catastrophically: {re.escape(rule)}"):
        compile_pattern(pattern)


@pytest.mark.parametrize("pattern", [
    r"( [A-Z]\w+){1,3}",  # each iteration must begin with a space, which \w+ cannot take
    r"\d+ min(ute)?s? read", r".*a.*b", r"(a|b)*c", r"[\w ]+x", r"(?>.*)x", r"x.*+",
])
def test_unambiguous_or_bounded_patterns_pass(pattern):
    compile_pattern(pattern)


@pytest.mark.parametrize("written, parsed", [(r"(\w|\d)+x", r"([\w\d])+x"),
                                             (r"(ab|a)+x", r"(a(?:b|))+x")])
def test_alternations_python_already_merges_pass(written, parsed):
    # Python's parser rewrites these before matching, so they cannot backtrack: the rule,
    # working on the parse tree, accepts them.
    assert str(re._parser.parse(written).data) == str(re._parser.parse(parsed).data)
    compile_pattern(written)


def test_backreferences_are_refused():
    with pytest.raises(UnsafePattern, match="backreference"):
        compile_pattern(r"(a)\1x")


def test_the_shipped_patterns_pass_and_the_line_limit_is_the_cleaners():
    assert patterns.LINE_LIMIT == clean.CHROME_LINE_LIMIT
    shipped = yaml.safe_load((CORPUS / "boilerplate.yml").read_text(encoding="utf-8"))
    for pattern in (pattern for section in shipped.values() for pattern in section):
        compile_pattern(pattern)


# --- any text in a registry is a RegistryError at worst --------------------------------------

_TOKENS = st.sampled_from([
    "people:", "\n", "  ", "    ", "- ", "aliases:", "roles:", "role:", "from:", "to:",
    "wikidata:", "alias:", "[", "]", "{", "}", ", ", ": ", "&a ", "*a", "!!str ", "!x ", "'", '"',
    "2020-02-30", "2020-01-01", "Q7747", "true", "yes", "~", "# c", "\t", "\x1b[31m", "\u202e",
    "\u200b", "Jos\u00e9", "---", "? ", "|", ">", "%YAML 1.1", "\\", "Jane Doe", "The", "France",
    "5", "0x10", "<<: ", "\r\n", "\ufeff",
])
REGISTRY_TEXT = st.one_of(
    st.lists(st.one_of(_TOKENS, st.text(max_size=5)), max_size=40).map("".join)
    .map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REGISTRY_TEXT)
def test_any_people_registry_loads_or_is_a_registry_error(data):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        (corpus / "people.yml").write_bytes(data)
        try:
            registries = load_registries(corpus)
        except RegistryError as error:
            assert error.problems
            assert all(problem.line >= 1 for problem in error.problems)
            assert all(str(problem).isprintable() for problem in error.problems)
        else:
            for person in registries.people:
                assert person.name and all(person.aliases)
