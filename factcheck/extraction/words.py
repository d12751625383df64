"""Word lists the extractor reads news with."""

import re

# The cues, by class: each verb once, as its base form and the complements it takes. Every inflection is
# generated from the base (`inflect`); a verb whose past or participle is irregular says so after a slash
# ("tell/told"). Complements: "clause" (that ..., a bare clause or a quotation), "to" (an infinitive: "vowed
# to appeal"), "object" (a noun phrase: "denied the report"), and for evaluations the object then what is
# said of it: "object-as" ("dismissed X as Y"), "object-of" ("accused X of Y"), "object-for" ("blamed X
# for Y"), "object-pred" ("called X a disaster"). "object-to" is "urged X to Y"; "for" is "called for Y".
SPEECH, EVIDENCE, COGNITION, INTENTION, DIRECTIVE, EVALUATION, ATTITUDE = (
    "speech evidence cognition intention directive evaluation attitude".split()
)
CUE_CLASSES = (SPEECH, EVIDENCE, COGNITION, INTENTION, DIRECTIVE, EVALUATION, ATTITUDE)
CLAUSE, TO, OBJECT = "clause", "to", "object"
CUE_VERBS = {
    SPEECH: {
        "clause": """say/said tell/told report confirm claim announce insist estimate write/wrote/written add
            warn argue acknowledge state note explain assert allege admit predict disclose maintain stress
            emphasise emphasize conclude counter reply respond declare concede contend caution recall
            testify complain quote tweet post suggest remark observe reiterate repeat
            inform assure reveal deny signal/signalled/signaled point_out make_clear/made make_it_clear/made
            go_on_to_say/went/gone underline highlight agree boast joke quip lament hint speculate retort
            protest confess forecast answer recount confide rule""",
        "object": "deny announce confirm acknowledge admit dispute",
        "to": "claim",  # "claimed to have captured the town": what they said they did
    },
    EVIDENCE: {
        "clause": """show/showed/shown find/found indicate reveal suggest confirm demonstrate prove conclude
            estimate""",
        "object": "show/showed/shown find/found indicate reveal suggest confirm",
    },
    COGNITION: {
        "clause": """believe think/thought know/knew/known expect fear worry doubt suspect assume feel/felt
            understand/understood reckon bet/bet""",
        "to": "expect",
        "object-to": "expect",
        "object-of": "suspect",  # "suspect Moscow of ordering the attack"
        "object": "expect fear doubt suspect",
    },
    INTENTION: {
        # Not "agreed to" or "offered to": an act the article reports, not a state of mind.
        "to": "want plan hope vow pledge promise intend decline refuse threaten aim seek/sought",
        "clause": "vow pledge promise hope threaten",
        "object": "pledge promise want threaten rule_out seek/sought",
    },
    DIRECTIVE: {
        "object-to": "urge ask press order encourage call_on tell/told advise appeal_to",
        "for": "call_for press_for appeal_for ask_for",
        "clause": "demand ask insist recommend",
        "object": "demand urge request recommend",
    },
    EVALUATION: {
        "object-pred": "call brand label dub term",
        "object-as": "describe dismiss label brand",
        "object-of": "accuse",
        "object-for": "blame praise criticise criticize fault thank",
        "object-on": "blame",
        # "blamed X" alone names the cause: "the report blamed run-off from farms"
        "object": "condemn criticise criticize praise welcome hail slam denounce dismiss attack blame",
    },
    ATTITUDE: {
        # "voiced support for the plan", "came out against the reform": a phrase that takes a stand
        "object": """support endorse oppose reject back favour favor voice_support_for voice_opposition_to
            express_support_for express_opposition_to come_out_against/came come_out_in_favour_of/came
            speak_out_against/spoke/spoken side_with rally_behind""",
    },
}
# Stands taken with a possessive or an adjective inside the phrase: "threw their weight behind the plan",
# "voiced strong support for the ban".
for _poss in ("his", "her", "its", "their"):
    for _what in ("weight", "support"):
        CUE_VERBS[ATTITUDE]["object"] += f" throw_{_poss}_{_what}_behind/threw/thrown"
