"""Every change to a claim's status or assignee goes through here, so each one leaves a Review row."""

import unicodedata

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now

from factcheck.claims.models import Claim, Review

# Letters that render as nothing: Hangul fillers and the blank Braille pattern.
FILLERS = set("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> str:
    """The text without what shows as nothing: format characters (zero-width spaces, joiners, BOMs),
    fillers and outer spaces; empty when only combining marks, with nothing to sit on, are left."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in FILLERS).strip()
    if all(ch.isspace() or unicodedata.category(ch).startswith(("M", "Z", "C")) for ch in kept):
        return ""
    return kept


class StaleClaim(Exception):
    """The claim changed after the reviewer loaded it."""


class NoteRequired(Exception):
    """A dispute must say why."""


class NothingToRecord(Exception):
    """The decision repeats the claim's status with no note or evidence: there is nothing new to keep."""


def record_decision(
    *,
    claim: Claim,
    reviewer: AbstractBaseUser,
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
    with transaction.atomic():
        # The version guard makes the update and the check one statement: two reviewers can't both win.
        changed = Claim.objects.filter(pk=claim.pk, version=version).update(
            status=status, version=F("version") + 1, updated_at=Now()
        )
        if not changed:
            raise StaleClaim
        review = Review.objects.create(
            claim=claim,
            reviewer=reviewer,
            old_status=claim.status,
            new_status=status,
            note=note.strip(),
            evidence_url=evidence_url,
            evidence_excerpt=evidence_excerpt.strip(),
        )
    claim.refresh_from_db(fields=["status", "version", "updated_at"])
    return review


def repeats_last_decision(*, claim: Claim, by: AbstractBaseUser, status: str, note: str) -> bool:
    """Whether the claim's latest verdict is this very one, sent twice (a double click without JavaScript)."""
    last = claim.reviews.filter(assignment=False).order_by("-pk").first()
    return bool(
        last and last.reviewer_id == by.pk and last.new_status == status and last.note == note.strip()
    )


def assign_claim(*, claim: Claim, assignee: AbstractBaseUser | None, by: AbstractBaseUser) -> Review:
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
