"""Error pages are the app's own: its layout, what happened, and a next step; never a bare error."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from factcheck import errors
from factcheck.claims import views
from tests.factories import HTMX


def assert_app_page(r, status, message):
    assert r.status_code == status
    html = r.content.decode()
    assert 'class="site-header"' in html
    assert message in html
    assert "What next" in html


def test_unknown_article_is_a_404_page_with_the_way_back(client, reviewer):
    client.force_login(reviewer)
    r = client.get(reverse("claims:article", args=[987654]))
    assert_app_page(r, 404, "There is no such page")
    assert f'href="{reverse("claims:home")}"' in r.content.decode()
    assert 'aria-label="Main"' in r.content.decode()  # the site's navigation


def test_an_account_without_a_role_is_told_why_and_can_log_out(client, outsider):
    client.force_login(outsider)
    r = client.get(reverse("claims:home"))
    assert_app_page(r, 403, "Your account has no role yet: an editor adds you to Reviewers")
    assert f'action="{reverse("logout")}"' in r.content.decode()
    assert client.post(reverse("logout")).status_code == 302


def test_a_reviewer_refused_something_is_not_told_they_have_no_role(rf, reviewer):
    request = rf.get("/")
    request.user = reviewer
    r = errors.permission_denied(request, PermissionDenied())
    assert r.status_code == 403
    assert "Your account may not do this." in r.content.decode()
    assert "no role" not in r.content.decode()


def test_a_forged_csrf_token_gets_a_page_that_says_what_to_do(csrf_client, reviewer, claim):
    csrf_client.force_login(reviewer)
    r = csrf_client.post(
        reverse("claims:decide", args=[claim.pk]),
        {"status": "confirmed", "version": claim.version, "csrfmiddlewaretoken": "forged" * 8},
    )
    assert_app_page(r, 403, "This form was out of date or came from another site")
    claim.refresh_from_db()
    assert claim.status == "unverified"


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_server_error_is_a_page_in_the_layout(client, reviewer, monkeypatch, headers):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "KeysetPager", broken)
    client.raise_request_exception = False
    client.force_login(reviewer)
    r = client.get(reverse("claims:home"), headers=headers)
    assert r.status_code == 500
    assert b"The server could not answer" in r.content
    assert b"data-error-message" in r.content
    assert (b'class="site-header"' in r.content) is not bool(headers)


def test_authenticated_pages_are_never_cached(client, reviewer, claim):
    client.force_login(reviewer)
    for url in [reverse("claims:home"), reverse("claims:queue"), claim.get_absolute_url()]:
        cache = client.get(url)["Cache-Control"]
        assert "private" in cache and "no-store" in cache, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/", "/queue/"])
def test_every_page_switches_off_browser_features_it_does_not_use(url):
    policy = Client().get(url)["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in policy


def test_a_refusal_carries_the_same_headers_as_any_page(client, reviewer):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"q": "\x00"})
    assert r.status_code == 400
    assert "camera=()" in r["Permissions-Policy"]
    assert "no-store" in r["Cache-Control"]
    assert "script-src" in r["Content-Security-Policy"]


POOL_SCRIPT = """
import json
from django.conf import settings
print(json.dumps(settings.DATABASES["default"]["OPTIONS"]["pool"]))
"""


@pytest.mark.parametrize(
    ("env", "pool"),
    [
        ({}, {"min_size": 1, "max_size": 4}),
        ({"DB_POOL_MIN": "0", "DB_POOL_MAX": "2"}, {"min_size": 0, "max_size": 2}),
    ],
)
def test_the_connection_pool_per_worker_is_set_from_the_environment(env, pool):
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/factcheck",
        **env,
    }
    if not env:
        environ.pop("DB_POOL_MIN", None)
        environ.pop("DB_POOL_MAX", None)
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", POOL_SCRIPT],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == pool
