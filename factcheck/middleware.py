"""Guards that run before anything reads a request, and headers every response carries."""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from factcheck import errors
from factcheck.http import HtmxHttpRequest

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# The browser features no page of ours uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "usb",
        "screen-wake-lock", "serial", "xr-spatial-tracking",
    )
)  # fmt: skip


class RequestGuardMiddleware:
    """Refuse what no view can use before anything parses it: too large, wrongly encoded, NUL bytes.

    It refuses in its own call, before any middleware's process_view (CSRF's reads the body) and the view,
    so those never see such a request; and it adds the headers every page carries.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.refuse(request) or self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Pages for one reviewer: no shared cache, and no copy left on the device after logging out.
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse | None:
        try:
            declared = int(request.headers.get("content-length") or 0)
        except ValueError:
            declared = 0  # Django reads no body at all then
        if declared > settings.REQUEST_BODY_MAX_BYTES:
            return errors.render_error(request, 413)
        if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return errors.render_error(request, 400, errors.NUL_IN_ADDRESS)
        # Django reads forms as UTF-8 only, and would fail on any other charset inside its own handlers.
        charset = (request.content_params or {}).get("charset", "utf-8").strip().lower()
        if request.content_type in FORM_TYPES and charset != "utf-8":
            return errors.render_error(request, 400, errors.NOT_UTF8)
        return None


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's, but a request from an ended session comes back, after logging in, to the page it left.

    htmx requests make the whole page go to the login page rather than swap it into a panel; a form post
    returns to the page the form was on, never to its POST-only URL. What the reviewer typed is kept in
    the browser's tab meanwhile (static/js/drafts.js), never on the server for a visitor not logged in.
    """

    # Narrower than Django's on both ends: django-htmx's middleware has run by the time process_view calls
    # this, and an htmx client redirect is no HttpResponseRedirect, which Django's caller never needs.
    def handle_no_permission(self, request: HtmxHttpRequest, view_func) -> HttpResponse:  # type: ignore[override]
        if request.method == "GET" and not request.htmx:
            return super().handle_no_permission(request, view_func)
        match = request.resolver_match
        if request.method == "POST" and match and match.view_name == "claims:decide":
            back = resolve_url("claims:claim_panel", match.kwargs["pk"])  # which opens the claim's page
        else:
            back = self.page_left(request)
        next_field = QueryDict.fromkeys([self.get_redirect_field_name(view_func)], back).urlencode()
        login = f"{resolve_url(self.get_login_url(view_func))}?{next_field}"
        return HttpResponseClientRedirect(login) if request.htmx else HttpResponseRedirect(login)

    @staticmethod
    def page_left(request: HttpRequest) -> str:
        """The page the request came from (htmx's current URL, else the referrer), if it is one of ours."""
        came_from = request.headers.get("HX-Current-URL") or request.headers.get("Referer") or ""
        if came_from and url_has_allowed_host_and_scheme(
            came_from, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(came_from)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return resolve_url(settings.LOGIN_REDIRECT_URL)
