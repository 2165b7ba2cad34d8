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

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.knowledge import Knowledge, Lexicon, fold
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
_STAMP = r"\(?\[?\d{1,2}:\d{2}(?::\d{2})?\]?\)?"
# The label a transcript turn opens with (the page shows the speaker it stands for).
TURN_LABEL = re.compile(
    r"^(?P<label>Q|A|Question|Answer|[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,4}(?: \d{1,2})?)"
    r"(?:\s*\((?P<named>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3})\))?"
    # "Shri Randhir Jaiswal, Official Spokesperson:": the name, then the office.
    r"(?:,(?P<office>(?: [A-Z][\w.'’()-]*| of| for| the| and){1,10}))?"
    rf"(?:\s*(?P<stamp>{_STAMP}))?(?:\s*:(?:\s*(?P<after>{_STAMP}))?(?:\s+|$)"
    # "Q    Where does the money come from?": the White House's question label, no colon.
    r"|(?<=^Q)(?:\t|\s{2,})(?=\S))"
)
# A label on a line of its own above the turn (the European Commission's midday briefings):
# "Paula Pinho, Chief Spokesperson", "Question – Jane Doe, EFE".
_LABEL_LINE = re.compile(r"^(?P<name>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3}),"
                         r" (?P<office>[^.!?:;\"“”]{3,80})$")
_QUESTION_LINE = re.compile(r"^(?:Q|Question|QUESTION)(?: ?[–—-] ?[^.!?:;\"“”]{2,80})?$")
_QUESTIONER_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "JOURNALIST", "AUDIENCE",
                                "AUDIENCE MEMBER", "PARTICIPANT", "CORRESPONDENT", "PRESS",
                                "MEDIA", "QUESTIONER", "INTERVIEWER", "CALLER"})
_LABEL_ROLE_WORDS = ("senior administration official", "department state under spokesperson",
                     "deputy assistant acting press secretary", "host moderator")
# "Speaker 1:", "Unidentified Speaker:", "Reporter 2:": transcription services' unknown voices.
_NUMBERED_SPEAKER = re.compile(r"(?i:speaker|reporter|participant|voice|unidentified"
                               r"(?: \w+)?)(?: \d{1,2})?")
_HONORIFICS = frozenset({"MR", "MS", "MRS", "DR", "PROF", "MISS", "MADAM", "SIR", "HE", "HON",
                         "SHRI", "SMT", "SHRIMATI"})
_HOST_LABELS = frozenset({"HOST", "PRESENTER", "ANCHOR", "MODERATOR", "CO-HOST"})
_SELF_INTRODUCTION = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name is|[Tt]his is)\s+(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2})"
)
_LATIN = re.compile(r"[A-Za-z]")
# The clause after a quotation: "” Abiy told …" / "”, said Abiy."
_NAME_PART_BEFORE = re.compile(r"^[,.!?]?[”\"»」』]?[,]?\s+(?P<part>[A-Z][\w’'-]+)\s+(?P<verb>[a-z]+)\b")
_NAME_PART_AFTER = re.compile(r"^[,.!?]?[”\"»」』]?[,]?\s+(?P<verb>[a-z]+)\s+(?P<part>[A-Z][\w’'-]+)[\s.,]")
# "(Laughter.)", "(The briefing was concluded at 3:05 p.m.)", "[crosstalk]", "(inaudible)".
_STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]{1,120}[)\]]\.?|[-—–*]+|END|\.{3}")
_CAPITALISED = re.compile(r"\b[A-Z][a-z’'-]{2,}\b")
_POSSESSIVE = re.compile(r"[’']s?$")
# Between a sentence's subject and a verb of another clause ("X did not respond, but the
# ministry said …").
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:but|and|while|whereas|although|though)\b|"
                           r"\b(?:but|while|whereas)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us)\b|^Good (?:morning|afternoon|evening)")
_PRONOUN_ANYWHERE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# ", the ministry's spokeswoman," / ", a senior fellow at X," right after a name.
_APPOSITION = re.compile(r",\s+((?:the|a|an)\s[^,;.]{1,80}?),")
# "Stéphane Dujarric, Spokesperson for the Secretary-General" in a heading or headline.
_TITLE_APPOSITION = re.compile(r",\s+((?:[A-Z][\w-]*\s?){1,4})(?:for|of|to|\b)")
_UNNAMED_SUBJECT = re.compile(
    r"(?:^|[.,;:”\"]\s+|\s)(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Mm]any)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:official|diplomat|source|resident|witness|shopkeeper|"
    r"journalist|reporter|man|woman|person|spokes\w+|analyst|aide|officer|soldier|worker|"
    r"farmer|trader|driver|doctor|nurse|student|teacher|activist|member|voter|refugee|"
    r"migrant|lawmaker|minister|commander|expert|economist|engineer)s?\b")
# "The office of …", "a spokesman for …": the person named is who the institution speaks
# for, not who speaks.
_SPEAKS_FOR = re.compile(
    r"\b(?:office|offices|spokes\w+|ministry|government|administration|cabinet|aides?|camp|"
    r"team|lawyers?|representatives?|press service|campaign)\s+(?:of|for|to)\s+(?:the\s+)?"
    r"(?:[\w’'.-]+\s+){0,4}$", re.IGNORECASE)
_CITING = re.compile(r"\b(?:citing|quoting|recalling|referring to|referencing|invoking|"
                     r"paraphrasing|echoing)\s+(?:[\w’'.-]+\s+){0,4}$")
# After a closing mark, a lower-case word that neither starts an attribution ("he said",
# "the minister told", "said X") nor ends the quotation's clause.
_RUNS_ON = re.compile(r"^[”\"»」』]?\s+(?!(?:he|she|they|the|a|an|his|her|their|its|and|but|"
                      r"according|in|on|at|during|when|while|after|before|as)\b)[a-z]")
