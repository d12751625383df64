from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from factcheck.claims import database, records
from factcheck.claims.claimreview import claim_review, published_claims
from factcheck.claims.database import status_totals
from factcheck.claims.decisions import (
    Attribution,
    BadSpan,
    ClaimWithdrawn,
    NothingToRecord,
    NotPublishable,
    StaleClaim,
    add_claim,
    check_hop,
    edit_claim,
    publish_claim,
    record_decision,
    repeats_last_decision,
    restore_claim,
    withdraw_claim,
)
from factcheck.claims.exports import QUEUE_ORDER, csv_response
from factcheck.claims.forms import (
    ClaimEditForm,
    DecisionForm,
    HopCheckForm,
    ImportForm,
    MergeForm,
    NewClaimForm,
    QueueFilterForm,
    SuggestionForm,
    WithdrawForm,
    found_articles,
    found_sources,
)
from factcheck.claims.highlight import Run, runs, runs_of, window
from factcheck.claims.imports import (
    SuggestionDecided,
    accept_all,
    accept_suggestion,
    import_article,
    known_sources,
    reject_suggestion,
)
from factcheck.claims.models import Article, ChainLink, Claim, Review, Source, SourceAlias, Suggestion
from factcheck.claims.paging import FILTERED_CAP, KeysetPager, capped_count, capped_statuses, shown_count
from factcheck.claims.sources import AnonymousSource, NameTaken, merge_sources, split_alias
from factcheck.extraction.names import normalise_name
from factcheck.http import AuthenticatedHttpRequest

QUEUE_PAGE_SIZE = 25
HOME_PAGE_SIZE = 50
SUGGESTIONS_PAGE_SIZE = 50
can_view = permission_required("claims.view_claim", raise_exception=True)


@require_GET
@can_view
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The newest first, by id (the order they were added in): the page is read off the primary key, and
    # only its 50 articles have their claims counted.
    pager = KeysetPager(Article.objects.only("pk"), ("-pk",), HOME_PAGE_SIZE)
    page = pager.page(request.GET, capped_count(Article.objects.all()))
    shown = Article.objects.select_related("outlet").defer("text").with_progress().with_pending()
    page.rows = list(shown.filter(pk__in=[a.pk for a in page]).order_by("-pk"))
    context = {"page": page, "previous": page.previous and paged(request.GET, page.previous)}
    context |= {"next": page.next and paged(request.GET, page.next), "total": shown_count(page.count)}
    return render(request, "claims/home.html", context)


@require_GET
@can_view
@vary_on_headers("HX-Request")
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    claims = form.filter(Claim.objects.current(), request.user)
    status = form.cleaned_data.get("status")
    if form.narrows():  # the statuses and places of the first 1,001 matches, in one query: cheap at any size
        counts, more, keys = capped_statuses(claims, QUEUE_ORDER, status)
    else:  # the whole queue: the totals the database keeps
        counts, more, keys = status_totals(), False, None
    counts = dict.fromkeys(Claim.Status.values, 0) | counts
    if status:
        claims = claims.filter(status=status)
    pager = KeysetPager(claims.for_queue(), QUEUE_ORDER, QUEUE_PAGE_SIZE)
    page = pager.page(request.GET, counts[status] if status else sum(counts.values()), keys)
    tabs = [(value, label, shown_count(counts[value], more)) for value, label in Claim.Status.choices]
    context = {
        "form": form,
        "page": page,
        "tabs": tabs,
        "status": status,
        "total": f"{FILTERED_CAP:,}+" if more else shown_count(page.count),
        "previous": page.previous and paged(request.GET, page.previous),
        "next": page.next and paged(request.GET, page.next),
        # (number, its link) in the pager; the link is empty for the page shown and for the gaps ("…").
        "numbers": [
            (n, paged(request.GET, {"page": n}) if isinstance(n, int) and n != page.number else "")
            for n in page.page_range()
        ],
    }
    context["export"] = reverse("claims:queue_export") + paged(request.GET, {})
    if not request.htmx:
        return render(request, "claims/queue.html", context)
    response = render(request, "claims/queue.html#queue-results", context)
    query = paged(request.GET, {})  # the filters that are set, not the empty ones the form also sends
    return push_url(response, f"{request.path}{query}")


