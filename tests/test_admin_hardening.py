"""The admin holds against hostile input: editors reach only the accounts they manage, and bad ids are 4xx."""

import re
from datetime import timedelta
from itertools import count

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factcheck.accounts.roles import EDITORS, REVIEWERS
from factcheck.claims.decisions import record_decision
from factcheck.claims.models import ChainLink, Claim, Review
from tests.factories import PASSWORD, make_article, make_claim, make_source, make_user

pytestmark = pytest.mark.django_db

BAD_SELECTION = "The selection is not valid. No items have been changed."
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
TOO_BIG = str(2**63)  # beyond every integer column, on SQLite as on PostgreSQL

_n = count(1)


def make_attempt(username: str | None, **kw) -> AccessAttempt:
    """Five failed logins for `username` from one address: a lockout."""
    kw.setdefault("ip_address", "203.0.113.7")
    kw.setdefault("user_agent", f"Browser {next(_n)}")
    kw.setdefault("get_data", "next=/queue/")
    kw.setdefault("post_data", f"username={username}&password=********")
    kw.setdefault("failures_since_start", 5)
    return AccessAttempt.objects.create(username=username, http_accept="text/html", path_info="/login/", **kw)


def listed_pks(response) -> set[int]:
    """The objects a changelist shows, read from the rows' action checkboxes."""
    return {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', response.content.decode())}


def shown_messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(django_user_model):
    """Sam owns the installation."""
    return django_user_model.objects.create_superuser("sam", password=PASSWORD)


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def beyond_reach(django_user_model, superuser):
    """Accounts an editor must not manage, by the rule the user admin applies."""
    peer = make_user("ed", EDITORS, is_staff=True)
    owner = make_user("olga", REVIEWERS)
    owner.groups.add(Group.objects.create(name="Owners"))
    powerful = make_user("pat", is_staff=True)
    powerful.user_permissions.add(Permission.objects.get(codename="delete_user"))
    return {"superuser": superuser, "peer editor": peer, "other group": owner, "own permission": powerful}


# --- Unlocking: editors lift only the lockouts of accounts they may manage -------------------------------

ATTEMPTS = changelist(AccessAttempt)


def attempt_url(view: str, attempt: AccessAttempt) -> str:
    return reverse(f"admin:axes_accessattempt_{view}", args=[attempt.pk])


def test_editor_unlocks_a_reviewer_and_their_own_account(editor_client, reviewer, editor):
    mine, alices = make_attempt("erin"), make_attempt("alice")
    assert listed_pks(editor_client.get(ATTEMPTS)) == {mine.pk, alices.pk}
    r = editor_client.post(attempt_url("delete", alices), {"post": "yes"}, follow=True)
    [(level, message)] = shown_messages(r)
    assert level == "success" and message.endswith("was deleted successfully.")
    r = editor_client.post(
        ATTEMPTS, {"action": "delete_selected", "_selected_action": [mine.pk], "post": "yes"}, follow=True
    )
    assert shown_messages(r) == [("success", "Successfully deleted 1 access attempt.")]
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    "target", ["superuser", "peer editor", "other group", "own permission", "no such account", "no username"]
)
def test_editor_neither_sees_nor_unlocks_an_account_beyond_reach(editor_client, beyond_reach, target):
    # A username that matches no account is for a superuser only (see NewsroomAccessAttemptAdmin).
    unknown = {"no such account": "Sam", "no username": None}
    username = unknown[target] if target in unknown else beyond_reach[target].username
    attempt, reachable = make_attempt(username), make_attempt("erin")
    assert listed_pks(editor_client.get(ATTEMPTS)) == {reachable.pk}
    for view in ["change", "delete", "history"]:
        r = editor_client.get(attempt_url(view, attempt))
        assert r.status_code == 302 and r["Location"] == reverse("admin:index"), view
    r = editor_client.post(attempt_url("delete", attempt), {"post": "yes"})
    assert r.status_code == 302 and r["Location"] == reverse("admin:index")
    r = editor_client.post(
        ATTEMPTS, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}, follow=True
    )
    assert r.status_code == 200
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize("persona", ["editor_client", "superuser_client"])
def test_the_clean_up_of_expired_attempts_is_not_offered(request, editor, superuser, persona):
    # Axes' action would delete every account's expired attempts, and fails with a 500 outside a login.
    browser = request.getfixturevalue(persona)
    stale = make_attempt("sam")
    AccessAttempt.objects.filter(pk=stale.pk).update(attempt_time=timezone.now() - timedelta(days=1))
    assert 'value="cleanup_expired_attempts"' not in browser.get(ATTEMPTS).content.decode()
    r = browser.post(
        ATTEMPTS,
        {"action": "cleanup_expired_attempts", "index": "0", "_selected_action": [make_attempt("erin").pk]},
        follow=True,
    )
    assert shown_messages(r) == [("warning", "No action selected.")]
    assert AccessAttempt.objects.count() == 2


