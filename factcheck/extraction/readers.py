"""The readers: one function per construction, tried in order from the two lists at the end of this file.

A sentence is read by SENTENCE_READERS in turn until one returns its claims (an empty list means "this
construction, and nothing in it"; None means "not this construction, try the next"). The cue reader among
them finds each cue word of `words.CUE_VERBS`, checks that what follows is a complement the verb takes
(`complement`), and hands it to CUE_READERS, which read who said it and where its content runs.

To add a construction: write a reader taking a `Reading` (and, for a cue reader, the `Cue`), give it a
reason in confidence.py, and put it in the list where it should be tried.
"""

import bisect
import re
from dataclasses import dataclass, field, replace

from factcheck.extraction import confidence as why
from factcheck.extraction.context import SUBJECT_NAME, Context, looks_like_person
from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.quotes import find_inner_quotes, mask
from factcheck.extraction.speakers import (
    cited_reason,
    clean_speaker,
    is_outlet,
    looks_personal,
    plain_phrase,
    plausible_speaker,
    without_place,
)
from factcheck.extraction.words import (
    ADVERBIAL_START,
    AMBIGUOUS_CUES,
    ATTITUDE,
    AUX,
    CLAUSE,
    COGNITION,
    CUE_BASE,
    CUE_CLASSES,
    CUE_FORMS,
    DATE,
    DIRECTIVE,
    DOCUMENTS,
    EVIDENCE,
    FIRST_PERSON,
    HEDGE,
    INFLECTED_CUES,
    INTENTION,
    NEEDS_THAT,
    NOMINAL_CUES,
    NOT_SUBJECT_BEFORE,
    NUMBER,
    OBJECT,
    PARTICIPLES,
    PERSON_PRONOUNS,
    SMALL_NUMBER,
    SPEAKER_ROLES,
    SPEECH,
    THING_PRONOUNS,
    TO,
    TRAILING_VERBS,
    UNKNOWN_WHETHER,
    VOTES,
)

MAX_DEPTH = 4
# How far before a cue its subject is looked for (a speaker of twelve words and the phrases before it), and
# how far back the end-anchored checks look.
SUBJECT_REACH = 300
NEAR = 80
# More steps than a piece has characters means fall-back readings re-reading each other; stop there.
MAX_CUE_STEPS = 1000
# A photo credit follows its caption closely; looking no further keeps each sentence from scanning to the end
# of a text without line breaks.
CAPTION_REACH = 300


