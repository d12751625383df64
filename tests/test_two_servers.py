"""Two app servers over one database behave as one: nothing a reviewer does lives in a process."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"  # the test database is a file: both servers open it
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Server:
    """A gunicorn of its own, on a port of its own, over the test database."""

    def __init__(self):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "false"}
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "factcheck.wsgi",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
        for _ in range(100):
            try:
                self.request("GET", "/accounts/login/")
                return
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(self.process.stdout.read().decode())

    def request(
        self, method: str, path: str, cookies: dict | None = None, form: dict | None = None, **headers
    ):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items()), **headers}
        body = urlencode(form) if form is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            if cookies is not None:
                cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        return response.status, text

    def stop(self):
        self.process.terminate()
        self.process.communicate(timeout=10)  # and close its output


@pytest.fixture
def servers(transactional_db) -> Iterator[tuple[Server, Server]]:
    one, two = Server(), Server()
    yield one, two
    one.stop()
    two.stop()


def test_a_session_a_decision_and_a_conflict_are_shared_by_two_servers(servers, client, reviewer, claim):
    one, two = servers
    client.force_login(reviewer)  # a session in the database, as a login through either server makes
    cookies = {"sessionid": client.cookies["sessionid"].value}
    assert one.request("GET", reverse("claims:home"), cookies)[0] == 200  # and a CSRF cookie from one
    # Known to the other too: the session and the CSRF secret live in the database and the cookie.
    status, panel = two.request(
        "GET", reverse("claims:claim_panel", args=[claim.pk]), cookies, **{"HX-Request": "true"}
    )
    assert status == 200 and '<strong class="status status-unverified">' in panel
    decide = reverse("claims:decide", args=[claim.pk])
    headers = {"HX-Request": "true", "X-CSRFToken": cookies["csrftoken"]}
    decision = {"status": "confirmed", "note": "port notice", "version": claim.version}
    assert one.request("POST", decide, cookies, decision, **headers)[0] == 200
    # The other server sees it at once, and a decision there on the version both loaded is a conflict.
    status, panel = two.request(
        "GET", reverse("claims:claim_panel", args=[claim.pk]), cookies, **{"HX-Request": "true"}
    )
    assert '<strong class="status status-confirmed">' in panel
    stale = decision | {"status": "disputed", "note": "no, it is wrong"}
    status, answer = two.request("POST", decide, cookies, stale, **headers)
    assert status == 409 and "Not saved." in answer
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.reviews.count()) == ("confirmed", 2, 1)
