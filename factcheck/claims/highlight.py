"""Cut an article's text into runs so each claim's span can be highlighted in place."""

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
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [c for c in claims if c.start <= start and end <= c.end]
        inner = min(covering, key=lambda c: (c.end - c.start, c.pk), default=None)
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
