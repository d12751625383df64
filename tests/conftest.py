import sys

import pytest
from django.db import connection
from django.test import Client

from factcheck.accounts.roles import EDITORS, REVIEWERS
from tests.factories import make_claim, make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, dropped at the end even if a thread still holds a connection to it.

    On PostgreSQL, a live-server request the browser left in flight when its test ended (a lazy fragment
    fetched as the page closed) can keep its pooled connection, and DROP DATABASE refuses a database in
    use. Those sessions are ended first, and named, so that a leak is seen rather than hidden.
    """
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid), query FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for _, query in cursor.fetchall():
            print(f"ended a session left open on the test database: {query[:200]}", file=sys.stderr)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The client's login() passes no request, which django-axes needs; test_security.py turns it back on.
    settings.AXES_ENABLED = False


@pytest.fixture
def reviewer(django_user_model):
    """Alice reviews claims."""
    return make_user("alice", REVIEWERS)


@pytest.fixture
def second_reviewer(django_user_model):
    """Bob reviews claims too, sometimes the same ones as Alice."""
    return make_user("bob", REVIEWERS)


@pytest.fixture
def editor(django_user_model):
    """Erin runs the desk in the admin."""
    return make_user("erin", EDITORS, is_staff=True)


@pytest.fixture
def outsider(django_user_model):
    """Oscar can log in but belongs to no newsroom role."""
    return make_user("oscar")


@pytest.fixture
def claim(db):
    return make_claim()


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens the way a browser request is checked."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def editor_client(client, editor):
    """A browser logged in as Erin, an editor."""
    client.force_login(editor)
    return client
