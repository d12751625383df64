"""The request types our views receive, for type checking: what the middleware has added by then."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request, once django-htmx's middleware has set `request.htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request to a view behind LoginRequiredMiddleware: `request.user` is a signed-in User."""

    user: "User"
