"""Every URL × every persona × GET and POST: who may do what, and nothing left untested (Zulip style)."""

from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from factcheck.accounts.roles import EDITORS, REVIEWERS
from factcheck.claims.models import Suggestion
from factcheck.claims.sources import merge_sources
from tests.factories import PASSWORD, make_claim, make_source, make_user

PERSONAS = ["anonymous", "outsider", "reviewer", "editor", "superuser", "inactive"]

# An expectation is a status code, or where a 302 must lead:
LOGIN = "login"  # the site's login page
ADMIN_LOGIN = "admin login"  # the admin's own login page
HOME = "home"  # the site's home page
CLAIM_PAGE = "claim page"  # the claim, open on its article page
ARTICLE_PAGE = "article page"  # the claim's article
SOURCE_PAGE = "source page"  # the claim's source
CORROBORATION_PAGE = "corroboration page"  # the claim's linked group
SIMILAR_ON_PAGE = "corroboration page with its similar claims"  # as a browser without JavaScript asks


class Row(NamedTuple):
    """What one URL answers each persona: a (GET, POST) pair of expectations per persona."""

    args: str | None  # which object fills the URL's pk: "article", "claim", "suggestion", "source",
    # "alias" (another name of the claim's source, from a merge), "hop" (the claim's first hop) or None
    expect: dict[str, tuple[int | str, int | str]]


# ModelBackend doesn't load an inactive user from the session, so a deactivated editor is anonymous.
NOT_LOGGED_IN = {"anonymous": (LOGIN, LOGIN), "inactive": (LOGIN, LOGIN)}
READ_ONLY_PAGE = {
    **NOT_LOGGED_IN,
    "outsider": (403, 405),  # @require_GET sits outside the permission check
    "reviewer": (200, 405),
    "editor": (200, 405),
    "superuser": (200, 405),
}
# Without htmx the panel's URLs send the browser to the claim on its article page.
STAFF = ["reviewer", "editor", "superuser"]
PANEL_FRAGMENT = {**READ_ONLY_PAGE, **{p: (CLAIM_PAGE, 405) for p in STAFF}}

