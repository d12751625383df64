"""Requests that would make the server do unbounded work, or that it can't read, are refused up front."""

import io
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from factcheck.claims.models import Article, Claim, Review
from factcheck.wsgi import application
from tests.factories import HTMX

LIMIT = settings.REQUEST_BODY_MAX_BYTES
TOO_LARGE = b"larger than 2.5 MB"


class Body(io.RawIOBase):
    """A request body of `size` bytes that counts how much of it the server read."""

    def __init__(self, size: int, chunk: bytes = b"x"):
        self.left, self.chunk, self.taken = size, chunk, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = (self.chunk * (n // len(self.chunk) + 1))[:n]
        self.left -= n
        self.taken += n
        return n


def multipart(size: int) -> tuple[str, Body]:
    """A multipart form whose one file part makes it `size` bytes long, the way a browser sends it."""
    head = (
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    tail = b"\r\n--B--\r\n"
    return "multipart/form-data; boundary=B", Joined(head, Body(size - len(head) - len(tail)), tail)


class Joined(io.RawIOBase):
    """head + a counted body + tail, read as one stream; `taken` is how much was read in all."""

    def __init__(self, head: bytes, body, tail: bytes):
        self.parts = [io.BytesIO(head), body, io.BytesIO(tail)]
        self.taken = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        while self.parts:
            data = self.parts[0].read(len(buffer))
            if data:
                buffer[: len(data)] = data
                self.taken += len(data)
                return len(data)
            self.parts.pop(0)
        return 0


@contextmanager
def served_as_by_gunicorn():
    """Call the real WSGI entry point; keep the test's database transaction open across the request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wsgi_post(path: str, stream, content_type: str, length: int | None, cookies: str = "", **extra):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookies,
        "CONTENT_TYPE": content_type,
        "wsgi.input": stream,
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }
    if length is not None:
        environ["CONTENT_LENGTH"] = str(length)
    status = []
    with served_as_by_gunicorn():
        result = application(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            content = b"".join(result)
        finally:
            result.close()
    return int(status[0].split()[0]), content


def cookies_of(client) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/claims/1/decide/", "/admin/login/"])
def test_anonymous_upload_past_the_limit_is_refused_unread(path):
    content_type, stream = multipart(300 * LIMIT)  # the 300 MB of the report would take as long; same rule
    status, content = wsgi_post(path, stream, content_type, length=300 * LIMIT)
    assert status == 413
    assert TOO_LARGE in content
    assert b'class="site-header"' in content  # the app's own page, not a bare error
    assert stream.taken == 0  # nothing read: nothing written to memory or a temporary file


def test_reviewers_upload_past_the_limit_is_refused_before_the_import_reads_it(client, reviewer):
    client.force_login(reviewer)
    content_type, stream = multipart(40 * LIMIT)
    status, content = wsgi_post("/articles/import/", stream, content_type, 40 * LIMIT, cookies_of(client))
    assert (status, stream.taken) == (413, 0)
    assert TOO_LARGE in content
    assert not Article.objects.exists()


def test_a_body_without_a_declared_length_is_cut_off_at_the_limit(client, reviewer):
    client.force_login(reviewer)
    content_type, stream = multipart(40 * LIMIT)
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    status, content = wsgi_post(
        "/articles/import/", stream, content_type, None, cookies_of(client), **chunked
    )
    assert status == 413
    assert stream.taken == LIMIT + 1  # read while it streamed, and no further than one byte past the limit
    assert not Article.objects.exists()


def test_a_small_body_without_a_declared_length_is_read_as_usual(client, reviewer):
    client.get(reverse("login"))  # the CSRF cookie, as a browser gets it from the login page
    token = client.cookies["csrftoken"].value
    body = io.BytesIO(f"username=alice&password=a-long-test-password&csrfmiddlewaretoken={token}".encode())
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    status, _ = wsgi_post(
        "/accounts/login/", body, "application/x-www-form-urlencoded", None, cookies_of(client), **chunked
    )
    assert status == 302  # the form read the username and password from the streamed body, and logged in


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_decision_over_the_limit_says_so_in_the_panel(client, reviewer, claim, headers):
    client.force_login(reviewer)
    data = {"status": "confirmed", "version": claim.version, "note": "x" * (LIMIT + 10)}
    r = client.post(reverse("claims:decide", args=[claim.pk]), data, headers=headers)
    assert r.status_code == 413
    assert TOO_LARGE in r.content
    assert (b"<html" in r.content) is not bool(headers)  # htmx gets the message alone, for the panel
    assert b"data-error-message" in r.content
    claim.refresh_from_db()
    assert (claim.status, Review.objects.count()) == ("unverified", 0)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_more_than_a_thousand_fields_get_a_clear_message(client, reviewer, claim, headers):
    client.force_login(reviewer)
    data = {"status": "confirmed", "version": claim.version, **{f"f{i}": "x" for i in range(1001)}}
    r = client.post(reverse("claims:decide", args=[claim.pk]), data, headers=headers)
    assert r.status_code == 400
    assert b"more than 1,000 fields" in r.content
    assert (b"<html" in r.content) is not bool(headers)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED


CHARSETS = ["latin-1", "utf-16", "ascii", "cp1252", "iso-8859-15", "nonsense"]


@pytest.mark.django_db
@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_a_form_in_another_charset_is_refused_with_a_message(client, url, charset):
    r = client.generic(
        "POST",
        url,
        b"username=alice&password=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert r.status_code == 400
    assert b"not sent as UTF-8" in r.content
    assert b'class="site-header"' in r.content


@pytest.mark.parametrize("charset", CHARSETS)
def test_a_decision_in_another_charset_changes_nothing(client, reviewer, claim, charset):
    client.force_login(reviewer)
    r = client.generic(
        "POST",
        reverse("claims:decide", args=[claim.pk]),
        f"status=confirmed&version={claim.version}".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers=HTMX,
    )
    assert r.status_code == 400
    assert b"not sent as UTF-8" in r.content
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED


def test_a_form_declared_utf8_in_capitals_is_read(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.generic(
        "POST",
        reverse("claims:decide", args=[claim.pk]),
        f"status=confirmed&note=ok&version={claim.version}".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
        headers=HTMX,
    )
    assert r.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CONFIRMED


@pytest.mark.parametrize(
    "url",
    [
        "/admin/claims/claim/?q=%00",
        "/admin/claims/claim/?status__exact=%00",
        "/admin/claims/claim/?article__id__exact=1%00",
        "/admin/claims/source/?q=pier%00",
        "/admin/autocomplete/?term=%00&app_label=claims&model_name=claim&field_name=source",
        "/queue/?q=%00",
    ],
)
def test_a_nul_byte_in_an_address_is_refused(client, editor, url):
    client.force_login(editor)
    r = client.get(url)
    assert r.status_code == 400
    assert b"NUL character" in r.content
