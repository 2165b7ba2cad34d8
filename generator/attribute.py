"""Who said what: paragraphs with their mentions → :class:`Statement` values.

Rules (each general, none fitted to a sentence):

1. A speech verb ("said", "warned", "called on", "talks of", …) whose subject is a person:
   the name right before it, possibly with an apposition (", a senior fellow at …,") or
   adverbs between; or right after it ("…,” said Lavrov").
2. "according to X" and passive reports ("a point highlighted by X").
3. A pronoun subject ("he said", "she asserted") refers back to the latest person of a
   compatible gender (given-name dictionary), preferring the latest subject.
4. A role noun subject ("the minister stressed") refers back to the latest speaker.
5. A paragraph that opens with a quotation and names no speaker continues the previous
   paragraph's speaker (a quote spanning paragraphs).
6. A sentence naming one person and ending in a colon introduces the next paragraph as that
   person's quotation (and a translation right after a non-Latin quotation).

A statement is the quoted words when the sentence has a quotation (``direct``), else the
whole sentence (``indirect``); either way an exact substring of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.knowledge import Knowledge, fold
from generator.mentions import Mention, Sentence, split_sentences

_QUOTE_OPEN = "“\"«„「『"
_QUOTE_PAIRS = re.compile(
    r"“([^“”]{2,}?)(?:”|$)|\"([^\"]{2,}?)(?:\"|$)|«([^«»]{2,}?)(?:»|$)|„([^„“”]{2,}?)(?:[“”]|$)"
    r"|「([^「」]{1,}?)(?:」|$)|『([^『』]{1,}?)(?:』|$)"
)
_QUOTE_GROUPS = (1, 2, 3, 4, 5, 6)
_PRONOUN = re.compile(r"(?:^|[\s,;(])(?P<pronoun>[Hh]e|[Ss]he)\s+$")
_FILLER = re.compile(
    r"^(?:\s*,\s*who)?(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'.-]*))*)?"
    r"(?:\s*,[^;.]{1,220}?,|\s*\([^()]{0,120}\)|\s*,)?"
    r"(?:\s+(?:also|has|had|have|would|will|did|does|not|again|then|later|once|previously|"
    r"publicly|frequently|repeatedly|recently|further|separately|earlier|had|has|[a-z]+ly))*"
    r"\s*$"
)
_LABEL = re.compile(
    r"^(?P<label>Q|A|Question|Answer|[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3})"
    r"(?:\s*\((?P<named>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3})\))?\s*:\s+(?=\S)"
)
_HOST_LABELS = frozenset({"HOST", "PRESENTER", "ANCHOR", "INTERVIEWER", "MODERATOR"})
_SELF_INTRODUCTION = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name is|[Tt]his is)\s+(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2})"
)
_LATIN = re.compile(r"[A-Za-z]")
# The clause after a quotation: "” Abiy told …" / "”, said Abiy."
_NAME_PART_BEFORE = re.compile(r"^[,.!?]?[”\"»」』]?[,]?\s+(?P<part>[A-Z][\w’'-]+)\s+(?P<verb>[a-z]+)\b")
_NAME_PART_AFTER = re.compile(r"^[,.!?]?[”\"»」』]?[,]?\s+(?P<verb>[a-z]+)\s+(?P<part>[A-Z][\w’'-]+)[\s.,]")
_CITING = re.compile(r"\b(?:citing|quoting|recalling|referring to|referencing|invoking|"
                     r"paraphrasing|echoing)\s+(?:[\w’'.-]+\s+){0,4}$")
_NON_LATIN_LETTER = re.compile(r"[^\W\dA-Za-z_]")


@dataclass(frozen=True)
class Attributed:
    """A statement found in one paragraph: speaker, text span within the paragraph, kind."""

    speaker: str
    start: int
    end: int
    kind: str


@dataclass
class _Context:
    """What earlier paragraphs established (speakers and subjects, for reference)."""

    last_speaker: str | None = None
    last_subject: dict[str | None, str] | None = None
    carried_speaker: str | None = None
    colon_speaker: str | None = None
    people_so_far: list[str] | None = None
    interviewee: str | None = None
    host: str | None = None

    def subjects(self) -> dict[str | None, str]:
        if self.last_subject is None:
            self.last_subject = {}
        return self.last_subject


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation mark pair (an unclosed one runs to the
    end of the paragraph)."""
    spans = []
    for match in _QUOTE_PAIRS.finditer(text):
        group = next(index for index in _QUOTE_GROUPS if match.group(index) is not None)
        spans.append((match.start(group), match.end(group)))
    return spans


