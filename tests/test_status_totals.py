"""The header's and the whole queue's counts come from totals the database keeps: always the true counts."""

import pytest
from django.db import connection

from factcheck.claims.database import status_totals
from factcheck.claims.decisions import record_decision, restore_claim, withdraw_claim
from factcheck.claims.models import Claim
from tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def true_counts() -> dict[str, int]:
    return {value: Claim.objects.current().filter(status=value).count() for value in Claim.Status.values}


def test_the_totals_follow_every_kind_of_change(reviewer):
    article = make_article(text="w" * 600)
    claims = [make_claim(article=article, start=i * 6, end=i * 6 + 5) for i in range(12)]
    assert status_totals() == true_counts() == {"unverified": 12, "confirmed": 0, "disputed": 0}
    record_decision(claim=claims[0], reviewer=reviewer, status="confirmed", note="", version=1)
    record_decision(claim=claims[1], reviewer=reviewer, status="disputed", note="No", version=1)
    withdraw_claim(claim=claims[2], by=reviewer, version=1, reason="A caption")
    assert status_totals() == true_counts() == {"unverified": 9, "confirmed": 1, "disputed": 1}
    claims[2].refresh_from_db()
    restore_claim(claim=claims[2], by=reviewer, version=claims[2].version)
    Claim.objects.filter(pk__in=[c.pk for c in claims[3:6]]).update(status="confirmed")  # a bulk action
    Claim.objects.filter(pk__in=[c.pk for c in claims[6:8]]).delete()
    Claim.objects.bulk_create(
        Claim(article=article, text="x", start=100 + i, end=101 + i, unattributed=True, status="disputed")
        for i in range(4)
    )
    assert status_totals() == true_counts() == {"unverified": 5, "confirmed": 4, "disputed": 5}


def test_the_totals_are_one_read_on_postgresql_and_capped_counts_on_sqlite(django_assert_num_queries):
    make_claim()
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else len(Claim.Status.values)):
        totals = status_totals()
    assert totals["unverified"] == 1
    if connection.vendor == "postgresql":  # kept by triggers, not counted: even past the cap they are exact
        with connection.cursor() as cursor:
            cursor.execute("SELECT n FROM claims_status_total WHERE status = 'unverified'")
            assert cursor.fetchone() == (1,)