def one_of(words) -> str:
    """A pattern matching any of `words`, longest first, written as a trie ("sa(?:id|ys|y)"): the regex
    engine then tries a handful of branches at each letter, not all five hundred forms."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        # A longer word first, then the word ending here: "called for" before "called".
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


VERB = one_of(CUE_FORMS)
CUE_RE = re.compile(r"(?<![\w-])(" + VERB + r")\b", re.IGNORECASE)
# "said on Thursday that", "confirmed to me that", "said in a statement that": adjuncts before "that".
THAT_AFTER_ADJUNCTS = re.compile(
    r"(?:(?:on|in|at|to|last|this|late|early|earlier|later|afterwards?|again|also|publicly|repeatedly|yesterday|today|"
    r"tonight|recently|previously|privately|separately|firmly|flatly|only|simply|merely|for|\w+day)\b"
    r"[^,.;:“\"_]{0,50}?)?\s*"
    r"\bthat\b\s*",
    re.IGNORECASE,
)
LEADING_ADJUNCT = (
    r"(?:(?:on\s+|late\s+|early\s+)?\w+day\b(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s*|"
    r"(?:last|this|next)\s+(?:week|month|year|\w+day)\s*,?\s*|yesterday\s*,?\s*|today\s*,?\s*|"
    r"in\s+(?:a|an|its|his|her|their)\s+(?:\w+\s+){0,2}?(?:statement|interview|speech|letter|post|report|reply|email|"
    r"message|briefing|video|broadcast|column|note)\b[^,:“\"_]{0,30}?[,:]?\s*)?"
)
TRAIL_VERB = one_of(TRAILING_VERBS)
# "“Z,” said X, a spokeswoman for the authority."  "Z, said one adviser."  Not "told": after it stands whom
# the speaker told ("…, Dr Brandauer told the Zeitung"), never the speaker.
INVERTED = re.compile(
    r"^(?P<content>.+?)(?:,(?!\d)\s*|(?<=[”\"])\s*)(?P<verb>"
    + one_of(v for v in TRAILING_VERBS if CUE_BASE.get(v) != "tell")
    + r")\s+"
    r"(?P<speaker>(?:[A-Z]|an?\s|the\s|(?:one|another)\s(?!in\s))[^,.;:]*?)"
    r"(?P<desc>,[^;:“\"]*?|\s+(?:who|whose)\s[^;:“\"]*?)??"
    r"(?P<more>,\s*(?:[“\"].*|(?:adding|saying|noting|warning|citing)\b.*)|[.!?]\s+[“\"].*)?\s*[.!?]?$"
)
# "Z, X said (on Monday)."  "“A,” she said, “B.”"  "Z, X said, adding that B."  The speaker starts past the
# spaces before it (one letter may take one of them): one that could start anywhere in a run of spaces made
# the match cubic in the run's length.
TRAILING = re.compile(
    r"^[;\s]*(?P<content>[^;]+?)(?:,(?!\d)\s*|(?<=[”\"])\s*)(?P<speaker>(?!\s)[^,;:“\"_]{2,80}?|(?<=\s)[^\s,;:“\"_])"
    r"(?P<desc>,[^,;:“\"_]+,)?\s+"
    + AUX
    + r"(?P<verb>"
    + TRAIL_VERB
    + r")(?P<tail>(?:\s+(?!that\b)[^,;:“\"_\s]+){0,11}?)"
    r"(?:\s+(?:as|when|while|after|before|during|outside|at)\b[^;:“\"_]*?)?"
    r"(?P<more>,\s*(?:[“\"].*|(?:\w+ing|where|when|while|who|which|without|after|before|as|because|since|"
    # "…, it said in its report, published on Friday": what was said in, not more of what was said
    r"amid|despite|(?:published|released|issued|presented|written|sent|delivered)\s)\b.*)|[.!?]\s+[“\"].*)?"
    r"\s*[.!?]?$",
)
QUOTE_MARK = re.compile(r"[”\"_]")  # where a quotation ends, in the masked text
# "citing the agency KNA, which quoted an official": whom the agency heard it from.
WHICH_QUOTED = re.compile(r",\s*(?:which|who)\s+(?:quoted|cited)\s+")
# A word that makes a phrase a clause: a finite verb, a past tense, a third-person present.
CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|do|does|did|[a-z]{2,}ed|"
    r"[a-z]{3,}[^s’'\W]s|rose|fell|grew|won|lost|made|took|went|came|left|began|held|hit|cut|put|set|ran|saw|"
    r"got|gave|sold|paid|built|brought|kept|sent|spent|stood|met|knew|thought|told|said|\d)\b"
)
# What follows a verb of saying when it reports nothing.
NOT_CONTENT = re.compile(
    r"\s+(?:to\s+(?!(?:me|us|him|her|them|reporters|journalists|the|a|an|parliament)\b)|"
    r"nothing\b|a lot\b|little\b|much\b|something\b|more\s+about\b|"
    # "former employees said otherwise", "she said so": the words point at another's, and carry none
    r"(?:otherwise|so)(?=\s*(?:[.,;:!?]|$))|"
    r"to\s+(?:an?\s+|the\s+)?(?:requests?|questions?|quer(?:y|ies)|calls?|emails?|messages?|criticism)\b|"
    r"(?:up|off|out|back|down|into|by)\b|"
    # "demand has doubled", "teaching posts would be lost": the word is a noun, the subject of a verb
    r"(?:has|have|had|is|are|was|were|would|will|could|should|may|might|must|can|did|does)\b)",
    re.I,
)
STATEMENT_COLON = re.compile(
    r"^([^,:“\"]{2,60}),\s*(in\s+(?:a|an)\s+(?:statement|interview|letter|post))\b[^:]{0,40}:\s*"
)
# "dismissed rumours that ...", "endorsed the view that ...", "complained that ...", "urged: “...”"
NEEDS_THAT_CONTENT = re.compile(
    r"\s*(?:[,:]\s*)?(?:[“\"_]|that\b|"
    + LEADING_ADJUNCT
    + r"that\b|(?:the\s+)?(?:rumou?rs?|reports?|claims?|"
    r"allegations?|accusations?|suggestions?|view|idea|notion|argument|assessment)\s+that\b)",
    re.IGNORECASE,
)
# What is found when a finding is reported, whoever finds it: "investigators found no sign that ...".
FINDING = re.compile(
    r"\s+(?:no|little|some|any|clear|new|further|strong)?\s*(?:evidence|signs?|traces?|indications?|proof)\b",
    re.I,
)
# "He did not say what would happen": a question left open reports nothing.
NEGATED = re.compile(r"(?:\bnot|\bnever|n[’']t)\s+(?:\w+ly\s+)?$", re.I)
OPEN_QUESTION = re.compile(r"\s+(?:what|whether|when|how|why|who|where|which|if)\b", re.I)
PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+|since\s+)?$", re.I)
COUNT = re.compile(r"(?<![\w,])(?:\d+(?:,\d{3})*|" + SMALL_NUMBER + r"|dozens|hundreds|thousands)\s+$", re.I)
WITH_SPEAKER = re.compile(r",\s*with\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+$", re.I)
# Words a cue form makes a noun with: "think tank".
NOT_A_CUE_HERE = re.compile(r"[\s-]+tanks?\b", re.I)
# "a man called", "a village called": an indefinite noun then "called" and a name.
NAMED = re.compile(r"(?:^|[\s,;])(?:an?|one)\s+(?:[a-z][\w’'-]*\s+){1,2}$", re.I)
# A plural noun that is a cue's third person, then the past of a verb it is the subject of.
NOUN_BEFORE_VERB = re.compile(
    r"\s+(?:[a-z]{2,}ed|met|went|came|took|held|began|won|lost|fell|rose|gave|made|sent|signed)\s+"
    r"(?:in|on|at|with|for|to|a|an|the|their|its|after|over)\b"
)
# A bare clause after a verb of thinking: "believes the plan will fail", "fears they were misled".
# Not "knows it better than most, with 41 percent delayed", "felt unwell and left": a comma does not open a
# phrase of its own inside the subject, and a verb after "and" goes on with the first one.
BARE_CLAUSE = re.compile(
    r"\s+(?!(?:to|of|for|about|as|in|on|at|with|from|by|him|her|them|me|us)\b)[\w’'-]+"
    r"(?:\s+[\w’'-]+|,\s+(?!(?:with|and|but|as|after|before|while|when|then)\b)[\w’'-]+){0,10}?,?"
    r"(?<!\sand)(?<!\sbut)(?<!\sor)\s+(?:would|will|is|was|are|were|had|has|have|could|should|must|may|might|did|does|\w+ed|can|cannot|"
    r"began|became|rose|fell|grew|won|lost|made|took|went|came|left|held|hit|cut|ran|saw|got|gave|sold|paid|"
    r"built|brought|kept|sent|spent|stood|met|knew|broke|led|meant|spoke|wrote|fled|stole|sank|shot)\b"
)
# A base form is a cue after a plural subject, a modal or a negation: "officials say", "did not deny",
# "will support"; elsewhere it is a noun ("the annual report", "a promise").
BASE_FORM_AFTER = re.compile(
    r"(?:\b(?:will|would|shall|should|could|can|may|might|must|not|never|to|do|did|does|they|we|you|i|"
    r"people|police|staff|men|women|children|public|majority|both|many|most|few|some|others|all|data|media)|\w\w+s|"
    r"(?:n[’']t))\s+(?:\w+ly\s+|also\s+|still\s+|now\s+|all\s+|both\s+)?$",
    re.I,
)
# Noun-phrase objects: a first word that is not a particle, a preposition or a conjunction.
NOT_AN_OBJECT = (
    r"(?:to|up|off|out|in|into|on|at|by|from|with|over|back|down|away|about|after|before|around|through|"
    r"and|or|but|that|as|for|if|whether|when|while|because|him|her|them|it|me|us|you|himself|herself|"
    r"themselves|itself|is|was|were|are|be|been|being|not|so|very|also|again|"
    # "doubts remain over ...": the cue word is a noun, the subject of a verb
    r"remains?|remained|persists?|persisted|lingers?|lingered|grew|mounted|surfaced|emerged)\b"
)
# "backed her decision": "her" before a noun is a determiner, and the object starts with it
OBJECT_START = (
    r"\s+(?:(?=her\s+(?!(?:to|that|of|for|as|and|on|in|with|about)\b)[a-z]{3,}\b)|(?!"
    + NOT_AN_OBJECT
    + r"))(?=[\w“\"_$€£])"
)
# An object followed by what is said of it may be a pronoun: "called it a disaster", "accused him of lying".
PERSONAL_OBJECT_START = r"\s+(?!" + NOT_AN_OBJECT.replace("him|her|them|it|me|us|you|", "") + r")(?=[\w$€£])"
# A noun phrase does not run on past a conjunction: "called the office twice but nobody answered".
NP_WORDS = (
    r"(?:\s*(?!(?:that|which|who|whether|to|of|as|for|but|because|when|while|after|before|since|until|"
    r"although|though|so)\b)[\w’'$€£.-]+){1,8}?"
)
# An object that may carry an apposition: "accused the developer, Northgate Estates, of ignoring …"
NP_APPOSED = r"(?:,?\s*(?!(?:that|which|who|whether|to|of|as|for|and|but)\b)[\w’'$€£.-]+){1,10}?"
COMPLEMENTS = {
    # "urged voters to stay home", "called on the council to resign"
    "object-to": re.compile(PERSONAL_OBJECT_START + NP_WORDS + r"\s+to\s+(?!the\b|a\b|an\b)[a-z]"),
    "object-as": re.compile(PERSONAL_OBJECT_START + NP_APPOSED + r",?\s+as\s+\S"),  # "dismissed X as Y"
    "object-of": re.compile(PERSONAL_OBJECT_START + NP_APPOSED + r",?\s+of\s+\S"),  # "accused X of Y"
    "object-for": re.compile(PERSONAL_OBJECT_START + NP_WORDS + r"\s+for\s+\S"),  # "blamed X for Y"
    "object-on": re.compile(PERSONAL_OBJECT_START + NP_WORDS + r"\s+on\s+\S"),  # "blames X on Y"
    # "called the plan a disaster", "called the ruling “a travesty”", "called the offer unacceptable"
    "object-pred": re.compile(
        PERSONAL_OBJECT_START
        + NP_WORDS
        + r"\s+(?:an?\s|[“\"_]|\w+(?:able|ible|ous|ful|less|ive|ic|al|ant|ent|ish|ed)\b|"
        r"(?:long|too|very|so|deeply|highly|wholly|utterly|entirely|\w+ly)\s+\w+|"
        r"(?:wrong|unfair|absurd|bad|good|great|weak|false|true|dangerous|reckless|illegal|premature)\b)"
    ),
    "for": re.compile(r"\s+(?!(?:the\s+)?(?:\w+day|week|month|year)\b)(?=\w)"),  # "called for" + object
    TO: re.compile(
        r"\s+(?:(?:on\s+\w+day|last\s+\w+|this\s+\w+|in\s+(?:a|an|its|his|her|their)\s+\w+)\s+)?"
        r"to\s+(?!(?:the|a|an|his|her|its|their|me|us|him|them|reporters|be\s+\w+ed)\b)[a-z]"
    ),
    OBJECT: re.compile(OBJECT_START),
}
# An apposition or participle phrase between a subject and its verb: "The study, published on Thursday, ".
APPOSED_AT_END = re.compile(r",[^,]{1,100},\s*$")
# "backed the lorry into the bay", "backed away from": a movement, not a stand.
# Not "backed calls for an inquiry into the contracts": an inquiry into something is no movement.
MOVED = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,4}?(?<!inquiry\s)(?<!investigation\s)(?<!probe\s)(?<!review\s)(?<!research\s)"
    r"(?:into|onto|out\s+of|away|down|off)\b",
    re.I,
)
# "denied entry", "denied bail": what was refused, not what was said.
ACCESS_REFUSED = re.compile(
    r"\s+(?:\w+\s+)?(?:entry|access|bail|permission|visas?|passage|admission|landing|asylum|parole)\b", re.I
)
# Who attacks with force, and what is attacked or slammed so: "troops attacked the town", "slammed the door".
VIOLENCE = re.compile(
    r"\b(?:rebels?|troops|soldiers|gunm[ae]n|militants?|fighters|forces|insurgents|drones?|jets|mobs?|"
    r"rioters|attackers|army|militia|bombers|pirates|the\s+doors?|villages?|towns?|convoys?|bases?|"
    r"positions|checkpoints?|police\s+stations?|stations?|embass(?:y|ies))\b",
    re.I,
)
# "welcomed guests at the town hall", "welcomed Karl Berg to the stage": a greeting, not a judgement.
GREETED = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|some|about|more\s+than|\d[\d,]*)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:guests?|visitors?|delegations?|delegates|fans|crowds?|tourists|pupils|students|newcomers|players|"
    r"athletes|refugees|passengers|audiences?)\b|\s+(?:[A-Z][\w’'-]+\s+){1,3}(?:to|at|into|back|home|on)\b"
)
# Words that count a plural noun: "few reports", "conflicting claims"; before a base form they are a subject.
QUANTIFIERS = frozenset(
    "few many several numerous conflicting unconfirmed initial earlier recent further".split()
)
# A bare plural agent of a passive: "by human rights groups", "by business leaders"; not "by tanks".
PLURAL_AGENT = re.compile(
    r"\s+by\s+(?:(?:many|some|several|most|other|local|foreign|senior|opposition|rival|western)\s+)?"
    r"(?:[a-z][\w’'-]*\s+){0,2}?(?:groups|leaders|officials|unions|critics|lawmakers|politicians|activists|"
    r"residents|campaigners|economists|analysts|experts|diplomats|governments|parties|investors|scientists|"
    r"doctors|lawyers|businesses|employers|teachers|farmers|members|allies|neighbours|rivals|voters)\b"
)
SOUGHT_PERSON = re.compile(
    r"\s+(?:(?:a|an|the|two|three|four|\d+)\s+)?(?:[\w-]+\s+)?(?:man|woman|men|women|suspects?|drivers?|"
    r"witnesses|people|person|boy|girl|gunm[ae]n|teenagers?|owners?|relatives|refuge|asylum|shelter|cover)\b",
    re.I,
)
# A body that decides by voting or ruling, and what it decides on: "the court rejected the appeal".
DECIDING_BODY = re.compile(
    r"\b(?:court|judges?|tribunal|senate|parliament|house|chamber|assembly|legislature|lawmakers|voters|jury|"
    r"council|committee|panel|regulators?|shareholders|members|delegates)\s+(?:\w+ly\s+)?$",
    re.I,
)
MOTION = re.compile(
    r"\s+(?:the|a|an|his|her|its|their|[\w’']+[’']s)\s+(?:[\w’'-]+\s+){0,3}?(?:bill|motion|appeal|amendment|"
    r"petition|application|request|lawsuit|complaint|challenge|case|budget|law|treaty|nomination|resolution|"
    r"referendum|merger|takeover|offer|bid|deal|proposal|plan)s?\b",
    re.I,
)
# The order complements are tried in: the most specific first.
COMPLEMENT_ORDER = (
    "object-to",
    "object-as",
    "object-of",
    "object-for",
    "object-on",
    "object-pred",
    "for",
    TO,
    CLAUSE,
    OBJECT,
)
# "are planning to", "is urging": a participle after a form of "be" is the verb itself.
PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)?$", re.I)
# "issued a statement condemning ...", "a letter urging ...": a participle after what carries words.
CARRIER = re.compile(
    r"\b(?:statement|letter|resolution|post|message|video|report|motion|petition|speech|tweet|note)\s+$", re.I
)
PLURAL_SUBJECT = re.compile(
    # "Three of the five parties in the coalition oppose ...": a part of a plural whole
    r"(?:^|[,;]\s*)(?:(?:the|many|most|some|all|several|two|three|four|five|\d+)\s+(?:of\s+the\s+)?)?"
    r"(?:[\w’'-]+\s+){0,2}?"
    r"(?!(?:this|his|has|was|its|does|thus|plus|less|unless|across|always|perhaps|news)\b)[A-Za-z]{3,}s"
    r"(?:\s+(?:in|of|from|at|on|for|across)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?\s+$",
    re.I,
)
# "Many in the coalition believe ...": a part of a group, whatever the group's noun.
PART_OF_GROUP = re.compile(
    r"\b(?:many|most|some|few|others|those)\s+(?:in|at|within|among|inside|on)\s+(?:the\s+)?(?:[\w’'-]+\s+){1,3}$",
    re.I,
)
# A word set off by commas between a subject and its verb.
INTERJECTION = re.compile(
    r",\s*(?:however|meanwhile|though|too|also|instead|in turn|in contrast|for (?:its|his|her|their) part)"
    r"\s*,\s*$",
    re.I,
)
HEDGED_TO = re.compile(
    r"\b(?:appears?|appeared|seems?|seemed|believed|thought|said|understood|reported|expected)\s+to\s+$", re.I
)
# "was reported by", "had been backed by", "was later confirmed by": an adverb may stand between.
PASSIVE_BEFORE = re.compile(
    r"\b(?P<aux>was|were|has been|had been|is|are|be|been|being)\s+"
    r"(?:(?:later|also|first|since|then|\w+ly)\s+)?$",
    re.I,
)
MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|should|could|can|may|might|must)\s+(?:also\s+|still\s+)?$", re.I
)
# "The Senate rejected the bill by 52 votes to 48": a vote, not an opinion.
A_VOTE = re.compile(VOTES, re.I)
# Numbers that count nothing: addresses, platforms, pages, a year naming a law.
NOT_A_QUANTITY = re.compile(
    r"\b\d+[a-z]?\s+[A-Z]\w+\s+(?:Street|Road|Avenue|Square|Lane|Place|Way|Drive|Boulevard)\b|"
    r"\b(?:Platform|Gate|Room|Page|page|Section|section|Article|article|No\.|Route|route|Exit|exit|Terminal)\s+\d+\w*|"
    r"\bthe\s+\d{4}\s+(?=[a-z])|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{2}\s*(?:a\.?m|p\.?m)\b",
)
CAPTION = re.compile(r"\((?:Photo|Picture|Image|Pictured)\b|\bPhoto:|\bPhotograph:", re.IGNORECASE)
# Whom a speaker told: "the Kessel Herald", "the Ministry of Health", "the Gaceta del Sur".
RECIPIENT = re.compile(
    r"\s+((?:the\s+|a\s+)?(?:[A-Z][\w.'’&-]*(?:\s+(?:(?:of|de|del|della|der|des|do|da|di|du|la|le|el|van|von)\s+)?"
    r"[A-Z][\w.'’&-]*)*|\w+))"
)
NAME = r"([^,.;:\s](?:[^,.;:]*?[^,.;:\s])??)"
RELATIVE_AFTER = re.compile(r"\s*,\s*(?:who|which)\s")  # "according to X, who said ..."
ACCORDING_TO = re.compile(r"\baccording to\s+" + NAME + r"(?=\s*(?:[,.;:]|$|\bthat\b))", re.I)
# "by X", and a name in apposition to it: "by Valmont's chairman, Luca Ferri, who said ...".
BY_AGENT = re.compile(
    r"\s+by\s+(" + NAME[1:-1] + r"(?:,\s+(?-i:[A-Z])[^,.;:]{0,50}?(?=,\s*(?:who|which)\b|\s*[.;]?\s*$))?)"
    # "welcomed by business leaders but rejected by the unions": a second passive ends the first agent
    r"(?=\s+(?:as|that)\b|\s*[,.;:]|\s*$|\s+(?:but|and)\s+(?:was\s+|were\s+)?[a-z]+ed\s+by\b)"
)
# After "was quoted": where, or by whom, and "as saying" ("was quoted in Sportbladet as saying ...", "was
# quoted as saying by the daily Posten").
QUOTED_PASSIVE = re.compile(
    r"(?:\s+(?:by|in)\s+(?P<outlet>[^,.;:]{1,60}?))?\s+as\s+(?:having\s+)?(?:said|saying)\b(?:\s*[,:])?"
    r"(?:\s+by\s+(?P<late>[^,.;:]{1,60}?)(?=\s*[.;]?\s*$))?"
)
QUOTED_AS_SAYING = re.compile(r"\s+(\S(?:.*?\S)??)\s+as\s+(?:having\s+)?(?:said|saying)\s*[,:]?\s*")
# "In an interview with the Kessel Herald, the minister said ...": the outlet the article heard it through.
INTERVIEW_WITH = re.compile(
    r"\b(?:in\s+an?\s+(?:\w+\s+)?interview\s+with|speaking\s+to|talking\s+to|in\s+(?:comments|remarks)\s+to|"
    r"interviewed\s+by)\s+((?:the\s+)?[A-Z][^,]{1,50}?)\s*,",
    re.I,
)
# "The mayor, who said last week that ...": the speaker, then a relative pronoun.
RELATIVE_SUBJECT = re.compile(
    # "The central bank, whose governor has warned that ...": the bank, through its governor
    r",\s*(?:who|which|whose\s+(?:[\w’'-]+\s+){1,3}?)\s*(?:(?:last|this|earlier|later|on)\s+\w+\s+|once\s+|previously\s+)?"
    + AUX
    + r"$",
    re.I,
)
# The name a relative clause hangs on: "… will be led by Deputy Prime Minister Tomas Rieck, who said …"
NAME_AT_END = re.compile(
    r"(?:\b(?!(?:from|by|of|to|with|under|over|for|the|and|but|on|in|at)\b)[a-z]+\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}"
    r"[A-Z][\w’'-]*$"
)
# Where the content after a cue stops: the same speaker's next cue, the next clause, or what the speaker did
# not say (", but ...", "despite ...", a parenthesis).
# A second cue of the same speaker: "X condemned the attack and accused Y of Z", "X urged A and demanded B".
SECOND_CUE = one_of(
    f for f in INFLECTED_CUES if not f.endswith("ing") and not f.startswith(("is ", "are ", "be "))
)
# The base forms a plural subject takes: "…, and local councillors doubt the promise".
PLURAL_CUE = one_of(
    f
    for f, base in CUE_BASE.items()
    if f == base and " " not in f and CUE_FORMS[f].keys() & {SPEECH, COGNITION, ATTITUDE, INTENTION}
)
# What the speaker did not say: ", but ...", ", although ...", "despite ...", a parenthesis, a dash.
BOUNDARY = (
    r",\s+(?:but|although|though|even\s+though|even\s+as)\s|\s+despite\s|\s+\((?!\d)|\s+[—–]\s|"
    r"(?<=[”\"])\s+(?:but|although|though|even\s+though|even\s+as)\s"  # "… as “a celebration,” even as …"
)
SAID_NOT = re.compile(r"[”\"’']?(?:" + BOUNDARY + ")")
CONTENT_STOP = re.compile(
    r",\s+(?:but|and|while)\s+(?:did|didn't|does|declined|refused|added|said|told|quoted|"
    r"warned|urged|called|stressed|noted|insisted)\b|"
    r",?(?<!\s)\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+|has\s+|have\s+|had\s+|will\s+|would\s+)?"
    r"(?:" + SECOND_CUE + r")\b|"
    r",\s+(?:citing|according\s+to)\s|,\s+(?:where|which)\s|"
    # "…, and some fear the League would win": another part of the group, with its own cue
    r",\s+(?:and|but|while)\s+(?:some|many|others|most|few)\s+(?:\w+\s+)?(?:" + VERB + r")\b|"
    # "…, a charge it denies", "…, a move that critics called reckless": the writer's remark on it
    r",\s+an?\s+(?:[a-z]+\s+)?(?:charge|claim|accusation|allegation|move|step|decision|assertion|suggestion)\b|"
    r",\s+(?:" + "|".join(sorted(PARTICIPLES)) + r")\b|;\s|,\s+(?:while|whereas)\s|"
    r"(?<!\s)\s+but\s+(?:also\s+)?(?:said|added|told|warned|insisted|stressed|noted|admitted|conceded)\b|"
    # ", and the mayor announced that ...": another speaker's cue
    r",\s+(?:and|but)\s+(?!that\b)(?:[\w’'-]+\s+){1,6}?(?:has\s+|have\s+|had\s+)?(?:" + SECOND_CUE + r")\b|"
    # ", and local councillors doubt ...": another plural speaker's cue in its base form
    r",\s+(?:and|but)\s+(?!that\b)(?:[\w’'-]+\s+){0,4}?[a-z][\w’'-]*[^s’'\W]s\s+(?:also\s+|still\s+)?(?:"
    + PLURAL_CUE
    + r")\b|"
    + BOUNDARY
)
PARTICIPLE_AFTER = re.compile(
    r",\s+(?!(?:including|during|according|concerning|regarding|notwithstanding)\b)[a-z]+ing\b"
)
# When and where a plain object was taken, at its end: "endorsed the plan on Tuesday", "backed the merger
# last year", "rejected the offer at a meeting with the unions". Not "the budget for next year".
OBJECT_CIRCUMSTANCE = re.compile(
    r",?\s+(?:(?:on|late\s+on|early\s+on)\s+\w+day|yesterday|today|last\s+(?:week|month|year|\w+day)|"
    r"this\s+(?:week|month|year|morning)|earlier\s+this\s+\w+|at\s+(?:an?|the|its|his|her|their)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:meeting|conference|summit|rally|session|hearing|briefing|event)|in\s+(?:a|an|its|his|her|their)\s+"
    r"(?:\w+\s+){0,2}?(?:statement|interview|speech|letter|vote|report|post)|"
    # "endorsed the budget after winning extra money", "rejected the offer out of hand"
    r"(?:after|before|while|when|since|by)\s+[a-z]+ing|(?:after|because|when|as)\s+(?:it|he|she|they|we)\s|"
    r"(?:throughout|during)\s+(?:the|his|her|its|their)\s+(?:\w+\s+)?(?:trial|hearing|campaign|talks|debate|case|inquiry|interview)|"
    r"out\s+of\s+hand|outright|wholeheartedly|in\s+principle|from\s+the\s+(?:start|outset|beginning|first))\b(?:(?!\s+(?:to|that)\b)[^,;])*$",
    re.I,
)
# "Her allegation that ...", "the ministry's statement that ...", "Rosen's view is that ..."
NOMINAL = re.compile(
    r"(?:^|(?<=\s))(?P<owner>(?:(?:the\s+)?(?-i:[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,3})|the\s+\w+(?:\s+\w+)?|"
    r"an?\s+\w+)[’']s|"
    r"his|her|its|their)\s+(?:\w+\s+)?(?P<noun>"
    + "|".join(NOMINAL_CUES)
    + r")\s+(?:(?:is|was|remains)\s+)?that\s+",
    re.I,
)
FINITE = re.compile(r"\b(?:has|have|had|was|were|is|are|will|would|could|can|may|might|must|should|\w+ed)\b")
# The verb of the sentence a nominal cue is the subject of: "... has led to calls", "... is being examined
# by ...", "... did not satisfy them".
MAIN_VERB = re.compile(
    r"\s(?:has|have|had)\s+(?:been\s+|already\s+)?(?:\w+(?:ed|en)|led|made|left|brought|put|set)\b|"
    r"\s(?:went|drew|angered|surprised|prompted|sparked|"
    r"shocked|alarmed|stunned|caught|came|failed\s+to|helped|fuelled|fueled|raised|triggered|"
    r"was\s+(?:challenged|rejected|denied|dismissed|met|greeted)|"
    r"(?:was|were)\s+\w+ed\s+by|(?:is|are|was|were)\s+being\s+\w+ed)\b|(?<!\sand)\s(?:did|does|do)\s+not\b"
)
# After a demand the clause's verb is a base form ("that a judge lead"): the first finite one is the
# sentence's.
SUBJUNCTIVE_MAIN = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would)\b")
# A sentence opening with a pronoun in reported speech's tense: "He would appear ...", "They had been ..."
BACKSHIFTED = re.compile(
    r"^(?:he|she|they)\s+(?:also\s+)?"
    r"(?:would(?!\s+have\b)|had\s+(?:been|not|already|also)|was\s+to|were\s+to)\b",
    re.I,
)
AUX_WORD = re.compile(AUX.replace(")*", ")+") + "$", re.I)
# The subject of a subordinate clause the cue is in: "..., where residents said", "..., as officials warned".
SUBORDINATE_SUBJECT = re.compile(
    r",\s*(?:and|but|where|when|as|after|while|because|since|although|though|whereas)\s+([^,]{1,60}?)\s*$",
    re.I,
)
# "Shares rose 9 percent after the Ledger reported ...": the article's own clause, then the attribution.
# In a sentence's own words only: inside reported content the clause is the speaker's.
AFTER_OWN_CLAUSE = re.compile(r"\s(?:after|since|because|until|once)\s+([^,]{1,60}?)\s*$", re.I)
# Verbs that take whom they told before "that": "warned managers that", "assured voters that".
TOLD_THAT = frozenset(
    "warn assure inform remind promise convince persuade reassure caution notify advise".split()
)
PRONOUN_OF = {"his": "he", "her": "she", "its": "it", "their": "they"}
# "Minister: talks will resume", "Rosen: “We will win.”", "X was blunt: ...", "X's answer – ...",
# "The message from X was clear: ...", "Her conclusion: ...", "Said Rosen: ...", "X had a warning for Y: ..."
# — a short speaker, a colon or a dash, the content.
SAYING_NOUNS = (
    r"(?:answer|message|verdict|reply|response|view|position|stance|conclusion|explanation|forecast|assessment|"
    r"warning|advice|prediction|plea|argument|diagnosis|reasoning|promise|pledge|demand|retort)"
)
COLON_CUE = re.compile(
    r"^(?:(?:the|her|his|its|their)\s+(?:message|answer|verdict|reply|response|view|position)\s+from\s+)?"
    r"(?:(?P<said>said|says|added|adds|wrote|writes)\s+(?=[A-Z]))?"
    r"(?P<speaker>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}?|her|his|its|their)"
    # "X, the chief executive, was blunt:", "X, the mayor, has a message for Y:"
    r"(?P<apposed>,\s+[^,:;“\"_]{2,60},(?=\s+(?:was|were|is|has|had|have)\s))?"
    # "Dr Sand, the director:", "Ana Ruiz, transport minister:", "Ana Ruiz (Greens):"
    r"(?P<role>,\s+(?![^,:;]*\b(?:was|were|is|are|has|had|will)\b)[^,:;“\"_]{2,50}(?=:)|\s+\([^()]{1,40}\)(?=\s*:))?"
    # "Mayor Dorn on the tram plan:"
    r"(?P<topic>\s+on\s+(?!the\s+(?:phone|radio|air)\b)[^:;,“\"_]{2,40}?(?=\s*:))?"
    r"(?:[’']s\s+(?:\w+\s+)?" + SAYING_NOUNS + r"|"
    r"\s+" + SAYING_NOUNS + r"(?:\s+(?:to|for)\s+[^:—–]{1,40}?)?|"
    r"\s+(?:had|has|have)\s+(?:a|an|one)\s+(?:\w+\s+)?"
    + SAYING_NOUNS
    + r"(?:\s+(?:to|for)\s+[^:—–]{1,40}?)?|"
    r"\s+put\s+it\s+\w+|\s+gave\s+(?:its|his|her|their)\s+verdict[^:—–]{0,60}?)?"
    r"(?P<how>\s+(?:was|were|is|remains|remained)\s+(?:blunt|clear|direct|firm|emphatic|unequivocal|short|simple|brief|"
    r"categorical|unchanged|plain|candid|frank))?"
    r"(?:\s*:|\s+[–—-]|—)\s*(?=\S)",
    re.I,
)
TRAIL_PUNCT = " \t\n.,;:!?…\"'“”‘’"
VIEW_NOUNS = r"(?:view|opinion|words|estimation|judgement|judgment|mind)"
IN_THE_VIEW_OF = re.compile(
    r"^(?:in|to)\s+(?:(?P<pronoun>his|her|its|their)|(?P<owner>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"[’']s)\s+(?:own\s+)?(?P<noun>" + VIEW_NOUNS + r")\s*,\s*|"
    r"^in\s+the\s+(?P<noun_of>" + VIEW_NOUNS + r")\s+of\s+(?P<of>[^,“\"_]{2,60}?)\s*,\s*",
    re.I,
)
LEADING_PARTICIPLE = re.compile(
    r"(?:asked|pressed|questioned|speaking|writing|responding|interviewed|challenged)\b[^,:;“\"_]{0,80},\s*",
    re.I,
)


@dataclass
class Reading:
    """A sentence (or a piece of one) being read, with what a reader needs to read it.

    `s` is the masked sentence from `start` on; `text` the article it lies in. A claim's content is read
    again as a Reading of its own, one `depth` further in, with the chain so far as `outer`.
    """

    text: str
    s: str
    start: int
    ctx: Context
    quotes: list[tuple[int, int]]
    outer: list[str] = field(default_factory=list)
    depth: int = 0
    shared: tuple[str, list[str]] | None = None  # the speaker a continuation goes on with
    narrow: bool = False  # inside a quotation: only a report is an attribution of its own

    @property
    def end(self) -> int:
        return self.start + len(self.s)

    def at(self, pos: int, shared=None) -> "Reading":
        """The rest of the sentence from `pos`, going on with the speaker `shared`."""
        return replace(self, s=self.s[pos - self.start :], start=pos, shared=shared)

    def claim(self, start, end, source, chain, cue, reading, cue_class=SPEECH, description=None):
        chain = [n for i, n in enumerate(chain) if i == 0 or n != chain[i - 1]]  # "X > X" is X
        return make_claim(
            self.text,
            start,
            end,
            source,
            chain,
            cue,
            reading=reading,
            cue_class=cue_class,
            description=description,
        )

    def inner(self, claim: ExtractedClaim | None) -> list[ExtractedClaim]:
        return innermost(self.text, claim, self.quotes, self.depth) if claim else []


@dataclass
class Cue:
    """A cue word found in a sentence: the verb as written, what comes before and after it, its class."""

    m: re.Match
    verb: str
    before: str
    tail: str
    cue_class: str
    complement: str
    shared: tuple[str, list[str]] | None  # the speaker a participle ("..., urging ...") goes on with

    @property
    def reading(self) -> str:
        return why.COMPLEMENT_READINGS.get(self.complement, why.SAID_THAT)


# A cue reader's answer: claims and where the sentence goes on (with whom), or NEXT_CUE to skip the word.
Found = tuple[list[ExtractedClaim], tuple[int, tuple[str, list[str]]] | None]
NEXT_CUE = object()


# Sentence readers


def unknown_whether(r: Reading):
    """ "It is unknown whether ...": the article's own hedged statement."""
    whether = UNKNOWN_WHETHER.match(r.s)
    if not whether:
        return None
    c = make_claim(
        r.text,
        r.start + whether.end(),
        r.end,
        None,
        [],
        None,
        reading=why.UNATTRIBUTED_HEDGE,
        attributed=False,
    )
    if not c:
        return None
    c.hedge = whether.group(1).lower()
    return [c]


