from factcheck.claims.database import status_totals
from factcheck.claims.models import Claim
from factcheck.claims.paging import shown_count


def queue_count(request):
    """The unverified count in the header ("10,000+" past the cap); a callable, so pages without it don't
    query."""
    return {
        "unverified_count": lambda: shown_count(
            status_totals(Claim.Status.UNVERIFIED)[Claim.Status.UNVERIFIED]
        )
    }
