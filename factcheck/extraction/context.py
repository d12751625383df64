"""What the reader remembers between sentences: who spoke last, the last person and the last body named."""

import re
from dataclasses import dataclass, field

from factcheck.extraction import confidence as why
from factcheck.extraction.names import CALENDAR, POSSESSIVE, ROLE_WORDS, is_group_descriptor
from factcheck.extraction.speakers import clean_speaker, looks_personal, plausible_speaker
from factcheck.extraction.words import (
    DOCUMENTS,
    FEMALE_NAMES,
    MALE_NAMES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    SPEAKER_ROLES,
    THING_PRONOUNS,
)

# The subject of a sentence, for a later "it" or "she", and for a participle going on with it: "Pavel Dorn,
# the captain, criticised ..., writing: ..."
SUBJECT_NAME = re.compile(
    r"^((?:[\w’'-]+\s+){0,8}?[\w’'-]+(?:,[^,]+,)?)\s+(?:[a-z]\w*ed|has|had|was|were|is|are|will|would|spoke|met|"
    # "The ministry did not respond to a request for comment. It said ...": the ministry
    r"did\s+not|does\s+not|could\s+not|"
    r"went|gave|took|made|came|left|won|lost|held|began|wrote|saw|found|got|put|set|became|fell|rose|sank|"
    r"struck|fled|led|told|said|says|ran|sat|stood|sent|kept|brought|paid|sold|bought|built|cut|hit|shut|"
    r"runs|leads|heads|owns|works|lives|chairs|manages|represents|speaks|spent|grew|knew|thought|fought|felt|"
    r"began|wrote|drove|flew|ate|forgot|hid|meant|sought|taught|understood|withdrew|won|swore|rode)\b"
)
DEFINITE_DESCRIPTION = re.compile(
    r"^the\s+(?:company|firm|board|ministry|agency|website|group|council|government|paper|newspaper|"
    r"broadcaster|station|bank|union|club|party|department|office|authority|organisation|organization|"
    r"charity|operator|airline|utility|court|university|hospital|school|city|army|military)$",
    re.IGNORECASE,
)
# A run of capitalised words, and the words that may open one without being a name.
NAME_RUN = re.compile(r"\b(?:[A-Z][\w’'-]*\.?\s+){1,4}[A-Z][\w’'-]+")
NOT_A_NAME_START = CALENDAR | frozenset(
    "on in at the a an last this but and when after before yesterday today".split()
)


