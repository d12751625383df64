"""Read replicas: the read-heavy pages read from a PostgreSQL replica when one is configured.

Set DATABASE_REPLICA_URL and the settings add a "replica" database and this router. A request reads from the
replica only when it is a GET or HEAD and its browser wrote nothing in the last few seconds (a cookie says
so), so a reviewer always sees their own decision, however far the replica lags; every write, and every
read of a request that writes, goes to the primary.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
WROTE_COOKIE = "fc_wrote"
READ_OWN_WRITES_SECONDS = 10  # longer than any replica lag worth running with

reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        return REPLICA if reading_replica.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data, copied

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == "default"  # the replica follows the primary's schema by replication


class ReplicaReadsMiddleware:
    """Let the router send this request's reads to the replica, if it is a safe one from a browser that
    wrote nothing lately; after an unsafe request, mark the browser as having written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in {"GET", "HEAD"}
        token = reading_replica.set(safe and WROTE_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            reading_replica.reset(token)
        if not safe:
            response.set_cookie(
                WROTE_COOKIE, "1", max_age=READ_OWN_WRITES_SECONDS, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )  # fmt: skip
        return response
