"""Corroboration across articles: similar claims suggested, linked or dismissed with both histories, the
linked group's independent sources, and flags from a linked claim's decision that change nothing else."""

import pytest
from django.db import connection, models
from django.urls import reverse

from factcheck.claims.decisions import BadLink, NothingToRecord, link_claims, record_decision, withdraw_claim
from factcheck.claims.models import ClaimLink, ClaimQuerySet, Review
from factcheck.claims.templatetags.articles import review_action
from tests.factories import make_article, make_claim, make_source

HTMX = {"HX-Request": "true"}
PIER = "The harbour authority said that the northern pier will close in May"


def claim_in_new_article(text: str, chain=None, **kw):
    article = make_article(text=f"{text}. Other words follow here. ({text[:5]} {make_source().pk})")
    return make_claim(article=article, start=0, end=len(text), text=text, chain=chain, **kw)


@pytest.fixture
def pair(db):
    """The same claim in two articles, worded a little differently."""
    return claim_in_new_article(PIER), claim_in_new_article(
        "The northern pier will close in May, the harbour authority said"
    )


def suggested(client, claim):
    r = client.get(reverse("claims:similar_claims", args=[claim.pk]), headers=HTMX)
    assert r.status_code == 200
    return r


def test_similar_claim_in_another_article_is_suggested(client, reviewer, pair):
    one, two = pair
    client.force_login(reviewer)
    html = suggested(client, one).content.decode()
    assert f'name="other" value="{two.pk}"' in html
    for label in ["Same claim", "Supports", "Contradicts", "Not related"]:
        assert f">{label}</button>" in html


def test_same_article_withdrawn_and_dismissed_claims_are_not_suggested(client, reviewer, pair):
    one, two = pair
    same_article = make_claim(article=one.article, start=41, end=69, text=PIER)
    withdrawn = claim_in_new_article(PIER + " next year")
    withdraw_claim(claim=withdrawn, by=reviewer, version=withdrawn.version, reason="not a claim")
    unrelated = claim_in_new_article("About 1,200 boats use the pier each year")
    client.force_login(reviewer)
    html = suggested(client, one).content.decode()
    assert f'value="{two.pk}"' in html
    for other in (same_article, withdrawn, unrelated):
        assert f'value="{other.pk}"' not in html
    link_claims(claim=one, other=two, relation="dismissed", by=reviewer)
    assert f'value="{two.pk}"' not in suggested(client, one).content.decode()


@pytest.mark.parametrize("relation", ["same", "supports", "contradicts", "dismissed"])
def test_reviewer_links_claims_with_htmx_and_both_histories_say_so(client, reviewer, pair, relation):
    one, two = pair
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:link_claim", args=[one.pk]), {"other": two.pk, "relation": relation}, headers=HTMX
    )
    assert r.status_code == 200 and b"<html" not in r.content
    assert f'id="similar-claims-{one.pk}"' in r.content.decode()
    link = ClaimLink.objects.get()
    assert (link.low_id, link.high_id, link.relation, link.by) == (one.pk, two.pk, relation, reviewer)
    for this, that in ((one, two), (two, one)):
        review = Review.objects.get(claim=this)
        assert review.changes["link"]["claim"] == that.pk and review.changes["link"]["relation"] == [
            None,
            relation,
        ]
        assert review.old_status == review.new_status == "unverified"
        line = str(review_action(review))
        assert f"claim {that.pk}" in line
        assert ("dismissed the suggestion" in line) == (relation == "dismissed")
    one.refresh_from_db()
    assert (one.status, one.version) == ("unverified", 1)


def test_link_without_javascript_redirects_to_the_corroboration_page(client, reviewer, pair):
    one, two = pair
    client.force_login(reviewer)
    r = client.post(reverse("claims:link_claim", args=[one.pk]), {"other": two.pk, "relation": "same"})
    assert r.status_code == 302 and r["Location"] == reverse("claims:corroboration", args=[one.pk])


