"""Small factories: each fills in defaults with setdefault, so a test names only what it cares about."""

from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from factcheck.claims.models import Article, ChainLink, Claim, Source

_n = count(1)
HTMX = {"HX-Request": "true"}  # the header htmx sends: a test request as htmx makes it
PASSWORD = "a-long-test-password"  # every persona's password


def make_user(username: str, *roles: str, **kw):
    """An account with PASSWORD, in the groups of `roles` (REVIEWERS, EDITORS or others)."""
    user = get_user_model().objects.create_user(username, password=PASSWORD, **kw)
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user


TEXT = (
    "The harbour authority said that the northern pier will close in May. "
    "Residents reportedly plan a protest. About 1,200 boats use the pier each year."
)


def make_source(**kw) -> Source:
    kw.setdefault("name", f"Coastal Courier {next(_n)}")
    kw.setdefault("kind", Source.Kind.NEWS_OUTLET)
    return Source.objects.create(**kw)


def make_article(**kw) -> Article:
    kw.setdefault("title", f"Pier to close, authority says ({next(_n)})")
    kw.setdefault("text", f"{TEXT} (Story {next(_n)}.)")  # the text is unique per article
    return Article.objects.create(**kw)


def make_claim(chain: list[Source] | None = None, **kw) -> Claim:
    """A claim on the first sentence by default; `chain` lists sources outermost first."""
    kw.setdefault("article", make_article())
    kw.setdefault("start", 0)
    kw.setdefault("end", 40)
    kw.setdefault("text", kw["article"].text[kw["start"] : kw["end"]])
    if chain is None and not kw.get("unattributed"):
        chain = [kw.get("source") or make_source()]
    chain = chain or []
    kw.setdefault("source", chain[-1] if chain else None)
    claim = Claim.objects.create(**kw)
    ChainLink.objects.bulk_create(ChainLink(claim=claim, position=i, source=s) for i, s in enumerate(chain))
    return claim
