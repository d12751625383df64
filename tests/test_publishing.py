"""Publishing a claim's review: the editors' call, in the history, reversible, and read by anyone as
schema.org ClaimReview (JSON-LD) at two public URLs that show nothing unpublished."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError
from django.urls import reverse
from pyld import jsonld

from factcheck.claims.decisions import (
    NotPublishable,
    edit_claim,
    publish_claim,
    record_decision,
    withdraw_claim,
)
from factcheck.claims.models import Claim, Review
from tests.factories import HTMX, make_article, make_claim, make_source

SCHEMA = "https://schema.org/"


@pytest.fixture
def confirmed(editor):
    outlet = make_source(name="Harbour Herald", url="https://herald.example")
    article = make_article(
        title="Pier to close in May",
        outlet=outlet,
        url="https://herald.example/pier",
        published_on="2026-11-30",
    )
    speaker = make_source(name="the port authority", kind="official")
    claim = make_claim(article=article, chain=[make_source(name="Coast Wire", kind="news_agency"), speaker])
    record_decision(claim=claim, reviewer=editor, status="confirmed", note="Matches the notice", version=1)
    return claim


def publish(client, claim, public="1", **headers):
    return client.post(
        reverse("claims:publish", args=[claim.pk]),
        {"public": public, "version": claim.version},
        headers=headers,
    )


def review_of(client, claim):
    return client.get(reverse("claims:claimreview", args=[claim.pk]))


# Publishing, in the panel


def test_editor_publishes_a_confirmed_claim_in_place_and_the_history_says_so(editor_client, confirmed):
    r = publish(editor_client, confirmed, **HTMX)
    assert r.status_code == 200
    page = r.content.decode()
    assert "<html" not in page and f'id="claim-panel-{confirmed.pk}"' in page
    assert "Take the review down" in page and "its ClaimReview" in page
    assert "published the claim’s review" in page
    confirmed.refresh_from_db()
    assert confirmed.published_at is not None and confirmed.status == "confirmed"
    assert confirmed.reviews.latest().changes == {"published": [False, True]}


def test_without_javascript_publishing_returns_to_the_claim(editor_client, confirmed):
    r = publish(editor_client, confirmed)
    assert r.status_code == 302 and r["Location"] == confirmed.get_absolute_url()
    page = editor_client.get(r["Location"]).content.decode()
    assert "Published the review." in page and "Take the review down" in page


def test_editor_takes_a_review_down_and_it_is_gone_from_the_public(editor_client, client, confirmed, editor):
    publish_claim(claim=confirmed, by=editor, version=confirmed.version, public=True)
    assert review_of(client, confirmed).status_code == 200
    r = publish(editor_client, confirmed, public="0", **HTMX)
    assert r.status_code == 200 and "Publish the review" in r.content.decode()
    assert "took the claim’s review down" in r.content.decode()
    assert review_of(client, confirmed).status_code == 404
    assert [r.changes for r in confirmed.reviews.filter(changes__has_key="published")] == [
        {"published": [False, True]},
        {"published": [True, False]},
    ]


def test_reviewer_may_not_publish_and_sees_no_button(client, reviewer, confirmed):
    client.force_login(reviewer)
    assert publish(client, confirmed, **HTMX).status_code == 403
    confirmed.refresh_from_db()
    assert confirmed.published_at is None
    panel = client.get(reverse("claims:claim_panel", args=[confirmed.pk]), headers=HTMX).content.decode()
    assert "Publish the review" not in panel and "Published</dt>" in panel


def test_an_unverified_claim_is_never_published(editor_client, claim):
    r = publish(editor_client, claim, **HTMX)
    assert r.status_code == 422
    assert "Only a confirmed or disputed claim can be published" in r.content.decode()
    claim.refresh_from_db()
    assert claim.published_at is None and not claim.reviews.exists()
    # The panel offers no button for it either.
    panel = editor_client.get(reverse("claims:claim_panel", args=[claim.pk]), headers=HTMX).content.decode()
    assert "Publishing is for a confirmed or disputed claim." in panel and "Publish the review" not in panel


@pytest.mark.parametrize("public", ["", "yes", "2"])
def test_a_post_not_from_the_buttons_is_refused(editor_client, confirmed, public):
    r = publish(editor_client, confirmed, public=public, **HTMX)
    assert r.status_code == 422 and "Choose to publish or take down." in r.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.published_at is None


def test_publishing_an_older_state_is_a_conflict(editor_client, confirmed, second_reviewer):
    seen = Claim.objects.get(pk=confirmed.pk)  # the panel the editor has open
    record_decision(claim=confirmed, reviewer=second_reviewer, status="unverified", note="", version=2)
    r = publish(editor_client, seen, **HTMX)
    assert r.status_code == 409 and "Not saved." in r.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.published_at is None


def test_the_database_refuses_a_published_unverified_claim(claim):
    with pytest.raises(IntegrityError):
        Claim.objects.filter(pk=claim.pk).update(published_at=datetime.datetime.now(datetime.UTC))


def test_publish_claim_refuses_a_withdrawn_claim(confirmed, editor):
    withdraw_claim(claim=confirmed, by=editor, version=confirmed.version, reason="A headline, not a claim")
    with pytest.raises(NotPublishable):
        publish_claim(claim=confirmed, by=editor, version=confirmed.version, public=True)


# A later change takes the review down


@pytest.fixture
def published(confirmed, editor):
    publish_claim(claim=confirmed, by=editor, version=confirmed.version, public=True)
    return confirmed


def test_a_new_verdict_takes_the_review_down_until_an_editor_publishes_again(client, reviewer, published):
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide", args=[published.pk]),
        {"status": "disputed", "note": "The notice was withdrawn", "version": published.version},
        headers=HTMX,
    )
    assert r.status_code == 200
    published.refresh_from_db()
    assert published.status == "disputed" and published.published_at is None
    assert published.reviews.latest().changes == {"published": [True, False]}
    client.logout()
    assert review_of(client, published).status_code == 404
    history = Review.objects.filter(claim=published).latest()
    assert history.new_status == "disputed"


def test_a_recheck_with_the_same_verdict_keeps_the_review_published(reviewer, published):
    record_decision(
        claim=published,
        reviewer=reviewer,
        status="confirmed",
        note="Checked again",
        version=published.version,
    )
    published.refresh_from_db()
    assert published.published_at is not None


def test_a_reviewer_deciding_a_claim_just_published_is_told(client, reviewer, confirmed, editor):
    seen_version = confirmed.version
    publish_claim(claim=confirmed, by=editor, version=confirmed.version, public=True)
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide", args=[confirmed.pk]),
        {"status": "disputed", "note": "Doubtful", "version": seen_version},
        headers=HTMX,
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert "erin published the claim’s review" in page
    assert "A new verdict takes the review down until an editor publishes it again." in page


def test_withdrawing_or_editing_what_it_says_takes_the_review_down(editor, published):
    edit_claim(
        claim=Claim.objects.with_chain().get(pk=published.pk),
        by=editor,
        version=published.version,
        text="The northern pier closes in June",
        start=published.start,
        end=published.end,
        chain=list(published.chain),
    )
    published.refresh_from_db()
    assert published.status == "unverified" and published.published_at is None
    assert published.reviews.latest().changes["published"] == [True, False]


def test_withdrawing_takes_the_review_down(editor, published):
    withdraw_claim(claim=published, by=editor, version=published.version, reason="Not a claim")
    published.refresh_from_db()
    assert published.withdrawn and published.published_at is None
    assert published.reviews.latest().changes == {"withdrawn": [False, True], "published": [True, False]}


# ClaimReview


def test_anyone_reads_a_published_claims_review_as_claimreview(client, published, settings):
    settings.DESK_NAME, settings.DESK_URL = "Harbour Checks", "https://checks.example"
    r = review_of(client, published)
    assert r.status_code == 200 and r["Content-Type"] == "application/ld+json"
    assert r["Access-Control-Allow-Origin"] == "*"
    review = r.json()
    # Google's required properties, and the recommended ones.
    assert {"@context", "@type", "claimReviewed", "reviewRating", "url"} <= review.keys()
    assert {"author", "itemReviewed", "datePublished"} <= review.keys()
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == published.text
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3,
        "worstRating": 1,
        "bestRating": 3,
        "alternateName": "Confirmed",
    }
    assert review["url"].endswith(f"/articles/{published.article_id}/claimreview.json#claim-{published.pk}")
    assert review["author"] == {
        "@type": "Organization",
        "name": "Harbour Checks",
        "url": "https://checks.example",
    }
    assert review["datePublished"] == published.published_at.date().isoformat()
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2026-11-30"
    assert item["author"] == {"@type": "Organization", "name": "the port authority"}  # the original speaker
    assert item["appearance"] == {
        "@type": "NewsArticle",
        "headline": "Pier to close in May",
        "url": "https://herald.example/pier",
        "datePublished": "2026-11-30",
        "publisher": {"@type": "Organization", "name": "Harbour Herald", "url": "https://herald.example"},
    }


def test_a_disputed_review_rates_one_and_a_persons_claim_has_a_person_as_author(client, editor):
    claim = make_claim(chain=[make_source(name="Ines Roca", kind="person")])
    record_decision(claim=claim, reviewer=editor, status="disputed", note="No such plan", version=1)
    publish_claim(claim=claim, by=editor, version=claim.version, public=True)
    review = review_of(client, claim).json()
    assert (
        review["reviewRating"]["ratingValue"] == 1 and review["reviewRating"]["alternateName"] == "Disputed"
    )
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Ines Roca"}


def test_the_review_points_to_the_desks_own_page_when_it_has_one(client, published, settings):
    settings.DESK_REVIEW_PAGE = "https://checks.example/pier-reviews/{article}"
    review = review_of(client, published).json()
    assert review["url"] == f"https://checks.example/pier-reviews/{published.article_id}#claim-{published.pk}"


# Only what the JSON-LD says: schema.org's terms as its plain vocabulary, written here for the test
# (the processor would otherwise fetch schema.org's context over the network).
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"}}}


def offline_loader(url, options=None):
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def test_the_review_expands_as_json_ld_to_schema_org_terms(client, published):
    [review] = jsonld.expand(review_of(client, published).json(), {"documentLoader": offline_loader})
    assert review["@type"] == [SCHEMA + "ClaimReview"]
    assert review[SCHEMA + "claimReviewed"] == [{"@value": published.text}]
    [rating] = review[SCHEMA + "reviewRating"]
    assert rating[SCHEMA + "ratingValue"] == [{"@value": 3}]
    assert rating[SCHEMA + "alternateName"] == [{"@value": "Confirmed"}]
    [item] = review[SCHEMA + "itemReviewed"]
    assert item["@type"] == [SCHEMA + "Claim"]
    [speaker] = item[SCHEMA + "author"]
    assert speaker[SCHEMA + "name"] == [{"@value": "the port authority"}]
    [appeared] = item[SCHEMA + "appearance"]
    assert appeared[SCHEMA + "url"] == [{"@id": "https://herald.example/pier"}]


def test_an_articles_feed_lists_its_published_reviews_in_text_order(client, published, editor):
    article = published.article
    later = make_claim(article=article, start=69, end=104, unattributed=True)
    record_decision(claim=later, reviewer=editor, status="disputed", note="Protest was called off", version=1)
    publish_claim(claim=later, by=editor, version=later.version, public=True)
    make_claim(article=article, start=105, end=140, unattributed=True)  # unverified: not in the feed
    r = client.get(reverse("claims:article_claimreview", args=[article.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/ld+json"
    reviews = r.json()
    assert [x["claimReviewed"] for x in reviews] == [published.text, later.text]
    # The article's own statement is its outlet's.
    assert reviews[1]["itemReviewed"]["author"]["name"] == "Harbour Herald"
    assert len({x["url"] for x in reviews}) == 2  # one anchor per claim
    expanded = jsonld.expand(reviews, {"documentLoader": offline_loader})
    assert [x["@type"] for x in expanded] == [[SCHEMA + "ClaimReview"]] * 2


def test_nothing_unpublished_is_readable_without_logging_in(client, confirmed, claim):
    assert review_of(client, confirmed).status_code == 404  # decided, not published
    assert review_of(client, claim).status_code == 404  # unverified
    assert client.get(reverse("claims:claimreview", args=[999_999])).status_code == 404
    assert client.get(reverse("claims:article_claimreview", args=[confirmed.article_id])).status_code == 404
    assert client.get(reverse("claims:article_claimreview", args=[999_999])).status_code == 404
    # Everything else still asks for a login.
    assert client.get(reverse("claims:claim_panel", args=[confirmed.pk])).status_code == 302


def test_the_feeds_read_one_query_however_many_reviews(client, editor, django_assert_num_queries):
    article = make_article()
    for start in (0, 69, 105):
        c = make_claim(article=article, start=start, end=start + 30, unattributed=True)
        record_decision(claim=c, reviewer=editor, status="confirmed", note="", version=1)
        publish_claim(claim=c, by=editor, version=c.version, public=True)
    with django_assert_num_queries(1):
        r = client.get(reverse("claims:article_claimreview", args=[article.pk]))
    assert r.status_code == 200 and len(json.loads(r.content)) == 3
    with django_assert_num_queries(1):
        r = review_of(client, c)
    assert r.status_code == 200 and r.json()["claimReviewed"] == c.text


# The admin


def test_editor_publishes_a_selection_in_the_admin_and_unverified_ones_are_left(
    editor_client, published, claim
):
    other = make_claim(chain=[make_source()])
    record_decision(
        claim=other, reviewer=published.reviews.first().reviewer, status="confirmed", note="", version=1
    )
    url = reverse("admin:claims_claim_changelist")
    r = editor_client.post(
        url, {"action": "publish", "_selected_action": [published.pk, claim.pk, other.pk]}, follow=True
    )
    page = r.content.decode()
    assert "Published the reviews of 1 claim(s)." in page
    assert "1 claim(s) were left alone: unverified or withdrawn, which is never published." in page
    assert "1 claim(s) were left alone: published already." in page
    other.refresh_from_db()
    claim.refresh_from_db()
    assert other.published_at is not None and claim.published_at is None
    r = editor_client.post(
        url, {"action": "unpublish", "_selected_action": [published.pk, other.pk]}, follow=True
    )
    assert "Took down the reviews of 2 claim(s)." in r.content.decode()
    assert not Claim.objects.published().exists()
    # The list shows and filters by it.
    assert editor_client.get(url, {"published": "no"}).status_code == 200


def test_the_admin_offers_publishing_only_to_those_who_may(client, django_user_model, published):
    staff = django_user_model.objects.create_user("stan", password="x" * 20, is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_claim", "change_claim"]))
    client.force_login(staff)
    page = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'value="withdraw"' in page and 'value="publish"' not in page
