"""The editors' dashboard: what the desk decided over a period, and what still waits.

Decisions per day and reviewer, and disputes per source, come from tallies per day that PostgreSQL keeps
(claims/database.py), so a period of 90 days reads a few thousand rows however busy the desk; on SQLite
they are grouped from the decisions. The rest is bounded by the period (claims read off their
`created_at` index) or by an index giving its order (the oldest unverified claims).
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from factcheck.claims import database
from factcheck.claims.dates import day_label
from factcheck.claims.models import Claim, ClaimStatus

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


def decisions_per_day(tallies: list[tuple[date, int, str, int]], since: datetime) -> list[tuple[date, int]]:
    """Each day of the period with its number of decisions, days without any included."""
    found: Counter[date] = Counter()
    for day, _, _, n in tallies:
        found[day] += n
    first, last = since.date(), timezone.localdate()
    return [(day, found[day]) for day in (first + timedelta(n) for n in range((last - first).days + 1))]


def decisions_per_reviewer(tallies: list[tuple[date, int, str, int]]) -> list[dict]:
    """Each reviewer's decisions in the period, by the status they gave, the busiest first."""
    # (reviewer, status): decisions; a 90-day period has thousands of tallies
    given: Counter[tuple[int, str]] = Counter()
    for _, reviewer, status, n in tallies:
        given[reviewer, status] += n
    rows: dict[int, dict] = {}  # reviewer: their row, the counts and then their name
    for (reviewer, status), n in given.items():
        if reviewer not in rows:
            rows[reviewer] = {"reviewer": reviewer, "total": 0} | dict.fromkeys(ClaimStatus.values, 0)
        rows[reviewer][status] += n
        rows[reviewer]["total"] += n
    names = dict(get_user_model().objects.filter(pk__in=rows).values_list("pk", "username"))
    for reviewer, row in rows.items():
        row["reviewer__username"] = names.get(reviewer, "")
    return sorted(rows.values(), key=lambda row: (-row["total"], row["reviewer__username"]))


def oldest_unverified(limit: int = LISTED) -> list[Claim]:
    """The claims waiting longest for a decision (withdrawn ones aside), with their article's title."""
    claims = Claim.objects.in_queue().select_related("article")
    claims = claims.only("text", "created_at", "article_id", "article__title")
    return list(claims.order_by("created_at", "pk")[:limit])


def disputed_by_source(since: datetime, limit: int = LISTED) -> list[dict]:
    """The sources with the most claims disputed in the period (decisions, withdrawn claims aside)."""
    rows = database.disputes_by_source(since, limit)
    return [{"claim__source": pk, "claim__source__name": name, "n": n} for pk, name, n in rows]


def anonymous_share(since: datetime) -> dict:
    """Of the attributed claims added in the period (withdrawn ones aside), those on an anonymous source."""
    attributed, anonymous = database.claims_added(since)
    percent = round(100 * anonymous / attributed) if attributed else 0
    return {"attributed": attributed, "anonymous": anonymous, "percent": percent}


def chart(per_day: list[tuple[date, int]]) -> dict:
    """The bars of the decisions-per-day chart, in drawing units: one unit of width per day, as strings
    the SVG takes whatever the locale's decimal mark."""
    most = max((n for _, n in per_day), default=0)
    bars = []
    for x, (day, n) in enumerate(per_day):
        height = CHART_HEIGHT * n / most if most else 0
        y = CHART_HEIGHT - height
        label = day_label(day)
        bars.append({"x": f"{x + 0.1:.1f}", "y": f"{y:.2f}", "height": f"{height:.2f}", "day": label, "n": n})
    return {"bars": bars, "width": len(per_day), "height": CHART_HEIGHT, "most": most}


@require_GET
@permission_required("claims.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    days = period_days(request.GET.get("days"))
    since = period_start(days)
    tallies = database.decision_tallies(since)
    per_day = decisions_per_day(tallies, since)
    context = {
        "days": days,
        "periods": PERIODS,
        "since": since,
        "per_day": per_day,
        "per_day_told": [(day_label(day, weekday=True), n) for day, n in per_day],  # the chart's table
        "chart": chart(per_day),
        "total": sum(n for _, n in per_day),
        "reviewers": decisions_per_reviewer(tallies),
        "oldest": oldest_unverified(),
        "disputed": disputed_by_source(since),
        "anonymous": anonymous_share(since),
    }
    return render(request, "claims/dashboard.html", context)
