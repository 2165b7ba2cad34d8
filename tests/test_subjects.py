"""Subjects: what an article may be filed under (generator/subjects.py), which of them the
archive keeps and which get a page (generator/archive_subjects.py), the vocabulary of
corpus/subjects.yml, and the rule ``briefing eval`` reaches labelled subjects by
(generator/reachable.py). Every text here was written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import make_article, registries

from generator.archive_subjects import archive_subjects, topic_taking, with_subjects
from generator.cache.codec import BadEntry, decode, encode
from generator.extract import extract
from generator.knowledge import build_knowledge
from generator.model import Extraction, SubjectCandidate
from generator.reachable import head_words, reachable, reaches
from generator.registry import (
    Registries,
    RegistryError,
    SubjectVocabulary,
    Topic,
    load_registries,
)
from generator.subjects import subject_key


@functools.cache
def knowledge():
    return build_knowledge(registries())


def candidates(text: str) -> dict[str, SubjectCandidate]:
    """The subject candidates of an article ``text`` (headline first), by name."""
    found = extract(make_article(text).clean, knowledge()).subject_candidates
    return {candidate.name: candidate for candidate in found}


GENERIC = frozenset(knowledge().lexicon.generic_words)

DAM_STORY = (
    "Farmers fear the Lowfield reservoir will stay dry\n\n"
    "Farmers near the Lowfield reservoir said on Tuesday that the spring rains had failed. "
    "The reservoir holds a third of its usual water. Officials in Poland said a statement "
    "would follow in March.\n\n"
    "The government said the reservoir would be refilled by pumping from the river. "
    "Polish farmers want compensation, and the reservoir board met again on Friday. "
    "Read More\n\n"
    "A Government Statement was read out. Another Government Statement followed on "
    "Wednesday."
)


def test_a_phrase_repeated_in_the_text_is_a_candidate_weighted_by_its_sentences():
    found = candidates(DAM_STORY)
    assert found["reservoir"].kind == "phrase"
    # Four sentences and the headline.
    assert found["reservoir"].weight == 4 + 2


def test_an_adjective_of_nationality_counts_for_its_country():
    found = candidates(DAM_STORY)
    assert found["Poland"].kind == "place"
    assert found["Poland"].weight == 2  # "in Poland" and "Polish farmers"


def test_weekdays_months_generic_words_and_chrome_are_never_subjects():
    names = {subject_key(name) for name in candidates(DAM_STORY)}
    for junk in ("tuesday", "friday", "wednesday", "march", "government", "statement",
                 "government statement", "official", "read more", "read"):
        assert junk not in names, junk


def test_a_single_word_needs_the_headline():
    text = ("Talks on the bridge resume\n\n"
            "The ferry was late. The ferry was full. The ferry broke down near the bridge.")
    found = candidates(text)
    assert "ferry" not in found
    text = text.replace("Talks on the bridge resume", "The ferry stops for the winter")
    assert candidates(text)["ferry"].weight == 3 + 2


def test_a_phrase_inside_a_longer_one_is_left_out_unless_named_alone():
    text = ("Navy tests new glide torpedoes\n\n"
            "The navy fired two glide torpedoes on Monday. The glide torpedoes flew far. "
            "Analysts said glide torpedoes change naval planning.")
    found = candidates(text)
    assert "glide torpedoes" in found
    assert "torpedoes" not in found and "glide" not in found


def test_an_unknown_capitalised_name_that_recurs_is_a_candidate():
    text = ("Builders start on the harbour\n\n"
            "Work on the Granite Viaduct began this week. Engineers said the Granite Viaduct would "
            "carry trains by 2030. The Granite Viaduct's cost has doubled.")
    found = candidates(text)
    assert found["Granite Viaduct"].kind == "name"
    assert found["Granite Viaduct"].weight == 3


def test_a_heading_adds_weight_to_what_it_names():
    text = ("Briefing notes\n\n"
            "Meeting in Norway\n\n"
            "The delegation will travel to Norway next week. The trip to Norway was agreed.")
    assert candidates(text)["Norway"].weight == 3 + 1


def test_people_titles_and_contractions_are_never_names():
    text = ("Minister visits the plant\n\n"
            "Deputy Minister Anna Kovalenko visited the plant. I'm glad, Kovalenko said. "
            "Kovalenko praised the workers. I'm sure it will reopen, she added.")
    found = {subject_key(name) for name in candidates(text)}
    assert not found & {"anna kovalenko", "kovalenko", "deputy minister", "i'm", "minister"}


def _article(slug: str, subjects: list[tuple[str, str, int]], topics: tuple[str, ...] = (),
             outlet_text: str = "", date: dt.date = dt.date(2025, 1, 1)):
    article = make_article(f"Headline {slug}\n{outlet_text}Some text.\n", slug=slug, date=date,
                           topics=topics)
    return dataclasses.replace(article, subject_candidates=tuple(
        SubjectCandidate(name, kind, weight) for name, kind, weight in subjects))


def _registries(**vocabulary) -> Registries:
    return dataclasses.replace(registries(), subjects=SubjectVocabulary(**vocabulary))


ARTICLES = [
    _article("a", [("Gaza", "place", 6), ("ceasefire talks", "phrase", 3),
                   ("Kerem Shalom", "name", 1)]),
    _article("b", [("Gaza Strip", "place", 4), ("ceasefire talks", "phrase", 2),
                   ("Reuters", "organization", 5), ("Read More", "name", 4)]),
    _article("c", [("Rafah", "place", 3)]),
]


def test_a_subject_of_two_articles_gets_a_page_and_one_of_a_single_article_does_not():
    result = archive_subjects(ARTICLES, _registries(merge=(("Gaza Strip", "Gaza"),)))
    assert result.by_article == {"a": ("Gaza", "ceasefire talks"),
                                 "b": ("Gaza", "ceasefire talks"), "c": ("Rafah",)}
    pages = {subject.name: subject for subject in result.pages}
    assert list(pages) == ["ceasefire talks", "Gaza"]  # by folded name
    assert pages["Gaza"].articles == ("a", "b")
    assert pages["Gaza"].spellings == ("Gaza Strip",)
    assert result.slugs == {"ceasefire talks": "ceasefire-talks", "Gaza": "gaza"}


def test_outlets_chrome_and_light_candidates_are_left_out():
    result = archive_subjects(ARTICLES, _registries())
    assert "Reuters" not in result.by_article["b"]  # a registered outlet
    assert "Read More" not in result.by_article["b"]  # chrome
    assert "Kerem Shalom" not in result.by_article["a"]  # named once


def test_stop_subjects_min_mentions_and_the_cap_per_article():
    result = archive_subjects(ARTICLES, _registries(stop=("Ceasefire talk",), min_mentions=4,
                                                    per_article=1))
    assert result.by_article == {"a": ("Gaza",), "b": ("Gaza Strip",), "c": ()}


def test_a_topic_named_like_a_subject_takes_it_over():
    topic = Topic("gaza", "Gaza", "The Gaza Strip.", ("Gaza",))
    chosen = dataclasses.replace(_registries(merge=(("Gaza Strip", "Gaza"),)),
                                 topics=(*registries().topics, topic))
    result = archive_subjects(ARTICLES, chosen)
    assert result.by_article["a"] == ("ceasefire talks",)
    assert [subject.name for subject in result.pages] == ["ceasefire talks"]
    assert [(promoted.name, promoted.slug, promoted.topic)
            for promoted in result.promoted] == [("Gaza", "gaza", "gaza")]
    updated = {article.slug: article for article in with_subjects(ARTICLES, result)}
    assert updated["a"].topics == ("gaza",) and updated["c"].topics == ()


def test_topics_take_subjects_by_label_or_id_only():
    topics = registries().topics
    assert topic_taking("Negotiation", topics) == "negotiations"
    assert topic_taking("ceasefire", topics) == "ceasefire"
    assert topic_taking("Elections", topics) == "elections"
    # A phrase of a topic is not its name: "talks" stays a subject of its own.
    assert topic_taking("talks", topics) is None


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_choice_does_not_depend_on_the_order_of_articles(shuffler: random.Random):
    articles = [*ARTICLES, _article("d", [("Gaza", "place", 2), ("Rafah", "place", 2)])]
    expected = archive_subjects(articles, _registries())
    shuffler.shuffle(articles)
    assert archive_subjects(articles, _registries()) == expected


def test_a_subject_is_spelt_as_most_articles_spell_it():
    articles = [_article("a", [("Houthis", "name", 3)]), _article("b", [("Houthi", "name", 3)]),
                _article("c", [("Houthi", "name", 2)])]
    result = archive_subjects(articles, _registries())
    assert result.by_article == {"a": ("Houthi",), "b": ("Houthi",), "c": ("Houthi",)}
    assert result.pages[0].spellings == ("Houthis",)


# The matching rule of `briefing eval` (stated in tests/real/README.md).
def test_a_name_reaches_a_label_when_its_head_words_are_all_in_it():
    assert reaches("Gaza", "food queues in Gaza", GENERIC)
    assert reaches("North Korea", "North Korean rocket test", GENERIC)
    assert reaches("US", "U.S. export curbs", GENERIC)
    assert reaches("tariffs", "tariff truce with Canada", GENERIC)
    assert not reaches("South Sudan", "Sudan flood relief", GENERIC)
    assert reaches("South Sudan", "South Sudan flood relief", GENERIC)
    assert not reaches("us", "US export curbs", GENERIC)  # a pronoun, not the acronym
    assert not reaches("Government", "government reshuffle", GENERIC)  # nothing of its own


def test_topic_labels_and_phrases_reach_by_either_side_and_by_stem():
    assert reaches("Trade and economy", "grain trade in the Black Sea", GENERIC)
    assert reaches("negotiat*", "negotiations over the port", GENERIC)


def test_a_label_names_the_country_of_its_adjective_of_nationality():
    place_of = knowledge().place_of_demonym
    assert reachable("Danish pension reform", ["Denmark"], GENERIC, place_of)
    assert reachable("Kenyan tea exports", ["Kenya"], GENERIC, place_of)
    assert not reachable("Danish pension reform", ["Denmark"], GENERIC)


def test_head_words_fold_split_and_drop_function_and_generic_words():
    assert head_words("The DRC–Rwanda peace accord's text", GENERIC) == (
        "drc", "rwanda", "peace", "accord", "text")


@pytest.mark.parametrize(("word", "place"), [
    ("Mexican", "Mexico"), ("Ecuadorians", "Ecuador"), ("Iraqi", "Iraq"), ("Chinese", "China"),
    ("Philippine", "Philippines"), ("Turkish", "Turkey"), ("Polish", "Poland"),
    ("American", "United States"), ("Korean", None), ("Mexico", None), ("mexican", None)])
def test_the_country_of_an_adjective_of_nationality(word, place):
    assert knowledge().place_of_demonym(word) == place


def _vocabulary(tmp_path: Path, text: str) -> SubjectVocabulary:
    (tmp_path / "subjects.yml").write_text(text, encoding="utf-8")
    return load_registries(tmp_path).subjects


def test_the_vocabulary_file_is_read(tmp_path):
    vocabulary = _vocabulary(tmp_path, "stop: [Read More]\nmerge:\n  Gaza: [Gaza Strip]\n"
                             "min_mentions: 3\nper_article: 5\n")
    assert vocabulary == SubjectVocabulary(("Read More",), (("Gaza Strip", "Gaza"),), 3, 5)


def test_the_shipped_vocabulary_loads():
    assert registries().subjects.stop


@pytest.mark.parametrize(("text", "line", "message"), [
    ("merge:\n  Gaza: [Gaza Strip]\n  Strip: [gaza strip]\n", 3,
     "variant 'gaza strip' is already merged into 'Gaza' (line 2)"),
    ("stop: [Gaza]\nmerge:\n  Gaza: [Gaza Strip]\n", 3, "'Gaza' is also under 'stop'"),
    ("merge:\n  Gaza: [Rafah]\n  Rafah: [Rafa]\n", 2, "variant 'Rafah' is itself a subject"),
    ("per_article: 0\n", 1, "per_article must be a whole number from 1 to 50, not '0'"),
    ("min_mentions: two\n", 1, "min_mentions must be a whole number from 1 to 1000"),
    ("stops: [x]\n", 1, "unknown key 'stops'; did you mean 'stop'?"),
    ("merge: [Gaza]\n", 1, "'merge' must be a mapping of name: details, not a list"),
])
def test_a_malformed_vocabulary_is_an_error_with_its_line(tmp_path, text, line, message):
    with pytest.raises(RegistryError) as raised:
        _vocabulary(tmp_path, text)
    problems = [problem for problem in raised.value.problems if problem.severity == "error"]
    assert any(problem.line == line and message in problem.message for problem in problems), \
        problems


def test_the_candidates_are_kept_in_the_cached_extraction():
    found = extract(make_article(DAM_STORY).clean, knowledge())
    assert found.subject_candidates
    assert decode(Extraction, json.loads(json.dumps(encode(found)))) == found
    broken = encode(found)
    broken["subject_candidates"][0]["kind"] = "person"
    with pytest.raises(BadEntry):
        decode(Extraction, broken)


def test_a_subject_the_archive_knows_takes_an_article_that_names_it_once():
    articles = [_article("a", [("Rafah", "place", 3)]),
                _article("b", [("Rafah", "place", 1), ("Khan Younis", "place", 1)])]
    result = archive_subjects(articles, _registries())
    assert result.by_article == {"a": ("Rafah",), "b": ("Rafah",)}
    assert [subject.name for subject in result.pages] == ["Rafah"]
    # Named once in each, it is known nowhere: no subject.
    lone = archive_subjects([_article("a", [("Rafah", "place", 1)]),
                             _article("b", [("Rafah", "place", 1)])], _registries())
    assert lone.by_article == {"a": (), "b": ()}
