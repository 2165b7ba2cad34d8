"""Extraction quality against the hand-written gold set: precision, recall and F1 per field.

In: a gold folder (``articles/*.txt`` and ``expected/*.yml`` answer keys, see
``tests/gold/README.md``) and the registries of a corpus. The gold articles are processed as
one archive (so cross-article name resolution is exercised). Out: a :class:`Scores` table,
printed by ``briefing eval``. Names are compared as the same person when they are
romanisation variants (:func:`generator.resolve.same_person`); organisations and places
after the registries' aliases.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.build import Settings, make_pages
from generator.knowledge import Knowledge, build_knowledge, fold
from generator.model import Article
from generator.reachable import reachable
from generator.registry import Registries, load_registries
from generator.resolve import same_person

_LIST_MARKER = re.compile(r"^(?:[-*•–]|\d{1,3}[.)])\s+")
FIELDS = ("speakers", "people", "organizations", "places", "topics")


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class QuoteTally:
    """Quotation by quotation: a keyed quotation is right when a statement covers its first
    words with the keyed person (and none with another), wrong when a statement covers it
    with another person (any person, for words the key gives to nobody), missed otherwise."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    unnamed: int = 0
    unnamed_taken: int = 0

    @property
    def precision(self) -> float:
        made = self.right + self.wrong
        return self.right / made if made else 1.0

    @property
    def recall(self) -> float:
        named = self.right + self.missed + self.wrong - self.unnamed_taken
        return self.right / named if named else 1.0


@dataclass
class Scores:
    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    statements_found: int = 0
    statements_expected: int = 0
    dates_right: int = 0
    dates_expected: int = 0
    dates_invented: int = 0
    split_people: list[str] = field(default_factory=list)
    merged_people: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    articles: int = 0
    quotes: QuoteTally = field(default_factory=QuoteTally)
    quote_errors: list[str] = field(default_factory=list)
    # Real pasted pages (keys with a 'title' and 'chrome'): the first things a reader sees.
    titles_right: int = 0
    authors_right: int = 0
    authors_expected: int = 0
    titles_expected: int = 0
    chrome_removed: int = 0
    chrome_expected: int = 0
    body_words: int = 0
    body_words_lost: int = 0
    # The same pages through jusText (one paragraph per pasted line): the anchor to beat.
    justext_chrome_removed: int = 0
    justext_body_words_lost: int = 0
    # Labelled subjects (keys with 'subjects') reachable from the page's topics and subjects.
    subjects_reachable: int = 0
    subjects_expected: int = 0


def _key(field_name: str, name: str, knowledge: Knowledge) -> str:
    folded = fold(name).removeprefix("the ")
    if field_name == "organizations":
        return fold(knowledge.organizations.get(folded, name)).removeprefix("the ")
    if field_name == "places":
        return fold(knowledge.places.get(folded, name))
    return folded


def _matches(field_name: str, predicted: str, gold: str, knowledge: Knowledge) -> bool:
    if field_name in ("speakers", "people"):
        return fold(predicted) == fold(gold) or same_person(predicted, gold)
    return _key(field_name, predicted, knowledge) == _key(field_name, gold, knowledge)


def _compare(field_name: str, predicted: list[str], gold: list[str], knowledge: Knowledge,
             tally: Tally, errors: list[str], article: str) -> list[tuple[str, str]]:
    unmatched = list(gold)
    pairs = []
    for name in predicted:
        match = next((g for g in unmatched if _matches(field_name, name, g, knowledge)), None)
        if match is None:
            tally.false_positive += 1
            errors.append(f"{article}: {field_name}: unexpected {name!r}")
        else:
            unmatched.remove(match)
            tally.true_positive += 1
            pairs.append((name, match))
    for name in unmatched:
        tally.false_negative += 1
        errors.append(f"{article}: {field_name}: missed {name!r}")
    return pairs


