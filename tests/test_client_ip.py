"""Behind a proxy, the login lockout takes the client's address from X-Forwarded-For, whatever it holds."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from factcheck.accounts.client_ip import as_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("entry", "address"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("203.0.113.5:51234", "203.0.113.5"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("unknown", None),
        ("garbage<script>", None),
        ("999.1.1.1", None),
        ("203.0.113.5:port", None),
        ("_hidden", None),
    ],
)
def test_forwarded_entries_are_read_as_addresses(entry, address):
    assert as_address(entry) == address


@pytest.mark.parametrize(
    ("forwarded", "recorded"),
    [
        ("203.0.113.5:51234", "203.0.113.5"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("unknown", "10.0.0.2"),
        ("garbage", "10.0.0.2"),
        ("\x7f\x00", "10.0.0.2"),
    ],
)
def test_login_behind_one_proxy_works_with_any_forwarded_entry(
    settings, reviewer, forwarded, recorded, caplog
):
    settings.NUM_PROXIES = 1
    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="10.0.0.2")
    r = client.post(
        reverse("login"), {"username": "alice", "password": "wrong"}, headers={"X-Forwarded-For": forwarded}
    )
    assert r.status_code == 200
    assert AccessAttempt.objects.get().ip_address == recorded
    if recorded == "10.0.0.2":
        assert "is no address" in caplog.text
    r = client.post(
        reverse("login"),
        {"username": "alice", "password": "a-long-test-password"},
        headers={"X-Forwarded-For": forwarded},
    )
    assert r.status_code == 302  # logged in
