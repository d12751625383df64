"""Many reviewers at once, on the same few claims: no decision is lost, duplicated or silently overwritten."""

import random
import re
import threading
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from factcheck.accounts.roles import REVIEWERS
from factcheck.claims.decisions import StaleClaim, record_decision
from factcheck.claims.models import Claim, Review
from tests.factories import PASSWORD, make_article, make_claim, make_user

STATUSES = ["confirmed", "disputed", "unverified"]


def make_reviewers(django_user_model, count):
    return [make_user(f"reviewer{i}", REVIEWERS) for i in range(count)]


def run_all(workers):
    """Start every worker at once and wait for all; re-raise the first error any of them hit."""
    errors = []
    barrier = threading.Barrier(len(workers))

    def wrap(work):
        try:
            barrier.wait()
            work()
        except BaseException as error:  # noqa: BLE001 (reported to the test below)
            errors.append(error)
        finally:
            connection.close()  # each thread had a connection of its own

    threads = [threading.Thread(target=wrap, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a reviewer thread hung"
    if errors:
        raise errors[0]


def check_history(claims, accepted, refused):
    """What the desk's record must show after the rush."""
    notes = list(Review.objects.values_list("note", flat=True))
    assert sorted(notes) == sorted(note for _, note in accepted), "an accepted decision is missing or doubled"
    assert not set(notes) & {note for _, note in refused}, "a refused decision was written"
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]):
        history = list(claim.reviews.order_by("pk"))
        # Each decision starts from the one before it: nothing was overwritten without being seen.
        assert [r.old_status for r in history] == ["unverified"] + [r.new_status for r in history[:-1]]
        assert claim.status == (history[-1].new_status if history else "unverified")
        assert claim.version == 1 + len(history)


@pytest.mark.django_db(transaction=True)
def test_reviewers_deciding_at_once_through_the_domain_function(django_user_model):
    article = make_article(text="x" * 300)
    claims = [make_claim(article=article, start=i * 10, end=i * 10 + 5) for i in range(4)]
    reviewers = make_reviewers(django_user_model, 8)
    accepted, refused, lock = [], [], threading.Lock()

    def reviewer_at_work(index, reviewer):
        rng = random.Random(index)
        for n in range(25):
            claim = Claim.objects.get(pk=rng.choice(claims).pk)
            stale = rng.random() < 0.3
            version = claim.version - 1 if stale and claim.version > 1 else claim.version
            status, note = rng.choice(STATUSES), f"{reviewer.username} #{n}"
            try:
                record_decision(claim=claim, reviewer=reviewer, status=status, note=note, version=version)
                outcome = accepted
            except StaleClaim:
                outcome = refused
            with lock:
                outcome.append((claim.pk, note))

    run_all([lambda i=i, r=r: reviewer_at_work(i, r) for i, r in enumerate(reviewers)])
    assert len(accepted) + len(refused) == 8 * 25
    assert accepted and refused, "the rush should produce both wins and conflicts"
    check_history(claims, accepted, refused)


class Browserless:
    """A reviewer's session over real HTTP: cookies, the CSRF token, htmx's headers."""

    def __init__(self, base_url, username):
        self.base = base_url
        self.opener = build_opener(HTTPCookieProcessor(jar := CookieJar()))
        self.jar = jar
        self.request("GET", reverse("login"))
        status, _ = self.request("POST", reverse("login"), {"username": username, "password": PASSWORD})
        assert status == 200, "login failed"

    def token(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, method, path, data=None, headers=None):
        body = urlencode({**(data or {}), "csrfmiddlewaretoken": self.token()}).encode() if data else None
        headers = {"Referer": self.base + path, **(headers or {})}
        try:
            with self.opener.open(Request(self.base + path, body, headers, method=method), timeout=60) as r:
                return r.status, r.read().decode()
        except HTTPError as error:
            return error.code, error.read().decode()


@pytest.mark.django_db(transaction=True)
def test_reviewers_deciding_at_once_through_the_http_server(django_user_model, live_server):
    article = make_article(text="x" * 300)
    claims = [make_claim(article=article, start=i * 10, end=i * 10 + 5) for i in range(3)]
    reviewers = make_reviewers(django_user_model, 6)
    accepted, refused, lock = [], [], threading.Lock()

    def reviewer_at_work(index, reviewer):
        close_old_connections()
        session = Browserless(live_server.url, reviewer.username)
        rng = random.Random(index)
        for n in range(10):
            claim = rng.choice(claims)
            status, page = session.request("GET", claim.get_absolute_url())
            assert status == 200
            version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
            if rng.random() < 0.3 and version > 1:
                version -= 1  # a reviewer who left the panel open too long
            note = f"{reviewer.username} #{n}"
            data = {"status": rng.choice(STATUSES), "note": note, "version": version}
            status, _ = session.request(
                "POST",
                reverse("claims:decide", args=[claim.pk]),
                data,
                {"HX-Request": "true", "X-CSRFToken": session.token()},
            )
            assert status in {200, 409}, f"unexpected {status}"
            with lock:
                (accepted if status == 200 else refused).append((claim.pk, note))

    run_all([lambda i=i, r=r: reviewer_at_work(i, r) for i, r in enumerate(reviewers)])
    assert len(accepted) + len(refused) == 6 * 10
    assert accepted and refused, "the rush should produce both wins and conflicts"
    check_history(claims, accepted, refused)
