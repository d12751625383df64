import pytest
from django.urls import reverse

from factcheck.claims.models import Claim, Review
from tests.factories import HTMX, make_claim


def decide(client, claim, **data):
    data.setdefault("version", claim.version)
    headers = data.pop("headers", {})
    return client.post(reverse("claims:decide", args=[claim.pk]), data, headers=headers)


def test_reviewer_confirms_claim_with_htmx(client, reviewer, claim):
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="Matches the wire copy", headers=HTMX)
    assert r.status_code == 200
    assert b"<html" not in r.content
    assert f'id="claim-panel-{claim.pk}"'.encode() in r.content
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    assert claim.version == 2
    review = claim.reviews.get()
    assert (review.reviewer, review.old_status, review.new_status, review.note) == (
        reviewer,
        "unverified",
        "confirmed",
        "Matches the wire copy",
    )


def test_htmx_decision_updates_highlight_progress_and_counts_out_of_band(client, reviewer, claim):
    other = make_claim(article=claim.article, start=70, end=104)
    client.force_login(reviewer)
    r = decide(client, claim, status="disputed", note="The authority denies it", headers=HTMX)
    html = r.content.decode()
    opening = html.index(f'<a id="claim-{claim.pk}"')
    link = html[opening : html.index("</a>", opening)]
    assert 'class="claim status-disputed"' in link and 'hx-swap-oob="true"' in link
    assert claim.passage in link and '<span class="visually-hidden"> (Disputed)</span>' in link
    assert f'id="progress-{claim.article_id}" class="progress" hx-swap-oob="true"' in html
    assert "1 of 2 claims reviewed" in html
    assert 'id="unverified-count" class="count" hx-swap-oob="true">1 unverified' in html
    # Only what changed: not the text, nor the other claim's highlight.
    assert 'id="article-text-' not in html and f'id="claim-{other.pk}"' not in html
    assert claim.article.text[40:70] not in html


def test_reviewer_without_js_gets_redirected_back_to_the_claim(client, reviewer, claim):
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="")
    assert r.status_code == 302
    assert r["Location"] == claim.get_absolute_url()
    page = client.get(r["Location"])
    assert "Marked confirmed." in page.content.decode()


def test_reviewer_records_evidence(client, reviewer, claim):
    client.force_login(reviewer)
    decide(
        client,
        claim,
        status="confirmed",
        note="Checked the port notice",
        evidence_url="https://example.org/notice",
        evidence_excerpt="The northern pier closes on 1 May.",
    )
    review = claim.reviews.get()
    assert review.evidence_url == "https://example.org/notice"
    assert review.evidence_excerpt == "The northern pier closes on 1 May."
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "The northern pier closes on 1 May." in page
    assert 'href="https://example.org/notice"' in page


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_dispute_without_note_is_refused_and_changes_nothing(client, reviewer, claim, headers):
    client.force_login(reviewer)
    r = decide(client, claim, status="disputed", note="   ", headers=headers)
    assert r.status_code == 422
    assert "a note is required" in r.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unverified"
    assert not Review.objects.exists()


@pytest.mark.parametrize("status", ["approved", "", "CONFIRMED"])
def test_unknown_status_is_refused(client, reviewer, claim, status):
    client.force_login(reviewer)
    r = decide(client, claim, status=status, note="x", headers=HTMX)
    assert r.status_code == 422
    assert b"<html" not in r.content
    claim.refresh_from_db()
    assert claim.status == "unverified"
    assert not Review.objects.exists()


def test_missing_or_garbled_version_is_refused(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.post(reverse("claims:decide", args=[claim.pk]), {"status": "confirmed", "version": "abc"})
    assert r.status_code == 422
    assert "reload the page" in r.content.decode()
    assert not Review.objects.exists()


def test_oversize_note_is_refused(client, reviewer, claim):
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="x" * 5001, headers=HTMX)
    assert r.status_code == 422
    assert "at most 5000 characters" in r.content.decode()
    assert not Review.objects.exists()


