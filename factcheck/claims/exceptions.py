"""What the domain functions refuse, each a reason a caller turns into a message."""


class StaleClaim(Exception):
    """The claim changed after the reviewer loaded it."""


class NoteRequired(Exception):
    """A dispute must say why."""


class BadSpan(Exception):
    """The span does not lie inside the article text, or another claim has exactly this span already."""


class NothingToRecord(Exception):
    """The decision repeats the claim's status with no note or evidence: there is nothing new to keep."""


class NotPublishable(Exception):
    """Only a confirmed or disputed claim's review is made public, never an unverified or withdrawn one."""


class ClaimWithdrawn(StaleClaim):
    """The claim was withdrawn after the reviewer loaded it: there is nothing left to decide or edit."""


class BadLink(Exception):
    """Claims are linked only to a claim of another article, and by a relation the desk knows."""
