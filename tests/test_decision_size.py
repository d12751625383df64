"""A decision's htmx reply stays under 4 KB, however long the article and the claim's history.

The reply leaves out what the panel fetches when it is shown (the history, the evidence fields, the withdraw
form) and what is on screen already and unchanged (hx-preserve); the fragments show what the panel showed.
"""

import re

import pytest
from django.urls import reverse

from factcheck.claims.decisions import (
    assign_claim,
    edit_claim,
    record_decision,
    restore_claim,
    withdraw_claim,
)
from factcheck.claims.models import MAX_ARTICLE_CHARS, Claim, Source
from tests.factories import make_article, make_claim, make_source

HTMX = {"HX-Request": "true"}
LIMIT = 4096  # bytes: "Decision: htmx response < 4 KB, 200 or 409" in docs/benchmarks.md
SENTENCE = "The harbour authority said that the northern pier will close in May. "
FRAGMENTS = ["claims:claim_history", "claims:evidence_fields", "claims:withdraw_form"]


def longest_article():
    return make_article(text=(SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE) + 1))[:MAX_ARTICLE_CHARS])


@pytest.fixture
def reviewed(reviewer, second_reviewer, editor):
    """A claim on an article of the greatest length allowed, among others: assigned, then decided 8 times."""
    article = longest_article()
    agency = make_source(name="Port Wire", kind=Source.Kind.NEWS_AGENCY)
    authority = make_source(name="Harbour Authority", kind=Source.Kind.OFFICIAL, description="a spokeswoman")
    claim = make_claim(article=article, start=0, end=68, chain=[agency, authority], cue="said")
    for start in range(len(SENTENCE), 40 * len(SENTENCE), len(SENTENCE)):
        make_claim(article=article, start=start, end=start + 68)
    assign_claim(claim=claim, assignee=reviewer, by=editor)
    deciders = [reviewer, second_reviewer, editor]
    for version in range(1, 9):  # eight decisions, each on the version the one before left
        record_decision(
            claim=claim,
            reviewer=deciders[version % 3],
            status="disputed" if version % 2 else "confirmed",
            note=f"Round {version}: checked against the port's notice and the minutes of the board.",
            evidence_url=f"https://example.org/harbour/notices/{version}",
            evidence_excerpt="The northern pier closes to all traffic on 1 May.",
            version=version,
        )
    return Claim.objects.get(pk=claim.pk)


def decide(client, claim, **data):
    data = {
        "status": "disputed",
        "note": "The port now denies it outright.",
        "version": claim.version,
        **data,
    }
    return client.post(reverse("claims:decide", args=[claim.pk]), data, headers=HTMX)


def panel(client, claim) -> str:
    return client.get(reverse("claims:claim_panel", args=[claim.pk]), headers=HTMX).content.decode()