def test_relinking_is_a_new_history_row_not_an_overwrite(reviewer, second_reviewer, pair):
    one, two = pair
    link_claims(claim=one, other=two, relation="supports", by=reviewer)
    link_claims(claim=two, other=one, relation="contradicts", by=second_reviewer)
    assert ClaimLink.objects.get().relation == "contradicts"
    assert [r.changes["link"]["relation"] for r in one.reviews.all()] == [
        [None, "supports"],
        ["supports", "contradicts"],
    ]
    assert "changed its link" in str(review_action(one.reviews.last()))
    with pytest.raises(NothingToRecord):
        link_claims(claim=one, other=two, relation="contradicts", by=reviewer)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"relation": "cousins"}, "Choose how the claims stand to each other."),
        ({"relation": "same", "self": True}, "only to a claim of another article"),
        ({"relation": "same", "same_article": True}, "only to a claim of another article"),
    ],
)
def test_bad_links_are_refused_with_a_message_and_change_nothing(client, reviewer, pair, data, message):
    one, two = pair
    other = two
    if data.pop("self", False):
        other = one
    if data.pop("same_article", False):
        other = make_claim(article=one.article, start=41, end=69)
    client.force_login(reviewer)
    r = client.post(reverse("claims:link_claim", args=[one.pk]), {"other": other.pk, **data}, headers=HTMX)
    assert r.status_code == 422 and message in r.content.decode()
    assert not ClaimLink.objects.exists() and not Review.objects.exists()


def test_linking_an_unknown_claim_is_a_404(client, reviewer, pair):
    one, _ = pair
    client.force_login(reviewer)
    r = client.post(reverse("claims:link_claim", args=[one.pk]), {"other": 424242, "relation": "same"})
    assert r.status_code == 404 and not ClaimLink.objects.exists()


def test_domain_refuses_withdrawn_claims(reviewer, pair):
    one, two = pair
    withdraw_claim(claim=two, by=reviewer, version=two.version, reason="no claim")
    with pytest.raises(BadLink):
        link_claims(claim=one, other=two, relation="same", by=reviewer)


def test_outsider_cannot_link(client, outsider, pair):
    one, two = pair
    client.force_login(outsider)
    r = client.post(reverse("claims:link_claim", args=[one.pk]), {"other": two.pk, "relation": "same"})
    assert r.status_code == 403 and not ClaimLink.objects.exists()


def test_independence_counts_a_shared_upstream_source_once(client, reviewer, db):
    guardian, syriasteps, reuters = (make_source(name=n) for n in ["The Guardian", "Syriasteps", "Reuters"])
    text = "General Manaf Mustafa Tlass has fled to Turkey"
    root = claim_in_new_article(text, chain=[guardian, syriasteps])
    direct = claim_in_new_article(text + " last week", chain=[syriasteps])
    wire = claim_in_new_article(text + " on Friday", chain=[reuters])
    denial = claim_in_new_article("Tlass has not left Syria", chain=[make_source(name="State TV")])
    link_claims(claim=root, other=direct, relation="same", by=reviewer)
    link_claims(claim=direct, other=wire, relation="supports", by=reviewer)  # through the same claim
    link_claims(claim=root, other=denial, relation="contradicts", by=reviewer)
    client.force_login(reviewer)
    r = client.get(reverse("claims:corroboration", args=[root.pk]))
    assert r.status_code == 200
    backing = {strand.name: len(strand.members) for strand in r.context["backing"]}
    assert backing == {"Syriasteps": 2, "Reuters": 1}
    assert [s.name for s in r.context["against"]] == ["State TV"]
    html = r.content.decode()
    assert "Backed by 2 independent sources" in html and "Contradicted by 1 independent source" in html
    assert "“The Guardian, citing Syriasteps”" in html and "(one source, 2 claims)" in html


def test_a_decision_on_a_linked_claim_flags_the_other_and_changes_nothing(
    client, reviewer, second_reviewer, pair
):
    one, two = pair
    link_claims(claim=one, other=two, relation="same", by=reviewer)
    record_decision(
        claim=two, reviewer=second_reviewer, status="disputed", note="The port denies it", version=1
    )
    one.refresh_from_db()
    assert (one.status, one.version) == ("unverified", 1)
    assert one.reviews.count() == 1  # only the link
    client.force_login(reviewer)
    html = client.get(reverse("claims:claim_links", args=[one.pk]), headers=HTMX).content.decode()
    assert "A linked claim was disputed by bob on" in html and "have a look" in html
    assert (
        "A linked claim was disputed"
        in client.get(reverse("claims:corroboration", args=[one.pk])).content.decode()
    )
    # Deciding this claim too is the look: the flag goes.
    record_decision(claim=one, reviewer=reviewer, status="disputed", note="Agreed", version=1)
    html = client.get(reverse("claims:claim_links", args=[one.pk]), headers=HTMX).content.decode()
    assert "A linked claim was" not in html
    # The other way round, the later decision is news to the first claim's reviewer.
    other = client.get(reverse("claims:claim_links", args=[two.pk]), headers=HTMX).content.decode()
    assert "A linked claim was disputed by alice on" in other