# "…,” and called on the parties to …", "…,” saying …": a second predicate of the sentence's
# own subject, so the attribution is before the quotation, not after it.
_SHARED_SUBJECT_AFTER = re.compile(
    r"^[”\"»」』]?,?\s+(?:(?:and|but)\s+(?:(?:also|then|later)\s+)?"
    r"(?!(?:he|she|they|it|we|i|you|the|a|an|his|her|their|its|this|that|one)\b)[a-z]+"
    # "…,” saying …" / "…,” adding that …": a participle of the same subject.
    r"|(?!(?:according|including|during|following|regarding|concerning|citing)\b)[a-z]+ing\b)")
_JOINED = re.compile(r",?\s+(?:and|&)\s+(?:[a-z]+\s+){0,4}")
_NON_LATIN_LETTER = re.compile(r"[^\W\dA-Za-z_]")


@dataclass(frozen=True)
class Attributed:
    """A statement found in one paragraph: speaker, text span within the paragraph, kind."""

    speaker: str
    start: int
    end: int
    kind: str
    # 0: in this paragraph; n: in the paragraph n paragraphs before (a quotation running over
    # paragraph breaks whose speaker is named only where it closes).
    back: int = 0


@dataclass
class _Context:
    """What earlier paragraphs established (speakers and subjects, for reference)."""

    last_speaker: str | None = None
    last_subject: dict[str | None, str] | None = None
    carried_speaker: str | None = None
    # Unattributed quotations that ran to the end of their paragraph: (paragraphs ago,
    # start, end), waiting for the paragraph where the quotation closes and names its
    # speaker.
    pending: tuple[tuple[int, int, int], ...] = ()
    colon_speaker: str | None = None
    people_so_far: list[str] | None = None
    interviewee: str | None = None
    host: str | None = None
    # In a transcript: whose turn the paragraphs without a label continue (None: a
    # questioner's), once a label has been seen.
    in_transcript: bool = False
    # A briefing transcript whose headline names its one speaker: until the first label,
    # that speaker's opening statement.
    opening_speaker: str | None = None
    opening_label: str | None = None
    # fold(label) → how many paragraphs open with it.
    label_counts: dict[str, int] = field(default_factory=dict)
    # The transcript writes its labels on lines of their own, above each turn.
    label_lines: bool = False
    turn_speaker: str | None = None
    turn_exclude: str | None = None
    # The last speech the text reported was by someone unnamed: a pronoun in the next
    # paragraph cannot be told.
    unnamed_last: bool = False
    # The paragraph before this one: its people and its last speaker.
    previous_people: tuple[str, ...] = ()
    previous_speaker: str | None = None
    # The paragraph being read: its person mentions, sentence starts, and the people its
    # sentences name as speakers (offset, name), for pronouns that refer back within it.
    paragraph_text: str = ""
    paragraph_people: tuple[Mention, ...] = ()
    paragraph_speakers: tuple[tuple[int, str], ...] = ()
    sentence_starts: tuple[int, ...] = ()
    # Role words each person is given in the article ("chancellor", "spokeswoman").
    roles: dict[str, set[str]] | None = None

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


def _introduced_unnamed(text: str, role: str, at: int) -> bool:
    """True when ``text`` before ``at`` introduced someone unnamed by that role ("a senior
    Treasury official", "another diplomat")."""
    pattern = rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w-]+\s+){{0,4}}?{re.escape(role)}s?\b"
    return re.search(pattern, text[:at]) is not None


@dataclass(frozen=True)
class _LexiconPatterns:
    """What the attributor matches, made from the lexicon once per process (building the
    speech-verb pattern and folding every title cost half a millisecond per article)."""

    verb: re.Pattern[str]
    passive: re.Pattern[str]
    according: re.Pattern[str]
    role: re.Pattern[str]
    role_words: frozenset[str]
    abbreviated: dict[str, str]
    titles: frozenset[str]
    # The first words of the speech verbs and phrases: ``verb`` can match only where a word
    # of them starts. None when a verb is not plain words (then it is tried everywhere).
    verb_first_words: frozenset[str] | None


@functools.cache
def _lexicon_patterns(lexicon: Lexicon) -> _LexiconPatterns:
    verbs = "|".join(sorted(lexicon.speech_verbs | lexicon.weak_speech_verbs, key=len,
                            reverse=True))
    # "talks frequently (and unreliably) of": adverbs and asides may split a phrase.
    between = r"(?:\s+[a-z]+ly|\s*\([^()]{0,80}\))*\s+"
    phrases = "|".join(between.join(map(re.escape, phrase.split())) for phrase in
                       sorted(lexicon.speech_phrases, key=len, reverse=True))
    passive = "|".join(sorted(lexicon.passive_speech_verbs))
    # Lower-case role words may stand between ("according to the energy minister, X").
    roles_between = r"(?:[\w’'.-]+\s+){0,5}"
    roles = "|".join(re.escape(role) for role in lexicon.role_anaphora)
    # A match starts with a verb or a phrase's first word, after which the pattern wants a
    # space, an aside or the word's end: the word of the text there is that very word.
    plain = bool(lexicon.speech_phrases) and all(
        _PLAIN_WORDS.fullmatch(verb) for verb in lexicon.speech_verbs | lexicon.weak_speech_verbs
    ) and all(_PLAIN_WORDS.fullmatch(" ".join(phrase.split())) for phrase in lexicon.speech_phrases)
    first_words = frozenset(alternative.split()[0] for alternative in (
        *lexicon.speech_verbs, *lexicon.weak_speech_verbs, *lexicon.speech_phrases))
    return _LexiconPatterns(
        verb=re.compile(rf"\b(?:{phrases}|{verbs})\b"),
        passive=re.compile(rf"\b(?:{passive}) by\s+{roles_between}$"),
        according=re.compile(rf"\b[Aa]ccording to\s+{roles_between}$"),
        role=re.compile(rf"(?:^|\s)[Tt]he (?:\w+ )?(?P<role>{roles})\s+$"),
        role_words=frozenset(fold(role) for role in lexicon.role_anaphora),
        abbreviated={fold(short): role for short, role in lexicon.title_abbreviations},
        # Words of a label that are a title or role, not a name ("UNDER SECRETARY BASS").
        titles=frozenset(fold(word) for phrase in (*lexicon.titles, *lexicon.role_anaphora,
                                                   *_LABEL_ROLE_WORDS)
                         for word in phrase.split()),
        verb_first_words=first_words if plain and first_words else None)


