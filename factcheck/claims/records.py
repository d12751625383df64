"""A source's track record: how its claims turned out, how its hops held up, where it appears and how its
record moved month by month; and the same by kind and description of source. The source page and the
sources' page draw these; the charts are plain SVG, drawn here as rectangles in a 100-wide box."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from factcheck.claims.database import description_totals
from factcheck.claims.models import Article, Claim, ClaimStatus, Source, SourceKind
from factcheck.claims.paging import FILTERED_CAP

ARTICLES_SHOWN = 10
NEWEST_SHOWN = 25
MONTHS_SHOWN = 12
DESCRIPTIONS_SHOWN = 10  # per kind on the sources' page


def shares(counts: dict[str, int]) -> dict:
    """Claims by status with their shares, and the stacked bar that draws them (`x`, `width` in %)."""
    total = sum(counts.get(status, 0) for status in ClaimStatus.values)
    parts, x = [], 0.0
    for status, label in ClaimStatus.choices:
        n = counts.get(status, 0)
        width = 100 * n / total if total else 0
        parts.append({"status": status, "label": label, "n": n, "share": round(width), "x": x})
        parts[-1]["width"] = width
        x += width
    decided = counts.get(ClaimStatus.CONFIRMED, 0) + counts.get(ClaimStatus.DISPUTED, 0)
    held = round(100 * counts.get(ClaimStatus.CONFIRMED, 0) / decided) if decided else None
    by_status = {part["status"]: part for part in parts}
    return {"total": total, "parts": parts, "decided": decided, "held": held, **by_status}


def resting_on(source: Source) -> QuerySet:
    """The current claims it said or passed on, newest first: every attributed claim's chain ends with its
    speaker, so these are the claims with a hop of it, read newest first off chainlink_source_claim_idx."""
    return Claim.objects.current().filter(links__source=source).order_by("-pk")


def newest(source: Source) -> tuple[list[Claim], int, bool]:
    """Its newest claims, as many as a page shows; how many claims rest on it, counted up to FILTERED_CAP;
    and whether there are more than that."""
    newest = resting_on(source).select_related("article", "source")
    claims = list(newest.only("text", "status", "start", "article__title", "source__name")[:NEWEST_SHOWN])
    counted = resting_on(source)[: FILTERED_CAP + 1].count() if len(claims) == NEWEST_SHOWN else len(claims)
    return claims, min(counted, FILTERED_CAP), counted > FILTERED_CAP


def articles_of(source: Source) -> tuple[list[dict], int]:
    """The articles its newest FILTERED_CAP claims are in, newest first, with how many of those claims each
    has; and how many articles that is. A wire agency in 37,000 chains is read in its newest thousand."""
    per_article = Counter(resting_on(source).values_list("article", flat=True)[:FILTERED_CAP])
    shown = sorted(per_article, reverse=True)[:ARTICLES_SHOWN]
    titles = dict(Article.objects.filter(pk__in=shown).values_list("pk", "title"))
    return [{"article": pk, "article__title": titles[pk], "n": per_article[pk]} for pk in shown], len(
        per_article
    )


def by_month(source: Source, now=None) -> list[dict]:
    """Its claims as speaker by the month they came in, for the last MONTHS_SHOWN months, each month with
    its statuses now and its column of the chart (`y`, `height` in a 100-high box)."""
    now = timezone.localtime(now)
    back = now.year * 12 + now.month - 1 - (MONTHS_SHOWN - 1)  # months since year 0, of the first shown
    first = now.replace(year=back // 12, month=back % 12 + 1, day=1)
    first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Claim.objects.current()
        .filter(source=source, created_at__gte=first)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values_list("month", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for month, status, n in rows:
        counts.setdefault((month.year, month.month), {})[status] = n
    months, day = [], first
    for column in range(MONTHS_SHOWN):
        months.append({"month": day, "x": 10 * column + 1, **shares(counts.get((day.year, day.month), {}))})
        day = (day + timedelta(days=32)).replace(day=1)
    tallest = max(month["total"] for month in months) or 1
    for month in months:
        y = 100.0
        for part in month["parts"]:
            part["height"] = 100 * part["n"] / tallest
            y -= part["height"]
            part["y"] = y
    return months


def by_kind() -> list[dict]:
    """Claims by status for each kind of source, with the kind's most used descriptions under it."""
    kinds: dict[str, dict] = {}
    for kind, description, *counts in description_totals(DESCRIPTIONS_SHOWN):
        own, of_kind, descriptions = counts[:3], counts[3:6], counts[6]
        entry = kinds.setdefault(kind, {**shares(as_counts(*of_kind)), "descriptions": []})
        entry["descriptions"].append({"description": description, **shares(as_counts(*own))})
        entry["more"] = max(0, descriptions - DESCRIPTIONS_SHOWN)
    return [
        {"kind": kind, "label": label, **kinds[kind]} for kind, label in SourceKind.choices if kind in kinds
    ]


def as_counts(confirmed: int, disputed: int, unverified: int) -> dict[str, int]:
    return {
        ClaimStatus.CONFIRMED: int(confirmed),
        ClaimStatus.DISPUTED: int(disputed),
        ClaimStatus.UNVERIFIED: int(unverified),
    }
