"""Find the claims in a news text, who they are attributed to, through whom, and how hedged.

Rule-based and deterministic. The text is cut into paragraphs and sentences (sentencex). Quotations are
found across sentences and masked, so a verb inside a quotation is not taken for the article's own
attribution. Each sentence is then read by the readers in readers.py, one per construction ("X said that
Y", "Y, X said", "according to X", "X urged Y to Z", "her allegation that Y" ...), for its speaker, its cue
and the cue's class, and its content. The content is read again for an inner attribution, which lengthens
the chain. Sentences with no attribution become unattributed claims when they state a number or a date, or
carry a hedge. The words it reads by are in words.py.

The work grows linearly with the text: a run-on sentence is read in pieces of at most MAX_SENTENCE
characters, a reading goes along a sentence in a loop rather than by recursion, and no pattern lets a run of
spaces be matched from each of its spaces.
"""

import bisect
import re
from collections.abc import Iterator, Sequence

from sentencex import segment

from factcheck.extraction import confidence as why
from factcheck.extraction.context import Context
from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.quotes import find_quotes, mask
from factcheck.extraction.readers import make_claim, read_sentence
from factcheck.extraction.speakers import clean_speaker, plausible_speaker

# Nearly four times the longest sentence in the gold sets (266); a longer run is read in pieces, so no
# reading grows with the text.
MAX_SENTENCE = 1000
# sentencex takes quadratic time on a paragraph of unclosed “ (160 k of them: 8 s); it gets paragraphs at most
# this long, far longer than any in the gold sets (356).
SEGMENT_WINDOW = 5000
# sentencex takes "May." for an abbreviation; as a month it is a whole word, so a capital after it starts
# a new sentence ("It closes in May. Officials agree.").
MAY_END = re.compile(r"(?<=\bMay\.)(?=\s+[A-Z“\"‘])")
# sentencex slices wide whitespace (no-break space, U+3000 ...) as if it were one byte and panics; to it a
# plain space reads the same, and the offsets stay.
PLAIN_SPACES = {code: " " for code in range(0x80, 0x3001) if chr(code).isspace()}
# The most characters between the two parts of a quotation split by its attribution ("," said X, the ...").
SPLIT_QUOTE_GAP = 150
CLOSES_QUOTE = re.compile(r"[,.!?…]?[”\"]")
# Where a paragraph too long for sentencex is cut: after a sentence's end, else at a space.
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")
# Where a run-on sentence is cut: before a clause break, so the next piece reads ", adding that ...".
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)")
SPACE = re.compile(r"\s")
# "… more jobs.” — Ilse Varga, governor of the central bank" at the end of a paragraph.
DASH_SIGNATURE = re.compile(r"([”\"])?(?:\s+[-–]\s+|\s*—\s*)([A-Z][^\n,.;:]{1,60})(?:,[^\n]*)?$")


def extract(text: str) -> list[ExtractedClaim]:
    """Return the claims in `text`, in order of where they start."""
    if not text or not text.strip():
        return []
    original = text
    # ''Two apostrophes'' are a quotation mark: read as one, the offsets unchanged.
    text = text.replace("''", '" ')
    quotes = find_quotes(text)
    masked = mask(text, quotes)
    ctx = Context()
    claims: list[ExtractedClaim] = []
    for start, end in sentences(text, quotes):
        claims.extend(read_in_pieces(text, masked, start, end, ctx, quotes))
    signed, spans = trailing_dash_claims(text, quotes)
    spans = merged(spans)
    claims = [c for c in claims if c.attributed or not overlaps(spans, c.start, c.end)] + signed
    claims = [c for c in claims if c.end > c.start]
    unique = {(c.start, c.end, tuple(c.chain)): c for c in claims}
    claims = joined_quotations(text, sorted(unique.values(), key=lambda c: (c.start, -c.end)))
    for c in claims:
        c.text = original[c.start : c.end]
        why.rate(c)
    return claims


def joined_quotations(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """“A,” she said. “B.” is one quotation split by its attribution: one claim from A to B."""
    joined: list[ExtractedClaim] = []
    for c in claims:
        prev = joined[-1] if joined else None
        if (
            prev
            and c.reasons[:1] == [why.LAST_SPEAKER]
            and prev.reasons[:1] in ([why.TRAILING], [why.INVERTED], [why.SPLIT_QUOTE])
            and prev.chain == c.chain
            and CLOSES_QUOTE.match(text, prev.end)
            and 0 < c.start - prev.end <= SPLIT_QUOTE_GAP
            and "\n" not in text[prev.end : c.start].rstrip('“"\n ')  # the next paragraph may open with it
        ):
            prev.end, prev.reasons = c.end, [why.SPLIT_QUOTE, *prev.reasons[1:]]
            continue
        joined.append(c)
    return joined


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
        ctx.reported = any(c.attributed and c.reasons[0] != why.LAST_SPEAKER for c in found)
        if not attributed:
            ctx.mention(masked[a:b])
        shared = ctx.last_speaker[:2] if attributed and ctx.last_speaker else None
        claims.extend(found)
    return claims


def sentences(text: str, quotes: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence spans, stripped of surrounding space, never crossing a paragraph break.

    With the text's `quotes`, a sentence does not end inside a quotation: sentencex keeps a closed one
    whole, but cuts one left open for the next paragraph after each of its sentences, and after its opening
    mark (“A,” she said. “ | B.).
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        found: list[tuple[int, int]] = []
        for lo, hi in cut(text, paragraph.start(), paragraph.end(), SEGMENT_WINDOW, SENTENCE_END):
            more = segmented(text, lo, hi)
            if found and more and not ends_sentence(text, lo):
                more[0] = (found.pop()[0], more[0][1])  # one sentence, cut in two for sentencex only
            found += more
        spans += within_quotes(text, found, quotes) if quotes else found
    return spans


def within_quotes(text: str, found: list[tuple[int, int]], quotes) -> list[tuple[int, int]]:
    """A paragraph's sentences, each opening mark with the sentence it opens, none cut inside a quotation."""
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans:
            a, b = spans[-1]
            i = bisect.bisect_left(quotes, (b, -1)) - 1  # the last quotation opening before b
            q = quotes[i] if i >= 0 else None
            if q and q[0] == b - 1 and b - 1 > a:  # “A,” she said. “ | B.: the mark opens B
                spans[-1] = (a, len(text[a : b - 1].rstrip()) + a)
                start = b - 1
            elif q and a <= q[0] < b - 1 and start < q[1] - 1:  # cut inside the quotation: one sentence
                spans[-1] = (a, end)
                continue
        spans.append((start, end))
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
        name, role = clean_speaker(m.group(2).strip())
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
