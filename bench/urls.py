"""The app's URLs, plus /bench/baseline/: the cheapest page behind the same middleware, to compare to."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from factcheck.claims.models import Claim
from factcheck.urls import handler400, handler403, handler404, handler500
from factcheck.urls import urlpatterns as app_urlpatterns


@require_GET
def baseline(request: HttpRequest) -> HttpResponse:
    """One indexed query, a claim's status by primary key, and a tiny response."""
    pk = request.GET.get("pk", "")
    valid = pk.isascii() and pk.isdigit() and len(pk) <= 18  # anything longer is no row's id
    status = Claim.objects.filter(pk=int(pk)).values_list("status", flat=True).first() if valid else None
    return HttpResponse(status or "none", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *app_urlpatterns]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
