"""Bringing articles in: store the text once, let the extractor suggest claims, accept them as claims."""

import datetime
import re

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from factcheck.claims.models import (
    MAX_ARTICLE_CHARS,
    Article,
    ChainLink,
    Claim,
    Source,
    Suggestion,
    text_fingerprint,
)
from factcheck.extraction import extract
from factcheck.extraction.extractor import looks_like_person
from factcheck.extraction.names import normalise_name

NEWS_AGENCIES = {
    "afp",
    "reuters",
    "ap",
    "associated press",
    "agence france-presse",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
}
OUTLET_WORDS = re.compile(
    r"\b(?:times|post|herald|guardian|courier|observer|sentinel|gazette|daily|journal|tribune|chronicle|radio|"
    r"tv|television|news|online|website|press|magazine|newspaper|broadcaster)\b",
    re.IGNORECASE,
)
ANONYMOUS_START = re.compile(
    r"^(?:a|an|one|two|three|four|five|several|some|many|sources?|officials?|people|residents|witnesses)\b",
    re.IGNORECASE,
)


class SuggestionDecided(Exception):
    """Someone accepted or rejected this suggestion already."""


class BadSpan(Exception):
    """The span does not lie inside the article text, or another claim has exactly this span already."""


def html_to_text(html: str) -> str:
    """The article text of an HTML page, without navigation, ads and comments (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:  # a page too small for trafilatura's article heuristics: take all its visible text
        text = trafilatura.baseline(html)[1]
    return text or ""


def find_existing(*, url: str, text: str) -> Article | None:
    """The article already stored under this URL or with this text, if any."""
    match = Q(text_hash=text_fingerprint(text))
    if url:
        match |= Q(url=url)
    return Article.objects.filter(match).first()


def import_article(
    *,
    title: str,
    text: str,
    url: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
) -> tuple[Article, bool]:
    """Store the article and the extractor's suggestions; an article seen before is returned as it is."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValueError(f"The text is longer than {MAX_ARTICLE_CHARS:,} characters.")
    if existing := find_existing(url=url, text=text):
        return existing, False
    suggestions = extract(text)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                text=text,
                url=url,
                published_on=published_on,
                outlet=named_source(outlet, Source.Kind.NEWS_OUTLET) if outlet.strip() else None,
            )
            Suggestion.objects.bulk_create(
                Suggestion(
                    article=article,
                    text=s.text,
                    start=s.start,
                    end=s.end,
                    attributed=s.attributed,
                    chain=s.chain,
                    description=(s.description or "")[:500],
                    cue=(s.cue or "")[:100],
                    hedge=(s.hedge or "")[:100],
                )
                for s in suggestions
            )
    except IntegrityError:  # imported by someone else a moment ago
        if existing := find_existing(url=url, text=text):
            return existing, False
        raise
    return article, True


def guess_kind(name: str) -> str:
    """A first guess at a new source's kind; editors correct it in the admin."""
    if normalise_name(name) in NEWS_AGENCIES:
        return Source.Kind.NEWS_AGENCY
    if ANONYMOUS_START.match(name):
        return Source.Kind.ANONYMOUS
    if OUTLET_WORDS.search(name):
        return Source.Kind.NEWS_OUTLET
    if looks_like_person(name):
        return Source.Kind.PERSON
    return Source.Kind.OFFICIAL


def named_source(name: str, kind: str, description: str = "") -> Source:
    """The source stored under this name's normalised form, created if new."""
    name = name.strip()[:300]
    key = Source.key_for(name)
    if not key:
        raise ValueError(f"{name!r} is not a source's name.")
    if found := Source.objects.exclude(kind=Source.Kind.ANONYMOUS).filter(normalised_name=key).first():
        return found
    try:
        with transaction.atomic():
            return Source.objects.create(name=name, kind=kind, description=description[:500])
    except IntegrityError:  # created by a concurrent import
        return Source.objects.exclude(kind=Source.Kind.ANONYMOUS).get(normalised_name=key)


