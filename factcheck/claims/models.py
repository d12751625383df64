import hashlib
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Now, Substr
from django.urls import reverse

from factcheck.claims.folding import Fold
from factcheck.extraction.names import normalise_name

if TYPE_CHECKING:
    from factcheck.claims.forms import SuggestionForm

MAX_ARTICLE_CHARS = 200_000
MAX_CLAIM_CHARS = 5_000
MAX_NOTE_CHARS = 5_000


class SourceKind(models.TextChoices):
    NEWS_OUTLET = "news_outlet", "News outlet"
    NEWS_AGENCY = "news_agency", "News agency"
    OFFICIAL = "official", "Government or official"
    MONITOR = "monitor", "Monitoring group or NGO"
    PERSON = "person", "Person"
    ANONYMOUS = "anonymous", "Anonymous"


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"


def shorten(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def text_fingerprint(text: str) -> str:
    """A hash of the text that ignores spacing and Unicode form, so a re-pasted article is recognised."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode()).hexdigest()


class SourceQuerySet(models.QuerySet):
    def named(self):
        """Sources with a name of their own, one row per normalised name (anonymous ones are per article)."""
        return self.exclude(kind=SourceKind.ANONYMOUS)

    # Each count is a subquery per source, never a join and a GROUP BY: grouped, PostgreSQL would run the
    # chain's subquery once per joined claim, which for a wire agency with 37,000 hops took minutes.

    def with_counts(self):
        """Each source's claims by status and as speaker (`speaker`), and how many it passed on
        (`intermediary`: claims with a later hop than its own); withdrawn claims don't count."""
        from factcheck.claims.database import claims_said, hops_passed_on  # the totals kept on PostgreSQL

        per_status = {status: claims_said(status) for status in ClaimStatus.values}
        return self.annotate(**per_status, intermediary=hops_passed_on()).annotate(
            speaker=F("unverified") + F("confirmed") + F("disputed")
        )

    def with_record(self):
        """Each source's record in short: its claims confirmed and disputed, and its hops misattributed."""
        from factcheck.claims.database import claims_said, hops_misattributed  # kept on PostgreSQL

        return self.annotate(
            confirmed=claims_said(ClaimStatus.CONFIRMED),
            disputed=claims_said(ClaimStatus.DISPUTED),
            misattributed=hops_misattributed(),
        )


def counted(rows: models.QuerySet, what: str) -> Coalesce:
    """How many distinct `what` of `rows` (filtered by OuterRef("pk") to one source), as a subquery."""
    rows = rows.order_by().values("source").annotate(n=Count(what, distinct=what != "pk")).values("n")
    return Coalesce(Subquery(rows), 0)


def its_claims(**match) -> Coalesce:
    """How many current claims the source said that `match`: read off claim_source_status_idx."""
    return counted(Claim.objects.filter(source=OuterRef("pk"), withdrawn=False, **match), "pk")


class Source(models.Model):
    Kind = SourceKind

    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, editable=False)
    # The name as search compares it, kept by the database (claims/folding.py).
    folded = models.GeneratedField(expression=Fold("name"), output_field=models.TextField(), db_persist=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NEWS_OUTLET)
    description = models.CharField(
        max_length=500, blank=True, help_text="Affiliation or description as the article gives it."
    )
    url = models.URLField("URL", max_length=500, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["normalised_name", "pk"]
        constraints = [
            # Named sources are one row per normalised name; anonymous ones stay as described, per article.
            models.UniqueConstraint(
                fields=["normalised_name"],
                condition=~Q(kind="anonymous"),
                name="source_named_unique",
                violation_error_message="A source with this name already exists.",
            ),
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(condition=~Q(normalised_name=""), name="source_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = Source.key_for(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claims:source", args=[self.pk])

    @staticmethod
    def key_for(name: str) -> str:
        """The normalised name, cut to fit its column ("ß" normalises to "ss", so it can grow)."""
        return normalise_name(name)[:300]

    def clean(self):
        self.normalised_name = Source.key_for(self.name)
        if not self.normalised_name:
            raise ValidationError({"name": "Give the source a name."})
        # The unique constraint covers a field the form doesn't show, so the form can't check it itself.
        if self.kind != SourceKind.ANONYMOUS:
            same = Source.objects.named().filter(normalised_name=self.normalised_name)
            if other := same.exclude(pk=self.pk).first():
                raise ValidationError(
                    {"name": f"This is the same source as “{other}”, which already exists."}
                )
            # Imports match an alias to its source, so a source under that name would never be found.
            if alias := SourceAlias.objects.filter(normalised_name=self.normalised_name).first():
                raise ValidationError(
                    {"name": f"“{alias}” is another name of “{alias.source}”; split it off there instead."}
                )

    @property
    def is_anonymous(self) -> bool:
        return self.kind == self.Kind.ANONYMOUS


class SourceAlias(models.Model):
    """Another name of a source, left by merging a source into it; imports match it to the source.

    It keeps the merged source's kind, description and URL, so splitting it off restores that source.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, editable=False)
    kind = models.CharField(max_length=20, choices=SourceKind)
    description = models.CharField(max_length=500, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    merge = models.ForeignKey(
        "SourceMerge", on_delete=models.PROTECT, related_name="aliases_made", help_text="The merge behind it."
    )
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        ordering = ["normalised_name", "pk"]
        verbose_name_plural = "source aliases"
        constraints = [
            # One name, one source: an alias is never another source's alias too.
            models.UniqueConstraint(fields=["normalised_name"], name="sourcealias_name_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values) & ~Q(kind="anonymous"), name="sourcealias_kind_named"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = Source.key_for(self.name)
        super().save(*args, **kwargs)


class MergeIsPermanent(Exception):
    """The record of merges and splits is never changed or deleted."""


class SourceMergeQuerySet(models.QuerySet):
    """The record of merges and splits is append-only, like the claims' history."""

    def update(self, **kwargs):
        raise MergeIsPermanent

    def delete(self):
        raise MergeIsPermanent


class SourceMerge(models.Model):
    """One merge of a source into another, or one split of an alias off again, with the rows it moved."""

    class Action(models.TextChoices):
        MERGE = "merge", "Merged"
        SPLIT = "split", "Split off"

    action = models.CharField(max_length=10, choices=Action, default=Action.MERGE)
    # Empty once the source kept is itself merged into another; its name stays in `kept`.
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merges",
        help_text="The source kept, or split from.",
    )
    kept = models.CharField(max_length=300, help_text="The name of the source kept, or split from.")
    alias = models.CharField(max_length=300, help_text="The name merged in, or split off.")
    claim_ids = models.JSONField(default=list, help_text="The claims whose source moved.")
    link_ids = models.JSONField(default=list, help_text="The chain links whose source moved.")
    article_ids = models.JSONField(default=list, help_text="The articles whose outlet moved.")
    alias_ids = models.JSONField(default=list, help_text="The merged source's own aliases, moved with it.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="source_merges")
    created_at = models.DateTimeField(db_default=Now())

    objects = SourceMergeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["merge", "split"]), name="sourcemerge_action_valid"
            ),
        ]

    def __str__(self) -> str:
        verb = "into" if self.action == self.Action.MERGE else "from"
        return f"{self.get_action_display()} “{self.alias}” {verb} “{self.kept}”"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise MergeIsPermanent
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise MergeIsPermanent


class ArticleQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate how many claims each article has, how many are reviewed and how many disputed."""
        current = Q(claims__withdrawn=False)
        return self.annotate(
            total=Count("claims", filter=current),
            reviewed=Count("claims", filter=current & ~Q(claims__status=ClaimStatus.UNVERIFIED)),
            disputed=Count("claims", filter=current & Q(claims__status=ClaimStatus.DISPUTED)),
        )

    def with_pending(self):
        """Annotate how many of each article's suggestions still wait for a decision."""
        # A subquery, not a join: grouping the join compares the article's whole text once per suggestion.
        pending = Suggestion.objects.filter(article=OuterRef("pk"), state=SuggestionState.PENDING)
        count = pending.order_by().values("article").annotate(n=Count("pk")).values("n")
        return self.annotate(pending=Coalesce(Subquery(count), 0))


class Article(models.Model):
    title = models.CharField(max_length=300)
    outlet = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Leave empty when the text does not say who published it.",
    )
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    text = models.TextField(max_length=MAX_ARTICLE_CHARS)
    text_hash = models.CharField(max_length=64, editable=False, default="")
    created_at = models.DateTimeField(db_default=Now())

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="article_newest_idx")]  # the home page
        constraints = [
            # Importing the same article twice (same URL or same text) must not duplicate it.
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_url_unique"),
            models.UniqueConstraint(fields=["text_hash"], name="article_text_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.text_hash = text_fingerprint(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claims:article", args=[self.pk])

    def reliance(self) -> dict:
        """What the article's attributed claims rest on, in one query: how many rest on an anonymous source,
        and the hops from the article to the original speaker on average (a claim told to the article
        directly is one hop; "the Guardian reported that Syriasteps said" is two)."""
        attributed = Q(unattributed=False)
        found = self.claims.current().aggregate(
            attributed=Count("pk", filter=attributed, distinct=True),
            anonymous=Count("pk", filter=attributed & Q(source__kind=SourceKind.ANONYMOUS), distinct=True),
            hops=Count("links", filter=attributed),
            direct=Count("pk", filter=attributed & Q(links__isnull=True), distinct=True),
        )
        n = found["attributed"]
        return {
            "attributed": n,
            "anonymous": found["anonymous"],
            "anonymous_percent": round(100 * found["anonymous"] / n) if n else 0,
            "hops": (found["hops"] + found["direct"]) / n if n else 0,
        }

    def clean(self):
        # The unique constraints cover a field the form doesn't show, so check them here for a clear message.
        others = Article.objects.exclude(pk=self.pk)
        if self.url and (same := others.filter(url=self.url).first()):
            raise ValidationError({"url": f"This URL is already imported as “{same}”."})
        if self.text and (same := others.filter(text_hash=text_fingerprint(self.text)).first()):
            raise ValidationError({"text": f"This text is already imported as “{same}”."})
        if self.pk and (furthest := self.claims.aggregate(end=models.Max("end"))["end"] or 0) > len(
            self.text
        ):
            raise ValidationError(
                {"text": f"The article's claims reach character {furthest}; the text must keep them."}
            )


class ClaimQuerySet(models.QuerySet):
    def current(self):
        """The claims not withdrawn: those in the queue, the highlights and the counts."""
        return self.filter(withdrawn=False)

    def in_queue(self):
        return self.current().filter(status=Claim.Status.UNVERIFIED)

    def published(self):
        """The claims whose review the desk has made public (ClaimReview), for anyone to read."""
        return self.filter(published_at__isnull=False)

    def with_chain(self):
        # The article's text stays behind: up to 200,000 characters would otherwise ride along every row.
        links = ChainLink.objects.select_related("source").order_by("position")
        return (
            self.select_related("article", "source", "assignee")
            .defer("article__text")
            .prefetch_related(Prefetch("links", queryset=links))
        )

    def for_queue(self):
        """As `with_chain`, but of the article only its title, as `article_title`, read for each row shown:
        joined, a page deep in the queue had PostgreSQL merge every article before it (10 ms at 1M claims)."""
        title = Article.objects.filter(pk=OuterRef("article_id")).values("title")
        return (
            self.with_chain()
            .select_related(None)
            .select_related("source", "assignee")
            .annotate(article_title=Subquery(title))
        )

    def with_passage(self):
        """Annotate `in_text`, the passage each span covers, cut from the article by the database."""
        return self.annotate(in_text=Substr("article__text", F("start") + 1, F("end") - F("start")))

    def status_counts(self) -> dict[str, int]:
        """Count claims per status in one query, every status present."""
        rows = self.order_by().values("status").annotate(n=Count("pk"))
        counts = dict.fromkeys(Claim.Status.values, 0) | {row["status"]: row["n"] for row in rows}
        return counts


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):  # type: ignore[misc]
    def get_queryset(self):
        return super().get_queryset().defer("searched")  # read by search only, in the database