def according_to(r: Reading):
    """ "according to X": the outer reporter if the sentence has its own speaker, else the cue itself."""
    s, start, end = r.s, r.start, r.end
    according = ACCORDING_TO.search(s)
    if not according:
        return None
    reporter, description = clean_speaker(according.group(1))
    reporter = r.ctx.resolve(reporter)
    if RELATIVE_AFTER.match(s, according.end()) and len(s[: according.start()].strip(" ,")) > 10:
        return according_to_who(r, according, reporter, description)
    lo, hi = according.start(), according.end()
    if re.search(r",\s*$", s[:lo]) and s[hi : hi + 1] == ",":  # "told X, according to Y, that ..."
        lo, hi = s.rindex(",", 0, lo), hi + 1
    a, b = start + according.start(), start + according.end()
    blanked = s[:lo] + " " * (hi - lo) + s[hi:]
    inner = read_cues(replace(r, s=blanked, outer=[*r.outer, reporter]))
    for c in inner:
        c.reasons.append(why.REPORTER_ACCORDING_TO)
        if c.chain.count(reporter) > 1:  # "According to X, Z, prosecutors said": the prosecutors cite X
            i = c.chain.index(reporter)
            c.chain = c.chain[:i] + c.chain[i + 1 :]
        at_end = not s[according.end() :].strip(TRAIL_PUNCT)
        if at_end and c.start < a < c.end:  # "X favour Y, according to Z": Y ends where Z is named
            c.start, c.end = trim(r.text, c.start, a)
            c.text = r.text[c.start : c.end]
    if inner:
        return inner
    claims = []
    lead = s[: according.start()].rstrip(" ,")
    joined = re.search(r",?\s*\b(?:and|but|while|although|though)\s*,?$", lead)
    if joined:  # "Flights resumed on Sunday, and according to X, all 42 left on time."
        if r.depth == 0 and (own := unattributed(r.text, start, start + joined.start(), clause=True)):
            claims.append(own)
        c_start, c_end = b, end
    elif (
        (len(lead) > 10 or len(lead.split()) > 1 and not ADVERBIAL_START.match(lead))
        and not CLAUSE_WORD.search(lead)
        and s[according.end() :].strip(" ,.;")
    ):
        c_start, c_end = start, end  # "The stadium, according to X, will cost ...": the clause around it
    elif len(lead) > 10:
        c_start, c_end = start, start + len(lead)
    else:
        c_start, c_end = b, end
    description = r.ctx.describe(reporter, description)
    chain = [*r.outer, reporter]
    if c := r.claim(
        c_start, c_end, reporter, chain, "according to", why.ACCORDING_TO, description=description
    ):
        r.ctx.remember(reporter, c.chain)
        claims += r.inner(c)
    return claims