# "came out strongly against the bill", "spoke out firmly in favour of it": an adverb inside the phrase
for _how in ("strongly", "firmly", "publicly", "forcefully", "fiercely"):
    CUE_VERBS[ATTITUDE]["object"] += (
        f" come_out_{_how}_against/came come_out_{_how}_in_favour_of/came"
        f" speak_out_{_how}_against/spoke/spoken"
    )
for _how in ("strong", "full", "firm", "broad", "cautious", "unanimous"):
    for _say in ("voice", "express"):
        CUE_VERBS[ATTITUDE]["object"] += f" {_say}_{_how}_support_for {_say}_{_how}_opposition_to"
# Cue words that are often something else: "the show", "she called the office", "backed into a corner".
AMBIGUOUS_CUES = frozenset("show find call back press ask feel know order post issue".split())
# Class a nominal cue ("her allegation that ...") makes.
NOMINAL_CUES = {
    "statement": SPEECH,
    "allegation": SPEECH,
    "claim": SPEECH,
    "assertion": SPEECH,
    "admission": SPEECH,
    "announcement": SPEECH,
    "argument": SPEECH,
    "insistence": SPEECH,
    "contention": SPEECH,
    "warning": SPEECH,
    "charge": SPEECH,
    "suggestion": SPEECH,
    "testimony": SPEECH,
    "denial": SPEECH,
    "assessment": EVIDENCE,
    "finding": EVIDENCE,
    "conclusion": EVIDENCE,
    "estimate": EVIDENCE,
    "view": COGNITION,
    "belief": COGNITION,
    "fear": COGNITION,
    "concern": COGNITION,
    "hope": INTENTION,
    "promise": INTENTION,
    "pledge": INTENTION,
    "vow": INTENTION,
    "demand": DIRECTIVE,
    "accusation": SPEECH,  # "the accusation that managers hired crews" reports what was said
}
# States of mind said with "be": "are worried that", "is convinced", "remains confident".
COGNITION_STATES = """worried convinced confident concerned sure certain optimistic adamant aware afraid
    sceptical skeptical hopeful doubtful fearful"""
# Stands said with "be": "is opposed to the checks", "are in favour of the plan", "is against it".
ATTITUDE_STATES = ["opposed to", "in favour of", "in favor of", "supportive of", "against", "in support of"]
ATTITUDE_STATES += ["sympathetic to", "critical of"]  # "have been critical of the deal": a stand against it
# "is a staunch opponent of the pipeline", "a vocal supporter of the ban": a stand named by a noun
for _how in ("", "staunch ", "vocal ", "strong ", "fierce ", "leading ", "keen ", "long-time ", "longtime "):
    for _who in ("opponent", "supporter", "critic", "advocate", "proponent", "backer"):
        _a = "an" if (_how or _who)[0] in "aeiou" else "a"
        ATTITUDE_STATES.append(f"{_a} {_how}{_who} of")


def inflect(entry: str) -> dict[str, str]:
    """An entry's forms, each mapped to its base: "tell/told" -> tell, tells, told, telling.

    A particle verb is written with an underscore and keeps its particle: "call_for" -> "calls for", ...
    """
    base, *irregular = entry.split("/")
    verb, _, particle = base.partition("_")
    base = base.replace("_", " ")
    tail = f" {particle.replace('_', ' ')}" if particle else ""
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    elif verb in {
        "plan",
        "ban",
        "admit",
        "commit",
        "regret",
        "refer",
        "prefer",
        "vet",
        "stop",
        "slam",
        "bet",
    }:
        past, ing = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    forms = {verb, third, past, ing}
    if irregular:  # "tell/told": the past given; "write/wrote/written": the past and the participle
        forms = {verb, third, ing, *irregular}
    return {f + tail: base for f in forms}


CUE_FORMS: dict[str, dict[str, set[str]]] = {}  # "urging" -> {"directive": {"object-to"}, ...}
CUE_BASE: dict[str, str] = {}  # "urging" -> "urge"
for _class, _frames in CUE_VERBS.items():
    for _complement, _words in _frames.items():
        for _entry in _words.split():
            for _form, _base in inflect(_entry).items():
                CUE_FORMS.setdefault(_form, {}).setdefault(_class, set()).add(_complement)
                CUE_BASE[_form] = _base
