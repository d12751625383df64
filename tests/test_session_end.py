"""A reviewer whose session ended mid-review logs in again and is back on the claim, note and all."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import HTMX

PASSWORD = "a-long-test-password"
NOTE = {"note": "The port notice says otherwise", "evidence_url": "https://example.org/notice"}


def next_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.path == reverse("login")
    return parse_qs(parts.query)["next"][0]


def log_in_again(client, next_url: str):
    return client.post(reverse("login"), {"username": "alice", "password": PASSWORD, "next": next_url})


def decide(client, claim, headers, **extra):
    data = {"status": "confirmed", "version": claim.version, "evidence_excerpt": "", **NOTE, **extra}
    return client.post(reverse("claims:decide", args=[claim.pk]), data, headers=headers)


def test_htmx_decision_after_the_session_ended_sends_the_page_to_the_login(client, reviewer, claim):
    page = f"http://testserver{claim.article.get_absolute_url()}?claim={claim.pk}"
    r = decide(client, claim, {**HTMX, "HX-Current-URL": page})
    assert r.status_code == 200
    assert "HX-Redirect" in r.headers  # the whole page goes to the login, nothing is swapped into the panel
    assert b"<form" not in r.content
    assert next_of(r["HX-Redirect"]) == reverse("claims:claim_panel", args=[claim.pk])
    claim.refresh_from_db()
    assert claim.status == "unverified"


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_after_logging_in_the_reviewer_is_on_the_claim_not_on_a_post_url(client, reviewer, claim, headers):
    r = decide(client, claim, headers)
    login_url = r["HX-Redirect"] if headers else r["Location"]
    r = log_in_again(client, next_of(login_url))
    assert r.status_code == 302
    r = client.get(r["Location"], follow=True)
    assert r.status_code == 200
    assert r.redirect_chain[-1][0].endswith(f"?claim={claim.pk}#claim-{claim.pk}")
    assert f'id="claim-panel-{claim.pk}"' in r.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unverified"  # nothing is decided on the reviewer's behalf


def test_a_visitor_not_logged_in_leaves_nothing_on_the_server(client, reviewer, claim):
    before = Session.objects.count()
    for pk in [claim.pk, 987654]:
        r = client.post(reverse("claims:decide", args=[pk]), {"note": "x" * 5000, "status": "confirmed"})
        assert r.status_code == 302
    assert Session.objects.count() == before  # the note stays in the browser's tab (static/js/drafts.js)


def test_htmx_request_after_the_session_ended_returns_to_the_page_it_came_from(client, reviewer, claim):
    page = "http://testserver/queue/?status=disputed"
    r = client.get(reverse("claims:queue"), {"status": "disputed"}, headers={**HTMX, "HX-Current-URL": page})
    assert next_of(r["HX-Redirect"]) == "/queue/?status=disputed"


def test_a_current_url_on_another_site_is_not_followed(client, reviewer, claim):
    r = client.get(reverse("claims:queue"), headers={**HTMX, "HX-Current-URL": "https://evil.example/x"})
    assert next_of(r["HX-Redirect"]) == reverse("claims:home")


def test_a_plain_page_still_redirects_to_the_login_with_itself_as_next(client, reviewer, claim):
    r = client.get(reverse("claims:queue"), {"status": "disputed"})
    assert r.status_code == 302
    assert next_of(r["Location"]) == "/queue/?status=disputed"
