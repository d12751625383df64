"""Who a speaker is, read from the words before or after a cue: the name, and its description apart."""

import re

from factcheck.extraction.names import split_descriptor
from factcheck.extraction.words import (
    ADVERBIAL_START,
    AUX,
    CITED_REASONS,
    FINITE_VERBS,
    INFLECTED_CUES,
    LISTENERS,
    LY_NOUNS,
    NOT_SUBJECT_BEFORE,
)

PROPER_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*")
# Below, a match starts only where a run of spaces starts ("(?<!\s)\s+") and a name ends on a non-space, so
# each run of spaces is crossed once, not once from every space in it (quadratic, or cubic, in its length).
# At a speaker's end an adverb goes too: "Customs officers had long suspected", "she has openly said"; but
# not a noun in "-ly": "her family said".
AUX_AT_END = re.compile(
    r"(?:^|(?<!\s)\s+)"
    + AUX.replace(")*", ")+").replace(
        "(?:has|", rf"(?:(?-i:(?!(?:{LY_NOUNS})\b)[a-z]+ly)|long|already|both|all|alike|has|"
    )
    + "$",
    re.I,
)
# "a police statement issued on Friday", "an official speaking on condition of anonymity": the speaker ends
RELATIVE_AT_END = re.compile(
    r"(?<!\s)\s+(?:who|which|that|speaking|talking|briefing|issued|released|published|seen|obtained|sent|dated)\b.*$"
)
# Where or when, after a name: "Amina Yusuf outside the court in Kessel", "RTV-Sud shortly after midnight".
WHERE_AFTER_NAME = re.compile(
    r"^(.*\b[A-Z][\w.’'-]*)\s+(?:outside|inside|shortly|after|before|during|following)\s.*$"
)
WHEN_AT_END = re.compile(
    r"(?<!\s)\s+(?:(?:later|earlier|late|early)\s+)?(?:on|last|this)\s+(?:\w+day|week|month|year|night)$|"
    r"(?<!\s)\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d{4})$|"
    r"(?<!\s)\s+(?:later|earlier|late|early)$",
    re.I,
)


# A subject pronoun at the end of a speaker, after other words: "Afterwards she", "In a later statement it".
SUBJECT_PRONOUN_AT_END = re.compile(
    r"\b(?!(?:with|to|of|than|for|about|from|by|on|in|at|as|that)\s)\w+\s+(he|she|it|they|we)$", re.I
)


def clean_speaker(raw: str) -> tuple[str, str | None]:
    """Split "Syriasteps, a news website linked to ..." into the name and its description."""
    speaker = raw.strip(" ,;:—–-(")
    # "As the talks stalled on Friday, officials ...", "Despite the losses, the chairman ...": the clause
    # before the comma is not the speaker.
    speaker = re.sub(
        r"^(?:as|while|although|though|despite|after|before|since|when|if|because|once|unless|until|amid)\b"
        r"[^,]*,\s*(?=\S)",
        "",
        speaker,
        flags=re.I,
    )
    speaker = re.sub(
        r"^(?:and|but|so|yet|while|where|whereas|although|though|despite|as|then|meanwhile|however|that)"
        r"(?:\s+|$)",
        "",
        speaker,
        flags=re.I,
    )
    speaker = AUX_AT_END.sub("", speaker + " ").strip(" ,")
    parts = [p.strip() for p in re.split(r",\s+", speaker) if p.strip()]
    while len(parts) > 1 and (ADVERBIAL_START.match(parts[0]) or LEADING_PHRASE.match(parts[0])):
        parts.pop(0)  # "Visibly angry, the coach", "Following a meeting with the unions, the minister"
    if (
        len(parts) > 1
        and re.match(r"(?:\w+\s+){0,4}?and\s", parts[-1])
        and all(len(p.split()) <= 4 for p in parts)
    ):
        parts = [", ".join(parts)]  # "Residents, shop owners and two local councillors"
    if parts and ADVERBIAL_START.match(parts[0]) and len(parts) == 1:
        # "On Wednesday a diplomat": drop a leading time phrase without a comma
        parts[0] = re.sub(
            r"^(?:on|in|at|late|early|last|this)\s+\w+\s+(?=[A-Za-z])", "", parts[0], flags=re.I
        )
    # "Afterwards she", "In a later statement it": a pronoun takes no modifier
    if parts and ADVERBIAL_START.match(parts[0]) and (pronoun := SUBJECT_PRONOUN_AT_END.search(parts[0])):
        parts[0] = pronoun.group(1)
    if not parts:
        return "", None
    name = parts[0]
    # "Its spokeswoman, Lena Okafor": the role comes first, the name second.
    if (
        len(parts) > 1
        and re.match(
            r"(?:its|his|her|their|whose|the|a|an|one\s+of|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*[’']s)\s|one$",
            name,
            re.I,
        )
        and PROPER_NAME.fullmatch(re.sub(r"^the\s+", "", parts[1]))
    ):
        name, parts = parts[1], [parts[1], parts[0], *parts[2:]]
    # "a report published on Monday": the report; but "its published accounts" are the accounts.
    if (cut := RELATIVE_AT_END.sub("", name)).lower() not in DETERMINERS:
        name = cut
    name = WHEN_AT_END.sub("", name)
    # "Foreign Minister Anselm Drey of Kestria": the country describes the person
    of = re.search(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,4}[A-Z][\w’'-]*$", name)
    if of and looks_personal(name[: of.start()]):
        name, parts = name[: of.start()], [name[: of.start()], name[of.start() :].strip(), *parts[1:]]
    name, role = split_descriptor(name)  # "Farmers' union leader Ines Roca": the role is description
    description = ", ".join([role, *parts[1:]] if role else parts[1:]) or None
    return name, description


DETERMINERS = frozenset("the a an its his her their our my your this that these those".split())


# A leading phrase that is not the speaker: an adverb, a participle or a subordinate clause.
LEADING_PHRASE = re.compile(
    r"^(?:\w+ly(?:\s+\w+)?$|\w+ing\b|(?:asked|pressed|questioned|challenged|interviewed)\b|"
    r"(?:\w+\s+){0,3}(?:days?|weeks?|months?|years?|hours?)\s+(?:before|after|ago|earlier|later)\b|"
    r"(?:if|when|although|though|because|once|unless|until|whereas|despite|amid|following|with|like|unlike)\b|"
    r"to\s+(?:the|his|her|their|its|our|my)\s+\w+)",  # "To the surprise of many, the judge ..."
    re.I,
)


def looks_personal(name: str) -> bool:
    """A first name and a surname at the end: "Anselm Drey", "Foreign Minister Anselm Drey"."""
    return bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][\w’'-]+$", name)) and not re.search(
        r"(?i)\b(?:the|of)\b", name
    )