def in_the_view_of(r: Reading):
    """ "In her view, Z", "In the words of X, Z", "In Lind's opinion, Z": whose the clause after it is."""
    m = IN_THE_VIEW_OF.match(r.s)
    if not m or r.depth:
        return None
    owner = m.group("pronoun") or m.group("owner") or m.group("of")
    owner = PRONOUN_OF.get(owner.lower(), owner)
    speaker = r.ctx.resolve(clean_speaker(owner)[0])
    if not plausible_speaker(speaker):
        return None
    noun = (m.group("noun") or m.group("noun_of")).lower()
    cue_class = SPEECH if noun == "words" else COGNITION
    c = r.claim(r.start + m.end(), r.end, speaker, [*r.outer, speaker], noun, why.NOMINAL, cue_class)
    if not c:
        return None
    r.ctx.remember(speaker, c.chain)
    return r.inner(c)


AS_PUT_IT = re.compile(
    r"^as\s+(?P<who>[^,“\"_]{2,60}?)\s+(?:has\s+|had\s+|once\s+)?(?:put|puts|phrased|phrases)\s+it"
    r"(?:\s+\w+){0,3}?\s*,\s*",
    re.I,
)


def as_put_it(r: Reading):
    """ "As the minister put it, “We cannot pay for everything.”": whose words the rest of the sentence is."""
    m = AS_PUT_IT.match(r.s)
    if not m or r.depth:
        return None
    speaker = r.ctx.resolve(clean_speaker(m.group("who"))[0])
    if not plausible_speaker(speaker):
        return None
    chain = [*r.outer, speaker]
    quotations = [(a, b) for a, b in quotes_in(r.quotes, r.start + m.end(), r.end + 1) if b <= r.end + 1]
    a, b = (quotations[0][0] + 1, quotations[-1][1] - 1) if quotations else (r.start + m.end(), r.end)
    c = r.claim(a, b, speaker, chain, "put it", why.AS_PUT_IT)
    if not c:
        return None
    r.ctx.remember(speaker, c.chain)
    return r.inner(c)


def according_to_who(r: Reading, according: re.Match, reporter: str, description) -> list[ExtractedClaim]:
    """ "Z, according to X, who said B": Z is X's, and so is what the relative clause reports."""
    chain = [*r.outer, reporter]
    description = r.ctx.describe(reporter, description)
    c = r.claim(
        r.start,
        r.start + according.start(),
        reporter,
        chain,
        "according to",
        why.ACCORDING_TO,
        description=description,
    )
    claims = r.inner(c)
    r.ctx.remember(reporter, chain)
    return claims + read_cues(r.at(r.start + according.end(), shared=(reporter, chain)))


def in_a_statement(r: Reading):
    """ "Tessaly Rail, in a statement: “...”" """
    m = STATEMENT_COLON.match(r.s)
    if not m or not plausible_speaker(m.group(1)):
        return None
    speaker = r.ctx.resolve(clean_speaker(m.group(1))[0])
    claims = []
    for a, b in quotes_in(r.quotes, r.start + m.end() - 2, r.end):
        if c := r.claim(a + 1, b - 1, speaker, [*r.outer, speaker], m.group(2), why.STATEMENT):
            claims.append(c)
    if not claims:
        return None
    r.ctx.remember(speaker, [*r.outer, speaker])
    return claims


def by_cues(r: Reading):
    """A cue word, before or after its content: "X said Y", "Y, X said", "X urged Y to Z" ..."""
    return read_cues(r) or None


def nominal_subject(r: Reading):
    """ "The union's accusation that Y was denied by X.", "Their demand that Y was turned down, X said.": the
    nominal cue opening the sentence is its subject; its claim, then the sentence's own attribution."""
    m = NOMINAL.match(r.s)
    if not m or r.depth:
        return None
    own = nominal_cue(r)
    if not own or own[0].end >= r.end - 2:
        return None
    # Read the rest with the nominal's clause blotted out, in the text too: "The ministry's statement xxx came
    # hours after pharmacies said ..." is not a speaker, and the clause is not read again as inner content.
    a, b = r.start + m.end("noun"), max(c.end for c in own)
    rest = read_cues(replace(r, s=blotted(r.s, a - r.start, b - r.start), text=blotted(r.text, a, b)))
    return own + [c for c in rest if not (a <= c.start < b)]


def blotted(text: str, a: int, b: int) -> str:
    """The text with text[a:b] written over by letters: still a word, but none that reads as anything."""
    return text[:a] + "x" * (b - a) + text[b:]


def nominal_cue(r: Reading):
    """ "Her allegation that the count was rigged ...", "the ministry's statement that ..." """
    m = NOMINAL.search(r.s)
    if not m:
        return None
    owner = re.sub(r"[’']s$", "", m.group("owner"))
    if owner.lower() in PRONOUN_OF:
        # "Nikolai Brask stood by his claim that ...": the sentence's subject, else the pronoun's referent
        subject = SUBJECT_NAME.match(r.s[: m.start()])
        owner = subject.group(1) if subject else PRONOUN_OF[owner.lower()]
    speaker = r.ctx.resolve(clean_speaker(owner)[0])
    if not plausible_speaker(speaker):
        return None
    pos = r.start + m.end()
    stop = CONTENT_STOP.search(r.s, m.end())
    end = r.start + stop.start() if stop else r.end
    # "Her allegation that the count was rigged has angered ...": the sentence's own verb ends the content.
    cue_class = NOMINAL_CUES[m.group("noun").lower()]
    own = FINITE.search(r.s, m.end(), end - r.start)
    if cue_class == DIRECTIVE:  # "Their demand that a judge lead it was turned down": a subjunctive before
        main = SUBJUNCTIVE_MAIN.search(r.s, m.end(), end - r.start)
    else:
        main = own and MAIN_VERB.search(r.s, own.end(), end - r.start)
    if main:
        end = r.start + main.start()
    c = r.claim(pos, end, speaker, [*r.outer, speaker], m.group("noun").lower(), why.NOMINAL, cue_class)
    if not c:
        return None
    r.ctx.remember(speaker, c.chain)
    return r.inner(c)


