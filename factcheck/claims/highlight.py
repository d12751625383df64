"""Cut an article's text into runs so each claim's span can be highlighted in place."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

# How much of a paragraph a window shows around the spans it is for, when the paragraph is longer.
CONTEXT = 600


@dataclass(frozen=True)
class Run:
    text: str
    claim: Any = None  # the innermost claim covering this run, or None
    part: int = 0  # the run's place among its claim's runs, so each run has an id of its own
    closes: bool = False  # the claim's last run: carries its status marker

    @property
    def opens(self) -> bool:
        """The claim's first run: carries its anchor."""
        return self.claim is not None and self.part == 0


def runs(text: str, claims: list, offset: int = 0) -> list[Run]:
    """Split `text`, the article from `offset` on, at every claim boundary; nested claims win.

    A claim's runs come out the same in any window that holds its whole span, so one claim's runs can be
    re-rendered from its own passage (see `runs_of`).
    """
    stop = offset + len(text)
    claims = [c for c in claims if c.start < stop and c.end > offset]
    cuts = sorted({offset, stop} | {c.start for c in claims} | {c.end for c in claims})
    cuts = [cut for cut in cuts if offset <= cut <= stop]
    starting, ending = defaultdict(list), defaultdict(list)
    for c in claims:
        starting[max(c.start, offset)].append(c)
        ending[c.end].append(c)
    # Sweep the cuts once, keeping the claims open at each point: linear in text and claims.
    open_claims: dict = {}
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for c in ending[start]:
            open_claims.pop(id(c), None)
        open_claims.update((id(c), c) for c in starting[start])
        inner = min(open_claims.values(), key=lambda c: (c.end - c.start, c.pk), default=None)
        pieces.append((start, end, inner))
    last: dict[int, int] = {}  # claim id: the index of its last piece
    parts: defaultdict[int, int] = defaultdict(int)  # claim id: its runs so far
    for i, (_, _, claim) in enumerate(pieces):
        if claim is not None:
            last[claim.pk] = i
    result = []
    for i, (start, end, claim) in enumerate(pieces):
        part = 0
        if claim is not None:
            part = parts[claim.pk]
            parts[claim.pk] += 1
        result.append(
            Run(text[start - offset : end - offset], claim, part, claim is not None and last[claim.pk] == i)
        )
    return result


def runs_of(claim, passage: str, overlapping: list) -> list[Run]:
    """The runs of one claim, from its passage and every claim overlapping it (itself included)."""
    return [run for run in runs(passage, overlapping, claim.start) if run.claim and run.claim.pk == claim.pk]


def window(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of `text` from the paragraph holding `start` to the one holding `end`.

    A paragraph longer than that is cut at a space, at most CONTEXT characters from the span.
    """
    lo = text.rfind("\n", 0, start) + 1
    if start - lo > CONTEXT:
        space = text.find(" ", start - CONTEXT, start)
        lo = space + 1 if space != -1 else start - CONTEXT
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    if hi - end > CONTEXT:
        space = text.rfind(" ", end, end + CONTEXT)
        hi = space if space != -1 else end + CONTEXT
    return lo, hi