def without_place(name: str) -> str:
    """A speaker named after the verb, without where or when: "said Amina Yusuf outside the court"."""
    where = WHERE_AFTER_NAME.match(name)
    return where.group(1) if where else name


def is_outlet(recipient: str) -> bool:
    """Whether whom a speaker told is a channel the article heard through: "AFP", "the Kessel Herald"."""
    named = re.sub(r"^the\s+", "", recipient, flags=re.I)
    return named[:1].isupper() and recipient.lower() not in LISTENERS and len(named.split()) <= 5


def plain_phrase(phrase: str, most_words: int) -> bool:
    """A short phrase with no clause in it: a speaker's name or an adjunct like "on Monday"."""
    words = re.findall(r"[\w’'-]+", phrase.lower())
    return len(words) <= most_words and not any(
        w in FINITE_VERBS or w == "that" or w in INFLECTED_CUES for w in words
    )


def plausible_speaker(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12:
        return False
    if any(w.lower() in FINITE_VERBS for w in words):
        return False
    if words[0].lower() in {"no", "nobody", "none", "neither"} or name.lower().startswith("no one"):
        return False  # "no patients had reported side effects": nobody is the source of that
    if any(w.lower() in {"after", "since", "because", "until"} for w in words[1:]):
        return False  # "Shares rose 9 percent after the Ledger": a clause and a subordinate one
    last = words[-1].lower()
    object_her = last == "her" and len(words) > 1 and words[-2].lower() in {"to", "with", "near", "around"}
    alone = words == ["some"] or words == ["Some"]  # "But some fear that ...": a pronoun of its own
    if (last in NOT_SUBJECT_BEFORE and not object_her and not alone) or last in {"and", "but", "or"}:
        return False  # "the claims", "the strike and": not the end of a name ("sources close to her" is)
    if re.search(r"[“”\"]", name):
        return False
    if len(words) > 1 and words[0].lower() in DETERMINERS and last in {"he", "she", "it", "they", "we"}:
        return False  # "…, a charge it denies": a noun and the relative clause after it
    return bool(re.search(r"[A-Za-z]", name))


def cited_reason(phrase: str) -> bool:
    """Whether what follows "citing" is a reason rather than a source: "the cost of the bad loans"."""
    head = re.split(r"\s+(?:of|in|over|about|from|at|on|for|with|to|and)\s", phrase.strip(), maxsplit=1)[0]
    return head.split()[-1].lower() in CITED_REASONS if head.split() else False