def test_superuser_sees_and_unlocks_every_attempt(superuser_client, editor, beyond_reach):
    attempts = [make_attempt(name) for name in ["erin", "sam", "ed", "olga", "pat", "Sam", None]]
    assert listed_pks(superuser_client.get(ATTEMPTS)) == {a.pk for a in attempts}
    r = superuser_client.post(attempt_url("delete", attempts[2]), {"post": "yes"})
    assert r.status_code == 302
    assert not AccessAttempt.objects.filter(username="ed").exists()


@pytest.mark.parametrize("persona", ["editor_client", "superuser_client"])
def test_nobody_sees_the_form_data_of_a_failed_login(request, reviewer, persona):
    browser = request.getfixturevalue(persona)
    attempt = make_attempt("alice", get_data="next=/tide-tables/", post_data="username=Ebb-and-flow-2026")
    for page in [attempt_url("change", attempt), ATTEMPTS]:
        html = browser.get(page).content.decode()
        assert "alice" in html
        assert "Ebb-and-flow" not in html and "tide-tables" not in html
    # Nor can a filter read it back a guess at a time.
    for lookup in ["post_data__contains", "get_data__startswith"]:
        assert browser.get(ATTEMPTS, {lookup: "E"}).status_code == 400


# --- User filters list only the accounts the viewer may see ------------------------------------------------


@pytest.fixture
def reviewed_claim(reviewer):
    claim = make_claim(assignee=reviewer)
    record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="Checked", version=1)
    return claim


@pytest.mark.parametrize(
    ("model", "parameter"), [(Claim, "assignee__id__exact"), (Review, "reviewer__id__exact")]
)
def test_user_filter_offers_only_accounts_the_editor_may_see(
    editor_client, editor, reviewer, beyond_reach, reviewed_claim, model, parameter
):
    html = editor_client.get(changelist(model)).content.decode()
    offered = {int(pk) for pk in re.findall(rf"\?{parameter}=(\d+)", html)}
    # Another editor is listed in the user admin too, so filtering by them shows nothing new.
    assert offered == {editor.pk, reviewer.pk, beyond_reach["peer editor"].pk}


@pytest.mark.parametrize(
    ("model", "parameter"), [(Claim, "assignee__id__exact"), (Review, "reviewer__id__exact")]
)
def test_user_filter_offers_every_account_to_a_superuser(
    superuser_client, django_user_model, beyond_reach, reviewed_claim, model, parameter
):
    html = superuser_client.get(changelist(model)).content.decode()
    offered = {int(pk) for pk in re.findall(rf"\?{parameter}=(\d+)", html)}
    assert offered == set(django_user_model.objects.values_list("pk", flat=True))


