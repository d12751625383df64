"""Which address a request came from, for the login lockout, without trusting what a client can forge."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind NUM_PROXIES proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the last
    NUM_PROXIES entries were written by proxies we run; anything before them came from the client.
    """
    if settings.NUM_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "")