class Claim(models.Model):
    Status = ClaimStatus

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField("claim", max_length=MAX_CLAIM_CHARS, help_text="The claim as stated.")
    # The text as search compares it, kept by the database, so a search never folds a claim at query time.
    folded = models.GeneratedField(expression=Fold("text"), output_field=models.TextField(), db_persist=True)
    # What a search looks in: the folded text, a line break, the source's folded name; kept by the
    # database's triggers (database.install_searched), so that each word is one indexed condition.
    searched = models.TextField(default="", editable=False)
    start = models.PositiveIntegerField(help_text="Offset of the first character of the claim in the text.")
    end = models.PositiveIntegerField(help_text="Offset just past the claim's last character.")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Whom the claim is attributed to: the last link of its chain.",
    )
    cue = models.CharField(max_length=100, blank=True, help_text='"reported", "told", "according to"…')
    hedge = models.CharField(max_length=100, blank=True, help_text='"reportedly", "is believed to be"…')
    unattributed = models.BooleanField(
        default=False, help_text="The article states this on its own authority."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.UNVERIFIED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    withdrawn = models.BooleanField(
        default=False,
        editable=False,
        help_text="Not a claim after all: out of the queue, kept with its history.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When an editor made its review public."
    )
    created_at = models.DateTimeField(db_default=Now())
    updated_at = models.DateTimeField(db_default=Now())
    # Not columns: what some queries annotate, for the pages that show them.
    in_text: str  # the passage the span covers (ClaimQuerySet.with_passage)
    decided_at: datetime | None  # the latest decision: when, to what, by whom (corroboration.linked_group)
    decided_status: str | None
    decided_by: str | None

    objects = ClaimManager()

    class Meta:
        ordering = ["article_id", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_not_empty"),
            # One claim per passage, so every claim has its own highlight to open it by. A withdrawn one
            # has no highlight: its passage is free for the claim that is really there.
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=Q(withdrawn=False),
                name="claim_span_unique",
                violation_error_message="Another claim covers exactly this passage already.",
            ),
            models.CheckConstraint(
                condition=Q(unattributed=True, source__isnull=True)
                | Q(unattributed=False, source__isnull=False),
                name="claim_attributed_has_source",
                violation_error_message="An attributed claim needs a source; an unattributed one has none.",
            ),
            # Only a verdict is published: never an unverified claim, nor a withdrawn one.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(status__in=[ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED], withdrawn=False),
                name="claim_published_is_decided",
                violation_error_message="Only a confirmed or disputed claim can be published.",
            ),
        ]
        permissions = [
            ("publish_claim", "Can publish a claim's review"),
            ("view_dashboard", "Can see the editors' dashboard"),
        ]
        indexes = [
            # The queue's order (article, start, id), whole or by status: a page and a capped count are read
            # off an index, never a scan and a sort of the claims (paging.py).
            models.Index(
                fields=["article", "start", "id"],
                condition=Q(withdrawn=False),
                name="claim_article_order_idx",
            ),
            models.Index(
                fields=["status", "article", "start", "id"],
                condition=Q(withdrawn=False),
                name="claim_queue_idx",
            ),
            # A source's claims by status (its record, its page, the panel's hops), counted off the index.
            models.Index(
                fields=["source", "status"], condition=Q(withdrawn=False), name="claim_source_status_idx"
            ),
            # The dashboard's oldest claims still unverified: the first 20 off the index, at any size.
            models.Index(
                fields=["created_at", "id"],
                condition=Q(status=ClaimStatus.UNVERIFIED, withdrawn=False),
                name="claim_oldest_unverified_idx",
            ),
            # The dashboard's share of anonymous sources: the attributed claims added in its period.
            models.Index(
                fields=["created_at"],
                condition=Q(withdrawn=False, unattributed=False),
                name="claim_attributed_added_idx",
            ),
        ]

    def __str__(self) -> str:
        return shorten(self.text)

    def get_absolute_url(self) -> str:
        return f"{reverse('claims:article', args=[self.article_id])}?claim={self.pk}#claim-{self.pk}"

    def clean(self):
        errors = {}
        # An inline form's claim holds its (maybe unsaved) article in the cache rather than by id.
        article = Claim.article.field.get_cached_value(self, default=None)
        if article is None and self.article_id:
            article = self.article
        if article is not None and self.end is not None and self.end > len(article.text):
            errors["end"] = f"The article text is only {len(article.text)} characters long."
        if self.start is not None and self.end is not None and self.start >= self.end:
            errors["start"] = "The span must start before it ends."
        if self.unattributed and self.source_id:
            errors["source"] = "An unattributed claim has no source."
        if not self.unattributed and not self.source_id:
            errors["source"] = "Choose the source the claim is attributed to, or mark it unattributed."
        if errors:
            raise ValidationError(errors)

    @property
    def passage(self) -> str:
        """The exact text the claim's span covers in its article."""
        return self.article.text[self.start : self.end]

    @property
    def broken(self) -> bool:
        """Whether a hop of its chain is misattributed (from the prefetched links of `with_chain`)."""
        return any(link.verdict == ChainLink.Verdict.MISATTRIBUTED for link in self.links.all())

    @property
    def chain(self) -> list[Source]:
        """Sources from the outermost reporter inwards to the one the claim is attributed to."""
        links = [link.source for link in self.links.all()]
        if not links and self.source is not None:
            return [self.source]  # no intermediary recorded: the source spoke to the article directly
        return links


