"""Bringing articles in: store the text once, let the extractor suggest claims, accept them as claims."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from factcheck.claims.exceptions import BadSpan
from factcheck.claims.models import (
    MAX_ARTICLE_CHARS,
    Article,
    ChainLink,
    Claim,
    Source,
    SourceAlias,
    Suggestion,
    text_fingerprint,
)
from factcheck.extraction import extract
from factcheck.extraction.kinds import guess_kind


class SuggestionDecided(Exception):
    """Someone accepted or rejected this suggestion already."""


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
                    cue_class=s.cue_class or "",
                    confidence=s.confidence,
                    reasons=s.reasons,
                )
                for s in suggestions
            )
    except IntegrityError:  # imported by someone else a moment ago
        if existing := find_existing(url=url, text=text):
            return existing, False
        raise
    return article, True


def named_source(name: str, kind: str, description: str = "") -> Source:
    """The source stored under this name's normalised form, created if new."""
    name = name.strip()[:300]
    key = Source.key_for(name)
    if not key:
        raise ValueError(f"{name!r} is not a source's name.")
    if found := named_sources([key]).get(key):
        return found
    try:
        with transaction.atomic():
            return Source.objects.create(name=name, kind=kind, description=description[:500])
    except IntegrityError:  # created by a concurrent import
        return Source.objects.named().get(normalised_name=key)


def named_sources(keys: list[str]) -> dict[str, Source]:
    """The named sources under these normalised names, or with an alias under them (one query)."""
    # The left join finds a source by its own name or by one of its aliases' in the same rows.
    matches = (
        Source.objects.named()
        .annotate(alias=FilteredRelation("aliases", condition=Q(aliases__normalised_name__in=list(keys))))
        .filter(Q(normalised_name__in=keys) | Q(alias__isnull=False))
        .annotate(alias_key=F("alias__normalised_name"))
    )
    wanted = set(keys)
    found: dict[str, Source] = {}
    for source in matches:
        if source.normalised_name in wanted:
            found[source.normalised_name] = source
        if source.alias_key:
            found[source.alias_key] = source
    return found


