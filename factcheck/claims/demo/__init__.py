"""The demo article, annotated by hand: every attributed statement and the article's own factual ones."""

from pathlib import Path
from typing import NotRequired, TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from factcheck.accounts.roles import EDITORS, REVIEWERS
from factcheck.claims.imports import named_source
from factcheck.claims.models import Article, ChainLink, Claim, Source

TEXT_FILE = Path(__file__).with_name("tlass-defection.txt")
TITLE = "Syrian general Manaf Tlass defects to Turkey"

K = Source.Kind
# key: (name, kind, description as the article gives it)
SOURCES = {
    "guardian": ("The Guardian", K.NEWS_OUTLET, "the British Guardian"),
    "syriasteps": (
        "Syriasteps",
        K.NEWS_OUTLET,
        "a news website linked to the country’s security apparatus; "
        "a Damascus-based website with close links to the regime",
    ),
    "intel": ("a highly placed source in intelligence", K.ANONYMOUS, "quoted by Syriasteps"),
    "security": ("a security official", K.ANONYMOUS, "quoted by Syriasteps"),
    "turkish_official": ("a Turkish government official", K.ANONYMOUS, "Turkish government"),
    "afp": ("AFP", K.NEWS_AGENCY, "news agency"),
    "diplomat": ("a Turkish diplomat", K.ANONYMOUS, "Turkish diplomatic service"),
    "abdul_rahman": (
        "Rami Abdul-Rahman",
        K.PERSON,
        "the head of the London-based Syrian Observatory for Human Rights",
    ),
    "inside_syria": (
        "several sources inside Syria",
        K.ANONYMOUS,
        "including Alawite sources close to the regime",
    ),
    "russia": ("Russia", K.OFFICIAL, "the Russian government"),
    "lavrov": ("Sergei Lavrov", K.PERSON, "Foreign Minister of Russia"),
}


class DemoClaim(TypedDict):
    passage: str
    text: NotRequired[str]  # the claim in words of its own, if not the passage's
    chain: NotRequired[list[str]]
    cue: NotRequired[str]
    hedge: NotRequired[str]


