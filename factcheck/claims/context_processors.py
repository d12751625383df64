from factcheck.claims.models import Claim
from factcheck.claims.paging import capped_count, shown_count


def queue_count(request):
    """The unverified count in the header, capped ("10,000+"); a callable, so pages without it don't query."""
    return {"unverified_count": lambda: shown_count(capped_count(Claim.objects.in_queue()))}
