"""Which address a request came from, for the login lockout, without trusting what a client can forge."""

import ipaddress
import logging
import re

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
# "203.0.113.5:443" and "[2001:db8::1]:443": proxies that write the client's port as well.
WITH_PORT = re.compile(r"^\[(?P<v6>[^\]]+)\](?::\d+)?$|^(?P<v4>[\d.]+):\d+$")


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind NUM_PROXIES proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the last
    NUM_PROXIES entries were written by proxies we run; anything before them came from the client. An
    entry that is no address ("unknown", garbage) falls back to the connecting address, and is logged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.NUM_PROXIES:
        forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
        if len(forwarded) >= settings.NUM_PROXIES:
            entry = forwarded[-settings.NUM_PROXIES]
            if address := as_address(entry):
                return address
            logger.warning("X-Forwarded-For entry %r is no address; using %s", entry[:100], remote)
    return remote


def as_address(entry: str) -> str | None:
    """The IP address in a forwarded entry, with any port dropped; None if there is none."""
    if m := WITH_PORT.match(entry):
        entry = m.group("v6") or m.group("v4")
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None