@require_GET
@can_view
def queue_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every claim the queue shows with the same filters, every page of it, as CSV (exports.py)."""
    form = QueueFilterForm(request.GET)
    claims = form.filter(Claim.objects.current(), request.user)
    if status := form.cleaned_data.get("status"):
        claims = claims.filter(status=status)
    return csv_response(request, claims, "queue")


def paged(query: QueryDict, params: dict) -> str:
    """The query string with the filters that are set, at the page `params` names ("?..." or "")."""
    kept = QueryDict(mutable=True)
    for key, values in query.lists():
        if key not in {"page", "after", "before", "find_article", "find_source"}:  # finders aren't filters
            kept.setlist(key, [v for v in values if v])
    for key, value in params.items():
        kept[key] = value
    return f"?{kept.urlencode()}" if kept else ""


def progress(counts: dict[str, int]) -> dict:
    """The article's review progress from its claims' status counts."""
    total = sum(counts.values())
    reviewed = total - counts[Claim.Status.UNVERIFIED]
    return {
        "counts": counts,
        "total": total,
        "reviewed": reviewed,
        "percent": round(100 * reviewed / total) if total else 0,
    }


def panel_context(claim: Claim, *, lazy: bool = False, hop_form: HopCheckForm | None = None, **extra) -> dict:
    """The claim panel: `claim` comes with its chain and passage (`with_chain().with_passage()`).

    A `lazy` panel, a decision's or a hop check's reply, leaves out the history, the evidence fields and the
    withdraw form, which it fetches when they are shown, so that the reply stays small however long the
    history grows; where the chain stays on screen (`kept`), its sources' records are not read again either.
    Every panel fetches its hop checks when they are opened, but for `hop_form`, a hop check sent back with
    its errors, shown open in its hop's place.
    """
    reviews = claim.reviews.select_related("reviewer")
    history = [] if lazy else list(reviews)
    # What beat the reviewer to it, for the conflict notice: the withdrawal, or the last verdict (not an
    # assignment). A lazy panel reads only that review, and only for a conflict.
    # A link to another claim changes neither status nor version, so it never beats anyone to a decision.
    beaten_by: list[Review | None] = [
        r for r in history if claim.withdrawn or not (r.assignment or "link" in (r.changes or {}))
    ]
    if lazy and extra.get("conflict"):
        verdicts = reviews.filter(assignment=False).exclude(changes__has_key="link")
        beaten_by = [(reviews if claim.withdrawn else verdicts).last()]
    return {
        "claim": claim,
        "lazy": lazy,
        "history": history,
        "last_decision": beaten_by[-1] if beaten_by else None,
        "form": DecisionForm(),
        "withdraw_form": withdraw_form_for(claim),
        "hops": hops_of(claim, records=not extra.get("kept"), forms=hop_form is not None, sent=hop_form),
        "hop_form": hop_form,
        **extra,
    }


def hops_of(claim: Claim, *, records: bool = True, forms: bool = True, sent: HopCheckForm | None = None):
    """The chain's hops, outermost first: each link with its source's record in short (`with_record`, one
    query for them all) and the form that checks it (`sent` in its own hop's place)."""
    links = list(claim.links.all())
    record = {}
    if records and links:
        record = Source.objects.filter(pk__in={link.source_id for link in links}).with_record().in_bulk()
    return [
        {
            "link": link,
            "record": record.get(link.source_id),
            "form": (sent if sent and sent.prefix == hop_prefix(link.position) else hop_form_for(claim, link))
            if forms
            else None,
        }
        for link in links
    ]


def hop_prefix(position: int) -> str:
    return f"hop{position}"


def hop_form_for(claim: Claim, link: ChainLink) -> HopCheckForm:
    """An empty check of the hop, at the claim's version, its fields named apart from the other hops'."""
    return HopCheckForm(initial={"version": claim.version}, prefix=hop_prefix(link.position))


def withdraw_form_for(claim: Claim) -> WithdrawForm:
    """The panel's withdraw form, empty, at the claim's version."""
    return WithdrawForm(initial={"version": claim.version}, auto_id=f"id_withdraw_{claim.pk}_%s")


def unplaced_link(claim: Claim) -> Run:
    # A claim wholly hidden under others gets a link of its own below the text, so it can be opened.
    return Run(Truncator(claim.text).words(8), claim, closes=True)


def article_context(article: Article, selected_pk: int | None, **extra) -> dict:
    """The article page: the text with every claim highlighted, the progress and the open claim's panel."""
    claims = list(article.claims.current().order_by("start", "pk").only("start", "end", "status", "text"))
    text_runs = runs(article.text, claims)
    placed = {run.claim.pk for run in text_runs if run.claim}
    selected = (
        selected_pk
        and Claim.objects.with_chain().with_passage().filter(article=article, pk=selected_pk).first()
    )
    counts = dict.fromkeys(Claim.Status.values, 0) | Counter(claim.status for claim in claims)
    return {
        "article": article,
        "runs": text_runs,
        "unplaced": [unplaced_link(c) for c in claims if c.pk not in placed],
        "withdrawn": article.claims.filter(withdrawn=True).only("text", "status"),
        **progress(counts),
        "reliance": article.reliance(),
        **(panel_context(selected) if selected else {"claim": None, "form": DecisionForm()}),
        **extra,
    }


def decide_context(claim: Claim, **extra) -> dict:
    """The panel after a decision, and what changed beside it: the claim's highlight and the progress."""
    claims = Claim.objects.current().filter(article_id=claim.article_id)
    overlapping = (
        claims.filter(start__lt=claim.end, end__gt=claim.start).order_by().only("start", "end", "status")
    )
    highlight = runs_of(claim, claim.in_text, list(overlapping))
    return {
        "article": claim.article,  # without its text, which stays behind
        "highlight": highlight or [unplaced_link(claim)],
        **progress(claims.status_counts()),
        **panel_context(claim, lazy=True, **extra),
    }


def _pk(value: str | None) -> int | None:
    # isascii: "²".isdigit() is true but int("²") fails; 18 digits: anything longer is no row's id.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 18 else None


@require_GET
@can_view
def article_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet").with_pending(), pk=pk)
    return render(request, "claims/article.html", article_context(article, _pk(request.GET.get("claim"))))


@require_GET
@can_view
@vary_on_headers("HX-Request")
def claim_panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.with_chain().with_passage(), pk=pk)
    if not request.htmx:
        return redirect(claim)
    return render(request, "claims/article.html#claim-panel", panel_context(claim))


