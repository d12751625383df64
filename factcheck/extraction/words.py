"""Word lists the extractor reads news with."""

import re

# Verbs and phrases that attribute content to a speaker, in the forms news copy uses them.
SAY_VERBS = frozenset(
    """said says told tells reported reports confirmed confirms denied denies claimed claims announced
    announces insisted insists estimated estimates wrote writes added adds warned warns argued argues
    acknowledged acknowledges endorsed endorses believes believed wants wanted stated states noted notes
    explained explains asserted asserts alleged alleges admitted admits predicted predicts revealed
    reveals disclosed discloses maintained maintains stressed stresses emphasised emphasized emphasises
    emphasizes concluded concludes countered counters replied replies responded responds declared
    declares conceded concedes contended contends promised promises vowed vows pledged pledges urged
    urges cautioned cautions recalled recalls testified testifies complained complains dismissed
    dismisses rejected rejects say quoted tweeted posted suggested suggests adding saying noting warning
    insisting arguing stressing explaining writing""".split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "the statement", "the report"})

# People spoken to who are not a channel the article heard through.
LISTENERS = frozenset(
    "reporters,journalists,lawmakers,parliament,legislators,the court,the committee,the jury,supporters,"
    "the audience,the crowd,residents,investigators,officials,the council,the senate,the house,"
    "a news conference,a press conference,the press,students,workers,staff,police".split(",")
)

ADVERBIAL_START = re.compile(
    r"^(?:on|in|at|meanwhile|earlier|later|however|last|this|separately|speaking|writing|after|before|"
    r"during|since|while|also|yesterday|today|but|and|still|instead|late|early|asked|when|under|for|"
    r"by|as|addressing|responding|according)\b",
    re.IGNORECASE,
)

HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly|presumably|possibly|"
    r"(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|said|understood|rumou?red|alleged|suspected)\s+to|"
    r"(?:may|might|could)\s+have)\b",
    re.IGNORECASE,
)
UNKNOWN_WHETHER = re.compile(
    r"^\s*(it\s+(?:is|was|remains|remained)\s+(?:unknown|unclear|not\s+known|not\s+clear)\s+(?:whether|if))\s+",
    re.IGNORECASE,
)

NUMBER_WORDS = (
    "twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens percent per cent half third quarter"
)
NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS.split()) + r")\b", re.IGNORECASE)
DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|"
    r"July|August|September|October|November|December|yesterday|today|tomorrow)\b"
)

# Words between a speaker and the verb: "the ministry has also said", "she later told".
AUX = (
    r"(?:(?:has|have|had|also|later|earlier|previously|separately|further|again|then|publicly|repeatedly|"
    r"once|on \w+day|would|will|did|does|do|could|not|never|even|reportedly|allegedly)\s+)*"
)

# A word that cannot end a speaker's name: "the claims", "his reports".
NOT_SUBJECT_BEFORE = frozenset(
    "the a an his her its their our my your these those such of in by for with to new this that whose no any "
    "some neither either each every".split()
)

# Words that make a capitalised name an organisation rather than a person.
ORG_WORDS = frozenset(
    "ministry agency office council court police government company group committee department bank party "
    "army news radio times post guardian observatory association union authority service institute "
    "university online media press tv herald courier observer sentinel gazette daily journal tribune "
    "chronicle metals rail homes holdings airlines airways motors energy bank board league alliance".split()
)

PARTICIPLES = frozenset("adding saying noting warning insisting arguing stressing explaining writing".split())

# Words that make a phrase a clause, not a speaker's name.
FINITE_VERBS = frozenset(
    "would will is was are were had has have could should must can may might did does do shall".split()
)

# Verbs that report content only when "that", a colon or a quotation follows: "complained that ...".
NEEDS_THAT = frozenset(
    "complained complains urged urges promised promises pledged pledges vowed vows rejected rejects recalled "
    "recalls testified testifies dismissed dismisses endorsed endorses".split()
)