URLS: dict[str, Row] = {
    "login": Row(
        None,
        {
            # An empty POST re-shows the form; a logged-in user is sent on to the home page.
            "anonymous": (200, 200),
            "inactive": (200, 200),
            **{persona: (HOME, HOME) for persona in ["outsider", "reviewer", "editor", "superuser"]},
        },
    ),
    "logout": Row(
        None,
        {
            **NOT_LOGGED_IN,
            **{persona: (405, LOGIN) for persona in ["outsider", "reviewer", "editor", "superuser"]},
        },
    ),
    "claims:home": Row(None, READ_ONLY_PAGE),
    "claims:queue": Row(None, READ_ONLY_PAGE),
    "claims:queue_options": Row(None, READ_ONLY_PAGE),
    "claims:queue_export": Row(None, READ_ONLY_PAGE),  # a streamed CSV, GET only
    "claims:sources": Row(None, READ_ONLY_PAGE),  # the sources by kind
    # The dashboard is the editors' view of the desk; reviewers are refused.
    "claims:dashboard": Row(None, {**READ_ONLY_PAGE, "reviewer": (403, 405)}),
    "claims:article": Row("article", READ_ONLY_PAGE),
    "claims:claim_panel": Row("claim", PANEL_FRAGMENT),
    # What a decision's reply leaves for the panel to fetch: its history; evidence fields and withdraw form
    # when they are opened.
    "claims:claim_history": Row("claim", PANEL_FRAGMENT),
    # Corroboration: the page, and the panel's two fragments (without htmx, the page shows them both).
    "claims:corroboration": Row("claim", READ_ONLY_PAGE),
    "claims:claim_links": Row("claim", {**PANEL_FRAGMENT, **{p: (CORROBORATION_PAGE, 405) for p in STAFF}}),
    "claims:similar_claims": Row("claim", {**PANEL_FRAGMENT, **{p: (SIMILAR_ON_PAGE, 405) for p in STAFF}}),
    # Linking is a reviewer's call like a decision; an empty form gets a 422.
    "claims:link_claim": Row(
        "claim",
        {**NOT_LOGGED_IN, "outsider": (405, 403), **{p: (405, 422) for p in STAFF}},
    ),
    "claims:evidence_fields": Row("claim", PANEL_FRAGMENT),
    "claims:withdraw_form": Row("claim", PANEL_FRAGMENT),
    "claims:decide": Row(
        "claim",
        # An empty POST is an invalid decision: 422 shows that the role got through to the form.
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            "reviewer": (405, 422),
            "editor": (405, 422),
            "superuser": (405, 422),
        },
    ),
    # Reviewers and editors import articles and decide the extractor's suggestions; empty forms get a 422.
    "claims:import": Row(
        None,
        {
            **NOT_LOGGED_IN,
            "outsider": (403, 403),
            **{persona: (200, 422) for persona in ["reviewer", "editor", "superuser"]},
        },
    ),
    "claims:suggestions": Row("article", READ_ONLY_PAGE),
    "claims:accept_all": Row(
        "article",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            **{persona: (405, ARTICLE_PAGE) for persona in ["reviewer", "editor", "superuser"]},
        },
    ),
    "claims:decide_suggestion": Row(
        "suggestion",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            **{persona: (405, 422) for persona in ["reviewer", "editor", "superuser"]},
        },
    ),
    # Correcting claims: reviewers and editors, who author claims; empty forms get a 422.
    "claims:edit": Row(
        "claim",
        {
            **NOT_LOGGED_IN,
            "outsider": (403, 403),
            **{p: (200, 422) for p in ["reviewer", "editor", "superuser"]},
        },
    ),
    "claims:new_claim": Row(
        "article",
        {
            **NOT_LOGGED_IN,
            "outsider": (403, 403),
            **{p: (200, 422) for p in ["reviewer", "editor", "superuser"]},
        },
    ),
    "claims:withdraw": Row(
        "claim",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            **{p: (405, 422) for p in ["reviewer", "editor", "superuser"]},
        },
    ),
    # Restoring a claim that is not withdrawn (or with no version) is a conflict: nothing to restore.
    "claims:restore": Row(
        "claim",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            **{p: (405, 409) for p in ["reviewer", "editor", "superuser"]},
        },
    ),
    # Checking a hop is a reviewer's decision like any other; an empty check is refused (422).
    "claims:hop_forms": Row("claim", PANEL_FRAGMENT),
    "claims:decide_hop": Row(
        "hop",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            **{p: (405, 422) for p in ["reviewer", "editor", "superuser"]},
        },
    ),
    # Publishing is the editors' call; the claim here is unverified, which is never published (422).
    "claims:publish": Row(
        "claim",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            "reviewer": (405, 403),
            **{p: (405, 422) for p in ["editor", "superuser"]},
        },
    ),
    # Open to anyone, but only for a published claim: this one is not, so it is a 404 to all.
    "claims:claimreview": Row("claim", {persona: (404, 405) for persona in PERSONAS}),
    "claims:article_claimreview": Row("article", {persona: (404, 405) for persona in PERSONAS}),
    "claims:source_options": Row(None, READ_ONLY_PAGE),
    "claims:source": Row("source", READ_ONLY_PAGE),
    # Merging and splitting records of a source is the editors' call; an empty merge form gets a 422.
    "claims:merge_source": Row(
        "source",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            "reviewer": (405, 403),
            **{p: (405, 422) for p in ["editor", "superuser"]},
        },
    ),
    "claims:split_alias": Row(
        "alias",
        {
            **NOT_LOGGED_IN,
            "outsider": (405, 403),
            "reviewer": (405, 403),
            **{p: (405, SOURCE_PAGE) for p in ["editor", "superuser"]},
        },
    ),
    "favicon": Row(None, {persona: (302, 302) for persona in PERSONAS}),  # open to all: it is an icon
    # The admin's own pages are covered in test_admin.py; its index stands for the site's gate here.
    "admin:index": Row(
        None,
        {
            # The admin's own views send LoginRequiredMiddleware's redirect to the admin login.
            "anonymous": (ADMIN_LOGIN, ADMIN_LOGIN),
            "inactive": (ADMIN_LOGIN, ADMIN_LOGIN),
            "outsider": (ADMIN_LOGIN, ADMIN_LOGIN),
            "reviewer": (ADMIN_LOGIN, ADMIN_LOGIN),
            "editor": (200, 200),
            "superuser": (200, 200),
        },
    ),
}
SKIPPED_NAMESPACES = {"admin"}