@require_GET
@can_view
@vary_on_headers("HX-Request")
def claim_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The claim's history, which a decision's reply leaves for its panel to fetch when it is in view."""
    claim = get_object_or_404(Claim.objects.only("article_id"), pk=pk)
    if not request.htmx:
        return redirect(claim)  # the claim's page shows its history in the panel
    context = {"claim": claim, "history": claim.reviews.select_related("reviewer")}
    return render(request, "claims/article.html#claim-history", context)


@require_GET
@can_view
@vary_on_headers("HX-Request")
def evidence_fields(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The decision form's evidence fields, empty, which a decision's reply leaves for the panel to fetch."""
    claim = get_object_or_404(Claim.objects.only("article_id"), pk=pk)
    if not request.htmx:
        return redirect(claim)  # the claim's page shows the fields in the panel
    return render(request, "claims/article.html#evidence-fields", {"form": DecisionForm()})


@require_GET
@can_view
@vary_on_headers("HX-Request")
def withdraw_form(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The panel's withdraw form, which a decision's reply leaves for the panel to fetch when opened."""
    claim = get_object_or_404(Claim.objects.only("article_id", "version"), pk=pk)
    if not request.htmx:
        return redirect(claim)  # the claim's page shows the form in the panel
    # At the version the panel was drawn at, as if the form had come with it: a change since is a conflict.
    claim.version = _pk(request.GET.get("version")) or claim.version
    context = {"claim": claim, "withdraw_form": withdraw_form_for(claim)}
    return render(request, "claims/article.html#withdraw-form", context)


@require_POST
@permission_required("claims.add_review", raise_exception=True)
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.with_chain().with_passage(), pk=pk)
    form = DecisionForm(request.POST)
    status, recorded = 200, False
    if not form.is_valid():
        status = 422
    else:
        try:
            record_decision(claim=claim, reviewer=request.user, **form.cleaned_data)
            form, recorded = DecisionForm(), True
        except NothingToRecord:
            already = claim.get_status_display().lower()
            form.add_error(
                None, f"The claim is already {already}. Add a note or evidence to record a re-check."
            )
            status = 422
        except StaleClaim:
            data = form.cleaned_data
            if repeats_last_decision(claim=claim, by=request.user, status=data["status"], note=data["note"]):
                form = DecisionForm()  # a double click: the first one counted
            else:
                status = 409
    if status == 200 and not request.htmx:
        messages.success(request, f"Marked {claim.get_status_display().lower()}.")
        # PRG for browsers without JS: back to the claim, or on to the next one waiting if asked.
        return redirect(request.POST.get("then_next") and next_unverified(claim) or claim)
    return decided(request, claim, form, status, recorded=recorded)


def next_unverified(claim: Claim) -> Claim | None:
    """The article's next claim still unverified after this one, from the top again at the end."""
    waiting = Claim.objects.in_queue().filter(article_id=claim.article_id).exclude(pk=claim.pk)
    after = waiting.filter(Q(start__gt=claim.start) | Q(start=claim.start, pk__gt=claim.pk))
    return after.order_by("start", "pk").first() or waiting.order_by("start", "pk").first()


def decided(
    request: AuthenticatedHttpRequest, claim: Claim, form: DecisionForm, status: int, *, recorded: bool
) -> HttpResponse:
    """The claim as it is now, with the form: htmx gets the panel and what changed, a browser the page.

    `claim` comes with its chain and passage. A decision this request `recorded` changed only its status
    and version, which it carries now; otherwise someone may have changed the claim meanwhile: read again.
    """
    shown = claim if recorded else Claim.objects.with_chain().with_passage().filter(pk=claim.pk).first()
    if shown is None:  # an editor deleted it mid-request
        url = reverse("claims:article", args=[claim.article_id])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        # A recorded decision changed only the status: the claim's text, source and chain stay on screen.
        context = decide_context(shown, form=form, conflict=status == 409, kept=status == 200)
        return render(request, "claims/article.html#decide-response", context, status=status)
    article = Article.objects.select_related("outlet").with_pending().get(pk=claim.article_id)
    context = article_context(article, claim.pk, form=form, conflict=status == 409)
    return render(request, "claims/article.html", context, status=status)


# Importing articles and reviewing the extractor's suggestions


@require_http_methods(["GET", "POST"])
@permission_required("claims.add_article", raise_exception=True)
def import_article_page(request: AuthenticatedHttpRequest) -> HttpResponse:
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


def page_of(suggestion: Suggestion, kind: str | None = None) -> int:
    """The page of its article's suggestions (of one kind, or all), in text order, that holds it."""
    earlier = Q(start__lt=suggestion.start) | Q(start=suggestion.start, pk__lt=suggestion.pk)
    before = Suggestion.objects.filter(earlier, Suggestion.of_kind(kind), article_id=suggestion.article_id)
    return before.count() // SUGGESTIONS_PAGE_SIZE + 1


def suggestion_counts(article: Article, kind: str | None = None) -> dict:
    """How many suggestions the article has, of each kind, how many still wait, and how many of those the
    extractor is sure of (of the kind shown), in one query."""
    pending = Q(state=Suggestion.State.PENDING) & Suggestion.of_kind(kind)
    confident = Q(confidence__gte=Suggestion.CONFIDENT)
    return article.suggestions.order_by().aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=pending),
        confident=Count("pk", filter=pending & confident),
        unsure=Count("pk", filter=pending & ~confident),
        facts=Count("pk", filter=Suggestion.of_kind("facts")),
        views=Count("pk", filter=Suggestion.of_kind("views")),
    )


