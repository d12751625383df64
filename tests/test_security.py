"""Security: brute-force lockout, password rules, CSRF, the deploy check, response headers, hostile text."""

import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from html import escape
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client
from django.urls import get_resolver, reverse

from factcheck.claims.models import Article, ChainLink, Claim, Review, Source, Suggestion
from factcheck.claims.sources import merge_sources
from tests.factories import PASSWORD, make_article, make_claim, make_source
from tests.test_permissions import SKIPPED_NAMESPACES, URLS, url_for, walk

WRONG = "not-the-password"
HOME_ADDRESS = "198.51.100.7"
OTHER_ADDRESS = "203.0.113.50"
LOCKED_OUT = "Too many failed logins"


# Login brute force (django-axes): five wrong passwords lock one username from one address for 15 minutes.


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True  # tests/conftest.py turns it off for every other module


def log_in(username, password, *, url="login", address=HOME_ADDRESS, headers=None):
    """Post the login form from a fresh browser at `address`; return the response and that browser."""
    browser = Client()
    response = browser.post(
        reverse(url), {"username": username, "password": password}, headers=headers, REMOTE_ADDR=address
    )
    return response, browser


def fail(username, times, *, url="login", address=HOME_ADDRESS):
    for _ in range(times):
        response, _ = log_in(username, WRONG, url=url, address=address)
        assert response.status_code in {200, 429}


def logged_in(browser) -> bool:
    return "_auth_user_id" in browser.session


def assert_locked_out(response, browser):
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not logged_in(browser)
    assert browser.get(reverse("claims:home"))["Location"].startswith(reverse("login"))


def test_four_wrong_passwords_only_show_the_form_error(axes_on, reviewer):
    for _ in range(4):
        response, browser = log_in("alice", WRONG)
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    response, browser = log_in("alice", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


def test_sixth_login_with_the_right_password_is_refused_after_five_wrong(axes_on, reviewer):
    fail("alice", 5)
    response, browser = log_in("alice", PASSWORD)
    assert_locked_out(response, browser)


def test_lockout_leaves_another_user_at_the_same_address_alone(axes_on, reviewer, second_reviewer):
    fail("alice", 5)
    response, browser = log_in("bob", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


def test_lockout_leaves_the_same_user_at_another_address_alone(axes_on, reviewer):
    fail("alice", 5)
    response, browser = log_in("alice", PASSWORD, address=OTHER_ADDRESS)
    assert response.status_code == 302
    assert logged_in(browser)


def test_forged_x_forwarded_for_does_not_escape_the_lockout(axes_on, reviewer):
    # No proxy is configured (NUM_PROXIES unset), so X-Forwarded-For comes from the client and must not count:
    # otherwise a new made-up address per guess gives unlimited guesses.
    for i in range(5):
        response, _ = log_in("alice", WRONG, headers={"X-Forwarded-For": f"8.8.4.{i}"})
    response, browser = log_in("alice", PASSWORD, headers={"X-Forwarded-For": "8.8.4.99"})
    assert_locked_out(response, browser)


# Which address axes sees behind NUM_PROXIES proxies: settings read it at import, so ask a fresh process.
CLIENT_IP_SCRIPT = """
import json, sys
import django
django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
seen = {}
for forwarded in json.loads(sys.argv[1]):
    login = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    seen[forwarded] = get_client_ip_address(login)
print(json.dumps(seen))
"""


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        # One proxy (nginx) appends the address it saw; a client may send a header of its own before it.
        ("1", {"203.0.113.50": "203.0.113.50", "8.8.4.1, 203.0.113.50": "203.0.113.50"}),
        # A CDN, then nginx: the CDN's entry holds the client's address, nginx's the CDN's.
        (
            "2",
            {
                "203.0.113.50, 198.51.100.20": "203.0.113.50",
                "8.8.4.1, 203.0.113.50, 198.51.100.20": "203.0.113.50",
            },
        ),
    ],
)
def test_behind_proxies_the_lockout_uses_the_address_the_proxies_saw(proxies, forwarded):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings", "NUM_PROXIES": proxies}
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", CLIENT_IP_SCRIPT, json.dumps(list(forwarded))],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == forwarded


