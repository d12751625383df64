"""Error pages in the app's own layout, each saying what happened and what to do next.

An htmx request gets only the message (`error.html#error-message`): static/js/errors.js shows it in the
panel that made the request, and leaves what the reviewer typed where it was.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

TOO_LARGE = (
    "The request is larger than 2.5 MB, the most this app accepts, so nothing was read or saved. "
    "Articles can have up to 200,000 characters and uploads up to 2 MB."
)
TOO_MANY_FIELDS = "The form sent more than 1,000 fields, so nothing was read or saved."
NOT_UTF8 = (
    "The form was not sent as UTF-8 (charset=utf-8), so nothing was read or saved. Reload and try again."
)
NUL_IN_ADDRESS = "The address contains a NUL character (%00), so nothing was looked up."
UNREADABLE = "The request could not be read, so nothing was saved. Reload the page and try again."

TITLES = {
    400: "The request could not be read",
    403: "Not allowed",
    404: "Not found",
    413: "Too large",
    500: "Something went wrong",
}
MESSAGES = {
    403: "Your account may not do this.",
    404: "There is no such page: the address is wrong, or what it showed was deleted.",
    413: TOO_LARGE,
    500: "The server could not answer. Your last change may not have been saved: reload the page to check.",
}
NO_ROLE = (
    "Your account has no role yet: an editor adds you to Reviewers (or Editors). "
    "Until then you can only log out."
)
CSRF = (
    "This form was out of date or came from another site, so nothing was saved. "
    "Reload the page and try again; if you were logged out meanwhile, log in again first."
)


def render_error(request: HttpRequest, status: int, message: str = "", no_role: bool = False) -> HttpResponse:
    title = TITLES.get(status, TITLES[400])
    context = {"status": status, "title": title, "message": message or MESSAGES[status], "no_role": no_role}
    partial = request.headers.get("HX-Request") == "true"
    template = "error.html#error-message" if partial else "error.html"
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, TooManyFieldsSent):
        return render_error(request, 400, TOO_MANY_FIELDS)
    if isinstance(exception, RequestDataTooBig):
        return render_error(request, 413)
    return render_error(request, 400, UNREADABLE)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    user = request.user
    no_role = user.is_authenticated and not user.is_superuser and not user.groups.exists()
    return render_error(request, 403, NO_ROLE if no_role else "", no_role=no_role)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render_error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: they may need the database that just failed.
    context = {"status": 500, "title": TITLES[500], "message": MESSAGES[500]}
    partial = request.headers.get("HX-Request") == "true"
    template = loader.get_template("error.html#error-message" if partial else "error.html")
    return HttpResponse(template.render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render_error(request, 403, CSRF)
