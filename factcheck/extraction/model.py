"""What the extractor returns: one claim, its place in the text and who it is attributed to."""

from dataclasses import dataclass, field


@dataclass
class ExtractedClaim:
    text: str  # the claim content, exactly text[start:end]
    start: int
    end: int
    source: str | None  # the immediate speaker as written, e.g. "a highly placed source in intelligence"
    chain: list[str] = field(default_factory=list)  # outermost reporter first, immediate speaker last
    cue: str | None = None  # "said", "according to", "quoted as saying", ...
    cue_class: str | None = None  # speech, evidence, cognition, intention, directive, evaluation, attitude
    hedge: str | None = None  # "reportedly", "is believed to", ...
    attributed: bool = True  # False: the article says it on its own authority
    description: str | None = None  # the source's apposition, e.g. "a news website linked to ..."
    confidence: float = 1.0  # 0 to 1, from the reasons (see confidence.py)
    reasons: list[str] = field(default_factory=list)  # the construction read first, then any doubts

    @property
    def construction(self) -> str | None:
        """The reading that found the claim, e.g. "read “X said that …”"."""
        return self.reasons[0] if self.reasons else None
