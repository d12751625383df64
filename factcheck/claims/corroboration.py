"""Reads for corroboration across articles: a claim's linked group, its independent sources, and the
flags that a linked claim was decided since. Nothing here writes: links go through decisions.link_claims,
and a decision on one claim of a group is only ever shown to the others, never applied to them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from factcheck.claims import database
from factcheck.claims.decisions import BadLink, NothingToRecord, link_claims
from factcheck.claims.forms import LinkForm
from factcheck.claims.models import DECISION, Claim, ClaimLink, LinkRelation, Review, Source
from factcheck.http import AuthenticatedHttpRequest

# A group is read level by level through "same claim" links; this far and this big at most.
MAX_DEPTH = 5
MAX_GROUP = 100
BACKING = {"self", "same", "supports"}


@dataclass
class Member:
    """A claim of the group and how it stands to the claim the group is read for."""

    claim: Claim
    relation: str  # "self", "same", "supports" or "contradicts"
    linked_at: datetime | None = None

    @property
    def path(self) -> str:
        """Its chain in words: "The Guardian, citing Syriasteps", or the article's own statement."""
        chain = self.claim.chain
        if not chain:
            return f"the article itself ({self.claim.article.outlet or self.claim.article.title})"
        return ", citing ".join(source.name for source in chain)


@dataclass
class Strand:
    """Claims that share a source somewhere in their chains: one independent source, however many."""

    name: str
    members: list[Member] = field(default_factory=list)


@dataclass
class Flag:
    """A linked claim decided after the link and after this claim's own latest decision."""

    member: Member
    status: str
    by: str
    at: datetime


def group_relations(claim_pk: int) -> dict[int, tuple[str, datetime | None]]:
    """Each claim of the group, by id: how it stands to the claim and when the link that brings it in was
    made. Through "same claim" links transitively; "supports" and "contradicts" links of any claim the
    same as this one count as the group's, and are not followed further."""
    found: dict[int, tuple[str, datetime | None]] = {claim_pk: ("self", None)}
    frontier = {claim_pk}
    for _ in range(MAX_DEPTH):
        links = ClaimLink.objects.filter(Q(low__in=frontier) | Q(high__in=frontier))
        links = links.exclude(relation=ClaimLink.Relation.DISMISSED).order_by("pk")
        reached = set()
        for low, high, relation, at in links.values_list("low", "high", "relation", "updated_at"):
            for here, there in ((low, high), (high, low)):
                if here in frontier and there not in found and len(found) < MAX_GROUP:
                    found[there] = (relation, at)
                    if relation == ClaimLink.Relation.SAME:
                        reached.add(there)
        if not reached:
            break
        frontier = reached
    return found


def latest(column: str) -> Subquery:
    decisions = Review.objects.filter(DECISION, claim=OuterRef("pk")).order_by("-created_at", "-pk")
    return Subquery(decisions.values(column)[:1])


def linked_group(claim_pk: int) -> list[Member]:
    """The group, the claim itself first, each claim with its article, chain and latest decision."""
    relations = group_relations(claim_pk)
    claims = (
        Claim.objects.with_chain()
        .select_related("article__outlet")
        .filter(pk__in=relations)
        .annotate(
            decided_at=latest("created_at"),
            decided_status=latest("new_status"),
            decided_by=latest("reviewer__username"),
        )
        .order_by("pk")
    )
    members = [Member(c, *relations[c.pk]) for c in claims]
    return sorted(members, key=lambda m: (m.relation != "self", m.claim.pk))


def flags(members: list[Member]) -> list[Flag]:
    """The linked claims decided since they were linked and since this claim's own latest decision."""
    own = next((m.claim.decided_at for m in members if m.relation == "self"), None)
    shown = []
    for m in members:
        at, status, by = m.claim.decided_at, m.claim.decided_status, m.claim.decided_by
        if m.relation == "self" or not (at and status and by):
            continue  # never decided: the three come from its latest decision, all or none
        if (not m.linked_at or at > m.linked_at) and (not own or at > own):
            shown.append(Flag(m, Claim.Status(status).label.lower(), by, at))
    return shown


def strands(members: list[Member]) -> list[Strand]:
    """The independent sources of `members`: claims whose chains share any source are one, named after the
    source most of them pass through (the one nearest the original speaker when that is a tie). A claim in
    the article's own voice stands on the article's outlet."""
    keys = {m.claim.pk: chain_keys(m) for m in members}
    parent = {pk: pk for pk in keys}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    owner: dict = {}
    for pk, own in keys.items():
        for key in own:
            if key in owner:
                parent[root(pk)] = root(owner[key])
            else:
                owner[key] = pk
    grouped: dict[int, list[Member]] = {}
    for m in members:
        grouped.setdefault(root(m.claim.pk), []).append(m)
    return [Strand(strand_name(group), group) for group in grouped.values()]


def chain_keys(member: Member) -> set:
    claim = member.claim
    if claim.chain:
        return {("source", source.pk) for source in claim.chain}
    if claim.article.outlet_id:
        return {("source", claim.article.outlet_id)}
    return {("article", claim.article_id)}