_PLAIN_WORDS = re.compile(r"\w+(?: \w+)*")
_WORD_RUN = re.compile(r"\w+")


class Attributor:
    """Walks an article's paragraphs in order, keeping reference context between them."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        patterns = _lexicon_patterns(knowledge.lexicon)
        self.verb = patterns.verb
        self.passive = patterns.passive
        self.according = patterns.according
        self.role = patterns.role
        self.context = _Context()
        # People who speak only as the second half of a joint subject ("X and Y said").
        self.joint_speakers: list[str] = []
        self._role_words = patterns.role_words
        self._abbreviated = patterns.abbreviated
        self._titles = patterns.titles
        self._verb_first_words = patterns.verb_first_words

    def _verbs(self, text: str, position: int = 0) -> Iterator[re.Match[str]]:
        """What ``self.verb.finditer(text, position)`` gives, trying the pattern only where
        a speech verb's or phrase's first word starts: its long alternation is slow to fail
        at every character. A match found, the next is looked for after it, as finditer
        does."""
        if self._verb_first_words is None:
            yield from self.verb.finditer(text, position)
            return
        for word in _WORD_RUN.finditer(text, position):
            if word.start() >= position and word.group(0) in self._verb_first_words:
                match = self.verb.match(text, word.start())
                if match:
                    yield match
                    position = match.end()

    def _gender(self, name: str) -> str | None:
        return self.knowledge.gender(name.split(maxsplit=1)[0])

    def _resolve_pronoun(self, pronoun: str, at: int | None) -> str | None:
        """Who "he"/"she" at offset ``at`` of the paragraph refers to: a person this
        paragraph already reports as speaking, else one it names at the start of a
        sentence (its subject); only a paragraph that names nobody before the pronoun
        reaches back to the subject of the text before. Anything else is too weak."""
        wanted = "male" if pronoun.lower() == "he" else "female"

        context = self.context

        def fits(name: str | None) -> bool:
            return name is not None and name != context.turn_exclude and \
                self._gender(name) in (wanted, None)

        at = len(context.paragraph_text) if at is None else at
        for offset, name in reversed(context.paragraph_speakers):
            if offset < at and name is None:
                return None
            if offset < at and fits(name):
                return name
        before = [m for m in context.paragraph_people if m.end <= at]
        for mention in reversed(before):
            start = max((s for s in context.sentence_starts if s <= mention.start), default=0)
            opening = context.paragraph_text[start : mention.start].rstrip()
            if mention.prefix and opening.endswith(mention.prefix):
                opening = opening[: -len(mention.prefix)]
            if not opening.strip(" (“\"") and fits(mention.name):
                return mention.name
        candidates = {m.name for m in before if fits(m.name)}
        if len(candidates) == 1:
            return next(iter(candidates))
        if before or context.unnamed_last:
            return None
        # "Back at the plaza, Rizky shrugs. “…,” he said": a capitalised word that is part
        # of one named person's name, and nobody else, stands for them.
        for word in _CAPITALISED.findall(context.paragraph_text[:at]):
            part = fold(word)
            fitting = {name for name in context.people_so_far or []
                       if " " in name and part in fold(name).split()}
            if len(fitting) == 1:
                name = next(iter(fitting))
                return name if fits(name) else None
            if fitting:
                return None
        # A paragraph that names nobody: the last speaker of the paragraph before, else the
        # one person of that gender it named (several: too weak).
        if fits(context.previous_speaker):
            return context.previous_speaker
        if context.previous_speaker is not None:
            # The paragraph before ended on someone the pronoun does not fit, by a
            # dictionary's guess at a given name ("Hani" read as female): reaching past
            # them to an older subject is too weak.
            return None
        named_before = {name for name in context.previous_people if fits(name)}
        if len(named_before) == 1:
            return next(iter(named_before))
        if named_before:
            return None
        for name in (context.subjects().get(wanted), context.subjects().get(None),
                     context.last_speaker):
            if fits(name):
                return name
        # The first pronoun of the text: the one person of that gender the headline or
        # the text so far names.
        fitting = {name for name in context.people_so_far or [] if fits(name)}
        return next(iter(fitting)) if len(fitting) == 1 else None

    def _role_holder(self, role: str, latest: bool = True) -> str | None:
        """ "the chancellor said": the one person of the article given that role; when the
        article gives that role to nobody, the person it was last about, unless the
        article gave them a role of their own (then "the chancellor" is someone else)."""
        roles = self.context.roles or {}
        holders = [name for name, words in roles.items() if fold(role) in words]
        if holders or not latest:
            return holders[0] if len(holders) == 1 else None
        latest = self.context.subjects().get(None) or self.context.last_speaker
        if latest and not roles.get(latest, set()) & self._role_words:
            return latest
        return None

    def learn_roles(self, text: str, people: list[Mention]) -> None:
        """Remember the roles the headline or a heading gives people."""
        self._learn_roles(text, people)

    def _learn_roles(self, text: str, people: list[Mention]) -> None:
        roles = self.context.roles if self.context.roles is not None else {}
        self.context.roles = roles
        for mention in people:
            words = set(fold(mention.prefix).split())
            window = text[max(0, mention.start - len(mention.prefix) - 40):
                          mention.start - len(mention.prefix)]
            # Only the words of its own sentence ("…the senator. Mike Johnson …": not his).
            window = re.split(r"[.!?]\s", window)[-1]
            words.update(fold(window).split()[-3:])
            apposition = _APPOSITION.match(text, mention.end) or \
                _TITLE_APPOSITION.match(text, mention.end)
            if apposition:
                words.update(fold(apposition.group(1)).split())
            words = {_POSSESSIVE.sub("", word).strip(",.;:()") for word in words}
            roles.setdefault(mention.name, set()).update(
                words | {self._abbreviated[word] for word in words if word in self._abbreviated})

    def _subject_before(self, sentence: Sentence, verb_start: int,
                        people: list[Mention]) -> str | None:
        left = sentence.text[: verb_start - sentence.start]
        # The nearest person whose distance to the verb is only an apposition or adverbs: a
        # name inside the apposition ("X, a long-time Maduro ally, told") is passed over.
        for index in range(len(people) - 1, -1, -1):
            mention = people[index]
            if mention.end <= verb_start:
                gap = sentence.text[mention.end - sentence.start : verb_start - sentence.start]
                if _FILLER.match(gap):
                    # "X, speaking after a call with Y, said": Y closes the apposition of X.
                    if gap.strip() == ",":
                        holder = self._apposition_holder(sentence, verb_start, people[:index])
                        if holder:
                            return holder
                    # "X and Y said in a joint statement": a statement has one speaker, the
                    # first of the subject (the nearer one is only its second half); the
                    # other speaks in the article too.
                    if self._joint(sentence, people[:index], mention):
                        self.joint_speakers.append(mention.name)
                        return people[index - 1].name
                    return mention.name
        pronoun = _PRONOUN.search(left)
        if pronoun:
            return self._resolve_pronoun(pronoun.group("pronoun"),
                                         sentence.start + pronoun.start())
        role = self.role.search(left)
        if role:
            # "A Western diplomat said … “…,” the diplomat said": the unnamed one again.
            if _introduced_unnamed(self.context.paragraph_text, role.group("role"),
                                   sentence.start + role.start()):
                return None
            return self._role_holder(role.group("role"))
        # "X went further, claiming …": a participle after a comma shares the sentence's subject.
        if sentence.text[verb_start - sentence.start - 2 : verb_start - sentence.start] == ", " \
                and people and sentence.text[verb_start - sentence.start:].split()[0].endswith(
                    "ing"):
            opening = sentence.text[: people[0].start - sentence.start]
            if not opening.strip(" “\"(") or people[0].prefix:
                return people[0].name
        return None

    @staticmethod
    def _apposition_holder(sentence: Sentence, verb_start: int,
                           earlier: list[Mention]) -> str | None:
        """The person whose comma-enclosed apposition runs up to the verb and takes in the
        names after them: "X, speaking after a video call with President Y, said"."""
        for mention in earlier:
            gap = sentence.text[mention.end - sentence.start : verb_start - sentence.start]
            if gap.startswith(",") and _FILLER.match(gap):
                return mention.name
        return None

    def _runs_on(self, after: str) -> bool:
        """True when the text after a quotation's closing mark carries its sentence on
        instead of attributing it ("” slogan has given way", not "” said X")."""
        runs = _RUNS_ON.match(after)
        return bool(runs) and not self.verb.match(after, runs.end() - 1)

    @staticmethod
    def _joint(sentence: Sentence, earlier: list[Mention], mention: Mention) -> bool:
        """True when ``mention`` is the second of two people joined by "and"/"&" as one
        subject ("Josep Borrell and Commissioner Olivér Várhelyi")."""
        if not earlier:
            return False
        begins = mention.start - (len(mention.prefix) + 1 if mention.prefix else 0)
        between = sentence.text[earlier[-1].end - sentence.start : begins - sentence.start]
        return _JOINED.fullmatch(between) is not None

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
                   quoted: bool | None = None) -> str | None:
        """The person the sentence reports as speaking, if any. ``quoted`` says whether the
        words reported are a quotation (weak verbs, "called", report speech only then);
        by default, whether the sentence holds a quotation mark."""
        people = [mention for mention in people if not self._cited(sentence, mention)]
        passive_at: int | None = None
        for mention in people:
            left = sentence.text[: mention.start - sentence.start]
            if mention.prefix and left.rstrip().endswith(mention.prefix):
                left = left.rstrip()[: -len(mention.prefix)]
            if self.according.search(left):
                return mention.name
            if passive_at is None and self.passive.search(left):
                passive_at = mention.start
                passive_speaker = mention.name
        if quoted is None:
            quoted = any(mark in sentence.text for mark in _QUOTE_OPEN)
        for verb in self._verbs(sentence.text):
            if verb.group(0) in self.knowledge.lexicon.weak_speech_verbs and not quoted:
                continue
            if passive_at is not None and sentence.start + verb.start() > passive_at:
                # "X said …" before "a plan announced by Y": the sentence's speaker is X;
                # with no speaker before it, "a point highlighted by Y" is Y's.
                return passive_speaker
            start = sentence.start + verb.start()
            subject = self._subject_before(sentence, start, people)
            if subject is None and sentence.text[: verb.start()].rstrip().endswith(
                (",", "”", '"', ",”", ",\"")
            ):
                subject = self._subject_after(sentence, sentence.start + verb.end(), people)
            if subject:
                return subject
        return passive_speaker if passive_at is not None else None

    def _cited(self, sentence: Sentence, mention: Mention) -> bool:
        """A person named after "citing", "quoting", "recalling", "referring to": whose
        words are invoked, not who speaks."""
        left = sentence.text[: mention.start - sentence.start]
        if mention.prefix and left.rstrip().endswith(mention.prefix):
            left = left.rstrip()[: -len(mention.prefix)]
        return bool(_CITING.search(left) or _SPEAKS_FOR.search(left))

    def _unnamed_speech(self, text: str) -> bool:
        """A speech verb whose subject is a noun phrase, not a name: "A shopkeeper in
        Bépanda said", "Another journalist asked", "officials said"."""
        return bool(_UNNAMED_SUBJECT.search(text)) and self.has_speech_verb(text, quoted=True)

    def has_speech_verb(self, text: str, quoted: bool) -> bool:
        weak = self.knowledge.lexicon.weak_speech_verbs
        return any(quoted or verb.group(0) not in weak for verb in self._verbs(text))

    def _quote_evidence(self, text: str, span: tuple[int, int], sentences: list[Sentence],
                        people: list[Mention]) -> tuple[bool, str | None]:
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
        if self._runs_on(after) or _SHARED_SUBJECT_AFTER.match(after):
            # "X's “hugs, not bullets” slogan has given way to … who told …": the sentence
            # runs on past the quotation, so a speech verb further on is not its attribution.
            after = ""
        opening = max(0, start - 1)
        sentence_start = next((s.start for s in sentences if s.start <= opening < s.end), 0)
        before = text[sentence_start:opening]
        for clause_start, clause in ((end, after), (sentence_start, before)):
            if not clause.strip() or not self.has_speech_verb(clause, quoted=True):
                continue
            piece = Sentence(clause_start, clause_start + len(clause), clause)
            inside = [m for m in people if clause_start <= m.start < clause_start + len(clause)]
            speaker = self.speaker_of(piece, inside, quoted=True)
            if speaker is None and not inside:
                speaker = self._name_part_speaker(clause)
            if speaker is None and clause_start == sentence_start:
                speaker = self._sentence_subject(clause, clause_start, inside)
            return True, speaker
        return False, None

    def _sentence_subject(self, clause: str, clause_start: int,
                          inside: list[Mention]) -> str | None:
        """ "Senator X of the conservative party said on Sunday that … “…”": the one person
        who opens the sentence, when the speech verb comes before any other person."""
        if not inside:
            return None
        first = inside[0]
        opening = clause[: first.start - clause_start].rstrip()
        if first.prefix and opening.endswith(first.prefix):
            opening = opening[: -len(first.prefix)]
        # What may stand before the name: its title or role ("Ministry of External Affairs
        # spokesperson"), never a clause of its own.
        leftover = [word for word in opening.strip(" (“\"").split()
                    if not (word[:1].isupper() or word in ("of", "the", "for")
                            or word.lower() in self.knowledge.lexicon.role_nouns)]
        verb = next(self._verbs(clause, first.end - clause_start), None)
        if leftover or verb is None or _CITING.search(clause[:verb.start()]) or \
                _CLAUSE_BREAK.search(clause[first.end - clause_start : verb.start()]):
            return None
        others = [m for m in inside[1:] if m.start - clause_start < verb.start()]
        return first.name if not others else None

    def _name_part_speaker(self, clause: str) -> str | None:
        """ "…,” Abiy told lawmakers" / "…,” Koizumi said": one capitalised word next to the
        speech verb that is part of the name of a person this article already named (a
        given name used alone). It names that person only when exactly one fits: a surname
        two people share is too weak."""
        word = _NAME_PART_BEFORE.search(clause) or _NAME_PART_AFTER.search(clause)
        if word is None or not self.verb.fullmatch(word.group("verb")):
            return None
        part = fold(word.group("part"))
        fitting = list(dict.fromkeys(
            name for name in self.context.people_so_far or []
            if part in {fold(piece) for piece in name.split()} and " " in name))
        return fitting[0] if len(fitting) == 1 else None

    def _quotations(self, text: str, quotes: list[tuple[int, int]], sentences: list[Sentence],
                    people: list[Mention]) -> tuple[list[tuple[int, int, str | None]], set[int]]:
        """Each quotation of the paragraph with its speaker (or None): its own evidence
        first; then the one person the paragraph's evidence names; then, for a paragraph
        that opens with a quotation and has no evidence at all, the previous paragraph's.
        Also the starts of the quotations their own sentence attributes."""
        decided = []
        for span in quotes:
            settled, speaker = self._quote_evidence(text, span, sentences, people)
            decided.append((span, settled, speaker))
        named = {speaker for _span, settled, speaker in decided if settled and speaker}
        if not named:
            # "X said the clash showed … “There is no dialogue …": the paragraph's one
            # reported speaker.
            named = {name for _offset, name in self.context.paragraph_speakers if name}
        any_evidence = any(settled for _span, settled, _speaker in decided)
        result = []
        for index, ((start, end), settled, speaker) in enumerate(decided):
            if not settled:
                if len(named) == 1 and self._own_subject(text, start, sentences, people) in (
                        None, *named) and not self._named_later(text, end, sentences, people):
                    speaker = next(iter(named))
                elif (not any_evidence and index == 0 and text.lstrip()[:1] in _QUOTE_OPEN
                        and not self._reported_speaker(sentences, people)):
                    speaker = self.context.carried_speaker
            result.append((start, end, speaker))
        return result, {start for (start, _end), settled, _speaker in decided if settled}

    def _own_subject(self, text: str, quote_start: int, sentences: list[Sentence],
                     people: list[Mention]) -> str | None:
        """The person a quotation's own sentence names before the quotation, when it names
        one (not as cited or spoken for): "Spokesperson X shot back that the deal held “…”"
        is X's sentence, so the paragraph's other speaker cannot lend it theirs."""
        sentence_start = next((s.start for s in sentences if s.start <= quote_start < s.end), 0)
        sentence = Sentence(sentence_start, quote_start, text[sentence_start:quote_start])
        before = [m for m in people if sentence_start <= m.start < quote_start
                  and not self._cited(sentence, m)]
        return before[0].name if before else None

    def _named_later(self, text: str, quote_end: int, sentences: list[Sentence],
                     people: list[Mention]) -> bool:
        """True when the sentence runs on past the quotation to name a person: "Y's “roads,
        not rifles” slogan gave way to …, X, who told senators …" — X's words are later in
        the sentence, the quotation is someone else's."""
        sentence_end = next((s.end for s in sentences if s.start <= quote_end <= s.end),
                            len(text))
        return self._runs_on(text[quote_end:sentence_end]) and any(
            quote_end < m.start < sentence_end for m in people)

    def _reported_speaker(self, sentences: list[Sentence], people: list[Mention]) -> str | None:
        for sentence in sentences:
            in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
            speaker = self.speaker_of(sentence, in_sentence)
            if speaker:
                return speaker
        return None

    def paragraph(self, text: str, people: list[Mention]) -> list[Attributed]:
        """Statements in one paragraph; ``people`` are its person mentions in order."""
        found = self._paragraph(text, people)
        self.context.previous_people = tuple(m.name for m in people)
        self.context.previous_speaker = found[-1].speaker if found else None
        return found

    def _paragraph(self, text: str, people: list[Mention]) -> list[Attributed]:
        found: list[Attributed] = []
        quotes = quote_spans(text)
        sentences = split_sentences(text, self.knowledge)
        colon_speaker = self.context.colon_speaker
        self.context.colon_speaker = None
        if self.context.people_so_far is None:
            self.context.people_so_far = []
        if self._open_turn(text, people):
            return found
        turn = self._turn(text, people)
        self.context.people_so_far.extend(m.name for m in people)
        self._learn_roles(text, people)
        self.context.paragraph_text = text
        self.context.paragraph_people = tuple(people)
        self.context.sentence_starts = tuple(sentence.start for sentence in sentences)
        self.context.paragraph_speakers = ()
        named: list[tuple[int, str | None]] = []
        for sentence in sentences:
            in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
            pronoun = bool(_PRONOUN_ANYWHERE.search(sentence.text))
            speaker = self.speaker_of(sentence, in_sentence) \
                if in_sentence and not pronoun else None
            if speaker or self._unnamed_speech(sentence.text):
                # None: "A shopkeeper said …", "an official who asked not to be named
                # said …" — a later "he said" refers to them, not to anyone named.
                named.append((sentence.start, speaker))
        self.context.paragraph_speakers = tuple(named)
        if named:
            self.context.unnamed_last = named[-1][1] is None
        if turn is not None:
            speaker, start = turn
            self.context.in_transcript = True
            self.context.turn_speaker = speaker
            return self._turn_statements(text, start, speaker, quotes, sentences, people)
        if not self.context.in_transcript and _FIRST_PERSON.search(text) and not quotes \
                and self._opening():
            # Before the first label of a briefing, the words in the first person are the
            # opening statement of the one who answers (named by the headline, or by most
            # labels).
            return self._turn_statements(text, 0, self.context.opening_speaker, quotes,
                                         sentences, people)
        if self.context.in_transcript and not _STAGE_DIRECTION.fullmatch(text.strip()):
            if any(self._quote_evidence(text, span, sentences, people)[0]
                   for span in quotes):
                # Prose between the turns of a written-up interview ("…,” Silva said when
                # we met"): read as prose, and the turn is over.
                self.context.turn_speaker = None
            else:
                # A turn that runs over several paragraphs: the label is on the first only.
                return self._turn_statements(text, 0, self.context.turn_speaker, quotes,
                                             sentences, people)
        if colon_speaker and text.strip():
            found.append(Attributed(colon_speaker, 0, len(text), "direct"))
            if _is_non_latin(text):
                self.context.colon_speaker = colon_speaker
            self.context.last_speaker = colon_speaker
            return found
        quotations, own_evidence = self._quotations(text, quotes, sentences, people)
        pending = tuple((ago + 1, start, end) for ago, start, end in self.context.pending)
        self.context.pending = ()
        continues = bool(quotations) and not text[: quotations[0][0]].strip(" “\"«„")
        if pending and continues and quotations[0][2]:
            speaker = quotations[0][2]
            found.extend(Attributed(speaker, start, end, "direct", ago)
                         for ago, start, end in pending)
        elif pending and continues and quotations[0][1] == len(text.rstrip()):
            self.context.pending = pending  # the quotation runs on through this paragraph
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
        # One word its own sentence reports as said ("called it “a triumph” and accused them
        # of a “fascist” plot"), in a sentence whose other quotation keeps it from being read
        # as reported speech; alone, such a word is covered by the sentence's reported speech.
        for start, end, speaker in quotations:
            piece = text[start:end].strip(" ,.")
            sentence = next((s for s in sentences if s.start <= start < s.end), None)
            if speaker and start in own_evidence and len(piece.split()) == 1 and \
                    piece[:1].isalpha() and sentence is not None and any(
                        s < sentence.end and e > sentence.start for s, e in attributed):
                offset = text.index(piece, start)
                found.append(Attributed(speaker, offset, offset + len(piece), "direct"))
        if quotations and quotations[-1][2] is None and quotations[-1][1] >= len(text.rstrip()):
            start, end, _speaker = quotations[-1]
            piece = text[start:end].strip(" ,.")
            if len(piece.split()) >= 2:
                offset = text.index(piece, start)
                self.context.pending = (*self.context.pending, (0, offset, offset + len(piece)))
        # Reported speech: sentences without an attributed quotation.
        for sentence in sentences:
            in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
            if any(s < sentence.end and e > sentence.start for s, e in attributed):
                speaker = None
            else:
                speaker = self.speaker_of(sentence, in_sentence)
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
            # "Y's “hugs, not bullets” slogan gave way to …, X, who told senators …": the
            # reported speech is X's, the quotation before X is not; the statement starts
            # after it.
            named_at = next((m.start for m in in_sentence if m.name == speaker), offset)
            before_speaker = [e for s, e in quotes if offset <= s and e < named_at
                              and self._runs_on(text[e:offset + len(stripped)])]
            if before_speaker:
                rest = text[before_speaker[-1]: offset + len(stripped)]
                skip = len(rest) - len(rest.lstrip(" ,;:”\"»」』"))
                if len(rest[skip:].split()) >= 3:
                    stripped = rest[skip:]
                    offset = before_speaker[-1] + skip
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

    def open_transcript(self, paragraphs: list[str], headline_people: list[str],
                        headings: tuple[str, ...] = ()) -> None:
        """Before reading: a text with several speaker labels is a transcript, and when its
        headline names exactly one person, the unlabelled first-person paragraphs before the
        first label are that person's opening statement. Labels may also stand on lines of
        their own (``headings`` and paragraphs), above each turn."""
        tags = []
        for text in paragraphs:
            label = TURN_LABEL.match(text)
            if label:
                key = fold(label.group("named") or label.group("label"))
                self.context.label_counts[key] = self.context.label_counts.get(key, 0) + 1
            label = TURN_LABEL.match(text)
            words = label.group("label").split() if label else []
            if label and (label.group("label").isupper() or label.group("label") in (
                    "Q", "A", "Question", "Answer") or label.group("stamp")
                    or label.group("after") or (
                        2 <= len(words) <= 3 and all(word[:1].isupper() for word in words))):
                tags.append(label.group("label"))
        lines = [text for text in (*headings, *paragraphs) if self._label_line(text) is not None]
        if len(lines) >= 3 and any(_QUESTION_LINE.match(text) for text in lines):
            self.context.label_lines = True
            tags.extend(lines)
        named = set(headline_people)
        if len(tags) < 2:
            return
        if len(named) == 1:
            self.context.opening_speaker = next(iter(named))
            return
        # Else the one who answers: the label that takes the most turns, when it is a name.
        answering = [tag for tag in tags if tag.upper() not in _QUESTIONER_LABELS
                     and not _NUMBERED_SPEAKER.fullmatch(tag) and tag not in ("A", "Answer")]
        if answering:
            tag = max(sorted(set(answering)), key=answering.count)
            self.context.opening_label = tag

    def _opening(self) -> str | None:
        if self.context.opening_speaker is None and self.context.opening_label:
            words = [word for word in self.context.opening_label.replace(".", " ").split()
                     if word.upper() not in _HONORIFICS]
            self.context.opening_speaker = self._label_name(
                words, self.context.people_so_far or [], [], False)
        return self.context.opening_speaker

    def heading(self, text: str, people: list[Mention]) -> None:
        """A heading ends the turn of a transcript (the next topic starts afresh); the
        people and roles it names ("Noon briefing by X, Spokesperson for …") are known to
        the labels below it."""
        if self.context.people_so_far is None:
            self.context.people_so_far = []
        if self._open_turn(text, people):
            return
        self.context.turn_speaker = None
        self.context.people_so_far.extend(m.name for m in people)
        self._learn_roles(text, people)

    def _open_turn(self, text: str, people: list[Mention]) -> bool:
        """True for a label on a line of its own in a transcript written that way: the
        paragraphs after it are the turn of the speaker it names (nobody's for a question)."""
        if not self.context.label_lines or self._label_line(text) is None:
            return False
        assert self.context.people_so_far is not None
        self.context.people_so_far.extend(m.name for m in people)
        self.context.in_transcript = True
        self.context.turn_speaker = self._label_line(text, people) or None
        if self.context.turn_speaker:
            self.context.people_so_far.append(self.context.turn_speaker)
        return True

    def _turn_statements(self, text: str, start: int, speaker: str | None,
                         quotes: list[tuple[int, int]], sentences: list[Sentence],
                         people: list[Mention]) -> list[Attributed]:
        """A turn's words are its speaker's, but for the quotations in it that its own
        evidence gives to someone else ("as Babayev put it, “a bridge to Belém”"), and a
        host's turn that asks a question is nobody's statement."""
        # A turn that ends in a question is the interviewer's or a reporter's question.
        asks = text[start:].strip().rstrip("”\"").endswith("?")
        if speaker is None or asks or (speaker == self.context.host and "?" in text):
            # A questioner's words, even where they report someone ("X says …; what has
            # changed?"), are the question, not a statement of anyone's; a quotation the
            # question cites with its speaker ("X said that outside powers were trying to
            # “push Russia out”") is still that speaker's.
            self.context.turn_speaker = None
            return [Attributed(other, start_, end_, kind) for (start_, end_), other, kind
                    in self._quoted_by_others(text, quotes, sentences, people, None)
                    if other and kind == "direct"]
        found: list[Attributed] = []
        position = start
        for (quote_start, quote_end), other, kind in self._quoted_by_others(
                text, quotes, sentences, people, speaker):
            if speaker:
                found.extend(self._piece(speaker, text, position, max(position,
                                                                    quote_start - 1)))
            if other:
                found.append(Attributed(other, quote_start, quote_end, kind))
            position = quote_end + 1
        if speaker:
            found.extend(self._piece(speaker, text, position, len(text.rstrip())))
            self.context.last_speaker = speaker
        return [statement for statement in found if statement.speaker]

    @staticmethod
    def _piece(speaker: str, text: str, start: int, end: int) -> list[Attributed]:
        piece = text[start:end]
        stripped = piece.strip(" ,;:–—-“”\"")
        if len(stripped.split()) < 2:
            return []
        offset = text.index(stripped, start)
        return [Attributed(speaker, offset, offset + len(stripped), "direct")]

    def _quoted_by_others(self, text: str, quotes: list[tuple[int, int]],
                          sentences: list[Sentence], people: list[Mention], speaker: str | None
                          ) -> list[tuple[tuple[int, int], str | None, str]]:
        others = []
        for span in quotes:
            settled, quoted = self._quote_evidence(text, span, sentences, people)
            if settled and quoted != speaker:
                # Someone else's words, or nobody's ("One man told me, “…”").
                others.append((span, quoted, "direct"))
        # A turn that reports what someone else said ("He said tonight that …"): that
        # sentence is the other person's reported speech, not the turn's own words, and
        # nobody's when the "he" cannot be told (it is never the one speaking the turn).
        self.context.turn_exclude = speaker
        try:
            for sentence in sentences:
                if any(s < sentence.end and e > sentence.start for (s, e), *_r in others):
                    continue
                in_sentence = [m for m in people if sentence.start <= m.start < sentence.end]
                reported = self.speaker_of(sentence, in_sentence)
                third_person = bool(_PRONOUN_ANYWHERE.search(sentence.text)) and \
                    self.has_speech_verb(sentence.text, quoted=True)
                if (reported and reported != speaker) or (third_person and not reported):
                    stripped = sentence.text.strip()
                    offset = text.index(stripped, sentence.start)
                    others.append(((offset, offset + len(stripped)), reported, "indirect"))
        finally:
            self.context.turn_exclude = None
        return sorted(others)

    def _turn(self, text: str, people: list[Mention]) -> tuple[str | None, int] | None:
        """A transcript or interview turn: (its speaker, where its words start), the
        speaker None for a questioner (Q, QUESTION, REPORTER, an outlet's name) or an
        unnamed official; None when the paragraph has no speaker label.

        Labels: "Q:"/"A:" (the answer is the interviewee's: the first person the text
        names before the first question), "MR PRICE:", "UNDER SECRETARY BASS:",
        "KISHIDA:", "Jane Doe: (04:12)", "HOST (Jane Doe):", "HOST:" after a host who
        introduced themselves. A name in a label is resolved against the people the
        article (headline included) has named, by full name or surname."""
        label = TURN_LABEL.match(text)
        if label is None:
            return None
        named = label.group("named")
        if named and not named[:1].isupper():
            named = None  # "BABIŠ (through interpreter):"
        tag = (named or label.group("label")).strip()
        if not tag[:1].isupper():
            return None
        start = label.end()
        if self.context.people_so_far is None:
            self.context.people_so_far = []
        known = self.context.people_so_far
        if named and label.group("label").upper() in _HOST_LABELS:
            self.context.host = self._label_name(named.split(), known, people, True) or named
        if (tag.upper() in _QUESTIONER_LABELS or _NUMBERED_SPEAKER.fullmatch(tag)
                or fold(tag) in self.knowledge.organizations):
            if self.context.interviewee is None and known:
                self.context.interviewee = known[0]
            return None, start
        if tag in ("A", "Answer", "ANSWER"):
            return self.context.interviewee, start
        if tag.upper() in _HOST_LABELS:
            introduced = _SELF_INTRODUCTION.search(text)
            if introduced:
                self.context.host = introduced.group("name")
            return self.context.host, start
        words = [word for word in tag.replace(".", " ").split()
                 if word.upper() not in _HONORIFICS]
        while len(words) > 1 and fold(words[0]) in self._titles:
            words = words[1:]
        if not words or all(fold(word) in self._titles for word in words):
            # "Spokesperson:" names the one person the article (its headline included)
            # gives that role; "SENIOR ADMINISTRATION OFFICIAL:" names nobody.
            roles = [fold(word) for word in tag.replace(".", " ").split()
                     if fold(word) in self._role_words]
            holder = self._role_holder(roles[-1], latest=False) if len(roles) == 1 and \
                len(tag.split()) == 1 else None
            return holder, start
        stamped = bool(label.group("stamp") or label.group("after"))
        # "NATO Spokesperson Allison Hart:": a label of titles around one person's name.
        inside = {m.name for m in people if m.end <= label.end("label")}
        speaker = next(iter(inside)) if len(inside) == 1 else \
            self._label_name(words, known, people, stamped)
        if speaker:
            known.append(speaker)
            return speaker, start
        # An unknown speaker in capitals still ends the turn before it.
        return (None, start) if tag.isupper() and self.context.in_transcript else None

    def _label_line(self, text: str, people: list[Mention] | None = None) -> str | None:
        """For a label written on a line of its own: the speaker it names (None for a
        questioner's; "" when the name is not a person this text names), or None when the
        line is no label. An office must hold a title or a role ("Chief Spokesperson")."""
        text = text.strip()
        if _QUESTION_LINE.match(text):
            return ""
        line = _LABEL_LINE.match(text)
        if line is None:
            return None
        office = line.group("office").split()
        lexicon = self.knowledge.lexicon
        if not any(word in lexicon.titles or word.lower() in lexicon.role_nouns
                   for word in office):
            return None
        if people is None:
            return ""
        named = [m.name for m in people if m.end <= line.end("name")]
        return named[0] if len(named) == 1 else self._label_name(
            line.group("name").split(), self.context.people_so_far or [], people, True) or ""

    def _label_name(self, words: list[str], known: list[str], people: list[Mention],
                    stamped: bool) -> str | None:
        """The person a label's name words stand for: someone the article named (full
        name or surname), else the words themselves when a transcript writes a full name
        in capitals or with a timestamp ("KWAME ASANTE:", "Jane Doe: (04:12)") and it reads
        as a name: a known given name first, a label that speaks more than once, or any
        label once the text is a transcript (a newsletter's "MERCOSUR MATH:" section, with
        no turn before it, is no one)."""
        name = " ".join(words)
        folded = fold(name)
        for person in [m.name for m in people if m.start == 0] + known:
            parts = fold(person).split()
            # "RUIZ MARRERO:" is Elena Ruiz Marrero: the label is the end of the name.
            if folded == fold(person) or folded.split() == parts[-len(words):]:
                return person
        written = " ".join(word[:1].upper() + word[1:].lower() if word.isupper() else word
                           for word in words)
        if 2 <= len(words) <= 3 and all(word.isalpha() for word in words) and (
                name.isupper() or stamped) and (
                self.knowledge.is_given_name(written.split()[0])
                or self.context.label_counts.get(fold(name), 0) >= 2
                or self.context.in_transcript):
            return written
        return None

    def _remember_subject(self, name: str) -> None:
        gender = self._gender(name)
        self.context.subjects()[gender] = name
        self.context.subjects()[None] = name