def fragment(client, name, claim, query="") -> str:
    response = client.get(reverse(name, args=[claim.pk]) + query, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode().strip()


def without_tokens(html: str) -> str:
    """The HTML with its CSRF tokens blanked: each render masks the token afresh."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)


def test_htmx_decision_on_the_longest_article_with_a_long_history_is_under_4_kb(client, reviewer, reviewed):
    assert len(reviewed.article.text) == MAX_ARTICLE_CHARS and reviewed.reviews.count() == 9
    client.force_login(reviewer)
    r = decide(client, reviewed)
    html = r.content.decode()
    assert r.status_code == 200
    assert len(r.content) < LIMIT, len(r.content)
    # The decision and what changed beside it: the new status, the progress, the highlight, the count.
    assert Claim.objects.get(pk=reviewed.pk).status == "disputed"
    assert '<strong class="status status-disputed">✗ Disputed</strong>' in html
    assert 'name="version" value="10"' in html
    assert f'id="progress-{reviewed.article_id}" class="progress" hx-swap-oob="true"' in html
    assert "1 of 40 claims reviewed" in html
    assert f'<a id="claim-{reviewed.pk}" class="claim status-disputed"' in html
    assert 'id="unverified-count" class="count" hx-swap-oob="true">39 unverified' in html
    assert html.count('hx-swap-oob="true"') == 3
    # Not the history, nor the forms the panel fetches when they are opened, nor the article's text.
    assert "Round 1" not in html and "example.org" not in html
    for name in FRAGMENTS:
        assert f'hx-get="{reverse(name, args=[reviewed.pk])}' in html
    assert 'id="article-text-' not in html


def test_a_conflicting_decision_on_it_is_under_4_kb_too(client, reviewer, second_reviewer, reviewed):
    stale = reviewed.version
    record_decision(
        claim=reviewed, reviewer=second_reviewer, status="disputed", note="Port says so.", version=stale
    )
    client.force_login(reviewer)
    r = decide(client, reviewed, version=stale)
    html = r.content.decode()
    assert r.status_code == 409
    assert len(r.content) < LIMIT, len(r.content)
    assert "Not saved.</strong> bob changed this claim from confirmed" in html and "Port says so." in html
    assert "The port now denies it outright." in html  # the reviewer's note, kept for a second try
    assert f'name="version" value="{stale + 1}"' in html
    # The claim as it is now, since someone changed it: its text, source and chain are sent again.
    assert reviewed.text in html.split("</section>")[0] and "Harbour Authority" in html


def preserved(html: str) -> list[str]:
    return re.findall(r'id="([\w-]+)"[^>]* hx-preserve="true"', html)


@pytest.mark.parametrize("conflict", [False, True], ids=["recorded", "conflict"])
def test_what_the_reply_keeps_on_screen_is_in_the_panel_it_replaces(
    client, reviewer, second_reviewer, reviewed, conflict
):
    client.force_login(reviewer)
    shown = panel(client, reviewed)
    if conflict:
        record_decision(claim=reviewed, reviewer=second_reviewer, status="disputed", note="No.", version=9)
    html = decide(client, reviewed, version=9).content.decode()
    pk = reviewed.pk
    # The buttons, the "then next" choice and the edit link never change; the text, source and chain only by
    # an edit, a conflict.
    facts = [] if conflict else [f"claim-said-{pk}", f"claim-source-{pk}", f"claim-chain-{pk}"]
    kept = preserved(html)
    # Nor do the links' summary and the similar claims, which no decision of this claim changes.
    assert kept == [*facts, f"decision-buttons-{pk}", f"then-next-{pk}", f"edit-link-{pk}", f"links-{pk}"]
    for id in kept:
        element = re.search(rf'id="{id}"[^>]*>(.*?)</', shown, re.DOTALL)
        assert element and element[1].strip(), f"#{id} is not in the panel on screen, or is empty"
        assert f'id="{id}" hx-preserve' not in shown
    assert 'data-key="c"' in shown and 'data-key="e"' in shown and reviewed.text in shown


def test_the_history_fragment_is_the_history_the_panel_shows(client, reviewer, editor, reviewed):
    edit_claim(
        claim=reviewed,
        by=editor,
        version=reviewed.version,
        text=reviewed.text,
        start=reviewed.start,
        end=reviewed.end,
        chain=list(Claim.objects.with_chain().get(pk=reviewed.pk).chain),
        cue="said",
        hedge="reportedly",
        note="The hedge was missed.",
    )
    withdraw_claim(claim=reviewed, by=editor, version=10, reason="A caption, not a claim")
    restore_claim(claim=reviewed, by=editor, version=11)
    client.force_login(reviewer)
    history = fragment(client, "claims:claim_history", reviewed)
    assert history.startswith(f'<div id="history-{reviewed.pk}">') and history in panel(client, reviewed)
    assert history.count("<li>") == 12
    for shown in [
        "erin</strong>",
        "unverified → <strong>disputed</strong>",
        "Round 8: checked against the port&#x27;s notice",
        'href="https://example.org/harbour/notices/8"',
        '<blockquote class="excerpt">The northern pier closes to all traffic on 1 May.</blockquote>',
        "edited the claim",
        "<dt>hedge</dt><dd><del>none</del> → <ins>reportedly</ins></dd>",
        "withdrew the claim",
        "A caption, not a claim",
        "restored the claim",
    ]:
        assert shown in history, shown


def test_the_withdraw_form_fragment_is_the_panels_form_at_the_version_it_was_drawn_at(
    client, reviewer, second_reviewer, reviewed
):
    client.force_login(reviewer)
    shown = panel(client, reviewed)
    form = fragment(client, "claims:withdraw_form", reviewed, "?version=9")
    assert without_tokens(form) in without_tokens(shown)
    assert 'name="csrfmiddlewaretoken"' in form and f'action="/claims/{reviewed.pk}/withdraw/"' in form
    # Drawn at version 8, before the last decision: withdrawing from it now is a conflict, as before.
    stale = fragment(client, "claims:withdraw_form", reviewed, "?version=8")
    assert 'name="version" value="8"' in stale
    url = reverse("claims:withdraw", args=[reviewed.pk])
    r = client.post(url, {"reason": "A caption", "version": 8}, headers=HTMX)
    assert r.status_code == 409 and not Claim.objects.get(pk=reviewed.pk).withdrawn
    r = client.post(url, {"reason": "A caption", "version": 9}, headers=HTMX)
    assert r.status_code == 200 and "HX-Redirect" in r.headers
    assert Claim.objects.get(pk=reviewed.pk).withdrawn


def test_the_evidence_fragment_is_the_panels_evidence_fields(client, reviewer, reviewed):
    client.force_login(reviewer)
    fields = fragment(client, "claims:evidence_fields", reviewed)
    assert fields in panel(client, reviewed)
    assert 'name="evidence_url"' in fields and 'name="evidence_excerpt"' in fields
    assert "The passage of the evidence that settles it." in fields


@pytest.mark.parametrize("name", FRAGMENTS)
def test_without_js_each_fragment_url_opens_the_claims_page_which_shows_it(client, reviewer, reviewed, name):
    client.force_login(reviewer)
    r = client.get(reverse(name, args=[reviewed.pk]))
    assert r.status_code == 302 and r["Location"] == reviewed.get_absolute_url()
    page = client.get(r["Location"]).content.decode()
    assert fragment(client, name, reviewed, "?version=9").split("\n")[0] in page
    assert "Round 8" in page and 'name="evidence_url"' in page and 'name="reason"' in page


@pytest.mark.parametrize("name", FRAGMENTS)
def test_fragments_are_for_reviewers_and_editors_only(client, outsider, reviewed, name):
    url = reverse(name, args=[reviewed.pk])
    r = client.get(url, headers=HTMX)
    assert r.status_code == 200 and r["HX-Redirect"].startswith(reverse("login"))  # the page, to the login
    client.force_login(outsider)
    assert client.get(url, headers=HTMX).status_code == 403
    assert client.get(reverse(name, args=[424242]), headers=HTMX).status_code == 403


@pytest.mark.parametrize("name", FRAGMENTS)
def test_unknown_claims_fragments_are_404(client, reviewer, db, name):
    client.force_login(reviewer)
    assert client.get(reverse(name, args=[424242]), headers=HTMX).status_code == 404


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # The session, the user, their permissions, the claim; and the history with its reviewers.
        ("claims:claim_history", 5),
        ("claims:evidence_fields", 4),
        ("claims:withdraw_form", 4),
    ],
)
def test_fragments_run_fixed_queries(client, reviewer, reviewed, django_assert_num_queries, name, queries):
    client.force_login(reviewer)
    with django_assert_num_queries(queries):
        fragment(client, name, reviewed, "?version=9")