def strand_name(group: list[Member]) -> str:
    seen: dict[int, list] = {}
    for m in group:
        chain = m.claim.chain or ([m.claim.article.outlet] if m.claim.article.outlet is not None else [])
        for depth, source in enumerate(chain):
            entry = seen.setdefault(source.pk, [0, 0, source])
            entry[0] += 1
            entry[1] = max(entry[1], depth - len(chain))  # nearer the speaker is larger (closer to 0)
    if not seen:
        return f"the article “{group[0].claim.article.title}”"
    _, _, source = max(seen.values(), key=lambda e: (e[0], e[1], -e[2].pk))
    return source.name if isinstance(source, Source) else str(source)


def corroboration_of(claim_pk: int) -> dict:
    """What the corroboration page and the panel's summary show for the claim."""
    members = linked_group(claim_pk)
    backing = [m for m in members if m.relation in BACKING]
    against = [m for m in members if m.relation == "contradicts"]
    return {
        "members": members,
        "linked": [m for m in members if m.relation != "self"],
        "backing": strands(backing),
        "against": strands(against),
        "flags": flags(members),
    }


def linked_to(claim: Claim) -> bool:
    """Whether the claim is linked to any other (a dismissal is no link): one index lookup."""
    links = ClaimLink.objects.exclude(relation=LinkRelation.DISMISSED)
    return links.filter(Q(low=claim.pk) | Q(high=claim.pk)).exists()


SHOWN = ["article_id", "text", "folded", "withdrawn"]  # what the fragments read of the claim itself
can_view = permission_required("claims.view_claim", raise_exception=True)


@require_GET
@can_view
def corroboration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The claim's linked group: its claims, the sources backing and contradicting it, how independent.
    Similar claims are looked for as the page shows (the `similar_claims` fragment), or with it when asked
    (`?similar=1`, the link a browser without JavaScript follows)."""
    claim = get_object_or_404(Claim.objects.select_related("article").only(*SHOWN, "article__title"), pk=pk)
    return render(
        request, "claims/corroboration.html", page_context(claim, looked=bool(request.GET.get("similar")))
    )


def page_context(claim: Claim, *, looked: bool = True, **extra) -> dict:
    return {
        "claim": claim,
        **corroboration_of(claim.pk),
        "looked": looked,
        "suggested": database.similar_claims(claim) if looked else [],
        "form": LinkForm(),
        "on_page": True,
        **extra,
    }


@require_GET
@can_view
@vary_on_headers("HX-Request")
def claim_links(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The panel's summary of the claim's links and the flags they raise, fetched as the panel shows."""
    claim = get_object_or_404(Claim.objects.only(*SHOWN), pk=pk)
    if not request.htmx:
        return redirect("claims:corroboration", pk)
    return render(request, "claims/corroboration.html#claim-links", {"claim": claim, **corroboration_of(pk)})


@require_GET
@can_view
@vary_on_headers("HX-Request")
def similar_claims(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Similar claims in other articles, which a claim's panel fetches as it shows, a suggestion's card as
    soon as it is accepted (`alone`: without the panel's summary of links beside them), and the
    corroboration page as it shows (`on_page`: its own region, the links' flags beside it)."""
    claim = get_object_or_404(Claim.objects.only(*SHOWN), pk=pk)
    if not request.htmx:
        return redirect(reverse("claims:corroboration", args=[pk]) + "?similar=1")
    context = {"claim": claim, "suggested": database.similar_claims(claim), "form": LinkForm()}
    context["alone"] = bool(request.GET.get("alone"))
    context["on_page"] = bool(request.GET.get("on_page"))
    if context["on_page"]:  # for "besides those linked", as the page says it
        context["linked"] = linked_to(claim)
    partial = "similar-claims" if context["on_page"] else "similar-details"
    return render(request, f"claims/corroboration.html#{partial}", context)


@require_POST
@permission_required("claims.add_review", raise_exception=True)
def link_claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Link the claim to a suggested one (or dismiss it): htmx gets the suggestions and summary anew."""
    claim = get_object_or_404(Claim.objects.only(*SHOWN), pk=pk)
    form = LinkForm(request.POST)
    linked = None
    if form.is_valid():
        other = get_object_or_404(Claim.objects.only(*SHOWN), pk=form.cleaned_data["other"])
        try:
            linked = link_claims(
                claim=claim, other=other, relation=form.cleaned_data["relation"], by=request.user
            )
        except BadLink as problem:
            form.add_error(None, str(problem))
        except NothingToRecord:
            form.add_error(None, "The claims are linked so already.")
    status = 200 if linked else 422
    if not request.htmx and linked:
        messages.success(
            request, f"Recorded: {linked.get_relation_display().lower()}. It is in both histories."
        )
        return redirect("claims:corroboration", pk)
    if not request.htmx:
        return render(request, "claims/corroboration.html", page_context(claim, form=form), status=status)
    context = {"claim": claim, "suggested": database.similar_claims(claim), **corroboration_of(pk)}
    context["on_page"] = bool(request.POST.get("on_page"))
    context["alone"] = bool(request.POST.get("alone"))
    if linked:
        context["linked_now"] = f"Recorded: {linked.get_relation_display().lower()}. It is in both histories."
    context["form"] = LinkForm() if linked else form
    return render(request, "claims/corroboration.html#link-response", context, status=status)