def prepare_cards(article: Article, cards: list[Suggestion], focus: int | None = None, form=None, error=""):
    """Give each card its passage in context, which names are known sources, and its edit form."""
    known = known_sources([name for s in cards for name in s.chain])
    for s in cards:
        s.before, s.passage, s.after = (
            article.text[max(0, s.start - 150) : s.start],
            article.text[s.start : s.end],
            article.text[s.end : s.end + 150],
        )
        s.known_names = {name for name in s.chain if normalise_name(name) in known}
        s.error = error if s.pk == focus else ""
        s.form = form if form is not None and s.pk == focus else edit_form(s, article)


def edit_form(s: Suggestion, article: Article) -> SuggestionForm:
    """The card's form for editing the suggestion before accepting it, filled in with the suggestion."""
    initial = {
        "text": s.text,
        "passage": article.text[s.start : s.end],
        "occurrence": s.start,
        "chain": s.chain,
        "cue": s.cue,
        "hedge": s.hedge,
    }
    return SuggestionForm(initial=initial, article_text=article.text, auto_id=f"id_{s.pk}_%s")


def suggestion_kind(value: str | None) -> str | None:
    """One of Suggestion.KINDS, or None (all of them) for anything else."""
    return value if value in Suggestion.KINDS else None


def suggestion_context(article: Article, number, kind: str | None = None, **extra) -> dict:
    """One page of cards (of one kind, or all), and the stretch of text they sit in, every suggestion in
    it marked."""
    shown = article.suggestions.filter(Suggestion.of_kind(kind)).order_by("start", "pk")
    page = Paginator(shown, SUGGESTIONS_PAGE_SIZE).get_page(number)
    cards = list(page)
    prepare_cards(article, cards, **extra)
    lo, hi = 0, len(article.text)
    marks = cards
    if page.paginator.num_pages > 1:
        lo, hi = window(article.text, cards[0].start, max(s.end for s in cards))
        # The stretch may hold suggestions of the pages around this one: they are marked too.
        marks = list(article.suggestions.filter(start__lt=hi, end__gt=lo).only("start", "end", "state"))
    return {
        "article": article,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "suggestions": cards,
        "on_page": {s.pk for s in cards},
        "runs": runs(article.text[lo:hi], marks, lo),
        "shown": (lo, hi),
        "kind": kind,
        "kinds": Suggestion.KINDS,
        # The unsure ones waiting, least sure first: the reviewer looks at these before anything else.
        "unsure_first": article.suggestions.filter(
            Suggestion.of_kind(kind), state=Suggestion.State.PENDING, confidence__lt=Suggestion.CONFIDENT
        )
        .order_by("confidence", "start")
        .only("text")[:10],
        **suggestion_counts(article, kind),
    }