def colon_cue(r: Reading):
    """ "Minister: talks will resume" (a headline), "Rosen: “We will win.”" """
    if r.depth:
        return None
    m = COLON_CUE.match(r.s)
    if not m and (lead := LEADING_PARTICIPLE.match(r.s)):  # "Asked whether she would stay, Haddad was clear:"
        r = r.at(r.start + lead.end())
        m = COLON_CUE.match(r.s)
        m = m if m and m.group("how") else None
    if not m:
        return None
    name = m.group("speaker")
    # "Kovac on the result: “We will listen.”": one name and a topic, when a quotation or the name's first
    # mention says it is a person
    surname = " " not in name and (
        r.text[r.start + m.end() : r.start + m.end() + 1] in '“"' or named_before(name, r.text)
    )
    if (m.group("topic") or m.group("role")) and not (looks_personal(name) or surname):
        return None  # "Floods on the coast: 12 dead": a topic, not a speaker
    owner = {"her": "she", "his": "he", "its": "it", "their": "they"}.get(name.lower())
    name = owner or name
    if not plausible_speaker(name) or CUE_RE.search(name) or not name[:1].isalpha():
        return None
    # "X was blunt:", "X's answer –": speech; not "Mayor Dorn on the tram plan:" alone
    said = m.group("how") or m.end("topic" if m.group("topic") else "speaker") < m.end() - 3
    named = owner or said or surname or looks_like_person(name) or looks_personal(name)
    named = named or name.split()[-1].lower() in SPEAKER_ROLES
    # "Strom: budget gap has halved" when "Benedikt Strom" is in the article
    named = named or (" " not in name and named_before(name, r.text))
    if not named:
        return None  # "Floods: 12 dead": a topic, not a speaker
    speaker = r.ctx.resolve(clean_speaker(re.sub(r"[’']s$", "", name) + (m.group("apposed") or ""))[0])
    mark = ":" if ":" in r.s[m.end("speaker") : m.end()] else "-"
    mark = m.group("said").lower() if m.group("said") else mark
    c = r.claim(r.start + m.end(), r.end, speaker, [*r.outer, speaker], mark, why.COLON)
    if not c:
        return None
    r.ctx.remember(speaker, c.chain)
    return [c]


def named_before(name: str, text: str) -> bool:
    """Whether one word is a surname in the text: "Strom" when "Benedikt Strom" is in it."""
    return bool(re.search(rf"\b[A-Z][\w’'-]+\s+{re.escape(name)}\b", text))


def lone_quotation(r: Reading):
    """A quotation standing alone continues the last speaker's words."""
    quoted = quotes_in(r.quotes, r.start, r.end)
    if not quoted or re.search(r"[A-Za-z]{3}", r.s):
        return None
    if r.ctx.last_speaker:
        name, chain, cue = r.ctx.last_speaker
    elif (
        r.ctx.last_person and not r.depth
    ):  # "Mayor Ida Brun was defiant. “We will not ...”": nobody spoke yet
        name, chain, cue = r.ctx.last_person, [r.ctx.last_person], None
    else:
        return None
    claims = [c for a, b in quoted if (c := r.claim(a + 1, b - 1, name, chain, cue, why.LAST_SPEAKER))]
    for c in claims:
        c.reasons.append(why.CARRIED)
    return claims


def report_goes_on(r: Reading):
    """ "..., police said. He would appear before magistrates on Monday.": the tense of reported speech
    carries the report on into the next sentence."""
    if r.depth or not r.ctx.reported or not r.ctx.last_speaker or not BACKSHIFTED.match(r.s):
        return None
    name, chain, cue = r.ctx.last_speaker
    c = r.claim(r.start, r.end, name, chain, cue, why.REPORT_GOES_ON)
    if c:
        c.reasons.append(why.CARRIED)
    return [c] if c else None


def unattributed_statement(r: Reading):
    """The article's own statement, kept when it has a number, a date or a hedge."""
    c = unattributed(r.text, r.start, r.end) if re.search(r"[A-Za-z]{3}", r.s) else None
    return [c] if c else []


# Cue readers


def read_cues(r: Reading) -> list[ExtractedClaim]:
    """Attribution by a cue word: before its content, after it, passive, or quoting another.

    A reading that goes on ("Z, X said, adding that B", "X said A and told B") goes on in this loop, not by
    recursion, so a thousand of them cannot exhaust the stack. A trailing reading that found nothing is read
    again by its cues once all that followed it found nothing.
    """
    claims: list[ExtractedClaim] = []
    fallbacks: list[Reading] = []  # the rest of the sentence where a trailing reading found nothing
    trailing = True
    for _ in range(MAX_CUE_STEPS):
        step = trailing_attribution(r) if trailing else None
        if step is None:
            found, more = cue_attribution(r)
        else:
            found, more = step
            if not found:
                fallbacks.append(r)
        if found:
            claims += found
            fallbacks.clear()  # everything before this reading has found something now
        if more:
            r, trailing = r.at(*more), True
        elif fallbacks:
            r, trailing = fallbacks.pop(), False
        else:
            break
    return claims


def cue_attribution(r: Reading) -> Found:
    """The first attribution by a cue in the sentence, and where it goes on with its speaker, if it does."""
    for m in CUE_RE.finditer(r.s):
        cue = read_cue(r, m)
        if cue is None:
            continue
        for reader in CUE_READERS:
            found = reader(r, cue)
            if found is NEXT_CUE:
                break
            if found is not None:
                return found
    return [], None


def read_cue(r: Reading, m: re.Match) -> Cue | None:
    """The cue word at `m` if it is one here: a subject may stand before it and a complement after it."""
    verb = m.group(1).lower()
    before, tail = r.s[: m.start()], r.s[m.end() :]
    prev_word = re.findall(r"[\w'’]+", before[-20:])
    # "the claims", "to say"; but "appeared to concede", "is believed to support" are still the cue
    after_determiner = prev_word and prev_word[-1].lower() in NOT_SUBJECT_BEFORE
    if after_determiner and re.search(
        r"(?:^|[,;]|\b(?:but|and|yet|while|though|although))\s*some\s+$", before, re.I
    ):
        after_determiner = False  # "But some fear that ...": "some" is the subject
    if after_determiner and verb != "quoted" and not HEDGED_TO.search(before[-NEAR:]):
        return None
    if prev_word and re.search(r"[’']s$", prev_word[-1]):
        return None  # "the company’s promise of jobs": a noun after a possessive
    if verb.endswith("s") and prev_word and prev_word[-1].endswith("ing"):
        return None  # "Neighbouring states", "opening remarks"
    if verb.endswith("ed") and prev_word and prev_word[-1].islower() and prev_word[-1].endswith("ing"):
        return None  # "for ignoring repeated warnings", "despite mounting reported cases": an adjective
    if (
        verb.endswith("s")
        and prev_word
        and (prev_word[-1].lower() in QUANTIFIERS or COUNT.search(before[-20:]))
    ):
        return None  # "few reports reached the capital", "two suspects were held": a plural noun
    if m.group(1)[:1].isupper() and before.strip():
        return None  # "The Brennick Post": a capitalised word inside a sentence is a name
    if NOT_A_CUE_HERE.match(tail) and CUE_BASE[verb] == "think":
        return None  # "the Meridian think tank"
    if CUE_BASE[verb] == "call" and NAMED.search(before[-NEAR:]) and re.match(r"\s+(?-i:[A-Z])", tail):
        return None  # "a man called Jonas Ek": a name given, not a judgement
    if verb.endswith("s") and NOUN_BEFORE_VERB.match(tail):
        return None  # "the coastal states met in Lisbon": a plural noun, the subject of a verb
    # A base form: "officials say", "did not deny", "will support"; not "the annual report", "a promise".
    # "Farmers in the valley fear ...": a plural head noun, or a name, before it.
    # Patterns anchored at the end look at the last words only, so that a long sentence is not scanned
    # again for every cue in it.
    near = INTERJECTION.sub(" ", before[-NEAR:])  # "Investors, however, fear ...": as "Investors fear"
    # "Local business owners, many of whom depend on tourists, oppose ...": the subject before the aside
    near = (
        APPOSED_AT_END.sub(" ", near)
        # "Their findings, published in the journal on Monday, show ..."
        if re.search(
            r",\s*(?:many|most|some|all|who|which|published|released|issued|compiled|commissioned)\b", near
        )
        else near
    )
    base = CUE_BASE[verb].split()[0] == verb.split()[0] and verb != "say"
    subject = BASE_FORM_AFTER.search(near) or re.search(r"\b[A-Z][\w’'-]+\s+$", near)
    subject = subject or PART_OF_GROUP.search(near)
    # "have come out against the tax": "come" is its own participle, so "have" makes it a verb
    subject = subject or (verb.split()[0] == "come" and PERFECT_BEFORE.search(near))
    if base and not (subject or PLURAL_SUBJECT.search(near) or plural_document(verb, near)):
        return None
    if r.depth and CUE_BASE[verb] == "ask for":
        return None  # "She said she would ask for a briefing": the request is part of what she said
    shared = r.shared
    if verb in PARTICIPLES and not PROGRESSIVE.search(near):
        # "..., adding that ...", "..., urging voters to ...", "a statement condemning ..." go on with the
        # sentence's speaker; elsewhere "warning" is a noun ("neither warning had received a reply").
        # "..., with some saying the plan went too far": the speaker is named after "with".
        if (named := WITH_SPEAKER.search(near)) and plausible_speaker(clean_speaker(named.group(1))[0]):
            name = r.ctx.resolve(clean_speaker(named.group(1))[0])
            shared = (name, [*r.outer, name])
        elif not near.rstrip().endswith(",") and not CARRIER.search(near):
            return None
        elif (subject := SUBJECT_NAME.match(r.s)) and plausible_speaker(subject.group(1)):
            name = r.ctx.resolve(clean_speaker(subject.group(1))[0])
            shared = (name, [*r.outer, name])
    fit = complement(verb, before, tail)
    if fit is None:
        return None
    if fit[0] == SPEECH and verb == CUE_BASE[verb] and MODAL_BEFORE.search(near):
        return None  # "the rise would add about 92 pounds": "add" is not said
    if r.narrow and (fit[1] != CLAUSE or fit[0] not in {SPEECH, EVIDENCE}):
        return None  # inside a quotation only a report lengthens the chain: "“We want to ...”" is X's
    return Cue(m, verb, before, tail, *fit, shared)


def plural_document(verb: str, near: str) -> bool:
    """Whether an evidence verb's base form follows plural documents: "Data from the weather service show"."""
    doc = EVIDENCE in CUE_FORMS[verb] and DOCUMENTS.search(near)
    return bool(doc and re.match(r"(?:data|\w+s)\b", doc.group(), re.I))


def complement(verb: str, before: str, tail: str) -> tuple[str, str] | None:
    """The cue class and the complement that `tail` gives the verb, or None: "urged calm" is a directive
    with an object, "said to be" reports nothing, "rejected the bill by 52 votes" is a vote."""
    classes = CUE_FORMS[verb]
    documentary = bool(
        DOCUMENTS.search(before[-60:]) or DOCUMENTS.search(APPOSED_AT_END.sub(" ", before[-160:])[-60:])
    )
    if verb not in PARTICIPLES and PASSIVE_BEFORE.search(before[-NEAR:]):
        if CLAUSE in classes.get(SPEECH, ()):
            return SPEECH, CLAUSE  # "was reported by X": the passive reader reads it
        # "Her departure was welcomed by the opposition"; not "backed by tanks", "by seven of nine judges"
        if A_VOTE.search(tail):
            return None  # "The bill was rejected by the upper house by 44 votes to 30": a vote
        if re.match(
            r"\s+by\s+(?:the\s+|an?\s+)?(?-i:[A-Z])|\s+by\s+(?:the|an?)\s+(?!\w+\s+of\b)|"
            r"\s+by\s+(?:every|most|many|both|several|all)\s",  # "is opposed by every party except ..."
            tail,
        ) or (
            PLURAL_AGENT.match(tail)  # "criticised by human rights groups"
        ):
            return next(c for c in CUE_CLASSES if c in classes), CLAUSE
    for kind in COMPLEMENT_ORDER:
        fitting = [c for c in CUE_CLASSES if kind in classes.get(c, ())]
        if not fitting:
            continue
        if kind == CLAUSE:
            if NOT_CONTENT.match(tail) or (NEGATED.search(before[-NEAR:]) and OPEN_QUESTION.match(tail)):
                continue
            # "posted on social media that ...", "complained to the council that ..."
            if verb in NEEDS_THAT and not (
                NEEDS_THAT_CONTENT.match(tail) or THAT_AFTER_ADJUNCTS.match(tail.lstrip())
            ):
                continue
            bare = (
                fitting[0] == COGNITION or documentary or CUE_BASE[verb] == "hope"
            )  # "hopes the bridge will"
            that = NEEDS_THAT_CONTENT.match(tail) or THAT_AFTER_ADJUNCTS.match(tail)  # "known for years that"
            # "Most of the funds, investigators believe, were moved": the clause around the cue
            interposed = re.match(r"\s*,", tail) and re.search(r"\S,\s*[^,]{1,60}$", before)
            if fitting[0] != SPEECH and not (that or interposed or bare and BARE_CLAUSE.match(tail)):
                continue  # "known as", "fears for his safety": a verb of thinking needs a clause
        elif not COMPLEMENTS[kind].match(tail):
            continue
        if kind != CLAUSE and kind != TO and A_VOTE.search(tail):
            return None
        if kind == OBJECT and CUE_BASE[verb] == "back" and MOVED.match(tail):
            return None
        if CUE_BASE[verb] == "deny" and ACCESS_REFUSED.match(tail):
            return None  # "denied entry to the inspectors": an act, not a denial
        if (
            kind == OBJECT
            and CUE_BASE[verb] in {"attack", "slam"}
            and VIOLENCE.search(before[-NEAR:] + tail[:40])
        ):
            return None  # "rebels attacked the village", "slammed the door": force, not words
        if (
            kind == CLAUSE
            and CUE_BASE[verb] in {"claim", "reveal"}
            and not (
                NEEDS_THAT_CONTENT.match(tail) or THAT_AFTER_ADJUNCTS.match(tail) or BARE_CLAUSE.match(tail)
            )
        ):
            continue  # "the storm claimed three lives", "the mayor revealed a statue": no report
        if kind == OBJECT and CUE_BASE[verb] == "welcome" and GREETED.match(tail):
            return None
        if kind == OBJECT and CUE_BASE[verb] == "seek" and (verb == "sought" or SOUGHT_PERSON.match(tail)):
            return None  # "Police are seeking a man", "had sought refuge": a search or an act, not an aim
        decided = CUE_BASE[verb] in {"reject", "back"} and DECIDING_BODY.search(before[-NEAR:])
        if ATTITUDE in fitting and decided and MOTION.match(tail):
            return None  # "The court rejected the appeal", "Parliament backed the bill": a decision
        if EVIDENCE in fitting and (documentary or len(fitting) == 1):
            if len(fitting) == 1 and not documentary and kind != CLAUSE and not FINDING.match(tail):
                continue  # "police found the body": a finding needs a document, a clause, or evidence
            return EVIDENCE, kind
        return next(c for c in fitting if c != EVIDENCE), kind
    return None