# "in his ruling": a participle that is mostly a noun is no cue form.
for _noun in ("ruling",):
    del CUE_FORMS[_noun], CUE_BASE[_noun]
# The cue forms that are not also nouns ("reported", "says"; not "report", "claim").
INFLECTED_CUES = frozenset(f for f, base in CUE_BASE.items() if f.split()[0] != base.split()[0])
# "..., adding that ...", "..., urging voters to ...": a participle after a comma goes on with the speaker.
BE_FORMS = ("is", "are", "was", "were", "remain", "remains", "remained", "be", "been")
for _state in COGNITION_STATES.split():
    for _be in BE_FORMS:
        # "are increasingly concerned that ...": an adverb of degree may stand between
        for _how in ("", "increasingly ", "deeply ", "very ", "also ", "still ", "now ", "not ", "not yet "):
            CUE_FORMS[f"{_be} {_how}{_state}"] = {COGNITION: {CLAUSE}}
            CUE_BASE[f"{_be} {_how}{_state}"] = f"be {_state}"
for _state in ATTITUDE_STATES:
    for _be in BE_FORMS:
        # "is firmly against", "remain strongly opposed to"
        for _how in (
            "",
            "firmly ",
            "strongly ",
            "fiercely ",
            "bitterly ",
            "also ",
            "still ",
            "now ",
            "broadly ",
        ):
            CUE_FORMS[f"{_be} {_how}{_state}"] = {ATTITUDE: {OBJECT}}
            CUE_BASE[f"{_be} {_how}{_state}"] = f"be {_state}"
