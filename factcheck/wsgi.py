"""WSGI entry point: `gunicorn factcheck.wsgi`."""

import io
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django_application = get_wsgi_application()


def application(environ, start_response):
    """Django, given a declared length for a body sent without one (chunked), read up to the limit only.

    Django reads no body without a Content-Length. Reading at most one byte past the limit bounds what a
    chunked upload can cost; a body past it is declared one byte too long, and RequestGuardMiddleware
    refuses it with a 413 like any other.
    """
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    # wsgi.input_terminated: the server (gunicorn) ends the stream with the body, so reading cannot hang.
    if chunked and not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
        body = read_at_most(environ["wsgi.input"], settings.REQUEST_BODY_MAX_BYTES + 1)
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    return django_application(environ, start_response)


def read_at_most(stream, size: int) -> bytes:
    """Up to `size` bytes of the stream, however few each read returns."""
    parts, left = [], size
    while left and (part := stream.read(min(left, 65536))):
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
