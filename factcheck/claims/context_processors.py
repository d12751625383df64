from factcheck.claims.models import Claim


def queue_count(request):
    """The unverified count in the header; a callable, so pages that don't show it don't query."""
    return {"unverified_count": lambda: Claim.objects.in_queue().count()}