PARTICIPLES = frozenset(f for f in CUE_FORMS if f.split()[0].endswith("ing"))  # "urging", "calling for"
# Verbs that end a sentence after its content: "…, she said.", "…, said the minister."
# A base form only where a plural speaker uses it ("..., critics argue"), not a noun ("the report said").
TRAILING_VERBS = frozenset(
    [
        f
        for f, c in CUE_FORMS.items()
        if CLAUSE in c.get(SPEECH, ()) and f in INFLECTED_CUES and not f.endswith("ing")
    ]
    + "say argue warn insist admit suggest predict contend maintain explain continued asked".split()
    + "show shows showed found finds indicate indicates indicated suggests".split()  # "…, figures show"
    + "believe believes believed think thinks thought fear fears feared".split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# The speaker's own voice in a quotation: "“We warned the ministry twice,” she said" is hers, no new link.
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# First names and titles that tell "she" from "he", so that "She added" finds the last woman named. Common
# names of many languages; a name in neither list fits both pronouns.
FEMALE_NAMES = frozenset(
    """mrs ms madam lady queen princess dame sister mother aunt anna ana anne ann alina amara amira ada agnes
    alice amelia andrea angela astrid aurelia beatrice brigitte camille carla carmen caroline catherine
    chloe clara claudia dalia daria diana dolores elena eleni elisa eliza elizabeth ella emilia emily emma
    erika esther eva ewa fatima fiona frances francesca freya frida gabriela greta hana hanna hannah helen
    helena hilde ida ines inga ingrid irena irene iris isabel isabella ivana jana jane janet joanna julia
    karin karina kasia katarina kate katharina laila lara laura lea leila lena lidia lina linda lisa liv
    lorna lucia lucy luisa magda maja malin mara maria marie marina marta martha mary maya mia mila
    mira miriam monika nadia natalia nina nora olga olivia paula petra pia priya rachel rita rosa rosalind
    ruth sabine sara sarah selma sofia sophie stella susan svetlana tanja teresa tessa ursula vera veronika
    victoria yara yasmin yelena zofia zara zoe marit sanna norah lydia ragna elsa sigrid agata halima
    aisha amina grace joyce margaret anja birgit dagny kirsten maren silje tove lotte ilse hanne grete ritu
    marta britt gunilla ulla dorota agnieszka beata ilona kaja oksana tatiana yulia natasha irina aiko
    yuki ingeborg solveig annika""".split()
)
MALE_NAMES = frozenset(
    """mr sir lord king prince brother father uncle adam adrian ahmed alan albert alexander ali anders andrei
    andrew anton antonio arthur aurel benedikt bernard boris carl carlos christian colm daniel david dmitri
    edward elias emil emmerich erik ernst felix filip francis frank frederik gabriel george gideon hans
    harald henrik hugo ian idris igor ilya ivan jakob james jan jens johan john jonas jorge josef juan
    karl kevin klaus lars leon lucas lukas luka magnus manuel marco marcus mark martin mateo matteo mats
    max michael mikhail milan mohammed nikolai nils omar oskar otto pablo paolo patrick paul pavel pedro
    peter petar philip pierre rafael rami raul ricardo robert ruben samir samuel sergei simon stefan stellan
    sven teodor thomas tomas tomasz viktor vincent walter william yusuf yusef piet olaf janek dariusz
    pieter hugo rolf leif gunnar tarik hassan kofi joseph dennis paulo jarek joost bjorn lennart ulf goran
    zoran dragan milos nikos yannis giorgos kostas mehmet mustafa emre arjun rahul vikram ravi hiroshi
    kenji takeshi""".split()
)
THING_PRONOUNS = frozenset({"it", "they", "the statement", "the report"})

# What "citing" names when it gives a reason, not a source: "citing the cost of the bad loans", "citing
# health reasons", "citing a lack of staff" (the head noun, before any "of ...").
CITED_REASONS = frozenset(
    """cost costs concern concerns fear fears reason reasons lack need needs risk risks rise rises fall falls
    shortage shortages pressure pressures uncertainty difficulty difficulties problem problems delay delays
    weather demand losses loss debt debts threat threats damage conditions circumstances grounds sales
    prices price rates inflation failure failures changes absence""".split()
)

# People spoken to who are not a channel the article heard through.
LISTENERS = frozenset(
    "reporters,journalists,lawmakers,parliament,legislators,the court,the committee,the jury,supporters,"
    "the audience,the crowd,residents,investigators,officials,the council,the senate,the house,"
    "a news conference,a press conference,the press,students,workers,staff,police".split(",")
)

ADVERBIAL_START = re.compile(
    r"^(?:on|in|at|meanwhile|earlier|later|however|last|this|separately|speaking|writing|after|before|"
    r"during|since|while|also|yesterday|today|but|and|still|instead|late|early|asked|when|under|for|"
    r"by|as|addressing|responding|according|afterwards|afterward|then|subsequently|among)\b",
    re.IGNORECASE,
)

HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly|presumably|possibly|"
    r"(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|said|understood|rumou?red|alleged|suspected)\s+to|"
    r"(?:may|might|could)\s+have|(?:appears?|appeared|seems?|seemed)\s+to)\b",
    re.IGNORECASE,
)
UNKNOWN_WHETHER = re.compile(
    r"^\s*(it\s+(?:is|was|remains|remained)\s+(?:unknown|unclear|not\s+known|not\s+clear)\s+(?:whether|if)|"
    # "It is widely believed that ...": the article's own statement, hedged
    r"it\s+(?:is|was)\s+(?:widely\s+|generally\s+)?(?:believed|thought|understood|rumou?red|assumed)\s+that)\s+",
    re.IGNORECASE,
)

NUMBER_WORDS = (
    "twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens percent per cent half third quarter"
)
# A small number in words is a figure when it measures time, takes a part of a whole, is a fraction, or opens
# the sentence: "seven years in prison", "two of its drivers", "two-thirds", "Fourteen people were treated";
# not a count in the background ("where two rivers meet").
SMALL_NUMBER = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen)"
)
NUMBER = re.compile(
    r"\d|\b(?:"
    + "|".join(NUMBER_WORDS.split())
    + r")\b|\b"
    + SMALL_NUMBER
    + r"(?:-\w|\s+(?:of|years?|months?|weeks?|days?|hours?|minutes?|decades?|times)\b)|^\W*"
    + SMALL_NUMBER
    + r"\s",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|"
    r"July|August|September|October|November|December|yesterday|today|tomorrow)\b"
)