def test_lockout_lasts_the_cool_off_then_lifts(axes_on, reviewer):
    fail("alice", 5)
    # Travel in time by moving the recorded failures back, as the clock would.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert_locked_out(*log_in("alice", PASSWORD))
    # That try, made while locked out, counts as a failure and starts the 15 minutes again.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert_locked_out(*log_in("alice", PASSWORD))
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response, browser = log_in("alice", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


def test_unlocking_the_account_lets_the_user_in_at_once(axes_on, reviewer):
    fail("alice", 5)
    assert reset(username="alice") == 1
    response, browser = log_in("alice", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


def test_a_successful_login_clears_earlier_failures(axes_on, reviewer):
    fail("alice", 4)
    assert log_in("alice", PASSWORD)[0].status_code == 302
    fail("alice", 4)
    response, browser = log_in("alice", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


def test_admin_login_locks_out_the_same_way(axes_on, editor):
    fail("erin", 5, url="admin:login")
    response, browser = log_in("erin", PASSWORD, url="admin:login")
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not logged_in(browser)
    assert browser.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_failures_on_both_login_forms_count_together(axes_on, editor):
    fail("erin", 3)
    fail("erin", 2, url="admin:login")
    assert_locked_out(*log_in("erin", PASSWORD))


def test_an_editor_can_unlock_a_locked_out_reviewer_in_the_admin(axes_on, reviewer, editor):
    # The lockout page tells the user to "ask an editor to unlock it".
    fail("alice", 5)
    attempt = AccessAttempt.objects.get(username="alice")
    desk = Client()
    desk.force_login(editor)
    assert desk.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    response = desk.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    response, browser = log_in("alice", PASSWORD)
    assert response.status_code == 302
    assert logged_in(browser)


# Password rules: Django's validators refuse weak passwords where accounts are made, in the admin.


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", password=PASSWORD)


WEAK_PASSWORDS = {
    "too short": ("Xy7#kq", "This password is too short"),
    "common": ("qwertyuiop", "This password is too common"),
    "numeric": ("84729163505", "This password is entirely numeric"),
    "like the username": ("Marguerite.Okafor!", "The password is too similar to the username"),
}


def add_user(client, username, password):
    data = {
        "username": username,
        "usable_password": "true",
        "password1": password,
        "password2": password,
        "role": "Reviewers",
    }
    return client.post(reverse("admin:auth_user_add"), data)


@pytest.mark.parametrize("case", WEAK_PASSWORDS)
def test_admin_refuses_a_new_user_with_a_weak_password(client, superuser, case):
    password, message = WEAK_PASSWORDS[case]
    client.force_login(superuser)
    response = add_user(client, "marguerite.okafor", password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="marguerite.okafor").exists()


def test_admin_creates_a_user_with_a_strong_password(client, superuser):
    client.force_login(superuser)
    password = "Tidal-Heron-Lantern-52"
    response = add_user(client, "marguerite.okafor", password)
    assert response.status_code == 302
    assert User.objects.get(username="marguerite.okafor").check_password(password)


def test_admin_refuses_a_weak_password_when_changing_one(client, superuser, reviewer):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[reviewer.pk]),
        {"usable_password": "true", "password1": "qwertyuiop", "password2": "qwertyuiop"},
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    reviewer.refresh_from_db()
    assert reviewer.check_password(PASSWORD)


# CSRF: every non-admin URL that takes a POST refuses one without a token, htmx or not, and changes nothing.


def _post_urls() -> list[str]:
    patterns = walk(get_resolver().url_patterns)
    names = {":".join([*ns, name]) for ns, name, _ in patterns if name and not SKIPPED_NAMESPACES & set(ns)}
    # A URL missing from test_permissions.URLS is kept in: its test fails and says so.
    return sorted(name for name in names if name not in URLS or URLS[name].expect["editor"][1] != 405)


POST_URLS = _post_urls()


@pytest.fixture
def targets(claim, editor):
    suggestion = Suggestion.objects.create(
        article=claim.article, text="the pier", start=4, end=12, chain=["The harbour authority"]
    )
    # Another name of the claim's source, from a merge, to split off; and a second record to merge.
    merge_sources(keep=claim.source, merge=make_source(name="Old Name"), by=editor)
    make_source(name="Twin Record")
    return claim, suggestion


def _request(name, claim, suggestion):
    """The URL and a POST that would succeed with a token: a real decision, import or login."""
    data = {
        "claims:decide": {"status": "disputed", "note": "The port denies it", "version": claim.version},
        "claims:import": {
            "title": "Bridge to reopen",
            "text": "The mayor said the bridge will reopen in June.",
        },
        "claims:decide_suggestion": {"action": "accept"},
        "claims:edit": {
            "text": "The pier closes",
            "passage": claim.article.text[claim.start : claim.end],
            "source": claim.source.name,
            "version": claim.version,
        },
        "claims:withdraw": {"reason": "Part of a headline", "version": claim.version},
        "claims:new_claim": {
            "text": "1,200 boats",
            "passage": "About 1,200 boats use the pier",
            "unattributed": "on",
        },
        "claims:merge_source": {"other": "Twin Record"},
        "login": {"username": "erin", "password": PASSWORD},
    }.get(name, {})
    return url_for(name, claim, suggestion), data


def _state(claim, suggestion):
    counts = tuple(model.objects.count() for model in (Article, Claim, Review, Suggestion, Source, ChainLink))
    claim.refresh_from_db()
    suggestion.refresh_from_db()
    return counts, claim.status, claim.version, suggestion.state


def test_post_urls_are_found():
    assert {"login", "logout", "claims:decide", "claims:import", "claims:accept_all"} <= set(POST_URLS)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", POST_URLS)
def test_post_without_csrf_token_is_403_and_changes_nothing(csrf_client, editor, targets, name, htmx):
    assert name in URLS, f"{name} has no row in test_permissions.URLS: add one"
    claim, suggestion = targets
    csrf_client.force_login(editor)
    session = csrf_client.session.session_key
    url, data = _request(name, claim, suggestion)
    before = _state(claim, suggestion)
    response = csrf_client.post(url, data, headers={"HX-Request": "true"} if htmx else None)
    assert response.status_code == 403
    assert _state(claim, suggestion) == before
    # Still logged in, in the same session: logout without a token logs nobody out.
    assert csrf_client.session.session_key == session
    assert csrf_client.session["_auth_user_id"] == str(editor.pk)


CHANGES_STATE = {
    "claims:decide",
    "claims:import",
    "claims:decide_suggestion",
    "claims:accept_all",
    "claims:edit",
    "claims:withdraw",
    "claims:new_claim",
    "claims:merge_source",
    "claims:split_alias",
}


@pytest.mark.parametrize("name", POST_URLS)
def test_post_with_the_pages_csrf_token_gets_through(csrf_client, editor, targets, name):
    """The twin of the test above: the same request with the token is accepted, so the 403 was the token's."""
    claim, suggestion = targets
    csrf_client.force_login(editor)
    csrf_client.get(reverse("claims:home"))
    url, data = _request(name, claim, suggestion)
    before = _state(claim, suggestion)
    response = csrf_client.post(url, data, headers={"X-CSRFToken": csrf_client.cookies["csrftoken"].value})
    assert response.status_code != 403
    if name in CHANGES_STATE:
        assert _state(claim, suggestion) != before
    if name == "logout":
        assert "_auth_user_id" not in csrf_client.session


@pytest.mark.parametrize("url", ["login", "admin:login"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_login_without_csrf_token_is_403(csrf_client, editor, url, htmx):
    response = csrf_client.post(
        reverse(url),
        {"username": "erin", "password": PASSWORD},
        headers={"HX-Request": "true"} if htmx else None,
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_login_with_the_forms_csrf_token_logs_in(csrf_client, editor):
    page = csrf_client.get(reverse("login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = csrf_client.post(
        reverse("login"), {"username": "erin", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert csrf_client.session["_auth_user_id"] == str(editor.pk)


# `manage.py check --deploy` is clean with the production environment, and fails without it.

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
    "ALLOWED_HOSTS": "factcheck.example.org",
    "HTTPS": "true",
}
# The variables a deployment sets, and the browser tests' async switch, which no deployment has.
SETTINGS_VARS = {
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARS}
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(  # noqa: S603 - a fixed command, no shell
        command, cwd=django_settings.BASE_DIR, env=base | env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_with_production_settings():
    assert len(PRODUCTION_ENV["SECRET_KEY"]) == 64
    result = deploy_check(PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output
    assert "WARNING" not in output


@pytest.mark.parametrize(
    ("unset", "override", "warning"),
    [
        ("SECRET_KEY", {}, "security.W009"),  # the development key
        (None, {"DEBUG": "true"}, "security.W018"),
        ("HTTPS", {}, "security.W004"),  # no HSTS, no redirect, cookies not secure
    ],
    ids=["dev secret key", "debug on", "no https"],
)
def test_deploy_check_fails_without_production_settings(unset, override, warning):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != unset} | override
    result = deploy_check(env)
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


# Security headers and CSP: no inline script runs except the page's own, nonced ones.


class Tags(HTMLParser):
    """Collect every <script>'s attributes and every inline event handler attribute."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def page_url(page, claim):
    return {
        "home": reverse("claims:home"),
        "queue": reverse("claims:queue"),
        "article": claim.get_absolute_url(),
        "import": reverse("claims:import"),
        "suggestions": reverse("claims:suggestions", args=[claim.article_id]),
    }[page]


@pytest.mark.parametrize("page", ["home", "queue", "article", "import", "suggestions"])
def test_reviewer_page_sends_security_headers_and_nonced_scripts_only(client, reviewer, claim, page):
    client.force_login(reviewer)
    response = client.get(page_url(page, claim))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    script_src = csp_directives(response)["script-src"]
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    nonces = [source[len("'nonce-") : -1] for source in script_src if source.startswith("'nonce-")]
    assert len(nonces) == 1 and len(nonces[0]) >= 16
    tags = Tags()
    tags.feed(response.content.decode())
    assert tags.scripts, "the page loads htmx and keys.js"
    for script in tags.scripts:
        assert script.get("src") or script.get("nonce") == nonces[0], script
        assert script.get("nonce", nonces[0]) == nonces[0], script
    assert not tags.handlers


def test_each_response_gets_a_fresh_nonce(client, reviewer):
    client.force_login(reviewer)
    first, second = (csp_directives(client.get(reverse("claims:home")))["script-src"] for _ in range(2))
    assert first != second


@pytest.mark.parametrize(("url", "persona"), [("login", None), ("admin:index", "editor")])
def test_login_and_admin_pages_carry_the_same_policy(client, editor, url, persona):
    if persona:
        client.force_login(editor)
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    directives = csp_directives(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    tags = Tags()
    tags.feed(response.content.decode())
    nonce = next(s[len("'nonce-") : -1] for s in directives["script-src"] if s.startswith("'nonce-"))
    assert all(script.get("src") or script.get("nonce") == nonce for script in tags.scripts)
    assert not tags.handlers


# Hostile text: stored exactly as given, always shown escaped.

RTL = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero-width space
COMBINING = "e\u0301"  # e + combining acute, not the precomposed é
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Caf{COMBINING} {RTL}gnp.exe{ZWSP} {SCRIPT} {IMG}"
HOSTILE_TEXT = (
    f"The harbour authority said that the caf{COMBINING} on the pier {SCRIPT} will close in May.\r\n"
    f"Residents{ZWSP} reportedly plan a protest {IMG} against the {RTL}closure.\r\n"
    "About 1,200 boats use the pier each year."
)
RAW = ["<script>alert(1)", "<img src=x onerror"]


def assert_shown_escaped(html: str, *values: str):
    for raw in RAW:
        assert raw not in html
    assert escape(SCRIPT, quote=False) in html
    for value in values:
        assert escape(value) in html or escape(value, quote=False) in html, value


def import_hostile_article(client) -> Article:
    response = client.post(reverse("claims:import"), {"title": HOSTILE_TITLE, "text": HOSTILE_TEXT})
    assert response.status_code == 302
    return Article.objects.get()


def test_imported_article_is_stored_exactly_as_given(client, reviewer):
    client.force_login(reviewer)
    article = import_hostile_article(client)
    article.refresh_from_db()
    assert article.title == HOSTILE_TITLE
    assert article.text == HOSTILE_TEXT.replace("\r\n", "\n")  # the import form's only change


@pytest.mark.parametrize("page", ["article", "suggestions", "home"])
def test_imported_article_is_shown_escaped(client, reviewer, page):
    client.force_login(reviewer)
    article = import_hostile_article(client)
    url = {
        "article": article.get_absolute_url(),
        "suggestions": reverse("claims:suggestions", args=[article.pk]),  # with the "Imported …" message
        "home": reverse("claims:home"),
    }[page]
    html = client.get(url).content.decode()
    shown = [HOSTILE_TITLE] if page == "home" else [HOSTILE_TITLE, *article.text.split("\n")]
    assert_shown_escaped(html, *shown)
    if page == "suggestions":
        assert f"Imported “{escape(HOSTILE_TITLE)}”" in html


@pytest.fixture
def hostile_claim(db):
    """A claim on the article's <script> passage, attributed to a source with a hostile name."""
    article = make_article(title=HOSTILE_TITLE, text=HOSTILE_TEXT.replace("\r\n", "\n"))
    source = make_source(name=f"{RTL}Harbour{ZWSP} Auth{COMBINING} {IMG}", description=f"Spokes {SCRIPT}")
    start = article.text.index(SCRIPT)
    return make_claim(article=article, start=start - 12, end=start + len(SCRIPT), source=source)


NOTE = f"Checked{ZWSP} with the port: {SCRIPT} {IMG} {RTL}deifirev caf{COMBINING}"


def test_review_note_is_stored_exactly_as_given(client, reviewer, hostile_claim):
    client.force_login(reviewer)
    response = client.post(
        reverse("claims:decide", args=[hostile_claim.pk]),
        {"status": "disputed", "note": NOTE, "version": hostile_claim.version},
    )
    assert response.status_code == 302
    assert hostile_claim.reviews.get().note == NOTE


@pytest.mark.parametrize("htmx", [False, True], ids=["article page", "htmx panel"])
def test_claim_panel_shows_note_source_and_claim_escaped(client, reviewer, hostile_claim, htmx):
    client.force_login(reviewer)
    client.post(
        reverse("claims:decide", args=[hostile_claim.pk]),
        {"status": "disputed", "note": NOTE, "version": hostile_claim.version},
    )
    if htmx:
        url = reverse("claims:claim_panel", args=[hostile_claim.pk])
        response = client.get(url, headers={"HX-Request": "true"})
    else:
        response = client.get(hostile_claim.get_absolute_url())
    html = response.content.decode()
    assert f'id="claim-panel-{hostile_claim.pk}"' in html
    source = hostile_claim.source
    assert_shown_escaped(html, NOTE, source.name, source.description, hostile_claim.text)


def test_queue_shows_hostile_claims_and_sources_escaped(client, reviewer, hostile_claim):
    client.force_login(reviewer)
    html = client.get(reverse("claims:queue")).content.decode()
    assert_shown_escaped(html, hostile_claim.source.name)


@pytest.mark.parametrize("url", ["admin:claims_article_changelist", "admin:claims_claim_changelist"])
def test_admin_lists_show_hostile_text_escaped(client, editor, hostile_claim, url):
    client.force_login(editor)
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert_shown_escaped(response.content.decode())
