"""Cut an article's text into runs so each claim's span can be highlighted in place."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Run:
    text: str
    claim: Any = None  # the innermost claim covering this run, or None
    opens: bool = False  # the claim's first run: carries its anchor id
    closes: bool = False  # the claim's last run: carries its status marker


def runs(text: str, claims: list) -> list[Run]:
    """Split `text` at every claim boundary; nested claims win over the claims around them."""
    cuts = sorted({0, len(text)} | {c.start for c in claims} | {c.end for c in claims})
    cuts = [cut for cut in cuts if 0 <= cut <= len(text)]
    starting, ending = defaultdict(list), defaultdict(list)
    for c in claims:
        starting[c.start].append(c)
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
    first, last = {}, {}
    for i, (_, _, claim) in enumerate(pieces):
        if claim is not None:
            first.setdefault(claim.pk, i)
            last[claim.pk] = i
    return [
        Run(
            text[start:end],
            claim,
            claim is not None and first[claim.pk] == i,
            claim is not None and last[claim.pk] == i,
        )
        for i, (start, end, claim) in enumerate(pieces)
    ]