def passive(r: Reading, cue: Cue):
    """ "X was quoted by Y as (having) said, Z" and "Z was reported by Y"."""
    if cue.verb in PARTICIPLES or not (passive_aux := PASSIVE_BEFORE.search(cue.before[-NEAR:])):
        return None
    s, start, m = r.s, r.start, cue.m
    by = BY_AGENT.match(s[m.end() :])
    if not by:
        return NEXT_CUE
    agent, description = clean_speaker(by.group(1))
    agent = r.ctx.resolve(without_circumstances(without_place(agent)))
    aux = re.sub(r"\s+", " ", passive_aux.group("aux").lower())
    subject = cue.before[: len(cue.before) - len(passive_aux.group())].rstrip()
    if cue.verb == "quoted":
        speaker, description = clean_speaker(subject)
        speaker = r.ctx.resolve(speaker)
        pos = m.end() + by.end()
        said = re.match(r"\s*as\s+(?:having\s+)?(?:said|saying|telling \w+)\s*[,:]?\s*", s[pos:])
        pos += said.end() if said else 0
        c_start, c_end = content_after(s[pos:], start + pos, r.quotes)
        chain, cue_word, reading = [*r.outer, agent, speaker], "quoted as saying", why.QUOTED_AS
    elif re.fullmatch(r"\s*(?:it|as|and as)?\s*", subject, re.I):
        # "It was confirmed by X that Z", "As was reported by X, Z"
        speaker, chain, cue_word, reading = agent, [*r.outer, agent], f"{aux} {cue.verb} by", why.PASSIVE
        pos = m.end() + by.end()
        if app := re.match(r",\s*((?:a|an|the|its|his|her)\b[^,]*),(?=\s*that\b)", s[pos:]):
            description, pos = app.group(1), pos + app.end()
        c_start, c_end = content_after(s[pos:], start + pos, r.quotes)
    else:
        speaker, chain, cue_word, reading = agent, [*r.outer, agent], f"{aux} {cue.verb} by", why.PASSIVE
        c_start, c_end = start, start + len(subject)
        if (cited := re.match(r",\s*citing\s+([^,.;]+)", s[m.end() + by.end() :])) and not cited_reason(
            cited.group(1)
        ):
            speaker = clean_speaker(cited.group(1))[0]  # "… was reported by X, citing two officers"
            chain, cue_word, reading = [*chain, speaker], "citing", why.CITING
    description = r.ctx.describe(speaker, description)
    c = r.claim(c_start, c_end, speaker, chain, cue_word, reading, cue.cue_class, description)
    if c:
        r.ctx.remember(speaker, chain)
    # "… was welcomed by the party, whose leader, Cora Belmont, called the move long overdue": read on
    after = max(c_end - start, m.end() + by.end())
    goes_on = CUE_RE.search(s, after)
    # "… was confirmed by its chairman, Luca Ferri, who said …": the relative clause is the agent's
    who = (agent, [*r.outer, agent]) if RELATIVE_AFTER.match(s, after) else None
    return r.inner(c), ((start + after, who) if goes_on else None)


def quoted_passive(r: Reading, cue: Cue):
    """ "X was quoted as saying Z", "X was quoted in Y as saying Z", "“Z,” X was quoted as saying by Y." """
    q = QUOTED_PASSIVE.match(cue.tail)
    passive_aux = PASSIVE_BEFORE.search(cue.before[-NEAR:])
    if cue.verb != "quoted" or not q or not passive_aux:
        return None
    subject = cue.before[: len(cue.before) - len(passive_aux.group())].rstrip()
    opened = list(QUOTE_MARK.finditer(subject))  # "“Z,” X was quoted ...": X after the quotation
    speaker, description = clean_speaker(subject[opened[-1].end() :] if opened else subject)
    if not plausible_speaker(speaker):
        return NEXT_CUE
    speaker = r.ctx.resolve(speaker)
    outlet = q.group("outlet") or q.group("late")
    chain = [*r.outer, clean_speaker(outlet)[0], speaker] if outlet else [*r.outer, speaker]
    pos = cue.m.end() + q.end()
    quoted = quotes_in(r.quotes, r.start, r.start + cue.m.start())
    if opened and quoted and not r.s[pos:].strip(" .;"):
        c_start, c_end = quoted[-1][0] + 1, quoted[-1][1] - 1  # the quotation before is what was said
    else:
        c_start, c_end = content_after(r.s[pos:], r.start + pos, r.quotes)
    c = r.claim(c_start, c_end, speaker, chain, "quoted as saying", why.QUOTED_AS, description=description)
    if c:
        r.ctx.remember(speaker, chain)
    return r.inner(c), None


def quoted_as(r: Reading, cue: Cue):
    """ "X quoted Y as saying, Z" """
    if cue.verb != "quoted":
        return None
    q = QUOTED_AS_SAYING.match(cue.tail)
    if not q:
        return NEXT_CUE
    ctx = r.ctx
    named, _ = clean_speaker(cue.before)
    reporter = ctx.resolve(named) if plausible_speaker(named) else None
    if reporter is None and ctx.last_speaker:
        reporter = ctx.last_speaker[0]
        outer_chain = ctx.last_speaker[1][:-1]
    else:
        outer_chain = list(r.outer)
    speaker, description = clean_speaker(q.group(1))
    speaker = ctx.resolve(speaker)  # "ONA also quoted him as saying": the president named before
    description = ctx.describe(speaker, description)
    chain = [*outer_chain, reporter, speaker] if reporter else [*outer_chain, speaker]
    pos = cue.m.end() + q.end()
    c_start, c_end = content_after(r.s[pos:], r.start + pos, r.quotes)
    c = r.claim(c_start, c_end, speaker, chain, "quoted as saying", why.QUOTED_AS, description=description)
    if c:
        ctx.remember(speaker, chain)
    return r.inner(c), None


def parenthetical(r: Reading, cue: Cue):
    """ "The rise, she said, was unexpected." """
    paren = re.search(r",\s*([^,]{1,60})$", cue.before)
    # "…, she said on Monday, …", "…, the society said in a statement, …", "…, he told the Sentinel, …"
    words = r"(?:(?!\bthat\b)[^,“\"]){1,40}?"  # an adjunct, not the content ("said last week that …")
    adjunct = re.match(
        rf"\s*(?:(?:on|in|at|late|early|last|this)\s+{words}|(?P<told>{words}))?\s*,", cue.tail
    )
    told = adjunct and adjunct.group("told")
    if told and not (CUE_BASE[cue.verb] == "tell" and is_outlet(told.strip())):
        adjunct = None
    if not (paren and adjunct and plausible_speaker(clean_speaker(paren.group(1))[0])):
        return None  # "…, the union has warned, …" is the union
    if paren.group(1).strip().lower() in {"who", "which"}:
        return None  # "Anton Grell, who said last week that …": a relative clause, read as one
    speaker = r.ctx.resolve(clean_speaker(paren.group(1))[0])
    chain = [*r.outer, told.strip(), speaker] if told else [*r.outer, speaker]
    c_start, _ = trim(r.text, r.start, r.start + paren.start())
    c_end, later = r.end, None
    if cut := re.match(r"[^,]*,\s*(?=(?:despite|but|although|though|even though)\b)", cue.tail):
        c_end = r.start + paren.start()  # "Z, the company said, despite warnings …": the speaker said Z
        # "…, X said on radio, but he warned that B": the sentence goes on, perhaps with X again
        later = (r.start + cue.m.end() + cut.end(), (speaker, chain))
    c = r.claim(c_start, c_end, speaker, chain, cue.verb, why.PARENTHETICAL, cue.cue_class)
    if c:
        r.ctx.remember(speaker, chain)
    return ([c] if c else []), later


