"""A published claim's review as schema.org ClaimReview (JSON-LD), for the desk's website to embed.

The rating is on a three-point scale: 1 disputed, 3 confirmed (2, unverified, is never published), with the
desk's own word for it in `alternateName`.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from factcheck.claims.models import Article, Claim, ClaimQuerySet, Source

RATINGS: dict[str, int] = {Claim.Status.DISPUTED: 1, Claim.Status.CONFIRMED: 3}
WORST, BEST = 1, 3


def published_claims(claims: ClaimQuerySet) -> ClaimQuerySet:
    """What a review needs of each published claim, in one query: its article, outlet and speaker."""
    return claims.published().select_related("article__outlet", "source").defer("article__text")


def claim_review(claim: Claim, request: HttpRequest) -> dict:
    """The claim's review: what was claimed, by whom and where, and the desk's verdict on it."""
    if claim.published_at is None:
        raise ValueError(f"Claim {claim.pk} is not published: it has no review to show.")
    article = claim.article
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{review_page(article, request)}#claim-{claim.pk}",
        "claimReviewed": claim.text,
        "itemReviewed": {
            "@type": "Claim",
            # The article's own statement is its outlet's claim.
            **person_or_body("author", claim.source or article.outlet),
            "appearance": appearance(article),
            **({"datePublished": article.published_on.isoformat()} if article.published_on else {}),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.status],
            "worstRating": WORST,
            "bestRating": BEST,
            "alternateName": claim.get_status_display(),
        },
        "author": {"@type": "Organization", "name": settings.DESK_NAME, **url_of(settings.DESK_URL)},
        "datePublished": claim.published_at.date().isoformat(),
    }


def review_page(article: Article, request: HttpRequest) -> str:
    """Where readers find the article's reviews: the desk's page for it, or else this app's public feed."""
    if settings.DESK_REVIEW_PAGE:
        return settings.DESK_REVIEW_PAGE.format(article=article.pk)
    return request.build_absolute_uri(reverse("claims:article_claimreview", args=[article.pk]))


def appearance(article: Article) -> dict:
    """The article the claim appeared in, as a schema.org NewsArticle."""
    found = {"@type": "NewsArticle", "headline": article.title, **url_of(article.url)}
    if article.published_on:
        found["datePublished"] = article.published_on.isoformat()
    return found | person_or_body("publisher", article.outlet)


def person_or_body(key: str, source: Source | None) -> dict:
    """`{key: the source}` as a schema.org Person or Organization, or nothing when nobody is known."""
    if source is None:
        return {}
    kind = "Person" if source.kind == Source.Kind.PERSON else "Organization"
    return {key: {"@type": kind, "name": source.name, **url_of(source.url)}}


def url_of(url: str) -> dict:
    return {"url": url} if url else {}