def _is_non_latin(text: str) -> bool:
    letters = _NON_LATIN_LETTER.findall(text)
    return len(letters) > 2 * len(_LATIN.findall(text))


class Attributor:
    """Walks an article's paragraphs in order, keeping reference context between them."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        lexicon = knowledge.lexicon
        verbs = "|".join(sorted(lexicon.speech_verbs | lexicon.weak_speech_verbs, key=len,
                                reverse=True))
        # "talks frequently (and unreliably) of": adverbs and asides may split a phrase.
        between = r"(?:\s+[a-z]+ly|\s*\([^()]{0,80}\))*\s+"
        phrases = "|".join(between.join(map(re.escape, phrase.split())) for phrase in
                           sorted(lexicon.speech_phrases, key=len, reverse=True))
        self.verb = re.compile(rf"\b(?:{phrases}|{verbs})\b")
        passive = "|".join(sorted(lexicon.passive_speech_verbs))
        # Lower-case role words may stand between ("according to the energy minister, X").
        roles_between = r"(?:[\w’'.-]+\s+){0,5}"
        self.passive = re.compile(rf"\b(?:{passive}) by\s+{roles_between}$")
        self.according = re.compile(rf"\b[Aa]ccording to\s+{roles_between}$")
        roles = "|".join(re.escape(role) for role in lexicon.role_anaphora)
        self.role = re.compile(rf"(?:^|\s)[Tt]he (?:\w+ )?(?:{roles})\s+$")
        self.context = _Context()

    def _gender(self, name: str) -> str | None:
        return self.knowledge.gender(name.split(maxsplit=1)[0])

    def _resolve_pronoun(self, pronoun: str, people_before: list[Mention]) -> str | None:
        wanted = "male" if pronoun.lower() == "he" else "female"
        for mention in reversed(people_before):
            gender = self._gender(mention.name)
            if gender in (wanted, None):
                return mention.name
        subject = self.context.subjects().get(wanted) or self.context.subjects().get(None)
        return subject

    def _subject_before(self, sentence: Sentence, verb_start: int, people: list[Mention],
                        earlier_people: list[Mention]) -> str | None:
        left = sentence.text[: verb_start - sentence.start]
        # The nearest person whose distance to the verb is only an apposition or adverbs: a
        # name inside the apposition ("X, a long-time Maduro ally, told") is passed over.
        for mention in reversed(people):
            if mention.end <= verb_start:
                gap = sentence.text[mention.end - sentence.start : verb_start - sentence.start]
                if _FILLER.match(gap):
                    return mention.name
        pronoun = _PRONOUN.search(left)
        if pronoun:
            before = earlier_people + [
                m for m in people if m.end <= sentence.start + pronoun.start()]
            return self._resolve_pronoun(pronoun.group("pronoun"), before)
        if self.role.search(left):
            # "the chancellor said": the latest person the text was about, else the latest
            # speaker.
            return self.context.subjects().get(None) or self.context.last_speaker
        # "X went further, claiming …": a participle after a comma shares the sentence's subject.
        if sentence.text[verb_start - sentence.start - 2 : verb_start - sentence.start] == ", " \
                and people and sentence.text[verb_start - sentence.start:].split()[0].endswith(
                    "ing"):
            opening = sentence.text[: people[0].start - sentence.start]
            if not opening.strip(" “\"(") or people[0].prefix:
                return people[0].name
        return None

    def _subject_after(self, sentence: Sentence, verb_end: int, people: list[Mention]) -> str | None:
        """The person named right after a speech verb ("…,” said Lavrov"). Never after a
        participle: in "…, X said, citing Y" or ", recalling Y's words" Y is who is cited."""
        verb = sentence.text[: verb_end - sentence.start].split()[-1:]
        if verb and verb[0].endswith("ing"):
            return None
        for mention in people:
            if mention.start >= verb_end:
                # Titles belong to the mention ("said Lieutenant General Jan Ketelaar").
                begins = mention.start - (len(mention.prefix) + 1 if mention.prefix else 0)
                gap = sentence.text[verb_end - sentence.start : begins - sentence.start]
                if re.fullmatch(r"\s+(?:the\s+)?(?:[a-z]+\s+){0,3}", gap) or gap == " ":
                    return mention.name
                return None
        return None

    def speaker_of(self, sentence: Sentence, people: list[Mention],
                   earlier_people: list[Mention], quoted: bool | None = None) -> str | None:
        """The person the sentence reports as speaking, if any. ``quoted`` says whether the
        words reported are a quotation (weak verbs, "called", report speech only then);
        by default, whether the sentence holds a quotation mark."""
        people = [mention for mention in people if not self._cited(sentence, mention)]
        for mention in people:
            left = sentence.text[: mention.start - sentence.start]
            if mention.prefix and left.rstrip().endswith(mention.prefix):
                left = left.rstrip()[: -len(mention.prefix)]
            if self.according.search(left) or self.passive.search(left):
                return mention.name
        if quoted is None:
            quoted = any(mark in sentence.text for mark in _QUOTE_OPEN)
        for verb in self.verb.finditer(sentence.text):
            if verb.group(0) in self.knowledge.lexicon.weak_speech_verbs and not quoted:
                continue
            start = sentence.start + verb.start()
            subject = self._subject_before(sentence, start, people, earlier_people)
            if subject is None and sentence.text[: verb.start()].rstrip().endswith(
                (",", "”", '"', ",”", ",\"")
            ):
                subject = self._subject_after(sentence, sentence.start + verb.end(), people)
            if subject:
                return subject
        return None

    def _cited(self, sentence: Sentence, mention: Mention) -> bool:
        """A person named after "citing", "quoting", "recalling", "referring to": whose
        words are invoked, not who speaks."""
        left = sentence.text[: mention.start - sentence.start]
        if mention.prefix and left.rstrip().endswith(mention.prefix):
            left = left.rstrip()[: -len(mention.prefix)]
        return bool(_CITING.search(left))

    def has_speech_verb(self, text: str, quoted: bool) -> bool:
        weak = self.knowledge.lexicon.weak_speech_verbs
        return any(quoted or verb.group(0) not in weak for verb in self.verb.finditer(text))

    def _quote_evidence(self, text: str, span: tuple[int, int], sentences: list[Sentence],
                        people: list[Mention], earlier_people: list[Mention]
                        ) -> tuple[bool, str | None]:
        """(settled, speaker) for one quotation, from its own sentence only: the clause
        after its closing mark ("…,” the spokeswoman X told reporters"), else the words
        before its opening mark ("X said on Telegram: “…"). A clause with a speech verb but no
        person ("…,” the ministry said", "a senior official said") settles it as nobody's."""
        start, end = span
        sentence_end = next((s.end for s in sentences if s.start <= end <= s.end), len(text))
        after = text[end:sentence_end]
        # Up to the next quotation mark: "“A,” X said. “B”" — B's clause is not A's.
        cut = min([after.find(mark, 2) for mark in _QUOTE_OPEN if after.find(mark, 2) > 0]
                  or [len(after)])
        after = after[:cut]
        opening = max(0, start - 1)
        sentence_start = next((s.start for s in sentences if s.start <= opening < s.end), 0)
        before = text[sentence_start:opening]
        for clause_start, clause in ((end, after), (sentence_start, before)):
            if not clause.strip() or not self.has_speech_verb(clause, quoted=True):
                continue
            piece = Sentence(clause_start, clause_start + len(clause), clause)
            inside = [m for m in people if clause_start <= m.start < clause_start + len(clause)]
            earlier = earlier_people + [m for m in people if m.end <= clause_start]
            speaker = self.speaker_of(piece, inside, earlier, quoted=True)
            if speaker is None and not inside:
                speaker = self._name_part_speaker(clause)
            return True, speaker
        return False, None

    def _name_part_speaker(self, clause: str) -> str | None:
        """ "…,” Abiy told lawmakers" / "…,” Koizumi said": one capitalised word next to the
        speech verb that is part of the name of a person this article already named (a
        given name used alone, or a surname two people share). It names that person when
        only one fits, or when the one the text was last about is among those who fit."""
        word = _NAME_PART_BEFORE.search(clause) or _NAME_PART_AFTER.search(clause)
        if word is None or not self.verb.fullmatch(word.group("verb")):
            return None
        part = fold(word.group("part"))
        fitting = list(dict.fromkeys(
            name for name in self.context.people_so_far or []
            if part in {fold(piece) for piece in name.split()} and " " in name))
        if len(fitting) == 1:
            return fitting[0]
        latest = self.context.subjects().get(None) or self.context.last_speaker
        return latest if latest in fitting else None

    def _quotations(self, text: str, quotes: list[tuple[int, int]], sentences: list[Sentence],
                    people: list[Mention], earlier_people: list[Mention]
                    ) -> list[tuple[int, int, str | None]]:
        """Each quotation of the paragraph with its speaker (or None): its own evidence
        first; then the one person the paragraph's evidence names; then, for a paragraph
        that opens with a quotation and has no evidence at all, the previous paragraph's."""
        decided = []
        for span in quotes:
            settled, speaker = self._quote_evidence(text, span, sentences, people,
                                                    earlier_people)
            decided.append((span, settled, speaker))
        named = {speaker for _span, settled, speaker in decided if settled and speaker}
        any_evidence = any(settled for _span, settled, _speaker in decided)
        result = []
        for index, ((start, end), settled, speaker) in enumerate(decided):
            if not settled:
                if len(named) == 1:
                    speaker = next(iter(named))
                elif (not any_evidence and index == 0 and text.lstrip()[:1] in _QUOTE_OPEN
                        and not self._reported_speaker(sentences, people, earlier_people)):
                    speaker = self.context.carried_speaker
            result.append((start, end, speaker))
        return result

    def _reported_speaker(self, sentences: list[Sentence], people: list[Mention],
                          earlier_people: list[Mention]) -> str | None:
        for sentence in sentences:
            in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
            speaker = self.speaker_of(sentence, in_sentence, earlier_people)
            if speaker:
                return speaker
        return None

    def paragraph(self, text: str, people: list[Mention],
                  earlier_people: list[Mention]) -> list[Attributed]:
        """Statements in one paragraph; ``people`` are its person mentions in order."""
        found: list[Attributed] = []
        quotes = quote_spans(text)
        sentences = split_sentences(text, self.knowledge)
        colon_speaker = self.context.colon_speaker
        self.context.colon_speaker = None
        labelled = self._labelled_answer(text, people)
        if self.context.people_so_far is None:
            self.context.people_so_far = []
        self.context.people_so_far.extend(m.name for m in people)
        if labelled is not None:
            speaker, start = labelled
            self.context.last_speaker = speaker
            return [Attributed(speaker, start, len(text.rstrip()), "direct")]
        if colon_speaker and text.strip():
            found.append(Attributed(colon_speaker, 0, len(text), "direct"))
            if _is_non_latin(text):
                self.context.colon_speaker = colon_speaker
            self.context.last_speaker = colon_speaker
            return found
        quotations = self._quotations(text, quotes, sentences, people, earlier_people)
        last_quote_speaker: str | None = None
        attributed: list[tuple[int, int]] = []
        for start, end, speaker in quotations:
            piece = text[start:end].strip(" ,.")
            # Two words, or a few characters of a script written without spaces.
            if speaker and (len(piece.split()) >= 2 or len(_NON_LATIN_LETTER.findall(piece)) >= 3):
                offset = text.index(piece, start)
                found.append(Attributed(speaker, offset, offset + len(piece), "direct"))
                attributed.append((start, end))
                self._remember_subject(speaker)
                self.context.last_speaker = speaker
            last_quote_speaker = speaker
        # Reported speech: sentences without an attributed quotation.
        for sentence in sentences:
            in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
            if any(s < sentence.end and e > sentence.start for s, e in attributed):
                speaker = None
            else:
                speaker = self.speaker_of(sentence, in_sentence, earlier_people + [
                    m for m in people if m.end <= sentence.start])
            if speaker is None:
                if in_sentence and sentence.text.strip()[:1] not in _QUOTE_OPEN:
                    first = in_sentence[0]
                    prefix_text = sentence.text[: first.start - sentence.start].strip(" (")
                    if not prefix_text:
                        self._remember_subject(first.name)
                if sentence is sentences[-1] and sentence.text.rstrip().endswith(":"):
                    named = {m.name for m in in_sentence}
                    if len(named) == 1:
                        self.context.colon_speaker = next(iter(named))
                continue
            self._remember_subject(speaker)
            self.context.last_speaker = speaker
            stripped = sentence.text.strip()
            offset = text.index(stripped, sentence.start)
            found.append(Attributed(speaker, offset, offset + len(stripped), "indirect"))
            if sentence.text.rstrip().endswith(":") and sentence is sentences[-1]:
                self.context.colon_speaker = speaker
        found.sort(key=lambda statement: statement.start)
        # A next paragraph that opens with a quotation and names no speaker of its own
        # continues the quotation that ended this one, else this paragraph's last speaker
        # ("X said she would not recognise the results." then "“I do not recognise …").
        self.context.carried_speaker = last_quote_speaker if quotations else (
            found[-1].speaker if found else None)
        return found

    def _labelled_answer(self, text: str, people: list[Mention]) -> tuple[str, int] | None:
        """An interview answer ("A: …") or a transcript line ("JANE DOE: …"): the speaker
        and where the words start. The interviewee is the first person the introduction
        names, before the first question."""
        label = _LABEL.match(text)
        if label is None:
            return None
        tag = (label.group("named") or label.group("label")).strip()
        if not tag[:1].isupper():
            return None
        known = self.context.people_so_far or []
        if tag in ("Q", "Question"):
            if self.context.interviewee is None and known:
                self.context.interviewee = known[0]
            return None
        if tag in ("A", "Answer"):
            return (self.context.interviewee, label.end()) if self.context.interviewee else None
        if tag.upper() in _HOST_LABELS:
            introduced = _SELF_INTRODUCTION.search(text)
            if introduced:
                self.context.host = introduced.group("name")
            return (self.context.host, label.end()) if self.context.host else None
        folded = fold(tag)
        for name in [m.name for m in people if m.start == 0] + known:
            if folded in (fold(name), fold(name.split()[-1])):
                return name, label.end()
        words = tag.split()
        if 2 <= len(words) <= 3 and tag.isupper() and all(word.isalpha() for word in words):
            # "KWAME ASANTE:" — a transcript names its speakers in capitals.
            return " ".join(word.capitalize() for word in words), label.end()
        return None

    def _remember_subject(self, name: str) -> None:
        gender = self._gender(name)
        self.context.subjects()[gender] = name
        self.context.subjects()[None] = name
