"""Normalise source names so that one outlet written three ways is one source."""

import re
import unicodedata

# A nationality in front of a one-word outlet name is description, not name: "the British Guardian".
DEMONYMS = frozenset(
    [
        "american",
        "arab",
        "australian",
        "british",
        "canadian",
        "chinese",
        "egyptian",
        "french",
        "german",
        "indian",
        "iranian",
        "iraqi",
        "israeli",
        "italian",
        "japanese",
        "jordanian",
        "lebanese",
        "qatari",
        "russian",
        "saudi",
        "spanish",
        "syrian",
        "turkish",
    ]
)
TRAILING_KINDS = ("newspaper", "news agency", "website", "daily", "magazine", "news website")


def normalise_name(name: str) -> str:
    """Return the key under which a named source is stored: "The British Guardian" -> "guardian"."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("\u2019", "'")
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)  # every dash is one hyphen
    text = re.sub(r"[^\w\s'&-]", " ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    for kind in TRAILING_KINDS:
        kind_words = kind.split()
        if len(words) > len(kind_words) and words[-len(kind_words) :] == kind_words:
            words = words[: -len(kind_words)]
            break
    if len(words) == 2 and words[0] in DEMONYMS:
        words = words[1:]
    return " ".join(words)


# The last word of a role or descriptor written in front of a name: "farmers' union leader Ines Roca".
ROLE_WORDS = frozenset(
    """leader chief head chairman chairwoman chair president spokesman spokeswoman spokesperson minister
    secretary official director manager executive coach editor editor-in-chief reporter correspondent
    analyst economist expert professor researcher scientist lawyer attorney prosecutor judge activist
    campaigner farmer fisherman doctor nurse midwife teacher resident mayor governor councillor councilor
    senator lawmaker commander officer coordinator founder owner adviser advisor envoy ambassador diplomat
    candidate member group organisation organization ngo charity watchdog monitor association union
    operator company firm campaign movement coalition alliance foundation institute""".split()
)
# Descriptors whose head makes the source a monitoring group or NGO: "environmental group Blue Rivers".
GROUP_WORDS = frozenset(
    "group groups ngo ngos organisation organization charity watchdog monitor campaign campaigners coalition "
    "movement foundation observatory".split()
)
PRONOUNS = frozenset("he she it they him her his its their we our i my you your".split())
POSSESSIVE = re.compile(r"^(his|her|its|their)\s+(\S.*)$", re.IGNORECASE)
# Lowercase words a person's or body's name may hold: "Bashar al-Assad", "Ursula von der Leyen".
NAME_PARTICLES = frozenset("al el bin ibn de da di du del der den van von la le".split())
# A first word that is capitalised only because the sentence opens with it: an adjective or a plural
# possessive ("Environmental group", "Farmers' union leader"), not a name ("Tesla chief executive").
SENTENCE_CASED = re.compile(r"^[A-Z][a-z]+(?:al|ic|ous|ive|ary|ful|less|ed|ing|s'|s’)$")
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _name_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in NAME_PARTICLES or bool(re.match(r"(?:al|el)-[A-Z]", word))


def split_descriptor(name: str) -> tuple[str, str | None]:
    """Split "Farmers' union leader Ines Roca" into "Ines Roca" and its descriptor "farmers' union leader".

    Only a role word written in lowercase splits, and only before capitalised words: "President Bashar
    al-Assad", "Human Rights Watch" and "the Ministry of Health" stay as they are.
    """
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        word = words[i]
        if not word.islower() or word.strip("'’,") not in ROLE_WORDS:
            continue
        rest = words[i + 1 :]
        if not (rest[0][:1].isupper() and rest[-1][:1].isupper() and all(map(_name_word, rest))):
            return name, None
        if any(w.lower() in CALENDAR for w in rest):
            return name, None
        lead = words[: i + 1]
        if lead[0].lower() in {"the", "a", "an"}:
            lead = lead[1:]
        if not lead or lead[0].lower() in PRONOUNS:
            return name, None  # "her lawyer Ana Kovac" is read as a possessive phrase elsewhere
        if len(lead) > 1 and lead[1][:1].islower() and SENTENCE_CASED.match(lead[0]):
            lead[0] = lead[0].lower()  # capitalised only because it opens the sentence
        return " ".join(rest), " ".join(lead)
    return name, None


def is_pronoun_led(name: str) -> bool:
    """Whether the name is a pronoun or starts with one: "she", "her office", "its lawyers"."""
    words = name.split()
    return bool(words) and words[0].lower() in PRONOUNS


def is_group_descriptor(description: str) -> bool:
    """Whether a descriptor makes the source a group: "environmental group", "a rights monitor in ..."."""
    words = re.findall(r"[\w'’-]+", description.lower())
    if words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return any(w in GROUP_WORDS for w in words[:4]) and not (set(words[:4]) & (ROLE_WORDS - GROUP_WORDS))
