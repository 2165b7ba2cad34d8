"""The attributor tries its speech-verb pattern only where a verb's or phrase's first word
starts; that must find exactly what the pattern's own scan finds (hypothesis against
``finditer``), and a lexicon whose verbs are not plain words is scanned everywhere."""

from __future__ import annotations

import dataclasses
import functools

from hypothesis import given
from hypothesis import strategies as st

from generator.attribute import Attributor
from generator.knowledge import Knowledge, load_lexicon


@functools.cache
def attributor() -> Attributor:
    return Attributor(Knowledge(load_lexicon(), {}, {}, {}, {}, ()))


LEXICON = load_lexicon()
WORDS = sorted({word for phrase in (*LEXICON.speech_verbs, *LEXICON.speech_phrases,
                                    *LEXICON.weak_speech_verbs) for word in phrase.split()})
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.title),
    st.sampled_from([" ", "  ", ", ", ".", "(", ")", " (quietly) ", " openly ", "”", "-",
                     "un", "s", "_", "é", "x"]),
    st.text(max_size=5),
)
TEXT = st.lists(PIECE, max_size=30).map("".join)


@given(TEXT, st.integers(min_value=-2, max_value=40))
def test_verbs_are_what_the_pattern_finds(text, position):
    found = [(m.span(), m.group(0)) for m in attributor()._verbs(text, position)]
    assert found == [(m.span(), m.group(0)) for m in attributor().verb.finditer(text, position)]


def test_a_verb_inside_a_word_or_split_by_an_aside():
    text = "She unsaid it, then said (quietly) that he called on them and called\u00a0for more."
    assert [m.group(0) for m in attributor()._verbs(text)] == [
        m.group(0) for m in attributor().verb.finditer(text)]
    assert "said" in [m.group(0) for m in attributor()._verbs(text)]


def test_a_verb_that_is_not_plain_words_is_looked_for_everywhere():
    lexicon = dataclasses.replace(LEXICON, speech_verbs=LEXICON.speech_verbs | {"re-stated"})
    odd = Attributor(Knowledge(lexicon, {}, {}, {}, {}, ()))
    assert odd._verb_first_words is None
    assert [m.group(0) for m in odd._verbs("It was re-stated and said.")] == ["re-stated",
                                                                               "said"]