@require_GET
@permission_required("claims.add_claim", raise_exception=True)
def suggestions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    number: str | int | None = request.GET.get("page")
    kind = suggestion_kind(request.GET.get("kind"))
    # A mark in the text whose card is on another page links here by the suggestion's id.
    at = _pk(request.GET.get("suggestion"))
    if at and (found := article.suggestions.filter(pk=at).first()):
        if not article.suggestions.filter(Suggestion.of_kind(kind), pk=at).exists():
            kind = None  # the mark's suggestion is of the other kind: show all, so that its card is there
        number = page_of(found, kind)
    return render(request, "claims/suggestions.html", suggestion_context(article, number, kind))


def apply_decision(
    request: AuthenticatedHttpRequest, suggestion: Suggestion
) -> tuple[SuggestionForm | None, str, int]:
    """Accept, edit or reject the suggestion as the card's form asks: the form back, an error and a status."""
    action = request.POST.get("action")
    try:
        if action == "accept":
            accept_suggestion(suggestion=suggestion, by=request.user)
        elif action == "reject":
            reject_suggestion(suggestion=suggestion, by=request.user)
        elif action == "edit":
            form = SuggestionForm(
                request.POST, article_text=suggestion.article.text, auto_id=f"id_{suggestion.pk}_%s"
            )
            if form.is_valid():
                accept_suggestion(suggestion=suggestion, by=request.user, **form.accepted)
            elif suggestion.state == Suggestion.State.PENDING:
                return form, "", 422
            else:  # a stale card: that it was decided matters more than what is wrong with the edit
                raise SuggestionDecided
        else:
            return None, "Choose accept, edit or reject.", 422
    except SuggestionDecided:
        suggestion.refresh_from_db()
        return None, f"Already {suggestion.get_state_display().lower()} by someone else.", 409
    except BadSpan as problem:
        return None, str(problem), 422
    return None, "", 200


def card_context(article: Article, suggestion: Suggestion, *, marks: bool, kind=None, **card) -> dict:
    """The card after a decision, and what changed beside it: its marks in the text and the counts."""
    prepare_cards(article, [suggestion], focus=suggestion.pk, **card)
    overlapping = list(
        article.suggestions.filter(start__lt=suggestion.end, end__gt=suggestion.start)
        .order_by()
        .only("start", "end", "state")
    )
    return {
        "article": article,
        "suggestion": suggestion,
        "on_page": {suggestion.pk},
        "marks": runs_of(suggestion, suggestion.passage, overlapping) if marks else [],
        "kind": kind,
        **suggestion_counts(article, kind),
    }


@require_POST
@permission_required("claims.add_claim", raise_exception=True)
def decide_suggestion(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.select_related("article"), pk=pk)
    article = suggestion.article
    seen = request.POST.get("span", f"{suggestion.start}:{suggestion.end}")  # as the card was drawn
    kind = suggestion_kind(request.POST.get("kind"))  # the kind of suggestions the page shows
    form, error, status = apply_decision(request, suggestion)
    suggestion.article = article  # a decision reloads the suggestion: keep the article, text and all
    # The text beside the card marks the span it was drawn with; if that moved, only a new page can show it.
    moved = seen != f"{suggestion.start}:{suggestion.end}"
    if status == 200 and (moved or not request.htmx):
        query = f"page={page_of(suggestion, kind)}" + (f"&kind={kind}" if kind else "")
        url = f"{reverse('claims:suggestions', args=[article.pk])}?{query}#suggestion-{pk}"
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)  # PRG, back to its page
    if not request.htmx:
        context = suggestion_context(
            article, page_of(suggestion, kind), kind, focus=pk, form=form, error=error
        )
        return render(request, "claims/suggestions.html", context, status=status)
    context = card_context(article, suggestion, marks=not moved, kind=kind, form=form, error=error)
    # A claim just made from it: similar claims of other articles are looked for at once, to link.
    context["accepted_now"] = status == 200 and suggestion.state == Suggestion.State.ACCEPTED
    return render(request, "claims/suggestions.html#decide-response", context, status=status)