class HopVerdict(models.TextChoices):
    """Whether a hop's source really said what the chain has it pass on (not the claim's own truth)."""

    UNCHECKED = "unchecked", "Not checked"
    HOLDS = "holds", "The attribution holds"
    MISATTRIBUTED = "misattributed", "Misattributed"


class ChainLink(models.Model):
    """One hop of a claim's chain: position 0 is the outermost reporter, the last the original speaker."""

    Verdict = HopVerdict

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="chain_links")
    verdict = models.CharField(max_length=20, choices=Verdict, default=Verdict.UNCHECKED, editable=False)

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="chainlink_position_unique"),
            models.CheckConstraint(
                condition=Q(verdict__in=HopVerdict.values), name="chainlink_verdict_valid"
            ),
        ]
        indexes = [
            # A source's claims newest first (its page), and its hops counted, off the index.
            models.Index(fields=["source", "-claim"], name="chainlink_source_claim_idx"),
            # The queue's "a hop misattributed" filter, and a source's record of hops that did not hold.
            models.Index(
                fields=["claim"], condition=Q(verdict=HopVerdict.MISATTRIBUTED), name="chainlink_broken_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.source}"


class LinkRelation(models.TextChoices):
    """How one claim stands to a claim of another article; "dismissed" records a suggestion turned down."""

    SAME = "same", "Same claim"
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    DISMISSED = "dismissed", "Not related"


class ClaimLink(models.Model):
    """Two claims of different articles and how they stand to each other, one row per unordered pair
    (`low` is the one with the lower id). Changing the relation updates the row; both claims' histories
    keep every link, change and dismissal (decisions.link_claims)."""

    Relation = LinkRelation

    # A claim's links: by `low` off the pair's unique constraint, which starts with it; by `high` off its own
    # foreign key index.
    low = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="links_low", db_index=False)
    high = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="links_high")
    relation = models.CharField(max_length=12, choices=Relation)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_links")
    created_at = models.DateTimeField(db_default=Now())
    updated_at = models.DateTimeField(db_default=Now())

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="claimlink_pair_unique"),
            models.CheckConstraint(condition=Q(low__lt=F("high")), name="claimlink_pair_ordered"),
            models.CheckConstraint(
                condition=Q(relation__in=LinkRelation.values), name="claimlink_relation_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.low_id} {self.get_relation_display().lower()} {self.high_id}"

    def other(self, claim_id: int) -> int:
        return self.high_id if claim_id == self.low_id else self.low_id


CHANGE_LABELS = {
    "text": "claim",
    "span": "passage",
    "source": "source",
    "chain": "chain",
    "cue": "cue",
    "hedge": "hedge",
}


def shown_value(field: str, value) -> str:
    """One side of an edit, in words."""
    if field == "span":
        return f"characters {value[0]}–{value[1]}"
    if field == "chain":
        return " → ".join(value) or "none (the article's own)"
    return value or "none"


# A decision moves a claim's status. Edits that send a decided claim back to unverified move it too, but
# record what changed (`changes`); a decision's only possible change is the published review it took down.
DECISION = ~Q(old_status=F("new_status")) & (
    Q(changes__isnull=True) | Q(changes={"published": [True, False]})
)


class ReviewQuerySet(models.QuerySet):
    """History is append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise ReviewIsPermanent

    def delete(self):
        raise ReviewIsPermanent


class ReviewIsPermanent(Exception):
    """Reviews are the desk's record and are never changed or deleted."""


class Review(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    old_status = models.CharField(max_length=20, choices=Claim.Status)
    new_status = models.CharField(max_length=20, choices=Claim.Status)
    note = models.TextField(max_length=MAX_NOTE_CHARS, blank=True)
    evidence_url = models.URLField("evidence URL", max_length=500, blank=True)
    evidence_excerpt = models.TextField(max_length=MAX_NOTE_CHARS, blank=True)
    assignment = models.BooleanField(default=False, help_text="Records a change of assignee, not a verdict.")
    # An edit, withdrawal or restoration: each changed field's [before, after], as the history shows them.
    changes = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(db_default=Now())

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(old_status__in=Claim.Status.values) & Q(new_status__in=Claim.Status.values),
                name="review_status_valid",
            ),
            # A verdict of disputed says why. Rows that record something else on a disputed claim (an edit,
            # a withdrawal or restoration, publishing, an assignment) need no note of their own.
            models.CheckConstraint(
                condition=~Q(new_status="disputed")
                | ~Q(note="")
                | Q(changes__isnull=False)
                | Q(assignment=True),
                name="review_dispute_has_note",
                violation_error_message="A dispute needs a note.",
            ),
        ]
        indexes = [
            # A claim's history, oldest first, in the claim panel.
            models.Index(fields=["claim", "created_at"], name="review_claim_history_idx"),
            # The dashboard's decisions in its period (7 to 90 days), per day, reviewer and source: only the
            # decisions, and every column those read, so PostgreSQL answers from the index alone (the history
            # is append-only, so its rows stay all-visible).
            models.Index(
                fields=["created_at", "new_status", "reviewer", "claim"],
                condition=DECISION,
                name="review_decision_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.old_status} → {self.new_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ReviewIsPermanent
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReviewIsPermanent

    def change_list(self) -> list[tuple[str, str, str]]:
        """An edit's changes as the history shows them: (what, before, after)."""
        return [
            (CHANGE_LABELS[field], shown_value(field, change[0]), shown_value(field, change[1]))
            for field, change in (self.changes or {}).items()
            if field in CHANGE_LABELS
        ]


class CueClass(models.TextChoices):
    """What kind of attribution the extractor read (extraction.words.CUE_CLASSES), as the desk names it."""

    SPEECH = "speech", "Statement"
    EVIDENCE = "evidence", "Finding"
    COGNITION = "cognition", "Belief"
    INTENTION = "intention", "Intention"
    DIRECTIVE = "directive", "Call to act"
    EVALUATION = "evaluation", "Judgement"
    ATTITUDE = "attitude", "Stance"


class SuggestionState(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class Suggestion(models.Model):
    """A claim the extractor found in an imported article, waiting for a person to accept or reject it."""

    State = SuggestionState
    CueClass = CueClass
    CONFIDENT = 0.8  # at or above: accepted by "Accept the confident ones"; below: listed first to look at
    # The suggestions page shows either kind on its own: what was stated or found (and the article's own
    # statements), or what someone believes, intends, asks for or thinks of something.
    FACTS = (CueClass.SPEECH, CueClass.EVIDENCE, "")
    KINDS = {"facts": "Statements and findings", "views": "Beliefs, intentions and opinions"}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField(max_length=MAX_CLAIM_CHARS)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    attributed = models.BooleanField(default=True)
    chain = models.JSONField(default=list, help_text="Source names, outermost reporter first.")
    description = models.CharField(max_length=500, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    hedge = models.CharField(max_length=100, blank=True)
    cue_class = models.CharField(
        max_length=12, choices=CueClass, blank=True, help_text="Blank: unattributed."
    )
    # How sure the extractor was (0 to 1), and why: the constructions it read and its doubts.
    confidence = models.FloatField(default=1.0)
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    claim = models.OneToOneField(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestion"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Not columns: what the suggestions page sets on each card it shows (views.prepare_cards).
    before: str
    passage: str
    after: str
    known_names: set[str]
    error: str
    form: "SuggestionForm"

    class Meta:
        ordering = ["article_id", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="suggestion_span_not_empty"),
            models.CheckConstraint(
                condition=Q(state__in=SuggestionState.values), name="suggestion_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return shorten(self.text)

    @property
    def source_name(self) -> str:
        return self.chain[-1] if self.chain else ""

    @classmethod
    def of_kind(cls, kind: str | None) -> Q:
        """The suggestions of one of KINDS ("facts" or "views"); every suggestion for any other value."""
        facts = Q(cue_class__in=cls.FACTS)
        kinds: dict[str | None, Q] = {"facts": facts, "views": ~facts}
        return kinds.get(kind, Q())


class ImportJob(models.Model):
    """A folder's files imported by a background worker (backlog.import_backlog), with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    paths = models.JSONField(default=list, help_text="The files, in the order they are imported.")
    outlet = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Imported before: nothing added.")
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="The first files that could not be read.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(db_default=Now())
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "finished"]), name="importjob_state_valid"
            )
        ]

    def __str__(self) -> str:
        return (
            f"Import of {self.total} file(s), {self.created_at:%d %b %H:%M}" if self.created_at else "Import"
        )

    @property
    def progress(self) -> str:
        return f"{self.done} of {self.total} files"
