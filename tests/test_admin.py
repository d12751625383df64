"""The editors' admin, driven through the test client, and the database rules it leans on."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Article, ChainLink, Claim, Review, ReviewIsPermanent, Source
from tests.factories import TEXT, make_article, make_claim, make_source

pytestmark = pytest.mark.django_db

INLINE_LINKS = {
    "links-TOTAL_FORMS": "0",
    "links-INITIAL_FORMS": "0",
    "links-MIN_NUM_FORMS": "0",
    "links-MAX_NUM_FORMS": "1000",
}
INLINE_CLAIMS = {
    "claims-TOTAL_FORMS": "0",
    "claims-INITIAL_FORMS": "0",
    "claims-MIN_NUM_FORMS": "0",
    "claims-MAX_NUM_FORMS": "1000",
}


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:claims_{model}_{view}", args=args)


def listed_pks(response) -> set[int]:
    """The objects a changelist shows, read from the rows' action checkboxes."""
    return {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', response.content.decode())}


def shown_messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def form_errors(response) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in response.context["adminform"].form.errors.items()}


def run_action(client, action: str, claims: list[Claim], **data):
    data = {"action": action, "index": "0", "_selected_action": [c.pk for c in claims], **data}
    return client.post(admin_url("claim", "changelist"), data, follow=True)


# --- Who gets in --------------------------------------------------------------------------------------


def test_editor_opens_the_admin_index_with_the_newsroom_models(editor_client):
    r = editor_client.get(reverse("admin:index"))
    assert r.status_code == 200
    html = r.content.decode()
    for model in ["article", "claim", "source", "review"]:
        assert admin_url(model, "changelist") in html


@pytest.mark.parametrize("model", ["article", "claim", "source", "review"])
def test_editor_opens_every_changelist(editor_client, review, model):
    assert editor_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", ["article", "claim", "source"])
def test_editor_opens_every_add_page(editor_client, model):
    assert editor_client.get(admin_url(model, "add")).status_code == 200


def test_editor_opens_an_article_with_its_claims_inline(editor_client):
    article = make_article()
    first = make_claim(article=article, start=0, end=40)
    second = make_claim(article=article, start=70, end=106)
    r = editor_client.get(admin_url("article", "change", article.pk))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="claims-TOTAL_FORMS"' in html
    assert admin_url("claim", "change", first.pk) in html
    assert admin_url("claim", "change", second.pk) in html


def test_editor_opens_a_claim_with_its_chain_inline(editor_client):
    agency, outlet = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY), make_source(name="Daily")
    claim = make_claim(chain=[agency, outlet])
    r = editor_client.get(admin_url("claim", "change", claim.pk))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="links-TOTAL_FORMS" value="2"' in html
    assert "Wire Agency" in html and "Daily" in html


