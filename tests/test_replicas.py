"""With a read replica configured, the read-heavy pages read from it, and nobody misses their own writes."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.replicas import REPLICA, WROTE_COOKIE, ReplicaReadsMiddleware, ReplicaRouter, reading_replica


def seen_by_view(request):
    """What the router answers for a read, from inside the view of `request`."""
    seen = {}

    def view(request):
        seen["db"] = ReplicaRouter().db_for_read(Claim)
        return HttpResponse()

    response = ReplicaReadsMiddleware(view)(request)
    return seen["db"], response


@pytest.fixture
def with_replica(monkeypatch):
    # What the router checks; the connections themselves are not needed to ask it.
    monkeypatch.setitem(settings.DATABASES, REPLICA, settings.DATABASES["default"])


def test_a_get_reads_from_the_replica_and_a_post_from_the_primary(with_replica):
    db, response = seen_by_view(RequestFactory().get("/queue/"))
    assert db == REPLICA and WROTE_COOKIE not in response.cookies
    db, response = seen_by_view(RequestFactory().post("/claims/1/decide/"))
    assert db is None  # Django's default: the primary
    assert response.cookies[WROTE_COOKIE]["max-age"] == 10
    assert ReplicaRouter().db_for_write(Claim) == "default"


def test_after_writing_a_browser_reads_the_primary_for_a_while(with_replica):
    request = RequestFactory().get("/articles/1/")
    request.COOKIES[WROTE_COOKIE] = "1"
    assert seen_by_view(request)[0] is None
    assert reading_replica.get() is False  # and nothing leaks past the request


def test_without_a_replica_everything_reads_the_primary():
    assert seen_by_view(RequestFactory().get("/queue/"))[0] is None


# End to end, in a process of its own, whose settings read DATABASE_REPLICA_URL at import: the replica is
# the same PostgreSQL database under a second alias, so which alias each query went through is what counts.
THROUGH_BOTH = """
import json, sys
import django
django.setup()
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth.models import User
client = Client(HTTP_HOST="localhost")
client.force_login(User.objects.get(username="alice"))
seen = []
for method, url in json.loads(sys.argv[1]):
    with CaptureQueriesContext(connections["default"]) as primary:
        with CaptureQueriesContext(connections["replica"]) as replica:
            response = getattr(client, method)(url, {"status": "confirmed", "note": "n", "version": 1})
    seen.append([response.status_code, len(primary), len(replica)])
print(json.dumps(seen))
"""


def test_a_replica_beside_sqlite_is_refused_with_a_message():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["DATABASE_REPLICA_URL"] = "postgres://postgres@127.0.0.1:5432/elsewhere"
    script = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)  # noqa: S603
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL needs PostgreSQL" in result.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="replicas are PostgreSQL's: see the test above")
def test_pages_read_the_replica_and_decisions_write_the_primary(transactional_db, reviewer, claim):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URL": url}
    steps = [["get", reverse("claims:queue")], ["post", reverse("claims:decide", args=[claim.pk])]]
    steps += [["get", reverse("claims:queue")]]  # just after the decision: from the primary
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", THROUGH_BOTH, json.dumps(steps)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    # (status, queries on the primary, queries on the replica) for each step.
    first, decision, after = json.loads(result.stdout.strip().splitlines()[-1])
    assert first[0] == 200 and first[1] == 0 and first[2] > 0  # session, user, claims: all from the replica
    assert decision[0] == 302 and decision[1] > 0 and decision[2] == 0  # a write: all on the primary
    assert after[0] == 200 and after[1] > 0 and after[2] == 0  # the reviewer's own decision, seen
    claim.refresh_from_db()
    assert claim.status == "confirmed"