@require_POST
@permission_required("claims.add_claim", raise_exception=True)
def accept_all_suggestions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    kind = suggestion_kind(request.POST.get("kind"))  # the kind the page showed, or all
    # Only the confident ones: the unsure are left for a look, each accepted, edited or rejected by hand.
    accepted, skipped = accept_all(article=article, by=request.user, at_least=Suggestion.CONFIDENT, kind=kind)
    which = f" ({Suggestion.KINDS[kind].lower()})" if kind else ""
    messages.success(
        request, f"Accepted {accepted} confident suggested claims{which}: they are in the queue now."
    )
    if left := article.suggestions.filter(state=Suggestion.State.PENDING).count() - skipped:
        messages.info(request, f"{left} unsure suggestion{'s' * (left != 1)} still to look at, one by one.")
    if skipped:
        messages.warning(request, f"{skipped} could not be accepted: their passage is gone or taken.")
    return redirect(article)


# Correcting claims: edit what a claim says and whom it is attributed to, withdraw it, restore it.
# Reviewers and editors both author claims (they import and accept them), so add_claim lets them correct.
can_correct = permission_required("claims.add_claim", raise_exception=True)


def attribution(data: dict) -> Attribution:
    """The form's chain as typed, for edit_claim and add_claim to match to sources."""
    return Attribution(data["chain"], data["source_kind"], data["source_description"])


def corrected(request: AuthenticatedHttpRequest, claim: Claim, message: str) -> HttpResponse:
    """After an edit, withdrawal or restoration: the claim's page, where its highlight is drawn anew."""
    messages.success(request, message)
    url = Claim.objects.get(pk=claim.pk).get_absolute_url()
    # Without its #fragment: a browser told to go where it is, fragment and all, would only scroll there.
    return HttpResponseClientRedirect(url.partition("#")[0]) if request.htmx else redirect(url)


def panel_response(
    request: AuthenticatedHttpRequest, claim: Claim, status: int, partial: str, **extra
) -> HttpResponse:
    """The claim's panel (or `partial` of it) with `extra`: alone for htmx, on its article page without JS."""
    shown = Claim.objects.with_chain().with_passage().get(pk=claim.pk)  # as it is now
    extra["conflict"] = status == 409
    if request.htmx:
        return render(request, f"claims/article.html#{partial}", panel_context(shown, **extra), status=status)
    article = Article.objects.select_related("outlet").with_pending().get(pk=claim.article_id)
    return render(request, "claims/article.html", article_context(article, claim.pk, **extra), status=status)


@require_http_methods(["GET", "POST"])
@can_correct
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.with_chain().with_passage().defer(None), pk=pk)
    if claim.withdrawn:  # withdrawn after the page was drawn: the panel says by whom and why
        return panel_response(request, claim, 409, "claim-panel")
    if request.method == "GET":
        return panel_response(request, claim, 200, "claim-editor", edit_form=ClaimEditForm.for_claim(claim))
    form = ClaimEditForm(request.POST, article_text=claim.article.text)
    if not form.is_valid():
        return panel_response(request, claim, 422, "claim-editor", edit_form=form)
    data = form.cleaned_data
    fields = {key: data[key] for key in ["text", "start", "end", "cue", "hedge", "note", "version"]}
    try:
        edit_claim(claim=claim, by=request.user, chain=attribution(data), **fields)
    except ClaimWithdrawn:
        return panel_response(request, claim, 409, "claim-panel")
    except StaleClaim:
        return panel_response(request, claim, 409, "claim-editor", edit_form=form)
    except (BadSpan, NothingToRecord) as problem:
        form.add_error(None, str(problem) or "Nothing was changed, so nothing was recorded.")
        return panel_response(request, claim, 422, "claim-editor", edit_form=form)
    return corrected(request, claim, "Saved the correction: it is in the claim's history.")


@require_POST
@can_correct
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = WithdrawForm(request.POST, auto_id=f"id_withdraw_{pk}_%s")
    if not form.is_valid():
        return panel_response(request, claim, 422, "claim-panel", withdraw_form=form)
    try:
        withdraw_claim(claim=claim, by=request.user, **form.cleaned_data)
    except StaleClaim:
        return panel_response(request, claim, 409, "claim-panel", withdraw_form=form)
    return corrected(request, claim, "Withdrew the claim: it has left the queue. Restore it from its panel.")


