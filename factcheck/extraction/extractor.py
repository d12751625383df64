"""Find the claims in a news text, who they are attributed to, through whom, and how hedged.

Rule-based and deterministic. The text is cut into paragraphs and sentences (sentencex). Quotations are
found across sentences and masked, so a verb inside a quotation is not taken for the article's own
attribution. Each sentence is then read for its attribution cue ("said", "according to", "quoted ... as
saying", "was reported by" ...), its speaker and its content. The content is read again for an inner
attribution, which lengthens the chain. Sentences with no attribution become unattributed claims when
they state a number or a date, or carry a hedge.
"""

import re
from dataclasses import dataclass, field

from sentencex import segment

from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.quotes import find_quotes, mask
from factcheck.extraction.words import (
    ADVERBIAL_START,
    AUX,
    DATE,
    HEDGE,
    LISTENERS,
    NOT_SUBJECT_BEFORE,
    NUMBER,
    ORG_WORDS,
    PERSON_PRONOUNS,
    SAY_VERBS,
    THING_PRONOUNS,
    UNKNOWN_WHETHER,
)

MAX_DEPTH = 4
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
    r"in\s+(?:a|an|its|his|her|their)\s+(?:statement|interview|speech|letter|post|report)\b[^,:]{0,30}?[,:]?\s*)?"
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
    r"(?P<more>,\s*(?:[“\"].*|(?:adding|saying|noting|warning)\b.*))?\s*[.!?]?$"
)
# "Z, X said (on Monday)."  "“A,” she said, “B.”"  "Z, X said, adding that B."
TRAILING = re.compile(
    r"^(?P<content>.+?)(?:,\s*|(?<=[”\"])\s*)(?P<speaker>[^,;:“\"_]{2,80}?)(?P<desc>,[^,;:“\"_]+,)?\s+"
    + AUX
    + r"(?P<verb>"
    + TRAIL_VERB
    + r")(?P<tail>(?:\s+(?!that\b)[^,;:“\"_\s]+){0,6}?)"
    r"(?P<more>,\s*(?:[“\"].*|(?:adding|saying|noting|warning)\b.*))?\s*[.!?]?$",
)
# Content before the attribution that is more than a quotation: "He said “no”, she added."
NON_QUOTE = re.compile(r"[A-Za-z]{2,}[^”\"_]*$")
RECIPIENT = re.compile(r"\s+((?:the\s+|a\s+)?(?:[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*|\w+))")
TRAIL_PUNCT = " \t\n.,;:!?\"'“”‘’"


@dataclass
class Context:
    """What the reader remembers from earlier sentences: who spoke last, the last person, the last body."""

    last_speaker: tuple[str, list[str]] | None = None
    last_person: str | None = None
    last_thing: str | None = None
    mentions: list[str] = field(default_factory=list)

    def remember(self, name: str, chain: list[str]) -> None:
        if name.lower() in PERSON_PRONOUNS | THING_PRONOUNS:
            return
        self.last_speaker = (name, chain)
        if looks_like_person(name):
            self.last_person = name
        else:
            self.last_thing = name

    def resolve(self, name: str) -> str:
        word = name.lower()
        if word in PERSON_PRONOUNS:
            return self.last_person or (self.last_speaker[0] if self.last_speaker else name)
        if word in THING_PRONOUNS:
            return self.last_thing or (self.last_speaker[0] if self.last_speaker else name)
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
        claims.extend(read_sentence(text, masked, start, end, ctx, quotes))
    claims.extend(trailing_dash_claims(text, claims))
    claims = [c for c in claims if c.end > c.start]
    unique = {(c.start, c.end, tuple(c.chain)): c for c in claims}
    return sorted(unique.values(), key=lambda c: (c.start, -c.end))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, stripped of surrounding space, never crossing a paragraph break."""
    spans, cursor = [], 0
    for paragraph in re.finditer(r"[^\n]+", text):
        para = paragraph.group()
        base = paragraph.start()
        cursor = 0
        for piece in segment("en", para):
            found = para.find(piece, cursor)
            if found < 0:
                continue
            cursor = found + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            spans.append((base + found + lead, base + found + lead + len(stripped)))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, quotation marks and closing punctuation on both sides."""
    while start < end and text[start] in TRAIL_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAIL_PUNCT:
        end -= 1
    return start, end


def make_claim(
    text, start, end, source, chain, cue, attributed=True, description=None
) -> ExtractedClaim | None:
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
    )


def find_hedge(content: str) -> str | None:
    match = HEDGE.search(content)
    return match.group(0).lower() if match else None