def test_unknown_claim_is_404(client, reviewer, db):
    client.force_login(reviewer)
    r = client.post(reverse("claims:decide", args=[999999]), {"status": "confirmed", "version": 1})
    assert r.status_code == 404


def test_get_on_decide_is_405(client, reviewer, claim):
    client.force_login(reviewer)
    assert client.get(reverse("claims:decide", args=[claim.pk])).status_code == 405


def test_missing_csrf_token_is_403_and_changes_nothing(csrf_client, reviewer, claim):
    csrf_client.force_login(reviewer)
    r = decide(csrf_client, claim, status="confirmed", note="", headers=HTMX)
    assert r.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_csrf_token_from_the_page_is_accepted(csrf_client, reviewer, claim):
    csrf_client.force_login(reviewer)
    csrf_client.get(claim.get_absolute_url())
    token = csrf_client.cookies["csrftoken"].value
    r = decide(csrf_client, claim, status="confirmed", note="", headers={**HTMX, "X-CSRFToken": token})
    assert r.status_code == 200


def test_outsider_gets_403(client, outsider, claim):
    client.force_login(outsider)
    r = decide(client, claim, status="confirmed", note="")
    assert r.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_anonymous_is_sent_to_login(client, claim):
    r = decide(client, claim, status="confirmed", note="")
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login"))
    assert not Review.objects.exists()


def test_stale_version_returns_409_and_keeps_history(client, reviewer, second_reviewer, claim):
    client.force_login(second_reviewer)
    decide(client, claim, status="disputed", note="Port authority denies it")
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="Looks right to me", version=1, headers=HTMX)
    assert r.status_code == 409
    html = r.content.decode()
    assert "Not saved." in html
    assert "bob changed this claim from unverified" in html
    assert "Port authority denies it" in html
    assert "Looks right to me" in html  # the reviewer's note survives for a second try
    assert 'name="version" value="2"' in html
    claim.refresh_from_db()
    assert claim.status == "disputed"
    assert list(claim.reviews.values_list("new_status", flat=True)) == ["disputed"]


def test_decision_after_conflict_on_fresh_version_succeeds(client, reviewer, second_reviewer, claim):
    client.force_login(second_reviewer)
    decide(client, claim, status="disputed", note="Denied")
    client.force_login(reviewer)
    decide(client, claim, status="confirmed", note="", version=1)
    r = decide(client, claim, status="confirmed", note="Port notice says so", version=2, headers=HTMX)
    assert r.status_code == 200
    assert [r.new_status for r in Review.objects.order_by("pk")] == ["disputed", "confirmed"]


def test_decide_runs_a_fixed_number_of_queries(client, reviewer, django_assert_num_queries):
    claim = make_claim()
    for start in range(1, 50):
        make_claim(article=claim.article, start=start, end=start + 5)
    client.force_login(reviewer)
    # Not the history (the panel fetches it when it is in view), and the claim with its chain only once.
    with django_assert_num_queries(13):
        r = decide(client, claim, status="confirmed", note="", headers=HTMX)
    assert r.status_code == 200 and f'id="claim-panel-{claim.pk}"' in r.content.decode()
    assert r.content.decode().count('hx-swap-oob="true"') == 3  # the highlight, the progress, the count
    assert Claim.objects.get(pk=claim.pk).status == "confirmed"


def test_repeating_the_status_without_a_note_records_nothing(client, reviewer, claim):
    client.force_login(reviewer)
    r = decide(client, claim, status="unverified", note="", headers=HTMX)
    assert r.status_code == 422
    assert (
        "The claim is already unverified. Add a note or evidence to record a re-check." in r.content.decode()
    )
    claim.refresh_from_db()
    assert claim.version == 1 and not claim.reviews.exists()


