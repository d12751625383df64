"""The editors' dashboard: what the desk decided over a period, and what still waits.

Every query is bounded by the period (reviews and claims read off their `created_at` indexes) or by an
index giving its order (the oldest unverified claims), so the page costs the same at any size of desk.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from factcheck.claims.models import DECISION, Claim, ClaimStatus, Review, SourceKind

PERIODS = (7, 30, 90)  # days the editor can pick
DEFAULT_PERIOD = 30
LISTED = 20  # rows in the oldest-unverified and disputed-by-source lists
CHART_HEIGHT = 100  # the chart's drawing units; CSS scales the SVG to the page


def period_days(value: str | None) -> int:
    """The period asked for, in days; anything but one of PERIODS is the default."""
    return int(value) if value in {str(days) for days in PERIODS} else DEFAULT_PERIOD


def period_start(days: int) -> datetime:
    """Midnight at the start of the period's first day, so that it holds `days` whole days, today last."""
    first = timezone.localdate() - timedelta(days=days - 1)
    return datetime.combine(first, time.min, tzinfo=timezone.get_current_timezone())


def decisions(since: datetime) -> QuerySet[Review]:
    """The decisions taken since `since` (models.DECISION), read off their index from `since` on."""
    return Review.objects.filter(DECISION, created_at__gte=since).order_by()


def decisions_per_day(since: datetime) -> list[tuple[date, int]]:
    """Each day of the period with its number of decisions, days without any included."""
    rows = decisions(since).annotate(day=TruncDate("created_at")).values("day").annotate(n=Count("pk"))
    found = {row["day"]: row["n"] for row in rows}
    first, last = since.date(), timezone.localdate()
    return [
        (day, found.get(day, 0)) for day in (first + timedelta(n) for n in range((last - first).days + 1))
    ]


def decisions_per_reviewer(since: datetime) -> list[dict]:
    """Each reviewer's decisions in the period, by the status they gave, the busiest first."""
    by_status = {
        "confirmed": Count("pk", filter=Q(new_status=ClaimStatus.CONFIRMED)),
        "disputed": Count("pk", filter=Q(new_status=ClaimStatus.DISPUTED)),
        "unverified": Count("pk", filter=Q(new_status=ClaimStatus.UNVERIFIED)),
    }
    rows = decisions(since).values("reviewer", "reviewer__username").annotate(total=Count("pk"), **by_status)
    return list(rows.order_by("-total", "reviewer__username"))


def oldest_unverified(limit: int = LISTED) -> list[Claim]:
    """The claims waiting longest for a decision (withdrawn ones aside), with their article's title."""
    claims = Claim.objects.in_queue().select_related("article")
    claims = claims.only("text", "created_at", "article_id", "article__title")
    return list(claims.order_by("created_at", "pk")[:limit])


def disputed_by_source(since: datetime, limit: int = LISTED) -> list[dict]:
    """The sources with the most claims disputed in the period (decisions, withdrawn claims aside)."""
    disputes = decisions(since).filter(
        new_status=ClaimStatus.DISPUTED, claim__withdrawn=False, claim__source__isnull=False
    )
    rows = disputes.values("claim__source", "claim__source__name").annotate(n=Count("pk"))
    return list(rows.order_by("-n", "claim__source__name")[:limit])


def anonymous_share(since: datetime) -> dict:
    """Of the attributed claims added in the period (withdrawn ones aside), those on an anonymous source."""
    added = Claim.objects.current().filter(unattributed=False, created_at__gte=since)
    found = added.aggregate(
        attributed=Count("pk"), anonymous=Count("pk", filter=Q(source__kind=SourceKind.ANONYMOUS))
    )
    n = found["attributed"]
    return found | {"percent": round(100 * found["anonymous"] / n) if n else 0}


def chart(per_day: list[tuple[date, int]]) -> dict:
    """The bars of the decisions-per-day chart, in drawing units: one unit of width per day, as strings
    the SVG takes whatever the locale's decimal mark."""
    most = max((n for _, n in per_day), default=0)
    bars = []
    for x, (day, n) in enumerate(per_day):
        height = CHART_HEIGHT * n / most if most else 0
        y = CHART_HEIGHT - height
        bars.append({"x": f"{x + 0.1:.1f}", "y": f"{y:.2f}", "height": f"{height:.2f}", "day": day, "n": n})
    return {"bars": bars, "width": len(per_day), "height": CHART_HEIGHT, "most": most}


@require_GET
@permission_required("claims.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    days = period_days(request.GET.get("days"))
    since = period_start(days)
    per_day = decisions_per_day(since)
    context = {
        "days": days,
        "periods": PERIODS,
        "since": since,
        "per_day": per_day,
        "chart": chart(per_day),
        "total": sum(n for _, n in per_day),
        "reviewers": decisions_per_reviewer(since),
        "oldest": oldest_unverified(),
        "disputed": disputed_by_source(since),
        "anonymous": anonymous_share(since),
    }
    return render(request, "claims/dashboard.html", context)