def clean_speaker(raw: str) -> tuple[str, str | None]:
    """Split "Syriasteps, a news website linked to ..." into the name and its description."""
    speaker = raw.strip(" ,;:—–-")
    speaker = re.sub(r"^(?:and|but|so|yet|while|as|then|meanwhile|however)(?:\s+|$)", "", speaker, flags=re.I)
    speaker = re.sub(r"(?:^|\s+)" + AUX.replace(")*", ")+") + "$", "", speaker + " ", flags=re.I).strip(" ,")
    parts = [p.strip() for p in re.split(r",\s+", speaker) if p.strip()]
    while len(parts) > 1 and ADVERBIAL_START.match(parts[0]):
        parts.pop(0)
    if parts and ADVERBIAL_START.match(parts[0]) and len(parts) == 1:
        # "On Wednesday a diplomat": drop a leading time phrase without a comma
        parts[0] = re.sub(
            r"^(?:on|in|at|late|early|last|this)\s+\w+\s+(?=[A-Za-z])", "", parts[0], flags=re.I
        )
    if not parts:
        return "", None
    name = parts[0]
    name = re.sub(r"\s+(?:who|which|that)\b.*$", "", name)
    description = ", ".join(parts[1:]) or None
    return name, description


def plausible_speaker(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12:
        return False
    if words[-1].lower() in NOT_SUBJECT_BEFORE:
        return False
    if re.search(r"[“”\"]", name):
        return False
    return bool(re.search(r"[A-Za-z]", name))


def content_after(text: str, masked: str, pos: int, end: int, quotes) -> tuple[int, int]:
    """Where the content after a cue starts and ends: past "that", or the quotation after a colon."""
    lead = re.match(r"[\s,]*", masked[pos:end])
    pos += lead.end()
    if m := THAT_AFTER_ADJUNCTS.match(masked[pos:end]):
        pos += m.end()
    else:
        m = re.match(r"^\s*(?:,|:)?\s*" + LEADING_ADJUNCT, masked[pos:end], re.IGNORECASE)
        pos += m.end() if m else 0
    # A quotation that opens the content is the whole content.
    for q_start, q_end in quotes:
        if q_start <= pos + 1 and q_start >= pos - 1 and q_end <= end + 1:
            return q_start + 1, q_end - 1
    stop = re.search(
        r",\s+(?:but|and|while)\s+(?:did|didn't|does|declined|refused|would|gave|added|said|told|quoted|"
        r"warned|urged|called|stressed|noted|insisted)\b|\s+and\s+(?:quoted|added|said|told|warned)\b|"
        r",\s+(?:adding|saying|noting|warning|insisting|arguing|stressing|explaining)\b|;\s",
        masked[pos:end],
    )
    return pos, (pos + stop.start()) if stop else end


def read_sentence(text, masked, start, end, ctx, quotes, prefix=(), depth=0) -> list[ExtractedClaim]:
    """The claims of one sentence (or of one claim's content, when reading an inner attribution)."""
    s = masked[start:end]
    claims: list[ExtractedClaim] = []
    outer = list(prefix)

    # "It is unknown whether ..." : the article's own hedged statement.
    whether = UNKNOWN_WHETHER.match(s)
    if whether and (c := make_claim(text, start + whether.end(), end, None, [], None, attributed=False)):
        c.hedge = whether.group(1).lower()
        return [c]

    # "according to X": the outer reporter if the sentence has its own speaker, else the cue itself.
    according = re.search(r"\baccording to\s+([^,.;:]+?)(?=\s*(?:,|\.|;|:|$|\bthat\b))", s, re.I)
    if according:
        reporter, _ = clean_speaker(according.group(1))
        reporter = ctx.resolve(reporter)
        rest = s[: according.start()] + " " * len(according.group(0)) + s[according.end() :]
        inner = read_cues(text, masked, start, end, rest, ctx, quotes, [*outer, reporter], depth)
        if inner:
            return inner
        lead = s[: according.start()].rstrip(" ,")
        c_start, c_end = (start, start + len(lead)) if len(lead) > 10 else (start + according.end(), end)
        if c := make_claim(text, c_start, c_end, reporter, [*outer, reporter], "according to"):
            ctx.remember(reporter, c.chain)
            claims += innermost(text, masked, c, quotes, depth)
        return claims

    claims = read_cues(text, masked, start, end, s, ctx, quotes, outer, depth)
    if claims or depth:
        return claims

    # A quotation standing alone continues the last speaker's words.
    quoted = [(a, b) for a, b in quotes if a >= start and b <= end + 1]
    if quoted and ctx.last_speaker and not re.search(r"[A-Za-z]{3}", masked[start:end]):
        name, chain = ctx.last_speaker
        for a, b in quoted:
            if c := make_claim(text, a + 1, b - 1, name, chain, "said"):
                claims.append(c)
        return claims

    if c := unattributed(text, start, end):
        claims.append(c)
    return claims


def read_cues(text, masked, start, end, s, ctx, quotes, outer, depth, shared=None) -> list[ExtractedClaim]:
    """Attribution by a verb of saying: before its content, after it, passive, or quoting another."""
    if found := trailing_attribution(text, masked, start, end, s, ctx, quotes, outer, depth):
        return found
    claims = []
    for m in CUE_RE.finditer(s):
        verb = m.group(1).lower()
        before = s[: m.start()]
        prev_word = re.findall(r"[\w'’]+", before[-20:])
        if prev_word and prev_word[-1].lower() in NOT_SUBJECT_BEFORE and verb not in {"quoted"}:
            continue

        # Passive: "X was quoted by Y as (having) said, Z" and "Z was reported by Y".
        if re.search(r"\b(?:was|were|has been|had been|is|are)\s+$", before, re.I):
            by = re.match(r"\s+by\s+([^,.;:]+?)(?=\s+as\b|[,.;:]|$)", s[m.end() :])
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
                    c_start, c_end = content_after(text, masked, start + pos, end, quotes)
                    chain = [*outer, agent, speaker]
                    cue = "quoted as saying"
                else:
                    speaker, chain, cue = agent, [*outer, agent], f"was {verb} by"
                    c_start, c_end = start, start + len(subject)
                if c := make_claim(text, c_start, c_end, speaker, chain, cue, description=description):
                    ctx.remember(speaker, chain)
                    claims += innermost(text, masked, c, quotes, depth)
                return claims
            continue

        # "X quoted Y as saying, Z"
        if verb == "quoted":
            q = re.match(r"\s+(.+?)\s+as\s+(?:having\s+)?(?:said|saying)\s*[,:]?\s*", s[m.end() :])
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
            chain = [*outer_chain, reporter, speaker] if reporter else [*outer_chain, speaker]
            pos = start + m.end() + q.end()
            c_start, c_end = content_after(text, masked, pos, end, quotes)
            if c := make_claim(
                text, c_start, c_end, speaker, chain, "quoted as saying", description=description
            ):
                ctx.remember(speaker, chain)
                claims += innermost(text, masked, c, quotes, depth)
            continue

        tail = s[m.end() :]
        # Parenthetical: "The rise, she said, was unexpected."
        paren = re.search(r",\s*([^,]{1,60})$", before)
        if paren and re.match(r"^\s*(?:on \w+\s*)?,", tail) and plausible_speaker(paren.group(1)):
            speaker = ctx.resolve(clean_speaker(paren.group(1))[0])
            chain = [*outer, speaker]
            c_start, _ = trim(text, start, start + paren.start())
            if c := make_claim(text, c_start, end, speaker, chain, verb):
                claims.append(c)
                ctx.remember(speaker, chain)
            return claims

        # Speaker before the cue: "X said (on Monday) (that) Z", "X told AFP that Z", "X said: “Z”".
        subject_text = before
        citing = None
        if cm := re.search(r",\s*citing\s+([^,]+),\s*$", subject_text, re.I):
            citing = cm.group(1)
            subject_text = subject_text[: cm.start()]
        speaker, description = clean_speaker(subject_text)
        if plausible_speaker(speaker):
            speaker = ctx.resolve(speaker)
            chain = [*outer, speaker]
        elif shared and not speaker:  # "X confirmed A and said B", "X said A, adding that B"
            speaker, chain = shared
        else:
            continue
        pos = start + m.end()
        if verb in {"told", "tells", "tell"}:
            rec = RECIPIENT.match(masked[pos:end])
            if rec:
                recipient = rec.group(1).strip()
                named = re.sub(r"^the\s+", "", recipient, flags=re.I)
                if named[:1].isupper() and recipient.lower() not in LISTENERS:
                    chain = [*outer, recipient, speaker]
                pos += rec.end()
        if cm := re.match(r"\s*,\s*citing\s+([^,]+),", masked[pos:end], re.I):
            citing = cm.group(1)
            pos += cm.end()
        if citing:
            cited, _ = clean_speaker(citing)
            chain = [*chain, cited]
            speaker = cited
        c_start, c_end = content_after(text, masked, pos, end, quotes)
        if c := make_claim(text, c_start, c_end, speaker, chain, verb, description=description):
            ctx.remember(speaker, chain)
            claims += innermost(text, masked, c, quotes, depth)
        # Coordinated second cue sharing the subject: "... and quoted a security official as saying, “Z”"
        later = masked[c_end:end]
        if later.strip() and CUE_RE.search(later):
            claims += read_cues(text, masked, c_end, end, later, ctx, quotes, outer, depth, (speaker, chain))
        return claims
    return claims


def trailing_attribution(text, masked, start, end, s, ctx, quotes, outer, depth) -> list[ExtractedClaim]:
    """Content first, speaker after: "Z, X said.", "“Z,” said X, a spokeswoman.", "“A,” she said, “B.”"."""
    m = INVERTED.match(s) or TRAILING.match(s)
    if not m:
        return []
    speaker, description = clean_speaker(m.group("speaker"))
    if not plausible_speaker(speaker) or len(speaker.split()) > 9:
        return []
    speaker = ctx.resolve(speaker)
    description = description or (m.group("desc") or "").strip(" ,") or None
    chain = [*outer, speaker]
    verb = m.group("verb").lower()
    c_start, c_end = start, start + m.end("content")
    quoted = [(a, b) for a, b in quotes if a >= c_start and b <= c_end + 1]
    spans = (
        [(a + 1, b - 1) for a, b in quoted] if quoted and not NON_QUOTE.search(s[: m.end("content")]) else []
    )
    claims = []
    for a, b in spans or [(c_start, c_end)]:
        if c := make_claim(text, a, b, speaker, chain, verb, description=description):
            claims += innermost(text, masked, c, quotes, depth)
    ctx.remember(speaker, chain)
    more = m.groupdict().get("more") or ""
    if more.strip():
        more_start = start + m.start("more")
        after_quotes = [(a, b) for a, b in quotes if a >= more_start and b <= end + 1]
        if after_quotes:  # "“A,” she said, “B.”": the quotation after the attribution is hers too
            for a, b in after_quotes:
                if c := make_claim(text, a + 1, b - 1, speaker, chain, verb):
                    claims.append(c)
        else:  # "..., she said, adding that B"
            shared = (speaker, chain)
            rest = masked[more_start:end]
            claims += read_cues(text, masked, more_start, end, rest, ctx, quotes, outer, depth, shared)
    return claims


def innermost(text, masked, claim, quotes, depth) -> list[ExtractedClaim]:
    """The claim, or the claims inside it when its content is itself an attribution.

    "X said that Y confirmed Z" is one claim, Z, with the chain [X, Y]: the chain records the rest.
    """
    if depth >= MAX_DEPTH:
        return [claim]
    inner_quotes = [(a, b) for a, b in quotes if claim.start < a and b < claim.end]
    inner_masked = text[: claim.start] + mask(text, inner_quotes)[claim.start : claim.end] + text[claim.end :]
    found = read_sentence(
        text, inner_masked, claim.start, claim.end, Context(), inner_quotes, claim.chain, depth + 1
    )
    found = [c for c in found if c.attributed]
    covered = sum(c.end - c.start for c in found)
    # Only an attribution that carries most of the content replaces it: "said a plan that critics say ..."
    # keeps the outer claim.
    if found and covered >= 0.4 * (claim.end - claim.start):
        return found
    return [claim]


def unattributed(text: str, start: int, end: int) -> ExtractedClaim | None:
    """The article's own statement, kept when it states a number or a date, or is hedged."""
    sentence = text[start:end]
    if not re.search(r"[.!]$", sentence.rstrip("\"'”’)")) or sentence.endswith("?"):
        return None  # headlines, captions and questions are not claims
    if not (NUMBER.search(sentence) or DATE.search(sentence) or HEDGE.search(sentence)):
        return None
    return make_claim(text, start, end, None, [], None, attributed=False)


def trailing_dash_claims(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """A quotation or statement signed off with "— Name" at the end of its paragraph."""
    found = []
    for m in re.finditer(r"([“\"][^\n]+?[”\"])\s*[-–—]\s*([A-Z][^\n,]{1,60})(?:,[^\n]*)?$", text, re.M):
        name = m.group(2).strip()
        start, end = m.start(1) + 1, m.end(1) - 1
        covered = [c for c in claims if c.start <= start + 1 and c.end >= end - 1]
        for c in covered:
            claims.remove(c) if not c.attributed else None
        if c := make_claim(text, start, end, name, [name], "-"):
            found.append(c)
    return found
