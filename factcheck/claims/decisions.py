"""Every change to a claim goes through here, so each one leaves a Review row in its history.

Its status and assignee, and what it says and whom it is attributed to (edits), whether it is a claim
at all (withdrawals), whether its review is public (publishing), and how it stands to claims of other
articles (links). The reviewer screens, the admin and its bulk actions all call these functions.
"""

import unicodedata
from contextlib import suppress
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Now

from factcheck.claims import database
from factcheck.claims.exceptions import (
    BadLink,
    BadSpan,
    ClaimWithdrawn,
    NoteRequired,
    NothingToRecord,
    NotPublishable,
    StaleClaim,
)
from factcheck.claims.imports import sources_for
from factcheck.claims.models import Article, ChainLink, Claim, ClaimLink, Review, Source

__all__ = [
    "BadLink",
    "BadSpan",
    "ClaimWithdrawn",
    "NoteRequired",
    "NothingToRecord",
    "NotPublishable",
    "StaleClaim",
]  # raised here, caught by callers

# Letters that render as nothing: Hangul fillers and the blank Braille pattern.
FILLERS = set("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> str:
    """The text without what shows as nothing: format characters (zero-width spaces, joiners, BOMs),
    fillers and outer spaces; empty when only combining marks, with nothing to sit on, are left."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in FILLERS).strip()
    if all(ch.isspace() or unicodedata.category(ch).startswith(("M", "Z", "C")) for ch in kept):
        return ""
    return kept


def record_decision(
    *,
    claim: Claim,
    reviewer: User,
    status: str,
    note: str,
    version: int,
    evidence_url: str = "",
    evidence_excerpt: str = "",
) -> Review:
    """Set the claim's status if it is still at `version`, and write the decision into its history.

    `claim` is the row as the caller loaded it: its status is the "before" of the history row.
    """
    if status == Claim.Status.DISPUTED and not visible(note):
        raise NoteRequired
    if version != claim.version:
        raise StaleClaim  # the form was for an older state: the reviewer must see what changed first
    if status == claim.status and not (visible(note) or evidence_url or visible(evidence_excerpt)):
        raise NothingToRecord
    unpublish = unpublished_by(claim, status)
    with transaction.atomic():
        # The version guard makes the update and the check one statement: two reviewers can't both win.
        changed = Claim.objects.filter(pk=claim.pk, version=version, withdrawn=False).update(
            status=status, version=F("version") + 1, updated_at=Now(), **unpublish
        )
        if not changed:
            raise gone_or_stale(claim)
        review = Review.objects.create(
            claim=claim,
            reviewer=reviewer,
            old_status=claim.status,
            new_status=status,
            note=note.strip(),
            evidence_url=evidence_url,
            evidence_excerpt=evidence_excerpt.strip(),
            changes={"published": [True, False]} if unpublish else None,
        )
    # The assignee too: an assignment moves no version, so it may have changed since the claim was read.
    claim.refresh_from_db(
        fields=["status", "version", "updated_at", "published_at", "assignee"],
        from_queryset=Claim.objects.select_related("assignee"),
    )
    return review


def unpublished_by(claim: Claim, status: str) -> dict:
    """The update that takes a published claim's review down when its verdict changes: the public only
    ever sees a verdict an editor chose to publish. `claim` is at the version the change is guarded by."""
    return {"published_at": None} if claim.published_at and status != claim.status else {}


def gone_or_stale(claim: Claim) -> StaleClaim:
    """Why a version-guarded update changed nothing: the claim was withdrawn, or changed meanwhile."""
    if Claim.objects.filter(pk=claim.pk, withdrawn=True).exists():
        return ClaimWithdrawn()
    return StaleClaim()


def repeats_last_decision(*, claim: Claim, by: User, status: str, note: str) -> bool:
    """Whether the claim's latest verdict is this very one, sent twice (a double click without JavaScript)."""
    last = claim.reviews.filter(assignment=False).exclude(changes__has_key="link").order_by("-pk").first()
    return bool(
        last and last.reviewer_id == by.pk and last.new_status == status and last.note == note.strip()
    )


def assign_claim(*, claim: Claim, assignee: User | None, by: User) -> Review:
    """Give the claim to a reviewer (or nobody) and note it in the history; the status is untouched."""
    with transaction.atomic():
        if not Claim.objects.filter(pk=claim.pk).update(assignee=assignee, updated_at=Now()):
            raise Claim.DoesNotExist  # deleted meanwhile
        claim.refresh_from_db(fields=["status", "assignee", "updated_at"])
        who = assignee.get_username() if assignee else "nobody"
        return Review.objects.create(
            claim=claim,
            reviewer=by,
            old_status=claim.status,
            new_status=claim.status,
            note=f"Assigned to {who}.",
            assignment=True,
        )


# What a decision was about: changing any of these sends a confirmed or disputed claim back to unverified.
SUBSTANCE = {"text", "span", "source", "chain"}


@dataclass(frozen=True)
class Attribution:
    """Whom a claim is attributed to, as a reviewer typed it: names from the outermost reporter to the
    source, matched as imports match them. A source not stored yet is made with this kind (guessed from
    the name when empty) and description."""

    names: list[str]
    kind: str = ""
    description: str = ""

    def sources(self, article: Article) -> list[Source]:
        if not self.names:
            return []
        [chain] = sources_for([self.names], [self.description], article=article)
        speaker = chain[-1]
        fresh = not (speaker.claims.exists() or speaker.chain_links.exists())
        if self.kind and fresh and self.kind != speaker.kind:
            with suppress(IntegrityError), transaction.atomic():  # a named source of that name exists
                Source.objects.filter(pk=speaker.pk).update(kind=self.kind)
                speaker.kind = self.kind
        return chain


def described(claim: Claim) -> dict:
    """The claim's editable facts as its history shows them: names, not ids."""
    return {
        "text": claim.text,
        "span": [claim.start, claim.end],
        "source": claim.source.name if claim.source else None,
        "chain": [source.name for source in claim.chain],
        "cue": claim.cue,
        "hedge": claim.hedge,
    }


def edit_claim(
    *,
    claim: Claim,
    by: User,
    version: int,
    text: str,
    start: int,
    end: int,
    chain: list[Source] | Attribution,
    cue: str = "",
    hedge: str = "",
    note: str = "",
) -> Review:
    """Change what the claim says or whom it is attributed to, and record each change before → after.

    `chain` runs from the outermost reporter to the source, as Sources or as typed names (Attribution);
    empty for the article's own statement.
    Changing the text, span, source or chain of a decided claim returns it to unverified: the decision
    was about something else. `claim` is the row as the caller loaded it, chain prefetched or not.
    """
    if not 0 <= start < end <= len(claim.article.text):
        raise BadSpan("The passage must lie inside the article text.")
    if version != claim.version:
        raise StaleClaim
    text_of = claim.article.text
    if (
        claim.start <= start
        and end <= claim.end
        and text_of[start:end] == text_of[claim.start : claim.end].strip()
    ):
        start, end = claim.start, claim.end  # the same words without the spaces around them: no move
    with transaction.atomic():  # a source made for the edit goes again if the edit does not happen
        sources = chain.sources(claim.article) if isinstance(chain, Attribution) else chain
        changes = changes_between(claim, sources, text=text, start=start, end=end, cue=cue, hedge=hedge)
        if not changes:
            raise NothingToRecord
        status = Claim.Status.UNVERIFIED if changes.keys() & SUBSTANCE else claim.status
        unpublish = unpublished_by(claim, status)
        if "chain" in changes or "source" in changes:  # two chains rewritten at once wait for each other
            database.lock_sources({s.pk for s in sources} | set(claim.links.values_list("source", flat=True)))
        try:
            with transaction.atomic():
                changed = Claim.objects.filter(pk=claim.pk, version=version, withdrawn=False).update(
                    text=text.strip(),
                    start=start,
                    end=end,
                    source=sources[-1] if sources else None,
                    unattributed=not sources,
                    cue=cue.strip(),
                    hedge=hedge.strip(),
                    status=status,
                    version=F("version") + 1,
                    updated_at=Now(),
                    **unpublish,
                )
        except IntegrityError as clash:  # the one-claim-per-passage constraint
            raise BadSpan("Another claim covers exactly this passage already.") from clash
        if not changed:
            raise gone_or_stale(claim)
        if unpublish:
            changes["published"] = [True, False]
        if "chain" in changes or "source" in changes:
            # A hop that keeps its source and place keeps its check; a new one starts unchecked.
            links = ChainLink.objects.filter(claim=claim)
            checked = {
                (p, s): verdict for p, s, verdict in links.values_list("position", "source", "verdict")
            }
            links.delete()
            ChainLink.objects.bulk_create(
                ChainLink(
                    claim=claim,
                    position=i,
                    source=source,
                    verdict=checked.get((i, source.pk), ChainLink.Verdict.UNCHECKED),
                )
                for i, source in enumerate(sources)
            )
        review = Review.objects.create(
            claim=claim,
            reviewer=by,
            old_status=claim.status,
            new_status=status,
            note=note.strip(),
            changes=changes,
        )
    claim.refresh_from_db()
    return review


def changes_between(claim: Claim, chain: list[Source], **facts) -> dict:
    """Each field of the claim that `facts` and `chain` change, as [before, after]."""
    before = described(claim)
    after = {"text": facts["text"].strip(), "span": [facts["start"], facts["end"]]}
    after |= {"source": chain[-1].name if chain else None, "chain": [source.name for source in chain]}
    after |= {"cue": facts["cue"].strip(), "hedge": facts["hedge"].strip()}
    # The chain compares by source, not by name: two sources may share a spelling.
    same_chain = [s.pk for s in claim.chain] == [s.pk for s in chain]
    return {
        field: [before[field], after[field]]
        for field in before
        if before[field] != after[field] or (field == "chain" and not same_chain)
    }


def add_claim(
    *,
    article: Article,
    by: User,
    text: str,
    start: int,
    end: int,
    chain: list[Source] | Attribution,
    cue: str = "",
    hedge: str = "",
    note: str = "",
) -> Claim:
    """Add a claim the extractor missed to the queue, unverified; its history starts with who added it."""
    if not 0 <= start < end <= len(article.text):
        raise BadSpan("The passage must lie inside the article text.")
    with transaction.atomic():  # a source made for the claim goes again if the claim is refused
        sources = chain.sources(article) if isinstance(chain, Attribution) else chain
        try:
            with transaction.atomic():
                claim = Claim.objects.create(
                    article=article,
                    text=text.strip() or article.text[start:end],
                    start=start,
                    end=end,
                    source=sources[-1] if sources else None,
                    unattributed=not sources,
                    cue=cue.strip(),
                    hedge=hedge.strip(),
                )
        except IntegrityError as clash:  # the one-claim-per-passage constraint
            raise BadSpan("Another claim covers exactly this passage already.") from clash
        ChainLink.objects.bulk_create(
            ChainLink(claim=claim, position=i, source=source) for i, source in enumerate(sources)
        )
        record_added(claim=claim, by=by, note=note)
    return claim


def record_added(*, claim: Claim, by: User, note: str = "") -> Review:
    """The first row of a claim's history: who added it, with what it said and whom it was attributed to.
    add_claim writes it; so does the admin, which saves a new claim and its chain in steps of its own."""
    return Review.objects.create(
        claim=claim,
        reviewer=by,
        old_status=claim.status,
        new_status=claim.status,
        note=note.strip(),
        changes={"added": [None, described(claim)]},
    )


def withdraw_claim(*, claim: Claim, by: User, version: int, reason: str) -> Review:
    """Take a passage that is no claim out of the queue and the highlights; its history stays."""
    if not visible(reason):
        raise NoteRequired
    return _set_withdrawn(claim=claim, by=by, version=version, withdrawn=True, note=reason)


def restore_claim(*, claim: Claim, by: User, version: int, note: str = "") -> Review:
    """Bring a withdrawn claim back into the queue, with the status it had."""
    return _set_withdrawn(claim=claim, by=by, version=version, withdrawn=False, note=note)


def _set_withdrawn(*, claim: Claim, by: User, version: int, withdrawn: bool, note: str) -> Review:
    with transaction.atomic():
        current = Claim.objects.filter(pk=claim.pk, version=version, withdrawn=not withdrawn)
        unpublish = {"published_at": None} if withdrawn and claim.published_at else {}  # not a claim
        try:
            with transaction.atomic():
                updated = current.update(
                    withdrawn=withdrawn, version=F("version") + 1, updated_at=Now(), **unpublish
                )
        except IntegrityError as clash:  # restoring onto the passage a claim took after the withdrawal
            raise BadSpan(
                "Another claim covers exactly this passage now: edit or withdraw that one first."
            ) from clash
        if not updated:
            raise StaleClaim
        review = Review.objects.create(
            claim=claim,
            reviewer=by,
            old_status=claim.status,
            new_status=claim.status,
            note=note.strip(),
            changes={"withdrawn": [not withdrawn, withdrawn]}
            | ({"published": [True, False]} if unpublish else {}),
        )
    claim.refresh_from_db(fields=["withdrawn", "version", "updated_at", "published_at"])
    return review


def publish_claim(*, claim: Claim, by: User, version: int, public: bool, note: str = "") -> Review:
    """Make the claim's review public (ClaimReview) or take it down again, an editor's call, and record it.

    Only a confirmed or disputed claim is published; a later change of its verdict takes it down.
    """
    if version != claim.version:
        raise StaleClaim  # the editor saw another verdict, or none: they must see what changed first
    if public and (claim.status == Claim.Status.UNVERIFIED or claim.withdrawn):
        raise NotPublishable
    if public == bool(claim.published_at):
        raise NothingToRecord
    with transaction.atomic():
        current = Claim.objects.filter(pk=claim.pk, version=version, withdrawn=False)
        if public:  # the check constraint backs this: a verdict changed meanwhile fails the version guard
            current = current.exclude(status=Claim.Status.UNVERIFIED)
        if not current.update(
            published_at=Now() if public else None, version=F("version") + 1, updated_at=Now()
        ):
            raise gone_or_stale(claim)
        review = Review.objects.create(
            claim=claim,
            reviewer=by,
            old_status=claim.status,
            new_status=claim.status,
            note=note.strip(),
            changes={"published": [not public, public]},
        )
    claim.refresh_from_db(fields=["published_at", "version", "updated_at"])
    return review


def check_hop(
    *,
    claim: Claim,
    by: User,
    version: int,
    position: int,
    verdict: str,
    note: str = "",
    evidence_url: str = "",
    evidence_excerpt: str = "",
) -> Review:
    """Record whether one hop of the claim's chain holds: did its source really say what the chain has it
    pass on? The claim's status, the verdict on its substance, stays as it is.

    `claim` is the row as the caller loaded it; the hop is the chain link at `position`.
    """
    if verdict == ChainLink.Verdict.MISATTRIBUTED and not visible(note):
        raise NoteRequired
    if version != claim.version:
        raise StaleClaim
    link = ChainLink.objects.select_related("source").filter(claim=claim, position=position).first()
    if link is None:
        raise ChainLink.DoesNotExist
    if verdict == link.verdict and not (visible(note) or evidence_url or visible(evidence_excerpt)):
        raise NothingToRecord
    with transaction.atomic():
        # The claim's version guards its chain too: an edit or another check of it since is a conflict.
        if not Claim.objects.filter(pk=claim.pk, version=version, withdrawn=False).update(
            version=F("version") + 1, updated_at=Now()
        ):
            raise gone_or_stale(claim)
        ChainLink.objects.filter(pk=link.pk).update(verdict=verdict)
        review = Review.objects.create(
            claim=claim,
            reviewer=by,
            old_status=claim.status,
            new_status=claim.status,
            note=note.strip(),
            evidence_url=evidence_url,
            evidence_excerpt=evidence_excerpt.strip(),
            changes={
                "hop": {"position": position, "source": link.source.name, "verdict": [link.verdict, verdict]}
            },
        )
    claim.refresh_from_db(fields=["version", "updated_at"])
    return review


def link_claims(*, claim: Claim, other: Claim, relation: str, by: User) -> ClaimLink:
    """Record how `claim` stands to `other`, a claim of another article (or dismiss the suggestion), and
    write it into both claims' histories. Neither claim's status or version moves: a link is no verdict.

    A pair has one link; a new relation replaces the old one in the link, and the histories keep both.
    """
    if relation not in ClaimLink.Relation.values:
        raise BadLink("Choose how the claims stand to each other.")
    if claim.pk == other.pk or claim.article_id == other.article_id:
        raise BadLink("A claim is linked only to a claim of another article.")
    if claim.withdrawn or other.withdrawn:
        raise BadLink("A withdrawn claim is no claim to link.")
    low, high = sorted([claim, other], key=lambda c: c.pk)
    with transaction.atomic():
        # Locks the pair's row, if there is one, so two reviewers' links are recorded one after the other.
        link = ClaimLink.objects.select_for_update().filter(low=low, high=high).first()
        before = link.relation if link else None
        if before == relation:
            raise NothingToRecord
        if link is None:
            try:
                with transaction.atomic():
                    link = ClaimLink.objects.create(low=low, high=high, relation=relation, by=by)
            except IntegrityError:  # linked by someone else a moment ago: theirs is the "before"
                link = ClaimLink.objects.select_for_update().get(low=low, high=high)
                before = link.relation
                if before == relation:
                    raise NothingToRecord from None
        if before is not None:
            ClaimLink.objects.filter(pk=link.pk).update(relation=relation, by=by, updated_at=Now())
            link.refresh_from_db()
        statuses = dict(Claim.objects.filter(pk__in=[low.pk, high.pk]).values_list("pk", "status"))
        Review.objects.bulk_create(
            Review(
                claim_id=this.pk,
                reviewer=by,
                old_status=statuses[this.pk],
                new_status=statuses[this.pk],
                changes={"link": {"claim": that.pk, "text": that.text[:200], "relation": [before, relation]}},
            )
            for this, that in ((claim, other), (other, claim))
        )
    return link