def test_an_opened_claim_looks_for_similar_claims_at_once_and_shows_them_open(client, reviewer, pair):
    one, two = pair
    client.force_login(reviewer)
    html = client.get(reverse("claims:claim_panel", args=[one.pk]), headers=HTMX).content.decode()
    assert reverse("claims:claim_links", args=[one.pk]) in html
    similar = reverse("claims:similar_claims", args=[one.pk])
    assert f'hx-get="{similar}" hx-trigger="load"' in html  # as the panel shows, not when asked
    html = suggested(client, one).content.decode()
    assert html.startswith(f'\n<details id="similar-{one.pk}" class="similar" open>')
    assert "Similar claims in other articles (1)" in html and f'value="{two.pk}"' in html
    alone = claim_in_new_article("About 1,200 boats use the pier each year")
    html = suggested(client, alone).content.decode()
    assert "(0)" in html and " open>" not in html and "No similar claim in another article" in html


def test_similar_claims_share_two_of_the_four_longest_words(client, reviewer):
    one = claim_in_new_article("Councillors approved the riverside stadium budget yesterday")
    # Not its two longest words ("councillors", "riverside"), but two of its four: "approved", "stadium".
    other = claim_in_new_article("The stadium budget was approved yesterday")
    far = claim_in_new_article("The stadium was opened yesterday")  # one of them only
    client.force_login(reviewer)
    html = suggested(client, one).content.decode()
    assert f'value="{other.pk}"' in html and f'value="{far.pk}"' not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_on_postgresql_similar_claims_are_found_by_stem(client, reviewer):
    one = claim_in_new_article("Ministers postponed the harbour closures")
    other = claim_in_new_article("Minister postpones closure of the harbour")  # one word as written
    client.force_login(reviewer)
    assert f'value="{other.pk}"' in suggested(client, one).content.decode()
    with connection.cursor() as cursor:  # the full-text index finds them
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claims_claim_folded_fts'")
        assert "to_tsvector('english'::regconfig, folded)" in cursor.fetchone()[0]


def test_fragments_and_page_run_fixed_queries(client, reviewer, pair, django_assert_num_queries):
    one, two = pair
    link_claims(claim=one, other=two, relation="same", by=reviewer)
    claim_in_new_article(PIER + " this year")
    client.force_login(reviewer)
    # Session, user, permissions and the claim; the candidates (and on PostgreSQL, apart, their ranking);
    # those shown, and their chains.
    ranking = connection.vendor == "postgresql"
    with django_assert_num_queries(7 + ranking):
        suggested(client, one)
    # On the corroboration page, one more: whether it is linked, for "besides those linked".
    with django_assert_num_queries(8 + ranking):
        r = client.get(reverse("claims:similar_claims", args=[one.pk]), {"on_page": "1"}, headers=HTMX)
    assert "besides those linked" in r.content.decode() or PIER + " this year" in r.content.decode()
    # And the group's links level by level (two), its claims with their latest decisions, their chains.
    with django_assert_num_queries(8):
        client.get(reverse("claims:claim_links", args=[one.pk]), headers=HTMX)
    # The page: the links' queries and the header's unverified count; it looks for similar claims as it shows.
    with django_assert_num_queries(9):
        page = client.get(reverse("claims:corroboration", args=[one.pk])).content.decode()
    similar = reverse("claims:similar_claims", args=[one.pk])
    assert f'hx-get="{similar}?on_page=1" hx-trigger="load"' in page and "Backed by 2 independent" in page
    # Without JavaScript it asks for them with it: the links' queries and the suggestions'.
    with django_assert_num_queries(12 + ranking):
        page = client.get(reverse("claims:corroboration", args=[one.pk]), {"similar": "1"}).content.decode()
    assert PIER + " this year" in page


