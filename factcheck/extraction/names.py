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