def score_quotes(article: Article, quotes: list[dict], tally: QuoteTally,
                 errors: list[str]) -> None:
    """Add one article's keyed quotations to ``tally``; wrong ones and misses to ``errors``."""
    text = article.clean.text
    source = article.clean.raw.source_file
    for quote in quotes:
        # The first words, not the punctuation a key may copy from inside the marks.
        first, wanted = str(quote["first"]).rstrip(" ,.;:"), quote.get("speaker")
        if not wanted:
            tally.unnamed += 1
        position = text.find(first)
        covering = [] if position < 0 else [
            statement.speaker for statement in article.statements
            if statement.start <= position
            and position + len(first) <= statement.start + len(statement.text)]
        others = [name for name in covering if not wanted or not same_person(name, wanted)]
        if others:
            tally.wrong += 1
            tally.unnamed_taken += not wanted
            errors.append(f"{source}: WRONG {others[0]!r} for {wanted or 'nobody'!r}: "
                          f"{first[:60]!r}")
        elif covering:
            tally.right += 1
        elif wanted:
            tally.missed += 1
            where = "" if position >= 0 else " (not in the cleaned text)"
            errors.append(f"{source}: missed {wanted!r}{where}: {first[:60]!r}")


def score_page(article: Article, expected: dict, article_text: str, scores: Scores) -> None:
    """Headline, chrome lines removed, and body words kept, for a key that lists them."""
    source = article.clean.raw.source_file
    title = expected.get("title")
    if title:
        scores.titles_expected += 1
        if article.clean.title.strip() == str(title).strip():
            scores.titles_right += 1
        else:
            scores.errors.append(f"{source}: title {article.clean.title!r}, expected {title!r}")
    if "author" in expected:
        scores.authors_expected += 1
        wanted = expected.get("author")
        if (article.clean.author or None) == (str(wanted) if wanted else None):
            scores.authors_right += 1
        else:
            scores.errors.append(f"{source}: author {article.clean.author!r}, expected "
                                 f"{wanted!r}")
    chrome = [str(line).strip() for line in expected.get("chrome") or []]
    text = article.clean.text
    shown = f"{article.clean.title}\n{text}"
    shown_lines = [line.strip() for line in shown.splitlines()]
    for line in chrome:
        scores.chrome_expected += 1
        if chrome_seen(line, shown_lines):
            scores.errors.append(f"{source}: chrome kept: {line[:70]!r}")
        else:
            scores.chrome_removed += 1
    if "chrome" not in expected:
        return
    for line in body_lines(article_text, expected):
        words = len(line.split())
        scores.body_words += words
        if line not in shown:
            scores.body_words_lost += words
            scores.errors.append(f"{source}: body line lost: {line[:70]!r}")
    boilerplate = justext_boilerplate(article_text)
    scores.justext_chrome_removed += sum(line in boilerplate for line in chrome)
    scores.justext_body_words_lost += sum(len(line.split()) for line in
                                          body_lines(article_text, expected)
                                          if line in boilerplate)


CHROME_SEEN_ANYWHERE_WORDS = 3


def chrome_seen(line: str, shown_lines: list[str]) -> bool:
    """A reader sees a chrome line when it stands on a line of the page (the headline is
    one) or ends one (wrapped onto the line above) or, from three words on, sits anywhere in
    one. A word or two of a tag list or a site name ("Africa", "AP") is also a word of the
    article's own sentences, and finding it there says nothing about the chrome line
    (jusText is scored by lines too); a label glued to the headline is a wrong headline."""
    if len(line.split()) >= CHROME_SEEN_ANYWHERE_WORDS:
        return any(line in shown for shown in shown_lines)
    return any(shown == line or shown.endswith(f" {line}") for shown in shown_lines)


def body_lines(article_text: str, expected: dict) -> list[str]:
    """The lines of a paste a reader must see: neither chrome, the headline, nor the byline.
    A list item keeps its words, not its marker."""
    skipped = {str(line).strip() for line in expected.get("chrome") or []}
    skipped.add(str(expected.get("title") or "").strip())
    author = str(expected.get("author") or "")
    lines = []
    for line in article_text.splitlines():
        line = _LIST_MARKER.sub("", line.strip())
        # The byline may be in capitals ("By JANE DOE").
        if not line or line in skipped or (author and author.casefold() in line.casefold()
                                           and len(line.split()) <= len(author.split()) + 3):
            continue
        lines.append(line)
    return lines