def chunks(items: list, size: int = 5_000) -> Iterator[list]:
    """`items` in slices small enough for one statement's parameters on any database."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def sources_for(chains: list[list[str]], descriptions: list[str], *, article: Article) -> list[list[Source]]:
    """Match the names of many chains to Sources at once, creating the missing ones.

    Named sources are matched by normalised name across articles, anonymous ones only within this
    article; a new source takes its spelling and kind from its first mention, and its description from
    the first mention that has one. The description goes to the chain's last link, the speaker.
    """
    firsts: dict[tuple[bool, str], Source] = {}  # (anonymous, key) -> the source as first mentioned
    keys_of: dict[str, tuple[bool, str]] = {}  # each spelling's key, worked out once per spelling
    keyed = []
    for chain, description in zip(chains, descriptions, strict=True):
        keys = []
        for i, name in enumerate(chain):
            name = name.strip()[:300]
            speaker = description[:500] if i == len(chain) - 1 else ""
            if name not in keys_of:
                kind = guess_kind(name, speaker)
                keys_of[name] = key = (kind == Source.Kind.ANONYMOUS, Source.key_for(name))
                firsts.setdefault(
                    key, Source(name=name, normalised_name=key[1], kind=kind, description=speaker)
                )
            first = firsts[keys_of[name]]
            # "Blue Rivers said" before "Environmental group Blue Rivers said": the later mention describes
            if speaker and not first.description:
                first.description = speaker
                if first.kind != Source.Kind.ANONYMOUS:
                    first.kind = guess_kind(first.name, speaker)
            keys.append(keys_of[name])
        keyed.append(keys)
    named = [key for anonymous, key in firsts if not anonymous]
    anonymous = [key for is_anonymous, key in firsts if is_anonymous]
    found = stored_sources(named, anonymous, article=article)
    # Named sources are unique: one created meanwhile by another import wins, and is read back below.
    # Created in key order, so two imports at once take the names' locks in the same order.
    missing = sorted(key for key in named if (False, key) not in found)
    Source.objects.bulk_create([firsts[(False, key)] for key in missing], ignore_conflicts=True)
    new = [firsts[(True, key)] for key in anonymous if (True, key) not in found]
    found |= {(True, source.normalised_name): source for source in Source.objects.bulk_create(new)}
    found |= stored_sources(missing, [], article=article)
    return [[found[key] for key in keys] for keys in keyed]


def stored_sources(named: list[str], anonymous: list[str], *, article: Article) -> dict:
    """The stored sources under these normalised names: named ones anywhere, anonymous ones in the article."""
    found: dict[tuple[bool, str], Source] = {}
    for part in chunks(named):
        found |= {(False, key): source for key, source in named_sources(part).items()}
    in_article = Q(claims__article=article) | Q(chain_links__claim__article=article)
    for part in chunks(anonymous):
        matches = Source.objects.filter(in_article, kind=Source.Kind.ANONYMOUS, normalised_name__in=part)
        for source in matches.order_by("-pk"):  # the oldest wins, as it always has
            found[(True, source.normalised_name)] = source
    return found


def known_sources(names: list[str]) -> set[str]:
    """The normalised names among `names` already stored as named sources or their aliases (one query)."""
    keys = {Source.key_for(n) for n in names}
    stored = Source.objects.named().filter(normalised_name__in=keys).order_by().values_list("normalised_name")
    aliases = SourceAlias.objects.filter(normalised_name__in=keys).order_by().values_list("normalised_name")
    return {key for (key,) in stored.union(aliases).order_by()}


@dataclass(frozen=True)
class Draft:
    """A claim about to be made from a suggestion, as accepted."""

    text: str
    start: int
    end: int
    chain: list[str]  # source names, outermost reporter first; none for the article's own statement
    description: str = ""  # of the speaker, the chain's last link
    cue: str = ""
    hedge: str = ""


def names_in(chain: list[str]) -> list[str]:
    """The chain without names that name nobody (only punctuation, or "the"), even cut to fit a Source."""
    return [name for name in chain if Source.key_for(name.strip()[:300])]


def create_claims(*, article: Article, drafts: list[Draft]) -> list[Claim]:
    """Create the drafts' claims with their sources and chains, in a few queries however many there are."""
    chains = sources_for([d.chain for d in drafts], [d.description for d in drafts], article=article)
    claims = Claim.objects.bulk_create(
        Claim(
            article=article,
            text=draft.text,
            start=draft.start,
            end=draft.end,
            source=chain[-1] if chain else None,
            unattributed=not chain,
            cue=draft.cue,
            hedge=draft.hedge,
        )
        for draft, chain in zip(drafts, chains, strict=True)
    )
    ChainLink.objects.bulk_create(
        ChainLink(claim=claim, position=i, source=source)
        for claim, chain in zip(claims, chains, strict=True)
        for i, source in enumerate(chain)
    )
    return claims


def accept_suggestion(
    *,
    suggestion: Suggestion,
    by: User,
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
    # Without any name that names somebody, the claim is unattributed.
    draft = Draft(
        text=(text if text is not None else suggestion.text).strip() or article.text[start:end],
        start=start,
        end=end,
        chain=names_in(suggestion.chain if chain is None else chain),
        description=suggestion.description,
        cue=suggestion.cue if cue is None else cue,
        hedge=suggestion.hedge if hedge is None else hedge,
    )
    with transaction.atomic():
        # The state guard makes "still pending" and "now accepted" one statement: only one reviewer wins.
        if not Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.PENDING).update(
            state=Suggestion.State.ACCEPTED, decided_by=by, decided_at=timezone.now()
        ):
            raise SuggestionDecided
        # The database's unique span is the backstop.
        if article.claims.current().filter(start=start, end=end).exists():
            raise BadSpan("Another claim covers exactly this passage already.")
        try:
            with transaction.atomic():
                [claim] = create_claims(article=article, drafts=[draft])
        except IntegrityError as clash:  # a claim on this very span was accepted a moment ago
            raise BadSpan("Another claim covers exactly this passage already.") from clash
        # The suggestion keeps what was accepted, edits included, so its card shows what reached the queue.
        Suggestion.objects.filter(pk=suggestion.pk).update(
            claim=claim,
            text=claim.text,
            start=start,
            end=end,
            chain=draft.chain,
            attributed=bool(draft.chain),
            cue=claim.cue,
            hedge=claim.hedge,
        )
    suggestion.refresh_from_db()
    return claim