def test_a_conflict_notice_names_the_decision_not_a_later_link(client, reviewer, second_reviewer, pair):
    one, two = pair
    record_decision(
        claim=one, reviewer=second_reviewer, status="disputed", note="The port denies it", version=1
    )
    link_claims(claim=one, other=two, relation="same", by=second_reviewer)
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide", args=[one.pk]),
        {"status": "confirmed", "note": "", "version": 1},
        headers=HTMX,
    )
    assert r.status_code == 409
    html = r.content.decode()
    assert "changed this claim from unverified" in html and "The port denies it" in html
    assert "linked it to" not in html.split('class="conflict"')[1].split("</div>")[0]


def test_the_page_changes_a_link_without_javascript_and_both_histories_keep_both(client, reviewer, pair):
    one, two = pair
    link_claims(claim=one, other=two, relation="same", by=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("claims:corroboration", args=[one.pk])).content.decode()
    assert f'name="other" value="{two.pk}"' in page and "Change the link" in page
    r = client.post(reverse("claims:link_claim", args=[one.pk]), {"other": two.pk, "relation": "dismissed"})
    assert r.status_code == 302
    assert ClaimLink.objects.get().relation == "dismissed"
    for claim in (one, two):
        assert [r.changes["link"]["relation"] for r in claim.reviews.all()] == [
            [None, "same"],
            ["same", "dismissed"],
        ]
    page = client.get(reverse("claims:corroboration", args=[one.pk])).content.decode()
    assert "No claim of another article is linked to this one yet." in page


@pytest.mark.parametrize("on_page", [False, True], ids=["panel", "page"])
def test_a_link_made_with_htmx_updates_the_region_it_was_made_in(client, reviewer, pair, on_page):
    one, two = pair
    client.force_login(reviewer)
    data = {"other": two.pk, "relation": "same"} | ({"on_page": "1"} if on_page else {})
    html = client.post(reverse("claims:link_claim", args=[one.pk]), data, headers=HTMX).content.decode()
    assert f'<div id="claim-links-{one.pk}"' in html and 'hx-swap-oob="true"' in html
    assert ("linked to 1 claim in other articles" in html) is not on_page


def test_page_and_fragments_never_lazy_load(client, reviewer, pair, monkeypatch):
    one, two = pair
    link_claims(claim=one, other=two, relation="supports", by=reviewer)
    claim_in_new_article(PIER + " again")
    original = ClaimQuerySet.with_chain
    monkeypatch.setattr(ClaimQuerySet, "with_chain", lambda qs: original(qs).fetch_mode(models.FETCH_RAISE))
    client.force_login(reviewer)
    assert client.get(reverse("claims:corroboration", args=[one.pk])).status_code == 200
    for name in ["claim_links", "similar_claims"]:
        assert client.get(reverse(f"claims:{name}", args=[one.pk]), headers=HTMX).status_code == 200


def test_a_claim_just_accepted_from_a_suggestion_is_offered_its_similar_claims(client, reviewer):
    from factcheck.claims.imports import import_article

    earlier = claim_in_new_article("the northern pier will close in May")
    article, _ = import_article(title="Pier", text=f"{PIER}. Boats will moor elsewhere.")
    suggestion = article.suggestions.get()
    client.force_login(reviewer)
    url = reverse("claims:decide_suggestion", args=[suggestion.pk])
    html = client.post(url, {"action": "accept"}, headers=HTMX).content.decode()
    claim = article.claims.get()
    similar = reverse("claims:similar_claims", args=[claim.pk])
    assert f'hx-get="{similar}?alone=1" hx-trigger="load"' in html  # looked for as soon as it exists
    html = client.get(f"{similar}?alone=1", headers=HTMX).content.decode()
    assert f'value="{earlier.pk}"' in html and 'name="alone" value="1"' in html
    # Linked from the card: the reply has no summary of the claim's links to update, as no panel is there.
    r = client.post(
        reverse("claims:link_claim", args=[claim.pk]),
        {"other": earlier.pk, "relation": "same", "alone": "1"},
        headers=HTMX,
    )
    assert r.status_code == 200 and "Recorded: same claim" in r.content.decode()
    assert "hx-swap-oob" not in r.content.decode()
    # A card drawn again later looks for nothing.
    page = client.get(reverse("claims:suggestions", args=[article.pk])).content.decode()
    assert similar not in page


def test_words_too_common_to_make_claims_alike_are_not_the_ones_compared():
    from factcheck.claims.database import distinctive_words

    assert distinctive_words("they said there would be fewer ferries through the winter") == [
        "ferries", "winter", "fewer",
    ]  # fmt: skip
