"""One record per real-world source: merging two sources into one, and splitting a wrong merge off again.

A merge moves the merged source's claims, chain links, outlets and aliases to the source kept, keeps its
name as an alias that imports match, and deletes it. Every claim moved gets a row in its history, and
every merge and split is recorded with the ids of the rows it moved, so a split moves back exactly those.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Now

from factcheck.claims import database
from factcheck.claims.imports import chunks
from factcheck.claims.models import (
    Article,
    ChainLink,
    Claim,
    Review,
    Source,
    SourceAlias,
    SourceMerge,
)

MERGED = "Sources merged by an editor."
SPLIT = "Source split off again by an editor."


class SameSource(Exception):
    """A source can't be merged into itself."""


class AnonymousSource(Exception):
    """Anonymous sources are described per article, not one per real-world source: they aren't merged."""


class NameTaken(Exception):
    """Another source has the alias's name meanwhile, so it can't become a source of its own."""


def merge_sources(*, keep: Source, merge: Source, by: User) -> SourceMerge:
    """Move everything of `merge` to `keep`, keep its name as an alias of `keep`, and delete it."""
    if keep.pk == merge.pk:
        raise SameSource
    if keep.is_anonymous or merge.is_anonymous:
        raise AnonymousSource
    with transaction.atomic():
        # Locked in pk order: two merges of the same sources wait for each other instead of interleaving.
        locked = Source.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk]).order_by("pk")
        fresh = {source.pk: source for source in locked}
        if len(fresh) != 2:
            raise Source.DoesNotExist  # merged into another or deleted meanwhile
        keep, merge = fresh[keep.pk], fresh[merge.pk]
        claim_ids, link_ids = _move(
            old=merge, new=keep, claims=Claim.objects.all(), links=ChainLink.objects.all(), by=by, note=MERGED
        )
        article_ids = sorted(merge.articles.values_list("pk", flat=True))
        alias_ids = sorted(merge.aliases.values_list("pk", flat=True))
        record = SourceMerge.objects.create(
            action=SourceMerge.Action.MERGE,
            source=keep,
            kept=keep.name,
            alias=merge.name,
            claim_ids=claim_ids,
            link_ids=link_ids,
            article_ids=article_ids,
            alias_ids=alias_ids,
            by=by,
        )
        Article.objects.filter(outlet=merge).update(outlet=keep)
        SourceAlias.objects.filter(source=merge).update(source=keep)
        merge.delete()  # nothing refers to it any more; its alias keeps what split_alias needs
        SourceAlias.objects.create(
            source=keep,
            name=merge.name,
            kind=merge.kind,
            description=merge.description,
            url=merge.url,
            merge=record,
        )
    return record


def split_alias(*, alias: SourceAlias, by: User) -> SourceMerge:
    """Make the alias a source of its own again, and move back what its merge moved, as far as unchanged."""
    with transaction.atomic():
        # Split off meanwhile, it is gone: SourceAlias.DoesNotExist.
        alias = SourceAlias.objects.select_for_update().select_related("merge").get(pk=alias.pk)
        kept = Source.objects.select_for_update().get(pk=alias.source_id)
        if Source.objects.named().filter(normalised_name=alias.normalised_name).exists():
            raise NameTaken
        merge = alias.merge
        alias.delete()
        source = Source.objects.create(
            name=alias.name, kind=alias.kind, description=alias.description, url=alias.url
        )
        # Only what still points at the source kept: a claim edited to another source since stays as it is.
        claim_ids, link_ids = _move(
            old=kept,
            new=source,
            claims=Claim.objects.filter(pk__in=merge.claim_ids),
            links=ChainLink.objects.filter(pk__in=merge.link_ids),
            by=by,
            note=SPLIT,
        )
        articles = Article.objects.filter(pk__in=merge.article_ids, outlet=kept)
        article_ids = sorted(articles.values_list("pk", flat=True))
        articles.update(outlet=source)
        aliases = SourceAlias.objects.filter(pk__in=merge.alias_ids, source=kept)
        alias_ids = sorted(aliases.values_list("pk", flat=True))
        aliases.update(source=source)
        record = SourceMerge.objects.create(
            action=SourceMerge.Action.SPLIT,
            source=kept,
            kept=kept.name,
            alias=source.name,
            claim_ids=claim_ids,
            link_ids=link_ids,
            article_ids=article_ids,
            alias_ids=alias_ids,
            by=by,
        )
    return record


def _move(
    *, old: Source, new: Source, claims: QuerySet, links: QuerySet, by: User, note: str
) -> tuple[list[int], list[int]]:
    """Point those of `claims` and `links` that are `old`'s at `new`; each claim's history says so.

    The claims' status stays: the source is the same, under one record. Their version moves on, so an
    edit form opened before the move can't put the old source back.
    """
    claim_ids = set(claims.filter(source=old).values_list("pk", flat=True))
    hops = dict(links.filter(source=old).values_list("pk", "claim_id"))
    touched = sorted(claim_ids | set(hops.values()))
    chains = ChainLink.objects.select_related("source").order_by("position")
    reviews = []
    for part in chunks(touched):
        for claim in Claim.objects.filter(pk__in=part).prefetch_related(Prefetch("links", queryset=chains)):
            changes: dict[str, list[str] | list[list[str]]] = {}  # what changed: [before, after]
            if claim.pk in claim_ids:
                changes["source"] = [old.name, new.name]
            chain = list(claim.links.all())
            if any(link.pk in hops for link in chain):
                after = [new.name if link.pk in hops else link.source.name for link in chain]
                changes["chain"] = [[link.source.name for link in chain], after]
            reviews.append(
                Review(
                    claim=claim,
                    reviewer=by,
                    old_status=claim.status,
                    new_status=claim.status,
                    note=note,
                    changes=changes,
                )
            )
    database.lock_sources({old.pk, new.pk})  # as a chain's edit does: its hops' totals change
    for part in chunks(sorted(claim_ids)):
        Claim.objects.filter(pk__in=part).update(source=new)
    for part in chunks(touched):
        Claim.objects.filter(pk__in=part).update(version=F("version") + 1, updated_at=Now())
    for part in chunks(sorted(hops)):
        ChainLink.objects.filter(pk__in=part).update(source=new)
    Review.objects.bulk_create(reviews)
    return sorted(claim_ids), sorted(hops)