@dataclass
class Context:
    """What the reader remembers from earlier sentences: who spoke last, the last person, the last body."""

    last_speaker: tuple[str, list[str], str] | None = None
    last_person: str | None = None
    people: list[str] = field(default_factory=list)  # the people named so far, the last most recent
    last_thing: str | None = None
    # The last local description ("the company", "the report"), for a pronoun with nothing else to refer to
    last_description: str | None = None
    groups: set[str] = field(default_factory=set)  # names described as a group: "environmental group X"
    resolved: dict[str, str] = field(default_factory=dict)  # in the piece being read: name -> the doubt
    reported: bool = False  # whether the sentence before was an indirect report ("X said that Y")

    def remember(self, name: str, chain: list[str], cue: str = "said") -> None:
        if name.lower() in PERSON_PRONOUNS | THING_PRONOUNS:
            return
        self.last_speaker = (name, chain, cue)
        if POSSESSIVE.match(name):
            return  # "Its lawyers said ... It added ...": "it" is still the firm
        if looks_like_person(name) and name not in self.groups:
            self.meet(name)
        elif known := self.by_surname(name):
            self.meet(known)  # "Holt said ...": Finance Minister Karin Holt, for a later "she"
        elif titled := self.titled(name):
            self.meet(titled)  # "The judge said ..." speaks of Judge Pilar Sandoval, for a later "she"
        elif not DEFINITE_DESCRIPTION.match(name):
            self.last_thing = name
        else:
            self.last_description = name
            if self.last_thing and DOCUMENTS.search(self.last_thing) and not DOCUMENTS.search(name):
                # "A report by the auditor found ... The ministry rejected it. It said ...": the ministry
                self.last_thing = None

    def titled(self, name: str) -> str | None:
        """The last person named with the title a description gives: "the judge" -> "Judge Pilar Sandoval"."""
        m = re.fullmatch(r"the\s+(\w+)", name, re.I)
        title = m.group(1).lower() if m else ""
        if title not in TITLES:
            return None
        return next((p for p in reversed(self.people) if title in p.lower().split()[:-2]), None)

    def by_surname(self, name: str) -> str | None:
        """The person named before whose surname this is: "Holt" -> "Finance Minister Karin Holt"."""
        word = LATER_ADVERB.sub("", name)
        if " " in word or not word[:1].isupper():
            return None
        return next((p for p in reversed(self.people) if p.split()[-1] == word), None)

    def meet(self, name: str) -> None:
        self.last_person = name
        self.people = [p for p in self.people if p != name][-9:] + [name]

    def mention(self, sentence: str) -> None:
        """Note the subject of a sentence that attributes nothing, for a later "it" or "she"."""
        m = SUBJECT_NAME.match(sentence)
        name = clean_speaker(m.group(1))[0] if m else ""
        if name and name.lower() in THING_PRONOUNS - {"it", "they"}:
            self.last_description = name  # "The report was commissioned by ... It found ..."
        elif name and name.lower() not in PERSON_PRONOUNS | THING_PRONOUNS and plausible_speaker(name):
            if looks_like_person(name):
                self.meet(name)
            elif known := self.by_surname(name):
                self.meet(known)
            elif not DEFINITE_DESCRIPTION.match(name):
                self.last_thing = name
            else:
                self.last_description = name
        # "Dr Amara Kolde and her colleague Dr Jonas Wettle led the study": everyone named, in turn, even
        # when the sentence's verb is not one the subject pattern knows ("X and Y disagree about ...").
        for run in NAME_RUN.finditer(sentence):
            words = run.group().split()
            while words and words[0].lower() in NOT_A_NAME_START:
                words.pop(0)
            named = " ".join(words)
            # "Grete Solberg, who chairs the committee, ...": a relative "who" after it names a person
            who = re.match(r",\s+(?:who|whose)\s", sentence[run.end() :])
            if (
                named != name
                and looks_personal(named)
                and (who or is_person_named(sentence[: run.start()], words))
            ):
                self.meet(named)

    def person(self, pronoun: str) -> str | None:
        """The last person named whom the pronoun fits: "she" skips a man named since, "he" a woman."""
        own, other = (FEMALE_NAMES, MALE_NAMES) if pronoun in {"she", "her"} else (MALE_NAMES, FEMALE_NAMES)

        def fits(name: str, names=other) -> bool:
            return not names & {w.lower().strip(".") for w in name.split()}

        fitting = [p for p in self.people if fits(p)]
        # A name known to fit comes before one of either sex: "Tomasz X and Aiko Y disagree. He said ..."
        known = [p for p in fitting if not fits(p, own)]
        if known or fitting:
            return (known or fitting)[-1]
        return self.last_person if self.last_person and fits(self.last_person) else None

    def describe(self, name: str, description: str | None) -> str | None:
        """Describe "her office" by whom it belongs to, when that is known: "office of Ines Roca"."""
        if description and is_group_descriptor(description):
            self.groups.add(name)  # "Blue Rivers" reads like a person's name, but "her office" is not its
        m = POSSESSIVE.match(name)
        if not m:
            return description
        pronoun = m.group(1).lower()
        if pronoun in {"his", "her"}:
            owner = self.person(pronoun)
        elif pronoun == "its":
            owner = self.last_thing
        else:
            owner = self.last_thing or self.last_person
        if not owner:
            return description
        return ", ".join(filter(None, [f"{m.group(2)} of {owner}", description]))

    def resolve(self, name: str) -> str:
        found = self.antecedent(name)
        if found != name:
            self.resolved[found] = f"{why.RESOLVED} the pronoun “{name.lower()}”"
        return found

    def antecedent(self, name: str) -> str:
        word = name.lower()
        if word in PERSON_PRONOUNS:
            other = MALE_NAMES if word in {"she", "her"} else FEMALE_NAMES
            last = self.last_speaker[0] if self.last_speaker else None
            if last and other & {w.lower().strip(".") for w in last.split()}:
                last = None  # "He added ..." is not the woman who spoke last
            return self.person(word) or last or self.someone() or name
        if word in THING_PRONOUNS and " " not in word:  # "the report" is a local description, kept
            return self.last_thing or (
                self.last_speaker[0] if self.last_speaker else self.last_description or name
            )
        # "the company", "the board" stay as written: a local description is the source the article gives.
        return name

    def someone(self) -> str | None:
        """With no person named, the last subject that reads as one: "The minister was asked ... She
        declined", "Vessa's police chief resigned ... he said", "Lind is a veteran ... he says"."""
        words = (self.last_thing or "").split()
        if not words or words[-1].lower().strip("’'s") in ORG_WORDS:
            return None
        role = words[-1].lower() in SPEAKER_ROLES | TITLES
        surname = len(words) == 1 and words[0][:1].isupper()
        return self.last_thing if role or surname else None


# An adverb after a subject: "Holt later defended ...".
LATER_ADVERB = re.compile(r"\s+(?:later|also|then|again|afterwards|still|now|\w+ly)$")
NAME_PARTICLES = frozenset("van von de der den da di du la le el al bin ibn ben y".split())
# Titles written before a name, besides the roles: "Dr Amara Kolde", "Judge Pilar Sandoval".
TITLES = ROLE_WORDS | frozenset(
    "dr prof judge justice inspector commissioner general colonel captain".split()
)
# A name set off by commas after a lowercase noun, or written after a role: "her husband, Rafael Ocampo",
# "the regional governor, Aiko Tanabe", "prosecutor Lars Ekdal".
AFTER_ROLE = re.compile(r"(?:\b[a-z]+,|\b(?P<role>[a-z]+))\s+$")


def is_person_named(before: str, words: list[str]) -> bool:
    """Whether a run of capitalised words names a person: a first name the pronouns know (not "Harrow
    Clinic"), a title in front ("Senator Beatriz Ocampo"), or a role or a noun in apposition before it."""
    if len(words) > 1 and words[-2].lower() in FEMALE_NAMES | MALE_NAMES:
        return True
    if any(w.lower().strip(".") in TITLES for w in words[:-2]):
        return True
    m = AFTER_ROLE.search(before[-40:])
    return bool(m and (not m.group("role") or m.group("role") in TITLES))


def looks_like_person(name: str) -> bool:
    """Two or three capitalised words, no organisation word: "Rami Abdul-Rahman", "Ana Kovac"."""
    words = name.split()
    if not words or words[0].lower() in {"the", "a", "an"}:
        return False
    if any(w.islower() and w not in NAME_PARTICLES for w in words):
        return False  # "Shares in Corrin Steel": a phrase, not a name
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and not any(w.lower().strip(",.") in ORG_WORDS for w in words)