# Each claim: the exact passage in the text, the chain from the outermost reporter inwards, cue, hedge.
# An empty chain marks a statement the article makes on its own authority.
CLAIMS: list[DemoClaim] = [
    {
        "passage": "A Syrian general who was a leading member of President Bashar al-Assad’s inner circle "
        "has defected to Turkey",
        "chain": ["syriasteps"],  # "a Damascus-based website ... reported": named as Syriasteps later
        "cue": "reported",
    },
    {
        "passage": "the general, Manaf Tlass, is a member of the most powerful Sunni family in Syria",
        "chain": ["guardian"],
        "cue": "reported",
    },
    {
        "passage": "the son of a long-serving former defense minister, Mustafa Tlass",
        "chain": ["guardian"],
        "cue": "reported",
    },
    {
        "passage": "He reportedly fell out of favor in recent months for refusing to take part in attacks "
        "on civilian areas regarded as opposition strongholds",
        "chain": ["guardian"],  # continues the Guardian's report; the article hedges it itself
        "cue": "reported",
        "hedge": "reportedly",
    },
    {
        "passage": "Tlass’s defection",
        "text": "Manaf Tlass has defected.",
        "chain": ["syriasteps"],
        "cue": "was reported by",
    },
    {
        "passage": "General Manaf Mustafa Tlass has fled to Turkey",
        "chain": ["guardian", "syriasteps", "intel"],
        "cue": "confirmed",
    },
    {
        "passage": "His escape does not mean anything.",
        "chain": ["guardian", "syriasteps", "security"],
        "cue": "quoted … as saying",
    },
    {
        "passage": "two Syrian generals had defected in the past three days",
        "chain": ["turkish_official"],
        "cue": "confirmed",
    },
    {
        "passage": "for their and their families’ security",
        "text": "The official withheld the generals' names for their and their families' security.",
        "chain": ["turkish_official"],
        "cue": "did not provide names",
    },
    {
        "passage": "one of the two generals the official referred to is from an engineering division",
        "chain": ["guardian"],
        "cue": "reported",
    },
    {
        "passage": "The second is believed to be Tlass",
        "chain": ["guardian"],  # the sentence continues the Guardian's report
        "cue": "reported",
        "hedge": "is believed to be",
    },
    {
        "passage": "who is a general in the Republican Guard",
        "text": "Tlass is a general in the Republican Guard.",
    },
    {
        "passage": "a Syrian general and a number of soldiers defected and crossed into Turkey",
        "chain": ["afp", "diplomat"],
        "cue": "told",
    },
    {
        "passage": "It is unknown whether he was referring to Tlass.",
        "text": "The Turkish diplomat may have been referring to Tlass.",
        "hedge": "it is unknown whether",
    },
    {"passage": "Turkey has become home to dozens of soldiers who have crossed the border."},
    {
        "passage": "Around 35,000 displaced Syrians have sought refuge in Turkey since the start of a bloody "
        "uprising in March 2011."
    },
    {"passage": "On Monday, nearly 300 Syrians defected to Turkey, including 85 soldiers."},
    {"passage": "These included a general and several other officers."},
    {
        "passage": "Several sources inside Syria, including Alawite sources close to the regime, have "
        "confirmed to me that Manaf Tlass has left the country.",
        "chain": ["guardian", "abdul_rahman"],
        "cue": "quoted … as having said",
    },
    {
        "passage": "Manaf Tlass has left the country",
        "chain": ["guardian", "abdul_rahman", "inside_syria"],
        "cue": "confirmed",
    },
    {
        "passage": "rumors that it would offer political asylum to Assad as a “joke.”",
        "text": "Rumors that Russia would offer political asylum to Assad are a joke.",
        "chain": ["russia"],
        "cue": "dismissed",
    },
    {
        "passage": "It is either an attempt to mislead serious people dealing with foreign policy or a lack "
        "of understanding of Russia’s position",
        "chain": ["lavrov"],
        "cue": "said",
    },
]

USERS = [
    # username, password, group, is_staff
    ("reviewer", "review-the-claims", REVIEWERS, False),
    ("editor", "edit-the-desk", EDITORS, True),
]


def _source(name: str, kind: str, description: str) -> Source:
    """The stored source of that name (named sources), or a new one (anonymous sources, kept per article)."""
    if kind == Source.Kind.ANONYMOUS:
        return Source.objects.create(name=name, kind=kind, description=description)
    return named_source(name, kind, description)


@transaction.atomic
def load_demo() -> tuple[Article, bool]:
    """Load the demo article, its sources and claims and the demo users; do nothing if already there."""
    for username, password, group, is_staff in USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": is_staff}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
    text = TEXT_FILE.read_text(encoding="utf-8")
    if article := Article.objects.filter(title=TITLE, text=text).first():
        return article, False
    article = Article.objects.create(title=TITLE, text=text)
    sources = {key: _source(*spec) for key, spec in SOURCES.items()}
    for spec in CLAIMS:
        start = text.index(spec["passage"])
        if text.count(spec["passage"]) != 1:
            raise ValueError(f"Passage is not unique in the demo text: {spec['passage']!r}")
        chain = [sources[key] for key in spec.get("chain", [])]
        claim = Claim.objects.create(
            article=article,
            text=spec.get("text", spec["passage"]),
            start=start,
            end=start + len(spec["passage"]),
            source=chain[-1] if chain else None,
            unattributed=not chain,
            cue=spec.get("cue", ""),
            hedge=spec.get("hedge", ""),
        )
        ChainLink.objects.bulk_create(
            ChainLink(claim=claim, position=i, source=source) for i, source in enumerate(chain)
        )
    return article, True