def walk(patterns, namespaces=(), prefix=""):
    """Yield (namespaces, name, route) for every URL pattern, descending into includes."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield namespaces, pattern.name, route


def test_every_url_has_expectations():
    patterns = list(walk(get_resolver().url_patterns))
    named = {":".join([*namespaces, name]) for namespaces, name, _ in patterns if name}
    in_scope = [(ns, name, route) for ns, name, route in patterns if not SKIPPED_NAMESPACES & set(ns)]
    untested = sorted({":".join([*ns, name]) for ns, name, _ in in_scope if name} - URLS.keys())
    assert not untested, f"Some URLs are untested: {', '.join(untested)}. Add a row to URLS."
    unnamed = sorted(route for _, name, route in in_scope if not name)
    assert not unnamed, f"Some URLs have no name, so URLS can't cover them: {', '.join(unnamed)}"
    stale = sorted(URLS.keys() - named)
    assert not stale, f"URLS has rows for URLs that no longer exist: {', '.join(stale)}"


def test_every_row_covers_every_persona():
    incomplete = {name: sorted(set(PERSONAS) - row.expect.keys()) for name, row in URLS.items()}
    assert not {name: missing for name, missing in incomplete.items() if missing}


def url_for(name: str, claim, suggestion) -> str:
    """The URL `name` for the object its row names: the claim, its article, source or source's alias."""
    args = {
        "article": [claim.article_id],
        "claim": [claim.pk],
        "hop": [claim.pk, 0],
        "suggestion": [suggestion.pk],
        "source": [claim.source_id],
        "alias": [claim.source.aliases.get().pk] if URLS[name].args == "alias" else [],
        None: [],
    }[URLS[name].args]
    return reverse(name, args=args)


@pytest.fixture
def personas(db, django_user_model):
    return {
        "anonymous": None,
        "outsider": make_user("oscar"),
        "reviewer": make_user("alice", REVIEWERS),
        "editor": make_user("erin", EDITORS, is_staff=True),
        "superuser": django_user_model.objects.create_superuser("sam", password=PASSWORD),
        "inactive": make_user("ian", EDITORS, is_staff=True, is_active=False),
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", URLS)
def test_url_answers_persona(client, personas, name, persona, method):
    claim = make_claim()
    suggestion = Suggestion.objects.create(article=claim.article, text="the pier", start=4, end=12)
    merge_sources(keep=claim.source, merge=make_source(name="Old Name"), by=personas["superuser"])
    row = URLS[name]
    url = url_for(name, claim, suggestion)
    if personas[persona] is not None:
        client.force_login(personas[persona])
    response = client.generic(method, url)
    expected = row.expect[persona][method == "POST"]
    if isinstance(expected, int):
        assert response.status_code == expected, f"{method} {url} as {persona}"
        return
    assert response.status_code == 302, f"{method} {url} as {persona}: expected a redirect to the {expected}"
    location = response["Location"]
    target = {
        LOGIN: reverse("login"),
        ADMIN_LOGIN: reverse("admin:login"),
        HOME: reverse("claims:home"),
        CLAIM_PAGE: claim.get_absolute_url(),
        ARTICLE_PAGE: claim.article.get_absolute_url(),
        SOURCE_PAGE: claim.source.get_absolute_url(),
        CORROBORATION_PAGE: reverse("claims:corroboration", args=[claim.pk]),
        SIMILAR_ON_PAGE: reverse("claims:corroboration", args=[claim.pk]) + "?similar=1",
    }[expected]
    if expected in {LOGIN, ADMIN_LOGIN}:
        location = urlsplit(location).path
    assert location == target, f"{method} {url} as {persona}"


def test_inactive_user_forced_in_is_treated_as_anonymous(client, personas):
    client.force_login(personas["inactive"])
    response = client.get(reverse("claims:home"))
    assert not response.wsgi_request.user.is_authenticated
    assert response["Location"] == f"{reverse('login')}?next={reverse('claims:home')}"


def test_inactive_user_cannot_log_in(client, personas):
    response = client.post(reverse("login"), {"username": "ian", "password": "a-long-test-password"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", ["alice", "erin"])
def test_newsroom_roles_log_in_and_land_on_home(client, personas, username):
    response = client.post(reverse("login"), {"username": username, "password": "a-long-test-password"})
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:home")


def test_permissions_come_from_the_account_and_its_roles_in_one_query(reviewer, django_assert_num_queries):
    reviewer.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    user = type(reviewer).objects.get(pk=reviewer.pk)  # nothing read yet
    with django_assert_num_queries(1):
        assert user.has_perm("claims.add_review")  # from the role
        assert user.has_perm("claims.view_dashboard")  # the account's own
        assert not user.has_perm("claims.publish_claim")  # an editor's
    user.is_active = False
    assert not user.has_perm("claims.add_review")
