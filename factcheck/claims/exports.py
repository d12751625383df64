"""Claims as CSV, streamed: a million rows never sit in memory, on either database.

The rows are read in batches along the queue's order (keyset: each batch starts after the last row of the
one before, off the same index the queue pages use), each batch with its chains in one more query; each row
is written as it is read. A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a
carriage return) is written with an apostrophe before it, so an exported claim never runs anything.
"""

import csv
from collections.abc import Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from factcheck.claims.models import Claim, ClaimQuerySet
from factcheck.claims.paging import KeysetPager

BATCH = 2_000
# The queue's order, and the export's, so that every page and batch is a range of
# claim_article_order_idx or claim_queue_idx.
QUEUE_ORDER = ("article_id", "start", "pk")

COLUMNS = [
    "claim id",
    "claim",
    "status",
    "attributed to",
    "chain (outermost first)",
    "cue",
    "hedge",
    "unattributed",
    "assigned to",
    "article id",
    "article",
    "article URL",
    "start",
    "end",
    "last changed",
    "link",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    """The cell as text, defused if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def row(claim: Claim, link: str) -> list[str]:
    return [
        safe(v)
        for v in (
            claim.pk,
            claim.text,
            claim.status,
            claim.source.name if claim.source else "",
            " > ".join(source.name for source in claim.chain),
            claim.cue,
            claim.hedge,
            "yes" if claim.unattributed else "no",
            claim.assignee.get_username() if claim.assignee else "",
            claim.article_id,
            claim.article.title,
            claim.article.url,
            claim.start,
            claim.end,
            claim.updated_at.isoformat(timespec="seconds"),
            link,
        )
    ]


def batches(claims: ClaimQuerySet) -> Iterator[list[Claim]]:
    """`claims` in the queue's order, BATCH at a time, each batch with its chains."""
    pager = KeysetPager(claims.prefetch_related(None).with_chain(), QUEUE_ORDER, BATCH)
    ordered = pager.rows.order_by(*QUEUE_ORDER)
    batch = list(ordered[:BATCH])
    while batch:
        yield batch
        if len(batch) < BATCH:
            return
        last = [getattr(batch[-1], name) for name in QUEUE_ORDER]
        batch = list(pager.beyond(ordered, last)[:BATCH])


class Line:
    """What csv.writer writes to: it hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_response(request: HttpRequest, claims: ClaimQuerySet, name: str) -> StreamingHttpResponse:
    """`claims` as a CSV download, streamed batch by batch."""
    writer = csv.writer(Line())
    base = request.build_absolute_uri("/")[:-1]

    def lines() -> Iterator[str]:
        yield "\ufeff"  # a byte-order mark: spreadsheets then read the file as UTF-8
        yield writer.writerow(COLUMNS)
        for batch in batches(claims):
            for claim in batch:
                yield writer.writerow(row(claim, base + claim.get_absolute_url()))

    day = timezone.localdate().isoformat()
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="factcheck-{name}-{day}.csv"'
    return response