def test_a_recheck_with_a_note_is_kept(client, reviewer, claim):
    client.force_login(reviewer)
    decide(client, claim, status="confirmed", note="")
    r = decide(client, claim, status="confirmed", note="Rechecked against the port notice", version=2)
    assert r.status_code == 302
    assert claim.reviews.count() == 2


def test_double_submit_without_js_is_not_a_conflict(client, reviewer, claim):
    client.force_login(reviewer)
    first = decide(client, claim, status="disputed", note="Port denies it")
    second = decide(client, claim, status="disputed", note="Port denies it")  # same form, same version
    assert first.status_code == second.status_code == 302
    assert claim.reviews.count() == 1


def test_stale_panel_clicking_the_status_someone_just_set_is_a_conflict(
    client, reviewer, second_reviewer, claim
):
    client.force_login(second_reviewer)
    decide(client, claim, status="confirmed", note="")
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="", version=1, headers=HTMX)
    assert r.status_code == 409 and "bob changed this claim" in r.content.decode()


def test_an_invisible_recheck_note_records_nothing(client, reviewer, claim):
    client.force_login(reviewer)
    r = decide(client, claim, status="unverified", note="\u200b\u200d", headers=HTMX)
    assert r.status_code == 422
    assert not claim.reviews.exists()


def test_a_claim_split_by_another_updates_each_of_its_runs_out_of_band(client, reviewer):
    outer = make_claim(start=0, end=60)
    inner = make_claim(article=outer.article, start=20, end=40)
    client.force_login(reviewer)
    html = decide(client, outer, status="disputed", note="No", headers=HTMX).content.decode()
    assert html.count('hx-swap-oob="true"\n  >') == 2  # the outer claim's two runs, around the inner one
    assert f'<a id="claim-{outer.pk}"' in html and f'<a id="claim-{outer.pk}-1"' in html
    assert f'id="claim-{inner.pk}"' not in html
    page = client.get(outer.article.get_absolute_url()).content.decode()
    assert f'<a id="claim-{outer.pk}-1"' in page  # the ids the response swaps are on the page


def test_a_claim_hidden_under_others_updates_its_own_link_out_of_band(client, reviewer):
    outer = make_claim(start=0, end=60)
    make_claim(article=outer.article, start=0, end=30)
    make_claim(article=outer.article, start=30, end=60)
    client.force_login(reviewer)
    html = decide(client, outer, status="disputed", note="No", headers=HTMX).content.decode()
    link = html[html.index(f'<a id="claim-{outer.pk}"') :]
    assert 'class="claim status-disputed"' in link and 'hx-swap-oob="true"' in link
    assert "Claims on the same passage as another" not in html  # the link alone, not the list around it
    page = client.get(outer.article.get_absolute_url()).content.decode()
    listed = page[page.index("Claims on the same passage as another") :]
    assert f'<a id="claim-{outer.pk}"' in listed


def test_without_js_a_reviewer_can_go_on_to_the_next_unverified_claim(client, reviewer, claim):
    later = make_claim(article=claim.article, start=41, end=60)
    client.force_login(reviewer)
    r = decide(client, claim, status="confirmed", note="", then_next="1")
    assert r["Location"] == later.get_absolute_url()
    r = decide(client, later, status="confirmed", note="", then_next="1")
    assert r["Location"] == later.get_absolute_url()  # none left waiting: stay on the claim


def test_a_decision_returns_the_claim_with_an_assignment_made_meanwhile(reviewer, second_reviewer):
    from factcheck.claims.decisions import assign_claim, record_decision

    claim = Claim.objects.with_chain().get(pk=make_claim().pk)  # as the decision's request reads it
    assign_claim(
        claim=Claim.objects.get(pk=claim.pk), assignee=second_reviewer, by=reviewer
    )  # no new version
    record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="", version=claim.version)
    assert claim.assignee == second_reviewer and claim.status == "confirmed"
