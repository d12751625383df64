from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url
from django_htmx.middleware import HtmxDetails

from factcheck.claims.decisions import NothingToRecord, StaleClaim, record_decision
from factcheck.claims.forms import DecisionForm, ImportForm, QueueFilterForm, SuggestionForm
from factcheck.claims.highlight import runs
from factcheck.claims.imports import (
    BadSpan,
    SuggestionDecided,
    accept_suggestion,
    import_article,
    known_sources,
    reject_suggestion,
)
from factcheck.claims.models import Article, Claim, Suggestion
from factcheck.extraction.names import normalise_name


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


QUEUE_PAGE_SIZE = 25
can_view = permission_required("claims.view_claim", raise_exception=True)


@require_GET
@can_view
def home(request: HtmxHttpRequest) -> HttpResponse:
    articles = (
        Article.objects.select_related("outlet")
        .defer("text")
        .annotate(
            total=Count("claims"),
            reviewed=Count("claims", filter=~Q(claims__status=Claim.Status.UNVERIFIED)),
            disputed=Count("claims", filter=Q(claims__status=Claim.Status.DISPUTED)),
        )
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
    if not request.htmx:
        return render(request, "claims/queue.html", context)
    response = render(request, "claims/queue.html#queue-results", context)
    # Share the filters that are set, not the empty ones the form also sends.
    kept = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept.setlist(key, [v for v in values if v])
    query = kept.urlencode()
    return push_url(response, f"{request.path}?{query}" if query else request.path)


def repeats_last_decision(claim: Claim, user, data: dict) -> bool:
    """Whether the claim's latest verdict is this very one, sent twice (a double click without JavaScript)."""
    last = claim.reviews.filter(assignment=False).order_by("-pk").first()
    return bool(
        last
        and last.reviewer_id == user.pk
        and last.new_status == data["status"]
        and last.note == data["note"].strip()
    )


def article_context(article: Article, selected_pk: int | None, **extra) -> dict:
    """Everything the article page and its fragments need: text runs, progress and the open claim."""
    claims = list(article.claims.with_chain())
    counts = dict.fromkeys(Claim.Status.values, 0)
    for claim in claims:
        claim.article = article  # the one already loaded, text and all
        counts[claim.status] += 1
    selected = next((c for c in claims if c.pk == selected_pk), None)
    history = list(selected.reviews.select_related("reviewer")) if selected else []
    reviewed = len(claims) - counts[Claim.Status.UNVERIFIED]
    text_runs = runs(article.text, claims)
    placed = {run.claim.pk for run in text_runs if run.claim}
    return {
        "article": article,
        "claims": claims,
        "runs": text_runs,
        # Claims wholly hidden under others get their own links, so every claim can be opened.
        "unplaced": [c for c in claims if c.pk not in placed],
        "counts": counts,
        "reviewed": reviewed,
        "percent": round(100 * reviewed / len(claims)) if claims else 0,
        "claim": selected,
        "history": history,
        # What beat the reviewer to it, for the conflict notice: the last verdict, not an assignment.
        "last_decision": next((r for r in reversed(history) if not r.assignment), None),
        "form": DecisionForm(),
        **extra,
    }


def _claim_pk(value: str | None) -> int | None:
    # isascii: "²".isdigit() is true but int("²") fails; 18 digits: anything longer is no claim's id.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 18 else None


@require_GET
@can_view
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pending = Count("suggestions", filter=Q(suggestions__state=Suggestion.State.PENDING))
    article = get_object_or_404(Article.objects.select_related("outlet").annotate(pending=pending), pk=pk)
    return render(
        request, "claims/article.html", article_context(article, _claim_pk(request.GET.get("claim")))
    )


@require_GET
@can_view
@vary_on_headers("HX-Request")
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
        except NothingToRecord:
            already = claim.get_status_display().lower()
            form.add_error(
                None, f"The claim is already {already}. Add a note or evidence to record a re-check."
            )
            status = 422
        except StaleClaim:
            if repeats_last_decision(
                claim, request.user, form.cleaned_data
            ):  # a double click: the first counted
                claim.refresh_from_db()
                form = DecisionForm()
            else:
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


# Importing articles and reviewing the extractor's suggestions


@require_http_methods(["GET", "POST"])
@permission_required("claims.add_article", raise_exception=True)
def import_article_page(request: HtmxHttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        article, created = import_article(
            title=data["title"],
            text=data["text"],
            url=data["url"],
            outlet=data["outlet"],
            published_on=data["published_on"],
        )
        if created:
            found = article.suggestions.count()
            messages.success(request, f"Imported “{article}”: {found} suggested claims to review.")
        else:
            messages.info(request, f"This article was imported before, as “{article}”: nothing was added.")
        return redirect("claims:suggestions", article.pk)
    return render(request, "claims/import.html", {"form": form}, status=422 if form.errors else 200)


def suggestion_context(article: Article, **extra) -> dict:
    """The suggestions page: every suggestion, and which of their source names are already known."""
    suggestions = list(article.suggestions.all())
    known = known_sources([name for s in suggestions for name in s.chain])
    for s in suggestions:
        s.before, s.passage, s.after = (
            article.text[max(0, s.start - 150) : s.start],
            article.text[s.start : s.end],
            article.text[s.end : s.end + 150],
        )
        s.known_names = {name for name in s.chain if normalise_name(name) in known}
        initial = {
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "chain": s.chain,
            "cue": s.cue,
            "hedge": s.hedge,
        }
        s.edit_form = SuggestionForm(
            initial=initial, article_length=len(article.text), auto_id=f"id_{s.pk}_%s"
        )
    return {
        "article": article,
        "suggestions": suggestions,
        "runs": runs(article.text, suggestions),
        "pending": sum(s.state == Suggestion.State.PENDING for s in suggestions),
        **extra,
    }


@require_GET
@permission_required("claims.add_claim", raise_exception=True)
def suggestions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    return render(request, "claims/suggestions.html", suggestion_context(article))


@require_POST
@permission_required("claims.add_claim", raise_exception=True)
def decide_suggestion(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.select_related("article"), pk=pk)
    action = request.POST.get("action")
    form, error, status = None, "", 200
    try:
        if suggestion.state != Suggestion.State.PENDING:
            raise SuggestionDecided
        if action == "accept":
            accept_suggestion(suggestion=suggestion, by=request.user)
        elif action == "reject":
            reject_suggestion(suggestion=suggestion, by=request.user)
        elif action == "edit":
            form = SuggestionForm(
                request.POST, article_length=len(suggestion.article.text), auto_id=f"id_{pk}_%s"
            )
            if form.is_valid():
                accept_suggestion(suggestion=suggestion, by=request.user, **form.cleaned_data)
                form = None
            else:
                status = 422
        else:
            error, status = "Choose accept, edit or reject.", 422
    except SuggestionDecided:
        suggestion.refresh_from_db()
        error, status = f"Already {suggestion.get_state_display().lower()} by someone else.", 409
    except BadSpan as problem:
        error, status = str(problem), 422
    if status == 200 and not request.htmx:
        return redirect(f"{reverse('claims:suggestions', args=[suggestion.article_id])}#suggestion-{pk}")
    context = suggestion_context(suggestion.article, form=form, error=error, focus=pk)
    if not request.htmx:
        return render(request, "claims/suggestions.html", context, status=status)
    context["suggestion"] = next(s for s in context["suggestions"] if s.pk == pk)
    return render(request, "claims/suggestions.html#decide-response", context, status=status)


@require_POST
@permission_required("claims.add_claim", raise_exception=True)
def accept_all_suggestions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    accepted = skipped = 0
    for suggestion in article.suggestions.filter(state=Suggestion.State.PENDING):
        suggestion.article = article  # loaded once, text and all
        try:
            accept_suggestion(suggestion=suggestion, by=request.user)
            accepted += 1
        except SuggestionDecided:
            continue  # someone else decided it meanwhile
        except BadSpan:
            skipped += 1
    messages.success(request, f"Accepted {accepted} suggested claims: they are in the queue now.")
    if skipped:
        messages.warning(request, f"{skipped} could not be accepted: their passage is gone or taken.")
    return redirect(article)