@pytest.mark.parametrize("persona", ["reviewer", "outsider"])
def test_non_editors_are_sent_to_the_admin_login(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in [reverse("admin:index"), admin_url("claim", "changelist"), admin_url("claim", "add")]:
        r = client.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith(reverse("admin:login") + "?next="), url


def test_reviewer_made_staff_is_still_refused(client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    client.force_login(reviewer)
    r = client.get(reverse("admin:index"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("admin:login"))


def test_reviewer_made_staff_logs_in_through_the_admin_form_but_gets_no_further(client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    r = client.post(
        reverse("admin:login"),
        {"username": "alice", "password": "a-long-test-password", "next": reverse("admin:index")},
        follow=True,
    )
    assert r.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "You are authenticated as alice, but are not authorized to access this page" in r.content.decode()


def test_anonymous_is_sent_to_a_login_page(client):
    # Django gives the admin site's own views the admin login, and its model pages the site's LOGIN_URL.
    r = client.get(reverse("admin:index"))
    assert r["Location"].startswith(reverse("admin:login") + "?next=")
    r = client.get(admin_url("claim", "changelist"))
    assert r["Location"].startswith(reverse("login") + "?next=")


# --- Claim changelist: filters, search, query count ---------------------------------------------------


@pytest.fixture
def three_claims():
    official = make_source(name="Maritime Ministry", kind=Source.Kind.OFFICIAL)
    outlet = make_source(name="Coastal Courier", kind=Source.Kind.NEWS_OUTLET)
    confirmed = make_claim(source=official, status=Claim.Status.CONFIRMED)
    disputed = make_claim(source=outlet, status=Claim.Status.DISPUTED)
    article = make_article(text="Residents reportedly plan a protest against the closure.")
    unverified = make_claim(article=article, end=35, source=outlet)
    return confirmed, disputed, unverified


def test_claim_changelist_filters_by_status(editor_client, three_claims):
    confirmed, disputed, unverified = three_claims
    url = admin_url("claim", "changelist")
    assert listed_pks(editor_client.get(url)) == {confirmed.pk, disputed.pk, unverified.pk}
    assert listed_pks(editor_client.get(url, {"status__exact": "disputed"})) == {disputed.pk}
    assert listed_pks(editor_client.get(url, {"status__exact": "unverified"})) == {unverified.pk}


def test_claim_changelist_filters_by_source_kind(editor_client, three_claims):
    confirmed, disputed, unverified = three_claims
    url = admin_url("claim", "changelist")
    assert listed_pks(editor_client.get(url, {"source__kind__exact": "official"})) == {confirmed.pk}
    assert listed_pks(editor_client.get(url, {"source__kind__exact": "news_outlet"})) == {
        disputed.pk,
        unverified.pk,
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [("protest", {2}), ("maritime ministry", {0}), ("courier", {1, 2}), ("nothing like this", set())],
)
def test_claim_changelist_searches_text_and_source(editor_client, three_claims, q, expected):
    r = editor_client.get(admin_url("claim", "changelist"), {"q": q})
    assert listed_pks(r) == {three_claims[i].pk for i in expected}


def test_claim_changelist_of_50_claims_runs_a_fixed_number_of_queries(
    editor_client, reviewer, django_assert_num_queries
):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    article = make_article()
    for i in range(50):
        make_claim(
            article=article if i % 2 else make_article(),
            start=i,
            end=i + 20,
            chain=[agency, make_source()],
            assignee=reviewer if i % 3 else None,
        )
    # Session, user, permissions, counts, the filters' and the action form's choices, the page, chains.
    with django_assert_num_queries(11):
        r = editor_client.get(admin_url("claim", "changelist"))
    assert len(listed_pks(r)) == 50
    assert "Wire Agency → Coastal Courier" in r.content.decode()


# --- Bulk actions ----------------------------------------------------------------------------------


def test_assign_reviewer_assigns_selected_claims_and_records_it(editor_client, editor, reviewer):
    first, second, other = make_claim(), make_claim(status=Claim.Status.CONFIRMED), make_claim()
    r = run_action(editor_client, "assign_reviewer", [first, second], assignee=reviewer.pk)
    assert shown_messages(r) == [("success", "Assigned 2 claim(s) to alice.")]
    for claim, status in [(first, "unverified"), (second, "confirmed")]:
        claim.refresh_from_db()
        assert claim.assignee == reviewer
        assert claim.status == status
        review = claim.reviews.get()
        assert (review.reviewer, review.old_status, review.new_status, review.note) == (
            editor,
            status,
            status,
            "Assigned to alice.",
        )
    other.refresh_from_db()
    assert other.assignee is None
    assert not other.reviews.exists()


def test_assign_reviewer_to_nobody_unassigns(editor_client, editor, reviewer):
    claim = make_claim(assignee=reviewer)
    r = run_action(editor_client, "assign_reviewer", [claim], assignee="")
    assert shown_messages(r) == [("success", "Assigned 1 claim(s) to nobody.")]
    claim.refresh_from_db()
    assert claim.assignee is None
    assert claim.reviews.get().note == "Assigned to nobody."


def test_assign_reviewer_to_unknown_user_is_an_error_and_changes_nothing(editor_client, reviewer):
    claim = make_claim(assignee=reviewer)
    r = run_action(editor_client, "assign_reviewer", [claim], assignee="999999")
    assert r.status_code == 200
    assert shown_messages(r) == [("error", "That reviewer does not exist.")]
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    assert not Review.objects.exists()


def test_reset_to_unverified_resets_decided_claims_and_skips_the_rest(editor_client, editor):
    confirmed = make_claim(status=Claim.Status.CONFIRMED)
    disputed = make_claim(status=Claim.Status.DISPUTED)
    unverified = make_claim()
    r = run_action(editor_client, "reset_to_unverified", [confirmed, disputed, unverified])
    assert shown_messages(r) == [("success", "Reset 2 claim(s) to unverified.")]
    for claim, old in [(confirmed, "confirmed"), (disputed, "disputed")]:
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("unverified", 2)
        review = claim.reviews.get()
        assert (review.reviewer, review.old_status, review.new_status) == (editor, old, "unverified")
        assert review.note == "Reset to unverified by an editor."
    unverified.refresh_from_db()
    assert unverified.version == 1
    assert not unverified.reviews.exists()


# --- Source changelist ------------------------------------------------------------------------------


def test_source_changelist_counts_claims_per_status(editor_client):
    busy, quiet = make_source(name="Busy Wire"), make_source(name="Quiet Gazette")
    for status in ["unverified", "unverified", "confirmed", "disputed", "disputed", "disputed"]:
        make_claim(source=busy, status=status)
    make_claim(source=quiet, status="confirmed")
    html = editor_client.get(admin_url("source", "changelist")).content.decode()
    rows = {
        name: re.search(rf"<tr>(?:(?!</tr>).)*>{name}</a>.*?</tr>", html, re.S).group(0)
        for name in ["Busy Wire", "Quiet Gazette"]
    }
    for name, counts in [("Busy Wire", (2, 1, 3)), ("Quiet Gazette", (0, 1, 0))]:
        for column, n in zip(["unverified", "confirmed", "disputed"], counts, strict=True):
            assert f'<td class="field-{column}">{n}</td>' in rows[name], (name, column)


def test_editor_adds_a_source(editor_client):
    r = editor_client.post(admin_url("source", "add"), {"name": "The Guardian", "kind": "news_outlet"})
    assert r.status_code == 302
    assert Source.objects.get().normalised_name == "guardian"


def test_adding_a_source_under_a_known_name_is_a_form_error(editor_client):
    make_source(name="The Guardian")
    r = editor_client.post(
        admin_url("source", "add"), {"name": "the British Guardian", "kind": "news_outlet"}
    )
    assert r.status_code == 200
    assert form_errors(r) == {"name": ["This is the same source as “The Guardian”, which already exists."]}
    assert Source.objects.count() == 1


# --- Review admin is read-only --------------------------------------------------------------------------


@pytest.fixture
def review(claim, reviewer):
    return record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="Checked", version=1)


def test_reviews_cannot_be_added_in_the_admin(editor_client):
    assert editor_client.get(admin_url("review", "add")).status_code == 403
    assert editor_client.post(admin_url("review", "add"), {}).status_code == 403


def test_review_change_page_is_view_only(editor_client, review):
    url = admin_url("review", "change", review.pk)
    r = editor_client.get(url)
    assert r.status_code == 200
    assert 'name="_save"' not in r.content.decode()
    assert "Checked" in r.content.decode()
    r = editor_client.post(url, {"note": "Rewritten", "new_status": "disputed"})
    assert r.status_code == 403
    review.refresh_from_db()
    assert (review.note, review.new_status) == ("Checked", "confirmed")


def test_reviews_cannot_be_deleted_in_the_admin(editor_client, review):
    url = admin_url("review", "delete", review.pk)
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Review.objects.filter(pk=review.pk).exists()


def test_delete_selected_cannot_delete_reviews(editor_client, review):
    changelist = editor_client.get(admin_url("review", "changelist")).content.decode()
    assert 'value="delete_selected"' not in changelist
    r = editor_client.post(
        admin_url("review", "changelist"),
        {"action": "delete_selected", "index": "0", "_selected_action": [review.pk], "post": "yes"},
        follow=True,
    )
    assert r.status_code == 200
    assert Review.objects.filter(pk=review.pk).exists()


def test_deleting_a_claim_with_history_is_refused(editor_client, review):
    claim = review.claim
    url = admin_url("claim", "delete", claim.pk)
    r = editor_client.get(url)
    assert r.status_code == 200
    assert "Cannot delete claim" in r.content.decode()
    assert re.search(r'<ul id="deleted-objects">\s*<li>review</li>', r.content.decode())
    r = editor_client.post(url, {"post": "yes"})
    assert r.status_code == 200
    assert "Cannot delete claim" in r.content.decode()
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert Review.objects.filter(pk=review.pk).exists()


def test_bulk_deleting_claims_with_history_is_refused(editor_client, review):
    claim = review.claim
    r = run_action(editor_client, "delete_selected", [claim], post="yes")
    assert r.status_code == 200
    assert "Cannot delete claim" in r.content.decode()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_editor_deletes_a_claim_without_history(editor_client, claim):
    r = editor_client.post(admin_url("claim", "delete", claim.pk), {"post": "yes"})
    assert r.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not ChainLink.objects.exists()


# --- Adding claims through the admin form ------------------------------------------------------------


def claim_form(article: Article, attributed_to: Source, **fields) -> dict:
    data = {"article": article.pk, "text": "the northern pier will close", "start": 29, "end": 68}
    data |= {"source": attributed_to.pk, "cue": "said", "hedge": "", "assignee": ""}
    return {**data, **INLINE_LINKS, **fields}


def test_editor_adds_a_claim_with_its_chain(editor_client):
    article, agency, outlet = make_article(), make_source(name="Wire Agency"), make_source(name="Daily")
    chain = {
        "links-TOTAL_FORMS": "2",
        "links-0-position": "0",
        "links-0-source": agency.pk,
        "links-1-position": "1",
        "links-1-source": outlet.pk,
    }
    r = editor_client.post(admin_url("claim", "add"), claim_form(article, outlet, **chain))
    assert r.status_code == 302
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.source, claim.status) == (29, 68, outlet, "unverified")
    assert claim.chain == [agency, outlet]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"end": len(TEXT) + 1}, {"end": [f"The article text is only {len(TEXT)} characters long."]}),
        ({"start": 40, "end": 40}, {"start": ["The span must start before it ends."]}),
        ({"start": 50, "end": 40}, {"start": ["The span must start before it ends."]}),
        (
            {"source": ""},
            {"source": ["Choose the source the claim is attributed to, or mark it unattributed."]},
        ),
        ({"unattributed": "on"}, {"source": ["An unattributed claim has no source."]}),
    ],
    ids=[
        "span-past-text",
        "empty-span",
        "backwards-span",
        "attributed-without-source",
        "unattributed-with-source",
    ],
)
def test_invalid_claim_is_refused_with_a_form_error(editor_client, fields, errors):
    article, source = make_article(text=TEXT), make_source()
    r = editor_client.post(admin_url("claim", "add"), claim_form(article, source, **fields))
    assert r.status_code == 200
    assert form_errors(r) == errors
    for message in errors.values():
        assert message[0] in r.content.decode()
    assert not Claim.objects.exists()