def justext_boilerplate(article_text: str) -> set[str]:
    """The pasted lines jusText (English stop-list) marks boilerplate, each line given to it
    as one HTML paragraph: a well-kept heuristic remover, measured beside the clean stage."""
    import justext

    lines = [line.strip() for line in article_text.splitlines() if line.strip()]
    page = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    paragraphs = justext.justext(f"<html><body>{page}</body></html>",
                                 justext.get_stoplist("English"))
    # One paragraph per line, in order; jusText folds runs of spaces, so a line is matched
    # by its words when the counts ever differ.
    if len(paragraphs) == len(lines):
        pairs = zip(lines, paragraphs, strict=True)
    else:
        by_words = {" ".join(line.split()): line for line in lines}
        pairs = ((by_words.get(" ".join(p.text.split()), p.text), p) for p in paragraphs)
    return {line for line, paragraph in pairs if paragraph.is_boilerplate}


def score_subjects(article: Article, labels: list[str], registries: Registries,
                   knowledge: Knowledge, scores: Scores) -> None:
    """Count the labelled subjects one of the page's ways into the archive reaches (see
    :mod:`generator.reachable`): its topics' labels and phrases, its subjects and their other
    spellings (the registries' aliases of a place or organisation, the variants
    ``subjects.yml`` merges into it, the initials of a name of several capitalised words:
    "WFP" for World Food Programme)."""
    topics = {topic.slug: topic for topic in registries.topics}
    names = [name for slug in article.topics if slug in topics
             for name in (topics[slug].label, *topics[slug].phrases)]
    spellings: dict[str, list[str]] = defaultdict(list)
    for alias, place in registries.places.aliases:
        spellings[fold(place)].append(alias)
    for organization in registries.organizations:
        spellings[fold(organization.name)].extend(organization.aliases)
    for variant, subject in registries.subjects.merge:
        spellings[fold(subject)].append(variant)
    for subject in article.subjects:
        names.extend((subject, *spellings.get(fold(subject), ())))
        capitals = [word for word in subject.split() if word[:1].isupper()]
        if len(capitals) > 1:
            names.append("".join(word[0] for word in capitals))
    generic = knowledge.lexicon.generic_words
    for label in labels:
        scores.subjects_expected += 1
        if reachable(str(label), names, generic, knowledge.place_of_demonym):
            scores.subjects_reachable += 1
        else:
            scores.errors.append(f"{article.clean.raw.source_file}: subject not reachable: "
                                 f"{label!r}")


def evaluate(gold: Path, corpus: Path, jobs: int = 1) -> Scores:
    """Score the generator on the gold set."""
    registries = load_registries(corpus)
    knowledge = build_knowledge(registries)
    scores = Scores()
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as temporary:
        work = Path(temporary)
        shutil.copytree(gold / "articles", work / "corpus" / "articles")
        for registry in corpus.glob("*.yml"):
            shutil.copy2(registry, work / "corpus" / registry.name)
        report = make_pages(Settings(corpus=work / "corpus", docs=work / "docs", jobs=jobs,
                                     config=work / "mkdocs.yml"))
    by_file = {article.clean.raw.source_file: article for article in report.articles}
    for problem in report.rejected:
        scores.errors.append(f"rejected: {problem}")
    person_links: dict[str, set[str]] = defaultdict(set)
    gold_links: dict[str, set[str]] = defaultdict(set)
    for key_file in sorted((gold / "expected").glob("*.yml")):
        expected = yaml.safe_load(key_file.read_text(encoding="utf-8")) or {}
        source = next((name for name in by_file if Path(name).stem == key_file.stem), None)
        if source is None:
            scores.errors.append(f"{key_file.name}: no article page was made")
            continue
        article = by_file[source]
        scores.articles += 1
        predicted = {
            "speakers": list(article.speakers), "people": list(article.people),
            "organizations": list(article.organizations), "places": list(article.places),
            "topics": list(article.topics),
        }
        for field_name in FIELDS:
            pairs = _compare(field_name, predicted[field_name], list(expected.get(field_name)
                             or []), knowledge, scores.fields[field_name], scores.errors, source)
            if field_name == "people":
                for found, wanted in pairs:
                    person_links[wanted].add(found)
                    gold_links[found].add(wanted)
        score_quotes(article, list(expected.get("quotes") or []), scores.quotes,
                     scores.quote_errors)
        score_page(article, expected, (gold / "articles" / source).read_text(
            encoding="utf-8"), scores)
        score_subjects(article, list(expected.get("subjects") or []), registries, knowledge,
                       scores)
        for statement in expected.get("statements") or []:
            scores.statements_expected += 1
            if any(
                same_person(found.speaker, statement["speaker"])
                and (statement["text"] in found.text or found.text in statement["text"])
                for found in article.statements
            ):
                scores.statements_found += 1
            else:
                scores.errors.append(f"{source}: statement missed: {statement['speaker']}: "
                                     f"{statement['text'][:70]!r}")
        wanted_date = expected.get("date")
        if wanted_date:
            scores.dates_expected += 1
            if article.date == wanted_date and article.date_source in ("text", "front-matter"):
                scores.dates_right += 1
            else:
                scores.errors.append(f"{source}: date {article.date} ({article.date_source}),"
                                     f" expected {wanted_date}")
        elif article.date_source == "text":
            scores.dates_invented += 1
            scores.errors.append(f"{source}: date {article.date} from text, expected none")
    scores.split_people = sorted(f"{gold_name} → {sorted(found)}"
                                 for gold_name, found in person_links.items() if len(found) > 1)
    scores.merged_people = sorted(f"{found} ← {sorted(names)}"
                                  for found, names in gold_links.items() if len(names) > 1)
    return scores


