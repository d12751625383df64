"""Find the claims in a news text, who they are attributed to, through whom, and how hedged.

Rule-based and deterministic. The text is cut into paragraphs and sentences (sentencex). Quotations are
found across sentences and masked, so a verb inside a quotation is not taken for the article's own
attribution. Each sentence is then read for its attribution cue ("said", "according to", "quoted ... as
saying", "was reported by" ...), its speaker and its content. The content is read again for an inner
attribution, which lengthens the chain. Sentences with no attribution become unattributed claims when
they state a number or a date, or carry a hedge.

The work grows linearly with the text: a run-on sentence is read in pieces of at most MAX_SENTENCE
characters, a reading goes along a sentence in a loop rather than by recursion, and no pattern lets a run of
spaces be matched from each of its spaces.
"""

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sentencex import segment

from factcheck.extraction import confidence as why
from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.names import POSSESSIVE, is_group_descriptor, split_descriptor
from factcheck.extraction.quotes import find_inner_quotes, find_quotes, mask
from factcheck.extraction.words import (
    ADVERBIAL_START,
    AUX,
    DATE,
    FINITE_VERBS,
    HEDGE,
    LISTENERS,
    NEEDS_THAT,
    NOT_SUBJECT_BEFORE,
    NUMBER,
    ORG_WORDS,
    PARTICIPLES,
    PERSON_PRONOUNS,
    SAY_VERBS,
    THING_PRONOUNS,
    UNKNOWN_WHETHER,
)