def test_claims_can_be_assigned_only_to_accounts_the_editor_may_see(
    editor_client, editor, reviewer, django_user_model, beyond_reach, reviewed_claim
):
    beyond_reach["superuser"].groups.add(Group.objects.get(name=EDITORS))  # in the role, out of view
    beyond_reach["other group"].groups.add(Group.objects.get(name=REVIEWERS))
    before = reviewed_claim.assignee
    html = editor_client.get(changelist(Claim)).content.decode()
    select = re.search(r'<select name="assignee".*?</select>', html, re.S).group()
    offered = {int(pk) for pk in re.findall(r'value="(\d+)"', select)}
    assert offered == {editor.pk, reviewer.pk, beyond_reach["peer editor"].pk}
    for hidden in [beyond_reach["superuser"], beyond_reach["other group"]]:
        r = editor_client.post(
            changelist(Claim),
            {"action": "assign_reviewer", "_selected_action": [reviewed_claim.pk], "assignee": hidden.pk},
            follow=True,
        )
        assert ("error", "That reviewer does not exist.") in shown_messages(r)
    reviewed_claim.refresh_from_db()
    assert reviewed_claim.assignee == before


# --- Bad ids in admin forms are form errors, not 500s ---------------------------------------------------


@pytest.fixture
def chained_claim():
    return make_claim(chain=[make_source(name="Wire Agency"), make_source(name="Harbour Gazette")])


def claim_form(claim: Claim, **fields) -> dict:
    """The claim change form as the admin renders it, with its chain as inline rows."""
    links = list(claim.links.all())
    data = {
        "article": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "source": claim.source_id,
        "cue": claim.cue,
        "hedge": claim.hedge,
        "loaded_version": claim.version,
        "links-TOTAL_FORMS": len(links),
        "links-INITIAL_FORMS": len(links),
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 1000,
    }
    for i, link in enumerate(links):
        data |= {f"links-{i}-id": link.pk, f"links-{i}-claim": claim.pk}
        data |= {f"links-{i}-position": link.position, f"links-{i}-source": link.source_id}
    return data | fields


def test_the_claim_form_untouched_saves(editor_client, chained_claim):
    # So that in the tests below, the one bad field is the only thing wrong with the form.
    r = editor_client.post(
        reverse("admin:claims_claim_change", args=[chained_claim.pk]), claim_form(chained_claim)
    )
    assert r.status_code == 302


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ({"links-1-position": ""}, "This field is required."),
        ({"links-1-position": "first"}, "Enter a whole number."),
        ({"links-1-position": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"links-1-position": TOO_BIG}, "Ensure this value is less than or equal to"),
        ({"links-1-source": "999999"}, INVALID_CHOICE),
        ({"links-1-source": "abc"}, INVALID_CHOICE),
        ({"links-1-source": TOO_BIG}, INVALID_CHOICE),
    ],
    ids=["blank-position", "word-position", "negative-position", "huge-position", "unknown-source",
         "non-numeric-source", "huge-source"],
)  # fmt: skip
def test_bad_chain_link_row_is_a_form_error_and_changes_nothing(editor_client, chained_claim, row, error):
    # Row 1 is the chain's last link, the one the chain-end rule reads.
    chain = chained_claim.chain
    r = editor_client.post(
        reverse("admin:claims_claim_change", args=[chained_claim.pk]), claim_form(chained_claim, **row)
    )
    assert r.status_code == 200
    assert error in r.content.decode()
    assert Claim.objects.with_chain().get(pk=chained_claim.pk).chain == chain
    assert ChainLink.objects.count() == 2


@pytest.mark.parametrize("value", ["abc", TOO_BIG])
def test_bad_id_in_a_claim_autocomplete_is_a_form_error(editor_client, chained_claim, value):
    r = editor_client.post(
        reverse("admin:claims_claim_change", args=[chained_claim.pk]),
        claim_form(chained_claim, source=value, cue="told"),
    )
    assert r.status_code == 200
    assert INVALID_CHOICE in r.content.decode()
    chained_claim.refresh_from_db()
    assert (chained_claim.cue, chained_claim.source.name) == ("", "Harbour Gazette")


@pytest.mark.parametrize("value", ["abc", TOO_BIG])
def test_bad_article_id_for_a_new_claim_is_a_form_error(editor_client, chained_claim, value):
    # A claim's own page shows its article read-only; only a new claim chooses one.
    data = claim_form(chained_claim, article=value) | {"links-TOTAL_FORMS": 0, "links-INITIAL_FORMS": 0}
    r = editor_client.post(reverse("admin:claims_claim_add"), data)
    assert r.status_code == 200
    assert INVALID_CHOICE in r.content.decode()
    assert Claim.objects.count() == 1


