"""How sure the extractor is of a claim, and why: the reasons a reviewer sees and the score they add up to.

A claim's first reason names the construction that produced it, which sets the base score; each doubt
after it takes a fixed amount off. Other reasons only inform ("hedged"). `make eval` prints how often
claims above and below CONFIDENT had the right source on both gold sets.
"""

from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.words import PERSON_PRONOUNS, THING_PRONOUNS

CONFIDENT = 0.8  # at or above: a reviewer may accept the speaker at a glance
FLOOR, CEILING = 0.05, 1.0
LONG_SPEAKER_WORDS = 6

# Constructions, as reasons, and the base score of each.
SAID_THAT = "read “X said that …”"
ACCORDING_TO = "read “according to X”"
STATEMENT = "read “X, in a statement: …”"
CONTINUED = "read “…, adding that …” with the sentence's speaker"
TRAILING = "read the trailing “…, X said”"
INVERTED = "read the inverted “…, said X”"
PARENTHETICAL = "read the parenthetical “…, X said, …”"
PASSIVE = "read the passive “was reported by X”"
QUOTED_AS = "read “X quoted Y as saying”"
CITING = "read “citing Y”"
DASH_SIGNATURE = "read the dash signature “— X”"
LAST_SPEAKER = "quotation continuing the last speaker"
SPLIT_QUOTE = "read a quotation split by its attribution"
REPORT_GOES_ON = "read a sentence in reported speech as the last speaker's"  # "He would appear ..."
OBJECT = "read “X <cue> <object>”"  # "X backed the proposal", "X denied the report"
INFINITIVE = "read “X <cue> to …”"  # "X vowed to appeal"
OBJECT_TO = "read “X <cue> Y to …”"  # "X urged voters to stay home"
PREDICATE = "read “X called Y Z”"  # "X called the plan a disaster"
OBJECT_PREPOSITION = "read “X <cue> Y as/of/for …”"  # "X accused Y of Z", "X dismissed Y as Z"
CALL_FOR = "read “X called for …”"
NOMINAL = "read “X’s statement that …”"
COLON = "read “X: …”"
AS_PUT_IT = "read “as X put it, …”"  # "As the minister put it, “We cannot pay for everything.”"
UNATTRIBUTED_FIGURE = "no attribution: kept for its number or date"
UNATTRIBUTED_HEDGE = "no attribution: kept for its hedge"
BASE = {
    SAID_THAT: 0.9,
    ACCORDING_TO: 0.9,
    STATEMENT: 0.9,
    CONTINUED: 0.85,
    TRAILING: 0.85,
    INVERTED: 0.85,
    PARENTHETICAL: 0.85,
    PASSIVE: 0.8,
    QUOTED_AS: 0.8,
    CITING: 0.8,
    DASH_SIGNATURE: 0.8,
    LAST_SPEAKER: 0.7,  # with CARRIED: 0.6
    SPLIT_QUOTE: 0.85,
    REPORT_GOES_ON: 0.65,  # with CARRIED: 0.55
    OBJECT: 0.75,
    INFINITIVE: 0.8,
    OBJECT_TO: 0.8,
    PREDICATE: 0.75,
    OBJECT_PREPOSITION: 0.8,
    CALL_FOR: 0.8,
    NOMINAL: 0.75,
    COLON: 0.7,
    AS_PUT_IT: 0.85,
    UNATTRIBUTED_FIGURE: 0.5,
    UNATTRIBUTED_HEDGE: 0.5,
}

# The reading each complement of words.CUE_VERBS gives (a clause is SAID_THAT).
COMPLEMENT_READINGS = {
    "object": OBJECT,
    "to": INFINITIVE,
    "object-to": OBJECT_TO,
    "object-pred": PREDICATE,
    "object-as": OBJECT_PREPOSITION,
    "object-of": OBJECT_PREPOSITION,
    "object-for": OBJECT_PREPOSITION,
    "object-on": OBJECT_PREPOSITION,
    "for": CALL_FOR,
}

# Reasons that add to a construction without changing its score.
INNER = "inner attribution lengthening the chain"
REPORTER_ACCORDING_TO = "reporter read from “according to X”"
HEDGED = "hedged"

# Doubts, each a reason's opening words, and what each takes off.
RESOLVED = "speaker resolved from"  # "... the pronoun “she”", "... the description “the company”"
BARE_PRONOUN = "speaker left as a pronoun"
CUT = "span cut where an over-long sentence was split"
LONG_SPEAKER = f"speaker named in more than {LONG_SPEAKER_WORDS} words"
AMBIGUOUS = "ambiguous cue word"  # "show", "call", "back", "press": often not a cue
BOUNDARY_CUT = "content cut where the speaker's words seem to stop"  # before ", but ...", "despite ..."
CARRIED = "speaker carried over from an earlier sentence"
DOUBTS = {
    RESOLVED: 0.2,
    BARE_PRONOUN: 0.2,
    CUT: 0.2,
    LONG_SPEAKER: 0.1,
    AMBIGUOUS: 0.15,
    CARRIED: 0.1,
    BOUNDARY_CUT: 0.05,
}


def rate(claim: ExtractedClaim) -> None:
    """Add the doubts the claim itself shows, then set its confidence from all its reasons."""
    words = (claim.source or "").split()
    if claim.source and claim.source.lower() in PERSON_PRONOUNS | THING_PRONOUNS:
        claim.reasons.append(f"{BARE_PRONOUN} (“{claim.source}”)")
    elif len(words) > LONG_SPEAKER_WORDS:
        claim.reasons.append(LONG_SPEAKER)
    base = next((BASE[r] for r in claim.reasons if r in BASE), BASE[UNATTRIBUTED_FIGURE])
    doubt = sum(cost for r in claim.reasons for opening, cost in DOUBTS.items() if r.startswith(opening))
    claim.confidence = round(min(CEILING, max(FLOOR, base - doubt)), 2)