MAX_DEPTH = 4
# Nearly four times the longest sentence in the gold sets (266); a longer run is read in pieces, so no
# reading grows with the text.
MAX_SENTENCE = 1000
# sentencex takes quadratic time on a paragraph of unclosed “ (160 k of them: 8 s); it gets paragraphs at most
# this long, far longer than any in the gold sets (356).
SEGMENT_WINDOW = 5000
# A photo credit follows its caption closely; looking no further keeps each sentence from scanning to the end
# of a text without line breaks.
CAPTION_REACH = 300
# More steps than a piece has characters means fall-back readings re-reading each other; stop there.
MAX_CUE_STEPS = MAX_SENTENCE
VERB = r"(?:" + "|".join(sorted(SAY_VERBS, key=len, reverse=True)) + r")"
CUE_RE = re.compile(r"\b(" + VERB + r")\b", re.IGNORECASE)
# "said on Thursday that", "confirmed to me that", "said in a statement that": adjuncts before "that".
THAT_AFTER_ADJUNCTS = re.compile(
    r"(?:(?:on|in|at|to|last|this|late|early|earlier|later|again|also|publicly|repeatedly|yesterday|today|"
    r"tonight|recently|previously|privately|separately|firmly|flatly|\w+day)\b[^,.;:“\"_]{0,50}?)?\s*"
    r"\bthat\b\s*",
    re.IGNORECASE,
)
LEADING_ADJUNCT = (
    r"(?:(?:on\s+|late\s+|early\s+)?\w+day\b(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s*|"
    r"(?:last|this|next)\s+(?:week|month|year|\w+day)\s*,?\s*|yesterday\s*,?\s*|today\s*,?\s*|"
    r"in\s+(?:a|an|its|his|her|their)\s+(?:\w+\s+){0,2}?(?:statement|interview|speech|letter|post|report|reply|email|"
    r"message|briefing|video|broadcast|column|note)\b[^,:“\"_]{0,30}?[,:]?\s*)?"
)
TRAIL_VERB = (
    r"(?:said|says|added|adds|told|tells|wrote|writes|warned|insisted|explained|argued|noted|asked|replied|"
    r"stressed|recalled|acknowledged|conceded|declared|continued|confirmed|announced|claimed|estimated|reported|"
    r"observed|cautioned|countered|responded|concluded)"
)
# "“Z,” said X, a spokeswoman for the authority."  "Z, said X."
INVERTED = re.compile(
    r"^(?P<content>.+?)(?:,\s*|(?<=[”\"])\s*)(?P<verb>" + TRAIL_VERB + r")\s+"
    r"(?P<speaker>(?:[A-Z]|an?\s|the\s)[^,.;:]*?)(?P<desc>,[^;:“\"]*?)??"
    r"(?P<more>,\s*(?:[“\"].*|(?:adding|saying|noting|warning|citing)\b.*))?\s*[.!?]?$"
)
# "Z, X said (on Monday)."  "“A,” she said, “B.”"  "Z, X said, adding that B."  The speaker starts past the
# spaces before it (one letter may take one of them): one that could start anywhere in a run of spaces made
# the match cubic in the run's length.
TRAILING = re.compile(
    r"^(?P<content>.+?)(?:,\s*|(?<=[”\"])\s*)(?P<speaker>(?!\s)[^,;:“\"_]{2,80}?|(?<=\s)[^\s,;:“\"_])"
    r"(?P<desc>,[^,;:“\"_]+,)?\s+"
    + AUX
    + r"(?P<verb>"
    + TRAIL_VERB
    + r")(?P<tail>(?:\s+(?!that\b)[^,;:“\"_\s]+){0,8}?)"
    r"(?:\s+(?:as|when|while|after|before|during|outside|at)\b[^;:“\"_]*?)?"
    r"(?P<more>,\s*(?:[“\"].*|(?:adding|saying|noting|warning|citing)\b.*))?\s*[.!?]?$",
)
QUOTE_MARK = re.compile(r"[”\"_]")  # where a quotation ends, in the masked text
# sentencex takes "May." for an abbreviation; as a month it is a whole word, so a capital after it starts
# a new sentence ("It closes in May. Officials agree.").
MAY_END = re.compile(r"(?<=\bMay\.)(?=\s+[A-Z“\"‘])")
# sentencex slices wide whitespace (no-break space, U+3000 ...) as if it were one byte and panics; to it a
# plain space reads the same, and the offsets stay.
PLAIN_SPACES = {code: " " for code in range(0x80, 0x3001) if chr(code).isspace()}
# Where a paragraph too long for sentencex is cut: after a sentence's end, else at a space.
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")
# Where a run-on sentence is cut: before a clause break, so the next piece reads ", adding that ...".
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)")
SPACE = re.compile(r"\s")
# The speaker a participle clause continues: "Pavel Dorn, the captain, criticised ..., writing: ..."
SUBJECT_NAME = re.compile(
    r"^((?:[\w’'-]+\s+){0,5}?[\w’'-]+(?:,[^,]+,)?)\s+(?:\w+ed|has|had|was|were|is|are|will|would|spoke|met|"
    r"went|gave|took|made|came|left|won|lost|held|began|wrote|saw|found|got|put|set|became|fell|rose|sank|"
    r"struck|fled|led|told|said|says|ran|sat|stood|sent|kept|brought|paid|sold|bought|built|cut|hit|shut|"
    r"runs|leads|heads|owns|works|lives|chairs|manages|represents|speaks)\b"
)
DEFINITE_DESCRIPTION = re.compile(
    r"^the\s+(?:company|firm|board|ministry|agency|website|group|council|government|paper|newspaper|"
    r"broadcaster|station|bank|union|club|party|department|office|authority|organisation|organization|"
    r"charity|operator|airline|utility|court|university|hospital|school|city|army|military)$",
    re.IGNORECASE,
)
# What follows a verb of saying when it reports nothing.
NOT_CONTENT = re.compile(
    r"\s+(?:to\s+(?!(?:me|us|him|her|them|reporters|journalists|the|a|an|parliament)\b)|"
    r"nothing\b|a lot\b|little\b|much\b|something\b|more\s+about\b)",
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
# Numbers that count nothing: addresses, platforms, pages, a year naming a law.
NOT_A_QUANTITY = re.compile(
    r"\b\d+[a-z]?\s+[A-Z]\w+\s+(?:Street|Road|Avenue|Square|Lane|Place|Way|Drive|Boulevard)\b|"
    r"\b(?:Platform|Gate|Room|Page|page|Section|section|Article|article|No\.|Route|route|Exit|exit|Terminal)\s+\d+\w*|"
    r"\bthe\s+\d{4}\s+(?=[a-z])|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{2}\s*(?:a\.?m|p\.?m)\b",
)
CAPTION = re.compile(r"\((?:Photo|Picture|Image|Pictured)\b|\bPhoto:|\bPhotograph:", re.IGNORECASE)
# "… more jobs.” — Ilse Varga, governor of the central bank" at the end of a paragraph.
DASH_SIGNATURE = re.compile(r"([”\"])?(?:\s+[-–]\s+|\s*—\s*)([A-Z][^\n,.;:]{1,60})(?:,[^\n]*)?$")
PROPER_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*")
RECIPIENT = re.compile(r"\s+((?:the\s+|a\s+)?(?:[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*|\w+))")
# Below, a match starts only where a run of spaces starts ("(?<!\s)\s+") and a name ends on a non-space, so
# each run of spaces is crossed once, not once from every space in it (quadratic, or cubic, in its length).
AUX_AT_END = re.compile(r"(?:^|(?<!\s)\s+)" + AUX.replace(")*", ")+") + "$", re.I)
RELATIVE_AT_END = re.compile(r"(?<!\s)\s+(?:who|which|that|speaking|talking|briefing)\b.*$")
WHEN_AT_END = re.compile(
    r"(?<!\s)\s+(?:on|last|this|late on|early on)\s+(?:\w+day|week|month|year|night)$", re.I
)
NAME = r"([^,.;:\s](?:[^,.;:]*?[^,.;:\s])??)"
ACCORDING_TO = re.compile(r"\baccording to\s+" + NAME + r"(?=\s*(?:[,.;:]|$|\bthat\b))", re.I)
BY_AGENT = re.compile(r"\s+by\s+" + NAME + r"(?=\s+(?:as|that)\b|\s*[,.;:]|\s*$)")
QUOTED_AS_SAYING = re.compile(r"\s+(\S(?:.*?\S)??)\s+as\s+(?:having\s+)?(?:said|saying)\s*[,:]?\s*")
# Where the content after a cue stops: the same speaker's next cue, or the next clause.
CONTENT_STOP = re.compile(
    r",\s+(?:but|and|while)\s+(?:did|didn't|does|declined|refused|would|gave|added|said|told|quoted|"
    r"warned|urged|called|stressed|noted|insisted)\b|(?<!\s)\s+and\s+(?:quoted|added|said|told|warned)\b|"
    r",\s+(?:adding|saying|noting|warning|insisting|arguing|stressing|explaining)\b|;\s|,\s+(?:while|whereas)\s"
)
TRAIL_PUNCT = " \t\n.,;:!?…\"'“”‘’"

# Where a sentence goes on after one attribution, and the speaker it goes on with: "..., adding that B".
Continuation = tuple[int, tuple[str, list[str]]]


@dataclass
class Context:
    """What the reader remembers from earlier sentences: who spoke last, the last person, the last body."""

    last_speaker: tuple[str, list[str], str] | None = None
    last_person: str | None = None
    last_thing: str | None = None
    groups: set[str] = field(default_factory=set)  # names described as a group: "environmental group X"
    resolved: dict[str, str] = field(default_factory=dict)  # in the piece being read: name -> the doubt

    def remember(self, name: str, chain: list[str], cue: str = "said") -> None:
        if name.lower() in PERSON_PRONOUNS | THING_PRONOUNS:
            return
        self.last_speaker = (name, chain, cue)
        if POSSESSIVE.match(name):
            return  # "Its lawyers said ... It added ...": "it" is still the firm
        if looks_like_person(name) and name not in self.groups:
            self.last_person = name
        elif not DEFINITE_DESCRIPTION.match(name):
            self.last_thing = name

    def mention(self, sentence: str) -> None:
        """Note the subject of a sentence that attributes nothing, for a later "it" or "she"."""
        m = SUBJECT_NAME.match(sentence)
        name = clean_speaker(m.group(1))[0] if m else ""
        if not name or name.lower() in PERSON_PRONOUNS | THING_PRONOUNS or not plausible_speaker(name):
            return
        if looks_like_person(name):
            self.last_person = name
        elif not DEFINITE_DESCRIPTION.match(name):
            self.last_thing = name

    def describe(self, name: str, description: str | None) -> str | None:
        """Describe "her office" by whom it belongs to, when that is known: "office of Ines Roca"."""
        if description and is_group_descriptor(description):
            self.groups.add(name)  # "Blue Rivers" reads like a person's name, but "her office" is not its
        m = POSSESSIVE.match(name)
        if not m:
            return description
        pronoun = m.group(1).lower()
        if pronoun in {"his", "her"}:
            owner = self.last_person
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
            kind = "description" if DEFINITE_DESCRIPTION.match(name) else "pronoun"
            self.resolved[found] = f"{why.RESOLVED} the {kind} “{name.lower()}”"
        return found

    def antecedent(self, name: str) -> str:
        word = name.lower()
        if word in PERSON_PRONOUNS:
            return self.last_person or (self.last_speaker[0] if self.last_speaker else name)
        if word in THING_PRONOUNS:
            return self.last_thing or (self.last_speaker[0] if self.last_speaker else name)
        if DEFINITE_DESCRIPTION.match(name) and self.last_thing:
            return self.last_thing  # "the company", "the board": the body named earlier
        return name


def looks_like_person(name: str) -> bool:
    """Two or three capitalised words, no organisation word: "Rami Abdul-Rahman", "Ana Kovac"."""
    words = name.split()
    if not words or words[0].lower() in {"the", "a", "an"}:
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and not any(w.lower().strip(",.") in ORG_WORDS for w in words)


def extract(text: str) -> list[ExtractedClaim]:
    """Return the claims in `text`, in order of where they start."""
    if not text or not text.strip():
        return []
    quotes = find_quotes(text)
    masked = mask(text, quotes)
    ctx = Context()
    claims: list[ExtractedClaim] = []
    for start, end in sentences(text):
        claims.extend(read_in_pieces(text, masked, start, end, ctx, quotes))
    signed, spans = trailing_dash_claims(text, quotes)
    spans = merged(spans)
    claims = [c for c in claims if c.attributed or not overlaps(spans, c.start, c.end)] + signed
    claims = [c for c in claims if c.end > c.start]
    unique = {(c.start, c.end, tuple(c.chain)): c for c in claims}
    for c in unique.values():
        why.rate(c)
    return sorted(unique.values(), key=lambda c: (c.start, -c.end))


def read_in_pieces(text, masked, start, end, ctx, quotes) -> list[ExtractedClaim]:
    """Read a sentence; a run-on one piece by piece, each piece going on with the speaker before it."""
    claims: list[ExtractedClaim] = []
    shared = None
    for a, b in pieces(masked, start, end):
        ctx.resolved = {}
        found = read_sentence(text, masked, a, b, ctx, quotes, shared=shared)
        for c in found:
            doubts = {ctx.resolved[name] for name in c.chain if name in ctx.resolved}
            # A claim reaching a cut (trimmed of a few marks) may have lost words on the far side of it.
            if (a > start and c.start < a + 3) or (b < end and c.end > b - 3):
                doubts.add(why.CUT)
            c.reasons += sorted(doubts)
        attributed = any(c.attributed for c in found)
        if not attributed:
            ctx.mention(masked[a:b])
        shared = ctx.last_speaker[:2] if attributed and ctx.last_speaker else None
        claims.extend(found)
    return claims


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, stripped of surrounding space, never crossing a paragraph break."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        found: list[tuple[int, int]] = []
        for lo, hi in cut(text, paragraph.start(), paragraph.end(), SEGMENT_WINDOW, SENTENCE_END):
            more = segmented(text, lo, hi)
            if found and more and not ends_sentence(text, lo):
                more[0] = (found.pop()[0], more[0][1])  # one sentence, cut in two for sentencex only
            found += more
        spans += found
    return spans


def ends_sentence(text: str, pos: int) -> bool:
    """Whether text[:pos] ends on a full stop, question or exclamation mark, perhaps inside a quotation."""
    return text[max(0, pos - 8) : pos].rstrip("”’\"')]")[-1:] in {".", "!", "?", "…"}


def segmented(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The sentences sentencex finds in text[lo:hi], as stripped spans of the text."""
    para = text[lo:hi].translate(PLAIN_SPACES)
    spans, cursor = [], 0
    for piece in (part for seg in segment("en", para) for part in MAY_END.split(seg)):
        found = para.find(piece, cursor)
        if found < 0:
            continue
        cursor = found + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        spans.append((lo + found + lead, lo + found + lead + len(stripped)))
    return spans


def pieces(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence as spans of at most MAX_SENTENCE, cut before a clause break outside quotations."""
    spans = []
    for a, b in cut(masked, start, end, MAX_SENTENCE, CLAUSE_BREAK, after=False):
        while a < b and masked[a].isspace():
            a += 1
        while b > a and masked[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def cut(
    text: str, start: int, end: int, most: int, breaks: re.Pattern, after: bool = True
) -> Iterator[tuple[int, int]]:
    """Spans of text[start:end] at most `most` long, cut at the last break in a span's second half.

    The cut falls after a match of `breaks` (or before it, with after=False), else at a space, else at
    `most`. Only a span's second half is searched, so each character is looked at at most twice.
    """
    while end - start > most:
        lo, hi = start + most // 2, start + most
        found = [m.end() if after else m.start() for m in breaks.finditer(text, lo, hi)]
        found = found or [m.start() for m in SPACE.finditer(text, lo, hi)]
        split = found[-1] if found else hi
        yield start, split
        start = split
    yield start, end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, quotation marks and closing punctuation on both sides."""
    while start < end and text[start] in TRAIL_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAIL_PUNCT:
        end -= 1
    return start, end


def make_claim(
    text, start, end, source, chain, cue, *, reading, attributed=True, description=None
) -> ExtractedClaim | None:
    """A claim of text[start:end], trimmed; `reading` names the construction that found it."""
    start, end = trim(text, start, end)
    if end - start < 3:
        return None
    content = text[start:end]
    hedge = find_hedge(content)
    return ExtractedClaim(
        text=content,
        start=start,
        end=end,
        source=source if attributed else None,
        chain=list(chain) if attributed else [],
        cue=cue.lower() if cue and attributed else None,
        hedge=hedge,
        attributed=attributed,
        description=description,
        reasons=[reading, why.HEDGED] if hedge else [reading],
    )


def find_hedge(content: str) -> str | None:
    match = HEDGE.search(content)
    return match.group(0).lower() if match else None


def clean_speaker(raw: str) -> tuple[str, str | None]:
    """Split "Syriasteps, a news website linked to ..." into the name and its description."""
    speaker = raw.strip(" ,;:—–-")
    speaker = re.sub(r"^(?:and|but|so|yet|while|as|then|meanwhile|however)(?:\s+|$)", "", speaker, flags=re.I)
    speaker = AUX_AT_END.sub("", speaker + " ").strip(" ,")
    parts = [p.strip() for p in re.split(r",\s+", speaker) if p.strip()]
    while len(parts) > 1 and ADVERBIAL_START.match(parts[0]):
        parts.pop(0)
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
    if not parts:
        return "", None
    name = parts[0]
    # "Its spokeswoman, Lena Okafor": the role comes first, the name second.
    if (
        len(parts) > 1
        and re.match(r"(?:its|his|her|their|the|a|an)\s", name, re.I)
        and PROPER_NAME.fullmatch(parts[1])
    ):
        name, parts = parts[1], [parts[1], parts[0], *parts[2:]]
    name = WHEN_AT_END.sub("", RELATIVE_AT_END.sub("", name))
    name, role = split_descriptor(name)  # "Farmers' union leader Ines Roca": the role is description
    description = ", ".join([role, *parts[1:]] if role else parts[1:]) or None
    return name, description


def words_after_quotes(content: str) -> bool:
    """Whether content is more than quotations, a word after the last: "He said “no”, she added"."""
    last = max((m.end() for m in QUOTE_MARK.finditer(content)), default=0)
    return bool(re.search(r"[A-Za-z]{2}", content[last:]))


def is_outlet(recipient: str) -> bool:
    """Whether whom a speaker told is a channel the article heard through: "AFP", "the Kessel Herald"."""
    named = re.sub(r"^the\s+", "", recipient, flags=re.I)
    return named[:1].isupper() and recipient.lower() not in LISTENERS and len(named.split()) <= 5


def plain_phrase(phrase: str, most_words: int) -> bool:
    """A short phrase with no clause in it: a speaker's name or an adjunct like "on Monday"."""
    words = re.findall(r"[\w’'-]+", phrase.lower())
    return len(words) <= most_words and not any(
        w in FINITE_VERBS or w == "that" or w in SAY_VERBS for w in words
    )


def plausible_speaker(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12:
        return False
    if any(w.lower() in FINITE_VERBS for w in words):
        return False
    if words[-1].lower() in NOT_SUBJECT_BEFORE:
        return False
    if re.search(r"[“”\"]", name):
        return False
    return bool(re.search(r"[A-Za-z]", name))


def content_after(tail: str, pos: int, quotes) -> tuple[int, int]:
    """Where the content after a cue starts and ends: past "that", or the quotation after a colon.

    `tail` is the masked sentence from `pos`, the cue's end, on.
    """
    end = pos + len(tail)
    lead = re.match(r"[\s,]*(?:the\s+(?:view|idea|notion|argument|assessment)\s+(?=that\b))?", tail, re.I)
    pos, tail = pos + lead.end(), tail[lead.end() :]
    m = THAT_AFTER_ADJUNCTS.match(tail) or re.match(r"^\s*(?:,|:)?\s*" + LEADING_ADJUNCT, tail, re.I)
    pos, tail = pos + m.end(), tail[m.end() :]
    # A quotation that opens the content is the whole content.
    for q_start, q_end in quotes_in(quotes, pos - 1, pos + 2):
        if q_end <= end + 1:
            return q_start + 1, q_end - 1
    stop = CONTENT_STOP.search(tail)
    return pos, (pos + stop.start()) if stop else end


def read_sentence(
    text, masked, start, end, ctx, quotes, prefix=(), depth=0, shared=None
) -> list[ExtractedClaim]:
    """The claims of one sentence (or of one claim's content, when reading an inner attribution)."""
    s = masked[start:end]
    claims: list[ExtractedClaim] = []
    outer = list(prefix)

    # "It is unknown whether ..." : the article's own hedged statement.
    whether = UNKNOWN_WHETHER.match(s)
    if whether and (
        c := make_claim(
            text, start + whether.end(), end, None, [], None, reading=why.UNATTRIBUTED_HEDGE, attributed=False
        )
    ):
        c.hedge = whether.group(1).lower()
        return [c]

    # "according to X": the outer reporter if the sentence has its own speaker, else the cue itself.
    according = ACCORDING_TO.search(s)
    if according:
        reporter, description = clean_speaker(according.group(1))
        reporter = ctx.resolve(reporter)
        a, b = start + according.start(), start + according.end()
        blanked = s[: according.start()] + " " * (b - a) + s[according.end() :]
        inner = read_cues(text, blanked, start, ctx, quotes, [*outer, reporter], depth)
        for c in inner:
            c.reasons.append(why.REPORTER_ACCORDING_TO)
        if inner:
            return inner
        lead = s[: according.start()].rstrip(" ,")
        joined = re.search(r",?\s*\b(?:and|but|while|although|though)\s*,?$", lead)
        if joined:  # "Flights resumed on Sunday, and according to X, all 42 left on time."
            if depth == 0 and (c := unattributed(text, start, start + joined.start(), clause=True)):
                claims.append(c)
            c_start, c_end = b, end
        elif len(lead) > 10:
            c_start, c_end = start, start + len(lead)
        else:
            c_start, c_end = b, end
        description = ctx.describe(reporter, description)
        if c := make_claim(
            text,
            c_start,
            c_end,
            reporter,
            [*outer, reporter],
            "according to",
            reading=why.ACCORDING_TO,
            description=description,
        ):
            ctx.remember(reporter, c.chain)
            claims += innermost(text, c, quotes, depth)
        return claims

    # "Tessaly Rail, in a statement: “...”"
    if (m := STATEMENT_COLON.match(s)) and plausible_speaker(m.group(1)):
        speaker = ctx.resolve(clean_speaker(m.group(1))[0])
        for a, b in quotes_in(quotes, start + m.end() - 2, end):
            if c := make_claim(
                text, a + 1, b - 1, speaker, [*outer, speaker], m.group(2), reading=why.STATEMENT
            ):
                claims.append(c)
        if claims:
            ctx.remember(speaker, [*outer, speaker])
            return claims

    claims = read_cues(text, s, start, ctx, quotes, outer, depth, shared)
    if claims or depth:
        return claims

    # A quotation standing alone continues the last speaker's words.
    quoted = quotes_in(quotes, start, end)
    if quoted and ctx.last_speaker and not re.search(r"[A-Za-z]{3}", s):
        name, chain, cue = ctx.last_speaker
        for a, b in quoted:
            if c := make_claim(text, a + 1, b - 1, name, chain, cue, reading=why.LAST_SPEAKER):
                claims.append(c)
        return claims

    if re.search(r"[A-Za-z]{3}", s) and (c := unattributed(text, start, end)):
        claims.append(c)
    return claims


def read_cues(text, s, start, ctx, quotes, outer, depth, shared=None) -> list[ExtractedClaim]:
    """Attribution by a verb of saying: before its content, after it, passive, or quoting another.

    `s` is the masked sentence from `start` on. A reading that goes on ("Z, X said, adding that B", "X said
    A and told B") goes on in this loop, not by recursion, so a thousand of them cannot exhaust the stack. A
    trailing reading that found nothing is read again by its cues once all that followed it found nothing.
    """
    claims: list[ExtractedClaim] = []
    fallbacks: list[tuple[int, tuple | None]] = []  # (start, shared) of trailing readings that found nothing
    at, trailing = start, True
    for _ in range(MAX_CUE_STEPS):
        rest = s[at - start :]
        step = trailing_attribution(text, rest, at, ctx, quotes, outer, depth) if trailing else None
        if step is None:
            found, more = cue_attribution(text, rest, at, ctx, quotes, outer, depth, shared)
        else:
            found, more = step
            if not found:
                fallbacks.append((at, shared))
        if found:
            claims += found
            fallbacks.clear()  # everything before this reading has found something now
        if more:
            (at, shared), trailing = more, True
        elif fallbacks:
            (at, shared), trailing = fallbacks.pop(), False
        else:
            break
    return claims


def cue_attribution(
    text, s, start, ctx, quotes, outer, depth, shared
) -> tuple[list[ExtractedClaim], Continuation | None]:
    """The first attribution by a cue in `s`, and where the sentence goes on with its speaker, if it does."""
    claims: list[ExtractedClaim] = []
    end = start + len(s)
    for m in CUE_RE.finditer(s):
        verb = m.group(1).lower()
        before = s[: m.start()]
        prev_word = re.findall(r"[\w'’]+", before[-20:])
        if prev_word and prev_word[-1].lower() in NOT_SUBJECT_BEFORE and verb not in {"quoted"}:
            continue
        if verb in PARTICIPLES:
            # "..., adding that ..." and "..., writing: “...”" continue the sentence's speaker; elsewhere
            # "warning" is a noun ("neither warning had received a reply").
            if not before.rstrip().endswith(","):
                continue
            if not shared and (subject := SUBJECT_NAME.match(s)) and plausible_speaker(subject.group(1)):
                name = ctx.resolve(clean_speaker(subject.group(1))[0])
                shared = (name, [*outer, name])
        tail = s[m.end() :]
        if NOT_CONTENT.match(tail):
            continue  # "said to be investigating", "says a lot about", "said nothing about"
        if verb in NEEDS_THAT and not NEEDS_THAT_CONTENT.match(tail):
            continue  # "complained about the cost", "urged calm": no reported content

        # Passive: "X was quoted by Y as (having) said, Z" and "Z was reported by Y".
        if re.search(r"\b(?:was|were|has been|had been|is|are)\s+$", before, re.I):
            by = BY_AGENT.match(s[m.end() :])
            if by:
                agent, description = clean_speaker(by.group(1))
                agent = ctx.resolve(agent)
                subject = re.sub(r"\s*\b(?:was|were|has been|had been|is|are)\s+$", "", before, flags=re.I)
                if verb == "quoted":
                    speaker, description = clean_speaker(subject)
                    speaker = ctx.resolve(speaker)
                    pos = m.end() + by.end()
                    said = re.match(r"\s*as\s+(?:having\s+)?(?:said|saying|telling \w+)\s*[,:]?\s*", s[pos:])
                    pos += said.end() if said else 0
                    c_start, c_end = content_after(s[pos:], start + pos, quotes)
                    chain = [*outer, agent, speaker]
                    cue, reading = "quoted as saying", why.QUOTED_AS
                elif re.fullmatch(r"\s*(?:it|as|and as)?\s*", subject, re.I):
                    # "It was confirmed by X that Z", "As was reported by X, Z"
                    speaker, chain, cue = agent, [*outer, agent], f"was {verb} by"
                    reading = why.PASSIVE
                    pos = m.end() + by.end()
                    if app := re.match(r",\s*((?:a|an|the|its|his|her)\b[^,]*),(?=\s*that\b)", s[pos:]):
                        description, pos = app.group(1), pos + app.end()
                    c_start, c_end = content_after(s[pos:], start + pos, quotes)
                else:
                    speaker, chain, cue = agent, [*outer, agent], f"was {verb} by"
                    reading = why.PASSIVE
                    c_start, c_end = start, start + len(subject)
                description = ctx.describe(speaker, description)
                if c := make_claim(
                    text, c_start, c_end, speaker, chain, cue, reading=reading, description=description
                ):
                    ctx.remember(speaker, chain)
                    claims += innermost(text, c, quotes, depth)
                return claims, None
            continue

        # "X quoted Y as saying, Z"
        if verb == "quoted":
            q = QUOTED_AS_SAYING.match(s[m.end() :])
            if not q:
                continue
            reporter, _ = clean_speaker(before)
            reporter = ctx.resolve(reporter) if plausible_speaker(reporter) else None
            if reporter is None and ctx.last_speaker:
                reporter = ctx.last_speaker[0]
                outer_chain = ctx.last_speaker[1][:-1]
            else:
                outer_chain = list(outer)
            speaker, description = clean_speaker(q.group(1))
            description = ctx.describe(speaker, description)
            chain = [*outer_chain, reporter, speaker] if reporter else [*outer_chain, speaker]
            pos = m.end() + q.end()
            c_start, c_end = content_after(s[pos:], start + pos, quotes)
            if c := make_claim(
                text,
                c_start,
                c_end,
                speaker,
                chain,
                "quoted as saying",
                reading=why.QUOTED_AS,
                description=description,
            ):
                ctx.remember(speaker, chain)
                claims += innermost(text, c, quotes, depth)
            return claims, None

        # Parenthetical: "The rise, she said, was unexpected."
        paren = re.search(r",\s*([^,]{1,60})$", before)
        if paren and re.match(r"^\s*(?:on \w+\s*)?,", tail) and plausible_speaker(paren.group(1)):
            speaker = ctx.resolve(clean_speaker(paren.group(1))[0])
            chain = [*outer, speaker]
            c_start, _ = trim(text, start, start + paren.start())
            if c := make_claim(text, c_start, end, speaker, chain, verb, reading=why.PARENTHETICAL):
                claims.append(c)
                ctx.remember(speaker, chain)
            return claims, None

        # Speaker before the cue: "X said (on Monday) (that) Z", "X told AFP that Z", "X said: “Z”".
        subject_text = before
        citing = None
        if cm := re.search(r",\s*citing\s+([^,]+),\s*$", subject_text, re.I):
            citing = cm.group(1)
            subject_text = subject_text[: cm.start()]
        speaker, description = clean_speaker(subject_text)
        reading = why.SAID_THAT
        if plausible_speaker(speaker):
            speaker = ctx.resolve(speaker)
            description = ctx.describe(speaker, description)
            chain = [*outer, speaker]
        elif shared and not speaker:  # "X confirmed A and said B", "X said A, adding that B"
            speaker, chain = shared
            reading = why.CONTINUED
        else:
            continue
        pos = m.end()
        if verb in {"told", "tells", "tell"} and (rec := RECIPIENT.match(s[pos:])):
            if is_outlet(rec.group(1).strip()):
                chain = [*outer, rec.group(1).strip(), speaker]
            pos += rec.end()
            # "told a radio interviewer a week earlier that ...": the content starts after "that"
            if far := re.match(r"[^,.;:“\"_]{0,50}?\bthat\b\s*", s[pos:]):
                pos += far.end()
        if cm := re.match(r"\s*,\s*citing\s+([^,]+),", s[pos:], re.I):
            citing = cm.group(1)
            pos += cm.end()
        if citing:
            cited, _ = clean_speaker(citing)
            chain = [*chain, cited]
            speaker = cited
            reading = why.CITING
        c_start, c_end = content_after(s[pos:], start + pos, quotes)
        ctx.remember(speaker, chain, verb)  # "X said in a statement:" and the quotation follows
        if c := make_claim(
            text, c_start, c_end, speaker, chain, verb, reading=reading, description=description
        ):
            claims += innermost(text, c, quotes, depth)
        # Coordinated second cue sharing the subject: "... and quoted a security official as saying, “Z”"
        later = s[c_end - start :]
        return claims, ((c_end, (speaker, chain)) if later.strip() and CUE_RE.search(later) else None)
    return claims, None


def trailing_attribution(
    text, s, start, ctx, quotes, outer, depth
) -> tuple[list[ExtractedClaim], Continuation | None] | None:
    """Content first, speaker after: "Z, X said.", "“Z,” said X, a spokeswoman.", "“A,” she said, “B.”".

    None when the sentence is not built so; else its claims, and where it goes on with the same speaker
    ("Z, X said, adding that B"), if it does.
    """
    m = INVERTED.match(s)
    reading = why.INVERTED
    if not m:
        m, reading = TRAILING.match(s), why.TRAILING
    if (
        not m
        or not plain_phrase(m.group("speaker"), 9)
        or not plain_phrase(m.groupdict().get("tail") or "", 8)
    ):
        return None
    speaker, description = clean_speaker(m.group("speaker"))
    if not plausible_speaker(speaker) or len(speaker.split()) > 9:
        return None
    speaker = ctx.resolve(speaker)
    description = ctx.describe(speaker, description or (m.group("desc") or "").strip(" ,") or None)
    chain = [*outer, speaker]
    verb = m.group("verb").lower()
    # "told The Associated Press in an interview": the outlet, without the circumstances after it.
    recipient = re.split(
        r"\s+(?:in|on|at|after|during|before|last|this|late|early)\b", m.groupdict().get("tail") or ""
    )[0]
    recipient = recipient.strip(" .,")
    if verb in {"told", "tells"} and is_outlet(recipient):
        chain = [*outer, recipient, speaker]
    more = m.groupdict().get("more") or ""
    if cited := re.match(r",\s*citing\s+(.+?)[.!?]?$", more):
        speaker = clean_speaker(cited.group(1))[0]
        chain, more, reading = [*chain, speaker], "", why.CITING
    c_start, c_end = start, start + m.end("content")
    quoted = [(a, b) for a, b in quotes_in(quotes, c_start, c_end + 1) if b <= c_end + 1]
    quoted_only = quoted and not words_after_quotes(s[: m.end("content")])
    spans = [(a + 1, b - 1) for a, b in quoted] if quoted_only else []
    claims = []
    for a, b in spans or [(c_start, c_end)]:
        if c := make_claim(text, a, b, speaker, chain, verb, reading=reading, description=description):
            claims += innermost(text, c, quotes, depth)
    ctx.remember(speaker, chain, verb)
    if not more.strip():
        return claims, None
    more_start, end = start + m.start("more"), start + len(s)
    after_quotes = [(a, b) for a, b in quotes_in(quotes, more_start, end + 1) if b <= end + 1]
    if not after_quotes:  # "..., she said, adding that B"
        return claims, (more_start, (speaker, chain))
    for a, b in after_quotes:  # "“A,” she said, “B.”": the quotation after the attribution is hers too
        if c := make_claim(text, a + 1, b - 1, speaker, chain, verb, reading=reading):
            claims.append(c)
    return claims, None


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
    found = read_sentence(
        content, mask(content, inner_quotes), 0, len(content), Context(), inner_quotes, claim.chain, depth + 1
    )
    found = [c for c in found if c.attributed]
    for c in found:
        c.start, c.end = c.start + base, c.end + base
    inner_quotes = [(a + base, b + base) for a, b in inner_quotes]
    if any(c.source and c.source.lower() in PERSON_PRONOUNS | THING_PRONOUNS for c in found):
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


def trailing_dash_claims(text: str, quotes) -> tuple[list[ExtractedClaim], list[tuple[int, int]]]:
    """A paragraph signed off with "— Name": its closing quotation, or its statement, is that person's.

    Returns the signed claims and the spans they sign; the article's own statements there are dropped.
    """
    found, spans = [], []
    ends = {b: a for a, b in quotes}
    for paragraph in re.finditer(r"[^\n]+", text):
        tail_start = max(paragraph.start(), paragraph.end() - 200)
        m = DASH_SIGNATURE.search(text, tail_start, paragraph.end())
        if not m or not plausible_speaker(m.group(2)):
            continue
        name, role = split_descriptor(m.group(2).strip())
        if m.group(1):  # a quotation closes just before the dash
            start = ends.get(m.start(1) + 1)
            if start is None:
                continue
            span = (start + 1, m.start(1))
        else:
            span = (paragraph.start(), m.start())
        spans.append(span)
        if c := make_claim(text, *span, name, [name], "-", reading=why.DASH_SIGNATURE, description=role):
            found.append(c)
    return found, spans


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping ones joined, so that one bisection finds whether a span overlaps any."""
    joined: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if joined and a < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(b, joined[-1][1]))
        else:
            joined.append((a, b))
    return joined


def overlaps(joined: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] overlaps one of the `merged` spans."""
    i = bisect.bisect_left(joined, (end, -1)) - 1
    return i >= 0 and joined[i][1] > start