def speaker_first(r: Reading, cue: Cue):
    """ "X said (on Monday) (that) Z", "X told AFP that Z", "X said: “Z”", "X urged voters to Z",
    "X, who said Z, ...", "X met the envoy and said Z" (the subject shared)."""
    s, start, ctx = r.s, r.start, r.ctx
    subject_text = cue.before[-SUBJECT_REACH:]
    citing = None
    if (cm := re.search(r",\s*citing\s+([^,]+),\s*$", subject_text, re.I)) and not cited_reason(cm.group(1)):
        citing = cm.group(1)
        subject_text = subject_text[: cm.start()]
    if said_of := re.search(
        r",\s*(?:which|that|who|whom)\s+(he|she|it|they|we)\s+" + AUX + "$", subject_text, re.I
    ):
        subject_text = said_of.group(1)  # "the regime, which they say punishes ...": they say it does
    relative = RELATIVE_SUBJECT.search(subject_text)
    if relative:
        subject_text = subject_text[: relative.start()]
        if not plausible_speaker(clean_speaker(subject_text)[0]) and (
            named := NAME_AT_END.search(subject_text)
        ):
            subject_text = named.group()
    interview = INTERVIEW_WITH.search(subject_text)
    if cue.verb in PARTICIPLES and (progressive := PROGRESSIVE.search(subject_text)):
        subject_text = subject_text[: progressive.start()]  # "Officials are planning to ...": "Officials"
    if re.search(r"\s(?:and|but)\s+(?:then\s+|later\s+)?$", subject_text) and (
        first := SUBJECT_NAME.match(subject_text)
    ):
        subject_text = first.group(1)  # "X met the envoy and said ...": X, the subject of both verbs
    speaker, description = clean_speaker(subject_text)
    reading = cue.reading
    main_clause = None  # "Shares rose 9 percent after the Ledger reported ...": the article's own clause
    # "Ortiz spoke at a rally in Seville, where he also promised ...": a clause, then the speaker's own
    sub = SUBORDINATE_SUBJECT.search(subject_text)
    if (
        sub
        and not cue.shared
        # "Prices rose in May, and analysts said ...": the analysts; "…, and later said" goes on with X
        and not (
            re.match(r",\s*(?:and|but)\b", sub.group())
            and (ADVERBIAL_START.match(sub.group(1)) or AUX_WORD.match(sub.group(1)))
        )
        and plausible_speaker(clean_speaker(sub.group(1))[0])
    ):
        speaker = ""  # read by the subordinate branch below
    if cue.verb in PARTICIPLES and cue.shared and not PROGRESSIVE.search(cue.before):
        speaker, chain = cue.shared  # "Teachers marched through the city, urging ...": the marchers
        description = None
    elif plausible_speaker(speaker):
        speaker = ctx.resolve(speaker)
        description = ctx.describe(speaker, description)
        chain = [*r.outer, speaker]
    elif cue.shared and not speaker:  # "X confirmed A and said B", "X said A, adding that B"
        speaker, chain = cue.shared
        reading = why.CONTINUED
    elif (
        sub := SUBORDINATE_SUBJECT.search(subject_text)
        or (AFTER_OWN_CLAUSE.search(subject_text) if not r.depth else None)
    ) and plausible_speaker(clean_speaker(sub.group(1))[0]):
        speaker = ctx.resolve(clean_speaker(sub.group(1))[0])  # "..., where residents said ...": residents
        if speaker.lower() in PERSON_PRONOUNS | THING_PRONOUNS and (name := SUBJECT_NAME.match(subject_text)):
            pronoun, speaker = (
                speaker.lower(),
                clean_speaker(name.group(1))[0],
            )  # "Ortiz spoke, where he said"
            ctx.resolved[speaker] = f"{why.RESOLVED} the pronoun “{pronoun}”"
        chain = [*r.outer, speaker]
        main_clause = (start, start + len(cue.before) - len(subject_text) + sub.start())
    else:
        return NEXT_CUE
    if interview and is_outlet(outlet := without_circumstances(interview.group(1))):
        chain = [*chain[:-1], outlet, speaker]  # "In an interview with Radio Kestrel on Sunday, X said"
    pos = cue.m.end()
    if CUE_BASE[cue.verb] == "tell" and cue.complement == CLAUSE and (rec := RECIPIENT.match(s[pos:])):
        if is_outlet(rec.group(1).strip()):
            chain = [*r.outer, rec.group(1).strip(), speaker]
        pos += rec.end()
        # "told a radio interviewer a week earlier that ...": the content starts after "that"
        if far := re.match(r"[^,.;:“\"_]{0,50}?\bthat\b\s*", s[pos:]):
            pos += far.end()
    told = re.match(r"\s+(?:(?:the|its|their|his|her)\s+)?[a-z]+\s+(?=that\s)", s[pos:])
    if told and CUE_BASE[cue.verb] in TOLD_THAT:
        pos += told.end()  # "warned managers that ...": the content starts at "that"
    cm = re.match(r"(?:\s+(?:on\s+\w+day|last\s+\w+|this\s+\w+))?\s*,\s*citing\s+([^,]+),", s[pos:], re.I)
    if cm and not cited_reason(cm.group(1)):
        citing = cm.group(1)
        pos += cm.end()
    if citing:
        cited, _ = clean_speaker(citing)
        chain = [*chain, cited]
        speaker = cited
        reading = why.CITING
    if cue.complement == CLAUSE:
        c_start, c_end = content_after(s[pos:], start + pos, r.quotes)
        resume = c_end
        # "announced his candidacy on Tuesday": content without a verb is an object, and ends before when
        plain = (
            not CLAUSE_WORD.search(s, c_start - start, c_end - start)
            and r.text[c_start - 1 : c_start] not in "“\"‘'"
        )
        if plain and (when := OBJECT_CIRCUMSTANCE.search(s, c_start - start, c_end - start)):
            c_end = start + when.start()
    else:
        if cue.complement == TO:  # "vowed on Thursday to appeal": the content starts at "to"
            to = re.search(r"\bto\s", s[pos:])
            if to is None:
                raise AssertionError("never: COMPLEMENTS[TO] matched a “to” there")
            pos += to.start()
        c_start, c_end = object_after(s[pos:], start + pos, plain=cue.complement == OBJECT)
        resume = object_after(s[pos:], start + pos)[1]  # the sentence goes on past when and where
        if RESTRICTIVE.search(cue.before[-NEAR:]) and (main := MAIN_VERB_AFTER.search(s, pos, c_end - start)):
            c_end = start + main.start()  # "Voters who backed the party were angry": the party
    if (
        not citing
        and (cm := re.match(r",\s*citing\s+([^,.;]+)", s[c_end - start :], re.I))
        and not cited_reason(cm.group(1))
    ):
        cited = clean_speaker(cm.group(1))[0]  # "X said Y, citing residents": the residents told X
        chain, speaker, reading = [*chain, cited], cited, why.CITING
    if relative:  # "The mayor, who said Z, now faces ...": the relative clause ends at its comma
        comma = re.compile(r",\s").search(s, c_start - start)  # not the comma in "2,000"
        c_end = min(c_end, start + comma.start()) if comma else c_end
        resume = c_end
        when = OBJECT_CIRCUMSTANCE.search(s, c_start - start, c_end - start)
        if cue.complement == OBJECT and when:
            c_end = start + when.start()  # "who backed the merger last year, now says ..."
    ctx.remember(speaker, chain, cue.verb)  # "X said in a statement:" and the quotation follows
    word = cue.m.group(1) + (" as" if cue.complement == "object-as" else "")
    claim = r.claim(c_start, c_end, speaker, chain, word, reading, cue.cue_class, description)
    if claim and not claim.hedge and (hedge := find_hedge(subject_text[-40:])):
        claim.hedge = hedge  # "The envoy is believed to have described ...": hedged before the cue
        claim.reasons.append(why.HEDGED)
    claims = r.inner(claim)
    if claims and main_clause and not r.depth and (own := unattributed(r.text, *main_clause, clause=True)):
        claims = [own, *claims]
    for c in claims:
        if CUE_BASE[cue.verb] in AMBIGUOUS_CUES and c.cue == cue.m.group(1).lower():
            c.reasons.append(why.AMBIGUOUS)
    # A second cue sharing the subject: "... and quoted a security official as saying, “Z”"
    resume = max(c_end, resume)
    later = s[resume - start :]
    return claims, ((resume, (speaker, chain)) if later.strip() and CUE_RE.search(later) else None)


CUE_READERS = (quoted_passive, passive, quoted_as, parenthetical, speaker_first)


# Where and to whom, then a colon and the quotation: "told the crowd outside the factory gates: “…”".
ADJUNCT_COLON = re.compile(r"[^“\"_.;:]{1,60}:\s*(?=[“\"])")
# "told the news conference: 14 people ...": whom, then a colon; not "said the plan had two parts: ..."
SHORT_COLON = re.compile(r"[^“\"_.;:]{1,40}:\s*(?=\S)")
PAST = re.compile(r"\b[a-z]{2,}ed\b")


def content_after(tail: str, pos: int, quotes) -> tuple[int, int]:
    """Where the content after a cue starts and ends: past "that", or the quotation after a colon.

    `tail` is the masked sentence from `pos`, the cue's end, on.
    """
    end = pos + len(tail)
    lead = re.match(r"[\s,]*(?:the\s+(?:view|idea|notion|argument|assessment)\s+(?=that\b))?", tail, re.I)
    if lead is None:
        raise AssertionError("never: the pattern matches the empty string")
    pos, tail = pos + lead.end(), tail[lead.end() :]
    m = (
        THAT_AFTER_ADJUNCTS.match(tail)
        # "said, after a late meeting, that ..."
        or re.match(
            r"\s*,?\s*(?:after|before|during|following|at|in|on|when|while)\b[^,“\"_]{1,80},\s*that\s+", tail
        )
        or re.match(r"^\s*(?:,|:)?\s*" + LEADING_ADJUNCT, tail, re.I)
    )
    if m is None:
        raise AssertionError("never: the last pattern matches the empty string")
    pos, tail = pos + m.end(), tail[m.end() :]
    colon = ADJUNCT_COLON.match(tail) or SHORT_COLON.match(tail)
    if colon and (
        colon.re is ADJUNCT_COLON or plain_phrase(colon.group(), 6) and not PAST.search(colon.group())
    ):
        pos, tail = pos + colon.end(), tail[colon.end() :]  # "told the crowd outside the gates: “…”"
    # A quotation that opens the content is the whole content.
    for q_start, q_end in quotes_in(quotes, pos - 1, pos + 2):
        return q_start + 1, q_end - 1  # one left open for the next paragraph runs on into it
    stop = CONTENT_STOP.search(tail)
    return pos, (pos + stop.start()) if stop else end


# A second predicate of the subject after an object: "… and will discuss the matter", "… but has not said".
# A plain object that is a name, then who that is at the sentence's end: "X, the former mayor of Y".
NAME_APPOSED = re.compile(
    r"\s*((?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+)){1,3}),\s+(?:the|a|an|his|her|its|their)\s[^,;:“\"]*[.!?]?\s*$"
)
OBJECT_THEN_VERB = re.compile(
    r",?\s+(?:and|but)\s+(?:then\s+|also\s+)?(?:will|would|has|have|had|is|are|was|were|could|can|must|should|"
    r"did|does|plans|wants)\b"
)


# A cue in a relative clause without commas ("Voters who backed the party were angry"), and the verb of the
# main clause after its object.
RESTRICTIVE = re.compile(r"\b[A-Za-z]+s\s+(?:who|that)\s+" + AUX + "$")
MAIN_VERB_AFTER = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|could|can|must|should)\b")


def object_after(tail: str, pos: int, plain: bool = False) -> tuple[int, int]:
    """Where an object or infinitive content runs: "to appeal", "voters to stay home", "the plan a
    disaster". A plain object ends before when and where it was taken: "backed the plan on Tuesday"."""
    opening = re.match(r"\s*(?:the\s+(?:view|idea|notion|argument|assessment)\s+that\s+)?", tail, re.I)
    if opening is None:
        raise AssertionError("never: the pattern matches the empty string")
    lead = opening.end()
    stop = CONTENT_STOP.search(tail, lead)
    end = stop.start() if stop else len(tail)
    if more := OBJECT_THEN_VERB.search(tail, lead, end):
        end = more.start()  # "asked the operator to reconsider and will discuss it on Thursday"
    if participle := PARTICIPLE_AFTER.search(tail, lead, end):
        end = participle.start()  # "endorsed Ana Kovac, giving her campaign a boost": what that did
    if plain and (when := OBJECT_CIRCUMSTANCE.search(tail, lead, end)):
        end = when.start()
    if plain and (apposed := NAME_APPOSED.match(tail, lead, end)):
        end = apposed.end(1)  # "backed Milos Daric, the former mayor of Kestrel": the person backed
    return pos + lead, pos + end


def without_circumstances(phrase: str) -> str:
    """ "The Associated Press in an interview", "Radio Kestrel on Sunday": the outlet alone."""
    circumstance = r"\s+(?:in|on|at|after|during|before|last|this|late|early|later|earlier|published)\b"
    return re.split(circumstance, phrase)[0].strip(" .,")


# What goes on with the speaker after a trailing attribution: "..., X said, adding that ...".
CONTINUES = re.compile(r",\s*(?:" + one_of(PARTICIPLES) + r")\b")


LONG_TAIL = re.compile(r"\s*(?:in|on|at|during|through|from)\s")


# A relative clause in a trailing speaker's description: ", who called the proposal reckless".
RELATIVE_CUE = re.compile(r"(?:,\s*|\s+)who\s+.+$")


def has_cue_verb(phrase: str) -> bool:
    """Whether a cue verb with a subject before it stands in the phrase: "Teachers strongly back ..."."""
    for m in CUE_RE.finditer(phrase):
        verb = m.group(1)
        if verb.islower() and (
            verb in INFLECTED_CUES or BASE_FORM_AFTER.search(phrase[max(0, m.start() - NEAR) : m.start()])
        ):
            return m.start() > 0
    return False