class AcceptedAll(NamedTuple):
    accepted: int
    skipped: int  # left pending: their passage is outside the text or already a claim's


def accept_all(*, article: Article, by: User, at_least: float = 0.0, kind: str | None = None) -> AcceptedAll:
    """Accept the article's pending suggestions the extractor was at least this sure of (of one of
    Suggestion.KINDS, or of any), as they stand, by the rules of `accept_suggestion`."""
    try:
        return _accept_pending(article=article, by=by, at_least=at_least, kind=kind)
    except (IntegrityError, SuggestionDecided):  # a claim or decision slipped in meanwhile: look again
        return _accept_pending(article=article, by=by, at_least=at_least, kind=kind)


def _accept_pending(*, article: Article, by: User, at_least: float, kind: str | None) -> AcceptedAll:
    """Accept the article's pending suggestions in one transaction, in a few statements however many."""
    with transaction.atomic():
        # Locked until commit (PostgreSQL; SQLite's immediate transactions queue): a concurrent accept,
        # single or all, waits and then finds these decided.
        pending = list(
            article.suggestions.select_for_update()
            .filter(Suggestion.of_kind(kind), state=Suggestion.State.PENDING, confidence__gte=at_least)
            .order_by("start", "pk")
        )
        taken = set(article.claims.current().order_by().values_list("start", "end"))
        winners, drafts = [], []
        for suggestion in pending:
            span = (suggestion.start, suggestion.end)
            if span in taken or not 0 <= suggestion.start < suggestion.end <= len(article.text):
                continue  # outside the text, or a claim's passage already (the first suggestion on it wins)
            taken.add(span)
            winners.append(suggestion)
            drafts.append(
                Draft(
                    text=suggestion.text.strip() or article.text[suggestion.start : suggestion.end],
                    start=suggestion.start,
                    end=suggestion.end,
                    chain=names_in(suggestion.chain),
                    description=suggestion.description,
                    cue=suggestion.cue,
                    hedge=suggestion.hedge,
                )
            )
        create_claims(article=article, drafts=drafts)
        # Each suggestion finds its claim by its span, unique in the article, in the same guarded update.
        its_claim = (
            Claim.objects.current()
            .filter(article=OuterRef("article"), start=OuterRef("start"), end=OuterRef("end"))
            .order_by()
        )
        accepted = sum(
            Suggestion.objects.filter(pk__in=[s.pk for s in part], state=Suggestion.State.PENDING).update(
                state=Suggestion.State.ACCEPTED,
                decided_by=by,
                decided_at=timezone.now(),
                claim=Subquery(its_claim.values("pk")[:1]),
            )
            for part in chunks(winners)
        )
        if accepted != len(winners):
            raise SuggestionDecided
        # As with one accept, the card then shows what reached the queue: the text and the names kept.
        changed = []
        for suggestion, draft in zip(winners, drafts, strict=True):
            if (suggestion.text, suggestion.chain) != (draft.text, draft.chain):
                suggestion.text, suggestion.chain = draft.text, draft.chain
                suggestion.attributed = bool(draft.chain)
                changed.append(suggestion)
        Suggestion.objects.bulk_update(changed, ["text", "chain", "attributed"], batch_size=500)
    return AcceptedAll(len(winners), len(pending) - len(winners))


def reject_suggestion(*, suggestion: Suggestion, by: User) -> None:
    """Set the suggestion aside; it never reaches the queue."""
    if not Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.PENDING).update(
        state=Suggestion.State.REJECTED, decided_by=by, decided_at=timezone.now()
    ):
        raise SuggestionDecided
    suggestion.refresh_from_db()
