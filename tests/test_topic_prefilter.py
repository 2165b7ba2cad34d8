"""find_topics skips a topic whose phrases do not occur in the lower-cased text; that must
never change which topics an article gets (hypothesis against the plain scan of every
topic's pattern)."""

from __future__ import annotations

import bisect
import functools

from hypothesis import given
from hypothesis import strategies as st
from support import registries

from generator.extract import _SENTENCE, _phrase_pattern, find_topics
from generator.knowledge import Knowledge, ascii_look_alikes, build_knowledge


@functools.cache
def knowledge() -> Knowledge:
    return build_knowledge(registries())


def every_pattern(title: str, text: str, knowledge: Knowledge) -> tuple[str, ...]:
    """The rule of the topics registry, every topic's pattern run on the whole text."""
    chosen = []
    ends = [match.start() for match in _SENTENCE.finditer(text)]
    for slug, _label, phrases, min_mentions in knowledge.topics:
        if not phrases:
            continue
        pattern = _phrase_pattern(phrases)
        weights: dict[int, int] = {}
        for match in pattern.finditer(text):
            sentence = bisect.bisect_right(ends, match.start())
            weights[sentence] = max(weights.get(sentence, 0),
                                    2 if " " in match.group(0).strip() else 1)
        if pattern.search(title) or sum(weights.values()) >= min_mentions:
            chosen.append(slug)
    return tuple(chosen)


PHRASES = sorted({phrase.removesuffix("*") for topic in registries().topics
                  for phrase in topic.phrases})
PIECE = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(PHRASES).map(str.upper),
    st.sampled_from(PHRASES).map(lambda phrase: phrase.replace("s", "\u017f").replace("k", "\u212a")),
    st.sampled_from(["talks. ", "Talks! ", "ceasefires ", "non-nuclear ", " ", ". ", "\n\n",
                     "“", "”", "İ", "ı", "é", "-"]),
    st.text(max_size=12),
)
TEXT = st.lists(PIECE, max_size=30).map("".join)


def test_the_look_alikes_are_letters_beyond_ascii():
    assert {"\u212a", "\u017f"} <= ascii_look_alikes()  # Kelvin sign, long s
    assert all(not character.isascii() for character in ascii_look_alikes())


@given(TEXT, TEXT)
def test_prefilter_gives_the_topics_of_every_pattern(title, text):
    assert find_topics(title, text, knowledge()) == every_pattern(title, text, knowledge())


def test_look_alike_letters_still_find_their_topic():
    text = "The ſanctions were discuſſed. New ſanctions came. More ſanctions followed."
    assert "sanctions" in find_topics("", text, knowledge())
    assert "sanctions" in every_pattern("", text, knowledge())
