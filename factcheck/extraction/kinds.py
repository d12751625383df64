"""What kind of source a name is, guessed from the text alone: a news agency, an outlet, an anonymous source,
a monitoring group, a person or an official body. Plain text, like the rest of the extractor."""

import re

from factcheck.extraction.context import looks_like_person
from factcheck.extraction.names import is_group_descriptor, is_pronoun_led, normalise_name

NEWS_AGENCIES = {
    "afp",
    "reuters",
    "ap",
    "associated press",
    "agence france-presse",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
}
OUTLET_WORDS = re.compile(
    r"\b(?:times|post|herald|guardian|courier|observer|sentinel|gazette|daily|journal|tribune|chronicle|radio|"
    r"tv|television|news|online|website|press|magazine|newspaper|broadcaster)\b",
    re.IGNORECASE,
)
ANONYMOUS_START = re.compile(
    r"^(?:a|an|one|two|three|four|five|several|some|many|sources?|officials?|people|residents|witnesses)\b",
    re.IGNORECASE,
)


def guess_kind(name: str, description: str = "") -> str:
    """A first guess at a new source's kind (a value of claims.models.SourceKind) from its name and the
    description the article gives it; editors correct it in the admin."""
    if normalise_name(name) in NEWS_AGENCIES:
        return "news_agency"
    if ANONYMOUS_START.match(name) or is_pronoun_led(name):  # "her office", "its lawyers": nobody named
        return "anonymous"
    if OUTLET_WORDS.search(name):
        return "news_outlet"
    if is_group_descriptor(description):  # "environmental group Blue Rivers"
        return "monitor"
    if looks_like_person(name):
        return "person"
    return "official"