def format_scores(scores: Scores) -> str:
    lines = [f"Gold set: {scores.articles} articles", "",
             f"{'field':<15}{'precision':>10}{'recall':>10}{'F1':>10}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, tally in scores.fields.items():
        lines.append(f"{name:<15}{tally.precision:>10.3f}{tally.recall:>10.3f}{tally.f1:>10.3f}"
                     f"{tally.true_positive:>6}{tally.false_positive:>6}"
                     f"{tally.false_negative:>6}")
    lines.append("")
    lines.append(f"statements found: {scores.statements_found}/{scores.statements_expected}")
    quotes = scores.quotes
    if quotes.right + quotes.wrong + quotes.missed + quotes.unnamed:
        lines.append(
            f"quotations: precision {quotes.precision:.3f}, recall {quotes.recall:.3f} "
            f"({quotes.right} right, {quotes.wrong} wrong, {quotes.missed} missed; "
            f"{quotes.unnamed_taken} of {quotes.unnamed} unnamed given to someone)")
    if scores.titles_expected:
        lines.append(f"headlines right: {scores.titles_right}/{scores.titles_expected}")
        lines.append(f"bylines right: {scores.authors_right}/{scores.authors_expected} "
                     "(the author, or none where the key has none)")
    if scores.chrome_expected:
        lost = scores.body_words_lost / scores.body_words if scores.body_words else 0.0
        lines.append(f"chrome lines removed: {scores.chrome_removed}/{scores.chrome_expected}"
                     f"; body words lost: {scores.body_words_lost}/{scores.body_words} "
                     f"({lost:.1%})")
        jt_lost = scores.justext_body_words_lost / scores.body_words if scores.body_words else 0.0
        lines.append(f"jusText on the same pages: chrome lines removed "
                     f"{scores.justext_chrome_removed}/{scores.chrome_expected}; body words "
                     f"lost {scores.justext_body_words_lost}/{scores.body_words} "
                     f"({jt_lost:.1%})")
    if scores.subjects_expected:
        share = scores.subjects_reachable / scores.subjects_expected
        lines.append(f"subjects reachable: {scores.subjects_reachable}/"
                     f"{scores.subjects_expected} ({share:.0%})")
    lines.append(f"datelines: {scores.dates_right}/{scores.dates_expected} right, "
                 f"{scores.dates_invented} invented")
    lines.append(f"people split over several names: {len(scores.split_people)}"
                 + "".join(f"\n  {item}" for item in scores.split_people))
    lines.append(f"different people merged: {len(scores.merged_people)}"
                 + "".join(f"\n  {item}" for item in scores.merged_people))
    return "\n".join(lines)


def run_evaluation(gold: Path, corpus: Path, jobs: int, verbose: bool) -> int:
    scores = evaluate(gold, corpus, jobs)
    if verbose:
        for error in scores.errors + scores.quote_errors:
            print(error, file=sys.stderr)
    print(format_scores(scores))
    return 0