def article_form(**fields) -> dict:
    # The add page shows created_at as a required field (see the test below): sending it keeps the
    # inline tests about their claims.
    data = {"title": "Pier", "outlet": "", "url": "", "published_on": "", "text": TEXT}
    data |= {"created_at_0": "2026-11-25", "created_at_1": "07:30:00"}
    return {**data, **INLINE_CLAIMS, **fields}


def test_editor_adds_an_article_without_setting_its_creation_time(editor_client):
    data = {"title": "Pier", "outlet": "", "url": "", "published_on": "", "text": TEXT, **INLINE_CLAIMS}
    r = editor_client.post(admin_url("article", "add"), data)
    assert r.status_code == 302, form_errors(r)
    assert Article.objects.get().created_at is not None


def test_editor_adds_an_article_with_a_claim_inline(editor_client):
    source = make_source()
    data = article_form(
        **{
            "claims-TOTAL_FORMS": "1",
            "claims-0-text": "the northern pier will close",
            "claims-0-start": "29",
            "claims-0-end": "68",
            "claims-0-source": source.pk,
            "claims-0-assignee": "",
        }
    )
    r = editor_client.post(admin_url("article", "add"), data)
    assert r.status_code == 302
    claim = Claim.objects.get()
    assert (claim.article.title, claim.passage) == ("Pier", TEXT[29:68])