# Words between a speaker and the verb: "the ministry has also said", "she later told".
AUX = (
    r"(?:(?:has|have|had|long|already|also|later|earlier|previously|separately|further|again|then|publicly|repeatedly|"
    r"once|on \w+day|would|will|did|does|do|could|not|never|even|reportedly|allegedly|privately|now|still|"
    r"no longer|"
    r"(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|said|understood|reported|expected)\s+to(?:\s+have)?|"
    # appearance: "the minister appeared to concede that ...": the verb after it is the cue, hedged
    r"(?:appears?|appeared|seems?|seemed)\s+to(?:\s+have)?)"
    r"\s+)*"
)

# Nouns and adjectives ending in "-ly" that are not adverbs: "her family said", "the assembly said".
LY_NOUNS = (
    "family|families|assembly|ally|allies|supply|rally|monopoly|anomaly|reply|daily|weekly|monthly|elderly"
)

# A word that cannot end a speaker's name: "the claims", "his reports".
NOT_SUBJECT_BEFORE = frozenset(
    "the a an his her its their our my your these those such of in by for with to new this that whose no any "
    "some neither either each every over about against amid under into from".split()
)

# Words that make a capitalised name an organisation rather than a person.
ORG_WORDS = frozenset(
    "ministry agency office council court police government company group committee department bank party "
    "army news radio times post guardian observatory association union authority service institute "
    "university online media press tv herald courier observer sentinel gazette daily journal tribune "
    "chronicle metals rail homes holdings airlines airways motors energy bank board league alliance".split()
)


# Words that make a phrase a clause, not a speaker's name.
FINITE_VERBS = frozenset(
    "would will is was are were had has have could should must can may might did does do shall".split()
)

# Verbs of saying that report content only when "that", a colon or a quotation follows: "complained that ...",
# not "complained about the cost"; "declared a state of emergency" and "posted a loss" are acts.
NEEDS_THAT = frozenset(
    f
    for f, base in CUE_BASE.items()
    if base
    in {"complain", "recall", "testify", "declare", "post", "signal", "point out", "make clear", "underline"}
    # "agreed a deal", "answered questions", "forecast growth": acts or objects without "that"
    | {
        "rule",
        "highlight",
        "agree",
        "protest",
        "forecast",
        "answer",
        "recount",
        "confide",
        "hint",
        "speculate",
    }
)

# Sources that are documents or measurements: what they show is evidence ("a poll showed ...").
DOCUMENTS = re.compile(
    r"\b(?:polls?|surveys?|stud(?:y|ies)|reports?|audits?|data|figures|statistics|analys[ie]s|reviews?|"
    r"research|investigations?|inquiry|inquiries|probes?|tests?|records?|documents?|footage|census|results|"
    r"evidence|autopsy|findings|assessments?|models?|scans?|emails?|minutes|filings?|papers|memos?|"
    r"forecasts?|projections?|calculations?|polling|ratings|measurements?|readings?|satellite\s+\w+|ballots?|tally|images|photographs|experiments?|trials?|estimates)\b(?:[^,;]|,(?=\d)){0,60}$",
    re.IGNORECASE,
)
# What follows a verb of attitude when it is a vote, not an opinion: "rejected the bill by 52 votes to 48".
VOTES = (
    r"\bon\s+a\s+show\s+of\s+hands\b|\bin\s+a\s+(?:\w+\s+)?(?:vote|referendum|ballot)\b|\bunanimously\b|"
    r"\bby\s+(?:\d[\d,]*\s+(?:votes?\b|to\s+\d)|a\s+(?:vote|margin)|an?\s+\w+\s+(?:vote|majority|margin))\b"
)
# Words that end a speaker's role: "Minister: talks will resume", "Union chief: no deal".
SPEAKER_ROLES = frozenset(
    """minister president mayor chief spokesman spokeswoman spokesperson official officials police governor
    leader chancellor premier pm senator ceo boss head secretary general judge union army ministry party aide
    adviser advisor source sources envoy ambassador diplomat commander prosecutor prosecutors lawyer lawyers
    candidate mp mps poll survey study report audit inquiry""".split()
)