def source_for(name: str, *, article: Article, description: str = "") -> Source:
    """Match a name from the text to a Source: named ones across articles, anonymous ones within this one."""
    name = name.strip()[:300]
    kind = guess_kind(name)
    if kind != Source.Kind.ANONYMOUS:
        return named_source(name, kind, description)
    key = Source.key_for(name)
    in_article = Source.objects.filter(kind=Source.Kind.ANONYMOUS, normalised_name=key)
    in_article = in_article.filter(Q(claims__article=article) | Q(chain_links__claim__article=article))
    if found := in_article.first():
        return found
    return Source.objects.create(name=name, kind=kind, description=description[:500])


def known_sources(names: list[str]) -> set[str]:
    """The normalised names among `names` that are already stored as named sources (one query)."""
    keys = {Source.key_for(n) for n in names}
    stored = Source.objects.exclude(kind=Source.Kind.ANONYMOUS).filter(normalised_name__in=keys)
    return set(stored.values_list("normalised_name", flat=True))


def accept_suggestion(
    *,
    suggestion: Suggestion,
    by: AbstractBaseUser,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    chain: list[str] | None = None,
    cue: str | None = None,
    hedge: str | None = None,
) -> Claim:
    """Turn the suggestion, as edited, into a claim in the queue; it can be decided only once."""
    article = suggestion.article
    start = suggestion.start if start is None else start
    end = suggestion.end if end is None else end
    if not 0 <= start < end <= len(article.text):
        raise BadSpan("The span must lie inside the article text.")
    # A name that is only punctuation or "the" names nobody; without any name the claim is unattributed.
    chain = [name for name in (suggestion.chain if chain is None else chain) if normalise_name(name)]
    with transaction.atomic():
        # The state guard makes "still pending" and "now accepted" one statement: only one reviewer wins.
        if not Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.PENDING).update(
            state=Suggestion.State.ACCEPTED, decided_by=by, decided_at=timezone.now()
        ):
            raise SuggestionDecided
        if article.claims.filter(start=start, end=end).exists():  # the database's unique span is the backstop
            raise BadSpan("Another claim covers exactly this passage already.")
        # The description the extractor found belongs to the speaker, the chain's last link.
        last = len(chain) - 1
        sources = [
            source_for(name, article=article, description=suggestion.description if i == last else "")
            for i, name in enumerate(chain)
        ]
        try:
            with transaction.atomic():
                claim = Claim.objects.create(
                    article=article,
                    text=(text if text is not None else suggestion.text).strip() or article.text[start:end],
                    start=start,
                    end=end,
                    source=sources[-1] if sources else None,
                    unattributed=not sources,
                    cue=suggestion.cue if cue is None else cue,
                    hedge=suggestion.hedge if hedge is None else hedge,
                )
        except IntegrityError as clash:  # a claim on this very span was accepted a moment ago
            raise BadSpan("Another claim covers exactly this passage already.") from clash
        ChainLink.objects.bulk_create(
            ChainLink(claim=claim, position=i, source=source) for i, source in enumerate(sources)
        )
        # The suggestion keeps what was accepted, edits included, so its card shows what reached the queue.
        Suggestion.objects.filter(pk=suggestion.pk).update(
            claim=claim,
            text=claim.text,
            start=start,
            end=end,
            chain=chain,
            attributed=bool(chain),
            cue=claim.cue,
            hedge=claim.hedge,
        )
    suggestion.refresh_from_db()
    return claim


def reject_suggestion(*, suggestion: Suggestion, by: AbstractBaseUser) -> None:
    """Set the suggestion aside; it never reaches the queue."""
    if not Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.PENDING).update(
        state=Suggestion.State.REJECTED, decided_by=by, decided_at=timezone.now()
    ):
        raise SuggestionDecided
    suggestion.refresh_from_db()
