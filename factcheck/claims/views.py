from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from factcheck.claims.decisions import StaleClaim, record_decision
from factcheck.claims.forms import DecisionForm, QueueFilterForm
from factcheck.claims.highlight import runs
from factcheck.claims.models import Article, Claim


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


QUEUE_PAGE_SIZE = 25
can_view = permission_required("claims.view_claim", raise_exception=True)


@require_GET
@can_view
def home(request: HtmxHttpRequest) -> HttpResponse:
    articles = Article.objects.select_related("outlet").annotate(
        total=Count("claims"),
        reviewed=Count("claims", filter=~Q(claims__status=Claim.Status.UNVERIFIED)),
        disputed=Count("claims", filter=Q(claims__status=Claim.Status.DISPUTED)),
    )
    page = Paginator(articles.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "claims/home.html", {"page": page})


@require_GET
@can_view
@vary_on_headers("HX-Request")
def queue(request: HtmxHttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    claims = form.filter(Claim.objects.all(), request.user)
    counts = claims.status_counts()
    if status := form.cleaned_data.get("status"):
        claims = claims.filter(status=status)
    page = Paginator(claims.with_chain().order_by("article", "start", "pk"), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    tabs = [(value, label, counts[value]) for value, label in Claim.Status.choices]
    context = {"form": form, "page": page, "tabs": tabs, "status": status}
    template = (
        "claims/queue.html#queue-results"
        if request.htmx and not request.htmx.boosted
        else "claims/queue.html"
    )
    return render(request, template, context)


def article_context(article: Article, selected_pk: int | None, **extra) -> dict:
    """Everything the article page and its fragments need: text runs, progress and the open claim."""
    claims = list(article.claims.with_chain())
    counts = dict.fromkeys(Claim.Status.values, 0)
    for claim in claims:
        counts[claim.status] += 1
    selected = next((c for c in claims if c.pk == selected_pk), None)
    history = list(selected.reviews.select_related("reviewer")) if selected else []
    reviewed = len(claims) - counts[Claim.Status.UNVERIFIED]
    return {
        "article": article,
        "claims": claims,
        "runs": runs(article.text, claims),
        "counts": counts,
        "reviewed": reviewed,
        "percent": round(100 * reviewed / len(claims)) if claims else 0,
        "claim": selected,
        "history": history,
        "form": DecisionForm(),
        **extra,
    }


def _claim_pk(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_GET
@can_view
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    return render(
        request, "claims/article.html", article_context(article, _claim_pk(request.GET.get("claim")))
    )


@require_GET
@can_view
def claim_panel(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article__outlet"), pk=pk)
    if not request.htmx:
        return redirect(claim)
    return render(request, "claims/article.html#claim-panel", article_context(claim.article, claim.pk))


@require_POST
@permission_required("claims.add_review", raise_exception=True)
def decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article__outlet"), pk=pk)
    form = DecisionForm(request.POST)
    status = 200
    if not form.is_valid():
        status = 422
    else:
        try:
            record_decision(claim=claim, reviewer=request.user, **form.cleaned_data)
            form = DecisionForm()
        except StaleClaim:
            status = 409
    if status == 200 and not request.htmx:
        messages.success(request, f"Marked {claim.get_status_display().lower()}.")
        return redirect(claim)  # PRG for browsers without JS
    context = article_context(claim.article, claim.pk, form=form, conflict=status == 409)
    if context["claim"] is None:  # an editor deleted it mid-request
        url = claim.article.get_absolute_url()
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    template = "claims/article.html" + ("#decide-response" if request.htmx else "")
    return render(request, template, context, status=status)