def test_claim_added_inline_with_a_new_article_must_fit_the_text(editor_client):
    source = make_source()
    data = {
        **article_form(text="Short text."),
        "claims-TOTAL_FORMS": "1",
        "claims-0-text": "beyond the text",
        "claims-0-start": "0",
        "claims-0-end": "500",
        "claims-0-source": source.pk,
        "claims-0-assignee": "",
    }
    r = editor_client.post(admin_url("article", "add"), data)
    assert r.status_code == 200
    assert r.context["errors"]
    assert "The article text is only 11 characters long." in r.content.decode()
    assert not Article.objects.exists()
    assert not Claim.objects.exists()


def test_shortening_an_article_below_its_claims_is_refused(editor_client):
    claim = make_claim(article=make_article(text=TEXT), start=70, end=106)
    article = claim.article
    first_sentence = TEXT[: TEXT.index(".") + 1]
    data = {
        **article_form(title=article.title, text=first_sentence),
        "claims-TOTAL_FORMS": "1",
        "claims-INITIAL_FORMS": "1",
        "claims-0-id": claim.pk,
        "claims-0-article": article.pk,
        "claims-0-text": claim.text,
        "claims-0-start": "70",
        "claims-0-end": "106",
        "claims-0-source": claim.source_id,
        "claims-0-assignee": "",
    }
    r = editor_client.post(admin_url("article", "change", article.pk), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "The article&#x27;s claims reach character 106; the text must keep them." in html
    assert f"The article text is only {len(first_sentence)} characters long." in html
    article.refresh_from_db()
    assert article.text == TEXT


# --- Rules the models and the database enforce -----------------------------------------------------------


@pytest.mark.parametrize("name", ["the British Guardian", "Guardian", "THE GUARDIAN newspaper"])
def test_named_source_is_unique_by_normalised_name(name):
    make_source(name="The Guardian")
    duplicate = Source(name=name, kind=Source.Kind.NEWS_OUTLET)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["name"] == [
        "This is the same source as “The Guardian”, which already exists."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Source.objects.count() == 1


def test_named_source_may_share_a_name_with_an_anonymous_one():
    make_source(name="Guardian", kind=Source.Kind.ANONYMOUS)
    make_source(name="The Guardian")
    assert Source.objects.count() == 2


def test_anonymous_sources_may_repeat():
    for _ in range(2):
        source = Source(name="a senior official", kind=Source.Kind.ANONYMOUS)
        source.full_clean()
        source.save()
    assert Source.objects.filter(normalised_name="a senior official").count() == 2


def test_source_needs_a_name():
    with pytest.raises(ValidationError, match="Give the source a name."):
        Source(name=" the ", kind=Source.Kind.PERSON).full_clean()
    with pytest.raises(IntegrityError, match="source_name_not_blank"), transaction.atomic():
        Source.objects.create(name="The", kind=Source.Kind.PERSON)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "approved"}, "claim_status_valid"),
        ({"start": 10, "end": 10}, "claim_span_not_empty"),
        ({"start": 12, "end": 10}, "claim_span_not_empty"),
        ({"source": None}, "claim_attributed_has_source"),
        ({"unattributed": True}, "claim_attributed_has_source"),
    ],
)
def test_database_enforces_claim_constraints(fields, constraint):
    article, source = make_article(), make_source()
    claim = Claim(article=article, text="x", start=0, end=10, source=source)
    for name, value in fields.items():
        setattr(claim, name, value)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        claim.save()
    assert not Claim.objects.exists()