@require_POST
@can_correct
def restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    try:
        restore_claim(claim=claim, by=request.user, version=_pk(request.POST.get("version")) or 0)
    except StaleClaim:
        return panel_response(request, claim, 409, "claim-panel")
    except BadSpan as problem:
        return panel_response(request, claim, 422, "claim-panel", restore_error=str(problem))
    return corrected(request, claim, "Restored the claim: it is back in the queue.")


@require_GET
@can_view
@vary_on_headers("HX-Request")
def hop_forms(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The panel's hop checks, which a decision's reply leaves for the panel to fetch when opened."""
    claim = get_object_or_404(Claim.objects.with_chain(), pk=pk)
    if not request.htmx:
        return redirect(claim)  # the claim's page shows them in the panel
    claim.version = _pk(request.GET.get("version")) or claim.version  # as drawn, like withdraw_form
    return render(
        request, "claims/article.html#hop-checks", {"claim": claim, "hops": hops_of(claim, records=False)}
    )


@require_POST
@permission_required("claims.add_review", raise_exception=True)
def decide_hop(request: AuthenticatedHttpRequest, pk: int, position: int) -> HttpResponse:
    """Record whether one hop of the chain holds: htmx gets the panel with the hop's new mark, lazy (its
    history comes when in view, as after a decision)."""
    claim = get_object_or_404(Claim, pk=pk)
    form = HopCheckForm(request.POST, prefix=hop_prefix(position))
    if not form.is_valid():
        return panel_response(request, claim, 422, "claim-panel", hop_form=form)
    try:
        check_hop(claim=claim, by=request.user, position=position, **form.cleaned_data)
    except ChainLink.DoesNotExist:
        raise Http404("The chain has no such hop.") from None
    except StaleClaim:
        return panel_response(request, claim, 409, "claim-panel", hop_form=form)
    except NothingToRecord:
        form.add_error(
            None, "That is the hop's verdict already. Add a note or evidence to record a re-check."
        )
        return panel_response(request, claim, 422, "claim-panel", hop_form=form)
    if not request.htmx:
        messages.success(request, "Recorded the hop's check.")
        return redirect(claim)
    return panel_response(request, claim, 200, "claim-panel", lazy=True)


@require_POST
@permission_required("claims.publish_claim", raise_exception=True)
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Make a decided claim's review public as ClaimReview, or take it down: htmx gets the panel in place."""
    claim = get_object_or_404(Claim, pk=pk)
    if request.POST.get("public") not in {"0", "1"}:  # not from the panel's buttons
        return panel_response(
            request, claim, 422, "claim-panel", publish_error="Choose to publish or take down."
        )
    public = request.POST["public"] == "1"
    try:
        publish_claim(
            claim=claim, by=request.user, version=_pk(request.POST.get("version")) or 0, public=public
        )
    except NotPublishable:
        error = "Only a confirmed or disputed claim can be published: decide it first."
        return panel_response(request, claim, 422, "claim-panel", publish_error=error)
    except StaleClaim:
        return panel_response(request, claim, 409, "claim-panel")
    except NothingToRecord:
        pass  # published (or taken down) already, by this click's twin: the panel shows it as it is
    if not request.htmx:
        messages.success(request, "Published the review." if public else "Took the review down.")
        return redirect(claim)
    return panel_response(request, claim, 200, "claim-panel")