def trailing_attribution(r: Reading) -> Found | None:
    """Content first, speaker after: "Z, X said.", "“Z,” said X, a spokeswoman.", "“A,” she said, “B.”".

    None when the sentence is not built so; else its claims, and where it goes on with the same speaker
    ("Z, X said, adding that B"), if it does.
    """
    s, start, ctx = r.s, r.start, r.ctx
    m = INVERTED.match(s)
    reading = why.INVERTED
    if not m:
        m, reading = TRAILING.match(s), why.TRAILING
    if (
        not m
        or not plain_phrase(m.group("speaker"), 9)
        or not plain_phrase(m.groupdict().get("tail") or "", 11)
        # a long tail only says where: "it said in a filing to the stock exchange on Thursday"
        or len((m.groupdict().get("tail") or "").split()) > 8
        and not LONG_TAIL.match(m.group("tail"))
    ):
        return None
    content = s[: m.end("content")]
    if m.group("speaker").split()[-1].lower() in QUANTIFIERS or re.match(
        r"\s+[a-z]+ed\b", m.groupdict().get("tail") or ""
    ):
        return None  # "…, but few reports reached the capital": a plural noun and its verb
    if m.groupdict().get("tail") and re.match(
        r"(?:while|whereas|but|although|though|and)\s", m.group("speaker")
    ):
        return None  # "X said Z, while the police warned drivers to ...": a second attribution
    if re.match(r"\s+(?:it|he|she|they|we|there)\s", m.groupdict().get("tail") or ""):
        return None  # "Despite the losses, the board said it remained confident": the content follows
    if re.match(r"(?:which|who|whom|that)\s", m.group("speaker")):
        return None  # "…, which they say punishes schools": a relative clause, its verb after the cue
    if reading == why.INVERTED and re.match(r"[^,“\"]+,\s*(?:who|which|whose)\s", content):
        return None  # "The woman, who is 34, denies the charges": a subject and its relative clause
    named = len(content.split()) <= 6 or bool(re.match(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+,", content))
    # "Talks to resume on Monday, minister says": a headline's content has no verb of its own
    headline = m.group("verb").endswith("s") and s.rstrip()[-1:] not in ".!?”\"'’"
    named = named and not headline
    if not QUOTE_MARK.search(content) and not CLAUSE_WORD.search(content) and not has_cue_verb(content):
        if named:
            return None  # "Belmora's foreign minister, Clara Wendt, said ...": a name, not what was said
        if all(ADVERBIAL_START.match(part) for part in re.split(r",\s*", content)):
            return None  # "Later, at a press conference in Valdora, he said ...": when and where, not what
    # "its chief executive, Hugo Stenlund, said": the name, and the role as its description
    desc = re.sub(r"^\s+(?=who)", ", ", m.group("desc") or "")  # "said a diplomat who asked not to be named"
    speaker, description = clean_speaker(m.group("speaker") + desc.rstrip(","))
    if reading == why.INVERTED:
        speaker = without_place(speaker)
    if not plausible_speaker(speaker) or len(speaker.split()) > 9:
        return None
    speaker = ctx.resolve(speaker)
    description = ctx.describe(speaker, description)
    chain = [*r.outer, speaker]
    verb = m.group("verb").lower()
    classes = CUE_FORMS.get(verb, {})
    if EVIDENCE in classes and DOCUMENTS.search(speaker + " "):  # "…, a survey by the institute suggested"
        cue_class = EVIDENCE
    else:
        # "…, she believes", "“We will win,” vowed X", "“Resign now,” demanded Y"
        clausal = [c for c in (SPEECH, COGNITION, INTENTION, DIRECTIVE) if CLAUSE in classes.get(c, ())]
        cue_class = clausal[0] if clausal else SPEECH
    # "told The Associated Press in an interview": the outlet, without the circumstances after it.
    recipient = without_circumstances(m.groupdict().get("tail") or "")
    if verb in {"told", "tells"} and is_outlet(recipient):
        chain = [*r.outer, recipient, speaker]
    more = m.groupdict().get("more") or ""
    if (cited := re.match(r",\s*citing\s+(.+?)[.!?]?$", more)) and cited_reason(cited.group(1)):
        more = ""  # "…, X said, citing the cost of the loans": why X said it, not from whom
    elif cited := re.match(r",\s*citing\s+(.+?)[.!?]?$", more):
        source, quoted = cited.group(1), ""
        if which := WHICH_QUOTED.search(source):
            source, quoted = source[: which.start()], source[which.end() :]
        speaker = clean_speaker(source)[0]
        chain, more, reading = [*chain, speaker], "", why.CITING
        if quoted:  # "citing the agency KNA, which quoted an official": the official is the speaker
            speaker = clean_speaker(quoted)[0]
            chain = [*chain, speaker]
    if re.match(
        r",\s*(?:\w+ing|published|released|issued|presented|written|sent|delivered)\b", more
    ) and not CONTINUES.match(more):
        more = ""  # "..., X said, referring to the vote": about the saying, not what was said
    c_start, c_end = start, start + m.end("content")
    if said_not := re.search(BOUNDARY, s[: m.end("content")]):
        c_end = start + said_not.start()  # "Z despite a fall in sales, X said": the speaker said Z
    quotations = [(a, b) for a, b in quotes_in(r.quotes, c_start, c_end + 1) if b <= c_end + 1]
    quoted_only = quotations and not words_after_quotes(s[: m.end("content")])
    spans = [(a + 1, b - 1) for a, b in quotations] if quoted_only else []
    more_start, end = start + m.start("more") if more else r.end, r.end
    after_quotes = (
        [(a, b) for a, b in quotes_in(r.quotes, more_start, end + 1) if b <= end + 1] if more else []
    )
    if spans and after_quotes:  # "“A,” she said, “B.”": one quotation split by its attribution
        spans, reading = [(spans[0][0], after_quotes[-1][1] - 1)], why.SPLIT_QUOTE
    claims = []
    for a, b in spans or [(c_start, c_end)]:
        claims += r.inner(r.claim(a, b, speaker, chain, verb, reading, cue_class, description))
    ctx.remember(speaker, chain, verb)
    relative = RELATIVE_CUE.search(m.group("desc") or "")
    if not more.strip() and relative and has_cue_verb(relative.group()):
        # "…, said X, the minister, who called the plan reckless": the relative clause's cue is X's too
        return claims, (start + m.start("desc") + relative.start(), (speaker, chain))
    if not more.strip():
        return claims, None
    if not after_quotes:  # "..., she said, adding that B"
        return claims, (more_start, (speaker, chain))
    if not spans:  # "Z, she said, “B.”": the quotation after the attribution is hers too
        claims += [c for a, b in after_quotes if (c := r.claim(a + 1, b - 1, speaker, chain, verb, reading))]
    return claims, None


SENTENCE_READERS = (
    unknown_whether,
    in_the_view_of,
    as_put_it,
    according_to,
    in_a_statement,
    nominal_subject,
    by_cues,
    nominal_cue,
    colon_cue,
    lone_quotation,
    report_goes_on,
    unattributed_statement,
)


def read_sentence(
    text, masked, start, end, ctx, quotes, prefix=(), depth=0, shared=None, narrow=False
) -> list[ExtractedClaim]:
    """The claims of one sentence (or of one claim's content, when reading an inner attribution)."""
    r = Reading(text, masked[start:end], start, ctx, quotes, list(prefix), depth, shared, narrow)
    for reader in SENTENCE_READERS:
        found = reader(r)
        if found is not None:
            return found
    return []


def quotes_in(quotes: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotations (sorted by start) that open at `lo` or later and before `hi`."""
    first = bisect.bisect_left(quotes, (lo, -1))
    last = bisect.bisect_left(quotes, (hi, -1))
    return quotes[first:last]


def innermost(text, claim, quotes, depth) -> list[ExtractedClaim]:
    """The claim, or the claims inside it when its content is itself an attribution.

    "X said that Y confirmed Z" is one claim, Z, with the chain [X, Y]: the chain records the rest. A
    quotation inside a quotation ("“He told us ‘leave now’,” she said.") is a claim of its own beside
    the outer one.
    """
    if depth >= MAX_DEPTH:
        return [claim]
    # Read the content on its own, as a short text, then move what is found back to the article's offsets.
    base, content = claim.start, claim.text
    inner_quotes = [(a - base, b - base) for a, b in quotes_in(quotes, base + 1, claim.end) if b < claim.end]
    inner_quotes = sorted(inner_quotes + find_inner_quotes(content, 0, len(content)))
    quoted = claim.start > 0 and text[claim.start - 1] in "“\"‘'"
    found = read_sentence(
        content,
        mask(content, inner_quotes),
        0,
        len(content),
        Context(),
        inner_quotes,
        claim.chain,
        depth + 1,
        narrow=quoted,
    )
    found = [c for c in found if c.attributed]
    for c in found:
        c.start, c.end = c.start + base, c.end + base
    inner_quotes = [(a + base, b + base) for a, b in inner_quotes]
    for c in found:
        if (
            c.reasons[:1] == [why.NOMINAL]
            and c.source
            and c.source.lower() in PERSON_PRONOUNS | THING_PRONOUNS
        ):
            c.source, c.chain = claim.source, claim.chain  # "X repeated her allegation that ...": X's own
    if any(c.source and c.source.lower() in PERSON_PRONOUNS | THING_PRONOUNS | FIRST_PERSON for c in found):
        return [claim]  # "X said it had warned ...": the pronoun is X itself, not a new link
    for c in found:
        c.reasons.append(why.INNER)
    quoted = [c for c in found if any(a + 1 == c.start for a, _ in inner_quotes)]
    if quoted:
        return [claim, *quoted]
    if not found or found[-1].end < claim.end - 2:
        return [claim]
    # The content is wholly an attribution when it opens with the inner speaker ("the agency said ...")
    # or the inner claim carries most of it ("prices rose, the agency said").
    inner_speaker = found[0].chain[len(claim.chain)] if len(found[0].chain) > len(claim.chain) else ""
    opens = text[claim.start : claim.end].lower().startswith(inner_speaker.lower()) and inner_speaker
    covered = sum(c.end - c.start for c in found)
    return found if opens or covered >= 0.4 * (claim.end - claim.start) else [claim]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, quotation marks and closing punctuation on both sides."""
    while start < end and text[start] in TRAIL_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAIL_PUNCT:
        end -= 1
    # "(he denies the charges)": a bracket the span does not open is not part of it
    if end - start > 2 and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    if end - start > 2 and text[start] == "(" and ")" not in text[start:end]:
        start += 1
    return start, end


def make_claim(
    text, start, end, source, chain, cue, *, reading, cue_class=SPEECH, attributed=True, description=None
) -> ExtractedClaim | None:
    """A claim of text[start:end], trimmed; `reading` names the construction that found it."""
    start, end = trim(text, start, end)
    if end - start < 3 or attributed and not (source and source.strip() and all(n.strip() for n in chain)):
        return None  # too short to be a claim, or attributed to nobody
    content = text[start:end]
    hedge = find_hedge(content)
    reasons = [reading, why.HEDGED] if hedge else [reading]
    if attributed and SAID_NOT.match(text, end):
        reasons.append(why.BOUNDARY_CUT)
    return ExtractedClaim(
        text=content,
        start=start,
        end=end,
        source=source if attributed else None,
        chain=list(chain) if attributed else [],
        cue=cue.lower() if cue and attributed else None,
        cue_class=cue_class if attributed else None,
        hedge=hedge,
        attributed=attributed,
        description=description,
        reasons=reasons,
    )


def find_hedge(content: str) -> str | None:
    match = HEDGE.search(content)
    return match.group(0).lower() if match else None


def words_after_quotes(content: str) -> bool:
    """Whether content is more than quotations, a word after the last: "He said “no”, she added"."""
    last = max((m.end() for m in QUOTE_MARK.finditer(content)), default=0)
    return bool(re.search(r"[A-Za-z]{2}", content[last:]))


def unattributed(text: str, start: int, end: int, clause: bool = False) -> ExtractedClaim | None:
    """The article's own statement, kept when it states a number or a date, or is hedged."""
    sentence = text[start:end]
    if not clause and (not re.search(r"[.!]$", sentence.rstrip("\"'”’)")) or sentence.endswith("?")):
        return None  # headlines and questions are not claims
    counted = NOT_A_QUANTITY.sub(" ", sentence)
    if in_caption(text, start, end) and not re.search(r"\d", counted):
        return None  # a photo caption: its date alone is no claim
    if NUMBER.search(counted) or DATE.search(sentence):
        reading = why.UNATTRIBUTED_FIGURE
    elif HEDGE.search(sentence):
        reading = why.UNATTRIBUTED_HEDGE
    else:
        return None
    return make_claim(text, start, end, None, [], None, reading=reading, attributed=False)


def in_caption(text: str, start: int, end: int) -> bool:
    """Whether the sentence, or what follows it closely in its paragraph, marks a photo: "(Photo: ...)"."""
    reach = min(len(text), end + CAPTION_REACH)
    newline = text.find("\n", end, reach)
    return bool(CAPTION.search(text[start : newline if newline >= 0 else reach]))