def test_review_cannot_be_changed(review):
    review.note = "Rewritten"
    with pytest.raises(ReviewIsPermanent):
        review.save()
    with pytest.raises(ReviewIsPermanent):
        Review.objects.filter(pk=review.pk).update(note="Rewritten")
    with pytest.raises(ReviewIsPermanent), transaction.atomic():
        Review.objects.bulk_update([review], ["note"])
    assert Review.objects.get().note == "Checked"


def test_review_cannot_be_deleted(review):
    with pytest.raises(ReviewIsPermanent):
        review.delete()
    with pytest.raises(ReviewIsPermanent):
        Review.objects.all().delete()
    with pytest.raises(ReviewIsPermanent):
        Review.objects.filter(pk=review.pk).delete()
    assert Review.objects.filter(pk=review.pk).exists()


def test_claim_with_history_cannot_be_deleted_in_code(review):
    with pytest.raises(ProtectedError), transaction.atomic():
        review.claim.delete()
    assert Claim.objects.filter(pk=review.claim_id).exists()


def test_database_refuses_a_dispute_without_a_note(claim, reviewer):
    with pytest.raises(IntegrityError, match="review_dispute_has_note"), transaction.atomic():
        Review.objects.create(claim=claim, reviewer=reviewer, old_status="unverified", new_status="disputed")
    assert not Review.objects.exists()


def test_database_refuses_an_unknown_review_status(claim, reviewer):
    with pytest.raises(IntegrityError, match="review_status_valid"), transaction.atomic():
        Review.objects.create(claim=claim, reviewer=reviewer, old_status="unverified", new_status="approved")