def review_json(data: dict | list) -> JsonResponse:
    """Public JSON-LD that any site may fetch (it holds only what the desk chose to publish)."""
    response = JsonResponse(
        data, safe=False, content_type="application/ld+json", json_dumps_params={"indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@login_not_required
def claimreview(request: HttpRequest, pk: int) -> JsonResponse:
    """A published claim's ClaimReview; any other claim is a 404, to anyone."""
    claim = get_object_or_404(published_claims(Claim.objects.all()), pk=pk)
    return review_json(claim_review(claim, request))


@require_GET
@login_not_required
def article_claimreview(request: HttpRequest, pk: int) -> JsonResponse:
    """The article's published claims' ClaimReviews, in the order of the text; none published is a 404."""
    claims = published_claims(Claim.objects.filter(article_id=pk)).order_by("start", "pk")
    reviews = [claim_review(claim, request) for claim in claims]
    if not reviews:
        raise Http404("No published reviews.")
    return review_json(reviews)


@require_GET
@can_view
def queue_options(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The options of the queue's article or source select, for what was typed in its finder."""
    if "find_article" in request.GET:
        found, empty = found_articles(request.GET["find_article"][:100]), "Any article"
    else:
        found, empty = found_sources(request.GET.get("find_source", "")[:100]), "Any named source"
    return render(request, "claims/queue.html#filter-options", {"found": found, "empty": empty})


@require_GET
@can_view
def source_options(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Known named sources whose name holds what was typed: the options of the source fields' picker."""
    # What was typed in the source field, in one of the chain's hops, or in a source page's merge field.
    typed = request.GET.get("source") or request.GET.get("via") or request.GET.get("other") or ""
    sources = found_sources(typed[:100])
    return render(request, "claims/article.html#source-options", {"sources": sources})


def new_claim_response(request: AuthenticatedHttpRequest, article: Article, form: NewClaimForm, status: int):
    if request.htmx:
        return render(
            request, "claims/article.html#claim-editor", {"new_form": form, "article": article}, status=status
        )
    context = article_context(article, None, new_form=form)
    return render(request, "claims/article.html", context, status=status)


@require_http_methods(["GET", "POST"])
@can_correct
def new_claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A claim the extractor missed: from a selection in the text (start, end), or a pasted passage."""
    article = get_object_or_404(Article, pk=pk)
    claims = list(article.claims.current().only("start", "end", "text"))
    if request.method == "GET":
        start, end = _pk(request.GET.get("start")), _pk(request.GET.get("end"))
        passage = article.text[start:end].strip() if start is not None and end else ""
        initial = {"text": passage, "passage": passage, "occurrence": start if passage else None}
        return new_claim_response(
            request, article, NewClaimForm(initial=initial, article_text=article.text, claims=claims), 200
        )
    form = NewClaimForm(request.POST, article_text=article.text, claims=claims)
    if not form.is_valid():
        return new_claim_response(request, article, form, 422)
    data = form.cleaned_data
    fields = {key: data[key] for key in ["text", "start", "end", "cue", "hedge", "note"]}
    try:
        claim = add_claim(article=article, by=request.user, chain=attribution(data), **fields)
    except BadSpan as problem:
        form.add_error("passage", str(problem))
        return new_claim_response(request, article, form, 422)
    return corrected(request, claim, "Added the claim: it is in the queue, unverified.")


# A source's page: who it is, what it said and passed on, and (for editors) merging its records into one.


def source_page(
    request: AuthenticatedHttpRequest, source: Source, form: MergeForm, status: int = 200
) -> HttpResponse:
    """Who it is, its record (records.py), the claims resting on it, and for editors merging its records."""
    claims, claim_count, more = records.newest(source)
    articles, article_count = records.articles_of(source)
    context = {
        "source": source,
        "record": records.shares({status: getattr(source, status) for status in Claim.Status.values}),
        "hops": database.hop_verdicts(source),  # how often the attribution to it held up
        "articles": articles,
        "article_count": article_count,
        "months": records.by_month(source),
        "statuses": Claim.Status.choices,
        "claims": claims,
        "claim_count": shown_count(claim_count, more),
        "all_shown": claim_count == len(claims) and not more,
        "merge_form": form,
        "aliases": source.aliases.order_by("name"),
    }
    return render(request, "claims/source.html", context, status=status)


@require_GET
@can_view
def sources(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How the desk's sources have held up, by kind and by the descriptions the articles give them."""
    return render(request, "claims/sources.html", {"kinds": records.by_kind()})


@require_GET
@can_view
def source_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source.objects.with_counts(), pk=pk)
    return source_page(request, source, MergeForm(source=source))


@require_POST
@permission_required("claims.change_source", raise_exception=True)
def merge_source(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source.objects.with_counts(), pk=pk)
    form = MergeForm(request.POST, source=source)
    if form.is_valid():
        other = form.cleaned_data["other"]
        try:
            merge_sources(keep=source, merge=other, by=request.user)
        except AnonymousSource:
            form.add_error(None, "Anonymous sources are described per article, not merged.")
        except Source.DoesNotExist:
            form.add_error(
                None, "One of the two records was merged or deleted meanwhile: nothing was merged."
            )
        else:
            messages.success(request, f"Merged “{other.name}” into “{source.name}”: its claims are here now.")
            return redirect(source)
    return source_page(request, source, form, status=422)


@require_POST
@permission_required("claims.change_source", raise_exception=True)
def split_source_alias(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alias = get_object_or_404(SourceAlias.objects.select_related("source"), pk=pk)
    try:
        split_alias(alias=alias, by=request.user)
    except NameTaken:
        messages.error(request, f"A source called “{alias.name}” exists already: merge it instead.")
    except SourceAlias.DoesNotExist:
        messages.info(request, f"“{alias.name}” was split off meanwhile.")
    else:
        messages.success(request, f"“{alias.name}” is a source of its own again, with what its merge moved.")
    return redirect(alias.source)