def article_form(claim: Claim, **fields) -> dict:
    """The change form of the claim's article, renaming it, with the claim as its one inline row."""
    return {
        "title": "Pier renamed",
        "outlet": "",
        "url": "",
        "published_on": "",
        "text": claim.article.text,
        "claims-TOTAL_FORMS": "1",
        "claims-INITIAL_FORMS": "1",
        "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "1000",
        "claims-0-id": claim.pk,
        "claims-0-article": claim.article_id,
        "claims-0-text": claim.text,
        "claims-0-start": claim.start,
        "claims-0-end": claim.end,
        "claims-0-source": claim.source_id,
        "claims-0-cue": "",
        "claims-0-hedge": "",
        **fields,
    }


@pytest.fixture
def pier_claim():
    return make_claim(article=make_article(title="Pier to close"))


def test_the_article_form_untouched_saves(editor_client, pier_claim):
    r = editor_client.post(
        reverse("admin:claims_article_change", args=[pier_claim.article_id]), article_form(pier_claim)
    )
    assert r.status_code == 302


@pytest.mark.parametrize(
    "fields",
    [{"outlet": "abc"}, {"claims-0-source": "abc"}, {"outlet": TOO_BIG}],
    ids=["outlet", "inline-claim-source", "huge-outlet"],
)
def test_bad_id_in_an_article_autocomplete_is_a_form_error(editor_client, pier_claim, fields):
    claim = pier_claim
    r = editor_client.post(
        reverse("admin:claims_article_change", args=[claim.article_id]), article_form(claim, **fields)
    )
    assert r.status_code == 200
    assert INVALID_CHOICE in r.content.decode()
    claim.article.refresh_from_db()
    assert claim.article.title == "Pier to close"


# --- Bad ids in a bulk action's selection are refused, and nothing runs -----------------------------------


@pytest.mark.parametrize("bad", ["abc", "", "7.0", TOO_BIG])
def test_bad_id_in_a_bulk_selection_changes_nothing(editor_client, bad):
    decided = make_claim(status=Claim.Status.CONFIRMED)
    r = editor_client.post(
        changelist(Claim),
        {"action": "reset_to_unverified", "index": "0", "_selected_action": [decided.pk, bad]},
    )
    assert r.status_code == 302
    r = editor_client.get(r["Location"])
    assert shown_messages(r) == [("error", BAD_SELECTION)]
    decided.refresh_from_db()
    assert (decided.status, decided.version) == ("confirmed", 1)
    assert not Review.objects.exists()


def test_bad_id_in_a_delete_confirmation_changes_nothing(editor_client, claim):
    r = editor_client.post(
        changelist(Claim), {"action": "delete_selected", "_selected_action": [claim.pk, "abc"], "post": "yes"}
    )
    assert r.status_code == 302
    assert Claim.objects.filter(pk=claim.pk).exists()


# Reviews are permanent, claim links change only through their claims' histories, and import jobs and
# the task queue's results are read-only records: they offer no action at all, so no selection to refuse.
READ_ONLY = {"claims.Review", "claims.ClaimLink", "claims.ImportJob", "django_tasks_database.DBTaskResult"}
WITH_ACTIONS = sorted(
    (m for m in admin.site._registry if m._meta.label not in READ_ONLY), key=lambda m: m._meta.label
)


@pytest.mark.parametrize("model", WITH_ACTIONS, ids=lambda m: m._meta.label)
def test_bad_id_in_a_bulk_selection_is_refused_on_every_changelist(superuser_client, model):
    r = superuser_client.post(
        changelist(model),
        {"action": "delete_selected", "index": "0", "_selected_action": ["abc"]},
        follow=True,
    )
    assert r.status_code == 200
    assert shown_messages(r) == [("error", BAD_SELECTION)]
